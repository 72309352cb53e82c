// SentimentTable: the sentiment lexicon's map from words to their valence and
// classes, laid out for the scorer, which asks it about every word token of
// the sentences it scores.
//
// The lexicon holds thousands of words (VADER's) and most tokens asked
// about are not among them, yet share the shape (first byte, length) of
// some entry. WordTable would turn them away with its filter and then, for
// the words it holds, read a slot and then the entry (the word's string and
// its value): three cache lines for a hit, in tables the other extractors'
// big indexes keep evicting. Here a slot holds the word itself (words of
// up to 16 bytes, nearly all of the lexicon: the rest go to a WordTable)
// and its value, 32 bytes aligned to 32: a hit reads the filter and one
// line, and its comparison is two 64-bit compares, without a branch on a
// short hash first.
//
// Words are compared byte for byte: callers pass the form they stored.
// Thread-safety: const methods may be called from any number of threads;
// Set() must not run concurrently with anything else.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "extract/hash_bit_filter.h"
#include "extract/short_words.h"
#include "extract/word_table.h"

namespace newsmine {

// What the lexicon knows of a word.
struct LexiconWordInfo {
  double valence = 0;    // 0 when the word carries no sentiment
  uint32_t classes = 0;  // SentimentWordClass bits (sentiment_lexicon.h)
};

class SentimentTable {
 public:
  // Adds `word` with `info`, or replaces the info it has.
  void Set(std::string_view word, const LexiconWordInfo& info) {
    Update(word, [&](LexiconWordInfo* current) { *current = info; });
  }

  // Calls change(&info) on the info of `word` ({} when it is absent) and
  // keeps the result: one lookup, where Find and then Set took two (loading
  // a lexicon sets a valence or adds classes to each of its words).
  template <typename Change>
  void Update(std::string_view word, Change change) {
    if (!Inline(word)) {
      LexiconWordInfo info = FindLong(word);
      change(&info);
      long_words_.Set(word, info);
      return;
    }
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const Key key = KeyOf(word);
    Slot& slot = slots_[FindSlot(key)];
    if (slot.length == 0) {
      ++size_;
      filter_.Add(key.hash);
    }
    LexiconWordInfo info{slot.valence, slot.classes};  // {0, 0} in an empty slot
    change(&info);
    slot = {key.first, key.last, info.valence, info.classes, key.length};
  }

  // The info of `word`, or {} when it is absent. Inline in the scorer's
  // loop over a sentence's words; the rare long word takes a call.
  [[gnu::always_inline]] LexiconWordInfo Find(std::string_view word) const {
    if (!Inline(word)) [[unlikely]]
      return FindLong(word);
    return FindKey(KeyOf(word));
  }

  // Find(word) for a word whose buffer holds at least 8 bytes up to the
  // word's end (word.data() + word.size() - 8 is in the buffer: a word of 8
  // bytes or more, or one at least 8 bytes in). It reads the key with two
  // loads and no branch on the length, where KeyOf's branches on the word
  // length mispredict for about half of a text's words.
  [[gnu::always_inline]] LexiconWordInfo FindInBuffer(std::string_view word) const {
    if (!Inline(word)) [[unlikely]]
      return FindLong(word);
    return FindKey(KeyInBuffer(word));
  }

  size_t size() const { return size_ + long_words_.size(); }

 private:
  [[gnu::noinline]] LexiconWordInfo FindLong(std::string_view word) const {
    const LexiconWordInfo* info = long_words_.Find(word);
    return info == nullptr ? LexiconWordInfo() : *info;
  }

  static constexpr size_t kInlineBytes = 16;
  static bool Inline(std::string_view word) { return !word.empty() && word.size() <= kInlineBytes; }

