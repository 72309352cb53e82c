// Queries over records appended directly (the extractors are not needed):
// filters, votes, actors, states over time, statistics, and every output
// format, through the library and through the program.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdio>

#include "store/chart.h"
#include "store/query.h"
#include "store/store.h"
#include "tests/store_test_records.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

using ::newsmine::testing::Binary;
using ::newsmine::testing::MakeActor;
using ::newsmine::testing::MakeRecord;
using ::newsmine::testing::MakeState;
using ::newsmine::testing::MakeVote;
using ::newsmine::testing::RunCommand;
using ::newsmine::testing::StoryText;
using ::newsmine::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class QueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TempDir("query-store"));
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(*dir_, Store::Mode::kWrite, &store).ok());
    // Ruritania (RUR is not a real code; any ISO3-shaped code works).
    Record a =
        MakeRecord("Ruritania votes", StoryText("ruritanian election", 1), "2024-03-11", "The Courier");
    a.actors = {MakeActor("ana-example", "Ana Example", "RUR", 4),
                MakeActor("bo-sample", "Bo Sample", "RUR", 2)};
    a.states = {MakeState("RUR", "Ruritania", -0.5, "negative"), MakeState("FRA", "France", 0.5, "positive")};
    a.votes = {MakeVote("Ana Example", 52.5, "RUR"), MakeVote("Bo Sample", 40, "RUR")};
    Record b = MakeRecord("Harbour cranes", StoryText("harbour cranes", 2), "2024-03-20", "Daily Wire");
    b.actors = {MakeActor("ana-example", "Ana Example", "RUR", 1),
                MakeActor("cy-person", "Cy Person", "FRA", 3)};
    b.states = {MakeState("RUR", "Ruritania", 0.25, "positive")};
    Record c = MakeRecord("April talks", StoryText("spring talks", 3), "2024-04-02", "The Courier");
    c.actors = {MakeActor("cy-person", "Cy Person", "FRA", 1)};
    c.states = {MakeState("RUR", "Ruritania", 0.75, "positive"),
                MakeState("FRA", "France", -0.25, "negative")};
    c.votes = {MakeVote("", 61, "FRA")};
    c.votes[0].kind = "turnout";
    // The same story as c with a footer: a near-duplicate.
    Record d =
        MakeRecord("April talks (reprint)", c.text + " Copyright the wire service.", "2024-04-03", "Echo");
    d.states = c.states;
    Record undated = MakeRecord("Undated", StoryText("orchards", 4), "", "");
    undated.url = "https://www.orchard.example/item";
    for (const Record& r : {a, b, c, d, undated}) {
      AppendOutcome outcome;
      ASSERT_TRUE(store->Append(r, &outcome).ok());
    }
    ASSERT_TRUE(store->Commit().ok());
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override { ASSERT_TRUE(Store::Open(*dir_, Store::Mode::kRead, &store_).ok()); }

  std::vector<std::string> Titles(const RecordFilter& filter) {
    return ::newsmine::testing::MatchingTitles(store_->index(), filter);
  }

  // Runs the program on the store; returns stdout.
  std::string Program(const std::string& arguments, int expected_exit = 0) {
    std::string out;
    EXPECT_EQ(RunCommand(Binary() + " " + arguments + " --store " + *dir_ + " 2>/dev/null", &out),
              expected_exit)
        << arguments;
    return out;
  }

  static std::string* dir_;
  std::unique_ptr<Store> store_;
};

std::string* QueryTest::dir_ = nullptr;

TEST_F(QueryTest, EveryRecordWithoutFilters) {
  EXPECT_THAT(Titles({}), ElementsAre("Ruritania votes", "Harbour cranes", "April talks",
                                      "April talks (reprint)", "Undated"));
}

