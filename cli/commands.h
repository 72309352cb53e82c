// The newsmine commands. Each takes the whole argv (argv[1] is the command
// name), prints results on stdout and everything else on stderr, and returns
// the exit status of ../shared/CONTRACT.md: 0 all inputs read, 1 some input
// could not be read (or the command failed), 2 usage error.
#pragma once

namespace newsmine {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int ExtractCommand(int argc, char** argv);
int RunCommand(int argc, char** argv);
int QueryCommand(int argc, char** argv);
int ShowCommand(int argc, char** argv);
int StatsCommand(int argc, char** argv);
int ReindexCommand(int argc, char** argv);
int MergeCommand(int argc, char** argv);
int VerifyCommand(int argc, char** argv);

}  // namespace newsmine
