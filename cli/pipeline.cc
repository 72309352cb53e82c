#include "cli/pipeline.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "core/hash.h"
#include "core/ordered_channel.h"
#include "core/thread_name.h"
#include "store/record_json.h"

namespace newsmine {
namespace {

// One unit of work.
struct Item {
  RawDocument raw;
  std::string failed_uri;  // set for a reader rejection
  Status status;           // the rejection or the build failure
  std::optional<Record> record;
  // For a sink that wants prepared records: the record, prepared (the
  // record is dropped).
  std::optional<PreparedRecord> prepared;
  // For a sink that wants JSON lines: the record's line, as the range
  // [json_begin, json_end) of the batch's json_lines (the record is dropped).
  size_t json_begin = 0;
  size_t json_end = 0;
  // Set for an end-of-input marker, which carries no document.
  std::optional<InputInfo> finished_input;
  // A JSON line that turned out to belong to another shard (the key is only
  // known once the worker has parsed it): nothing to write.
  bool other_shard = false;
  // A JSON line the worker could not parse: the reader counted it as a
  // document, but it is a rejection, as when the reader parses.
  bool unparsable_line = false;

  bool NeedsWork() const { return failed_uri.empty() && !finished_input; }
};

// Items travel in batches, numbered in input order: the threads then meet
// once per batch rather than once per document. On short articles, batches of
// 16 still left a tenth of the CPU time in futex wake-ups; 64 leave little.
struct Batch {
  uint64_t seq = 0;
  std::vector<Item> items;
  size_t bytes = 0;        // raw document bytes, to bound a batch's memory
  std::string json_lines;  // the items' records, for a sink that wants JSON lines
};
constexpr size_t kBatchItems = 64;
constexpr size_t kBatchBytes = 1 << 20;

// Spent batches go back to the reader, which refills their strings (the
// documents', the JSON lines') instead of allocating new ones: no malloc on
// the reader thread and no free of another thread's memory per document.
// Only buffers up to these sizes are kept for that, so that recycling holds
// about one batch's worth of memory per spent batch, whatever the documents.
constexpr size_t kRecycledDocumentBytes = 256 << 10;
constexpr size_t kRecycledJsonLinesBytes = 4 * kBatchBytes;

// Frees a processed document when its strings hold too much memory to be
// worth recycling.
void FreeIfLarge(RawDocument* document) {
  const RawDocument& d = *document;
  const size_t held = d.uri.capacity() + d.bytes.capacity() + d.declared_charset.capacity() +
                      d.title.capacity() + d.published.capacity() + d.url.capacity() +
                      d.source_name.capacity();
  if (held > kRecycledDocumentBytes) *document = RawDocument();
}

using Channel = OrderedChannel<Batch>;

// Counts kept by the reader thread and the workers, read by the sink thread.
struct PipelineCounters {
  InputProgress input;
  std::atomic<uint64_t> bytes{0};
  std::atomic<uint64_t> inputs_skipped{0};
  std::atomic<uint64_t> other_shards{0};
};

// Admits a parsed document to the run: true when its key (uri) falls in
// this run's shard (--shard), counting its bytes; else counts it as left to
// another shard.
bool Admit(const RawDocument& document, const PipelineOptions& options, PipelineCounters* counters) {
  if (options.shard_count > 1 && ShardOf(document.uri, options.shard_count) != options.shard_index) {
    ++counters->other_shards;
    return false;
  }
  counters->bytes += document.bytes.size();
  return true;
}

// Adapts the readers' callbacks to the channel, gathering items into batches.
// A batch is sent when full, at the end of every input (an input's records
// never wait for the next input), and at once whenever the workers are idle:
// a slow source (standard input, the network) then gets its records without
// delay, and only a reader that outruns the workers fills batches.
class ChannelSink : public RawDocumentSink {
 public:
  ChannelSink(Channel* channel, RecordSink* sink, const PipelineOptions& options, PipelineCounters* counters)
      : channel_(channel), sink_(sink), options_(options), counters_(counters) {}
  bool WantInput(const InputInfo& info) override {
    if (sink_->WantInput(info)) return true;
    ++counters_->inputs_skipped;
    return false;
  }
  void InputFinished(const InputInfo& info) override {
    NewItem().finished_input = info;
    Added();
    Send();
  }
  RawDocument NewDocument() override {
    if (next_spare_ == spare_.items.size()) return RawDocument();
    RawDocument& document = spare_.items[next_spare_++].raw;
    document.Clear();
    return std::move(document);
  }
  bool Accept(RawDocument document) override {
    // An unparsed JSON line's key and text are the worker's to find.
    if (document.json_line_number == 0 && !Admit(document, options_, counters_)) return true;
    batch_.bytes += document.bytes.size();
    NewItem().raw = std::move(document);
    return Added();
  }
  void Reject(const std::string& uri, const Status& status) override {
    Item& item = NewItem();
    item.failed_uri = uri;
    item.status = status;
    Added();
  }
  // Sends what is gathered; false when the run is cancelled.
  bool Send() {
    if (batch_.items.empty()) return !cancelled_;
    std::optional<Batch> spent;
    if (!channel_->Push(std::move(batch_), &spent)) cancelled_ = true;
    batch_ = Batch();
    if (spent) Reuse(std::move(*spent));
    return !cancelled_;
  }

