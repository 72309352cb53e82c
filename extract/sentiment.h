// StateSentimentExtractor: every state an article refers to (by name, demonym,
// capital, seat of power or government), with the sentiment the article
// expresses toward it and the sentences that carry it.
//
// The default method scores words with a lexicon under VADER's rules and
// gives each word to the state it is about, not to the state that voices it
// (state_roles.h); a state's sentiment is the balance of its sentences. The
// baseline method, kept for comparison, averages plain VADER scores of the
// sentences that mention the state. docs/sentiment.md has the details and
// the label thresholds.
//
// Thread-safety: Extract() is const and may run on many threads at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "extract/gazetteer.h"
#include "extract/record.h"
#include "extract/text.h"
#include "ingest/document.h"

namespace newsmine {

enum class SentimentMethod {
  kTargeted,          // word-level attribution to the target state
  kSentenceBaseline,  // mean VADER compound of the sentences mentioning the state
};

class StateSentimentExtractor {
 public:
  // Loads lexicons from `data_dir` (corpus/data): lexicons/vader_lexicon.txt,
  // then lexicons/political_lexicon.tsv. `states` must outlive the extractor.
  // Returns kIoError / kCorrupt naming the file on failure; *out is unchanged then.
  static Status Load(const std::string& data_dir, const StateGazetteer* states,
                     std::unique_ptr<StateSentimentExtractor>* out);
  // The same with a chosen method.
  static Status Load(const std::string& data_dir, const StateGazetteer* states, SentimentMethod method,
                     std::unique_ptr<StateSentimentExtractor>* out);
  virtual ~StateSentimentExtractor() = default;

  // The states of `text`, in order of first mention. `actors` are the
  // document's actors (leaders can stand for their state); may be empty.
  virtual std::vector<StateMention> Extract(const AnalyzedText& text, const Document& document,
                                            const std::vector<Actor>& actors) const = 0;
};

// How the targeted method labels a state (docs/sentiment.md). Over the n
// sentences that refer to it, P and N are the sums of its positive and of
// its negative sentence scores (the evidence each way), and sentiment =
// (P - N) / sqrt(n + 1), clamped to [-1, 1]. The label is mixed when P and N
// both reach kMixedMass and the smaller is at least kMixedBalance of the
// larger; else negative at or below -kLabelThreshold, positive at or above
// it, neutral between.
inline constexpr double kLabelThreshold = 0.3;
inline constexpr double kMixedMass = 0.5;
inline constexpr double kMixedBalance = 0.5;

}  // namespace newsmine
