// What the store commands share: the --store option, opening the store with
// its warnings on stderr, and mapping failures to exit codes.
#pragma once

#include <memory>
#include <string>

#include "cli/args.h"
#include "store/store.h"

namespace newsmine {

// Registers --store DIR.
void AddStoreOption(ArgParser* parser, std::string* store_flag);

// Parses argv from `first`; on a usage error prints it with the help and
// returns kExitUsage, on --help prints the help and returns kExitOk; returns
// -1 to go on.
int ParseOrExit(const char* command, ArgParser* parser, int argc, char** argv, int first,
                std::vector<std::string>* positional);

// Opens the store chosen by the flag, printing repair warnings on stderr.
// On failure prints "newsmine COMMAND: ..." and returns non-OK.
Status OpenStoreForCommand(const char* command, const std::string& store_flag, Store::Mode mode,
                           std::unique_ptr<Store>* out);

// Prints "newsmine COMMAND: <status>" on stderr and returns the exit code
// for it (usage errors 2, others 1).
int ReportFailure(const char* command, const Status& status);

}  // namespace newsmine
