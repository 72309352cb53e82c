// The band file's flushes (store/key_file.h) at the sizes of real runs: N
// flushes of 2^20 rows (what the index holds between flushes), each
// committed, into a new file in the temporary folder. Band keys as the
// 2.1 GB archive of docs/performance.md has them: most once, a tenth shared
// by near-duplicates (a pool of keys that fill up to kMaxBandCandidates
// rows), so that buckets overfill and the table doubles as in a run. Reports
// rows per second and the table's final size; 3 flushes are about a 626 MB
// archive's band rows, 9 a 2.1 GB one's.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "store/key_file.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;

constexpr size_t kRowsPerFlush = size_t{1} << 20;
constexpr int64_t kSharedKeys = 50000;

std::vector<std::vector<KeyRow>> Flushes(int count) {
  std::mt19937_64 random(17);
  std::vector<int64_t> shared(kSharedKeys);
  for (int64_t& key : shared) key = static_cast<int64_t>(random() >> 1);
  std::vector<std::vector<KeyRow>> flushes(static_cast<size_t>(count));
  int64_t rec = 0;
  for (std::vector<KeyRow>& rows : flushes) {
    rows.reserve(kRowsPerFlush);
    while (rows.size() < kRowsPerFlush) {
      ++rec;
      for (int band = 0; band < 6; ++band) {
        const bool near_duplicate = random() % 10 == 0;
        const int64_t key =
            near_duplicate ? shared[random() % kSharedKeys] : static_cast<int64_t>(random() >> 1);
        rows.push_back(KeyRow{key, rec, random()});
      }
    }
  }
  return flushes;
}

void BM_KeyFileFlushes(benchmark::State& state) {
  const std::vector<std::vector<KeyRow>> flushes = Flushes(static_cast<int>(state.range(0)));
  const fs::path dir = fs::temp_directory_path() / "newsmine-key-file-bench";
  uint64_t rows = 0, buckets = 0;
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::vector<std::vector<KeyRow>> batches = flushes;
    state.ResumeTiming();
    KeyFile file;
    int64_t covered = 0;
    if (!file.Open((dir / "bands.bin").string(), 1, 0, &covered).ok()) state.SkipWithError("open failed");
    for (std::vector<KeyRow>& batch : batches) {
      const int64_t last = batch.back().rec;
      if (!file.Add(&batch).ok() || !file.Commit(last).ok()) state.SkipWithError("add failed");
      rows += kRowsPerFlush;
    }
    buckets = file.buckets();
  }
  fs::remove_all(dir);
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.counters["MiB"] = static_cast<double>(buckets * 4096) / (1 << 20);
}
BENCHMARK(BM_KeyFileFlushes)->Arg(3)->Arg(9)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
