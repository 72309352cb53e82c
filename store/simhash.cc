#include "store/simhash.h"

#include <array>
#include <bit>
#include <vector>

#include "core/hash.h"

namespace newsmine {
namespace {

constexpr size_t kShingleWords = 3;
constexpr size_t kMinShingles = 20;

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// The words of the text, lower-cased (ASCII), as hashes.
std::vector<uint64_t> WordHashes(std::string_view text) {
  std::vector<uint64_t> words;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    const unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
    if (IsWordByte(c)) {
      word.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
    } else if (!word.empty()) {
      words.push_back(Fnv1a64(word));
      word.clear();
    }
  }
  return words;
}

// Spreads a shingle's combined word hashes over 64 well-mixed bits.
uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

}  // namespace

std::optional<uint64_t> TextSimHash(std::string_view text) {
  const std::vector<uint64_t> words = WordHashes(text);
  if (words.size() < kShingleWords + kMinShingles - 1) return std::nullopt;
  std::array<int32_t, 64> weights{};
  for (size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    uint64_t shingle = 0;
    for (size_t k = 0; k < kShingleWords; ++k) shingle = Mix(shingle ^ words[i + k]);
    for (int bit = 0; bit < 64; ++bit) weights[bit] += (shingle >> bit) & 1 ? 1 : -1;
  }
  uint64_t hash = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (weights[bit] > 0) hash |= uint64_t{1} << bit;
  }
  return hash;
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

int64_t SimHashBandKey(uint64_t hash, int band) {
  const int bits = 64 / kSimHashBands;
  const uint64_t value = (hash >> (band * bits)) & ((uint64_t{1} << bits) - 1);
  return static_cast<int64_t>((static_cast<uint64_t>(band) << bits) | value);
}

}  // namespace newsmine
