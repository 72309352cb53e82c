#include "store/fulltext.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "store/fulltext_writer.h"
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

// FullTextTerms as its header defines it, a code point at a time: words are
// runs of letters, digits and combining marks; one of ASCII bytes only is
// lower-cased, any other folded whole.
std::string ReferenceTerms(std::initializer_list<std::string_view> texts) {
  const auto in_word = [](char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    const int type = u_charType(static_cast<UChar32>(c));
    return u_isalnum(static_cast<UChar32>(c)) || type == U_NON_SPACING_MARK ||
           type == U_COMBINING_SPACING_MARK;
  };
  std::set<std::string> seen;
  std::string out;
  for (const std::string_view text : texts) {
    for (size_t i = 0; i < text.size();) {
      size_t next = i;
      if (!in_word(NextCodePoint(text, &next))) {
        i = next;
        continue;
      }
      const size_t begin = i;
      bool ascii = true;
      for (size_t after = i; i < text.size() && in_word(NextCodePoint(text, &after)); i = after) {
        ascii = ascii && after == i + 1 && static_cast<unsigned char>(text[i]) < 0x80;
      }
      std::string term(text.substr(begin, i - begin));
      if (ascii) {
        for (char& c : term) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
      } else {
        term = FoldForMatch(term);
      }
      if (term.empty() || !seen.insert(term).second) continue;
      if (!out.empty()) out += ' ';
      out += term;
    }
  }
  return out;
}

