#include "extract/gazetteer.h"

#include <algorithm>

#include "core/tsv.h"
#include "core/utf8.h"
#include "ingest/ascii.h"

namespace newsmine {
namespace {

bool ParseCue(std::string_view kind, StateCue* cue) {
  if (kind == "name")
    *cue = StateCue::kName;
  else if (kind == "alias")
    *cue = StateCue::kAlias;
  else if (kind == "demonym")
    *cue = StateCue::kDemonym;
  else if (kind == "capital")
    *cue = StateCue::kCapital;
  else if (kind == "seat")
    *cue = StateCue::kSeat;
  else
    return false;
  return true;
}

}  // namespace

Status StateGazetteer::LoadFile(const std::string& path) {
  return ForEachTsvRow(path, "state gazetteer", [&](const std::vector<std::string_view>& fields, int line) {
    StateCue cue;
    if (fields.size() != 3 || !ParseCue(fields[1], &cue)) {
      return TsvLineError(path, line, "expected ISO3<TAB>kind<TAB>phrase");
    }
    Add(fields[0], cue, fields[2]);
    return Status::Ok();
  });
}

void StateGazetteer::Add(std::string_view code, StateCue cue, std::string_view phrase) {
  // A state's first name and first demonym are the ones shown.
  if (cue == StateCue::kName && !display_names_.contains(code)) display_names_.Set(code, std::string(phrase));
  if (cue == StateCue::kDemonym && !demonyms_.contains(code)) demonyms_.Set(code, std::string(phrase));

  const AnalyzedText analyzed(phrase);
  const size_t n = analyzed.tokens().size();
  if (n == 0) return;
  const StateEntry entry{std::string(code), cue};
  const std::string_view last = analyzed.Folded(n - 1);
  if (cue == StateCue::kDemonym && !last.empty() && last.back() != 's') AddPhrase(analyzed, "s", entry);
  AddPhrase(analyzed, "", entry);
}

void StateGazetteer::AddPhrase(const AnalyzedText& analyzed, std::string_view suffix,
                               const StateEntry& entry) {
  // The tokens are stored first, so that an earlier phrase is compared with
  // them as stored; they are taken back when it is the same.
  const size_t words_before = words_.size();
  const uint32_t first_token = static_cast<uint32_t>(tokens_.size());
  const size_t n = analyzed.tokens().size();
  for (size_t i = 0; i < n; ++i) {
    const Token& token = analyzed.tokens()[i];
    const size_t begin = words_.size();
    words_ += analyzed.Folded(i);
    if (i + 1 == n) words_ += suffix;
    const std::string_view word = std::string_view(words_).substr(begin);
    tokens_.push_back({static_cast<uint32_t>(begin), static_cast<uint16_t>(word.size()), token.upper_initial,
                       token.all_upper, static_cast<uint32_t>(HashWord(word))});
  }
  const auto same_words = [&](const Phrase& p) {
    if (p.length != n) return false;
    for (size_t k = 0; k < n; ++k) {
      if (!short_words::Same(Word(tokens_[p.first_token + k]), Word(tokens_[first_token + k]))) return false;
    }
    return true;
  };

  const std::string_view first = Word(tokens_[first_token]);
  const uint64_t hash = HashWord(first);
  size_t slot = FindSlot(first, hash);
  for (uint32_t p = slots_[slot].phrase; p != kNoPhrase; p = phrases_[p].next) {
    if (!same_words(phrases_[p])) continue;
    tokens_.resize(first_token);
    words_.resize(words_before);
    std::vector<StateEntry>& entries = entries_[p];
    const auto same_code = [&](const StateEntry& e) { return e.code == entry.code; };
    if (std::none_of(entries.begin(), entries.end(), same_code)) entries.push_back(entry);
    return;
  }
  if (slots_[slot].phrase == kNoPhrase) {
    if ((first_words_ + 1) * 2 > slots_.size()) {
      Grow();
      slot = FindSlot(first, hash);
    }
    slots_[slot].short_word = ShortWord(first);
    slots_[slot].size = static_cast<uint16_t>(first.size());
    slots_[slot].hash = SlotHash(hash);
    ++first_words_;
    SetFilterBit(hash);
    first_lengths_[static_cast<unsigned char>(first[0])] |= uint64_t{1} << std::min<size_t>(first.size(), 63);
    max_first_length_ = std::max(max_first_length_, first.size());
  }
  // Longest first, in order of addition among equals: the first phrase of
  // the chain that matches is the one MatchFrom wants. The new phrase goes
  // after `before` (kNoPhrase: at the head) and before `next`.
  uint32_t before = kNoPhrase;
  uint32_t next = slots_[slot].phrase;
  while (next != kNoPhrase && phrases_[next].length >= n) {
    before = next;
    next = phrases_[next].next;
  }
  const uint32_t index = static_cast<uint32_t>(phrases_.size());
  phrases_.push_back({first_token, static_cast<uint16_t>(n), tokens_[first_token].needs_capital,
                      tokens_[first_token].needs_all_caps, next, n > 1 ? tokens_[first_token + 1].hash : 0});
  entries_.push_back({entry});
  (before == kNoPhrase ? slots_[slot].phrase : phrases_[before].next) = index;
  if (!tokens_[first_token].needs_capital) uncapitalised_starts_ = true;
}

void StateGazetteer::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  filter_.assign(slots_.size() * 16 / 64, 0);
  --filter_shift_;
  for (const Slot& s : old) {
    if (s.phrase == kNoPhrase) continue;
    const std::string_view word = FirstWord(s.phrase);
    const uint64_t hash = HashWord(word);
    slots_[FindSlot(word, hash)] = s;
    SetFilterBit(hash);
  }
}

