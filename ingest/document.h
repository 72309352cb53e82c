// The two values that flow out of ingest.
//
// RawDocument: one document's bytes as found in an input (a file, a JSON-lines
// line, a WARC record, a fetched URL), before decoding, plus whatever the
// container said about it. Readers produce these, one thread.
//
// Document: the same document decoded to UTF-8, reduced to the article's own
// text (page furniture removed), with its metadata. BuildDocument()
// (document_builder.h) turns one into the other and may run on any thread.
#pragma once

#include <cstdint>
#include <string>

namespace newsmine {

// How the bytes of a RawDocument are to be read. kUnknown lets the builder
// sniff the content.
enum class PayloadKind { kUnknown, kText, kHtml };

struct RawDocument {
  // Where it came from: a file path, a URL, or "<archive uri>#<member id>".
  std::string uri;
  // The undecoded payload.
  std::string bytes;
  PayloadKind kind = PayloadKind::kUnknown;
  // Charset declared by the container (HTTP Content-Type, WARC headers), or
  // empty. It wins over what the bytes themselves declare.
  std::string declared_charset;
  // Metadata the container already gave (JSON-lines fields, feed items).
  // Empty when unknown; the builder fills what it can find in the content.
  std::string title;
  std::string published;  // ISO 8601 date or date-time
  std::string url;
  std::string source_name;
  // Position of the document in the whole run (0, 1, 2, ...): readers number
  // documents in input order so that output order is deterministic.
  uint64_t ordinal = 0;
  // Not 0 for a JSON-lines line left unparsed (ReaderOptions::
  // defer_json_parse, ParseJsonLine): its number in the input. `bytes` is
  // then the line and `uri` the input's uri; the other fields are empty.
  uint64_t json_line_number = 0;

  // Empties every field as a new RawDocument has them, keeping the strings'
  // capacity: a reader refills a document already processed without
  // allocating (see RawDocumentSink::NewDocument).
  void Clear() {
    uri.clear();
    bytes.clear();
    kind = PayloadKind::kUnknown;
    declared_charset.clear();
    title.clear();
    published.clear();
    url.clear();
    source_name.clear();
    ordinal = 0;
    json_line_number = 0;
  }
};

struct Document {
  std::string uri;  // as in RawDocument
  std::string url;  // canonical URL when known
  std::string title;
  std::string published;    // ISO 8601 or empty
  std::string source_name;  // "Euobserver"; empty when unknown
  std::string language;     // ISO 639-1 ("en"), empty when unknown
  std::string text;         // main text, UTF-8, paragraphs separated by "\n\n"
  uint64_t ordinal = 0;
  // How many invalid byte sequences were replaced with U+FFFD while decoding.
  size_t repaired_bytes = 0;
};

}  // namespace newsmine
