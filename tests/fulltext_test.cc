#include "store/fulltext.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/hash.h"
#include "core/utf8.h"
#include "store/fulltext_file.h"
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

// The hashes of `words`, separated by single spaces, in order.
std::vector<uint64_t> Hashes(std::string_view words) {
  std::vector<uint64_t> hashes;
  for (size_t begin = 0; begin < words.size();) {
    const size_t end = std::min(words.find(' ', begin), words.size());
    hashes.push_back(FullTextWordHash(words.substr(begin, end - begin)));
    begin = end + 1;
  }
  return hashes;
}

TEST(FullTextWordHashesTest, WordsAreFoldedAndKeptOnce) {
  EXPECT_EQ(FullTextWordHashes({"The vote, the VOTE and the Vote."}), Hashes("the vote and"));
  EXPECT_EQ(FullTextWordHashes({"Erdo\xC4\x9F"
                                "an met Erdogan"}),
            Hashes("erdogan met"));
  // A decomposed accent (g + U+0306) folds as the composed one does.
  EXPECT_EQ(FullTextWordHashes({"Erdog\xCC\x86"
                                "an"}),
            Hashes("erdogan"));
  EXPECT_EQ(FullTextWordHashes({"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
                                "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90"}),
            Hashes("\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"));  // Москва МОСКВА -> москва
}

TEST(FullTextWordHashesTest, PunctuationOfAnyScriptSeparatesWords) {
  EXPECT_EQ(FullTextWordHashes({"U.S. envoy's 7,000-strong \xC2\xAB"
                                "crowd\xC2\xBB\xE2\x80\x94"
                                "again"}),
            Hashes("u s envoy 7 000 strong crowd again"));
  EXPECT_EQ(FullTextWordHashes({"-- ... \xE2\x80\x9C\xE2\x80\x9D"}), Hashes(""));
  EXPECT_EQ(FullTextWordHashes({}), Hashes(""));
}

TEST(FullTextWordHashesTest, WordsThatFoldLongerLeaveRoomForTheRest) {
  // U+FDFA, one character, folds to eighteen Arabic letters.
  std::string text, expected_tail;
  for (int i = 0; i < 50; ++i) text += "\xEF\xB7\xBA" + std::to_string(i) + " ";
  for (int i = 0; i < 200; ++i) {
    text += "w" + std::to_string(i) + " ";
    expected_tail += " w" + std::to_string(i);
  }
  const std::vector<uint64_t> words = FullTextWordHashes({text, "last"});
  const std::vector<uint64_t> tail = Hashes(expected_tail.substr(1) + " last");
  ASSERT_GT(words.size(), tail.size());
  EXPECT_EQ(std::vector<uint64_t>(words.end() - tail.size(), words.end()), tail);
}

TEST(FullTextWordHashesTest, TitleAndTextShareOneList) {
  EXPECT_EQ(FullTextWordHashes({"Vote count", "The vote was counted."}),
            Hashes("vote count the was counted"));
}

TEST(FullTextWordHashesTest, LongTextsKeepEveryDistinctWord) {
  std::string text, expected;
  for (int i = 0; i < 5000; ++i) {
    text += "w" + std::to_string(i) + " W" + std::to_string(i) + " ";
    expected += (i == 0 ? "w" : " w") + std::to_string(i);
  }
  EXPECT_EQ(FullTextWordHashes({text}), Hashes(expected));
  // Invalid UTF-8 separates words like any other non-letter.
  EXPECT_EQ(FullTextWordHashes({"a\xFF"
                                "b\xC3"}),
            Hashes("a b"));
}

// The words of FullTextWordHashes as its header defines them, a code point at
// a time, separated by spaces: words are runs of letters, digits and
// combining marks; one of ASCII bytes only is lower-cased, any other folded
// whole and split at the ASCII bytes other than letters and digits that
// folding gave.
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
        for (char& c : term) {
          const auto u = static_cast<unsigned char>(c);
          if (u < 0x80 && !std::isdigit(u) && !(u >= 'a' && u <= 'z')) c = ' ';
        }
      }
      std::istringstream pieces(term);
      for (std::string piece; pieces >> piece;) {
        if (!seen.insert(piece).second) continue;
        if (!out.empty()) out += ' ';
        out += piece;
      }
    }
  }
  return out;
}

