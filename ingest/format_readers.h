// The readers of the multi-document formats (WARC, JSON lines), and the
// context through which they hand documents to the reader (reader.h).
//
// Thread-safety: none; a context and the readers run on the reader thread.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "ingest/byte_stream.h"
#include "ingest/document.h"
#include "ingest/reader.h"

namespace newsmine {

// "<input uri>#<member id>": the uri of a member of an archive (a WARC record,
// a JSON line).
inline std::string MemberUri(std::string_view input_uri, std::string_view member_id) {
  std::string member_uri;
  member_uri.reserve(input_uri.size() + 1 + member_id.size());
  return member_uri.append(input_uri).append(1, '#').append(member_id);
}

// One input being read: where its documents go and how they are counted.
class InputContext {
 public:
  InputContext(std::string uri, const ReaderOptions& options, RawDocumentSink* sink, ReadSummary* summary)
      : uri_(std::move(uri)), options_(options), sink_(sink), summary_(summary) {}

  // The input's uri; members are "<uri>#<member id>".
  const std::string& uri() const { return uri_; }
  std::string MemberUri(std::string_view member_id) const { return newsmine::MemberUri(uri_, member_id); }
  const ReaderOptions& options() const { return options_; }

  // An empty document to fill and pass to Emit (RawDocumentSink::NewDocument).
  RawDocument NewDocument() { return sink_->NewDocument(); }
  // Passes a document on and counts it. Returns false when reading this
  // input must stop: the sink asked to stop the run (cancelled()), or the
  // input holds more than max_documents_per_input documents (over_limit()).
  bool Emit(RawDocument&& document);
  // Reports a member that could not be read, and counts it.
  void Reject(const std::string& uri, const Status& status);
  // Counts a WARC payload that is neither text nor HTML.
  void SkipNonHtml() { ++summary_->skipped_non_html; }
  bool cancelled() const { return cancelled_; }
  bool over_limit() const { return over_limit_; }

 private:
  std::string uri_;
  const ReaderOptions& options_;
  RawDocumentSink* sink_;
  ReadSummary* summary_;
  size_t emitted_ = 0;
  bool cancelled_ = false;
  bool over_limit_ = false;
};

// Reads WARC 1.0/1.1 records from `in` (already decompressed). Response,
// resource and conversion records become documents (HTTP headers parsed;
// chunked and gzip HTTP bodies decoded; non-2xx responses dropped); other
// record types are skipped. A record larger than max_document_bytes is
// rejected and skipped without being buffered. Returns OK at the end of the
// input, or the error that stopped it (a truncated record, a damaged header,
// a stream error): the records before it have been emitted.
Status ReadWarc(BufferedStream* in, InputContext* context);

// Reads JSON lines: one document object a line (field mapping in
// docs/ingest.md). A line that is not a JSON object, has no text, or is
// longer than max_document_bytes is rejected (a long line without being
// buffered whole) and reading goes on. Returns OK at the end of the input, or
// the stream error that stopped it.
Status ReadJsonLines(BufferedStream* in, InputContext* context);

}  // namespace newsmine
