// StateSentimentExtractor: every state an article refers to (by name, demonym,
// capital, seat of power or government), with the sentiment the article
// expresses toward it and the sentences that carry it.
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

class StateSentimentExtractor {
 public:
  // Loads lexicons from `data_dir` (corpus/data). `states` must outlive the
  // extractor. Returns kIoError / kCorrupt naming the file on failure.
  static Status Load(const std::string& data_dir, const StateGazetteer* states,
                     std::unique_ptr<StateSentimentExtractor>* out);
  virtual ~StateSentimentExtractor() = default;

  // The states of `text`, in order of first mention. `actors` are the
  // document's actors (leaders can stand for their state); may be empty.
  virtual std::vector<StateMention> Extract(const AnalyzedText& text, const Document& document,
                                            const std::vector<Actor>& actors) const = 0;
};

}  // namespace newsmine
