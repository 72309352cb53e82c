#include "extract/gazetteer.h"

#include "core/tsv.h"

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
  if (cue == StateCue::kName) display_names_.emplace(code_string, phrase);
  if (cue == StateCue::kDemonym) demonyms_.emplace(code_string, phrase);

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
    std::vector<Phrase>& bucket = by_first_token_[candidate.folded[0]];
    for (Phrase& existing : bucket) {
      if (existing.folded == candidate.folded) {
        for (const StateEntry& e : existing.entries) {
          if (e.code == code_string) return;  // already known for this state
        }
        existing.entries.push_back({code_string, cue});
        return;
      }
    }
    candidate.entries.push_back({code_string, cue});
    bucket.push_back(std::move(candidate));
    ++phrase_count_;
  };
  if (cue == StateCue::kDemonym && !p.folded.back().empty() && p.folded.back().back() != 's') {
    Phrase plural = p;
    plural.folded.back() += "s";
    add_phrase(std::move(plural));
  }
  add_phrase(std::move(p));
}

size_t StateGazetteer::MatchAt(const AnalyzedText& text, size_t first,
                               std::vector<StateEntry>* entries) const {
  entries->clear();
  const auto& tokens = text.tokens();
  if (first >= tokens.size() || tokens[first].kind == Token::Kind::kPunct) return 0;
  const auto bucket = by_first_token_.find(text.Folded(first));
  if (bucket == by_first_token_.end()) return 0;
  size_t best = 0;
  const Phrase* best_phrase = nullptr;
  for (const Phrase& p : bucket->second) {
    const size_t n = p.folded.size();
    if (n <= best || first + n > tokens.size()) continue;
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
    if (match) {
      best = n;
      best_phrase = &p;
    }
  }
  if (best_phrase) *entries = best_phrase->entries;
  return best;
}

std::string StateGazetteer::DisplayName(std::string_view code) const {
  const auto it = display_names_.find(std::string(code));
  return it == display_names_.end() ? std::string(code) : it->second;
}

std::string StateGazetteer::Demonym(std::string_view code) const {
  const auto it = demonyms_.find(std::string(code));
  return it == demonyms_.end() ? std::string() : it->second;
}

}  // namespace newsmine
