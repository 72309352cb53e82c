#include "ingest/byte_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

namespace newsmine {
namespace {

constexpr size_t kChunkBytes = 64 << 10;

// Files of kDirectMinFileBytes and more are read with O_DIRECT, around the
// page cache: newsmine reads an archive once, front to back, so caching it
// buys nothing, and copying it out of the cache took a tenth of the CPU time
// of a run on our test machine (docs/performance.md). Smaller files (a folder
// of pages) go through the cache, where a direct read would wait on the disk
// for each file.
constexpr uint64_t kDirectMinFileBytes = 1 << 20;
// Direct reads need buffer, offset and size aligned to the device's logical
// block (kReadAlignment): a chunk is a multiple of it.
constexpr size_t kDirectChunkBytes = 4 << 20;
static_assert(kDirectChunkBytes % kReadAlignment == 0);

class FileStream : public ByteStream {
 public:
  FileStream(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FileStream() override {
    if (owned_) close(fd_);
  }

  // Switches to direct reads, a chunk at a time into an aligned buffer, when
  // the file is large enough and its file system takes them.
  void ReadDirectIfLarge() {
    struct stat st;
    if (fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<uint64_t>(st.st_size) < kDirectMinFileBytes) {
      return;
    }
    const int flags = fcntl(fd_, F_GETFL);
    if (flags < 0) return;
    chunk_.reset(static_cast<char*>(std::aligned_alloc(kReadAlignment, kDirectChunkBytes)));
    if (chunk_ && fcntl(fd_, F_SETFL, flags | O_DIRECT) != 0) chunk_.reset();
  }

  Status Read(char* buffer, size_t n, size_t* got) override {
    if (!chunk_) return ReadFd(buffer, n, got);
    if (chunk_pos_ == chunk_size_) {
      // A whole aligned chunk asked for goes straight to the caller (a
      // BufferedStream asks so): the file offset is aligned too, as every
      // direct read so far was whole but at the file's end.
      if (n >= kDirectChunkBytes && reinterpret_cast<uintptr_t>(buffer) % kReadAlignment == 0) {
        return ReadFd(buffer, kDirectChunkBytes, got);
      }
      chunk_pos_ = chunk_size_ = 0;
      if (Status s = ReadFd(chunk_.get(), kDirectChunkBytes, &chunk_size_); !s.ok()) return s;
    }
    *got = std::min(n, chunk_size_ - chunk_pos_);
    std::memcpy(buffer, chunk_.get() + chunk_pos_, *got);
    chunk_pos_ += *got;
    return Status::Ok();
  }

  size_t PreferredReadBytes() const override { return chunk_ ? kDirectChunkBytes : 0; }

 private:
  Status ReadFd(char* buffer, size_t n, size_t* got) {
    for (;;) {
      const ssize_t r = read(fd_, buffer, n);
      if (r >= 0) {
        *got = static_cast<size_t>(r);
        return Status::Ok();
      }
      if (errno == EINVAL && chunk_) {
        // The file system refuses this direct read (an alignment it does not
        // take, or an offset left unaligned by a short read): the rest goes
        // through the page cache.
        const int flags = fcntl(fd_, F_GETFL);
        if (flags >= 0 && (flags & O_DIRECT) && fcntl(fd_, F_SETFL, flags & ~O_DIRECT) == 0) continue;
      }
      if (errno != EINTR) return Status::IoError("cannot read " + name_ + ": " + std::strerror(errno));
    }
  }

  struct Free {
    void operator()(char* p) const { std::free(p); }
  };

  int fd_;
  bool owned_;
  std::string name_;
  // Direct reads only: the chunk read last, and how much of it was served.
  std::unique_ptr<char, Free> chunk_;
  size_t chunk_pos_ = 0, chunk_size_ = 0;
};

class StringStream : public ByteStream {
 public:
  explicit StringStream(std::string bytes) : bytes_(std::move(bytes)) {}
  Status Read(char* buffer, size_t n, size_t* got) override {
    *got = std::min(n, bytes_.size() - pos_);
    std::memcpy(buffer, bytes_.data() + pos_, *got);
    pos_ += *got;
    return Status::Ok();
  }

