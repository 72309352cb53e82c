// The store: round trip, commits and crashes, locking, near-duplicates,
// reindex, merge and verify.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "core/hash.h"
#include "store/fulltext.h"
#include "store/index.h"
#include "store/key_numbers.h"
#include "store/minhash.h"
#include "store/parallel_scan.h"
#include "store/query.h"
#include "store/record_json.h"
#include "store/store.h"
#include "tests/store_test_records.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

using ::newsmine::testing::MakeActor;
using ::newsmine::testing::MakeRecord;
using ::newsmine::testing::MakeState;
using ::newsmine::testing::MakeVote;
using ::newsmine::testing::StoryText;
using ::newsmine::testing::TempDir;
using ::testing::HasSubstr;

Record FullRecord() {
  Record r =
      MakeRecord("Cranes for the harbour", StoryText("harbour", 1), "2024-07-13T08:30:00Z", "The Courier");
  r.actors = {MakeActor("ana-example", "Ana Example", "FRA", 3)};
  r.actors[0].roles = {"minister", "party leader"};
  r.states = {MakeState("FRA", "France", -0.4, "negative"), MakeState("DEU", "Germany", 0.25, "positive")};
  r.votes = {MakeVote("Ana Example", 51.5, "FRA")};
  r.votes[0].actor = "ana-example";
  return r;
}

void ExpectSameRecord(const Record& a, const Record& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.source_uri, b.source_uri);
  EXPECT_EQ(a.source_name, b.source_name);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.published, b.published);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.duplicate_of, b.duplicate_of);
  ASSERT_EQ(a.actors.size(), b.actors.size());
  for (size_t i = 0; i < a.actors.size(); ++i) {
    EXPECT_EQ(a.actors[i].id, b.actors[i].id);
    EXPECT_EQ(a.actors[i].name, b.actors[i].name);
    EXPECT_EQ(a.actors[i].type, b.actors[i].type);
    EXPECT_EQ(a.actors[i].state, b.actors[i].state);
    EXPECT_EQ(a.actors[i].roles, b.actors[i].roles);
    EXPECT_EQ(a.actors[i].mentions, b.actors[i].mentions);
  }
  ASSERT_EQ(a.states.size(), b.states.size());
  for (size_t i = 0; i < a.states.size(); ++i) {
    EXPECT_EQ(a.states[i].code, b.states[i].code);
    EXPECT_EQ(a.states[i].name, b.states[i].name);
    EXPECT_EQ(a.states[i].mentions, b.states[i].mentions);
    EXPECT_DOUBLE_EQ(a.states[i].sentiment, b.states[i].sentiment);
    EXPECT_EQ(a.states[i].label, b.states[i].label);
    ASSERT_EQ(a.states[i].evidence.size(), b.states[i].evidence.size());
    for (size_t k = 0; k < a.states[i].evidence.size(); ++k) {
      EXPECT_EQ(a.states[i].evidence[k].text, b.states[i].evidence[k].text);
      EXPECT_DOUBLE_EQ(a.states[i].evidence[k].score, b.states[i].evidence[k].score);
    }
  }
  ASSERT_EQ(a.votes.size(), b.votes.size());
  for (size_t i = 0; i < a.votes.size(); ++i) {
    EXPECT_EQ(a.votes[i].who, b.votes[i].who);
    EXPECT_EQ(a.votes[i].actor, b.votes[i].actor);
    EXPECT_DOUBLE_EQ(a.votes[i].percent, b.votes[i].percent);
    EXPECT_EQ(a.votes[i].kind, b.votes[i].kind);
    EXPECT_EQ(a.votes[i].election, b.votes[i].election);
    EXPECT_EQ(a.votes[i].country, b.votes[i].country);
    EXPECT_EQ(a.votes[i].date, b.votes[i].date);
    EXPECT_EQ(a.votes[i].qualifier, b.votes[i].qualifier);
    EXPECT_EQ(a.votes[i].text, b.votes[i].text);
  }
}

std::unique_ptr<Store> OpenWriter(const std::string& dir) {
  std::unique_ptr<Store> store;
  const Status s = Store::Open(dir, Store::Mode::kWrite, &store);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return store;
}

std::vector<Record> VariedRecordsForIndex() {
  return {MakeRecord("i1", StoryText("index", 1), "2024-01-01", "I"),
          MakeRecord("i2", StoryText("index", 2), "2024-01-02", "I"),
          MakeRecord("i3", StoryText("index", 3), "2024-01-03", "I")};
}

void AppendAll(Store* store, const std::vector<Record>& records) {
  for (const Record& r : records) {
    AppendOutcome outcome;
    ASSERT_TRUE(store->Append(r, &outcome).ok());
  }
}

