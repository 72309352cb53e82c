// The extractors (text analysis, actors, votes, state sentiment) on arbitrary
// text, with the real knowledge files loaded once.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/utf8.h"
#include "extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const newsmine::Extractor* extractor = [] {
    std::unique_ptr<newsmine::Extractor> e;
    const newsmine::Status s = newsmine::Extractor::Load(newsmine::ExtractorOptions(), &e);
    if (!s.ok()) {
      std::fprintf(stderr, "cannot load knowledge: %s\n", s.ToString().c_str());
      std::abort();
    }
    return e.release();
  }();
  newsmine::Document document;
  document.uri = "fuzz";
  document.text = newsmine::RepairUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  const newsmine::Record record = extractor->Extract(document);
  (void)record;
  return 0;
}
