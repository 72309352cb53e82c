#include "store/minhash.h"

#include <algorithm>
#include <array>
#include <bit>

#include "core/bytes16.h"
#include "core/hash.h"

#if NEWSMINE_SSE2
#include <immintrin.h>  // AVX2, for processors that have it
#endif

namespace newsmine {
namespace {

constexpr size_t kShingleWords = 3;
constexpr size_t kMinShingles = 20;

// Each byte as it goes into a word's hash: ASCII letters lower-cased, digits
// and bytes of non-ASCII characters as they are; 0 for the bytes between
// words (ASCII punctuation and white space).
constexpr std::array<unsigned char, 256> kWordBytes = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
      table[c] = static_cast<unsigned char>(c);
    if (c >= 'A' && c <= 'Z') table[c] = static_cast<unsigned char>(c | 0x20);
  }
  return table;
}();

// The family of hash functions: multiply-shift hashing of the (well mixed)
// shingle hash, h_i(x) = (a_i * x + b_i) >> 32 (mod 2^64) with odd a_i: one
// multiply each, which keeps signatures cheap on long texts.
struct HashFamily {
  HashFamily() {
    for (int i = 0; i < kMinHashes; ++i) {
      multiplier[i] = Mix64(2 * static_cast<uint64_t>(i) + 1) | 1;
      increment[i] = Mix64(2 * static_cast<uint64_t>(i) + 2);
    }
  }
  uint64_t multiplier[kMinHashes];
  uint64_t increment[kMinHashes];
};

const HashFamily& Family() {
  static const HashFamily family;
  return family;
}

// The signature's minimums, one hash function at a time: the definition,
// and the code where no SIMD is used.
class PortableMinimums {
 public:
  void Add(uint64_t x) {
    const HashFamily& family = Family();
    for (int h = 0; h < kMinHashes; ++h) {
      const auto value = static_cast<uint32_t>((family.multiplier[h] * x + family.increment[h]) >> 32);
      signature_[h] = std::min(signature_[h], value);
    }
  }
  MinHashSignature Signature() const { return signature_; }

 private:
  MinHashSignature signature_ = [] {
    MinHashSignature s;
    s.fill(UINT32_MAX);
    return s;
  }();
};

#if NEWSMINE_SSE2
// The signature's minimums, four hash functions per SSE2 register. SSE2 has
// no 64-bit multiply: a * x mod 2^64 is built from 32-bit halves as
// aL*xL + ((aL*xH + aH*xL) << 32), three _mm_mul_epu32, for the even and the
// odd functions of each four apart. The top bit of b is flipped, which flips
// the top bit of every value: the signed comparison of SSE2 then orders them
// as unsigned numbers, and Signature() flips it back.
class Sse2Minimums {
 public:
  Sse2Minimums() {
    for (__m128i& m : minimums_) m = _mm_set1_epi32(INT32_MAX);  // UINT32_MAX, flipped
  }

  void Add(uint64_t x) {
    const __m128i x_low = _mm_set1_epi32(static_cast<int32_t>(x & 0xffffffffu));
    const __m128i x_high = _mm_set1_epi32(static_cast<int32_t>(x >> 32));
    const __m128i high_halves = _mm_set_epi32(-1, 0, -1, 0);
    const auto& constants = TheConstants();
    for (int g = 0; g < kGroups; ++g) {
      const __m128i even = Hash(constants[g][0], x_low, x_high);
      const __m128i odd = Hash(constants[g][1], x_low, x_high);
      // The top 32 bits of each: the even functions' to lanes 0 and 2, the
      // odd ones' stay in lanes 1 and 3.
      const __m128i values = _mm_or_si128(_mm_srli_epi64(even, 32), _mm_and_si128(odd, high_halves));
      const __m128i smaller = _mm_cmplt_epi32(values, minimums_[g]);
      minimums_[g] = _mm_or_si128(_mm_and_si128(smaller, values), _mm_andnot_si128(smaller, minimums_[g]));
    }
  }

