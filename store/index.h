// The store's index: a SQLite database (WAL mode) derived from the segments,
// holding where each record lives, its date and source, its actors, states
// (with sentiment) and votes, and the MinHash signatures used to find
// near-duplicates (minhash.h); beside it, in files of their own that only
// the writer reads, the signatures' band rows and the ids it looks up
// (key_file.h) and the originals' signatures by record (signature_file.h);
// and, in a folder of its own written by a thread of its own
// (fulltext_writer.h), a full-text index of the words of fulltext.h, which
// queries read with FindText. All can always be rebuilt from the segments.
//
// Thread-safety: an Index belongs to one thread (a writer's has a second
// thread of its own for the full-text index, and BuildDeferredIndexes a
// third for a while). Several processes may open the same index: one writer
// and any number of readers (WAL).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "extract/record.h"
#include "store/fulltext_writer.h"
#include "store/key_file.h"
#include "store/key_numbers.h"
#include "store/minhash.h"
#include "store/signature_file.h"
#include "store/sqlite_db.h"

namespace newsmine {

// Where a record's JSON line lives: segment number, byte offset and length
// (without the newline).
struct RecordLocation {
  int segment = 0;
  uint64_t offset = 0;
  uint64_t length = 0;
};

// The files of an index: the SQLite index, its full-text folder, and the
// files only its writer reads: the key files (key_file.h) of band rows and
// ids, and the originals' signatures (signature_file.h).
struct IndexPaths {
  std::string index, fulltext, bands, ids, signatures;
};
// Those of the index in the store folder `dir` (manifest.h names them).
IndexPaths IndexPathsIn(const std::string& dir);

class Index {
 public:
  // Opens the index file and (a writer only) the full-text index and the key
  // files at `paths`; a writable index is created with its schema when
  // absent, a full-text index that is absent or not this index's is made anew
  // (FullTextWriter::Open; CatchUpFullText then fills it), and the key files
  // are brought up to date from the ids and signatures in the index
  // (KeyFile::Open), as is the signature file. Returns kIoError
  // when SQLite refuses, kCorrupt when the index file is not a database,
  // kUnsupported when its schema is another version's (the store then
  // rebuilds it). A reader opens the full-text index only when it is asked
  // for words (FindText).
  //
  // A writable index that holds no records yet defers its secondary indexes
  // (day, source, actors, states, votes: what only the queries use) until
  // BuildDeferredIndexes: building one over all the rows at the end of a
  // bulk load is several times cheaper than updating it row by row. Until
  // then queries give the same answers, by scanning. Opened for writing with
  // records, an index whose bulk load was cut short builds them at once.
  Status Open(const IndexPaths& paths, bool read_only);
  // Closes the files; what was added since the last Commit is dropped.
  void Close();

  // Writer only, before adding records: files in the full-text index the
  // records it lacks (a crash came between the index's commit and its own),
  // getting each one's words (FullTextWordHashes) from `words_of`. Returns
  // the first error of `words_of` or of the full-text index.
  using FullTextReader = std::function<Status(const RecordLocation& location, std::vector<uint64_t>* words)>;
  Status CatchUpFullText(const FullTextReader& words_of);
  // A writer's waits until its full-text thread has committed what the
  // index committed, and returns the thread's first error; a reader's
  // returns at once.
  Status FullTextReady();
  // Sets *recs to the numbers (rowids of `records`), ascending, of the
  // committed records that hold every word of `words` (FullTextWordHashes),
  // once FullTextReady. Returns kNotFound when there is no full-text index
  // of this index (a store whose writer has not made it yet), kCorrupt when
  // its files are damaged.
  Status FindText(std::vector<uint64_t> words, std::vector<int64_t>* recs);

  // A write transaction. Everything added between Begin and Commit becomes
  // visible to readers at once, but for the full-text index, which its thread
  // commits just after (FullTextReady waits for it). When SQLite has rolled
  // the transaction back by itself after an error, Begin and Commit return
  // kIoError (once) rather than go on outside it.
  // A commit adds the key rows it holds (Add) to the key files once the next
  // transaction could overfill them; the last commit of a bulk load leaves
  // them to BuildDeferredIndexes, which flushes them beside its build.
  enum class KeyRows { kFlushWhenFull, kLeaveToBuild };
  Status Begin();
  Status Commit(KeyRows key_rows = KeyRows::kFlushWhenFull);
  bool in_transaction() const { return in_transaction_; }
  // Commits, builds the secondary indexes Open deferred (nothing when none
  // was) while it adds the key rows held to the key files, and waits for the
  // full-text thread to commit. Call it at the end of a bulk load.
  Status BuildDeferredIndexes();

