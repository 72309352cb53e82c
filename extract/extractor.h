// Extractor: Document -> Record. Owns the knowledge (gazetteer, dictionaries,
// lexicons) and the three extractors, and runs them in order: actors, then
// votes and states (which may use the actors).
//
// Thread-safety: after Load, Extract() may be called from many threads at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "extract/actors.h"
#include "extract/gazetteer.h"
#include "extract/record.h"
#include "extract/sentiment.h"
#include "extract/votes.h"
#include "ingest/document.h"

namespace newsmine {

struct ExtractorOptions {
  // The corpus/data folder. Empty: $NEWSMINE_DATA, else the folder compiled
  // in (the source tree's corpus/data).
  std::string data_dir;
  // Extra actor dictionaries in the Phoenix/PETRARCH format.
  std::vector<std::string> actor_dictionaries;
};

class Extractor {
 public:
  // Loads every knowledge file. Returns the first load error (naming the
  // file); *out is unchanged then.
  static Status Load(const ExtractorOptions& options, std::unique_ptr<Extractor>* out);

  // The record of one document. Never fails: a document with no text gives a
  // record with empty lists.
  Record Extract(const Document& document) const;
  // The same, taking the document's strings into the record instead of
  // copying them; *document is left with unspecified contents.
  Record Extract(Document&& document) const;

  const StateGazetteer& gazetteer() const { return gazetteer_; }

  // The data folder `options` resolves to.
  static std::string ResolveDataDir(const ExtractorOptions& options);

 private:
  Extractor() = default;
  StateGazetteer gazetteer_;
  std::unique_ptr<ActorExtractor> actors_;
  std::unique_ptr<VoteExtractor> votes_;
  std::unique_ptr<StateSentimentExtractor> states_;
};

}  // namespace newsmine
