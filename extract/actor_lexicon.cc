#include "extract/actor_lexicon.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>

#include "core/utf8.h"
#include "extract/short_words.h"

namespace newsmine {
namespace {

// The words of each class (see the header for what each class is for).
constexpr std::string_view kHonorifics[] = {"mr",    "mrs", "ms",     "miss", "dr",  "sir",    "dame",
                                            "madam", "mme", "messrs", "hon",  "cde", "comrade"};

constexpr std::string_view kRoleHeads[] = {
    "president", "minister", "secretary",
    // Hyphenated titles are one word.
    "secretary-general", "attorney-general", "governor-general", "director-general", "solicitor-general",
    "inspector-general", "surgeon-general", "vice-president", "vice-chairman", "vice-chancellor",
    "vice-premier", "commander-in-chief", "editor-in-chief", "chancellor", "premier", "king", "queen",
    "prince", "princess", "sheikh", "sultan", "emir", "pope", "ayatollah", "imam", "chairman", "chairwoman",
    "chairperson", "director", "ambassador", "envoy", "judge", "mayor", "governor", "gov", "senator", "sen",
    "representative", "rep", "congressman", "congresswoman", "spokesman", "spokeswoman", "spokesperson",
    "leader", "commissioner", "speaker", "general", "gen", "colonel", "col", "captain", "capt", "admiral",
    "adm", "major", "maj", "sergeant", "sgt", "commander", "marshal", "candidate", "nominee", "cardinal",
    "archbishop", "bishop", "rev", "reverend", "professor", "prof", "ceo", "founder", "lawmaker",
    "legislator", "mp", "diplomat", "official", "officer", "activist", "analyst", "editor", "correspondent",
    "reporter", "journalist", "economist", "agent", "attorney", "lawyer", "chief", "head", "lieutenant", "lt",
    "deputy", "assemblywoman", "assemblyman", "councillor", "councilman", "councilwoman", "councilor",
    "delegate", "mufti", "patriarch", "monarch", "crown", "photographer", "author", "writer", "historian",
    "researcher", "scientist", "coach", "manager", "executive", "founder", "strongman", "dictator", "warlord",
    "rapporteur", "mate", "negotiator", "adviser", "advisor", "aide", "superintendent", "podcaster",
    "businessman", "businesswoman", "entrepreneur", "actor", "actress", "singer", "rapper", "anchor", "host",
    "comedian", "filmmaker", "designee", "engineer", "inspector", "detective", "constable", "doctor", "nurse",
    "teacher", "pilot", "astronaut", "singer-songwriter", "magistrate", "prosecutor", "investigator",
    "commentator", "presenter", "columnist", "blogger", "poet", "novelist", "artist", "musician", "player",
    "striker", "goalkeeper", "grandmaster", "sheriff", "taoiseach", "member", "co-author", "co-founder",
    "barrister", "solicitor", "qc", "moderator", "panelist", "cfo"};

constexpr std::string_view kRoleModifiers[] = {"vice",          "prime",
                                               "deputy",        "foreign",
                                               "defense",       "defence",
                                               "interior",      "finance",
                                               "economy",       "trade",
                                               "health",        "justice",
                                               "education",     "energy",
                                               "oil",           "labor",
                                               "labour",        "former",
                                               "acting",        "interim",
                                               "assistant",     "under",
                                               "high",          "first",
                                               "senior",        "junior",
                                               "state",         "chief",
                                               "executive",     "general",
                                               "attorney",      "supreme",
                                               "presidential",  "vice-presidential",
                                               "running",       "democratic",
                                               "republican",    "presumptive",
                                               "incumbent",     "opposition",
                                               "military",      "army",
                                               "police",        "security",
                                               "intelligence",  "national",
                                               "press",         "managing",
                                               "lead",          "top",
                                               "special",       "associate",
                                               "grand",         "crown",
                                               "late",          "then",
                                               "co-founder",    "party",
                                               "majority",      "minority",
                                               "house",         "senate",
                                               "agriculture",   "transport",
                                               "environment",   "culture",
                                               "information",   "industry",
                                               "treasury",      "development",
                                               "emergency",     "lord",
                                               "religious",     "spiritual",
                                               "supreme",       "field",
                                               "staff",         "joint",
                                               "independent",   "libertarian",
                                               "green",         "socialist",
                                               "conservative",  "liberal",
                                               "labor",         "media",
                                               "communications"};

constexpr std::string_view kOrganizationCues[] = {
    "party",       "parties",       "ministry",      "council",      "committee",   "commission",
    "inc",         "corp",          "corporation",   "ltd",          "llc",         "plc",
    "co",          "company",       "university",    "college",      "institute",   "school",
    "academy",     "agency",        "department",    "front",        "movement",    "union",
    "association", "organization",  "organisation",  "federation",   "bank",        "court",
    "army",        "navy",          "force",         "forces",       "corps",       "guard",
    "guards",      "police",        "service",       "news",         "times",       "post",
    "press",       "journal",       "herald",        "tribune",      "telegraph",   "gazette",
    "network",     "group",         "foundation",    "fund",         "church",      "senate",
    "congress",    "parliament",    "assembly",      "board",        "authority",   "office",
    "bureau",      "alliance",      "league",        "brigade",      "brigades",    "tribe",
    "tribes",      "nations",       "community",     "exchange",     "airlines",    "airways",
    "television",  "radio",         "center",        "centre",       "society",     "trust",
    "coalition",   "command",       "cabinet",       "commonwealth", "secretariat", "directorate",
    "presidency",  "tribunal",      "brotherhood",   "media",        "magazine",    "broadcasting",
    "industries",  "holdings",      "motors",        "steelworkers", "workers",     "polling",
    "research",    "reserve",       "taskforce",     "division",     "battalion",   "regiment",
    "militia",     "revolutionary", "international", "institution",  "laboratory",  "laboratories",
    "observer",    "guardian",      "daily",         "weekly",       "review",      "channel",
    "studios",     "records",       "energy",        "petroleum",    "airline",     "railways",
    "systems",     "technologies",  "enterprises",   "capital",      "insurance",   "securities",
    "investments", "cooperative",   "syndicate",     "caucus",       "conference",  "forum",
    "junta",       "cartel",        "gang",          "clan",         "house",       "tv",
    "survey",      "hospital",      "nation",        "hezbollah"};

constexpr std::string_view kNameParticles[] = {"bin", "ibn", "bint", "al",  "el", "de", "la",
                                               "van", "von", "der",  "den", "da", "di", "dos",
                                               "du",  "del", "le",   "ter", "abu"};

constexpr std::string_view kOrganizationConnectors[] = {"of", "for", "and", "the", "&",  "in",
                                                        "on", "de",  "du",  "des", "la", "le"};

constexpr std::string_view kNameConnectors[] = {"and", "of", "de", "des", "du", "la",  "le",  "fur", "und",
                                                "och", "ve", "y",  "et",  "di", "del", "van", "von"};

constexpr std::string_view kKindsOfOrganization[] = {
    "firm",     "bank",      "group",      "union",        "party",        "maker",        "lender",
    "agency",   "broker",    "company",    "utility",      "airline",      "insurer",      "charity",
    "retailer", "brokerage", "subsidiary", "conglomerate", "manufacturer", "organisation", "organization"};

constexpr std::string_view kCommonCapitalised[] = {
    // Function words, pronouns, determiners, conjunctions, adverbs.
    "the", "a", "an", "and", "or", "but", "if", "when", "while", "after", "before", "as", "at", "by", "for",
    "from", "in", "into", "of", "on", "to", "with", "without", "over", "under", "since", "until", "during",
    "this", "that", "these", "those", "there", "here", "he", "she", "it", "they", "we", "i", "you", "his",
    "her", "its", "their", "our", "my", "your", "who", "what", "which", "where", "why", "how", "whose", "not",
    "no", "yes", "all", "some", "any", "many", "most", "more", "much", "few", "other", "another", "each",
    "every", "both", "either", "neither", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "first", "second", "third", "last", "next", "also", "however", "meanwhile", "although",
    "though", "because", "so", "then", "now", "today", "yesterday", "tomorrow", "tonight", "still", "yet",
    "only", "even", "just", "already", "again", "later", "earlier", "instead", "thus", "according", "despite",
    "amid", "among", "against", "about", "around", "through", "between", "within", "toward", "towards", "per",
    "via", "than", "such", "very", "well", "once", "twice", "never", "always", "perhaps", "maybe", "indeed",
    "moreover", "furthermore", "nevertheless", "otherwise", "whether", "do", "does", "did", "is", "are",
    "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "should", "may",
    "might", "must", "shall", "let", "please", "dear", "thank", "thanks", "according", "see", "read", "image",
    "photo", "file", "video", "source", "sources", "update", "updated", "related", "breaking", "editor",
    "note", "comments", "comment", "share", "home", "news", "opinion", "analysis", "interview", "question",
    "answer", "q", "reuter", "copyright", "click", "subscribe", "advertisement", "sponsored", "latest",
    "more", "top", "world", "politics", "business", "sport", "sports", "live", "watch", "listen", "follow",
    "sign", "log", "login", "register", "search", "menu",
    // Months and weekdays.
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun", "gmt", "utc", "est", "edt", "pst", "bst", "cet",
    // Regions, directions and other capitalised non-actors.
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "middle",
    "old", "great", "greater", "upper", "lower", "united", "state", "states", "republic", "kingdom", "city",
    "county", "province", "region", "island", "islands", "river", "lake", "mount", "sea", "ocean", "gulf",
    "bay", "coast", "valley", "street", "road", "avenue", "square", "bridge", "airport", "station",
    "hospital", "hotel", "palace", "embassy", "consulate", "mission", "prison", "camp", "base", "port",
    "europe", "asia", "africa", "america", "americas", "arctic", "antarctica", "oceania", "pacific",
    "atlantic", "mediterranean", "caribbean", "balkans", "caucasus", "scandinavia", "eurasia", "internet",
    "christmas", "easter", "ramadan", "eid", "thanksgiving", "halloween", "new year", "covid", "covid-19",
    "coronavirus", "pandemic", "god", "allah", "jesus", "bible", "koran", "quran", "christian", "muslim",
    "muslims", "moslem", "moslems", "jewish", "jews", "christians", "catholic", "protestant", "islamic",
    "islam", "sunni", "shia", "shiite", "kurdish", "kurds", "arab", "arabs", "persian", "western", "soviet",
    "democrat", "republican", "independent", "conservative", "liberal", "socialist", "communist", "left",
    "right", "election", "elections", "presidential", "parliamentary", "primary", "general", "war",
    "world war", "cold war", "act", "bill", "law", "treaty", "accord", "agreement", "deal", "plan", "program",
    "programme", "project", "operation", "summit", "conference", "convention", "day", "week", "month", "year",
    "years", "century", "age", "era", "mr", "mrs", "ms", "dr", "sir", "president", "minister", "prime",
    "secretary", "senator", "governor", "mayor", "king", "queen", "prince", "chief", "vice", "deputy",
    "official", "officials", "police", "army", "government", "administration", "opposition", "people",
    "public", "national", "international", "federal", "royal", "imperial", "supreme", "high", "human",
    "rights", "freedom", "liberty", "justice", "peace", "security", "defense", "defence", "foreign",
    "affairs", "interior", "finance", "economy", "economic", "trade", "health", "education", "energy", "oil",
    "gas", "power", "water", "food", "climate", "environment", "science", "technology", "black", "white",
    "red", "green", "blue", "yellow", "orange", "grey", "gray", "brown", "gold", "silver", "big", "small",
    "little", "long", "short", "free", "open", "full", "real", "true", "good", "bad", "best", "worst",
    "early", "late", "final", "official", "special", "major", "minor", "breaking", "exclusive", "watch",
    "live", "photos", "pictures", "videos", "vote", "votes", "voters", "poll", "polls", "results", "result",
    "campaign", "race", "debate", "office", "house", "senate", "congress", "parliament", "court", "council",
    "party", "union", "media", "press", "tv", "radio", "online", "social", "daily", "weekly", "monthly",
    "annual", "capitol", "hill", "white house", "mayday", "hurricane", "storm", "earthquake", "tsunami",
    "flood", "fire", "attack", "attacks", "crisis", "protest", "protests", "strike", "strikes", "unrest",
    "riot", "riots", "violence", "killing", "death", "deaths", "park", "memorial", "museum", "mosque",
    "cathedral", "temple", "shrine", "zone", "district", "mine", "monument", "statue", "tower", "building",
    "stadium", "arena", "sclerosis", "disease", "syndrome", "virus", "organizations", "organisations",
    "americans", "award", "prize", "medal", "cup", "championship", "games", "olympics", "festival", "show",
    "series", "book", "film", "movie", "album", "song", "memoir", "cemetery", "route", "highway", "canal",
    "desert", "forest", "peninsula", "strait", "heights", "hills", "mountains", "falls", "springs", "beach",
    "harbor", "harbour", "terminal", "plaza", "field", "fields", "fort", "village", "town", "township",
    "borough", "municipality", "matter", "democratic", "initiatives", "institutions", "order", "eagle",
    "fool", "mps", "fellow", "observatory", "club", "lane", "paper", "stock", "time", "railway", "marathon",
    "license", "licence", "across", "throughout", "announced", "announces", "says", "warns", "reveals",
    "code", "wars", "colony", "fest", "market", "comicon", "us", "using"};

constexpr std::string_view kNonActorAcronyms[] = {
    "ceo",   "cfo",  "coo",   "cto",     "gdp",  "gnp",  "tv",    "am",    "pm",       "ok",   "mp",
    "mps",   "pct",  "mln",   "bln",     "dlrs", "usd",  "eur",   "gbp",   "jpy",      "cny",  "kg",
    "km",    "mph",  "vs",    "eg",      "ie",   "etc",  "aka",   "faq",   "pdf",      "url",  "www",
    "html",  "it",   "ai",    "dna",     "hiv",  "aids", "sars",  "covid", "covid-19", "ppe",  "lgbt",
    "lgbtq", "vip",  "ps",    "pr",      "hq",   "id",   "iq",    "ad",    "bc",       "ce",   "bce",
    "ii",    "iii",  "iv",    "vi",      "vii",  "viii", "ix",    "xi",    "xii",      "ufo",  "suv",
    "atm",   "vat",  "ipo",   "ngo",     "ngos", "igo",  "op-ed", "oped",  "rip",      "gop",  "lol",
    "jr",    "sr",   "phd",   "md",      "mba",  "ba",   "ma",    "bsc",   "msc",      "dc",   "nyc",
    "la",    "sf",   "uae",   "q",       "a",    "st",   "mt",    "ft",    "no",       "nos",  "reuter",
    "edt",   "est",  "gmt",   "utc",     "bst",  "cet",  "pst",   "cst",   "mst",      "mw",   "gw",
    "kw",    "bpd",  "opec+", "mr",      "mrs",  "ms",   "dr",    "oh",    "hey",      "wow",  "omg",
    "ap",    "i",    "ad",    "covid19", "h1n1", "mers", "wmd",   "icbm",  "ied",      "rpg",  "ak-47",
    "gps",   "sms",  "usb",   "pc",      "cd",   "dvd",  "tba",   "tbd",   "eta",      "asap", "fyi",
    "ceos",  "ipos", "nb",    "pp",      "ed",   "eds",  "fig",   "vol",   "tel"};

constexpr std::string_view kTemporalModifiers[] = {"former", "then", "acting",   "interim",
                                                   "late",   "ex",   "outgoing", "incoming"};

constexpr std::string_view kCommonGivenNames[] = {
    "bill",   "will", "mark",   "grace", "rose",   "hope",  "faith", "joy",    "frank",
    "don",    "ray",  "guy",    "pat",   "june",   "april", "dawn",  "victor", "may",
    "summer", "rich", "chance", "king",  "prince", "major", "gay",   "sunny"};

constexpr std::string_view kCompoundSuffixes[] = {
    "based",    "backed",   "led",    "born",      "run",        "owned",      "winning",  "style",
    "era",      "funded",   "linked", "allied",    "affiliated", "controlled", "speaking", "aligned",
    "inspired", "friendly", "bound",  "made",      "type",       "like",       "held",     "occupied",
    "leaning",  "majority", "minded", "sponsored", "supported",  "brokered",   "language"};

constexpr std::string_view kPlaceNouns[] = {
    "airport", "station",  "embassy", "consulate", "hotel",   "square",   "street",   "avenue",
    "road",    "palace",   "bridge",  "mosque",    "museum",  "stadium",  "arena",    "prison",
    "mine",    "camp",     "base",    "port",      "park",    "memorial", "cemetery", "building",
    "tower",   "terminal", "plaza",   "cathedral", "temple",  "shrine",   "monument", "statue",
    "smelter", "refinery", "field",   "harbor",    "harbour", "mall",     "center",   "centre"};

constexpr std::string_view kBareInstitutions[] = {"senate",   "congress", "parliament", "treasury",
                                                  "knesset",  "duma",     "bundestag",  "politburo",
                                                  "storting", "riksdag",  "sejm",       "majlis"};

constexpr std::string_view kPersonalNouns[] = {"administration", "administrations", "regime",
                                               "presidency",     "doctrine",        "era",
                                               "government",     "cabinet",         "campaign"};

constexpr std::string_view kPollNouns[] = {"poll", "polls", "survey", "surveys", "polling"};

// Plural party labels and party adjectives, with the party they stand for.
struct PartyLabel {
  std::string_view label;
  std::string_view party;
};
constexpr PartyLabel kPartyLabels[] = {
    {"democrats", "Democratic Party"},
    {"republicans", "Republican Party"},
    {"tories", "Conservative Party"},
    {"conservatives", "Conservative Party"},
    {"liberals", "Liberal Party"},
    {"greens", "Green Party"},
    {"socialists", "Socialist Party"},
    {"communists", "Communist Party"},
    {"libertarians", "Libertarian Party"},
    {"social democrats", "Social Democratic Party"},
    // Party adjectives before a noun: "a Democratic primary", "Labour MPs".
    {"democratic", "Democratic Party"},
    {"democrat", "Democratic Party"},
    {"republican", "Republican Party"},
    {"labour", "Labour Party"},
    {"tory", "Conservative Party"},
    {"libertarian", "Libertarian Party"},
    {"conservative", "Conservative Party"},
    {"liberal", "Liberal Party"}};

// The word lists and the class each gives its words (role-head plurals and
// party labels are added beside them).
struct ClassList {
  std::span<const std::string_view> words;
  WordClass word_class;
};
constexpr ClassList kClassLists[] = {
    {kHonorifics, kHonorific},
    {kRoleHeads, kRoleHead},
    {kRoleModifiers, kRoleModifier},
    {kTemporalModifiers, kTemporalModifier},
    {kOrganizationCues, kOrganizationCue},
    {kNameParticles, kNameParticle},
    {kOrganizationConnectors, kOrganizationConnector},
    {kCommonCapitalised, kCommonCapitalisedWord},
    {kPlaceNouns, kPlaceNoun},
    {kNonActorAcronyms, kNonActorAcronym},
    {kCommonGivenNames, kCommonGivenName},
    {kCompoundSuffixes, kCompoundSuffix},
    {kBareInstitutions, kBareInstitution},
    {kPersonalNouns, kPersonalNoun},
    {kPollNouns, kPollNoun},
    {kNameConnectors, kNameConnector},
    {kKindsOfOrganization, kKindOfOrganization},
};

// The bytes of `word` past its eighth.
constexpr size_t TailBytes(std::string_view word) { return word.size() > 8 ? word.size() - 8 : 0; }

// The longest word of `words`.
constexpr size_t Longest(std::span<const std::string_view> words) {
  return std::ranges::max(words, {}, &std::string_view::size).size();
}

// The longest role head: plurals are made in a buffer one byte longer.
constexpr size_t kLongestRoleHead = Longest(kRoleHeads);

// At most every word of every class, every plural of a role head and every
// party label, once each; and at most the bytes past the eighth of them all
// (a plural role head has one more than its head).
constexpr size_t kMostLexiconWords = [] {
  size_t words = std::size(kRoleHeads) + std::size(kPartyLabels);
  for (const ClassList& list : kClassLists) words += list.words.size();
  return words;
}();
constexpr size_t kMostLexiconTailBytes = [] {
  size_t bytes = 0;
  for (const ClassList& list : kClassLists) {
    for (const std::string_view w : list.words) bytes += TailBytes(w);
  }
  for (const std::string_view head : kRoleHeads) bytes += TailBytes(head) + 1;
  for (const PartyLabel& p : kPartyLabels) bytes += TailBytes(p.label);
  return bytes;
}();

// The longest word the lexicon holds.
constexpr size_t kLongestLexiconWord = [] {
  size_t longest = kLongestRoleHead + 1;
  for (const ClassList& list : kClassLists) longest = std::max(longest, Longest(list.words));
  for (const PartyLabel& p : kPartyLabels) longest = std::max(longest, p.label.size());
  return longest;
}();

// Every word of every class in one open-addressing table of its own, made
// for the lookup the actor rules make of nearly every name word: one probe
// into one array of 16-byte slots, mostly a single cache line, with the
// word's first eight bytes in the slot (the rest of a longer word, rare, in
// an array beside it). A word's classes are all its bits, so that one lookup
// answers every Is...() question about a key. Built at compile time: a
// lookup tests no guard of a function-local static, and start-up builds
// nothing.
class Lexicon {
 public:
  constexpr Lexicon() {
    for (const ClassList& list : kClassLists) Add(list.words, list.word_class);
    // Plural titles head lists: "presidents Xi and Putin", "Senators Harris
    // and Warren" (longer than three letters: "mps" is no title).
    for (const std::string_view head : kRoleHeads) {
      char plural[kLongestRoleHead + 1] = {};
      std::copy(head.begin(), head.end(), plural);
      plural[head.size()] = 's';
      if (head.size() + 1 > 3) SlotFor(std::string_view(plural, head.size() + 1)).classes |= kRoleHead;
    }
    for (size_t p = 0; p < std::size(kPartyLabels); ++p) {
      Slot& slot = SlotFor(kPartyLabels[p].label);
      slot.classes |= kPartyLabel;
      slot.party = static_cast<uint8_t>(p + 1);
    }
  }