TEST_F(QueryTest, RecordFiltersCombine) {
  RecordFilter f;
  f.actor = "ANA EXAMPLE";  // names match whatever the case
  EXPECT_THAT(Titles(f), ElementsAre("Ruritania votes", "Harbour cranes"));
  f.actor = "cy-person";  // and ids
  EXPECT_THAT(Titles(f), ElementsAre("Harbour cranes", "April talks"));
  f.article.since = "2024-04";
  EXPECT_THAT(Titles(f), ElementsAre("April talks"));

  RecordFilter state;
  state.state = "rur";
  state.label = "positive";
  EXPECT_THAT(Titles(state), ElementsAre("Harbour cranes", "April talks", "April talks (reprint)"));
  state.article.no_duplicates = true;
  EXPECT_THAT(Titles(state), ElementsAre("Harbour cranes", "April talks"));

  RecordFilter until;
  until.article.until = "2024-03";  // the whole of March
  EXPECT_THAT(Titles(until), ElementsAre("Ruritania votes", "Harbour cranes"));

  RecordFilter source;
  source.article.source = "the courier";
  EXPECT_THAT(Titles(source), ElementsAre("Ruritania votes", "April talks"));
  source.article.source = "orchard.example";  // the URL's host when there is no name
  EXPECT_THAT(Titles(source), ElementsAre("Undated"));

  RecordFilter text;
  text.text = "Orchards!";
  EXPECT_THAT(Titles(text), ElementsAre("Undated"));
  text.text = "spring talks";
  EXPECT_THAT(Titles(text), ElementsAre("April talks", "April talks (reprint)"));
  text.limit = 1;
  text.text = "report";
  EXPECT_EQ(Titles(text).size(), 1u);
}

TEST_F(QueryTest, BadFiltersAreRefused) {
  RecordFilter f;
  f.article.since = "March";
  EXPECT_EQ(FindRecords(store_->index(), f, [](const RecordMatch&) { return Status::Ok(); }).code(),
            Status::Code::kInvalidArgument);
  StateFilter by;
  by.by = "year";
  ResultTable table;
  EXPECT_EQ(QueryStates(store_->index(), by, &table).code(), Status::Code::kInvalidArgument);
}

TEST_F(QueryTest, Votes) {
  VoteFilter f;
  f.country = "RUR";
  ResultTable t;
  ASSERT_TRUE(QueryVotes(store_->index(), f, &t).ok());
  EXPECT_THAT(t.columns, ElementsAre("who", "percent", "kind", "election", "country", "date", "qualifier",
                                     "article", "title"));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(CellText(t.rows[0][0]), "Ana Example");
  EXPECT_EQ(CellText(t.rows[0][1]), "52.5");
  f = {};
  f.kind = "turnout";
  ASSERT_TRUE(QueryVotes(store_->index(), f, &t).ok());
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(CellText(t.rows[0][4]), "FRA");
  f = {};
  f.who = "bo sample";
  ASSERT_TRUE(QueryVotes(store_->index(), f, &t).ok());
  EXPECT_EQ(t.rows.size(), 1u);
}

TEST_F(QueryTest, ActorsAndCoOccurrence) {
  ActorFilter f;
  ResultTable t;
  ASSERT_TRUE(QueryActors(store_->index(), f, &t).ok());
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(CellText(t.rows[0][0]), "ana-example");  // 2 articles, 5 mentions
  EXPECT_EQ(CellText(t.rows[0][3]), "5");
  EXPECT_EQ(CellText(t.rows[0][4]), "2");
  f.top = 1;
  ASSERT_TRUE(QueryActors(store_->index(), f, &t).ok());
  EXPECT_EQ(t.rows.size(), 1u);
  f = {};
  f.state = "FRA";
  ASSERT_TRUE(QueryActors(store_->index(), f, &t).ok());
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(CellText(t.rows[0][0]), "cy-person");
  f = {};
  f.with = "Ana Example";
  ASSERT_TRUE(QueryActors(store_->index(), f, &t).ok());
  EXPECT_EQ(t.columns.back(), "shared_articles");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(CellText(t.rows[0][0]), "cy-person");  // 1 shared article, 3 mentions
  EXPECT_EQ(CellText(t.rows[0][4]), "1");
  EXPECT_EQ(CellText(t.rows[1][0]), "bo-sample");
}

TEST_F(QueryTest, StatesOverTime) {
  StateFilter f;
  f.state = "RUR";
  f.by = "month";
  ResultTable t;
  ASSERT_TRUE(QueryStates(store_->index(), f, &t).ok());
  EXPECT_THAT(t.columns, ElementsAre("state", "name", "period", "mean", "count", "positive", "negative"));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(CellText(t.rows[0][2]), "2024-03");
  EXPECT_EQ(CellText(t.rows[0][3]), "-0.125");  // (-0.5 + 0.25) / 2
  EXPECT_EQ(CellText(t.rows[1][2]), "2024-04");
  EXPECT_EQ(CellText(t.rows[1][4]), "2");  // the reprint counts...
  f.article.no_duplicates = true;
  ASSERT_TRUE(QueryStates(store_->index(), f, &t).ok());
  EXPECT_EQ(CellText(t.rows[1][4]), "1");  // ...unless asked not to
  f = {};
  f.by = "week";
  f.state = "FRA";
  ASSERT_TRUE(QueryStates(store_->index(), f, &t).ok());
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(CellText(t.rows[0][2]), "2024-03-11");  // a Monday
  EXPECT_EQ(CellText(t.rows[1][2]), "2024-04-01");
  f = {};
  ASSERT_TRUE(QueryStates(store_->index(), f, &t).ok());
  EXPECT_THAT(t.columns, ElementsAre("state", "name", "mean", "count", "positive", "negative"));
  EXPECT_EQ(t.rows.size(), 2u);
}

