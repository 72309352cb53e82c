// ActorDictionary: known people and organisations, keyed by their phrases
// (as ActorKey() token keys joined by single spaces), loaded from
//   - Phoenix / PETRARCH actor dictionaries (TABARI format: a primary phrase
//     line, '+' synonym lines, tab-indented "[CODE date]" lines; '#' and ';'
//     comments), built-in or the user's;
//   - leaders.tsv ("ISO3<TAB>role<TAB>Name<TAB>Surname"): current heads of
//     state and government from the Factbook.
// A phrase claimed by two different entries is ambiguous and finds nothing,
// unless one comes from a curated organisations file (Source::kOrganizations).
// Country-file entries without a role code (cities, regions) are kept as
// place phrases, so the extractor can refuse them as actors.
//
// Thread-safety: load once, then const methods from any number of threads.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "extract/gazetteer.h"
#include "extract/short_words.h"

namespace newsmine {

enum class ActorType : uint8_t { kUnknown, kPerson, kOrganization };

// Every view is of text the dictionary owns.
struct ActorEntry {
  std::string_view id;                   // slug of the primary phrase: "vladimir-putin"
  ActorType type = ActorType::kUnknown;  // kUnknown: let the text decide
  std::string_view state;                // ISO3 affiliation, or empty
  std::string_view role;                 // "president" (leaders.tsv only), or empty
};

// The steps of PhraseIndex::Hash(), shared by the one-piece hash of a key
// and PhraseHasher, which hashes a key given in pieces.
namespace phrase_hash {

// `word` (eight bytes of a key) with every '-' byte made ' ' ('-' ^ ' ' is 0x0D).
inline uint64_t HyphensAsSpaces(uint64_t word) {
  return word ^ ((short_words::BytesEqualTo(word, '-') >> 7) * 0x0D);
}

inline constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;

// The hash state `h` after the next eight bytes of the key, `word` (its
// last bytes zero when the key ends in it); with kMayHaveHyphens a '-' in
// it hashes as a space.
template <bool kMayHaveHyphens>
inline uint64_t Mix(uint64_t h, uint64_t word) {
  h = (h ^ (kMayHaveHyphens ? HyphensAsSpaces(word) : word)) * kMultiplier;
  return h ^ (h >> 32);
}

// The hash of a key of `size` bytes whose words left the state `h`: the
// size (a key's zero padding is no byte), then MurmurHash3's finaliser.
inline uint64_t Finish(uint64_t h, size_t size) {
  h = (h ^ size) * kMultiplier;
  h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
  h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ull;
  return (h ^ (h >> 33)) | 1;  // never 0, which marks an empty slot
}

}  // namespace phrase_hash

// PhraseIndex::Hash() of a key given in pieces: after Add(a), AddSpace()
// and Add(b), Finish() is Hash(a + " " + b). Phrases made of word keys are
// hashed as they are read, without being joined into a string first.
class PhraseHasher {
 public:
  // Appends `bytes` to the key.
  void Add(std::string_view bytes) {
    const char* p = bytes.data();
    size_t n = bytes.size();
    size_ += n;
    if (pending_ != 0 && n != 0) {  // fill up the pending word first
      const size_t take = std::min(n, 8 - pending_);
      word_ |= short_words::LoadShort(p, take) << (8 * pending_);
      pending_ += take;
      p += take;
      n -= take;
      if (pending_ < 8) return;
      MixPending();
    }
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      h_ = phrase_hash::Mix<true>(h_, word);
    }
    if (n != 0) {
      word_ = short_words::LoadShort(p, n);
      pending_ = n;
    }
  }
  // Appends one ' '.
  void AddSpace() {
    word_ |= uint64_t{' '} << (8 * pending_);
    ++size_;
    if (++pending_ == 8) MixPending();
  }
  // The bytes added so far.
  size_t size() const { return size_; }
  // PhraseIndex::Hash() of the bytes added so far.
  uint64_t Finish() const {
    return phrase_hash::Finish(pending_ != 0 ? phrase_hash::Mix<true>(h_, word_) : h_, size_);
  }

 private:
  void MixPending() {
    h_ = phrase_hash::Mix<true>(h_, word_);
    word_ = 0;
    pending_ = 0;
  }

  uint64_t h_ = 0;
  uint64_t word_ = 0;   // the pending bytes, the rest zero
  size_t pending_ = 0;  // bytes in word_: fewer than 8
  size_t size_ = 0;
};