  // The classes of `key`; 0 for other words.
  uint32_t Classes(std::string_view key) const {
    const Slot* const slot = Find(key);
    return slot ? slot->classes : 0;
  }

  // PartyForLabel(key).
  std::string_view Party(std::string_view key) const {
    const Slot* const slot = Find(key);
    return slot == nullptr || slot->party == 0 ? std::string_view() : kPartyLabels[slot->party - 1].party;
  }

 private:
  struct Slot {
    uint64_t head = 0;     // the word's first eight bytes, the rest zero
    uint32_t classes = 0;  // WordClass bits
    uint8_t size = 0;      // 0: an empty slot
    uint8_t party = 0;     // 1 + index in kPartyLabels, or 0
    uint16_t tail = 0;     // the bytes past the eighth: their offset in tails_
  };
  static_assert(sizeof(Slot) == 16);

  // Longer keys are in no class. A word's bytes past the eighth are
  // compared in at most two loads.
  static constexpr size_t kLongest = kLongestLexiconWord;
  static_assert(kLongest <= 24);
  // Room for the words of every class, about a third full: nearly every
  // lookup is one slot read, and the slots of the frequent words ("the",
  // "of") stay cached.
  static constexpr size_t kSlots = 4096;
  static_assert(kMostLexiconWords * 2 <= kSlots, "at most half full: a probe meets an empty slot");
  static_assert(kMostLexiconTailBytes <= UINT16_MAX, "a slot's tail offset is 16 bits");

