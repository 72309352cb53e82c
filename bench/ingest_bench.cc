// Throughput of ingest: reading inputs and BuildDocument, in MB/s of input.
//   build/bench/ingest_bench            (from the project root)
// The bulk corpus case is skipped when ../shared is absent.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/document_builder.h"
#include "ingest/language.h"
#include "ingest/reader.h"

namespace newsmine {
namespace {

// Builds every document it is given, as the pipeline's workers do.
class BuildingSink : public RawDocumentSink {
 public:
  bool Accept(RawDocument document) override {
    bytes += document.bytes.size();
    Document doc;
    if (BuildDocument(document, BuildOptions(), &doc).ok()) text_bytes += doc.text.size();
    return true;
  }
  void Reject(const std::string&, const Status&) override {}
  uint64_t bytes = 0;
  uint64_t text_bytes = 0;
};

void BM_ReadAndBuildBulkJsonLines(benchmark::State& state) {
  const std::string path = std::string(NEWSMINE_SOURCE_DIR) + "/../shared/corpus/bulk/reuters21578.jsonl";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    state.SkipWithError("../shared/corpus/bulk/reuters21578.jsonl is absent");
    return;
  }
  const uint64_t size = std::filesystem::file_size(path, ec);
  for (auto _ : state) {
    BuildingSink sink;
    ReadInputs({path}, ReaderOptions(), &sink);
    benchmark::DoNotOptimize(sink.text_bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
}
BENCHMARK(BM_ReadAndBuildBulkJsonLines)->Unit(benchmark::kMillisecond);

// DetectLanguage alone over the texts of the bulk corpus, in MB/s of text.
void BM_DetectLanguageBulk(benchmark::State& state) {
  const std::string path = std::string(NEWSMINE_SOURCE_DIR) + "/../shared/corpus/bulk/reuters21578.jsonl";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    state.SkipWithError("../shared/corpus/bulk/reuters21578.jsonl is absent");
    return;
  }
  // The texts as BuildDocument leaves them.
  class TextSink : public RawDocumentSink {
   public:
    bool Accept(RawDocument document) override {
      Document doc;
      if (BuildDocument(document, BuildOptions(), &doc).ok()) texts.push_back(std::move(doc.text));
      return true;
    }
    void Reject(const std::string&, const Status&) override {}
    std::vector<std::string> texts;
  } sink;
  ReadInputs({path}, ReaderOptions(), &sink);
  uint64_t bytes = 0;
  for (const std::string& text : sink.texts) bytes += text.size();
  for (auto _ : state) {
    for (const std::string& text : sink.texts) benchmark::DoNotOptimize(DetectLanguage(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_DetectLanguageBulk)->Unit(benchmark::kMillisecond);

// A page saved as text: widgets, a teaser list, `paragraphs` paragraphs of
// prose, a source line.
std::string GeneratedPage(int paragraphs) {
  std::string page =
      "14 C\nWednesday, May 7, 2025\nHome > News > Bridge reopens\n\nBridge reopens\n\nRelated stories\n\n";
  for (int i = 0; i < 5; ++i)
    page += "Teaser headline " + std::to_string(i) + "\n\nThe first words of a story...\n\n";
  for (int i = 0; i < paragraphs; ++i) {
    page += "Paragraph " + std::to_string(i) +
            " of the article says that the river bridge reopened on Tuesday after repairs that took "
            "two years, and that traffic in the town centre is expected to ease.\n\n";
  }
  return page + "Source: Example Gazette\n\nLatest stories\n";
}

void BM_BuildGeneratedPlainText(benchmark::State& state) {
  RawDocument raw;
  raw.uri = "generated.txt";
  raw.bytes = GeneratedPage(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    Document doc;
    benchmark::DoNotOptimize(BuildDocument(raw, BuildOptions(), &doc));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * raw.bytes.size()));
}
BENCHMARK(BM_BuildGeneratedPlainText)->Arg(10)->Arg(200);

}  // namespace
}  // namespace newsmine

BENCHMARK_MAIN();
