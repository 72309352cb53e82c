// Readers: formats recognised by content, member uris, streaming limits and
// damaged input. Every fixture is generated here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ingest/byte_stream.h"
#include "ingest/reader.h"
#include "tests/ingest_fixtures.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

using testing::Gzip;
using testing::RecordingSink;
using testing::WarcRecord;
using testing::WarcResponse;

ReadSummary ReadOne(const std::string& path, RecordingSink* sink, const ReaderOptions& options = {}) {
  return ReadInputs({path}, options, sink);
}

std::string WriteTemp(const std::string& dir, const std::string& name, const std::string& content) {
  const std::string path = testing::TempDir(dir) + "/" + name;
  testing::WriteFile(path, content);
  return path;
}

const char kJsonLines[] =
    R"({"id": "17", "title": "Harbour reopens", "published": "2021-03-04", )"
    R"("text": "The harbour reopened today."})"
    "\n"
    R"({"url": "https://example.org/news/bridge", "title": "Bridge", "date_publish": "2017-02-09 13:37:00", )"
    R"("source_domain": "example.org", "maintext": "A new bridge opened."})"
    "\n\n"
    R"({"url": "https://example.net/a", "html": "<html><body><p>Hi</p></body></html>", )"
    R"("site_name": "Example"})"
    "\n";

TEST(IngestReader, PlainFileIsOneDocumentWithInputHooks) {
  const std::string path = WriteTemp("plain", "note.txt", "Headline\n\nOne paragraph of text.\n");
  RecordingSink sink;
  const ReadSummary summary = ReadOne(path, &sink);
  ASSERT_EQ(sink.documents.size(), 1u);
  EXPECT_EQ(sink.documents[0].uri, path);
  EXPECT_EQ(sink.documents[0].bytes, "Headline\n\nOne paragraph of text.\n");
  EXPECT_EQ(summary.documents, 1u);
  EXPECT_EQ(sink.wanted, std::vector<std::string>{path});
  EXPECT_EQ(sink.finished, std::vector<std::string>{path});
}

TEST(IngestReader, SkippedInputIsNotRead) {
  const std::string path = WriteTemp("skip", "a.txt", "text");
  RecordingSink sink;
  sink.skip_path = path;
  ReadOne(path, &sink);
  EXPECT_TRUE(sink.documents.empty());
  EXPECT_TRUE(sink.finished.empty());
}

// The reader counts its way through the input files in their bytes on disk
// (a gzip file's compressed bytes): what it read and what it passed over
// (inputs skipped, the rest of one it stopped reading) come to
// TotalInputBytes.
TEST(IngestReader, ProgressCountsTheInputFilesBytesOnDisk) {
  const std::string dir = testing::TempDir("progress");
  testing::WriteFile(dir + "/a.txt", "A plain text of one line.\n");
  testing::WriteFile(dir + "/b.jsonl.gz", Gzip(R"({"text": "One."})"
                                               "\n"
                                               R"({"text": "Two."})"
                                               "\n"));
  testing::WriteFile(dir + "/skipped.txt", "Done before.\n");
  // More lines than the reader is allowed to take, in more bytes than it
  // reads at once (4 MiB): it stops before the file's end.
  std::string many;
  for (int i = 0; i < 400000; ++i)
    many += R"({"text": "Line )" + std::to_string(i) +
            R"( of a long file."})"
            "\n";
  testing::WriteFile(dir + "/many.jsonl", many);
  const auto size = [&](const std::string& name) { return std::filesystem::file_size(dir + "/" + name); };
  const uint64_t all = size("a.txt") + size("b.jsonl.gz") + size("skipped.txt") + size("many.jsonl");
  ASSERT_EQ(TotalInputBytes({dir}), std::optional<uint64_t>(all));

  RecordingSink sink;
  sink.skip_path = dir + "/skipped.txt";
  InputProgress progress;
  ReaderOptions options;
  options.progress = &progress;
  options.max_documents_per_input = 1000;
  ReadOne(dir, &sink, options);
  EXPECT_EQ(sink.documents.size(), 1u + 2u + 1000u);
  EXPECT_EQ(progress.read + progress.passed, all);
  // Passed: the skipped file and most of the long one.
  EXPECT_GT(progress.passed, size("skipped.txt") + size("many.jsonl") / 2);
  EXPECT_GE(progress.read, size("a.txt") + size("b.jsonl.gz"));

  // Inputs of unknown size.
  EXPECT_EQ(TotalInputBytes({dir, "-"}), std::nullopt);
  EXPECT_EQ(TotalInputBytes({"https://news.example.org/feed"}), std::nullopt);
  EXPECT_EQ(TotalInputBytes({dir + "/a.txt", "/nonexistent/newsmine/input"}),
            std::optional<uint64_t>(size("a.txt")));
}

