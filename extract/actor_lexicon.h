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
#include <cstring>
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

// A fast 64-bit hash of a word for tables of words, never 0 (which can mark
// an empty slot). It reads the word in at most two 8-byte loads rather than
// byte by byte: two distinct words share a hash with odds of about 2^-63.
inline uint64_t WordHash(std::string_view word) {
  const char* p = word.data();
  const uint64_t n = word.size();
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + n - 8, 8);
  } else if (n >= 4) {
    uint32_t lo = 0, hi = 0;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    a = (uint64_t{hi} << 32) | lo;
  } else if (n > 0) {
    a = (uint64_t{static_cast<unsigned char>(p[0])} << 16) |
        (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) | static_cast<unsigned char>(p[n - 1]);
  }
  uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b + n);  // then MurmurHash3's finaliser
  h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
  h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ull;
  return (h ^ (h >> 33)) | 1;
}

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
