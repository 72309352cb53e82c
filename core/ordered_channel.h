// A bounded, ordered channel between one reader thread, N worker threads
// and one sink thread: the reader pushes batches of items, the workers take
// and finish them in any order, and the sink receives them in the order they
// were pushed. `run`'s pipeline (cli/pipeline.cc) and the parallel scan of a
// store's segments (store/parallel_scan.h) are built on it.
//
// Memory is bounded: Push waits while `max_in_flight` items are pushed and
// not yet received by the sink (a batch always goes in when nothing is in
// flight). The sink may hand received batches back (Recycle) for the reader
// to refill, so that buffers are reused rather than allocated per batch.
//
// `Batch` is movable and has `uint64_t seq` (set by Push) and `items`, a
// container with size(). Thread-safety: every method may be called from any
// thread; each is meant for the side its comment names.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace newsmine {

template <typename Batch>
class OrderedChannel {
 public:
  explicit OrderedChannel(size_t max_in_flight) : max_in_flight_(max_in_flight) {}

  // Reader side: waits until the batch fits under max_in_flight unfinished
  // items (a batch always fits when nothing is in flight). Sets *spent to a
  // batch the sink is done with, when there is one (see Recycle). Returns
  // false when the run is cancelled.
  bool Push(Batch batch, std::optional<Batch>* spent) {
    std::unique_lock lock(mu_);
    const size_t n = batch.items.size();
    if (in_flight_ != 0 && in_flight_ + n > max_in_flight_) {
      // No room: the reader sleeps until there is room for this batch and
      // the next (or until nothing is in flight, when two never fit), so
      // that it wakes once per two batches, not once per batch.
      reader_wakes_at_ = max_in_flight_ >= 2 * n ? max_in_flight_ - 2 * n : 0;
      reader_waits_ = true;
      room_.wait(lock, [&] { return cancelled_ || in_flight_ <= reader_wakes_at_; });
      reader_waits_ = false;
    }
    if (cancelled_) return false;
    batch.seq = next_seq_++;
    in_flight_ += batch.items.size();
    ++unfinished_batches_;
    todo_.push_back(std::move(batch));
    work_.notify_one();
    if (!spent_.empty()) {
      *spent = std::move(spent_.back());
      spent_.pop_back();
    }
    return true;
  }
  void CloseInput() {
    std::lock_guard lock(mu_);
    input_closed_ = true;
    work_.notify_all();
    ready_.notify_all();
  }
  // Worker side: the next batch to process, or nullopt when there is none left.
  std::optional<Batch> Take() {
    std::unique_lock lock(mu_);
    work_.wait(lock, [&] { return cancelled_ || input_closed_ || !todo_.empty(); });
    if (cancelled_ || todo_.empty()) return std::nullopt;
    Batch batch = std::move(todo_.front());
    todo_.pop_front();
    return batch;
  }
  void Finish(Batch batch) {
    std::lock_guard lock(mu_);
    const uint64_t seq = batch.seq;
    done_.emplace(seq, std::move(batch));
    --unfinished_batches_;
    if (SinkHasWork()) ready_.notify_one();
  }
  // Sink side: the next batch in input order, or nullopt at the end. Awake,
  // the sink takes every batch that is ready in order; asleep, it is woken
  // only when SinkHasWork(): about once per two batches.
  std::optional<Batch> NextInOrder() {
    std::unique_lock lock(mu_);
    if (!done_.count(next_to_write_)) ready_.wait(lock, [&] { return cancelled_ || SinkHasWork(); });
    const auto it = done_.find(next_to_write_);
    if (cancelled_ || it == done_.end()) return std::nullopt;
    Batch batch = std::move(it->second);
    done_.erase(it);
    ++next_to_write_;
    in_flight_ -= batch.items.size();
    if (reader_waits_ && in_flight_ <= reader_wakes_at_) room_.notify_one();
    return batch;
  }
  // Sink side: hands a delivered batch back for the reader to refill.
  void Recycle(Batch batch) {
    std::unique_lock lock(mu_);
    if (spent_.size() < kSpentBatches) spent_.push_back(std::move(batch));
    lock.unlock();  // an unwanted batch is freed outside the lock
  }
  // True when no batch waits for or is in a worker: the workers are idle.
  bool WorkersIdle() const { return unfinished_batches_ == 0; }
  void Cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    room_.notify_all();
    work_.notify_all();
    ready_.notify_all();
  }

 private:
  // Whether the sink, asleep, is to be woken: two batches are ready in
  // order; or one is and no other is on its way (a slow source's records go
  // out at once, and the last ones of a run); or the run is over.
  bool SinkHasWork() const {
    if (input_closed_ && next_to_write_ == next_seq_) return true;
    return done_.count(next_to_write_) && (unfinished_batches_ == 0 || done_.count(next_to_write_ + 1));
  }

  // Spent batches waiting for the reader; it takes one per batch it sends,
  // so more than a few means it is not keeping up, and they are freed.
  static constexpr size_t kSpentBatches = 2;

  const size_t max_in_flight_;
  std::mutex mu_;
  std::condition_variable room_, work_, ready_;
  std::deque<Batch> todo_;
  std::map<uint64_t, Batch> done_;
  std::vector<Batch> spent_;  // delivered, for the reader to refill
  uint64_t next_seq_ = 0;
  uint64_t next_to_write_ = 0;
  size_t in_flight_ = 0;                       // items pushed and not yet taken by the sink
  std::atomic<size_t> unfinished_batches_{0};  // pushed and not yet finished by a worker
  bool reader_waits_ = false;                  // in Push, for in_flight_ <= reader_wakes_at_
  size_t reader_wakes_at_ = 0;
  bool input_closed_ = false;
  bool cancelled_ = false;
};

}  // namespace newsmine