TEST(IngestReader, FoldersAreWalkedRecursivelyInSortedOrder) {
  const std::string dir = testing::TempDir("folder");
  std::filesystem::create_directories(dir + "/a");
  testing::WriteFile(dir + "/b.txt", "b");
  testing::WriteFile(dir + "/a/c.txt", "c");
  testing::WriteFile(dir + "/a.txt", "a");
  RecordingSink sink;
  ReadOne(dir, &sink);
  ASSERT_EQ(sink.documents.size(), 3u);
  EXPECT_EQ(sink.documents[0].uri, dir + "/a.txt");
  EXPECT_EQ(sink.documents[1].uri, dir + "/a/c.txt");
  EXPECT_EQ(sink.documents[2].uri, dir + "/b.txt");
  for (uint64_t i = 0; i < 3; ++i) EXPECT_EQ(sink.documents[i].ordinal, i);
}

TEST(IngestReader, MissingInputFails) {
  RecordingSink sink;
  const ReadSummary summary = ReadOne("/nonexistent/newsmine/input", &sink);
  EXPECT_EQ(summary.inputs_failed, 1u);
  ASSERT_EQ(sink.rejected.size(), 1u);
  EXPECT_EQ(sink.rejected[0].second.code(), Status::Code::kNotFound);
}

void ExpectJsonLinesDocuments(const std::string& path, const RecordingSink& sink) {
  ASSERT_EQ(sink.documents.size(), 3u);
  const RawDocument& bulk = sink.documents[0];
  EXPECT_EQ(bulk.uri, path + "#17");
  EXPECT_EQ(bulk.title, "Harbour reopens");
  EXPECT_EQ(bulk.published, "2021-03-04");
  EXPECT_EQ(bulk.bytes, "The harbour reopened today.");
  EXPECT_EQ(bulk.kind, PayloadKind::kText);
  const RawDocument& news_please = sink.documents[1];
  EXPECT_EQ(news_please.uri, path + "#https://example.org/news/bridge");
  EXPECT_EQ(news_please.published, "2017-02-09T13:37:00");
  EXPECT_EQ(news_please.source_name, "example.org");
  EXPECT_EQ(news_please.bytes, "A new bridge opened.");
  const RawDocument& html = sink.documents[2];
  EXPECT_EQ(html.kind, PayloadKind::kHtml);
  EXPECT_EQ(html.url, "https://example.net/a");
  EXPECT_EQ(html.source_name, "Example");
}

TEST(IngestReader, JsonLinesMapCommonExporterFields) {
  const std::string path = WriteTemp("jsonl", "docs.jsonl", kJsonLines);
  RecordingSink sink;
  ReadOne(path, &sink);
  ExpectJsonLinesDocuments(path, sink);
  EXPECT_EQ(sink.finished.size(), 1u);
}

TEST(IngestReader, JsonLinesMayStartWithAByteOrderMark) {
  const std::string path = WriteTemp("jsonl_bom", "docs.jsonl", std::string("\xEF\xBB\xBF") + kJsonLines);
  RecordingSink sink;
  ReadOne(path, &sink);
  ExpectJsonLinesDocuments(path, sink);
}

TEST(IngestReader, GzippedJsonLinesAreRecognisedByContent) {
  const std::string path = WriteTemp("jsonl_gz", "docs.data", Gzip(kJsonLines));
  RecordingSink sink;
  ReadOne(path, &sink);
  ExpectJsonLinesDocuments(path, sink);
}