 private:
  std::string bytes_;
  size_t pos_ = 0;
};

class GzipStream : public ByteStream {
 public:
  GzipStream(std::unique_ptr<ByteStream> in, size_t max_ratio)
      : in_(std::move(in)), max_ratio_(max_ratio), input_(kChunkBytes, '\0') {
    std::memset(&z_, 0, sizeof(z_));
    // 16 + MAX_WBITS: gzip framing only.
    ok_ = inflateInit2(&z_, 16 + MAX_WBITS) == Z_OK;
  }
  ~GzipStream() override {
    if (ok_) inflateEnd(&z_);
  }

  Status Read(char* buffer, size_t n, size_t* got) override {
    *got = 0;
    if (!ok_) return Status::Corrupt("cannot start gzip decompression");
    while (*got == 0 && n > 0 && !done_) {
      if (z_.avail_in == 0) {
        Status s = FillInput();
        if (!s.ok()) return s;
        if (z_.avail_in == 0) {
          if (in_member_) return TruncatedError();
          done_ = true;
          break;
        }
      }
      if (!in_member_) {
        // Between members: anything but the gzip magic is trailing padding.
        if (static_cast<unsigned char>(*z_.next_in) != 0x1f) {
          done_ = true;
          break;
        }
        in_member_ = true;
      }
      Status s = Inflate(buffer, n, got);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

 private:
  Status FillInput() {
    size_t got = 0;
    Status s = in_->Read(input_.data(), input_.size(), &got);
    z_.next_in = reinterpret_cast<Bytef*>(input_.data());
    z_.avail_in = static_cast<uInt>(got);
    return s;
  }

  Status Inflate(char* buffer, size_t n, size_t* got) {
    const uInt in_before = z_.avail_in;
    z_.next_out = reinterpret_cast<Bytef*>(buffer);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt out_before = z_.avail_out;
    const int rc = inflate(&z_, Z_NO_FLUSH);
    consumed_ += in_before - z_.avail_in;
    *got = out_before - z_.avail_out;
    produced_ += *got;
    if (rc == Z_STREAM_END) {
      inflateReset(&z_);
      in_member_ = false;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Status::Corrupt("corrupt gzip stream at compressed byte " + std::to_string(consumed_) + ": " +
                             (z_.msg ? z_.msg : "inflate failed"));
    }
    if (produced_ > (uint64_t{1} << 20) && produced_ / std::max<uint64_t>(consumed_, 1) > max_ratio_) {
      return Status::LimitExceeded("gzip expands more than " + std::to_string(max_ratio_) +
                                   " times (possible gzip bomb) at compressed byte " +
                                   std::to_string(consumed_));
    }
    return Status::Ok();
  }

  Status TruncatedError() const {
    return Status::Corrupt("truncated gzip stream after " + std::to_string(consumed_) + " compressed bytes");
  }

  std::unique_ptr<ByteStream> in_;
  const size_t max_ratio_;
  std::string input_;
  z_stream z_;
  bool ok_ = false;
  bool in_member_ = false;
  bool done_ = false;
  uint64_t consumed_ = 0;
  uint64_t produced_ = 0;
};

class CappedStream : public ByteStream {
 public:
  CappedStream(std::unique_ptr<ByteStream> in, uint64_t max_bytes)
      : in_(std::move(in)), max_bytes_(max_bytes) {}
  Status Read(char* buffer, size_t n, size_t* got) override {
    *got = 0;
    if (n == 0) return Status::Ok();
    if (total_ == max_bytes_) {
      // At the cap: one more byte means the input is too large.
      Status s = in_->Read(buffer, 1, got);
      if (s.ok() && *got > 0) {
        *got = 0;
        return Status::LimitExceeded("input larger than " + std::to_string(max_bytes_) + " bytes");
      }
      return s;
    }
    Status s = in_->Read(buffer, static_cast<size_t>(std::min<uint64_t>(n, max_bytes_ - total_)), got);
    total_ += *got;
    return s;
  }
  size_t PreferredReadBytes() const override { return in_->PreferredReadBytes(); }

 private:
  std::unique_ptr<ByteStream> in_;
  const uint64_t max_bytes_;
  uint64_t total_ = 0;
};

class CountingStream : public ByteStream {
 public:
  CountingStream(std::unique_ptr<ByteStream> in, std::atomic<uint64_t>* count)
      : in_(std::move(in)), count_(count) {}
  Status Read(char* buffer, size_t n, size_t* got) override {
    *got = 0;
    Status s = in_->Read(buffer, n, got);
    count_->fetch_add(*got, std::memory_order_relaxed);
    return s;
  }
  size_t PreferredReadBytes() const override { return in_->PreferredReadBytes(); }

 private:
  std::unique_ptr<ByteStream> in_;
  std::atomic<uint64_t>* count_;
};

// Bytes already read ahead, then the stream they were read from.
class PrefixedStream : public ByteStream {
 public:
  PrefixedStream(std::string prefix, std::unique_ptr<ByteStream> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Status Read(char* buffer, size_t n, size_t* got) override {
    if (!prefix_done_) {
      Status s = prefix_.Read(buffer, n, got);
      if (*got > 0 || n == 0) return s;
      prefix_done_ = true;
    }
    return rest_->Read(buffer, n, got);
  }

 private:
  StringStream prefix_;
  bool prefix_done_ = false;
  std::unique_ptr<ByteStream> rest_;
};

}  // namespace

std::unique_ptr<ByteStream> OpenFileStream(const std::string& path, Status* status) {
  if (path == "-") return std::make_unique<FileStream>(STDIN_FILENO, false, "standard input");
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *status = Status::IoError("cannot open " + path + ": " + std::strerror(errno));
    return nullptr;
  }
  auto file = std::make_unique<FileStream>(fd, true, path);
  file->ReadDirectIfLarge();
  return file;
}

std::unique_ptr<ByteStream> NewStringStream(std::string bytes) {
  return std::make_unique<StringStream>(std::move(bytes));
}

std::unique_ptr<ByteStream> NewGzipStream(std::unique_ptr<ByteStream> compressed, size_t max_ratio) {
  return std::make_unique<GzipStream>(std::move(compressed), max_ratio);
}

std::unique_ptr<ByteStream> NewCappedStream(std::unique_ptr<ByteStream> inner, uint64_t max_bytes) {
  return std::make_unique<CappedStream>(std::move(inner), max_bytes);
}

std::unique_ptr<ByteStream> NewCountingStream(std::unique_ptr<ByteStream> inner,
                                              std::atomic<uint64_t>* count) {
  return std::make_unique<CountingStream>(std::move(inner), count);
}

BufferedStream::BufferedStream(std::unique_ptr<ByteStream> in) : in_(std::move(in)) {}

void BufferedStream::Free::operator()(char* p) const { std::free(p); }

void BufferedStream::MakeRoom(size_t n) {
  if (size_ + n <= capacity_) return;
  // The bytes not consumed move to the front, to end at an aligned offset
  // where the new bytes go: into this buffer when moving them frees at least
  // as much as it copies, else into a larger one (so that a long line is
  // copied a bounded number of times in all).
  const size_t kept = size_ - start_;
  const size_t read_at = (kept + kReadAlignment - 1) / kReadAlignment * kReadAlignment;
  char* to = buffer_.get();
  if (read_at + n > capacity_ || start_ < kept) {
    // Room for the bytes kept beside a read, which most lines leave.
    capacity_ = std::max(read_at + n + n / 16, 2 * capacity_);
    capacity_ = (capacity_ + kReadAlignment - 1) / kReadAlignment * kReadAlignment;  // aligned_alloc's rule
    to = static_cast<char*>(std::aligned_alloc(kReadAlignment, capacity_));
    if (to == nullptr) throw std::bad_alloc();
  }
  if (kept > 0) std::memmove(to + read_at - kept, buffer_.get() + start_, kept);
  if (to != buffer_.get()) buffer_.reset(to);
  start_ = read_at - kept;
  size_ = read_at;
}

bool BufferedStream::Fill() {
  if (eof_ || !status_.ok()) return false;
  const size_t n = std::max(in_->PreferredReadBytes(), kChunkBytes);
  MakeRoom(n);
  size_t got = 0;
  status_ = in_->Read(buffer_.get() + size_, n, &got);
  size_ += got;
  if (!status_.ok()) return false;
  if (got == 0) eof_ = true;
  return got > 0;
}

std::unique_ptr<ByteStream> BufferedStream::TakeStream() {
  return std::make_unique<PrefixedStream>(std::string(Available()), std::move(in_));
}

void BufferedStream::Consume(size_t n) {
  // The consumed bytes stay where they are until the next Fill (ReadLine's
  // views point into them).
  start_ += n;
  offset_ += n;
}

Status BufferedStream::Peek(size_t n, std::string_view* out) {
  while (Available().size() < n && Fill()) {
  }
  *out = Available().substr(0, n);
  return out->size() == n ? Status::Ok() : status_;
}

Status BufferedStream::ReadLine(size_t max_bytes, std::string* line, bool* too_long, bool* at_end) {
  std::string_view view;
  const Status s = ReadLine(max_bytes, &view, too_long, at_end);
  line->assign(view);
  return s;
}

Status BufferedStream::ReadLine(size_t max_bytes, std::string_view* line, bool* too_long, bool* at_end) {
  *line = {};
  *too_long = false;
  *at_end = false;
  size_t scanned = 0;
  for (;;) {
    const std::string_view avail = Available();
    const size_t eol = avail.find('\n', scanned);
    if (eol != std::string_view::npos) {
      if (!*too_long && eol <= max_bytes) *line = avail.substr(0, eol);
      if (eol > max_bytes) *too_long = true;
      Consume(eol + 1);
      return Status::Ok();
    }
    if (avail.size() > max_bytes) {
      // Too long: drop what is buffered and keep scanning for the line's end.
      *too_long = true;
      Consume(avail.size());
      scanned = 0;
    } else {
      scanned = avail.size();
    }
    if (!Fill()) {
      if (!status_.ok()) return status_;
      const std::string_view rest = Available();
      if (rest.empty() && !*too_long) {
        *at_end = true;
      } else if (!*too_long) {
        *line = rest;
      }
      Consume(rest.size());
      return Status::Ok();
    }
  }
}

Status BufferedStream::Read(size_t n, std::string* out, size_t* got) {
  *got = 0;
  while (*got < n) {
    if (Available().empty() && !Fill()) break;
    const std::string_view avail = Available();
    const size_t take = std::min(n - *got, avail.size());
    out->append(avail.substr(0, take));
    Consume(take);
    *got += take;
  }
  return *got == n ? Status::Ok() : status_;
}

Status BufferedStream::ReadUpTo(size_t max_bytes, std::string* out, bool* more) {
  size_t got = 0;
  Status s = Read(max_bytes, out, &got);
  if (!s.ok()) return s;
  std::string_view next;
  s = Peek(1, &next);
  *more = !next.empty();
  return s;
}

Status BufferedStream::Skip(uint64_t n, uint64_t* skipped) {
  *skipped = 0;
  while (*skipped < n) {
    if (Available().empty() && !Fill()) break;
    const size_t take = static_cast<size_t>(std::min<uint64_t>(n - *skipped, Available().size()));
    Consume(take);
    *skipped += take;
  }
  return *skipped == n ? Status::Ok() : status_;
}

Status ReadGzipFile(const std::string& path, size_t max_bytes, std::string* out) {
  Status status;
  std::unique_ptr<ByteStream> file = OpenFileStream(path, &status);
  if (!file) return status;
  BufferedStream in(NewGzipStream(std::move(file), SIZE_MAX));
  bool more = false;
  if (Status s = in.ReadUpTo(max_bytes, out, &more); !s.ok()) return s;
  return more ? Status::LimitExceeded(path + " holds more than " + std::to_string(max_bytes) + " bytes")
              : Status::Ok();
}

}  // namespace newsmine
