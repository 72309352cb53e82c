// The word table under the extractors' word lists and the state gazetteer's
// matching, alone.
#include "extract/gazetteer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/hash.h"
#include "extract/hash_bit_filter.h"
#include "extract/text.h"
#include "extract/word_table.h"

namespace newsmine {
namespace {

TEST(WordTable, FindsWhatWasSetAndNothingElse) {
  WordTable<int> table = {{"praise", 1}, {"condemn", -1}};
  EXPECT_EQ(table.size(), 2u);
  ASSERT_NE(table.Find("praise"), nullptr);
  EXPECT_EQ(*table.Find("praise"), 1);
  EXPECT_EQ(*table.Find("condemn"), -1);
  EXPECT_EQ(table.Find("Praise"), nullptr);  // bytes, not case-folded
  EXPECT_EQ(table.Find("prais"), nullptr);
  EXPECT_EQ(table.Find(""), nullptr);
  table.Set("praise", 2);  // replaces
  EXPECT_EQ(*table.Find("praise"), 2);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(WordTable<int>().Find("x"), nullptr);  // empty table
}

TEST(WordTable, EveryLengthAndSharedPrefixes) {
  // Words of 1 to 40 bytes that differ only in their last, middle or first
  // byte: every branch of the hash (short, 4-7, 8 and more bytes).
  WordTable<size_t> table;
  std::vector<std::string> words;
  for (size_t n = 1; n <= 40; ++n) {
    std::string word(n, 'a');
    for (const size_t at : {n - 1, n / 2, size_t{0}}) {
      std::string variant = word;
      variant[at] = 'b';
      words.push_back(variant);
    }
    words.push_back(word);
  }
  for (size_t i = 0; i < words.size(); ++i) table.Set(words[i], i);
  size_t distinct = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const size_t* value = table.Find(words[i]);
    ASSERT_NE(value, nullptr) << words[i];
    EXPECT_EQ(words[*value], words[i]);
    distinct += *value == i;
  }
  EXPECT_EQ(distinct, table.size());  // duplicates (n = 1, 2) kept their last index
  EXPECT_EQ(table.Find(std::string(41, 'a')), nullptr);
  EXPECT_EQ(table.Find(std::string(9, 'c')), nullptr);
}

TEST(WordTable, ShapeTestTurnsAwayOnlyAbsentWords) {
  WordTable<int> table = {{"vote", 1}, {"won", 2}, {std::string(70, 'a'), 3}};
  // No entry has this first byte, or this length for this first byte.
  EXPECT_EQ(table.Find("ballot"), nullptr);
  EXPECT_EQ(table.Find("votes"), nullptr);
  EXPECT_EQ(table.Find("wonder"), nullptr);
  // First byte and length of an entry, another word: the full lookup says no.
  EXPECT_EQ(table.Find("veto"), nullptr);
  EXPECT_EQ(table.Find("who"), nullptr);
  EXPECT_EQ(table.Find(std::string(64, 'a')), nullptr);  // 63 bytes and more share a length bit
  EXPECT_EQ(table.Find(std::string(70, 'b')), nullptr);
  ASSERT_NE(table.Find(std::string(70, 'a')), nullptr);
  EXPECT_EQ(*table.Find(std::string(70, 'a')), 3);
  // The empty word is a word like any other.
  EXPECT_EQ(table.Find(""), nullptr);
  table.Set("", 4);
  ASSERT_NE(table.Find(""), nullptr);
  EXPECT_EQ(*table.Find(""), 4);
  EXPECT_EQ(table.Find(std::string_view("\0", 1)), nullptr);  // shares the empty word's first-byte entry
  EXPECT_EQ(*table.Find("vote"), 1);
}

TEST(HashBitFilter, PassesEveryAddedHashAndTurnsAwayMostOthers) {
  HashBitFilter filter;
  EXPECT_FALSE(filter.MayHave(Mix64(1)));  // nothing passes before Reset
  filter.Reset(8 * 1024);
  for (uint64_t i = 0; i < 512; ++i) filter.Add(Mix64(i));
  size_t passed = 0;
  for (uint64_t i = 0; i < 512; ++i) EXPECT_TRUE(filter.MayHave(Mix64(i)));
  for (uint64_t i = 512; i < 512 + 10000; ++i) passed += filter.MayHave(Mix64(i));
  // 512 bits set of 8,192: about one absent hash in sixteen passes.
  EXPECT_LT(passed, 1000u);
  filter.Reset(8 * 1024);  // empties it
  EXPECT_FALSE(filter.MayHave(Mix64(0)));
}

TEST(FixedWordSet, Contains) {
  const FixedWordSet words = {"the", "of", "and"};
  EXPECT_TRUE(words.contains("of"));
  EXPECT_FALSE(words.contains("on"));
  EXPECT_FALSE(words.contains(""));
}

class StateGazetteerTest : public ::testing::Test {
 protected:
  StateGazetteerTest() {
    states_.Add("USA", StateCue::kName, "United States");
    states_.Add("USA", StateCue::kAlias, "US");
    states_.Add("USA", StateCue::kAlias, "U.S.");
    states_.Add("RUS", StateCue::kDemonym, "Russian");
    states_.Add("KOR", StateCue::kDemonym, "Korean");
    states_.Add("PRK", StateCue::kDemonym, "Korean");
    states_.Add("CIV", StateCue::kName, "Côte d'Ivoire");
  }

