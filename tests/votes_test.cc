// Vote extraction: number forms, attribution constructions, election context
// and the traps that are not votes. Every sentence here is written for the
// test; the people and parties are invented.
#include "extract/votes.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "extract/gazetteer.h"
#include "extract/text.h"
#include "extract/vote_number.h"
#include "extract/vote_words.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

class VotesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gazetteer_ = new StateGazetteer();
    ASSERT_TRUE(gazetteer_->LoadFile(testing::SourceDir() + "/corpus/data/countries/states.tsv").ok());
    std::unique_ptr<VoteExtractor> extractor;
    ASSERT_TRUE(VoteExtractor::Load(testing::SourceDir() + "/corpus/data", gazetteer_, &extractor).ok());
    extractor_ = extractor.release();
  }
  static void TearDownTestSuite() {
    delete extractor_;
    delete gazetteer_;
  }

  static std::vector<Vote> Votes(const std::string& text, const std::vector<Actor>& actors = {},
                                 const std::string& published = "") {
    Document document;
    document.text = text;
    document.published = published;
    const AnalyzedText analyzed(document.text);
    return extractor_->Extract(analyzed, document, actors);
  }
  // The single vote of `text`; fails the test when there is not exactly one.
  static Vote One(const std::string& text) {
    const std::vector<Vote> votes = Votes(text);
    EXPECT_EQ(votes.size(), 1u) << text;
    return votes.empty() ? Vote() : votes[0];
  }

  static StateGazetteer* gazetteer_;
  static VoteExtractor* extractor_;
};

StateGazetteer* VotesTest::gazetteer_ = nullptr;
VoteExtractor* VotesTest::extractor_ = nullptr;

TEST(VoteExtractorLoad, MissingDataIsAnIoError) {
  StateGazetteer gazetteer;
  std::unique_ptr<VoteExtractor> extractor;
  const Status s = VoteExtractor::Load("/nonexistent-newsmine-data", &gazetteer, &extractor);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find("subnational.tsv"), std::string::npos);
  EXPECT_EQ(extractor, nullptr);
}

// ---- number forms -----------------------------------------------------------

TEST(VoteNumber, ParsesDecimalCommaThousandsAndFullWidthDigits) {
  EXPECT_DOUBLE_EQ(*ParseNumberToken("81"), 81);
  EXPECT_DOUBLE_EQ(*ParseNumberToken("81.3"), 81.3);
  EXPECT_DOUBLE_EQ(*ParseNumberToken("81,3"), 81.3);
  EXPECT_DOUBLE_EQ(*ParseNumberToken("7,000"), 7000);
  EXPECT_DOUBLE_EQ(*ParseNumberToken("\xEF\xBC\x98\xEF\xBC\x91"), 81);  // ８１
  EXPECT_FALSE(ParseNumberToken("abc").has_value());
}

TEST(VoteNumber, PrefilterSeesEveryUnit) {
  EXPECT_TRUE(MayHavePercent("won 52% of"));
  EXPECT_TRUE(MayHavePercent("won 52 Percent of"));
  EXPECT_TRUE(MayHavePercent("won 52 pct of"));
  EXPECT_TRUE(MayHavePercent("won 52 per cent of"));
  EXPECT_TRUE(MayHavePercent("won 52\xEF\xBC\x85"));
  EXPECT_FALSE(MayHavePercent("won the vote by a wide margin"));
  EXPECT_TRUE(MayHavePercent("won 52 PER-CENT of"));
  EXPECT_FALSE(MayHavePercent("the party's perception of a pc"));
}

TEST(VoteNumber, NextPercentCueFindsCuesInLongText) {
  // Cues beyond the first sixteen bytes, near a block's end and in the tail.
  const std::string text =
      "Operations per share rose; the party, popular in Pesaro, took 41 PER CENT and then 7 Pct, "
      "up from 3\xEF\xBC\x85 in the spring, or 2%";
  std::vector<size_t> cues;
  for (size_t at = NextPercentCue(text, 0); at != std::string_view::npos; at = NextPercentCue(text, at + 1))
    cues.push_back(at);
  const std::vector<size_t> expected = {text.find("PER CENT"), text.find("Pct"), text.find("\xEF\xBC\x85"),
                                        text.find('%')};
  EXPECT_EQ(cues, expected);
  EXPECT_EQ(NextPercentCue("no units in this rather long sentence at all, perhaps", 0),
            std::string_view::npos);
}

