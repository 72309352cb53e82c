#include "extract/extractor.h"

#include <cstdlib>

#include "extract/text.h"

namespace newsmine {

std::string Extractor::ResolveDataDir(const ExtractorOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  if (const char* env = std::getenv("NEWSMINE_DATA"); env && *env) return env;
  return NEWSMINE_DATA_DIR;
}

Status Extractor::Load(const ExtractorOptions& options, std::unique_ptr<Extractor>* out) {
  const std::string data_dir = ResolveDataDir(options);
  std::unique_ptr<Extractor> extractor(new Extractor());
  Status s = extractor->gazetteer_.LoadFile(data_dir + "/countries/states.tsv");
  if (!s.ok()) return s;
  s = ActorExtractor::Load(data_dir, options.actor_dictionaries, &extractor->gazetteer_, &extractor->actors_);
  if (!s.ok()) return s;
  s = VoteExtractor::Load(data_dir, &extractor->gazetteer_, &extractor->votes_);
  if (!s.ok()) return s;
  s = StateSentimentExtractor::Load(data_dir, &extractor->gazetteer_, &extractor->states_);
  if (!s.ok()) return s;
  *out = std::move(extractor);
  return Status::Ok();
}

Record Extractor::Extract(const Document& document) const { return Extract(Document(document)); }

Record Extractor::Extract(Document&& document) const {
  Record record;
  record.id = RecordIdForText(document.text);
  {
    const AnalyzedText text(document.text);
    record.actors = actors_->Extract(text, document);
    record.votes = votes_->Extract(text, document, record.actors);
    record.states = states_->Extract(text, document, record.actors);
  }
  // The extractors are done with the document: its strings move into the
  // record rather than being copied (a text-sized copy and an allocation
  // each).
  record.source_uri = std::move(document.uri);
  record.source_name = std::move(document.source_name);
  record.url = std::move(document.url);
  record.title = std::move(document.title);
  record.published = std::move(document.published);
  record.language = std::move(document.language);
  record.text = std::move(document.text);
  return record;
}

}  // namespace newsmine
