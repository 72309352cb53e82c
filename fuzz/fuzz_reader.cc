// The input readers (format sniffing, gzip, WARC, JSON lines, text) on an
// arbitrary file. The first byte picks the file name's extension, since some
// formats are also recognised by name.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "ingest/reader.h"

namespace {

class CountingSink : public newsmine::RawDocumentSink {
 public:
  bool Accept(newsmine::RawDocument) override { return ++accepted_ < 10000; }
  void Reject(const std::string&, const newsmine::Status&) override {}

 private:
  size_t accepted_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* kExtensions[] = {".txt", ".html", ".jsonl", ".warc", ".gz", ".warc.gz", ".jsonl.gz", ""};
  const std::string path = "/tmp/newsmine-fuzz-reader-" + std::to_string(getpid()) + kExtensions[data[0] % 8];
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data + 1, 1, size - 1, f);
  std::fclose(f);
  newsmine::ReaderOptions options;
  options.max_document_bytes = 1 << 20;
  options.max_input_bytes = 16 << 20;
  CountingSink sink;
  (void)newsmine::ReadInputs({path}, options, &sink);
  std::remove(path.c_str());
  return 0;
}