// The scan tests the byte after a 'p' sixteen at a time: a cue whose 'p'
// ends a block, or the text, must be judged on the byte after it.
TEST(VoteNumber, NextPercentCueAtEveryOffsetAndLength) {
  for (const std::string cue : {"pct", "PER CENT", "per-cent"}) {
    for (size_t length = cue.size(); length <= 40; ++length) {
      for (size_t at = 0; at + cue.size() <= length; ++at) {
        std::string text(length, 'x');
        text.replace(at, cue.size(), cue);
        EXPECT_EQ(NextPercentCue(text, 0), at) << text;
        EXPECT_EQ(NextPercentCue(text, at + 1), std::string_view::npos) << text;
      }
    }
  }
  for (size_t length = 1; length <= 40; ++length) {
    std::string text(length, 'x');
    text.back() = 'p';  // a 'p' with nothing after it
    EXPECT_EQ(NextPercentCue(text, 0), std::string_view::npos) << text;
    text.back() = '%';
    EXPECT_EQ(NextPercentCue(text, 0), length - 1) << text;
  }
}

TEST(VoteNumber, UnitTokenTestSeesEveryUnit) {
  const AnalyzedText t(
      "Prices rose in April. He won 52%. She won 41 per cent. They got 7 Pct. It took 3\xEF\xBC\x85. "
      "Ten percentage points. A 5 per day cap.");
  ASSERT_EQ(t.sentences().size(), 7u);
  const std::vector<bool> expected = {false, true, true, true, true, false, false};
  for (size_t s = 0; s < expected.size(); ++s) EXPECT_EQ(HasPercentUnit(t, s), expected[s]) << s;
}

TEST(VoteNumber, FindsSpelledAndSpacedForms) {
  const AnalyzedText t(
      "Thirty five pct, forty per cent, nine pct, twenty-one percent, 81 %, 81\xC2\xA0%, 81,3 % and "
      "81\xEF\xBC\x85 were read.");
  const std::vector<PercentMention> m = FindPercentMentions(t, 0);
  ASSERT_EQ(m.size(), 8u);
  EXPECT_DOUBLE_EQ(m[0].value, 35);
  EXPECT_DOUBLE_EQ(m[1].value, 40);
  EXPECT_DOUBLE_EQ(m[2].value, 9);
  EXPECT_DOUBLE_EQ(m[3].value, 21);
  EXPECT_DOUBLE_EQ(m[4].value, 81);
  EXPECT_DOUBLE_EQ(m[5].value, 81);
  EXPECT_DOUBLE_EQ(m[6].value, 81.3);
  EXPECT_DOUBLE_EQ(m[7].value, 81);
}

TEST(VoteNumber, BareNumbersBorrowANeighboursUnit) {
  const AnalyzedText t(
      "The survey put the Greens at 30.5 and Labour at 30 pct, and Ames ahead 47 to 42 percent.");
  const std::vector<PercentMention> m = FindPercentMentions(t, 0);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_DOUBLE_EQ(m[0].value, 30.5);
  EXPECT_FALSE(m[0].has_unit);
  EXPECT_DOUBLE_EQ(m[2].value, 47);
  EXPECT_TRUE(m[3].has_unit);
}

TEST(VoteNumber, ReadsQualifiers) {
  const AnalyzedText t(
      "She got about 40 percent, more than 30 percent, nearly 20 percent and failed to top more "
      "than 2 percent.");
  const std::vector<PercentMention> m = FindPercentMentions(t, 0);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].qualifier, "about");
  EXPECT_EQ(m[1].qualifier, "more than");
  EXPECT_EQ(m[2].qualifier, "nearly");
  EXPECT_EQ(m[3].qualifier, "no more than");
}

// ---- attribution ----------------------------------------------------------

