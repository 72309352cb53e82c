// The batch pipeline through the real program: output is the same for any
// --jobs, and --shard I/N partitions the documents exactly.
#include "cli/pipeline.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli/batch.h"
#include "store/record_json.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

using testing::Binary;
using testing::CurrentThreadName;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

// A folder of `n` small, different articles.
std::string MakeCorpus(const std::string& name, int n) {
  const std::string dir = TempDir(name);
  const char* kCountries[] = {"France", "Japan", "Brazil", "Kenya", "Canada", "India"};
  for (int i = 0; i < n; ++i) {
    std::ostringstream text;
    text << "Report number " << i << "\n\n"
         << "Officials in " << kCountries[i % 6] << " said on Monday that talks with "
         << kCountries[(i + 1) % 6] << " had gone well. Minister Anna Example" << i
         << " praised the progress.\n\nThe candidate won " << (40 + i % 20) << ".5 percent of the vote.\n";
    WriteFile(dir + "/doc" + std::to_string(1000 + i) + ".txt", text.str());
  }
  return dir;
}

// An extraction that keeps only the document's title.
Record TitleRecord(const Document& document) {
  Record record;
  record.title = document.title;
  return record;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(Pipeline, OutputIsIdenticalForAnyNumberOfJobs) {
  const std::string corpus = MakeCorpus("jobs", 300);
  std::string one, two, four;
  ASSERT_EQ(RunCommand(Binary() + " extract --quiet --jobs 1 " + corpus, &one), 0);
  ASSERT_EQ(RunCommand(Binary() + " extract --quiet --jobs 2 " + corpus, &two), 0);
  ASSERT_EQ(RunCommand(Binary() + " extract --quiet --jobs 4 " + corpus, &four), 0);
  EXPECT_EQ(Lines(one).size(), 300u);
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, four);
}

TEST(Pipeline, ShardsPartitionTheDocuments) {
  const std::string corpus = MakeCorpus("shards", 200);
  std::string all;
  ASSERT_EQ(RunCommand(Binary() + " extract --quiet " + corpus, &all), 0);
  std::multiset<std::string> union_of_shards;
  for (int i = 0; i < 4; ++i) {
    std::string part;
    ASSERT_EQ(RunCommand(Binary() + " extract --quiet --shard " + std::to_string(i) + "/4 " + corpus, &part),
              0);
    const auto lines = Lines(part);
    EXPECT_GT(lines.size(), 20u) << "shard " << i << " is badly unbalanced";
    union_of_shards.insert(lines.begin(), lines.end());
  }
  const auto all_lines = Lines(all);
  EXPECT_EQ(union_of_shards, std::multiset<std::string>(all_lines.begin(), all_lines.end()));
}

// Collects what the pipeline delivers.
class CollectingSink : public RecordSink {
 public:
  Status Write(const Record& record) override {
    titles.push_back(record.title);
    return Status::Ok();
  }
  Status Fail(const std::string& uri, const Status& why) override {
    failures.push_back(uri + ": " + why.ToString());
    return Status::Ok();
  }
  std::vector<std::string> titles;
  std::vector<std::string> failures;
};

TEST(Pipeline, AnExceptionFailsOneDocumentAndTheRunGoesOn) {
  const std::string corpus = MakeCorpus("throwing", 5);
  PipelineOptions options;
  options.jobs = 2;
  CollectingSink sink;
  PipelineSummary summary;
  const auto extract = [](const Document& document) {
    if (document.title == "Report number 2") throw std::runtime_error("regex complexity exceeded");
    Record record;
    record.title = document.title;
    return record;
  };
  ASSERT_TRUE(RunPipeline({corpus}, options, extract, &sink, &summary).ok());
  EXPECT_EQ(sink.titles, (std::vector<std::string>{"Report number 0", "Report number 1", "Report number 3",
                                                   "Report number 4"}));
  ASSERT_EQ(sink.failures.size(), 1u);
  EXPECT_NE(
      sink.failures[0].find("doc1002.txt: limit-exceeded: processing gave up: regex complexity exceeded"),
      std::string::npos)
      << sink.failures[0];
  EXPECT_EQ(summary.failed, 1u);
}

// The nice value of the calling thread (Linux keeps one per thread).
int ThreadNice() { return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())); }

