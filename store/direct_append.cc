#include "store/direct_append.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

#include "store/file_io.h"

namespace newsmine {

void DirectAppendBuffer::StartAt(uint64_t offset) {
  if (size_ == 0) offset_ = offset;
}

void DirectAppendBuffer::Reserve(size_t bytes) {
  if (bytes <= capacity_) return;
  size_t capacity = std::max(capacity_ * 2, size_t{64} << 10);
  while (capacity < bytes) capacity *= 2;
  std::unique_ptr<char, Free> grown(static_cast<char*>(std::aligned_alloc(kBlockBytes, capacity)));
  if (!grown) throw std::bad_alloc();
  if (size_ > 0) std::memcpy(grown.get() + lead(), data_.get() + lead(), size_);
  data_ = std::move(grown);
  capacity_ = capacity;
}

void DirectAppendBuffer::Append(std::string_view bytes) {
  Reserve(lead() + size_ + bytes.size());
  std::memcpy(data_.get() + lead() + size_, bytes.data(), bytes.size());
  size_ += bytes.size();
}

void DirectAppendBuffer::Clear() {
  offset_ += size_;
  size_ = 0;
  if (capacity_ > kKeptCapacityBytes) {
    data_.reset();
    capacity_ = 0;
  }
}

Status DirectAppendBuffer::WriteBlocks(int fd, const std::string& path, const char* bytes, size_t size,
                                       uint64_t offset) {
  const int flags = direct_ ? ::fcntl(fd, F_GETFL) : -1;
  if (flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_DIRECT) == 0) {
    for (;;) {
      const ssize_t n = ::pwrite(fd, bytes, size, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n == static_cast<ssize_t>(size)) {
        wrote_direct_ = true;
        return Status::Ok();
      }
      // EINVAL: the file system refuses this direct write. A short write
      // (a full disk) leaves the rest unaligned. Either way the rest goes
      // through the page cache, where a full disk gets its error.
      if (n < 0 && errno != EINVAL) return Errno("cannot write " + path);
      if (n < 0) direct_ = false;
      if (n > 0) {
        bytes += n;
        size -= static_cast<size_t>(n);
        offset += static_cast<uint64_t>(n);
      }
      break;
    }
    if (::fcntl(fd, F_SETFL, flags) != 0) return Errno("cannot write " + path);
  } else {
    direct_ = false;
  }
  return PwriteAll(fd, path, std::string_view(bytes, size), offset);
}

Status DirectAppendBuffer::WriteWholeBlocks(const std::string& path, size_t* written) {
  *written = 0;
  const size_t head = std::min(size_, (kBlockBytes - lead()) % kBlockBytes);
  const size_t blocks = (size_ - head) / kBlockBytes * kBlockBytes;
  if (head + blocks == 0) return Status::Ok();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return Errno("cannot open " + path);
  const char* first = data_.get() + lead();
  Status s = PwriteAll(fd, path, std::string_view(first, head), offset_);
  if (s.ok() && blocks > 0) s = WriteBlocks(fd, path, first + head, blocks, offset_ + head);
  ::close(fd);
  if (!s.ok()) return s;
  // The rest, less than a block, moves to the start of its block in memory.
  const size_t rest = size_ - head - blocks;
  offset_ += head + blocks;
  size_ = rest;
  std::memmove(data_.get() + lead(), first + head + blocks, rest);
  *written = head + blocks;
  return Status::Ok();
}

}  // namespace newsmine