TEST_F(VotesTest, WinnerBeforeTheFigure) {
  const Vote v = One("Marta Kovacs won 52% of the vote in the presidential election.");
  EXPECT_EQ(v.who, "Marta Kovacs");
  EXPECT_DOUBLE_EQ(v.percent, 52);
  EXPECT_EQ(v.kind, "candidate");
  EXPECT_EQ(v.election, "presidential election");
  EXPECT_EQ(v.text, "Marta Kovacs won 52% of the vote in the presidential election.");
}

TEST_F(VotesTest, WithTheFigureFirst) {
  const Vote v = One("With 63 percent of the vote, Jon Ellery was declared the winner of the mayoral race.");
  EXPECT_EQ(v.who, "Jon Ellery");
  EXPECT_DOUBLE_EQ(v.percent, 63);
  EXPECT_EQ(v.election, "local election");
}

TEST_F(VotesTest, ParenthesisedFigures) {
  const std::vector<Vote> v = Votes("In the mayoral runoff, Dana Pell (52.4%) defeated Omar Reyes (41%).");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].who, "Dana Pell");
  EXPECT_DOUBLE_EQ(v[0].percent, 52.4);
  EXPECT_EQ(v[1].who, "Omar Reyes");
  EXPECT_DOUBLE_EQ(v[1].percent, 41);
  EXPECT_EQ(v[0].election, "local election, second round");
}

TEST_F(VotesTest, VotedForAfterTheFigure) {
  const Vote v = One("In the referendum, 58 percent of voters voted for the Unity Party.");
  EXPECT_EQ(v.who, "Unity Party");
  EXPECT_EQ(v.kind, "party");
}

TEST_F(VotesTest, ReferendumSides) {
  const Vote yes = One("The Yes side took 55% in the referendum.");
  EXPECT_EQ(yes.who, "Yes");
  EXPECT_EQ(yes.kind, "option");
  const std::vector<Vote> v = Votes("In the strike ballot, 62 pct voted no and 38 pct voted yes.");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].who, "No");
  EXPECT_EQ(v[1].who, "Yes");
  EXPECT_EQ(v[1].kind, "option");
}

TEST_F(VotesTest, ResultTableForms) {
  const std::vector<Vote> v = Votes(
      "In the presidential election, Ana Reis received 45,120 votes, or 45.3%, and Ben Ruiz 30.1%. In the "
      "referendum, Yes: 52%, No: 48%. The measure passed with 67% voting yes.");
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(v[0].who, "Ana Reis");
  EXPECT_DOUBLE_EQ(v[0].percent, 45.3);
  EXPECT_EQ(v[1].who, "Ben Ruiz");
  EXPECT_EQ(v[2].who, "Yes");
  EXPECT_EQ(v[3].who, "No");
  EXPECT_EQ(v[3].kind, "option");
  EXPECT_DOUBLE_EQ(v[4].percent, 67);
  EXPECT_TRUE(Votes("The index plunged 500 points, or 22 pct, after the election.").empty());
}

TEST_F(VotesTest, PossessiveShare) {
  const Vote v = One("In the parliamentary election, the Farmers Party's share fell to 30%.");
  EXPECT_EQ(v.who, "Farmers Party");
  EXPECT_DOUBLE_EQ(v.percent, 30);
  EXPECT_EQ(v.kind, "party");
  EXPECT_EQ(v.election, "parliamentary election");
}

TEST_F(VotesTest, PairAfterLed) {
  const std::vector<Vote> v = Votes(
      "In the latest opinion poll, senator Ruth Abbey led incumbent Governor Paul Stroud 47.4 percent to "
      "42.1 percent.");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].who, "Ruth Abbey");
  EXPECT_DOUBLE_EQ(v[0].percent, 47.4);
  EXPECT_EQ(v[0].kind, "poll");
  EXPECT_EQ(v[1].who, "Paul Stroud");
  EXPECT_DOUBLE_EQ(v[1].percent, 42.1);
}

TEST_F(VotesTest, VoteCountThenShare) {
  const Vote v = One("The Harbour Party received 203,091 votes (0.15 percent) in the general election.");
  EXPECT_EQ(v.who, "Harbour Party");
  EXPECT_DOUBLE_EQ(v.percent, 0.15);
}