// Records in store order, as `query --format jsonl` gives them.
std::vector<std::string> AllRecordLines(Store* store, const RecordFilter& filter = {}) {
  std::vector<std::string> lines;
  const Status s = FindRecords(store->index(), filter, [&](const RecordMatch& m) {
    std::string json;
    if (Status r = store->ReadRecordJson(m.location, &json); !r.ok()) return r;
    lines.push_back(json);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return lines;
}

TEST(RecordJsonTest, EveryFieldRoundTrips) {
  Record r = FullRecord();
  r.duplicate_of = "0123456789abcdef0123456789abcdef";
  std::string json;
  AppendRecordJson(r, &json);
  Record back;
  ASSERT_TRUE(ParseRecordJson(json, &back).ok());
  ExpectSameRecord(r, back);
}

// The record encoder writes keys and separators itself; RapidJSON's Writer,
// which it replaced, is the oracle for the bytes.
std::string WriterJson(const Record& r) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  const auto str = [&](const std::string& s) {
    return w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  const auto nullable = [&](const std::string& s) { s.empty() ? w.Null() : str(s); };
  const auto rounded = [](double v) { return std::round(v * 10000.0) / 10000.0; };
  w.StartObject();
  w.Key("id");
  str(r.id);
  w.Key("source");
  w.StartObject();
  w.Key("uri");
  str(r.source_uri);
  w.Key("name");
  nullable(r.source_name);
  w.EndObject();
  w.Key("url");
  nullable(r.url);
  w.Key("title");
  str(r.title);
  w.Key("published");
  nullable(r.published);
  w.Key("language");
  nullable(r.language);
  if (!r.duplicate_of.empty()) {
    w.Key("duplicate_of");
    str(r.duplicate_of);
  }
  w.Key("text");
  str(r.text);
  w.Key("actors");
  w.StartArray();
  for (const Actor& a : r.actors) {
    w.StartObject();
    w.Key("id");
    str(a.id);
    w.Key("name");
    str(a.name);
    w.Key("type");
    str(a.type);
    w.Key("state");
    nullable(a.state);
    w.Key("roles");
    w.StartArray();
    for (const std::string& role : a.roles) str(role);
    w.EndArray();
    w.Key("mentions");
    w.Int(a.mentions);
    w.EndObject();
  }
  w.EndArray();
  w.Key("states");
  w.StartArray();
  for (const StateMention& s : r.states) {
    w.StartObject();
    w.Key("code");
    str(s.code);
    w.Key("name");
    str(s.name);
    w.Key("mentions");
    w.Int(s.mentions);
    w.Key("sentiment");
    w.Double(rounded(s.sentiment));
    w.Key("label");
    str(s.label);
    w.Key("evidence");
    w.StartArray();
    for (const Evidence& e : s.evidence) {
      w.StartObject();
      w.Key("text");
      str(e.text);
      w.Key("score");
      w.Double(rounded(e.score));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("votes");
  w.StartArray();
  for (const Vote& v : r.votes) {
    w.StartObject();
    w.Key("who");
    str(v.who);
    w.Key("actor");
    nullable(v.actor);
    w.Key("percent");
    w.Double(rounded(v.percent));
    w.Key("kind");
    str(v.kind);
    w.Key("election");
    nullable(v.election);
    w.Key("country");
    nullable(v.country);
    w.Key("date");
    nullable(v.date);
    w.Key("qualifier");
    nullable(v.qualifier);
    w.Key("text");
    str(v.text);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

TEST(RecordJsonTest, BytesAreRapidJsonWritersBytes) {
  // Strings of every length around the 16-byte blocks, with each byte that
  // needs escaping (and some UTF-8) at every position.
  // (Not 0x1A to 0x1F: RapidJSON 1.1's SSE2 scan lets those through
  // unescaped, which is not JSON; the next test covers them.)
  const std::string specials[] = {"\"",   "\\",   "\n",   "\t",       std::string(1, '\0'),
                                  "\x01", "\x19", "\x7f", "\xc3\xa9", "/"};
  std::vector<std::string> strings = {""};
  for (size_t length = 1; length <= 40; ++length) {
    for (const std::string& special : specials) {
      for (size_t at = 0; at < length; at += 3) {
        std::string s(length, 'x');
        s.replace(at, 1, special);
        strings.push_back(s);
      }
    }
  }
  // Two bytes to escape, the second one last: the scan of a string's last
  // bytes goes on after an escape, with a string shorter or longer than a
  // block.
  for (size_t length = 2; length <= 40; ++length) {
    for (size_t at = 0; at + 1 < length; ++at) {
      std::string s(length, 'x');
      s[at] = '"';
      s.back() = '\n';
      strings.push_back(s);
    }
  }
  Record r = FullRecord();
  r.actors.clear();
  for (size_t i = 0; i < strings.size(); ++i) {
    Actor a = MakeActor("id-" + std::to_string(i), strings[i], i % 2 ? "" : strings[i], static_cast<int>(i));
    a.roles = {strings[i], strings[(i * 7) % strings.size()]};
    if (i % 5 == 0) a.roles.clear();
    r.actors.push_back(a);
  }
  r.text = strings[strings.size() / 2] + std::string(1000, 'y') + strings.back();
  r.title = "Quote \"and\" slash \\ tab\t";
  r.url.clear();
  const double numbers[] = {0, -0.0, 1, -1, 0.5, 33.33333, 49.99995, 1e-5, -0.12345678, 100, 1e6 + 0.25};
  for (StateMention& s : r.states) {
    for (size_t k = 0; k < std::size(numbers); ++k) s.evidence.push_back({strings[k * 7], numbers[k]});
    s.sentiment = -0.33335;
  }
  for (size_t i = 0; i < std::size(numbers); ++i) {
    r.votes.push_back(MakeVote(strings[i * 13], numbers[i] * 100, "party"));
  }
  for (const bool duplicate : {false, true}) {
    r.duplicate_of = duplicate ? "0123456789abcdef0123456789abcdef" : "";
    std::string json;
    AppendRecordJson(r, &json);
    EXPECT_EQ(json, WriterJson(r));
  }
  Record empty;
  std::string json;
  AppendRecordJson(empty, &json);
  EXPECT_EQ(json, WriterJson(empty));
}

TEST(RecordJsonTest, EveryControlByteIsEscaped) {
  Record r;
  for (int c = 0; c < 0x20; ++c) r.text += static_cast<char>(c);
  std::string json;
  AppendRecordJson(r, &json);
  EXPECT_THAT(
      json,
      HasSubstr(
          R"("text":"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F)"
          R"(\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F")"));
  Record back;
  ASSERT_TRUE(ParseRecordJson(json, &back).ok());
  EXPECT_EQ(back.text, r.text);
}

TEST(StoreTest, EveryFieldRoundTripsThroughTheStore) {
  const std::string dir = TempDir("roundtrip");
  const Record r = FullRecord();
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), {r});
    ASSERT_TRUE(store->Commit().ok());
  }
  std::unique_ptr<Store> reader;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &reader).ok());
  std::string json;
  ASSERT_TRUE(reader->FindRecordJson(r.id.substr(0, 8), &json).ok());
  Record back;
  ASSERT_TRUE(ParseRecordJson(json, &back).ok());
  ExpectSameRecord(r, back);
}

TEST(StoreTest, SameIdIsStoredOnce) {
  auto store = OpenWriter(TempDir("same-id"));
  const Record r = FullRecord();
  AppendOutcome first, second;
  ASSERT_TRUE(store->Append(r, &first).ok());
  ASSERT_TRUE(store->Append(r, &second).ok());
  EXPECT_EQ(first, AppendOutcome::kAdded);
  EXPECT_EQ(second, AppendOutcome::kAlreadyStored);
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(store->manifest().records, 1u);
}

// Opens a writer on `dir`, appends a record and commits it, then appends a
// second one, left uncommitted.
std::unique_ptr<Store> OneCommittedOnePending(const std::string& dir) {
  auto store = OpenWriter(dir);
  AppendAll(store.get(), {MakeRecord("one", StoryText("rail", 1), "2024-01-01", "A")});
  EXPECT_TRUE(store->Commit().ok());
  AppendAll(store.get(), {MakeRecord("two", StoryText("rail", 2), "2024-01-02", "A")});
  return store;
}

TEST(StoreTest, UncommittedRecordsAreDroppedLikeACrash) {
  const std::string dir = TempDir("uncommitted");
  OneCommittedOnePending(dir);  // closed without a commit, as after a crash
  auto store = OpenWriter(dir);
  EXPECT_EQ(store->manifest().records, 1u);
  EXPECT_EQ(AllRecordLines(store.get()).size(), 1u);
}

// Record lines waiting for a commit go to their segment unsynced once they
// pass 1 MiB (in whole blocks: DirectAppendBuffer): a commit keeps them all,
// a crash before it drops them all.
TEST(StoreTest, LinesWrittenBehindBeforeTheCommitAreKeptOrDroppedWhole) {
  const std::string dir = TempDir("write-behind");
  const auto batch = [](int first) {
    std::vector<Record> records;
    for (int i = first; i < first + 1500; ++i) {
      records.push_back(MakeRecord("r" + std::to_string(i), StoryText("port", i), "2024-03-01", "A"));
    }
    return records;
  };
  const std::string segment = dir + "/segments/000001.jsonl";
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), batch(0));
    // Written before the commit, but for less than a block.
    EXPECT_GT(std::filesystem::file_size(segment), (1u << 20) - DirectAppendBuffer::kBlockBytes);
    ASSERT_TRUE(store->Commit().ok());
    AppendAll(store.get(), batch(1500));
    EXPECT_GT(std::filesystem::file_size(segment), store->manifest().segments.back().bytes);
  }  // no commit: as after a crash
  auto store = OpenWriter(dir);
  EXPECT_EQ(store->manifest().records, 1500u);
  EXPECT_EQ(std::filesystem::file_size(segment), store->manifest().segments.back().bytes);
  AppendAll(store.get(), batch(1500));
  ASSERT_TRUE(store->Commit().ok());
  const std::vector<std::string> lines = AllRecordLines(store.get());
  ASSERT_EQ(lines.size(), 3000u);
  for (size_t i = 0; i < lines.size(); i += 299) {
    EXPECT_THAT(lines[i], HasSubstr("\"title\":\"r" + std::to_string(i) + "\""));
  }
}

// SQLite rolls a transaction back by itself after some errors (a full disk,
// an I/O error). The store must then fail, not index on outside the
// transaction, where the coverage of the lost rows would be committed.
TEST(StoreTest, AnIndexTransactionSqliteRolledBackFailsTheCommit) {
  const std::string dir = TempDir("lost-transaction");
  {
    auto store = OneCommittedOnePending(dir);
    ASSERT_TRUE(store->index()->db().Exec("ROLLBACK").ok());  // as SQLite does after an I/O error
    const Status s = store->Commit();
    EXPECT_EQ(s.code(), Status::Code::kIoError) << s.ToString();
  }
  // Whatever the failed commit left, the next writer sees a consistent store.
  auto store = OpenWriter(dir);
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_TRUE(problems.empty()) << problems.front();
  const std::vector<std::string> lines = AllRecordLines(store.get());
  EXPECT_EQ(lines.size(), store->manifest().records);
}

TEST(StoreTest, TruncatedLastLineIsDroppedWithAWarningAndNothingCommittedIsLost) {
  const std::string dir = TempDir("truncated");
  std::vector<Record> records;
  for (int i = 0; i < 5; ++i)
    records.push_back(MakeRecord("r" + std::to_string(i), StoryText("bridge", i), "", "B"));
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), records);
    ASSERT_TRUE(store->Commit().ok());
  }
  // A crash in the middle of the next commit's write: half a line.
  std::string partial;
  AppendRecordJson(MakeRecord("late", StoryText("bridge", 9), "", "B"), &partial);
  {
    std::ofstream segment(SegmentPath(dir, 1), std::ios::app | std::ios::binary);
    segment << partial.substr(0, partial.size() / 2);
  }
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("uncommitted bytes")));

  auto store = OpenWriter(dir);
  ASSERT_FALSE(store->warnings().empty());
  EXPECT_THAT(store->warnings()[0], HasSubstr("partial line"));
  EXPECT_EQ(AllRecordLines(store.get()).size(), 5u);
  // The store goes on from there.
  AppendAll(store.get(), {MakeRecord("late", StoryText("bridge", 9), "", "B")});
  ASSERT_TRUE(store->Commit().ok());
  store.reset();
  problems.clear();
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

TEST(StoreTest, SegmentCutInsideCommittedDataKeepsItsWholeLines) {
  const std::string dir = TempDir("cut");
  std::vector<Record> records;
  for (int i = 0; i < 4; ++i)
    records.push_back(MakeRecord("c" + std::to_string(i), StoryText("orchard", i), "", "O"));
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), records);
    ASSERT_TRUE(store->Commit().ok());
  }
  const std::string segment = SegmentPath(dir, 1);
  std::filesystem::resize_file(segment, std::filesystem::file_size(segment) - 10);
  auto store = OpenWriter(dir);
  ASSERT_FALSE(store->warnings().empty());
  EXPECT_THAT(store->warnings()[0], HasSubstr("shorter than committed"));
  EXPECT_EQ(store->manifest().records, 3u);
  EXPECT_EQ(AllRecordLines(store.get()).size(), 3u);
  store.reset();
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

