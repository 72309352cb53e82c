// ActorDictionary::LoadPhoenix on small dictionaries written for these tests:
// which of a record's codes holds now, places, types, ids, comments and
// blanks, acronyms and ambiguous phrases.
#include "extract/actor_dictionary.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/gazetteer.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

class ActorDictionaryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    states_ = new StateGazetteer();
    ASSERT_TRUE(states_->LoadFile(testing::SourceDir() + "/corpus/data/countries/states.tsv").ok());
  }
  static void TearDownTestSuite() { delete states_; }

  // `dictionary` with the Phoenix file `text` loaded as `source`.
  static void Load(const std::string& text, ActorDictionary::Source source, ActorDictionary* dictionary) {
    const std::string path = testing::TempDir("actor_dictionary") + "/test.actors.txt";
    testing::WriteFile(path, text);
    const Status s = dictionary->LoadPhoenix(path, source, *states_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // The state of the person the country-file record `text` ("NAME_" and its
  // codes) makes, "-" when it makes no entry.
  static std::string StateOf(const std::string& text) {
    ActorDictionary dictionary;
    Load(text, ActorDictionary::Source::kCountries, &dictionary);
    const ActorEntry* entry = dictionary.Find("quorvex brennigan");
    return entry ? std::string(entry->state) : "-";
  }

  static StateGazetteer* states_;
};

StateGazetteer* ActorDictionaryTest::states_ = nullptr;

TEST_F(ActorDictionaryTest, CurrentCodeComesFirst) {
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[FRAGOV 990101-050101]\n\t[DEUGOV >100101]\n\t[ITAGOV]\n"), "DEU");
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_ [FRAGOV >990101] [DEUGOV >100101]\n"), "FRA");
}

TEST_F(ActorDictionaryTest, DefaultCodeComesBeforeIntervals) {
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[FRAGOV 990101-250101]\n\t[DEUGOV]\n\t[ITAGOV]\n"), "DEU");
}

TEST_F(ActorDictionaryTest, IntervalThatEndedLastHolds) {
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n"
                    "\t[FRAGOV 990101-050101]\n"
                    "\t[DEUGOV 050102-080101]\n"
                    "\t[GBRGOV 780101-981231]\n"),
            "DEU");
  // Ties keep the first; 00-30 is this century, 31-99 the last.
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[FRAGOV 990101-050101]\n\t[DEUGOV 000101-050101]\n"), "FRA");
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[DEUGOV 900101-311231]\n\t[FRAGOV 900101-301231]\n"), "FRA");
  // Dates of another length compare as written.
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[FRAGOV 1990-2001]\n\t[DEUGOV 1990-1999]\n"), "FRA");
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[FRAGOV 1990-2001]\n\t[ITAGOV 900101-050101]\n"), "ITA");
}

TEST_F(ActorDictionaryTest, EarlierCodesAloneGiveTheFirst) {
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[FRAGOV <990101]\n\t[DEUGOV <000101]\n"), "FRA");
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[FRAGOV <990101]\n\t[DEUGOV 000101-010101]\n"), "DEU");
}

TEST_F(ActorDictionaryTest, EmptyAndDashCodesAreSkipped) {
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_ [---] [ ] [DEUGOV]\n"), "DEU");
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[---]\n"), "-");
}

TEST_F(ActorDictionaryTest, CommentsAndBlanksAroundCodes) {
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_  # a comment [FRAGOV]\r\n"
                    "\t  [DEUGOV 990101-000101] ; [ITAGOV >000101]\r\n"
                    "\n"
                    "  \t\n"
                    "\t[ESPGOV\r]\r\n"),
            "ESP");
  // An unclosed code is no code, and ends the line's codes.
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[DEUGOV 990101-000101]\n\t[FRAGOV >990101\n"), "DEU");
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_\n\t[DEUGOV]\x1A\n"), "DEU");
  // Past a comment nothing counts but the line's end: a '{' there does not
  // skip the line, nor a '[' give a code, however far the comment runs.
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_ # {plural} (QB) [FRAGOV] and a comment longer than a block\n"
                    "\t[DEUGOV] # [ITAGOV >990101] {x}\n"),
            "DEU");
  // ESC (0x1B) is found with ';', '[' and '{' but is none of them.
  EXPECT_EQ(StateOf("QUORVEX_BRENNIGAN_ [DEUGOV] \x1B\n"), "DEU");
}