  // A writer's hint before Contains, FindNearDuplicate and Add for a record
  // with this id and signature: starts loading the filter words and slots
  // their key lookups touch, which are cache misses, so that they overlap
  // instead of following one another. Changes nothing else.
  void PrefetchKeys(const std::string& id, const std::optional<MinHashSignature>& signature) const;
  // Sets *found to whether a record with this id is indexed (including ones
  // added in the open transaction). A writer's.
  Status Contains(const std::string& id, bool* found);
  // The id of an indexed original record (not itself a duplicate) whose
  // text is a near-duplicate of the one with this signature, or empty. Only
  // the newest kMaxBandCandidates originals under each band key are
  // compared (minhash.h); of those similar, the oldest is named.
  Status FindNearDuplicate(const MinHashSignature& signature, std::string* id);
  // Indexes one record stored at `location`. `signature` is its text's
  // MinHash (nullopt for texts too short to have one), `fulltext_words` the
  // words of its title and text (FullTextWordHashes in fulltext.h).
  Status Add(const Record& record, const RecordLocation& location,
             const std::optional<MinHashSignature>& signature, std::vector<uint64_t> fulltext_words);

  // How many bytes of each segment the index covers; the writer advances it
  // in the same transaction as the records, so a crash never leaves them
  // apart.
  Status SetIndexedBytes(int segment, uint64_t bytes);
  Status IndexedBytes(std::map<int, uint64_t>* out);

  // Sets *complete to whether a writer's Open and catch-up would leave this
  // index as it is: it covers exactly `committed` (segment number to
  // committed bytes), its query indexes are built, and its full-text index
  // is its own, whole, and covers every record. The key files are not
  // looked at: only a writer uses them, and its Open repairs them. Works on
  // an index open for reading; returns SQLite's errors.
  Status IsComplete(const std::map<int, uint64_t>& committed, bool* complete);

  // Finds a record by its id or a unique prefix of it (at least 6 digits).
  // Returns kNotFound when none matches, kInvalidArgument when the prefix
  // matches several.
  Status Locate(const std::string& id_or_prefix, std::string* id, RecordLocation* location);

  Database& db() { return db_; }

 private:
  // Checks that the file holds this version's schema or (a writer's) none;
  // sets *empty when it holds none.
  Status CheckSchemaVersion(bool read_only, bool* empty);
  Status CreateSchema();
  Status PrepareWriteStatements();
  // Forgets a transaction SQLite rolled back, and says so.
  Status LostTransaction();
  // Sets *form to the number of `actor`'s form in actor_forms, filing it
  // there first when it is new.
  Status ActorForm(const Actor& actor, int64_t* form);
  // Keeps a form's number in actor_forms_, making that the older generation
  // first when it is full.
  void RememberActorForm(const std::string& key, int64_t form);
  // Forgets the actor forms' numbers and the originals' signatures kept: a
  // rolled-back transaction's records and forms give their numbers again.
  void ForgetCaches();
  // Opens bands_, ids_ and signature_file_ for the committed records (up to
  // committed_rec_) and adds what they lack (that of the records after what
  // they cover).
  Status OpenKeyFiles();
  // Creates the secondary indexes not there yet, in one transaction (rolled
  // back on failure), with the page cache (and so SQLite's sort memory) at
  // kIndexBuildCacheKiB.
  Status BuildSecondaryIndexes();
  // The key of an id in ids_: a 63-bit hash.
  static int64_t IdKey(const std::string& id);
  // Sets *id to record `rec`'s id (empty when there is no such record).
  Status RecordId(int64_t rec, std::string* id);
  // Calls visit(row), until it returns false, for the rows of `key` newest
  // first: those held in `pending`, then those of `file`, at most
  // kMaxBandCandidates in all (what a key file keeps of a key). Asks
  // `filter` first. Returns the file's error.
  template <typename Visit>
  Status ForEachRowOfKey(const KeyFilter& filter, const PendingKeyRows& pending, KeyFile* file, int64_t key,
                         Visit visit);
  // Fills band_filter_ and id_filter_ with the keys of bands_ and ids_,
  // once.
  Status LoadKeyFilters();
  // Adds the rows held to bands_ and ids_, records that they and
  // signature_file_ cover the committed records, and empties the buffers.
  Status FlushPendingKeys();
  // Empties the buffers of rows held.
  void DiscardPendingKeys();
  // Drops the rows held after a transaction was rolled back; the key files
  // catch up from the index before the next transaction (and are made anew
  // when they hold rows of the lost records).
  void ForgetKeysOfTransaction();
  // Sets *similar to whether the original `rec`, whose sketch is
  // `rec_sketch`, is a near-duplicate of a text with this signature (and
  // sketch). The original's signature is read from signature_file_ only
  // when it is not in signatures_, and kept there.
  Status IsSimilarOriginal(const MinHashSignature& signature, const SignatureSketch& sketch, int64_t rec,
                           const SignatureSketch& rec_sketch, bool* similar);

