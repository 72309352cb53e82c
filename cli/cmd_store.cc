// newsmine run, show, stats, reindex, merge and verify: the commands that
// write or examine a store as a whole.
#include <chrono>
#include <cstdio>

#include "cli/batch.h"
#include "cli/cmd_store_common.h"
#include "cli/commands.h"
#include "core/cores.h"
#include "store/parallel_scan.h"
#include "store/query.h"

namespace newsmine {
namespace {

using Clock = std::chrono::steady_clock;

// Records per commit unless --commit-every says otherwise. Each commit writes
// every index page its records changed to the WAL, and copies them into the
// index file; new records land on random pages of the id and MinHash band
// B-trees, so fewer, larger commits write far fewer pages per record (over a
// 2.1 GB archive, back to back, 50,000 took `run` 285 s and 42 GB of writes
// where 10,000 took 348 s and 62 GB; 200,000 was no faster than 50,000).
// --commit-seconds still bounds what a crash costs.
constexpr long kDefaultCommitRecords = 50000;
constexpr long kDefaultCommitSeconds = 30;

// How much lower than the writer the workers of `run` are scheduled.
constexpr int kStoreWorkerNiceness = 10;

// Commits every `every_records` records or `every_seconds` seconds, whichever
// comes first, so that a crash loses little.
class CommitPolicy {
 public:
  CommitPolicy(Store* store, long every_records, long every_seconds)
      : store_(store), every_records_(every_records), every_(std::chrono::seconds(every_seconds)) {}
  Status MaybeCommit() {
    const auto now = Clock::now();
    if (store_->uncommitted_records() < static_cast<uint64_t>(every_records_) && now - last_ < every_) {
      return Status::Ok();
    }
    last_ = now;
    return store_->Commit();
  }

 private:
  Store* store_;
  const long every_records_;
  const Clock::duration every_;
  Clock::time_point last_ = Clock::now();
};

// The pipeline's results go into the store; inputs it has finished before
// are skipped.
class StoreSink : public RecordSink {
 public:
  StoreSink(Store* store, CommitPolicy* policy) : store_(store), policy_(policy) {}

  bool WantInput(const InputInfo& input) override { return !store_->HasFinishedInput(input.fingerprint); }
  Status InputFinished(const InputInfo& input) override {
    if (Status s = store_->AddFinishedInput(input); !s.ok()) return s;
    return policy_->MaybeCommit();
  }
  bool WantsPreparedRecords() const override { return true; }
  Status WritePrepared(PreparedRecord record) override {
    AppendOutcome outcome;
    if (Status s = store_->Append(std::move(record), &outcome); !s.ok()) return s;
    ++counts_[static_cast<int>(outcome)];
    return policy_->MaybeCommit();
  }
  Status Fail(const std::string& uri, const Status& why) override {
    PrintFailure(uri, why);
    return store_->AddError(uri, why);
  }
  uint64_t count(AppendOutcome outcome) const { return counts_[static_cast<int>(outcome)]; }

