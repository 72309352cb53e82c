#include <gtest/gtest.h>
#include <sched.h>

#include <random>
#include <string>
#include <thread>

#include "core/cores.h"
#include "core/hash.h"
#include "core/status.h"
#include "core/thread_name.h"
#include "core/tsv.h"
#include "core/utf8.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

using testing::CurrentThreadName;

TEST(Utf8, RepairCountsAndReplacesInvalidBytes) {
  size_t repaired = 0;
  EXPECT_EQ(RepairUtf8("a\xFF"
                       "b\xC3",
                       &repaired),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(repaired, 2u);
  EXPECT_TRUE(IsValidUtf8("Erdoğan"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // an overlong '/'
}

TEST(Utf8, FoldForMatchLowersAndStripsAccents) {
  EXPECT_EQ(FoldForMatch("Erdoğan"), "erdogan");
  EXPECT_EQ(FoldForMatch("ÉLYSÉE"), "elysee");
  EXPECT_EQ(FoldForMatch("Лукашенко"), "лукашенко");
  EXPECT_EQ(FoldForMatch("OSCE"), "osce");
}

TEST(Utf8, CollapseWhitespace) {
  EXPECT_EQ(CollapseWhitespace("  a \t\n b\xC2\xA0"
                               "c  "),
            "a b c");
  EXPECT_EQ(CollapseWhitespace("price \xC2\xA2"
                               "5"),
            "price \xC2\xA2"
            "5");  // U+00A2 is not a space
  EXPECT_EQ(CollapseWhitespace(""), "");
  EXPECT_EQ(CollapseWhitespace(" \n "), "");
}

// CollapseWhitespace as its contract states it, one byte at a time.
std::string CollapseOneByteAtATime(std::string_view text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool nbsp = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (c == ' ' || (c >= '\t' && c <= '\r') || nbsp) {
      space = true;
      i += nbsp ? 1 : 0;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// A text of fewer than `max_size` bytes drawn from `alphabet`.
std::string RandomText(std::string_view alphabet, size_t max_size, std::mt19937* random) {
  std::string text((*random)() % max_size, ' ');
  for (char& c : text) c = alphabet[(*random)() % alphabet.size()];
  return text;
}

TEST(Utf8, CollapseWhitespaceMatchesTheByteByByteRule) {
  // Long mixes of the bytes the sixteen-byte scans treat specially, at every
  // length up to three blocks (the last block of a text is read apart).
  using std::string_view_literals::operator""sv;
  constexpr std::string_view alphabet = "ab !\t\n\v\0\x1F\xC2\xA0\xA2\x7F\xFF"sv;
  std::mt19937 random(7);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = RandomText(alphabet, 49, &random);
    ASSERT_EQ(CollapseWhitespace(text), CollapseOneByteAtATime(text)) << ::testing::PrintToString(text);
    ASSERT_EQ(HexDigest128OfCollapsed(text), HexDigest128(CollapseOneByteAtATime(text)));
    ASSERT_EQ(IsCollapsedWhitespace(text), CollapseOneByteAtATime(text) == text)
        << ::testing::PrintToString(text);
  }
}

// VisitCollapsedLines as its contract states it: each line (split at '\n')
// collapsed on its own, and the index of its end.
TEST(Utf8, VisitCollapsedLinesMatchesLineByLineCollapsing) {
  using std::string_view_literals::operator""sv;
  // White space runs longer than sixteen bytes, with line ends inside, and
  // the bytes the scans treat specially.
  constexpr std::string_view alphabet = "ab   \t\n\n\r\0\x1F\xC2\xA0\xA2\xFF"sv;
  std::mt19937 random(11);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = RandomText(alphabet, 70, &random);
    std::string expected, got;
    size_t line_begin = 0;
    for (size_t end = text.find('\n');; end = text.find('\n', line_begin)) {
      if (end == std::string::npos) end = text.size();
      expected += CollapseOneByteAtATime(std::string_view(text).substr(line_begin, end - line_begin));
      expected += "|" + std::to_string(end) + "|";
      if (end == text.size()) break;
      line_begin = end + 1;
    }
    VisitCollapsedLines(
        text, [&](std::string_view piece) { got += piece; },
        [&](size_t end) { got += "|" + std::to_string(end) + "|"; });
    ASSERT_EQ(got, expected) << ::testing::PrintToString(text);
  }
}

// IsCollapsedWhitespace looks at sixteen bytes at a time: a flaw must be
// found at every offset, including across two chunks.
TEST(Utf8, IsCollapsedWhitespaceFindsAFlawAtEveryOffset) {
  const std::string collapsed = "ab cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh";
  ASSERT_TRUE(IsCollapsedWhitespace(collapsed));
  for (size_t at = 1; at + 1 < collapsed.size(); ++at) {
    for (const char* flaw : {"  ", "\t", "\n", "\r", "\xC2\xA0"}) {
      std::string text = collapsed;
      text.insert(at, flaw);
      EXPECT_FALSE(IsCollapsedWhitespace(text)) << at << ::testing::PrintToString(text);
    }
    std::string text = collapsed;
    text.insert(at, "\xC2\xA2");  // U+00A2 is no space
    EXPECT_TRUE(IsCollapsedWhitespace(text)) << at;
  }
}

TEST(Hash, DigestOfCollapsedEqualsDigestOfTheCollapsedCopy) {
  for (const char* text : {"", "one", "  two  words ",
                           "a\n\nb\tc\xC2\xA0"
                           "d",
                           "x \xC2\xA2 y\xC2", "\xC2\xA0lead"}) {
    EXPECT_EQ(HexDigest128OfCollapsed(text), HexDigest128(CollapseWhitespace(text))) << text;
  }
}

// HexDigest128OfCollapsed hashes the runs that collapsing leaves alone,
// found sixteen bytes at a time: white space must be seen at every offset of
// a block.
TEST(Hash, DigestOfCollapsedSeesWhiteSpaceAtEveryOffset) {
  const std::string collapsed = "ab cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh";
  for (size_t at = 0; at <= collapsed.size(); ++at) {
    for (const char* space : {" ", "  ", "\t", "\n\n", "\r", "\xC2\xA0", "\xC2\xA2", "\xC2"}) {
      std::string text = collapsed;
      text.insert(at, space);
      EXPECT_EQ(HexDigest128OfCollapsed(text), HexDigest128(CollapseWhitespace(text))) << at << " " << space;
    }
  }
}

TEST(Hash, ValuesAreStableAcrossVersions) {
  // Stores written by earlier versions key records by these values.
  EXPECT_EQ(Hex64(Fnv1a64("newsmine")), Hex64(Fnv1a64("newsmine", 0)));
  EXPECT_EQ(HexDigest128("Tokayev won."), HexDigest128OfCollapsed("Tokayev   won."));
  EXPECT_EQ(HexDigest128("a").size(), 32u);
  EXPECT_NE(HexDigest128("a"), HexDigest128("b"));
}

TEST(Status, CarriesCodeAndMessage) {
  EXPECT_TRUE(Status::Ok().ok());
  const Status s = Status::Corrupt("truncated gzip");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "corrupt: truncated gzip");
  EXPECT_STREQ(Status::LimitExceeded("x").CodeName(), "limit-exceeded");
}

TEST(Tsv, ForEachTsvRowSplitsRecordLines) {
  const std::string path = testing::TempDir("tsv") + "/rows.tsv";
  // Comments and blank lines are skipped but counted; one '\r' before a
  // line's end goes; empty fields stay; the last line needs no '\n'.
  testing::WriteFile(
      path, "# comment\na\tb\r\n\n\r\n\t\tc\nlong field " + std::string(40, 'x') + "\t\rmid\r\nlast");
  std::vector<std::string> rows;
  const Status s =
      ForEachTsvRow(path, "test file", [&](const std::vector<std::string_view>& fields, int line) {
        std::string row = std::to_string(line) + ":";
        for (const std::string_view f : fields) row += "[" + std::string(f) + "]";
        rows.push_back(row);
        return Status::Ok();
      });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(rows,
            (std::vector<std::string>{"2:[a][b]", "5:[][][c]",
                                      "6:[long field " + std::string(40, 'x') + "][\rmid]", "7:[last]"}));
}

TEST(Tsv, ForEachTsvRowStopsAtTheFirstError) {
  const std::string path = testing::TempDir("tsv") + "/bad.tsv";
  testing::WriteFile(path, "ok\nbad\nlater\n");
  int calls = 0;
  const Status s =
      ForEachTsvRow(path, "test file", [&](const std::vector<std::string_view>& fields, int line) {
        ++calls;
        return fields[0] == "bad" ? TsvLineError(path, line, "want ok") : Status::Ok();
      });
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_EQ(s.message(), path + ":2: want ok");
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(ForEachTsvRow(path + ".missing", "test file",
                          [](const std::vector<std::string_view>&, int) { return Status::Ok(); })
                .code(),
            Status::Code::kIoError);
}

// Under taskset, a cgroup cpuset or Slurm's binding, the default number of
// workers is the cores allowed, not the machine's.
TEST(CoresAvailable, FollowsTheAffinityMask) {
  cpu_set_t allowed;
  ASSERT_EQ(sched_getaffinity(0, sizeof allowed, &allowed), 0);
  EXPECT_EQ(CoresAvailable(), CPU_COUNT(&allowed));
  int first = 0;
  while (!CPU_ISSET(first, &allowed)) ++first;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(first, &one);
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  EXPECT_EQ(CoresAvailable(), 1);
  ASSERT_EQ(sched_setaffinity(0, sizeof allowed, &allowed), 0);
}

// Linux keeps 15 bytes of a name; a longer one is cut, not refused.
TEST(ThreadName, NamesTheCallingThreadOnly) {
  const std::string before = CurrentThreadName();
  std::string named;
  std::thread thread([&] {
    NameThisThread("nm-a-name-longer-than-fifteen-bytes");
    named = CurrentThreadName();
  });
  thread.join();
  EXPECT_EQ(named, "nm-a-name-longe");
  EXPECT_EQ(CurrentThreadName(), before);
}

}  // namespace
}  // namespace newsmine
