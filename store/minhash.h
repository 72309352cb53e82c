// Near-duplicate detection: MinHash over word shingles. Two texts whose
// 3-word shingle sets have a Jaccard similarity of at least
// kNearDuplicateSimilarity are the same story (a wire article reprinted with
// another headline, byline or footer).
//
// Candidates are found by banding (locality-sensitive hashing): a record is
// filed under kMinHashBands keys, each made of kRowsPerBand of its minimum
// hashes; texts at similarity 0.7 share at least one key with probability
// 0.98, unrelated texts almost never. Candidates are then confirmed on the
// whole signature.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsmine {

constexpr int kMinHashes = 32;
constexpr int kMinHashBands = 6;
constexpr int kRowsPerBand = 2;
constexpr double kNearDuplicateSimilarity = 0.7;
// A record is compared with at most this many originals per band key: the
// newest ones. Stories cut from one template (bond issues, earnings reports)
// share keys without being copies; compared with every one of them, a record
// would cost time in proportion to the archive, and a run time in its square.
constexpr int kMaxBandCandidates = 32;

using MinHashSignature = std::array<uint32_t, kMinHashes>;

// The signature of the text's 3-word shingles (words lower-cased, ASCII
// punctuation ignored), or nullopt when the text is too short to say
// anything (fewer than 20 shingles).
std::optional<MinHashSignature> TextMinHash(std::string_view text);

// The ways TextMinHash can keep the minimums, all giving the same
// signatures: one function at a time, four per SSE2 register, eight per AVX2
// register. TextMinHash uses the fastest the build and the processor have.
enum class MinHashKernel { kPortable, kSse2, kAvx2 };
// TextMinHash(text) by `kernel`, into *out; false when this build or
// processor lacks it. For tests.
bool TextMinHashWith(MinHashKernel kernel, std::string_view text, std::optional<MinHashSignature>* out);

// The estimated Jaccard similarity of the two texts, in [0, 1]: the share of
// minimums the two signatures have in common.
double EstimatedSimilarity(const MinHashSignature& a, const MinHashSignature& b);

// How many minimums two signatures must have in common for their texts to be
// near-duplicates (EstimatedSimilarity at least kNearDuplicateSimilarity).
constexpr int kNearDuplicateEqualMinimums = [] {
  int n = 0;
  while (static_cast<double>(n) / kMinHashes < kNearDuplicateSimilarity) ++n;
  return n;
}();

// A 128-bit sketch of a signature: the low four bits of each minimum (those
// of minimums 0 to 15 in `low`, of 16 to 31 in `high`). Two signatures have
// at least as many 4-bit parts in common as minimums, so two texts whose
// sketches have fewer than kNearDuplicateEqualMinimums in common are not
// near-duplicates. The index keeps the sketch beside each band key, and reads
// a candidate's whole signature only when the sketches allow it. Four bits,
// not two: over the 2.1 GB benchmark archive, 2-bit parts let 5.3 million of
// 40.7 million candidates through to a comparison of whole signatures (half
// of them read from the index), 4-bit parts 0.92 million, of which 0.42
// million were near-duplicates (docs/performance.md, the twenty-fifth round).
struct SignatureSketch {
  uint64_t low = 0;
  uint64_t high = 0;
  friend bool operator==(const SignatureSketch&, const SignatureSketch&) = default;
};
SignatureSketch MinHashSketch(const MinHashSignature& signature);
bool SketchesAllowNearDuplicate(const SignatureSketch& a, const SignatureSketch& b);

// The LSH key of band `band` (0..kMinHashBands-1).
int64_t MinHashBandKey(const MinHashSignature& signature, int band);

// The signature as bytes (little-endian) for the index, and back. Returns
// false when the bytes are not a signature.
std::string SignatureBytes(const MinHashSignature& signature);
bool SignatureFromBytes(std::string_view bytes, MinHashSignature* out);

}  // namespace newsmine
