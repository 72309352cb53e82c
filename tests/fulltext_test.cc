#include "store/fulltext.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/query.h"
#include "store/sqlite_db.h"
#include "store/store.h"
#include "tests/store_test_records.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

using ::newsmine::testing::MakeRecord;
using ::newsmine::testing::StoryText;
using ::newsmine::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(FullTextTermsTest, WordsAreFoldedAndKeptOnce) {
  EXPECT_EQ(FullTextTerms({"The vote, the VOTE and the Vote."}), "the vote and");
  EXPECT_EQ(FullTextTerms({"Erdo\xC4\x9F"
                           "an met Erdogan"}),
            "erdogan met");
  // A decomposed accent (g + U+0306) folds as the composed one does.
  EXPECT_EQ(FullTextTerms({"Erdog\xCC\x86"
                           "an"}),
            "erdogan");
  EXPECT_EQ(FullTextTerms({"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
                           "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90"}),
            "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");  // Москва МОСКВА -> москва
}

TEST(FullTextTermsTest, PunctuationOfAnyScriptSeparatesWords) {
  EXPECT_EQ(FullTextTerms({"U.S. envoy's 7,000-strong \xC2\xAB"
                           "crowd\xC2\xBB\xE2\x80\x94"
                           "again"}),
            "u s envoy 7 000 strong crowd again");
  EXPECT_EQ(FullTextTerms({"-- ... \xE2\x80\x9C\xE2\x80\x9D"}), "");
  EXPECT_EQ(FullTextTerms({}), "");
}

TEST(FullTextTermsTest, WordsThatFoldLongerLeaveRoomForTheRest) {
  // U+FDFA, one character, folds to eighteen Arabic letters.
  std::string text, expected_tail;
  for (int i = 0; i < 50; ++i) text += "\xEF\xB7\xBA" + std::to_string(i) + " ";
  for (int i = 0; i < 200; ++i) {
    text += "w" + std::to_string(i) + " ";
    expected_tail += " w" + std::to_string(i);
  }
  const std::string terms = FullTextTerms({text, "last"});
  EXPECT_GT(terms.size(), text.size());
  EXPECT_TRUE(terms.ends_with(expected_tail + " last")) << terms;
}

TEST(FullTextTermsTest, TitleAndTextShareOneList) {
  EXPECT_EQ(FullTextTerms({"Vote count", "The vote was counted."}), "vote count the was counted");
}

TEST(FullTextTermsTest, LongTextsKeepEveryDistinctWord) {
  std::string text, expected;
  for (int i = 0; i < 5000; ++i) {
    text += "w" + std::to_string(i) + " W" + std::to_string(i) + " ";
    expected += (i == 0 ? "w" : " w") + std::to_string(i);
  }
  EXPECT_EQ(FullTextTerms({text}), expected);
  // Invalid UTF-8 separates words like any other non-letter.
  EXPECT_EQ(FullTextTerms({"a\xFF"
                           "b\xC3"}),
            "a b");
}

std::vector<std::string> TitlesMatching(Store* store, const std::string& words) {
  RecordFilter filter;
  filter.text = words;
  return ::newsmine::testing::MatchingTitles(store->index(), filter);
}

TEST(FullTextQueryTest, QueriesFoldTheirWordsAsTheIndexDoes) {
  const std::string dir = TempDir("fulltext-query");
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kWrite, &store).ok());
  const std::vector<Record> records = {
      MakeRecord("Ankara",
                 "Erdo\xC4\x9F"
                 "an spoke in Ankara. " +
                     StoryText("ankara", 1),
                 "2024-01-01", "A"),
      MakeRecord("Washington", "U.S. officials spoke. " + StoryText("washington", 2), "2024-01-02", "A")};
  for (const Record& r : records) {
    AppendOutcome outcome;
    ASSERT_TRUE(store->Append(r, &outcome).ok());
  }
  ASSERT_TRUE(store->CommitAndIndex().ok());
  EXPECT_THAT(TitlesMatching(store.get(), "ERDOGAN"), ElementsAre("Ankara"));
  EXPECT_THAT(TitlesMatching(store.get(),
                             "erdo\xC4\x9F"
                             "an ankara"),
              ElementsAre("Ankara"));
  EXPECT_THAT(TitlesMatching(store.get(),
                             "\xE2\x80\x9C"
                             "Washington\xE2\x80\x9D"),
              ElementsAre("Washington"));
  EXPECT_THAT(TitlesMatching(store.get(), "u.s. officials"), ElementsAre("Washington"));
  EXPECT_THAT(TitlesMatching(store.get(), "spoke"), ElementsAre("Ankara", "Washington"));
  EXPECT_THAT(TitlesMatching(store.get(), "erdogan washington"), ElementsAre());
  RecordFilter none;
  none.text = "-- !";
  EXPECT_EQ(FindRecords(store->index(), none, [](const RecordMatch&) { return Status::Ok(); }).code(),
            Status::Code::kInvalidArgument);
}

// An index built by an earlier version (another schema) is rebuilt from the
// segments by the next process that opens the store while no one writes.
TEST(FullTextQueryTest, AnIndexOfAnotherSchemaIsRebuilt) {
  const std::string dir = TempDir("fulltext-old-schema");
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir, Store::Mode::kWrite, &store).ok());
    AppendOutcome outcome;
    ASSERT_TRUE(
        store->Append(MakeRecord("Harbour", StoryText("harbour", 3), "2024-01-03", "A"), &outcome).ok());
    ASSERT_TRUE(store->CommitAndIndex().ok());
  }
  {
    Database db;
    ASSERT_TRUE(db.Open(dir + "/index.sqlite", false).ok());
    ASSERT_TRUE(db.Exec("PRAGMA user_version = 1").ok());
  }
  std::unique_ptr<Store> reader;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &reader).ok());
  EXPECT_THAT(reader->warnings(), ElementsAre(HasSubstr("rebuilding the index")));
  EXPECT_THAT(TitlesMatching(reader.get(), "harbour"), ElementsAre("Harbour"));
}

}  // namespace
}  // namespace newsmine