 private:
  Store* store_;
  CommitPolicy* policy_;
  uint64_t counts_[3] = {};
};

int ReportOutcome(const char* command, const Status& s) {
  return s.ok() ? kExitOk : ReportFailure(command, s);
}

}  // namespace

int RunCommand(int argc, char** argv) {
  BatchOptions options;
  std::string store_flag;
  long commit_every = kDefaultCommitRecords;
  long commit_seconds = kDefaultCommitSeconds;
  ArgParser parser(
      "newsmine run [options] INPUT...",
      "Ingest, extract and store. A second run over the same inputs adds nothing: records are keyed\n"
      "by their text, and input files fully processed before are skipped.\n"
      "INPUT is a file, a folder (walked recursively), an http(s) URL, or - for standard input.");
  AddStoreOption(&parser, &store_flag);
  AddBatchOptions(&parser, &options);
  parser.AddInt("commit-every", "N", "commit every N new records (default 50000)", &commit_every);
  parser.AddInt("commit-seconds", "S", "and at least every S seconds (default 30)", &commit_seconds);
  std::vector<std::string> positional;
  if (int exit = ParseOrExit("run", &parser, argc, argv, 2, &positional); exit >= 0) return exit;
  if (commit_every < 1 || commit_seconds < 0) {
    return ReportFailure("run", Status::InvalidArgument("--commit-every must be positive"));
  }
  std::vector<std::string> inputs;
  if (Status s = CollectInputs(options, positional, &inputs); !s.ok()) return ReportFailure("run", s);
  // ETag / Last-Modified of fetched pages live beside the records, so a
  // re-crawl into the same store sends conditional requests.
  options.fetch_state_dir = ResolveStoreDir(store_flag) + "/fetch";
  PipelineOptions pipeline_options;
  if (Status s = MakePipelineOptions(options, inputs, &pipeline_options); !s.ok())
    return ReportFailure("run", s);
  // The store's one writer thread bounds the run: with two jobs on two
  // cores it was idle 16 to 24 % of the time, waiting for a core, and 5 to
  // 13 % with the workers at nice +10 (docs/performance.md, ninth round).
  pipeline_options.worker_niceness = kStoreWorkerNiceness;
  std::unique_ptr<Extractor> extractor;
  if (Status s = LoadExtractor(options, &extractor); !s.ok()) return ReportFailure("run", s);
  std::unique_ptr<Store> store;
  if (!OpenStoreForCommand("run", store_flag, Store::Mode::kWrite, &store).ok()) return kExitFailure;

  CommitPolicy policy(store.get(), commit_every, commit_seconds);
  StoreSink sink(store.get(), &policy);
  PipelineSummary summary;
  Status s = RunPipeline(inputs, pipeline_options, *extractor, &sink, &summary);
  // What was processed before a failure is kept.
  if (Status c = store->CommitAndIndex(); s.ok()) s = c;
  PrintSummary(summary, options.quiet);
  if (!options.quiet) {
    std::fprintf(
        stderr,
        "newsmine: stored %llu new records (%llu near-duplicates), %llu already stored; %s holds %llu\n",
        static_cast<unsigned long long>(sink.count(AppendOutcome::kAdded) +
                                        sink.count(AppendOutcome::kNearDuplicate)),
        static_cast<unsigned long long>(sink.count(AppendOutcome::kNearDuplicate)),
        static_cast<unsigned long long>(sink.count(AppendOutcome::kAlreadyStored)), store->dir().c_str(),
        static_cast<unsigned long long>(store->manifest().records));
  }
  if (!s.ok()) {
    std::fprintf(stderr, "newsmine run: stopped: %s\n", s.ToString().c_str());
    return kExitFailure;
  }
  return summary.inputs_failed > 0 ? kExitFailure : kExitOk;
}

int ShowCommand(int argc, char** argv) {
  std::string store_flag;
  ArgParser parser("newsmine show [--store DIR] ID",
                   "Print one record, whole, as JSON (ID may be a unique prefix).");
  AddStoreOption(&parser, &store_flag);
  std::vector<std::string> positional;
  if (int exit = ParseOrExit("show", &parser, argc, argv, 2, &positional); exit >= 0) return exit;
  if (positional.size() != 1) return ReportFailure("show", Status::InvalidArgument("give one record id"));
  std::unique_ptr<Store> store;
  if (!OpenStoreForCommand("show", store_flag, Store::Mode::kRead, &store).ok()) return kExitFailure;
  std::string json;
  if (Status s = store->FindRecordJson(positional[0], &json); !s.ok()) return ReportFailure("show", s);
  json.push_back('\n');
  return std::fwrite(json.data(), 1, json.size(), stdout) == json.size() ? kExitOk : kExitFailure;
}

int StatsCommand(int argc, char** argv) {
  std::string store_flag, format_name;
  ArgParser parser("newsmine stats [--store DIR] [--format F]",
                   "Records, near-duplicates, sources, date range, errors and size of a store.");
  AddStoreOption(&parser, &store_flag);
  parser.AddString("format", "F", "table, jsonl, json or csv (default: table on a terminal, else jsonl)",
                   &format_name);
  std::vector<std::string> positional;
  if (int exit = ParseOrExit("stats", &parser, argc, argv, 2, &positional); exit >= 0) return exit;
  OutputFormat format;
  if (Status s = ParseOutputFormat(format_name, &format); !s.ok()) return ReportFailure("stats", s);
  std::unique_ptr<Store> store;
  if (!OpenStoreForCommand("stats", store_flag, Store::Mode::kRead, &store).ok()) return kExitFailure;
  ResultTable table;
  if (Status s = QueryStats(store.get(), &table); !s.ok()) return ReportFailure("stats", s);
  return ReportOutcome("stats", PrintResultTable(table, format, stdout));
}

int ReindexCommand(int argc, char** argv) {
  std::string store_flag;
  bool quiet = false;
  ArgParser parser("newsmine reindex [--store DIR] [--quiet]",
                   "Rebuild the store's index from its segments.");
  AddStoreOption(&parser, &store_flag);
  parser.AddFlag("quiet", "no progress lines on stderr", &quiet);
  std::vector<std::string> positional;
  if (int exit = ParseOrExit("reindex", &parser, argc, argv, 2, &positional); exit >= 0) return exit;
  std::unique_ptr<Store> store;
  if (!OpenStoreForCommand("reindex", store_flag, Store::Mode::kWrite, &store).ok()) return kExitFailure;
  ProgressPrinter print_progress(store->manifest().SegmentBytes());
  const auto start = Clock::now();
  Store::IndexProgress progress;
  if (!quiet) {
    progress = [&](uint64_t records, uint64_t bytes) { print_progress.ShowRecords(records, bytes); };
  }
  const Status s = store->Reindex(progress);
  if (!quiet) print_progress.Clear();
  if (!s.ok()) return ReportFailure("reindex", s);
  std::fprintf(stderr, "newsmine reindex: %llu records indexed in %.2f s\n",
               static_cast<unsigned long long>(store->manifest().records),
               std::chrono::duration<double>(Clock::now() - start).count());
  return kExitOk;
}

int MergeCommand(int argc, char** argv) {
  std::string store_flag;
  long jobs = 0;
  bool quiet = false;
  ArgParser parser("newsmine merge [--store OUT] [--jobs N] [--quiet] STORE...",
                   "Add the records of each STORE to OUT (created when absent), skipping ids OUT holds.");
  AddStoreOption(&parser, &store_flag);
  parser.AddInt("jobs", "N", "threads that parse and hash the records (default: one per core)", &jobs);
  parser.AddFlag("quiet", "no progress lines on stderr", &quiet);
  std::vector<std::string> sources;
  if (int exit = ParseOrExit("merge", &parser, argc, argv, 2, &sources); exit >= 0) return exit;
  if (sources.empty())
    return ReportFailure("merge", Status::InvalidArgument("name at least one store to merge"));
  if (jobs < 0) return ReportFailure("merge", Status::InvalidArgument("--jobs must not be negative"));
  std::vector<Manifest> manifests(sources.size());
  uint64_t total_bytes = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    if (Status s = ReadManifest(sources[i], &manifests[i]); !s.ok()) return ReportFailure("merge", s);
    total_bytes += manifests[i].SegmentBytes();
  }
  std::unique_ptr<Store> out;
  if (!OpenStoreForCommand("merge", store_flag, Store::Mode::kWrite, &out).ok()) return kExitFailure;
  CommitPolicy policy(out.get(), kDefaultCommitRecords, kDefaultCommitSeconds);
  ProgressPrinter print_progress(total_bytes);
  uint64_t added = 0, present = 0, bytes = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    const std::string& source = sources[i];
    // Records are parsed and prepared on the workers, and appended here in
    // the order of the source: the same store as appending them one by one.
    const auto prepare = [&source](const RecordLocation& at, std::string_view line,
                                   PreparedRecord* prepared) {
      Record record;
      if (Status p = ParseSegmentLine(source, at, line, &record); !p.ok()) return p;
      *prepared = PrepareRecord(std::move(record));
      return Status::Ok();
    };
    const auto append = [&](const RecordLocation& at, PreparedRecord&& prepared) {
      AppendOutcome outcome;
      if (Status a = out->Append(std::move(prepared), &outcome); !a.ok()) return a;
      ++(outcome == AppendOutcome::kAlreadyStored ? present : added);
      bytes += at.length + 1;
      if (!quiet) print_progress.ShowRecords(added + present, bytes);
      return policy.MaybeCommit();
    };
    Status s = ScanSegmentsInParallel<PreparedRecord>(
        source, manifests[i], jobs > 0 ? static_cast<int>(jobs) : CoresAvailable(), prepare, append);
    if (Status c = out->Commit(); s.ok()) s = c;
    if (!s.ok()) {
      if (!quiet) print_progress.Clear();
      return ReportFailure("merge", s);
    }
  }
  if (Status s = out->CommitAndIndex(); !s.ok()) return ReportFailure("merge", s);
  if (!quiet) print_progress.Clear();
  std::fprintf(stderr, "newsmine merge: %llu records added, %llu already in %s; it holds %llu\n",
               static_cast<unsigned long long>(added), static_cast<unsigned long long>(present),
               out->dir().c_str(), static_cast<unsigned long long>(out->manifest().records));
  return kExitOk;
}

int VerifyCommand(int argc, char** argv) {
  std::string store_flag;
  ArgParser parser("newsmine verify [--store DIR]",
                   "Check that segments, manifest and index agree; print each disagreement on stdout.\n"
                   "Exit status 1 when there is any.");
  AddStoreOption(&parser, &store_flag);
  std::vector<std::string> positional;
  if (int exit = ParseOrExit("verify", &parser, argc, argv, 2, &positional); exit >= 0) return exit;
  const std::string dir = ResolveStoreDir(store_flag);
  std::vector<std::string> problems;
  if (Status s = VerifyStore(dir, &problems); !s.ok()) return ReportFailure("verify", s);
  for (const std::string& problem : problems) std::printf("%s\n", problem.c_str());
  if (problems.empty()) std::printf("%s: segments, manifest and index agree\n", dir.c_str());
  return problems.empty() ? kExitOk : kExitFailure;
}

}  // namespace newsmine