  Database db_;
  FullTextWriter fulltext_;       // a writer's
  int64_t fulltext_covered_ = 0;  // the full-text file holds every record up to this one
  int64_t last_rec_ = 0;          // the highest record number added
  int64_t committed_rec_ = 0;     // and committed
  int64_t generation_ = 0;        // index_info's
  bool in_transaction_ = false;
  bool secondary_indexes_deferred_ = false;
  // Band rows held for a flush at most (34 MB, and 8 MB of slots that find
  // them by key, about one row a slot): a commit of 50,000 records has up to
  // 300,000. Every flush writes a run of each key file (key_file.h), and a
  // lookup reads each run: rows are held over several commits so that runs
  // are few; a commit flushes them when the next transaction could otherwise
  // fill the buffer.
  static constexpr size_t kMaxPendingBands = size_t{1} << 20;
  static constexpr int kPendingBandSlotBits = 21;
  // Id rows likewise (8 MB and 2 MB): one a record, where an original has six
  // band rows, but records too short for a signature have none.
  static constexpr size_t kMaxPendingIds = size_t{1} << 18;
  static constexpr int kPendingIdSlotBits = 19;
  IndexPaths paths_;
  KeyFile bands_, ids_;           // a writer's
  SignatureFile signature_file_;  // a writer's
  // The key files lack rows of committed records, or hold rows of lost ones:
  // they catch up (or are made anew) before the next transaction.
  bool key_files_stale_ = false;
  // The band and id rows of records added since the last flush, which is at
  // a commit once there are nearly kMaxPendingBands or kMaxPendingIds, or
  // when there are that many: one run of each key file then holds several
  // commits' rows. The first pending_*_committed_ are of committed records.
  PendingKeyRows pending_bands_{kPendingBandSlotBits, kMaxPendingBands};
  PendingKeyRows pending_ids_{kPendingIdSlotBits, kMaxPendingIds};
  size_t pending_bands_committed_ = 0, pending_ids_committed_ = 0;
  std::vector<KeyRow> found_rows_;  // lookups' buffer
  std::string record_id_;           // Contains' buffer
  // The keys of the key files and of the rows held, once loaded.
  KeyFilter band_filter_{27};  // 16 MiB
  KeyFilter id_filter_{25};    // 4 MiB: an archive has six band keys an original, one id a record
  bool key_filters_loaded_ = false;
  // Actor forms (actor, name and state, joined by NULs) and their numbers:
  // those used since the older generation was full, at most
  // kMaxCachedActorForms, and the older generation; a form found there
  // moves to the young one, so that the forms in use stay when one fills.
  // Forgotten when a transaction is rolled back: the numbers it gave out are
  // given again.
  KeyNumbers actor_forms_, older_actor_forms_;
  std::string actor_form_key_;  // ActorForm's buffer
  // The signatures of originals read by IsSimilarOriginal, in the slot of
  // their record number modulo kCachedSignatures (rec 0: none). Texts cut
  // from one template are compared with the same originals again and again:
  // over the 626 MB benchmark archive, 641,634 signatures were read back, of
  // 133,214 originals, and 65 % would have been found here
  // (docs/performance.md, twenty-first round).
  struct CachedSignature {
    int64_t rec;
    MinHashSignature signature;
  };
  struct FreeSignatures {
    void operator()(CachedSignature* p) const { std::free(p); }
  };
  std::unique_ptr<CachedSignature[], FreeSignatures> signatures_;  // calloc'd, or none
  Statement insert_record_, find_actor_form_, insert_actor_form_, insert_actor_, insert_state_, insert_vote_,
      find_record_, set_indexed_;
};

// The `actor` column of an actor's form (actor_forms): its id, or its name
// when it has none.
inline const std::string& ActorFormActor(const Actor& actor) {
  return actor.id.empty() ? actor.name : actor.id;
}

// The YYYY-MM-DD date of an ISO 8601 date or date-time, or empty.
std::string DayOf(const std::string& published);
// The source a record is grouped by: its source name, else its URL's host.
std::string SourceOf(const Record& record);

}  // namespace newsmine