  // The 1 <= n <= 8 bytes at p as the low bytes of a word, the rest zero
  // (little-endian, as short_words' loads): those loads at run time, one
  // byte at a time when the table is built.
  static constexpr uint64_t Load(const char* p, size_t n) {
    if (!std::is_constant_evaluated()) return short_words::LoadUpTo8(p, n);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    return v;
  }

  // The slot where the probe for `key` (1 <= size <= kLongest) starts.
  // `head` is its first eight bytes, the rest zero.
  static constexpr size_t Home(std::string_view key, uint64_t head) {
    const size_t n = key.size();
    uint64_t h = short_words::Mix(head ^ n * short_words::kMixMultiplier);
    if (n > 8) h = short_words::Mix(h ^ Load(key.data() + n - 8, 8));
    return h >> (64 - std::countr_zero(kSlots));
  }

  // The bytes past the eighth of the word in `slot` are those of `key`
  // (the size, at most kLongest, and head already compared equal): one or
  // two loads, not memcmp, since a lookup that calls nothing saves fewer
  // registers.
  constexpr bool SameTail(const Slot& slot, std::string_view key) const {
    if (key.size() <= 8) return true;
    const char* const tail = tails_.data() + slot.tail;
    const char* const rest = key.data() + 8;
    const size_t n = key.size() - 8;
    if (n <= 8) return Load(tail, n) == Load(rest, n);
    return Load(tail, 8) == Load(rest, 8) && Load(tail + 8, n - 8) == Load(rest + 8, n - 8);
  }

