// ExtractHtmlArticle on arbitrary (repaired to UTF-8) markup.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/utf8.h"
#include "ingest/html_article.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string html = newsmine::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  newsmine::HtmlOptions options;
  options.max_depth = 200;
  newsmine::HtmlArticle article;
  (void)newsmine::ExtractHtmlArticle(html, options, &article);
  return 0;
}