TEST_F(VotesTest, ResultsList) {
  const std::vector<Vote> v = Votes("Caucus results: Lind 25.7%, Okafor 24.4% and Brandt 18%.");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].who, "Lind");
  EXPECT_EQ(v[1].who, "Okafor");
  EXPECT_DOUBLE_EQ(v[1].percent, 24.4);
  EXPECT_EQ(v[2].who, "Brandt");
}

TEST_F(VotesTest, PollListWithBareNumbers) {
  const std::vector<Vote> v = Votes(
      "The poll showed the Greens with a five-point lead at 38.5 pct, the Centre at 30.5 and Labour at 30 "
      "pct.");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].who, "Greens");
  EXPECT_EQ(v[1].who, "Centre");
  EXPECT_DOUBLE_EQ(v[1].percent, 30.5);
  EXPECT_EQ(v[2].who, "Labour");
  for (const Vote& vote : v) EXPECT_EQ(vote.kind, "poll");
}

TEST_F(VotesTest, PronounAndFullestName) {
  const std::vector<Vote> v = Votes(
      "Councillor Greta Holm stood again.\n\nHolm is well known. She received 61 percent of the vote in the "
      "municipal election and 58 percent in 2019.");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].who, "Greta Holm");
  EXPECT_DOUBLE_EQ(v[0].percent, 61);
  EXPECT_EQ(v[1].who, "Greta Holm");
  EXPECT_EQ(v[1].election, "2019 local election");
}

TEST_F(VotesTest, CoordinatedFiguresPastPollsterNames) {
  const std::vector<Vote> v = Votes(
      "Ana Bell is running in the presidential election.\n\nShe drew two percent in the Lark poll, three "
      "percent in the Dove Research survey, and five percent in the Owl Analytics poll.");
  ASSERT_EQ(v.size(), 3u);
  for (const Vote& vote : v) {
    EXPECT_EQ(vote.who, "Ana Bell");
    EXPECT_EQ(vote.kind, "poll");
  }
  EXPECT_DOUBLE_EQ(v[2].percent, 5);
}

TEST_F(VotesTest, EarlierElectionNamedByYear) {
  const std::vector<Vote> v = Votes(
      "Ivo Brandt is running in the presidential election.\n\nIn 2016 he got 3.3% of the vote, his best "
      "result.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].who, "Ivo Brandt");
  EXPECT_EQ(v[0].election, "2016 presidential election");
}

TEST_F(VotesTest, WinnerOfADefeatAndTheLosersPossessive) {
  const Vote beat = One("Nils Aho beat Ola Berg with 55% of the vote in the mayoral election.");
  EXPECT_EQ(beat.who, "Nils Aho");
  const std::vector<Vote> v =
      Votes("In the presidential runoff, Rena Dahl won 58.5% of the vote to Tomas Le Brun's 41.5%.");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].who, "Rena Dahl");
  EXPECT_EQ(v[1].who, "Tomas Le Brun");
  const std::vector<Vote> by =
      Votes("Rena Dahl beat Tomas Le Brun by 58.5% to 41.5% in the presidential runoff.");
  ASSERT_EQ(by.size(), 2u);
  EXPECT_DOUBLE_EQ(by[0].percent, 58.5);
}

TEST_F(VotesTest, SoleContenderAndAcronymParty) {
  const Vote sole = One("Rita Moll was unable to qualify, failing to top more than 2% in any national poll.");
  EXPECT_EQ(sole.who, "Rita Moll");
  EXPECT_EQ(sole.qualifier, "no more than");
  const Vote acronym = One("According to the exit poll, the NLP won 61.2 percent.");
  EXPECT_EQ(acronym.who, "NLP");
  EXPECT_EQ(acronym.kind, "poll");
  const Vote party = One("The NLP won 61.2 percent of the vote in the general election.");
  EXPECT_EQ(party.kind, "party");
}

TEST_F(VotesTest, RangesAreOneFigure) {
  const Vote between = One("Polls suggest between 40 and 45 percent of voters back Hana Lee.");
  EXPECT_EQ(between.who, "Hana Lee");
  EXPECT_DOUBLE_EQ(between.percent, 40);
  EXPECT_EQ(between.qualifier, "between 40 and 45");
  const Vote dash = One("In the latest poll, Ivo Marr is at 30-35%.");
  EXPECT_EQ(dash.who, "Ivo Marr");
  EXPECT_EQ(dash.qualifier, "between 30 and 35");
}

