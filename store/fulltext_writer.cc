#include "store/fulltext_writer.h"

#include <algorithm>
#include <utility>

namespace newsmine {
namespace {

// The full-text connection's page cache. FTS5 writes its segments in order
// and reads little back, so it needs less than the index's (index.cc).
constexpr int kCacheKiB = 16 * 1024;
// FTS5 keeps new words in memory up to `hashsize` bytes, then writes them as
// a segment, which it merges with the others later: at the default 1 MB,
// merging cost a run over Reuters as much as the inserts did.
constexpr int kPendingBytes = 16 << 20;
// FTS5 merges the segments of a level into one once there are this many
// (its default is 4). Over a large archive merging was a tenth of the
// writer's time; at 16, `run` over 626 MB took 51 and 54 s instead of 58 and
// 59 (over 2.1 GB, 2 to 3 % less), and queries gave the same answers in the
// same time from a full-text index 3 % larger.
constexpr int kAutomerge = 16;
// Words queued for the thread at most; Add waits beyond. The queue absorbs
// the thread's commits (writing out its pending words, merging) while the
// index's writer goes on.
constexpr size_t kMaxQueuedBytes = size_t{8} << 20;
// Records handed to the thread at once (one lock and wake-up per batch).
constexpr size_t kBatchRecords = 64;

constexpr const char* kSchema = R"sql(
CREATE VIRTUAL TABLE text USING fts5(terms, content='', detail=none, columnsize=0, tokenize='ascii');
CREATE TABLE fulltext_state(generation INTEGER NOT NULL, covered INTEGER NOT NULL);
)sql";

// Whether the open database is a full-text file of this generation and
// schema covering at most `max_rec`; sets *covered.
bool Usable(Database& db, int64_t generation, int schema_version, int64_t max_rec, int64_t* covered) {
  Statement q;
  if (!db.Prepare("SELECT (SELECT user_version FROM pragma_user_version), generation, covered "
                  "FROM fulltext_state",
                  &q)
           .ok() ||
      !q.Step()) {
    return false;
  }
  *covered = q.Int(2);
  return q.Int(0) == schema_version && q.Int(1) == generation && *covered <= max_rec;
}

}  // namespace

FullTextWriter::~FullTextWriter() { Close(); }

Status FullTextWriter::Open(const std::string& path, int64_t generation, int schema_version, int64_t max_rec,
                            int64_t* covered) {
  Close();
  if (Status s = db_.Open(path, false); !s.ok()) return s;
  if (!Usable(db_, generation, schema_version, max_rec, covered)) {
    // Derived data of another index, another version, or damaged: start over.
    db_.Close();
    RemoveDatabaseFiles(path);
    if (Status s = db_.Open(path, false); !s.ok()) return s;
    *covered = 0;
    if (Status s =
            db_.Exec(std::string("PRAGMA journal_mode=WAL; BEGIN;") + kSchema +
                     "INSERT INTO text(text, rank) VALUES('hashsize', " + std::to_string(kPendingBytes) +
                     "); INSERT INTO text(text, rank) VALUES('automerge', " + std::to_string(kAutomerge) +
                     "); INSERT INTO fulltext_state VALUES (" + std::to_string(generation) +
                     ", 0); PRAGMA user_version = " + std::to_string(schema_version) + "; COMMIT;");
        !s.ok()) {
      db_.Close();
      return s;
    }
  }
  // NORMAL synchronisation, as for the index: the file is derived, and
  // catches up after a crash.
  Status s = db_.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-" +
                      std::to_string(kCacheKiB) + ";");
  if (s.ok()) s = db_.Prepare("INSERT INTO text(rowid, terms) VALUES (?1, ?2)", &insert_);
  if (s.ok()) s = db_.Prepare("UPDATE fulltext_state SET covered = ?1", &set_covered_);
  if (!s.ok()) {
    db_.Close();
    return s;
  }
  error_ = Status::Ok();
  in_transaction_ = false;
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void FullTextWriter::Add(int64_t rec, std::string terms) {
  batch_bytes_ += terms.size();
  batch_.push_back(Item{Item::Kind::kAdd, rec, std::move(terms)});
  if (batch_.size() >= kBatchRecords) PushBatch(true);
}