// The values `of_thread` gave on the worker threads of a pipeline over
// `documents` documents, with `options`.
template <typename OfThread>
auto OnWorkers(int documents, const PipelineOptions& options, OfThread of_thread) {
  std::mutex mutex;
  std::set<decltype(of_thread())> seen;
  const auto extract = [&](const Document& document) {
    auto value = of_thread();
    std::lock_guard<std::mutex> lock(mutex);
    seen.insert(std::move(value));
    Record record;
    record.title = document.title;
    return record;
  };
  CollectingSink sink;
  PipelineSummary summary;
  EXPECT_TRUE(RunPipeline({MakeCorpus("workers", documents)}, options, extract, &sink, &summary).ok());
  EXPECT_EQ(sink.titles.size(), static_cast<size_t>(documents));
  return seen;
}

TEST(Pipeline, WorkersRunAtTheNicenessAskedAndTheSinkThreadAsItWas) {
  const int caller = ThreadNice();
  for (const int niceness : {0, 3}) {
    PipelineOptions options;
    options.jobs = 2;
    options.worker_niceness = niceness;
    EXPECT_EQ(OnWorkers(6, options, ThreadNice), (std::set<int>{std::min(caller + niceness, 19)}))
        << niceness;
    EXPECT_EQ(ThreadNice(), caller);
  }
}

// Named threads are what bench/run_threads.sh reports by; the sink's thread,
// the caller's, keeps its name.
TEST(Pipeline, WorkersAreNamedAndTheSinkThreadKeepsItsName) {
  const std::string caller = CurrentThreadName();
  PipelineOptions options;
  options.jobs = 2;
  EXPECT_EQ(OnWorkers(4, options, CurrentThreadName), (std::set<std::string>{"nm-worker"}));
  EXPECT_EQ(CurrentThreadName(), caller);
}

// How many threads of this process have the name `name` now.
int ThreadsNamed(const std::string& name) {
  int count = 0;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string line;
    if (std::getline(comm, line) && line == name) ++count;
  }
  return count;
}

