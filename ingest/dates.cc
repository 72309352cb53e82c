#include "ingest/dates.h"

#include <array>
#include <boost/regex.hpp>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "core/bytes16.h"
#include "core/utf8.h"
#include "ingest/ascii.h"

namespace newsmine {

int MonthNumber(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string lower = AsciiLower(name);
  if (lower.size() < 3) return 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i].starts_with(lower) || (lower == "sept" && i == 8)) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool HasFourDigitRun(std::string_view text) {
  // One mask bit per digit byte of the sixteen at p (byte k is bit k).
  const auto has_run = [](const char* p) {
    Bytes16 x;
    std::memcpy(&x, p, sizeof(x));
    const uint32_t digits = MoveMask(InRange(x, '0', '9'));
    return (digits & (digits >> 1) & (digits >> 2) & (digits >> 3)) != 0;
  };
  if (text.size() >= sizeof(Bytes16)) {
    // Windows of sixteen bytes thirteen apart, the last one ending the text:
    // a run of four lies whole in the window where it starts (or in the last).
    for (size_t i = 0; i + sizeof(Bytes16) < text.size(); i += sizeof(Bytes16) - 3) {
      if (has_run(text.data() + i)) return true;
    }
    return has_run(text.data() + text.size() - sizeof(Bytes16));
  }
  // A short text byte by byte: copied into sixteen bytes, it would be read
  // back before the copy's stores have landed (a stall of many cycles).
  size_t run = 0;
  for (const char c : text) {
    run = IsAsciiDigit(c) ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

namespace {

bool PlausibleDate(int year, int month, int day) {
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string FormatDate(int year, int month, int day) {
  if (!PlausibleDate(year, month, day)) return {};
  // "%04d-%02d-%02d" without snprintf: the fields are in range.
  std::string out = "0000-00-00";
  for (int i = 3; i >= 0; --i, year /= 10) out[i] = static_cast<char>('0' + year % 10);
  out[5] = static_cast<char>('0' + month / 10);
  out[6] = static_cast<char>('0' + month % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

// "+0100", "+01:00", "-05", "Z", "GMT", "UTC" -> "+01:00" / "Z"; empty when absent or unknown.
std::string FormatZone(const std::string& zone) {
  if (zone.empty()) return {};
  if (zone == "Z" || zone == "z" || zone == "GMT" || zone == "UTC" || zone == "UT") return "Z";
  std::string digits;
  for (char c : zone) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (digits.size() == 2) digits += "00";
  if (digits.size() != 4) return {};
  return std::string(1, zone[0]) + digits.substr(0, 2) + ":" + digits.substr(2);
}

std::string FormatDateTime(int year, int month, int day, const std::string& hour, const std::string& minute,
                           const std::string& second, const std::string& zone) {
  std::string out = FormatDate(year, month, day);
  if (out.empty() || hour.empty()) return out;
  out += "T" + std::string(hour.size() == 1 ? "0" : "") + hour + ":" + minute + ":" +
         (second.empty() ? "00" : second);
  return out + FormatZone(zone);
}

// The value of a group of digits (at most a few), 0 when it did not match.
template <typename Iterator>
int ToInt(const boost::sub_match<Iterator>& m) {
  int value = 0;
  for (auto it = m.first; m.matched && it != m.second; ++it) value = value * 10 + (*it - '0');
  return value;
}

// The parts of an ISO 8601 date as NormalizeDate reads it.
struct IsoDate {
  int year = 0, month = 0, day = 0;
  std::string_view time;  // "HH:MM", "HH:MM:SS" or "HH:MM:SS.F...", or empty
  std::string_view zone;  // "Z", "+HH:MM", "+HHMM" (or "-"), or empty
};

// True when all of `s` is "YYYY-MM-DD", optionally followed by "T" or " " and
// a time, optionally followed by a zone (the shapes IsoDate describes). Each
// part is told by its first byte, so one pass without backtracking decides.
bool ParseIsoDate(std::string_view s, IsoDate* out) {
  size_t i = 0;
  int value = 0;
  const auto digits = [&](size_t count) {
    value = 0;
    for (size_t end = i + count; i < end; ++i) {
      if (i >= s.size() || !IsAsciiDigit(s[i])) return false;
      value = value * 10 + (s[i] - '0');
    }
    return true;
  };
  const auto literal = [&](char c) {
    if (i >= s.size() || s[i] != c) return false;
    ++i;
    return true;
  };
  // The date has a fixed shape, "dddd-dd-dd": its ten bytes are tested in
  // place, without the byte-at-a-time steps the time and zone need (every
  // metadata date comes here, many of them twice).
  constexpr size_t kDateBytes = 10;
  const auto digit = [s](size_t k) { return s[k] - '0'; };
  const auto is_digit = [s](size_t k) { return IsAsciiDigit(s[k]); };
  if (s.size() < kDateBytes || s[4] != '-' || s[7] != '-' || !is_digit(0) || !is_digit(1) || !is_digit(2) ||
      !is_digit(3) || !is_digit(5) || !is_digit(6) || !is_digit(8) || !is_digit(9)) {
    return false;
  }
  out->year = ((digit(0) * 10 + digit(1)) * 10 + digit(2)) * 10 + digit(3);
  out->month = digit(5) * 10 + digit(6);
  out->day = digit(8) * 10 + digit(9);
  i = kDateBytes;
  if (i == s.size()) return true;
  if (!literal('T') && !literal(' ')) return false;
  const size_t time = i;
  if (!digits(2) || !literal(':') || !digits(2)) return false;
  if (literal(':')) {
    if (!digits(2)) return false;
    if (literal('.')) {
      if (!digits(1)) return false;
      while (i < s.size() && IsAsciiDigit(s[i])) ++i;
    }
  }
  out->time = s.substr(time, i - time);
  const size_t zone = i;
  if (!literal('Z') && (literal('+') || literal('-'))) {
    if (!digits(2)) return false;
    literal(':');
    if (!digits(2)) return false;
  }
  out->zone = s.substr(zone, i - zone);
  return i == s.size();
}

// What the runs of four or more digits in a text allow FindDate's patterns
// (each needs one): the shapes those patterns need around such a run.
struct DigitRunShapes {
  bool dashed = false;   // "dddd-d": the ISO date
  bool slashed = false;  // "dddd/d" or "dddd.d"
  bool spaced = false;   // " dddd", for the forms with a month name: a run
                         // after a byte that is not an ASCII letter or digit
                         // (as white space is not)
  bool eight = false;    // eight digits: "20191119"
};

// One pass: a run of four digits has a digit at an index of the form 4k + 3,
// so only those are probed, and each run found is looked at once.
DigitRunShapes ScanDigitRuns(std::string_view text) {
  DigitRunShapes shapes;
  for (size_t probe = 3; probe < text.size(); probe += 4) {
    if (!IsAsciiDigit(text[probe])) continue;
    size_t begin = probe, end = probe + 1;
    while (begin > 0 && IsAsciiDigit(text[begin - 1])) --begin;
    while (end < text.size() && IsAsciiDigit(text[end])) ++end;
    if (end - begin >= 4) {
      // Four digits followed by a non-digit are the run's last four.
      const bool digit_after = end + 1 < text.size() && IsAsciiDigit(text[end + 1]);
      shapes.dashed |= digit_after && text[end] == '-';
      shapes.slashed |= digit_after && (text[end] == '/' || text[end] == '.');
      shapes.spaced |= begin > 0 && !IsAsciiAlnum(text[begin - 1]);
      shapes.eight |= end - begin >= 8;
    }
    probe += (end - 1 - probe) / 4 * 4;  // the next probe is past the run
  }
  return shapes;
}

// True when `text` has a month name (MonthNumber) standing as a word of
// three to nine ASCII letters, then an optional ".", an optional "," and
// white space before a digit: the month names of FindDate's kMonthFirstPattern
// ("Nov. 19") and kDayFirstPattern ("19 November, 2019") stand so, and a match of
// either whose word is no month is turned away, so without one neither is
// searched for. White space is read broadly (any byte from 0x80 may be some
// locale's), so no text the patterns could match is turned away.
bool HasMonthBeforeDigit(std::string_view text) {
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const auto space = [](char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || static_cast<unsigned char>(c) >= 0x80;
  };
  for (size_t i = 0; i < text.size();) {
    if (!letter(text[i])) {
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && letter(text[i])) ++i;
    const std::string_view word = text.substr(begin, i - begin);
    if (word.size() < 3 || word.size() > 9 || MonthNumber(word) == 0) continue;
    size_t k = i;
    if (k < text.size() && text[k] == '.') ++k;
    if (k < text.size() && text[k] == ',') ++k;
    if (k == text.size() || !space(text[k])) continue;
    while (k < text.size() && space(text[k])) ++k;
    if (k < text.size() && IsAsciiDigit(text[k])) return true;
  }
  return false;
}

// How many spaces come before the first run of four digits in `s`, or
// s.size() when there is no such run.
size_t SpacesBeforeFourDigits(std::string_view s) {
  size_t spaces = 0, digits = 0;
  for (const char c : s) {
    digits = IsAsciiDigit(c) ? digits + 1 : 0;
    if (digits == 4) return spaces;
    spaces += c == ' ' ? 1 : 0;
  }
  return s.size();
}

// FindDate's patterns. Each is compiled on its first use (Compiled): a
// process that reads few dates needs few of them, and compiling one costs
// as much as searching hundreds of texts.
constexpr char kIsoPattern[] =
    R"((\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b|GMT|UTC)?)?)";
constexpr char kSlashedPattern[] = R"((\d{4})[/.](\d{1,2})[/.](\d{1,2}))";
constexpr char kCompactPattern[] = R"(^(\d{4})(\d{2})(\d{2})(?:\D|$))";
constexpr char kMonthFirstPattern[] =
    R"(\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|Z|[+-]\d{4})?)?)";
constexpr char kDayFirstPattern[] =
    R"(\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?)?)";

template <const char* kPattern>
const boost::regex& Compiled() {
  static const boost::regex regex(kPattern);
  return regex;
}

}  // namespace

namespace {

// The part of a collapsed text NormalizeCollapsedDate reads: without a
// final ".", and "" when longer than any date.
std::string_view DateText(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s.size() > 64 ? std::string_view() : s;
}

// True when `s` (a DateText) is an ISO 8601 date, as ParseIsoDate reads
// them; *date is then its normal form, or "" for an implausible date.
bool ReadIsoDate(std::string_view s, std::string* date) {
  IsoDate iso;
  if (!ParseIsoDate(s, &iso)) return false;
  date->clear();
  if (!PlausibleDate(iso.year, iso.month, iso.day)) return true;
  // "YYYY-MM-DD" as read, which is as FormatDate writes it.
  date->assign(s.substr(0, 10));
  if (!iso.time.empty()) date->append("T").append(iso.time).append(iso.zone);
  return true;
}

}  // namespace

bool IsNormalDate(std::string_view text) {
  // NormalizeDate gives "" back, and a plausible ISO date as it reads it
  // when it has no final "." to drop and "T" (not " ") before its time.
  if (text.empty()) return true;
  IsoDate iso;
  return DateText(text) == text && ParseIsoDate(text, &iso) && PlausibleDate(iso.year, iso.month, iso.day) &&
         (iso.time.empty() || text[iso.time.data() - text.data() - 1] == 'T');
}

std::string NormalizeDate(std::string_view text) {
  // An ISO date, as most metadata dates are, has no white space to collapse
  // (nor a space at either end): it is read at once.
  if (std::string date; ReadIsoDate(DateText(text), &date)) return date;
  // Every accepted form has a four-digit year: most lines fail this cheaply.
  if (!HasFourDigitRun(text)) return "";
  // Most texts come collapsed already (lines of plain text, metadata): then
  // they are read in place.
  std::string collapsed;
  return NormalizeCollapsedDate(CollapsedView(text, &collapsed));
}

std::string NormalizeCollapsedDate(std::string_view text) {
  const std::string_view s = DateText(text);
  if (s.empty()) return "";
  if (std::string date; ReadIsoDate(s, &date)) return date;
  // The other forms have at most three words before the year, and no other
  // four digits in a row before it. The year ends the text or comes before a
  // time ("13 July 2024 10:30").
  if (SpacesBeforeFourDigits(s) > 3) return "";
  if (!IsAsciiDigit(s.back()) && s.find(':') == std::string_view::npos) return "";
  static const boost::regex kMonthFirst(
      R"((?:[A-Za-z]+,? )?([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(?: \d{1,2}:\d{2}.*)?)");
  static const boost::regex kDayFirst(
      R"((?:[A-Za-z]+,? )?(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4}))"
      R"((?:[ T]\d{1,2}:\d{2}.*)?)");
  boost::cmatch m;
  const auto group = [&m](int i) { return std::string_view(m[i].first, static_cast<size_t>(m[i].length())); };
  if (boost::regex_match(s.data(), s.data() + s.size(), m, kMonthFirst)) {
    return FormatDate(ToInt(m[3]), MonthNumber(group(1)), ToInt(m[2]));
  }
  if (boost::regex_match(s.data(), s.data() + s.size(), m, kDayFirst)) {
    return FormatDate(ToInt(m[3]), MonthNumber(group(2)), ToInt(m[1]));
  }
  return "";
}

std::string FindDate(std::string_view text_view) {
  // Each pattern is searched for only when the text has the digits (and for
  // the forms with a month name, the month) it needs: most texts have no
  // year, and then none is.
  DigitRunShapes shapes = ScanDigitRuns(text_view);
  shapes.spaced = shapes.spaced && HasMonthBeforeDigit(text_view);
  if (!shapes.dashed && !shapes.slashed && !shapes.spaced && !shapes.eight) return {};
  const std::string text(text_view);
  boost::smatch m;
  auto number = [&](int i) { return std::stoi(m[i].str()); };
  if (shapes.dashed && boost::regex_search(text, m, Compiled<kIsoPattern>()) &&
      PlausibleDate(number(1), number(2), number(3))) {
    return FormatDateTime(number(1), number(2), number(3), m[4].str(), m[5].str(), m[6].str(), m[7].str());
  }
  if (shapes.spaced && boost::regex_search(text, m, Compiled<kDayFirstPattern>()) &&
      MonthNumber(m[2].str()) && PlausibleDate(number(3), MonthNumber(m[2].str()), number(1))) {
    return FormatDateTime(number(3), MonthNumber(m[2].str()), number(1), m[4].str(), m[5].str(), m[6].str(),
                          m[7].str());
  }
  if (shapes.spaced && boost::regex_search(text, m, Compiled<kMonthFirstPattern>()) &&
      MonthNumber(m[1].str()) && PlausibleDate(number(3), MonthNumber(m[1].str()), number(2))) {
    return FormatDateTime(number(3), MonthNumber(m[1].str()), number(2), m[4].str(), m[5].str(), m[6].str(),
                          m[7].str());
  }
  if (((shapes.slashed && boost::regex_search(text, m, Compiled<kSlashedPattern>())) ||
       (shapes.eight && boost::regex_search(text, m, Compiled<kCompactPattern>()))) &&
      PlausibleDate(number(1), number(2), number(3))) {
    return FormatDate(number(1), number(2), number(3));
  }
  return {};
}

std::string DateFromUrl(std::string_view url_view) {
  const std::string url(url_view);
  static const boost::regex kPathDate(R"([/_-]((?:19|20)\d{2})[/_-]?(\d{2})[/_-]?(\d{2})(?:[/_.-]|$))");
  boost::smatch m;
  if (!boost::regex_search(url, m, kPathDate)) return {};
  const int year = std::stoi(m[1].str()), month = std::stoi(m[2].str()), day = std::stoi(m[3].str());
  return PlausibleDate(year, month, day) ? FormatDate(year, month, day) : std::string();
}

}  // namespace newsmine
