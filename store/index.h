// The store's index: a SQLite database (WAL mode) derived from the segments,
// holding where each record lives, its date and source, its actors, states
// (with sentiment) and votes, and the MinHash signatures and bands used to
// find near-duplicates (minhash.h); and beside it, in a file of its own
// written by a thread of its own (fulltext_writer.h), a full-text index (FTS5
// over the words of fulltext.h), attached to the index's connection as
// `fulltext` so that queries join its table `text` with the others. Both can
// always be rebuilt from the segments.
//
// Thread-safety: an Index belongs to one thread (a writer's has a second
// thread of its own for the full-text file). Several processes may open the
// same index: one writer and any number of readers (WAL).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "extract/record.h"
#include "store/fulltext_writer.h"
#include "store/minhash.h"
#include "store/sqlite_db.h"

namespace newsmine {

// Where a record's JSON line lives: segment number, byte offset and length
// (without the newline).
struct RecordLocation {
  int segment = 0;
  uint64_t offset = 0;
  uint64_t length = 0;
};

class Index {
 public:
  // Opens the index file at `path` and the full-text file at
  // `fulltext_path`; a writable index is created with its schema when absent,
  // and a full-text file that is absent or not this index's is made anew
  // (FullTextWriter::Open; CatchUpFullText then fills it). Returns kIoError
  // when SQLite refuses, kCorrupt when the index file is not a database,
  // kUnsupported when its schema is another version's (the store then
  // rebuilds it). A reader opens without the full-text file when there is
  // none (FullTextReady).
  //
  // A writable index that holds no records yet defers its secondary indexes
  // (day, source, actors, states, votes: what only the queries use) until
  // BuildDeferredIndexes: building one over all the rows at the end of a
  // bulk load is several times cheaper than updating it row by row. Until
  // then queries give the same answers, by scanning. Opened for writing with
  // records, an index whose bulk load was cut short builds them at once.
  Status Open(const std::string& path, const std::string& fulltext_path, bool read_only);
  // Closes both files; what was added since the last Commit is dropped.
  void Close();

  // Writer only, before adding records: files in the full-text index the
  // records it lacks (a crash came between the index's commit and its own),
  // getting each one's words (FullTextTerms) from `terms_of`. Returns the
  // first error of `terms_of` or of the full-text file.
  using FullTextReader = std::function<Status(const RecordLocation& location, std::string* terms)>;
  Status CatchUpFullText(const FullTextReader& terms_of);
  // Call before a query that reads the full-text table. A writer's waits
  // until its full-text thread has committed what the index committed.
  // Returns kNotFound when a reader found no full-text file.
  Status FullTextReady();

  // A write transaction. Everything added between Begin and Commit becomes
  // visible to readers at once, but for the full-text index, which its thread
  // commits just after (FullTextReady waits for it). When SQLite has rolled
  // the transaction back by itself after an error, Begin and Commit return
  // kIoError (once) rather than go on outside it.
  Status Begin();
  Status Commit();
  bool in_transaction() const { return in_transaction_; }
  // Commits, builds the secondary indexes Open deferred (nothing when none
  // was), and waits for the full-text thread to commit. Call it at the end of
  // a bulk load.
  Status BuildDeferredIndexes();

  // Sets *found to whether a record with this id is indexed (including ones
  // added in the open transaction).
  Status Contains(const std::string& id, bool* found);
  // The id of an indexed original record (not itself a duplicate) whose
  // text is a near-duplicate of the one with this signature, or empty. Only
  // the newest kMaxBandCandidates originals under each band key are
  // compared (minhash.h); of those similar, the oldest is named.
  Status FindNearDuplicate(const MinHashSignature& signature, std::string* id);
  // Indexes one record stored at `location`. `signature` is its text's
  // MinHash (nullopt for texts too short to have one), `fulltext_terms` the
  // words of its title and text (FullTextTerms in fulltext.h).
  Status Add(const Record& record, const RecordLocation& location,
             const std::optional<MinHashSignature>& signature, std::string fulltext_terms);

  // How many bytes of each segment the index covers; the writer advances it
  // in the same transaction as the records, so a crash never leaves them
  // apart.
  Status SetIndexedBytes(int segment, uint64_t bytes);
  Status IndexedBytes(std::map<int, uint64_t>* out);

  // Finds a record by its id or a unique prefix of it (at least 6 digits).
  // Returns kNotFound when none matches, kInvalidArgument when the prefix
  // matches several.
  Status Locate(const std::string& id_or_prefix, std::string* id, RecordLocation* location);

  Database& db() { return db_; }

 private:
  Status CheckSchemaVersion(bool read_only);
  Status AttachFullText(const std::string& fulltext_path);
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
  void ForgetActorForms();
  // Fills band_filter_ with the keys of minhash_bands, once.
  Status LoadBandFilter();
  // Files band `key` of original `rec` (with `sketch`) in pending_bands_.
  void AddPendingBand(int64_t key, int64_t rec, uint64_t sketch);
  // Writes pending_bands_ into minhash_bands, in key order, and empties it.
  Status FlushPendingBands();
  // Empties pending_bands_ and its map.
  void DiscardPendingBands();
  // Compares the original `rec`, whose sketch is `rec_sketch`, with a
  // signature (and its sketch); sets *id to its id when they are similar.
  Status CompareWithOriginal(const MinHashSignature& signature, uint64_t sketch, int64_t rec,
                             uint64_t rec_sketch, std::string* id);

  // A band row not yet in minhash_bands. `older` is the index in
  // pending_bands_ of the previous row with the same key, or -1.
  struct PendingBand {
    int64_t key;
    int64_t rec;
    uint64_t sketch;
    int32_t older;
  };

  Database db_;
  FullTextWriter fulltext_;  // a writer's
  std::string fulltext_path_;
  bool fulltext_attached_ = false;
  int64_t fulltext_covered_ = 0;  // the full-text file holds every record up to this one
  int64_t last_rec_ = 0;          // the highest record number added
  bool in_transaction_ = false;
  bool secondary_indexes_deferred_ = false;
  // The band rows of originals added since the last flush. New band keys are
  // random, so rows inserted as records come land on random pages of a
  // B-tree several times the size of the page cache, which are then read,
  // evicted, written and read again; written in key order when the
  // transaction commits (or when there are kMaxPendingBands), each page is
  // read and written once per commit.
  std::vector<PendingBand> pending_bands_;
  std::unordered_map<int64_t, int32_t> newest_pending_band_;  // key -> index in pending_bands_
  // The keys of minhash_bands and pending_bands_, once loaded.
  BandKeyFilter band_filter_;
  bool band_filter_loaded_ = false;
  // Actor forms (actor, name and state, joined by NULs) and their numbers:
  // those used since the older generation was full, at most
  // kMaxCachedActorForms, and the older generation; a form found there
  // moves to the young one, so that the forms in use stay when one fills.
  // Forgotten when a transaction is rolled back: the numbers it gave out are
  // given again.
  std::unordered_map<std::string, int64_t> actor_forms_, older_actor_forms_;
  std::string actor_form_key_;  // ActorForm's buffer
  Statement contains_, insert_record_, find_actor_form_, insert_actor_form_, insert_actor_, insert_state_,
      insert_vote_, insert_band_rows_, insert_band_row_, find_band_, find_signature_, set_indexed_;
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
