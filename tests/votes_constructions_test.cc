// Vote extraction through the whole Extractor on short reports we wrote,
// one common construction each: what a news archive says in many wordings.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace newsmine {
namespace {

class VoteConstructions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::unique_ptr<Extractor> e;
    ASSERT_TRUE(Extractor::Load(ExtractorOptions(), &e).ok());
    extractor_ = e.release();
  }
  static std::vector<Vote> Votes(const std::string& text) {
    Document d;
    d.uri = "test";
    d.text = text;
    return extractor_->Extract(d).votes;
  }
  // The vote with `percent`, or nullptr.
  static const Vote* With(const std::vector<Vote>& votes, double percent) {
    for (const Vote& v : votes) {
      if (std::fabs(v.percent - percent) < 0.01) return &v;
    }
    return nullptr;
  }
  static void ExpectVote(const std::vector<Vote>& votes, double percent, const std::string& who,
                         const std::string& kind) {
    const Vote* v = With(votes, percent);
    ASSERT_NE(v, nullptr) << "no vote of " << percent;
    EXPECT_EQ(v->who, who) << percent;
    EXPECT_EQ(v->kind, kind) << percent;
  }
  static const Extractor* extractor_;
};
const Extractor* VoteConstructions::extractor_ = nullptr;

TEST_F(VoteConstructions, WonTheElectionWithAShare) {
  const auto votes = Votes(
      "Maria Silva won Sunday's presidential election in Chile with 54.3 percent of the vote, the electoral "
      "service said.");
  ExpectVote(votes, 54.3, "Maria Silva", "candidate");
  if (const Vote* v = With(votes, 54.3)) {
    EXPECT_EQ(v->country, "CHL");
  }
}

TEST_F(VoteConstructions, PartyWonWithAheadOf) {
  const auto votes = Votes(
      "The Social Democrats won the general election with 28.7% of the vote, ahead of the Christian "
      "Democrats on 24.1%.");
  ExpectVote(votes, 28.7, "Social Democrats", "party");
  ExpectVote(votes, 24.1, "Christian Democrats", "party");
}

TEST_F(VoteConstructions, ReElectedWhileChallengerTook) {
  const auto votes = Votes(
      "In the mayoral election, incumbent Jan Novak was re-elected with 61 per cent, while his challenger "
      "Petra Kral took 39 per cent.");
  ExpectVote(votes, 61, "Jan Novak", "candidate");
  ExpectVote(votes, 39, "Petra Kral", "candidate");
}

TEST_F(VoteConstructions, TurnoutStoodAt) {
  const auto votes = Votes("Voters elected a new parliament on Sunday. Turnout stood at 48.2 percent.");
  const Vote* v = With(votes, 48.2);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->kind, "turnout");
}

TEST_F(VoteConstructions, PollPutsPartiesAt) {
  const auto votes = Votes(
      "Ahead of the election, a survey by Ipsos put the Labour Party at 41 percent and the Conservatives at "
      "29 percent.");
  ExpectVote(votes, 41, "Labour Party", "poll");
  ExpectVote(votes, 29, "Conservatives", "poll");
}

TEST_F(VoteConstructions, ElidedVerbInAList) {
  const auto votes = Votes(
      "In the regional election the Greens took 12.5 percent of the vote and the Liberals 9.8 percent.");
  ExpectVote(votes, 12.5, "Greens", "party");
  ExpectVote(votes, 9.8, "Liberals", "party");
}

TEST_F(VoteConstructions, ReferendumOptions) {
  const auto votes = Votes(
      "Voters rejected the proposal in Sunday's referendum, with 62.4 percent voting No and 37.6 percent "
      "voting Yes.");
  ExpectVote(votes, 62.4, "No", "option");
  ExpectVote(votes, 37.6, "Yes", "option");
}

TEST_F(VoteConstructions, YesSideTookAgainstNo) {
  const auto votes = Votes(
      "The referendum passed, with the Yes side taking 55.2 percent of the vote against 44.8 percent for No, "
      "official results showed.");
  ExpectVote(votes, 55.2, "Yes", "option");
  ExpectVote(votes, 44.8, "No", "option");
}

