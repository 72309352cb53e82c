// Helpers for the benchmark programs: loading the bulk corpus texts.
#pragma once

#include <rapidjson/document.h>

#include <fstream>
#include <string>
#include <vector>

namespace newsmine::bench {

// The "text" fields of a JSON-lines file, at most `limit` of them; empty when
// the file is absent (../shared is not beside the project).
inline std::vector<std::string> LoadJsonlTexts(const std::string& path, size_t limit = SIZE_MAX) {
  std::vector<std::string> texts;
  std::ifstream in(path);
  std::string line;
  while (texts.size() < limit && std::getline(in, line)) {
    rapidjson::Document d;
    d.Parse(line.c_str(), line.size());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("text") || !d["text"].IsString()) continue;
    texts.emplace_back(d["text"].GetString(), d["text"].GetStringLength());
  }
  return texts;
}

inline std::string BulkPath(const std::string& name) {
  return std::string(NEWSMINE_SOURCE_DIR) + "/../shared/corpus/bulk/" + name;
}

}  // namespace newsmine::bench
