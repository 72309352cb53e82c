// Stable, platform-independent hashes for ids and fingerprints. These values
// are written to stores and compared across runs and machines: never change
// the functions, only add new ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsmine {

// 64-bit FNV-1a of the bytes, with `seed` folded into the offset basis.
uint64_t Fnv1a64(std::string_view bytes, uint64_t seed = 0);

// Fnv1a64 fed in pieces: Finish() after Update()s of a text's pieces equals
// Fnv1a64(text, seed).
class Fnv1a64Hasher {
 public:
  explicit Fnv1a64Hasher(uint64_t seed = 0)
      : state_(14695981039346656037ULL ^ (seed * 0x9E3779B97F4A7C15ULL)) {}
  void Update(unsigned char c) {
    state_ ^= c;
    state_ *= 1099511628211ULL;
  }
  void Update(std::string_view bytes) {
    for (unsigned char c : bytes) Update(c);
  }
  // The final avalanche makes nearby inputs spread.
  uint64_t Finish() const;

 private:
  uint64_t state_;
};

// MurmurHash3's 64-bit finaliser: spreads every input bit over the output.
// Inline: the MinHash signature calls it three times per word.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t Fnv1a64Hasher::Finish() const { return Mix64(state_); }

// 128 bits as 32 lowercase hex digits: two independent 64-bit hashes. Used for
// record ids, where a collision would silently drop an article.
std::string HexDigest128(std::string_view bytes);

// HexDigest128 of CollapseWhitespace(text) (core/utf8.h), without building
// the collapsed copy.
std::string HexDigest128OfCollapsed(std::string_view text);

// `value` as 16 lowercase hex digits.
std::string Hex64(uint64_t value);

}  // namespace newsmine