TEST(IngestReader, BadJsonLinesAreRejectedAndReadingGoesOn) {
  const std::string long_text(5000, 'x');
  const std::string content = R"({"id": "1", "text": "First."})"
                              "\n{not json at all\n"
                              R"(["an", "array"])"
                              "\n"
                              R"({"id": "4", "title": "no text"})"
                              "\n"
                              R"({"id": "5", "text": ")" +
                              long_text + "\"}\n" + R"({"id": "6", "text": "Last."})" + "\n";
  const std::string path = WriteTemp("badjson", "docs.jsonl", content);
  RecordingSink sink;
  ReaderOptions options;
  options.max_document_bytes = 1000;
  const ReadSummary summary = ReadOne(path, &sink, options);
  ASSERT_EQ(sink.documents.size(), 2u);
  EXPECT_EQ(sink.documents[1].uri, path + "#6");
  ASSERT_EQ(sink.rejected.size(), 4u);
  EXPECT_EQ(sink.rejected[0].first, path + "#2");
  EXPECT_EQ(sink.rejected[0].second.code(), Status::Code::kCorrupt);
  EXPECT_NE(sink.rejected[0].second.message().find("not JSON"), std::string::npos);
  EXPECT_EQ(sink.rejected[1].first, path + "#3");
  EXPECT_EQ(sink.rejected[2].first, path + "#4");
  EXPECT_EQ(sink.rejected[3].first, path + "#5");
  EXPECT_EQ(sink.rejected[3].second.code(), Status::Code::kLimitExceeded);
  EXPECT_EQ(summary.documents_rejected, 4u);
  EXPECT_EQ(summary.inputs_failed, 0u);
  EXPECT_EQ(sink.finished.size(), 1u);
}

// Hands the reader its spent documents back, cleared, as the pipeline does
// (RawDocumentSink::NewDocument): their strings keep their capacity.
class RecyclingSink : public RecordingSink {
 public:
  RawDocument NewDocument() override {
    if (documents.empty()) return RawDocument();
    RawDocument spent = documents.back();
    spent.Clear();
    return spent;
  }
};

TEST(IngestReader, JsonLinesRefillSpentDocumentsWithoutKeepingTheirFields) {
  const std::string path = WriteTemp("jsonl_recycled", "docs.jsonl", kJsonLines);
  RecyclingSink sink;
  ReadOne(path, &sink);
  ExpectJsonLinesDocuments(path, sink);
}

TEST(IngestReader, ParseJsonLineRefillsADocumentLineAfterLine) {
  RawDocument document;
  document.uri = "in.jsonl";
  document.bytes = R"({"id": "a", "title": "First", "url": "https://example.org/a",
                      "published": "2024-07-13", "source": "Example", "text": "A long first text."})";
  document.json_line_number = 1;
  ASSERT_TRUE(ParseJsonLine(&document).ok());
  EXPECT_EQ(document.uri, "in.jsonl#a");
  EXPECT_EQ(document.bytes, "A long first text.");
  document.Clear();
  document.uri = "in.jsonl";
  document.bytes = R"({"text": "Second."})";
  document.json_line_number = 2;
  ASSERT_TRUE(ParseJsonLine(&document).ok());
  EXPECT_EQ(document.uri, "in.jsonl#2");
  EXPECT_EQ(document.bytes, "Second.");
  EXPECT_EQ(document.json_line_number, 0u);
  EXPECT_TRUE(document.title.empty());
  EXPECT_TRUE(document.url.empty());
  EXPECT_TRUE(document.published.empty());
  EXPECT_TRUE(document.source_name.empty());
}

std::string SampleWarc() {
  return WarcRecord("warcinfo", "0000", "Content-Type: application/warc-fields\r\n", "software: test\r\n") +
         WarcRecord("request", "0001", "WARC-Target-URI: https://example.org/a\r\n",
                    "GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n") +
         WarcResponse("0002", "https://example.org/a", "text/html; charset=windows-1251",
                      "<html><body><p>Page A</p></body></html>") +
         WarcResponse("0003", "https://example.org/logo.png", "image/png", std::string("\x89PNG\r\n", 6)) +
         WarcRecord("resource", "0004", "WARC-Target-URI: file:///notes.txt\r\nContent-Type: text/plain\r\n",
                    "Plain notes.\n") +
         WarcRecord("conversion", "0005",
                    "WARC-Target-URI: https://example.org/b\r\nContent-Type: text/plain\r\n",
                    "Converted text.\n");
}

void ExpectSampleWarc(const std::string& path, const RecordingSink& sink, const ReadSummary& summary) {
  ASSERT_EQ(sink.documents.size(), 3u);
  EXPECT_EQ(sink.documents[0].uri, path + "#urn:uuid:0002");
  EXPECT_EQ(sink.documents[0].url, "https://example.org/a");
  EXPECT_EQ(sink.documents[0].kind, PayloadKind::kHtml);
  EXPECT_EQ(sink.documents[0].declared_charset, "windows-1251");
  EXPECT_EQ(sink.documents[0].bytes, "<html><body><p>Page A</p></body></html>");
  EXPECT_EQ(sink.documents[1].uri, path + "#urn:uuid:0004");
  EXPECT_EQ(sink.documents[1].kind, PayloadKind::kText);
  EXPECT_EQ(sink.documents[1].bytes, "Plain notes.\n");
  EXPECT_EQ(sink.documents[2].bytes, "Converted text.\n");
  EXPECT_EQ(summary.skipped_non_html, 1u);
  EXPECT_TRUE(sink.rejected.empty());
}