TEST(StoreTest, ReadersSeeCommittedDataWhileAWriterRunsAndDoNotBlockIt) {
  const std::string dir = TempDir("readers");
  { auto creator = OpenWriter(dir); }
  std::unique_ptr<Store> early_reader;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &early_reader).ok());
  auto writer = OpenWriter(dir);  // not refused: the reader holds no lock
  ASSERT_NE(writer, nullptr);
  AppendAll(writer.get(), {MakeRecord("committed", StoryText("reader", 1), "", "R")});
  ASSERT_TRUE(writer->Commit().ok());
  AppendAll(writer.get(), {MakeRecord("pending", StoryText("reader", 2), "", "R")});
  std::unique_ptr<Store> reader;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &reader).ok());
  const std::vector<std::string> seen = AllRecordLines(reader.get());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(seen[0], HasSubstr("\"title\":\"committed\""));
  AppendOutcome outcome;
  EXPECT_EQ(reader->Append(MakeRecord("x", "y", "", ""), &outcome).code(), Status::Code::kInvalidArgument);
}

TEST(StoreTest, IndexCatchesUpAfterACrashBetweenManifestAndIndex) {
  const std::string dir = TempDir("catch-up");
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), {MakeRecord("a", StoryText("drums", 1), "2024-05-01", "C")});
    ASSERT_TRUE(store->Commit().ok());
  }
  // Simulate an index that never saw the commit.
  std::filesystem::remove(dir + "/" + kIndexFile);
  auto store = OpenWriter(dir);
  EXPECT_EQ(AllRecordLines(store.get()).size(), 1u);
  std::vector<std::string> problems;
  store.reset();
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

TEST(StoreTest, UnusableIndexIsRebuiltFromTheSegments) {
  const std::string dir = TempDir("bad-index");
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), VariedRecordsForIndex());
    ASSERT_TRUE(store->Commit().ok());
  }
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(dir + "/" + kIndexFile + suffix);
  ::newsmine::testing::WriteFile(dir + "/" + kIndexFile, std::string(8192, 'x'));
  auto store = OpenWriter(dir);
  ASSERT_FALSE(store->warnings().empty());
  EXPECT_THAT(store->warnings()[0], HasSubstr("rebuilding the index"));
  EXPECT_EQ(AllRecordLines(store.get()).size(), 3u);
}

TEST(StoreTest, SecondWriterIsRefusedNamingTheHolder) {
  const std::string dir = TempDir("lock");
  auto first = OpenWriter(dir);
  std::unique_ptr<Store> second;
  const Status s = Store::Open(dir, Store::Mode::kWrite, &second);
  EXPECT_EQ(s.code(), Status::Code::kBusy);
  EXPECT_THAT(s.message(), HasSubstr("pid " + std::to_string(getpid())));
  // A reader is not refused.
  std::unique_ptr<Store> reader;
  EXPECT_TRUE(Store::Open(dir, Store::Mode::kRead, &reader).ok());
}

TEST(StoreTest, SecondRunCommandIsRefusedWhileAWriterHoldsTheStore) {
  const std::string dir = TempDir("lock-cli");
  auto holder = OpenWriter(dir);
  const std::string input = TempDir("lock-cli-input") + "/a.txt";
  ::newsmine::testing::WriteFile(input, StoryText("lock", 1));
  std::string out;
  const int rc = ::newsmine::testing::RunCommand(
      ::newsmine::testing::Binary() + " run --quiet --store " + dir + " " + input + " 2>&1", &out);
  EXPECT_EQ(rc, 1);
  EXPECT_THAT(out, HasSubstr("being written by pid " + std::to_string(getpid())));
}

// TextMinHash as defined, one plain step at a time: lower-cased ASCII words
// (other bytes >= 0x80 are word bytes), FNV-1a of each, shingles of three
// words mixed, and the minimum of h_i(x) = (a_i * x + b_i) >> 32.
std::optional<MinHashSignature> ReferenceMinHash(std::string_view text) {
  std::vector<uint64_t> words;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    const unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
    if (c >= 0x80 || std::isalnum(c)) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else if (!word.empty()) {
      words.push_back(Fnv1a64(word));
      word.clear();
    }
  }
  if (words.size() < 22) return std::nullopt;
  MinHashSignature signature;
  signature.fill(UINT32_MAX);
  for (size_t i = 0; i + 3 <= words.size(); ++i) {
    const uint64_t shingle = Mix64(Mix64(Mix64(words[i]) ^ words[i + 1]) ^ words[i + 2]);
    for (int h = 0; h < kMinHashes; ++h) {
      const uint64_t a = Mix64(2 * static_cast<uint64_t>(h) + 1) | 1;
      const uint64_t b = Mix64(2 * static_cast<uint64_t>(h) + 2);
      signature[h] = std::min(signature[h], static_cast<uint32_t>((a * shingle + b) >> 32));
    }
  }
  return signature;
}

TEST(MinHashTest, SignaturesAreThoseOfTheDefinition) {
  std::mt19937 random(7);
  const std::vector<std::string> pieces = {"the",
                                           "Vote",
                                           "81.3",
                                           "%",
                                           "Erdo\xC4\x9F"
                                           "an",
                                           "\xE2\x80\x9C",
                                           "U.S.",
                                           "7,000",
                                           "-",
                                           "\n",
                                           "a",
                                           "ZZ",
                                           "party's",
                                           "\xD0\xB8"};
  for (int n = 0; n < 300; ++n) {
    std::string text;
    const int words = static_cast<int>(random() % 120);
    for (int w = 0; w < words; ++w) {
      text += pieces[random() % pieces.size()];
      text += " ,.\t"[random() % 4];
    }
    const auto expected = ReferenceMinHash(text);
    const auto actual = TextMinHash(text);
    ASSERT_EQ(actual.has_value(), expected.has_value()) << text;
    if (expected) {
      EXPECT_EQ(*actual, *expected) << text;
    }
    // Every way of keeping the minimums that this build and processor have.
    for (const MinHashKernel kernel :
         {MinHashKernel::kPortable, MinHashKernel::kSse2, MinHashKernel::kAvx2}) {
      std::optional<MinHashSignature> by_kernel;
      if (!TextMinHashWith(kernel, text, &by_kernel)) continue;
      EXPECT_EQ(by_kernel, expected) << static_cast<int>(kernel) << " " << text;
    }
  }
}

TEST(MinHashTest, SignaturesNeverChange) {
  // Stores keep signatures and compare new texts with them: these values,
  // from the first version, must stay.
  const MinHashSignature expected = {
      268270658u, 65808302u,  257913817u, 142202748u, 47727834u,  29811210u,  23939955u,  344579254u,
      181405499u, 140573998u, 58150042u,  77125345u,  400150280u, 179649893u, 146043521u, 506154906u,
      313016247u, 14715825u,  119523447u, 149064224u, 174864820u, 171914717u, 6819788u,   353119511u,
      94548681u,  122666007u, 399094189u, 273566466u, 14918575u,  43653519u,  713026667u, 82467099u};
  EXPECT_EQ(TextMinHash("The quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat "
                        "near the old door of the barn today."),
            expected);
  EXPECT_EQ(TextMinHash("too short to say anything"), std::nullopt);
}

// `signature` with the minimums at `positions` replaced by other values.
MinHashSignature WithOtherMinimums(MinHashSignature signature, const std::vector<int>& positions,
                                   std::mt19937* random) {
  for (int h : positions) {
    uint32_t other;
    do other = static_cast<uint32_t>((*random)());
    while (other == signature[h]);
    signature[h] = other;
  }
  return signature;
}

MinHashSignature RandomSignature(std::mt19937* random) {
  MinHashSignature signature;
  for (uint32_t& v : signature) v = static_cast<uint32_t>((*random)());
  return signature;
}

TEST(MinHashTest, SketchesNeverRuleOutANearDuplicate) {
  EXPECT_EQ(kNearDuplicateEqualMinimums, 23);  // 0.7 of 32, rounded up
  std::mt19937 random(11);
  std::vector<int> positions(kMinHashes);
  for (int h = 0; h < kMinHashes; ++h) positions[h] = h;
  int distant_allowed = 0, distant = 0;
  for (int equal = 0; equal <= kMinHashes; ++equal) {
    for (int trial = 0; trial < 200; ++trial) {
      const MinHashSignature a = RandomSignature(&random);
      std::shuffle(positions.begin(), positions.end(), random);
      const MinHashSignature b =
          WithOtherMinimums(a, std::vector<int>(positions.begin() + equal, positions.end()), &random);
      const bool allowed = SketchesAllowNearDuplicate(MinHashSketch(a), MinHashSketch(b));
      ASSERT_EQ(allowed, SketchesAllowNearDuplicate(MinHashSketch(b), MinHashSketch(a)));
      if (EstimatedSimilarity(a, b) >= kNearDuplicateSimilarity) {
        ASSERT_TRUE(allowed) << equal << " equal minimums";
      } else if (equal <= 18) {
        ++distant;
        distant_allowed += allowed;
      }
    }
  }
  // Four bits agree by chance one time in 16: signatures sharing 18 minimums
  // or fewer (similarity 0.56) share 23 such parts rarely. Most candidates
  // are those. (With two bits, a quarter of those sharing 18 would pass.)
  EXPECT_LT(distant_allowed, distant / 100) << distant_allowed << " of " << distant;
}

