// Small POSIX file helpers shared by the store's files: errors as Status
// values naming the file, and reads and writes that finish what they start
// (retrying short transfers and EINTR).
//
// Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace newsmine {

// kIoError: `what`, then strerror(errno).
Status Errno(const std::string& what);

// Writes all of `bytes` at `offset` of the open file `fd` (named `path` in
// the error).
Status PwriteAll(int fd, const std::string& path, std::string_view bytes, uint64_t offset);

// Reads the whole file at `path` into `out`. Returns kNotFound when there is
// no such file, kIoError when it cannot be read.
Status ReadWholeFile(const std::string& path, std::string* out);

// Reads `size` bytes at `offset` of the open file `fd` into `out`. Returns
// kCorrupt ("shorter than committed") when the file ends first.
Status PreadAll(int fd, const std::string& path, char* out, size_t size, uint64_t offset);

}  // namespace newsmine
