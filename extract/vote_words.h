// Small word helpers shared by the vote extraction files.
//
// Thread-safety: pure functions, no state.
#pragma once

#include <initializer_list>
#include <string_view>

#include "extract/text.h"
#include "extract/word_table.h"
#include "ingest/ascii.h"  // AsciiLower
#include "ingest/dates.h"  // MonthNumber

namespace newsmine {

// The folded (lower-cased, accent-free) text of token `i`, folded once per
// document by AnalyzedText; valid as long as `text`.
inline std::string_view LowerToken(const AnalyzedText& text, size_t i) { return text.Folded(i); }

// True when `word` equals one of `list`: a linear search, for the short
// lists of rare constructions. The named word lists, asked about many words,
// are FixedWordSets.
bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> list);

}  // namespace newsmine
