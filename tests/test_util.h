// Helpers shared by the tests: paths to the source tree, the built program
// and ../shared, and running the program.
#pragma once

#include <string>

namespace newsmine::testing {

// The project's source folder and the newsmine binary under test.
std::string SourceDir();
std::string Binary();
// ../shared beside the project, or empty when it is absent (tests then skip).
std::string SharedDir();
// A fresh empty folder under the test temp dir, removed at process exit.
std::string TempDir(const std::string& name);
// Runs a shell command line; returns its exit status and fills *out with stdout.
int RunCommand(const std::string& command_line, std::string* out);
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);
// The calling thread's name (NameThisThread), or empty if it cannot be read.
std::string CurrentThreadName();

}  // namespace newsmine::testing

// Skips the current test when ../shared is absent.
#define NEWSMINE_REQUIRE_SHARED()                                                        \
  do {                                                                                   \
    if (::newsmine::testing::SharedDir().empty()) GTEST_SKIP() << "../shared is absent"; \
  } while (0)
