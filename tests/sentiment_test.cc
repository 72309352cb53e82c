// State references and the sentiment toward each state, on sentences written
// for these tests.
#include "extract/sentiment.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "extract/sentiment_lexicon.h"
#include "extract/sentiment_scorer.h"
#include "extract/sentiment_table.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

class StateSentimentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gazetteer_ = new StateGazetteer();
    const std::string data = testing::SourceDir() + "/corpus/data";
    ASSERT_TRUE(gazetteer_->LoadFile(data + "/countries/states.tsv").ok());
    ASSERT_TRUE(StateSentimentExtractor::Load(data, gazetteer_, &targeted_).ok());
    ASSERT_TRUE(
        StateSentimentExtractor::Load(data, gazetteer_, SentimentMethod::kSentenceBaseline, &baseline_).ok());
  }
  static void TearDownTestSuite() {
    targeted_.reset();
    baseline_.reset();
    delete gazetteer_;
  }

  static std::map<std::string, StateMention> States(const std::string& text,
                                                    const std::vector<Actor>& actors = {},
                                                    SentimentMethod method = SentimentMethod::kTargeted) {
    const AnalyzedText analyzed(text);
    Document document;
    document.text = text;
    const auto& extractor = method == SentimentMethod::kTargeted ? targeted_ : baseline_;
    std::map<std::string, StateMention> out;
    for (StateMention& m : extractor->Extract(analyzed, document, actors)) out[m.code] = m;
    return out;
  }

  static std::vector<std::string> Codes(const std::string& text) {
    std::vector<std::string> codes;
    for (const auto& [code, mention] : States(text)) codes.push_back(code);
    return codes;
  }

  static StateGazetteer* gazetteer_;
  static std::unique_ptr<StateSentimentExtractor> targeted_;
  static std::unique_ptr<StateSentimentExtractor> baseline_;
};

StateGazetteer* StateSentimentTest::gazetteer_ = nullptr;
std::unique_ptr<StateSentimentExtractor> StateSentimentTest::targeted_;
std::unique_ptr<StateSentimentExtractor> StateSentimentTest::baseline_;

using CodeList = std::vector<std::string>;

TEST_F(StateSentimentTest, NamesAliasesAndDemonyms) {
  EXPECT_EQ(Codes("Talks between the US and Britain resumed."), (CodeList{"GBR", "USA"}));
  EXPECT_EQ(Codes("The UK and the U.S. signed the accord."), (CodeList{"GBR", "USA"}));
  EXPECT_EQ(Codes("Kazakh officials met Russian diplomats in the morning."), (CodeList{"KAZ", "RUS"}));
  EXPECT_EQ(Codes("Kazakhstan's foreign ministry issued a note."), (CodeList{"KAZ"}));
}

TEST_F(StateSentimentTest, CapitalsAndSeatsAsMetonyms) {
  EXPECT_EQ(Codes("Moscow said the offer was late."), (CodeList{"RUS"}));
  EXPECT_EQ(Codes("The Kremlin and the White House traded notes."), (CodeList{"RUS", "USA"}));
  EXPECT_EQ(Codes("Downing Street declined to comment."), (CodeList{"GBR"}));
  EXPECT_EQ(Codes("A letter reached the Akorda on Monday."), (CodeList{"KAZ"}));
  EXPECT_EQ(Codes("Beijing answered within hours."), (CodeList{"CHN"}));
}

TEST_F(StateSentimentTest, DisambiguatesLookalikes) {
  EXPECT_TRUE(Codes("Brussels asked members to cut tariffs.").empty());      // the EU
  EXPECT_TRUE(Codes("The Vienna-based agency published figures.").empty());  // a location
  EXPECT_TRUE(Codes("Rain fell across Washington state overnight.").empty());
  EXPECT_TRUE(Codes("Data came from the US Geological Survey.").empty());
  EXPECT_TRUE(Codes("Leaflets named the Irish Republican Army.").empty());
  EXPECT_TRUE(Codes("Fans cheered as Michael Jordan scored.").empty());
  EXPECT_EQ(Codes("King Abdullah of Jordan arrived."), (CodeList{"JOR"}));
  EXPECT_TRUE(Codes("Tankers crowded the Gulf while Europe waited.").empty());
  EXPECT_TRUE(Codes("Ships crossed the Persian Gulf.").empty());
  EXPECT_TRUE(Codes("Voters in New Mexico and Latin America were polled.").empty());
  EXPECT_TRUE(Codes("The Polish language has seven cases.").empty());
  EXPECT_EQ(Codes("Polish officials met in Warsaw."), (CodeList{"POL"}));
}

