// What a near-duplicate candidate's signature costs the writer to read
// (store/signature_file.h): from signatures.bin, and from a SQLite table
// shaped as the index's `records` (the id, title, source and day beside the
// 128-byte signature; pages of 16 KiB, the writer's page cache of 48 MiB),
// where the writer read it until 3 Dec 2026. Records at random among N
// million originals (Arg), in a new file in the temporary folder: 1 million
// is about a 1.1 GB archive's originals, 4 million a 5 GB one's. The files
// stay in the page cache on a machine with the memory to spare, as they did
// in the runs of docs/performance.md. Each benchmark builds its file once,
// and reads a fixed number of records (Iterations), since Google Benchmark
// would otherwise call it again, and build again, to choose that number.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>

#include "store/minhash.h"
#include "store/signature_file.h"
#include "store/sqlite_db.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;

MinHashSignature SignatureOf(int64_t rec) {
  std::mt19937 random(static_cast<uint32_t>(rec));
  MinHashSignature signature;
  for (uint32_t& minimum : signature) minimum = random() | 1;
  return signature;
}

fs::path NewDir() {
  const fs::path dir = fs::temp_directory_path() / "newsmine-signature-file-bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void BM_SignatureFileGet(benchmark::State& state) {
  const fs::path dir = NewDir();
  const int64_t recs = state.range(0) * 1000000;
  {
    SignatureFile file;
    int64_t covered = 0;
    bool ok = file.Open((dir / "signatures.bin").string(), 1, 0, &covered).ok();
    for (int64_t rec = 1; ok && rec <= recs; ++rec) ok = file.Put(rec, SignatureOf(rec)).ok();
    if (!ok || !file.Commit(recs).ok()) state.SkipWithError("writing the file failed");
  }
  SignatureFile file;
  int64_t covered = 0;
  if (!file.Open((dir / "signatures.bin").string(), 1, recs, &covered).ok() || covered != recs)
    state.SkipWithError("opening the file failed");
  std::mt19937_64 random(23);
  MinHashSignature signature;
  for (auto _ : state) {
    bool found = false;
    if (!file.Get(static_cast<int64_t>(random() % recs) + 1, &signature, &found).ok() || !found)
      state.SkipWithError("get failed");
    benchmark::DoNotOptimize(signature);
  }
  file.Close();
  fs::remove_all(dir);
}
BENCHMARK(BM_SignatureFileGet)->Arg(1)->Arg(4)->Iterations(1000000)->Unit(benchmark::kMicrosecond);

void BM_SqliteSignatureRead(benchmark::State& state) {
  const fs::path dir = NewDir();
  const int64_t recs = state.range(0) * 1000000;
  Database db;
  Statement insert, find;
  bool ok =
      db.Open((dir / "index.sqlite").string(), false).ok() &&
      db.Exec(
            "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA cache_size=-49152;"
            "CREATE TABLE records(rec INTEGER PRIMARY KEY, id TEXT NOT NULL, segment INTEGER NOT NULL, "
            "offset INTEGER NOT NULL, length INTEGER NOT NULL, day TEXT, source TEXT, title TEXT, "
            "duplicate_of TEXT, minhash BLOB); BEGIN;")
          .ok() &&
      db.Prepare("INSERT INTO records VALUES (?1, ?2, 1, ?3, 2000, '1987-03-02', 'Reuters', ?4, NULL, ?5)",
                 &insert)
          .ok() &&
      db.Prepare("SELECT minhash FROM records WHERE rec = ?1", &find).ok();
  for (int64_t rec = 1; ok && rec <= recs; ++rec) {
    insert.BindInt(1, rec);
    insert.BindText(2, std::to_string(rec * 0x9E3779B97F4A7C15ull) + "#" + std::to_string(rec % 500));
    insert.BindInt(3, rec * 2000);
    insert.BindText(4, "A TITLE OF ABOUT FORTY CHARACTERS, " + std::to_string(rec));
    insert.BindBlob(5, SignatureBytes(SignatureOf(rec)));
    ok = insert.Run().ok();
  }
  if (!ok || !db.Exec("COMMIT;").ok()) state.SkipWithError("building the table failed");
  std::mt19937_64 random(23);
  MinHashSignature signature;
  for (auto _ : state) {
    find.BindInt(1, static_cast<int64_t>(random() % recs) + 1);
    if (!find.Step() || !SignatureFromBytes(find.Blob(0), &signature)) state.SkipWithError("read failed");
    find.Reset();
    benchmark::DoNotOptimize(signature);
  }
  db.Close();
  fs::remove_all(dir);
}
BENCHMARK(BM_SqliteSignatureRead)->Arg(1)->Arg(4)->Iterations(1000000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
