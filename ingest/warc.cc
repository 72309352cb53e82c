#include <algorithm>
#include <cctype>
#include <map>

#include "ingest/ascii.h"
#include "ingest/format_readers.h"

namespace newsmine {
namespace {

constexpr size_t kMaxHeaderLineBytes = 64 << 10;
constexpr size_t kMaxHeaderLines = 1000;

// Header names lower-cased; a repeated header keeps its first value.
using Headers = std::map<std::string, std::string>;

// Parses "Name: value" lines (folded continuation lines joined).
void ParseHeaderLine(std::string_view line, Headers* headers, std::string* last_name) {
  if ((line.starts_with(' ') || line.starts_with('\t')) && !last_name->empty()) {
    (*headers)[*last_name] += " " + std::string(TrimAscii(line));
    return;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  *last_name = AsciiLower(TrimAscii(line.substr(0, colon)));
  headers->emplace(*last_name, TrimAscii(line.substr(colon + 1)));
}

struct ContentType {
  std::string mime;     // lower-cased, without parameters
  std::string charset;  // the charset parameter, or ""
};

ContentType ParseContentType(std::string_view value) {
  ContentType type;
  const std::string lower = AsciiLower(value);
  type.mime = TrimAscii(std::string_view(lower).substr(0, lower.find(';')));
  const size_t at = lower.find("charset=");
  if (at != std::string::npos) {
    std::string charset(TrimAscii(std::string_view(lower).substr(at + 8, lower.find(';', at) - at - 8)));
    charset.erase(std::remove(charset.begin(), charset.end(), '"'), charset.end());
    type.charset = charset;
  }
  return type;
}

// The payload kind for a MIME type; false for a type that is not a document.
bool KindOfMime(const std::string& mime, PayloadKind* kind) {
  if (mime.empty()) {
    *kind = PayloadKind::kUnknown;
  } else if (mime == "text/html" || mime == "application/xhtml+xml") {
    *kind = PayloadKind::kHtml;
  } else if (mime == "text/plain") {
    *kind = PayloadKind::kText;
  } else {
    return false;
  }
  return true;
}

// Decodes an HTTP chunked body; returns it unchanged when it is not well formed.
std::string Dechunk(const std::string& body) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t eol = body.find('\n', pos);
    if (eol == std::string::npos) return body;
    size_t size = 0;
    try {
      size = std::stoul(body.substr(pos, eol - pos), nullptr, 16);
    } catch (const std::exception&) {
      return body;
    }
    pos = eol + 1;
    if (size == 0) return out;
    if (pos + size > body.size()) return body;
    out.append(body, pos, size);
    pos += size;
    while (pos < body.size() && (body[pos] == '\r' || body[pos] == '\n')) ++pos;
  }
}

// Inflates a gzip-encoded HTTP body within the reader's limits.
Status Gunzip(const std::string& body, const ReaderOptions& options, std::string* out) {
  BufferedStream in(NewGzipStream(NewStringStream(body), options.max_compression_ratio));
  bool more = false;
  Status s = in.ReadUpTo(options.max_document_bytes, out, &more);
  if (s.ok() && more) s = Status::LimitExceeded("decompressed HTTP body larger than max_document_bytes");
  return s;
}

// Outcome of looking at one record's block.
enum class Payload { kDocument, kNotADocument, kNotHtml };

// Splits an HTTP response into headers and body and fills `doc` from them.
Payload ReadHttpResponse(const std::string& block, const ReaderOptions& options, RawDocument* doc,
                         Status* error) {
  size_t header_end = block.find("\r\n\r\n");
  size_t body_start = header_end + 4;
  if (header_end == std::string::npos) {
    header_end = block.find("\n\n");
    body_start = header_end + 2;
  }
  if (header_end == std::string::npos) return Payload::kNotADocument;
  const std::string_view head = std::string_view(block).substr(0, header_end);
  const size_t first_eol = head.find('\n');
  const std::string_view status_line = TrimAscii(head.substr(0, first_eol));
  const size_t space = status_line.find(' ');
  if (!status_line.starts_with("HTTP/") || space == std::string::npos || status_line[space + 1] != '2') {
    return Payload::kNotADocument;  // redirects and errors carry no article
  }
  Headers headers;
  std::string last_name;
  for (size_t pos = first_eol; pos != std::string_view::npos && pos < head.size();) {
    const size_t eol = head.find('\n', pos + 1);
    ParseHeaderLine(
        head.substr(pos + 1, eol == std::string_view::npos ? std::string_view::npos : eol - pos - 1),
        &headers, &last_name);
    pos = eol;
  }
  const ContentType type = ParseContentType(headers["content-type"]);
  if (!KindOfMime(type.mime, &doc->kind)) return Payload::kNotHtml;
  doc->declared_charset = type.charset;
  doc->bytes = block.substr(std::min(body_start, block.size()));
  if (AsciiLower(headers["transfer-encoding"]).find("chunked") != std::string::npos)
    doc->bytes = Dechunk(doc->bytes);
  const std::string encoding = AsciiLower(headers["content-encoding"]);
  if (encoding == "gzip" || encoding == "x-gzip") {
    std::string inflated;
    *error = Gunzip(doc->bytes, options, &inflated);
    doc->bytes = std::move(inflated);
  }
  return Payload::kDocument;
}

Status ReadHeaders(BufferedStream* in, Headers* headers) {
  std::string line, last_name;
  for (size_t count = 0; count < kMaxHeaderLines; ++count) {
    bool too_long = false, at_end = false;
    Status s = in->ReadLine(kMaxHeaderLineBytes, &line, &too_long, &at_end);
    if (!s.ok()) return s;
    if (at_end) return Status::Corrupt("truncated WARC header");
    if (too_long) return Status::Corrupt("WARC header line longer than 64 KiB");
    if (TrimAscii(line).empty()) return Status::Ok();
    ParseHeaderLine(line, headers, &last_name);
  }
  return Status::Corrupt("WARC header with more than 1000 lines");
}

std::string RecordId(const Headers& headers, uint64_t offset) {
  const auto it = headers.find("warc-record-id");
  if (it == headers.end() || it->second.empty()) return "offset-" + std::to_string(offset);
  std::string id = it->second;
  if (id.starts_with('<') && id.ends_with('>')) id = id.substr(1, id.size() - 2);
  return id;
}

}  // namespace