// Texts of random pieces, joined by separators or run together, so that
// words of every kind and length begin and end at every offset of the
// sixteen-byte blocks the fast path reads.
TEST(FullTextWordHashesTest, AgreesWithAWordByWordReading) {
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
    ASSERT_EQ(FullTextWordHashes({title, text}), Hashes(ReferenceTerms({title, text})))
        << title << "|" << text;
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

// The records holding the words are looked up in chunks of 1,024; the other
// filters and the limit apply across them.
TEST(FullTextQueryTest, WordsCombineWithOtherFiltersOverManyMatches) {
  const std::string dir = TempDir("fulltext-filters");
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kWrite, &store).ok());
  const int records = 2600;
  for (int i = 0; i < records; ++i) {
    const std::string words = i % 3 == 0 ? "common third " : "common ";
    AppendOutcome outcome;
    ASSERT_TRUE(store
                    ->Append(MakeRecord("T" + std::to_string(i), words + StoryText("story", i), "2024-01-01",
                                        i % 2 == 0 ? "A" : "B"),
                             &outcome)
                    .ok());
  }
  ASSERT_TRUE(store->CommitAndIndex().ok());
  const auto titles = [&](const std::string& text, const std::string& source, int64_t limit) {
    RecordFilter filter;
    filter.text = text;
    filter.article.source = source;
    filter.limit = limit;
    return ::newsmine::testing::MatchingTitles(store->index(), filter);
  };
  std::vector<std::string> of_b, of_a_third;
  for (int i = 0; i < records; ++i) {
    if (i % 2 == 1) of_b.push_back("T" + std::to_string(i));
    if (i % 2 == 0 && i % 3 == 0) of_a_third.push_back("T" + std::to_string(i));
  }
  EXPECT_EQ(titles("common", "B", 0), of_b);
  EXPECT_EQ(titles("third common", "A", 0), of_a_third);
  const std::vector<std::string> first_of_b(of_b.begin(), of_b.begin() + 1100);
  EXPECT_EQ(titles("common", "B", 1100), first_of_b);
  EXPECT_EQ(titles("common", "", 0).size(), static_cast<size_t>(records));
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

// The records the full-text index in `dir` holds under all of `words`.
std::vector<int64_t> RecordsWithWords(const std::string& dir, const std::string& words) {
  FullTextSnapshot snapshot;
  std::vector<int64_t> recs;
  const Status opened = snapshot.Open(dir);
  EXPECT_TRUE(opened.ok()) << opened.ToString();
  const Status found = snapshot.RecordsWithAllWords(Hashes(words), &recs);
  EXPECT_TRUE(found.ok()) << found.ToString();
  return recs;
}

// The files in `dir`, by name.
std::set<std::string> FilesIn(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.insert(entry.path().filename());
  return names;
}

constexpr int kSchema = 4;

TEST(FullTextWriterTest, KeepsWhatWasCommittedAndDropsWhatWasNot) {
  const std::string path = TempDir("fulltext-writer") + "/fulltext";
  int64_t covered = -1;
  {
    FullTextWriter writer;
    ASSERT_TRUE(writer.Open(path, 7, kSchema, 0, &covered).ok());
    EXPECT_EQ(covered, 0);
    writer.Add(1, Hashes("harbour cranes"));
    writer.Add(2, Hashes("harbour talks"));
    ASSERT_TRUE(writer.Commit(2).ok());
    // More records than a batch, so that the thread has taken some when the
    // index's transaction is rolled back.
    for (int rec = 3; rec < 1000; ++rec) writer.Add(rec, Hashes("harbour strike"));
    writer.Rollback();
    writer.Add(3, Hashes("orchard"));
    ASSERT_TRUE(writer.Commit(3).ok());
    for (int rec = 4; rec < 1000; ++rec) writer.Add(rec, Hashes("harbour"));  // never committed
    ASSERT_TRUE(writer.Close().ok());
  }
  EXPECT_THAT(RecordsWithWords(path, "harbour"), ElementsAre(1, 2));
  EXPECT_THAT(RecordsWithWords(path, "orchard"), ElementsAre(3));
  EXPECT_THAT(RecordsWithWords(path, "strike"), ElementsAre());
  FullTextWriter reopened;
  ASSERT_TRUE(reopened.Open(path, 7, kSchema, 3, &covered).ok());
  EXPECT_EQ(covered, 3);
}

