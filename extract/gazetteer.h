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
// Most tokens start no phrase, and every extractor asks at every token, so
// cheap necessary tests turn them away before any hashing: a token without a
// capital when every phrase starts with one; a table of first bytes and
// lengths of the phrases' first tokens (with and without a capital); and a
// bitmap of fingerprints (length, first two and last bytes) of the first
// tokens, which sorts out the many capitalised words that share a first
// letter and a length with some state.
//
// Thread-safety: const methods may be called from any number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "extract/text.h"
#include "extract/word_table.h"

namespace newsmine {

enum class StateCue { kName, kAlias, kDemonym, kCapital, kSeat };

struct StateEntry {
  std::string code;  // ISO3
  StateCue cue = StateCue::kName;
};

// A phrase found in a text: its length in tokens (0 when none) and every
// state it may name, owned by the gazetteer (null when none).
struct StateMatch {
  size_t length = 0;
  const std::vector<StateEntry>* entries = nullptr;
};

class StateGazetteer {
 public:
  // Reads "ISO3<TAB>kind<TAB>phrase" lines (kind: name, alias, demonym,
  // capital, seat); '#' starts a comment line. Returns kIoError when the file
  // cannot be read, kCorrupt (naming the line) for a malformed line.
  Status LoadFile(const std::string& path);

  // Adds one phrase. A demonym also gets its plural ("Russian" -> "Russians").
  void Add(std::string_view code, StateCue cue, std::string_view phrase);

  // The longest phrase that starts at token `first`, with every state it may
  // name (more than one when ambiguous: "Korean"). Inline, so that the
  // common case, a token that starts no phrase, costs no call.
  StateMatch Match(const AnalyzedText& text, size_t first) const {
    const auto& tokens = text.tokens();
    if (first >= tokens.size() || !MayStartAt(tokens[first])) return {};
    const std::string_view folded = text.Folded(first);
    if (!MayStart(folded, tokens[first].upper_initial)) return {};
    return MatchFrom(text, first, folded);
  }

  // False when no phrase can start at `token`, whatever its text: a
  // punctuation mark, or a word without a capital when every phrase starts
  // with one. Lets a caller that walks every token skip most of them.
  bool MayStartAt(const Token& token) const {
    return token.kind != Token::Kind::kPunct && (token.upper_initial || uncapitalised_starts_);
  }

  // Match() as a length in tokens (0 when none), with a copy of the entries
  // in *entries (cleared when none).
  size_t MatchAt(const AnalyzedText& text, size_t first, std::vector<StateEntry>* entries) const;

  // The phrase that spans all of `word`, a piece of a token ("US" of
  // "US-led"): Match(AnalyzedText(word), 0) when that covers every token of
  // `word`, else no match. Builds the AnalyzedText only when `word` may match.
  StateMatch MatchWhole(std::string_view word) const;

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
  // Match() past the prefilter: `folded` is token `first` folded.
  StateMatch MatchFrom(const AnalyzedText& text, size_t first, std::string_view folded) const;

  // Whether some phrase may start with a token folded to `first_token`: bit
  // min(length, 63) of the entry for its first byte (0 when empty) is set in
  // first_lengths_, or in uncapitalised_first_lengths_ for a token without
  // an upper-case initial, and its fingerprint bit is set in
  // first_fingerprints_. A necessary condition only; by_first_token_ decides.
  bool MayStart(std::string_view first_token, bool upper_initial) const {
    const unsigned char byte = first_token.empty() ? 0 : static_cast<unsigned char>(first_token[0]);
    const uint64_t lengths = (upper_initial ? first_lengths_ : uncapitalised_first_lengths_)[byte];
    if (!((lengths >> (first_token.size() < 63 ? first_token.size() : 63)) & 1)) return false;
    const uint32_t bit = Fingerprint(first_token);
    return (first_fingerprints_[bit / 64] >> (bit % 64)) & 1;
  }
  // A bit index in first_fingerprints_ for `word`, from its length and its
  // first, second and last bytes (words are told apart by little more).
  static uint32_t Fingerprint(std::string_view word) {
    const size_t n = word.size();
    if (n == 0) return 0;
    const auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(word[i])); };
    const uint32_t key =
        byte(0) | byte(n > 1 ? 1 : 0) << 8 | byte(n - 1) << 16 | static_cast<uint32_t>(n) << 24;
    return (key * 0x9E3779B1u) >> (32 - kFingerprintBits);
  }
  static constexpr int kFingerprintBits = 16;

  // Phrases indexed by their first folded token: an index into buckets_,
  // whose phrases are sorted longest first.
  WordTable<uint32_t> by_first_token_;
  std::vector<std::vector<Phrase>> buckets_;
  std::array<uint64_t, 256> first_lengths_{};
  std::array<uint64_t, 256> uncapitalised_first_lengths_{};
  bool uncapitalised_starts_ = false;  // some phrase starts without a capital
  // Bit Fingerprint(t) for the folded first token t of every phrase.
  std::array<uint64_t, (size_t{1} << kFingerprintBits) / 64> first_fingerprints_{};
  size_t max_first_length_ = 0;           // bytes of the longest folded first token
  WordTable<std::string> display_names_;  // by code
  WordTable<std::string> demonyms_;       // by code
  size_t phrase_count_ = 0;
};

}  // namespace newsmine
