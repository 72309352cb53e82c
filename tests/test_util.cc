#include "tests/test_util.h"

#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace newsmine::testing {

namespace fs = std::filesystem;

std::string SourceDir() { return NEWSMINE_SOURCE_DIR; }
std::string Binary() { return NEWSMINE_BINARY; }

std::string SharedDir() {
  const fs::path shared = fs::path(SourceDir()).parent_path() / "shared";
  std::error_code ec;
  return fs::is_directory(shared / "corpus", ec) ? shared.string() : std::string();
}

std::string TempDir(const std::string& name) {
  const char* base = std::getenv("TMPDIR");
  const fs::path dir =
      fs::path(base && *base ? base : "/tmp") / ("newsmine-test-" + std::to_string(getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  static const bool cleanup_registered = [] {
    std::atexit([] {
      const char* b = std::getenv("TMPDIR");
      std::error_code ec;
      fs::remove_all(fs::path(b && *b ? b : "/tmp") / ("newsmine-test-" + std::to_string(getpid())), ec);
    });
    return true;
  }();
  (void)cleanup_registered;
  return dir.string();
}

int RunCommand(const std::string& command_line, std::string* out) {
  FILE* pipe = popen(command_line.c_str(), "r");
  if (!pipe) return -1;
  std::string result;
  char buffer[65536];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.append(buffer, n);
  const int status = pclose(pipe);
  if (out) *out = std::move(result);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string CurrentThreadName() {
  char name[16] = {};  // the kernel's limit, with the terminating NUL
  if (pthread_getname_np(pthread_self(), name, sizeof name) != 0) return "";
  return name;
}

}  // namespace newsmine::testing
