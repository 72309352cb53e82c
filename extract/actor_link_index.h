// ActorLinkIndex: the index from link words to actors that groups the
// mentions of a long text (extract/actors.cc).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace newsmine {

// Actors (numbered from 0) by 64-bit hashes of the words that link mentions
// to them (extract/actors.cc): each hash's actors chained in one list, the
// chains' heads in an open-addressing table. Meant to be kept from text to
// text: it allocates only while the texts grow.
//
// Thread-safety: none; one per thread.
class ActorLinkIndex {
 public:
  // Empties the index; its memory stays.
  void Clear() {
    if (entries_.empty()) return;
    std::fill(slots_.begin(), slots_.end(), Slot{});
    entries_.clear();
  }

  // Lists `actor` under `hash` (not 0), unless it is the last actor listed there.
  void Add(uint64_t hash, uint32_t actor) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    Slot& slot = slots_[Probe(hash)];
    if (slot.head != 0 && entries_[slot.head - 1].actor == actor) return;
    slot.hash = hash;
    entries_.push_back({actor, slot.head});
    slot.head = static_cast<uint32_t>(entries_.size());
  }

  // Appends the actors listed under `hash` to *out, latest first.
  void AppendActors(uint64_t hash, std::vector<uint32_t>* out) const {
    if (slots_.empty()) return;
    for (uint32_t e = slots_[Probe(hash)].head; e != 0; e = entries_[e - 1].next)
      out->push_back(entries_[e - 1].actor);
  }

 private:
  struct Slot {
    uint64_t hash = 0;  // 0: empty
    uint32_t head = 0;  // 1 + index in entries_ of the last actor listed, or 0
  };
  struct Entry {
    uint32_t actor;
    uint32_t next;  // 1 + index of the entry listed before it under the same hash, or 0
  };

  // The slot of `hash`, or the empty slot where it would go.
  size_t Probe(uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    size_t slot = (hash ^ (hash >> 29)) & mask;
    while (slots_[slot].hash != 0 && slots_[slot].hash != hash) slot = (slot + 1) & mask;
    return slot;
  }

  // Twice the slots (at least 256): each hash keeps its chain.
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(256, slots_.size() * 2));
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.hash != 0) slots_[Probe(slot.hash)] = slot;
    }
  }

  std::vector<Slot> slots_;  // a power of two of them, or none
  std::vector<Entry> entries_;
};

}  // namespace newsmine