  // Codes of the phrase at token `first` of `text`, and its length.
  std::string MatchCodes(const std::string& text, size_t first, size_t* length) const {
    const AnalyzedText analyzed(text);
    const StateMatch match = states_.Match(analyzed, first);
    *length = match.length;
    return Codes(match);
  }
  static std::string Codes(const StateMatch& match) {
    std::string codes;
    if (match.entries == nullptr) return codes;
    for (const StateEntry& e : *match.entries) codes += (codes.empty() ? "" : " ") + e.code;
    return codes;
  }

  StateGazetteer states_;
};

TEST_F(StateGazetteerTest, MatchKeepsTheCapitalsGuardAndTheLongestPhrase) {
  size_t length = 0;
  EXPECT_EQ(MatchCodes("the United States said", 1, &length), "USA");
  EXPECT_EQ(length, 2u);
  EXPECT_EQ(MatchCodes("US officials", 0, &length), "USA");
  EXPECT_EQ(MatchCodes("let us go", 1, &length), "");  // "US" needs capitals
  EXPECT_EQ(length, 0u);
  EXPECT_EQ(MatchCodes("Us and them", 0, &length), "");  // ... all of them
  EXPECT_EQ(MatchCodes("united states", 0, &length), "");
  EXPECT_EQ(MatchCodes("Korean talks", 0, &length), "KOR PRK");     // ambiguous
  EXPECT_EQ(MatchCodes("Russians left", 0, &length), "RUS");        // demonym plural
  EXPECT_EQ(MatchCodes("Côte d'Ivoire voted", 0, &length), "CIV");  // folded, several tokens
  EXPECT_EQ(MatchCodes("COTE D'IVOIRE", 0, &length), "CIV");        // capitals fold too
  EXPECT_EQ(MatchCodes("United Nations", 0, &length), "");
  EXPECT_EQ(MatchCodes(", US", 0, &length), "");  // punctuation starts nothing

  // MatchAt is Match with a copy.
  const AnalyzedText text("Korean talks");
  std::vector<StateEntry> entries = {{"XXX", StateCue::kSeat}};
  EXPECT_EQ(states_.MatchAt(text, 1, &entries), 0u);
  EXPECT_TRUE(entries.empty());
  EXPECT_EQ(states_.MatchAt(text, 0, &entries), 1u);
  EXPECT_EQ(entries.size(), 2u);
}

TEST_F(StateGazetteerTest, MatchWholeIsMatchOverTheWholeWord) {
  for (const std::string word : {"US", "U.S.", "Russian", "Russians", "Korean", "Côte d'Ivoire", "us", "led",
                                 "USA", "Russia's", "United", "United States", " US", "", "-US", "Côte"}) {
    SCOPED_TRACE(word);
    const AnalyzedText analyzed(word);
    const StateMatch expected = states_.Match(analyzed, 0);
    const bool whole = expected.length > 0 && expected.length == analyzed.tokens().size();
    const StateMatch got = states_.MatchWhole(word);
    EXPECT_EQ(got.length, whole ? expected.length : 0);
    EXPECT_EQ(Codes(got), whole ? Codes(expected) : "");
  }
  EXPECT_EQ(Codes(states_.MatchWhole("US")), "USA");
  EXPECT_EQ(Codes(states_.MatchWhole("Russians")), "RUS");
  EXPECT_EQ(states_.MatchWhole("Russian's").length, 0u);  // "Russian" + "'s"
}

TEST(StateGazetteer, PrefiltersTurnAwayOnlyTokensThatStartNoPhrase) {
  // Many phrases whose first tokens share first bytes, lengths and last
  // bytes: the first-word table grows several times, and only its exact
  // comparison tells them apart.
  StateGazetteer states;
  std::vector<std::string> names;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'a'; b <= 'z'; b += 5) names.push_back(std::string{a, b} + "ndoria");
  }
  for (const std::string& name : names) states.Add("XXX", StateCue::kName, name);
  for (const std::string& name : names) {
    const AnalyzedText text(name + " said");
    EXPECT_EQ(states.Match(text, 0).length, 1u) << name;
    std::string other = name;
    other[2] = 'x';  // same first byte, length and last byte
    EXPECT_EQ(states.Match(AnalyzedText(other), 0).length, 0u) << other;
  }
  // Every phrase starts with a capital: a word without one cannot start a
  // phrase, nor can punctuation.
  const AnalyzedText lower("andoria , Andoria");
  EXPECT_FALSE(states.MayStartAt(lower.tokens()[0]));
  EXPECT_FALSE(states.MayStartAt(lower.tokens()[1]));
  EXPECT_TRUE(states.MayStartAt(lower.tokens()[2]));
  // A phrase that starts without a capital lets such words through.
  states.Add("RUS", StateCue::kSeat, "the Kremlin");
  EXPECT_TRUE(states.MayStartAt(lower.tokens()[0]));
  EXPECT_EQ(states.Match(AnalyzedText("the Kremlin said"), 0).length, 2u);
}

