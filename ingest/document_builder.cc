// PLACEHOLDER first version: UTF-8 text, first line as title. Replaced by the
// archive formats and furniture work (issue 3).
#include "ingest/document_builder.h"

#include "core/utf8.h"

namespace newsmine {

Status BuildDocument(const RawDocument& raw, const BuildOptions& options, Document* out) {
  if (raw.bytes.size() > options.max_document_bytes) return Status::LimitExceeded("document too large");
  Document doc;
  doc.uri = raw.uri;
  doc.ordinal = raw.ordinal;
  doc.text = RepairUtf8(raw.bytes, &doc.repaired_bytes);
  const size_t eol = doc.text.find('\n');
  doc.title = raw.title.empty() ? CollapseWhitespace(doc.text.substr(0, eol)) : raw.title;
  doc.published = raw.published;
  doc.url = raw.url;
  doc.source_name = raw.source_name;
  *out = std::move(doc);
  return Status::Ok();
}

}  // namespace newsmine