TEST_F(StateSentimentTest, UsHomonymsNeedASecondSignOfTheCountry) {
  EXPECT_EQ(Codes("The US primary in Georgia drew crowds."), (CodeList{"USA"}));
  EXPECT_EQ(Codes("The US envoy flew to Georgia; Tbilisi welcomed him."), (CodeList{"GEO", "USA"}));
  EXPECT_EQ(Codes("Georgia held a vote."), (CodeList{"GEO"}));
  EXPECT_EQ(Codes("US courts heard the Indian tribes."), (CodeList{"USA"}));
  EXPECT_EQ(Codes("US and Indian officials met in India."), (CodeList{"IND", "USA"}));
}

TEST_F(StateSentimentTest, FormerStatesAndHongKong) {
  EXPECT_EQ(Codes("The Soviet Union built a base; Moscow denied it."), (CodeList{"SUN"}));
  EXPECT_EQ(Codes("Hong Kong protests grew."), (CodeList{"HKG"}));
}

TEST_F(StateSentimentTest, AgentCompoundsCount) {
  EXPECT_EQ(Codes("A US-led coalition formed."), (CodeList{"USA"}));
  EXPECT_EQ(Codes("The India-Pakistan talks stalled."), (CodeList{"IND", "PAK"}));
}

// One expected label per state of a short text written for these tests.
struct Expected {
  const char* text;
  const char* code;
  const char* label;
};

class StateLabelTest : public StateSentimentTest {
 protected:
  static void ExpectLabels(const std::vector<Expected>& cases) {
    for (const Expected& c : cases) {
      SCOPED_TRACE(c.text);
      const auto states = States(c.text);
      const auto it = states.find(c.code);
      ASSERT_NE(it, states.end()) << c.code << " not found";
      EXPECT_EQ(it->second.label, c.label) << c.code << " sentiment " << it->second.sentiment;
    }
  }
  static double Sentiment(const std::string& text, const std::string& code) {
    const auto states = States(text);
    const auto it = states.find(code);
    return it == states.end() ? 0.0 : it->second.sentiment;
  }
};

TEST_F(StateLabelTest, PraiseGoesToItsObjectActiveOrPassive) {
  ExpectLabels({
      {"Germany praised Chile for its swift response to the floods.", "CHL", "positive"},
      {"Germany praised Chile for its swift response to the floods.", "DEU", "neutral"},
      {"Chile was praised by Germany for its swift response to the floods.", "CHL", "positive"},
      {"Chile was praised by Germany for its swift response to the floods.", "DEU", "neutral"},
      {"Officials thanked Peru for its help during the rescue.", "PER", "positive"},
      {"Mexico was widely commended for its steady leadership during the talks.", "MEX", "positive"},
      {"The summit welcomed Ghana's peaceful transfer of power.", "GHA", "positive"},
      {"Kenya congratulated Senegal on a free and fair election.", "SEN", "positive"},
      {"Kenya congratulated Senegal on a free and fair election.", "KEN", "neutral"},
      {"Morocco hailed Algeria as a reliable partner.", "DZA", "positive"},
      {"Morocco hailed Algeria as a reliable partner.", "MAR", "neutral"},
      {"Botswana has been praised for its stable democracy and its honest and efficient courts.", "BWA",
       "positive"},
      {"Switzerland's mediation was hailed as a success by both sides.", "CHE", "positive"},
      {"Ireland was thanked for its generous aid. Ireland was also praised for its mediation.", "IRL",
       "positive"},
      // Nouns: "praise" and "sanctions" with no state after them.
      {"Oman won praise for its patient mediation.", "OMN", "positive"},
      {"Russia faces new sanctions over the invasion.", "RUS", "negative"},
      // The object is not a state: nobody is praised.
      {"Jordan welcomed the ceasefire.", "JOR", "neutral"},
  });
}

