// WordTable: a map from words to small values, filled once and then read on
// the extractors' hot paths, typically once per token. Lookups never
// allocate. FixedWordSet is the same without values; WordClassTable gives
// each word a set of class bits.
//
// Most words asked about are in no table, so a lookup first tests the word's
// shape: each table keeps, for every first byte, a bit per length (lengths of
// 63 bytes and more share one) that some entry has. A word whose first byte
// and length match no entry is turned away with two loads and a shift, before
// any hashing. The words that pass are hashed (a few unaligned 8- or 4-byte
// loads, multiplied and mixed: words are short) and looked up in an
// open-addressing table of power-of-two size; each slot keeps 32 bits of the
// hash beside the entry's index, so a miss costs one or two slot reads and a
// hit one full comparison. (The sentiment lexicon, large and asked about
// words of every shape, has a table of its own with a bit filter in front:
// SentimentTable.)
//
// Words are compared byte for byte: callers pass the form they stored
// (lower-cased, folded, ...).
//
// Thread-safety: const methods may be called from any number of threads;
// Set() must not run concurrently with anything else.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/short_words.h"

namespace newsmine {

template <typename Value>
class WordTable {
 public:
  WordTable() = default;
  WordTable(std::initializer_list<std::pair<std::string_view, Value>> entries) {
    for (const auto& [word, value] : entries) Set(word, value);
  }

  // Adds `word` with `value`, or replaces the value it has.
  void Set(std::string_view word, Value value) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    const uint64_t hash = Hash(word);
    Slot& slot = slots_[FindSlot(hash, word)];
    if (slot.index != 0) {
      entries_[slot.index - 1].value = value;
      return;
    }
    entries_.push_back({std::string(word), value});
    slot = {static_cast<uint32_t>(hash), static_cast<uint32_t>(entries_.size())};
    shapes_[FirstByte(word)] |= LengthBit(word.size());
  }

  // The value of `word`, or nullptr when it is absent. Only the shape test
  // is inline in the caller: most words stop there, and a call to the whole
  // lookup would cost them more in saving and restoring registers than the
  // test itself.
  const Value* Find(std::string_view word) const {
    if (!MayContain(word)) return nullptr;
    return FindShaped(word);
  }

  bool contains(std::string_view word) const { return Find(word) != nullptr; }
  size_t size() const { return entries_.size(); }

 private:
  // Find() for a word that passed the shape test.
  [[gnu::noinline]] const Value* FindShaped(std::string_view word) const {
    const Slot& slot = slots_[FindSlot(Hash(word), word)];
    return slot.index == 0 ? nullptr : &entries_[slot.index - 1].value;
  }

  struct Entry {
    std::string word;
    Value value;
  };
  struct Slot {
    uint32_t hash = 0;   // low 32 bits of Hash(word)
    uint32_t index = 0;  // 1 + index in entries_; 0 for an empty slot
  };

  // The shape test: false when no entry has the first byte and the length of
  // `word` (then it is surely absent); true says nothing. An empty table
  // turns every word away, so Find() never probes an empty slot array.
  bool MayContain(std::string_view word) const { return shapes_[FirstByte(word)] & LengthBit(word.size()); }
  static unsigned char FirstByte(std::string_view word) {
    return word.empty() ? 0 : static_cast<unsigned char>(word[0]);
  }
  static uint64_t LengthBit(size_t length) { return uint64_t{1} << (length < 63 ? length : 63); }

  // Words are short: they are read in at most a few unaligned loads (the
  // last ones overlapping) rather than byte by byte, then mixed.
  static uint64_t Hash(std::string_view word) {
    const char* p = word.data();
    const size_t n = word.size();
    uint64_t h = n * short_words::kMixMultiplier;
    if (n >= 8) {
      for (size_t i = 0; i + 8 < n; i += 8) h = short_words::Mix(h ^ short_words::Load64(p + i));
      return short_words::Mix(h ^ short_words::Load64(p + n - 8));
    }
    if (n >= 4)
      return short_words::Mix(h ^
                              (short_words::Load32(p) | (uint64_t{short_words::Load32(p + n - 4)} << 32)));
    if (n > 0) {
      const auto byte = [&](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
      return short_words::Mix(h ^ (byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16));
    }
    return h;
  }

  // The slot holding `word`, or the empty slot where it would go.
  size_t FindSlot(uint64_t hash, std::string_view word) const {
    const size_t mask = slots_.size() - 1;
    const uint32_t short_hash = static_cast<uint32_t>(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.index == 0 ||
          (slot.hash == short_hash && short_words::Same(entries_[slot.index - 1].word, word)))
        return i;
    }
  }

  void Grow() {
    slots_.assign(slots_.empty() ? 16 : slots_.size() * 2, Slot{});
    for (size_t e = 0; e < entries_.size(); ++e) {
      const uint64_t hash = Hash(entries_[e].word);
      slots_[FindSlot(hash, entries_[e].word)] = {static_cast<uint32_t>(hash), static_cast<uint32_t>(e + 1)};
    }
  }

  std::vector<Entry> entries_;
  std::vector<Slot> slots_;  // at most half full
  // shapes_[b]: the LengthBits of the entries whose first byte is b (0 for
  // the empty word).
  std::array<uint64_t, 256> shapes_{};
};

class FixedWordSet {
 public:
  FixedWordSet(std::initializer_list<std::string_view> words) { Add(words.begin(), words.end()); }
  template <typename Iterator>
  FixedWordSet(Iterator begin, Iterator end) {
    Add(begin, end);
  }

  // Adds the words of [begin, end).
  template <typename Iterator>
  void Add(Iterator begin, Iterator end) {
    for (; begin != end; ++begin) table_.Set(*begin, {});
  }

  bool contains(std::string_view word) const { return table_.contains(word); }

 private:
  struct Nothing {};
  WordTable<Nothing> table_;
};

// Words, each with a set of class bits: one lookup answers for every word
// list a token might be in ("is it a vote cue? a poll cue? ...").
class WordClassTable {
 public:
  // Adds the bits `classes` to each of `words`; the empty word is ignored.
  void Add(std::initializer_list<std::string_view> words, uint32_t classes) {
    for (const std::string_view word : words) Add(word, classes);
  }
  void Add(std::string_view word, uint32_t classes) {
    if (!word.empty()) classes_.Set(word, Of(word) | classes);
  }
  // The class bits of `word`; 0 for a word never added.
  uint32_t Of(std::string_view word) const {
    const uint32_t* classes = classes_.Find(word);
    return classes == nullptr ? 0 : *classes;
  }

 private:
  WordTable<uint32_t> classes_;
};

}  // namespace newsmine