TEST_F(VotesTest, CommaEndsTheWordsAfterTheFigure) {
  const Vote v = One("In the presidential election, Tokmo Arin won 81 percent, more than expected.");
  EXPECT_EQ(v.who, "Tokmo Arin");
}

TEST_F(VotesTest, QualifierIsKept) {
  const Vote v = One("Mira Sand won about 48 percent of the vote in the presidential election.");
  EXPECT_EQ(v.qualifier, "about");
}

TEST_F(VotesTest, TurnoutHasNoHolder) {
  const Vote v = One("Turnout in the parliamentary election was 64.2 percent.");
  EXPECT_EQ(v.kind, "turnout");
  EXPECT_EQ(v.who, "");
  EXPECT_DOUBLE_EQ(v.percent, 64.2);
  const Vote members = One("With 77 pct of the membership voting, the pact was rejected in the ballot.");
  EXPECT_EQ(members.kind, "turnout");
}

TEST_F(VotesTest, PollsAndApprovalArePolls) {
  const Vote poll = One("A new poll put Rosa Tamm at 45 percent ahead of the presidential election.");
  EXPECT_EQ(poll.kind, "poll");
  EXPECT_EQ(poll.who, "Rosa Tamm");
  const Vote approval = One("President Ansel Moor's approval rating went up to 41 percent.");
  EXPECT_EQ(approval.kind, "poll");
  EXPECT_EQ(approval.who, "Ansel Moor");
}

TEST_F(VotesTest, CountryDateAndActor) {
  std::vector<Actor> actors(1);
  actors[0].id = "lena-vask";
  actors[0].name = "Lena Vask";
  actors[0].type = "person";
  const std::vector<Vote> v = Votes(
      "Kazakhstan's snap presidential election on 20 November 2022 gave Lena Vask 71% of the vote.", actors);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].who, "Lena Vask");
  EXPECT_EQ(v[0].actor, "lena-vask");
  EXPECT_EQ(v[0].country, "KAZ");
  EXPECT_EQ(v[0].date, "2022-11-20");
}

TEST_F(VotesTest, ActorsGiveTheFullNameTypeAndState) {
  std::vector<Actor> actors(2);
  actors[0].id = "unity-party-congress";
  actors[0].name = "Unity Party Congress";
  actors[0].type = "organization";
  actors[1].id = "unity-party";
  actors[1].name = "Unity Party";
  actors[1].type = "organization";
  actors[1].state = "NOR";
  const std::vector<Vote> v = Votes("In the general election, Unity won 31 percent of the vote.", actors);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].who, "Unity Party");
  EXPECT_EQ(v[0].actor, "unity-party");
  EXPECT_EQ(v[0].kind, "party");
  EXPECT_EQ(v[0].country, "NOR");
}

TEST_F(VotesTest, WeekdayDateCountsBackFromPublication) {
  // 2023-03-08 is a Wednesday: the Sunday before is 2023-03-05.
  const std::vector<Vote> v = Votes(
      "The ruling Unity Party took 61 pct of the votes cast in Sunday's general election.", {}, "2023-03-08");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].date, "2023-03-05");
  EXPECT_EQ(v[0].kind, "party");
  EXPECT_EQ(Votes("The Unity Party took 61 pct of the vote in Sunday's general election.")[0].date, "");
}

TEST_F(VotesTest, UsStateContestIsUsa) {
  const Vote v = One("In the Ohio gubernatorial election, Carl Witt won 52 percent of the vote.");
  EXPECT_EQ(v.country, "USA");
}

// ---- not votes --------------------------------------------------------------

