// The full-text index's files: for each word, the records that hold it.
//
// The index lives in a folder of its own (`fulltext/` in a store) holding
// runs and a state file. A run is an immutable file of the words of a range
// of records, sorted by the words' 64-bit hashes (FullTextWordHash), each
// with the ascending numbers of the records that hold it. The state file
// lists the committed runs, oldest first (their record ranges ascend and do
// not overlap), with the index's generation and `covered`: the highest
// record number up to which the runs hold every record. A writer adds a run
// per commit and replaces runs by their merge; it writes a run in full and
// syncs it before a state file names it, and replaces the state file
// atomically, so a reader sees one committed state or the next.
//
// Words are kept as hashes, not as text: two words share a posting list
// only if their 64-bit hashes collide (for a vocabulary of ten million
// words, a chance of about 1 in 10^12 that any query word meets one).
//
// Run file layout, integers little-endian, varints LEB128:
//   entries, ascending by hash: hash (8 bytes), the postings' byte length
//     (varint), the postings: the first record number, then the gap to each
//     next one (varints)
//   a sparse index of every kRunIndexInterval-th entry: hash, entry offset
//     (8 + 8 bytes)
//   footer: entries, index offset, index entries (8 bytes each), magic
//     "NMFTRUN1"
// Record numbers are positive and ascend within a word; RunCursor refuses an
// entry longer than the file.
//
// Thread-safety: RunBuilder, RunCursor and FullTextSnapshot belong to one
// thread each; the free functions share no state.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/fulltext.h"

namespace newsmine {

// One entry in RunCursor::Next and the sparse index take one in this many.
constexpr uint64_t kRunIndexInterval = 64;

// A run named by a state file.
struct FullTextRunInfo {
  uint64_t number = 0;  // the file is RunPath(dir, number)
  int level = 0;        // 0: written by a commit; L + 1: a merge of runs of level L
  int64_t first_rec = 0, last_rec = 0;
};

struct FullTextState {
  int64_t generation = 0;  // the index's (Index::Open)
  int schema_version = 0;
  int64_t covered = 0;
  uint64_t next_run = 1;              // the number the next run file gets
  std::vector<FullTextRunInfo> runs;  // oldest first
};

// The state file and run files in the index folder `dir`.
std::string FullTextStatePath(const std::string& dir);
std::string FullTextRunPath(const std::string& dir, uint64_t number);

// Reads the state file of `dir`. Returns kNotFound when there is none,
// kCorrupt when it does not parse.
Status ReadFullTextState(const std::string& dir, FullTextState* out);
// Replaces the state file of `dir` atomically (written, synced, renamed).
Status WriteFullTextState(const std::string& dir, const FullTextState& state);

// Whether the full-text index in `dir` can be used as it is by the index of
// generation `generation`, schema `schema_version`, whose highest record
// number is `max_rec`: its state is that index's, claims no record past
// `max_rec`, and each of its runs opens whole. Sets *state to what it read.
// (FullTextWriter::Open starts over from an empty index when it cannot.)
bool FullTextIndexUsable(const std::string& dir, int64_t generation, int schema_version, int64_t max_rec,
                         FullTextState* state);

// Appends `rec`'s varint gap encoding after `*last` (0 before the first) to
// `out`, and sets *last = rec. Records must ascend.
void AppendPosting(int64_t rec, int64_t* last, std::string* out);

// Writes a run file, entry by entry, in ascending hash order.
class RunBuilder {
 public:
  RunBuilder() = default;
  // Removes an unfinished file.
  ~RunBuilder();
  RunBuilder(const RunBuilder&) = delete;
  RunBuilder& operator=(const RunBuilder&) = delete;

  // Creates (or truncates) the file at `path`. Returns kIoError.
  Status Open(const std::string& path);
  // Adds the entry of `hash` (greater than the last one added) with its
  // encoded postings (AppendPosting from 0).
  Status Add(uint64_t hash, std::string_view postings);
  // Writes the sparse index and footer, syncs and closes the file.
  Status Finish();

 private:
  Status FlushBuffer();

  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  uint64_t offset_ = 0;  // of the buffer's start in the file
  uint64_t entries_ = 0;
  std::string index_;
};

// Reads a run file's entries in order, through a buffer (the merge's input:
// its memory does not grow with the run).
class RunCursor {
 public:
  RunCursor() = default;
  ~RunCursor();
  RunCursor(const RunCursor&) = delete;
  RunCursor& operator=(const RunCursor&) = delete;

  // Opens the run at `path` and checks its footer. Returns kIoError, or
  // kCorrupt for a file that is not a whole run.
  Status Open(const std::string& path);
  // Moves to the next entry; false at the end or on an error (status()).
  // The postings stay valid until the next call.
  bool Next();
  uint64_t hash() const { return hash_; }
  std::string_view postings() const { return postings_; }
  const Status& status() const { return status_; }
  // The entries its footer counts.
  uint64_t entries() const { return entries_; }

 private:
  // Makes at least `n` bytes from pos_ available (fewer at the entries' end).
  bool Fill(size_t n);

  std::string path_;
  int fd_ = -1;
  uint64_t entries_end_ = 0;  // the sparse index's offset
  uint64_t entries_ = 0;
  uint64_t read_ = 0;  // file offset of buffer_'s end
  std::string buffer_;
  size_t pos_ = 0;
  uint64_t hash_ = 0;
  std::string_view postings_;
  Status status_;
};

// Reads the whole run at `path`, which the state names as `info`: its
// hashes must ascend, and its postings decode to ascending records within
// the run's range. Returns kCorrupt saying what does not hold, or kIoError.
Status CheckRun(const std::string& path, const FullTextRunInfo& info);

// Merges the runs at `inputs` (whose record ranges ascend) into a new run at
// `output`: each hash's postings, concatenated in input order. Returns the
// first error; a failed output is removed.
Status MergeRuns(const std::vector<std::string>& inputs, const std::string& output);

// A committed state of the index folder `dir` with its runs, for queries.
class FullTextSnapshot {
 public:
  FullTextSnapshot();
  ~FullTextSnapshot();
  FullTextSnapshot(const FullTextSnapshot&) = delete;
  FullTextSnapshot& operator=(const FullTextSnapshot&) = delete;

  // Reads the state and maps its runs. A writer's merge may replace runs
  // between the two reads: then it reads the new state. Returns kNotFound
  // when `dir` has no state file, kCorrupt for damaged files.
  Status Open(const std::string& dir);
  const FullTextState& state() const { return state_; }

  // Sets *recs to the records, ascending, that hold every word of `words`
  // (FullTextWordHash). Only the rarest word's records are held in memory
  // (8 bytes a record); the others' filter them as they are decoded.
  // Returns kCorrupt when a run is damaged.
  Status RecordsWithAllWords(std::vector<uint64_t> words, std::vector<int64_t>* recs) const;

 private:
  class Run;
  // The encoded postings of `hash` in each run that has it, in record order.
  struct Postings {
    std::vector<std::pair<const Run*, std::string_view>> parts;
    size_t bytes = 0;
  };
  Status PostingsOf(uint64_t hash, Postings* out) const;

  FullTextState state_;
  std::vector<std::unique_ptr<Run>> runs_;
};

}  // namespace newsmine