TEST(KeyFilterTest, KnowsEveryKeyAddedAndFewOthers) {
  KeyFilter filter(27);
  std::mt19937_64 random(11);
  std::vector<int64_t> added(100000);
  for (int64_t& key : added) key = static_cast<int64_t>(random() >> 1);
  filter.Prefetch(added[0]);  // a hint, before the words exist too
  EXPECT_FALSE(filter.MayContain(added[0]));
  for (const int64_t key : added) {
    filter.Prefetch(key);
    filter.Add(key);
  }
  for (const int64_t key : added) ASSERT_TRUE(filter.MayContain(key)) << key;
  // Two bits of 2^27 per key: about 2 in a million false positives here.
  int false_positives = 0;
  for (int i = 0; i < 100000; ++i) false_positives += filter.MayContain(static_cast<int64_t>(random() >> 1));
  EXPECT_LE(false_positives, 10);
  filter.Clear();
  EXPECT_FALSE(filter.MayContain(added[0]));
}

TEST(PendingKeyRowsTest, FindsTheRowsOfAKeyNewestFirst) {
  PendingKeyRows pending(4, 64);  // 16 slots: keys share them
  const auto sketch_of = [](int64_t rec) {
    return SignatureSketch{static_cast<uint64_t>(rec * 3), static_cast<uint64_t>(rec)};
  };
  pending.Prefetch(7);  // a hint, before the slots exist too
  for (int64_t rec = 1; rec <= 40; ++rec) {
    const int64_t key = rec % 5;
    pending.Prefetch(key);
    pending.Add(KeyRow{key, rec, sketch_of(rec)});
  }
  std::vector<int64_t> recs;
  pending.ForEachOfKey(2, [&](const KeyRow& row) {
    EXPECT_EQ(row.key, 2);
    EXPECT_EQ(row.sketch, sketch_of(row.rec));
    recs.push_back(row.rec);
    return recs.size() < 5;
  });
  EXPECT_EQ(recs, (std::vector<int64_t>{37, 32, 27, 22, 17}));
  pending.Clear();
  recs.clear();
  pending.ForEachOfKey(2, [&](const KeyRow& row) {
    recs.push_back(row.rec);
    return true;
  });
  EXPECT_TRUE(recs.empty());
  EXPECT_EQ(pending.size(), 0u);
}

// SQLite keeps no count of the memory it allocates: counting took a
// process-wide mutex for every allocation, which the index's writer and the
// full-text thread contend for (sqlite_db.cc).
TEST(DatabaseTest, SQLiteCountsNoMemory) {
  const std::string dir = TempDir("memory-count");
  Database db;
  ASSERT_TRUE(db.Open(dir + "/count.sqlite", false).ok());
  ASSERT_TRUE(db.Exec("CREATE TABLE t(x); INSERT INTO t VALUES (randomblob(100000));").ok());
  EXPECT_EQ(sqlite3_memory_used(), 0);
}

// Originals cut from one template share a band key without being copies of
// each other. A record is compared with the newest kMaxBandCandidates of them
// under each key; among similar ones, the oldest is named.
//
// 40 originals filed under one band key (a template's), each with a copy
// that shares only that key with it. The first `committed` originals are
// committed (their bands written to the band file), the rest are not yet.
void CheckNewestOriginalsOfABand(int committed) {
  Index index;
  const std::string dir = TempDir("band-candidates");
  ASSERT_TRUE(index.Open(IndexPathsIn(dir), false).ok());
  ASSERT_TRUE(index.Begin().ok());
  std::mt19937 random(5);
  const MinHashSignature template_signature = RandomSignature(&random);
  // Band 0 (the first kRowsPerBand minimums) is the template's; the rest is
  // each story's own.
  std::vector<int> own;
  for (int h = kRowsPerBand; h < kMinHashes; ++h) own.push_back(h);
  std::vector<MinHashSignature> originals;
  const int count = kMaxBandCandidates + 8;
  for (int i = 0; i <= count; ++i) {
    if (i == committed) {
      ASSERT_TRUE(index.Commit().ok());
      ASSERT_TRUE(index.Begin().ok());
    }
    if (i == count) break;
    originals.push_back(WithOtherMinimums(template_signature, own, &random));
    Record r = MakeRecord("story " + std::to_string(i), "text", "2024-01-01", "Wire");
    r.id = "original-" + std::to_string(i);
    ASSERT_TRUE(index
                    .Add(r, RecordLocation{1, static_cast<uint64_t>(i), 1}, originals.back(),
                         {FullTextWordHash("text")})
                    .ok());
  }
  // A copy of original i that shares no other band with it: one minimum of
  // each other band differs (27 of 32 still equal).
  std::vector<int> one_per_other_band;
  for (int band = 1; band < kMinHashBands; ++band) one_per_other_band.push_back(band * kRowsPerBand);
  const auto copy_of = [&](int i) { return WithOtherMinimums(originals[i], one_per_other_band, &random); };
  std::string found;
  ASSERT_TRUE(index.FindNearDuplicate(copy_of(count - 1), &found).ok());
  EXPECT_EQ(found, "original-" + std::to_string(count - 1));
  ASSERT_TRUE(index.FindNearDuplicate(copy_of(count - kMaxBandCandidates), &found).ok());
  EXPECT_EQ(found, "original-" + std::to_string(count - kMaxBandCandidates));
  // Older than the newest kMaxBandCandidates under its only shared key.
  ASSERT_TRUE(index.FindNearDuplicate(copy_of(count - kMaxBandCandidates - 1), &found).ok());
  EXPECT_EQ(found, "");
  ASSERT_TRUE(index.FindNearDuplicate(copy_of(20), &found).ok());
  EXPECT_EQ(found, "original-20");
  // A later original close to original 20 (a copy the writer was not asked
  // about): a copy of both is named after the older, whose signature the
  // writer now keeps in memory.
  Record twin = MakeRecord("twin", "text", "2024-01-02", "Wire");
  twin.id = "twin-of-20";
  ASSERT_TRUE(index.Add(twin, RecordLocation{1, 100, 1}, originals[20], {FullTextWordHash("text")}).ok());
  ASSERT_TRUE(index.FindNearDuplicate(copy_of(20), &found).ok());
  EXPECT_EQ(found, "original-20");
  ASSERT_TRUE(index.Commit().ok());
}

TEST(IndexTest, NearDuplicatesAreSoughtAmongTheNewestOriginalsOfABand) {
  // The newest are all pending, some pending and the rest in the table, or
  // all in the table.
  for (const int committed : {0, 20, kMaxBandCandidates + 8}) {
    SCOPED_TRACE(committed);
    CheckNewestOriginalsOfABand(committed);
  }
}

TEST(IndexTest, NearDuplicatesAreFoundBeforeTheirCommitAfterItAndAfterAReopen) {
  const std::string dir = TempDir("band-reopen");
  std::mt19937 random(8);
  const MinHashSignature original = RandomSignature(&random);
  // 29 of 32 minimums equal: a near-duplicate.
  const MinHashSignature copy = WithOtherMinimums(original, {3, 14, 25}, &random);
  std::string found;
  {
    Index index;
    ASSERT_TRUE(index.Open(IndexPathsIn(dir), false).ok());
    ASSERT_TRUE(index.Begin().ok());
    Record r = MakeRecord("original", "text", "2024-01-01", "Wire");
    r.id = "the-original";
    ASSERT_TRUE(index.Add(r, RecordLocation{1, 0, 1}, original, {FullTextWordHash("text")}).ok());
    ASSERT_TRUE(index.FindNearDuplicate(copy, &found).ok());
    EXPECT_EQ(found, "the-original");
    ASSERT_TRUE(index.Commit().ok());
    ASSERT_TRUE(index.FindNearDuplicate(copy, &found).ok());
    EXPECT_EQ(found, "the-original");
  }
  Index reopened;
  ASSERT_TRUE(reopened.Open(IndexPathsIn(dir), false).ok());
  ASSERT_TRUE(reopened.FindNearDuplicate(copy, &found).ok());
  EXPECT_EQ(found, "the-original");
  ASSERT_TRUE(reopened.FindNearDuplicate(RandomSignature(&random), &found).ok());
  EXPECT_EQ(found, "");
}