 private:
  // Takes a delivered batch, whose documents NewDocument hands out again.
  // The spare batch it replaces (its documents handed out or left) gives
  // the next batch its item vector, and the delivered one its JSON-lines
  // buffer.
  void Reuse(Batch spent) {
    spare_.items.clear();
    batch_.items = std::move(spare_.items);
    batch_.json_lines.swap(spent.json_lines);
    batch_.json_lines.clear();
    if (batch_.json_lines.capacity() > kRecycledJsonLinesBytes) batch_.json_lines = std::string();
    spare_ = std::move(spent);
    next_spare_ = 0;
  }

  Item& NewItem() {
    if (batch_.items.empty()) batch_.items.reserve(kBatchItems);
    return batch_.items.emplace_back();
  }
  // Sends the batch when it is full, or whenever the workers are idle.
  bool Added() {
    if (batch_.items.size() < kBatchItems && batch_.bytes < kBatchBytes && !channel_->WorkersIdle()) {
      return !cancelled_;
    }
    return Send();
  }

  Channel* channel_;
  RecordSink* sink_;
  const PipelineOptions& options_;
  PipelineCounters* counters_;
  Batch batch_;
  Batch spare_;            // delivered: its documents are refilled
  size_t next_spare_ = 0;  // spare_.items[next_spare_] is the next to refill
  bool cancelled_ = false;
};

// Parses an item's JSON line and applies the shard partition to it, as
// ChannelSink::Accept and the reader do for other documents. False when the
// item has nothing more to do.
bool ParseDeferredLine(Item* item, const PipelineOptions& options, PipelineCounters* counters) {
  if (Status s = ParseJsonLine(&item->raw); !s.ok()) {
    item->status = s;
    item->failed_uri = item->raw.uri;
    item->unparsable_line = true;
    return false;
  }
  item->other_shard = !Admit(item->raw, options, counters);
  return !item->other_shard;
}

// Builds and extracts one document. An exception from a library (Boost.Regex
// gives up on a pattern that takes too long; an allocation fails) fails this
// document only, with the reason, and the run goes on.
Status Process(const RawDocument& raw, const PipelineOptions& options, const ExtractFunction& extract,
               std::optional<Record>* record) {
  try {
    Document document;
    if (Status s = BuildDocument(raw, options.build, &document); !s.ok()) return s;
    if (document.text.size() < options.min_text_bytes) return Status::Corrupt("no article text found");
    *record = extract(std::move(document));
    return Status::Ok();
  } catch (const std::bad_alloc&) {
    return Status::LimitExceeded("out of memory while processing this document");
  } catch (const std::exception& e) {
    return Status::LimitExceeded(std::string("processing gave up: ") + e.what());
  }
}

// The form in which a sink takes records (RecordSink).
enum class RecordForm { kRecord, kJsonLine, kPrepared };

RecordForm FormWanted(const RecordSink& sink) {
  if (sink.WantsJsonLines()) return RecordForm::kJsonLine;
  return sink.WantsPreparedRecords() ? RecordForm::kPrepared : RecordForm::kRecord;
}

// Raises the calling thread's nice value by `niceness` (19 at most). A
// failure leaves the thread as it was: it costs speed, not records.
void LowerThreadPriority(int niceness) {
  if (niceness <= 0) return;
  errno = 0;
  const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  if (errno != 0) return;
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), std::min(nice + niceness, 19));
}

