#include "ingest/dates.h"

#include <array>
#include <boost/regex.hpp>
#include <cctype>
#include <cstdio>

#include "core/utf8.h"

namespace newsmine {
namespace {

// 1..12 for an English month name or its three-letter abbreviation, else 0.
int MonthNumber(std::string name) {
  static constexpr std::array<const char*, 12> kMonths = {"january",   "february", "march",    "april",
                                                          "may",       "june",     "july",     "august",
                                                          "september", "october",  "november", "december"};
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.size() < 3) return 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    const std::string full = kMonths[i];
    if (name == full || name == full.substr(0, 3) || (name == "sept" && i == 8))
      return static_cast<int>(i) + 1;
  }
  return 0;
}

std::string IsoDate(int year, int month, int day) {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return "";
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", year, month, day);
  return buffer;
}

int ToInt(const boost::ssub_match& m) { return m.matched ? std::stoi(m.str()) : 0; }

}  // namespace

std::string NormalizeDate(std::string_view text) {
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
    std::string date = IsoDate(ToInt(m[1]), ToInt(m[2]), ToInt(m[3]));
    if (date.empty() || !m[4].matched) return date;
    return date + "T" + m[4].str() + m[5].str();
  }
  if (boost::regex_match(s, m, kMonthFirst)) {
    return IsoDate(ToInt(m[3]), MonthNumber(m[1].str()), ToInt(m[2]));
  }
  if (boost::regex_match(s, m, kDayFirst)) {
    return IsoDate(ToInt(m[3]), MonthNumber(m[2].str()), ToInt(m[1]));
  }
  return "";
}

}  // namespace newsmine
