// The batch pipeline: one reader thread (ingest readers) feeding N worker
// threads (BuildDocument + Extractor) through a bounded queue, and the calling
// thread writing results in input order to a RecordSink.
//
// Memory is bounded: at most `max_in_flight` documents exist between the
// reader and the sink, whatever the size of the inputs, plus the records of
// at most four delivered batches that a thread of their own ("nm-free";
// not started for JSON lines) has yet to free. The buffers of a few batches
// of processed documents then go back to the reader to be refilled (not
// those of large documents). Output is deterministic: the sink sees records
// in input order for any number of jobs.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "extract/extractor.h"
#include "extract/record.h"
#include "ingest/document_builder.h"
#include "ingest/reader.h"
#include "store/store.h"

namespace newsmine {

// Receives the pipeline's results, always on the thread that called
// RunPipeline, in input order.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Whether an input file needs reading at all (a store skips inputs it has
  // fully processed before). Called on the reader thread.
  virtual bool WantInput(const InputInfo&) { return true; }
  // Called after every record and failure of an input read to its end has
  // been passed to Write/Fail, in input order. A non-OK status stops the run.
  virtual Status InputFinished(const InputInfo&) { return Status::Ok(); }
  // Whether this sink takes records as JSON lines (WriteJsonLines) instead of
  // as Records (Write). The workers then encode each record as they finish
  // it, in parallel, and free it on the thread that made it; the sink thread
  // only copies bytes. Must not change during a run.
  virtual bool WantsJsonLines() const { return false; }
  // Whether this sink takes records prepared for a store (WritePrepared)
  // instead of as Records (Write). The workers then prepare each record as
  // they finish it (PrepareRecord, store.h), in parallel; the sink thread
  // only appends. Must not change during a run.
  virtual bool WantsPreparedRecords() const { return false; }
  // One record (sinks that want neither JSON lines nor prepared records). A
  // non-OK status stops the run (e.g. the disk is full).
  virtual Status Write(const Record&) { return Status::InvalidArgument("this sink takes JSON lines"); }
  // One prepared record (sinks that want prepared records). A non-OK status
  // stops the run.
  virtual Status WritePrepared(PreparedRecord) { return Status::InvalidArgument("this sink takes Records"); }
  // Consecutive records, each encoded by AppendRecordJson and ended by '\n'
  // (sinks that want JSON lines). `records` is how many lines `lines` holds.
  // A non-OK status stops the run.
  virtual Status WriteJsonLines(std::string_view /*lines*/, size_t /*records*/) {
    return Status::InvalidArgument("this sink takes Records");
  }
  // One document or input that failed, and why.
  virtual Status Fail(const std::string& uri, const Status& why) = 0;
};

struct PipelineOptions {
  int jobs = 1;                // worker threads
  size_t max_in_flight = 256;  // documents between reader and sink
  ReaderOptions reader;
  BuildOptions build;
  // With shard_count > 1, only documents whose key (uri) hashes to
  // shard_index are processed: N runs with 0..N-1 partition any input.
  uint32_t shard_index = 0;
  uint32_t shard_count = 1;
  // Keeps a document only when its main text has at least this many bytes.
  size_t min_text_bytes = 1;
  // Added to each worker thread's nice value (Linux keeps one per thread),
  // for sinks whose own thread bounds the run, such as a store's writer:
  // where threads outnumber cores, the kernel then runs the sink thread
  // first, and the workers in the time it leaves. 0 leaves them as they are.
  int worker_niceness = 0;
  // Called on the sink thread after every document (for progress lines).
  std::function<void(const struct PipelineSummary&)> on_progress;
};

struct PipelineSummary {
  uint64_t documents_read = 0;  // documents the readers found
  uint64_t other_shards = 0;    // documents left to other shards
  uint64_t bytes_read = 0;      // their undecoded bytes
  uint64_t records = 0;         // records passed to the sink
  uint64_t inputs_skipped = 0;  // input files the sink did not want
  uint64_t failed = 0;          // documents and inputs that failed
  uint64_t inputs_failed = 0;   // inputs that could not be read at all
  uint64_t skipped_non_html = 0;
  std::map<std::string, uint64_t> failures_by_reason;  // Status::CodeName() -> count
  double seconds = 0;
  // How far the reader is through the input files, in their bytes on disk
  // (InputProgress): against TotalInputBytes, the fraction done.
  uint64_t input_bytes_read = 0;
  uint64_t input_bytes_passed = 0;
};

// Turns one document into its record, taking its strings as it likes; called
// on the worker threads at once.
using ExtractFunction = std::function<Record(Document&&)>;

// Runs the whole batch. Returns the sink's first error if one stopped the run,
// else OK (per-document failures are in the summary, not in the status). An
// exception thrown while one document is processed (Boost.Regex giving up on
// a pattern, an allocation failure) fails that document only.
Status RunPipeline(const std::vector<std::string>& inputs, const PipelineOptions& options,
                   const ExtractFunction& extract, RecordSink* sink, PipelineSummary* summary);

// The same with `extractor.Extract` as the function.
Status RunPipeline(const std::vector<std::string>& inputs, const PipelineOptions& options,
                   const Extractor& extractor, RecordSink* sink, PipelineSummary* summary);

// The shard (0..shard_count-1) a document key belongs to. Stable across runs,
// machines and versions.
uint32_t ShardOf(const std::string& document_key, uint32_t shard_count);

}  // namespace newsmine