  // The slot for `key` from its home on, or the empty one where it would go.
  constexpr size_t Probe(std::string_view key, uint64_t head, size_t home) const {
    const size_t n = key.size();
    for (size_t i = home;; i = (i + 1) % kSlots) {
      const Slot& slot = slots_[i];
      if (slot.size == 0 || (slot.head == head && slot.size == n && SameTail(slot, key))) return i;
    }
  }

  static constexpr uint64_t Head(std::string_view key) {
    return Load(key.data(), std::min<size_t>(key.size(), 8));
  }

  // The slot of `key`, or null. Inline in its two callers: a call of its
  // own cost a third of a lookup.
  [[gnu::always_inline]] const Slot* Find(std::string_view key) const {
    if (key.empty() || key.size() > kLongest) return nullptr;
    const uint64_t head = Head(key);
    const size_t home = Home(key, head);
    // Most words asked about are in no class: the homes bitmap, small enough
    // to stay cached, turns most of them away before the slots are read.
    if ((homes_[home / 64] >> (home % 64) & 1) == 0) return nullptr;
    const Slot& slot = slots_[Probe(key, head, home)];
    return slot.size != 0 ? &slot : nullptr;
  }

  // (A span, not a template of the array size: clang instantiates a
  // function template after the table's constant is evaluated.)
  constexpr void Add(std::span<const std::string_view> words, uint32_t word_class) {
    for (const std::string_view w : words) SlotFor(w).classes |= word_class;
  }