// Phrase keys mapped to int32 values, kept as 64-bit hashes in one flat
// open-addressing table: a lookup is one memory access and no string
// compare (two keys of a few hundred thousand share a hash with odds of
// about 1e-9). Hyphens hash as spaces: "al-qaeda" == "al qaeda".
class PhraseIndex {
 public:
  static uint64_t Hash(std::string_view key);
  // Hash() of a `key` that has no '-': the same hash, with less work. A key
  // of one to eight bytes (most words) is one word, hashed inline.
  static uint64_t HashWithoutHyphens(std::string_view key) {
    if (key.size() - 1 >= 8) return HashLongWithoutHyphens(key);
    return phrase_hash::Finish(phrase_hash::Mix<false>(0, short_words::LoadUpTo8(key.data(), key.size())),
                               key.size());
  }

  // The value stored for `key`, or null.
  const int32_t* Find(std::string_view key) const { return FindHashed(Hash(key)); }
  // Find() of the key whose Hash() is `hash`: a key looked up in several
  // indexes is hashed once. The filter test is inline: it turns away most
  // keys asked (phrases the index lacks) without a call.
  const int32_t* FindHashed(uint64_t hash) const {
    return slot_count_ != 0 && MayContain(hash) ? FindInSlots(hash) : nullptr;
  }
  // The value slot for `key`, added with `value` when absent (*added true).
  int32_t* Insert(std::string_view key, int32_t value, bool* added) {
    return InsertHashed(Hash(key), value, added);
  }
  // Insert() of the key whose Hash() is `hash`.
  int32_t* InsertHashed(uint64_t hash, int32_t value, bool* added) {
    if ((size_ + 1) * 2 > slot_count_) Grow();
    Slot& slot = slots_[Probe(hash)];
    *added = slot.hash == 0;
    if (*added) {
      slot = {hash, value};
      ++size_;
      AddToFilter(hash);
    }
    return &slot.value;
  }
  // Room for `n` more keys without regrowing the table.
  void Reserve(size_t n);

 private:
  // A zero hash marks an empty slot: tables come zeroed as fresh pages from
  // the system, not written (AllocateSlots()).
  struct Slot {
    uint64_t hash;
    int32_t value;
  };
  struct FreeSlots {
    // (Constructors, not a member initialiser: a nested class's is not
    // usable while PhraseIndex is incomplete, and unique_ptr asks then.)
    FreeSlots() : mapped_bytes(0) {}
    explicit FreeSlots(size_t bytes) : mapped_bytes(bytes) {}
    void operator()(Slot* slots) const;
    size_t mapped_bytes;  // the size of a mapping of its own, or 0: from calloc
  };
  using Slots = std::unique_ptr<Slot[], FreeSlots>;
  // Zeroed room for `count` slots (a power of two). Small tables come from
  // calloc (which maps large ones afresh without writing them); a table of
  // a huge page (2 MiB) or more is mapped on its own, aligned to one and
  // advised as huge pages (Linux): a lookup lands anywhere in it, and with
  // 4 KiB pages each probe that passed the filter also missed the TLB
  // (FindInSlots() was about 2.5 % of a run's time for a few hundred
  // thousand probes, and about 1.7 % with huge pages).
  static Slots AllocateSlots(size_t count);

  // The filter: two bits per key, four bits per slot. Most lookups are of
  // phrases the dictionary lacks; this small table turns nearly all of them
  // away, where a probe into the slots (megabytes, out of cache) would
  // mostly miss the cache. A key's two bits are in one word of the filter
  // (one cache miss, not two), picked by bits of the hash the slot index
  // does not use. Four bits per slot, not more: the filter is asked a few
  // times per text, between which the other stages evict much of it, and
  // a smaller one stays in L2 more. At most half the slots hold a key, so
  // it has 8 or more bits per key: it lets through about 5% of absent keys
  // when the table is fullest, about 1% in the actor phrase index (17 bits
  // per key).
  uint64_t FilterBits(uint64_t hash) const {
    return uint64_t{1} << (hash >> 52) % 64 | uint64_t{1} << (hash >> 58);
  }
  size_t FilterWord(uint64_t hash) const { return (hash >> 20) & (filter_.size() - 1); }
  bool MayContain(uint64_t hash) const {
    const uint64_t bits = FilterBits(hash);
    return (filter_[FilterWord(hash)] & bits) == bits;
  }
  void AddToFilter(uint64_t hash) { filter_[FilterWord(hash)] |= FilterBits(hash); }

  // HashWithoutHyphens() of an empty key or one longer than eight bytes.
  static uint64_t HashLongWithoutHyphens(std::string_view key);

  // FindHashed() past the filter.
  const int32_t* FindInSlots(uint64_t hash) const;

  // The slot of `hash`, or the empty slot where it would go.
  size_t Probe(uint64_t hash) const {
    const size_t mask = slot_count_ - 1;
    size_t slot = (hash ^ (hash >> 29)) & mask;
    while (slots_[slot].hash != 0 && slots_[slot].hash != hash) slot = (slot + 1) & mask;
    return slot;
  }
  void Grow();
  void Rehash(size_t slot_count);

