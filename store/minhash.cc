#include "store/minhash.h"

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

// The family of hash functions: multiply-shift hashing of the (well mixed)
// shingle hash, h_i(x) = (a_i * x + b_i) >> 32 with odd a_i: one multiply
// each, which keeps signatures cheap on long texts.
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

}  // namespace

std::optional<MinHashSignature> TextMinHash(std::string_view text) {
  const std::vector<uint64_t> words = WordHashes(text);
  if (words.size() < kShingleWords + kMinShingles - 1) return std::nullopt;
  static const HashFamily family;
  MinHashSignature signature;
  signature.fill(UINT32_MAX);
  for (size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    uint64_t shingle = 0;
    for (size_t k = 0; k < kShingleWords; ++k) shingle = Mix64(shingle ^ words[i + k]);
    for (int h = 0; h < kMinHashes; ++h) {
      const auto value = static_cast<uint32_t>((family.multiplier[h] * shingle + family.increment[h]) >> 32);
      signature[h] = std::min(signature[h], value);
    }
  }
  return signature;
}

double EstimatedSimilarity(const MinHashSignature& a, const MinHashSignature& b) {
  int equal = 0;
  for (int h = 0; h < kMinHashes; ++h) equal += a[h] == b[h];
  return static_cast<double>(equal) / kMinHashes;
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
