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
  const std::string code_string(code);
  // A state's first name and first demonym are the ones shown.
  if (cue == StateCue::kName && !display_names_.contains(code)) display_names_.Set(code, std::string(phrase));
  if (cue == StateCue::kDemonym && !demonyms_.contains(code)) demonyms_.Set(code, std::string(phrase));

  const AnalyzedText analyzed(phrase);
  if (analyzed.tokens().empty()) return;
  Phrase p;
  for (size_t i = 0; i < analyzed.tokens().size(); ++i) {
    const Token& token = analyzed.tokens()[i];
    p.folded.emplace_back(analyzed.Folded(i));
    p.needs_capital.push_back(token.upper_initial);
    p.needs_all_caps.push_back(token.all_upper);
  }
  auto add_phrase = [&](Phrase candidate) {
    const std::string_view first = candidate.folded[0];
    const uint32_t* index = by_first_token_.Find(first);
    if (index == nullptr) {
      by_first_token_.Set(first, static_cast<uint32_t>(buckets_.size()));
      index = by_first_token_.Find(first);
      buckets_.emplace_back();
    }
    std::vector<Phrase>& bucket = buckets_[*index];
    for (Phrase& existing : bucket) {
      if (existing.folded == candidate.folded) {
        for (const StateEntry& e : existing.entries) {
          if (e.code == code_string) return;  // already known for this state
        }
        existing.entries.push_back({code_string, cue});
        return;
      }
    }
    const unsigned char byte = first.empty() ? 0 : static_cast<unsigned char>(first[0]);
    const uint64_t length_bit = uint64_t{1} << std::min<size_t>(first.size(), 63);
    first_lengths_[byte] |= length_bit;
    if (!candidate.needs_capital[0]) {
      uncapitalised_first_lengths_[byte] |= length_bit;
      uncapitalised_starts_ = true;
    }
    const uint32_t fingerprint = Fingerprint(first);
    first_fingerprints_[fingerprint / 64] |= uint64_t{1} << (fingerprint % 64);
    max_first_length_ = std::max(max_first_length_, first.size());
    candidate.entries.push_back({code_string, cue});
    // Longest first (in order of addition among equals): the first phrase
    // that matches is the one MatchFrom wants.
    const auto longer = [](const Phrase& a, const Phrase& b) { return a.folded.size() > b.folded.size(); };
    bucket.insert(std::upper_bound(bucket.begin(), bucket.end(), candidate, longer), std::move(candidate));
    ++phrase_count_;
  };
  if (cue == StateCue::kDemonym && !p.folded.back().empty() && p.folded.back().back() != 's') {
    Phrase plural = p;
    plural.folded.back() += "s";
    add_phrase(std::move(plural));
  }
  add_phrase(std::move(p));
}

StateMatch StateGazetteer::MatchFrom(const AnalyzedText& text, size_t first, std::string_view folded) const {
  const uint32_t* bucket = by_first_token_.Find(folded);
  if (bucket == nullptr) return {};
  const auto& tokens = text.tokens();
  for (const Phrase& p : buckets_[*bucket]) {  // longest first
    const size_t n = p.folded.size();
    if (first + n > tokens.size()) continue;
    bool match = true;
    for (size_t k = 0; k < n && match; ++k) {
      const Token& token = tokens[first + k];
      if (p.needs_capital[k] && !token.upper_initial)
        match = false;
      else if (p.needs_all_caps[k] && !token.all_upper)
        match = false;
      else if (k > 0 && text.Folded(first + k) != p.folded[k])
        match = false;
    }
    if (match) return {n, &p.entries};
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
    bool may_match = false;
    for (size_t n = 1; n <= lowered.size() && !may_match; ++n) {
      const std::string_view prefix = std::string_view(lowered).substr(0, n);
      may_match = MayStart(prefix, /*upper_initial=*/true) && by_first_token_.contains(prefix);  // any case
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
