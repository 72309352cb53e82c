#include "store/key_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "store/minhash.h"
#include "test_util.h"

namespace newsmine {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

constexpr int64_t kGeneration = 42;

// The recs Find gives for `key`, newest first.
std::vector<int64_t> RecsOf(KeyFile* file, int64_t key, int limit) {
  std::vector<KeyRow> rows;
  EXPECT_TRUE(file->Find(key, limit, &rows).ok());
  std::vector<int64_t> recs;
  for (const KeyRow& row : rows) {
    EXPECT_EQ(row.key, key);
    EXPECT_EQ(row.sketch, static_cast<uint64_t>(row.rec) * 3);
    recs.push_back(row.rec);
  }
  return recs;
}

KeyRow Row(int64_t key, int64_t rec) { return KeyRow{key, rec, static_cast<uint64_t>(rec) * 3}; }

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

// Enough rows to double the table several times; then a reopen, and every
// row and key is there.
// Find reads only the rows a bucket holds once it knows their count (from
// the file's creation, its merges and doublings, or a ForEachKey), and the
// whole bucket before: either way it finds every row.
TEST(KeyFile, KeepsEveryRowAsItGrowsAndAcrossAReopen) {
  const std::string path = TempDir("bands-grow") + "/bands.bin";
  std::mt19937_64 random(5);
  std::map<int64_t, std::vector<int64_t>> recs_of;  // key -> recs, oldest first
  const auto finds_every_row = [&](KeyFile* file) {
    uint64_t kept = 0;
    for (const auto& [key, recs] : recs_of) {
      std::vector<int64_t> newest(recs.rbegin(), recs.rend());
      if (newest.size() > kMaxBandCandidates) newest.resize(kMaxBandCandidates);
      kept += newest.size();
      ASSERT_EQ(RecsOf(file, key, kMaxBandCandidates), newest) << key;
    }
    EXPECT_EQ(file->rows(), kept);
  };
  {
    KeyFile file;
    int64_t covered = 0;
    ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
    int64_t rec = 0;
    for (int flush = 0; flush < 8; ++flush) {
      std::vector<KeyRow> rows;
      for (int i = 0; i < 10000; ++i) {
        ++rec;
        // Most keys once, some a few times.
        const int64_t key = static_cast<int64_t>(random() >> 1) % (i % 10 == 0 ? 500 : INT64_MAX);
        rows.push_back(Row(key, rec));
        recs_of[key].push_back(rec);
      }
      ASSERT_TRUE(file.Add(&rows).ok());
      ASSERT_TRUE(file.Commit(rec).ok());
      finds_every_row(&file);
    }
    EXPECT_GT(file.buckets(), uint64_t{1} << KeyFile::kInitialBucketBits);
  }
  KeyFile file;
  int64_t covered = 0;
  ASSERT_TRUE(file.Open(path, kGeneration, 80000, &covered).ok());
  EXPECT_EQ(covered, 80000);
  finds_every_row(&file);
  // Rows added while the counts are not known leave them unknown.
  std::vector<KeyRow> rows;
  for (int64_t rec = 80001; rec <= 80100; ++rec) {
    const int64_t key = static_cast<int64_t>(random() >> 1);
    rows.push_back(Row(key, rec));
    recs_of[key].push_back(rec);
  }
  const uint64_t buckets = file.buckets();
  ASSERT_TRUE(file.Add(&rows).ok());
  ASSERT_EQ(file.buckets(), buckets);
  finds_every_row(&file);
  std::multiset<int64_t> keys;
  ASSERT_TRUE(file.ForEachKey([&](int64_t key) { keys.insert(key); }).ok());
  EXPECT_EQ(keys.size(), file.rows());
  for (const auto& [key, recs] : recs_of) {
    EXPECT_EQ(keys.count(key), std::min<size_t>(recs.size(), kMaxBandCandidates));
  }
  finds_every_row(&file);
}

// More rows fall in one bucket than it holds: the table doubles until they
// fit, though on average it is nearly empty.
TEST(KeyFile, ABucketThatOverfillsDoublesTheTable) {
  const std::string path = TempDir("bands-overfull") + "/bands.bin";
  std::mt19937_64 random(6);
  std::vector<int64_t> keys;
  while (keys.size() < 8) {
    const int64_t key = static_cast<int64_t>(random() >> 1);
    if (KeyBucket(key, KeyFile::kInitialBucketBits) == 0) keys.push_back(key);
  }
  KeyFile file;
  int64_t covered = 0;
  ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
  std::vector<KeyRow> rows;
  int64_t rec = 0;
  for (int64_t key : keys) {
    for (int i = 0; i < kMaxBandCandidates; ++i) rows.push_back(Row(key, ++rec));
  }
  ASSERT_GT(rows.size(), KeyFile::kBucketRows);
  ASSERT_TRUE(file.Add(&rows).ok());
  EXPECT_GT(file.buckets(), uint64_t{1} << KeyFile::kInitialBucketBits);
  EXPECT_EQ(file.rows(), keys.size() * kMaxBandCandidates);
  for (int64_t key : keys)
    EXPECT_EQ(RecsOf(&file, key, kMaxBandCandidates).size(), size_t{kMaxBandCandidates});
}

// Every row of a nearly full bucket is found.
TEST(KeyFile, FindsEveryRowOfANearlyFullBucket) {
  const std::string path = TempDir("bands-full-bucket") + "/bands.bin";
  std::mt19937_64 random(8);
  std::vector<KeyRow> rows;
  while (rows.size() < KeyFile::kBucketRows - 10) {
    const int64_t key = static_cast<int64_t>(random() >> 1);
    if (KeyBucket(key, KeyFile::kInitialBucketBits) == 3)
      rows.push_back(Row(key, static_cast<int64_t>(rows.size()) + 1));
  }
  const std::vector<KeyRow> added = rows;
  KeyFile file;
  int64_t covered = 0;
  ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
  ASSERT_TRUE(file.Add(&rows).ok());
  ASSERT_EQ(file.buckets(), uint64_t{1} << KeyFile::kInitialBucketBits);
  for (const KeyRow& row : added)
    EXPECT_EQ(RecsOf(&file, row.key, kMaxBandCandidates), (std::vector<int64_t>{row.rec}));
}

// A bucket whose count is damaged, or a row in a bucket not its key's, is
// reported, not read past.
TEST(KeyFile, DamagedBucketsAreReported) {
  const std::string path = TempDir("bands-damaged") + "/bands.bin";
  constexpr uint64_t kHeader = 4096, kBucket = 4096, kRowsAt = 8;
  const auto overwrite = [&](uint64_t offset, const void* bytes, size_t size) {
    std::string content = ReadFile(path);
    ASSERT_LE(offset + size, content.size());
    content.replace(offset, size, static_cast<const char*>(bytes), size);
    WriteFile(path, content);
  };
  std::mt19937_64 random(9);
  int64_t key = 0;
  do key = static_cast<int64_t>(random() >> 1);
  while (KeyBucket(key, KeyFile::kInitialBucketBits) != 5);
  {
    KeyFile file;
    int64_t covered = 0;
    ASSERT_TRUE(file.Open(path, kGeneration, 0, &covered).ok());
    std::vector<KeyRow> rows = {Row(key, 1)};
    ASSERT_TRUE(file.Add(&rows).ok());
    ASSERT_TRUE(file.Commit(1).ok());
  }
  const uint32_t too_many = 1000;
  overwrite(kHeader + 5 * kBucket, &too_many, sizeof too_many);
  {
    KeyFile file;
    int64_t covered = 0;
    ASSERT_TRUE(file.Open(path, kGeneration, 1, &covered).ok());
    std::vector<KeyRow> found;
    EXPECT_EQ(file.Find(key, kMaxBandCandidates, &found).code(), Status::Code::kCorrupt);
    EXPECT_EQ(file.ForEachKey([](int64_t) {}).code(), Status::Code::kCorrupt);
  }
  // A count that changes behind the writer's back, once it knows the counts.
  const uint32_t one = 1, two = 2;
  overwrite(kHeader + 5 * kBucket, &one, sizeof one);
  {
    KeyFile file;
    int64_t covered = 0;
    ASSERT_TRUE(file.Open(path, kGeneration, 1, &covered).ok());
    ASSERT_TRUE(file.ForEachKey([](int64_t) {}).ok());
    overwrite(kHeader + 5 * kBucket, &two, sizeof two);
    std::vector<KeyRow> found;
    EXPECT_EQ(file.Find(key, kMaxBandCandidates, &found).code(), Status::Code::kCorrupt);
  }
  // One row, in bucket 0, of a key of bucket 5: the table's doubling finds
  // it.
  const KeyRow misplaced = Row(key, 1);
  overwrite(kHeader + 5 * kBucket, &one, sizeof one);
  overwrite(kHeader, &one, sizeof one);
  overwrite(kHeader + kRowsAt, &misplaced, sizeof misplaced);
  KeyFile file;
  int64_t covered = 0;
  ASSERT_TRUE(file.Open(path, kGeneration, 1, &covered).ok());
  std::vector<KeyRow> rows;
  for (int64_t rec = 2; rec < 30000; ++rec) rows.push_back(Row(static_cast<int64_t>(random() >> 1), rec));
  EXPECT_EQ(file.Add(&rows).code(), Status::Code::kCorrupt);
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
  // Junk, and a file cut short.
  WriteFile(path, std::string(10000, '\xff'));
  EXPECT_EQ(open(kGeneration, 9, &covered), 0u);
  EXPECT_EQ(covered, 0);
  std::filesystem::resize_file(path, 4096 + 100 * 4096);
  EXPECT_EQ(open(kGeneration, 9, &covered), 0u);
  EXPECT_EQ(covered, 0);
}

}  // namespace
}  // namespace newsmine
