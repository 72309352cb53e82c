#include "cli/batch.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <future>
#include <thread>

#include "core/cores.h"

namespace newsmine {

void AddBatchOptions(ArgParser* parser, BatchOptions* options) {
  parser->AddInt("jobs", "N", "worker threads (default: one per core)", &options->jobs);
  parser->AddList("urls", "FILE", "read URLs to fetch from FILE, one a line, '#' comments",
                  &options->url_files);
  parser->AddString("data", "DIR", "knowledge folder (default: $NEWSMINE_DATA or the built-in corpus/data)",
                    &options->data_dir);
  parser->AddList("actors", "FILE", "extra actor dictionary in the Phoenix/PETRARCH format (repeatable)",
                  &options->actor_dictionaries);
  parser->AddInt("max-document-mb", "N", "refuse documents larger than N MiB (default 64)",
                 &options->max_document_mb);
  parser->AddInt("max-input-gb", "N", "refuse input files larger than N GiB decompressed (default 4)",
                 &options->max_input_gb);
  parser->AddInt("max-html-depth", "N", "refuse HTML nested deeper than N elements (default 1000)",
                 &options->max_html_depth);
  parser->AddInt("max-compression-ratio", "N",
                 "stop decompressing past N times the compressed size (default 1000)",
                 &options->max_compression_ratio);
  parser->AddInt("max-documents-per-input", "N",
                 "read at most N documents (WARC records, JSON lines) from one input (default 10000000)",
                 &options->max_documents_per_input);
  parser->AddString("shard", "I/N", "process only shard I of N (0-based; stable partition by document)",
                    &options->shard);
  parser->AddInt("fetch-concurrency", "N", "URLs fetched at once, all hosts together (default 16)",
                 &options->fetch_concurrency);
  parser->AddInt("per-host-delay-ms", "MS", "pause between two requests to one host (default 500)",
                 &options->per_host_delay_ms);
  parser->AddInt("fetch-timeout", "S", "give up a transfer after S seconds (default 60)",
                 &options->fetch_timeout_s);
  parser->AddString("user-agent", "TEXT", "User-Agent of every request", &options->user_agent);
  parser->AddFlag("ignore-robots", "fetch what robots.txt disallows", &options->ignore_robots);
  parser->AddFlag("quiet", "no progress lines or summary on stderr", &options->quiet);
}

Status CollectInputs(const BatchOptions& options, const std::vector<std::string>& positional,
                     std::vector<std::string>* inputs) {
  *inputs = positional;
  for (const std::string& file : options.url_files) {
    std::ifstream in(file);
    if (!in) return Status::InvalidArgument("cannot read --urls file " + file);
    std::string line;
    while (std::getline(in, line)) {
      if (const size_t hash = line.find('#'); hash != std::string::npos) line.erase(hash);
      const size_t b = line.find_first_not_of(" \t\r");
      if (b == std::string::npos) continue;
      const size_t e = line.find_last_not_of(" \t\r");
      inputs->push_back(line.substr(b, e - b + 1));
    }
  }
  if (inputs->empty()) return Status::InvalidArgument("no input given (a file, folder, URL or -)");
  return Status::Ok();
}

namespace {

Status ParseShard(const std::string& spec, uint32_t* index, uint32_t* count) {
  unsigned long i = 0, n = 0;
  char extra = 0;
  if (std::sscanf(spec.c_str(), "%lu/%lu%c", &i, &n, &extra) != 2 || n == 0 || i >= n || n > 1000000) {
    return Status::InvalidArgument("--shard needs I/N with 0 <= I < N, not '" + spec + "'");
  }
  *index = static_cast<uint32_t>(i);
  *count = static_cast<uint32_t>(n);
  return Status::Ok();
}

}  // namespace

Status MakePipelineOptions(const BatchOptions& options, const std::vector<std::string>& inputs,
                           PipelineOptions* out) {
  PipelineOptions p;
  if (!options.shard.empty()) {
    if (Status s = ParseShard(options.shard, &p.shard_index, &p.shard_count); !s.ok()) return s;
  }
  p.jobs = options.jobs > 0 ? static_cast<int>(options.jobs) : CoresAvailable();
  const size_t max_bytes = static_cast<size_t>(options.max_document_mb > 0 ? options.max_document_mb : 64)
                           << 20;
  p.reader.max_document_bytes = max_bytes;
  p.reader.max_input_bytes = static_cast<size_t>(std::clamp(options.max_input_gb, 1L, 1L << 20)) << 30;
  p.reader.max_compression_ratio =
      static_cast<size_t>(std::clamp(options.max_compression_ratio, 2L, 1L << 30));
  p.reader.max_documents_per_input = static_cast<size_t>(std::max(options.max_documents_per_input, 1L));
  p.build.max_html_depth = static_cast<int>(std::clamp(options.max_html_depth, 8L, 100000L));
  FetchOptions& fetch = p.reader.fetch;
  fetch.concurrency = static_cast<int>(std::clamp(options.fetch_concurrency, 1L, 1000L));
  fetch.per_host_delay_ms = static_cast<int>(std::clamp(options.per_host_delay_ms, 0L, 600000L));
  fetch.timeout_ms = static_cast<int>(std::clamp(options.fetch_timeout_s, 1L, 86400L) * 1000);
  if (!options.user_agent.empty()) fetch.user_agent = options.user_agent;
  fetch.ignore_robots = options.ignore_robots;
  fetch.state_dir = options.fetch_state_dir;
  fetch.max_body_bytes = max_bytes;
  p.build.max_document_bytes = max_bytes;
  // Four batches of 64 per worker: a worker finds the next batch ready while
  // the sink waits for a slow one, and memory stays a few MB per worker.
  p.max_in_flight = static_cast<size_t>(p.jobs) * 256;
  if (!options.quiet) {
    // Walking a folder of a million files takes a while: the run does not
    // wait for it.
    std::shared_future<std::optional<uint64_t>> total =
        std::async(std::launch::async, TotalInputBytes, inputs).share();
    p.on_progress = ProgressPrinter([total]() -> std::optional<uint64_t> {
      if (total.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
      return total.get();
    });
  }
  *out = std::move(p);
  return Status::Ok();
}

ProgressPrinter::ProgressPrinter(std::function<std::optional<uint64_t>()> total_input_bytes)
    : total_input_bytes_(std::move(total_input_bytes)), tty_(isatty(STDERR_FILENO)) {}

ProgressPrinter::ProgressPrinter(uint64_t total_input_bytes)
    : ProgressPrinter([total_input_bytes] { return std::optional<uint64_t>(total_input_bytes); }) {}

bool ProgressPrinter::Due(double seconds) const { return seconds - last_ >= (tty_ ? 0.25 : 10.0); }

void ProgressPrinter::operator()(const PipelineSummary& s) {
  if (!Due(s.seconds)) return;
  last_ = s.seconds;
  std::fprintf(stderr, "%s%s%s", tty_ ? "\r\033[K" : "", ProgressLine(s, total_input_bytes_()).c_str(),
               tty_ ? "" : "\n");
}

void ProgressPrinter::ShowRecords(uint64_t records, uint64_t bytes) {
  // Called for every record: the summary is made only for a line printed.
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (!Due(seconds)) return;
  PipelineSummary summary;
  summary.records = records;
  summary.bytes_read = summary.input_bytes_read = bytes;
  summary.seconds = seconds;
  (*this)(summary);
}

void ProgressPrinter::Clear() const {
  if (tty_) std::fprintf(stderr, "\r\033[K");
}

std::string FormatDuration(double seconds) {
  const long s = std::lround(std::max(seconds, 0.0));
  char text[32];
  if (s < 60) {
    std::snprintf(text, sizeof text, "%lds", s);
  } else if (s < 3600) {
    std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, s / 60 % 60);
  }
  return text;
}

std::string ProgressLine(const PipelineSummary& s, std::optional<uint64_t> total_input_bytes) {
  const double seconds = s.seconds > 0 ? s.seconds : 1;
  const uint64_t docs = s.records + s.failed;
  const double mb = s.bytes_read / 1e6;
  char text[160];
  std::snprintf(text, sizeof text, "%llu docs  %.1f MB  %.0f docs/s  %.1f MB/s  %llu failed",
                static_cast<unsigned long long>(docs), mb, docs / seconds, mb / seconds,
                static_cast<unsigned long long>(s.failed));
  std::string line = text;
  if (!total_input_bytes || *total_input_bytes <= s.input_bytes_passed || s.input_bytes_read == 0)
    return line;
  const uint64_t to_read = *total_input_bytes - s.input_bytes_passed;
  const uint64_t left = to_read > s.input_bytes_read ? to_read - s.input_bytes_read : 0;
  const double rate = s.input_bytes_read / seconds;
  std::snprintf(text, sizeof text, "  %.0f%%  ETA %s",
                100.0 * static_cast<double>(to_read - left) / static_cast<double>(to_read),
                FormatDuration(left / rate).c_str());
  return line + text;
}

Status LoadExtractor(const BatchOptions& options, std::unique_ptr<Extractor>* out) {
  ExtractorOptions e;
  e.data_dir = options.data_dir;
  e.actor_dictionaries = options.actor_dictionaries;
  return Extractor::Load(e, out);
}

void PrintFailure(const std::string& uri, const Status& why) {
  static const bool tty = isatty(STDERR_FILENO);
  std::fprintf(stderr, "%snewsmine: %s: %s\n", tty ? "\r\033[K" : "", uri.c_str(), why.ToString().c_str());
}

void PrintSummary(const PipelineSummary& s, bool quiet) {
  if (quiet) return;
  if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\r\033[K");
  const double seconds = s.seconds > 0 ? s.seconds : 1e-9;
  std::fprintf(stderr,
               "newsmine: %llu documents read, %llu records, %llu failed, %llu inputs skipped (done before); "
               "%.1f MB in %.2f s "
               "(%.1f MB/s, %.0f docs/s)\n",
               static_cast<unsigned long long>(s.documents_read), static_cast<unsigned long long>(s.records),
               static_cast<unsigned long long>(s.failed), static_cast<unsigned long long>(s.inputs_skipped),
               s.bytes_read / 1e6, s.seconds, s.bytes_read / 1e6 / seconds, s.documents_read / seconds);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::fprintf(stderr, "newsmine:   peak memory (RSS) %.1f MB\n", usage.ru_maxrss / 1024.0);
  for (const auto& [reason, count] : s.failures_by_reason) {
    std::fprintf(stderr, "newsmine:   failed (%s): %llu\n", reason.c_str(),
                 static_cast<unsigned long long>(count));
  }
  if (s.failures_by_reason.count(Status::LimitExceeded("").CodeName())) {
    std::fprintf(stderr,
                 "newsmine:   the limits are options: --max-document-mb, --max-input-gb, --max-html-depth, "
                 "--max-compression-ratio, --max-documents-per-input (README, Limits)\n");
  }
  if (s.other_shards) {
    std::fprintf(stderr, "newsmine:   left to other shards: %llu\n",
                 static_cast<unsigned long long>(s.other_shards));
  }
  if (s.skipped_non_html) {
    std::fprintf(stderr, "newsmine:   archive payloads skipped (not text or HTML): %llu\n",
                 static_cast<unsigned long long>(s.skipped_non_html));
  }
}

}  // namespace newsmine
