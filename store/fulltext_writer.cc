#include "store/fulltext_writer.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <string_view>
#include <utility>

#include "core/thread_name.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;

// Words queued for the thread at most; Add waits beyond. The queue absorbs
// the thread's commits (writing a run, merging) while the index's writer
// goes on.
constexpr size_t kMaxQueuedBytes = size_t{8} << 20;
// Records handed to the thread at once (one lock and wake-up per batch).
constexpr size_t kBatchRecords = 64;

// Removes the files of `dir` but the state and the runs it names (all of
// them when `state` is null).
Status RemoveFilesNotNamed(const std::string& dir, const FullTextState* state) {
  std::set<std::string> keep;
  if (state != nullptr) {
    keep.insert(FullTextStatePath(dir));
    for (const FullTextRunInfo& run : state->runs) keep.insert(FullTextRunPath(dir, run.number));
  }
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (keep.count(entry.path().string()) == 0) fs::remove(entry.path(), error);
    if (error) return Status::IoError("cannot remove " + entry.path().string() + ": " + error.message());
  }
  if (error) return Status::IoError("cannot list " + dir + ": " + error.message());
  return Status::Ok();
}

}  // namespace

// The words of the records added since the last run: each distinct word once
// (a hash table of their hashes), and each record's words as numbers, in
// arrival order; WriteRun counts them into word order.
class FullTextWriter::PendingWords {
 public:
  void Add(int64_t rec, const std::vector<uint64_t>& hashes) {
    while (2 * (words_ + hashes.size()) > slots_.size()) Grow();
    // The table is larger than the caches: the slots of the words a few
    // ahead are fetched while this one is filed.
    constexpr size_t kAhead = 8;
    const size_t mask = slots_.size() - 1;
    for (size_t i = 0; i < std::min(kAhead, hashes.size()); ++i)
      __builtin_prefetch(&slots_[hashes[i] & mask]);
    for (size_t i = 0; i < hashes.size(); ++i) {
      if (i + kAhead < hashes.size()) __builtin_prefetch(&slots_[hashes[i + kAhead] & mask]);
      AddWord(hashes[i], mask);
    }
    records_.push_back({rec, static_cast<uint32_t>(postings_.size())});
  }
  size_t postings() const { return postings_.size(); }
  bool empty() const { return records_.empty(); }

  // Writes the words as a run at `path`, with its record range, and forgets
  // them.
  Status WriteRun(const std::string& path, FullTextRunInfo* run) {
    run->first_rec = records_.front().rec;
    run->last_rec = records_.back().rec;
    std::vector<std::pair<uint64_t, uint32_t>> order;  // (hash, word), by hash
    std::vector<uint32_t> next(words_);                // a word's records, then where they start
    order.reserve(words_);
    for (const Slot& slot : slots_) {
      if (slot.word == 0) continue;
      order.emplace_back(slot.hash, slot.word - 1);
      next[slot.word - 1] = slot.records;
    }
    std::sort(order.begin(), order.end());
    // Counting sort: each word's records, in arrival (record) order.
    uint32_t at = 0;
    for (const auto& [hash, w] : order) at += std::exchange(next[w], at);
    std::vector<uint32_t> by_word(postings_.size());
    size_t p = 0;
    for (uint32_t r = 0; r < records_.size(); ++r) {
      for (; p < records_[r].postings_end; ++p) by_word[next[postings_[p]]++] = r;
    }
    RunBuilder builder;
    if (Status s = builder.Open(path); !s.ok()) return s;
    std::string encoded;
    uint32_t begin = 0;
    for (const auto& [hash, w] : order) {
      encoded.clear();
      int64_t last = 0;
      for (uint32_t i = begin; i < next[w]; ++i) {
        const int64_t rec = records_[by_word[i]].rec;
        if (rec != last) AppendPosting(rec, &last, &encoded);  // a word a record gave twice
      }
      begin = next[w];
      if (Status s = builder.Add(hash, encoded); !s.ok()) return s;
    }
    if (Status s = builder.Finish(); !s.ok()) return s;
    Clear();
    return Status::Ok();
  }

  void Clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    words_ = 0;
    postings_.clear();
    records_.clear();
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t word = 0;     // its number plus one (numbers in order of first appearance); 0: empty
    uint32_t records = 0;  // how many of its records are pending
  };
  struct PendingRecord {
    int64_t rec;
    uint32_t postings_end;  // its words end there in postings_
  };

  void AddWord(uint64_t hash, size_t mask) {
    size_t i = hash & mask;
    while (slots_[i].word != 0 && slots_[i].hash != hash) i = (i + 1) & mask;
    Slot& slot = slots_[i];
    if (slot.word == 0) slot = Slot{hash, static_cast<uint32_t>(++words_), 0};
    ++slot.records;
    postings_.push_back(slot.word - 1);
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(1024, 2 * old.size()), Slot{});
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.word == 0) continue;
      size_t i = slot.hash & mask;
      while (slots_[i].word != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  size_t words_ = 0;                // distinct
  std::vector<uint32_t> postings_;  // word numbers, record by record
  std::vector<PendingRecord> records_;
};

FullTextWriter::FullTextWriter() = default;