  MinHashSignature Signature() const {
    MinHashSignature signature;
    for (int g = 0; g < kGroups; ++g) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(signature.data() + 4 * g),
                       _mm_xor_si128(minimums_[g], _mm_set1_epi32(INT32_MIN)));
    }
    return signature;
  }

 private:
  static constexpr int kGroups = kMinHashes / 4;
  static_assert(kMinHashes % 4 == 0);
  static constexpr uint64_t kTopBit = uint64_t{1} << 63;
  struct Constants {
    __m128i a_low, a_high, b;  // two functions' a and b, one per 64-bit lane
  };

  // a * x + b (mod 2^64) in both 64-bit lanes.
  static __m128i Hash(const Constants& c, __m128i x_low, __m128i x_high) {
    const __m128i cross = _mm_add_epi64(_mm_mul_epu32(c.a_low, x_high), _mm_mul_epu32(c.a_high, x_low));
    return _mm_add_epi64(_mm_add_epi64(_mm_mul_epu32(c.a_low, x_low), c.b), _mm_slli_epi64(cross, 32));
  }

  using ConstantTable = std::array<std::array<Constants, 2>, kGroups>;  // [group][parity]

  // Built once: the functions in the 64-bit lanes of the even and the odd
  // registers of each group.
  static const ConstantTable& TheConstants() {
    static const ConstantTable table = [] {
      const HashFamily& family = Family();
      ConstantTable t;
      for (int g = 0; g < kGroups; ++g) {
        for (int parity = 0; parity < 2; ++parity) {
          const int h0 = 4 * g + parity, h1 = h0 + 2;  // the functions in 64-bit lanes 0 and 1
          Constants& c = t[g][parity];
          c.a_low = _mm_set_epi64x(static_cast<int64_t>(family.multiplier[h1] & 0xffffffffu),
                                   static_cast<int64_t>(family.multiplier[h0] & 0xffffffffu));
          c.a_high = _mm_set_epi64x(static_cast<int64_t>(family.multiplier[h1] >> 32),
                                    static_cast<int64_t>(family.multiplier[h0] >> 32));
          c.b = _mm_set_epi64x(static_cast<int64_t>(family.increment[h1] ^ kTopBit),
                               static_cast<int64_t>(family.increment[h0] ^ kTopBit));
        }
      }
      return t;
    }();
    return table;
  }

  __m128i minimums_[kGroups];
};

// The signature's minimums, eight hash functions per AVX2 register, for
// processors that have it (chosen at run time): the low half of each
// product from _mm256_mul_epu32 as in Sse2Minimums, the cross terms from
// _mm256_mullo_epi32, and an unsigned minimum.
class Avx2Minimums {
 public:
  [[gnu::target("avx2")]] Avx2Minimums() {
    for (__m256i& m : minimums_) m = _mm256_set1_epi32(-1);
  }

  [[gnu::target("avx2")]] void Add(uint64_t x) {
    const Constants& c = TheConstants();
    const __m256i x_low = _mm256_set1_epi32(static_cast<int32_t>(x & 0xffffffffu));
    const __m256i x_high = _mm256_set1_epi32(static_cast<int32_t>(x >> 32));
    for (int g = 0; g < kGroups; ++g) {
      // a_low * x_low + b in 64 bits for the even and the odd functions;
      // their top halves, the even ones moved down, side by side.
      const __m256i even = _mm256_add_epi64(_mm256_mul_epu32(c.a_low[g], x_low), c.b_even[g]);
      const __m256i odd = _mm256_add_epi64(_mm256_mul_epu32(c.a_low_odd[g], x_low), c.b_odd[g]);
      const __m256i top = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
      const __m256i cross =
          _mm256_add_epi32(_mm256_mullo_epi32(c.a_low[g], x_high), _mm256_mullo_epi32(c.a_high[g], x_low));
      minimums_[g] = _mm256_min_epu32(minimums_[g], _mm256_add_epi32(top, cross));
    }
  }

  [[gnu::target("avx2")]] MinHashSignature Signature() const {
    MinHashSignature signature;
    for (int g = 0; g < kGroups; ++g)
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(signature.data() + 8 * g), minimums_[g]);
    return signature;
  }

 private:
  static constexpr int kGroups = kMinHashes / 8;
  static_assert(kMinHashes % 8 == 0);
  struct Constants {
    __m256i a_low[kGroups];      // a's low halves, one function per 32-bit lane
    __m256i a_low_odd[kGroups];  // the odd functions' low halves, in the even lanes
    __m256i a_high[kGroups];     // a's high halves
    __m256i b_even[kGroups];     // b of the even functions, in 64-bit lanes
    __m256i b_odd[kGroups];      // b of the odd ones
  };

  [[gnu::target("avx2")]] static Constants MakeConstants() {
    const HashFamily& family = Family();
    Constants c;
    for (int g = 0; g < kGroups; ++g) {
      alignas(32) uint32_t low[8], high[8];
      alignas(32) uint64_t b_even[4], b_odd[4];
      for (int k = 0; k < 8; ++k) {
        low[k] = static_cast<uint32_t>(family.multiplier[8 * g + k]);
        high[k] = static_cast<uint32_t>(family.multiplier[8 * g + k] >> 32);
      }
      for (int k = 0; k < 4; ++k) {
        b_even[k] = family.increment[8 * g + 2 * k];
        b_odd[k] = family.increment[8 * g + 2 * k + 1];
      }
      c.a_low[g] = _mm256_load_si256(reinterpret_cast<const __m256i*>(low));
      c.a_low_odd[g] = _mm256_srli_epi64(c.a_low[g], 32);
      c.a_high[g] = _mm256_load_si256(reinterpret_cast<const __m256i*>(high));
      c.b_even[g] = _mm256_load_si256(reinterpret_cast<const __m256i*>(b_even));
      c.b_odd[g] = _mm256_load_si256(reinterpret_cast<const __m256i*>(b_odd));
    }
    return c;
  }

  static const Constants& TheConstants() {
    static const Constants constants = MakeConstants();
    return constants;
  }

  __m256i minimums_[kGroups];
};
#endif

