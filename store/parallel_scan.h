// A store's committed record lines, read in order by one thread, prepared by
// several, and used in order by the caller's.
//
// Rebuilding an index (Store::CatchUpIndex, so also Reindex and a writer's
// catch-up after a crash) and `newsmine merge` parse every record line and
// hash its text (its MinHash signature, its words). On the writer's one
// thread that was two fifths of that thread's time in a merge; here it runs on worker
// threads while the caller's thread only files what they prepared, in the
// same order, so the result is the same for any number of workers.
#pragma once

#include <exception>
#include <functional>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/ordered_channel.h"
#include "core/status.h"
#include "core/thread_name.h"
#include "store/manifest.h"
#include "store/store.h"

namespace newsmine {

// Works out what the caller needs from one record line (parses it, hashes
// it) into *out. Called on the worker threads at once: it must be
// thread-safe. A non-OK status stops the scan at this line.
template <typename T>
using PrepareLine = std::function<Status(const RecordLocation& at, std::string_view line, T* out)>;
// Uses one prepared line, on the calling thread, in segment order. A non-OK
// status stops the scan.
template <typename T>
using ApplyLine = std::function<Status(const RecordLocation& at, T&& prepared)>;

// Reads every committed line of the store in `dir` (as ScanSegments), has
// `jobs` worker threads (at least one) call `prepare` on each, and calls
// `apply` with the results in line order on the calling thread. Returns OK,
// or the first failure in line order (reading a segment, `prepare`, `apply`,
// or an exception thrown by `prepare`): every line before it has been
// applied, and none after it. Memory: at most 256 lines a worker, or one
// batch of 1 MiB of lines, and their Ts, between the reader and `apply`.
template <typename T>
Status ScanSegmentsInParallel(const std::string& dir, const Manifest& manifest, int jobs,
                              const PrepareLine<T>& prepare, const ApplyLine<T>& apply);

// ---------------------------------------------------------------------------
// Implementation.

namespace parallel_scan_internal {

template <typename T>
struct Item {
  RecordLocation at;
  size_t begin = 0, end = 0;  // the line, in its batch's `lines`
  Status status;              // a failure to read (from the reader) or to prepare
  T prepared;
};

template <typename T>
struct Batch {
  uint64_t seq = 0;
  std::vector<Item<T>> items;
  std::string lines;
};

// As in `run`'s pipeline: threads meet once per batch, not once per line.
constexpr size_t kBatchLines = 64;
constexpr size_t kBatchBytes = size_t{1} << 20;
constexpr size_t kLinesInFlightPerWorker = 256;

template <typename T>
Status PrepareCatching(const PrepareLine<T>& prepare, const RecordLocation& at, std::string_view line,
                       T* out) {
  try {
    return prepare(at, line, out);
  } catch (const std::bad_alloc&) {
    return Status::LimitExceeded("out of memory while preparing the record at byte " +
                                 std::to_string(at.offset) + " of segment " + std::to_string(at.segment));
  } catch (const std::exception& e) {
    return Status::LimitExceeded("preparing the record at byte " + std::to_string(at.offset) +
                                 " of segment " + std::to_string(at.segment) + " gave up: " + e.what());
  }
}

}  // namespace parallel_scan_internal

template <typename T>
Status ScanSegmentsInParallel(const std::string& dir, const Manifest& manifest, int jobs,
                              const PrepareLine<T>& prepare, const ApplyLine<T>& apply) {
  namespace internal = parallel_scan_internal;
  using Batch = internal::Batch<T>;
  if (jobs < 1) jobs = 1;
  OrderedChannel<Batch> channel(static_cast<size_t>(jobs) * internal::kLinesInFlightPerWorker);

  std::thread reader([&] {
    NameThisThread("nm-scan-reader");
    Batch batch;
    bool cancelled = false;
    const auto send = [&] {
      if (batch.items.empty()) return;
      std::optional<Batch> spent;
      cancelled = !channel.Push(std::move(batch), &spent);
      batch = Batch();
      if (spent) {
        // Its buffers, emptied, take the next lines.
        batch.items = std::move(spent->items);
        batch.items.clear();
        batch.lines = std::move(spent->lines);
        batch.lines.clear();
      }
    };
    const Status read = ScanSegments(dir, manifest, [&](const RecordLocation& at, std::string_view line) {
      internal::Item<T>& item = batch.items.emplace_back();
      item.at = at;
      item.begin = batch.lines.size();
      batch.lines.append(line);
      item.end = batch.lines.size();
      if (batch.items.size() >= internal::kBatchLines || batch.lines.size() >= internal::kBatchBytes) send();
      return cancelled ? Status::Busy("cancelled") : Status::Ok();
    });
    if (!read.ok() && !cancelled) batch.items.emplace_back().status = read;
    if (!cancelled) send();
    channel.CloseInput();
  });

  std::vector<std::thread> workers;
  for (int i = 0; i < jobs; ++i) {
    workers.emplace_back([&] {
      NameThisThread("nm-scan-worker");
      while (std::optional<Batch> batch = channel.Take()) {
        for (internal::Item<T>& item : batch->items) {
          if (!item.status.ok()) continue;
          const std::string_view line(batch->lines.data() + item.begin, item.end - item.begin);
          item.status = internal::PrepareCatching(prepare, item.at, line, &item.prepared);
        }
        channel.Finish(std::move(*batch));
      }
    });
  }

  Status result;
  try {
    while (std::optional<Batch> batch = channel.NextInOrder()) {
      for (internal::Item<T>& item : batch->items) {
        result = item.status.ok() ? apply(item.at, std::move(item.prepared)) : item.status;
        if (!result.ok()) break;
      }
      if (!result.ok()) break;
      channel.Recycle(std::move(*batch));
    }
  } catch (...) {
    channel.Cancel();
    reader.join();
    for (std::thread& worker : workers) worker.join();
    throw;
  }
  channel.Cancel();  // wakes the reader and the workers if the scan stopped early
  reader.join();
  for (std::thread& worker : workers) worker.join();
  return result;
}

}  // namespace newsmine
