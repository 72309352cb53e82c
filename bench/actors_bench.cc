// Throughput of actor extraction (AnalyzedText + ActorExtractor::Extract) on
// the Reuters-21578 texts of ../shared/corpus/bulk, in MB/s per core.
// Run from the project root: build/bench/actors_bench. Skips when the corpus
// is absent.
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "extract/actors.h"
#include "extract/gazetteer.h"
#include "extract/text.h"
#include "ingest/document.h"

namespace newsmine {
namespace {

constexpr size_t kMaxTexts = 4000;

std::vector<std::string> LoadTexts(const std::string& path) {
  std::vector<std::string> texts;
  std::ifstream in(path);
  std::string line;
  while (texts.size() < kMaxTexts && std::getline(in, line)) {
    rapidjson::Document doc;
    doc.Parse(line.c_str(), line.size());
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("text") || !doc["text"].IsString()) continue;
    texts.emplace_back(doc["text"].GetString(), doc["text"].GetStringLength());
  }
  return texts;
}

struct Fixture {
  StateGazetteer states;
  std::unique_ptr<ActorExtractor> actors;
  std::vector<std::string> texts;
  size_t bytes = 0;
  std::string error;

  Fixture() {
    const std::string root = NEWSMINE_SOURCE_DIR;
    texts = LoadTexts(root + "/../shared/corpus/bulk/reuters21578.jsonl");
    if (texts.empty()) {
      error = "../shared/corpus/bulk/reuters21578.jsonl is absent";
      return;
    }
    for (const std::string& t : texts) bytes += t.size();
    Status s = states.LoadFile(root + "/corpus/data/countries/states.tsv");
    if (s.ok()) s = ActorExtractor::Load(root + "/corpus/data", {}, &states, &actors);
    if (!s.ok()) error = s.ToString();
  }
};

const Fixture& GetFixture() {
  static const Fixture fixture;
  return fixture;
}

void BM_ActorExtraction(benchmark::State& state) {
  const Fixture& f = GetFixture();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  Document document;
  size_t actors = 0;
  for (auto _ : state) {
    for (const std::string& text : f.texts) {
      const AnalyzedText analyzed(text);
      actors += f.actors->Extract(analyzed, document).size();
    }
  }
  benchmark::DoNotOptimize(actors);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
  state.counters["texts"] = static_cast<double>(f.texts.size());
}
BENCHMARK(BM_ActorExtraction)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The shared tokenizer alone, to tell its cost from the actor rules'.
void BM_AnalyzedTextOnly(benchmark::State& state) {
  const Fixture& f = GetFixture();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  size_t tokens = 0;
  for (auto _ : state) {
    for (const std::string& text : f.texts) tokens += AnalyzedText(text).tokens().size();
  }
  benchmark::DoNotOptimize(tokens);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_AnalyzedTextOnly)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Start-up: loading the dictionaries (Phoenix files and leaders).
void BM_LoadDictionaries(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const std::string root = NEWSMINE_SOURCE_DIR;
  for (auto _ : state) {
    std::unique_ptr<ActorExtractor> actors;
    const Status s = ActorExtractor::Load(root + "/corpus/data", {}, &f.states, &actors);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
  }
}
BENCHMARK(BM_LoadDictionaries)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