  // The slot of `key`, added when absent.
  constexpr Slot& SlotFor(std::string_view key) {
    const uint64_t head = Head(key);
    const size_t home = Home(key, head);
    homes_[home / 64] |= uint64_t{1} << (home % 64);
    Slot& slot = slots_[Probe(key, head, home)];
    if (slot.size == 0) {
      slot.head = head;
      slot.size = static_cast<uint8_t>(key.size());
      if (key.size() > 8) {
        slot.tail = static_cast<uint16_t>(tails_size_);
        for (const char c : key.substr(8)) tails_[tails_size_++] = c;
      }
    }
    return slot;
  }

  std::array<Slot, kSlots> slots_{};
  std::array<uint64_t, kSlots / 64> homes_{};  // bit i: some word's probe starts at slot i
  std::array<char, kMostLexiconTailBytes> tails_{};
  size_t tails_size_ = 0;
};

constexpr Lexicon kLexicon;

// The organisation cues in an open-addressing table built at compile time
// (no lexicon is needed to test a word). A word's first slot is taken from
// its length and its first, second and last bytes; a slot holds 1 + the
// index of a cue, or 0 to end the probe. A thirtieth full: most words that are
// no cue meet an empty slot at once.
class CueTable {
 public:
  constexpr CueTable() {
    for (size_t c = 0; c < std::size(kOrganizationCues); ++c) {
      const std::string_view cue = kOrganizationCues[c];
      size_t slot = FirstSlot(cue.data(), cue.size());
      while (cue_plus_one_[slot] != 0) slot = (slot + 1) % kSlots;
      cue_plus_one_[slot] = static_cast<uint8_t>(c + 1);
    }
  }

