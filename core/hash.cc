#include "core/hash.h"

#include <bit>

#include "core/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

#if defined(__SSE2__)
namespace {

// One bit per byte of p[0..15] (byte k is bit k) that CollapseWhitespace might
// not copy as it is: a byte below 0x20 (\t to \r among them), 0xC2 (which
// may start U+00A0), or a space before a space or such a byte. Reads p[16].
uint32_t CollapseStops16(const char* p) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
  const __m128i lead = _mm_set1_epi8(static_cast<char>(0xC2)), space = _mm_set1_epi8(' ');
  // Saturating subtraction leaves zero exactly for the bytes below 0x20.
  const auto odd = [&](__m128i v) {
    const __m128i control = _mm_cmpeq_epi8(_mm_subs_epu8(v, _mm_set1_epi8(0x1F)), _mm_setzero_si128());
    return _mm_or_si128(control, _mm_cmpeq_epi8(v, lead));
  };
  const __m128i space_before_odd =
      _mm_and_si128(_mm_cmpeq_epi8(x, space), _mm_or_si128(odd(next), _mm_cmpeq_epi8(next, space)));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(odd(x), space_before_odd)));
}

}  // namespace
#endif

std::string HexDigest128OfCollapsed(std::string_view text) {
  Fnv1a64Hasher first(1), second(2);
  // Both hashes in one pass over the bytes: the loop's own count and test
  // cost about as much as hashing a byte.
  const auto update = [&](unsigned char c) {
    first.Update(c);
    second.Update(c);
  };
#if defined(__SSE2__)
  // CollapseWhitespace as VisitCollapsed does it, byte by byte, except that
  // after a copied byte whole blocks of sixteen that collapsing copies as they
  // are are hashed at once, checked by one CollapseStops16.
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  bool space_pending = false;
  bool any = false;
  size_t i = 0;
  while (i < size) {
    const unsigned char c = bytes[i];
    if (IsAsciiSpace(c)) {
      space_pending = any;
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < size && bytes[i + 1] == 0xA0) {
      space_pending = any;  // U+00A0 no-break space
      i += 2;
      continue;
    }
    if (space_pending) update(' ');
    space_pending = false;
    any = true;
    update(c);
    ++i;
    for (; i + 17 <= size; i += 16) {
      if (const uint32_t stops = CollapseStops16(text.data() + i); stops != 0) {
        // The bytes before the first stop are copied; the stop itself goes
        // through the loop above.
        const size_t end = i + static_cast<size_t>(std::countr_zero(stops));
        for (; i < end; ++i) update(bytes[i]);
        break;
      }
      // Eight bytes at a time: sixteen at once run out of registers.
      for (size_t k = i; k < i + 16; k += 8) {
#pragma GCC unroll 8
        for (size_t j = 0; j < 8; ++j) update(bytes[k + j]);
      }
    }
  }
#else
  VisitCollapsedWhitespace(text, [&](std::string_view piece) {
    for (unsigned char c : piece) update(c);
  });
#endif
  return Hex128(first.Finish(), second.Finish());
}

}  // namespace newsmine
