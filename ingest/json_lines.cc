#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <initializer_list>
#include <memory>

#include "ingest/dates.h"
#include "ingest/flat_json.h"
#include "ingest/format_readers.h"

namespace newsmine {
namespace {

// The first of `names` that holds a non-empty string (or a number, for ids),
// or "". A number is formatted into *number, which the view then points into.
std::string_view FirstString(const rapidjson::Value& object, std::initializer_list<std::string_view> names,
                             std::string* number) {
  for (const std::string_view name : names) {
    const auto it = object.FindMember(rapidjson::StringRef(name.data(), name.size()));
    if (it == object.MemberEnd()) continue;
    const rapidjson::Value& v = it->value;
    if (v.IsString() && v.GetStringLength() > 0) return std::string_view(v.GetString(), v.GetStringLength());
    if (v.IsInt64()) return *number = std::to_string(v.GetInt64());
    if (v.IsUint64()) return *number = std::to_string(v.GetUint64());
    // NewsAPI-style {"source": {"id": ..., "name": "BBC News"}}.
    if (v.IsObject()) {
      const std::string_view nested = FirstString(v, {"name", "title"}, number);
      if (!nested.empty()) return nested;
    }
  }
  return {};
}

// Sets *field to `value` (never a view into *field), keeping its capacity:
// clear() and append() copy at once, where assign() first checks whether
// `value` lies inside *field.
void Refill(std::string* field, std::string_view value) {
  field->clear();
  field->append(value);
}

// Fills *out and *member_id from a JSON object, whatever parsed it:
// `first_string(names)` is a view of the first of `names` that holds a
// non-empty string (or a number, for ids), or "", valid until the parser's
// next line. The fields are assigned, so that they keep their capacity.
// Returns kCorrupt when it has no text.
template <typename FirstStringOf>
Status MapFields(const FirstStringOf& first_string, RawDocument* out, std::string_view* member_id) {
  // Plain-text bodies first: they are the exporters' extracted main text.
  Refill(&out->bytes, first_string({"text", "maintext", "content", "body", "article", "article_text",
                                    "full_text", "fulltext", "raw_text"}));
  out->kind = PayloadKind::kText;
  if (out->bytes.empty()) {
    Refill(&out->bytes, first_string({"html", "raw_html", "content_html", "html_content", "body_html"}));
    out->kind = PayloadKind::kHtml;
  }
  if (out->bytes.empty()) {
    return Status::Corrupt("no text in the JSON object (text, maintext, content, body, html, ...)");
  }
  Refill(&out->declared_charset, "utf-8");  // JSON strings are Unicode
  Refill(&out->title, first_string({"title", "headline", "title_page", "title_rss"}));
  out->published = NormalizeDate(
      first_string({"published", "date_publish", "published_at", "publishedAt", "date_published",
                    "datePublished", "publish_date", "pubdate", "pub_date", "date"}));
  Refill(&out->url, first_string({"url", "link", "canonical_url", "source_url"}));
  Refill(&out->source_name, first_string({"source_name", "site_name", "sitename", "source", "publisher",
                                          "source_domain", "domain"}));
  *member_id = first_string({"id", "_id", "uuid", "doc_id"});
  if (member_id->empty()) *member_id = out->url;
  return Status::Ok();
}

// Parses JSON lines. A flat object of strings, what most dumps hold, goes
// through FlatJsonObject; anything else through RapidJSON, in place, reusing
// its memory from line to line: the strings are unescaped where they lie in
// the line, and the DOM's nodes come from one arena that is reset, not
// freed, between lines.
class JsonLineParser {
 public:
  JsonLineParser() : allocator_(arena_, sizeof arena_) {}

  // ParseJsonLine (reader.h).
  Status ParseLine(RawDocument* document) {
    // The line moves into line_, and the fields are assigned into the
    // document's strings: the line's buffer and the document's are both
    // reused, line after line, whichever thread they come from.
    line_.swap(document->bytes);
    document->bytes.clear();
    const uint64_t number = document->json_line_number;
    document->json_line_number = 0;
    return ParseLine(line_, number, document);
  }

