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
// cheap necessary tests turn them away: a token without a capital when every
// phrase starts with one; then one bit of a filter indexed by the hash of
// the folded token, set for the first token of every phrase. The hash then
// finds the phrases that start with that token in an open-addressing table;
// phrases are stored flat (folded words in one string, tokens in one array),
// chained longest first from their first token's slot.
//
// Thread-safety: const methods may be called from any number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "extract/short_words.h"
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
    if (first >= text.tokens().size() || !MayStartAt(text.tokens()[first])) return {};
    return MatchStart(text, first);
  }

  // Match() for a token `first` that exists and passes MayStartAt(), for a
  // caller that walks the tokens and has tested them already.
  StateMatch MatchStart(const AnalyzedText& text, size_t first) const {
    const std::string_view folded = text.Folded(first);
    const uint64_t hash = HashWord(folded);
    if (!FilterHas(hash)) return {};
    return MatchFrom(text, first, folded, hash);
  }

  // False when no phrase can start at `token`, whatever its text: a
  // punctuation mark, or a word without a capital when every phrase starts
  // with one. Lets a caller that walks every token skip most of them.
  bool MayStartAt(const Token& token) const {
    return token.kind != Token::Kind::kPunct && (token.upper_initial || uncapitalised_starts_);
  }
  // Whether every phrase starts with a capital (then MayStartAt() is false
  // for every token without one), for a caller's own tight loop.
  bool StartsCapitalised() const { return !uncapitalised_starts_; }

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

  size_t size() const { return phrases_.size(); }

 private:
  static constexpr uint32_t kNoPhrase = UINT32_MAX;
  // A token of a phrase: its folded text, words_[begin, begin + size), and
  // the case the text's token must have.
  struct PhraseToken {
    uint32_t begin = 0;
    uint16_t size = 0;
    bool needs_capital = false;   // upper_initial
    bool needs_all_caps = false;  // all_upper
    uint32_t hash = 0;            // low 32 bits of HashWord of the folded word
  };
  // Tokens [first_token, first_token + length) of tokens_, naming the
  // states entries_[its index]. What MatchFrom tests before it reads any
  // token is here, in 16 bytes: the case of the first word and the hash of
  // the second. (With the entries inside, a phrase took 40 bytes, and the
  // walk down a chain missed the cache on them.)
  struct Phrase {
    uint32_t first_token = 0;
    uint16_t length = 0;
    bool first_needs_capital = false;   // tokens_[first_token].needs_capital
    bool first_needs_all_caps = false;  // tokens_[first_token].needs_all_caps
    uint32_t next = kNoPhrase;          // the next phrase with the same first word: none longer
    uint32_t second_hash = 0;           // tokens_[first_token + 1].hash; 0 for one word
  };
  // A slot of the first-word table: the first of the phrases that start with
  // one word (kNoPhrase when empty), the word's size, 16 bits of its hash
  // and, for a word of at most 8 bytes (nearly all), the word itself
  // (ShortWord), so that FindSlot compares it without following `phrase` to
  // the phrase's tokens and their text: those were three dependent reads,
  // often cache misses, for every capitalised token the filter lets by.
  struct Slot {
    uint64_t short_word = 0;  // ShortWord of the first word; 0 when it is longer
    uint32_t phrase = kNoPhrase;
    uint16_t size = 0;  // bytes of the first word (at most max_first_length_)
    uint16_t hash = 0;  // SlotHash of the first word
  };
  static uint16_t SlotHash(uint64_t hash) { return static_cast<uint16_t>(hash >> 16); }
  // A word of 1 to 8 bytes as a 64-bit word of its bytes, zero-filled; 0 for
  // other words. Two words of the same length and at most 8 bytes are equal
  // exactly when their ShortWords are.
  static uint64_t ShortWord(std::string_view word) {
    const size_t n = word.size();
    if (n == 0 || n > 8) return 0;
    return short_words::LoadUpTo8(word.data(), n);
  }

  // Adds the phrase of the tokens of `analyzed`, with `suffix` appended to
  // the last one, naming entry.code, unless that phrase already names it.
  void AddPhrase(const AnalyzedText& analyzed, std::string_view suffix, const StateEntry& entry);
  // Match() past the filter: `folded` is token `first` folded, `hash` its HashWord.
  StateMatch MatchFrom(const AnalyzedText& text, size_t first, std::string_view folded, uint64_t hash) const;
  // The slot of first word `word` (hash: HashWord(word)), or the empty slot
  // where it would go. A word of at most 8 bytes is compared in the slot, a
  // longer one with the phrase's text.
  size_t FindSlot(std::string_view word, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    const uint64_t short_word = ShortWord(word);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.phrase == kNoPhrase) return i;
      if (slot.size != word.size() || slot.hash != SlotHash(hash) || slot.short_word != short_word) continue;
      if (short_word != 0 || short_words::Same(FirstWord(slot.phrase), word)) return i;
    }
  }
  // Doubles the first-word table and its filter, and fills them again.
  void Grow();
  // Sets the filter bit of a first word with hash `hash`.
  void SetFilterBit(uint64_t hash);
  std::string_view Word(const PhraseToken& token) const {
    return std::string_view(words_.data() + token.begin, token.size);
  }
  std::string_view FirstWord(uint32_t phrase) const { return Word(tokens_[phrases_[phrase].first_token]); }

  // A hash of a folded word, from its length and its first and last four
  // bytes (all of a word of up to eight; the middle of a longer one is left
  // out, as a hash that only spreads words over the filter and the slots,
  // always followed by a comparison, may): two loads and a multiply, asked
  // for every capitalised token of every text.
  static uint64_t HashWord(std::string_view word) {
    const char* p = word.data();
    const size_t n = word.size();
    uint64_t key = 0;
    if (n >= 4) {
      key = short_words::Load32(p) | uint64_t{short_words::Load32(p + n - 4)} << 32;
    } else if (n > 0) {
      const auto byte = [&](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
      key = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
    }
    key = (key ^ n) * 0x9E3779B97F4A7C15ULL;
    return key ^ (key >> 32);
  }

  // The filter: bit hash >> filter_shift_ is set for the hash of every first
  // word. It has 16 bits per slot, so at least 32 per first word: about one
  // word in 32 or fewer that starts no phrase gets past it. The high bits
  // of the hash pick the filter bit, the low ones the slot.
  bool FilterHas(uint64_t hash) const {
    const uint64_t bit = hash >> filter_shift_;
    return (filter_[bit / 64] >> (bit % 64)) & 1;
  }

  std::string words_;                // the folded words of every phrase
  std::vector<PhraseToken> tokens_;  // the tokens of every phrase
  std::vector<Phrase> phrases_;
  std::vector<std::vector<StateEntry>> entries_;     // by phrase
  std::vector<Slot> slots_ = std::vector<Slot>(16);  // at most half full
  size_t first_words_ = 0;                           // slots in use
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(16 * 16 / 64);
  int filter_shift_ = 64 - 8;  // 64 - log2(filter bits)
  // first_lengths_[b]: bit min(length, 63) set for every first word of
  // `length` bytes that starts with byte b; MatchWhole's prefix test.
  std::array<uint64_t, 256> first_lengths_{};
  bool uncapitalised_starts_ = false;     // some phrase starts without a capital
  size_t max_first_length_ = 0;           // bytes of the longest first word
  WordTable<std::string> display_names_;  // by code
  WordTable<std::string> demonyms_;       // by code
};

}  // namespace newsmine
