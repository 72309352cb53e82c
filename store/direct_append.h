// The bytes a writer appends to a file past what it has committed, held in
// memory laid out as the file's blocks are, so that the whole blocks among
// them go to the disk around the page cache (O_DIRECT), straight from this
// buffer.
//
// Why: on the machine measured, writing new pages of a file through the page
// cache cost 1.7 to 2.6 CPU-seconds a GB (a page allocated for every 4 KiB,
// and backed anew by the hypervisor), a direct write 0.11 to 0.16
// (docs/performance.md, twenty-first round). A store's segments are written
// once and read back only by queries, a record at a time, and by recovery:
// caching them buys little, and a run over a 2 GB archive would otherwise
// fill 3 GB of page cache.
//
// Bytes before the first block boundary, and what is left after the last
// whole block, go through the page cache (WriteWholeBlocks, and the caller's
// commit): a direct write must start and end on a block boundary, in file
// and in memory. A file system that refuses direct writes (tmpfs on older
// kernels, some network file systems) gets ordinary ones from then on.
//
// Limits: memory is what is held, rounded up to blocks; a buffer grown past
// kKeptCapacityBytes (a record of many megabytes) is freed when emptied.
//
// Thread-safety: belongs to one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace newsmine {

class DirectAppendBuffer {
 public:
  // A direct write's boundary, in the file and in memory: a multiple of the
  // logical block size of the devices newsmine meets (512 or 4096).
  static constexpr size_t kBlockBytes = 4096;
  static constexpr size_t kKeptCapacityBytes = size_t{4} << 20;

  // `direct` false: only ordinary writes (for tests, and file systems known
  // to refuse direct ones).
  explicit DirectAppendBuffer(bool direct = true) : direct_(direct) {}

  // Only while empty: the next byte appended is for offset `offset` of the
  // file.
  void StartAt(uint64_t offset);
  void Append(std::string_view bytes);
  void Append(char c) { Append(std::string_view(&c, 1)); }

  // The file offset of the first byte held, and the bytes held.
  uint64_t offset() const { return offset_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view bytes() const { return std::string_view(data_.get() + lead(), size_); }

  // Writes the bytes held up to the last block boundary they reach to the
  // file at `path` (created when absent), unsynced: those before the first
  // boundary through the page cache, whole blocks directly when the file
  // system takes it. Keeps the rest (less than a block) and sets *written to
  // the bytes written. Returns kIoError when the file cannot be opened or
  // written; nothing is dropped then.
  Status WriteWholeBlocks(const std::string& path, size_t* written);

  // Drops what is held (the caller wrote it) and, past kKeptCapacityBytes,
  // the memory.
  void Clear();

  // Whether the whole blocks written so far went around the page cache. For
  // tests.
  bool wrote_direct() const { return wrote_direct_; }

 private:
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };

  // Where offset_ falls in its block: the memory position of the first byte.
  size_t lead() const { return static_cast<size_t>(offset_ % kBlockBytes); }
  void Reserve(size_t bytes);
  // Writes [bytes, bytes + size) at `offset` of `fd`: directly if it can,
  // else (and from then on) through the page cache.
  Status WriteBlocks(int fd, const std::string& path, const char* bytes, size_t size, uint64_t offset);

  bool direct_;
  bool wrote_direct_ = false;
  uint64_t offset_ = 0;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::unique_ptr<char, Free> data_;  // aligned to kBlockBytes
};

}  // namespace newsmine