// Texts of random pieces, joined by separators or run together, so that
// words of every kind and length begin and end at every offset of the
// sixteen-byte blocks the fast path reads.
TEST(FullTextTermsTest, AgreesWithAWordByWordReading) {
  const std::vector<std::string> pieces = {
      "Vote", "vote", "VOTE", "a", "Z9", "2022", "7,000", "U.S.", "envoy's", "Kazakhstan", "Kassym-Jomart",
      "counterrevolutionary", "internationalisation2022",
      // Same first and last eight bytes and length: only the middle tells these apart.
      "abcdefgh0abcdefgh", "abcdefgh1abcdefgh", "abcdefghijk0mnopqrstuvwx", "abcdefghijk1mnopqrstuvwx",
      "Erdo\xC4\x9F"
      "an",
      "Erdog\xCC\x86"
      "an",
      "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "\xC3\xA9t\xC3\xA9", "\xEF\xB7\xBA", "\xE2\x80\x9C",
      "\xC2\xAB", "\xFF", "\xC3", "--", "\"quoted\"", "(x)"};
  const std::string separators[] = {" ", " ", " ", "", ", ", ".\n", "\n\n", "\t", "\xC2\xA0", "  "};
  srandom(9);
  for (int n = 0; n < 2000; ++n) {
    std::string title, text;
    for (std::string* out : {&title, &text}) {
      const int words = static_cast<int>(random() % (out == &title ? 6 : 60));
      for (int w = 0; w < words; ++w) {
        *out += pieces[random() % pieces.size()];
        *out += separators[random() % std::size(separators)];
      }
      out->resize(out->size() - random() % 3 * (out->size() > 2));  // end anywhere, even mid-character
    }
    ASSERT_EQ(FullTextTerms({title, text}), ReferenceTerms({title, text})) << title << "|" << text;
  }
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

// The records a full-text file holds under `word`.
std::vector<int64_t> RecordsWithWord(const std::string& path, const std::string& word) {
  Database db;
  Statement q;
  std::vector<int64_t> recs;
  EXPECT_TRUE(db.Open(path, true).ok());
  EXPECT_TRUE(db.Prepare("SELECT rowid FROM text WHERE text MATCH ?1 ORDER BY rowid", &q).ok());
  q.BindText(1, word);
  while (q.Step()) recs.push_back(q.Int(0));
  EXPECT_TRUE(q.status().ok()) << q.status().ToString();
  return recs;
}

constexpr int kSchema = 4;

TEST(FullTextWriterTest, KeepsWhatWasCommittedAndDropsWhatWasNot) {
  const std::string path = TempDir("fulltext-writer") + "/fulltext.sqlite";
  int64_t covered = -1;
  {
    FullTextWriter writer;
    ASSERT_TRUE(writer.Open(path, 7, kSchema, 0, &covered).ok());
    EXPECT_EQ(covered, 0);
    writer.Add(1, "harbour cranes");
    writer.Add(2, "harbour talks");
    ASSERT_TRUE(writer.Commit(2).ok());
    // More records than a batch, so that the thread has taken some when the
    // index's transaction is rolled back.
    for (int rec = 3; rec < 1000; ++rec) writer.Add(rec, "harbour strike");
    writer.Rollback();
    writer.Add(3, "orchard");
    ASSERT_TRUE(writer.Commit(3).ok());
    for (int rec = 4; rec < 1000; ++rec) writer.Add(rec, "harbour");  // never committed
    ASSERT_TRUE(writer.Close().ok());
  }
  EXPECT_THAT(RecordsWithWord(path, "harbour"), ElementsAre(1, 2));
  EXPECT_THAT(RecordsWithWord(path, "orchard"), ElementsAre(3));
  EXPECT_THAT(RecordsWithWord(path, "strike"), ElementsAre());
  FullTextWriter reopened;
  ASSERT_TRUE(reopened.Open(path, 7, kSchema, 3, &covered).ok());
  EXPECT_EQ(covered, 3);
}

// More words than the queue holds: Add waits for the thread, nothing is lost.
TEST(FullTextWriterTest, RecordsPassTheBoundedQueueInOrder) {
  const std::string path = TempDir("fulltext-queue") + "/fulltext.sqlite";
  const int records = 20000;
  std::string padding;
  for (int i = 0; i < 100; ++i) padding += " pad" + std::to_string(i);  // about 600 bytes a record
  int64_t covered = -1;
  FullTextWriter writer;
  ASSERT_TRUE(writer.Open(path, 1, kSchema, 0, &covered).ok());
  for (int rec = 1; rec <= records; ++rec) {
    writer.Add(rec, "common w" + std::to_string(rec) + padding);
    if (rec % 7000 == 0) {
      ASSERT_TRUE(writer.Commit(rec).ok());
    }
  }
  ASSERT_TRUE(writer.Commit(records).ok());
  ASSERT_TRUE(writer.Wait().ok());
  EXPECT_EQ(RecordsWithWord(path, "common").size(), static_cast<size_t>(records));
  EXPECT_THAT(RecordsWithWord(path, "w12345"), ElementsAre(12345));
  ASSERT_TRUE(writer.Close().ok());
}

// A writer that is not open (a reader's index) takes and keeps nothing, and
// never waits for room.
TEST(FullTextWriterTest, OneNotOpenDoesNothing) {
  FullTextWriter writer;
  const std::string words(1000, 'w');
  for (int rec = 1; rec <= 20000; ++rec) writer.Add(rec, words);  // 20 MB, more than the queue
  EXPECT_TRUE(writer.Commit(20000).ok());
  writer.Rollback();
  EXPECT_TRUE(writer.Wait().ok());
  EXPECT_TRUE(writer.Close().ok());
}

TEST(FullTextWriterTest, AFileNotOfItsIndexIsMadeAnew) {
  const std::string path = TempDir("fulltext-other") + "/fulltext.sqlite";
  const auto fill = [&](int64_t generation) {
    FullTextWriter writer;
    int64_t covered = -1;
    ASSERT_TRUE(writer.Open(path, generation, kSchema, 0, &covered).ok());
    for (int rec = 1; rec <= 3; ++rec) writer.Add(rec, "harbour");
    ASSERT_TRUE(writer.Commit(3).ok());
    ASSERT_TRUE(writer.Close().ok());
  };
  struct Case {
    const char* what;
    int64_t generation;
    int schema;
    int64_t max_rec;
  };
  for (const Case& c : {Case{"another index", 8, kSchema, 3}, Case{"another version", 7, kSchema + 1, 3},
                        Case{"ahead of its index", 7, kSchema, 2}}) {
    SCOPED_TRACE(c.what);
    fill(7);
    FullTextWriter writer;
    int64_t covered = -1;
    ASSERT_TRUE(writer.Open(path, c.generation, c.schema, c.max_rec, &covered).ok());
    EXPECT_EQ(covered, 0);
    ASSERT_TRUE(writer.Close().ok());
    EXPECT_THAT(RecordsWithWord(path, "harbour"), ElementsAre());
  }
  fill(7);
  {
    SCOPED_TRACE("not a database");
    RemoveDatabaseFiles(path);
    ::newsmine::testing::WriteFile(path, std::string(8192, 'x'));
    FullTextWriter writer;
    int64_t covered = -1;
    ASSERT_TRUE(writer.Open(path, 7, kSchema, 3, &covered).ok());
    EXPECT_EQ(covered, 0);
  }
  fill(7);
  FullTextWriter same;
  int64_t covered = -1;
  ASSERT_TRUE(same.Open(path, 7, kSchema, 3, &covered).ok());
  EXPECT_EQ(covered, 3);
}

// A store in `dir` that holds one record, "Quinces", about quinces.
void WriteStoreOfOneRecord(const std::string& dir) {
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kWrite, &store).ok());
  AppendOutcome outcome;
  ASSERT_TRUE(store->Append(MakeRecord("Quinces", StoryText("quince", 1), "2024-01-01", "A"), &outcome).ok());
  ASSERT_TRUE(store->CommitAndIndex().ok());
}

