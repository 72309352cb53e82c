#include "ingest/dates.h"

#include <array>
#include <boost/regex.hpp>
#include <cctype>
#include <cstdio>

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

namespace {

bool HasFourDigitRun(std::string_view text) {
  int run = 0;
  for (const char c : text) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

bool PlausibleDate(int year, int month, int day) {
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string FormatDate(int year, int month, int day) {
  if (!PlausibleDate(year, month, day)) return {};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
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

int ToInt(const boost::ssub_match& m) { return m.matched ? std::stoi(m.str()) : 0; }

}  // namespace

std::string NormalizeDate(std::string_view text) {
  // Every accepted form has a four-digit year: most lines fail this cheaply.
  if (!HasFourDigitRun(text)) return "";
  std::string s = CollapseWhitespace(text);
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s.empty() || s.size() > 64) return "";
  static const boost::regex kIso(
      R"((\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?)");
  static const boost::regex kMonthFirst(
      R"((?:[A-Za-z]+,? )?([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(?: \d{1,2}:\d{2}.*)?)");
  static const boost::regex kDayFirst(
      R"((?:[A-Za-z]+,? )?(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4}))"
      R"((?:[ T]\d{1,2}:\d{2}.*)?)");
  boost::smatch m;
  if (boost::regex_match(s, m, kIso)) {
    std::string date = FormatDate(ToInt(m[1]), ToInt(m[2]), ToInt(m[3]));
    if (date.empty() || !m[4].matched) return date;
    return date + "T" + m[4].str() + m[5].str();
  }
  if (boost::regex_match(s, m, kMonthFirst)) {
    return FormatDate(ToInt(m[3]), MonthNumber(m[1].str()), ToInt(m[2]));
  }
  if (boost::regex_match(s, m, kDayFirst)) {
    return FormatDate(ToInt(m[3]), MonthNumber(m[2].str()), ToInt(m[1]));
  }
  return "";
}

std::string FindDate(std::string_view text_view) {
  const std::string text(text_view);
  static const boost::regex kIso(
      R"((\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b|GMT|UTC)?)?)");
  static const boost::regex kSlashed(R"((\d{4})[/.](\d{1,2})[/.](\d{1,2}))");
  static const boost::regex kCompact(R"(^(\d{4})(\d{2})(\d{2})(?:\D|$))");
  static const boost::regex kMonthFirst(
      R"(\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|Z|[+-]\d{4})?)?)");
  static const boost::regex kDayFirst(
      R"(\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?)?)");
  boost::smatch m;
  auto number = [&](int i) { return std::stoi(m[i].str()); };
  if (boost::regex_search(text, m, kIso) && PlausibleDate(number(1), number(2), number(3))) {
    return FormatDateTime(number(1), number(2), number(3), m[4].str(), m[5].str(), m[6].str(), m[7].str());
  }
  if (boost::regex_search(text, m, kDayFirst) && MonthNumber(m[2].str()) &&
      PlausibleDate(number(3), MonthNumber(m[2].str()), number(1))) {
    return FormatDateTime(number(3), MonthNumber(m[2].str()), number(1), m[4].str(), m[5].str(), m[6].str(),
                          m[7].str());
  }
  if (boost::regex_search(text, m, kMonthFirst) && MonthNumber(m[1].str()) &&
      PlausibleDate(number(3), MonthNumber(m[1].str()), number(2))) {
    return FormatDateTime(number(3), MonthNumber(m[1].str()), number(2), m[4].str(), m[5].str(), m[6].str(),
                          m[7].str());
  }
  if ((boost::regex_search(text, m, kSlashed) || boost::regex_search(text, m, kCompact)) &&
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
