// ActorExtractor on sentences written for these tests: coreference, roles,
// affiliation, acronyms, dictionaries, Unicode names and false-positive traps.
#include "extract/actors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "extract/actor_link_index.h"
#include "extract/actor_mentions.h"
#include "extract/gazetteer.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

class ActorsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    states_ = new StateGazetteer();
    const std::string data = testing::SourceDir() + "/corpus/data";
    ASSERT_TRUE(states_->LoadFile(data + "/countries/states.tsv").ok());
    std::unique_ptr<ActorExtractor> actors;
    const Status s = ActorExtractor::Load(data, {}, states_, &actors);
    ASSERT_TRUE(s.ok()) << s.ToString();
    actors_ = actors.release();
  }
  static void TearDownTestSuite() {
    delete actors_;
    delete states_;
  }

  // An extractor with the project's data and one more dictionary, written
  // from `contents` into a fresh folder named for `test`.
  static std::unique_ptr<ActorExtractor> LoadWithDictionary(const std::string& test,
                                                            const std::string& contents) {
    const std::string path = testing::TempDir(test) + "/extra.actors.txt";
    testing::WriteFile(path, contents);
    std::unique_ptr<ActorExtractor> extractor;
    const Status s = ActorExtractor::Load(testing::SourceDir() + "/corpus/data", {path}, states_, &extractor);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return extractor;
  }

  static std::vector<Actor> Extract(const std::string& text, const ActorExtractor* extractor = nullptr) {
    const AnalyzedText analyzed(text);
    Document document;
    document.text = text;
    return (extractor ? extractor : actors_)->Extract(analyzed, document);
  }

  static const Actor* Find(const std::vector<Actor>& actors, const std::string& name) {
    const auto it =
        std::find_if(actors.begin(), actors.end(), [&](const Actor& a) { return a.name == name; });
    return it == actors.end() ? nullptr : &*it;
  }

  static std::vector<std::string> Names(const std::vector<Actor>& actors) {
    std::vector<std::string> names;
    for (const Actor& a : actors) names.push_back(a.name);
    return names;
  }

  static bool HasRole(const Actor& a, const std::string& role) {
    return std::find(a.roles.begin(), a.roles.end(), role) != a.roles.end();
  }

  static StateGazetteer* states_;
  static ActorExtractor* actors_;
};

StateGazetteer* ActorsTest::states_ = nullptr;
ActorExtractor* ActorsTest::actors_ = nullptr;

TEST_F(ActorsTest, SurnameTitleAndPossessiveAreOneActorUnderTheFullName) {
  const auto actors = Extract(
      "Voters re-elected Kassym-Jomart Tokayev on Sunday. President Tokayev thanked them, and "
      "Tokayev's rivals conceded. Mr Tokayev will serve seven years.");
  ASSERT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].name, "Kassym-Jomart Tokayev");
  EXPECT_EQ(actors[0].type, "person");
  EXPECT_EQ(actors[0].mentions, 4);
  EXPECT_TRUE(HasRole(actors[0], "president"));
  EXPECT_EQ(actors[0].state, "KAZ");  // a current leader, from the Factbook
}

TEST_F(ActorsTest, SurnameBeforeFullNameStillJoins) {
  const auto actors =
      Extract("Observers praised Haldorsen for the plan. Later, Ingrid Haldorsen left the room.");
  ASSERT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].name, "Ingrid Haldorsen");
  EXPECT_EQ(actors[0].mentions, 2);
}

TEST_F(ActorsTest, DictionaryGivesTheSameIdWithAndWithoutGivenName) {
  const auto short_form = Extract("Analysts expect that Putin will attend the meeting.");
  const auto long_form = Extract("Analysts expect that Vladimir Putin will attend the meeting.");
  ASSERT_EQ(short_form.size(), 1u);
  ASSERT_EQ(long_form.size(), 1u);
  EXPECT_EQ(short_form[0].id, long_form[0].id);
  EXPECT_EQ(short_form[0].state, "RUS");
  EXPECT_EQ(long_form[0].name, "Vladimir Putin");
}

TEST_F(ActorsTest, LeaderSurnameGivesIdOnlyToThatLeader) {
  const auto alone = Extract("The talks were led by Prime Minister Starmer.");
  ASSERT_EQ(alone.size(), 1u) << ::testing::PrintToString(Names(alone));
  EXPECT_EQ(alone[0].id, "keir-starmer");
  EXPECT_EQ(alone[0].state, "GBR");
  const auto other = Extract("The motion was tabled by Councillor Maud Starmer.");
  ASSERT_EQ(other.size(), 1u) << ::testing::PrintToString(Names(other));
  EXPECT_EQ(other[0].id, "maud-starmer");
  EXPECT_TRUE(other[0].state.empty());
}

