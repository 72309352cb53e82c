// BuildDocument on arbitrary bytes: charset detection and decoding, HTML or
// plain-text main-text extraction, metadata. The first byte picks the
// declared kind and charset so that every path is reached.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/document_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* kCharsets[] = {"", "utf-8", "windows-1251", "iso-8859-1", "shift_jis", "bogus-charset"};
  newsmine::RawDocument raw;
  raw.uri = "fuzz";
  raw.kind = static_cast<newsmine::PayloadKind>(data[0] % 3);
  raw.declared_charset = kCharsets[(data[0] / 3) % 6];
  raw.bytes.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  newsmine::BuildOptions options;
  options.max_html_depth = 200;
  newsmine::Document document;
  (void)newsmine::BuildDocument(raw, options, &document);
  return 0;
}
