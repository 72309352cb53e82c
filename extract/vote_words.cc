#include "extract/vote_words.h"

#include <algorithm>
#include <cctype>

namespace newsmine {

std::string LowerAscii(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int MonthNumber(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  const std::string w = LowerAscii(word);
  if (w.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    // The full name or an abbreviation of it: "Mar", "Sept".
    if (kMonths[m].compare(0, w.size(), w) == 0) return m + 1;
  }
  return 0;
}

bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace newsmine
