// VoteExtractor: vote shares, turnout and poll figures reported in an article,
// with who they belong to, the election and its country. docs/votes.md
// describes the rules.
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
  // Loads what the extractor needs from `data_dir` (corpus/data):
  // votes/subnational.tsv. `states` must outlive the extractor. Returns
  // kIoError (file unreadable) or kCorrupt (malformed line) naming the file.
  static Status Load(const std::string& data_dir, const StateGazetteer* states,
                     std::unique_ptr<VoteExtractor>* out);
  virtual ~VoteExtractor() = default;

  // The votes of `text` (the analysed document.text), in text order.
  // `actors` are the document's actors, for Vote::actor, the fullest name,
  // person/party and the country; it may be empty. `document.published`
  // dates "Monday's election". Never fails: no votes gives an empty list.
  virtual std::vector<Vote> Extract(const AnalyzedText& text, const Document& document,
                                    const std::vector<Actor>& actors) const = 0;
};

}  // namespace newsmine
