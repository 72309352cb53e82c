#include "ingest/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace newsmine {
namespace {

// Enough text for function-word counts to settle.
constexpr size_t kSampleBytes = 4 << 10;

struct Profile {
  const char* language;
  UScriptCode script;
  std::unordered_set<std::string> words;
};

// The most frequent function words of each language (general knowledge).
const std::vector<Profile>& Profiles() {
  static const std::vector<Profile> kProfiles = {
      {"en", USCRIPT_LATIN, {"the", "of",   "and", "to",   "in",    "is",   "that", "for",
                             "it",  "was",  "on",  "with", "he",    "as",   "his",  "by",
                             "at",  "from", "are", "this", "which", "have", "had",  "were"}},
      {"fr", USCRIPT_LATIN, {"le",  "la",   "les",  "des",  "et",  "est",  "une", "dans",
                             "que", "qui",  "pour", "pas",  "sur", "du",   "au",  "avec",
                             "il",  "elle", "ce",   "sont", "par", "mais", "aux"}},
      {"de", USCRIPT_LATIN, {"der", "die",  "und",  "das", "ist",  "nicht", "mit",  "den",
                             "von", "sich", "des",  "auf", "ein",  "eine",  "dem",  "zu",
                             "für", "auch", "wird", "bei", "nach", "sie",   "wurde"}},
      {"es", USCRIPT_LATIN, {"el",   "los", "las",  "del",  "que",   "y",      "en",   "por",
                             "con",  "una", "para", "es",   "se",    "al",     "como", "más",
                             "pero", "sus", "fue",  "este", "entre", "también"}},
      {"it", USCRIPT_LATIN, {"il",  "di",  "che",   "della", "per",  "una",  "sono",
                             "gli", "del", "non",   "con",   "nel",  "alla", "anche",
                             "è",   "dei", "delle", "da",    "come", "più",  "questo"}},
      {"pt", USCRIPT_LATIN, {"o",    "os",  "da",  "do",  "que",    "em",  "uma",  "para",
                             "com",  "não", "dos", "das", "se",     "por", "mais", "foi",
                             "como", "ao",  "na",  "no",  "também", "são"}},
      {"nl", USCRIPT_LATIN, {"de",  "het",   "een",  "van",  "en",   "is",   "niet",
                             "dat", "op",    "te",   "zijn", "voor", "met",  "ook",
                             "aan", "wordt", "door", "bij",  "naar", "deze", "werd"}},
      {"sv", USCRIPT_LATIN, {"och",  "att", "det", "som",  "en", "på",  "är",  "av",  "för",  "med",
                             "till", "den", "har", "inte", "om", "ett", "var", "men", "från", "eller"}},
      {"pl", USCRIPT_LATIN, {"i",   "w",  "na",    "się", "nie",  "z",   "że",  "do",  "to",  "jest",
                             "jak", "po", "przez", "od",  "oraz", "dla", "już", "tak", "był", "jego"}},
      {"tr",
       USCRIPT_LATIN,
       {"ve", "bir", "bu", "için", "ile", "da", "de", "olarak", "çok", "daha", "gibi", "olan", "ancak",
        "değil", "kadar", "sonra", "ise", "veya"}},
      {"ru", USCRIPT_CYRILLIC, {"и",   "в", "не",  "на", "что", "с",  "по",    "это",  "как", "из", "он",
                                "его", "к", "для", "от", "был", "но", "также", "было", "или", "при"}},
      {"uk", USCRIPT_CYRILLIC, {"і",  "в",   "на",  "що",   "не",    "з",   "до",  "та",  "у",   "як",
                                "це", "від", "для", "його", "також", "був", "але", "або", "які", "при"}},
      {"bg", USCRIPT_CYRILLIC, {"и",  "в", "на", "да",   "се",   "за", "не",  "от", "е",  "че",
                                "са", "с", "по", "като", "това", "но", "или", "ще", "бе", "му"}},
  };
  return kProfiles;
}

constexpr size_t kMaxProfiles = 32;
// Function words are short: longer words are not looked up.
constexpr size_t kMaxFunctionWordBytes = 12;

// A word of up to 16 bytes, zero-padded (letters are never zero bytes), as two
// integers: compared and hashed without a string.
struct WordKey {
  std::array<uint64_t, 2> halves{};
  bool operator==(const WordKey&) const = default;
};
static_assert(kMaxFunctionWordBytes <= sizeof(WordKey));

WordKey KeyOf(std::string_view word) {
  std::array<char, sizeof(WordKey)> bytes{};
  std::memcpy(bytes.data(), word.data(), std::min(word.size(), bytes.size()));
  WordKey key;
  std::memcpy(key.halves.data(), bytes.data(), bytes.size());
  return key;
}

// Every profile word, with a bit set for each profile (by index) that has it:
// an open-addressing table, probed linearly.
class FunctionWords {
 public:
  FunctionWords() {
    static_assert(kMaxProfiles <= 32, "one bit per profile");
    for (size_t p = 0; p < Profiles().size(); ++p) {
      for (const std::string& w : Profiles()[p].words) {
        Slot& slot = Find(KeyOf(w));
        slot.key = KeyOf(w);
        slot.profiles |= uint32_t{1} << p;
        max_word_bytes_ = std::max(max_word_bytes_, w.size());
      }
    }
  }

  // The profiles that have the word `key`, as bits; 0 for other words.
  uint32_t ProfilesOf(const WordKey& key) const { return Find(key).profiles; }

