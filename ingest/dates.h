// Reading the dates that news containers, datelines, HTML metadata and URLs
// carry, in English.
//
// Thread-safety: stateless; call from any thread.
#pragma once

#include <string>
#include <string_view>

namespace newsmine {

// 1..12 for an English month name or its abbreviation ("Sep", "Sept",
// "September", any case), else 0.
int MonthNumber(std::string_view name);

// Returns `text` as an ISO 8601 date ("2024-07-13") or date-time
// ("2017-02-09T13:37:00", zone kept when given), or "" when `text` as a whole
// is not a date. Understood: ISO 8601 with "T" or a space before the time;
// "Saturday, July 13, 2024"; "July 13, 2024"; "13 July 2024"; "Jul 13 2024";
// RFC 822 ("Tue, 10 Jun 2003 04:00:00 GMT", read as its date); and
// "26-FEB-1987 15:01:01.79" (read as its date). Surrounding white space and a
// trailing "." are ignored.
std::string NormalizeDate(std::string_view text);

// True when NormalizeDate(text) == text, as for a date NormalizeDate gave
// already: found without building a string.
bool IsNormalDate(std::string_view text);

// NormalizeDate(text) for a text with its white space collapsed already
// (CollapseWhitespace(text) == text), that has four digits in a row: the
// tests NormalizeDate begins with are skipped.
std::string NormalizeCollapsedDate(std::string_view text);

// True when `text` has four ASCII digits in a row, as every date's year:
// NormalizeDate() turns away text without them at once.
bool HasFourDigitRun(std::string_view text);

// The first date in `text`, wherever it stands, in one of the common web forms (ISO 8601,
// RFC 822 "Tue, 19 Nov 2019 13:05:00 GMT", "November 19, 2019", "19 Nov
// 2019", "2019/11/19", "20191119") as ISO 8601, time and zone kept. Returns
// empty when `text` holds no plausible date (years 1900..2099).
std::string FindDate(std::string_view text);

// The date in a URL path ("/2019/11/19/", "/2019-11-19-", "/20191119/") as
// "YYYY-MM-DD", or empty.
std::string DateFromUrl(std::string_view url);

}  // namespace newsmine
