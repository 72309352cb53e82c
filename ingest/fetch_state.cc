#include "ingest/fetch_state.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace newsmine {
namespace {

// Validators come from HTTP headers; a tab or line break in one would break
// the file's format, and no valid header value holds one.
bool Storable(const std::string& s) { return s.find_first_of("\t\r\n") == std::string::npos; }

Status WriteAll(int fd, const std::string& data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IoError("cannot write " + path + ": " + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

Status FetchState::Load(const std::string& dir) {
  entries_.clear();
  dirty_ = false;
  path_ = dir.empty() ? "" : (std::filesystem::path(dir) / "fetch-state.tsv").string();
  if (path_.empty()) return Status::Ok();
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) return Status::Ok();
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Status::IoError("cannot read fetch state " + path_);
  std::string line;
  while (std::getline(in, line)) {
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos || tab1 == 0) continue;
    entries_[line.substr(0, tab1)] = {line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)};
  }
  return Status::Ok();
}

Validators FetchState::Find(const std::string& url) const {
  const auto it = entries_.find(url);
  return it == entries_.end() ? Validators() : it->second;
}

void FetchState::Update(const std::string& url, const Validators& validators) {
  if (path_.empty()) return;
  if (validators.empty() || !Storable(url) || !Storable(validators.etag) ||
      !Storable(validators.last_modified)) {
    dirty_ = entries_.erase(url) > 0 || dirty_;
    return;
  }
  Validators& slot = entries_[url];
  if (slot.etag == validators.etag && slot.last_modified == validators.last_modified) return;
  slot = validators;
  dirty_ = true;
}

Status FetchState::Save() {
  if (path_.empty() || !dirty_) return Status::Ok();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
  if (ec) return Status::IoError("cannot create fetch state folder: " + ec.message());
  std::string data;
  for (const auto& [url, v] : entries_) data += url + "\t" + v.etag + "\t" + v.last_modified + "\n";
  const std::string temp = path_ + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return Status::IoError("cannot create " + temp + ": " + std::strerror(errno));
  Status s = WriteAll(fd, data, temp);
  if (s.ok() && ::fsync(fd) != 0) s = Status::IoError("cannot fsync " + temp + ": " + std::strerror(errno));
  ::close(fd);
  if (s.ok() && std::rename(temp.c_str(), path_.c_str()) != 0) {
    s = Status::IoError("cannot rename " + temp + " to " + path_ + ": " + std::strerror(errno));
  }
  if (!s.ok()) {
    ::unlink(temp.c_str());
    return s;
  }
  // The rename itself is durable only once the folder is synced.
  const int dir_fd =
      ::open(std::filesystem::path(path_).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  dirty_ = false;
  return s;
}

}  // namespace newsmine
