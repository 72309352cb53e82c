#include "cli/args.h"

#include <cstdlib>

namespace newsmine {

ArgParser::ArgParser(std::string usage, std::string description)
    : usage_(std::move(usage)), description_(std::move(description)) {}

void ArgParser::AddString(std::string name, std::string metavar, std::string help, std::string* value) {
  options_.push_back({std::move(name), std::move(metavar), std::move(help), [value](const std::string& v) {
                        *value = v;
                        return Status::Ok();
                      }});
}

void ArgParser::AddList(std::string name, std::string metavar, std::string help,
                        std::vector<std::string>* values) {
  options_.push_back({std::move(name), std::move(metavar), std::move(help), [values](const std::string& v) {
                        values->push_back(v);
                        return Status::Ok();
                      }});
}

void ArgParser::AddInt(std::string name, std::string metavar, std::string help, long* value) {
  const std::string option_name = name;
  options_.push_back(
      {std::move(name), std::move(metavar), std::move(help), [value, option_name](const std::string& v) {
         char* end = nullptr;
         const long parsed = std::strtol(v.c_str(), &end, 10);
         if (v.empty() || *end != '\0') {
           return Status::InvalidArgument("--" + option_name + " needs a whole number, not '" + v + "'");
         }
         *value = parsed;
         return Status::Ok();
       }});
}

void ArgParser::AddFlag(std::string name, std::string help, bool* value) {
  options_.push_back({std::move(name), "", std::move(help), [value](const std::string&) {
                        *value = true;
                        return Status::Ok();
                      }});
}

Status ArgParser::Parse(int argc, char** argv, int first, std::vector<std::string>* positional) {
  bool options_ended = false;
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (options_ended || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      positional->push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    if (arg == "--help" || arg == "-h") {
      help_requested_ = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) return Status::InvalidArgument("unknown option " + arg);
    std::string name = arg.substr(2);
    std::string value;
    bool has_value = false;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const Option* option = nullptr;
    for (const Option& o : options_) {
      if (o.name == name) option = &o;
    }
    if (!option) return Status::InvalidArgument("unknown option --" + name);
    if (option->metavar.empty()) {
      if (has_value) return Status::InvalidArgument("--" + name + " takes no value");
    } else if (!has_value) {
      if (i + 1 >= argc)
        return Status::InvalidArgument("--" + name + " needs a value (" + option->metavar + ")");
      value = argv[++i];
    }
    if (Status s = option->set(value); !s.ok()) return s;
  }
  return Status::Ok();
}

std::string ArgParser::Help() const {
  std::string out = "usage: " + usage_ + "\n\n" + description_ + "\n\noptions:\n";
  for (const Option& o : options_) {
    std::string left = "  --" + o.name + (o.metavar.empty() ? "" : " " + o.metavar);
    if (left.size() < 28)
      left.resize(28, ' ');
    else
      left += "\n" + std::string(28, ' ');
    out += left + o.help + "\n";
  }
  out += "  --help                    this text\n";
  return out;
}

}  // namespace newsmine
