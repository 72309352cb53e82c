#include "core/hash.h"

#include "core/utf8.h"

namespace newsmine {

uint64_t Fnv1a64(std::string_view bytes, uint64_t seed) {
  Fnv1a64Hasher hasher(seed);
  hasher.Update(bytes);
  return hasher.Finish();
}

namespace {

// Writes `value` as 16 lowercase hex digits to out[0..15].
void WriteHex64(uint64_t value, char* out) {
  static const char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[value & 0xF];
    value >>= 4;
  }
}

// Two hashes as 32 hex digits, in one string (no temporaries to concatenate).
std::string Hex128(uint64_t high, uint64_t low) {
  std::string out(32, '0');
  WriteHex64(high, out.data());
  WriteHex64(low, out.data() + 16);
  return out;
}

}  // namespace

std::string Hex64(uint64_t value) {
  std::string out(16, '0');
  WriteHex64(value, out.data());
  return out;
}

std::string HexDigest128(std::string_view bytes) { return Hex128(Fnv1a64(bytes, 1), Fnv1a64(bytes, 2)); }

std::string HexDigest128OfCollapsed(std::string_view text) {
  Fnv1a64Hasher first(1), second(2);
  VisitCollapsedWhitespace(text, [&](std::string_view piece) {
    // Both hashes in one pass over the bytes, eight at a time: the loop's own
    // count and test cost about as much as hashing a byte. Each hash is a
    // chain of multiplications; the two chains overlap.
    const auto update = [&](unsigned char c) {
      first.Update(c);
      second.Update(c);
    };
    const auto* bytes = reinterpret_cast<const unsigned char*>(piece.data());
    size_t i = 0;
    for (; i + 8 <= piece.size(); i += 8) {
#pragma GCC unroll 8
      for (size_t j = 0; j < 8; ++j) update(bytes[i + j]);
    }
    for (; i < piece.size(); ++i) update(bytes[i]);
  });
  return Hex128(first.Finish(), second.Finish());
}

}  // namespace newsmine
