#include "store/index.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <new>
#include <thread>
#include <utility>

#include "core/hash.h"
#include "core/thread_name.h"
#include "store/fulltext_file.h"
#include "store/manifest.h"

namespace newsmine {
namespace {

constexpr uint64_t kReaderMmapBytes = uint64_t{16} << 30;
// The index writer's page cache. Smaller, it measured slower over 2.1 GB:
// the lookups of originals' signatures read records all over the table
// (docs/performance.md, twentieth round).
constexpr int kWriterCacheKiB = 48 * 1024;
// The page cache, and so SQLite's sort memory, while the query indexes are
// built: with little, SQLite sorts runs that fit the processor's caches and
// merges them, which took about a quarter less CPU than one sort in 48 MiB
// (docs/performance.md, twentieth round), and the end of a bulk load does
// not need 48 MiB more.
constexpr int kIndexBuildCacheKiB = 4 * 1024;
// Bumped whenever the tables change; an index of another version is rebuilt.
// Version 4 moved the full-text table to a file of its own; version 5 files
// each distinct (actor, name, state) once, in actor_forms; version 6 moved
// the band rows to a file of their own; version 7 the ids' lookups, and made
// the index of ids one that a bulk load builds at its end; version 8 the
// full-text index out of SQLite (fulltext_file.h).
constexpr int kSchemaVersion = 8;
// Records the full-text index is given between its commits while it catches
// up.
constexpr int64_t kFullTextCatchUpBatch = 100000;
// Actor forms whose numbers the writer keeps in memory, in each of two
// generations (Index::actor_forms_): at most about 20 MB in all.
constexpr size_t kMaxCachedActorForms = size_t{1} << 16;
// Originals' signatures the writer keeps, by record number
// (Index::signatures_): at most 9 MB, as their slots are used.
constexpr size_t kCachedSignatures = size_t{1} << 16;

// The tables, with the key the writer itself looks actor forms up by (it
// looks records up by id and band key in files of their own). An article's actor is a row of `actors` naming
// its form: the actor's id (or its name when it has none), name and state
// ('' for none), of which an archive has few (28,000 forms in 1.7 million
// actor rows over 626 MB). Rows of integers sort several times faster when
// the query indexes are built, and take less room.
constexpr const char* kTables = R"sql(
CREATE TABLE IF NOT EXISTS segments(number INTEGER PRIMARY KEY, bytes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS records(
  rec INTEGER PRIMARY KEY, id TEXT NOT NULL, segment INTEGER NOT NULL, offset INTEGER NOT NULL,
  length INTEGER NOT NULL, day TEXT, source TEXT, title TEXT, duplicate_of TEXT, minhash BLOB);
CREATE TABLE IF NOT EXISTS actor_forms(form INTEGER PRIMARY KEY, actor TEXT NOT NULL, name TEXT NOT NULL,
  state TEXT NOT NULL, UNIQUE(actor, name, state));
CREATE TABLE IF NOT EXISTS actors(rec INTEGER NOT NULL, form INTEGER NOT NULL, mentions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS states(rec INTEGER NOT NULL, code TEXT NOT NULL, name TEXT, day TEXT,
  sentiment REAL NOT NULL, label TEXT, mentions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS votes(rec INTEGER NOT NULL, who TEXT, actor TEXT, percent REAL NOT NULL, kind TEXT,
  election TEXT, country TEXT, date TEXT, qualifier TEXT);
CREATE TABLE IF NOT EXISTS index_info(generation INTEGER NOT NULL);
INSERT INTO index_info SELECT random() WHERE NOT EXISTS (SELECT 1 FROM index_info);
)sql";

// The secondary indexes, which only the queries use. A bulk load into an
// empty index builds them at its end.
struct SecondaryIndex {
  const char* name;
  const char* what;  // table(columns)
  bool unique;
};
constexpr SecondaryIndex kSecondaryIndexes[] = {
    // Ids are unique: the writer adds no record whose id is stored
    // (Contains), and the index would refuse one.
    {"records_id", "records(id)", true},
    {"records_day", "records(day)", false},
    {"records_source", "records(source COLLATE NOCASE, day)", false},
    {"actor_forms_name", "actor_forms(name COLLATE NOCASE)", false},
    {"actors_form", "actors(form)", false},
    {"actors_rec", "actors(rec)", false},
    {"states_code", "states(code, day)", false},
    {"states_rec", "states(rec)", false},
    {"votes_country", "votes(country)", false},
    {"votes_rec", "votes(rec)", false},
};

// The statements that create the secondary indexes, or drop them.
std::string SecondaryIndexStatements(bool create) {
  std::string sql;
  for (const auto& [name, what, unique] : kSecondaryIndexes) {
    sql += create ? std::string(unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX") + " IF NOT EXISTS " + name +
                        " ON " + what + ";"
                  : std::string("DROP INDEX IF EXISTS ") + name + ";";
  }
  return sql;
}

// The band rows of original `rec` with this signature.
std::array<KeyRow, kMinHashBands> BandRows(const MinHashSignature& signature, int64_t rec) {
  std::array<KeyRow, kMinHashBands> rows;
  const SignatureSketch sketch = MinHashSketch(signature);
  for (int band = 0; band < kMinHashBands; ++band)
    rows[band] = KeyRow{MinHashBandKey(signature, band), rec, sketch};
  return rows;
}

}  // namespace

std::string DayOf(const std::string& published) {
  if (published.size() < 10) return {};
  for (size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? published[i] != '-' : !std::isdigit(static_cast<unsigned char>(published[i]))) return {};
  }
  return published.substr(0, 10);
}

std::string SourceOf(const Record& record) {
  if (!record.source_name.empty()) return record.source_name;
  const size_t scheme = record.url.find("://");
  if (scheme == std::string::npos) return {};
  const size_t begin = scheme + 3;
  const size_t end = record.url.find_first_of("/:?#", begin);
  std::string host = record.url.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

IndexPaths IndexPathsIn(const std::string& dir) {
  return IndexPaths{dir + "/" + kIndexFile, dir + "/" + kFullTextDir, dir + "/" + kBandsFile,
                    dir + "/" + kIdsFile, dir + "/" + kSignaturesFile};
}

Status Index::Open(const IndexPaths& paths, bool read_only) {
  const std::string& path = paths.index;
  Close();
  in_transaction_ = false;
  key_files_stale_ = false;
  DiscardPendingKeys();
  ForgetCaches();
  paths_ = paths;
  if (Status s = db_.Open(path, read_only); !s.ok()) return s;
  bool empty = false;
  if (Status s = CheckSchemaVersion(read_only, &empty); !s.ok()) {
    db_.Close();
    return s;
  }
  if (read_only) {
    // Queries read pages through a memory map rather than copy them with
    // read(2). The writer does not: every page it touches would stay mapped,
    // and its memory would grow with the index (1.1 GB of mapped pages in a
    // run over a 2 GB archive).
    return db_.Exec("PRAGMA mmap_size=" + std::to_string(kReaderMmapBytes) + ";");
  }
  // WAL lets queries read committed data while a run writes; NORMAL
  // synchronisation is safe here because the segments, not the index, are
  // the source of truth and the index catches up from them after a crash.
  // The cache keeps the upper levels of the index B-trees, which random keys
  // (ids) touch all over, and bounds the writer's memory: the
  // sorts that build the query indexes at the end of a bulk load use as much
  // again. Pages of 16 KiB, four times SQLite's default, make the B-trees
  // shallower and a commit's WAL frames fewer; they measured 6% faster on
  // a bulk load (docs/performance.md, nineteenth round). SQLite takes the
  // size only when it creates the file, so an index made with another size
  // keeps it, and it must be set before WAL mode.
  if (Status s = db_.Exec(
          "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-" +
          std::to_string(kWriterCacheKiB) + ";");
      !s.ok()) {
    return s;
  }
  // Only into a new file: setting user_version writes the file's first
  // page, and an open that changes nothing should write nothing.
  if (empty) {
    if (Status s = CreateSchema(); !s.ok()) return s;
  }
  Statement facts;
  if (Status s = db_.Prepare("SELECT (SELECT generation FROM index_info), "
                             "(SELECT coalesce(max(rec), 0) FROM records)",
                             &facts);
      !s.ok()) {
    return s;
  }
  if (!facts.Step()) return Status::IoError("index: " + db_.ErrorMessage());
  generation_ = facts.Int(0);
  last_rec_ = committed_rec_ = facts.Int(1);
  if (Status s = fulltext_.Open(paths.fulltext, generation_, kSchemaVersion, last_rec_, &fulltext_covered_);
      !s.ok()) {
    return s;
  }
  if (Status s = OpenKeyFiles(); !s.ok()) return s;
  // Deferred when there are no records yet; otherwise built now, which also
  // completes an index whose bulk load was interrupted.
  secondary_indexes_deferred_ = last_rec_ == 0;
  if (Status s =
          secondary_indexes_deferred_ ? db_.Exec(SecondaryIndexStatements(false)) : BuildSecondaryIndexes();
      !s.ok()) {
    return s;
  }
  return PrepareWriteStatements();
}

void Index::Close() {
  fulltext_.Close();
  bands_.Close();
  ids_.Close();
  signature_file_.Close();
  db_.Close();
}

Status Index::CatchUpFullText(const FullTextReader& words_of) {
  Statement missing;
  if (Status s = db_.Prepare("SELECT rec, segment, offset, length FROM records WHERE rec > ?1 ORDER BY rec",
                             &missing);
      !s.ok()) {
    return s;
  }
  missing.BindInt(1, fulltext_covered_);
  int64_t added = 0, rec = 0;
  while (missing.Step()) {
    rec = missing.Int(0);
    const RecordLocation location{static_cast<int>(missing.Int(1)), static_cast<uint64_t>(missing.Int(2)),
                                  static_cast<uint64_t>(missing.Int(3))};
    std::vector<uint64_t> words;
    if (Status s = words_of(location, &words); !s.ok()) return s;
    fulltext_.Add(rec, std::move(words));
    if (++added % kFullTextCatchUpBatch == 0) {
      if (Status s = fulltext_.Commit(rec); !s.ok()) return s;
    }
  }
  if (Status s = missing.status(); !s.ok()) return s;
  if (added == 0) return Status::Ok();
  fulltext_covered_ = rec;
  return fulltext_.Commit(rec);
}

Status Index::FullTextReady() { return fulltext_.Wait(); }

Status Index::FindText(std::vector<uint64_t> words, std::vector<int64_t>* recs) {
  if (Status s = FullTextReady(); !s.ok()) return s;
  FullTextSnapshot snapshot;
  Status s = snapshot.Open(paths_.fulltext);
  Statement generation;
  if (s.ok()) s = db_.Prepare("SELECT generation FROM index_info", &generation);
  if (s.ok() && generation.Step() && generation.Int(0) != snapshot.state().generation) {
    s = Status::NotFound("the full-text index " + paths_.fulltext + " belongs to another index");
  }
  if (s.code() == Status::Code::kNotFound) {
    return Status::NotFound(s.message() + "; the next 'newsmine run' or 'newsmine reindex' makes it anew");
  }
  if (!s.ok()) return s;
  if (Status g = generation.status(); !g.ok()) return g;
  return snapshot.RecordsWithAllWords(std::move(words), recs);
}

Status Index::CheckSchemaVersion(bool read_only, bool* empty) {
  Statement q;
  if (Status s = db_.Prepare("SELECT (SELECT user_version FROM pragma_user_version), "
                             "(SELECT count(*) FROM sqlite_schema)",
                             &q);
      !s.ok()) {
    return Status::Corrupt(s.message());
  }
  if (!q.Step()) return Status::Corrupt("index: " + db_.ErrorMessage());
  const int64_t version = q.Int(0);
  *empty = q.Int(1) == 0;
  if (version == kSchemaVersion || (*empty && !read_only)) return Status::Ok();
  return Status::Unsupported("the index was built by another version of newsmine (schema " +
                             std::to_string(version) + ", this one reads " + std::to_string(kSchemaVersion) +
                             "): 'newsmine reindex' rebuilds it");
}

Status Index::CreateSchema() {
  return db_.Exec(std::string(kTables) + "PRAGMA user_version = " + std::to_string(kSchemaVersion) + ";");
}

Status Index::BuildDeferredIndexes() {
  if (Status s = Commit(KeyRows::kLeaveToBuild); !s.ok()) return s;
  // The key rows held are flushed (the end of a bulk load: the next writer
  // need not file them again) on a thread of their own, beside the build:
  // the two share nothing, and one after the other they left a core idle
  // (0.9 s and 2.8 s at the end of a run over 626 MB).
  Status flushed;
  std::thread flush([this, &flushed] {
    NameThisThread("nm-key-flush");
    flushed = FlushPendingKeys();
  });
  Status built;
  if (secondary_indexes_deferred_) {
    built = BuildSecondaryIndexes();
    if (built.ok()) secondary_indexes_deferred_ = false;
  }
  flush.join();
  if (!flushed.ok()) return flushed;
  if (!built.ok()) return built;
  // The full-text thread's last commit ran beside them too.
  return fulltext_.Wait();
}

Status Index::BuildSecondaryIndexes() {
  const auto cache = [this](int kib) { return db_.Exec("PRAGMA cache_size=-" + std::to_string(kib) + ";"); };
  if (Status s = cache(kIndexBuildCacheKiB); !s.ok()) return s;
  const Status built = db_.Exec("BEGIN;" + SecondaryIndexStatements(true) + "COMMIT;");
  if (!built.ok()) db_.Exec("ROLLBACK");
  const Status restored = cache(kWriterCacheKiB);
  return built.ok() ? restored : built;
}

Status Index::PrepareWriteStatements() {
  const std::pair<Statement*, std::string> statements[] = {
      {&insert_record_,
       "INSERT INTO records(id, segment, offset, length, day, source, title, duplicate_of, minhash) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
      {&find_actor_form_, "SELECT form FROM actor_forms WHERE actor = ?1 AND name = ?2 AND state = ?3"},
      {&insert_actor_form_, "INSERT INTO actor_forms(actor, name, state) VALUES (?1, ?2, ?3)"},
      {&insert_actor_, "INSERT INTO actors(rec, form, mentions) VALUES (?1, ?2, ?3)"},
      {&insert_state_,
       "INSERT INTO states(rec, code, name, day, sentiment, label, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
       "?7)"},
      {&insert_vote_,
       "INSERT INTO votes(rec, who, actor, percent, kind, election, country, date, qualifier) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
      // A record's id by number: the near-duplicate's original, and the id
      // lookups' confirmation.
      {&find_record_, "SELECT id FROM records WHERE rec = ?1"},
      {&set_indexed_, "INSERT OR REPLACE INTO segments(number, bytes) VALUES (?1, ?2)"},
  };
  for (const auto& [statement, sql] : statements) {
    if (Status s = db_.Prepare(sql, statement); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Index::Begin() {
  if (in_transaction_) return db_.InTransaction() ? Status::Ok() : LostTransaction();
  if (key_files_stale_) {
    if (Status s = OpenKeyFiles(); !s.ok()) return s;
  }
  // Deferred: BEGIN IMMEDIATE would take the write lock of the attached
  // full-text file too, which its own thread writes. No other process writes
  // the index (the store's lock), so the deferred upgrade cannot be refused.
  if (Status s = db_.Exec("BEGIN"); !s.ok()) return s;
  in_transaction_ = true;
  return Status::Ok();
}

Status Index::Commit(KeyRows key_rows) {
  if (!in_transaction_) return Status::Ok();
  if (!db_.InTransaction()) return LostTransaction();
  in_transaction_ = false;
  if (Status s = db_.Exec("COMMIT"); !s.ok()) {
    ForgetKeysOfTransaction();
    ForgetCaches();
    fulltext_.Rollback();
    return s;
  }
  // After the index's commit, so that neither file is ahead of it.
  committed_rec_ = last_rec_;
  const size_t bands_added = pending_bands_.size() - pending_bands_committed_;
  const size_t ids_added = pending_ids_.size() - pending_ids_committed_;
  if (key_rows == KeyRows::kFlushWhenFull && (pending_bands_.size() + bands_added > kMaxPendingBands ||
                                              pending_ids_.size() + ids_added > kMaxPendingIds)) {
    if (Status s = FlushPendingKeys(); !s.ok()) return s;
  }
  pending_bands_committed_ = pending_bands_.size();
  pending_ids_committed_ = pending_ids_.size();
  return fulltext_.Commit(last_rec_);
}

Status Index::LostTransaction() {
  // SQLite rolled the transaction back by itself after an error (a full
  // disk, an I/O error): the rows it held are gone, and writing on in
  // autocommit mode would record coverage without them.
  in_transaction_ = false;
  ForgetKeysOfTransaction();
  ForgetCaches();
  fulltext_.Rollback();
  return Status::IoError(
      "index: the transaction was rolled back after an error; nothing since the last "
      "commit was indexed");
}

template <typename Visit>
Status Index::ForEachRowOfKey(const KeyFilter& filter, const PendingKeyRows& pending, KeyFile* file,
                              int64_t key, Visit visit) {
  if (!filter.MayContain(key)) return Status::Ok();
  // Rows held are newer than the file's (records only grow).
  int visited = 0;
  bool go_on = true;
  pending.ForEachOfKey(key, [&](const KeyRow& row) {
    go_on = visit(row);
    return go_on && ++visited < kMaxBandCandidates;
  });
  if (!go_on || visited == kMaxBandCandidates) return Status::Ok();
  found_rows_.clear();
  if (Status s = file->Find(key, kMaxBandCandidates - visited, &found_rows_); !s.ok()) return s;
  for (const KeyRow& row : found_rows_) {
    if (!visit(row)) break;
  }
  return Status::Ok();
}

void Index::PrefetchKeys(const std::string& id, const std::optional<MinHashSignature>& signature) const {
  const int64_t id_key = IdKey(id);
  id_filter_.Prefetch(id_key);
  pending_ids_.Prefetch(id_key);
  if (!signature) return;
  for (int band = 0; band < kMinHashBands; ++band) {
    const int64_t key = MinHashBandKey(*signature, band);
    band_filter_.Prefetch(key);
    pending_bands_.Prefetch(key);
  }
}

Status Index::Contains(const std::string& id, bool* found) {
  *found = false;
  if (Status s = LoadKeyFilters(); !s.ok()) return s;
  // Ids are hashed: a row of the key is the id's only if the record has it.
  Status s;
  if (Status t = ForEachRowOfKey(id_filter_, pending_ids_, &ids_, IdKey(id),
                                 [&](const KeyRow& row) {
                                   s = RecordId(row.rec, &record_id_);
                                   *found = s.ok() && record_id_ == id;
                                   return s.ok() && !*found;
                                 });
      !t.ok()) {
    return t;
  }
  return s;
}

int64_t Index::IdKey(const std::string& id) { return static_cast<int64_t>(Fnv1a64(id) >> 1); }

Status Index::RecordId(int64_t rec, std::string* id) {
  id->clear();
  find_record_.BindInt(1, rec);
  if (find_record_.Step()) *id = find_record_.Text(0);
  const Status s = find_record_.status();
  find_record_.Reset();
  return s;
}

Status Index::ActorForm(const Actor& actor, int64_t* form) {
  const std::string& id = ActorFormActor(actor);
  // Built in a buffer the writer keeps: most forms are found in memory, and
  // then nothing is allocated.
  std::string& key = actor_form_key_;
  key.assign(id).append(1, '\0').append(actor.name).append(1, '\0').append(actor.state);
  if (const int64_t* number = actor_forms_.Find(key)) {
    *form = *number;
    return Status::Ok();
  }
  if (const int64_t* number = older_actor_forms_.Find(key)) {
    *form = *number;
    RememberActorForm(key, *form);
    return Status::Ok();
  }
  find_actor_form_.BindText(1, id);
  find_actor_form_.BindText(2, actor.name);
  find_actor_form_.BindText(3, actor.state);
  const bool found = find_actor_form_.Step();
  if (found) *form = find_actor_form_.Int(0);
  Status s = find_actor_form_.status();
  find_actor_form_.Reset();
  if (!s.ok()) return s;
  if (!found) {
    insert_actor_form_.BindText(1, id);
    insert_actor_form_.BindText(2, actor.name);
    insert_actor_form_.BindText(3, actor.state);
    if (s = insert_actor_form_.Run(); !s.ok()) return s;
    *form = db_.LastInsertRowid();
  }
  RememberActorForm(key, *form);
  return Status::Ok();
}

void Index::RememberActorForm(const std::string& key, int64_t form) {
  if (actor_forms_.size() >= kMaxCachedActorForms) {
    std::swap(older_actor_forms_, actor_forms_);
    actor_forms_.Clear();
  }
  actor_forms_.Insert(key, form);
}

void Index::ForgetCaches() {
  actor_forms_.Clear();
  older_actor_forms_.Clear();
  signatures_.reset();
}

Status Index::OpenKeyFiles() {
  key_files_stale_ = false;
  int64_t bands_covered = 0, ids_covered = 0, signatures_covered = 0;
  if (Status s = bands_.Open(paths_.bands, generation_, committed_rec_, &bands_covered); !s.ok()) return s;
  if (Status s = ids_.Open(paths_.ids, generation_, committed_rec_, &ids_covered); !s.ok()) return s;
  if (Status s = signature_file_.Open(paths_.signatures, generation_, committed_rec_, &signatures_covered);
      !s.ok()) {
    return s;
  }
  // Rows from before are in bands_ now, or will be.
  band_filter_.Clear();
  id_filter_.Clear();
  key_filters_loaded_ = false;
  Statement missing;
  if (Status s = db_.Prepare(
          "SELECT rec, id, duplicate_of IS NULL, minhash FROM records WHERE rec > ?1 ORDER BY rec", &missing);
      !s.ok()) {
    return s;
  }
  missing.BindInt(1, std::min({bands_covered, ids_covered, signatures_covered}));
  std::vector<KeyRow> band_rows, id_rows;
  MinHashSignature signature;
  const auto add_rows = [&]() {
    Status s = bands_.Add(&band_rows);
    if (s.ok()) s = ids_.Add(&id_rows);
    band_rows.clear();
    id_rows.clear();
    return s;
  };
  while (missing.Step()) {
    const int64_t rec = missing.Int(0);
    if (rec > ids_covered) id_rows.push_back(KeyRow{IdKey(missing.Text(1)), rec, {}});
    // Only originals are banded and kept in signature_file_ (Add).
    if (missing.Int(2) != 0 && SignatureFromBytes(missing.Blob(3), &signature)) {
      if (rec > bands_covered) {
        for (const KeyRow& row : BandRows(signature, rec)) band_rows.push_back(row);
      }
      if (rec > signatures_covered) {
        if (Status s = signature_file_.Put(rec, signature); !s.ok()) return s;
      }
    }
    if (band_rows.size() >= kMaxPendingBands || id_rows.size() >= kMaxPendingIds) {
      if (Status s = add_rows(); !s.ok()) return s;
    }
  }
  if (Status s = missing.status(); !s.ok()) return s;
  if (Status s = add_rows(); !s.ok()) return s;
  // The signatures first: a band row read is of an original whose signature
  // the file holds.
  if (Status s = signature_file_.Commit(committed_rec_); !s.ok()) return s;
  if (Status s = bands_.Commit(committed_rec_); !s.ok()) return s;
  return ids_.Commit(committed_rec_);
}

Status Index::LoadKeyFilters() {
  if (key_filters_loaded_) return Status::Ok();
  if (Status s = bands_.ForEachKey([this](int64_t key) { band_filter_.Add(key); }); !s.ok()) return s;
  if (Status s = ids_.ForEachKey([this](int64_t key) { id_filter_.Add(key); }); !s.ok()) return s;
  key_filters_loaded_ = true;
  return Status::Ok();
}

Status Index::FlushPendingKeys() {
  Status s = bands_.Add(pending_bands_.rows());
  if (s.ok()) s = ids_.Add(pending_ids_.rows());
  if (s.ok()) s = signature_file_.Commit(committed_rec_);
  if (s.ok()) s = bands_.Commit(committed_rec_);
  if (s.ok()) s = ids_.Commit(committed_rec_);
  DiscardPendingKeys();
  // The rows are not all in the files: they catch up from the index before
  // the next transaction.
  if (!s.ok()) key_files_stale_ = true;
  return s;
}

void Index::DiscardPendingKeys() {
  pending_bands_committed_ = pending_ids_committed_ = 0;
  pending_bands_.Clear();
  pending_ids_.Clear();
}

void Index::ForgetKeysOfTransaction() {
  // The rows held of committed records go too: the files catch up with them
  // from the index.
  DiscardPendingKeys();
  key_files_stale_ = true;
}

Status Index::IsSimilarOriginal(const MinHashSignature& signature, const SignatureSketch& sketch, int64_t rec,
                                const SignatureSketch& rec_sketch, bool* similar) {
  *similar = false;
  if (!SketchesAllowNearDuplicate(sketch, rec_sketch)) return Status::Ok();
  if (!signatures_) {
    // Zeroed pages that a small archive never touches cost no memory.
    signatures_.reset(static_cast<CachedSignature*>(std::calloc(kCachedSignatures, sizeof(CachedSignature))));
    if (!signatures_) throw std::bad_alloc();
  }
  CachedSignature& cached = signatures_[static_cast<size_t>(rec) & (kCachedSignatures - 1)];
  if (cached.rec != rec) {
    bool found = false;
    if (Status s = signature_file_.Get(rec, &cached.signature, &found); !s.ok()) {
      cached.rec = 0;
      return s;
    }
    cached.rec = found ? rec : 0;
    if (!found) return Status::Ok();
  }
  *similar = EstimatedSimilarity(cached.signature, signature) >= kNearDuplicateSimilarity;
  return Status::Ok();
}

Status Index::FindNearDuplicate(const MinHashSignature& signature, std::string* id) {
  id->clear();
  if (Status s = LoadKeyFilters(); !s.ok()) return s;
  const SignatureSketch sketch = MinHashSketch(signature);
  int64_t original = 0;
  for (int band = 0; band < kMinHashBands && original == 0; ++band) {
    // Candidates come newest first, so the last similar one, the oldest, is
    // named.
    Status s;
    if (Status t = ForEachRowOfKey(band_filter_, pending_bands_, &bands_, MinHashBandKey(signature, band),
                                   [&](const KeyRow& row) {
                                     bool similar = false;
                                     s = IsSimilarOriginal(signature, sketch, row.rec, row.sketch, &similar);
                                     if (similar) original = row.rec;
                                     return s.ok();
                                   });
        !t.ok()) {
      return t;
    }
    if (!s.ok()) return s;
  }
  // The id is read once, of the original named.
  return original == 0 ? Status::Ok() : RecordId(original, id);
}

Status Index::Add(const Record& r, const RecordLocation& location,
                  const std::optional<MinHashSignature>& signature, std::vector<uint64_t> fulltext_words) {
  const std::string day = DayOf(r.published);
  insert_record_.BindText(1, r.id);
  insert_record_.BindInt(2, location.segment);
  insert_record_.BindInt(3, static_cast<int64_t>(location.offset));
  insert_record_.BindInt(4, static_cast<int64_t>(location.length));
  insert_record_.BindText(5, day, true);
  insert_record_.BindText(6, SourceOf(r), true);
  insert_record_.BindText(7, r.title);
  insert_record_.BindText(8, r.duplicate_of, true);
  if (signature) insert_record_.BindBlob(9, SignatureBytes(*signature));
  if (Status s = insert_record_.Run(); !s.ok()) return s;
  const int64_t rec = db_.LastInsertRowid();
  for (const Actor& a : r.actors) {
    int64_t form = 0;
    if (Status s = ActorForm(a, &form); !s.ok()) return s;
    insert_actor_.BindInt(1, rec);
    insert_actor_.BindInt(2, form);
    insert_actor_.BindInt(3, a.mentions);
    if (Status s = insert_actor_.Run(); !s.ok()) return s;
  }
  for (const StateMention& st : r.states) {
    insert_state_.BindInt(1, rec);
    insert_state_.BindText(2, st.code);
    insert_state_.BindText(3, st.name, true);
    insert_state_.BindText(4, day, true);
    insert_state_.BindDouble(5, st.sentiment);
    insert_state_.BindText(6, st.label, true);
    insert_state_.BindInt(7, st.mentions);
    if (Status s = insert_state_.Run(); !s.ok()) return s;
  }
  for (const Vote& v : r.votes) {
    insert_vote_.BindInt(1, rec);
    insert_vote_.BindText(2, v.who);
    insert_vote_.BindText(3, v.actor, true);
    insert_vote_.BindDouble(4, v.percent);
    insert_vote_.BindText(5, v.kind);
    insert_vote_.BindText(6, v.election, true);
    insert_vote_.BindText(7, v.country, true);
    insert_vote_.BindText(8, v.date.empty() ? day : v.date, true);
    insert_vote_.BindText(9, v.qualifier, true);
    if (Status s = insert_vote_.Run(); !s.ok()) return s;
  }
  fulltext_.Add(rec, std::move(fulltext_words));
  last_rec_ = rec;
  if (Status s = LoadKeyFilters(); !s.ok()) return s;
  const int64_t id_key = IdKey(r.id);
  id_filter_.Add(id_key);
  pending_ids_.Add(KeyRow{id_key, rec, {}});
  // Only originals are banded: a later copy is matched against the original.
  if (signature && r.duplicate_of.empty()) {
    if (Status s = signature_file_.Put(rec, *signature); !s.ok()) return s;
    for (const KeyRow& row : BandRows(*signature, rec)) {
      band_filter_.Add(row.key);
      pending_bands_.Add(row);
    }
  }
  if (pending_bands_.size() >= kMaxPendingBands || pending_ids_.size() >= kMaxPendingIds)
    return FlushPendingKeys();
  return Status::Ok();
}

Status Index::IsComplete(const std::map<int, uint64_t>& committed, bool* complete) {
  *complete = false;
  std::map<int, uint64_t> indexed;
  if (Status s = IndexedBytes(&indexed); !s.ok()) return s;
  for (const auto& [number, bytes] : committed) {
    const auto it = indexed.find(number);
    if ((it == indexed.end() ? 0 : it->second) != bytes) return Status::Ok();
  }
  for (const auto& [number, bytes] : indexed) {
    if (committed.count(number) == 0) return Status::Ok();
  }
  std::string names;
  for (const SecondaryIndex& index : kSecondaryIndexes)
    names += std::string(names.empty() ? "'" : ",'") + index.name + "'";
  Statement facts;
  if (Status s = db_.Prepare(
          "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN (" + names +
              ")), (SELECT generation FROM index_info), (SELECT coalesce(max(rec), 0) FROM records)",
          &facts);
      !s.ok()) {
    return s;
  }
  if (!facts.Step()) return facts.status();
  const int64_t max_rec = facts.Int(2);
  FullTextState fulltext;
  *complete = facts.Int(0) == static_cast<int64_t>(std::size(kSecondaryIndexes)) &&
              FullTextIndexUsable(paths_.fulltext, facts.Int(1), kSchemaVersion, max_rec, &fulltext) &&
              fulltext.covered == max_rec;
  return Status::Ok();
}

Status Index::SetIndexedBytes(int segment, uint64_t bytes) {
  set_indexed_.BindInt(1, segment);
  set_indexed_.BindInt(2, static_cast<int64_t>(bytes));
  return set_indexed_.Run();
}

Status Index::IndexedBytes(std::map<int, uint64_t>* out) {
  out->clear();
  Statement q;
  if (Status s = db_.Prepare("SELECT number, bytes FROM segments", &q); !s.ok()) return s;
  while (q.Step()) (*out)[static_cast<int>(q.Int(0))] = static_cast<uint64_t>(q.Int(1));
  return q.status();
}

Status Index::Locate(const std::string& id_or_prefix, std::string* id, RecordLocation* location) {
  if (id_or_prefix.size() < 6) return Status::InvalidArgument("a record id needs at least 6 digits");
  Statement q;
  if (Status s = db_.Prepare(
          "SELECT id, segment, offset, length FROM records WHERE id >= ?1 AND id < ?2 LIMIT 2", &q);
      !s.ok()) {
    return s;
  }
  q.BindText(1, id_or_prefix);
  q.BindText(2, id_or_prefix + "\x7f");
  int matches = 0;
  while (q.Step()) {
    if (++matches > 1)
      return Status::InvalidArgument("id prefix " + id_or_prefix + " matches several records");
    *id = q.Text(0);
    location->segment = static_cast<int>(q.Int(1));
    location->offset = static_cast<uint64_t>(q.Int(2));
    location->length = static_cast<uint64_t>(q.Int(3));
  }
  if (!q.status().ok()) return q.status();
  if (matches == 0) return Status::NotFound("no record " + id_or_prefix);
  return Status::Ok();
}

}  // namespace newsmine