TEST_F(QueryTest, Stats) {
  ResultTable t;
  ASSERT_TRUE(QueryStats(store_.get(), &t).ok());
  std::map<std::string, std::string> stats;
  for (const auto& row : t.rows) stats[CellText(row[0])] = CellText(row[1]);
  EXPECT_EQ(stats["records"], "5");
  EXPECT_EQ(stats["near_duplicates"], "1");
  EXPECT_EQ(stats["sources"], "4");
  EXPECT_EQ(stats["first_date"], "2024-03-11");
  EXPECT_EQ(stats["last_date"], "2024-04-03");
  EXPECT_EQ(stats["undated_records"], "1");
  EXPECT_EQ(stats["errors"], "0");
}

std::string Printed(const ResultTable& table, OutputFormat format) {
  FILE* f = std::tmpfile();
  EXPECT_TRUE(PrintResultTable(table, format, f).ok());
  std::rewind(f);
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
  std::fclose(f);
  return text;
}

TEST(ResultTableTest, EveryFormat) {
  ResultTable t;
  t.columns = {"name", "n", "x"};
  t.rows = {{std::string("a, \"quoted\""), int64_t{3}, 0.5}, {std::string("b"), Cell(), -1.25}};
  EXPECT_EQ(Printed(t, OutputFormat::kCsv), "name,n,x\r\n\"a, \"\"quoted\"\"\",3,0.5\r\nb,,-1.25\r\n");
  EXPECT_EQ(Printed(t, OutputFormat::kJsonl),
            "{\"name\":\"a, \\\"quoted\\\"\",\"n\":3,\"x\":0.5}\n{\"name\":\"b\",\"n\":null,\"x\":-1.25}\n");
  EXPECT_EQ(Printed(t, OutputFormat::kJson),
            "[{\"name\":\"a, \\\"quoted\\\"\",\"n\":3,\"x\":0.5},{\"name\":\"b\",\"n\":null,\"x\":-1.25}]\n");
  EXPECT_EQ(Printed(t, OutputFormat::kTable),
            "name         n  x\n"
            "a, \"quoted\"  3  0.5\n"
            "b               -1.25\n");
  OutputFormat format;
  EXPECT_EQ(ParseOutputFormat("yaml", &format).code(), Status::Code::kInvalidArgument);
}

TEST_F(QueryTest, ProgramFormats) {
  const std::string json = Program("query --state RUR --format json");
  rapidjson::Document d;
  d.Parse(json.c_str());
  ASSERT_TRUE(d.IsArray()) << json;
  ASSERT_EQ(d.Size(), 4u);
  EXPECT_TRUE(d[0].HasMember("actors"));  // whole records
  EXPECT_THAT(Program("query --text cranes --format csv"),
              HasSubstr("id,date,source,title,duplicate_of\r\n"));
  EXPECT_THAT(Program("query votes --country RUR --format table"), HasSubstr("Ana Example"));
  EXPECT_THAT(Program("query actors --with ana-example --format jsonl"),
              HasSubstr("\"actor\":\"bo-sample\""));
  EXPECT_THAT(Program("stats --format csv"), HasSubstr("records,5\r\n"));
  Program("query --since never", 2);
  Program("query planets", 2);
}

TEST_F(QueryTest, ChartIsAnSvgWithALinePerState) {
  const std::string chart = TempDir("chart") + "/states.svg";
  EXPECT_THAT(Program("query states --by month --format csv --chart " + chart),
              HasSubstr("RUR,Ruritania,2024-03"));
  const std::string svg = ::newsmine::testing::ReadFile(chart);
  EXPECT_THAT(svg, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(svg, HasSubstr("RUR Ruritania"));
  size_t lines = 0;
  for (size_t at = svg.find("<polyline"); at != std::string::npos; at = svg.find("<polyline", at + 1))
    ++lines;
  EXPECT_EQ(lines, 2u);
}

}  // namespace
}  // namespace newsmine