TEST(IngestReader, WarcRecordsBecomeDocuments) {
  const std::string path = WriteTemp("warc", "crawl.warc", SampleWarc());
  RecordingSink sink;
  const ReadSummary summary = ReadOne(path, &sink);
  ExpectSampleWarc(path, sink, summary);
  EXPECT_EQ(sink.finished.size(), 1u);
}

// Common Crawl compresses each record as its own gzip member.
std::string PerRecordGzip(const std::string& warc) {
  std::string out;
  size_t start = 0;
  for (size_t next = warc.find("WARC/1.1", 1); start < warc.size(); next = warc.find("WARC/1.1", next + 1)) {
    const size_t end = next == std::string::npos ? warc.size() : next;
    out += Gzip(warc.substr(start, end - start));
    start = end;
    if (next == std::string::npos) break;
  }
  return out;
}

TEST(IngestReader, WarcHttpBodiesAreDecodedAndErrorsDropped) {
  const std::string page = "<html><body><p>Chunked and compressed.</p></body></html>";
  const std::string gz = Gzip(page);
  char size_hex[16];
  std::snprintf(size_hex, sizeof(size_hex), "%zx", gz.size());
  const std::string http =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
      "Transfer-Encoding: chunked\r\n\r\n" +
      std::string(size_hex) + "\r\n" + gz + "\r\n0\r\n\r\n";
  const std::string not_found = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Gone</p>";
  const std::string headers = "WARC-Target-URI: https://example.org/c\r\nContent-Type: application/http\r\n";
  const std::string path = WriteTemp(
      "warchttp", "crawl.warc",
      WarcRecord("response", "404", headers, not_found) + WarcRecord("response", "200", headers, http));
  RecordingSink sink;
  const ReadSummary summary = ReadOne(path, &sink);
  ASSERT_EQ(sink.documents.size(), 1u);
  EXPECT_EQ(sink.documents[0].bytes, page);
  EXPECT_EQ(summary.skipped_non_html, 0u);
  EXPECT_TRUE(sink.rejected.empty());
}

TEST(IngestReader, MultiMemberGzipWarc) {
  const std::string path = WriteTemp("warcgz", "crawl.warc.gz", PerRecordGzip(SampleWarc()));
  RecordingSink sink;
  const ReadSummary summary = ReadOne(path, &sink);
  ExpectSampleWarc(path, sink, summary);
}

TEST(IngestReader, TruncatedGzipKeepsRecordsBeforeTheDamage) {
  const std::string warc = SampleWarc();
  const std::string gz = PerRecordGzip(warc);
  // Cut inside the last member (the conversion record).
  const std::string path = WriteTemp("truncgz", "crawl.warc.gz", gz.substr(0, gz.size() - 20));
  RecordingSink sink;
  const ReadSummary summary = ReadOne(path, &sink);
  ASSERT_EQ(sink.documents.size(), 2u);
  ASSERT_EQ(sink.rejected.size(), 1u);
  EXPECT_EQ(sink.rejected[0].first, path);
  EXPECT_EQ(sink.rejected[0].second.code(), Status::Code::kCorrupt);
  EXPECT_NE(sink.rejected[0].second.message().find("truncated gzip"), std::string::npos);
  EXPECT_EQ(summary.inputs_failed, 1u);
  EXPECT_TRUE(sink.finished.empty());
}

TEST(IngestReader, TruncatedWarcRecordIsReported) {
  const std::string warc = SampleWarc();
  const std::string path = WriteTemp("truncwarc", "crawl.warc", warc.substr(0, warc.size() - 12));
  RecordingSink sink;
  ReadOne(path, &sink);
  ASSERT_EQ(sink.documents.size(), 2u);
  ASSERT_EQ(sink.rejected.size(), 1u);
  EXPECT_NE(sink.rejected[0].second.message().find("truncated WARC record"), std::string::npos);
}

