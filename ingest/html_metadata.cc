#include "ingest/html_metadata.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <array>
#include <boost/regex.hpp>
#include <cstdio>
#include <vector>

#include "core/utf8.h"
#include "ingest/ascii.h"
#include "ingest/dates.h"
#include "ingest/html_arena.h"
#include "ingest/html_depth.h"
#include "ingest/html_dom.h"

namespace newsmine {
namespace {

// ---- title ----------------------------------------------------------------

std::vector<std::string> SplitTitle(const std::string& title) {
  static const boost::regex kSeparator(R"(\s+(?:\||-|–|—|::|·|»|/)\s+)");
  std::vector<std::string> parts;
  boost::sregex_token_iterator it(title.begin(), title.end(), kSeparator, -1), end;
  for (; it != end; ++it) {
    if (!it->str().empty()) parts.push_back(it->str());
  }
  return parts;
}

int WordCount(const std::string& text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Joins parts[begin, end) back with " - ".
std::string JoinParts(const std::vector<std::string>& parts, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) out += (i > begin ? " - " : "") + parts[i];
  return out;
}

// Drops the site's name from a page title: "Headline | Site" -> "Headline".
// The part dropped is the first or last one when it names the site, or else
// a short last part (at most three words) after a longer headline.
std::string CleanTitle(const std::string& raw, const std::string& site_name) {
  const std::string title = CollapseWhitespace(raw);
  const std::vector<std::string> parts = SplitTitle(title);
  if (parts.size() < 2) return title;
  const std::string site = AsciiLower(site_name);
  auto names_site = [&](const std::string& part) {
    const std::string lower = AsciiLower(part);
    return !site.empty() &&
           (lower == site || lower.find(site) != std::string::npos || site.find(lower) != std::string::npos);
  };
  if (names_site(parts.back())) return JoinParts(parts, 0, parts.size() - 1);
  if (names_site(parts.front())) return JoinParts(parts, 1, parts.size());
  if (WordCount(parts.back()) <= 3 && WordCount(parts.front()) > WordCount(parts.back())) {
    // Only the site suffix is separated; a dash inside the headline stays.
    const size_t cut = title.rfind(parts.back());
    std::string head = title.substr(0, cut);
    static const boost::regex kTrailingSeparator(R"(\s+(?:\||-|–|—|::|·|»|/)\s+$)");
    return boost::regex_replace(head, kTrailingSeparator, "");
  }
  return title;
}

// ---- language -------------------------------------------------------------

// "en-US", "en_GB", "EN" -> "en"; empty unless the primary subtag has two letters.
std::string LanguageCode(std::string_view tag) {
  std::string code;
  for (char c : tag) {
    if (c == '-' || c == '_' || c == ',' || c == ';' || c == ' ') break;
    code.push_back(c);
  }
  code = AsciiLower(code);
  if (code.size() != 2 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return {};
  return code;
}

// ---- JSON-LD --------------------------------------------------------------

struct JsonLdFacts {
  std::string headline, published, publisher, url, body, language;
};

std::string JsonString(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return {};
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return {};
  if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
  if (it->value.IsArray() && !it->value.Empty() && it->value[0].IsString()) return it->value[0].GetString();
  return {};
}

bool IsArticleType(const rapidjson::Value& object) {
  auto article = [](std::string_view type) {
    return type.ends_with("Article") || type == "BlogPosting" || type == "LiveBlogPosting" ||
           type == "Report";
  };
  auto it = object.FindMember("@type");
  if (it == object.MemberEnd()) return false;
  if (it->value.IsString()) return article(it->value.GetString());
  if (it->value.IsArray()) {
    for (const auto& t : it->value.GetArray()) {
      if (t.IsString() && article(t.GetString())) return true;
    }
  }
  return false;
}

std::string PublisherName(const rapidjson::Value& object) {
  auto it = object.FindMember("publisher");
  if (it == object.MemberEnd()) return {};
  const rapidjson::Value& publisher = it->value.IsArray() && !it->value.Empty()
                                          ? it->value[0]
                                          : static_cast<const rapidjson::Value&>(it->value);
  return publisher.IsString() ? std::string(publisher.GetString()) : JsonString(publisher, "name");
}

// Fills the facts still empty from `object`.
void TakeFacts(const rapidjson::Value& object, JsonLdFacts* facts) {
  auto fill = [](std::string* field, std::string value) {
    if (field->empty()) *field = std::move(value);
  };
  fill(&facts->headline, JsonString(object, "headline"));
  fill(&facts->published, JsonString(object, "datePublished"));
  fill(&facts->publisher, PublisherName(object));
  fill(&facts->url, JsonString(object, "url"));
  fill(&facts->body, JsonString(object, "articleBody"));
  fill(&facts->language, JsonString(object, "inLanguage"));
}

// Walks objects, arrays and @graph lists for article objects; nesting is
// bounded because JSON-LD article facts sit near the top.
void FindArticleFacts(const rapidjson::Value& value, int depth, JsonLdFacts* facts) {
  constexpr int kMaxJsonDepth = 8;
  if (depth > kMaxJsonDepth) return;
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) FindArticleFacts(item, depth + 1, facts);
    return;
  }
  if (!value.IsObject()) return;
  if (IsArticleType(value)) TakeFacts(value, facts);
  for (const auto& member : value.GetObject()) {
    if (member.value.IsObject() || member.value.IsArray()) FindArticleFacts(member.value, depth + 1, facts);
  }
}

void ParseJsonLd(std::string json, JsonLdFacts* facts) {
  // Pages often put raw line breaks inside JSON strings; as white space they
  // are harmless everywhere else.
  for (char& c : json) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseCommentsFlag |
            rapidjson::kParseTrailingCommasFlag | rapidjson::kParseNanAndInfFlag>(json.c_str());
  if (!doc.HasParseError()) FindArticleFacts(doc, 0, facts);
}

// Markup nested deeper than this makes the articleBody unusable as a hint.
constexpr int kMaxBodyDepth = 1000;

// articleBody sometimes carries markup or entities; parse it as HTML and keep the text.
std::string PlainText(const std::string& text) {
  if (text.find_first_of("<&") == std::string::npos) return CollapseWhitespace(text);
  if (EstimateHtmlDepth(text, kMaxBodyDepth) > kMaxBodyDepth) return {};
  HtmlArena arena;
  const GumboOptions options = arena.ParseOptions();
  const GumboOutput* output = gumbo_parse_with_options(&options, text.data(), text.size());
  return output ? HtmlNodeText(output->root) : std::string();
}

// ---- page walk ------------------------------------------------------------

struct PageFacts {
  std::string og_title, twitter_title, title_tag, h1, site_name, app_name;
  std::string meta_date, time_datetime, canonical, og_url, html_lang, meta_lang;
  JsonLdFacts json_ld;
};

bool IsDateMeta(const std::string& key) {
  static const std::array<std::string_view, 14> kKeys = {"article:published_time",
                                                         "og:published_time",
                                                         "datepublished",
                                                         "date",
                                                         "dc.date",
                                                         "dc.date.issued",
                                                         "dcterms.created",
                                                         "dcterms.date",
                                                         "pubdate",
                                                         "publishdate",
                                                         "publish-date",
                                                         "sailthru.date",
                                                         "parsely-pub-date",
                                                         "article.published"};
  return std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
}

void ReadMeta(const GumboNode* node, PageFacts* facts) {
  std::string key = AsciiLower(HtmlAttribute(node, "property"));
  if (key.empty()) key = AsciiLower(HtmlAttribute(node, "name"));
  if (key.empty()) key = AsciiLower(HtmlAttribute(node, "itemprop"));
  const std::string http_equiv = AsciiLower(HtmlAttribute(node, "http-equiv"));
  const std::string content = CollapseWhitespace(HtmlAttribute(node, "content"));
  if (content.empty()) return;
  auto fill = [&](std::string* field) {
    if (field->empty()) *field = content;
  };
  if (key == "og:title") fill(&facts->og_title);
  if (key == "twitter:title") fill(&facts->twitter_title);
  if (key == "og:site_name") fill(&facts->site_name);
  if (key == "application-name") fill(&facts->app_name);
  if (key == "og:url") fill(&facts->og_url);
  if (key == "og:locale" || key == "language" || key == "dc.language" || http_equiv == "content-language")
    fill(&facts->meta_lang);
  if (IsDateMeta(key) && !FindDate(content).empty()) fill(&facts->meta_date);
}

void ReadElement(const GumboNode* node, PageFacts* facts) {
  switch (node->v.element.tag) {
    case GUMBO_TAG_HTML:
      if (facts->html_lang.empty()) facts->html_lang = HtmlAttribute(node, "lang");
      break;
    case GUMBO_TAG_META:
      ReadMeta(node, facts);
      break;
    case GUMBO_TAG_TITLE:
      if (facts->title_tag.empty()) facts->title_tag = HtmlNodeText(node);
      break;
    case GUMBO_TAG_H1:
      if (facts->h1.empty()) facts->h1 = HtmlNodeText(node);
      break;
    case GUMBO_TAG_LINK:
      if (facts->canonical.empty() && AsciiLower(HtmlAttribute(node, "rel")) == "canonical")
        facts->canonical = HtmlAttribute(node, "href");
      break;
    case GUMBO_TAG_TIME:
      if (facts->time_datetime.empty()) facts->time_datetime = HtmlAttribute(node, "datetime");
      break;
    case GUMBO_TAG_SCRIPT:
      if (AsciiLower(HtmlAttribute(node, "type")) == "application/ld+json" &&
          node->v.element.children.length > 0) {
        const auto* text = static_cast<const GumboNode*>(node->v.element.children.data[0]);
        if (text->type == GUMBO_NODE_TEXT) ParseJsonLd(text->v.text.text, &facts->json_ld);
      }
      break;
    default:
      break;
  }
}

std::string FirstNonEmpty(std::initializer_list<const std::string*> candidates) {
  for (const std::string* c : candidates) {
    if (!c->empty()) return *c;
  }
  return {};
}

}  // namespace

