// Actor lexicon: the closed word classes the actor rules rely on — honorifics,
// title and role words, organisation head nouns, name particles, and the
// capitalised words that are not names (function words, months, weekdays,
// headline words). General English knowledge, built into the program.
//
// Every function takes a key as made by ActorKey() (folded, periods removed)
// and is a hash lookup. Thread-safe: the tables are immutable after first use.
#pragma once

#include <string>
#include <string_view>

namespace newsmine {

// The matching key of one token: lower-cased, accents removed, periods
// dropped, typographic apostrophes made ASCII ("U.S." -> "us",
// "Erdoğan" -> "erdogan"). Fast for ASCII; uses ICU otherwise.
std::string ActorKey(std::string_view token);

// "mr", "mrs", "dr", "sir": marks a person, is not part of the name.
bool IsHonorific(std::string_view key);

// Words of a title or role written before a name or in an apposition:
// heads ("president", "minister", "senator") and modifiers ("deputy",
// "foreign", "prime"). A role needs at least one head.
bool IsRoleHead(std::string_view key);
bool IsRoleModifier(std::string_view key);

// Words that date a title or name: "former", "then", "acting", "late".
bool IsTemporalModifier(std::string_view key);

// Head nouns that make a capitalised phrase an organisation ("party",
// "ministry", "university", "inc").
bool IsOrganizationCue(std::string_view key);

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
