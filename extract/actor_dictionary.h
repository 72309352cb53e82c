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

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "extract/gazetteer.h"

namespace newsmine {

enum class ActorType : uint8_t { kUnknown, kPerson, kOrganization };

// Every view is of text the dictionary owns.
struct ActorEntry {
  std::string_view id;                   // slug of the primary phrase: "vladimir-putin"
  ActorType type = ActorType::kUnknown;  // kUnknown: let the text decide
  std::string_view state;                // ISO3 affiliation, or empty
  std::string_view role;                 // "president" (leaders.tsv only), or empty
};

// Phrase keys mapped to int32 values, kept as 64-bit hashes in one flat
// open-addressing table: a lookup is one memory access and no string
// compare (two keys of a few hundred thousand share a hash with odds of
// about 1e-9). Hyphens hash as spaces: "al-qaeda" == "al qaeda".
class PhraseIndex {
 public:
  static uint64_t Hash(std::string_view key);

  // The value stored for `key`, or null.
  const int32_t* Find(std::string_view key) const { return FindHashed(Hash(key)); }
  // Find() of the key whose Hash() is `hash`: a key looked up in several
  // indexes is hashed once.
  const int32_t* FindHashed(uint64_t hash) const;
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
  // A zero hash marks an empty slot: tables come zeroed from calloc, which
  // gets large ones as fresh pages from the system without writing them.
  struct Slot {
    uint64_t hash;
    int32_t value;
  };
  struct FreeSlots {
    void operator()(Slot* slots) const { std::free(slots); }
  };

  // The filter: two bits of filter_ per key, eight bits per slot. Most
  // lookups are of phrases the dictionary lacks; this small table turns
  // nearly all of them away, where a probe into the slots (megabytes, out
  // of cache) would mostly miss the cache.
  size_t FilterBit(uint64_t hash, int which) const {
    return (which == 0 ? hash >> 20 : hash >> 40) & (slot_count_ * 8 - 1);
  }
  bool MayContain(uint64_t hash) const {
    const size_t a = FilterBit(hash, 0), b = FilterBit(hash, 1);
    return (filter_[a / 64] >> (a % 64) & filter_[b / 64] >> (b % 64) & 1) != 0;
  }
  void AddToFilter(uint64_t hash) {
    const size_t a = FilterBit(hash, 0), b = FilterBit(hash, 1);
    filter_[a / 64] |= uint64_t{1} << (a % 64);
    filter_[b / 64] |= uint64_t{1} << (b % 64);
  }

  // The slot of `hash`, or the empty slot where it would go.
  size_t Probe(uint64_t hash) const {
    const size_t mask = slot_count_ - 1;
    size_t slot = (hash ^ (hash >> 29)) & mask;
    while (slots_[slot].hash != 0 && slots_[slot].hash != hash) slot = (slot + 1) & mask;
    return slot;
  }
  void Grow();
  void Rehash(size_t slot_count);

  std::unique_ptr<Slot[], FreeSlots> slots_;  // hash and value side by side: one cache line per probe
  size_t slot_count_ = 0;                     // a power of two, or 0
  std::vector<uint64_t> filter_;              // slot_count_ * 8 bits
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
  const ActorEntry* FindHashed(uint64_t phrase_hash) const;

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
  // A copy of `text` that lives as long as the dictionary.
  std::string_view Keep(std::string_view text);

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