void ExtractHtmlMetadata(const GumboNode* root, HtmlMetadata* out) {
  PageFacts facts;
  ForEachHtmlElement(root, [&](const GumboNode* node) {
    ReadElement(node, &facts);
    return node->v.element.tag != GUMBO_TAG_SVG;
  });
  const JsonLdFacts& ld = facts.json_ld;
  out->source_name = FirstNonEmpty({&facts.site_name, &ld.publisher, &facts.app_name});
  out->title = CleanTitle(
      FirstNonEmpty({&facts.og_title, &facts.twitter_title, &ld.headline, &facts.title_tag, &facts.h1}),
      out->source_name);
  out->canonical_url = FirstNonEmpty({&facts.canonical, &facts.og_url, &ld.url});
  out->published = FindDate(ld.published);
  if (out->published.empty()) out->published = FindDate(facts.meta_date);
  if (out->published.empty()) out->published = FindDate(facts.time_datetime);
  if (out->published.empty()) out->published = DateFromUrl(out->canonical_url);
  for (const std::string* lang :
       std::initializer_list<const std::string*>{&facts.html_lang, &facts.meta_lang, &ld.language}) {
    out->language = LanguageCode(*lang);
    if (!out->language.empty()) break;
  }
  out->json_ld_body = PlainText(ld.body);
}

}  // namespace newsmine