// The signature of `text` with the minimums kept by `Minimums`. One pass:
// each word (its bytes lower-cased, FNV-1a) completes the shingle of the
// two words before it.
template <typename Minimums>
std::optional<MinHashSignature> SignatureWith(std::string_view text) {
  Minimums minimums;
  size_t words = 0;
  uint64_t previous[kShingleWords - 1] = {};  // the last two words' hashes, older first
  Fnv1a64Hasher word;
  bool in_word = false;
  const auto end_word = [&] {
    const uint64_t hash = word.Finish();
    if (++words >= kShingleWords) minimums.Add(Mix64(Mix64(Mix64(previous[0]) ^ previous[1]) ^ hash));
    previous[0] = previous[1];
    previous[1] = hash;
    word = Fnv1a64Hasher();
    in_word = false;
  };
  for (const char ch : text) {
    if (const unsigned char c = kWordBytes[static_cast<unsigned char>(ch)]; c != 0) {
      word.Update(c);
      in_word = true;
    } else if (in_word) {
      end_word();
    }
  }
  if (in_word) end_word();
  if (words < kShingleWords + kMinShingles - 1) return std::nullopt;
  return minimums.Signature();
}

#if NEWSMINE_SSE2
bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

// The 4-bit parts that differ, of two words' xor.
int UnequalParts(uint64_t differ) {
  differ |= differ >> 1;
  differ |= differ >> 2;  // each part's lowest bit: whether any of its four is set
  return std::popcount(differ & 0x1111111111111111);
}

}  // namespace

std::optional<MinHashSignature> TextMinHash(std::string_view text) {
#if NEWSMINE_SSE2
  return HasAvx2() ? SignatureWith<Avx2Minimums>(text) : SignatureWith<Sse2Minimums>(text);
#else
  return SignatureWith<PortableMinimums>(text);
#endif
}

bool TextMinHashWith(MinHashKernel kernel, std::string_view text, std::optional<MinHashSignature>* out) {
  switch (kernel) {
    case MinHashKernel::kPortable:
      *out = SignatureWith<PortableMinimums>(text);
      return true;
#if NEWSMINE_SSE2
    case MinHashKernel::kSse2:
      *out = SignatureWith<Sse2Minimums>(text);
      return true;
    case MinHashKernel::kAvx2:
      if (!HasAvx2()) return false;
      *out = SignatureWith<Avx2Minimums>(text);
      return true;
#endif
    default:
      return false;
  }
}

double EstimatedSimilarity(const MinHashSignature& a, const MinHashSignature& b) {
  int equal = 0;
  for (int h = 0; h < kMinHashes; ++h) equal += a[h] == b[h];
  return static_cast<double>(equal) / kMinHashes;
}

SignatureSketch MinHashSketch(const MinHashSignature& signature) {
  static_assert(kMinHashes == 32, "a sketch is four bits of each of 32 minimums");
  SignatureSketch sketch;
  for (int h = 0; h < 16; ++h) {
    sketch.low |= static_cast<uint64_t>(signature[h] & 15) << (4 * h);
    sketch.high |= static_cast<uint64_t>(signature[h + 16] & 15) << (4 * h);
  }
  return sketch;
}

bool SketchesAllowNearDuplicate(const SignatureSketch& a, const SignatureSketch& b) {
  const int unequal = UnequalParts(a.low ^ b.low) + UnequalParts(a.high ^ b.high);
  return kMinHashes - unequal >= kNearDuplicateEqualMinimums;
}

int64_t MinHashBandKey(const MinHashSignature& signature, int band) {
  uint64_t key = Mix64(static_cast<uint64_t>(band) + 1);
  for (int r = 0; r < kRowsPerBand; ++r) key = Mix64(key ^ signature[band * kRowsPerBand + r]);
  return static_cast<int64_t>(key >> 1);  // SQLite integers are signed
}

std::string SignatureBytes(const MinHashSignature& signature) {
  std::string bytes;
  bytes.reserve(kMinHashes * 4);
  for (uint32_t v : signature) {
    for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
  }
  return bytes;
}

bool SignatureFromBytes(std::string_view bytes, MinHashSignature* out) {
  if (bytes.size() != kMinHashes * 4) return false;
  for (int h = 0; h < kMinHashes; ++h) {
    uint32_t v = 0;
    for (int b = 0; b < 4; ++b)
      v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[h * 4 + b])) << (8 * b);
    (*out)[h] = v;
  }
  return true;
}

}  // namespace newsmine