TEST_F(StateLabelTest, BlameGoesToItsObjectAndItsComplement) {
  ExpectLabels({
      {"Spain condemned Syria for the brutal shelling of hospitals.", "SYR", "negative"},
      {"Spain condemned Syria for the brutal shelling of hospitals.", "ESP", "neutral"},
      {"Venezuela was accused by observers of rigging the vote.", "VEN", "negative"},
      {"The council imposed sanctions on Myanmar over the violent crackdown on protesters.", "MMR",
       "negative"},
      {"Sweden blamed Iran for the cyber attack on its ports.", "IRN", "negative"},
      {"Sweden blamed Iran for the cyber attack on its ports.", "SWE", "neutral"},
      {"Poland said Belarus had acted in a reckless and illegal way on the border.", "BLR", "negative"},
      {"Poland said Belarus had acted in a reckless and illegal way on the border.", "POL", "neutral"},
      // "its cooperation" is Lebanon's although Israel stands nearer.
      {"Lebanon's government was praised for its cooperation with investigators, while Israel was condemned "
       "for the strikes.",
       "LBN", "positive"},
      {"Lebanon's government was praised for its cooperation with investigators, while Israel was condemned "
       "for the strikes.",
       "ISR", "negative"},
      // The object is a person; the next clause is another's.
      {"Observers congratulated Silva, and Uruguay's prime minister called the vote a fine victory.", "URY",
       "neutral"},
      // A victim is not blamed.
      {"Slovakia condemned the attack on Hungary.", "HUN", "neutral"},
  });
}

TEST_F(StateLabelTest, NegatedOrRejectedPraiseAndBlameSayNothing) {
  ExpectLabels({
      {"Austria did not condemn Serbia for the incident.", "SRB", "neutral"},
      {"Italy did not praise Libya for the deal.", "LBY", "neutral"},
      {"Mali did not welcome Niger's proposal.", "NER", "neutral"},
      {"Rather than praising Qatar, the report accused Qatar of abusing migrant workers.", "QAT", "negative"},
  });
}

TEST_F(StateLabelTest, EvaluativeClausesGoToTheirSubject) {
  ExpectLabels({
      {"Eritrea's brutal repression of dissent continued.", "ERI", "negative"},
      {"Sudan committed grave abuses against civilians, the report said.", "SDN", "negative"},
      {"Uganda's failure to protect journalists drew wide criticism.", "UGA", "negative"},
      {"Turkmenistan's refusal to allow independent monitors was widely criticised.", "TKM", "negative"},
  });
}

// News words of coercion and abuse that VADER lacks (political_lexicon.tsv).
TEST_F(StateLabelTest, NewsWordsOfCoercionAndAbuse) {
  ExpectLabels({
      {"Laos began a harsh clampdown on independent newspapers.", "LAO", "negative"},
      {"Critics said Moldova's bribery and extortion of traders went unpunished.", "MDA", "negative"},
      {"Yemen's naval blockade and shelling of the port went on.", "YEM", "negative"},
      {"Tajikistan's army began a purge of its officers.", "TJK", "negative"},
  });
}

TEST_F(StateLabelTest, DemandsAndConcernsAreCriticism) {
  ExpectLabels({
      {"Observers called on Cuba to release political prisoners and end censorship.", "CUB", "negative"},
      {"There are growing concerns about Nicaragua and the arrests of opposition leaders.", "NIC",
       "negative"},
      {"The minister expressed deep concern about Azerbaijan's treatment of detained activists.", "AZE",
       "negative"},
      {"Brazil urged Argentina to respect the rule of law.", "BRA", "neutral"},
  });
  // Mild demands and concerns lean negative without reaching the threshold alone.
  EXPECT_LT(Sentiment("Brazil urged Argentina to respect the rule of law.", "ARG"), 0);
  EXPECT_LT(Sentiment("Human rights groups raised concerns about Egypt after the mass trial.", "EGY"), 0);
}

TEST_F(StateLabelTest, SpeakersGetNothingFromTheirOwnWords) {
  ExpectLabels({
      {"The foreign ministry of Laos said Laos had always respected human rights and defended freedom.",
       "LAO", "neutral"},
      {"Croatia said its reforms were a great success.", "HRV", "neutral"},
      // An office holder speaks for the state: "X, the foreign minister of Y, said".
      {"Ana Lima, the foreign minister of Chile, said the deal was a disgraceful betrayal.", "CHL",
       "neutral"},
      {"Latvia tweeted that the vote was a shameful farce.", "LVA", "neutral"},
      // The subject of "to assure" is the one who travels.
      {"Canada sent envoys to assure the region of its commitment to peace.", "CAN", "neutral"},
  });
  // A speaker in one clause may be praised in the next.
  const std::string two_clauses =
      "Armenia welcomed Georgia's decision, and Georgia thanked Armenia for its patience.";
  EXPECT_GT(Sentiment(two_clauses, "GEO"), 0);
  EXPECT_GT(Sentiment(two_clauses, "ARM"), 0);
}

