#include "store/signature_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>

#include "test_util.h"

namespace newsmine {
namespace {

using testing::TempDir;
using testing::WriteFile;

constexpr int64_t kGeneration = 42;

// The signature the tests put for record `rec`: distinct for each.
MinHashSignature SignatureOf(int64_t rec) {
  MinHashSignature signature;
  for (int h = 0; h < kMinHashes; ++h) signature[h] = static_cast<uint32_t>(rec * 100 + h + 1);
  return signature;
}

// What Get finds of record `rec`.
std::optional<MinHashSignature> Got(SignatureFile* file, int64_t rec) {
  MinHashSignature signature{};
  bool found = true;
  EXPECT_TRUE(file->Get(rec, &signature, &found).ok());
  if (!found) return std::nullopt;
  return signature;
}

int64_t Opened(SignatureFile* file, const std::string& path, int64_t generation, int64_t last_rec) {
  int64_t covered = -1;
  EXPECT_TRUE(file->Open(path, generation, last_rec, &covered).ok());
  return covered;
}

// Records put in memory, in the file, and across several writes of the
// buffer are found; the records between them have none.
TEST(SignatureFile, FindsWhatWasPutAndNothingElse) {
  const std::string path = TempDir("signatures-put") + "/signatures.bin";
  SignatureFile file;
  EXPECT_EQ(Opened(&file, path, kGeneration, 0), 0);
  const int64_t last = 3 * static_cast<int64_t>(SignatureFile::kBufferedSlots) + 7;  // one put
  for (int64_t rec = 1; rec <= last; rec += 3) ASSERT_TRUE(file.Put(rec, SignatureOf(rec)).ok());
  for (int64_t rec = 1; rec <= last + 10; ++rec) {
    if (rec % 3 == 1 && rec <= last) {
      EXPECT_EQ(Got(&file, rec), SignatureOf(rec)) << rec;
    } else {
      EXPECT_EQ(Got(&file, rec), std::nullopt) << rec;
    }
  }
  ASSERT_TRUE(file.Commit(last).ok());
  EXPECT_EQ(Got(&file, last), SignatureOf(last));
  EXPECT_EQ(Got(&file, 0), std::nullopt);
}

TEST(SignatureFile, RefusesRecordsOutOfOrder) {
  const std::string path = TempDir("signatures-order") + "/signatures.bin";
  SignatureFile file;
  Opened(&file, path, kGeneration, 0);
  EXPECT_EQ(file.Put(0, SignatureOf(0)).code(), Status::Code::kInvalidArgument);
  ASSERT_TRUE(file.Put(5, SignatureOf(5)).ok());
  EXPECT_EQ(file.Put(5, SignatureOf(5)).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(file.Put(4, SignatureOf(4)).code(), Status::Code::kInvalidArgument);
  // Also once the buffer was written.
  ASSERT_TRUE(file.Commit(5).ok());
  EXPECT_EQ(file.Put(3, SignatureOf(3)).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(file.Put(int64_t{1} << 40, SignatureOf(6)).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Got(&file, 5), SignatureOf(5));
}

// A reopened file covers what was committed, holds its slots, and has lost
// the slots past the index's last record (a crash or a rollback lost them).
TEST(SignatureFile, KeepsWhatWasCommittedAndCutsOffRecordsTheIndexLost) {
  const std::string path = TempDir("signatures-reopen") + "/signatures.bin";
  {
    SignatureFile file;
    Opened(&file, path, kGeneration, 0);
    for (int64_t rec = 1; rec <= 10; ++rec) ASSERT_TRUE(file.Put(rec, SignatureOf(rec)).ok());
    ASSERT_TRUE(file.Commit(10).ok());
    // Records 11 and 12 are written, then the index loses them.
    for (int64_t rec = 11; rec <= 12; ++rec) ASSERT_TRUE(file.Put(rec, SignatureOf(rec)).ok());
    ASSERT_TRUE(file.Commit(10).ok());
  }
  EXPECT_EQ(std::filesystem::file_size(path), 13 * sizeof(MinHashSignature));
  SignatureFile file;
  EXPECT_EQ(Opened(&file, path, kGeneration, 10), 10);
  EXPECT_EQ(std::filesystem::file_size(path), 11 * sizeof(MinHashSignature));
  for (int64_t rec = 1; rec <= 10; ++rec) EXPECT_EQ(Got(&file, rec), SignatureOf(rec)) << rec;
  EXPECT_EQ(Got(&file, 11), std::nullopt);
  // Other records take their numbers.
  ASSERT_TRUE(file.Put(12, SignatureOf(112)).ok());
  ASSERT_TRUE(file.Commit(12).ok());
  EXPECT_EQ(Got(&file, 11), std::nullopt);
  EXPECT_EQ(Got(&file, 12), SignatureOf(112));
}

// Slots put after the last commit are not counted as covered: the index
// puts them again.
TEST(SignatureFile, CoversOnlyWhatACommitSaid) {
  const std::string path = TempDir("signatures-uncommitted") + "/signatures.bin";
  {
    SignatureFile file;
    Opened(&file, path, kGeneration, 0);
    ASSERT_TRUE(file.Put(1, SignatureOf(1)).ok());
    ASSERT_TRUE(file.Commit(1).ok());
    const int64_t last = 2 + static_cast<int64_t>(SignatureFile::kBufferedSlots);
    for (int64_t rec = 2; rec <= last; ++rec) ASSERT_TRUE(file.Put(rec, SignatureOf(rec)).ok());
  }
  SignatureFile file;
  EXPECT_EQ(Opened(&file, path, kGeneration, 100000), 1);
  EXPECT_EQ(Got(&file, 1), SignatureOf(1));
}

// A file that is not this index's, or is damaged, is made anew: it is
// derived, and the index puts every original again.
TEST(SignatureFile, AFileOfAnotherIndexOrDamagedIsMadeAnew) {
  const std::string dir = TempDir("signatures-anew");
  const std::string path = dir + "/signatures.bin";
  const auto committed = [&path]() {
    std::filesystem::remove(path);
    SignatureFile file;
    Opened(&file, path, kGeneration, 0);
    for (int64_t rec = 1; rec <= 20; ++rec) ASSERT_TRUE(file.Put(rec, SignatureOf(rec)).ok());
    ASSERT_TRUE(file.Commit(20).ok());
  };
  const auto expect_new = [&path](int64_t generation, int64_t last_rec) {
    SignatureFile file;
    EXPECT_EQ(Opened(&file, path, generation, last_rec), 0);
    for (int64_t rec = 1; rec <= 20; ++rec) EXPECT_EQ(Got(&file, rec), std::nullopt) << rec;
    EXPECT_EQ(std::filesystem::file_size(path), sizeof(MinHashSignature));
  };
  {
    SCOPED_TRACE("another generation");
    committed();
    expect_new(kGeneration + 1, 20);
  }
  {
    SCOPED_TRACE("covering records the index does not have");
    committed();
    expect_new(kGeneration, 19);
  }
  {
    SCOPED_TRACE("shorter than its header says");
    committed();
    std::filesystem::resize_file(path, 15 * sizeof(MinHashSignature));
    expect_new(kGeneration, 20);
  }
  {
    SCOPED_TRACE("not a signature file");
    WriteFile(path, std::string(4096, 'x'));
    expect_new(kGeneration, 20);
  }
  {
    SCOPED_TRACE("shorter than a header");
    WriteFile(path, "NMSIGS01");
    expect_new(kGeneration, 20);
  }
  SignatureFile::Remove(path);
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace newsmine
