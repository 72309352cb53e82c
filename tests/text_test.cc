#include "extract/text.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

namespace newsmine {
namespace {

std::vector<std::string> Tokens(const AnalyzedText& t) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.tokens().size(); ++i) out.emplace_back(t.TokenText(i));
  return out;
}

TEST(AnalyzedText, SplitsPossessivesAndKeepsHyphenatedNames) {
  const AnalyzedText t("Kassym-Jomart Tokayev's win, 81.3% of 7,000 votes.");
  EXPECT_EQ(Tokens(t), (std::vector<std::string>{"Kassym-Jomart", "Tokayev", "'s", "win", ",", "81.3", "%",
                                                 "of", "7,000", "votes", "."}));
  EXPECT_TRUE(t.tokens()[0].upper_initial);
  EXPECT_EQ(t.tokens()[5].kind, Token::Kind::kNumber);
}

TEST(AnalyzedText, ReusedBuffersGiveTheSameAnalysis) {
  // Texts analyzed one after another, and one inside another's lifetime,
  // reuse the buffers of those destroyed before: no trace of an earlier
  // text may remain, whether it was longer or shorter.
  const std::string long_text =
      "Kassym-Jomart Tok\xC3\xA1yev won. He said so.\n\nThe Central Election Commission agreed.";
  const std::string short_text =
      "\xC3\x89lys\xC3\xA9"
      "e, Paris.";
  const AnalyzedText fresh_long(long_text);
  const AnalyzedText fresh_short(short_text);
  const std::vector<std::string> long_tokens = Tokens(fresh_long);
  const std::vector<std::string> short_tokens = Tokens(fresh_short);
  for (int round = 0; round < 3; ++round) {
    const AnalyzedText outer(round % 2 == 0 ? long_text : short_text);
    {
      const AnalyzedText inner(round % 2 == 0 ? short_text : long_text);
      EXPECT_EQ(Tokens(inner), round % 2 == 0 ? short_tokens : long_tokens);
      EXPECT_EQ(inner.sentences().size(), (round % 2 == 0 ? fresh_short : fresh_long).sentences().size());
    }
    const AnalyzedText& fresh = round % 2 == 0 ? fresh_long : fresh_short;
    EXPECT_EQ(Tokens(outer), Tokens(fresh));
    ASSERT_EQ(outer.sentences().size(), fresh.sentences().size());
    for (size_t i = 0; i < outer.tokens().size(); ++i) EXPECT_EQ(outer.Folded(i), fresh.Folded(i));
  }
  AnalyzedText moved_from(long_text);
  const AnalyzedText moved(std::move(moved_from));
  EXPECT_EQ(Tokens(moved), long_tokens);
}

TEST(AnalyzedText, NumbersWithDigitGroupsAndDecimals) {
  // Digit groups and decimals are told in one look at sixteen bytes; what
  // follows a number (a letter, an apostrophe, a non-ASCII digit, the end of
  // the sixteen bytes) may send it to the byte-by-byte scan: same tokens.
  const AnalyzedText t("155,221 and 1990-91, 0.5. 3,5m 1980's 0.\xEF\xBC\x91 12,345,678,901,234 7,\n1,2");
  EXPECT_EQ(Tokens(t),
            (std::vector<std::string>{"155,221", "and", "1990", "-", "91", ",", "0.5", ".", "3,5m", "1980",
                                      "'s", "0.\xEF\xBC\x91", "12,345,678,901,234", "7", ",", "1,2"}));
  EXPECT_EQ(t.tokens()[0].kind, Token::Kind::kNumber);
  EXPECT_EQ(t.tokens()[6].kind, Token::Kind::kNumber);
  EXPECT_EQ(t.tokens()[8].kind, Token::Kind::kWord);
  EXPECT_EQ(t.tokens()[12].kind, Token::Kind::kNumber);
}

TEST(AnalyzedText, JoinerFlagSaysWhatTheTokenHolds) {
  // Plain words (the sixteen-byte path), joined words, numbers told in one
  // look or byte by byte, "U.S." shapes and punctuation.
  for (const char* text :
       {"Kassym-Jomart Tokayev's win, 81.3% of 7,000 votes - a U.S. record.",
        "155,221 and 1990-91, 0.5. 3,5m 1980's 0.\xEF\xBC\x91 12,345,678,901,234 7,\n1,2",
        "al-Assad met Jean\xE2\x80\x90Marc in Ba\xC4\x9F-dat and the U.N.-backed troops left... U.K"}) {
    const AnalyzedText t(text);
    for (size_t i = 0; i < t.tokens().size(); ++i) {
      const std::string_view token = t.TokenText(i);
      EXPECT_EQ(t.tokens()[i].has_joiner, token.find_first_of("-'.,") != std::string_view::npos) << token;
    }
  }
}

TEST(AnalyzedText, CurlyApostropheAndAbbreviations) {
  const AnalyzedText t("The U.S. and Tokayev\xE2\x80\x99s aides met Mr. Xi. Then they left.");
  const auto tokens = Tokens(t);
  EXPECT_EQ(tokens[1], "U.S.");
  EXPECT_TRUE(t.tokens()[1].all_upper);
  EXPECT_EQ(tokens[4], "\xE2\x80\x99s");
  ASSERT_EQ(t.sentences().size(), 2u);
  EXPECT_EQ(t.SentenceText(1), "Then they left.");
}

