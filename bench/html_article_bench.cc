// html_article_bench: speed and quality of ExtractHtmlArticle on the
// article-extraction benchmark (../shared/bench/article-extraction/html).
//
//   html_article_bench [benchmark flags] [DIR]      pages/s (Google Benchmark)
//   html_article_bench --records OUT.jsonl [DIR]    one JSON line per page,
//       {"source":{"uri":"<file name>"},"text":"..."}, for
//       ../shared/eval/body_score.py --truth .../ground-truth.json --pred OUT.jsonl
//
// DIR holds *.html.gz pages; it defaults to the benchmark folder beside the
// project. Without pages the benchmark is skipped (exit 0).
#include <benchmark/benchmark.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/byte_stream.h"
#include "ingest/html_article.h"

namespace {

namespace fs = std::filesystem;

struct Page {
  std::string name;  // file name
  std::string html;
};

std::vector<Page> LoadPages(const fs::path& dir) {
  std::vector<Page> pages;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return pages;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    Page page{name, {}};
    if (name.ends_with(".html.gz") &&
        newsmine::ReadGzipFile(entry.path().string(), size_t{1} << 30, &page.html).ok()) {
      pages.push_back(std::move(page));
    }
  }
  std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) { return a.name < b.name; });
  return pages;
}

std::vector<Page>& BenchPages() {
  static std::vector<Page> pages;
  return pages;
}

void BM_ExtractHtmlArticle(benchmark::State& state) {
  const std::vector<Page>& pages = BenchPages();
  size_t bytes = 0;
  for (auto _ : state) {
    for (const Page& page : pages) {
      newsmine::HtmlArticle article;
      benchmark::DoNotOptimize(newsmine::ExtractHtmlArticle(page.html, newsmine::HtmlOptions(), &article));
      bytes += page.html.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pages.size()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetLabel("items/s = pages/s");
}
BENCHMARK(BM_ExtractHtmlArticle)->Unit(benchmark::kMillisecond);

int WriteRecords(const std::vector<Page>& pages, const std::string& out_path) {
  std::ofstream out(out_path, std::ios::binary);
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", out_path.c_str());
    return 1;
  }
  for (const Page& page : pages) {
    newsmine::HtmlArticle article;
    const newsmine::Status status =
        newsmine::ExtractHtmlArticle(page.html, newsmine::HtmlOptions(), &article);
    if (!status.ok()) std::fprintf(stderr, "%s: %s\n", page.name.c_str(), status.ToString().c_str());
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    writer.Key("source");
    writer.StartObject();
    writer.Key("uri");
    writer.String(page.name.c_str());
    writer.EndObject();
    writer.Key("text");
    writer.String(article.text.c_str(), static_cast<rapidjson::SizeType>(article.text.size()));
    writer.EndObject();
    out << buffer.GetString() << '\n';
  }
  std::fprintf(stderr, "wrote %zu records to %s\n", pages.size(), out_path.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string records_path;
  fs::path dir = fs::path(NEWSMINE_SOURCE_DIR).parent_path() / "shared/bench/article-extraction/html";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--records" && i + 1 < argc) {
      records_path = argv[++i];
    } else {
      dir = arg;
    }
  }
  BenchPages() = LoadPages(dir);
  if (BenchPages().empty()) {
    std::fprintf(stderr, "no *.html.gz pages in %s: skipped\n", dir.c_str());
    return 0;
  }
  if (!records_path.empty()) return WriteRecords(BenchPages(), records_path);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