// The key files and the signature file are derived from the ids and
// signatures in the index: deleted, or replaced by another index's, they are
// made again when the index is opened.
TEST(IndexTest, KeyFilesLostOrOfAnotherIndexAreRebuiltFromTheIndex) {
  const std::string dir = TempDir("keys-rebuild"), other = TempDir("keys-rebuild-other");
  std::mt19937 random(9);
  std::vector<MinHashSignature> originals;
  for (int i = 0; i < 50; ++i) originals.push_back(RandomSignature(&random));
  {
    Index index;
    ASSERT_TRUE(index.Open(IndexPathsIn(dir), false).ok());
    ASSERT_TRUE(index.Begin().ok());
    for (int i = 0; i < 50; ++i) {
      Record r = MakeRecord("original", "text", "2024-01-01", "Wire");
      r.id = "original-" + std::to_string(i);
      ASSERT_TRUE(index
                      .Add(r, RecordLocation{1, static_cast<uint64_t>(i), 1}, originals[i],
                           {FullTextWordHash("text")})
                      .ok());
    }
    ASSERT_TRUE(index.Commit().ok());
    // Another index, with key files of its own.
    Index another;
    ASSERT_TRUE(another.Open(IndexPathsIn(other), false).ok());
    ASSERT_TRUE(another.Begin().ok());
    Record r = MakeRecord("other", "text", "2024-01-01", "Wire");
    ASSERT_TRUE(
        another.Add(r, RecordLocation{1, 0, 1}, RandomSignature(&random), {FullTextWordHash("text")}).ok());
    ASSERT_TRUE(another.Commit().ok());
  }
  const IndexPaths paths = IndexPathsIn(dir), others = IndexPathsIn(other);
  // The signature file alone too: the key files then cover every record,
  // and it catches up on its own.
  enum class Lost { kAllDeleted, kAllAnotherIndexs, kSignaturesDeleted };
  for (const Lost lost : {Lost::kAllDeleted, Lost::kAllAnotherIndexs, Lost::kSignaturesDeleted}) {
    SCOPED_TRACE(static_cast<int>(lost));
    for (const auto& [file, others_file] :
         {std::pair{paths.bands, others.bands}, std::pair{paths.ids, others.ids},
          std::pair{paths.signatures, others.signatures}}) {
      if (lost == Lost::kAllAnotherIndexs) {
        std::filesystem::copy_file(others_file, file, std::filesystem::copy_options::overwrite_existing);
      } else if (lost == Lost::kAllDeleted || file == paths.signatures) {
        ASSERT_TRUE(std::filesystem::remove(file));
      }
    }
    Index reopened;
    ASSERT_TRUE(reopened.Open(paths, false).ok());
    for (int i = 0; i < 50; ++i) {
      std::string found;
      ASSERT_TRUE(
          reopened.FindNearDuplicate(WithOtherMinimums(originals[i], {3, 14, 25}, &random), &found).ok());
      EXPECT_EQ(found, "original-" + std::to_string(i));
      bool stored = false;
      ASSERT_TRUE(reopened.Contains("original-" + std::to_string(i), &stored).ok());
      EXPECT_TRUE(stored) << i;
    }
    bool stored = true;
    ASSERT_TRUE(reopened.Contains("other", &stored).ok());
    EXPECT_FALSE(stored);
  }
}

// The writer keeps the numbers of the actor forms it filed. When SQLite rolls
// a transaction back, the numbers it gave out there are given again to other
// forms, so the writer must not use them for the old ones.
TEST(IndexTest, ActorFormsOfARolledBackTransactionAreFiledAgain) {
  const std::string dir = TempDir("actor-forms");
  Index index;
  ASSERT_TRUE(index.Open(IndexPathsIn(dir), false).ok());
  const auto record_naming = [](const std::string& id, const std::string& actor) {
    Record r = MakeRecord(id, "text", "2024-01-01", "Wire");
    r.id = id;
    r.actors = {MakeActor(actor, actor, "", 1)};
    return r;
  };
  ASSERT_TRUE(index.Begin().ok());
  ASSERT_TRUE(index
                  .Add(record_naming("lost", "ana"), RecordLocation{1, 0, 1}, std::nullopt,
                       {FullTextWordHash("text")})
                  .ok());
  ASSERT_TRUE(index.db().Exec("ROLLBACK").ok());  // as SQLite does after an I/O error
  EXPECT_EQ(index.Begin().code(), Status::Code::kIoError);
  ASSERT_TRUE(index.Begin().ok());
  ASSERT_TRUE(index
                  .Add(record_naming("first", "ben"), RecordLocation{1, 0, 1}, std::nullopt,
                       {FullTextWordHash("text")})
                  .ok());
  ASSERT_TRUE(index
                  .Add(record_naming("second", "ana"), RecordLocation{1, 1, 1}, std::nullopt,
                       {FullTextWordHash("text")})
                  .ok());
  ASSERT_TRUE(index.Commit().ok());
  Statement q;
  ASSERT_TRUE(index.db()
                  .Prepare("SELECT r.id, f.actor FROM actors a JOIN records r ON r.rec = a.rec "
                           "JOIN actor_forms f ON f.form = a.form ORDER BY a.rec",
                           &q)
                  .ok());
  std::vector<std::string> rows;
  while (q.Step()) rows.push_back(q.Text(0) + ":" + q.Text(1));
  EXPECT_THAT(rows, ::testing::ElementsAre("first:ben", "second:ana"));
}

// The writer keeps the signatures of originals it compared. A transaction
// SQLite rolls back loses its records, whose numbers go to others: a kept
// signature of a lost original must not stand for the record that now has
// its number.
TEST(IndexTest, SignaturesKeptOfARolledBackTransactionAreForgotten) {
  const std::string dir = TempDir("kept-signatures");
  std::mt19937 random(13);
  const MinHashSignature lost = RandomSignature(&random);
  // A copy of the lost original, and the record that gets its number: it
  // shares the copy's first band and all its sketch, but only 22 of its 32
  // minimums (the other ten differ in their upper bits).
  const MinHashSignature copy = WithOtherMinimums(lost, {30, 31}, &random);
  MinHashSignature successor = copy;
  for (int h = 10; h < 20; ++h) successor[h] ^= 0x100;
  ASSERT_GE(EstimatedSimilarity(lost, copy), kNearDuplicateSimilarity);
  ASSERT_LT(EstimatedSimilarity(successor, copy), kNearDuplicateSimilarity);
  ASSERT_TRUE(SketchesAllowNearDuplicate(MinHashSketch(successor), MinHashSketch(copy)));
  ASSERT_EQ(MinHashBandKey(successor, 0), MinHashBandKey(copy, 0));
  const auto add = [](Index* index, const std::string& id, const MinHashSignature& signature) {
    Record r = MakeRecord(id, "text", "2024-01-01", "Wire");
    r.id = id;
    return index->Add(r, RecordLocation{1, 0, 1}, signature, {FullTextWordHash("text")});
  };
  Index index;
  ASSERT_TRUE(index.Open(IndexPathsIn(dir), false).ok());
  ASSERT_TRUE(index.Begin().ok());
  ASSERT_TRUE(add(&index, "lost", lost).ok());
  std::string found;
  ASSERT_TRUE(index.FindNearDuplicate(copy, &found).ok());
  EXPECT_EQ(found, "lost");
  ASSERT_TRUE(index.db().Exec("ROLLBACK").ok());  // as SQLite does after an I/O error
  EXPECT_EQ(index.Begin().code(), Status::Code::kIoError);
  ASSERT_TRUE(index.Begin().ok());
  ASSERT_TRUE(add(&index, "successor", successor).ok());
  ASSERT_TRUE(index.FindNearDuplicate(copy, &found).ok());
  EXPECT_EQ(found, "");
}

