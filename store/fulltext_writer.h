// The full-text index's own database file, written by a thread of its own.
//
// FTS5 filing a record's words was a third of the store writer's time (its
// hash of pending words misses the cache). SQLite writes a database file
// from one connection at a time, so the full-text table lives
// in a file of its own (fulltext.sqlite beside index.sqlite), written by this
// class's thread on its own connection while the index's writer goes on.
//
// The file belongs to one index: it records that index's generation (a random
// number the index drew when it was created) and `covered`, the highest
// record number (index rowid) up to which it holds every record. The index's
// writer commits first and then asks this writer to commit, so the file is
// never ahead of its index; after a crash it may be behind, and
// Index::CatchUpFullText files the records it lacks.
//
// Thread-safety: the public methods belong to one thread (the index's
// writer); the work runs on the class's own thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "store/sqlite_db.h"

namespace newsmine {

class FullTextWriter {
 public:
  FullTextWriter() = default;
  // Close().
  ~FullTextWriter();
  FullTextWriter(const FullTextWriter&) = delete;
  FullTextWriter& operator=(const FullTextWriter&) = delete;

  // Opens the full-text file at `path` for index generation `generation`,
  // creating it when absent. A file of another generation or schema version,
  // one that claims more records than the index's highest number `max_rec`
  // (its index lost commits), or one SQLite cannot read, is replaced by an
  // empty one: it is derived. Sets *covered to the record number up to which
  // the file is complete. Starts the thread. Returns kIoError when SQLite
  // refuses.
  Status Open(const std::string& path, int64_t generation, int schema_version, int64_t max_rec,
              int64_t* covered);
  bool is_open() const { return thread_.joinable(); }

  // Queues record `rec`'s words (FullTextTerms). Blocks while the queue holds
  // 8 MiB of words. Add, Commit, Rollback and Wait do nothing on a writer
  // that is not open.
  void Add(int64_t rec, std::string terms);
  // Queues a commit of everything added, with `covered` as the new coverage.
  // Returns the first error the thread met since Open, if any: once it has
  // one, the thread drops what it is given and the file stays as of its last
  // commit.
  Status Commit(int64_t covered);
  // Drops what was added since the last Commit (the index's transaction was
  // rolled back).
  void Rollback();
  // Waits until the thread has done all it was given; returns the first
  // error it met.
  Status Wait();
  // Commits what was queued up to the last Commit, drops the rest, stops the
  // thread and closes the file. Returns the first error met.
  Status Close();

 private:
  // A record's words, or a marker.
  struct Item {
    enum class Kind { kAdd, kCommit, kRollback, kStop } kind;
    int64_t rec;  // kAdd: the record; kCommit: the coverage
    std::string terms;
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

  Database db_;  // the thread's, once started
  Statement insert_, set_covered_;
  std::thread thread_;
  bool in_transaction_ = false;  // the thread's
  std::vector<Item> batch_;      // the caller's, not yet queued
  size_t batch_bytes_ = 0;

  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<Item> queue_;  // guarded by mu_
  size_t queued_bytes_ = 0;  // guarded by mu_: the words in queue_
  bool busy_ = false;        // guarded by mu_: the thread is applying items
  Status error_;             // guarded by mu_: the first error
};

}  // namespace newsmine
