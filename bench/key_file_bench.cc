// The band file's flushes (store/key_file.h) at the sizes of real runs: N
// flushes of 2^20 rows (what the index holds between flushes), each
// committed, into a new file in the temporary folder. Band keys as the
// 2.1 GB archive of docs/performance.md has them: most once, a tenth shared
// by near-duplicates (a pool of keys that fill up to kMaxBandCandidates
// rows), so that buckets overfill and the table doubles as in a run. Reports
// rows per second and the table's final size; 3 flushes are about a 626 MB
// archive's band rows, 9 a 2.1 GB one's, 27 a 6.3 GB one's.
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

// The band rows of the archive's originals, a flush's worth at a time.
class BandRows {
 public:
  BandRows() : random_(17), shared_(kSharedKeys) {
    for (int64_t& key : shared_) key = static_cast<int64_t>(random_() >> 1);
  }
  void NextFlush(std::vector<KeyRow>* rows) {
    rows->clear();
    while (rows->size() < kRowsPerFlush) {
      ++rec_;
      for (int band = 0; band < 6; ++band) {
        const bool near_duplicate = random_() % 10 == 0;
        const int64_t key =
            near_duplicate ? shared_[random_() % kSharedKeys] : static_cast<int64_t>(random_() >> 1);
        rows->push_back(KeyRow{key, rec_, random_()});
      }
    }
  }

 private:
  std::mt19937_64 random_;
  std::vector<int64_t> shared_;
  int64_t rec_ = 0;
};

void BM_KeyFileFlushes(benchmark::State& state) {
  const fs::path dir = fs::temp_directory_path() / "newsmine-key-file-bench";
  uint64_t rows = 0, buckets = 0;
  std::vector<KeyRow> batch;
  batch.reserve(kRowsPerFlush + 6);
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove_all(dir);
    fs::create_directories(dir);
    BandRows archive;
    state.ResumeTiming();
    KeyFile file;
    int64_t covered = 0;
    if (!file.Open((dir / "bands.bin").string(), 1, 0, &covered).ok()) state.SkipWithError("open failed");
    for (int64_t flush = 0; flush < state.range(0); ++flush) {
      state.PauseTiming();
      archive.NextFlush(&batch);
      const int64_t last = batch.back().rec;
      state.ResumeTiming();
      if (!file.Add(&batch).ok() || !file.Commit(last).ok()) state.SkipWithError("add failed");
      rows += kRowsPerFlush;
    }
    buckets = file.buckets();
  }
  fs::remove_all(dir);
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.counters["MiB"] = static_cast<double>(buckets * 4096) / (1 << 20);
}
// The 27 flushes take about half a minute and leave a 4 GiB file (removed).
BENCHMARK(BM_KeyFileFlushes)->Arg(3)->Arg(9)->Arg(27)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
