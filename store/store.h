// Store: a folder of records that survives crashes.
//
//   MANIFEST.json      the commit record (manifest.h), replaced atomically
//   segments/NNNNNN.jsonl   append-only JSON lines, one record a line
//                      (record_json.h): the source of truth, readable by jq,
//                      DuckDB or Spark as they are
//   errors.jsonl       documents and inputs that failed: uri, reason, message, time
//   inputs.jsonl       fingerprints of input files fully processed
//   index.sqlite       the SQLite index (index.h), derived and rebuildable
//   fulltext.sqlite    its full-text part, written by a thread of its own
//   bands.bin          its near-duplicate band rows (key_file.h), the writer's:
//                      a manifest naming runs of rows, bands.bin.N
//   ids.bin            its record ids, hashed (key_file.h), the writer's; ids.bin.N
//   signatures.bin     its originals' signatures by record (signature_file.h),
//                      the writer's
//   LOCK               pid and host of the writer, held with flock
//
// A commit writes and fsyncs the new segment and log bytes, then the manifest
// (atomically), then commits the index. A crash at any moment leaves the
// store as of the last commit: bytes past the manifest's lengths are dropped
// when the store is next opened for writing, and the index catches up from
// the segments.
//
// Thread-safety: a Store belongs to one thread, except HasFinishedInput,
// which any thread may call. One process writes a store at a time (others are
// refused with kBusy); readers in other processes see committed data.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/status.h"
#include "extract/record.h"
#include "ingest/reader.h"
#include "store/direct_append.h"
#include "store/index.h"
#include "store/manifest.h"
#include "store/minhash.h"

namespace newsmine {

// The store folder chosen by --store (when not empty), else $NEWSMINE_STORE,
// else ./newsmine-store.
std::string ResolveStoreDir(const std::string& flag);

// A record made ready for Store::Append: what appending needs from the record
// alone, worked out in advance. Preparing is the costly part of appending
// (hashing the text for its id and MinHash signature, encoding the JSON
// line) and needs no store, so the pipeline prepares records on its worker
// threads, in parallel, and the one writer thread only appends them.
struct PreparedRecord {
  Record record;                              // its id set
  std::optional<MinHashSignature> signature;  // TextMinHash(record.text)
  std::string json;                           // AppendRecordJson(record)
  std::vector<uint64_t> fulltext_words;       // FullTextWordHashes({record.title, record.text})
};

// Prepares `record` for Append. Thread-safe.
PreparedRecord PrepareRecord(Record record);

// What Append did with a record.
enum class AppendOutcome {
  kAdded,          // a new record
  kNearDuplicate,  // a new record, flagged with duplicate_of
  kAlreadyStored,  // a record with this id exists: nothing added
};

// Calls fn for each committed record line of the store in `dir`, in order,
// with its location. A non-OK status from fn stops the scan and is returned.
// Reads large blocks: this is the fast full-scan path.
using LineVisitor = std::function<Status(const RecordLocation& location, std::string_view line)>;
Status ScanSegments(const std::string& dir, const Manifest& manifest, const LineVisitor& fn);
// Parses the record line at `at` of the store in `dir`. Returns kCorrupt,
// naming the segment file and the offset, when it does not parse.
Status ParseSegmentLine(const std::string& dir, const RecordLocation& at, std::string_view line,
                        Record* record);

class Store {
 public:
  enum class Mode {
    kWrite,  // takes the writer lock (kBusy when held), repairs, creates
    kRead,   // never blocks a writer; repairs only when no writer holds the
             // lock, holding it just while it does
  };

  // Opens the store in `dir` (kWrite creates it). Returns kNotFound for kRead
  // on a folder that is not a store, kBusy naming the holder when another
  // process writes it, kIoError/kCorrupt when it cannot be read. Warnings
  // about repairs made are available from warnings().
  static Status Open(const std::string& dir, Mode mode, std::unique_ptr<Store>* out);

  // Closes without committing: records appended since the last Commit are
  // dropped, as after a crash. Releases the lock.
  ~Store();

