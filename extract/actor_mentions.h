// Actor mentions: the capitalised spans of an AnalyzedText that name people
// or organisations, each with what the text says about it (title, role,
// state, acronym in parentheses), before mentions are grouped into actors.
//
// The rules, in order, for every maximal run of capitalised name-shaped
// tokens (with "of", "for", "and", "bin", "al-", "van"... inside); the whole
// method is in docs/actors.md:
//   - lines in capitals and wire datelines are skipped; in title-case
//     headlines every mention is weak;
//   - a run the dictionary knows as a whole is taken as is;
//   - leading function words ("The", "But"), honorifics ("Mr") and titles
//     ("Deputy Defense Minister") are cut off; titles become roles, a state
//     before them ("Russian", "US") the state;
//   - a run with an organisation head noun ("Party", "Ministry") is an
//     organisation, cut where a new name plainly starts; other runs are cut
//     at connectors into pieces;
//   - a piece that is a state, a place or common words is dropped; a run of
//     acronyms is an organisation; two or more name words, or a title, make
//     a person; a lone word is "weak": it only counts when it joins an actor
//     named more fully, or as a current leader's surname.
//
// Thread-safety: FindActorMentions() is reentrant (with one ActorMentions
// per thread); the dictionary and gazetteer are only read.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/actor_dictionary.h"
#include "extract/gazetteer.h"
#include "extract/text.h"

namespace newsmine {

// A run of keys: views of the text's folded forms (AnalyzedText::Folded) or
// of the memory of an ActorMentions.
using ActorKeys = std::span<const std::string_view>;

struct ActorMention {
  uint32_t first = 0;  // token range of the name itself (no title, no state)
  uint32_t last = 0;   // one past the last token
  ActorKeys keys;      // ActorKey of each name token
  ActorKeys core;      // organisations: keys without a leading state, "the" or a
                       // trailing "Ltd" ("Green Party")
  ActorType type = ActorType::kUnknown;
  bool weak = false;         // a lone word with no evidence of its own
  bool acronym_run = false;  // only acronyms: "OSCE ODIHR"
  // Capitalised where no rule of writing asks for it: not sentence-initial,
  // not in a headline.
  bool unrelated_capital = false;
  const ActorEntry* entry = nullptr;        // dictionary knowledge, if any
  std::string_view display;                 // the name to show when not the span ("Democratic Party")
  std::string_view state;                   // ISO3 the text attaches to it
  std::span<const std::string_view> roles;  // "foreign minister", in the ActorMentions' memory
  std::string_view acronym;                 // key of "(OSCE)" right after an organisation
  std::string_view initials;                // organisations: "osce" for "Organization for Security and
                                            // Cooperation in Europe" (function words skipped), or empty
};

// Runs of T carved out of blocks that never move, and kept when cleared: a
// text's runs go into the blocks of the texts before it, so a thread that
// reuses one allocates only while its texts grow.
template <typename T>
class ReusedBlocks {
 public:
  // Room for `n` Ts, valid until Clear(); a run never spans two blocks, and
  // a run of none may be null. Inline while the current block has room
  // (nearly every run: the keys of a mention); the next block is found out
  // of line.
  T* Allocate(size_t n) {
    if (n > room_) return AllocateInNextBlock(n);
    room_ -= n;
    T* const run = next_;
    next_ += n;
    return run;
  }

  // Frees every run; the blocks stay for the next ones.
  void Clear() {
    current_ = 0;
    next_ = blocks_.empty() ? nullptr : blocks_[0].data.get();
    room_ = blocks_.empty() ? 0 : blocks_[0].size;
  }

 private:
  static constexpr size_t kBlockBytes = 1024;
  struct Block {
    std::unique_ptr<T[]> data;
    size_t size;
  };

  // Allocate() when the current block has less room than `n`: the run goes
  // at the start of the next block large enough, or of a new one.
  [[gnu::noinline]] T* AllocateInNextBlock(size_t n) {
    if (!blocks_.empty()) ++current_;  // none yet: block 0 is the first
    while (current_ < blocks_.size() && n > blocks_[current_].size) ++current_;
    if (current_ == blocks_.size()) {
      const size_t size = std::max(n, kBlockBytes / sizeof(T));
      blocks_.push_back({std::make_unique<T[]>(size), size});
    }
    next_ = blocks_[current_].data.get() + n;
    room_ = blocks_[current_].size - n;
    return blocks_[current_].data.get();
  }

  std::vector<Block> blocks_;
  size_t current_ = 0;  // the block runs are carved from
  T* next_ = nullptr;   // its first T in no run
  size_t room_ = 0;     // Ts of it after next_
};

// The mentions of a text, and the memory their views of anything but the
// text live in. Meant to be kept (per thread) and refilled text after text:
// the vector's capacity and the blocks are reused, so finding the mentions
// of a text allocates nothing once the texts before were as large.
struct ActorMentions {
  std::vector<ActorMention> mentions;  // in text order
  // Keys, cores and roles: runs of views.
  ReusedBlocks<std::string_view> views;
  // The text of views that are no part of the text or the dictionary: keys
  // that are no folded form of the text ("U.S." -> "us", party names),
  // roles, initials.
  ReusedBlocks<char> chars;

  // A copy of `text` in `chars`.
  std::string_view Keep(std::string_view text) {
    if (text.empty()) return std::string_view();  // (a run of none may be null)
    char* const copy = chars.Allocate(text.size());
    std::memcpy(copy, text.data(), text.size());
    return std::string_view(copy, text.size());
  }
};

// Replaces *out's mentions with those of `text`. Their views stay valid
// while `text`, `dictionary` and `states` live, until *out is refilled.
void FindActorMentions(const AnalyzedText& text, const ActorDictionary& dictionary,
                       const StateGazetteer& states, ActorMentions* out);

}  // namespace newsmine
