// Sixteen bytes at a time, portably: GCC's vector extension compiles these to
// SSE2 on x86-64 and to plain loops elsewhere. The scanners that look at
// every byte of a text (tokens, actor names, dictionary lines, the full-text
// index's words) use them.
//
// Thread-safety: pure functions.
#pragma once

#include <bit>
#include <cstdint>

// NEWSMINE_SSE2 is 1 where SSE2 intrinsics are used: on x86-64, unless the
// build asks for the plain C++ fallbacks (NEWSMINE_NO_SIMD, set by the CMake
// option NEWSMINE_PORTABLE so that a test build runs them).
#if defined(__SSE2__) && !defined(NEWSMINE_NO_SIMD)
#define NEWSMINE_SSE2 1
#include <emmintrin.h>
#else
#define NEWSMINE_SSE2 0
#endif

namespace newsmine {

using Bytes16 = uint8_t __attribute__((vector_size(16)));
using SignedBytes16 = int8_t __attribute__((vector_size(16)));

// 0xFF in the bytes of x within [lo, hi], 0 in the others: the addition
// moves [lo, hi] to the bottom of the signed range, where one comparison
// finds it.
inline Bytes16 InRange(Bytes16 x, uint8_t lo, uint8_t hi) {
  const auto moved = reinterpret_cast<SignedBytes16>(x + static_cast<uint8_t>(0x80 - lo));
  return reinterpret_cast<Bytes16>(moved < static_cast<int8_t>(-0x80 + (hi - lo) + 1));
}

// Bit k of the result is the top bit of byte k of v.
inline uint32_t MoveMask(Bytes16 v) {
#if NEWSMINE_SSE2
  return static_cast<uint32_t>(_mm_movemask_epi8(reinterpret_cast<__m128i>(v)));
#else
  uint32_t mask = 0;
  for (int k = 0; k < 16; ++k) mask |= static_cast<uint32_t>(v[k] >> 7) << k;
  return mask;
#endif
}

// The sum of the sixteen bytes of v.
inline uint32_t SumBytes(Bytes16 v) {
#if NEWSMINE_SSE2
  // Two sums of eight bytes each, in the low bits of the two halves.
  const __m128i sums = _mm_sad_epu8(reinterpret_cast<__m128i>(v), _mm_setzero_si128());
  return static_cast<uint32_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
#else
  uint32_t sum = 0;
  for (int k = 0; k < 16; ++k) sum += v[k];
  return sum;
#endif
}

// Bit k set when byte k of x cannot stand as it is inside a JSON string:
// a control byte, '"' or '\\' (written escaped, or ending a string when read).
inline uint32_t JsonSpecialBytes(Bytes16 x) { return MoveMask((x < 0x20) | (x == '"') | (x == '\\')); }

// Bit k set when byte k of x is an ASCII letter or digit.
inline uint32_t AlnumMask(Bytes16 x) { return MoveMask(InRange(x | 0x20, 'a', 'z') | InRange(x, '0', '9')); }

// x with its bytes A-Z lower-cased; the others, non-ASCII ones included, as
// they are.
inline Bytes16 AsciiLower(Bytes16 x) { return x | (InRange(x, 'A', 'Z') & 0x20); }

// The number of set bits at the bottom of the sixteen-bit mask m: 16 when
// all are. (~m has the bits from 16 up set, so never zero: the compiler is
// told, and counts with no test for zero.)
inline int LowRun16(uint32_t m) {
  if (~m == 0) __builtin_unreachable();
  return std::countr_zero(~m);
}

}  // namespace newsmine