TEST(StoreTest, NearDuplicatesAreFlaggedAndExcludedOnRequest) {
  const std::string story = StoryText("wire", 4);
  const Record original = MakeRecord("Original", story, "2024-02-01", "Wire");
  Record reprint = MakeRecord("Reprint", story + " Reporting by a local desk.", "2024-02-02", "Local");
  reprint.actors = {MakeActor("kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "KAZ", 3)};
  reprint.states = {MakeState("KAZ", "Kazakhstan", 0.25, "positive")};
  reprint.votes = {MakeVote("Kassym-Jomart Tokayev", 81.31, "KAZ")};
  const Record other = MakeRecord("Other", StoryText("garden", 7), "2024-02-03", "Local");
  EXPECT_GE(EstimatedSimilarity(*TextMinHash(original.text), *TextMinHash(reprint.text)),
            kNearDuplicateSimilarity);
  EXPECT_LT(EstimatedSimilarity(*TextMinHash(original.text), *TextMinHash(other.text)),
            kNearDuplicateSimilarity);
  auto store = OpenWriter(TempDir("near-dup"));
  AppendOutcome outcome;
  ASSERT_TRUE(store->Append(original, &outcome).ok());
  EXPECT_EQ(outcome, AppendOutcome::kAdded);
  ASSERT_TRUE(store->Append(reprint, &outcome).ok());
  EXPECT_EQ(outcome, AppendOutcome::kNearDuplicate);
  ASSERT_TRUE(store->Append(other, &outcome).ok());
  EXPECT_EQ(outcome, AppendOutcome::kAdded);
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(store->manifest().duplicates, 1u);
  const std::vector<std::string> all = AllRecordLines(store.get());
  ASSERT_EQ(all.size(), 3u);
  // The line of the reprint as flagged before it was written, every part
  // of it kept.
  Record flagged = reprint;
  flagged.duplicate_of = original.id;
  std::string flagged_json;
  AppendRecordJson(flagged, &flagged_json);
  EXPECT_EQ(all[1], flagged_json);
  RecordFilter no_duplicates;
  no_duplicates.article.no_duplicates = true;
  EXPECT_EQ(AllRecordLines(store.get(), no_duplicates).size(), 2u);
}

// Everything the queries can see, as text.
std::string IndexDump(Store* store) {
  std::string dump;
  for (const std::string& line : AllRecordLines(store)) dump += line + "\n";
  ResultTable table;
  EXPECT_TRUE(QueryActors(store->index(), {}, &table).ok());
  for (const auto& row : table.rows)
    for (const Cell& c : row) dump += CellText(c) + "|";
  StateFilter by_month;
  by_month.by = "month";
  EXPECT_TRUE(QueryStates(store->index(), by_month, &table).ok());
  for (const auto& row : table.rows)
    for (const Cell& c : row) dump += CellText(c) + "|";
  EXPECT_TRUE(QueryVotes(store->index(), {}, &table).ok());
  for (const auto& row : table.rows)
    for (const Cell& c : row) dump += CellText(c) + "|";
  RecordFilter text;
  text.text = "cranes";
  for (const std::string& line : AllRecordLines(store, text)) dump += "text:" + line.substr(0, 40) + "\n";
  return dump;
}

// The pipeline prepares records on its worker threads (PrepareRecord) and
// the writer appends them: the store must be as if the records were appended
// whole, near-duplicate flag included.
TEST(StoreTest, RecordsPreparedOnOtherThreadsAreStoredAsRecordsAre) {
  const std::string story = StoryText("wire", 4);
  std::vector<Record> records = {
      MakeRecord("Original", story, "2024-02-01", "Wire"),
      MakeRecord("Reprint", story + " Reporting by a local desk.", "2024-02-02", "Local"),
      MakeRecord("Other", StoryText("garden", 7), "2024-02-03", "Local")};
  // Parts the index does not file (roles, evidence, the votes' sentences):
  // the reprint's JSON, flagged by the writer, must still hold them.
  for (Record& r : records) {
    r.actors = {MakeActor("kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "KAZ", 3)};
    r.states = {MakeState("KAZ", "Kazakhstan", 0.25, "positive")};
    r.votes = {MakeVote("Kassym-Jomart Tokayev", 81.31, "KAZ")};
  }
  std::vector<PreparedRecord> prepared(records.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < records.size(); ++i) {
    threads.emplace_back([&, i] { prepared[i] = PrepareRecord(records[i]); });
  }
  for (std::thread& t : threads) t.join();
  auto whole = OpenWriter(TempDir("appended-whole"));
  auto ready = OpenWriter(TempDir("appended-prepared"));
  for (size_t i = 0; i < records.size(); ++i) {
    AppendOutcome whole_outcome, prepared_outcome;
    ASSERT_TRUE(whole->Append(records[i], &whole_outcome).ok());
    ASSERT_TRUE(ready->Append(std::move(prepared[i]), &prepared_outcome).ok());
    EXPECT_EQ(whole_outcome, prepared_outcome) << i;
  }
  ASSERT_TRUE(whole->Commit().ok());
  ASSERT_TRUE(ready->Commit().ok());
  EXPECT_EQ(ready->manifest().duplicates, 1u);
  EXPECT_EQ(IndexDump(whole.get()), IndexDump(ready.get()));
}

std::vector<Record> VariedRecords() {
  std::vector<Record> records;
  const char* codes[] = {"FRA", "DEU", "KEN"};
  for (int i = 0; i < 12; ++i) {
    Record r =
        MakeRecord("story " + std::to_string(i), StoryText(i % 2 ? "harbour" : "election", i),
                   "2024-0" + std::to_string(1 + i % 3) + "-1" + std::to_string(i % 10), i % 2 ? "A" : "B");
    r.actors = {
        MakeActor("actor-" + std::to_string(i % 4), "Actor " + std::to_string(i % 4), codes[i % 3], 1 + i)};
    r.states = {MakeState(codes[i % 3], "State", (i % 5 - 2) / 2.0, "neutral")};
    if (i % 4 == 0) r.votes = {MakeVote("Actor 0", 40 + i, codes[i % 3])};
    records.push_back(std::move(r));
  }
  return records;
}

// The index's own secondary indexes (not SQLite's automatic ones).
int SecondaryIndexCount(Store* store) {
  Statement q;
  EXPECT_TRUE(
      store->index()
          ->db()
          .Prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'", &q)
          .ok());
  return q.Step() ? static_cast<int>(q.Int(0)) : -1;
}

// A bulk load into an empty store builds the query indexes once, at its end;
// the answers are the same before and after, and the same as those of a
// store that kept its indexes up to date record by record.
int64_t IndexCacheSize(Store* store) {
  Statement q;
  EXPECT_TRUE(store->index()->db().Prepare("PRAGMA cache_size", &q).ok());
  return q.Step() ? q.Int(0) : 0;
}

TEST(StoreTest, BulkLoadBuildsTheQueryIndexesAtItsEnd) {
  const std::vector<Record> records = VariedRecords();
  auto bulk = OpenWriter(TempDir("bulk-indexes"));
  AppendAll(bulk.get(), {records[0]});
  ASSERT_TRUE(bulk->Commit().ok());
  // The second writer finds a record: it keeps its indexes up to date.
  const std::string incremental_dir = TempDir("row-by-row-indexes");
  auto incremental = OpenWriter(incremental_dir);
  AppendAll(incremental.get(), {records[0]});
  ASSERT_TRUE(incremental->Commit().ok());
  incremental.reset();
  incremental = OpenWriter(incremental_dir);
  EXPECT_EQ(SecondaryIndexCount(incremental.get()), 10);
  for (size_t i = 1; i < records.size(); ++i) {
    AppendAll(bulk.get(), {records[i]});
    AppendAll(incremental.get(), {records[i]});
  }
  ASSERT_TRUE(incremental->Commit().ok());
  ASSERT_TRUE(bulk->Commit().ok());
  EXPECT_EQ(SecondaryIndexCount(bulk.get()), 0);
  const std::string expected = IndexDump(incremental.get());
  EXPECT_EQ(IndexDump(bulk.get()), expected);
  const int64_t cache_before = IndexCacheSize(bulk.get());
  ASSERT_TRUE(bulk->CommitAndIndex().ok());
  EXPECT_EQ(SecondaryIndexCount(bulk.get()), 10);
  EXPECT_EQ(IndexDump(bulk.get()), expected);
  // The build sorts in a small cache, then gives the writer its own back.
  EXPECT_EQ(IndexCacheSize(bulk.get()), cache_before);
  EXPECT_LT(cache_before, -4096);
}

// A bulk load cut short (no CommitAndIndex) gets its indexes when the store
// is next opened, by a writer or by a reader that repairs it.
TEST(StoreTest, IndexesOfAnInterruptedBulkLoadAreBuiltAtTheNextOpen) {
  for (const Store::Mode mode : {Store::Mode::kWrite, Store::Mode::kRead}) {
    const std::string dir = TempDir(mode == Store::Mode::kWrite ? "cut-short-writer" : "cut-short-reader");
    {
      auto store = OpenWriter(dir);
      AppendAll(store.get(), VariedRecords());
      ASSERT_TRUE(store->Commit().ok());
      EXPECT_EQ(SecondaryIndexCount(store.get()), 0);
    }
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir, mode, &store).ok());
    EXPECT_EQ(SecondaryIndexCount(store.get()), 10);
  }
}

// A reader that repairs an idle store (here it builds the query indexes of
// a bulk load cut short) then queries as it would beside a writer: on a
// read-only connection through a memory map.
TEST(StoreTest, AReaderRepairsThenReadsReadOnly) {
  const std::string dir = TempDir("repair-then-read");
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), VariedRecords());
    ASSERT_TRUE(store->Commit().ok());
  }
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &store).ok());
  EXPECT_EQ(SecondaryIndexCount(store.get()), 10);
  Statement mmap;
  ASSERT_TRUE(store->index()->db().Prepare("PRAGMA mmap_size", &mmap).ok());
  ASSERT_TRUE(mmap.Step());
  EXPECT_GT(mmap.Int(0), 0);
  EXPECT_FALSE(store->index()->db().Exec("CREATE TABLE scratch(x)").ok());
}

