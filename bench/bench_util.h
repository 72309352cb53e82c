// Helpers for the benchmark programs: loading the bulk corpus texts, and
// timing a function over them.
#pragma once

#include <benchmark/benchmark.h>
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

// The Reuters texts of the bulk corpus, loaded once; empty when absent.
inline const std::vector<std::string>& ReutersTexts() {
  static const std::vector<std::string> texts = LoadJsonlTexts(BulkPath("reuters21578.jsonl"));
  return texts;
}

// Calls fn(text) for every text, once per iteration, and reports their bytes;
// skips the benchmark when there are none (../shared is absent).
template <typename Fn>
void OverTexts(benchmark::State& state, const std::vector<std::string>& texts, Fn fn) {
  if (texts.empty()) {
    state.SkipWithError("../shared/corpus/bulk is absent");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& text : texts) {
      fn(text);
      bytes += text.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

}  // namespace newsmine::bench