// A crash after the index's commit and before the full-text file's: the next
// open files the records the full-text index lacks.
TEST(FullTextQueryTest, TheFullTextIndexCatchesUpWithTheIndex) {
  const std::string dir = TempDir("fulltext-catch-up");
  const std::string file = dir + "/" + kFullTextFile;
  namespace fs = std::filesystem;
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir, Store::Mode::kWrite, &store).ok());
    AppendOutcome outcome;
    ASSERT_TRUE(
        store->Append(MakeRecord("Quinces", StoryText("quince", 1), "2024-01-01", "A"), &outcome).ok());
    ASSERT_TRUE(store->Commit().ok());
    ASSERT_TRUE(store->index()->FullTextReady().ok());
    for (const char* suffix : {"", "-wal"}) {
      if (fs::exists(file + suffix)) fs::copy_file(file + suffix, dir + "/saved" + suffix);
    }
    ASSERT_TRUE(
        store->Append(MakeRecord("Zeppelins", StoryText("zeppelin", 2), "2024-01-02", "A"), &outcome).ok());
    ASSERT_TRUE(store->CommitAndIndex().ok());
    EXPECT_THAT(TitlesMatching(store.get(), "zeppelin"), ElementsAre("Zeppelins"));
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::remove(file + suffix);
    if (fs::exists(dir + "/saved" + suffix)) fs::rename(dir + "/saved" + suffix, file + suffix);
  }
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_THAT(problems, ElementsAre(HasSubstr("the full-text index holds records up to number 1 of 2")));
  {
    std::unique_ptr<Store> reader;
    ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &reader).ok());
    EXPECT_THAT(TitlesMatching(reader.get(), "zeppelin"), ElementsAre("Zeppelins"));
    EXPECT_THAT(TitlesMatching(reader.get(), "quince"), ElementsAre("Quinces"));
  }
  problems.clear();
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_THAT(problems, ElementsAre());
}

// An index rebuilt from the segments gets a new full-text file: the old one
// would file each record twice.
TEST(FullTextQueryTest, ARebuiltIndexGetsAFullTextIndexAnew) {
  const std::string dir = TempDir("fulltext-rebuilt");
  WriteStoreOfOneRecord(dir);
  RemoveDatabaseFiles(dir + "/" + kIndexFile);
  std::unique_ptr<Store> reader;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &reader).ok());
  EXPECT_THAT(TitlesMatching(reader.get(), "quince"), ElementsAre("Quinces"));
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_THAT(problems, ElementsAre());
}

// A reader of a store being written whose full-text file is not there yet
// (it opens the store as it is) answers other queries, and says so for words.
TEST(FullTextQueryTest, AReaderWithoutAFullTextFileSaysSo) {
  const std::string dir = TempDir("fulltext-absent");
  WriteStoreOfOneRecord(dir);
  RemoveDatabaseFiles(dir + "/" + kFullTextFile);
  // Another writer holds the store.
  const int lock = ::open((dir + "/" + kLockFile).c_str(), O_RDWR | O_CLOEXEC);
  ASSERT_GE(lock, 0);
  ASSERT_EQ(::flock(lock, LOCK_EX | LOCK_NB), 0);
  std::unique_ptr<Store> reader;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &reader).ok());
  EXPECT_THAT(::newsmine::testing::MatchingTitles(reader->index(), RecordFilter{}), ElementsAre("Quinces"));
  RecordFilter words;
  words.text = "quince";
  const Status s = FindRecords(reader->index(), words, [](const RecordMatch&) { return Status::Ok(); });
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_THAT(s.message(), HasSubstr("no full-text index"));
  ::close(lock);
}

}  // namespace
}  // namespace newsmine