  // Writer only. Adds the record unless one with its id is stored; flags a
  // near-duplicate of a stored original with duplicate_of (and encodes its
  // JSON line again with it). Visible to others after Commit.
  Status Append(PreparedRecord prepared, AppendOutcome* outcome);
  // The same for a record not prepared: Append(PrepareRecord(record)).
  Status Append(Record record, AppendOutcome* outcome);
  // Writer only. Logs a document or input that failed.
  Status AddError(const std::string& uri, const Status& why);
  // Writer only. Remembers that this input was fully processed (effective at
  // the next Commit, like the records read from it).
  Status AddFinishedInput(const InputInfo& input);
  // Whether an input with this fingerprint was fully processed. Thread-safe.
  bool HasFinishedInput(const std::string& fingerprint) const;
  // Makes everything added so far durable and visible; the full-text index
  // follows a moment later, on its own thread (Index::FullTextReady).
  Status Commit();
  // Writer only. Commits, then builds the index's secondary indexes when a
  // bulk load into an empty store deferred them (Index::Open). Call it once,
  // at the end of a run or a merge (Reindex does it itself). A store left
  // without it answers queries the same, by scanning, until it is next
  // opened for writing.
  Status CommitAndIndex();
  // Records appended since the last commit.
  uint64_t uncommitted_records() const { return pending_records_; }

  // Called after each record a rebuild files, on the writer's thread, with
  // the records and the bytes of their lines filed so far.
  using IndexProgress = std::function<void(uint64_t records, uint64_t bytes)>;
  // Writer only. Rebuilds the index from the segments, calling `progress`
  // (when set) as it goes.
  Status Reindex(const IndexProgress& progress = {});

  // Reads one record's JSON line.
  Status ReadRecordJson(const RecordLocation& location, std::string* json) const;
  // Finds a record by id (or unique id prefix) and reads its JSON.
  Status FindRecordJson(const std::string& id_or_prefix, std::string* json);

  const std::string& dir() const { return dir_; }
  const Manifest& manifest() const { return manifest_; }
  Index* index() { return &index_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  Store(std::string dir, Mode mode) : dir_(std::move(dir)), mode_(mode) {}
  // Commit, with what the index's commit does with the key rows it holds.
  Status Commit(Index::KeyRows key_rows);
  Status Lock(bool* acquired);
  // A writer's repairs: RecoverFiles, RecoverIndex, then the finished
  // inputs loaded.
  Status Recover();
  // A reader's, holding the lock: RecoverFiles, then, only when the index
  // opened for reading is not complete (Index::IsComplete), RecoverIndex and
  // the query indexes a bulk load deferred. Leaves the index open for
  // reading.
  Status RecoverForReading();
  // Makes the segments and logs what the manifest committed: cuts what lies
  // past it, drops uncommitted segments, and after damage recounts them and
  // removes the index.
  Status RecoverFiles();
  // Opens the index for writing (made anew when unusable) and brings it and
  // its full-text index up to the segments.
  Status RecoverIndex();
  Status TruncateToCommitted(const std::string& path, uint64_t committed, bool* damaged);
  Status DropUncommittedSegments();
  // Files in the full-text index the records the index has and it lacks.
  Status CatchUpFullText();
  Status CatchUpIndex(const IndexProgress& progress = {});
  void RemoveIndexFiles();
  Status LoadFinishedInputs();
  // Commits a file's pending bytes: writes `pending` after the `committed`
  // and `written` (by WriteBehind) bytes, cuts what lies past them, syncs.
  Status WritePending(const std::string& path, uint64_t committed, uint64_t written,
                      std::string_view pending);
  // Writes the pending record lines up to the last block boundary they reach
  // to their segment, unsynced (DirectAppendBuffer), and drops them.
  Status WriteBehind();
  SegmentInfo& current_segment();

  const std::string dir_;
  const Mode mode_;
  int lock_fd_ = -1;
  bool writable_ = false;
  Manifest manifest_;
  Index index_;
  std::vector<std::string> warnings_;

  // Uncommitted additions. The first pending_segment_written_ bytes of the
  // segment's are already in its file, past the committed length; the
  // others are held from there on.
  DirectAppendBuffer pending_segment_;
  std::string pending_errors_, pending_inputs_;
  uint64_t pending_segment_written_ = 0;
  uint64_t pending_records_ = 0, pending_duplicates_ = 0, pending_errors_count_ = 0,
           pending_inputs_count_ = 0;

  mutable std::mutex inputs_mu_;
  std::unordered_set<std::string> finished_inputs_;
};

// Checks that the store's segments, manifest, logs and index agree. Appends a
// sentence per disagreement to *problems. Returns non-OK only when the store
// cannot be examined at all.
Status VerifyStore(const std::string& dir, std::vector<std::string>* problems);

}  // namespace newsmine