// More words than the queue holds: Add waits for the thread, nothing is lost.
TEST(FullTextWriterTest, RecordsPassTheBoundedQueueInOrder) {
  const std::string path = TempDir("fulltext-queue") + "/fulltext";
  const int records = 20000;
  std::string padding;
  for (int i = 0; i < 100; ++i) padding += " pad" + std::to_string(i);  // about 600 bytes a record
  int64_t covered = -1;
  FullTextWriter writer;
  ASSERT_TRUE(writer.Open(path, 1, kSchema, 0, &covered).ok());
  for (int rec = 1; rec <= records; ++rec) {
    writer.Add(rec, Hashes("common w" + std::to_string(rec) + padding));
    if (rec % 7000 == 0) {
      ASSERT_TRUE(writer.Commit(rec).ok());
    }
  }
  ASSERT_TRUE(writer.Commit(records).ok());
  ASSERT_TRUE(writer.Wait().ok());
  EXPECT_EQ(RecordsWithWords(path, "common").size(), static_cast<size_t>(records));
  EXPECT_THAT(RecordsWithWords(path, "w12345"), ElementsAre(12345));
  ASSERT_TRUE(writer.Close().ok());
}

// A writer that is not open (a reader's index) takes and keeps nothing, and
// never waits for room.
TEST(FullTextWriterTest, OneNotOpenDoesNothing) {
  FullTextWriter writer;
  for (int rec = 1; rec <= 20000; ++rec) {
    writer.Add(rec, std::vector<uint64_t>(125, 1));  // 20 MB in all, more than the queue
  }
  EXPECT_TRUE(writer.Commit(20000).ok());
  writer.Rollback();
  EXPECT_TRUE(writer.Wait().ok());
  EXPECT_TRUE(writer.Close().ok());
}

