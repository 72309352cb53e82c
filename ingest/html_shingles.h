// Word tokens and word 4-gram shingles, as the article-extraction benchmark
// measures text overlap: tokens are maximal runs of Unicode letters, digits
// and '_' (the regex \w+), case kept. The main-text extraction uses them to
// compare page blocks with a JSON-LD articleBody; tests use them to score.
//
// Thread-safety: pure functions; reentrant.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsmine {

// The word tokens of `text`, as views into it.
std::vector<std::string_view> WordTokens(std::string_view text);

// The multiset of word 4-gram shingles of `text`, each shingle hashed to 64
// bits, mapped to its count. A text with fewer than four tokens is a single
// shingle of all its tokens; an empty text has none.
std::unordered_map<uint64_t, int> ShingleCounts(std::string_view text);

}  // namespace newsmine
