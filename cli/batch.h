// What `run` and `extract` share: their batch options, loading the extractor,
// progress lines and the closing summary on stderr.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/pipeline.h"
#include "extract/extractor.h"

namespace newsmine {

struct BatchOptions {
  long jobs = 0;  // 0: one per core
  std::vector<std::string> url_files;
  std::string data_dir;
  std::vector<std::string> actor_dictionaries;
  long max_document_mb = 64;  // a document (file, JSON line, WARC record)
  long max_input_gb = 4;      // one input file after decompression
  long max_html_depth = 1000;
  long max_compression_ratio = 1000;
  long max_documents_per_input = 10'000'000;  // WARC records, JSON lines
  std::string shard;                          // "i/N"; empty: no sharding
  // Fetching (http/https inputs, --urls).
  long fetch_concurrency = 16;
  long per_host_delay_ms = 500;
  long fetch_timeout_s = 60;
  std::string user_agent;
  bool ignore_robots = false;
  // Where ETag / Last-Modified are kept between runs; empty keeps nothing.
  std::string fetch_state_dir;
  bool quiet = false;
};

// Registers --jobs, --urls, --data, --actors, --max-document-mb, --shard,
// the fetch options and --quiet.
void AddBatchOptions(ArgParser* parser, BatchOptions* options);

// The inputs: positional arguments plus the URLs of every --urls file. Returns
// kInvalidArgument when there is none or a --urls file cannot be read.
Status CollectInputs(const BatchOptions& options, const std::vector<std::string>& positional,
                     std::vector<std::string>* inputs);

// Pipeline options from the batch options, with a progress reporter on stderr
// unless --quiet: a line redrawn four times a second on a terminal, else a
// line every ten seconds. While the run starts, a thread of its own adds up
// the sizes of `inputs` (TotalInputBytes); once it has, the lines also give
// the percentage done and the time left. Returns kInvalidArgument for a
// malformed --shard.
Status MakePipelineOptions(const BatchOptions& options, const std::vector<std::string>& inputs,
                           PipelineOptions* out);

// A progress line's text (without a carriage return or newline): documents,
// MB, documents/s, MB/s and failures so far; when the input files' total
// size is known, also the percentage of it read and, at the rate so far, the
// time left ("ETA 3m20s"). Input files skipped or left unread count neither
// as done nor as to do.
std::string ProgressLine(const PipelineSummary& summary, std::optional<uint64_t> total_input_bytes);

// Prints progress lines (ProgressLine) on stderr: on a terminal one line,
// redrawn at most four times a second; elsewhere a line every ten seconds.
// `total_input_bytes` gives the inputs' total size once it is known.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::function<std::optional<uint64_t>()> total_input_bytes);
  // The same with the total known from the start.
  explicit ProgressPrinter(uint64_t total_input_bytes);
  void operator()(const PipelineSummary& summary);
  // The same for a pass over a store's records (merge, reindex): the records
  // and the bytes of their lines done since the printer was made.
  void ShowRecords(uint64_t records, uint64_t bytes);
  // Wipes the line on a terminal, before the closing summary.
  void Clear() const;

 private:
  // Whether a line is due `seconds` into the run.
  bool Due(double seconds) const;

  std::function<std::optional<uint64_t>()> total_input_bytes_;
  bool tty_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  double last_ = 0;
};

// A duration for people: "42s", "3m20s", "1h02m".
std::string FormatDuration(double seconds);

Status LoadExtractor(const BatchOptions& options, std::unique_ptr<Extractor>* out);

// Prints "newsmine: URI: reason" on stderr for a document or input that
// failed, on a line of its own (over the progress line on a terminal).
void PrintFailure(const std::string& uri, const Status& why);

// Prints the closing summary on stderr (unless quiet).
void PrintSummary(const PipelineSummary& summary, bool quiet);

}  // namespace newsmine