// A sink that counts the records it is given, and stops the run with an
// error at record `fail_at` (0: never), noting how many nm-free threads
// there are at the first record (waiting up to 10 s for one).
class CountingSink : public RecordSink {
 public:
  explicit CountingSink(int fail_at = 0) : fail_at_(fail_at) {}
  Status Write(const Record&) override {
    if (++records == 1) {
      // A new thread names itself once it runs: give it a moment.
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while ((freer_threads = ThreadsNamed("nm-free")) == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    return records == fail_at_ ? Status::IoError("disk full") : Status::Ok();
  }
  Status Fail(const std::string&, const Status&) override { return Status::Ok(); }
  int records = 0;
  int freer_threads = -1;

 private:
  const int fail_at_;
};

// The records the sink thread is done with are freed on a thread of their
// own (the sink thread bounds a store's run); a sink that takes JSON lines
// leaves none to free and gets no such thread.
TEST(Pipeline, RecordsAreFreedOnAThreadOfTheirOwn) {
  const std::string corpus = MakeCorpus("freed", 8);
  PipelineOptions options;
  options.jobs = 2;
  CountingSink sink;
  PipelineSummary summary;
  ASSERT_TRUE(RunPipeline({corpus}, options, TitleRecord, &sink, &summary).ok());
  EXPECT_EQ(sink.records, 8);
  EXPECT_EQ(sink.freer_threads, 1);
  EXPECT_EQ(ThreadsNamed("nm-free"), 0);  // joined at the run's end
}

// A sink's error stops the run at once, with batches still queued for
// freeing; the run ends (no thread waits for ever) and frees them (ASan's
// leak check in CI).
TEST(Pipeline, ASinkErrorStopsTheRunWithRecordsStillToFree) {
  const std::string corpus = MakeCorpus("sink-error", 400);
  for (const int jobs : {1, 2}) {
    PipelineOptions options;
    options.jobs = jobs;
    const auto extract = [](const Document& document) {
      Record record;
      record.title = document.title;
      record.text.assign(4096, 'x');
      return record;
    };
    CountingSink sink(/*fail_at=*/300);
    PipelineSummary summary;
    const Status s = RunPipeline({corpus}, options, extract, &sink, &summary);
    EXPECT_EQ(s.code(), Status::Code::kIoError) << jobs;
    EXPECT_EQ(sink.records, 300) << jobs;
    EXPECT_EQ(ThreadsNamed("nm-free"), 0) << jobs;
  }
}

// Takes records as JSON lines, logging lines and failures in the order they come.
class JsonLinesSink : public RecordSink {
 public:
  bool WantsJsonLines() const override { return true; }
  Status WriteJsonLines(std::string_view lines, size_t records) override {
    if (freer_threads < 0) freer_threads = ThreadsNamed("nm-free");
    EXPECT_EQ(static_cast<size_t>(std::count(lines.begin(), lines.end(), '\n')), records);
    for (const std::string& line : Lines(std::string(lines))) log.push_back(line);
    return Status::Ok();
  }
  Status Fail(const std::string& uri, const Status&) override {
    log.push_back("failed " + uri.substr(uri.rfind('/') + 1));
    return Status::Ok();
  }
  std::vector<std::string> log;
  int freer_threads = -1;  // nm-free threads at the first call
};

TEST(Pipeline, ASinkThatWantsJsonLinesGetsEveryRecordEncodedInOrder) {
  const std::string corpus = MakeCorpus("json_lines", 150);
  const auto extract = [](const Document& document) {
    if (document.title == "Report number 70") throw std::runtime_error("gave up");
    Record record;
    record.title = document.title;
    record.text = "line one\nline \"two\"";
    return record;
  };
  std::vector<std::string> expected;
  for (int i = 0; i < 150; ++i) {
    if (i == 70) {
      expected.push_back("failed doc1070.txt");
      continue;
    }
    Record record;
    record.title = "Report number " + std::to_string(i);
    record.text = "line one\nline \"two\"";
    expected.emplace_back();
    AppendRecordJson(record, &expected.back());
  }
  for (int jobs : {1, 3}) {
    PipelineOptions options;
    options.jobs = jobs;
    JsonLinesSink sink;
    PipelineSummary summary;
    ASSERT_TRUE(RunPipeline({corpus}, options, extract, &sink, &summary).ok());
    EXPECT_EQ(sink.log, expected) << jobs << " jobs";
    EXPECT_EQ(sink.freer_threads, 0) << jobs << " jobs";  // nothing to free
    EXPECT_EQ(summary.records, 149u);
    EXPECT_EQ(summary.failed, 1u);
  }
}

// With several jobs the workers parse JSON lines (the reader only cuts them),
// with one the reader does: either way, a line that is not a document fails
// with the reader's message, under its line number, and is no document read;
// --shard splits the lines by their ids.
TEST(Pipeline, WorkersParseJsonLinesAsTheReaderWould) {
  const std::string dir = TempDir("deferred_json");
  std::string lines;
  std::vector<std::string> expected;  // titles (the documents' uris) and failures, in order
  for (int i = 1; i <= 200; ++i) {
    if (i == 50) {
      lines += "{\"id\": \"x\", \"text\": \"cut short\n";
      expected.push_back(dir +
                         "/docs.jsonl#50: corrupt: JSON line 50: not JSON: Missing a closing quotation "
                         "mark in string. at column 31");
      continue;
    }
    if (i == 120) {
      lines += "{\"id\": \"y\", \"title\": \"no text\"}\n";
      expected.push_back(dir +
                         "/docs.jsonl#120: corrupt: JSON line 120: no text in the JSON object (text, "
                         "maintext, content, body, html, ...)");
      continue;
    }
    // Every tenth line has no id: its uri then ends in its line number.
    const std::string id = i % 10 == 0 ? "" : "\"id\": \"a" + std::to_string(i) + "\", ";
    lines += "{" + id + "\"title\": \"Report " + std::to_string(i) + "\", \"text\": \"Line " +
             std::to_string(i) + " of the report.\"}\n";
    expected.push_back(dir + "/docs.jsonl#" + (id.empty() ? std::to_string(i) : "a" + std::to_string(i)));
  }
  WriteFile(dir + "/docs.jsonl", lines);
  // The reader, parsing itself, rejects the same lines with the same words.
  class Rejections : public RawDocumentSink {
   public:
    bool Accept(RawDocument) override { return true; }
    void Reject(const std::string& uri, const Status& status) override {
      rejected.push_back(uri + ": " + status.ToString());
    }
    std::vector<std::string> rejected;
  } reader_sink;
  ReadInputs({dir}, ReaderOptions(), &reader_sink);
  EXPECT_EQ(reader_sink.rejected, std::vector<std::string>({expected[49], expected[119]}));
  const auto extract = [](const Document& document) {
    EXPECT_EQ(document.title.substr(0, 7), "Report ");
    Record record;
    record.title = document.uri;
    return record;
  };
  for (int jobs : {1, 3}) {
    PipelineOptions options;
    options.jobs = jobs;
    CollectingSink sink;
    PipelineSummary summary;
    ASSERT_TRUE(RunPipeline({dir}, options, extract, &sink, &summary).ok());
    std::vector<std::string> got = sink.titles;
    got.insert(got.end(), sink.failures.begin(), sink.failures.end());
    std::vector<std::string> want = expected;
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want) << jobs << " jobs";
    EXPECT_EQ(summary.documents_read, 198u);
    EXPECT_EQ(summary.records, 198u);
    EXPECT_EQ(summary.failed, 2u);
  }
  // Every good line in exactly one shard; the bad lines fail in every shard,
  // as they do when the reader parses (they have no key to shard by).
  std::multiset<std::string> union_of_shards;
  for (uint32_t shard = 0; shard < 3; ++shard) {
    PipelineOptions options;
    options.jobs = 2;
    options.shard_count = 3;
    options.shard_index = shard;
    CollectingSink sink;
    PipelineSummary summary;
    ASSERT_TRUE(RunPipeline({dir}, options, extract, &sink, &summary).ok());
    EXPECT_EQ(sink.failures.size(), 2u) << "shard " << shard;
    EXPECT_EQ(summary.records + summary.other_shards, 198u) << "shard " << shard;
    EXPECT_GT(summary.records, 30u) << "shard " << shard << " is badly unbalanced";
    union_of_shards.insert(sink.titles.begin(), sink.titles.end());
  }
  std::multiset<std::string> all_documents;
  for (const std::string& e : expected) {
    if (e.find(": corrupt") == std::string::npos) all_documents.insert(e);
  }
  EXPECT_EQ(union_of_shards, all_documents);
}

// Processed documents go back to the reader to be refilled: each document
// comes out as a fresh one would, whether the worker or the reader parses
// the lines, and documents too large to be kept for refilling as well.
TEST(Pipeline, RefilledDocumentsCarryNothingOver) {
  const std::string dir = TempDir("refilled");
  const auto summary_of = [](const Document& document) {
    return document.title + "|" + document.url + "|" + std::to_string(document.text.size());
  };
  std::string lines;
  std::vector<std::string> expected;  // summary_of each document built afresh
  for (int i = 1; i <= 400; ++i) {
    std::string line = "{\"id\": \"" + std::to_string(i) + "\", ";
    if (i % 3 == 0) line += "\"title\": \"Title " + std::to_string(i) + "\", ";
    if (i % 5 == 0) line += "\"url\": \"https://example.org/" + std::to_string(i) + "\", ";
    line += "\"text\": \"Report " + std::to_string(i) + ".";
    // Larger than a document kept for refilling.
    while (i % 97 == 0 && line.size() < (300 << 10)) line += " Talks in Paris went well, officials said.";
    line += "\"}";
    lines += line + "\n";
    RawDocument fresh;
    fresh.uri = dir + "/docs.jsonl";
    fresh.bytes = line;
    fresh.json_line_number = i;
    ASSERT_TRUE(ParseJsonLine(&fresh).ok());
    Document document;
    ASSERT_TRUE(BuildDocument(fresh, BuildOptions(), &document).ok());
    expected.push_back(summary_of(document));
  }
  WriteFile(dir + "/docs.jsonl", lines);
  const auto extract = [&](const Document& document) {
    Record record;
    record.title = summary_of(document);
    return record;
  };
  for (int jobs : {1, 2}) {
    PipelineOptions options;
    options.jobs = jobs;
    options.max_in_flight = 128;  // batches come back to the reader early and often
    CollectingSink sink;
    PipelineSummary summary;
    ASSERT_TRUE(RunPipeline({dir}, options, extract, &sink, &summary).ok());
    EXPECT_EQ(sink.titles, expected) << jobs << " jobs";
  }
}

// Records a title at a time and lets a test wait for one.
class WaitableSink : public CollectingSink {
 public:
  Status Write(const Record& record) override {
    std::lock_guard lock(mu_);
    CollectingSink::Write(record);
    written_.notify_all();
    return Status::Ok();
  }
  bool WaitForRecords(size_t n) {
    std::unique_lock lock(mu_);
    return written_.wait_for(lock, std::chrono::seconds(30), [&] { return titles.size() >= n; });
  }

