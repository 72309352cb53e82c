// A small command-line parser: long options ("--store DIR", "--store=DIR",
// "--quiet"), repeatable options, positional arguments, "--" to end options,
// and a generated --help text. Every command builds one.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace newsmine {

class ArgParser {
 public:
  ArgParser(std::string usage, std::string description);

  // An option with a value, stored in *value (last one wins).
  void AddString(std::string name, std::string metavar, std::string help, std::string* value);
  // A repeatable option with a value; each occurrence is appended.
  void AddList(std::string name, std::string metavar, std::string help, std::vector<std::string>* values);
  // An integer option; Parse fails with kInvalidArgument when it is not one.
  void AddInt(std::string name, std::string metavar, std::string help, long* value);
  // A flag without a value.
  void AddFlag(std::string name, std::string help, bool* value);

  // Parses argv[first..argc). Positional arguments go to *positional. Returns
  // kInvalidArgument naming the problem for an unknown option or a missing
  // value. Sets help_requested() on --help / -h.
  Status Parse(int argc, char** argv, int first, std::vector<std::string>* positional);
  bool help_requested() const { return help_requested_; }

  std::string Help() const;

 private:
  struct Option {
    std::string name;
    std::string metavar;  // empty for a flag
    std::string help;
    std::function<Status(const std::string&)> set;
  };
  std::string usage_;
  std::string description_;
  std::vector<Option> options_;
  bool help_requested_ = false;
};

}  // namespace newsmine
