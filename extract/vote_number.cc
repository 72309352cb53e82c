#include "extract/vote_number.h"

#include <unicode/uchar.h>

#include <array>
#include <cstring>
#include <string>

#include "core/bytes16.h"
#include "core/utf8.h"
#include "extract/vote_words.h"
#include "extract/word_table.h"

namespace newsmine {
namespace {

bool IsPercentSign(std::string_view t) {
  return t == "%" || t == "\xEF\xBC\x85" /* ％ */ || t == "\xEF\xB9\xAA" /* ﹪ */;
}

// Length in tokens of the unit starting at token i (0 when none).
size_t UnitAt(const AnalyzedText& text, size_t i, size_t end) {
  if (i >= end) return 0;
  const std::string_view t = text.TokenText(i);
  if (IsPercentSign(t)) return 1;
  const std::string_view w = text.Folded(i);
  if (w == "percent" || w == "pct" || w == "per-cent" || w == "percentage") {
    // "percentage points" is a change, never a share; "percentage" alone is not a unit.
    return w == "percentage" ? 0 : 1;
  }
  if (w == "per" && i + 1 < end && text.Folded(i + 1) == "cent") return 2;
  return 0;
}

// The value of a number word ("zero" .. "nineteen", "twenty" .. "ninety"),
// or -1. One table lookup: it is asked of every word of a sentence with a
// percentage, and the shape test of WordTable turns most words away
// without hashing them.
int NumberWordValue(std::string_view w) {
  static const WordTable<int> words = {{"zero", 0},     {"one", 1},        {"two", 2},       {"three", 3},
                                       {"four", 4},     {"five", 5},       {"six", 6},       {"seven", 7},
                                       {"eight", 8},    {"nine", 9},       {"ten", 10},      {"eleven", 11},
                                       {"twelve", 12},  {"thirteen", 13},  {"fourteen", 14}, {"fifteen", 15},
                                       {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
                                       {"twenty", 20},  {"thirty", 30},    {"forty", 40},    {"fifty", 50},
                                       {"sixty", 60},   {"seventy", 70},   {"eighty", 80},   {"ninety", 90}};
  const int* value = words.Find(w);
  return value == nullptr ? -1 : *value;
}

// "zero" .. "nineteen": the value, else -1.
int SmallNumberWord(std::string_view w) {
  const int value = NumberWordValue(w);
  return value < 20 ? value : -1;
}

// "twenty" .. "ninety": the value, else -1.
int TensWord(std::string_view w) {
  const int value = NumberWordValue(w);
  return value >= 20 ? value : -1;
}

// "twenty-five", "forty", "nine": the value of one word, or -1.
int WordValue(std::string_view w) {
  if (const size_t dash = w.find('-'); dash != std::string_view::npos) {
    const int tens = TensWord(w.substr(0, dash));
    const int unit = SmallNumberWord(w.substr(dash + 1));
    return tens >= 0 && unit > 0 && unit < 10 ? tens + unit : -1;
  }
  return NumberWordValue(w);
}

struct Qualifier {
  std::string_view words;
  size_t length;  // in tokens
};

// Longest first, so "no more than" wins over "more than".
constexpr std::array<Qualifier, 25> kQualifiers = {{
    {"slightly more than", 3},
    {"slightly less than", 3},
    {"no more than", 3},
    {"not more than", 3},
    {"a little over", 3},
    {"more than", 2},
    {"less than", 2},
    {"fewer than", 2},
    {"greater than", 2},
    {"just over", 2},
    {"just under", 2},
    {"at least", 2},
    {"at most", 2},
    {"close to", 2},
    {"an estimated", 2},
    {"nearly", 1},
    {"almost", 1},
    {"about", 1},
    {"around", 1},
    {"roughly", 1},
    {"approximately", 1},
    {"some", 1},
    {"over", 1},
    {"under", 1},
    {"barely", 1},
}};

bool MatchesWords(const AnalyzedText& text, size_t first, size_t length, std::string_view words) {
  std::string joined;
  for (size_t i = first; i < first + length; ++i) {
    if (!joined.empty()) joined += ' ';
    joined += text.Folded(i);
  }
  return joined == words;
}

bool IsNegation(std::string_view w) {
  return w == "not" || w == "never" || w == "failing" || w == "failed" || w == "fail" || w == "fails" ||
         w == "unable" || w == "n't";
}

// Fills the qualifier of `m` from the words before its number.
void FindQualifier(const AnalyzedText& text, size_t sentence_first, PercentMention* m) {
  m->qualifier_first = m->first;
  for (const Qualifier& q : kQualifiers) {
    if (m->first < sentence_first + q.length) continue;
    const size_t start = m->first - q.length;
    if (!MatchesWords(text, start, q.length, q.words)) continue;
    m->qualifier_first = start;
    m->qualifier = std::string(q.words);
    break;
  }
  if (m->qualifier != "more than") return;
  // "failing to top more than 1%": a bound from above.
  for (size_t i = m->qualifier_first; i > sentence_first && i + 4 > m->qualifier_first; --i) {
    if (IsNegation(text.Folded(i - 1))) {
      m->qualifier = "no more than";
      return;
    }
  }
}

bool IsNumberToken(const AnalyzedText& text, size_t i) {
  return text.tokens()[i].kind == Token::Kind::kNumber;
}

// A bare number that may be a share: at most 100, no thousands separator.
std::optional<double> BareShare(const AnalyzedText& text, size_t i) {
  if (!IsNumberToken(text, i)) return std::nullopt;
  const std::string_view t = text.TokenText(i);
  const std::optional<double> v = ParseNumberToken(t);
  if (!v || *v > 100) return std::nullopt;
  return v;
}

bool IsListEnd(std::string_view t) { return t == "," || t == "and" || t == ";" || t == ")" || t == "."; }

bool IsRangeJoin(std::string_view t) { return t == "to" || IsDash(t); }

// Wire fractions before a unit: "5-1/2 pct" (5.5), "1/2 pct" (0.5). On
// entry *value is the denominator; moves m->first to the fraction's start.
void ReadFraction(const AnalyzedText& text, size_t sentence_first, PercentMention* m, double* value) {
  const size_t i = m->first;
  if (i < sentence_first + 2 || text.TokenText(i - 1) != "/" || !IsNumberToken(text, i - 2)) return;
  const std::optional<double> numerator = ParseNumberToken(text.TokenText(i - 2));
  if (!numerator || *value == 0) return;
  double result = *numerator / *value;
  m->first = i - 2;
  if (m->first >= sentence_first + 2 && text.TokenText(m->first - 1) == "-" &&
      IsNumberToken(text, m->first - 2)) {
    if (const std::optional<double> whole = ParseNumberToken(text.TokenText(m->first - 2))) {
      result += *whole;
      m->first -= 2;
    }
  }
  *value = result;
}

// "between 40 and 45 percent": one figure, its lower bound, qualified by the
// range as written.
void ReadRange(const AnalyzedText& text, size_t sentence_first, PercentMention* m) {
  const size_t i = m->first;
  if (i < sentence_first + 3 || text.TokenText(i - 1) != "and" || !IsNumberToken(text, i - 2) ||
      text.Folded(i - 3) != "between") {
    return;
  }
  const std::optional<double> low = ParseNumberToken(text.TokenText(i - 2));
  if (!low || *low >= m->value) return;
  m->qualifier = "between " + std::string(text.TokenText(i - 2)) + " and " + std::string(text.TokenText(i));
  m->value = *low;
  m->first = i - 2;
  m->qualifier_first = i - 3;
}

// True when `s` starts with `prefix` (lower-case ASCII), ignoring ASCII case.
bool StartsWithAsciiNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    const char c = s[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<double> ParseNumberToken(std::string_view token) {
  std::string ascii;
  size_t pos = 0;
  size_t commas = 0;
  size_t digits_after_last_comma = 0;
  bool after_comma = false;
  while (pos < token.size()) {
    const char32_t c = NextCodePoint(token, &pos);
    if (c == '.' || c == ',') {
      if (c == ',') {
        ++commas;
        after_comma = true;
        digits_after_last_comma = 0;
      } else {
        after_comma = false;
      }
      ascii += static_cast<char>(c);
      continue;
    }
    const int32_t d = u_charDigitValue(static_cast<UChar32>(c));
    if (d < 0) return std::nullopt;
    ascii += static_cast<char>('0' + d);
    if (after_comma) ++digits_after_last_comma;
  }
  if (ascii.empty()) return std::nullopt;
  // One comma with one or two digits after it is a decimal comma ("81,3").
  const bool decimal_comma = commas == 1 && digits_after_last_comma >= 1 && digits_after_last_comma <= 2 &&
                             ascii.find('.') == std::string::npos;
  std::string clean;
  for (char c : ascii) {
    if (c == ',') {
      if (decimal_comma) clean += '.';
      continue;
    }
    clean += c;
  }
  try {
    return std::stod(clean);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<double> ParseSpelledNumber(const AnalyzedText& text, size_t first, size_t end, size_t* next) {
  if (first >= end || text.tokens()[first].kind != Token::Kind::kWord) return std::nullopt;
  int value = WordValue(text.Folded(first));
  if (value < 0) return std::nullopt;
  size_t i = first + 1;
  if (value >= 20 && value % 10 == 0 && i < end) {  // "Thirty five"
    const int unit = SmallNumberWord(text.Folded(i));
    if (unit > 0 && unit < 10) {
      value += unit;
      ++i;
    }
  }
  if (value == 1 && i < end && text.Folded(i) == "hundred") {
    value = 100;
    ++i;
  }
  *next = i;
  return value;
}

namespace {

// Whether `rest`, which follows a "per", is "cent", " cen" or "-cen" (any case).
bool CentAfterPer(std::string_view rest) {
  for (const std::string_view tail : {"cent", " cen", "-cen"}) {
    if (StartsWithAsciiNoCase(rest, tail)) return true;
  }
  return false;
}

// Whether a cue of NextPercentCue starts at `s[i]`. Small, so that the
// scan's checks are inlined.
inline bool PercentCueAt(std::string_view s, size_t i) {
  const std::string_view rest = s.substr(i);
  switch (rest[0]) {
    case '%':
      return true;
    case '\xEF':
      return rest.starts_with("\xEF\xBC\x85") || rest.starts_with("\xEF\xB9\xAA");
    case 'p':
    case 'P': {
      // "pct", or "per" then "cent", " cen" or "-cen". Most p's fail on the
      // next two bytes, tested first (| 0x20 lower-cases exactly the ASCII
      // letters among the bytes compared with: 'C' and 'c' give 'c', ...).
      if (rest.size() < 3) return false;
      const char second = static_cast<char>(rest[1] | 0x20);
      const char third = static_cast<char>(rest[2] | 0x20);
      if (second == 'c') return third == 't';
      return second == 'e' && third == 'r' && CentAfterPer(rest.substr(3));
    }
    default:
      return false;
  }
}

// Bit k set when byte k of the sixteen at `p` may start a cue: '%', 0xEF,
// or a 'p' (any case) followed by a 'c' or an 'e' ("pct", "per"). Reads the
// seventeenth byte too. The byte after a 'p' is tested here, sixteen at a
// time, because 'p' alone is common: a block with one came every few
// blocks, and each sent the scan to PercentCueAt on a branch no predictor
// could guess.
uint32_t CueStartBytes(const uint8_t* p) {
  Bytes16 v, next;
  std::memcpy(&v, p, 16);
  std::memcpy(&next, p + 1, 16);
  const Bytes16 next_lower = next | 0x20;
  const auto p_then_c_or_e = ((v | 0x20) == 'p') & ((next_lower == 'c') | (next_lower == 'e'));
  return MoveMask(reinterpret_cast<Bytes16>((v == '%') | (v == 0xEF) | p_then_c_or_e));
}

}  // namespace

size_t NextPercentCue(std::string_view s, size_t from) {
  // Sixteen bytes at a time; the few that may start a cue are checked one by
  // one. The last few bytes are copied into a zero-padded block (a zero byte
  // starts no cue, nor follows a 'p' of one) rather than checked byte by
  // byte.
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto first_cue = [&](size_t block_start, uint32_t mask) {
    for (; mask != 0; mask &= mask - 1) {
      const size_t at = block_start + static_cast<size_t>(__builtin_ctz(mask));
      if (PercentCueAt(s, at)) return at;
    }
    return std::string_view::npos;
  };
  size_t i = from;
  for (; i + 17 <= s.size(); i += 16) {  // CueStartBytes reads 17 bytes
    const size_t at = first_cue(i, CueStartBytes(bytes + i));
    if (at != std::string_view::npos) return at;
  }
  if (i >= s.size()) return std::string_view::npos;
  uint8_t last[17] = {};
  std::memcpy(last, bytes + i, s.size() - i);  // at most sixteen bytes
  return first_cue(i, CueStartBytes(last));
}

bool MayHavePercent(std::string_view s) { return NextPercentCue(s, 0) != std::string_view::npos; }

bool HasPercentUnit(const AnalyzedText& text, size_t s) {
  const Sentence& sentence = text.sentences()[s];
  const Token* tokens = text.tokens().data();
  const char* bytes = text.text().data();
  for (size_t i = sentence.first_token; i < sentence.end_token; ++i) {
    // Unit words fold to words starting with 'p' (an ASCII first character
    // only loses its case in folding); percent signs start with '%' or,
    // full-width and small, with the byte 0xEF.
    const unsigned char first = static_cast<unsigned char>(bytes[tokens[i].begin]);
    const bool may_be_unit = first < 0x80 ? first == '%' || (first | 0x20) == 'p'
                                          : first == 0xEF || text.Folded(i).substr(0, 1) == "p";
    if (may_be_unit && UnitAt(text, i, sentence.end_token) > 0) return true;
  }
  return false;
}

std::vector<PercentMention> FindPercentMentions(const AnalyzedText& text, size_t s) {
  const Sentence& sentence = text.sentences()[s];
  const size_t begin = sentence.first_token;
  const size_t end = sentence.end_token;
  std::vector<PercentMention> out;
  for (size_t i = begin; i < end; ++i) {
    PercentMention m;
    m.first = i;
    std::optional<double> value;
    if (IsNumberToken(text, i)) {
      value = ParseNumberToken(text.TokenText(i));
      m.number_end = i + 1;
    } else {
      value = ParseSpelledNumber(text, i, end, &m.number_end);
    }
    if (!value) continue;
    const size_t unit = UnitAt(text, m.number_end, end);
    if (unit == 0) continue;
    ReadFraction(text, begin, &m, &*value);
    if (*value > 100) continue;
    m.value = *value;
    m.has_unit = true;
    m.end = m.number_end + unit;
    FindQualifier(text, begin, &m);
    ReadRange(text, begin, &m);
    out.push_back(m);
    i = m.end - 1;
  }
  // Bare numbers that borrow the unit of a mention: "47 to 42 percent" and
  // list items "X at 30.5 and Y at 30 pct".
  if (out.empty()) return out;
  std::vector<PercentMention> all;
  size_t next_unit = 0;
  for (size_t i = begin; i < end; ++i) {
    if (next_unit < out.size() && out[next_unit].first <= i) {
      all.push_back(out[next_unit]);
      i = out[next_unit].end - 1;
      ++next_unit;
      continue;
    }
    const std::optional<double> v = BareShare(text, i);
    if (!v) continue;
    const bool pairs_with_next =
        next_unit < out.size() && i + 2 == out[next_unit].first && IsRangeJoin(text.TokenText(i + 1));
    const bool list_item = i > begin + 1 && i + 1 < end && IsListEnd(text.TokenText(i + 1)) &&
                           MonthNumber(text.TokenText(i - 1)) == 0 &&
                           (text.tokens()[i - 1].upper_initial ||
                            ((text.TokenText(i - 1) == "at" || text.TokenText(i - 1) == ":") &&
                             text.tokens()[i - 2].upper_initial));
    if (!pairs_with_next && !list_item) continue;
    PercentMention m;
    m.first = i;
    m.number_end = i + 1;
    m.end = i + 1;
    m.value = *v;
    FindQualifier(text, begin, &m);
    all.push_back(m);
  }
  return all;
}

}  // namespace newsmine
