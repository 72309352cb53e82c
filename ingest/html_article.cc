#include "ingest/html_article.h"

#include <gumbo.h>

#include <string>

#include "ingest/html_arena.h"
#include "ingest/html_body.h"
#include "ingest/html_depth.h"
#include "ingest/html_dom.h"
#include "ingest/html_metadata.h"
#include "ingest/html_prefilter.h"

namespace newsmine {
namespace {

Status DepthError(int depth, int limit) {
  return Status::LimitExceeded("HTML nesting depth " + std::to_string(depth) + " exceeds the limit of " +
                               std::to_string(limit));
}

}  // namespace

Status ExtractHtmlArticle(std::string_view html, const HtmlOptions& options, HtmlArticle* out) {
  *out = HtmlArticle();
  const std::string page = StripInertMarkup(html);
  // gumbo spends quadratic time and memory on deep nesting: refuse deep
  // pages before parsing them.
  const int estimated_depth = EstimateHtmlDepth(page, options.max_depth);
  if (estimated_depth > options.max_depth) return DepthError(estimated_depth, options.max_depth);

  HtmlArena arena;  // owns the parsed tree
  GumboOptions gumbo_options = arena.ParseOptions();
  gumbo_options.max_errors = 0;  // error records cost time and are not used
  const GumboOutput* output = gumbo_parse_with_options(&gumbo_options, page.data(), page.size());
  if (!output || !output->document) return Status::Corrupt("the HTML parser failed");
  // Implied elements can nest deeper than the tags say.
  const int depth = HtmlTreeDepth(output->document, options.max_depth);
  if (depth > options.max_depth) return DepthError(depth, options.max_depth);

  HtmlMetadata metadata;
  ExtractHtmlMetadata(output->document, &metadata);
  out->text = ExtractMainText(output->document, metadata.json_ld_body);
  out->title = std::move(metadata.title);
  out->published = std::move(metadata.published);
  out->source_name = std::move(metadata.source_name);
  out->canonical_url = std::move(metadata.canonical_url);
  out->language = std::move(metadata.language);
  return Status::Ok();
}

}  // namespace newsmine