Status ReadWarc(BufferedStream* in, InputContext* context) {
  const ReaderOptions& options = context->options();
  std::string line;
  for (;;) {
    bool too_long = false, at_end = false;
    do {  // records are separated by blank lines
      Status s = in->ReadLine(kMaxHeaderLineBytes, &line, &too_long, &at_end);
      if (!s.ok()) return s;
      if (at_end) return Status::Ok();
    } while (!too_long && TrimAscii(line).empty());
    const uint64_t offset = in->offset();
    if (too_long || !line.starts_with("WARC/")) {
      return Status::Corrupt("expected a WARC record header before byte " + std::to_string(offset));
    }
    Headers headers;
    Status s = ReadHeaders(in, &headers);
    if (!s.ok()) return s;
    const std::string member_uri = context->MemberUri(RecordId(headers, offset));
    uint64_t length = 0;
    try {
      length = std::stoull(headers["content-length"]);
    } catch (const std::exception&) {
      return Status::Corrupt("WARC record " + member_uri + " has no valid Content-Length");
    }
    const std::string type = AsciiLower(headers["warc-type"]);
    const bool wanted = type == "response" || type == "resource" || type == "conversion";
    if (!wanted || length > options.max_document_bytes) {
      uint64_t skipped = 0;
      s = in->Skip(length, &skipped);
      if (!s.ok()) return s;
      if (skipped < length) return Status::Corrupt("truncated WARC record " + member_uri);
      if (wanted) {
        context->Reject(member_uri, Status::LimitExceeded("WARC record of " + std::to_string(length) +
                                                          " bytes is larger than max_document_bytes"));
      }
      continue;
    }
    std::string block;
    size_t got = 0;
    s = in->Read(static_cast<size_t>(length), &block, &got);
    if (!s.ok()) return s;
    if (got < length) {
      return Status::Corrupt("truncated WARC record " + member_uri + ": " + std::to_string(got) + " of " +
                             std::to_string(length) + " bytes");
    }
    RawDocument doc;
    doc.uri = member_uri;
    doc.url = headers["warc-target-uri"];
    const ContentType warc_type = ParseContentType(headers["content-type"]);
    Payload payload = Payload::kDocument;
    Status body_status;
    // Some writers leave out the record's Content-Type; the status line tells.
    const bool http =
        warc_type.mime == "application/http" || (warc_type.mime.empty() && block.starts_with("HTTP/"));
    if (type == "response" && http) {
      payload = ReadHttpResponse(block, options, &doc, &body_status);
    } else if (KindOfMime(warc_type.mime, &doc.kind)) {
      doc.declared_charset = warc_type.charset;
      doc.bytes = std::move(block);
    } else {
      payload = Payload::kNotHtml;
    }
    if (payload == Payload::kNotHtml) context->SkipNonHtml();
    if (payload != Payload::kDocument) continue;
    if (!body_status.ok()) {
      context->Reject(member_uri, body_status);
    } else if (!context->Emit(std::move(doc))) {
      return Status::Ok();
    }
  }
}

}  // namespace newsmine
