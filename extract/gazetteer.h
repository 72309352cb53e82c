// StateGazetteer: the phrases that name a state — names and aliases ("the US",
// "Britain"), demonyms ("Kazakh", "Russians"), capitals ("Moscow") and seats
// of power ("the Kremlin", "Downing Street") — loaded from
// corpus/data/countries/states.tsv (see the README there for sources).
//
// Matching works on AnalyzedText tokens, accent- and case-folded, with one
// guard: a phrase written in capitals in the gazetteer ("US", "UK") matches
// only capitals in the text, and every capitalised word of a phrase must be
// capitalised in the text, so "us" and "turkey" never match.
//
// It only finds candidate phrases; deciding whether "Washington" is the US
// government, a state of the US or a person is the extractors' job.
//
// Thread-safety: const methods may be called from any number of threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "extract/text.h"

namespace newsmine {

enum class StateCue { kName, kAlias, kDemonym, kCapital, kSeat };

struct StateEntry {
  std::string code;  // ISO3
  StateCue cue = StateCue::kName;
};

class StateGazetteer {
 public:
  // Reads "ISO3<TAB>kind<TAB>phrase" lines (kind: name, alias, demonym,
  // capital, seat); '#' starts a comment line. Returns kIoError when the file
  // cannot be read, kCorrupt (naming the line) for a malformed line.
  Status LoadFile(const std::string& path);

  // Adds one phrase. A demonym also gets its plural ("Russian" -> "Russians").
  void Add(std::string_view code, StateCue cue, std::string_view phrase);

  // The longest phrase that starts at token `first`. Returns its length in
  // tokens (0 when none) and fills *entries with every state it may name
  // (more than one when ambiguous: "Korean").
  size_t MatchAt(const AnalyzedText& text, size_t first, std::vector<StateEntry>* entries) const;

  // The display name of `code` ("KAZ" -> "Kazakhstan"), or `code` itself when
  // unknown.
  std::string DisplayName(std::string_view code) const;

  // The demonym of `code` as the gazetteer lists it first ("KAZ" -> "Kazakhstani"),
  // or empty.
  std::string Demonym(std::string_view code) const;

  size_t size() const { return phrase_count_; }

 private:
  struct Phrase {
    std::vector<std::string> folded;      // folded tokens
    std::vector<uint8_t> needs_capital;   // 1: text token must be upper_initial
    std::vector<uint8_t> needs_all_caps;  // 1: text token must be all capitals
    std::vector<StateEntry> entries;
  };
  // Lets the maps be searched with a string_view, without a temporary string.
  struct TransparentHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // Phrases indexed by their first folded token.
  std::unordered_map<std::string, std::vector<Phrase>, TransparentHash, std::equal_to<>> by_first_token_;
  std::unordered_map<std::string, std::string> display_names_;
  std::unordered_map<std::string, std::string> demonyms_;
  size_t phrase_count_ = 0;
};

}  // namespace newsmine
