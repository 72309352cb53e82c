// Rows of (key, record number, sketch) that an index's writer looks up by a
// random 64-bit key, in files of their own beside the index: the MinHash
// band rows of its originals (band key, record, sketch: minhash.h), in
// bands.bin, and the record ids (a hash of the id, record, 0), in ids.bin.
//
// The keys are random, so a B-tree of them has new rows on nearly every page
// at every commit (in SQLite each commit rewrote the whole band table), and
// so does a hash table once a flush holds as many rows as it has buckets:
// until round twenty-four the rows lived in a hash table of 4 KiB buckets,
// and each flush rewrote all of it, so a run's flushes cost time in
// proportion to the square of its archive (docs/performance.md). Here the
// rows live in sorted runs, as in a log-structured merge tree: each flush
// writes its rows, sorted by a hash of their key, into a run of its own, and
// merges it with the newest runs while the older of two neighbours holds at
// most kMergeRatio times the rows of the newer. A row is written about
// log(archive / flush) times, and a file holds about log(archive / flush)
// runs (3 at the end of a 10.6 GB archive's 44 flushes of band rows). A
// lookup reads, in each run that may hold its key, the block of 64 rows
// that a fence (the top 32 bits of the first hash of each block, kept in
// memory) points to. Which runs may: runs of at most 2^23 rows have a Bloom
// filter of their keys in memory (RunKeys in key_file.cc; it is wrong for
// about 5 % of other keys); larger runs are read at every lookup.
//
// Only the newest kMaxBandCandidates rows of a key are kept in a run: lookups
// of band keys never ask for more, and a key that many texts share (texts
// cut from one template) cannot grow without bound. (Two ids share a key
// only if their 64-bit hashes collide.) A row added twice is found once.
//
// The files are derived from the index, which holds every record's id and
// every original's signature, and belong to one index (its generation). The
// file at `path` is a manifest: the runs (files `path`.N, immutable once
// written) and which records' rows they hold: every one up to `covered`,
// and none past `written`. Runs are synced before a manifest names them, and
// a manifest replaces the last by a rename, so a crash leaves the last
// committed state; runs it does not name are removed when the file opens. A
// writer may add rows of records it has not committed (a flush in the
// middle of a transaction); if the index then loses them (a crash, a
// rollback), `written` is past the index's last record and the file is made
// anew. Otherwise the index re-adds the rows past `covered`, which is
// harmless.
//
// Limits: runs of at most 2^40 rows. A run whose size does not match its
// rows, or whose rows are out of order or disagree with its fences
// (damage), is reported as kCorrupt. Memory: 4 bytes of fences per 64 rows
// of a run (2.8 MB for a 10 GB archive's 44 million band rows); a byte a
// row of the runs of at most 2^23 rows (at most 8 MiB each, and while two
// such runs merge, the new run's too); and during a merge a buffer of 64 KiB per
// run merged and one of 1 MiB for the run written.
//
// Thread-safety: a KeyFile belongs to one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/minhash.h"

namespace newsmine {

struct KeyRow {
  int64_t key = 0;
  int64_t rec = 0;
  SignatureSketch sketch;  // a band row's; none in an id row
};

class KeyFile {
 public:
  // A flush merges the newest runs while the older of two neighbours holds
  // at most this many times the rows of the newer (the newer being all the
  // runs merged so far).
  static constexpr uint64_t kMergeRatio = 4;
  // Rows a fence stands for: a lookup reads this many rows of a run (2 KiB)
  // or, when its key's rows cross a block's end, a few more.
  static constexpr uint64_t kBlockRows = 64;

  KeyFile();
  ~KeyFile();
  KeyFile(const KeyFile&) = delete;
  KeyFile& operator=(const KeyFile&) = delete;

  // Opens the file at `path` for the index of generation `generation`, whose
  // highest record number is `last_rec`, creating it when absent. A file
  // that is not a key file of this version, belongs to another generation,
  // may hold rows of records past `last_rec`, or names a run that is missing
  // or damaged is made anew (it is derived). Removes the runs the file does
  // not name (left by a crash). Sets *covered to the record number up to
  // which it holds every original's rows (0 for a new file): the caller adds
  // the rows of the originals after it. Returns kIoError when the file
  // cannot be read, made or written.
  Status Open(const std::string& path, int64_t generation, int64_t last_rec, int64_t* covered);
  // Closes the file. Rows added since the last Commit are not in it: their
  // runs are removed.
  void Close();
  // Removes the file at `path` and its runs, if any.
  static void Remove(const std::string& path);

  // Adds `rows` (in any order; the vector is sorted in place), and merges
  // runs as kMergeRatio says. Rows of records the index has not committed
  // yet may be added. Returns kIoError on a failed read or write (the file
  // stays as it was), kCorrupt when a run merged is damaged.
  Status Add(std::vector<KeyRow>* rows);
  // Syncs the runs added so far and records, in a new manifest, that the
  // file holds every original's rows up to record `covered`; then removes
  // the runs merged away. Writes nothing when no rows were added since the
  // last Commit and `covered` is the same: a reader that opens an idle store
  // to repair it then leaves the file alone.
  Status Commit(int64_t covered);