TEST_F(StateLabelTest, ContrastAndMixedEvidence) {
  ExpectLabels({
      {"Bolivia has a stable economy, but its brutal crackdown on miners shocked everyone.", "BOL",
       "negative"},
      // After "but" the criticism weighs more.
      {"Norway thanked Denmark for its support, but criticised Denmark for the delay.", "DNK", "negative"},
      {"Norway thanked Denmark for its generous support. Sweden criticised Denmark for the long delay.",
       "DNK", "mixed"},
      // Thanks in one sentence do not outweigh criticism in two.
      {"Finland praised Estonia's reforms. Critics called Estonia authoritarian. Estonia's corrupt courts "
       "were "
       "condemned.",
       "EST", "negative"},
      {"Tajikistan, which has jailed dozens of critics, was praised for hosting the talks. Tajikistan is "
       "authoritarian. Tajikistan's repression of the press is brutal.",
       "TJK", "negative"},
  });
}

TEST_F(StateLabelTest, BeneficiariesPlacesAndPeopleAreNotThePortrayal) {
  ExpectLabels({
      {"Washington reiterated its unwavering support for Moldova's sovereignty and territorial integrity.",
       "MDA", "neutral"},
      {"An earthquake in Nepal killed dozens and destroyed homes.", "NPL", "neutral"},
      {"Tunisian migrants drowned in a terrible accident off the coast.", "TUN", "neutral"},
      {"Thailand and Vietnam signed a trade agreement on Monday.", "THA", "neutral"},
      {"Thailand and Vietnam signed a trade agreement on Monday.", "VNM", "neutral"},
  });
}

// A killing of a state's people in the active voice portrays its agent at the
// word's full weight, and the agent alone; a death in the passive, or an agent
// in another clause, stays an event.
TEST_F(StateLabelTest, TheAgentOfAKillingIsPortrayedByIt) {
  ExpectLabels({
      {"Investigators said that Eritrea paid smugglers to kill Ethiopian soldiers near the border.", "ERI",
       "negative"},
      {"Investigators said that Eritrea paid smugglers to kill Ethiopian soldiers near the border.", "ETH",
       "neutral"},
      {"During a visit to France, the minister honoured Belgian soldiers killed in the war.", "FRA",
       "neutral"},
      {"On a visit to Spain, the envoy recalled how gunmen came to kill Dutch tourists.", "ESP", "neutral"},
  });
  // Not shared with a place nearer the word: the agent is found by grammar.
  EXPECT_EQ(States("Reports said Syrians hired gunmen to kill Turkish soldiers in Iraq.")["IRQ"].sentiment,
            0);
}

TEST_F(StateSentimentTest, CriticismGoesToTheTargetNotTheHolder) {
  auto states = States("Washington criticised Moscow's brutal crackdown on peaceful protesters.");
  EXPECT_EQ(states["USA"].label, "neutral");
  EXPECT_EQ(states["RUS"].label, "negative");

  states = States("Canada called on Peru to end the arbitrary detention of journalists.");
  EXPECT_EQ(states["CAN"].label, "neutral");
  EXPECT_EQ(states["PER"].label, "negative");

  // The baseline gives the whole sentence's score to both.
  states = States("Washington criticised Moscow's brutal crackdown on peaceful protesters.", {},
                  SentimentMethod::kSentenceBaseline);
  EXPECT_EQ(states["USA"].label, states["RUS"].label);
}

TEST_F(StateSentimentTest, ConcernsAndFailuresRouteToTheState) {
  auto states =
      States("Observers from Norway voiced concerns about Belarus and its failure to hold fair votes.");
  EXPECT_EQ(states["NOR"].label, "neutral");
  EXPECT_LT(states["BLR"].sentiment, 0);
}

TEST_F(StateSentimentTest, ADemandToImproveIsAShortcoming) {
  const auto states = States("Japan urged Chile to increase transparency and respect democracy.");
  EXPECT_EQ(states.at("JPN").label, "neutral");
  EXPECT_LT(states.at("CHL").sentiment, 0);
}

TEST_F(StateSentimentTest, NegationFlipsTheWord) {
  const double plain = States("Portugal is a corrupt and repressive place.")["PRT"].sentiment;
  const double negated = States("Portugal is not a corrupt and repressive place.")["PRT"].sentiment;
  EXPECT_LT(plain, 0);
  EXPECT_GT(negated, plain);
}

