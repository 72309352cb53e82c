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
// Thread-safety: FindActorMentions() is reentrant; the dictionary and
// gazetteer are only read.
#pragma once

#include <cstdint>
#include <forward_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extract/actor_dictionary.h"
#include "extract/gazetteer.h"
#include "extract/text.h"

namespace newsmine {

// A run of keys, in ActorMentions::key_blocks.
using ActorKeys = std::span<const std::string_view>;

// Keys are views: of the text's folded forms (AnalyzedText::Folded) or of
// ActorMentions::own_keys.
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
  const ActorEntry* entry = nullptr;  // dictionary knowledge, if any
  std::string_view display;           // the name to show when not the span ("Democratic Party")
  std::string_view state;             // ISO3 the text attaches to it
  std::vector<std::string> roles;
  std::string_view acronym;  // key of "(OSCE)" right after an organisation
  std::string initials;      // organisations: "osce" for "Organization for Security and
                             // Cooperation in Europe" (function words skipped), or empty
};

struct ActorMentions {
  std::vector<ActorMention> mentions;  // in text order
  // The keys that are no folded form of the text ("U.S." -> "us", party
  // names). A list: the views of them stay valid when it grows or moves, and
  // it allocates nothing while empty, as it nearly always is.
  std::forward_list<std::string> own_keys;
  // The mentions' key runs, carved out of blocks that never move (one
  // allocation for many mentions instead of one or two per mention).
  std::forward_list<std::unique_ptr<std::string_view[]>> key_blocks;
};

// All mentions of `text`. Their views stay valid while `text`, the result,
// `dictionary` and `states` live (moving the result keeps them valid).
ActorMentions FindActorMentions(const AnalyzedText& text, const ActorDictionary& dictionary,
                                const StateGazetteer& states);

}  // namespace newsmine
