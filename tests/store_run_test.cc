// `newsmine run` end to end: the built program, run twice over files written
// here. A second run adds nothing and skips the inputs it has done.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "store/manifest.h"
#include "store/record_json.h"
#include "tests/store_test_records.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

using ::newsmine::testing::Binary;
using ::newsmine::testing::ReadFile;
using ::newsmine::testing::RunCommand;
using ::newsmine::testing::StoryText;
using ::newsmine::testing::TempDir;
using ::newsmine::testing::WriteFile;
using ::testing::HasSubstr;

class RunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    inputs_ = TempDir("run-inputs");
    store_ = TempDir("run-store") + "/store";
    WriteFile(inputs_ + "/a.txt", StoryText("harbour", 1));
    WriteFile(inputs_ + "/b.txt", StoryText("rail strike", 2));
    WriteFile(inputs_ + "/nested/c.txt", StoryText("bridge", 3));
  }
  // Runs `newsmine run` over the inputs; returns its exit status, stderr in *log.
  int Run(std::string* log, const std::string& extra = "") {
    return RunCommand(Binary() + " run --jobs 2 --store " + store_ + " " + extra + " " + inputs_ + " 2>&1",
                      log);
  }
  Manifest ReadStoreManifest() {
    Manifest m;
    EXPECT_TRUE(ReadManifest(store_, &m).ok());
    return m;
  }
  std::string inputs_, store_;
};

TEST_F(RunTest, SecondRunAddsNothingAndSkipsDoneInputs) {
  std::string log;
  ASSERT_EQ(Run(&log), 0) << log;
  const Manifest first = ReadStoreManifest();
  EXPECT_EQ(first.records, 3u);
  EXPECT_EQ(first.inputs, 3u);
  const std::string segment = ReadFile(SegmentPath(store_, 1));

  ASSERT_EQ(Run(&log), 0) << log;
  EXPECT_THAT(log, HasSubstr("3 inputs skipped"));
  const Manifest second = ReadStoreManifest();
  EXPECT_EQ(second.records, 3u);
  EXPECT_EQ(second.commits, first.commits);
  EXPECT_EQ(ReadFile(SegmentPath(store_, 1)), segment);
}

TEST_F(RunTest, ChangedInputIsReadAgainAndOnlyNewTextIsAdded) {
  std::string log;
  ASSERT_EQ(Run(&log, "--commit-every 1"), 0) << log;
  // A copy under another name is read (new fingerprint) but adds nothing:
  // the record id is the hash of the text.
  std::filesystem::copy_file(inputs_ + "/a.txt", inputs_ + "/copy-of-a.txt");
  WriteFile(inputs_ + "/b.txt", StoryText("rail strike", 2) + " A late paragraph was added.");
  ASSERT_EQ(Run(&log), 0) << log;
  EXPECT_THAT(log, HasSubstr("2 inputs skipped"));
  EXPECT_THAT(log, HasSubstr("stored 1 new records (1 near-duplicates), 1 already stored"));
  EXPECT_EQ(ReadStoreManifest().records, 4u);
}

TEST_F(RunTest, QueryPrintsWholeRecordsAsJsonLines) {
  std::string log, out;
  ASSERT_EQ(Run(&log), 0) << log;
  ASSERT_EQ(RunCommand(Binary() + " query --store " + store_ + " --format jsonl", &out), 0);
  std::vector<std::string> lines;
  for (size_t b = 0, e; b < out.size(); b = e + 1) {
    e = out.find('\n', b);
    lines.push_back(out.substr(b, e - b));
  }
  ASSERT_EQ(lines.size(), 3u);
  for (const std::string& line : lines) {
    Record r;
    ASSERT_TRUE(ParseRecordJson(line, &r).ok()) << line;
    EXPECT_EQ(r.id, RecordIdForText(r.text));
    EXPECT_THAT(r.source_uri, HasSubstr(inputs_));
    std::string shown;
    ASSERT_EQ(RunCommand(Binary() + " show --store " + store_ + " " + r.id, &shown), 0);
    EXPECT_EQ(shown, line + "\n");
  }
}

TEST_F(RunTest, StoreFolderComesFromTheEnvironment) {
  std::string log;
  ASSERT_EQ(
      RunCommand("NEWSMINE_STORE=" + store_ + " " + Binary() + " run --quiet " + inputs_ + " 2>&1", &log), 0)
      << log;
  EXPECT_EQ(ReadStoreManifest().records, 3u);
}

TEST_F(RunTest, QueryOnAFolderThatIsNotAStoreFails) {
  std::string out;
  EXPECT_EQ(RunCommand(Binary() + " query --store " + inputs_ + " 2>/dev/null", &out), 1);
  EXPECT_EQ(out, "");
  EXPECT_EQ(RunCommand(Binary() + " query --store " + inputs_ + " --format yaml 2>/dev/null", &out), 2);
}

}  // namespace
}  // namespace newsmine
