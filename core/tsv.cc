#include "core/tsv.h"

#include <fstream>

namespace newsmine {

Status ForEachTsvRow(
    const std::string& path, const std::string& what,
    const std::function<Status(const std::vector<std::string_view>& fields, int line_number)>& row) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + what + " " + path);
  std::string line;
  std::vector<std::string_view> fields;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    fields.clear();
    std::string_view rest(line);
    for (size_t tab = rest.find('\t'); tab != std::string_view::npos; tab = rest.find('\t')) {
      fields.push_back(rest.substr(0, tab));
      rest.remove_prefix(tab + 1);
    }
    fields.push_back(rest);
    if (Status s = row(fields, line_number); !s.ok()) return s;
  }
  return Status::Ok();
}

Status TsvLineError(const std::string& path, int line_number, const std::string& expected) {
  return Status::Corrupt(path + ":" + std::to_string(line_number) + ": " + expected);
}

}  // namespace newsmine
