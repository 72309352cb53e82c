// VoteExtractor: vote shares, turnout and poll figures reported in an article,
// with who they belong to, the election and its country.
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

class VoteExtractor {
 public:
  // Loads what the extractor needs from `data_dir` (corpus/data). `states`
  // must outlive the extractor. Returns kIoError / kCorrupt on failure.
  static Status Load(const std::string& data_dir, const StateGazetteer* states,
                     std::unique_ptr<VoteExtractor>* out);
  virtual ~VoteExtractor() = default;

  // The votes of `text`. `actors` are the document's actors (for linking
  // Vote::actor); it may be empty.
  virtual std::vector<Vote> Extract(const AnalyzedText& text, const Document& document,
                                    const std::vector<Actor>& actors) const = 0;
};

}  // namespace newsmine
