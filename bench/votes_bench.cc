// Vote extraction throughput on the Reuters-21578 texts of
// ../shared/corpus/bulk/reuters21578.jsonl (skipped when absent). One thread:
// the bytes/s figure is per core. Run from the project root:
//   build/bench/votes_bench
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "extract/gazetteer.h"
#include "extract/text.h"
#include "extract/votes.h"
#include "ingest/document.h"

namespace newsmine {
namespace {

struct Corpus {
  std::vector<Document> documents;
  size_t bytes = 0;
  StateGazetteer gazetteer;
  std::unique_ptr<VoteExtractor> extractor;
  std::string error;  // why the benchmark is skipped, or empty
};

const Corpus& LoadCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus();
    const std::string source = NEWSMINE_SOURCE_DIR;
    std::ifstream in(source + "/../shared/corpus/bulk/reuters21578.jsonl");
    if (!in) {
      c->error = "../shared/corpus/bulk/reuters21578.jsonl is absent";
      return c;
    }
    std::string line;
    while (std::getline(in, line)) {
      rapidjson::Document json;
      json.Parse(line.data(), line.size());
      if (json.HasParseError() || !json.IsObject() || !json.HasMember("text") || !json["text"].IsString())
        continue;
      Document document;
      document.text.assign(json["text"].GetString(), json["text"].GetStringLength());
      c->bytes += document.text.size();
      c->documents.push_back(std::move(document));
    }
    if (Status s = c->gazetteer.LoadFile(source + "/corpus/data/countries/states.tsv"); !s.ok()) {
      c->error = s.ToString();
    } else if (Status v = VoteExtractor::Load(source + "/corpus/data", &c->gazetteer, &c->extractor);
               !v.ok()) {
      c->error = v.ToString();
    }
    return c;
  }();
  return *corpus;
}

// Vote extraction alone, on texts already analysed.
void BM_VotesExtract(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  std::vector<std::unique_ptr<AnalyzedText>> analyzed;
  for (const Document& d : corpus.documents) analyzed.push_back(std::make_unique<AnalyzedText>(d.text));
  const std::vector<Actor> no_actors;
  size_t votes = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < corpus.documents.size(); ++i) {
      votes += corpus.extractor->Extract(*analyzed[i], corpus.documents[i], no_actors).size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes));
  state.counters["votes_per_pass"] = static_cast<double>(votes) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_VotesExtract)->Unit(benchmark::kMillisecond);

// Tokenising and sentence splitting plus vote extraction: the cost of votes
// in a pipeline that analyses the text for it alone.
void BM_AnalyzeAndVotes(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  const std::vector<Actor> no_actors;
  for (auto _ : state) {
    for (const Document& d : corpus.documents) {
      const AnalyzedText analyzed(d.text);
      benchmark::DoNotOptimize(corpus.extractor->Extract(analyzed, d, no_actors));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.bytes));
}
BENCHMARK(BM_AnalyzeAndVotes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
