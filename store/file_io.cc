#include "store/file_io.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace newsmine {

Status Errno(const std::string& what) { return Status::IoError(what + ": " + std::strerror(errno)); }

Status PwriteAll(int fd, const std::string& path, std::string_view bytes, uint64_t offset) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n =
        ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("cannot write " + path);
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status PreadAll(int fd, const std::string& path, char* out, size_t size, uint64_t offset) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, out + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("cannot read " + path);
    if (n == 0) return Status::Corrupt(path + " is shorter than committed");
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace newsmine
