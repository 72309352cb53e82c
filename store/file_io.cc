#include "store/file_io.h"

#include <fcntl.h>
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

Status ReadWholeFile(const std::string& path, std::string* out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("no file " + path);
    return Errno("cannot read " + path);
  }
  out->clear();
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const Status s = Errno("cannot read " + path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    out->append(chunk, static_cast<size_t>(n));
  }
  ::close(fd);
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