 private:
  std::mutex mu_;
  std::condition_variable written_;
};

// Documents travel in batches, but a source slower than the workers (a pipe
// under a streaming mapper) must not wait for a batch to fill: its first
// record is out while the second document has not been written yet. (The
// first line is longer than the 4 KB the reader sniffs the format from.)
TEST(Pipeline, ASlowSourceIsNotHeldBackForABatch) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const int saved_stdin = dup(STDIN_FILENO);
  ASSERT_EQ(dup2(pipe_fds[0], STDIN_FILENO), STDIN_FILENO);
  close(pipe_fds[0]);
  WaitableSink sink;
  bool first_record_came_alone = false;
  std::thread writer([&] {
    std::string text;
    while (text.size() < 5000) text += "Talks in Paris went well, officials said. ";
    const std::string first = R"({"id": "1", "title": "First", "text": ")" + text + "\"}\n";
    const std::string second = R"({"id": "2", "title": "Second", "text": "Talks in Rome went well."})"
                               "\n";
    EXPECT_EQ(write(pipe_fds[1], first.data(), first.size()), static_cast<ssize_t>(first.size()));
    first_record_came_alone = sink.WaitForRecords(1);
    EXPECT_EQ(write(pipe_fds[1], second.data(), second.size()), static_cast<ssize_t>(second.size()));
    close(pipe_fds[1]);
  });
  PipelineOptions options;
  options.jobs = 2;
  PipelineSummary summary;
  const Status s = RunPipeline({"-"}, options, TitleRecord, &sink, &summary);
  writer.join();
  dup2(saved_stdin, STDIN_FILENO);
  close(saved_stdin);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(first_record_came_alone);
  EXPECT_EQ(sink.titles, (std::vector<std::string>{"First", "Second"}));
}