TEST_F(VoteConstructions, PrecinctsReportingAndThresholdsAreNotVotes) {
  const auto votes = Votes(
      "With 95 percent of precincts reporting in the Senate primary, Ana Gomez led with 52 percent. She "
      "needs "
      "50 percent to avoid a run-off.");
  ExpectVote(votes, 52, "Ana Gomez", "candidate");
  EXPECT_EQ(With(votes, 95), nullptr);
  EXPECT_EQ(With(votes, 50), nullptr);
}

TEST_F(VoteConstructions, EconomicFiguresInAnElectionStoryAreNotVotes) {
  const auto votes = Votes(
      "Before the election, inflation rose to 3.2 percent in May and unemployment fell to 6 percent, the "
      "statistics office said.");
  EXPECT_TRUE(votes.empty());
}

TEST_F(VoteConstructions, PollSupportWithQualifier) {
  const auto votes = Votes("Opinion polls give Carlos Lopez about 45 percent support ahead of the election.");
  const Vote* v = With(votes, 45);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->kind, "poll");
  EXPECT_EQ(v->who, "Carlos Lopez");
  EXPECT_EQ(v->qualifier, "about");
}

TEST_F(VoteConstructions, SecuredAShare) {
  ExpectVote(
      Votes("Farid Osman secured 47.5 percent of the vote in the first round of the presidential election."),
      47.5, "Farid Osman", "candidate");
}

TEST_F(VoteConstructions, GarneredAShare) {
  ExpectVote(
      Votes("In the local elections the Harbour Party garnered 33 percent, its best result in a decade."), 33,
      "Harbour Party", "party");
}

TEST_F(VoteConstructions, CapturedAShare) {
  ExpectVote(Votes("The opposition Freedom Alliance captured 22.4% of the vote in the regional election."),
             22.4, "Freedom Alliance", "party");
}

TEST_F(VoteConstructions, PolledAShare) {
  ExpectVote(Votes("Tomas Berglund polled 18 per cent in the by-election, finishing third."), 18,
             "Tomas Berglund", "candidate");
}

TEST_F(VoteConstructions, ReceivedTheVotesCast) {
  ExpectVote(Votes("In the presidential election, Lina Haddad received 36.1 percent of the votes cast."),
             36.1, "Lina Haddad", "candidate");
}

TEST_F(VoteConstructions, FinishedWith) {
  ExpectVote(Votes("The Green Party finished with 9 percent in the parliamentary election."), 9,
             "Green Party", "party");
}

TEST_F(VoteConstructions, CameSecondWith) {
  ExpectVote(Votes("Mark Olsen came second with 27.3 percent in the mayoral election."), 27.3, "Mark Olsen",
             "candidate");
}

TEST_F(VoteConstructions, TrailedWith) {
  const auto votes = Votes(
      "In the Senate race, Rosa Ortiz won with 55 percent of the vote, while Paula Reyes trailed with 44 "
      "percent.");
  ExpectVote(votes, 55, "Rosa Ortiz", "candidate");
  ExpectVote(votes, 44, "Paula Reyes", "candidate");
}

TEST_F(VoteConstructions, WereOnInAPoll) {
  const auto votes = Votes(
      "In the latest opinion poll, the Conservatives were on 38 percent and the Liberals on 35 percent.");
  ExpectVote(votes, 38, "Conservatives", "poll");
  ExpectVote(votes, 35, "Liberals", "poll");
}

TEST_F(VoteConstructions, PercentForEachCandidate) {
  const auto votes = Votes(
      "Final results of the presidential election showed 51.2% for Omar Diallo and 48.8% for Jean Kouame.");
  ExpectVote(votes, 51.2, "Omar Diallo", "candidate");
  ExpectVote(votes, 48.8, "Jean Kouame", "candidate");
}

TEST_F(VoteConstructions, PossessiveShare) {
  ExpectVote(
      Votes("Ines Moreau's 58 percent in the presidential run-off was the widest winning share since 1990."),
      58, "Ines Moreau", "candidate");
}

TEST_F(VoteConstructions, ResultTableLines) {
  const auto votes = Votes(
      "Official results of the parliamentary election:\n\nUnity Party 52.1%\n\nPeople's Alliance 30.4%\n\n"
      "Green List 9.9%");
  ExpectVote(votes, 52.1, "Unity Party", "party");
  ExpectVote(votes, 30.4, "People's Alliance", "party");
  ExpectVote(votes, 9.9, "Green List", "party");
}