TEST_F(ActorDictionaryTest, CountryCodesWithoutRoleArePlaces) {
  ActorDictionary dictionary;
  Load("QUORVEX_CITY_\n+QUORVEX_\n\t[FRA]\nBRENNIGAN_TALLIS_\n\t[FRA >990101]\n\t[FRAGOV 990101-000101]\n",
       ActorDictionary::Source::kCountries, &dictionary);
  EXPECT_TRUE(dictionary.IsPlace("quorvex city"));
  EXPECT_TRUE(dictionary.IsPlace("quorvex"));
  EXPECT_TRUE(dictionary.IsPlace("brennigan tallis"));
  EXPECT_EQ(dictionary.Find("quorvex city"), nullptr);
  EXPECT_EQ(dictionary.Find("brennigan tallis"), nullptr);
}

TEST_F(ActorDictionaryTest, PersonsTheirIdsAndGivenNames) {
  ActorDictionary dictionary;
  Load("TALLIS_BRENNIGAN_\n+T._BRENNIGAN_\n\t[GBRGOV >200101]\n", ActorDictionary::Source::kCountries,
       &dictionary);
  const ActorEntry* entry = dictionary.Find("tallis brennigan");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->id, "tallis-brennigan");
  EXPECT_EQ(entry->type, ActorType::kPerson);
  EXPECT_EQ(entry->state, "GBR");
  EXPECT_EQ(dictionary.Find("t brennigan"), entry);
  EXPECT_TRUE(dictionary.IsGivenName("tallis"));
  EXPECT_TRUE(dictionary.IsGivenName("t"));
  EXPECT_FALSE(dictionary.IsGivenName("brennigan"));
}

TEST_F(ActorDictionaryTest, InternationalEntriesAndAcronyms) {
  ActorDictionary dictionary;
  Load(
      "QUORVEX_LIBERATION_FRONT_(QLF)_ [NGO]\n"
      "TALLIS_BRENNIGAN_ [IGOUNO]\n"
      "+UN_ENVOY_BRENNIGAN_\n"
      "QUORVEX_ [MNC]\n",
      ActorDictionary::Source::kInternational, &dictionary);
  const ActorEntry* front = dictionary.Find("quorvex liberation front");
  ASSERT_NE(front, nullptr);
  EXPECT_EQ(front->id, "quorvex-liberation-front");
  EXPECT_EQ(front->type, ActorType::kOrganization);
  EXPECT_EQ(front->state, "");
  EXPECT_EQ(dictionary.Find("qlf"), front);
  const ActorEntry* envoy = dictionary.Find("un envoy brennigan");
  ASSERT_NE(envoy, nullptr);
  EXPECT_EQ(envoy->id, "tallis-brennigan");
  EXPECT_EQ(envoy->type, ActorType::kUnknown);
  EXPECT_EQ(dictionary.Find("tallis brennigan"), envoy);
  const ActorEntry* company = dictionary.Find("quorvex");
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->type, ActorType::kOrganization);
}

TEST_F(ActorDictionaryTest, PhraseOfTwoEntriesIsAmbiguous) {
  ActorDictionary dictionary;
  Load("QUORVEX_HOLDINGS_ [MNC]\n+QUORVEX_GROUP_\nQUORVEX_BANK_ [MNC]\n+QUORVEX_GROUP_\n",
       ActorDictionary::Source::kInternational, &dictionary);
  EXPECT_NE(dictionary.Find("quorvex holdings"), nullptr);
  EXPECT_EQ(dictionary.Find("quorvex group"), nullptr);
  // The same primary twice is one entry.
  ActorDictionary twice;
  Load("QUORVEX_HOLDINGS_ [MNC]\n+QUORVEX_GROUP_\nQUORVEX_HOLDINGS_\n+QUORVEX_GROUP_\n",
       ActorDictionary::Source::kInternational, &twice);
  EXPECT_NE(twice.Find("quorvex group"), nullptr);
}

}  // namespace
}  // namespace newsmine