TEST(Pipeline, ShardOfIsStable) {
  // Fixed values: changing the partition function would scatter existing shards.
  EXPECT_EQ(ShardOf("a.txt", 1), 0u);
  const uint32_t shard = ShardOf("corpus/doc1.txt", 7);
  EXPECT_LT(shard, 7u);
  EXPECT_EQ(ShardOf("corpus/doc1.txt", 7), shard);
}

TEST(Pipeline, BadShardIsAUsageError) {
  std::string out;
  EXPECT_EQ(RunCommand(Binary() + " extract --shard 4/4 . 2>/dev/null", &out), 2);
  EXPECT_EQ(RunCommand(Binary() + " extract --shard x . 2>/dev/null", &out), 2);
}

TEST(Cli, VersionHelpAndUsageErrors) {
  std::string out;
  EXPECT_EQ(RunCommand(Binary() + " --version", &out), 0);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
  EXPECT_EQ(out.rfind("newsmine ", 0), 0u);
  for (const char* command : {"run", "extract", "query", "show"}) {
    EXPECT_EQ(RunCommand(Binary() + " " + command + " --help", &out), 0) << command;
    EXPECT_NE(out.find("usage: newsmine"), std::string::npos) << command;
    EXPECT_NE(out.find("--help"), std::string::npos) << command;
  }
  EXPECT_EQ(RunCommand(Binary() + " nonsense 2>/dev/null", &out), 2);
  EXPECT_EQ(RunCommand(Binary() + " extract --no-such-option x 2>/dev/null", &out), 2);
  EXPECT_EQ(RunCommand(Binary() + " extract 2>/dev/null", &out), 2);
}

TEST(Cli, MissingInputExitsOneAndWritesNothingToStdout) {
  std::string out;
  EXPECT_EQ(RunCommand(Binary() + " extract --quiet /no/such/file 2>/dev/null", &out), 1);
  EXPECT_EQ(out, "");
}

TEST(Cli, StoreFilesFollowTheUmask) {
  const std::string dir = TempDir("umask");
  WriteFile(dir + "/in/a.txt", "Title\n\nThe minister met the press on Monday and answered questions.\n");
  std::string out;
  ASSERT_EQ(
      RunCommand("umask 002 && " + Binary() + " run --quiet --store " + dir + "/store " + dir + "/in", &out),
      0);
  ASSERT_EQ(RunCommand("stat -c %a " + dir + "/store/MANIFEST.json " + dir + "/store/segments", &out), 0);
  EXPECT_EQ(out, "664\n775\n");
}

