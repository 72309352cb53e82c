#include "store/key_file.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "core/process_io.h"
#include "store/minhash.h"
#include "test_util.h"

namespace newsmine {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

constexpr int64_t kGeneration = 42;

// The sketch the tests' rows of record `rec` carry.
SignatureSketch SketchOf(int64_t rec) {
  return SignatureSketch{static_cast<uint64_t>(rec) * 3, ~static_cast<uint64_t>(rec)};
}

// The recs Find gives for `key`, newest first.
std::vector<int64_t> RecsOf(KeyFile* file, int64_t key, int limit) {
  std::vector<KeyRow> rows;
  EXPECT_TRUE(file->Find(key, limit, &rows).ok());
  std::vector<int64_t> recs;
  for (const KeyRow& row : rows) {
    EXPECT_EQ(row.key, key);
    EXPECT_EQ(row.sketch, SketchOf(row.rec));
    recs.push_back(row.rec);
  }
  return recs;
}

KeyRow Row(int64_t key, int64_t rec) { return KeyRow{key, rec, SketchOf(rec)}; }

TEST(KeyFile, FindsTheNewestRowsOfAKeyNewestFirst) {
  const std::string path = TempDir("bands-newest") + "/bands.bin";
  KeyFile file;
  int64_t covered = -1;
  ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
  EXPECT_EQ(covered, 0);
  // Records 1..50 under key 7, in two flushes and out of order, beside
  // others.
  std::vector<KeyRow> rows;
  for (int64_t rec = 50; rec > 25; --rec) rows.push_back(Row(7, rec));
  rows.push_back(Row(8, 3));
  ASSERT_TRUE(file.Add(&rows).ok());
  rows.clear();
  for (int64_t rec = 1; rec <= 25; ++rec) rows.push_back(Row(7, rec));
  ASSERT_TRUE(file.Add(&rows).ok());

  std::vector<int64_t> newest;
  for (int64_t rec = 50; rec > 50 - kMaxBandCandidates; --rec) newest.push_back(rec);
  EXPECT_EQ(RecsOf(&file, 7, kMaxBandCandidates), newest);
  EXPECT_EQ(RecsOf(&file, 7, 3), (std::vector<int64_t>{50, 49, 48}));
  EXPECT_EQ(RecsOf(&file, 8, kMaxBandCandidates), (std::vector<int64_t>{3}));
  EXPECT_TRUE(RecsOf(&file, 9, kMaxBandCandidates).empty());
  // Only the newest kMaxBandCandidates of a key are kept.
  EXPECT_EQ(file.rows(), static_cast<uint64_t>(kMaxBandCandidates) + 1);
}

TEST(KeyFile, AddingARowItHoldsChangesNothing) {
  const std::string path = TempDir("bands-again") + "/bands.bin";
  KeyFile file;
  int64_t covered = 0;
  ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
  std::vector<KeyRow> rows = {Row(1, 1), Row(1, 2), Row(2, 2)};
  ASSERT_TRUE(file.Add(&rows).ok());
  rows = {Row(1, 2), Row(2, 2), Row(2, 2), Row(1, 1)};
  ASSERT_TRUE(file.Add(&rows).ok());
  EXPECT_EQ(file.rows(), 3u);
  EXPECT_EQ(RecsOf(&file, 1, kMaxBandCandidates), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(RecsOf(&file, 2, kMaxBandCandidates), (std::vector<int64_t>{2}));
}

// The run files of the key file at `path`, by name.
std::set<std::string> RunFiles(const std::string& path) {
  const std::filesystem::path file(path);
  std::set<std::string> runs;
  for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
    const std::string name = entry.path().filename().string();
    const std::string prefix = file.filename().string() + ".";
    if (name.rfind(prefix, 0) == 0 &&
        name.find_first_not_of("0123456789", prefix.size()) == std::string::npos)
      runs.insert(name);
  }
  return runs;
}

// A key whose rows sort by `hash` (the file's order is key times an odd
// constant, so this inverts it).
int64_t KeyWithHash(uint64_t hash) {
  const uint64_t odd = 0x9E3779B97F4A7C15ull;
  uint64_t inverse = odd;
  for (int i = 0; i < 6; ++i) inverse *= 2 - odd * inverse;
  return static_cast<int64_t>(hash * inverse);
}

// Many flushes: the runs merge as they come, stay few, and every row is
// found, also after a reopen; the runs merged away are removed at the
// commit.
TEST(KeyFile, KeepsEveryRowAsRunsMergeAndAcrossAReopen) {
  const std::string path = TempDir("bands-grow") + "/bands.bin";
  std::mt19937_64 random(5);
  std::map<int64_t, std::vector<int64_t>> recs_of;  // key -> recs, oldest first
  const auto finds_every_row = [&](KeyFile* file) {
    for (const auto& [key, recs] : recs_of) {
      std::vector<int64_t> newest(recs.rbegin(), recs.rend());
      if (newest.size() > kMaxBandCandidates) newest.resize(kMaxBandCandidates);
      ASSERT_EQ(RecsOf(file, key, kMaxBandCandidates), newest) << key;
    }
  };
  size_t most_runs = 0;
  {
    KeyFile file;
    int64_t covered = 0;
    ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
    int64_t rec = 0;
    for (int flush = 0; flush < 100; ++flush) {
      std::vector<KeyRow> rows;
      for (int i = 0; i < 1000; ++i) {
        ++rec;
        // Most keys once, some many times (up to 60 times, more than a
        // run keeps).
        const int64_t key = static_cast<int64_t>(random() >> 1) % (i % 10 == 0 ? 1000 : INT64_MAX);
        rows.push_back(Row(key, rec));
        recs_of[key].push_back(rec);
      }
      ASSERT_TRUE(file.Add(&rows).ok());
      ASSERT_TRUE(file.Commit(rec).ok());
      most_runs = std::max(most_runs, file.runs());
      ASSERT_EQ(RunFiles(path).size(), file.runs());
      if (flush % 10 == 9) finds_every_row(&file);
    }
    // With kMergeRatio 4, 100 equal flushes never leave more than 3 runs;
    // and they did leave more than one.
    EXPECT_LE(most_runs, 3u);
    EXPECT_GE(most_runs, 2u);
  }
  KeyFile file;
  int64_t covered = 0;
  ASSERT_TRUE(file.Open(path, kGeneration, 100000, &covered).ok());
  EXPECT_EQ(covered, 100000);
  finds_every_row(&file);
  std::multiset<int64_t> keys;
  ASSERT_TRUE(file.ForEachKey([&](int64_t key) { keys.insert(key); }).ok());
  EXPECT_EQ(keys.size(), file.rows());
  for (const auto& [key, recs] : recs_of) {
    EXPECT_GE(keys.count(key), std::min<size_t>(recs.size(), kMaxBandCandidates));
  }
}

// A lookup reads only the runs whose filter may hold its key: none for keys
// held nowhere (but about 5 % of them), one block for a key of one run; and
// the same after a reopen, once the filters are read back.
TEST(KeyFile, LookupsReadOnlyTheRunsThatMayHoldTheKey) {
  const std::string path = TempDir("bands-filters") + "/bands.bin";
  std::mt19937_64 random(12);
  std::vector<int64_t> keys;
  int64_t rec = 0;
  const auto add = [&](KeyFile* file, int rows) {
    std::vector<KeyRow> batch;
    for (int i = 0; i < rows; ++i) {
      keys.push_back(static_cast<int64_t>(random() >> 1));
      batch.push_back(Row(keys.back(), ++rec));
    }
    ASSERT_TRUE(file->Add(&batch).ok());
    ASSERT_TRUE(file->Commit(rec).ok());
  };
  const auto bytes_per_lookup = [&](KeyFile* file, bool held) {
    const uint64_t before = ProcessIoCounter("rchar");
    std::vector<KeyRow> found;
    for (int i = 0; i < 2000; ++i) {
      const int64_t key = held ? keys[random() % keys.size()] : static_cast<int64_t>(random() >> 1);
      found.clear();
      EXPECT_TRUE(file->Find(key, kMaxBandCandidates, &found).ok());
      EXPECT_EQ(found.size(), held ? 1u : 0u);
    }
    return static_cast<double>(ProcessIoCounter("rchar") - before) / 2000;
  };
  const double block = KeyFile::kBlockRows * sizeof(KeyRow);
  const auto check = [&](KeyFile* file) {
    ASSERT_EQ(file->runs(), 3u);
    // A block for about 5 % of the keys a run, where without the filters
    // every lookup would read a block of each of the three runs.
    EXPECT_LT(bytes_per_lookup(file, false), 0.25 * block);
    // One block, two when the key's rows begin the block after.
    EXPECT_LT(bytes_per_lookup(file, true), 1.2 * block);
  };
  {
    KeyFile file;
    int64_t covered = 0;
    ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
    // Three runs: each more than kMergeRatio times the next.
    add(&file, 50000);
    add(&file, 10000);
    add(&file, 2000);
    check(&file);
  }
  KeyFile file;
  int64_t covered = 0;
  ASSERT_TRUE(file.Open(path, kGeneration, rec, &covered).ok());
  std::vector<KeyRow> found;
  ASSERT_TRUE(file.Find(keys[0], kMaxBandCandidates, &found).ok());  // reads the filters
  check(&file);
}

// The rows of `copies` records of each of `keys` in turn, numbered on from
// *rec.
std::vector<KeyRow> RowsOfEach(const std::vector<int64_t>& keys, int copies, int64_t* rec) {
  std::vector<KeyRow> rows;
  for (int64_t key : keys) {
    for (int copy = 0; copy < copies; ++copy) rows.push_back(Row(key, ++*rec));
  }
  return rows;
}

// Opens a new key file at `path` and adds `rows` to it, as one run.
void OpenWithOneRun(const std::string& path, std::vector<KeyRow> rows, KeyFile* file) {
  int64_t covered = 0;
  ASSERT_TRUE(file->Open(path, kGeneration, 0, &covered).ok());
  ASSERT_TRUE(file->Add(&rows).ok());
  ASSERT_EQ(file->runs(), 1u);
}

// Checks that Find gives each of `keys` the records RowsOfEach gave it
// (numbered from 1), newest first.
void ExpectRowsOfEach(KeyFile* file, const std::vector<int64_t>& keys, int copies) {
  int64_t rec = 0;
  for (int64_t key : keys) {
    rec += copies;
    std::vector<int64_t> newest;
    for (int copy = 0; copy < copies; ++copy) newest.push_back(rec - copy);
    EXPECT_EQ(RecsOf(file, key, kMaxBandCandidates), newest) << key;
  }
}

// A key's rows can cross a block's end, and keys can share a fence (the top
// 32 bits of the hash): more of them than a lookup reads at once.
TEST(KeyFile, FindsRowsAcrossBlocksAndSharedFences) {
  const std::string path = TempDir("bands-blocks") + "/bands.bin";
  std::mt19937_64 random(8);
  std::vector<int64_t> keys;
  // 300 keys of one fence, with neighbours on both sides.
  for (uint64_t i = 0; i < 300; ++i) keys.push_back(KeyWithHash((uint64_t{77} << 32) + i * 1000));
  for (int i = 0; i < 2000; ++i) keys.push_back(static_cast<int64_t>(random()));
  int64_t rec = 0;
  KeyFile file;
  ASSERT_NO_FATAL_FAILURE(OpenWithOneRun(path, RowsOfEach(keys, 5, &rec), &file));
  ExpectRowsOfEach(&file, keys, 5);
  EXPECT_TRUE(RecsOf(&file, KeyWithHash((uint64_t{77} << 32) + 1), kMaxBandCandidates).empty());
  EXPECT_TRUE(RecsOf(&file, KeyWithHash(0), kMaxBandCandidates).empty());
  EXPECT_TRUE(RecsOf(&file, KeyWithHash(~uint64_t{0}), kMaxBandCandidates).empty());
}

// Find guesses a key's block from its hash, as if the hashes were uniform;
// keys bunched at either end of the hashes, or in the middle, or one key
// over many blocks, are found all the same, and keys between them are not.
TEST(KeyFile, FindsKeysWhoseHashesAreFarFromUniform) {
  const std::string path = TempDir("bands-skewed") + "/bands.bin";
  std::vector<int64_t> keys;
  for (uint64_t i = 0; i < 2000; ++i) keys.push_back(KeyWithHash(i * 7919));
  for (uint64_t i = 0; i < 2000; ++i) keys.push_back(KeyWithHash(~uint64_t{0} - i * 7919));
  for (uint64_t i = 0; i < 2000; ++i)
    keys.push_back(KeyWithHash((uint64_t{1} << 63) + i * (uint64_t{1} << 20)));
  int64_t rec = 0;
  std::vector<KeyRow> rows = RowsOfEach(keys, 3, &rec);
  // One key with the most rows a key keeps, bunched in the middle too.
  const int64_t crowded = KeyWithHash((uint64_t{1} << 63) + 3);
  for (int copy = 0; copy < kMaxBandCandidates; ++copy) rows.push_back(Row(crowded, ++rec));
  KeyFile file;
  ASSERT_NO_FATAL_FAILURE(OpenWithOneRun(path, std::move(rows), &file));
  ExpectRowsOfEach(&file, keys, 3);
  EXPECT_EQ(RecsOf(&file, crowded, kMaxBandCandidates).size(), static_cast<size_t>(kMaxBandCandidates));
  for (uint64_t hash : {uint64_t{1}, ~uint64_t{0} - 1, (uint64_t{1} << 63) + 1, (uint64_t{1} << 62),
                        (uint64_t{1} << 63) + (uint64_t{2000} << 20)}) {
    EXPECT_TRUE(RecsOf(&file, KeyWithHash(hash), kMaxBandCandidates).empty()) << hash;
  }
}

// A run whose rows disagree with its fences or are out of order, or that is
// cut short, is reported or dropped, never read past; a flush that would
// merge a damaged run fails and leaves the file as it was.
TEST(KeyFile, DamagedRunsAreReported) {
  const std::string path = TempDir("bands-damaged") + "/bands.bin";
  std::mt19937_64 random(9);
  std::vector<KeyRow> rows;
  for (int64_t rec = 1; rec <= 1000; ++rec) rows.push_back(Row(static_cast<int64_t>(random() >> 1), rec));
  const std::vector<KeyRow> added = rows;
  {
    KeyFile file;
    int64_t covered = 0;
    ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
    ASSERT_TRUE(file.Add(&rows).ok());
    ASSERT_TRUE(file.Commit(1000).ok());
  }
  ASSERT_EQ(RunFiles(path).size(), 1u);
  const std::string run = std::filesystem::path(path).parent_path() / *RunFiles(path).begin();
  std::string content = ReadFile(run);
  KeyRow first, second;
  std::memcpy(&first, content.data(), sizeof first);
  std::memcpy(&second, content.data() + sizeof first, sizeof second);
  // The first row now sorts last (runs hold their keys hashed, in order):
  // its block's fence and the order say so.
  const KeyRow misplaced{static_cast<int64_t>(~uint64_t{0}), first.rec, first.sketch};
  WriteFile(
      run, content.replace(0, sizeof misplaced, reinterpret_cast<const char*>(&misplaced), sizeof misplaced));
  const int64_t second_key = KeyWithHash(static_cast<uint64_t>(second.key));
  {
    KeyFile file;
    int64_t covered = 0;
    ASSERT_TRUE(file.Open(path, kGeneration, 1000, &covered).ok());
    ASSERT_EQ(covered, 1000);
    std::vector<KeyRow> found;
    EXPECT_EQ(file.Find(second_key, kMaxBandCandidates, &found).code(), Status::Code::kCorrupt);
    EXPECT_EQ(file.ForEachKey([](int64_t) {}).code(), Status::Code::kCorrupt);
    const uint64_t held = file.rows();
    // Enough rows to merge with the run (1000 <= 4 * 300).
    std::vector<KeyRow> more;
    for (int64_t rec = 1001; rec <= 1300; ++rec) more.push_back(Row(rec, rec));
    EXPECT_EQ(file.Add(&more).code(), Status::Code::kCorrupt);
    EXPECT_EQ(file.rows(), held);
    EXPECT_EQ(file.runs(), 1u);
    EXPECT_EQ(RunFiles(path).size(), 1u);
  }
  // Cut short: the file starts anew.
  std::filesystem::resize_file(run, content.size() - 1);
  KeyFile file;
  int64_t covered = -1;
  ASSERT_TRUE(file.Open(path, kGeneration, 1000, &covered).ok());
  EXPECT_EQ(covered, 0);
  EXPECT_EQ(file.rows(), 0u);
  EXPECT_TRUE(RunFiles(path).empty());
  for (const KeyRow& row : added) EXPECT_TRUE(RecsOf(&file, row.key, kMaxBandCandidates).empty());
}

// A process that dies between commits leaves what the last commit named:
// the runs it wrote since are removed when the file opens, and the runs
// they replaced are still there.
TEST(KeyFile, ACrashKeepsTheLastCommit) {
  const std::string path = TempDir("bands-crash") + "/bands.bin";
  const auto rows_from = [](int64_t first) {
    std::vector<KeyRow> rows;
    for (int64_t rec = first; rec < first + 100; ++rec) rows.push_back(Row(rec * 7919, rec));
    return rows;
  };
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    KeyFile file;
    int64_t covered = 0;
    std::vector<KeyRow> rows = rows_from(1);
    bool ok = file.Open(path, kGeneration, 0, &covered).ok() && file.Add(&rows).ok() && file.Commit(100).ok();
    rows = rows_from(101);
    // Merges with the committed run (100 <= 4 * 100): two runs on disk.
    ok = ok && file.Add(&rows).ok() && file.runs() == 1;
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(RunFiles(path).size(), 2u);
  KeyFile file;
  int64_t covered = 0;
  ASSERT_TRUE(file.Open(path, kGeneration, 100, &covered).ok());
  EXPECT_EQ(covered, 100);
  EXPECT_EQ(RunFiles(path).size(), 1u);
  for (const KeyRow& row : rows_from(1))
    EXPECT_EQ(RecsOf(&file, row.key, kMaxBandCandidates), (std::vector<int64_t>{row.rec}));
  for (const KeyRow& row : rows_from(101)) EXPECT_TRUE(RecsOf(&file, row.key, kMaxBandCandidates).empty());
  // Remove takes the runs too.
  file.Close();
  KeyFile::Remove(path);
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(RunFiles(path).empty());
}

// The header says which records' rows the file may hold: rows of records
// the index does not have make it start anew; rows past what was committed
// are covered again by the caller.
TEST(KeyFile, OpenKeepsWhatTheIndexCoversAndStartsAnewOtherwise) {
  const std::string path = TempDir("bands-open") + "/bands.bin";
  {
    KeyFile file;
    int64_t covered = 0;
    ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
    std::vector<KeyRow> rows = {Row(1, 1), Row(2, 5)};
    ASSERT_TRUE(file.Add(&rows).ok());
    ASSERT_TRUE(file.Commit(5).ok());
    rows = {Row(3, 9)};  // not committed
    ASSERT_TRUE(file.Add(&rows).ok());
  }
  const auto open = [&](int64_t generation, int64_t last_rec, int64_t* covered) {
    KeyFile file;
    EXPECT_TRUE(file.Open(path, generation, last_rec, covered).ok());
    return RecsOf(&file, 2, kMaxBandCandidates).size();
  };
  int64_t covered = -1;
  // The index has record 9: the file is kept, and covers up to 5.
  EXPECT_EQ(open(kGeneration, 9, &covered), 1u);
  EXPECT_EQ(covered, 5);
  // Another index's file.
  EXPECT_EQ(open(kGeneration + 1, 9, &covered), 0u);
  EXPECT_EQ(covered, 0);
  // The index lost record 9 (and the file was made anew above, so rebuild
  // the situation first).
  {
    KeyFile file;
    ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
    std::vector<KeyRow> rows = {Row(2, 5), Row(3, 9)};
    ASSERT_TRUE(file.Add(&rows).ok());
    ASSERT_TRUE(file.Commit(5).ok());
  }
  EXPECT_EQ(open(kGeneration, 8, &covered), 0u);
  EXPECT_EQ(covered, 0);
  // Junk (or a file of another kind: the hash table of 4 KiB buckets
  // before), a manifest cut short, and one whose run is missing.
  WriteFile(path, std::string(10000, '\xff'));
  EXPECT_EQ(open(kGeneration, 9, &covered), 0u);
  EXPECT_EQ(covered, 0);
  const auto committed = [&]() {
    KeyFile file;
    ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
    std::vector<KeyRow> rows = {Row(2, 5)};
    ASSERT_TRUE(file.Add(&rows).ok());
    ASSERT_TRUE(file.Commit(5).ok());
  };
  committed();
  EXPECT_EQ(open(kGeneration, 9, &covered), 1u);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 1);
  EXPECT_EQ(open(kGeneration, 9, &covered), 0u);
  EXPECT_EQ(covered, 0);
  committed();
  for (const std::string& run : RunFiles(path))
    std::filesystem::remove(std::filesystem::path(path).parent_path() / run);
  EXPECT_EQ(open(kGeneration, 9, &covered), 0u);
  EXPECT_EQ(covered, 0);
}

}  // namespace
}  // namespace newsmine