  // Is p[0, size) a cue?
  constexpr bool Contains(const char* p, size_t size) const {
    if (size < 2) return false;
    for (size_t slot = FirstSlot(p, size); cue_plus_one_[slot] != 0; slot = (slot + 1) % kSlots) {
      if (SameBytes(kOrganizationCues[cue_plus_one_[slot] - 1], p, size)) return true;
    }
    return false;
  }

 private:
  static constexpr size_t kSlots = 4096;
  // cue == p[0, size), without a call to memcmp: a cue is short.
  static constexpr bool SameBytes(std::string_view cue, const char* p, size_t size) {
    if (cue.size() != size) return false;
    for (size_t i = 0; i < size; ++i) {
      if (cue[i] != p[i]) return false;
    }
    return true;
  }
  static constexpr size_t FirstSlot(const char* p, size_t size) {
    const auto byte = [p](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(p[i])); };
    const uint32_t key = byte(0) | byte(1) << 8 | byte(size - 1) << 16 | static_cast<uint32_t>(size) << 24;
    return (key * 0x9E3779B1u) >> 20;  // the top 12 bits
  }

  static_assert(std::ranges::all_of(kOrganizationCues, [](std::string_view cue) { return cue.size() >= 2; }));
  static_assert(std::size(kOrganizationCues) < 255 && std::size(kOrganizationCues) * 4 < kSlots);

