#include "core/hash.h"

namespace newsmine {

uint64_t Fnv1a64(std::string_view bytes, uint64_t seed) {
  uint64_t h = 14695981039346656037ULL ^ (seed * 0x9E3779B97F4A7C15ULL);
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  // Final avalanche (from MurmurHash3's fmix64) so that nearby inputs spread.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

std::string Hex64(uint64_t value) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[value & 0xF];
    value >>= 4;
  }
  return out;
}

std::string HexDigest128(std::string_view bytes) {
  return Hex64(Fnv1a64(bytes, 1)) + Hex64(Fnv1a64(bytes, 2));
}

}  // namespace newsmine
