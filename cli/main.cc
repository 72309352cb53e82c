// newsmine: mine facts out of news archives. See README.md.
#include <cstdio>
#include <cstring>

#include "cli/commands.h"

namespace {

struct CommandEntry {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

constexpr CommandEntry kCommands[] = {
    {"run", newsmine::RunCommand, "ingest, extract and store (a second run adds nothing new)"},
    {"extract", newsmine::ExtractCommand, "ingest and extract, records as JSON lines on stdout"},
    {"query", newsmine::QueryCommand, "records, votes, actors or states from a store"},
    {"show", newsmine::ShowCommand, "one record of a store, whole"},
    {"stats", newsmine::StatsCommand, "records, sources, date range, errors, duplicates of a store"},
    {"reindex", newsmine::ReindexCommand, "rebuild a store's index from its segments"},
    {"merge", newsmine::MergeCommand, "combine stores, deduplicating by record id"},
    {"verify", newsmine::VerifyCommand, "check that a store's segments, manifest and index agree"},
};

void PrintHelp(FILE* out) {
  std::fprintf(out, "usage: newsmine COMMAND [options] ...\n\ncommands:\n");
  for (const CommandEntry& c : kCommands) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(out, "\n'newsmine COMMAND --help' lists a command's options. --version prints the version.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintHelp(stderr);
    return newsmine::kExitUsage;
  }
  const char* command = argv[1];
  if (!std::strcmp(command, "--version") || !std::strcmp(command, "version")) {
    std::printf("newsmine %s\n", NEWSMINE_VERSION);
    return newsmine::kExitOk;
  }
  if (!std::strcmp(command, "--help") || !std::strcmp(command, "-h") || !std::strcmp(command, "help")) {
    PrintHelp(stdout);
    return newsmine::kExitOk;
  }
  for (const CommandEntry& c : kCommands) {
    if (!std::strcmp(command, c.name)) return c.run(argc, argv);
  }
  std::fprintf(stderr, "newsmine: unknown command '%s'\n", command);
  PrintHelp(stderr);
  return newsmine::kExitUsage;
}
