// Actor lexicon: the closed word classes the actor rules rely on — honorifics,
// title and role words, organisation head nouns, name particles, and the
// capitalised words that are not names (function words, months, weekdays,
// headline words). General English knowledge, built into the program.
//
// Every function takes a key as made by ActorKey() (folded, periods removed)
// and is one lookup in one table of all the classes' words. Thread-safe: the
// table is immutable after first use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsmine {

// The matching key of one token: lower-cased, accents removed, periods
// dropped, typographic apostrophes made ASCII ("U.S." -> "us",
// "Erdoğan" -> "erdogan"). Fast for ASCII; uses ICU otherwise.
std::string ActorKey(std::string_view token);

// Appends ActorKey(token) to *out; without allocating for ASCII tokens.
void AppendActorKey(std::string_view token, std::string* out);

// ActorKey() of a token whose FoldForMatch() form (AnalyzedText::Folded) is
// `folded`: the periods dropped and typographic apostrophes made ASCII.
std::string FoldedActorKey(std::string_view folded);

// The word classes below as bits, for callers that ask several of them about
// one key: (WordClasses(key) & kRoleHead) != 0 is IsRoleHead(key).
enum WordClass : uint32_t {
  kHonorific = 1u << 0,
  kRoleHead = 1u << 1,
  kRoleModifier = 1u << 2,
  kTemporalModifier = 1u << 3,
  kOrganizationCue = 1u << 4,
  kNameParticle = 1u << 5,
  kOrganizationConnector = 1u << 6,
  kCommonCapitalisedWord = 1u << 7,
  kPlaceNoun = 1u << 8,
  kNonActorAcronym = 1u << 9,
  kCommonGivenName = 1u << 10,
  kBareInstitution = 1u << 11,
  kPersonalNoun = 1u << 12,
  kPollNoun = 1u << 13,
  kPartyLabel = 1u << 14,      // PartyForLabel() is not empty
  kCompoundSuffix = 1u << 15,  // ends a descriptive compound: "based" in "Yemen-based"
};
uint32_t WordClasses(std::string_view key);

// "mr", "mrs", "dr", "sir": marks a person, is not part of the name.
bool IsHonorific(std::string_view key);

// Words of a title or role written before a name or in an apposition:
// heads ("president", "minister", "senator") and modifiers ("deputy",
// "foreign", "prime"). A role needs at least one head. The plural of a head
// is one too: "presidents Xi and Putin", "Senators Harris and Warren".
bool IsRoleHead(std::string_view key);
bool IsRoleModifier(std::string_view key);

// Words that date a title or name: "former", "then", "acting", "late".
bool IsTemporalModifier(std::string_view key);

// True when a word of `phrase_key` (keys joined by single spaces) is a head
// noun that makes a capitalised phrase an organisation ("party", "ministry",
// "university", "inc").
bool HasOrganizationCue(std::string_view phrase_key);

// Lower-case particles inside personal names ("bin", "al", "de", "van").
bool IsNameParticle(std::string_view key);

// Lower-case words inside organisation names ("of", "for", "and", "the").
bool IsOrganizationConnector(std::string_view key);

// Capitalised words that never name an actor by themselves: function words,
// pronouns, months, weekdays, and frequent headline or sentence-initial words.
bool IsCommonCapitalised(std::string_view key);

// Nouns that end the names of places and buildings, never of organisations:
// "Baghdad International Airport", "Lafayette Square".
bool IsPlaceNoun(std::string_view key);

// Acronyms that are not organisations ("ceo", "gdp", "tv", "am").
bool IsNonActorAcronym(std::string_view key);

// Given names that are also common words ("Bill", "Grace", "Mark").
bool IsCommonGivenName(std::string_view key);

// Hyphenated descriptive compounds that are not names ("Yemen-based",
// "Sanders-backed", "European-style"); takes the token as written.
bool IsDescriptiveCompound(std::string_view token);

// Institutions named by one capitalised word: "the Senate", "the Treasury".
bool IsBareInstitution(std::string_view key);

// Lower-case words after a surname that make it a person: "the Reagan
// administration", "the Assad regime".
bool IsPersonalNoun(std::string_view key);

// Lower-case words after a name that make it a polling organisation:
// "a Heylen poll".
bool IsPollNoun(std::string_view key);

// The party a label stands for: plural labels ("Democrats", "Tories") and
// party adjectives ("Democratic", "Labour"); empty for other keys.
std::string_view PartyForLabel(std::string_view key);

}  // namespace newsmine