  Slots slots_;                   // hash and value side by side: one cache line per probe
  size_t slot_count_ = 0;         // a power of two, or 0
  std::vector<uint64_t> filter_;  // slot_count_ * 4 bits, a power of two of words
  size_t size_ = 0;
};

class ActorDictionary {
 public:
  // kCountries: persons and places; kInternational: organisations and some
  // people (the text decides); kOrganizations: organisations only, and they
  // win a phrase another entry claims (a curated list).
  enum class Source { kCountries, kInternational, kOrganizations, kUser };

  // Reads one Phoenix-format file. Country-file persons are entries whose
  // codes carry a role ("KAZGOV"); `states` tells country codes from
  // international ones (IGO, NGO). Returns kIoError when unreadable.
  Status LoadPhoenix(const std::string& path, Source source, const StateGazetteer& states);

  // Reads leaders.tsv ("ISO3<TAB>role<TAB>Name[<TAB>Surname]"). Each leader
  // is found by full name, and by surname through FindLeaderBySurname().
  // Returns kIoError when unreadable, kCorrupt naming a malformed line.
  Status LoadLeaders(const std::string& path);

  // The entry whose phrase is exactly `phrase_key`, or null.
  const ActorEntry* Find(std::string_view phrase_key) const { return FindHashed(PhraseHash(phrase_key)); }

  // The hash of a phrase key for FindHashed() and IsPlaceHashed(), which
  // answer as Find() and IsPlace() do for the phrase without hashing it again.
  static uint64_t PhraseHash(std::string_view phrase_key) { return PhraseIndex::Hash(phrase_key); }
  // PhraseHash() of a `phrase_key` that has no '-' (PhraseIndex::HashWithoutHyphens()).
  static uint64_t PhraseHashWithoutHyphens(std::string_view phrase_key) {
    return PhraseIndex::HashWithoutHyphens(phrase_key);
  }
  const ActorEntry* FindHashed(uint64_t phrase_hash) const {
    const int32_t* index = phrases_.FindHashed(phrase_hash);
    return index && *index >= 0 ? &entries_[*index] : nullptr;
  }

  // The current leader with this surname key ("tokayev", "xi"), or null.
  // With `alone` (the text gives nothing but this word), a surname that is
  // also someone's given name ("John") finds nothing.
  const ActorEntry* FindLeaderBySurname(std::string_view key, bool alone) const;

  // True when `key` is the first word of a known person's name ("george").
  bool IsGivenName(std::string_view key) const { return given_names_.Find(key) != nullptr; }

  // True when `phrase_key` names a place (city, region) in the country file.
  bool IsPlace(std::string_view phrase_key) const { return IsPlaceHashed(PhraseHash(phrase_key)); }
  bool IsPlaceHashed(uint64_t phrase_hash) const { return places_.FindHashed(phrase_hash) != nullptr; }

 private:
  // Adds phrase key `key` (whose PhraseIndex::Hash() is `hash`; `one_word`
  // when it has no space) for entry `index`; a clash with another entry
  // makes the phrase ambiguous, unless `wins`.
  void AddPhrase(std::string_view key, uint64_t hash, bool one_word, int32_t index, bool wins);
  // The index of the entry with `entry.id` (whose PhraseIndex::Hash() is
  // `id_hash`), `entry` added (its id copied into the dictionary) when there
  // is none.
  int32_t AddEntry(ActorEntry entry, uint64_t id_hash);
  // A copy of `text` that lives as long as the dictionary. Inline: called
  // once per entry at start-up, and nearly every copy fits the last block.
  std::string_view Keep(std::string_view text) {
    if (text.size() > text_block_left_) StartTextBlock(text.size());
    char* const copy = text_next_;
    std::memcpy(copy, text.data(), text.size());
    text_next_ += text.size();
    text_block_left_ -= text.size();
    return std::string_view(copy, text.size());
  }
  // Starts a text block with room for at least `size` bytes.
  void StartTextBlock(size_t size);

  std::vector<ActorEntry> entries_;
  // The entries' text, packed into blocks that never move (the entries view
  // them): no allocation per entry.
  std::vector<std::unique_ptr<char[]>> text_blocks_;
  char* text_next_ = nullptr;  // free space in the last block
  size_t text_block_left_ = 0;
  PhraseIndex phrases_;   // -1: ambiguous
  PhraseIndex ids_;       // id -> entry
  PhraseIndex surnames_;  // leaders only; -1: ambiguous
  PhraseIndex places_;
  PhraseIndex given_names_;  // first words of person phrases
};

// A URL-safe slug of a name: folded, letters and digits kept, every other run
// of characters one '-' ("Kassym-Jomart Tokayev" -> "kassym-jomart-tokayev").
std::string ActorSlug(std::string_view name);
// ActorSlug(name) appended to *out.
void AppendActorSlug(std::string_view name, std::string* out);

}  // namespace newsmine