void StateGazetteer::SetFilterBit(uint64_t hash) {
  const uint64_t bit = hash >> filter_shift_;
  filter_[bit / 64] |= uint64_t{1} << (bit % 64);
}

StateMatch StateGazetteer::MatchFrom(const AnalyzedText& text, size_t first, std::string_view folded,
                                     uint64_t hash) const {
  const auto& tokens = text.tokens();
  // A first word may start many phrases ("The Gambia", "The Hague", ...):
  // the hash of the text's second word, computed once, turns most away.
  uint32_t second_hash = 0;
  bool second_hashed = false;
  for (uint32_t p = slots_[FindSlot(folded, hash)].phrase; p != kNoPhrase; p = phrases_[p].next) {
    const Phrase& phrase = phrases_[p];  // the longest first
    if (first + phrase.length > tokens.size()) continue;
    // The first word is the slot's: only its case is left to test.
    const Token& head = tokens[first];
    if ((phrase.first_needs_capital && !head.upper_initial) ||
        (phrase.first_needs_all_caps && !head.all_upper))
      continue;
    if (phrase.length > 1) {
      if (!second_hashed) {
        second_hash = static_cast<uint32_t>(HashWord(text.Folded(first + 1)));
        second_hashed = true;
      }
      if (phrase.second_hash != second_hash) continue;
    }
    const PhraseToken* words = &tokens_[phrase.first_token];
    size_t k = 1;
    for (; k < phrase.length; ++k) {
      const Token& token = tokens[first + k];
      if ((words[k].needs_capital && !token.upper_initial) || (words[k].needs_all_caps && !token.all_upper))
        break;
      if (!short_words::Same(text.Folded(first + k), Word(words[k]))) break;
    }
    if (k == phrase.length) return {phrase.length, &entries_[p]};
  }
  return {};
}

size_t StateGazetteer::MatchAt(const AnalyzedText& text, size_t first,
                               std::vector<StateEntry>* entries) const {
  const StateMatch match = Match(text, first);
  if (match.entries == nullptr) {
    entries->clear();
  } else {
    *entries = *match.entries;
  }
  return match.length;
}

StateMatch StateGazetteer::MatchWhole(std::string_view word) const {
  // A word that opens with an ASCII letter or digit and has no other bytes
  // starts with a token that is a prefix of it and folds to its lower case:
  // unless one such prefix is a phrase's first token, nothing can match.
  const bool ascii_word = !word.empty() && IsAsciiAlnum(word[0]) &&
                          std::all_of(word.begin(), word.end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii_word) {
    const std::string lowered = AsciiLower(word.substr(0, max_first_length_));
    const uint64_t lengths = first_lengths_[static_cast<unsigned char>(lowered[0])];
    bool may_match = false;
    for (size_t n = 1; n <= lowered.size() && !may_match; ++n) {
      if (!((lengths >> std::min<size_t>(n, 63)) & 1)) continue;
      const std::string_view prefix = std::string_view(lowered).substr(0, n);
      const uint64_t hash = HashWord(prefix);
      may_match = FilterHas(hash) && slots_[FindSlot(prefix, hash)].phrase != kNoPhrase;  // any case
    }
    if (!may_match) return {};
  }
  const AnalyzedText analyzed(word);
  const StateMatch match = Match(analyzed, 0);
  if (match.length != analyzed.tokens().size() || match.entries == nullptr) return {};
  return match;
}

std::string StateGazetteer::DisplayName(std::string_view code) const {
  const std::string* name = display_names_.Find(code);
  return name == nullptr ? std::string(code) : *name;
}

std::string StateGazetteer::Demonym(std::string_view code) const {
  const std::string* demonym = demonyms_.Find(code);
  return demonym == nullptr ? std::string() : *demonym;
}

}  // namespace newsmine
