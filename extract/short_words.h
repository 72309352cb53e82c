// Word-sized loads and a comparison for short words, shared by the word
// tables that hash and compare tokens on the extractors' hot paths
// (extract/word_table.h, extract/gazetteer.h) and by the actor dictionary's
// phrase hashing (extract/actor_dictionary.h, extract/actor_lexicon.cc).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace newsmine::short_words {

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// The 0 < n < 8 bytes at p as the low bytes of a word, the rest zero (what a
// memcpy into a zeroed word gives on a little-endian machine), by loads of
// fixed size rather than a call to memcpy. Reads nothing past p[n - 1].
inline uint64_t LoadShort(const char* p, size_t n) {
  const auto byte = [&](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])} << (8 * i); };
  if (n < 4) return byte(0) | byte(n / 2) | byte(n - 1);  // every byte of 1 to 3
  return Load32(p) | uint64_t{Load32(p + n - 4)} << (8 * (n - 4));
}

// The top bit of each byte of `word` equal to `c`, every other bit clear:
// exact (no carry crosses bytes, unlike the shorter has-zero-byte tricks).
inline uint64_t BytesEqualTo(uint64_t word, char c) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  const uint64_t x = word ^ (0x0101010101010101ULL * static_cast<unsigned char>(c));  // zero bytes where c
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

// a == b, for short words with a few (overlapping) loads rather than a call
// to memcmp.
inline bool Same(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n > 16) return std::memcmp(p, q, n) == 0;
  if (n >= 8) return Load64(p) == Load64(q) && Load64(p + n - 8) == Load64(q + n - 8);
  if (n >= 4) return Load32(p) == Load32(q) && Load32(p + n - 4) == Load32(q + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

}  // namespace newsmine::short_words