TEST(AnalyzedText, ParagraphBreaksEndSentences) {
  const AnalyzedText t(
      "A heading without a stop\n\nThe body starts here. It goes on.\n    WASHINGTON - wire copy");
  ASSERT_EQ(t.sentences().size(), 4u);
  EXPECT_EQ(t.SentenceText(0), "A heading without a stop");
  EXPECT_EQ(t.sentences()[3].paragraph, 2u);
  EXPECT_EQ(t.SentenceText(3), "WASHINGTON - wire copy");
}

TEST(AnalyzedText, QuotesCloseSentences) {
  const AnalyzedText t("He said \"we won.\" She did not agree.");
  ASSERT_EQ(t.sentences().size(), 2u);
  EXPECT_EQ(t.SentenceText(0), "He said \"we won.\"");
}

TEST(AnalyzedText, UnicodeWordsAndInvalidBytes) {
  const AnalyzedText t("Erdoğan met Лукашенко \xFF today");
  const auto tokens = Tokens(t);
  EXPECT_EQ(tokens[0], "Erdoğan");
  EXPECT_EQ(tokens[2], "Лукашенко");
  EXPECT_TRUE(t.tokens()[2].upper_initial);
}

TEST(AnalyzedText, WordsAcrossSixteenByteLoadsAndTheEndOfTheText) {
  // The fast path looks at sixteen bytes at a time: words longer than that,
  // words cut by the end of the text and runs of spaces must come out whole.
  const AnalyzedText t("Internationalization   EXTRAORDINARILY 1234567890123456789 ends here:AB");
  EXPECT_EQ(Tokens(t), (std::vector<std::string>{"Internationalization", "EXTRAORDINARILY",
                                                 "1234567890123456789", "ends", "here", ":", "AB"}));
  EXPECT_TRUE(t.tokens()[1].all_upper);
  EXPECT_EQ(t.tokens()[2].kind, Token::Kind::kNumber);
  EXPECT_TRUE(t.tokens()[1].space_before);
  EXPECT_FALSE(t.tokens()[5].space_before);
  EXPECT_TRUE(t.tokens()[6].all_upper);
  EXPECT_EQ(t.Folded(0), "internationalization");
  // A last word read with the zero bytes after the text, as the fast path
  // reads it, ends there; the text is lowered in folded_ to its last byte.
  const AnalyzedText nato("NATO");
  EXPECT_EQ(Tokens(nato), std::vector<std::string>{"NATO"});
  EXPECT_TRUE(nato.tokens()[0].all_upper);
  EXPECT_EQ(nato.Folded(0), "nato");
  const AnalyzedText year("In 1990");
  EXPECT_EQ(Tokens(year), (std::vector<std::string>{"In", "1990"}));
  EXPECT_EQ(year.tokens()[1].kind, Token::Kind::kNumber);
  EXPECT_EQ(year.Folded(0), "in");
  const AnalyzedText sixteen("SixteenBytesLong");
  EXPECT_EQ(Tokens(sixteen), std::vector<std::string>{"SixteenBytesLong"});
  EXPECT_EQ(sixteen.Folded(0), "sixteenbyteslong");
}

// The fast path tells capitals from each byte's 0x20 bit: every mix of
// case and digits agrees with the rule (two or more letters, none
// lower-case), and a capital opens a word only where its first byte is one.
TEST(AnalyzedText, AllCapitalsAndInitialCapitalOfEveryShape) {
  const std::string alphabet = "aZm9Q0";
  for (size_t length = 1; length <= 5; ++length) {
    std::vector<size_t> digits(length, 0);
    for (;;) {
      std::string word;
      for (const size_t d : digits) word += alphabet[d];
      const AnalyzedText t("x " + word + " y");
      ASSERT_EQ(t.tokens().size(), 3u) << word;
      size_t letters = 0, lower = 0;
      for (const char c : word) {
        letters += std::isalpha(static_cast<unsigned char>(c)) != 0;
        lower += std::islower(static_cast<unsigned char>(c)) != 0;
      }
      EXPECT_EQ(t.tokens()[1].all_upper, letters >= 2 && lower == 0) << word;
      EXPECT_EQ(t.tokens()[1].upper_initial, std::isupper(static_cast<unsigned char>(word[0])) != 0) << word;
      size_t k = 0;
      while (k < length && ++digits[k] == alphabet.size()) digits[k++] = 0;
      if (k == length) break;
    }
  }
}

TEST(AnalyzedText, SentenceOfEveryToken) {
  const AnalyzedText t("One two. Three four five! Six?\n\nSeven eight");
  ASSERT_EQ(t.sentences().size(), 4u);
  for (size_t s = 0; s < t.sentences().size(); ++s) {
    for (size_t i = t.sentences()[s].first_token; i < t.sentences()[s].end_token; ++i)
      EXPECT_EQ(t.SentenceOf(i), s);
  }
}

TEST(AnalyzedText, FoldedFormsOfRepeatedNonAsciiTokens) {
  // Non-ASCII tokens are folded once per thread and remembered: the second
  // text gets the same folded forms as the first.
  for (int round = 0; round < 2; ++round) {
    const AnalyzedText t("Erdoğan — Erdoğan ÉCOLE");
    ASSERT_EQ(t.tokens().size(), 4u);
    EXPECT_EQ(t.Folded(0), "erdogan");
    EXPECT_EQ(t.Folded(1), "—");
    EXPECT_EQ(t.Folded(2), "erdogan");
    EXPECT_EQ(t.Folded(3), "ecole");
  }
}

}  // namespace
}  // namespace newsmine
