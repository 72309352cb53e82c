// Near-duplicate detection: a 64-bit SimHash over word shingles. Two texts
// whose SimHashes differ in at most kNearDuplicateBits bits are the same story
// (a wire article reprinted with another headline, byline or footer).
//
// Thread-safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsmine {

// Differing bits at or below which two texts are near-duplicates.
constexpr int kNearDuplicateBits = 3;
// SimHash bands used to find candidates: with 4 bands of 16 bits, any two
// hashes within 3 bits agree on at least one whole band.
constexpr int kSimHashBands = 4;

// The SimHash of the text's 3-word shingles (words lower-cased, ASCII
// punctuation ignored), or nullopt when the text is too short for the hash
// to say anything (fewer than 20 shingles).
std::optional<uint64_t> TextSimHash(std::string_view text);

// The number of bits in which a and b differ.
int HammingDistance(uint64_t a, uint64_t b);

// Band `band` (0..kSimHashBands-1) of a hash, tagged with its band number so
// that equal values of different bands never match.
int64_t SimHashBandKey(uint64_t hash, int band);

}  // namespace newsmine
