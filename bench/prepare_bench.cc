// What `run`'s workers do to a record after extraction, before the store's
// writer takes it (PrepareRecord, store/store.h), part by part, over the
// Reuters texts of the bulk corpus: MB/s per core. In `run` over a large archive
// the workers spent nearly as long on these as on the extraction itself
// (docs/performance.md, the tenth round).
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "extract/record.h"
#include "store/fulltext.h"
#include "store/minhash.h"
#include "store/store.h"

namespace newsmine {
namespace {

// The words the full-text index files the record under.
void BM_FullTextWordHashes(benchmark::State& state) {
  bench::OverTexts(state, bench::ReutersTexts(), [](const std::string& text) {
    benchmark::DoNotOptimize(FullTextWordHashes({text}).size());
  });
}
BENCHMARK(BM_FullTextWordHashes)->Unit(benchmark::kMillisecond);

// The MinHash signature the near-duplicate lookup compares.
void BM_TextMinHash(benchmark::State& state) {
  bench::OverTexts(state, bench::ReutersTexts(),
                   [](const std::string& text) { benchmark::DoNotOptimize(TextMinHash(text)); });
}
BENCHMARK(BM_TextMinHash)->Unit(benchmark::kMillisecond);

// The record id (computed by the extractor, so not again by PrepareRecord).
void BM_RecordId(benchmark::State& state) {
  bench::OverTexts(state, bench::ReutersTexts(),
                   [](const std::string& text) { benchmark::DoNotOptimize(RecordIdForText(text).size()); });
}
BENCHMARK(BM_RecordId)->Unit(benchmark::kMillisecond);

// All of PrepareRecord for a record that holds only its text and id: the
// signature, the words and the JSON line (and copying the text in).
void BM_PrepareRecord(benchmark::State& state) {
  bench::OverTexts(state, bench::ReutersTexts(), [](const std::string& text) {
    Record record;
    record.text = text;
    record.id = "0123456789abcdef0123456789abcdef";
    benchmark::DoNotOptimize(PrepareRecord(std::move(record)).json.size());
  });
}
BENCHMARK(BM_PrepareRecord)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
