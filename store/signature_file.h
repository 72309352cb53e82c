// The MinHash signatures of an index's originals by record number, in a file
// beside the index that only its writer reads (signatures.bin): a
// near-duplicate candidate's signature is then one read of 128 bytes at
// 128 × its record number, where a SQLite lookup descends a B-tree and copies
// 16 KiB pages (22 % of the writer's time late in a 10.6 GB run,
// docs/performance.md, the twenty-sixth round).
//
// Like the key files (key_file.h), the file is derived from the index, which
// holds every original's signature, and belongs to one index (its
// generation). Its header says up to which record it holds every original's
// signature (`covered`); Commit syncs the slots before it writes that, so a
// crash leaves a `covered` whose slots are on disk. Slots past the index's
// last record (of records a crash or a rollback lost) are cut off at Open.
// A slot that was never written reads as zeros: no signature.
//
// Limits: record numbers up to 2^40 (a 128 TiB file). Memory: the slots put
// since the last write to the file, at most kBufferedSlots (1 MiB).
//
// Thread-safety: a SignatureFile belongs to one thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/minhash.h"

namespace newsmine {

class SignatureFile {
 public:
  // Slots held in memory before they are written to the file.
  static constexpr size_t kBufferedSlots = 8192;

  SignatureFile() = default;
  ~SignatureFile() { Close(); }
  SignatureFile(const SignatureFile&) = delete;
  SignatureFile& operator=(const SignatureFile&) = delete;

  // Opens the file at `path` for the index of generation `generation`, whose
  // highest record number is `last_rec`, creating it when absent. A file
  // that is not a signature file of this version, belongs to another
  // generation or covers records past `last_rec` is made anew (it is
  // derived); slots past `last_rec` are cut off. Sets *covered to the record
  // number up to which it holds every original's signature (0 for a new
  // file): the caller puts those of the originals after it. Returns kIoError
  // when the file cannot be read, made or written.
  Status Open(const std::string& path, int64_t generation, int64_t last_rec, int64_t* covered);
  // Closes the file. Slots put since the last Commit may or may not be in
  // it; Open's `covered` does not count them.
  void Close();
  // Removes the file at `path`, if any.
  static void Remove(const std::string& path);

  // Puts the signature of record `rec`, an original's, whether the index has
  // committed it or not. Records are put in ascending order, every original
  // after `covered` (the slots between are empty). Returns kIoError on a
  // failed write, kInvalidArgument for a record number not above the last
  // put since Open, or not below 2^40.
  Status Put(int64_t rec, const MinHashSignature& signature);
  // Writes and syncs the slots put so far, then records that the file holds
  // every original's signature up to record `covered`. Returns kIoError on
  // a failed write or sync (the header then keeps the last `covered`).
  Status Commit(int64_t covered);

  // Sets *found to whether record `rec` has a signature here, and *out to it
  // when it has. Returns kIoError when the file cannot be read.
  Status Get(int64_t rec, MinHashSignature* out, bool* found);

  // The bytes of the file (its header and the slots written).
  uint64_t bytes() const;

 private:
  // Makes the file anew: a header of this generation and no slots.
  Status Create(int64_t generation);
  // Writes the buffered slots to the file.
  Status WriteBuffer();
  Status WriteHeader();

  std::string path_;
  int fd_ = -1;
  int64_t generation_ = 0;
  int64_t covered_ = 0;
  int64_t file_recs_ = 0;  // slots in the file: records 1..file_recs_
  // Slots of records buffer_first_ .. buffer_first_ + buffer_.size() - 1,
  // not yet written (zeros for records put nothing).
  int64_t buffer_first_ = 0;
  int64_t last_put_ = 0;
  std::vector<MinHashSignature> buffer_;
};

}  // namespace newsmine
