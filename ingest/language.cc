#include "ingest/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes16.h"
#include "core/utf8.h"

namespace newsmine {
namespace {

// Enough text for function-word counts to settle.
constexpr size_t kSampleBytes = 4 << 10;

struct Profile {
  const char* language;
  UScriptCode script;
  std::string_view words;  // one space between two
};

// The most frequent function words of each language (general knowledge).
constexpr std::array<Profile, 13> kProfiles = {{
    {"en", USCRIPT_LATIN,
     "the of and to in is that for it was on with he as his by at from are this which have had were"},
    {"fr", USCRIPT_LATIN,
     "le la les des et est une dans que qui pour pas sur du au avec il elle ce sont par mais aux"},
    {"de", USCRIPT_LATIN,
     "der die und das ist nicht mit den von sich des auf ein eine dem zu für auch wird bei nach sie wurde"},
    {"es", USCRIPT_LATIN,
     "el los las del que y en por con una para es se al como más pero sus fue este entre también"},
    {"it", USCRIPT_LATIN,
     "il di che della per una sono gli del non con nel alla anche è dei delle da come più questo"},
    {"pt", USCRIPT_LATIN,
     "o os da do que em uma para com não dos das se por mais foi como ao na no também são"},
    {"nl", USCRIPT_LATIN,
     "de het een van en is niet dat op te zijn voor met ook aan wordt door bij naar deze werd"},
    {"sv", USCRIPT_LATIN, "och att det som en på är av för med till den har inte om ett var men från eller"},
    {"pl", USCRIPT_LATIN, "i w na się nie z że do to jest jak po przez od oraz dla już tak był jego"},
    {"tr", USCRIPT_LATIN,
     "ve bir bu için ile da de olarak çok daha gibi olan ancak değil kadar sonra ise veya"},
    {"ru", USCRIPT_CYRILLIC, "и в не на что с по это как из он его к для от был но также было или при"},
    {"uk", USCRIPT_CYRILLIC, "і в на що не з до та у як це від для його також був але або які при"},
    {"bg", USCRIPT_CYRILLIC, "и в на да се за не от е че са с по като това но или ще бе му"},
}};

// Calls visit(word) for each word of `profile`.
template <typename Visit>
constexpr void ForEachWord(const Profile& profile, Visit visit) {
  for (std::string_view rest = profile.words; !rest.empty();) {
    const size_t end = std::min(rest.find(' '), rest.size());
    visit(rest.substr(0, end));
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
}

// The size of the longest profile word, of those of ASCII letters only when
// `ascii_only`.
constexpr size_t MaxWordBytes(bool ascii_only) {
  size_t most = 0;
  for (const Profile& profile : kProfiles) {
    ForEachWord(profile, [&](std::string_view word) {
      const bool ascii = std::all_of(word.begin(), word.end(),
                                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
      if (ascii || !ascii_only) most = std::max(most, word.size());
    });
  }
  return most;
}

// No profile has a longer word: longer words are not looked up.
constexpr size_t kMaxWordBytes = MaxWordBytes(/*ascii_only=*/false);
// Nor any word of ASCII letters longer than this.
constexpr size_t kMaxAsciiWordBytes = MaxWordBytes(/*ascii_only=*/true);

constexpr size_t kMaxProfiles = 16;
static_assert(kProfiles.size() <= kMaxProfiles, "one bit per profile");

// A word of up to 8 bytes, zero-padded (letters are never zero bytes), as an
// integer: compared and hashed without a string.
using WordKey = uint64_t;
constexpr size_t kKeyBytes = sizeof(WordKey);

WordKey KeyOf(std::string_view word) {
  WordKey key = 0;
  std::memcpy(&key, word.data(), std::min(word.size(), kKeyBytes));
  return key;
}

// Every profile word, with a bit set for each profile (by index) that has it.
// The words of up to kKeyBytes bytes (all but a few) are in a cuckoo table:
// each has one of two slots, so that a lookup reads both and compares
// without a branch. Whether a word of a text is a function word is as good
// as random to a branch predictor (a mispredicted branch per word cost more
// than the lookups themselves). The longer words are compared one by one.
// The tables are small (the lookups of a text touch few cache lines, which
// the stages between two texts evict).
class FunctionWords {
 public:
  FunctionWords() {
    for (size_t p = 0; p < kProfiles.size(); ++p) {
      const auto bit = static_cast<uint16_t>(1u << p);
      ForEachWord(kProfiles[p], [&](std::string_view w) {
        if (w.size() > kKeyBytes) {
          const auto known = std::find_if(long_words_.begin(), long_words_.end(),
                                          [&w](const auto& entry) { return entry.first == w; });
          if (known == long_words_.end()) {
            long_words_.emplace_back(w, bit);
          } else {
            known->second |= bit;
          }
        } else {
          Add(KeyOf(w), bit);
        }
      });
    }
  }

  // The profiles that have the word `key` (not 0), as bits; 0 for other
  // words. Both slots are read, without a branch.
  uint16_t ProfilesOf(WordKey key) const {
    const size_t a = Slot(key, 0), b = Slot(key, 1);
    // All ones where the key matches: masks, as a compiler may make "?:" a branch.
    const auto match = [key](WordKey k) { return static_cast<uint16_t>(-static_cast<int>(k == key)); };
    return static_cast<uint16_t>((profiles_[a] & match(keys_[a])) | (profiles_[b] & match(keys_[b])));
  }

  // The profiles that have `word` (lower-cased, not empty), of any size.
  uint16_t ProfilesOf(std::string_view word) const {
    if (word.size() <= kKeyBytes) return ProfilesOf(KeyOf(word));
    for (const auto& [long_word, profiles] : long_words_) {
      if (long_word == word) return profiles;
    }
    return 0;
  }

 private:
  // About half full, as full as two-choice (cuckoo) tables go: the keys fit
  // in 64 cache lines, half as many as a quarter-full table's, and a text's
  // lookups miss the cache about a third less (the stages between two texts
  // evict the table; cachegrind, 2,000 Reuters texts).
  static constexpr int kSlotBits = 9;
  static constexpr size_t kSlots = size_t{1} << kSlotBits;

  // The two slots a key may have (`which` 0 or 1): two parts of one product.
  static size_t Slot(WordKey key, int which) {
    return ((key * 0x9E3779B97F4A7C15ULL) >> (64 - kSlotBits * (which + 1))) & (kSlots - 1);
  }

  // Adds `bit` to the profiles of `key`, moving words between their two
  // slots to make room (cuckoo hashing). Empty slots have key 0, which no
  // word has.
  void Add(WordKey key, uint16_t bit) {
    for (int which = 0; which < 2; ++which) {
      if (const size_t slot = Slot(key, which); keys_[slot] == key) {
        profiles_[slot] |= bit;
        return;
      }
    }
    uint16_t profiles = bit;
    size_t slot = Slot(key, 0);
    for (size_t moves = 0; moves < kSlots; ++moves) {
      if (profiles_[slot] == 0) {
        keys_[slot] = key;
        profiles_[slot] = profiles;
        return;
      }
      std::swap(key, keys_[slot]);
      std::swap(profiles, profiles_[slot]);
      slot = Slot(key, 0) == slot ? Slot(key, 1) : Slot(key, 0);  // the evicted word's other slot
    }
    // A cycle: more words need more slots (kSlotBits). Every test of
    // DetectLanguage builds the table.
    std::abort();
  }

  std::array<WordKey, kSlots> keys_{};
  std::array<uint16_t, kSlots> profiles_{};  // of the word in the same slot; 0: empty
  std::vector<std::pair<std::string_view, uint16_t>> long_words_;
};

// The hits of a run of at most kChunkBytes bytes, so fewer than 256 words:
// one byte lane per profile (lane 2k counts profile k, lane 2k + 1 profile
// 8 + k), so that a word's profiles are added to all lanes at once, by one
// comparison, without a branch on them (see FunctionWords).
class RunHitCounts {
 public:
  void Add(uint16_t profiles) {
    static constexpr Bytes kBits = {1, 1, 2, 2, 4, 4, 8, 8, 16, 16, 32, 32, 64, 64, 128, 128};
    // The low and high bytes of `profiles`, in the even and odd lanes.
    const auto p = reinterpret_cast<Bytes>(Words{} + profiles);
    // A comparison gives all ones (-1) in a lane where it holds.
    lanes_ -= reinterpret_cast<Bytes>((p & kBits) == kBits);
  }

 private:
  friend class HitCounts;
  using Bytes = uint8_t __attribute__((vector_size(16)));
  using Words = uint16_t __attribute__((vector_size(16)));
  static_assert(kMaxProfiles == 16, "a vector of sixteen lanes");
  Bytes lanes_{};
};

// Hits by profile, one 16-bit lane each (a 4 KiB sample has fewer words),
// added to as RunHitCounts are.
class HitCounts {
 public:
  void Add(uint16_t profiles) {
    static constexpr Lanes kLowBits = {1, 2, 4, 8, 16, 32, 64, 128};
    static constexpr Lanes kHighBits = {256, 512, 1024, 2048, 4096, 8192, 16384, 32768};
    const Lanes p = Lanes{} + profiles;
    // A comparison gives all ones (-1) in a lane where it holds.
    low_ -= reinterpret_cast<Lanes>((p & kLowBits) == kLowBits);
    high_ -= reinterpret_cast<Lanes>((p & kHighBits) == kHighBits);
  }
  HitCounts& operator+=(const RunHitCounts& run) {
    const auto words = reinterpret_cast<Lanes>(run.lanes_);
    low_ += words & 0xFF;  // the even byte lanes
    high_ += words >> 8;   // the odd ones
    return *this;
  }
  size_t operator[](size_t profile) const { return profile < 8 ? low_[profile] : high_[profile - 8]; }

 private:
  using Lanes = uint16_t __attribute__((vector_size(16)));
  static_assert(kMaxProfiles == 16, "two vectors of eight lanes");
  static_assert(kSampleBytes / 2 < UINT16_MAX, "a lane holds a sample's words");
  Lanes low_{}, high_{};  // profiles 0 to 7, 8 to 15
};

const FunctionWords& WordIndex() {
  static const auto* kIndex = new FunctionWords();
  return *kIndex;
}

// The text is scanned in chunks of this many bytes (one bit each in a mask).
constexpr size_t kChunkBytes = 64;

// A chunk that starts with a non-ASCII byte goes this many bytes (or a bit
// more, to finish a code point) a byte or a code point at a time.
constexpr size_t kByteStepBytes = 16;

// The masks of a chunk's bytes, one bit per byte (byte k is bit k).
struct ChunkMasks {
  uint64_t letters = 0;    // ASCII letters
  uint64_t non_ascii = 0;  // bytes of 0x80 and above
};

ChunkMasks MasksOf(const char* chunk) {
  ChunkMasks masks;
  // Unrolled, so that each block's bits go in by a constant shift.
#pragma GCC unroll 4
  for (size_t k = 0; k < kChunkBytes; k += sizeof(Bytes16)) {
    Bytes16 x;
    std::memcpy(&x, chunk + k, sizeof(x));
    // With 0x20 set, letters are 'a' to 'z' (and no byte of 0x80 or above
    // is among them).
    masks.letters |= uint64_t{MoveMask(InRange(x | 0x20, 'a', 'z'))} << k;
    masks.non_ascii |= uint64_t{MoveMask(x)} << k;
  }
  return masks;
}

// The bits of the first `n` (0 to 64) bytes of a chunk.
uint64_t FirstBytes(size_t n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

// No profile has a word of ASCII letters this long (at most a chunk).
constexpr size_t kLongWordBytes = std::min(kMaxAsciiWordBytes + 1, kChunkBytes);

// Bit k is set when bits k to k + n - 1 of `bits` all are (1 <= n <= 64):
// in a run of n or more set bits, all but the last n - 1. Runs of n are
// runs of m = ceil(n / 2) that start n - m (at most m) bits apart: n is a
// constant, so that this is a few shifts without a loop.
template <size_t n>
uint64_t RunsOfAtLeast(uint64_t bits) {
  static_assert(n >= 1 && n <= 64);
  if constexpr (n == 1) {
    return bits;
  } else {
    const uint64_t runs = RunsOfAtLeast<(n + 1) / 2>(bits);
    return runs & (runs >> (n - (n + 1) / 2));
  }
}

// The number of set bits (std::popcount is a library call on x86-64
// without the POPCNT instruction).
size_t CountBits(uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<size_t>((x * 0x0101010101010101ULL) >> 56);
}

// KeyOf the lower-cased word of the `size` (1 to kKeyBytes) bytes at `p`,
// all ASCII letters; reads kKeyBytes bytes.
WordKey KeyOfAsciiLetters(const char* p, size_t size) {
  constexpr uint64_t kLowerBits = 0x2020202020202020ULL;  // | 0x20 lower-cases letters
  // The bits of a key's first `size` bytes, in memory order, by size: a load
  // instead of a variable shift (and its setup) per word.
  static constexpr std::array<uint64_t, kKeyBytes + 1> kFirstBytes = [] {
    std::array<uint64_t, kKeyBytes + 1> masks{};
    for (size_t size = 1; size <= kKeyBytes; ++size) {
      const size_t dropped = 8 * (kKeyBytes - size);
      masks[size] =
          std::endian::native == std::endian::little ? ~uint64_t{0} >> dropped : ~uint64_t{0} << dropped;
    }
    return masks;
  }();
  WordKey key;
  std::memcpy(&key, p, sizeof(key));
  return (key | kLowerBits) & kFirstBytes[size];
}

// The language of a script that one main language uses, or nullptr.
const char* LanguageOfScript(UScriptCode script) {
  static const std::map<UScriptCode, const char*> kByScript = {
      {USCRIPT_GREEK, "el"},    {USCRIPT_HANGUL, "ko"},   {USCRIPT_HIRAGANA, "ja"},
      {USCRIPT_KATAKANA, "ja"}, {USCRIPT_HAN, "zh"},      {USCRIPT_HEBREW, "he"},
      {USCRIPT_ARABIC, "ar"},   {USCRIPT_THAI, "th"},     {USCRIPT_DEVANAGARI, "hi"},
      {USCRIPT_GEORGIAN, "ka"}, {USCRIPT_ARMENIAN, "hy"},
  };
  const auto it = kByScript.find(script);
  return it == kByScript.end() ? nullptr : it->second;
}

}  // namespace

std::string DetectLanguage(std::string_view utf8) {
  const std::string_view sample = utf8.substr(0, kSampleBytes);
  // Letters by script; the sample's 4 KiB fit 16 bits (a small array to clear).
  static_assert(kSampleBytes <= UINT16_MAX);
  std::array<uint16_t, USCRIPT_CODE_LIMIT> letters_by_script{};
  // The scripts with letters, as bits by script code.
  std::array<uint64_t, (USCRIPT_CODE_LIMIT + 63) / 64> scripts_seen{};
  const auto add_letters = [&](UScriptCode script, size_t count) {
    letters_by_script[script] = static_cast<uint16_t>(letters_by_script[script] + count);
    scripts_seen[script / 64] |= uint64_t{1} << (script % 64);
  };
  HitCounts hits;
  const FunctionWords& index = WordIndex();
  // The current word, lower-cased, while it is built a piece at a time: its
  // size, and its first bytes (all a word that is looked up has). Words of
  // ASCII letters inside a chunk skip it (below).
  std::array<char, kMaxWordBytes> word;
  size_t word_size = 0;
  const auto push = [&](char c) {
    if (word_size < word.size()) word[word_size] = c;
    ++word_size;
  };
  const auto end_word = [&] {
    if (word_size == 0) return;
    if (word_size <= kMaxWordBytes) hits.Add(index.ProfilesOf(std::string_view(word.data(), word_size)));
    word_size = 0;
  };
  size_t latin_letters = 0;
  std::string lowered;  // a non-ASCII letter, lower-cased
  // Most of a text is ASCII: the words of a run of ASCII bytes (up to a
  // chunk) are found from its letter mask, and a word with a non-letter on
  // both sides inside the run is looked up at once. A word that reaches the
  // run's end starts the next run, so few words are built a piece at a time.
  // Other bytes go a byte or a code point at a time (kByteStepBytes).
  // KeyOfAsciiLetters reads kKeyBytes bytes at any offset of a chunk: a
  // chunk is read in place when the sample has them, else copied here, and
  // zero bytes (non-letters, as the text's end is) put after it.
  std::array<char, kChunkBytes + kKeyBytes> padded{};
  for (size_t pos = 0; pos < sample.size();) {
    const size_t chunk_size = std::min(kChunkBytes, sample.size() - pos);
    const char* chunk = sample.data() + pos;
    if (pos + kChunkBytes + kKeyBytes > sample.size()) {
      std::fill_n(padded.begin(), kChunkBytes, '\0');
      std::memcpy(padded.data(), chunk, chunk_size);
      chunk = padded.data();
    }
    const ChunkMasks masks = MasksOf(chunk);
    // The ASCII bytes the chunk starts with.
    const size_t run_size = std::min(chunk_size, static_cast<size_t>(std::countr_zero(masks.non_ascii)));
    if (run_size > 0) {
      const uint64_t run_bytes = FirstBytes(run_size);
      uint64_t letters = masks.letters & run_bytes;
      // A word from before goes on with the first letters, and one that
      // fills the run goes on past it.
      if (word_size > 0 || letters == run_bytes) {
        const auto first_letters = static_cast<size_t>(std::countr_one(letters));
        for (size_t k = 0; k < first_letters; ++k) push(static_cast<char>(chunk[k] | 0x20));
        latin_letters += first_letters;
        if (first_letters == run_size) {
          pos += run_size;
          continue;
        }
        end_word();
        letters &= ~FirstBytes(first_letters);
      }
      // Each word's first and last letters, one bit each.
      uint64_t firsts = letters & ~(letters << 1), lasts = letters & ~(letters >> 1);
      size_t next = run_size;  // where the next run starts
      if ((letters >> (run_size - 1)) & 1) {
        // The last word may go on: the next run starts with it (first > 0,
        // as a word filling the run went above).
        next = static_cast<size_t>(63 - std::countl_zero(firsts));
        firsts &= ~(uint64_t{1} << next);
      }
      latin_letters += CountBits(letters & FirstBytes(next));
      // The words too long to be a profile's (a third of a text's) are
      // dropped at once, their first and last letters together, so that
      // the loop below meets only words that may be looked up.
      const uint64_t long_runs = RunsOfAtLeast<kLongWordBytes>(letters);
      firsts &= ~long_runs;
      lasts &= ~(long_runs << (kLongWordBytes - 1));
      // The run's hits, added to `hits` after it: a local the loop may keep
      // in registers (`hits` is shared with the byte-at-a-time path).
      RunHitCounts run_hits;
      for (; firsts != 0; firsts &= firsts - 1, lasts &= lasts - 1) {
        // Neither mask is 0 here (a word's last letter comes with its
        // first): __builtin_ctzll spares std::countr_zero's test for 0. (Its
        // int made unsigned, not sign-extended.)
        const auto first = static_cast<unsigned>(__builtin_ctzll(firsts));
        const auto last = static_cast<unsigned>(__builtin_ctzll(lasts));
        const size_t size = last + 1 - first;
        // The words left have at most kMaxAsciiWordBytes: while that is
        // no more than a key's, the test is compiled away.
        if (kMaxAsciiWordBytes <= kKeyBytes || size <= kKeyBytes) {
          run_hits.Add(index.ProfilesOf(KeyOfAsciiLetters(chunk + first, size)));
        } else {
          // (No profile has such a long word of ASCII letters today.)
          for (size_t k = first; k <= last; ++k) push(static_cast<char>(chunk[k] | 0x20));
          end_word();
        }
      }
      hits += run_hits;
      pos += next;
      continue;
    }
    for (const size_t step_end = pos + std::min(kByteStepBytes, chunk_size); pos < step_end;) {
      const unsigned char byte = static_cast<unsigned char>(sample[pos]);
      if (byte < 0x80) {
        if (IsAsciiLetter(byte)) {
          push(static_cast<char>(byte | 0x20));
          ++latin_letters;
        } else {
          end_word();
        }
        ++pos;
        continue;
      }
      const UChar32 cp = static_cast<UChar32>(NextCodePoint(sample, &pos));
      if (!u_isalpha(cp)) {
        end_word();
        continue;
      }
      UErrorCode err = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(cp, &err);
      if (U_SUCCESS(err) && script >= 0 && script < USCRIPT_CODE_LIMIT) add_letters(script, 1);
      lowered.clear();
      AppendCodePoint(static_cast<char32_t>(u_tolower(cp)), &lowered);
      for (const char c : lowered) push(c);
    }
  }
  if (latin_letters > 0) add_letters(USCRIPT_LATIN, latin_letters);
  end_word();
  // Kana beside Han means Japanese, whatever the Han count.
  if (letters_by_script[USCRIPT_HIRAGANA] + letters_by_script[USCRIPT_KATAKANA] > 0) return "ja";
  // The script with the most letters, the lowest code on a tie.
  size_t most = 0;
  UScriptCode main_script = USCRIPT_COMMON;
  for (size_t w = 0; w < scripts_seen.size(); ++w) {
    for (uint64_t rest = scripts_seen[w]; rest != 0; rest &= rest - 1) {
      const auto script = static_cast<UScriptCode>(w * 64 + static_cast<size_t>(std::countr_zero(rest)));
      if (letters_by_script[script] > most) most = letters_by_script[script], main_script = script;
    }
  }
  if (most == 0) return "";
  if (const char* language = LanguageOfScript(main_script)) return language;
  const auto& profiles = kProfiles;
  std::string best;
  size_t best_hits = 0, second_hits = 0;
  for (size_t p = 0; p < profiles.size(); ++p) {
    if (profiles[p].script != main_script) continue;
    if (hits[p] > best_hits) {
      second_hits = best_hits, best_hits = hits[p], best = profiles[p].language;
    } else if (hits[p] > second_hits) {
      second_hits = hits[p];
    }
  }
  if (best_hits < 3 || best_hits * 2 < second_hits * 3) return "";
  return best;
}

}  // namespace newsmine
