#include "extract/text.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace newsmine