TEST_F(VoteConstructions, ParticipleAfterTheMainClause) {
  ExpectVote(
      Votes("The Christian Democrats won the general election on Sunday, taking 31.5 percent of the vote."),
      31.5, "Christian Democrats", "party");
}

TEST_F(VoteConstructions, LowerCasePartyNoun) {
  ExpectVote(Votes("In the parliamentary election the governing Fidesz party won 49 percent of the vote."),
             49, "Fidesz", "party");
}

TEST_F(VoteConstructions, ApposedSubjectWonWith) {
  ExpectVote(
      Votes("Karin Holm, a former mayor of the capital, won the presidential election with 53 percent."), 53,
      "Karin Holm", "candidate");
}

TEST_F(VoteConstructions, PlaceBeforeWithIsNotTheHolder) {
  const auto votes = Votes("David Okafor won the governor's race in Lagos with 61 percent of the vote.");
  ExpectVote(votes, 61, "David Okafor", "candidate");
}

TEST_F(VoteConstructions, BackedLeave) {
  const auto votes = Votes("In the referendum, 52 percent voted Leave and 48 percent voted Remain.");
  ExpectVote(votes, 52, "Leave", "option");
  ExpectVote(votes, 48, "Remain", "option");
}

TEST_F(VoteConstructions, SeatSharesAreNotVotes) {
  EXPECT_TRUE(Votes("The ruling party won 52% of the seats in the general election.").empty());
}

TEST_F(VoteConstructions, LeadsAreNotVotes) {
  EXPECT_TRUE(Votes("A new poll gives Maria Silva a 5 percent lead ahead of the election.").empty());
  EXPECT_TRUE(
      Votes("In the latest survey, Ana Reis holds a 5-point lead, at 4 percent above her rival.").empty());
}

TEST_F(VoteConstructions, ChangesAreNotVotes) {
  EXPECT_TRUE(Votes("In the election, support for the Greens was up 3 percent from 2019.").empty());
}

TEST_F(VoteConstructions, IssueFindingsAreNotVotes) {
  EXPECT_TRUE(Votes("In the same survey, 51% of respondents said the economy was the most important issue in "
                    "the election.")
                  .empty());
}

TEST_F(VoteConstructions, EconomicFiguresAfterAnElectionAreNotVotes) {
  EXPECT_TRUE(
      Votes("After the election, the ruling party won 12 percent of the market for state contracts, and "
            "the central bank raised its rate to 5 percent.")
          .empty());
}

TEST_F(VoteConstructions, PrimaryMarketIsNoElection) {
  EXPECT_TRUE(
      Votes("Two new issues came to the primary market. Nordbank was at 4 percent and 101 percent.").empty());
}

TEST_F(VoteConstructions, DeclaredTheWinnerWith) {
  ExpectVote(
      Votes("Incumbent President Omar Bakri was declared the winner of the presidential election with 49.8 "
            "percent of the vote."),
      49.8, "Omar Bakri", "candidate");
}

TEST_F(VoteConstructions, CameInSecondWith) {
  ExpectVote(Votes("In the presidential election Anne Lebrun came in second with 41.5 percent."), 41.5,
             "Anne Lebrun", "candidate");
}

TEST_F(VoteConstructions, AppositionBetweenPartyAndVerb) {
  ExpectVote(
      Votes("In the general election the Liberal Democrats, led by Jo Swinson, won 11.5% of the vote."), 11.5,
      "Liberal Democrats", "party");
}

TEST_F(VoteConstructions, ExitPollOnCourseFor) {
  const auto votes = Votes(
      "According to the exit poll, the Social Democrats are on course for 27 percent, with the Greens at 14 "
      "percent.");
  ExpectVote(votes, 27, "Social Democrats", "poll");
  ExpectVote(votes, 14, "Greens", "poll");
}

TEST_F(VoteConstructions, SlashJoinedAllianceAfterFor) {
  const auto votes = Votes(
      "The survey showed the Conservatives on 38 percent against 32 percent for Labour and 27 percent for "
      "the centrist Social Democrat/Liberal Alliance.");
  ExpectVote(votes, 32, "Labour Party", "poll");  // the actors know Labour by its full name
  ExpectVote(votes, 27, "Social Democrat/Liberal Alliance", "poll");
}

