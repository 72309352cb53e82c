#include "cli/cmd_store_common.h"

#include <cstdio>

#include "cli/commands.h"

namespace newsmine {

void AddStoreOption(ArgParser* parser, std::string* store_flag) {
  parser->AddString("store", "DIR", "the store folder (default: $NEWSMINE_STORE or ./newsmine-store)",
                    store_flag);
}

int ParseOrExit(const char* command, ArgParser* parser, int argc, char** argv, int first,
                std::vector<std::string>* positional) {
  if (Status s = parser->Parse(argc, argv, first, positional); !s.ok()) {
    std::fprintf(stderr, "newsmine %s: %s\n%s", command, s.message().c_str(), parser->Help().c_str());
    return kExitUsage;
  }
  if (parser->help_requested()) {
    std::fputs(parser->Help().c_str(), stdout);
    return kExitOk;
  }
  return -1;
}

Status OpenStoreForCommand(const char* command, const std::string& store_flag, Store::Mode mode,
                           std::unique_ptr<Store>* out) {
  const Status s = Store::Open(ResolveStoreDir(store_flag), mode, out);
  if (!s.ok()) {
    std::fprintf(stderr, "newsmine %s: %s\n", command, s.message().c_str());
    return s;
  }
  for (const std::string& warning : (*out)->warnings()) {
    std::fprintf(stderr, "newsmine %s: warning: %s\n", command, warning.c_str());
  }
  return s;
}

int ReportFailure(const char* command, const Status& status) {
  std::fprintf(stderr, "newsmine %s: %s\n", command, status.message().c_str());
  return status.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFailure;
}

}  // namespace newsmine
