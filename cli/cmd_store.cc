// PLACEHOLDER: run, query and show are built by the store work (issue 8).
#include <cstdio>

#include "cli/commands.h"

namespace newsmine {

int RunCommand(int, char**) {
  std::fprintf(stderr, "newsmine run: not built yet\n");
  return kExitFailure;
}
int QueryCommand(int, char**) {
  std::fprintf(stderr, "newsmine query: not built yet\n");
  return kExitFailure;
}
int ShowCommand(int, char**) {
  std::fprintf(stderr, "newsmine show: not built yet\n");
  return kExitFailure;
}

}  // namespace newsmine