TEST_F(VotesTest, ChangesMarginsAndThresholdsAreNotVotes) {
  EXPECT_TRUE(Votes("In the poll the Unity Party was down 1.5 points, while support for Kai Orr was up 12 "
                    "percent.")
                  .empty());
  EXPECT_TRUE(Votes("Kai Orr has an 8 percent lead in the election polls.").empty());
  EXPECT_TRUE(Votes("Kai Orr needs 50% to avoid a run-off in the presidential election.").empty());
  EXPECT_TRUE(Votes("The election count stood at 99% of precincts reporting.").empty());
  EXPECT_TRUE(Votes("With 90 percent of the vote counted, the election looked close.").empty());
  EXPECT_TRUE(Votes("The opposition fell one pct in the poll.").empty());
  EXPECT_TRUE(Votes("There was a 4.2% swing against the Unity Party in the election.").empty());
  EXPECT_TRUE(Votes("Kai Orr won by 12 percent in the election.").empty());
}

TEST_F(VotesTest, SeatsIssuePollsAndMailAreNotVotes) {
  EXPECT_TRUE(Votes("The Unity Party won 45 percent of the seats in the election.").empty());
  EXPECT_TRUE(Votes("The poll showed 40 pct of voters thought the economy would improve.").empty());
  EXPECT_TRUE(Votes("In the election, 73% of votes were cast by mail.").empty());
  EXPECT_TRUE(Votes("Kai Orr won the election by a margin of 10 percent.").empty());
  EXPECT_TRUE(Votes("According to a survey by the Civic Health Society, 84% of surveyed adults did not vote.")
                  .empty());
  EXPECT_TRUE(Votes("About 60 percent of voters say they will vote in the election.").empty());
}

TEST_F(VotesTest, EconomicFiguresAreNotVotes) {
  EXPECT_TRUE(Votes("Inflation rose to 5 pct ahead of the election, the survey said.").empty());
  EXPECT_TRUE(
      Votes("Exports grew 3 percent, and Acme Corp holders voted for a 10 pct stock dividend.").empty());
  EXPECT_TRUE(Votes("Investment by textile firms will decline 11.2 pct, the survey said.").empty());
  EXPECT_TRUE(Votes("ACME VOTES 100 PCT STOCK DIVIDEND").empty());
  EXPECT_TRUE(Votes("Profit rose 12 percent to 40 mln dlrs.").empty());
  EXPECT_TRUE(
      Votes("Ahead of the election, Norland's oil output was five percent of the world total.").empty());
  EXPECT_TRUE(Votes("The poll found that Norland's population grew 2 percent.").empty());
  EXPECT_TRUE(Votes("").empty());
}

// The seed article gives exactly one vote.
TEST_F(VotesTest, SeedGivesTokayevOnly) {
  NEWSMINE_REQUIRE_SHARED();
  const std::string dir = testing::SharedDir() + "/corpus/seed/articles/";
  const std::string text = testing::ReadFile(dir + "000_2e8b13e712eac6c3.txt");
  ASSERT_FALSE(text.empty());
  const std::vector<Vote> v = Votes(text);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].who, "Kassym-Jomart Tokayev");
  EXPECT_DOUBLE_EQ(v[0].percent, 81);
  EXPECT_EQ(v[0].kind, "candidate");
  EXPECT_EQ(v[0].country, "KAZ");
}

TEST(VoteWords, WordClassesAnswerEveryListAtOnce) {
  WordClassTable words;
  words.Add({"vote", "poll"}, 1);
  words.Add({"poll", "won"}, 2);
  words.Add("elected", 4);
  words.Add("", 8);                    // ignored
  words.Add(std::string(70, 'a'), 8);  // long words share a length bit
  EXPECT_EQ(words.Of("vote"), 1u);
  EXPECT_EQ(words.Of("poll"), 3u);
  EXPECT_EQ(words.Of("won"), 2u);
  EXPECT_EQ(words.Of("elected"), 4u);
  EXPECT_EQ(words.Of("votes"), 0u);
  EXPECT_EQ(words.Of(""), 0u);
  EXPECT_EQ(words.Of(std::string(70, 'a')), 8u);
  EXPECT_EQ(words.Of(std::string(64, 'a')), 0u);
  EXPECT_EQ(words.Of("wonder"), 0u);  // a known first letter, another length
  const std::string key = "polling";
  EXPECT_EQ(words.Of(std::string_view(key).substr(0, 4)), 3u);  // a view into a longer string
}

}  // namespace
}  // namespace newsmine
