// StateReferenceFinder: where an article refers to a state — by name, alias,
// demonym, capital or seat of power used as a metonym, government
// ("Kazakhstan's foreign ministry" is a name plus its ministry), or a leader
// acting for it — after ruling out the phrases that only look like one:
//
//   - a state inside a longer proper name: an organisation ("US Geological
//     Survey", "Irish Republican Army", "Tehran Times"), a person ("Michael
//     Jordan", "George Washington"), a place ("New Mexico", "Latin America",
//     "Northern Ireland", "Persian Gulf");
//   - "Vienna-based" (only "-backed", "-led" and similar compounds count);
//   - "Washington state"; and in an article that mentions the US, Georgia
//     (the US state) and "Indian" (Native American) unless the article has
//     another sign of the country (Tbilisi, Georgian; India, New Delhi);
//   - Moscow, the Kremlin and "Russian" in an article about the Soviet Union
//     (or dated before 1992) are SUN.
// A dateline ("LONDON, April 7 -") is a reference marked `dateline`.
// A demonym shared by several states goes to the one the article otherwise
// names, else to the gazetteer's first.
//
// Thread-safety: Find() is const and may run on many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/gazetteer.h"
#include "extract/record.h"
#include "extract/text.h"

namespace newsmine {

struct StateReference {
  std::string_view code;  // ISO3, owned by the gazetteer or by an Actor passed to Find()
  StateCue cue = StateCue::kName;
  bool leader = false;       // a leader acting for the state (cue is then kName)
  uint32_t first_token = 0;  // token range [first_token, end_token)
  uint32_t end_token = 0;
  uint32_t sentence = 0;
  bool headline = false;  // IsHeadlineCase(text, sentence)
  // The dateline of a wire story ("WASHINGTON, March 3 -", "BAHRAIN -"):
  // where it was filed. The state is named, but nothing in the sentence is
  // about it.
  bool dateline = false;
};

class StateReferenceFinder {
 public:
  // `states` must outlive the finder.
  explicit StateReferenceFinder(const StateGazetteer* states) : states_(states) {}

  // Every reference in `text`, in text order. `actors` with a `state` and a
  // state office among their roles (president, minister, ...) count where
  // they are the subject of a verb; `published` (ISO 8601 or empty) dates
  // the article for former states. The references' codes are valid while
  // the gazetteer and `actors` are. They replace the contents of *out, whose
  // capacity a caller can keep from one article to the next.
  void Find(const AnalyzedText& text, const std::vector<Actor>& actors, const std::string& published,
            std::vector<StateReference>* out) const;

 private:
  struct Candidate;
  // `capitals`: CapitalMasks of the text (a bit per token, set for a capital).
  void AddGazetteerMatches(const AnalyzedText& text, const std::vector<uint64_t>& capitals,
                           std::vector<Candidate>* out) const;
  void AddCompoundMatches(const AnalyzedText& text, size_t token, std::vector<Candidate>* out) const;

  const StateGazetteer* states_;
};

// True for straight and curly quotation marks and apostrophes standing alone.
bool IsQuotationMark(std::string_view token);

// True when sentence `sentence` is set in title case or capitals (a
// headline), where capitals say nothing about proper names.
bool IsHeadlineCase(const AnalyzedText& text, size_t sentence);

}  // namespace newsmine