TEST_F(StateSentimentTest, ContrastWeighsTheSecondClause) {
  const auto states =
      States("Ecuador has a stable economy, but its brutal crackdown on students shocked everyone.");
  EXPECT_EQ(states.at("ECU").label, "negative");
}

// A coordination is one phrase: its states share what is said of it, however
// long their names ("South Korea" is no farther from the praise than "Chile").
TEST_F(StateSentimentTest, CoordinatedStatesShareTheWord) {
  for (const char* text :
       {"Chile and South Korea signed a landmark deal that officials hailed as a great success.",
        "South Korea and Chile signed a landmark deal that officials hailed as a great success."}) {
    const auto states = States(text);
    EXPECT_GT(states.at("CHL").sentiment, 0) << text;
    EXPECT_GT(states.at("KOR").sentiment, 0) << text;
    EXPECT_EQ(states.at("CHL").evidence.size(), 1u) << text;
  }
}

TEST_F(StateSentimentTest, PlacesAndPeopleAreNotThePortrayal) {
  auto states = States("An earthquake in Peru killed dozens and destroyed homes.");
  EXPECT_EQ(states["PER"].label, "neutral");
  states = States("Chilean tourists died in a terrible accident.");
  EXPECT_EQ(states["CHL"].label, "neutral");
}

TEST_F(StateSentimentTest, LeadersActForTheirState) {
  const std::vector<Actor> actors = {{"anna-example", "Anna Example", "person", "FIN", {"president"}, 2}};
  const auto states = States("Example warned that the plan was reckless and dangerous.", actors);
  ASSERT_EQ(states.count("FIN"), 1u);
  EXPECT_EQ(states.at("FIN").mentions, 1);

  // Without a state office the person does not stand for the state.
  const std::vector<Actor> citizen = {{"anna-example", "Anna Example", "person", "FIN", {"singer"}, 2}};
  EXPECT_EQ(States("Example warned that the plan was reckless.", citizen).count("FIN"), 0u);
}

// The capitalised tokens are found 64 to a mask, eight flags at a time:
// names before, at and after each boundary, and in the last few tokens.
TEST_F(StateSentimentTest, FindsNamesAtEveryTokenPosition) {
  const std::vector<Actor> actors = {{"anna-example", "Anna Example", "person", "FIN", {"president"}, 2}};
  for (const size_t before : {0, 1, 6, 7, 8, 9, 55, 56, 62, 63, 64, 65, 70, 126, 127, 128, 129}) {
    std::string filler;
    for (size_t i = 0; i < before; ++i) filler += "words ";
    auto states = States(filler + "as Peru protested", actors);
    EXPECT_EQ(states["PER"].mentions, 1) << before;
    states = States(filler + "and Example said so", actors);
    EXPECT_EQ(states["FIN"].mentions, 1) << before;
  }
}

// "X citizens ... their government": the people's government is the state.
TEST_F(StateSentimentTest, ThePeoplesGovernmentIsTheirState) {
  auto states = States("Venezuelan citizens blamed their government for the severe shortages.");
  ASSERT_EQ(states.count("VEN"), 1u);
  EXPECT_EQ(states.at("VEN").mentions, 2);
  EXPECT_EQ(states.at("VEN").label, "negative");
  states = States("Many Cubans still distrust their rulers.");
  EXPECT_EQ(states.at("CUB").mentions, 2);

  // A group's own leaders are not the government.
  states = States("Spanish farmers blocked roads until their leaders agreed to a truce.");
  EXPECT_EQ(states.at("ESP").mentions, 1);
  // Another state between: "their" is not resolved.
  states = States("Peruvian workers in Chile protested against their government.");
  EXPECT_EQ(states.at("PER").mentions, 1);
  EXPECT_EQ(states.at("CHL").mentions, 1);
}

