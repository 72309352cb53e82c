// The band file's flushes and lookups (store/key_file.h) at the sizes of
// real runs: N flushes of 2^20 rows (what the index holds between flushes),
// each committed, into a new file in the temporary folder. Band keys as the
// 2.1 GB archive of docs/performance.md has them: most once, a tenth shared
// by near-duplicates (a pool of keys that fill up to kMaxBandCandidates
// rows). 3 flushes are about a 626 MB archive's band rows, 9 a 2.1 GB one's,
// 27 a 6.3 GB one's, 44 a 10.6 GB one's.
//
// BM_KeyFileFlushes reports rows per second, the runs' final size, their
// number, and the bytes written (wchar of /proc/self/io) per byte of rows
// flushed: how many times a row is written as runs merge. BM_KeyFileFind
// reports the time of a lookup after the flushes, of keys a flush added
// (half) and of keys never added (half), as the writer looks band keys up.
// BM_RunBlockRead times the read of one block alone, by pread and from a
// memory map.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/process_io.h"
#include "store/key_file.h"
#include "store/minhash.h"

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
        rows->push_back(KeyRow{key, rec_, SignatureSketch{random_(), random_()}});
      }
    }
  }

 private:
  std::mt19937_64 random_;
  std::vector<int64_t> shared_;
  int64_t rec_ = 0;
};

// Flushes `flushes` flushes of `archive` into a new file at `dir`; false
// when one fails.
bool Flush(KeyFile* file, const fs::path& dir, BandRows* archive, int64_t flushes, benchmark::State* state) {
  std::vector<KeyRow> batch;
  batch.reserve(kRowsPerFlush + 6);
  int64_t covered = 0;
  if (!file->Open((dir / "bands.bin").string(), 1, 0, &covered).ok()) return false;
  for (int64_t flush = 0; flush < flushes; ++flush) {
    if (state != nullptr) state->PauseTiming();
    archive->NextFlush(&batch);
    const int64_t last = batch.back().rec;
    if (state != nullptr) state->ResumeTiming();
    if (!file->Add(&batch).ok() || !file->Commit(last).ok()) return false;
  }
  return true;
}

fs::path NewDir() {
  const fs::path dir = fs::temp_directory_path() / "newsmine-key-file-bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void BM_KeyFileFlushes(benchmark::State& state) {
  uint64_t rows = 0, bytes = 0, written = 0;
  size_t runs = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path dir = NewDir();
    BandRows archive;
    const uint64_t written_before = ProcessIoCounter("wchar");
    state.ResumeTiming();
    KeyFile file;
    if (!Flush(&file, dir, &archive, state.range(0), &state)) state.SkipWithError("a flush failed");
    rows += kRowsPerFlush * static_cast<uint64_t>(state.range(0));
    bytes = file.bytes();
    runs = file.runs();
    written += ProcessIoCounter("wchar") - written_before;
  }
  fs::remove_all(fs::temp_directory_path() / "newsmine-key-file-bench");
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.counters["MiB"] = static_cast<double>(bytes) / (1 << 20);
  state.counters["runs"] = static_cast<double>(runs);
  state.counters["written/row"] = static_cast<double>(written) / static_cast<double>(rows * sizeof(KeyRow));
}
// The 27 flushes take about ten seconds and leave 630 MiB of runs (removed).
BENCHMARK(BM_KeyFileFlushes)->Arg(3)->Arg(9)->Arg(27)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_KeyFileFind(benchmark::State& state) {
  const fs::path dir = NewDir();
  BandRows archive;
  KeyFile file;
  if (!Flush(&file, dir, &archive, state.range(0), nullptr)) state.SkipWithError("a flush failed");
  // Every 97th key held, to look up beside keys at random (never added).
  std::vector<int64_t> held;
  uint64_t seen = 0;
  if (!file.ForEachKey([&](int64_t key) {
             if (seen++ % 97 == 0) held.push_back(key);
           })
           .ok()) {
    state.SkipWithError("reading the keys failed");
  }
  std::shuffle(held.begin(), held.end(), std::mt19937_64(29));
  std::mt19937_64 random(23);
  std::vector<KeyRow> found;
  size_t lookups = 0;
  for (auto _ : state) {
    const int64_t key =
        lookups % 2 == 0 ? held[(lookups / 2) % held.size()] : static_cast<int64_t>(random() >> 1);
    found.clear();
    if (!file.Find(key, kMaxBandCandidates, &found).ok()) state.SkipWithError("find failed");
    ++lookups;
  }
  state.counters["runs"] = static_cast<double>(file.runs());
  fs::remove_all(dir);
}
// After 9 and 44 flushes (a 2.1 and a 10.6 GB archive's band rows).
BENCHMARK(BM_KeyFileFind)->Arg(9)->Arg(44)->Unit(benchmark::kMicrosecond);

// What a lookup's read of a block costs, apart from the rest of Find: one
// block (kBlockRows rows, 2 KiB) at random in a file of 256 MiB (about the
// band runs of a 2.1 GB archive) in the page cache, by `pread` as Find
// reads (state.range(0) == 0) or copied from a memory map of the file
// whose pages were touched once before (1). The map is what Find does not
// use: its pages would count in the writer's resident memory.
void BM_RunBlockRead(benchmark::State& state) {
  const bool mapped = state.range(0) == 1;
  constexpr size_t kFileBytes = size_t{256} << 20;
  constexpr size_t kBlockBytes = KeyFile::kBlockRows * sizeof(KeyRow);
  const fs::path dir = NewDir();
  const std::string path = (dir / "run").string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0644);
  const std::vector<char> chunk(size_t{1} << 20, 'r');
  for (size_t offset = 0; offset < kFileBytes; offset += chunk.size()) {
    if (fd < 0 || ::pwrite(fd, chunk.data(), chunk.size(), static_cast<off_t>(offset)) !=
                      static_cast<ssize_t>(chunk.size())) {
      state.SkipWithError("writing the file failed");
      fs::remove_all(dir);
      return;
    }
  }
  void* map = ::mmap(nullptr, kFileBytes, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    state.SkipWithError("mmap failed");
    ::close(fd);
    fs::remove_all(dir);
    return;
  }
  const char* bytes = static_cast<const char*>(map);
  if (mapped) {
    for (size_t offset = 0; offset < kFileBytes; offset += 4096) benchmark::DoNotOptimize(bytes[offset]);
  }
  std::mt19937_64 random(31);
  std::vector<char> block(kBlockBytes);
  for (auto _ : state) {
    const size_t offset = (random() % (kFileBytes / kBlockBytes)) * kBlockBytes;
    if (mapped) {
      std::memcpy(block.data(), bytes + offset, kBlockBytes);
    } else if (::pread(fd, block.data(), kBlockBytes, static_cast<off_t>(offset)) !=
               static_cast<ssize_t>(kBlockBytes)) {
      state.SkipWithError("pread failed");
      break;
    }
    benchmark::DoNotOptimize(block.data());
  }
  ::munmap(map, kFileBytes);
  ::close(fd);
  fs::remove_all(dir);
}
BENCHMARK(BM_RunBlockRead)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