Status FullTextWriter::Commit(int64_t covered) {
  batch_.push_back(Item{Item::Kind::kCommit, covered, {}});
  PushBatch(false);
  std::lock_guard lock(mu_);
  return error_;
}

void FullTextWriter::Rollback() {
  if (is_open()) DropUncommittedThenQueue(Item::Kind::kRollback);
}

Status FullTextWriter::Wait() {
  if (!is_open()) return Status::Ok();
  PushBatch(false);
  std::unique_lock lock(mu_);
  changed_.wait(lock, [this] { return queue_.empty() && !busy_; });
  return error_;
}

Status FullTextWriter::Close() {
  if (!thread_.joinable()) return Status::Ok();
  DropUncommittedThenQueue(Item::Kind::kStop);
  thread_.join();
  insert_ = Statement();
  set_covered_ = Statement();
  db_.Close();
  std::lock_guard lock(mu_);
  queue_.clear();
  queued_bytes_ = 0;
  return std::exchange(error_, Status::Ok());
}

void FullTextWriter::PushBatch(bool wait_for_room) {
  if (!is_open()) batch_.clear();  // nobody would take it
  if (batch_.empty()) return;
  std::unique_lock lock(mu_);
  if (wait_for_room) {
    changed_.wait(lock, [this] { return queued_bytes_ < kMaxQueuedBytes || !error_.ok(); });
  }
  if (error_.ok()) {
    std::move(batch_.begin(), batch_.end(), std::back_inserter(queue_));
    queued_bytes_ += batch_bytes_;
    changed_.notify_all();
  }
  batch_.clear();
  batch_bytes_ = 0;
}

void FullTextWriter::DropUncommittedThenQueue(Item::Kind marker) {
  batch_.clear();
  batch_bytes_ = 0;
  std::lock_guard lock(mu_);
  const auto last_marker = std::find_if(queue_.rbegin(), queue_.rend(),
                                        [](const Item& item) { return item.kind != Item::Kind::kAdd; });
  for (auto it = queue_.rbegin(); it != last_marker; ++it) queued_bytes_ -= it->terms.size();
  queue_.erase(last_marker.base(), queue_.end());
  queue_.push_back(Item{marker, 0, {}});
  changed_.notify_all();
}

void FullTextWriter::Run() {
  std::vector<Item> work;
  bool failed = false, stop = false;
  while (!stop) {
    {
      std::unique_lock lock(mu_);
      busy_ = false;
      changed_.notify_all();
      changed_.wait(lock, [this] { return !queue_.empty(); });
      work.swap(queue_);
      queued_bytes_ = 0;
      busy_ = true;
      changed_.notify_all();
    }
    for (const Item& item : work) {
      if (item.kind == Item::Kind::kStop) {
        stop = true;
        break;
      }
      if (failed) continue;
      if (Status s = Apply(item); !s.ok()) {
        failed = true;
        std::lock_guard lock(mu_);
        error_ = s;
      }
    }
    work.clear();
    if ((failed || stop) && in_transaction_) {
      db_.Exec("ROLLBACK");
      in_transaction_ = false;
    }
  }
  std::lock_guard lock(mu_);
  busy_ = false;
  changed_.notify_all();
}

Status FullTextWriter::Apply(const Item& item) {
  switch (item.kind) {
    case Item::Kind::kAdd:
      if (!in_transaction_) {
        if (Status s = db_.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
        in_transaction_ = true;
      }
      insert_.BindInt(1, item.rec);
      insert_.BindText(2, item.terms);
      return insert_.Run();
    case Item::Kind::kCommit:
      if (!in_transaction_) return Status::Ok();
      if (!db_.InTransaction()) {
        in_transaction_ = false;
        return Status::IoError("full-text index: the transaction was rolled back after an error");
      }
      set_covered_.BindInt(1, item.rec);
      if (Status s = set_covered_.Run(); !s.ok()) return s;
      if (Status s = db_.Exec("COMMIT"); !s.ok()) {
        in_transaction_ = db_.InTransaction();
        return s;
      }
      in_transaction_ = false;
      return Status::Ok();
    case Item::Kind::kRollback:
      if (in_transaction_) db_.Exec("ROLLBACK");
      in_transaction_ = false;
      return Status::Ok();
    case Item::Kind::kStop:
      break;
  }
  return Status::Ok();
}

}  // namespace newsmine
