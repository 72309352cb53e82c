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
      "With 95 percent of precincts reporting in the Senate primary, Ana Gomez led with 52 percent. She needs "
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

}  // namespace
}  // namespace newsmine
