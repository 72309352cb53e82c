// Small word helpers shared by the vote extraction files.
//
// Thread-safety: pure functions, no state; a WordClasses is immutable once
// built and may then be shared between threads.
#pragma once

#include <cstdint>
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

// True when `word` equals one of `list`.
bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> list);

// Words, each with a set of class bits: one lookup answers for every word
// list a token might be in ("is it a vote cue? a poll cue? ..."). Most
// tokens are in no list and are turned away by WordTable's shape test.
class WordClasses {
 public:
  // Adds the bits `classes` to each of `words`; the empty word is ignored.
  void Add(std::initializer_list<std::string_view> words, uint32_t classes);
  void Add(std::string_view word, uint32_t classes);
  // The class bits of `word`; 0 for a word never added.
  uint32_t Of(std::string_view word) const {
    const uint32_t* classes = classes_.Find(word);
    return classes == nullptr ? 0 : *classes;
  }

 private:
  WordTable<uint32_t> classes_;
};

}  // namespace newsmine