  // Appends to *out the newest `limit` rows of `key`, newest first. Returns
  // kIoError when a run cannot be read, kCorrupt when it is damaged (as
  // does ForEachKey).
  Status Find(int64_t key, int limit, std::vector<KeyRow>* out);
  // Calls `visit` with the key of every row, run by run.
  Status ForEachKey(const std::function<void(int64_t key)>& visit);

  // The rows held (a row in two runs counts twice until they merge), the
  // runs, and the bytes of their files.
  uint64_t rows() const;
  size_t runs() const { return runs_.size(); }
  uint64_t bytes() const;

 private:
  struct Run;
  class RunWriter;

  // Removes every run file of path_ and writes an empty manifest.
  Status Create(int64_t generation);
  // Reads the manifest and opens its runs; sets *usable to false when they
  // are not this generation's, or not whole.
  Status Load(int64_t generation, int64_t last_rec, bool* usable);
  // Writes the manifest of runs_, covered_ and written_ (to a new file,
  // renamed over the old one).
  Status WriteManifest();
  // Removes run files of path_ that neither runs_ nor `keep` names.
  void RemoveOtherRuns() const;
  // Reads the keys of `run` into its filter, if it has one.
  Status LoadRunKeys(Run* run);
  // Merges `rows` (sorted, newest first within a key) with the newest
  // `merged` runs into one run, which replaces them.
  Status MergeNewest(const std::vector<KeyRow>& rows, size_t merged);
  std::string RunPath(uint64_t number) const;

  std::string path_;
  int64_t generation_ = 0;
  int64_t covered_ = 0;
  int64_t written_ = 0;
  uint64_t next_run_ = 1;
  std::vector<std::unique_ptr<Run>> runs_;  // oldest first
  // Runs merged away that the manifest on disk still names: removed after
  // the next one is written.
  std::vector<std::string> obsolete_;
  bool added_since_commit_ = false;
  std::vector<KeyRow> block_;  // Find's buffer
};

// A Bloom filter of keys, of fixed size (2^bits_log2 bits, allocated at the
// first Add): the index asks it before looking a key up in a KeyFile,
// because most keys of a new text (and every new id) are in no row, and a
// lookup that finds nothing still reads a block of each run. It never answers false for
// a key added; it answers true for a key not added with a probability that
// grows with the keys added (two bits per key; with 2^27 bits, 0.7 % at 6
// million keys, about what a 2 GB archive has of band keys, 33 % at 60
// million), while its memory stays the same. Keys must be hashes already.
class KeyFilter {
 public:
  explicit KeyFilter(int bits_log2) : bits_log2_(bits_log2) {}
  void Add(int64_t key);
  bool MayContain(int64_t key) const;
  // Starts loading the words of `key`'s bits into the cache, so that the
  // misses of several keys' Add or MayContain overlap instead of following
  // one another (about 340 ns each on the VM measured, 15 ns overlapped).
  void Prefetch(int64_t key) const;
  void Clear() { words_.clear(); }

 private:
  // The filter's two bits for a key: two pieces of it.
  uint64_t FirstBit(int64_t key) const;
  uint64_t SecondBit(int64_t key) const;

  int bits_log2_;
  std::vector<uint64_t> words_;
};

// Rows a writer holds before it adds them to a KeyFile, found by key newest
// first: chained by a hash of their key over 2^slot_bits slots.
//
// Thread-safety: belongs to one thread.
class PendingKeyRows {
 public:
  // Room for `capacity` rows is reserved at the first Add.
  PendingKeyRows(int slot_bits, size_t capacity) : slot_bits_(slot_bits), capacity_(capacity) {}

  void Add(const KeyRow& row);
  // Calls `visit` with each row of `key`, newest first, until it returns
  // false.
  template <typename Visit>
  void ForEachOfKey(int64_t key, Visit visit) const {
    if (newest_.empty()) return;
    for (int32_t i = newest_[Slot(key)]; i >= 0; i = older_[i]) {
      if (rows_[i].key == key && !visit(rows_[i])) return;
    }
  }
  // Starts loading the slot of `key` into the cache (as KeyFilter::Prefetch).
  void Prefetch(int64_t key) const {
    if (!newest_.empty()) __builtin_prefetch(&newest_[Slot(key)], 1);
  }
  size_t size() const { return rows_.size(); }
  // The rows, for KeyFile::Add (which sorts them: Clear() next).
  std::vector<KeyRow>* rows() { return &rows_; }
  void Clear();

 private:
  size_t Slot(int64_t key) const;

  int slot_bits_;
  size_t capacity_;
  std::vector<KeyRow> rows_;
  std::vector<int32_t> older_;   // the row before rows_[i] in its chain, or -1
  std::vector<int32_t> newest_;  // the newest row of each slot, or -1
};

}  // namespace newsmine
