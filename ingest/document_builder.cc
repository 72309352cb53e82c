#include "ingest/document_builder.h"

#include <string_view>

#include "core/utf8.h"
#include "ingest/ascii.h"
#include "ingest/charset.h"
#include "ingest/dates.h"
#include "ingest/html_article.h"
#include "ingest/language.h"
#include "ingest/plain_text.h"

namespace newsmine {
namespace {

// The decoded text of a larger document is not kept for the next one.
constexpr size_t kMaxKeptDecodedBytes = size_t{1} << 20;

// True when decoded text starts like an HTML page or fragment.
bool LooksLikeHtml(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n\f");
  if (first == std::string_view::npos || text[first] != '<') return false;
  const std::string head = AsciiLower(text.substr(first, 1024));
  for (const char* tag : {"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>",
                          "<p ", "<article", "<!--", "<?xml"}) {
    if (head.find(tag) != std::string::npos) return true;
  }
  return false;
}

// Container metadata wins; the content fills what the container left empty.
const std::string& Prefer(const std::string& container, const std::string& content) {
  return container.empty() ? content : container;
}

Status BuildFromHtml(const RawDocument& raw, std::string_view html, const BuildOptions& options,
                     Document* doc) {
  HtmlOptions html_options;
  html_options.max_depth = options.max_html_depth;
  HtmlArticle article;
  Status s = ExtractHtmlArticle(html, html_options, &article);
  if (!s.ok()) return s;
  doc->text = std::move(article.text);
  doc->title = CollapseWhitespace(Prefer(raw.title, article.title));
  doc->published = Prefer(raw.published, article.published);
  doc->url = Prefer(raw.url, article.canonical_url);
  doc->source_name = Prefer(raw.source_name, article.source_name);
  doc->language = article.language;
  return Status::Ok();
}

void BuildFromText(const RawDocument& raw, std::string_view text, Document* doc) {
  PlainTextArticle article = ExtractPlainTextArticle(text, raw.title);
  doc->text = std::move(article.text);
  // The given title collapsed, or else a headline found in the text.
  doc->title = std::move(article.title);
  doc->published = Prefer(raw.published, article.published);
  doc->url = raw.url;
  doc->source_name = Prefer(raw.source_name, article.source_name);
}

}  // namespace

Status BuildDocument(const RawDocument& raw, const BuildOptions& options, Document* out) {
  if (raw.bytes.size() > options.max_document_bytes) {
    return Status::LimitExceeded("document of " + std::to_string(raw.bytes.size()) +
                                 " bytes is larger than " + std::to_string(options.max_document_bytes));
  }
  // Built in place: every field is assigned below (the language by the
  // HTML path or DetectLanguage), none moved over from a local.
  Document& doc = *out;
  doc.uri = raw.uri;
  doc.ordinal = raw.ordinal;
  doc.language.clear();
  // The decoded bytes are needed only while the document is built: each
  // thread keeps the buffer from one document to the next, unless a huge
  // document made it large. Valid UTF-8, as most documents are, is read
  // where it lies, not copied there.
  thread_local std::string decoded;
  if (decoded.capacity() > kMaxKeptDecodedBytes) decoded = std::string();
  std::string_view utf8;
  Status s = DecodeToUtf8View(raw.bytes, raw.declared_charset, &decoded, &utf8, &doc.repaired_bytes);
  if (!s.ok()) return s;
  const bool html =
      raw.kind == PayloadKind::kHtml || (raw.kind == PayloadKind::kUnknown && LooksLikeHtml(utf8));
  if (html) {
    s = BuildFromHtml(raw, utf8, options, &doc);
    if (!s.ok()) return s;
  } else {
    BuildFromText(raw, utf8, &doc);
  }
  // Most containers' dates are normalized already (JSON lines are read so).
  if (!IsNormalDate(doc.published)) {
    if (std::string iso = NormalizeDate(doc.published); !iso.empty()) doc.published = std::move(iso);
  }
  if (doc.language.empty()) doc.language = DetectLanguage(doc.text);
  return Status::Ok();
}

}  // namespace newsmine