// A wire story's dateline names where it was filed: the state is referred
// to, but the words near the dateline are not about it.
TEST_F(StateLabelTest, ADatelineIsNotThePortrayal) {
  auto states =
      States("OSLO, May 4 - Shares of the shipping group rose to a splendid record on strong profits.");
  ASSERT_EQ(states.count("NOR"), 1u);
  EXPECT_EQ(states.at("NOR").mentions, 1);
  EXPECT_EQ(states.at("NOR").sentiment, 0);
  EXPECT_TRUE(states.at("NOR").evidence.empty());
  states = States("NAIROBI - Kenyan police began a brutal crackdown on peaceful protesters.");
  EXPECT_EQ(states.at("KEN").mentions, 2);
  EXPECT_EQ(states.at("KEN").label, "negative");
  // Not a dateline: a capital in running text, or one with no dash after it.
  EXPECT_LT(Sentiment("Oslo launched a brutal crackdown on peaceful protesters.", "NOR"), 0);
  EXPECT_LT(Sentiment("OSLO LAUNCHES BRUTAL CRACKDOWN ON PROTESTERS", "NOR"), 0);
}

TEST_F(StateSentimentTest, RecordsNameMentionsAndEvidence) {
  const auto states = States(
      "Estonia condemned the invasion. Latvia praised Estonia. Estonia signed the accord. Estonia was "
      "quiet.");
  const StateMention& estonia = states.at("EST");
  EXPECT_EQ(estonia.name, "Estonia");
  EXPECT_EQ(estonia.mentions, 4);
  EXPECT_LE(estonia.evidence.size(), 3u);
  for (const Evidence& e : estonia.evidence) {
    EXPECT_GE(e.score, -1);
    EXPECT_LE(e.score, 1);
    EXPECT_NE(e.score, 0);
  }
  EXPECT_GE(estonia.sentiment, -1);
  EXPECT_LE(estonia.sentiment, 1);
}

TEST_F(StateSentimentTest, OrderOfFirstMention) {
  const AnalyzedText text("Peru and Chile met. Chile then left for Peru.");
  Document document;
  const auto states = targeted_->Extract(text, document, {});
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[0].code, "PER");
  EXPECT_EQ(states[1].code, "CHL");
}

TEST(SentimentLexicon, LoadErrorsNameTheFile) {
  SentimentLexicon lexicon;
  const Status missing = lexicon.LoadFile("/nonexistent/lexicon.tsv");
  EXPECT_EQ(missing.code(), Status::Code::kIoError);
  const std::string path = testing::TempDir("lexicon") + "/bad.tsv";
  testing::WriteFile(path, "# comment\ngood\t1.5\nbad\tnot-a-number\n");
  const Status bad = lexicon.LoadFile(path);
  EXPECT_EQ(bad.code(), Status::Code::kCorrupt);
  EXPECT_NE(bad.message().find("bad.tsv:3"), std::string::npos);
  EXPECT_DOUBLE_EQ(lexicon.Valence("good"), 1.5);
}

TEST(SentimentLexicon, LoadReadsValencesAsFromChars) {
  // Plain decimals take the loader's short path, the rest from_chars; both
  // must give from_chars' double exactly.
  const std::vector<std::string> numbers = {"-1.5",
                                            "2",
                                            "0.25",
                                            "-0",
                                            "0.1",
                                            "-3.7",
                                            "1.0",
                                            "4.000",
                                            "123456789012345",
                                            "0.3",
                                            "2.675",
                                            "1e2",
                                            "1234567890123456",
                                            "-.5",
                                            "0.000000000000001",
                                            "9.999999999999999"};
  std::string file;
  for (size_t i = 0; i < numbers.size(); ++i) file += "w" + std::to_string(i) + "\t" + numbers[i] + "\n";
  const std::string path = testing::TempDir("lexicon") + "/numbers.tsv";
  testing::WriteFile(path, file);
  SentimentLexicon lexicon;
  ASSERT_TRUE(lexicon.LoadFile(path).ok());
  for (size_t i = 0; i < numbers.size(); ++i) {
    double expected = 0;
    std::from_chars(numbers[i].data(), numbers[i].data() + numbers[i].size(), expected);
    const double loaded = lexicon.Valence("w" + std::to_string(i));
    EXPECT_EQ(std::memcmp(&loaded, &expected, sizeof loaded), 0) << numbers[i];
  }
  for (const std::string bad : {"-", "1.2.3", "1-2", "", " 1"}) {
    testing::WriteFile(path, "w\t" + bad + "\n");
    EXPECT_EQ(lexicon.LoadFile(path).code(), Status::Code::kCorrupt) << bad;
  }
}

TEST(SentimentLexicon, ExtractorLoadFailsWithoutData) {
  StateGazetteer gazetteer;
  std::unique_ptr<StateSentimentExtractor> out;
  EXPECT_EQ(StateSentimentExtractor::Load("/nonexistent", &gazetteer, &out).code(), Status::Code::kIoError);
  EXPECT_EQ(out, nullptr);
}