TEST_F(VoteConstructions, EachForLaterNamesIsNotThePreviousHolder) {
  const auto votes = Votes(
      "A new poll gave the Tories 36 percent against a tied 31 percent each for Labour and the "
      "Alliance.");
  ExpectVote(votes, 36, "Tories", "poll");
  const Vote* tied = With(votes, 31);
  if (tied != nullptr) {
    EXPECT_NE(tied->who, "Tories");
  }
}

TEST_F(VoteConstructions, CommaBeforeWith) {
  const auto votes = Votes(
      "Kim Soo-min won the presidential election, with 48.6 percent of the vote against 47.8 percent for "
      "Park "
      "Ji-hoon.");
  ExpectVote(votes, 48.6, "Kim Soo-min", "candidate");
  ExpectVote(votes, 47.8, "Park Ji-hoon", "candidate");
}

TEST_F(VoteConstructions, PassiveWonBy) {
  ExpectVote(
      Votes("Sunday's parliamentary election was won by the Progress Party with 35.4 percent of the vote."),
      35.4, "Progress Party", "party");
}

TEST_F(VoteConstructions, ContractsAfterAnElectionAreNotVotes) {
  EXPECT_TRUE(
      Votes("The election was held on Sunday. The ruling coalition took 30 percent of government contracts "
            "last year.")
          .empty());
}

TEST_F(VoteConstructions, MonthWordInAPersonsName) {
  ExpectVote(Votes("June Okoro won 42.4 percent of the vote in the general election."), 42.4, "June Okoro",
             "candidate");
  ExpectVote(Votes("Prime Minister Helen May won 39 percent in the general election."), 39, "Helen May",
             "candidate");
}

TEST_F(VoteConstructions, PolledBehindARival) {
  const auto votes = Votes(
      "The centre-right Moderates polled 19.8 percent in the general election, behind the Social Democrats "
      "on 30.3 "
      "percent.");
  ExpectVote(votes, 19.8, "Moderates", "party");
  ExpectVote(votes, 30.3, "Social Democrats", "party");
}

TEST_F(VoteConstructions, ResultListWithBracketedParties) {
  const auto votes =
      Votes("Presidential election results: Ana Reis (Unity Party) 45.2%, Ben Ruiz (Green List) 30.1%.");
  ExpectVote(votes, 45.2, "Ana Reis", "candidate");
  ExpectVote(votes, 30.1, "Ben Ruiz", "candidate");
}

TEST_F(VoteConstructions, ResultLineWithADash) {
  ExpectVote(Votes("Official results of the mayoral election:\n\nAna Reis \u2013 45.2%"), 45.2, "Ana Reis",
             "candidate");
}

TEST_F(VoteConstructions, ShareWentTo) {
  ExpectVote(Votes("In the presidential election, 52.3 percent of the vote went to Clara Nunes."), 52.3,
             "Clara Nunes", "candidate");
}

TEST_F(VoteConstructions, BackingOfVotersInASurvey) {
  ExpectVote(Votes("In a new survey, Rafael Costa got the backing of 45 percent of voters."), 45,
             "Rafael Costa", "poll");
}

TEST_F(VoteConstructions, NameInsideTheApposition) {
  const auto votes = Votes(
      "The incumbent, Ruth Adebayo, won re-election with 52 percent of the vote in the governor's race "
      "against "
      "Tunde Bello.");
  ExpectVote(votes, 52, "Ruth Adebayo", "candidate");
}

TEST_F(VoteConstructions, ShareWonInALaterDigestItemIsNotAVote) {
  const auto votes = Votes(
      "Voters in Freeland elected a new parliament in Sunday's general election.\n\n"
      "A storm closed the port on Monday.\n\n"
      "The museum reopened after a long repair.\n\n"
      "Train drivers ended their strike.\n\n"
      "A new bridge opened in the north.\n\n"
      "In football, City Rovers took 60 percent of possession in the cup final.");
  EXPECT_EQ(With(votes, 60), nullptr);
}

}  // namespace
}  // namespace newsmine
