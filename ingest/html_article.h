// ExtractHtmlArticle: the article in an HTML page — its main text with page
// furniture (navigation, headers, footers, teasers, comments, share bars,
// cookie notices, furniture captions) removed and paragraph breaks kept — and
// the page's metadata.
//
// Thread-safety: reentrant; call from any number of threads at once.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace newsmine {

struct HtmlArticle {
  std::string text;           // paragraphs separated by "\n\n"
  std::string title;          // og:title, <title> without the site name, h1 ...
  std::string published;      // ISO 8601 (JSON-LD, meta tags, <time>, URL)
  std::string source_name;    // og:site_name, JSON-LD publisher
  std::string canonical_url;  // <link rel=canonical>, og:url
  std::string language;       // <html lang>, content-language meta; ISO 639-1
};

struct HtmlOptions {
  // Element nesting deeper than this gives kLimitExceeded.
  int max_depth = 1000;
};

// `html` must be UTF-8 (decode first). Returns kLimitExceeded for a page
// nested deeper than options.max_depth, kCorrupt when the parser fails; a page
// with no article text is OK with an empty text.
Status ExtractHtmlArticle(std::string_view html, const HtmlOptions& options, HtmlArticle* out);

}  // namespace newsmine