  std::array<uint8_t, kSlots> cue_plus_one_{};
};
constexpr CueTable kCueTable;
static_assert(std::ranges::all_of(kOrganizationCues, [](std::string_view cue) {
  return kCueTable.Contains(cue.data(), cue.size());
}));

// The top bit of each byte of `v` that is a space, the other bits clear.
uint64_t SpaceBytes(uint64_t v) { return short_words::BytesEqualTo(v, ' '); }

}  // namespace

std::string ActorKey(std::string_view token) {
  std::string key;
  AppendActorKey(token, &key);
  return key;
}

void AppendActorKey(std::string_view token, std::string* out) {
  if (!IsAscii(token)) {
    *out += FoldedActorKey(FoldForMatch(token));
    return;
  }
  for (const char c : token) {
    if (c != '.') out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
}

std::string FoldedActorKey(std::string_view folded) {
  std::string key;
  key.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] == '.') continue;
    if (folded.substr(i, 3) == "\xE2\x80\x99") {  // ’ -> '
      key.push_back('\'');
      i += 2;
      continue;
    }
    key.push_back(folded[i]);
  }
  return key;
}

uint32_t WordClasses(std::string_view key) { return kLexicon.Classes(key); }

bool IsRoleHead(std::string_view key) { return WordClasses(key) & kRoleHead; }
bool HasOrganizationCue(std::string_view phrase_key) {
  // Asked of nearly every dictionary phrase at start-up: the words are found
  // eight bytes at a time, and each is one probe of a table of the cues.
  const char* const p = phrase_key.data();
  const size_t n = phrase_key.size();
  size_t start = 0;  // of the next word
  // Tests the words ending at `spaces`, SpaceBytes() of the eight bytes at `base`.
  const auto cue_ends = [&](uint64_t spaces, size_t base) {
    for (; spaces != 0; spaces &= spaces - 1) {
      const size_t space = base + std::countr_zero(spaces) / 8;
      if (kCueTable.Contains(p + start, space - start)) return true;
      start = space + 1;
    }
    return false;
  };
  if (n >= 8) {
    size_t base = 0;
    for (; base + 8 < n; base += 8) {
      if (cue_ends(SpaceBytes(short_words::Load64(p + base)), base)) return true;
    }
    // The last eight bytes, with those already seen shifted out.
    if (cue_ends(SpaceBytes(short_words::Load64(p + n - 8)) >> 8 * (base + 8 - n), base)) return true;
  } else if (n != 0 && cue_ends(SpaceBytes(short_words::LoadShort(p, n)), 0)) {
    return true;
  }
  return kCueTable.Contains(p + start, n - start);
}

bool IsNameParticle(std::string_view key) { return WordClasses(key) & kNameParticle; }
bool IsOrganizationConnector(std::string_view key) {
  // Connectors are short words: a longer key (most of those asked) needs no lookup.
  constexpr size_t kLongest = std::ranges::max(kOrganizationConnectors, {}, &std::string_view::size).size();
  return key.size() <= kLongest && (WordClasses(key) & kOrganizationConnector);
}

bool IsDescriptiveCompound(std::string_view token) {
  const size_t dash = token.rfind('-');
  return dash != std::string_view::npos && (WordClasses(token.substr(dash + 1)) & kCompoundSuffix);
}

std::string_view PartyForLabel(std::string_view key) { return kLexicon.Party(key); }

}  // namespace newsmine
