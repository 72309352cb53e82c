// ActorExtractor: people and organisations named in an article, one entry per
// actor under its fullest name, with mentions, roles and state affiliation.
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

class ActorExtractor {
 public:
  // Loads the actor knowledge from `data_dir` (corpus/data) plus the user's
  // Phoenix-format dictionaries in `user_dictionaries`. `states` must outlive
  // the extractor. Returns kIoError / kCorrupt naming the file on failure.
  static Status Load(const std::string& data_dir, const std::vector<std::string>& user_dictionaries,
                     const StateGazetteer* states, std::unique_ptr<ActorExtractor>* out);
  virtual ~ActorExtractor() = default;

  // The actors of `text` (the analysed document.text), in order of first
  // mention.
  virtual std::vector<Actor> Extract(const AnalyzedText& text, const Document& document) const = 0;
};

}  // namespace newsmine
