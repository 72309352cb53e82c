// VoteNames: the names a vote figure can belong to — capitalised name runs
// ("Kassym-Jomart Tokayev", "National Democratic Party", "J. R. Myers"),
// stripped of titles and state words ("US President Donald Trump" -> "Donald
// Trump"), pronouns resolved to the last person named, and the fullest form
// the article gives ("Biden" -> "Joe Biden"), linked to the document's actors
// when there are any.
//
// One VoteNames serves one document; it keeps references to the text, the
// gazetteer and the actors, which must outlive it. Not thread-safe (it caches
// the document's name runs); make one per document.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/gazetteer.h"
#include "extract/record.h"
#include "extract/text.h"

namespace newsmine {

// Tokens [first, end) of a name, titles and state words already stripped.
struct NameSpan {
  size_t first = 0;
  size_t end = 0;
  size_t raw_first = 0;  // where the run began before stripping
};

// Who a figure belongs to, ready for a Vote.
struct VoteHolder {
  std::string who;
  std::string actor;        // Actor::id, or empty
  std::string actor_state;  // the actor's ISO3, or empty
  bool is_party = false;    // a party, alliance or list rather than a person
};

class VoteNames {
 public:
  VoteNames(const AnalyzedText& text, const StateGazetteer& states, const std::vector<Actor>& actors);

  // The name run whose last token is `last`, if that token ends one.
  std::optional<NameSpan> RunEndingAt(size_t last) const;
  // The name run starting at `first` (leading titles skipped), not past `limit`.
  std::optional<NameSpan> RunStartingAt(size_t first, size_t limit) const;

  // "he", "she", "his", "her", "him".
  bool IsPersonalPronoun(size_t token) const;
  // The last person named before `token` (in its sentence, then in earlier
  // sentences of the document), or nullopt.
  std::optional<NameSpan> ResolvePronoun(size_t token) const;

  // A run immediately followed by "poll", "survey" or "average" names the
  // pollster, not a contender.
  bool IsPollster(const NameSpan& span) const;

  // A person or a party: what a vote share can belong to.
  bool IsContender(const NameSpan& span) const;

  // The holder for a span: fullest form and actor link.
  VoteHolder Holder(const NameSpan& span) const;

  // Words that mark a party, alliance or list ("Party", "Labour", "Tories").
  static bool IsPartyWord(std::string_view word);

 private:
  bool IsNameToken(size_t i) const;
  bool IsStopWord(size_t i) const;
  bool IsTitle(size_t i) const;
  size_t StateLengthAt(size_t i) const;
  // Strips leading titles / state words and trailing titles from [first, end).
  std::optional<NameSpan> Strip(size_t first, size_t end) const;
  bool LooksLikePerson(const NameSpan& span) const;
  bool HasOrgWord(const NameSpan& span) const;
  // The folded words of the span, viewing the text's folded forms.
  std::vector<std::string_view> Words(const NameSpan& span) const;
  std::string Fullest(const NameSpan& span) const;
  // The document actor named by the span, or nullptr.
  const Actor* BestActor(const NameSpan& span) const;
  // A stripped name run of the document, with its Words().
  struct Run {
    NameSpan span;
    std::vector<std::string_view> words;
  };
  // The stripped name runs of sentence `s` (no run crosses a sentence), in
  // text order; worked out on first use. Fullest() asks only for the
  // sentences that hold the word a longer form must end with: working out
  // every run of a long article was the largest single cost of the vote
  // extractor on Wikinews.
  const std::vector<Run>& RunsOf(size_t s) const;
  // True when the text of token `token`, a capitalised sentence opener such
  // as "Investment", also occurs in lower case in the document: it is then a
  // common word. Other tokens: false.
  bool OccursInLowerCase(size_t token) const;
  // Fills openers_in_lower_case_.
  void FindOpenersInLowerCase() const;

  const AnalyzedText& text_;
  const StateGazetteer& states_;
  const std::vector<Actor>& actors_;
  // RunsOf() each sentence, and whether it was worked out (both sized on
  // first use).
  mutable std::vector<std::vector<Run>> sentence_runs_;
  mutable std::vector<bool> sentence_runs_ready_;
  // " " + FoldForMatch(name) + " " of each actor, computed on first use.
  mutable std::vector<std::string> padded_actor_names_;
  // The capitalised sentence openers (word tokens, upper_initial and
  // sentence_initial) whose AsciiLower occurs as a lower-case word token,
  // sorted; computed on first use.
  mutable std::vector<size_t> openers_in_lower_case_;
  mutable bool openers_ready_ = false;
};

}  // namespace newsmine
