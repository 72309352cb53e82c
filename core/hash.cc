#include "core/hash.h"

#include "core/utf8.h"

namespace newsmine {

uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// The final avalanche makes nearby inputs spread.
uint64_t Fnv1a64Hasher::Finish() const { return Mix64(state_); }

uint64_t Fnv1a64(std::string_view bytes, uint64_t seed) {
  Fnv1a64Hasher hasher(seed);
  hasher.Update(bytes);
  return hasher.Finish();
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

std::string HexDigest128OfCollapsed(std::string_view text) {
  Fnv1a64Hasher first(1), second(2);
  VisitCollapsedWhitespace(text, [&](std::string_view piece) {
    // Both hashes in one pass over the bytes.
    for (const unsigned char c : piece) {
      first.Update(c);
      second.Update(c);
    }
  });
  return Hex64(first.Finish()) + Hex64(second.Finish());
}

}  // namespace newsmine