TEST(FullTextWriterTest, AFileNotOfItsIndexIsMadeAnew) {
  const std::string path = TempDir("fulltext-other") + "/fulltext";
  const auto fill = [&](int64_t generation) {
    FullTextWriter writer;
    int64_t covered = -1;
    ASSERT_TRUE(writer.Open(path, generation, kSchema, 0, &covered).ok());
    for (int rec = 1; rec <= 3; ++rec) writer.Add(rec, Hashes("harbour"));
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
    EXPECT_THAT(RecordsWithWords(path, "harbour"), ElementsAre());
  }
  for (const std::string file : {"state", "run-1.ftx"}) {
    SCOPED_TRACE("a damaged " + file);
    fill(7);
    ::newsmine::testing::WriteFile(path + "/" + file, std::string(100, 'x'));
    FullTextWriter writer;
    int64_t covered = -1;
    ASSERT_TRUE(writer.Open(path, 7, kSchema, 3, &covered).ok());
    EXPECT_EQ(covered, 0);
    ASSERT_TRUE(writer.Close().ok());
    EXPECT_THAT(RecordsWithWords(path, "harbour"), ElementsAre());
  }
  {
    SCOPED_TRACE("a file in the folder's place");
    std::filesystem::remove_all(path);
    ::newsmine::testing::WriteFile(path, "x");
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

// The words of record `rec` in the merge test: some shared by many records,
// one its own.
std::string WordsOfRecord(int rec) {
  return "all s" + std::to_string(rec % 7) + " t" + std::to_string(rec % 13) + " own" + std::to_string(rec);
}

// Runs written whenever 100 words wait and merged three at a time answer as
// one run would.
TEST(FullTextWriterTest, MergedRunsAnswerAsTheRecordsSay) {
  const std::string path = TempDir("fulltext-merge") + "/fulltext";
  const int records = 3000;
  FullTextWriterOptions options;
  options.max_pending_postings = 100;
  options.merge_fan_in = 3;
  int64_t covered = -1;
  FullTextWriter writer;
  ASSERT_TRUE(writer.Open(path, 1, kSchema, 0, &covered, options).ok());
  for (int rec = 1; rec <= records; ++rec) {
    writer.Add(rec, Hashes(WordsOfRecord(rec)));
    if (rec % 97 == 0) {
      ASSERT_TRUE(writer.Commit(rec).ok());
    }
  }
  ASSERT_TRUE(writer.Commit(records).ok());
  ASSERT_TRUE(writer.Close().ok());

  FullTextSnapshot snapshot;
  ASSERT_TRUE(snapshot.Open(path).ok());
  EXPECT_EQ(snapshot.state().covered, records);
  // Runs of at most 25 records (four words each), about 150 of them, merged:
  // at most two of each level remain, and levels do not rise.
  ASSERT_LE(snapshot.state().runs.size(), 8u);
  EXPECT_GE(snapshot.state().runs.front().level, 3);
  for (size_t i = 1; i < snapshot.state().runs.size(); ++i) {
    EXPECT_LE(snapshot.state().runs[i].level, snapshot.state().runs[i - 1].level);
  }
  EXPECT_EQ(FilesIn(path).size(), snapshot.state().runs.size() + 1);
  for (const std::string query :
       {"all", "s3", "t5", "s3 t5", "own1234", "all own1", "s3 own5", "absent", "s1 s2", "all s3 t5",
        "t5 all s3 t5", "all t12 own1234", "own1234 absent all"}) {
    std::vector<int64_t> expected;
    for (int rec = 1; rec <= records; ++rec) {
      const std::set<std::string> words = {"all", "s" + std::to_string(rec % 7),
                                           "t" + std::to_string(rec % 13), "own" + std::to_string(rec)};
      bool all = true;
      for (size_t begin = 0; begin < query.size();) {
        const size_t end = std::min(query.find(' ', begin), query.size());
        all = all && words.count(query.substr(begin, end - begin)) > 0;
        begin = end + 1;
      }
      if (all) expected.push_back(rec);
    }
    std::vector<int64_t> found;
    ASSERT_TRUE(snapshot.RecordsWithAllWords(Hashes(query), &found).ok());
    EXPECT_EQ(found, expected) << query;
  }
}

// Runs written within a transaction that is rolled back, or that a crash
// cut short, leave no file behind; a word given twice is filed once.
TEST(FullTextWriterTest, RunsOfAnUncommittedTransactionAreRemoved) {
  const std::string path = TempDir("fulltext-spill") + "/fulltext";
  FullTextWriterOptions options;
  options.max_pending_postings = 10;
  int64_t covered = -1;
  {
    FullTextWriter writer;
    ASSERT_TRUE(writer.Open(path, 1, kSchema, 0, &covered, options).ok());
    writer.Add(1, {FullTextWordHash("quince"), FullTextWordHash("quince"), FullTextWordHash("pear")});
    ASSERT_TRUE(writer.Commit(1).ok());
    for (int rec = 2; rec < 50; ++rec) writer.Add(rec, Hashes("quince plum"));
    ASSERT_TRUE(writer.Wait().ok());
    EXPECT_GT(FilesIn(path).size(), 5u);  // runs of the open transaction
    writer.Rollback();
    ASSERT_TRUE(writer.Wait().ok());
    EXPECT_THAT(FilesIn(path), ElementsAre("run-1.ftx", "state"));
    EXPECT_THAT(RecordsWithWords(path, "quince"), ElementsAre(1));
    for (int rec = 2; rec < 50; ++rec) writer.Add(rec, Hashes("plum"));
    ASSERT_TRUE(writer.Wait().ok());
  }  // closed without a commit
  ::newsmine::testing::WriteFile(path + "/run-99.ftx", "left by a crash");
  FullTextWriter reopened;
  ASSERT_TRUE(reopened.Open(path, 1, kSchema, 1, &covered, options).ok());
  EXPECT_EQ(covered, 1);
  EXPECT_THAT(FilesIn(path), ElementsAre("run-1.ftx", "state"));
  EXPECT_THAT(RecordsWithWords(path, "quince pear"), ElementsAre(1));
  EXPECT_THAT(RecordsWithWords(path, "plum"), ElementsAre());
}

// A reader whose state names a run that is not there (a merge removed it and
// the state was not read again) reads the state again, then says what is
// wrong; a run cut short is refused.
TEST(FullTextSnapshotTest, DamagedRunsAreReported) {
  const std::string path = TempDir("fulltext-damaged") + "/fulltext";
  {
    FullTextWriter writer;
    int64_t covered = -1;
    ASSERT_TRUE(writer.Open(path, 1, kSchema, 0, &covered).ok());
    writer.Add(1, Hashes("harbour"));
    ASSERT_TRUE(writer.Commit(1).ok());
  }
  const std::string run = FullTextRunPath(path, 1);
  const std::string bytes = ::newsmine::testing::ReadFile(run);
  ::newsmine::testing::WriteFile(run, bytes.substr(0, bytes.size() - 1));
  FullTextSnapshot snapshot;
  Status s = snapshot.Open(path);
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  std::filesystem::remove(run);
  s = snapshot.Open(path);
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_THAT(s.message(), HasSubstr("though the full-text state names it"));
  std::filesystem::remove_all(path);
  EXPECT_EQ(snapshot.Open(path).code(), Status::Code::kNotFound);
}

// The hashes are stored: a change would make every index answer wrongly.
TEST(FullTextWordHashTest, IsStable) {
  EXPECT_EQ(FullTextWordHash("harbour"), FullTextWordHash(std::string("harbour")));
  EXPECT_NE(FullTextWordHash("harbour"), FullTextWordHash("harbours"));
  EXPECT_NE(FullTextWordHash(""), FullTextWordHash(std::string(1, '\0')));
  EXPECT_EQ(Hex64(FullTextWordHash("harbour")), "5ec7f36151b90865");
  EXPECT_EQ(Hex64(FullTextWordHash("internationalisation")), "4d8f4dc72c453e48");
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
  const std::string folder = dir + "/" + kFullTextDir;
  namespace fs = std::filesystem;
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir, Store::Mode::kWrite, &store).ok());
    AppendOutcome outcome;
    ASSERT_TRUE(
        store->Append(MakeRecord("Quinces", StoryText("quince", 1), "2024-01-01", "A"), &outcome).ok());
    ASSERT_TRUE(store->Commit().ok());
    ASSERT_TRUE(store->index()->FullTextReady().ok());
    fs::copy(folder, dir + "/saved");
    ASSERT_TRUE(
        store->Append(MakeRecord("Zeppelins", StoryText("zeppelin", 2), "2024-01-02", "A"), &outcome).ok());
    ASSERT_TRUE(store->CommitAndIndex().ok());
    EXPECT_THAT(TitlesMatching(store.get(), "zeppelin"), ElementsAre("Zeppelins"));
  }
  fs::remove_all(folder);
  fs::rename(dir + "/saved", folder);
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

// `verify` reads every run through: a run whose footer is whole but whose
// entries are not is reported.
TEST(FullTextQueryTest, VerifyReportsADamagedRun) {
  const std::string dir = TempDir("fulltext-verify");
  WriteStoreOfOneRecord(dir);
  FullTextState state;
  ASSERT_TRUE(ReadFullTextState(dir + "/" + kFullTextDir, &state).ok());
  ASSERT_EQ(state.runs.size(), 1u);
  const std::string run = FullTextRunPath(dir + "/" + kFullTextDir, state.runs[0].number);
  std::string bytes = ::newsmine::testing::ReadFile(run);
  bytes.replace(0, 8, std::string(8, '\xFF'));  // the first word's hash, now the largest
  ::newsmine::testing::WriteFile(run, bytes);
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_THAT(problems, ElementsAre(HasSubstr("the hashes do not ascend")));
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
  std::filesystem::remove_all(dir + "/" + kFullTextDir);
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
