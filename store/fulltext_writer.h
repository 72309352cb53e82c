// The full-text index's writer, on a thread of its own (fulltext_file.h
// describes the files).
//
// Filing a record's words was a third of the store writer's time, so a
// thread of its own does it while the index's writer goes on. It keeps the
// words of the records added since its last run in memory, in a hash table
// of words and a list of the words of each record in arrival order (a
// record's words take 4 bytes each); at a commit, or when the list is full,
// it counts them into word order and writes them as a run. Runs of one
// level are merged into one of the next once there are `merge_fan_in` of
// them, so a word's records are read from a few runs and each record is
// rewritten a few times in all. (FTS5 did the same, with a B-tree per
// segment; its hash of pending words, with a malloc'd entry per word and a
// cache miss per posting, and its segment merges cost a quarter of `run`'s
// CPU time.)
//
// The index belongs to one index: its state records that index's generation
// and `covered`, the highest record number (index rowid) up to which it
// holds every record. The index's writer commits first and then asks this
// writer to commit, so the full-text index is never ahead of its index;
// after a crash it may be behind, and Index::CatchUpFullText files the
// records it lacks.
//
// Memory: at most `max_pending_postings` words of records (4 bytes each, and
// 4 more while a run is written) and the table of their distinct words
// (about 50 bytes each), plus 8 MiB of queued words and a merge's buffers
// (1 MiB a run).
//
// Thread-safety: the public methods belong to one thread (the index's
// writer); the work runs on the class's own thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "store/fulltext_file.h"

namespace newsmine {

struct FullTextWriterOptions {
  // Words of records held in memory before they are written as a run.
  size_t max_pending_postings = size_t{1} << 22;
  // Runs of one level merged into one of the next (at least 2).
  size_t merge_fan_in = 8;
};

class FullTextWriter {
 public:
  FullTextWriter();
  // Close().
  ~FullTextWriter();
  FullTextWriter(const FullTextWriter&) = delete;
  FullTextWriter& operator=(const FullTextWriter&) = delete;

  // Opens the full-text index in the folder `dir` for index generation
  // `generation`, creating it when absent. One of another generation or
  // schema version, one that claims more records than the index's highest
  // number `max_rec` (its index lost commits), or one whose state or runs
  // are damaged, is replaced by an empty one: it is derived. Files its state
  // does not name (a run of a commit that did not happen) are removed. Sets
  // *covered to the record number up to which the index is complete. Starts
  // the thread. Returns kIoError when the folder cannot be written.
  Status Open(const std::string& dir, int64_t generation, int schema_version, int64_t max_rec,
              int64_t* covered, const FullTextWriterOptions& options = {});
  bool is_open() const { return thread_.joinable(); }

  // Queues record `rec`'s words (FullTextWordHashes; a word given twice is
  // filed once). Records must be added in ascending order. Blocks while the queue holds
  // 8 MiB of words. Add, Commit, Rollback and Wait do nothing on a writer
  // that is not open.
  void Add(int64_t rec, std::vector<uint64_t> words);
  // Queues a commit of everything added, with `covered` as the new coverage.
  // Returns the first error the thread met since Open, if any: once it has
  // one, the thread drops what it is given and the index stays as of its
  // last commit.
  Status Commit(int64_t covered);
  // Drops what was added since the last Commit (the index's transaction was
  // rolled back).
  void Rollback();
  // Waits until the thread has done all it was given; returns the first
  // error it met.
  Status Wait();
  // Commits what was queued up to the last Commit, drops the rest, stops the
  // thread. Returns the first error met.
  Status Close();

 private:
  // A record's words, or a marker.
  struct Item {
    enum class Kind { kAdd, kCommit, kRollback, kStop } kind;
    int64_t rec;  // kAdd: the record; kCommit: the coverage
    std::vector<uint64_t> words;
  };

  // Moves batch_ to the queue, waiting while the queue is full unless
  // `wait_for_room` is false.
  void PushBatch(bool wait_for_room);
  // Drops the records added since the last commit marker that the thread has
  // not taken yet, then queues `marker` (kRollback or kStop), which makes the
  // thread roll back those it has.
  void DropUncommittedThenQueue(Item::Kind marker);
  // The thread: applies queued items in order until kStop.
  void Run();
  Status Apply(const Item& item);
  // Writes the pending words as a run of the transaction.
  Status WritePendingRun();
  Status CommitRuns(int64_t covered);
  // Merges the newest runs while merge_fan_in of them share a level.
  Status MergeWhileDue();
  // Forgets the transaction's words and removes its runs.
  void DropTransaction();

  class PendingWords;

  // The thread's, once started:
  std::string dir_;
  FullTextWriterOptions options_;
  FullTextState state_;  // as last committed
  std::vector<FullTextRunInfo> transaction_runs_;
  std::unique_ptr<PendingWords> pending_;
  bool in_transaction_ = false;  // records were added since the last commit

  std::thread thread_;
  std::vector<Item> batch_;  // the caller's, not yet queued
  size_t batch_bytes_ = 0;

  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<Item> queue_;  // guarded by mu_
  size_t queued_bytes_ = 0;  // guarded by mu_: the words in queue_
  bool busy_ = false;        // guarded by mu_: the thread is applying items
  Status error_;             // guarded by mu_: the first error
};

}  // namespace newsmine
