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

// Normalises a date or date-time in one of the common web forms (ISO 8601,
// RFC 822 "Tue, 19 Nov 2019 13:05:00 GMT", "November 19, 2019", "19 Nov
// 2019", "2019/11/19", "20191119") to ISO 8601. Returns empty when `text`
// holds no plausible date (years 1900..2099).
std::string FindDateInMarkup(std::string_view text);

// The date in a URL path ("/2019/11/19/", "/2019-11-19-", "/20191119/") as
// "YYYY-MM-DD", or empty.
std::string DateFromUrl(std::string_view url);

}  // namespace newsmine