  // No word longer than this is in any profile.
  size_t max_word_bytes() const { return max_word_bytes_; }

 private:
  static constexpr int kSlotBits = 10;  // a quarter full: short probes
  static constexpr size_t kSlots = size_t{1} << kSlotBits;
  struct Slot {
    WordKey key;
    uint32_t profiles = 0;  // 0: empty
  };

  const Slot& Find(const WordKey& key) const {
    size_t i =
        (key.halves[0] * 0x9E3779B97F4A7C15ULL ^ key.halves[1] * 0xC2B2AE3D27D4EB4FULL) >> (64 - kSlotBits);
    while (slots_[i].profiles != 0 && !(slots_[i].key == key)) i = (i + 1) % kSlots;
    return slots_[i];
  }
  Slot& Find(const WordKey& key) { return const_cast<Slot&>(std::as_const(*this).Find(key)); }

  std::array<Slot, kSlots> slots_{};
  size_t max_word_bytes_ = 0;
};

const FunctionWords& WordIndex() {
  static const auto* kIndex = new FunctionWords();
  return *kIndex;
}

constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;

bool IsAsciiLetter(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }

// The high bit of each byte of `x` (eight text bytes, the first lowest) that
// is not an ASCII letter. Exact per byte: no sum below carries into the next.
uint64_t NonLetterBytes(uint64_t x) {
  const uint64_t folded = (x | kOnes * 0x20) & (kOnes * 0x7F);
  const uint64_t from_a = folded + kOnes * (0x80 - 'a');      // high bit: >= 'a'
  const uint64_t past_z = folded + kOnes * (0x80 - 'z' - 1);  // high bit: > 'z'
  return ~(from_a & ~past_z & ~x) & kHigh;
}

// The end of the run of ASCII letters from text[from] on.
size_t AsciiLetterRunEnd(std::string_view text, size_t from) {
  size_t i = from;
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= text.size(); i += 8) {
      uint64_t x;
      std::memcpy(&x, text.data() + i, 8);
      if (const uint64_t stops = NonLetterBytes(x); stops != 0) {
        return i + static_cast<size_t>(std::countr_zero(stops)) / 8;
      }
    }
  }
  while (i < text.size() && IsAsciiLetter(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

// KeyOf the lower-cased word of the first `size` (1 to 7) bytes of `x`,
// eight text bytes (the first lowest), all ASCII letters.
WordKey KeyOfAsciiLetters(uint64_t x, size_t size) {
  WordKey key;
  key.halves[0] = (x | kOnes * 0x20) & ((uint64_t{1} << (8 * size)) - 1);  // | 0x20 lower-cases letters
  return key;
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
  std::array<size_t, USCRIPT_CODE_LIMIT> letters_by_script{};
  // The scripts with letters, as bits by script code.
  std::array<uint64_t, (USCRIPT_CODE_LIMIT + 63) / 64> scripts_seen{};
  const auto add_letters = [&](UScriptCode script, size_t count) {
    letters_by_script[script] += count;
    scripts_seen[script / 64] |= uint64_t{1} << (script % 64);
  };
  std::array<size_t, kMaxProfiles> hits{};
  const FunctionWords& index = WordIndex();
  const auto count_hits = [&](const WordKey& key) {
    for (uint32_t rest = index.ProfilesOf(key); rest != 0; rest &= rest - 1) ++hits[std::countr_zero(rest)];
  };
  // The current word, lower-cased: its size, and its first bytes (all a word
  // that is looked up has). Most words of ASCII letters skip it (below).
  std::array<char, kMaxFunctionWordBytes> word;
  size_t word_size = 0;
  const auto push = [&](char c) {
    if (word_size < word.size()) word[word_size] = c;
    ++word_size;
  };
  const auto end_word = [&] {
    if (word_size == 0) return;
    if (word_size <= index.max_word_bytes()) count_hits(KeyOf(std::string_view(word.data(), word_size)));
    word_size = 0;
  };
  size_t latin_letters = 0;
  std::string lowered;  // a non-ASCII letter, lower-cased
  for (size_t pos = 0; pos < sample.size();) {
    const unsigned char byte = static_cast<unsigned char>(sample[pos]);
    if (byte < 0x80) {  // ASCII fast path
      if (!IsAsciiLetter(byte)) {
        end_word();
        ++pos;
        continue;
      }
      // Most letters come in short words between ASCII non-letters: one
      // eight-byte load gives such a word's end and its key, and the word is
      // looked up at once (with nothing in `word`, its end is a no-op).
      if (std::endian::native == std::endian::little && word_size == 0 && pos + 8 <= sample.size()) {
        uint64_t x;
        std::memcpy(&x, sample.data() + pos, 8);
        if (const uint64_t stops = NonLetterBytes(x); stops != 0) {
          const auto size = static_cast<size_t>(std::countr_zero(stops)) / 8;
          if (((x >> (8 * size)) & 0x80) == 0) {  // followed by an ASCII non-letter
            latin_letters += size;
            count_hits(KeyOfAsciiLetters(x, size));
            pos += size + 1;
            continue;
          }
        }
      }
      const size_t end = AsciiLetterRunEnd(sample, pos);
      latin_letters += end - pos;
      for (; pos < end; ++pos) push(static_cast<char>(sample[pos] | 0x20));
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
  const std::vector<Profile>& profiles = Profiles();
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