TEST(IngestReader, OversizedWarcRecordIsSkipped) {
  const std::string big(4000, 'y');
  const std::string warc = WarcRecord("resource", "big", "Content-Type: text/plain\r\n", big) +
                           WarcRecord("resource", "small", "Content-Type: text/plain\r\n", "Small enough.");
  const std::string path = WriteTemp("bigwarc", "crawl.warc", warc);
  RecordingSink sink;
  ReaderOptions options;
  options.max_document_bytes = 1000;
  ReadOne(path, &sink, options);
  ASSERT_EQ(sink.documents.size(), 1u);
  EXPECT_EQ(sink.documents[0].bytes, "Small enough.");
  ASSERT_EQ(sink.rejected.size(), 1u);
  EXPECT_EQ(sink.rejected[0].first, path + "#urn:uuid:big");
  EXPECT_EQ(sink.rejected[0].second.code(), Status::Code::kLimitExceeded);
}

TEST(IngestReader, HugeSingleDocumentIsRejectedWithoutFailingTheInput) {
  const std::string path = WriteTemp("huge", "huge.txt", std::string(50000, 'z'));
  RecordingSink sink;
  ReaderOptions options;
  options.max_document_bytes = 1000;
  const ReadSummary summary = ReadOne(path, &sink, options);
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejected.size(), 1u);
  EXPECT_EQ(sink.rejected[0].second.code(), Status::Code::kLimitExceeded);
  EXPECT_EQ(summary.documents_rejected, 1u);
  EXPECT_EQ(sink.finished.size(), 1u);
}

TEST(IngestReader, GzipBombStopsAtTheCompressionRatio) {
  const std::string path = WriteTemp("bomb", "bomb.gz", Gzip(std::string(16 << 20, '\0')));
  RecordingSink sink;
  ReaderOptions options;
  options.max_compression_ratio = 100;
  const ReadSummary summary = ReadOne(path, &sink, options);
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejected.size(), 1u);
  EXPECT_EQ(sink.rejected[0].second.code(), Status::Code::kLimitExceeded);
  EXPECT_NE(sink.rejected[0].second.message().find("gzip bomb"), std::string::npos);
  EXPECT_EQ(summary.inputs_failed, 1u);
}

TEST(IngestReader, InputLargerThanTheLimitIsRefused) {
  const std::string path = WriteTemp("cap", "big.jsonl", std::string(kJsonLines) + kJsonLines + kJsonLines);
  RecordingSink sink;
  ReaderOptions options;
  options.max_input_bytes = 400;
  const ReadSummary summary = ReadOne(path, &sink, options);
  EXPECT_LT(sink.documents.size(), 9u);
  EXPECT_EQ(summary.inputs_failed, 1u);
  ASSERT_FALSE(sink.rejected.empty());
  EXPECT_EQ(sink.rejected.back().second.code(), Status::Code::kLimitExceeded);
}

TEST(IngestReader, BufferedStreamSkipsOverlongLinesWithoutStoringThem) {
  const std::string text = std::string(300000, 'a') + "\nshort\nlast";
  BufferedStream in(NewStringStream(text));
  std::string line;
  bool too_long = false, at_end = false;
  ASSERT_TRUE(in.ReadLine(1000, &line, &too_long, &at_end).ok());
  EXPECT_TRUE(too_long);
  EXPECT_TRUE(line.empty());
  ASSERT_TRUE(in.ReadLine(1000, &line, &too_long, &at_end).ok());
  EXPECT_EQ(line, "short");
  ASSERT_TRUE(in.ReadLine(1000, &line, &too_long, &at_end).ok());
  EXPECT_EQ(line, "last");
  ASSERT_TRUE(in.ReadLine(1000, &line, &too_long, &at_end).ok());
  EXPECT_TRUE(at_end);
}