TEST_F(ActorsTest, UnknownNamesGetSlugIds) {
  const auto actors = Extract("The challenger, Zhiguli Dayrabayev, received few votes.");
  ASSERT_EQ(actors.size(), 1u);
  EXPECT_EQ(actors[0].id, "zhiguli-dayrabayev");
  EXPECT_EQ(actors[0].type, "person");
}

TEST_F(ActorsTest, TitleBeforeNameGivesRoleAndDemonymGivesState) {
  const auto actors = Extract("Yesterday Russian Deputy Defense Minister Oleg Vantrusov inspected the base.");
  const Actor* a = Find(actors, "Oleg Vantrusov");
  ASSERT_NE(a, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_TRUE(HasRole(*a, "deputy defense minister"));
  EXPECT_EQ(a->state, "RUS");
}

TEST_F(ActorsTest, PossessiveStateAndLowerCaseRole) {
  const auto actors = Extract("Officials said Kazakhstan's president Marat Zhunusov would visit.");
  const Actor* a = Find(actors, "Marat Zhunusov");
  ASSERT_NE(a, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_TRUE(HasRole(*a, "president"));
  EXPECT_EQ(a->state, "KAZ");
}

TEST_F(ActorsTest, AppositionGivesRole) {
  const auto actors =
      Extract("The plan was backed by Pieter Vanlanduyt, the bloc's high representative, on Friday.");
  const Actor* a = Find(actors, "Pieter Vanlanduyt");
  ASSERT_NE(a, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_TRUE(HasRole(*a, "high representative"));
}

TEST_F(ActorsTest, SecretaryOfStateStaysOneTitle) {
  const auto actors = Extract("Ohio Secretary of State Dana Kowalczyk certified the count.");
  const Actor* a = Find(actors, "Dana Kowalczyk");
  ASSERT_NE(a, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_TRUE(HasRole(*a, "secretary of state"));
}

TEST_F(ActorsTest, ListAfterPluralTitle) {
  const auto actors = Extract("He was congratulated by presidents Xi, Putin and Lukashenko.");
  EXPECT_EQ(actors.size(), 3u) << ::testing::PrintToString(Names(actors));
  for (const Actor& a : actors) EXPECT_EQ(a.type, "person") << a.name;
}

TEST_F(ActorsTest, AcronymInParenthesesJoinsItsExpansion) {
  const auto actors = Extract(
      "The Organization for Security and Cooperation in Europe (OSCE) sent observers. "
      "The OSCE said the vote lacked competition.");
  ASSERT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].name, "Organization for Security and Cooperation in Europe");
  EXPECT_EQ(actors[0].type, "organization");
  EXPECT_EQ(actors[0].mentions, 2);
}

// Runs joined by commas whose initials spell the acronym after them are one
// name: "United Nations Educational, Scientific and Cultural Organization
// (UNESCO)".
TEST_F(ActorsTest, AcronymJoinsARunBrokenByCommas) {
  const auto actors = Extract(
      "Funds came from the Tarvo Maritime, Rail and Road Transport Authority (TMRRTA) on Monday. The TMRRTA "
      "said so. Ships from Kessel, Marlow Harbour Board (MHB) docked.");
  const Actor* authority = Find(actors, "Tarvo Maritime, Rail and Road Transport Authority");
  ASSERT_NE(authority, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(authority->type, "organization");
  EXPECT_EQ(authority->mentions, 2);
  // The initials of "Kessel, Marlow Harbour Board" are no "MHB": a list.
  EXPECT_NE(Find(actors, "Marlow Harbour Board"), nullptr) << ::testing::PrintToString(Names(actors));
}

TEST_F(ActorsTest, InitialsJoinWithoutParentheses) {
  const auto actors = Extract("The Northern Fishing Cooperative Union met. Later the NFCU voted to strike.");
  ASSERT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].mentions, 2);
}

TEST_F(ActorsTest, RunOfAcronymsAndItsHeadAreOne) {
  const auto actors = Extract("Monitors from OSCE ODIHR arrived. ODIHR published a report.");
  const Actor* a = Find(actors, "OSCE ODIHR");
  ASSERT_NE(a, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(a->mentions, 2);
}

TEST_F(ActorsTest, OrganisationCuesDecideTheType) {
  const auto actors = Extract(
      "Critics included the Ministry of Foreign Affairs, Brannock Widgets Inc. and Tallow Valley University. "
      "Members of the Green Party of the United States protested.");
  for (const std::string name : {"Ministry of Foreign Affairs", "Brannock Widgets Inc",
                                 "Tallow Valley University", "Green Party of the United States"}) {
    const Actor* a = Find(actors, name);
    ASSERT_NE(a, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_EQ(a->type, "organization") << name;
  }
}

TEST_F(ActorsTest, PersonAfterOrganisationIsCutOff) {
  const auto actors = Extract(
      "The Freedom Union Party Vice Chairman Arvo Teder spoke. Later Mirjam Saks of the Freedom Union Party "
      "agreed.");
  EXPECT_NE(Find(actors, "Arvo Teder"), nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_NE(Find(actors, "Mirjam Saks"), nullptr) << ::testing::PrintToString(Names(actors));
  const Actor* party = Find(actors, "Freedom Union Party");
  ASSERT_NE(party, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(party->mentions, 2);
}

// A plural title after "of" names the body's members, not a new name:
// "House of Representatives", "Council of Ministers".
TEST_F(ActorsTest, PluralTitleAfterOfStaysInTheOrganisation) {
  const auto actors = Extract(
      "The bill passed the Varnian Assembly of Delegates on Monday. It then went to the Senate and "
      "Council of Governors, which meet in Tarvo.");
  for (const std::string name : {"Varnian Assembly of Delegates", "Senate", "Council of Governors"}) {
    const Actor* a = Find(actors, name);
    ASSERT_NE(a, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_EQ(a->type, "organization") << name;
  }
  // A singular title after "of" still starts a person's name.
  const auto person = Extract("Critics included the Tarvo Harbour Board of Director Elmo Vask.");
  EXPECT_EQ(Find(person, "Tarvo Harbour Board of Director Elmo Vask"), nullptr)
      << ::testing::PrintToString(Names(person));
}

// The plural of an acronym or of an organisation noun is a kind of
// organisation, not one ("NGOs", "Non-Governmental Organizations"), and no
// person's name ("Several NGOs", "Harbour Services").
TEST_F(ActorsTest, PluralOfAcronymOrOrganisationNounIsAKind) {
  const auto actors = Extract(
      "Aid came from NGOs [Non-Governmental Organizations] and from the Varnel Relief Council. "
      "Several NGOs praised it, and Harbour Services agreed. Later Tomas Ruell of the Varnel Relief "
      "Council spoke.");
  EXPECT_EQ(Names(actors), (std::vector<std::string>{"Varnel Relief Council", "Tomas Ruell"}));
}

// A name before "newspaper", "magazine", "news agency", or with an
// apposition headed by one, is a news outlet; a newspaper's name keeps its
// article.
TEST_F(ActorsTest, NameBeforeNewspaperNounIsAnOutlet) {
  const auto actors = Extract(
      "The poll was published in the Marlow Courier newspaper on Monday. The Gazette said so, and the "
      "Kessel Argus, a Tarvo daily, agreed. It was reported by the Pellum news agency. Critics included "
      "Anna Berg, a newspaper columnist, and the Observer magazine.");
  for (const std::string name : {"the Marlow Courier", "the Kessel Argus", "Pellum", "the Observer"}) {
    const Actor* a = Find(actors, name);
    ASSERT_NE(a, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_EQ(a->type, "organization") << name;
  }
  const Actor* person = Find(actors, "Anna Berg");
  ASSERT_NE(person, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(person->type, "person");
  // No outlet after "a", "daily" as an adverb, or a cut-off name.
  const auto none = Extract(
      "A Varnian newspaper said so. Total daily output rose. The Sunday Mail newspaper said so. Ships "
      "leave Pellum daily.");
  for (const std::string name : {"Varnian", "Total", "Mail", "Pellum"}) {
    EXPECT_EQ(Find(none, name), nullptr) << name << " in " << ::testing::PrintToString(Names(none));
  }
}

// A lone name right after a noun for a kind of organisation, or in commas
// after one, is that organisation: "the utility Electricorp", "one carrier,
// Pellair, said"; not the first of partners' names, nor a ship.
TEST_F(ActorsTest, NameAfterKindOfOrganisationIsOne) {
  const auto actors = Extract(
      "Arguments broke out. One utility, Pellcorp, said its assets are worth less. The investment firm "
      "Varnex sold its stake. The law firm Quist, Morrow and Dane advised, with the bank Tellam and Roe. A "
      "gas "
      "carrier, Nyhamra, was hit.");
  for (const std::string name : {"Pellcorp", "Varnex"}) {
    const Actor* a = Find(actors, name);
    ASSERT_NE(a, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_EQ(a->type, "organization") << name;
  }
  EXPECT_EQ(Find(actors, "Quist"), nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(Find(actors, "Tellam"), nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(Find(actors, "Nyhamra"), nullptr) << ::testing::PrintToString(Names(actors));
}

// After "<organisation noun> of", fields joined by "and" are one body's name
// ("Institute of Allergy and Tropical Diseases"); a place, a given name or a
// title on a side still splits ("University of Miami and Apex Shark
// Research", "Bureau of Forestry and Marlon Teague").
TEST_F(ActorsTest, FieldsJoinedByAndAfterOrganisationNounAreOneName) {
  const auto actors = Extract(
      "The Varnian Institute of Allergy and Tropical Diseases said so. A spokesman for the Pellum "
      "Department of Housing and Coastal Planning declined to comment.");
  for (const std::string name : {"Varnian Institute of Allergy and Tropical Diseases",
                                 "Pellum Department of Housing and Coastal Planning"}) {
    const Actor* a = Find(actors, name);
    ASSERT_NE(a, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_EQ(a->type, "organization") << name;
  }
  EXPECT_EQ(Find(actors, "Tropical Diseases"), nullptr) << ::testing::PrintToString(Names(actors));
  const auto split = Extract(
      "Divers from the University of Miami and Apex Shark Research tagged the shark. The Tellam Bureau of "
      "Forestry and Marlon Teague agreed. The Quellmark Agency Director Ilse Marrow and Tomas Greer spoke.");
  for (const std::string name : {"University of Miami", "Apex Shark Research", "Tellam Bureau of Forestry",
                                 "Marlon Teague", "Quellmark Agency", "Ilse Marrow", "Tomas Greer"}) {
    EXPECT_NE(Find(split, name), nullptr) << name << " in " << ::testing::PrintToString(Names(split));
  }
}

// One-word fields in commas after "<organisation noun> of", the last two
// joined by "and", are one name ("Bureau of Alcohol, Tobacco, Firearms and
// Explosives"); a place or a given name in the list is no field.
TEST_F(ActorsTest, FieldListInCommasAfterOrganisationNounIsOneName) {
  const auto actors = Extract(
      "The Varnian Board for Margarine, Fats and Oils said so. The Pellum Office of Forestry, Fisheries and "
      "Wildlife agreed.");
  for (const std::string name :
       {"Varnian Board for Margarine, Fats and Oils", "Pellum Office of Forestry, Fisheries and Wildlife"}) {
    const Actor* a = Find(actors, name);
    ASSERT_NE(a, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_EQ(a->type, "organization") << name;
  }
  const auto split = Extract(
      "Rowers from the University of Miami, Boston and Tellam Rowing took part. Staff of the Varnian Bureau "
      "of Forestry, Marlon and Ilse Marrow spoke.");
  for (const std::string name : {"University of Miami", "Varnian Bureau of Forestry"}) {
    EXPECT_NE(Find(split, name), nullptr) << name << " in " << ::testing::PrintToString(Names(split));
  }
}

// A state name after an organisation noun is part of the name, not a person
// after it: "Reserve Bank of New Zealand", "Television New Zealand".
TEST_F(ActorsTest, StateAfterOrganisationNounStaysInTheName) {
  const auto actors = Extract(
      "The Pastoral Credit Bank of Papua New Guinea cut its rate. A poll for Television Sri Lanka "
      "showed support for the plan.");
  for (const std::string name : {"Pastoral Credit Bank of Papua New Guinea", "Television Sri Lanka"}) {
    const Actor* a = Find(actors, name);
    ASSERT_NE(a, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_EQ(a->type, "organization") << name;
  }
  // A person after the organisation noun is still cut off.
  const auto person = Extract("The Pastoral Credit Bank Governor Ilse Marrow spoke.");
  EXPECT_NE(Find(person, "Ilse Marrow"), nullptr) << ::testing::PrintToString(Names(person));
}

// Two particles inside a name ("van der", "de la") keep it whole, also after
// an organisation and a title; later mentions by surname join it.
TEST_F(ActorsTest, TwoNameParticlesStayInsideTheName) {
  const auto actors = Extract(
      "The Harbour Authority Chairman Maarten van der Holst opened the dock. Later, Ines de la Fuente "
      "met him. Van der Holst said the talks went well, and Fuente agreed.");
  const Actor* holst = Find(actors, "Maarten van der Holst");
  ASSERT_NE(holst, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(holst->type, "person");
  EXPECT_EQ(holst->mentions, 2);
  EXPECT_TRUE(HasRole(*holst, "chairman"));
  const Actor* fuente = Find(actors, "Ines de la Fuente");
  ASSERT_NE(fuente, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(fuente->mentions, 2);
  EXPECT_NE(Find(actors, "Harbour Authority"), nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors.size(), 3u) << ::testing::PrintToString(Names(actors));
}

// Two states' bodies of the same name are two organisations; a mention
// without a state still joins one of the same name.
TEST_F(ActorsTest, OrganisationsOfDifferentStatesStayApart) {
  const auto actors = Extract(
      "The Russian Foreign Ministry protested on Monday. The Chinese Foreign Ministry agreed with it. "
      "Shares fell on the Tokyo Stock Exchange and rose on the London Stock Exchange. The Foreign Ministry "
      "said more later.");
  for (const auto& [name, state] :
       {std::pair{"Russian Foreign Ministry", "RUS"}, std::pair{"Chinese Foreign Ministry", "CHN"},
        std::pair{"Tokyo Stock Exchange", "JPN"}, std::pair{"London Stock Exchange", "GBR"}}) {
    const Actor* actor = Find(actors, name);
    ASSERT_NE(actor, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_EQ(actor->state, state) << name;
    EXPECT_EQ(actor->type, "organization") << name;
  }
  EXPECT_EQ(
      Find(actors, "Russian Foreign Ministry")->mentions + Find(actors, "Chinese Foreign Ministry")->mentions,
      3);
  EXPECT_EQ(actors.size(), 4u) << ::testing::PrintToString(Names(actors));
}

// "in" and a place after an organisation say where it is, not its name;
// later mentions without the place join it.
TEST_F(ActorsTest, PlaceAfterInIsNoPartOfAnOrganisation) {
  const auto actors = Extract(
      "A judge at the Marlow County Court in Denver ruled on Monday. Officials at the Coffee Export Board in "
      "Kampala agreed, and the Marlow County Court set a date.");
  const Actor* court = Find(actors, "Marlow County Court");
  ASSERT_NE(court, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(court->mentions, 2);
  EXPECT_NE(Find(actors, "Coffee Export Board"), nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors.size(), 2u) << ::testing::PrintToString(Names(actors));
}

// A hyphenated title is a title: "Secretary-General", "vice-president".
TEST_F(ActorsTest, HyphenatedTitlesAreRoles) {
  const auto actors = Extract(
      "Secretary-General Tove Lindqvist opened the meeting. Later, the company's vice-president Oren Malka "
      "spoke, and Attorney-General Ruth Okafor listened.");
  for (const auto& [name, role] :
       {std::pair{"Tove Lindqvist", "secretary-general"}, std::pair{"Oren Malka", "vice-president"},
        std::pair{"Ruth Okafor", "attorney-general"}}) {
    const Actor* actor = Find(actors, name);
    ASSERT_NE(actor, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_TRUE(HasRole(*actor, role)) << name << ": " << ::testing::PrintToString(actor->roles);
  }
  EXPECT_EQ(actors.size(), 3u) << ::testing::PrintToString(Names(actors));
}

// A title before a name in commas is its role ("the company's president,
// John Smith,"); a plural title is none ("via his lawyers, X, 23,").
TEST_F(ActorsTest, TitleBeforeANameInCommasIsItsRole) {
  const auto actors = Extract(
      "Kenya's foreign minister, Amina Odhiambo, said the talks went well. Through his lawyers, Tomas "
      "Varga, 41, denied the charges.");
  const Actor* minister = Find(actors, "Amina Odhiambo");
  ASSERT_NE(minister, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_TRUE(HasRole(*minister, "foreign minister")) << ::testing::PrintToString(minister->roles);
  EXPECT_EQ(minister->state, "KEN");
  const Actor* accused = Find(actors, "Tomas Varga");
  ASSERT_NE(accused, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_TRUE(accused->roles.empty()) << ::testing::PrintToString(accused->roles);
}

// An acronym the text defines counts wherever it recurs in capitals, even
// where it spells a common word ("the WHO", "SET"); the word itself does not.
TEST_F(ActorsTest, ADefinedAcronymThatSpellsAWordStillCounts) {
  const auto actors = Extract(
      "The Wildlife Harbour Organisation (WHO) warned on Monday. The WHO later agreed, and WHO staff left. "
      "Who knows why?");
  const Actor* who = Find(actors, "Wildlife Harbour Organisation");
  ASSERT_NE(who, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(who->mentions, 3);
  EXPECT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
}

// Two organisations the dictionary knows, joined by "and", are two; a lone
// organisation noun the dictionary names ("Hezbollah") is one by itself.
TEST_F(ActorsTest, KnownOrganisationsJoinedByAndAreTwo) {
  const auto actors =
      Extract("Hezbollah said it would respond. Later the IMF and World Bank sent a team to Beirut.");
  for (const char* name : {"Hezbollah", "IMF", "World Bank"}) {
    const Actor* actor = Find(actors, name);
    ASSERT_NE(actor, nullptr) << name << " in " << ::testing::PrintToString(Names(actors));
    EXPECT_EQ(actor->type, "organization") << name;
  }
  EXPECT_EQ(actors.size(), 3u) << ::testing::PrintToString(Names(actors));
}

TEST_F(ActorsTest, PartyLabelNamesTheParty) {
  const auto actors = Extract("Polls show the Democrats ahead in the state.");
  ASSERT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].name, "Democratic Party");
  EXPECT_EQ(actors[0].type, "organization");
}

TEST_F(ActorsTest, PartyAdjectiveMidSentenceNamesTheParty) {
  const auto actors =
      Extract("She lost the Democratic primary. Later the Democratic Party endorsed her rival.");
  ASSERT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].name, "Democratic Party");
  EXPECT_EQ(actors[0].mentions, 2);
}

TEST_F(ActorsTest, UnicodeNamesAreFoldedForMatchingButKeptForDisplay) {
  const auto actors = Extract(
      "Recep Tayyip Erdoğan spoke first. Later Erdogan repeated the claim. "
      "Jean-Luc Ménardier and Christine O'Dálaigh disagreed; Ménardier left.");
  const Actor* erdogan = Find(actors, "Recep Tayyip Erdoğan");
  ASSERT_NE(erdogan, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(erdogan->mentions, 2);
  const Actor* jean_luc = Find(actors, "Jean-Luc Ménardier");
  ASSERT_NE(jean_luc, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(jean_luc->mentions, 2);
  EXPECT_NE(Find(actors, "Christine O'Dálaigh"), nullptr);
}

TEST_F(ActorsTest, CyrillicNamesAreFound) {
  const auto actors = Extract("На форуме выступила Анна Сергеевна Кулагина.");
  ASSERT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].name, "Анна Сергеевна Кулагина");
}

TEST_F(ActorsTest, StatesMetonymsAndCalendarWordsAreNotActors) {
  const auto actors = Extract(
      "Russia and China objected on Monday. The White House and the Kremlin said nothing in January. "
      "Kazakh voters and Russians abroad stayed home. Downing Street declined to comment.");
  EXPECT_TRUE(actors.empty()) << ::testing::PrintToString(Names(actors));
}

TEST_F(ActorsTest, SentenceInitialWordsAndPlacesAreNotPeople) {
  const auto actors = Extract(
      "Despite the rain, crowds gathered. Protesters filled Lafayette Square near the Emancipation Memorial. "
      "The delegates thanked Tokayev, who received the Order of the Golden Eagle. Native Americans voted "
      "early.");
  ASSERT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].name, "Tokayev");
}

TEST_F(ActorsTest, SentenceInitialWordsInALongText) {
  // From 512 tokens on, the answers to "is this word also written in lower
  // case" are kept per word: words asked again, with or without a lower-case
  // use, get the same answers.
  std::string text;
  for (int i = 0; i < 3; ++i) {
    text +=
        "Despite the rain, crowds gathered. Protesters filled Lafayette Square near the Emancipation "
        "Memorial. The delegates thanked Tokayev, who received the Order of the Golden Eagle. Native "
        "Americans voted early. Crowds cheered. ";
  }
  for (int i = 0; i < 60; ++i) text += "the protesters and the crowds waited despite the rain. ";
  const auto actors = Extract(text);
  ASSERT_EQ(actors.size(), 1u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].name, "Tokayev");
  EXPECT_EQ(actors[0].mentions, 3);
}

TEST_F(ActorsTest, LoneCapitalisedWordsNeedEvidence) {
  // "Harrowgate" is a place here: nothing says it is an actor.
  const auto actors = Extract("The storm reached Harrowgate before dawn.");
  EXPECT_TRUE(actors.empty()) << ::testing::PrintToString(Names(actors));
}

TEST_F(ActorsTest, HeadlinesAndDatelinesGiveNoNewActors) {
  const auto actors = Extract(
      "OFFICIALS SEE MEETING WITH STRIKING UNION LOCALS\n\n    TRAIL, British Columbia, March 2 - "
      "Talks resumed on Monday.");
  EXPECT_TRUE(actors.empty()) << ::testing::PrintToString(Names(actors));
}

TEST_F(ActorsTest, AcronymDefinedForALawIsNotAnOrganisation) {
  const auto actors = Extract("The Fair Ballot Access Act (FBAA) passed. Critics said FBAA goes too far.");
  EXPECT_TRUE(actors.empty()) << ::testing::PrintToString(Names(actors));
}

TEST_F(ActorsTest, UserDictionaryAddsActors) {
  const std::unique_ptr<ActorExtractor> extractor = LoadWithDictionary("actors_user_dictionary",
                                                                       "# a user dictionary\n"
                                                                       "QUORVEX_HOLDINGS_ [MNC]\n"
                                                                       "+QUORVEX_\n"
                                                                       "TALLIS_BRENNIGAN_  # a person\n"
                                                                       "\t[GBRGOV >200101]\n");
  ASSERT_NE(extractor, nullptr);
  const auto actors = Extract("Shares of Quorvex fell after Tallis Brennigan resigned.", extractor.get());
  ASSERT_EQ(actors.size(), 2u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].id, "quorvex-holdings");
  EXPECT_EQ(actors[0].type, "organization");
  EXPECT_EQ(actors[1].id, "tallis-brennigan");
  EXPECT_EQ(actors[1].state, "GBR");
}

// Phoenix lists bodies under the entry they are coded as ("US Senate" under
// "United States Congress"): a synonym without the entry's organisation
// noun is another organisation, with its own id.
TEST_F(ActorsTest, SynonymWithAnotherOrganisationNounIsAnotherBody) {
  const std::unique_ptr<ActorExtractor> extractor = LoadWithDictionary("actors_synonym_body",
                                                                       "ICELANDIC_ASSEMBLY_\n"
                                                                       "+ICELANDIC_SENATE_\n"
                                                                       "\t[NGO]\n"
                                                                       "ZELDAN_GUARD_\n"
                                                                       "+ZELDAN_GUARD_CORPS_\n"
                                                                       "\t[NGO]\n");
  ASSERT_NE(extractor, nullptr);
  const auto actors = Extract(
      "The Icelandic Assembly met on Monday. The Icelandic Senate voted on Tuesday, and the Senate "
      "adjourned. "
      "The Zeldan Guard Corps stood by, and the Zeldan Guard left.",
      extractor.get());
  const Actor* assembly = Find(actors, "Icelandic Assembly");
  ASSERT_NE(assembly, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(assembly->id, "icelandic-assembly");
  const Actor* senate = Find(actors, "Icelandic Senate");
  ASSERT_NE(senate, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(senate->id, "icelandic-senate");
  EXPECT_EQ(senate->mentions, 2);
  // A synonym that has the entry's noun is the same body.
  const Actor* guard = Find(actors, "Zeldan Guard Corps");
  ASSERT_NE(guard, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(guard->id, "zeldan-guard");
  EXPECT_EQ(guard->mentions, 2);
}

// A capitalised word before a known acronym is no part of the name when it
// is capitalised as the first word of a sentence or is a title word:
// "Retired FBI agent", "Senior NATO officials".
TEST_F(ActorsTest, SentenceInitialWordBeforeKnownAcronymIsCutOff) {
  const std::unique_ptr<ActorExtractor> extractor = LoadWithDictionary("actors_acronym_after_word",
                                                                       "ZRDA_\n"
                                                                       "+ZELDAN_RIVER_DEFENCE_AGENCY_\n"
                                                                       "\t[NGO]\n");
  ASSERT_NE(extractor, nullptr);
  const auto actors = Extract(
      "Retired ZRDA agent and flood specialist Mila Okafor spoke on Monday. Officials said that Senior ZRDA "
      "engineers agreed.",
      extractor.get());
  const Actor* agency = Find(actors, "ZRDA");
  ASSERT_NE(agency, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(agency->type, "organization");
  EXPECT_EQ(agency->mentions, 2);
  EXPECT_NE(Find(actors, "Mila Okafor"), nullptr) << ::testing::PrintToString(Names(actors));
}

TEST_F(ActorsTest, MissingDataIsAnIoError) {
  std::unique_ptr<ActorExtractor> extractor;
  const Status s = ActorExtractor::Load("/nonexistent/newsmine-data", {}, states_, &extractor);
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_EQ(extractor, nullptr);
}

TEST_F(ActorsTest, LongTextWithManyActorsKeepsEachApart) {
  // 26 * 26 made-up people, each named in full and then by surname.
  std::string text;
  for (char a = 'a'; a <= 'z'; ++a) {
    for (char b = 'a'; b <= 'z'; ++b) {
      const std::string surname = std::string("Quor") + a + b + "ski";
      text += "Yesterday we met Velmo " + surname + " in the hall. Later " + surname + " left early. ";
    }
  }
  const auto actors = Extract(text);
  ASSERT_EQ(actors.size(), 26u * 26u);
  for (const Actor& a : actors) {
    EXPECT_EQ(a.mentions, 2) << a.name;
    EXPECT_EQ(a.type, "person") << a.name;
  }
}

TEST_F(ActorsTest, LaterMentionsJoinAmongADozenActors) {
  // Enough actors that a mention is matched through their link bits (from
  // eight actors on), too few for the index: a surname and an acronym still
  // join the actors named first.
  std::string text =
      "Yesterday we met Velmo Quorabski in the hall. The Organization for Security and Cooperation "
      "in Europe (OSCE) sent observers. ";
  for (char a = 'a'; a <= 'l'; ++a) {
    text += std::string("Later we met Tarno Zelvik") + a + "ova in the hall. ";
  }
  text += "Later Quorabski left early. The OSCE thanked them.";
  const auto actors = Extract(text);
  ASSERT_EQ(actors.size(), 14u) << ::testing::PrintToString(Names(actors));
  const Actor* person = Find(actors, "Velmo Quorabski");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->mentions, 2);
  const Actor* organization = Find(actors, "Organization for Security and Cooperation in Europe");
  ASSERT_NE(organization, nullptr) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(organization->mentions, 2);
}

TEST_F(ActorsTest, ActorsComeInOrderOfFirstMention) {
  const auto actors =
      Extract("Amara Okonkwo met Lindqvist. Later Birgit Lindqvist and Amara Okonkwo signed.");
  ASSERT_EQ(actors.size(), 2u) << ::testing::PrintToString(Names(actors));
  EXPECT_EQ(actors[0].name, "Amara Okonkwo");
  EXPECT_EQ(actors[1].name, "Birgit Lindqvist");
}

// The working memory a thread keeps from text to text leaves nothing of one
// text in the actors of the next: roles, states, acronyms and initials.
TEST_F(ActorsTest, ATextGivesTheSameActorsAfterAnyOtherText) {
  const std::string text =
      "Foreign Minister Velmo Quorabski of Ruritania met the Organization for Security and Cooperation "
      "in Europe (OSCE). Quorabski, the country's deputy prime minister, said the OSCE would help.";
  const std::string other =
      "U.S. Senators Harlan Pruitt and Dana Welk, presidents of the Tarvo Mining Co, met "
      "Chancellor Ilse Varga of the Christian Democratic Union (CDU) and the Democrats.";
  const auto first = Extract(text);
  ASSERT_FALSE(first.empty());
  Extract(other);
  const auto again = Extract(text);
  ASSERT_EQ(again.size(), first.size());
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(again[i].id, first[i].id);
    EXPECT_EQ(again[i].name, first[i].name);
    EXPECT_EQ(again[i].type, first[i].type);
    EXPECT_EQ(again[i].state, first[i].state);
    EXPECT_EQ(again[i].roles, first[i].roles);
    EXPECT_EQ(again[i].mentions, first[i].mentions);
  }
}

TEST_F(ActorsTest, CamelCaseWordsAreOrganizationsButNotMacNamesOrCodes) {
  // A capital after three lower-case letters, at the earliest offset
  // ("BlueX"), in a word longer than twelve bytes, or after "Mc" (only
  // "Mac" is a name's prefix); "MacArthur" and a code with digits are none.
  const auto actors = Extract(
      "Shares of RealClearPolitics rose on Monday, and shares of BlueX fell. The owner of "
      "ExtraordinaryWidgets said little. Analysts praised MacArthur and the new R2D2 model. Sales at "
      "McDonaldsCorp were flat.");
  EXPECT_EQ(Names(actors), (std::vector<std::string>{"RealClearPolitics", "BlueX", "ExtraordinaryWidgets",
                                                     "McDonaldsCorp"}));
  for (const Actor& a : actors) EXPECT_EQ(a.type, "organization") << a.name;
}

TEST(ReusedBlocks, RunsStayPutAndClearReusesTheirMemory) {
  ReusedBlocks<char> blocks;
  std::vector<std::pair<char*, size_t>> runs;
  for (size_t i = 0; i < 300; ++i) {  // several blocks, and runs larger than one
    const size_t n = i % 7 == 0 ? 3000 : i % 13;
    char* const run = blocks.Allocate(n);
    std::fill(run, run + n, static_cast<char>(i));
    runs.emplace_back(run, n);
  }
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto [run, n] = runs[i];
    EXPECT_TRUE(std::all_of(run, run + n, [i](char c) { return c == static_cast<char>(i); })) << i;
  }
  blocks.Clear();
  EXPECT_EQ(blocks.Allocate(5), runs[0].first);  // the first block again
}

TEST(ActorLinkIndex, ListsEachActorUnderItsHashesLatestFirst) {
  ActorLinkIndex index;
  std::vector<uint32_t> found;
  index.AppendActors(7, &found);  // an empty index has nothing
  EXPECT_TRUE(found.empty());
  // Enough hashes for the table to grow several times; actor i under hash
  // i + 1 and under 1000003 (one long chain).
  for (uint32_t i = 0; i < 2000; ++i) {
    index.Add(i + 1, i);
    index.Add(i + 1, i);  // the same actor again: listed once
    index.Add(1000003, i);
  }
  for (uint32_t i = 0; i < 2000; ++i) {
    found.clear();
    index.AppendActors(i + 1, &found);
    EXPECT_EQ(found, std::vector<uint32_t>{i});
  }
  found.clear();
  index.AppendActors(1000003, &found);
  ASSERT_EQ(found.size(), 2000u);
  EXPECT_EQ(found.front(), 1999u);
  EXPECT_EQ(found.back(), 0u);
  found.clear();
  index.AppendActors(999, &found);
  index.Add(5, 0);  // actor 0 again, after actor 4 was listed there
  index.AppendActors(5, &found);
  EXPECT_EQ(found, (std::vector<uint32_t>{998, 0, 4}));
  index.Clear();
  found.clear();
  index.AppendActors(5, &found);
  index.AppendActors(1000003, &found);
  EXPECT_TRUE(found.empty());
}

}  // namespace
}  // namespace newsmine
