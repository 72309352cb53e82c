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

// The multiplier of Mix: 2^64 divided by the golden ratio.
inline constexpr uint64_t kMixMultiplier = 0x9E3779B97F4A7C15ULL;

// A cheap mix of a hash's bits for the word tables: a multiplication, and
// the high half folded onto the low one (which picks the slot).
constexpr uint64_t Mix(uint64_t x) {
  x *= kMixMultiplier;
  return x ^ (x >> 32);
}

// The 1 <= n <= 8 bytes at p as the low bytes of a word, the rest zero.
inline uint64_t LoadUpTo8(const char* p, size_t n) { return n == 8 ? Load64(p) : LoadShort(p, n); }

// The top bit of each byte of `word` equal to `c`, every other bit clear:
// exact (no carry crosses bytes, unlike the shorter has-zero-byte tricks).
inline uint64_t BytesEqualTo(uint64_t word, char c) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  const uint64_t x = word ^ (0x0101010101010101ULL * static_cast<unsigned char>(c));  // zero bytes where c
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

// The top bit of each byte of `word` that is an ASCII byte in [lo, hi]
// (lo > 0), every other bit clear: exact, since a byte's low seven bits
// plus 0x80 - lo carry into no other byte.
constexpr uint64_t AsciiBytesInRange(uint64_t word, char lo, char hi) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  const uint64_t low7 = word & kLow7;
  const uint64_t from_lo = low7 + kOnes * (0x80 - lo);      // top bit: at least lo
  const uint64_t past_hi = low7 + kOnes * (0x80 - hi - 1);  // top bit: above hi
  return from_lo & ~past_hi & ~word & ~kLow7;
}

// AsciiBytesInRange() answers as a byte-by-byte test for every byte value
// (in every byte of a word at once: no byte's answer depends on another's).
constexpr bool AsciiBytesInRangeIsExact(char lo, char hi) {
  for (int b = 0; b < 256; ++b) {
    const bool in = b >= lo && b <= hi;
    if (AsciiBytesInRange(0x0101010101010101ULL * b, lo, hi) != (in ? 0x8080808080808080ULL : 0))
      return false;
  }
  return true;
}
static_assert(AsciiBytesInRangeIsExact('0', '9') && AsciiBytesInRangeIsExact('A', 'Z'));

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
