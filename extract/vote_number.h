// Percentage mentions in a sentence: "81%", "81 %", "81.3 percent", "81,3 %",
// "43 per cent", "75 pct", "Thirty five pct", "forty per cent", "81％", and
// bare numbers that borrow the unit of a neighbour ("47 to 42 percent",
// "the Alliance at 30.5 and Labour at 30 pct").
//
// Thread-safety: pure functions, no state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/text.h"

namespace newsmine {

struct PercentMention {
  size_t first = 0;       // first token of the number (spelled numbers span several)
  size_t number_end = 0;  // one past the number's last token
  size_t end = 0;         // one past the unit ("%", "percent", "per cent"); == number_end when bare
  double value = 0;
  bool has_unit = false;       // false for a bare number borrowing a neighbour's unit
  size_t qualifier_first = 0;  // first token of the qualifier; == first when none
  std::string qualifier;       // "about", "more than", "no more than", ... or empty
};

// The value of a numeric token: "81", "81.3", "81,3" (decimal comma: one or
// two digits after it), "7,000" (thousands). Full-width digits are read too.
// Returns nullopt when the token is not a number.
std::optional<double> ParseNumberToken(std::string_view token);

// Reads a number spelled in words starting at token `first` ("five",
// "Thirty five", "twenty-one", "forty"), not past `end`. Returns the value and
// sets *next to one past its last token, or nullopt when none starts there.
std::optional<double> ParseSpelledNumber(const AnalyzedText& text, size_t first, size_t end, size_t* next);

// Test on raw sentence text: does it contain anything that may be a
// percentage unit ("%", "％", "﹪", or "percent", "pct", "per cent",
// "per-cent" in any ASCII case)?
bool MayHavePercent(std::string_view sentence_text);

// The offset in `text` of the first such cue that starts at or after
// `from`, or npos: MayHavePercent(s) is NextPercentCue(s, 0) != npos. Reads
// sixteen bytes at a time, so that a whole document is passed over quickly.
size_t NextPercentCue(std::string_view text, size_t from);

// True when a token of sentence `s` is a percentage unit ("%", "percent",
// "pct", "per cent", ...): FindPercentMentions finds nothing in a sentence
// without one. Looks at one byte of most tokens.
bool HasPercentUnit(const AnalyzedText& text, size_t s);

// Every percentage mention in sentence `s`, in text order. A bare number is
// included only when it pairs with a unit-bearing mention: "47 to 42
// percent" (both get the unit) or a list item "X at 30.5 and Y at 30 pct".
std::vector<PercentMention> FindPercentMentions(const AnalyzedText& text, size_t s);

}  // namespace newsmine
