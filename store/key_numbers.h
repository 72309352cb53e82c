// Numbers by string key, for a cache the index writer looks up once per
// actor row (Index::ActorForm): open addressing over the keys' 64-bit
// hashes, with the keys in one buffer, so that a lookup reads one slot and
// one key. (A std::unordered_map<std::string, int64_t> walked a node and a
// key allocated each on their own: 6 % of the writer's time over 626 MB.)
//
// Thread-safety: a KeyNumbers belongs to one thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsmine {

class KeyNumbers {
 public:
  // The number kept for `key`, or nullptr. Valid until the next Insert or
  // Clear.
  const int64_t* Find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const uint64_t hash = std::hash<std::string_view>{}(key);
    for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& slot = slots_[i];
      if (slot.length_plus_one == 0) return nullptr;
      if (slot.hash == hash && slot.length_plus_one == key.size() + 1 &&
          std::memcmp(keys_.data() + slot.offset, key.data(), key.size()) == 0) {
        return &slot.number;
      }
    }
  }

  // Keeps `number` for `key`, which has none.
  void Insert(std::string_view key, int64_t number) {
    if (2 * (count_ + 1) > slots_.size()) Grow();
    const uint64_t hash = std::hash<std::string_view>{}(key);
    size_t i = hash & (slots_.size() - 1);
    while (slots_[i].length_plus_one != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] =
        Slot{hash, number, static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(key.size() + 1)};
    keys_.append(key);
    ++count_;
  }

  size_t size() const { return count_; }

  void Clear() {
    slots_.clear();
    keys_.clear();
    count_ = 0;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    int64_t number = 0;
    uint32_t offset = 0;           // of the key in keys_
    uint32_t length_plus_one = 0;  // 0: empty
  };

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(64, 2 * old.size()), Slot{});
    for (const Slot& slot : old) {
      if (slot.length_plus_one == 0) continue;
      size_t i = slot.hash & (slots_.size() - 1);
      while (slots_[i].length_plus_one != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;  // a power of two of them, at most half used
  std::string keys_;
  size_t count_ = 0;
};

}  // namespace newsmine