  // A word of 1 to 16 bytes as two words of its bytes and its length: its
  // first 8 bytes (all of a shorter word, in the low bytes, the rest 0) and,
  // for a word of more than 8, its last 8 (overlapping the first below 16
  // bytes; 0 for a word of at most 8). With the length, the two words give
  // back every byte, so comparing them compares the word.
  struct Key {
    uint64_t first = 0;
    uint64_t last = 0;
    uint32_t length = 0;
    uint64_t hash = 0;
  };
  static Key KeyOf(std::string_view word) {
    const char* p = word.data();
    const size_t n = word.size();
    Key key;
    key.length = static_cast<uint32_t>(n);
    if (n >= 8) {
      key.first = short_words::Load64(p);
      if (n > 8) key.last = short_words::Load64(p + n - 8);
    } else {
      key.first = short_words::LoadShort(p, n);
    }
    key.hash = Hash(key.first, key.last, key.length);
    return key;
  }
  // KeyOf(word) for FindInBuffer's words: the 8 bytes that end where a word
  // of at most 8 bytes ends, shifted right past the bytes before the word,
  // are its first word; a longer word's first 8 bytes are read at p (the
  // shift is then 0).
  static Key KeyInBuffer(std::string_view word) {
    const char* p = word.data();
    const size_t n = word.size();
    const size_t head = n < 8 ? n : 8;
    Key key;
    key.length = static_cast<uint32_t>(n);
    key.first = short_words::Load64(p + head - 8) >> (64 - 8 * head);
    key.last = short_words::Load64(p + n - 8) & (n > 8 ? ~uint64_t{0} : 0);
    key.hash = Hash(key.first, key.last, key.length);
    return key;
  }
  static uint64_t Hash(uint64_t first, uint64_t last, uint32_t length) {
    return short_words::Mix(first ^ short_words::Mix(last ^ length));
  }

  struct alignas(32) Slot {
    uint64_t first = 0;
    uint64_t last = 0;
    double valence = 0;
    uint32_t classes = 0;
    uint32_t length = 0;  // 0 for an empty slot
  };

  [[gnu::always_inline]] LexiconWordInfo FindKey(const Key& key) const {
    // The word's first slot, fetched while the filter's word is: both are
    // often cache misses, and a word the filter lets by would otherwise wait
    // for one and then the other. A slot past the first (a collision) is rare.
    __builtin_prefetch(slots_.data() + (key.hash & slot_mask_));
    if (!filter_.MayHave(key.hash)) return {};
    const Slot& slot = slots_[FindSlot(key)];
    return {slot.valence, slot.classes};  // an empty slot holds {0, 0}
  }

  // The slot holding the word of `key`, or the empty slot where it would go.
  // The word's bytes and length are compared at once, not in a chain of
  // short-circuit branches that mispredict whenever a word shares its first
  // bytes or its length with the slot's (the compiler keeps two branches:
  // the word, an empty slot).
  size_t FindSlot(const Key& key) const {
    for (size_t i = key.hash & slot_mask_;; i = (i + 1) & slot_mask_) {
      const Slot& slot = slots_[i];
      const uint64_t differs = (slot.first ^ key.first) | (slot.last ^ key.last) | (slot.length ^ key.length);
      const uint64_t occupied = slot.length != 0 ? ~uint64_t{0} : 0;
      if ((differs & occupied) == 0) return i;  // empty, or the word
    }
  }

  void Grow() {
    std::vector<Slot> old(slots_.empty() ? 16 : slots_.size() * 2);
    old.swap(slots_);
    slot_mask_ = slots_.size() - 1;
    filter_.Reset(slots_.size() * 8);  // as WordTable's
    for (const Slot& slot : old) {
      if (slot.length == 0) continue;
      const uint64_t hash = Hash(slot.first, slot.last, slot.length);
      slots_[FindSlot({slot.first, slot.last, slot.length, hash})] = slot;
      filter_.Add(hash);
    }
  }

  // At most half full. An empty table has a filter of nothing set and no
  // slots: the filter turns every word away before FindSlot.
  std::vector<Slot> slots_;
  size_t slot_mask_ = 0;  // slots_.size() - 1, once there are slots
  HashBitFilter filter_;
  size_t size_ = 0;  // words in slots_
  // The empty word and words of more than 16 bytes: a few.
  WordTable<LexiconWordInfo> long_words_;
};

}  // namespace newsmine