// A reader that holds the lock repairs only what needs it: the index
// opened for reading says whether anything does. Each thing a writer's open
// would repair makes the reader repair too; key files, which only a writer
// uses, are left to the next writer.
TEST(StoreTest, AReaderRepairsOnlyWhatNeedsIt) {
  const std::string dir = TempDir("reader-repairs-what-needs-it");
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), VariedRecords());
    ASSERT_TRUE(store->CommitAndIndex().ok());
  }
  std::string expected;
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &store).ok());
    expected = IndexDump(store.get());
  }
  const auto read = [&dir] {
    std::unique_ptr<Store> store;
    EXPECT_TRUE(Store::Open(dir, Store::Mode::kRead, &store).ok());
    return store ? IndexDump(store.get()) : "";
  };
  // Complete, without its key files: read as it is.
  std::filesystem::remove(dir + "/" + kBandsFile);
  std::filesystem::remove(dir + "/" + kIdsFile);
  EXPECT_EQ(read(), expected);
  EXPECT_FALSE(std::filesystem::exists(dir + "/" + kBandsFile));
  EXPECT_FALSE(std::filesystem::exists(dir + "/" + kIdsFile));
  // Without its full-text index: made anew.
  std::filesystem::remove_all(dir + "/" + kFullTextDir);
  EXPECT_EQ(read(), expected);
  EXPECT_TRUE(std::filesystem::exists(FullTextStatePath(dir + "/" + kFullTextDir)));
  // A query index missing: built.
  {
    Database db;
    ASSERT_TRUE(db.Open(dir + "/" + kIndexFile, false).ok());
    ASSERT_TRUE(db.Exec("DROP INDEX states_code").ok());
  }
  EXPECT_EQ(read(), expected);
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &store).ok());
    EXPECT_EQ(SecondaryIndexCount(store.get()), 10);
  }
  // The index behind the segments (a crash between the manifest's commit
  // and the index's): caught up.
  {
    Database db;
    ASSERT_TRUE(db.Open(dir + "/" + kIndexFile, false).ok());
    ASSERT_TRUE(db.Exec("DELETE FROM actors WHERE rec = (SELECT max(rec) FROM records);"
                        "DELETE FROM states WHERE rec = (SELECT max(rec) FROM records);"
                        "DELETE FROM votes WHERE rec = (SELECT max(rec) FROM records);"
                        "UPDATE segments SET bytes = (SELECT offset FROM records ORDER BY rec DESC LIMIT 1);"
                        "DELETE FROM records WHERE rec = (SELECT max(rec) FROM records);")
                    .ok());
  }
  EXPECT_EQ(read(), expected);
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

// Opening a complete store that nobody writes, and querying it, changes
// none of its files: a query must not pay for syncs, nor fail on a store
// it may read but not write.
TEST(StoreTest, AReaderOfACompleteStoreWritesNothing) {
  const std::string dir = TempDir("reader-writes-nothing");
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), VariedRecords());
    ASSERT_TRUE(store->CommitAndIndex().ok());
  }
  const auto snapshot = [&dir] {
    std::map<std::string, std::pair<std::filesystem::file_time_type, uintmax_t>> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == kLockFile) continue;
      files[entry.path().string()] = {entry.last_write_time(), entry.file_size()};
    }
    return files;
  };
  const auto before = snapshot();
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(dir, Store::Mode::kRead, &store).ok());
    EXPECT_EQ(AllRecordLines(store.get()).size(), VariedRecords().size());
  }
  const auto after = snapshot();
  for (const auto& [path, stamp] : after) {
    // SQLite's shared-memory file is rewritten by any connection; a
    // read-only one that finds no WAL makes an empty one, which it cannot
    // remove when it closes.
    if (path.ends_with("-shm")) continue;
    if (path.ends_with("-wal") && before.count(path) == 0) {
      EXPECT_EQ(stamp.second, 0u) << path;
      continue;
    }
    const auto it = before.find(path);
    ASSERT_NE(it, before.end()) << path << " was made";
    EXPECT_EQ(it->second, stamp) << path << " was written";
  }
}

int IndexPageSize(Store* store) {
  Statement q;
  EXPECT_TRUE(store->index()->db().Prepare("PRAGMA page_size", &q).ok());
  return q.Step() ? static_cast<int>(q.Int(0)) : -1;
}

