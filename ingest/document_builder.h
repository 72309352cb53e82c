// BuildDocument: RawDocument -> Document. Decodes the charset to UTF-8 (ICU),
// finds the main text (HTML body extraction or plain-text furniture removal)
// and the metadata (title, date, source, URL, language).
//
// Thread-safety: BuildDocument is reentrant; call it from any number of
// threads at once.
#pragma once

#include <cstddef>

#include "core/status.h"
#include "ingest/document.h"

namespace newsmine {

struct BuildOptions {
  // Documents larger than this (undecoded bytes) are refused with
  // kLimitExceeded instead of being processed.
  size_t max_document_bytes = 64u << 20;
  // HTML element nesting deeper than this is refused (kLimitExceeded).
  int max_html_depth = 1000;
};

// Fills *out from `raw`. Returns kCorrupt for content that is not text (binary
// junk), kLimitExceeded when a limit in `options` is broken; *out is then
// unspecified. A document whose main text is empty is returned OK with an
// empty text: whether to keep it is the caller's decision.
Status BuildDocument(const RawDocument& raw, const BuildOptions& options, Document* out);

}  // namespace newsmine
