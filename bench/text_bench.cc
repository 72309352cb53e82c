// Text analysis (tokens and sentences) and gazetteer matching over the
// Reuters texts of the bulk corpus: MB/s per core.
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "extract/extractor.h"
#include "extract/gazetteer.h"
#include "extract/text.h"

namespace newsmine {
namespace {

void BM_AnalyzedText(benchmark::State& state) {
  bench::OverTexts(state, bench::ReutersTexts(), [](const std::string& text) {
    AnalyzedText analyzed(text);
    benchmark::DoNotOptimize(analyzed.tokens().data());
  });
}
BENCHMARK(BM_AnalyzedText)->Unit(benchmark::kMillisecond);

void BM_GazetteerScan(benchmark::State& state) {
  if (bench::ReutersTexts().empty()) {
    state.SkipWithError("../shared/corpus/bulk is absent");
    return;
  }
  StateGazetteer gazetteer;
  if (!gazetteer.LoadFile(Extractor::ResolveDataDir(ExtractorOptions()) + "/countries/states.tsv").ok()) {
    state.SkipWithError("cannot load the gazetteer");
    return;
  }
  std::vector<AnalyzedText> analyzed;
  size_t total = 0;
  for (const std::string& text : bench::ReutersTexts()) {
    analyzed.emplace_back(text);
    total += text.size();
  }
  std::vector<StateEntry> entries;
  size_t bytes = 0;
  for (auto _ : state) {
    size_t matches = 0;
    for (const AnalyzedText& text : analyzed) {
      for (size_t i = 0; i < text.tokens().size(); ++i) matches += gazetteer.MatchAt(text, i, &entries) > 0;
    }
    benchmark::DoNotOptimize(matches);
    bytes += total;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_GazetteerScan)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
