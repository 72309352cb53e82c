#include "ingest/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
constexpr size_t kMaxFunctionWordBytes = 12;

// Every profile word, with a bit set for each profile (by index) that has it.
const std::unordered_map<std::string, uint32_t>& WordIndex() {
  static const auto* kIndex = [] {
    auto* index = new std::unordered_map<std::string, uint32_t>();
    static_assert(kMaxProfiles <= 32, "one bit per profile");
    for (size_t p = 0; p < Profiles().size(); ++p) {
      for (const std::string& w : Profiles()[p].words) (*index)[w] |= uint32_t{1} << p;
    }
    return index;
  }();
  return *kIndex;
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
  std::array<size_t, kMaxProfiles> hits{};
  const auto& index = WordIndex();
  const size_t profile_count = Profiles().size();
  std::string word;
  const auto end_word = [&] {
    // Function words are short: longer words are not looked up.
    if (word.empty() || word.size() > kMaxFunctionWordBytes) {
      word.clear();
      return;
    }
    const auto it = index.find(word);
    if (it != index.end()) {
      for (size_t p = 0; p < profile_count; ++p) hits[p] += (it->second >> p) & 1;
    }
    word.clear();
  };
  for (size_t pos = 0; pos < sample.size();) {
    const unsigned char byte = static_cast<unsigned char>(sample[pos]);
    if (byte < 0x80) {  // ASCII fast path
      ++pos;
      if ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z') {
        ++letters_by_script[USCRIPT_LATIN];
        word.push_back(static_cast<char>(byte | 0x20));
      } else {
        end_word();
      }
      continue;
    }
    const UChar32 cp = static_cast<UChar32>(NextCodePoint(sample, &pos));
    if (!u_isalpha(cp)) {
      end_word();
      continue;
    }
    UErrorCode err = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(cp, &err);
    if (U_SUCCESS(err) && script >= 0 && script < USCRIPT_CODE_LIMIT) ++letters_by_script[script];
    AppendCodePoint(static_cast<char32_t>(u_tolower(cp)), &word);
  }
  end_word();
  // Kana beside Han means Japanese, whatever the Han count.
  if (letters_by_script[USCRIPT_HIRAGANA] + letters_by_script[USCRIPT_KATAKANA] > 0) return "ja";
  const auto most = std::max_element(letters_by_script.begin(), letters_by_script.end());
  if (*most == 0) return "";
  const auto main_script = static_cast<UScriptCode>(most - letters_by_script.begin());
  if (const char* language = LanguageOfScript(main_script)) return language;
  std::string best;
  size_t best_hits = 0, second_hits = 0;
  for (size_t p = 0; p < Profiles().size(); ++p) {
    if (Profiles()[p].script != main_script) continue;
    if (hits[p] > best_hits) {
      second_hits = best_hits, best_hits = hits[p], best = Profiles()[p].language;
    } else if (hits[p] > second_hits) {
      second_hits = hits[p];
    }
  }
  if (best_hits < 3 || best_hits * 2 < second_hits * 3) return "";
  return best;
}

}  // namespace newsmine
