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

// The closed word classes, as bits: one lookup answers every question about
// a key ((WordClasses(key) & kRoleHead) != 0).
enum WordClass : uint32_t {
  // "mr", "mrs", "dr", "sir": marks a person, is not part of the name.
  kHonorific = 1u << 0,
  // Words of a title or role written before a name or in an apposition:
  // heads ("president", "minister", "senator") and modifiers ("deputy",
  // "foreign", "prime"). A role needs at least one head. The plural of a
  // head is one too: "presidents Xi and Putin", "Senators Harris and Warren".
  kRoleHead = 1u << 1,
  kRoleModifier = 1u << 2,
  // Words that date a title or name: "former", "then", "acting", "late".
  kTemporalModifier = 1u << 3,
  // Head nouns that make a capitalised phrase an organisation ("party",
  // "ministry", "university", "inc").
  kOrganizationCue = 1u << 4,
  // Lower-case particles inside personal names ("bin", "al", "de", "van").
  kNameParticle = 1u << 5,
  // Lower-case words inside organisation names ("of", "for", "and", "the").
  kOrganizationConnector = 1u << 6,
  // Capitalised words that never name an actor by themselves: function
  // words, pronouns, months, weekdays, and frequent headline or
  // sentence-initial words.
  kCommonCapitalisedWord = 1u << 7,
  // Nouns that end the names of places and buildings, never of
  // organisations: "Baghdad International Airport", "Lafayette Square".
  kPlaceNoun = 1u << 8,
  // Acronyms that are not organisations ("ceo", "gdp", "tv", "am").
  kNonActorAcronym = 1u << 9,
  // Given names that are also common words ("Bill", "Grace", "Mark").
  kCommonGivenName = 1u << 10,
  // Institutions named by one capitalised word: "the Senate", "the Treasury".
  kBareInstitution = 1u << 11,
  // Lower-case words after a surname that make it a person: "the Reagan
  // administration", "the Assad regime".
  kPersonalNoun = 1u << 12,
  // Lower-case words after a name that make it a polling organisation:
  // "a Heylen poll".
  kPollNoun = 1u << 13,
  kPartyLabel = 1u << 14,      // PartyForLabel() is not empty
  kCompoundSuffix = 1u << 15,  // ends a descriptive compound: "based" in "Yemen-based"
  // Lower-case words that join two names into one, in English or another
  // language: "Matthews and Wright", "Kreditanstalt fur Wiederaufbau".
  kNameConnector = 1u << 16,
  // Nouns for a kind of organisation, before its name: "the utility X"
  // ("utility", "firm"; not "carrier", which ships are too).
  kKindOfOrganization = 1u << 17,
};
uint32_t WordClasses(std::string_view key);

// Single classes, for callers that ask one question of a key.
bool IsRoleHead(std::string_view key);
bool IsNameParticle(std::string_view key);
bool IsOrganizationConnector(std::string_view key);

// True when a word of `phrase_key` (keys joined by single spaces) is an
// organisation cue.
bool HasOrganizationCue(std::string_view phrase_key);

// Hyphenated descriptive compounds that are not names ("Yemen-based",
// "Sanders-backed", "European-style"); takes the token as written.
bool IsDescriptiveCompound(std::string_view token);

// The party a label stands for: plural labels ("Democrats", "Tories") and
// party adjectives ("Democratic", "Labour"); empty for other keys.
std::string_view PartyForLabel(std::string_view key);

}  // namespace newsmine