TEST(StateGazetteer, FirstWordsOfEveryLengthAreToldApart) {
  // First words of 1 to 12 bytes, each a prefix of the next: the table
  // compares those of up to 8 bytes in its slots, longer ones by their text.
  StateGazetteer states;
  const std::string letters = "Abcdefghijkl";
  const auto code = [](size_t n) { return std::string(3, static_cast<char>('A' + n)); };
  for (size_t n = 1; n <= letters.size(); ++n) states.Add(code(n), StateCue::kName, letters.substr(0, n));
  for (size_t n = 1; n <= letters.size(); ++n) {
    const std::string word = letters.substr(0, n);
    const StateMatch match = states.Match(AnalyzedText(word + " said"), 0);
    ASSERT_EQ(match.length, 1u) << word;
    EXPECT_EQ(match.entries->front().code, code(n)) << word;
    for (size_t at = 1; at < n; ++at) {  // the same length, one byte changed
      std::string other = word;
      other[at] = 'x';
      EXPECT_EQ(states.Match(AnalyzedText(other), 0).length, 0u) << other;
    }
  }
}

TEST(StateGazetteer, LongestPhraseWinsWhateverTheOrderOfAddition) {
  StateGazetteer states;
  states.Add("USA", StateCue::kName, "United States");
  states.Add("USA", StateCue::kAlias, "United States of America");
  states.Add("GBR", StateCue::kName, "United Kingdom");
  EXPECT_EQ(states.Match(AnalyzedText("United States of America"), 0).length, 4u);
  EXPECT_EQ(states.Match(AnalyzedText("United States officials"), 0).length, 2u);
  EXPECT_EQ(states.Match(AnalyzedText("United Kingdom"), 0).length, 2u);
  EXPECT_EQ(states.Match(AnalyzedText("United Nations"), 0).length, 0u);
}

TEST(StateGazetteer, PhrasesSharingAFirstWordAreTriedLongestFirst) {
  // A chain of phrases behind one first word, told apart by their later
  // words, with a phrase added twice (for a second state, and again for
  // the first) and a longer phrase added last.
  StateGazetteer states;
  states.Add("GMB", StateCue::kAlias, "The Gambia");
  states.Add("BHS", StateCue::kAlias, "The Bahamas");
  states.Add("NLD", StateCue::kCapital, "The Hague");
  states.Add("XXX", StateCue::kAlias, "The Hague");
  states.Add("NLD", StateCue::kCapital, "The Hague");
  states.Add("VAT", StateCue::kAlias, "The Holy See");
  states.Add("GMB", StateCue::kName, "Gambia");
  EXPECT_EQ(states.size(), 5u);  // "The Hague" once
  const auto codes = [&](const std::string& text, size_t* length) {
    const StateMatch match = states.Match(AnalyzedText(text), 0);
    *length = match.length;
    std::string out;
    if (match.entries == nullptr) return out;
    for (const StateEntry& e : *match.entries) out += (out.empty() ? "" : " ") + e.code;
    return out;
  };
  size_t length = 0;
  EXPECT_EQ(codes("The Hague said", &length), "NLD XXX");
  EXPECT_EQ(length, 2u);
  EXPECT_EQ(codes("The Holy See", &length), "VAT");
  EXPECT_EQ(length, 3u);
  EXPECT_EQ(codes("The Holy Father", &length), "");
  EXPECT_EQ(codes("The Gambia", &length), "GMB");
  EXPECT_EQ(codes("The", &length), "");  // no second word to compare
  EXPECT_EQ(codes("The Gambians", &length), "");
  EXPECT_EQ(codes("the Gambia", &length), "");  // "The" needs its capital
  EXPECT_EQ(codes("Gambia", &length), "GMB");
  EXPECT_EQ(length, 1u);
  // Words hashed alike (the hash leaves out the middle of a long word) are
  // still told apart.
  states.Add("XXX", StateCue::kName, "Longfordshire");
  EXPECT_EQ(codes("Longfordshire", &length), "XXX");
  EXPECT_EQ(codes("Longbardshire", &length), "");
  // MatchStart is Match for a token that passes MayStartAt.
  const AnalyzedText text("In The Bahamas");
  EXPECT_EQ(states.MatchStart(text, 1).length, 2u);
  EXPECT_EQ(states.MatchStart(text, 0).length, 0u);
}

TEST(StateGazetteer, DisplayNameAndDemonymAreTheFirstListed) {
  StateGazetteer states;
  states.Add("USA", StateCue::kName, "United States");
  states.Add("USA", StateCue::kName, "America");
  states.Add("USA", StateCue::kDemonym, "American");
  states.Add("USA", StateCue::kDemonym, "Yankee");
  EXPECT_EQ(states.DisplayName("USA"), "United States");
  EXPECT_EQ(states.Demonym("USA"), "American");
  EXPECT_EQ(states.DisplayName("KAZ"), "KAZ");
  EXPECT_EQ(states.Demonym("KAZ"), "");
}

}  // namespace
}  // namespace newsmine