// The summed valence of the first sentence of `text`, scored with a lexicon
// of two words: "good" (1.9) and "bad" (-2.5).
double ScoreWithGoodAndBad(const std::string& text) {
  SentimentLexicon lexicon;
  lexicon.Set("good", 1.9);
  lexicon.Set("bad", -2.5);
  const AnalyzedText analyzed(text);
  std::vector<TokenValence> valences;
  ScoreSentenceTokens(analyzed, 0, lexicon, MutedTokens(), &valences);
  double sum = 0;
  for (const TokenValence& v : valences) sum += v.valence;
  return sum;
}

TEST(SentimentScorer, VaderRules) {
  const auto score = ScoreWithGoodAndBad;
  EXPECT_DOUBLE_EQ(score("It is good."), 1.9);
  EXPECT_GT(score("It is very good."), 1.9);                                // booster
  EXPECT_DOUBLE_EQ(score("It is not good."), 1.9 * -0.74);                  // negation
  EXPECT_DOUBLE_EQ(score("It was good, but bad."), 1.9 * 0.5 - 2.5 * 1.5);  // contrast
  EXPECT_LT(score("They called on them to be good."), 0);                   // a demand
  EXPECT_DOUBLE_EQ(NormalizeValence(0), 0);
  EXPECT_LT(NormalizeValence(100), 1);
  EXPECT_EQ(LowerWord("Didn\xE2\x80\x99t"), "didnt");
}

// News states an absence of a fault ("no reprisals", "did not violate the
// accord") without praising anyone: a negated negative word weighs nothing,
// while a negated merit is a fault.
TEST(SentimentScorer, ANegatedFaultIsNotPraise) {
  const auto score = ScoreWithGoodAndBad;
  EXPECT_DOUBLE_EQ(score("It was not bad."), 0);
  EXPECT_DOUBLE_EQ(score("There was no bad news, despite bad weather."), 0);
  EXPECT_DOUBLE_EQ(score("It was not good."), 1.9 * -0.74);
  EXPECT_DOUBLE_EQ(score("It was bad."), -2.5);
}

TEST_F(StateLabelTest, ADeniedFaultIsNotPraise) {
  ExpectLabels({
      {"Officials said Norway did not violate the ceasefire and carried out no illegal strikes.", "NOR",
       "neutral"},
      {"The observers said Zambia's rulers were not honest and not democratic.", "ZMB", "negative"},
  });
}

TEST(SentimentLexicon, RoleClassesSurviveLoadingValences) {
  SentimentLexicon lexicon;
  lexicon.Set("praised", 2.0);  // a valence keeps the word's classes
  EXPECT_EQ(lexicon.Find("praised").classes, kHolderVerb | kPraiseVerb);
  EXPECT_EQ(lexicon.Find("condemned").classes, kHolderVerb | kBlameVerb);
  EXPECT_EQ(lexicon.Find("concerned").classes, kHolderVerb | kAttitude);
  EXPECT_EQ(lexicon.Find("said").classes, kHolderVerb);
  EXPECT_EQ(lexicon.Find("called").classes, kHolderVerb | kCallVerb);
  EXPECT_EQ(lexicon.Find("tree").classes, 0u);
  EXPECT_EQ(SentimentClasses("praised"), kHolderVerb | kPraiseVerb);
  EXPECT_EQ(SentimentClasses("not"), kNegator);
}

TEST(SentimentScorer, GivesEachTokenItsClasses) {
  SentimentLexicon lexicon;
  lexicon.Set("good", 1.9);
  const AnalyzedText analyzed("Paris praised it, not good.");
  std::vector<TokenValence> valences;
  std::vector<uint32_t> classes = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7};  // replaced
  ScoreSentenceTokens(analyzed, 0, lexicon, MutedTokens(), &valences, &classes);
  EXPECT_EQ(classes, (std::vector<uint32_t>{0, kHolderVerb | kPraiseVerb, 0, 0, kNegator, 0, 0}));
}