TEST(Cli, LimitsAreOptions) {
  const std::string dir = TempDir("limits");
  std::string html = "<html><body>";
  for (int i = 0; i < 200; ++i) html += "<div>";
  html +=
      "<p>The minister said on Monday that the new budget would be presented to parliament next week.</p>";
  for (int i = 0; i < 200; ++i) html += "</div>";
  html += "</body></html>";
  WriteFile(dir + "/deep.html", html);
  std::string big(3 << 20, 'a');
  for (size_t i = 80; i < big.size(); i += 81) big[i] = '\n';
  WriteFile(dir + "/big.txt", "Big file\n\n" + big);
  std::string out;
  EXPECT_EQ(RunCommand(Binary() + " extract --quiet " + dir + "/deep.html", &out), 0);
  EXPECT_EQ(Lines(out).size(), 1u) << "200 levels are within the default depth";
  EXPECT_EQ(
      RunCommand(Binary() + " extract --quiet --max-html-depth 50 " + dir + "/deep.html 2>&1 >/dev/null",
                 &out),
      0);
  EXPECT_NE(out.find("limit-exceeded"), std::string::npos) << out;
  EXPECT_EQ(
      RunCommand(Binary() + " extract --quiet --max-document-mb 2 " + dir + "/big.txt 2>&1 >/dev/null", &out),
      0);
  EXPECT_NE(out.find("limit-exceeded"), std::string::npos) << out;
}

TEST(ProgressLine, GivesThePercentageDoneAndTheTimeLeftOnceTheTotalIsKnown) {
  PipelineSummary s;
  s.records = 900;
  s.failed = 100;
  s.bytes_read = 50'000'000;
  s.seconds = 10;
  s.input_bytes_read = 300;
  s.input_bytes_passed = 200;
  const std::string counts = "1000 docs  50.0 MB  100 docs/s  5.0 MB/s  100 failed";
  EXPECT_EQ(ProgressLine(s, std::nullopt), counts);
  // 1,200 bytes to read (1,400 less 200 passed over), 300 of them read in
  // 10 s: the 900 left take 30 s.
  EXPECT_EQ(ProgressLine(s, 1400), counts + "  25%  ETA 30s");
  // Everything read (the file grew past its size, even).
  s.input_bytes_read = 1300;
  EXPECT_EQ(ProgressLine(s, 1400), counts + "  100%  ETA 0s");
  // Nothing read yet, or nothing to read: no estimate.
  s.input_bytes_read = 0;
  EXPECT_EQ(ProgressLine(s, 1400), counts);
  s.input_bytes_read = 10;
  EXPECT_EQ(ProgressLine(s, 200), counts);
}

TEST(ProgressLine, DurationsReadAsSecondsMinutesOrHours) {
  EXPECT_EQ(FormatDuration(0), "0s");
  EXPECT_EQ(FormatDuration(59.4), "59s");
  EXPECT_EQ(FormatDuration(60), "1m00s");
  EXPECT_EQ(FormatDuration(200), "3m20s");
  EXPECT_EQ(FormatDuration(3600), "1h00m");
  EXPECT_EQ(FormatDuration(96000), "26h40m");
  EXPECT_EQ(FormatDuration(-5), "0s");
}

// A document refused for its size is counted by reason, and the summary
// names the options that set the limits.
TEST(ExtractCommand, SummaryNamesTheLimitOptionsWhenALimitRefusedADocument) {
  const std::string path = TempDir("limit-hint") + "/big.txt";
  WriteFile(path, "Headline\n\n" + std::string(2 << 20, 'a') + "\n");
  std::string output;
  EXPECT_EQ(RunCommand(Binary() + " extract --max-document-mb 1 " + path + " 2>&1 >/dev/null", &output), 0);
  EXPECT_NE(output.find("failed (limit-exceeded): 1"), std::string::npos) << output;
  EXPECT_NE(output.find("the limits are options: --max-document-mb, --max-input-gb"), std::string::npos)
      << output;
}

}  // namespace
}  // namespace newsmine