// A new index takes 16 KiB pages; one made with SQLite's default 4 KiB
// keeps them and goes on being written and verified like any other.
TEST(StoreTest, NewIndexesHaveLargePagesAndOldOnesKeepTheirs) {
  const std::string dir = TempDir("page-size");
  const std::vector<Record> records = VariedRecords();
  {
    auto store = OpenWriter(dir);
    EXPECT_EQ(IndexPageSize(store.get()), 16384);
    AppendAll(store.get(), {records[0]});
    ASSERT_TRUE(store->CommitAndIndex().ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/" + kIndexFile).c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA page_size=4096; VACUUM;", nullptr, nullptr,
                         nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  auto store = OpenWriter(dir);
  EXPECT_EQ(IndexPageSize(store.get()), 4096);
  for (size_t i = 1; i < records.size(); ++i) AppendAll(store.get(), {records[i]});
  ASSERT_TRUE(store->CommitAndIndex().ok());
  EXPECT_EQ(AllRecordLines(store.get()).size(), records.size());
  store.reset();
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(StoreTest, ReindexEqualsTheIncrementalIndex) {
  const std::string dir = TempDir("reindex");
  auto store = OpenWriter(dir);
  const std::vector<Record> records = VariedRecords();
  for (size_t i = 0; i < records.size(); ++i) {
    AppendAll(store.get(), {records[i]});
    if (i % 5 == 4) {
      ASSERT_TRUE(store->Commit().ok());  // several commits
    }
  }
  ASSERT_TRUE(store->Commit().ok());
  const std::string incremental = IndexDump(store.get());
  ASSERT_TRUE(store->Reindex().ok());
  EXPECT_EQ(IndexDump(store.get()), incremental);
  EXPECT_EQ(SecondaryIndexCount(store.get()), 10);
  EXPECT_THAT(incremental, HasSubstr("actor-"));
}

// Two stores of `records` for merging: `a` the first eight, `b` the fifth
// to the last, so that four are in both.
void WriteOverlappingStores(const std::string& a, const std::string& b, const std::vector<Record>& records) {
  {
    auto store = OpenWriter(a);
    AppendAll(store.get(), {records.begin(), records.begin() + 8});
    ASSERT_TRUE(store->Commit().ok());
  }
  {
    auto store = OpenWriter(b);
    AppendAll(store.get(), {records.begin() + 4, records.end()});
    ASSERT_TRUE(store->Commit().ok());
  }
}

TEST(StoreTest, MergeDeduplicatesById) {
  const std::string a = TempDir("merge-a"), b = TempDir("merge-b"), out = TempDir("merge-out");
  const std::vector<Record> records = VariedRecords();
  WriteOverlappingStores(a, b, records);
  std::string output;
  const std::string binary = ::newsmine::testing::Binary();
  ASSERT_EQ(::newsmine::testing::RunCommand(
                binary + " merge --store " + out + " " + a + " " + b + " 2>/dev/null", &output),
            0);
  auto merged = OpenWriter(out);
  EXPECT_EQ(merged->manifest().records, records.size());
  EXPECT_EQ(AllRecordLines(merged.get()).size(), records.size());
  merged.reset();
  ASSERT_EQ(::newsmine::testing::RunCommand(binary + " verify --store " + out, &output), 0) << output;
}

// Merging with one worker or several gives the same store, byte for byte.
TEST(StoreTest, MergeGivesTheSameStoreForAnyNumberOfJobs) {
  const std::string a = TempDir("merge-jobs-a"), b = TempDir("merge-jobs-b");
  const std::vector<Record> records = VariedRecords();
  WriteOverlappingStores(a, b, records);
  std::vector<std::string> dumps;
  for (const char* options : {"--jobs 1", "--jobs 3 --quiet"}) {
    const std::string out = TempDir("merge-jobs-out-" + std::to_string(dumps.size()));
    std::string output;
    ASSERT_EQ(::newsmine::testing::RunCommand(::newsmine::testing::Binary() + " merge " + options +
                                                  " --store " + out + " " + a + " " + b + " 2>/dev/null",
                                              &output),
              0);
    auto merged = OpenWriter(out);
    dumps.push_back(IndexDump(merged.get()));
    dumps.push_back(::newsmine::testing::ReadFile(SegmentPath(out, 1)));
  }
  EXPECT_EQ(dumps[0], dumps[2]);
  EXPECT_EQ(dumps[1], dumps[3]);
  EXPECT_THAT(dumps[0], HasSubstr("actor-"));
}

// A line that does not parse stops the merge there: the records before it
// are merged, and the message names the line.
TEST(StoreTest, MergeStopsAtALineThatDoesNotParse) {
  const std::string source = TempDir("merge-bad-source"), out = TempDir("merge-bad-out");
  const std::vector<Record> records = VariedRecords();
  {
    auto store = OpenWriter(source);
    AppendAll(store.get(), records);
    ASSERT_TRUE(store->Commit().ok());
  }
  std::string segment = ::newsmine::testing::ReadFile(SegmentPath(source, 1));
  // The fourth line starts after the third newline.
  size_t fourth = 0;
  for (int i = 0; i < 3; ++i) fourth = segment.find('\n', fourth) + 1;
  segment.replace(fourth, 5, "#####");
  ::newsmine::testing::WriteFile(SegmentPath(source, 1), segment);
  std::string output;
  EXPECT_EQ(
      ::newsmine::testing::RunCommand(
          ::newsmine::testing::Binary() + " merge --jobs 2 --store " + out + " " + source + " 2>&1", &output),
      1);
  EXPECT_THAT(output, HasSubstr(SegmentPath(source, 1) + " at byte " + std::to_string(fourth)));
  auto merged = OpenWriter(out);
  EXPECT_EQ(merged->manifest().records, 3u);
}

// A store of `count` records, committed in several commits.
std::unique_ptr<Store> StoreOfManyRecords(const std::string& dir, int count) {
  auto store = OpenWriter(dir);
  for (int i = 0; i < count; ++i) {
    AppendAll(store.get(), {MakeRecord("m" + std::to_string(i), StoryText("scan", i), "2024-02-01", "S")});
    if (i % 500 == 499) {
      EXPECT_TRUE(store->Commit().ok());
    }
  }
  EXPECT_TRUE(store->Commit().ok());
  return store;
}

// Each line's location and text, from the plain scan: what the parallel scan
// must hand over, in this order.
std::vector<std::pair<uint64_t, std::string>> LinesInOrder(Store* store) {
  std::vector<std::pair<uint64_t, std::string>> lines;
  EXPECT_TRUE(
      ScanSegments(store->dir(), store->manifest(), [&](const RecordLocation& at, std::string_view line) {
        lines.emplace_back(at.offset, std::string(line));
        return Status::Ok();
      }).ok());
  return lines;
}

TEST(ParallelScanTest, AppliesEveryLineInOrderForAnyNumberOfWorkers) {
  auto store = StoreOfManyRecords(TempDir("scan-order"), 1500);
  const auto expected = LinesInOrder(store.get());
  ASSERT_EQ(expected.size(), 1500u);
  for (int jobs : {1, 2, 5}) {
    std::vector<std::pair<uint64_t, std::string>> applied;
    const Status s = ScanSegmentsInParallel<std::string>(
        store->dir(), store->manifest(), jobs,
        [](const RecordLocation&, std::string_view line, std::string* out) {
          *out = std::string(line);
          return Status::Ok();
        },
        [&](const RecordLocation& at, std::string&& line) {
          applied.emplace_back(at.offset, std::move(line));
          return Status::Ok();
        });
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_TRUE(applied == expected) << jobs << " workers";
  }
}

// The first failure in line order is the one returned, whichever worker met
// it first, and exactly the lines before it are applied.
TEST(ParallelScanTest, StopsAtTheFirstFailureInLineOrder) {
  auto store = StoreOfManyRecords(TempDir("scan-failure"), 1200);
  const auto lines = LinesInOrder(store.get());
  const uint64_t bad_prepare = lines[700].first, later_bad_prepare = lines[900].first,
                 throws = lines[1100].first, bad_apply = lines[450].first;
  for (int jobs : {1, 4}) {
    for (const bool apply_fails : {false, true}) {
      size_t applied = 0;
      const Status s = ScanSegmentsInParallel<int>(
          store->dir(), store->manifest(), jobs,
          [&](const RecordLocation& at, std::string_view, int*) {
            if (at.offset == bad_prepare || at.offset == later_bad_prepare)
              return Status::Corrupt("bad line at " + std::to_string(at.offset));
            if (at.offset == throws) throw std::runtime_error("a library gave up");
            return Status::Ok();
          },
          [&](const RecordLocation& at, int&&) {
            if (apply_fails && at.offset == bad_apply) return Status::IoError("disk full");
            ++applied;
            return Status::Ok();
          });
      if (apply_fails) {
        EXPECT_EQ(s.ToString(), Status::IoError("disk full").ToString());
        EXPECT_EQ(applied, 450u);
      } else {
        EXPECT_EQ(s.ToString(), Status::Corrupt("bad line at " + std::to_string(bad_prepare)).ToString());
        EXPECT_EQ(applied, 700u);
      }
    }
  }
  // An exception from `prepare` is a failure of that line.
  size_t applied = 0;
  const Status s = ScanSegmentsInParallel<int>(
      store->dir(), store->manifest(), 2,
      [&](const RecordLocation& at, std::string_view, int*) {
        if (at.offset == throws) throw std::runtime_error("a library gave up");
        return Status::Ok();
      },
      [&](const RecordLocation&, int&&) {
        ++applied;
        return Status::Ok();
      });
  EXPECT_EQ(s.code(), Status::Code::kLimitExceeded);
  EXPECT_THAT(s.message(), HasSubstr("a library gave up"));
  EXPECT_EQ(applied, 1100u);
}

// Reindex tells how far it is after each record: records and bytes filed,
// up to the store's committed bytes.
TEST(StoreTest, ReindexReportsItsProgressRecordByRecord) {
  auto store = StoreOfManyRecords(TempDir("reindex-progress"), 300);
  uint64_t calls = 0, last_records = 0, last_bytes = 0;
  bool rising = true;
  ASSERT_TRUE(store
                  ->Reindex([&](uint64_t records, uint64_t bytes) {
                    ++calls;
                    rising = rising && records == last_records + 1 && bytes > last_bytes;
                    last_records = records;
                    last_bytes = bytes;
                  })
                  .ok());
  EXPECT_EQ(calls, 300u);
  EXPECT_TRUE(rising);
  uint64_t committed = 0;
  for (const SegmentInfo& segment : store->manifest().segments) committed += segment.bytes;
  EXPECT_EQ(last_bytes, committed);
}

TEST(StoreTest, VerifyReportsAnIndexThatDisagrees) {
  const std::string dir = TempDir("verify");
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), VariedRecords());
    ASSERT_TRUE(store->Commit().ok());
  }
  {
    Database db;
    ASSERT_TRUE(db.Open(dir + "/" + kIndexFile, false).ok());
    ASSERT_TRUE(db.Exec("DELETE FROM records WHERE rec = 3").ok());
  }
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("the index has 11 records; the segments hold 12")));
}

// An actor row that names another actor's form, with the counts all right.
TEST(StoreTest, VerifyReportsActorRowsThatNameOtherActors) {
  const std::string dir = TempDir("verify-actors");
  {
    auto store = OpenWriter(dir);
    AppendAll(store.get(), VariedRecords());
    ASSERT_TRUE(store->Commit().ok());
  }
  std::vector<std::string> problems;
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_TRUE(problems.empty()) << problems.front();
  {
    Database db;
    ASSERT_TRUE(db.Open(dir + "/" + kIndexFile, false).ok());
    ASSERT_TRUE(db.Exec("UPDATE actors SET form = (SELECT max(form) FROM actor_forms) WHERE rowid = 1").ok());
  }
  ASSERT_TRUE(VerifyStore(dir, &problems).ok());
  EXPECT_THAT(problems, ::testing::ElementsAre("the index's actor rows are not the actors the records name"));
}

TEST(StoreTest, ErrorsAreLoggedAsJsonLines) {
  const std::string dir = TempDir("errors");
  {
    auto store = OpenWriter(dir);
    ASSERT_TRUE(store->AddError("/in/broken.html.gz", Status::Corrupt("truncated gzip stream")).ok());
    ASSERT_TRUE(store->Commit().ok());
    EXPECT_EQ(store->manifest().errors, 1u);
  }
  const std::string log = ::newsmine::testing::ReadFile(dir + "/" + kErrorsFile);
  EXPECT_THAT(log, HasSubstr("\"uri\":\"/in/broken.html.gz\",\"reason\":\"corrupt\","
                             "\"message\":\"truncated gzip stream\",\"time\":\""));
}

// The actor-form cache: every key finds its own number, whatever the keys
// share (a prefix, NULs, the length), across the table's growth; Clear
// forgets them all.
TEST(KeyNumbersTest, EachKeyFindsItsOwnNumber) {
  KeyNumbers numbers;
  EXPECT_EQ(numbers.Find("absent"), nullptr);
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) {
    keys.push_back("actor-" + std::to_string(i) + std::string(1, '\0') + "Name " + std::to_string(i % 7) +
                   std::string(1, '\0') + (i % 2 ? "USA" : ""));
  }
  keys.push_back(std::string(2, '\0'));
  for (size_t i = 0; i < keys.size(); ++i) numbers.Insert(keys[i], static_cast<int64_t>(i) * 3);
  EXPECT_EQ(numbers.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const int64_t* number = numbers.Find(keys[i]);
    ASSERT_NE(number, nullptr) << i;
    EXPECT_EQ(*number, static_cast<int64_t>(i) * 3);
  }
  EXPECT_EQ(numbers.Find(keys[0] + "x"), nullptr);
  EXPECT_EQ(numbers.Find(keys[0].substr(0, keys[0].size() - 1)), nullptr);
  numbers.Clear();
  EXPECT_EQ(numbers.size(), 0u);
  EXPECT_EQ(numbers.Find(keys[1]), nullptr);
  numbers.Insert(keys[1], 42);
  EXPECT_EQ(*numbers.Find(keys[1]), 42);
}

}  // namespace
}  // namespace newsmine
