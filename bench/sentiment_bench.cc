// Throughput of state references and sentiment: MB/s of article text per core
// on ../shared/corpus/bulk/reuters21578.jsonl (skipped when absent). Text
// analysis (AnalyzedText) is included, as every extractor pays for it once.
//
//   build/bench/sentiment_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "extract/sentiment.h"

namespace newsmine {
namespace {

struct Corpus {
  std::vector<Document> documents;
  size_t bytes = 0;
};

// The texts of the Reuters bulk file, or none when it is absent.
const Corpus& ReutersTexts() {
  static const Corpus corpus = [] {
    Corpus c;
    const std::filesystem::path path =
        std::filesystem::path(NEWSMINE_SOURCE_DIR).parent_path() / "shared/corpus/bulk/reuters21578.jsonl";
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      rapidjson::Document json;
      json.Parse(line.c_str());
      if (json.HasParseError() || !json.IsObject() || !json.HasMember("text") || !json["text"].IsString())
        continue;
      Document document;
      document.text = json["text"].GetString();
      if (json.HasMember("published") && json["published"].IsString())
        document.published = json["published"].GetString();
      c.bytes += document.text.size();
      c.documents.push_back(std::move(document));
    }
    return c;
  }();
  return corpus;
}

void BM_StateSentiment(benchmark::State& state, SentimentMethod method) {
  const Corpus& corpus = ReutersTexts();
  if (corpus.documents.empty()) {
    state.SkipWithError("../shared/corpus/bulk/reuters21578.jsonl is absent");
    return;
  }
  const std::string data = std::string(NEWSMINE_SOURCE_DIR) + "/corpus/data";
  StateGazetteer gazetteer;
  std::unique_ptr<StateSentimentExtractor> extractor;
  if (!gazetteer.LoadFile(data + "/countries/states.tsv").ok() ||
      !StateSentimentExtractor::Load(data, &gazetteer, method, &extractor).ok()) {
    state.SkipWithError("cannot load corpus/data");
    return;
  }
  size_t states_found = 0;
  for (auto _ : state) {
    for (const Document& document : corpus.documents) {
      const AnalyzedText text(document.text);
      states_found += extractor->Extract(text, document, {}).size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes));
  state.counters["docs"] = static_cast<double>(corpus.documents.size());
  state.counters["states_per_doc"] =
      static_cast<double>(states_found) / static_cast<double>(state.iterations() * corpus.documents.size());
}

BENCHMARK_CAPTURE(BM_StateSentiment, targeted, SentimentMethod::kTargeted)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_StateSentiment, baseline, SentimentMethod::kSentenceBaseline)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
