// End to end: the real program over corpus/samples (articles we wrote), and
// over the seed page from ../shared when it is present.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "store/record_json.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

using testing::Binary;
using testing::RunCommand;
using testing::SourceDir;

class SamplesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string out;
    ASSERT_EQ(RunCommand(Binary() + " extract --quiet " + SourceDir() + "/corpus/samples", &out), 0);
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      Record r;
      ASSERT_TRUE(ParseRecordJson(line, &r).ok()) << line;
      const std::string key = r.source_uri.substr(r.source_uri.find_last_of("/#") + 1);
      records_[key] = r;
    }
  }
  static const Record& Get(const std::string& key) {
    EXPECT_EQ(records_.count(key), 1u) << "no record for " << key;
    return records_[key];
  }
  static const Vote* FindVote(const Record& r, const std::string& who_part, double percent) {
    for (const Vote& v : r.votes) {
      if (std::fabs(v.percent - percent) < 0.01 && v.who.find(who_part) != std::string::npos) return &v;
    }
    return nullptr;
  }
  static bool HasVoteWithPercent(const Record& r, double percent) {
    for (const Vote& v : r.votes) {
      if (std::fabs(v.percent - percent) < 0.01) return true;
    }
    return false;
  }
  static const StateMention* FindState(const Record& r, const std::string& code) {
    for (const StateMention& s : r.states) {
      if (s.code == code) return &s;
    }
    return nullptr;
  }
  static const Actor* FindActor(const Record& r, const std::string& name) {
    for (const Actor& a : r.actors) {
      if (a.name == name) return &a;
    }
    return nullptr;
  }
  static std::map<std::string, Record> records_;
};
std::map<std::string, Record> SamplesTest::records_;

TEST_F(SamplesTest, EveryDocumentOfEveryFormatBecomesARecord) {
  EXPECT_EQ(records_.size(), 5u);  // two text files, one HTML page, two JSON-lines documents
  for (const auto& [key, r] : records_) {
    EXPECT_EQ(r.id.size(), 32u) << key;
    EXPECT_FALSE(r.text.empty()) << key;
    EXPECT_FALSE(r.title.empty()) << key;
  }
}

TEST_F(SamplesTest, RunOffResultsTurnoutAndPollAreTold) {
  const Record& r = Get("portugal-runoff.txt");
  EXPECT_EQ(r.title, "Centrist wins Portugal's presidential run-off with 58 percent");
  const Vote* duarte = FindVote(r, "Duarte", 58.2);
  ASSERT_NE(duarte, nullptr);
  EXPECT_EQ(duarte->kind, "candidate");
  EXPECT_EQ(duarte->country, "PRT");
  EXPECT_EQ(duarte->who, "Helena Duarte");
  const Vote* carvalho = FindVote(r, "Carvalho", 41.8);
  ASSERT_NE(carvalho, nullptr);
  EXPECT_EQ(carvalho->kind, "candidate");
  bool turnout = false;
  for (const Vote& v : r.votes) turnout |= v.kind == "turnout" && std::fabs(v.percent - 61.5) < 0.01;
  EXPECT_TRUE(turnout);
  const Vote* poll = FindVote(r, "Duarte", 55);
  ASSERT_NE(poll, nullptr);
  EXPECT_EQ(poll->kind, "poll");
  EXPECT_FALSE(HasVoteWithPercent(r, 42)) << "a seat share is not a vote";
  EXPECT_FALSE(HasVoteWithPercent(r, 2.1)) << "inflation is not a vote";
  const Actor* duarte_actor = FindActor(r, "Helena Duarte");
  ASSERT_NE(duarte_actor, nullptr);
  EXPECT_EQ(duarte_actor->type, "person");
  EXPECT_GE(duarte_actor->mentions, 4);
  EXPECT_EQ(duarte->actor, duarte_actor->id);
  EXPECT_NE(FindState(r, "PRT"), nullptr);
  EXPECT_NE(FindState(r, "ESP"), nullptr);
}

