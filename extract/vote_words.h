// Small word helpers shared by the vote extraction files.
//
// Thread-safety: pure functions, no state; a WordClasses is immutable once
// built and may then be shared between threads.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "extract/text.h"
#include "ingest/ascii.h"  // AsciiLower
#include "ingest/dates.h"  // MonthNumber

namespace newsmine {

// The folded (lower-cased, accent-free) text of token `i`, folded once per
// document by AnalyzedText; valid as long as `text`.
inline std::string_view LowerToken(const AnalyzedText& text, size_t i) { return text.Folded(i); }

// True when `word` equals one of `list`.
bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> list);

// Words, each with a set of class bits: one hash lookup answers for every
// word list a token might be in ("is it a vote cue? a poll cue? ...").
class WordClasses {
 public:
  // Adds the bits `classes` to each of `words`; the empty word is ignored.
  void Add(std::initializer_list<std::string_view> words, uint32_t classes);
  void Add(std::string_view word, uint32_t classes);
  // The class bits of `word`; 0 for a word never added.
  uint32_t Of(std::string_view word) const {
    if (word.empty() || !(shapes_[static_cast<unsigned char>(word[0])] & ShapeBit(word.size()))) return 0;
    const auto it = classes_.find(word);
    return it == classes_.end() ? 0 : it->second;
  }

 private:
  // Lengths of 63 bytes and more share a bit.
  static uint64_t ShapeBit(size_t length) { return uint64_t{1} << (length < 63 ? length : 63); }

  // shapes_[b]: the ShapeBits of the lengths of the words starting with byte
  // b. Most words not in the table fail this test and are never hashed.
  std::array<uint64_t, 256> shapes_{};
  // FNV-1a: cheap on short words, and transparent, so that lookups by
  // string_view do not allocate.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view word) const {
      uint64_t h = 14695981039346656037ULL;
      for (const unsigned char c : word) h = (h ^ c) * 1099511628211ULL;
      return h;
    }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> classes_;
};

}  // namespace newsmine
