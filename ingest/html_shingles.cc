#include "ingest/html_shingles.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "core/hash.h"
#include "core/utf8.h"

namespace newsmine {

std::vector<std::string_view> WordTokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  size_t pos = 0, start = 0;
  bool in_word = false;
  while (pos < text.size()) {
    const size_t here = pos;
    const char32_t cp = NextCodePoint(text, &pos);
    const auto c = static_cast<UChar32>(cp);
    const bool word_char = cp == U'_' || u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC);
    if (word_char && !in_word) start = here;
    if (!word_char && in_word) tokens.push_back(text.substr(start, here - start));
    in_word = word_char;
  }
  if (in_word) tokens.push_back(text.substr(start));
  return tokens;
}

std::unordered_map<uint64_t, int> ShingleCounts(std::string_view text) {
  constexpr size_t kShingle = 4;
  const std::vector<std::string_view> tokens = WordTokens(text);
  std::unordered_map<uint64_t, int> counts;
  if (tokens.empty()) return counts;
  const size_t width = std::min(kShingle, tokens.size());
  for (size_t i = 0; i + width <= tokens.size(); ++i) {
    uint64_t h = 0;
    for (size_t j = i; j < i + width; ++j) h = Fnv1a64(tokens[j], h * 0x9E3779B97F4A7C15ULL + 1);
    ++counts[h];
  }
  return counts;
}

}  // namespace newsmine
