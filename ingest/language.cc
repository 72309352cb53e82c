#include "ingest/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/utf8.h"

namespace newsmine {
namespace {

constexpr size_t kSampleBytes = 16 << 10;

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
  std::unordered_map<int, size_t> letters_by_script;
  std::vector<std::string> words;
  std::string word;
  for (size_t pos = 0; pos < sample.size();) {
    const char32_t cp = NextCodePoint(sample, &pos);
    if (u_isalpha(static_cast<UChar32>(cp))) {
      UErrorCode err = U_ZERO_ERROR;
      ++letters_by_script[uscript_getScript(static_cast<UChar32>(cp), &err)];
      AppendCodePoint(static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))), &word);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  // Kana beside Han means Japanese, whatever the Han count.
  if (letters_by_script[USCRIPT_HIRAGANA] + letters_by_script[USCRIPT_KATAKANA] > 0) return "ja";
  UScriptCode main_script = USCRIPT_COMMON;
  size_t most = 0;
  for (const auto& [script, count] : letters_by_script) {
    if (count > most) most = count, main_script = static_cast<UScriptCode>(script);
  }
  if (most == 0) return "";
  if (const char* language = LanguageOfScript(main_script)) return language;
  std::map<std::string, size_t> hits;
  for (const Profile& profile : Profiles()) {
    if (profile.script != main_script) continue;
    for (const std::string& w : words) hits[profile.language] += profile.words.count(w);
  }
  std::string best;
  size_t best_hits = 0, second_hits = 0;
  for (const auto& [language, count] : hits) {
    if (count > best_hits) {
      second_hits = best_hits, best_hits = count, best = language;
    } else if (count > second_hits) {
      second_hits = count;
    }
  }
  if (best_hits < 3 || best_hits * 2 < second_hits * 3) return "";
  return best;
}

}  // namespace newsmine