FullTextWriter::~FullTextWriter() { Close(); }

Status FullTextWriter::Open(const std::string& dir, int64_t generation, int schema_version, int64_t max_rec,
                            int64_t* covered, const FullTextWriterOptions& options) {
  Close();
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    fs::remove(dir, error);  // a file in its place
    if (!fs::create_directories(dir, error)) {
      return Status::IoError("cannot create folder " + dir + ": " + error.message());
    }
  }
  dir_ = dir;
  options_ = options;
  options_.merge_fan_in = std::max<size_t>(2, options_.merge_fan_in);
  if (FullTextIndexUsable(dir, generation, schema_version, max_rec, &state_)) {
    if (Status s = RemoveFilesNotNamed(dir, &state_); !s.ok()) return s;
  } else {
    // Derived data of another index, another version, or damaged: start over.
    if (Status s = RemoveFilesNotNamed(dir, nullptr); !s.ok()) return s;
    state_ = FullTextState{generation, schema_version, 0, 1, {}};
    if (Status s = WriteFullTextState(dir, state_); !s.ok()) return s;
  }
  *covered = state_.covered;
  pending_ = std::make_unique<PendingWords>();
  transaction_runs_.clear();
  in_transaction_ = false;
  error_ = Status::Ok();
  thread_ = std::thread([this] {
    NameThisThread("nm-fulltext");
    Run();
  });
  return Status::Ok();
}

void FullTextWriter::Add(int64_t rec, std::vector<uint64_t> words) {
  batch_bytes_ += words.size() * sizeof(uint64_t);
  batch_.push_back(Item{Item::Kind::kAdd, rec, std::move(words)});
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
  pending_.reset();
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
  for (auto it = queue_.rbegin(); it != last_marker; ++it)
    queued_bytes_ -= it->words.size() * sizeof(uint64_t);
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
    if (failed || stop) DropTransaction();
  }
  std::lock_guard lock(mu_);
  busy_ = false;
  changed_.notify_all();
}

Status FullTextWriter::Apply(const Item& item) {
  switch (item.kind) {
    case Item::Kind::kAdd:
      in_transaction_ = true;
      pending_->Add(item.rec, item.words);
      return pending_->postings() >= options_.max_pending_postings ? WritePendingRun() : Status::Ok();
    case Item::Kind::kCommit:
      if (!in_transaction_) return Status::Ok();
      if (Status s = CommitRuns(item.rec); !s.ok()) return s;
      return MergeWhileDue();
    case Item::Kind::kRollback:
      DropTransaction();
      return Status::Ok();
    case Item::Kind::kStop:
      break;
  }
  return Status::Ok();
}

Status FullTextWriter::WritePendingRun() {
  FullTextRunInfo run;
  run.number = state_.next_run++;
  if (Status s = pending_->WriteRun(FullTextRunPath(dir_, run.number), &run); !s.ok()) return s;
  transaction_runs_.push_back(run);
  return Status::Ok();
}

Status FullTextWriter::CommitRuns(int64_t covered) {
  if (!pending_->empty()) {
    if (Status s = WritePendingRun(); !s.ok()) return s;
  }
  FullTextState next = state_;
  next.covered = covered;
  next.runs.insert(next.runs.end(), transaction_runs_.begin(), transaction_runs_.end());
  if (Status s = WriteFullTextState(dir_, next); !s.ok()) return s;
  state_ = std::move(next);
  transaction_runs_.clear();
  in_transaction_ = false;
  return Status::Ok();
}

Status FullTextWriter::MergeWhileDue() {
  std::vector<FullTextRunInfo>& runs = state_.runs;
  while (!runs.empty()) {
    // Levels never rise from the oldest run to the newest, so the runs of
    // the newest's level are the last ones; once there are enough, all of
    // them become one run of the next level, and the order still holds.
    const auto first = std::find_if(runs.rbegin(), runs.rend(), [&](const FullTextRunInfo& r) {
                         return r.level != runs.back().level;
                       }).base();
    const size_t count = static_cast<size_t>(runs.end() - first);
    if (count < options_.merge_fan_in) break;
    std::vector<std::string> inputs;
    for (auto it = first; it != runs.end(); ++it) inputs.push_back(FullTextRunPath(dir_, it->number));
    FullTextState next = state_;
    const FullTextRunInfo merged{next.next_run++, runs.back().level + 1, first->first_rec,
                                 runs.back().last_rec};
    if (Status s = MergeRuns(inputs, FullTextRunPath(dir_, merged.number)); !s.ok()) return s;
    next.runs.resize(next.runs.size() - count);
    next.runs.push_back(merged);
    if (Status s = WriteFullTextState(dir_, next); !s.ok()) return s;
    state_ = std::move(next);
    // A query that read the state before still reads the inputs it mapped.
    std::error_code ignored;
    for (const std::string& input : inputs) fs::remove(input, ignored);
  }
  return Status::Ok();
}

void FullTextWriter::DropTransaction() {
  pending_->Clear();
  std::error_code ignored;
  for (const FullTextRunInfo& run : transaction_runs_) fs::remove(FullTextRunPath(dir_, run.number), ignored);
  transaction_runs_.clear();
  in_transaction_ = false;
}

}  // namespace newsmine
