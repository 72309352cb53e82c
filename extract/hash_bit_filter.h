// HashBitFilter: the bit array in front of a hash table that most lookups
// miss (SentimentTable's, for the sentiment lexicon). Each added hash sets one
// bit, chosen by the hash's high 32 bits (the table's slot and short hash
// come from the low bits, and a well-mixed hash makes the two independent).
// MayHave() is true for every added hash, and false for most others: at
// eight bits per slot of a half-full table, one absent word in sixteen or
// fewer passes, for one load from an array a sixteenth of the slots' size.
//
// Thread-safety: MayHave() may be called from any number of threads; Reset()
// and Add() must not run concurrently with anything else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace newsmine {

class HashBitFilter {
 public:
  // Empties the filter and gives it `bits` bits: a power of two, at least 64.
  void Reset(size_t bits) {
    words_.assign(bits / 64, 0);
    mask_ = bits - 1;
  }
  void Add(uint64_t hash) {
    const size_t bit = (hash >> 32) & mask_;
    words_[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  bool MayHave(uint64_t hash) const {
    const size_t bit = (hash >> 32) & mask_;
    return (words_[bit / 64] >> (bit % 64)) & 1;
  }

 private:
  // Before the first Reset: 64 bits, none set, so nothing passes.
  std::vector<uint64_t> words_ = std::vector<uint64_t>(1, 0);
  size_t mask_ = 63;
};

}  // namespace newsmine
