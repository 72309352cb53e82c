// VoteContext: what surrounds a vote figure — whether its sentence speaks of
// voting at all, whether it reports a poll or a result, which election it
// belongs to ("presidential election", "2016 parliamentary election, second
// round"), the country holding that election and its date.
//
// Subnational: sub-national units ("Michigan", "British Columbia") mapped to
// the country whose elections they hold, from corpus/data/votes/subnational.tsv.
//
// A VoteContext serves one document and keeps references to the text, the
// document, the gazetteer and the table, which must outlive it. Not
// thread-safe (it caches per-sentence facts); make one per document.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "extract/gazetteer.h"
#include "extract/text.h"
#include "ingest/document.h"

namespace newsmine {

class Subnational {
 public:
  // Reads "ISO3<TAB>name" lines ('#' starts a comment). Returns kIoError when
  // the file cannot be read, kCorrupt naming a malformed line.
  Status LoadFile(const std::string& path);
  void Add(std::string_view code, std::string_view name);
  // The code of the unit named at token `first` (case- and accent-folded);
  // sets *length to its token count. Empty when none.
  std::string MatchAt(const AnalyzedText& text, size_t first, size_t* length) const;

 private:
  struct Unit {
    std::vector<std::string> folded;
    std::string code;
  };
  std::unordered_map<std::string, std::vector<Unit>> by_first_token_;
};

class VoteContext {
 public:
  VoteContext(const AnalyzedText& text, const Document& document, const StateGazetteer& states,
              const Subnational& subnational);

  // True when sentence `s`, or the one before it in its paragraph, speaks of
  // voting, elections or polls, or when `s` reports a share won ("won 13
  // percent") within four sentences after one that does, or when it is a
  // line of a result table under a heading that speaks of voting.
  bool HasVoteCue(size_t s) const;
  // True when the figures of sentence `s` are opinion-poll figures: a poll
  // word in the sentence, or (with no result word there) in the two
  // sentences before it in the same paragraph.
  bool IsPoll(size_t s) const;
  // The election a figure at token `token` belongs to: the one its sentence
  // names, else the article's subject election (with the year the sentence
  // gives near the figure when it differs).
  std::string ElectionFor(size_t token) const;
  // The ISO3 of the polity: `holder_state` when known, else a state attached
  // to the election in the sentence, the paragraph's dateline, the subject
  // election's state, the article's dateline, or its most named state.
  std::string CountryFor(size_t s, const std::string& holder_state) const;
  // The date (ISO 8601) that sentence `s` or the subject election's sentence
  // gives: explicit ("20 November 2022"), or a weekday ("Monday's
  // election") counted back from the publication date. Empty when none.
  std::string DateFor(size_t s) const;
  // The state named inside tokens [first, end), or empty.
  std::string StateIn(size_t first, size_t end) const;

 private:
  struct SentenceFacts {
    bool computed = false;
    bool vote_cue = false;
    bool poll_cue = false;
    bool result_cue = false;
    bool result_verb = false;    // "won", "took", ...: a share won, once an election is the subject
    std::string election;        // "presidential election", or empty
    std::string election_state;  // state attached to the election phrase
  };
  const SentenceFacts& Facts(size_t s) const;
  // True when sentence `s` is a paragraph of its own holding only a name and
  // a percentage: a line of a result table.
  bool IsResultLine(size_t s) const;
  void ComputeFacts(size_t s, SentenceFacts* facts) const;
  // Index of the first sentence naming an election, or npos.
  size_t SubjectSentence() const;
  std::string DatelineState(size_t paragraph) const;
  // An explicit date in sentence `s`, or a weekday ("Monday's election")
  // resolved against the publication date; empty when none. Cached: every
  // figure of a sentence asks for it.
  const std::string& SentenceDate(size_t s) const;
  std::string FindSentenceDate(size_t s) const;
  std::string MostNamedState() const;
  std::string StateAt(size_t token, size_t* length) const;
  int SubjectYear() const;

  const AnalyzedText& text_;
  const Document& document_;
  const StateGazetteer& states_;
  const Subnational& subnational_;
  // What is known of each sentence, worked out when first asked (one vector
  // for both: one allocation per article).
  struct SentenceCache {
    SentenceFacts facts;
    std::optional<std::string> date;  // SentenceDate
  };
  mutable std::vector<SentenceCache> sentences_;
  mutable std::optional<size_t> subject_sentence_;
};

}  // namespace newsmine