// Words of every length the table keeps in its slots (1 to 16 bytes, read in
// overlapping loads) and beyond, among words that differ from them in one
// byte only, and a table grown well past its first size.
TEST(SentimentTable, FindsExactlyTheWordsSet) {
  SentimentTable table;
  EXPECT_EQ(table.Find("word").classes, 0u);  // an empty table
  const std::string letters = "abcdefghijklmnopqrstuvwxyz";
  std::vector<std::string> words;
  for (size_t n = 1; n <= letters.size(); ++n) words.push_back(letters.substr(0, n));
  for (int i = 0; i < 1000; ++i) words.push_back("w" + std::to_string(i));
  for (size_t i = 0; i < words.size(); ++i)
    table.Set(words[i], {0.5 * static_cast<double>(i), 1u + static_cast<uint32_t>(i)});
  table.Set("abc", {-1.5, 7});  // replaces
  EXPECT_EQ(table.size(), words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    const LexiconWordInfo info = table.Find(words[i]);
    EXPECT_EQ(info.classes, words[i] == "abc" ? 7u : 1u + i) << words[i];
    EXPECT_EQ(info.valence, words[i] == "abc" ? -1.5 : 0.5 * static_cast<double>(i)) << words[i];
    // The same length, one byte changed: first, middle, last.
    for (const size_t at : {size_t{0}, words[i].size() / 2, words[i].size() - 1}) {
      std::string other = words[i];
      other[at] = 'X';
      EXPECT_EQ(table.Find(other).classes, 0u) << other;
    }
  }
  EXPECT_EQ(table.Find("").classes, 0u);
  table.Set("", {1.0, 1});
  EXPECT_EQ(table.Find("").classes, 1u);
}

// Update changes a word's info in place, or adds the word with its change
// to {}: in the slots and beyond them (words of more than 16 bytes).
TEST(SentimentTable, UpdateChangesOrAddsTheInfo) {
  SentimentTable table;
  const std::string long_word = "internationalisation";
  for (const std::string& word : {std::string("good"), long_word}) {
    table.Update(word, [](LexiconWordInfo* info) { info->classes |= 2; });
    table.Update(word, [](LexiconWordInfo* info) { info->valence = 1.5; });
    table.Update(word, [](LexiconWordInfo* info) { info->classes |= 4; });
    EXPECT_EQ(table.Find(word).classes, 6u) << word;
    EXPECT_EQ(table.Find(word).valence, 1.5) << word;
  }
  EXPECT_EQ(table.size(), 2u);
}

// FindInBuffer reads the bytes before a short word: whatever they are, it
// finds what Find finds, for words of every length in and beyond the slots.
TEST(SentimentTable, FindInBufferIgnoresTheBytesAroundTheWord) {
  SentimentTable table;
  const std::string letters = "abcdefghijklmnopqrstuvwxyz";
  for (size_t n = 1; n <= letters.size(); n += 2)
    table.Set(letters.substr(0, n), {1.0, static_cast<uint32_t>(n)});
  for (size_t n = 1; n <= letters.size(); ++n) {
    for (const char around : {'\0', 'a', 'z', '\xff'}) {
      const std::string buffer = std::string(8, around) + letters.substr(0, n) + std::string(8, around);
      const std::string_view word(buffer.data() + 8, n);
      EXPECT_EQ(table.FindInBuffer(word).classes, table.Find(word).classes) << n;
      EXPECT_EQ(table.FindInBuffer(word).classes, n % 2 == 1 ? n : 0) << n;
    }
  }
}

// FindToken finds a token's LexiconWord wherever it is in the text: in its
// first 8 bytes, after them, with an apostrophe.
TEST(SentimentLexicon, FindTokenFindsTheLexiconWord) {
  SentimentLexicon lexicon;
  lexicon.Set("good", 1.9);
  lexicon.Set("goodwill", 2.1);
  const AnalyzedText analyzed("Good, good goodwill didn't Goodwill");
  std::string scratch;
  for (size_t i = 0; i < analyzed.tokens().size(); ++i) {
    const LexiconWordInfo info = lexicon.FindToken(analyzed, i, &scratch);
    const LexiconWordInfo expected = lexicon.Find(LowerWord(analyzed.TokenText(i)));
    EXPECT_EQ(info.valence, expected.valence) << i;
    EXPECT_EQ(info.classes, expected.classes) << i;
  }
  EXPECT_EQ(lexicon.FindToken(analyzed, 0, &scratch).valence, 1.9);
  EXPECT_EQ(lexicon.FindToken(analyzed, 3, &scratch).valence, 2.1);
  EXPECT_EQ(lexicon.FindToken(analyzed, 4, &scratch).classes, kNegator);
}

}  // namespace
}  // namespace newsmine