void Work(Channel* channel, const PipelineOptions& options, const ExtractFunction& extract, RecordForm form,
          PipelineCounters* counters) {
  LowerThreadPriority(options.worker_niceness);
  const bool json_lines = form == RecordForm::kJsonLine;
  while (std::optional<Batch> batch = channel->Take()) {
    // Plain-text records run to about 1.7 times their input (the text and
    // what was found in it); reserving twice the input spares the growing
    // copies, and pages never written cost no memory.
    if (json_lines) batch->json_lines.reserve(2 * batch->bytes + 4096);
    for (Item& item : batch->items) {
      if (!item.NeedsWork()) continue;
      if (item.raw.json_line_number != 0 && !ParseDeferredLine(&item, options, counters)) {
        FreeIfLarge(&item.raw);
        continue;
      }
      item.status = Process(item.raw, options, extract, &item.record);
      if (!item.status.ok()) item.failed_uri = item.raw.uri;
      // Its bytes are no longer needed; the reader refills the buffers.
      FreeIfLarge(&item.raw);
      if (json_lines && item.record) {
        item.json_begin = batch->json_lines.size();
        AppendRecordJson(*item.record, &batch->json_lines);
        batch->json_lines.push_back('\n');
        item.json_end = batch->json_lines.size();
        item.record.reset();
      } else if (form == RecordForm::kPrepared && item.record) {
        item.prepared = PrepareRecord(std::move(*item.record));
        item.record.reset();
      }
    }
    channel->Finish(std::move(*batch));
  }
}

// Frees the records of delivered batches on a thread of its own, then hands
// the batches back for the reader to refill. Freeing a record's many
// strings, most of them allocated by a worker, took 1 to 3 % of a store
// writer's time on the sink thread (docs/performance.md, the twenty-seventh
// round), and the writer bounds `run`.
// At most kQueuedBatches wait for the thread; a batch beyond them is freed
// by the sink thread itself, so memory stays bounded when the thread gets
// no core. The thread runs at the workers' priority (worker_niceness).
class RecordFreer {
 public:
  RecordFreer(Channel* channel, int niceness)
      : channel_(channel), thread_([this, niceness] {
          NameThisThread("nm-free");
          LowerThreadPriority(niceness);
          Loop();
        }) {}
  // Frees what is queued, then joins the thread.
  ~RecordFreer() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
    }
    queued_.notify_one();
    thread_.join();
  }
  // Sink side: frees `batch`'s records and recycles it, here or on the
  // thread.
  void Free(Batch batch) {
    std::unique_lock lock(mu_);
    if (queue_.size() < kQueuedBatches) {
      queue_.push_back(std::move(batch));
      lock.unlock();
      queued_.notify_one();
      return;
    }
    lock.unlock();
    FreeAndRecycle(&batch);
  }

 private:
  static constexpr size_t kQueuedBatches = 4;

  void Loop() {
    std::unique_lock lock(mu_);
    while (true) {
      queued_.wait(lock, [&] { return closed_ || !queue_.empty(); });
      if (queue_.empty()) return;
      Batch batch = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      FreeAndRecycle(&batch);
      lock.lock();
    }
  }
  void FreeAndRecycle(Batch* batch) {
    for (Item& item : batch->items) {
      item.record.reset();
      item.prepared.reset();
    }
    channel_->Recycle(std::move(*batch));
  }

  Channel* channel_;
  std::mutex mu_;
  std::condition_variable queued_;
  std::deque<Batch> queue_;
  bool closed_ = false;
  std::thread thread_;  // last: it starts once the rest is made
};

