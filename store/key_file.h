// Rows of (key, record number, sketch) that an index's writer looks up by a
// random 64-bit key, in a file of their own beside the index: the MinHash
// band rows of its originals (band key, record, sketch: minhash.h), in
// bands.bin, and the record ids (a hash of the id, record, 0), in ids.bin.
//
// The keys are random, so a B-tree of them has new rows on nearly every page
// at every commit; in SQLite each commit rewrote the whole band table through
// the WAL and its checkpoint, a row at a time, and over a 2 GB archive that
// was half of what the index wrote and a third of the writer's time; the
// UNIQUE index of ids, larger than the page cache, another tenth. Here the
// rows live in a hash table of 4 KiB buckets: a lookup reads one bucket, and
// a flush reads and writes each bucket it touches once, in file order,
// without a journal. When the buckets fill up the table doubles, each bucket
// splitting into two neighbours (the flush that calls for it files its rows
// on the way), so the rows are rewritten a bounded number of times on
// average. But a flush of more rows than the table has chunks touches nearly
// every chunk: a flush costs time in proportion to the table, so a run's
// flushes cost time in proportion to the square of its archive
// (docs/performance.md, "What is left").
//
// Only the newest kMaxBandCandidates rows of a key are kept: lookups of band
// keys never ask for more, and a key that many texts share (texts cut from
// one template) cannot fill a bucket. (Two ids share a key only if their
// 64-bit hashes collide.)
//
// The file is derived from the index, which holds every record's id and
// every original's signature, and belongs to one index (its generation). Its
// header says which records' rows it may hold: every one up to `covered`,
// and none past `written`. A writer may add rows of records it has not
// committed (a flush in the middle of a transaction); if the index then
// loses them (a crash, a rollback), `written` is past the index's last record
// and the file is made anew. Otherwise the index re-adds the rows past
// `covered`, which is harmless: adding a row the file holds changes nothing.
//
// Limits: a bucket holds 170 rows; a flush that would overfill one doubles
// the table (at most 2^28 buckets, 1 TiB). A bucket that counts more rows
// than it holds, or holds a row of another bucket's key (damage), is
// reported as kCorrupt. Memory: the buckets of one flush chunk (256 KiB)
// and, while the table doubles, twice that; and a byte a bucket for the
// row counts (256 KiB for the 2^18 buckets of a 2 GB archive's band rows).
//
// Thread-safety: a KeyFile belongs to one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace newsmine {

// The bucket a row of `key` is in when the file has 2^bits buckets. For
// tests.
uint64_t KeyBucket(int64_t key, uint32_t bits);

struct KeyRow {
  int64_t key = 0;
  int64_t rec = 0;
  uint64_t sketch = 0;
};

class KeyFile {
 public:
  // A new file's buckets: 2^kInitialBucketBits. A bucket holds kBucketRows.
  static constexpr uint32_t kInitialBucketBits = 8;
  static constexpr uint32_t kBucketRows = 170;

  KeyFile() = default;
  ~KeyFile();
  KeyFile(const KeyFile&) = delete;
  KeyFile& operator=(const KeyFile&) = delete;

  // Opens the file at `path` for the index of generation `generation`, whose
  // highest record number is `last_rec`, creating it when absent. A file
  // that is not a band file of this version, belongs to another generation,
  // or may hold rows of records past `last_rec` is made anew (it is derived).
  // Sets *covered to the record number up to which it holds every original's
  // rows (0 for a new file): the caller adds the rows of the originals after
  // it. Returns kIoError when the file cannot be read, made or written.
  Status Open(const std::string& path, int64_t generation, int64_t last_rec, int64_t* covered);
  // Closes the file. Rows added since the last Commit may or may not be in
  // it; the header says so.
  void Close();

  // Adds `rows` (in any order; the vector is sorted in place). Rows of
  // records the index has not committed yet may be added; `written` is
  // raised first, and synced, so that a crash cannot leave them unnoticed.
  // Returns kIoError on a failed read or write, after which the file should
  // be made anew (Open does so when `written` says it may hold rows of lost
  // records).
  Status Add(std::vector<KeyRow>* rows);
  // Syncs the rows added so far and records that the file holds every
  // original's rows up to record `covered`. Writes nothing when no rows
  // were added since the last Commit and `covered` is the same: a reader
  // that opens an idle store to repair it then leaves the file alone.
  Status Commit(int64_t covered);

  // Appends to *out the newest `limit` rows filed under `key`, newest
  // first. Returns kIoError when the file cannot be read, kCorrupt when a
  // bucket is damaged (as do Add and ForEachKey).
  Status Find(int64_t key, int limit, std::vector<KeyRow>* out);
  // Calls `visit` with the key of every row, in file order.
  Status ForEachKey(const std::function<void(int64_t key)>& visit);

  // The number of rows held, and of buckets.
  uint64_t rows() const { return header_.rows; }
  uint64_t buckets() const { return uint64_t{1} << header_.bucket_bits; }

 private:
  struct Header {
    char magic[8];
    int64_t generation;
    int64_t covered;
    int64_t written;
    uint64_t rows;
    uint32_t bucket_bits;
    uint32_t reserved;
  };

  // Makes an empty file of 2^kInitialBucketBits buckets at path_.
  Status Create(int64_t generation);
  // Writes header_ into the open file `fd` (named `path`), synced or not.
  Status WriteHeader(int fd, const std::string& path, bool sync);
  // Merges rows [begin, end), sorted by bucket, into the file; sets
  // *overfull when a bucket would hold more than it can (nothing past it is
  // written then).
  Status MergeRows(const KeyRow* begin, const KeyRow* end, bool* overfull);
  // Rewrites the file with twice the buckets, filing rows [begin, end)
  // (sorted by bucket) into them on the way; sets *overfull when a bucket
  // would hold more than it can (the rows past it are not filed then).
  Status Double(const KeyRow* begin, const KeyRow* end, bool* overfull);
  // Reads the kChunkBuckets buckets from `first` on into chunk_, and checks
  // their row counts.
  Status ReadChunk(uint64_t first);
  Status OverfullBucket() const;

  std::string path_;
  int fd_ = -1;
  Header header_{};
  bool added_since_commit_ = false;
  std::vector<char> chunk_;  // MergeRows' and Double's buffer
  // The row count of each bucket, so that Find reads only the rows; empty
  // until known (Create, ForEachKey), and after a failed write.
  std::vector<uint8_t> bucket_rows_;
};

// A Bloom filter of keys, of fixed size (2^bits_log2 bits, allocated at the
// first Add): the index asks it before looking a key up in a KeyFile,
// because most keys of a new text (and every new id) are in no row, and a
// lookup that finds nothing still reads a bucket. It never answers false for
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
