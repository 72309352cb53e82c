// ExtractHtmlMetadata: the metadata of a parsed news page — title, publishing
// date, source name, canonical URL, language — and the article text a
// schema.org JSON-LD block declares (articleBody), which the main-text
// extraction uses as a hint.
//
// Thread-safety: a pure function over a tree the caller owns; reentrant.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

namespace newsmine {

struct HtmlMetadata {
  std::string title;          // og:title, JSON-LD headline, <title> without the site name, h1
  std::string published;      // ISO 8601: "2019-11-19T13:05:00Z", "2019-11-19T13:05:00+01:00", "2019-11-19"
  std::string source_name;    // og:site_name, JSON-LD publisher.name, application-name
  std::string canonical_url;  // <link rel=canonical>, og:url, JSON-LD url
  std::string language;       // ISO 639-1 ("en"), from <html lang>, content-language, og:locale
  std::string json_ld_body;   // JSON-LD articleBody as plain text, or empty
};

// Reads the metadata of the page rooted at `root` (gumbo's document node).
// Fields the page does not give are left empty. Never fails.
void ExtractHtmlMetadata(const GumboNode* root, HtmlMetadata* out);

}  // namespace newsmine
