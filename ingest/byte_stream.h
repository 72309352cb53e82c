// Streams of bytes for the readers: a file or stdin, gzip decompression
// (multi-member, as Common Crawl writes WARC), a size cap, and a buffered
// reader with the line / exact-length / skip operations the archive formats
// need. Everything is streamed: memory stays bounded by the largest single
// item asked for, never by the size of the input.
//
// Thread-safety: none of these objects is thread-safe; each belongs to the
// one reader thread that created it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace newsmine {

// A source of bytes read front to back.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to `n` bytes into `buffer` and sets *got to the count; *got == 0
  // with an OK status means the end of the stream. Errors (an unreadable file,
  // a truncated or corrupt gzip stream, a broken limit) are returned as
  // non-OK; the stream must not be read after an error.
  virtual Status Read(char* buffer, size_t n, size_t* got) = 0;

  // The size of the reads this stream serves best, or 0 for no preference. A
  // stream that reads around the page cache (OpenFileStream) reads straight
  // into the caller's buffer, without a copy, when the buffer is aligned to
  // kReadAlignment and at least this many bytes are asked for.
  virtual size_t PreferredReadBytes() const { return 0; }
};

// The buffer alignment PreferredReadBytes asks for: 4096 covers the logical
// block of 512-byte and 4K-sector devices, which direct reads need.
inline constexpr size_t kReadAlignment = 4096;

// Opens `path` for reading, or standard input when `path` is "-". Returns
// nullptr and sets *status when the file cannot be opened. A regular file of
// 1 MiB or more is read with O_DIRECT, around the page cache, when its file
// system allows (else, or from the first read it refuses, through the cache):
// the same bytes either way.
std::unique_ptr<ByteStream> OpenFileStream(const std::string& path, Status* status);

// A stream over bytes held in memory (tests, benchmarks).
std::unique_ptr<ByteStream> NewStringStream(std::string bytes);

// Decompresses a gzip stream of one or more members (concatenated members are
// read as one stream; bytes after the last member that do not start a new one
// are ignored). Read() returns kCorrupt for a damaged or truncated stream and
// kLimitExceeded once past 1 MiB of output when the output exceeds
// `max_ratio` times the compressed input consumed (gzip bombs).
std::unique_ptr<ByteStream> NewGzipStream(std::unique_ptr<ByteStream> compressed, size_t max_ratio);

// Reads the gzip file at `path` whole, decompressed, into *out. Returns the
// open or decompression error; kLimitExceeded past `max_bytes` of output.
Status ReadGzipFile(const std::string& path, size_t max_bytes, std::string* out);

// Passes `inner` through, returning kLimitExceeded once more than `max_bytes`
// bytes have gone through.
std::unique_ptr<ByteStream> NewCappedStream(std::unique_ptr<ByteStream> inner, uint64_t max_bytes);

// Passes `inner` through, adding the bytes that go through to *count (which
// the caller owns, and other threads may read).
std::unique_ptr<ByteStream> NewCountingStream(std::unique_ptr<ByteStream> inner,
                                              std::atomic<uint64_t>* count);

// Buffers a ByteStream and reads it in the units the formats need. The first
// error of the underlying stream is kept in status(); the bytes buffered
// before it are still served, and every call that needs more returns it.
class BufferedStream {
 public:
  explicit BufferedStream(std::unique_ptr<ByteStream> in);

  // Points *out at the next min(n, remaining) bytes without consuming them.
  Status Peek(size_t n, std::string_view* out);

  // Reads the next line into *line, without its "\n" (a "\r" before it is
  // kept). Sets *at_end when the stream had no more bytes (then *line is
  // empty). A line longer than `max_bytes` is consumed without being stored
  // and *too_long is set.
  Status ReadLine(size_t max_bytes, std::string* line, bool* too_long, bool* at_end);
  // The same, with *line pointing into the buffer, not copied: valid until
  // the next call on this stream.
  Status ReadLine(size_t max_bytes, std::string_view* line, bool* too_long, bool* at_end);

  // Appends exactly `n` bytes to *out. When the stream ends first, *got is
  // less than n and the bytes read so far are in *out.
  Status Read(size_t n, std::string* out, size_t* got);

  // Appends up to `max_bytes` bytes to *out; sets *more when the stream holds
  // more than that (the rest is not read).
  Status ReadUpTo(size_t max_bytes, std::string* out, bool* more);

  // Discards `n` bytes without storing them; *skipped gets how many there were.
  Status Skip(uint64_t n, uint64_t* skipped);

  // Gives up the stream: returns a ByteStream that yields the bytes buffered
  // but not consumed, then the rest of the underlying stream. This object
  // must not be used afterwards.
  std::unique_ptr<ByteStream> TakeStream();

  // Bytes consumed so far (offset in the decompressed stream).
  uint64_t offset() const { return offset_; }
  const Status& status() const { return status_; }

 private:
  // Reads more bytes into the buffer; returns false at the end or on error.
  bool Fill();
  // Makes room for `n` more bytes after the buffered ones, at an offset
  // aligned to kReadAlignment (when the bytes read so far keep it so).
  void MakeRoom(size_t n);
  std::string_view Available() const { return std::string_view(buffer_.get() + start_, size_ - start_); }
  void Consume(size_t n);

  struct Free {
    void operator()(char* p) const;
  };

  std::unique_ptr<ByteStream> in_;
  // Not a std::string: growing one zeroes the bytes that a read then
  // overwrites. [start_, size_) are the bytes not consumed yet.
  std::unique_ptr<char, Free> buffer_;
  size_t capacity_ = 0;
  size_t size_ = 0;
  size_t start_ = 0;
  uint64_t offset_ = 0;
  bool eof_ = false;
  Status status_;
};

}  // namespace newsmine
