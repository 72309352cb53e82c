// PLACEHOLDER: replaced by the HTML main-text work (issue 3).
#include "ingest/html_article.h"

namespace newsmine {

Status ExtractHtmlArticle(std::string_view, const HtmlOptions&, HtmlArticle* out) {
  *out = HtmlArticle();
  return Status::Unsupported("HTML extraction is not built yet");
}

}  // namespace newsmine