// Hands a batch's results to the sink in input order, consecutive JSON lines
// in one call. Returns the sink's first error.
// *unparsable_lines counts the JSON lines the workers could not parse.
Status Deliver(Batch* batch, RecordSink* sink, const PipelineOptions& options,
               const PipelineCounters& counters, std::chrono::steady_clock::time_point start,
               PipelineSummary* summary, uint64_t* unparsable_lines) {
  size_t lines_begin = 0, lines_end = 0, lines = 0;  // JSON lines not yet written
  const auto write_lines = [&]() -> Status {
    if (lines == 0) return Status::Ok();
    const size_t n = lines;
    lines = 0;
    return sink->WriteJsonLines(
        std::string_view(batch->json_lines).substr(lines_begin, lines_end - lines_begin), n);
  };
  for (Item& item : batch->items) {
    if (item.json_end > item.json_begin) {
      if (lines == 0) lines_begin = item.json_begin;
      lines_end = item.json_end;
      ++lines;
      ++summary->records;
    } else {
      Status s = write_lines();
      if (s.ok() && item.other_shard) {
        // Counted by the worker.
      } else if (s.ok() && item.finished_input) {
        s = sink->InputFinished(*item.finished_input);
      } else if (s.ok() && item.record) {
        s = sink->Write(*item.record);
        ++summary->records;
      } else if (s.ok() && item.prepared) {
        s = sink->WritePrepared(std::move(*item.prepared));
        ++summary->records;
      } else if (s.ok()) {
        s = sink->Fail(item.failed_uri, item.status);
        ++summary->failed;
        if (item.unparsable_line) ++*unparsable_lines;
        ++summary->failures_by_reason[item.status.CodeName()];
      }
      if (!s.ok()) return s;
    }
    if (options.on_progress) {
      summary->bytes_read = counters.bytes;
      summary->input_bytes_read = counters.input.read;
      summary->input_bytes_passed = counters.input.passed;
      summary->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      options.on_progress(*summary);
    }
  }
  return write_lines();
}

}  // namespace

uint32_t ShardOf(const std::string& document_key, uint32_t shard_count) {
  return shard_count <= 1 ? 0 : static_cast<uint32_t>(Fnv1a64(document_key) % shard_count);
}

Status RunPipeline(const std::vector<std::string>& inputs, const PipelineOptions& options,
                   const ExtractFunction& extract, RecordSink* sink, PipelineSummary* summary) {
  const auto start = std::chrono::steady_clock::now();
  *summary = PipelineSummary();
  Channel channel(options.max_in_flight < 1 ? 1 : options.max_in_flight);
  PipelineCounters counters;
  ReadSummary read_summary;
  // With several workers, they parse the JSON lines: the one reader thread
  // would otherwise bound how many of them can be kept busy. One worker is
  // faster with the reader parsing beside it, on another core.
  const int jobs = options.jobs < 1 ? 1 : options.jobs;
  ReaderOptions reader_options = options.reader;
  reader_options.defer_json_parse = jobs > 1;
  reader_options.progress = &counters.input;
  std::thread reader([&] {
    NameThisThread("nm-reader");
    ChannelSink channel_sink(&channel, sink, options, &counters);
    read_summary = ReadInputs(inputs, reader_options, &channel_sink);
    channel_sink.Send();
    channel.CloseInput();
  });
  std::vector<std::thread> workers;
  const RecordForm form = FormWanted(*sink);
  for (int i = 0; i < jobs; ++i) {
    workers.emplace_back([&channel, &options, &extract, form, &counters] {
      NameThisThread("nm-worker");
      Work(&channel, options, extract, form, &counters);
    });
  }

  Status result;
  uint64_t unparsable_lines = 0;
  {
    // Records are freed on a thread of their own: not on this one, which
    // bounds a store's run, nor on the reader, one for all the workers,
    // which has no time to spare. JSON lines leave nothing to free: the
    // workers freed their records.
    std::optional<RecordFreer> freer;
    if (form != RecordForm::kJsonLine) freer.emplace(&channel, options.worker_niceness);
    while (std::optional<Batch> batch = channel.NextInOrder()) {
      result = Deliver(&*batch, sink, options, counters, start, summary, &unparsable_lines);
      if (!result.ok()) {
        channel.Cancel();
        break;
      }
      if (freer) {
        freer->Free(std::move(*batch));
      } else {
        channel.Recycle(std::move(*batch));
      }
    }
  }
  reader.join();
  for (std::thread& worker : workers) worker.join();
  summary->documents_read = read_summary.documents - unparsable_lines;
  summary->inputs_failed = read_summary.inputs_failed;
  summary->skipped_non_html = read_summary.skipped_non_html;
  summary->inputs_skipped = counters.inputs_skipped;
  summary->other_shards = counters.other_shards;
  summary->bytes_read = counters.bytes;
  summary->input_bytes_read = counters.input.read;
  summary->input_bytes_passed = counters.input.passed;
  summary->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

Status RunPipeline(const std::vector<std::string>& inputs, const PipelineOptions& options,
                   const Extractor& extractor, RecordSink* sink, PipelineSummary* summary) {
  return RunPipeline(
      inputs, options, [&extractor](Document&& document) { return extractor.Extract(std::move(document)); },
      sink, summary);
}

}  // namespace newsmine