// A stream that asks for reads of its size (as a direct file read does) gets
// them at aligned buffers, whatever the lines left over between reads, and
// every line comes back whole: short ones across read boundaries, and lines
// longer than several reads.
TEST(IngestReader, BufferedStreamReadsAlignedWhereTheStreamPrefers) {
  constexpr size_t kPreferred = 20 * kReadAlignment;
  class AlignedReads : public ByteStream {
   public:
    explicit AlignedReads(std::string bytes) : bytes_(std::move(bytes)) {}
    Status Read(char* buffer, size_t n, size_t* got) override {
      // (The read that finds the end comes after a short one.)
      if (pos_ < bytes_.size()) {
        all_aligned &= n >= kPreferred && reinterpret_cast<uintptr_t>(buffer) % kReadAlignment == 0;
      }
      *got = std::min({n, kPreferred, bytes_.size() - pos_});
      std::memcpy(buffer, bytes_.data() + pos_, *got);
      pos_ += *got;
      return Status::Ok();
    }
    size_t PreferredReadBytes() const override { return kPreferred; }
    bool all_aligned = true;

   private:
    std::string bytes_;
    size_t pos_ = 0;
  };
  std::vector<std::string> lines;
  std::string text;
  uint64_t x = 7;
  for (size_t i = 0; i < 400; ++i) {
    const size_t size = i % 50 == 0 ? 200000 + i : ((x = x * 6364136223846793005ULL + 1) >> 40) % 3000;
    lines.emplace_back(size, static_cast<char>('a' + i % 26));
    text += lines.back() + "\n";
  }
  auto stream = std::make_unique<AlignedReads>(text);
  AlignedReads* reads = stream.get();
  BufferedStream in(std::move(stream));
  for (const std::string& expected : lines) {
    std::string_view line;
    bool too_long = false, at_end = false;
    ASSERT_TRUE(in.ReadLine(1 << 20, &line, &too_long, &at_end).ok());
    ASSERT_FALSE(too_long || at_end);
    ASSERT_EQ(line, expected);
  }
  std::string_view line;
  bool too_long = false, at_end = false;
  ASSERT_TRUE(in.ReadLine(1 << 20, &line, &too_long, &at_end).ok());
  EXPECT_TRUE(at_end);
  EXPECT_TRUE(reads->all_aligned);
}

// Large files are read around the page cache, in aligned chunks: sizes on
// both sides of the threshold, the alignment and the chunk must all come
// back whole.
TEST(IngestReader, LargeFilesReadDirectlyComeBackByteForByte) {
  const std::string dir = testing::TempDir("direct");
  for (const size_t size : {size_t{1} << 20, (size_t{1} << 20) - 1, (size_t{4} << 20) + 4095,
                            (size_t{8} << 20) + 4097, size_t{9} << 20}) {
    std::string bytes(size, '\0');
    uint64_t x = size;
    for (char& c : bytes) c = static_cast<char>((x = x * 6364136223846793005ULL + 1) >> 56);
    const std::string path = dir + "/" + std::to_string(size) + ".bin";
    testing::WriteFile(path, bytes);
    Status status;
    BufferedStream in(OpenFileStream(path, &status));
    ASSERT_TRUE(status.ok()) << status.ToString();
    std::string read;
    bool more = true;
    ASSERT_TRUE(in.ReadUpTo(size + 1, &read, &more).ok());
    EXPECT_FALSE(more);
    EXPECT_TRUE(read == bytes) << size << " bytes written, " << read.size() << " read";
  }
}

// A JSON-lines archive past the direct-read threshold, with lines across the
// chunk boundaries, gzipped and not (random letters: the gzip file is past
// the threshold too).
TEST(IngestReader, LargeJsonLinesArchiveKeepsEveryLine) {
  std::string lines, last_text;
  size_t count = 0;
  uint64_t x = 1;
  while (lines.size() < (size_t{9} << 20)) {
    last_text.resize(100 + count % 3000);
    for (char& c : last_text) c = static_cast<char>('a' + ((x = x * 6364136223846793005ULL + 1) >> 33) % 26);
    lines += R"({"id": ")" + std::to_string(++count) + R"(", "text": ")" + last_text + "\"}\n";
  }
  for (const bool gzipped : {false, true}) {
    const std::string path =
        WriteTemp("direct-jsonl", gzipped ? "big.jsonl.gz" : "big.jsonl", gzipped ? Gzip(lines) : lines);
    RecordingSink sink;
    const ReadSummary summary = ReadOne(path, &sink);
    ASSERT_EQ(sink.documents.size(), count);
    EXPECT_EQ(summary.inputs_failed, 0u);
    EXPECT_EQ(sink.documents.back().uri, path + "#" + std::to_string(count));
    EXPECT_EQ(sink.documents.back().bytes, last_text);
  }
}

TEST(IngestReader, StandardInputIsReadWithDashAsUri) {
  std::string out;
  const std::string command =
      "printf 'Harbour news\\n\\nThe harbour of the town reopened on Monday after the "
      "storm, officials said.\\n' | " +
      testing::Binary() + " extract - 2>/dev/null";
  ASSERT_EQ(testing::RunCommand(command, &out), 0);
  EXPECT_NE(out.find(R"("uri":"-")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("title":"Harbour news")"), std::string::npos) << out;
}

}  // namespace
}  // namespace newsmine