  // Fills *document from `line`, the JSON line numbered `number` of the
  // input document->uri names, as ParseJsonLine does.
  Status ParseLine(std::string_view line, uint64_t number, RawDocument* document) {
    std::string_view member_id;
    const Status s = Parse(line, document, &member_id);
    // document->uri is the input's; a line is named by its id, or by its
    // number when it has none (or fails).
    std::string& uri = document->uri;
    uri.push_back('#');
    if (s.ok() && !member_id.empty()) {
      uri.append(member_id);
    } else {
      uri.append(std::to_string(number));
    }
    // One very long line must not keep its memory for the rest of the run.
    if (line_.capacity() > kKeptLineBytes) line_ = std::string();
    if (!s.ok()) return Status::Corrupt("JSON line " + std::to_string(number) + ": " + s.message());
    return Status::Ok();
  }

 private:
  static constexpr size_t kKeptLineBytes = 1 << 20;

  // Maps the JSON document object in `line` to *out (bytes, kind, title,
  // published, url, source_name) and sets *member_id to its id, url, or ""
  // when it has neither. May overwrite line_. Returns kCorrupt when the line
  // is not a JSON object or has no text.
  Status Parse(std::string_view line, RawDocument* out, std::string_view* member_id) {
    if (flat_.Parse(line)) {
      const auto first_string = [&](std::initializer_list<std::string_view> names) {
        for (const std::string_view name : names) {
          const std::string_view* value = flat_.Find(name);
          if (value != nullptr && !value->empty()) return *value;
        }
        return std::string_view();
      };
      return MapFields(first_string, out, member_id);
    }
    // RapidJSON parses in place, in line_.
    if (line.data() != line_.data()) line_.assign(line);
    allocator_.Clear();
    rapidjson::Document json(&allocator_);
    json.ParseInsitu(line_.data());
    if (json.HasParseError()) {
      return Status::Corrupt(std::string("not JSON: ") + rapidjson::GetParseError_En(json.GetParseError()) +
                             " at column " + std::to_string(json.GetErrorOffset() + 1));
    }
    if (!json.IsObject()) return Status::Corrupt("not a JSON object");
    return MapFields(
        [&](std::initializer_list<std::string_view> names) { return FirstString(json, names, &number_); },
        out, member_id);
  }

  std::string line_;
  FlatJsonObject flat_;
  std::string number_;    // a numeric id, formatted
  char arena_[16 << 10];  // enough for a typical document object's nodes
  rapidjson::MemoryPoolAllocator<> allocator_;
};

// Each thread parses with its own buffers, reused from line to line.
JsonLineParser& ThreadParser() {
  thread_local const auto parser = std::make_unique<JsonLineParser>();
  return *parser;
}

}  // namespace

Status ParseJsonLine(RawDocument* document) { return ThreadParser().ParseLine(document); }

Status ReadJsonLines(BufferedStream* in, InputContext* context) {
  const size_t max_bytes = context->options().max_document_bytes;
  RawDocument document = context->NewDocument();
  for (uint64_t number = 1;; ++number) {
    std::string_view line;  // in the stream's buffer
    bool too_long = false, at_end = false;
    Status s = in->ReadLine(max_bytes, &line, &too_long, &at_end);
    if (!s.ok()) return s;
    if (at_end) return Status::Ok();
    if (too_long) {
      context->Reject(context->MemberUri(std::to_string(number)),
                      Status::LimitExceeded("JSON line " + std::to_string(number) + " is longer than " +
                                            std::to_string(max_bytes) + " bytes"));
      continue;
    }
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // a UTF-8 byte-order mark
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Refill(&document.uri, context->uri());
    if (context->options().defer_json_parse) {
      document.bytes.assign(line);
      document.json_line_number = number;
    } else if (s = ThreadParser().ParseLine(line, number, &document); !s.ok()) {
      context->Reject(document.uri, s);
      document.Clear();
      continue;
    }
    if (!context->Emit(std::move(document))) return Status::Ok();
    document = context->NewDocument();
  }
}

}  // namespace newsmine