TEST_F(SamplesTest, SavedPageLosesItsFurnitureAndKeepsPartyShares) {
  const Record& r = Get("estonia-saved-page.txt");
  EXPECT_EQ(r.title, "Reform Party wins Estonian vote as coalition talks loom");
  EXPECT_EQ(r.source_name, "Baltic Sample Wire");
  EXPECT_EQ(r.text.rfind("Estonia's governing Reform Party", 0), 0u) << r.text.substr(0, 80);
  EXPECT_EQ(r.text.find("Related stories"), std::string::npos);
  EXPECT_EQ(r.text.find("Latest stories"), std::string::npos);
  const Vote* reform = FindVote(r, "Reform", 31.2);
  ASSERT_NE(reform, nullptr);
  EXPECT_EQ(reform->kind, "party");
  EXPECT_EQ(reform->country, "EST");
  EXPECT_NE(FindVote(r, "EKRE", 16.1), nullptr);
  EXPECT_EQ(FindState(r, "LVA"), nullptr) << "Latvia is named only in a teaser";
  const StateMention* russia = FindState(r, "RUS");
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(russia->label, "negative");
}

TEST_F(SamplesTest, HtmlPageKeepsOnlyTheArticle) {
  const Record& r = Get("sanctions-and-praise.html");
  EXPECT_EQ(r.title, "EU agrees new sanctions as Norway praised for aid");
  EXPECT_EQ(r.source_name, "Sample Herald");
  EXPECT_EQ(r.published.rfind("2024-05-14", 0), 0u);
  EXPECT_EQ(r.text.find("cookies"), std::string::npos);
  EXPECT_EQ(r.text.find("All rights reserved"), std::string::npos);
  EXPECT_EQ(r.text.find("Markets fall"), std::string::npos);
  EXPECT_NE(r.text.find("humanitarian aid"), std::string::npos);
  const StateMention* belarus = FindState(r, "BLR");
  ASSERT_NE(belarus, nullptr);
  EXPECT_EQ(belarus->label, "negative");
  EXPECT_FALSE(belarus->evidence.empty());
  const StateMention* norway = FindState(r, "NOR");
  ASSERT_NE(norway, nullptr);
  EXPECT_EQ(norway->label, "positive");
  EXPECT_NE(FindActor(r, "Josep Borrell"), nullptr);
  EXPECT_TRUE(r.votes.empty());
}

TEST_F(SamplesTest, JsonLinesMembersAreAddressedAndReferendumOptionsFound) {
  const Record& referendum = Get("sample-1");
  EXPECT_NE(referendum.source_uri.find("wire-digest.jsonl#sample-1"), std::string::npos);
  EXPECT_EQ(referendum.published, "2023-06-18");
  const Vote* yes = FindVote(referendum, "Yes", 59.1);
  ASSERT_NE(yes, nullptr);
  EXPECT_EQ(yes->kind, "option");
  EXPECT_EQ(yes->country, "CHE");
  const Record& trade = Get("sample-2");
  EXPECT_TRUE(trade.votes.empty()) << "tariff and export percentages are not votes";
  EXPECT_NE(FindState(trade, "CHL"), nullptr);
  EXPECT_NE(FindState(trade, "KOR"), nullptr);
}

TEST(Seed, FurnitureTitleVotesAndPeople) {
  NEWSMINE_REQUIRE_SHARED();
  std::string out;
  ASSERT_EQ(RunCommand(Binary() + " extract --quiet " + testing::SharedDir() + "/corpus/seed/articles", &out),
            0);
  Record r;
  ASSERT_TRUE(ParseRecordJson(out.substr(0, out.find('\n')), &r).ok());
  EXPECT_EQ(r.title, "A missed opportunity in Kazakhstan");
  EXPECT_EQ(r.source_name, "Euobserver");
  EXPECT_EQ(r.text.rfind("The results of Kazakhstan", 0), 0u);
  ASSERT_EQ(r.votes.size(), 1u);
  EXPECT_EQ(r.votes[0].percent, 81);
  EXPECT_EQ(r.votes[0].kind, "candidate");
  EXPECT_EQ(r.votes[0].country, "KAZ");
  for (const Actor& a : r.actors) {
    for (const char* furniture : {"Shevtsova", "Starmer", "Michel", "Kuzminov"}) {
      EXPECT_EQ(a.name.find(furniture), std::string::npos) << a.name;
    }
  }
  for (const StateMention& s : r.states) EXPECT_NE(s.code, "BEL") << "Brussels stands for the EU here";
}

}  // namespace
}  // namespace newsmine
