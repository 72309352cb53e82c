#include "store/index.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace newsmine {
namespace {

constexpr uint64_t kReaderMmapBytes = uint64_t{16} << 30;
constexpr int kWriterCacheKiB = 64 * 1024;
constexpr int kFullTextPendingBytes = 16 << 20;
// FTS5 merges the segments of a level into one once there are this many
// (its default is 4). Over a large archive merging was a tenth of the
// writer's time; at 16, `run` over 626 MB took 51 and 54 s instead of 58 and
// 59 (over 2.1 GB, 2 to 3 % less), and queries gave the same answers in the
// same time from a full-text index 3 % larger.
constexpr int kFullTextAutomerge = 16;
// Band rows held for a flush at most (about 35 MB with the map that finds
// them by key): a commit of 50,000 records has 300,000.
constexpr size_t kMaxPendingBands = size_t{1} << 19;
// Band rows per INSERT when they are flushed (running a statement costs more
// than its row's B-tree work).
constexpr int kBandRowsPerInsert = 8;

// INSERT OR IGNORE of `rows` band rows: ?1, ?2, ?3 the first's key, record
// and sketch, and so on.
std::string InsertBandRowsSql(int rows) {
  std::string sql = "INSERT OR IGNORE INTO minhash_bands(key, rec, sketch) VALUES ";
  for (int row = 0; row < rows; ++row) {
    const int first = 3 * row + 1;
    sql += (row == 0 ? "(?" : ", (?") + std::to_string(first) + ", ?" + std::to_string(first + 1) + ", ?" +
           std::to_string(first + 2) + ")";
  }
  return sql;
}

// Bumped whenever the tables change; an index of another version is rebuilt.
constexpr int kSchemaVersion = 3;

// The tables, with the keys the writer itself looks records up by (id,
// MinHash band).
constexpr const char* kTables = R"sql(
CREATE TABLE IF NOT EXISTS segments(number INTEGER PRIMARY KEY, bytes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS records(
  rec INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, segment INTEGER NOT NULL, offset INTEGER NOT NULL,
  length INTEGER NOT NULL, day TEXT, source TEXT, title TEXT, duplicate_of TEXT, minhash BLOB);
CREATE TABLE IF NOT EXISTS actors(rec INTEGER NOT NULL, actor TEXT NOT NULL, name TEXT, state TEXT,
  mentions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS states(rec INTEGER NOT NULL, code TEXT NOT NULL, name TEXT, day TEXT,
  sentiment REAL NOT NULL, label TEXT, mentions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS votes(rec INTEGER NOT NULL, who TEXT, actor TEXT, percent REAL NOT NULL, kind TEXT,
  election TEXT, country TEXT, date TEXT, qualifier TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS text USING fts5(terms, content='', detail=none, columnsize=0, tokenize='ascii');
CREATE TABLE IF NOT EXISTS minhash_bands(key INTEGER NOT NULL, rec INTEGER NOT NULL, sketch INTEGER NOT NULL,
  PRIMARY KEY(key, rec)) WITHOUT ROWID;
)sql";

// The secondary indexes, which only the queries use: name, then what it
// indexes. A bulk load into an empty index builds them at its end.
constexpr std::pair<const char*, const char*> kSecondaryIndexes[] = {
    {"records_day", "records(day)"},   {"records_source", "records(source COLLATE NOCASE, day)"},
    {"actors_actor", "actors(actor)"}, {"actors_name", "actors(name COLLATE NOCASE)"},
    {"actors_rec", "actors(rec)"},     {"states_code", "states(code, day)"},
    {"states_rec", "states(rec)"},     {"votes_country", "votes(country)"},
    {"votes_rec", "votes(rec)"},
};

// The statements that create the secondary indexes, or drop them.
std::string SecondaryIndexStatements(bool create) {
  std::string sql;
  for (const auto& [name, what] : kSecondaryIndexes) {
    sql += create ? std::string("CREATE INDEX IF NOT EXISTS ") + name + " ON " + what + ";"
                  : std::string("DROP INDEX IF EXISTS ") + name + ";";
  }
  return sql;
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

Status Index::Open(const std::string& path, bool read_only) {
  in_transaction_ = false;
  DiscardPendingBands();
  band_filter_.Clear();
  band_filter_loaded_ = false;
  if (Status s = db_.Open(path, read_only); !s.ok()) return s;
  if (Status s = CheckSchemaVersion(read_only); !s.ok()) {
    db_.Close();
    return s;
  }
  // Queries read pages through a memory map rather than copy them with
  // read(2). The writer does not: every page it touches would stay mapped,
  // and its memory would grow with the index (1.1 GB of mapped pages in a
  // run over a 2 GB archive).
  if (read_only) return db_.Exec("PRAGMA mmap_size=" + std::to_string(kReaderMmapBytes));
  // WAL lets queries read committed data while a run writes; NORMAL
  // synchronisation is safe here because the segments, not the index, are
  // the source of truth and the index catches up from them after a crash.
  // The cache keeps the upper levels of the index B-trees, which random keys
  // (ids, MinHash bands) touch all over, and bounds the writer's memory: the
  // sorts that build the query indexes at the end of a bulk load use as much
  // again.
  if (Status s = db_.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-" +
                          std::to_string(kWriterCacheKiB) + ";");
      !s.ok()) {
    return s;
  }
  if (Status s = CreateSchema(); !s.ok()) return s;
  // Deferred when there are no records yet; otherwise built now, which also
  // completes an index whose bulk load was interrupted.
  Statement any_record;
  if (Status s = db_.Prepare("SELECT 1 FROM records LIMIT 1", &any_record); !s.ok()) return s;
  secondary_indexes_deferred_ = !any_record.Step();
  if (Status s = any_record.status(); !s.ok()) return s;
  if (Status s = db_.Exec(SecondaryIndexStatements(!secondary_indexes_deferred_)); !s.ok()) return s;
  return PrepareWriteStatements();
}

Status Index::CheckSchemaVersion(bool read_only) {
  Statement q;
  if (Status s = db_.Prepare("SELECT (SELECT user_version FROM pragma_user_version), "
                             "(SELECT count(*) FROM sqlite_schema)",
                             &q);
      !s.ok()) {
    return Status::Corrupt(s.message());
  }
  if (!q.Step()) return Status::Corrupt("index: " + db_.ErrorMessage());
  const int64_t version = q.Int(0);
  const bool empty = q.Int(1) == 0;
  if (version == kSchemaVersion || (empty && !read_only)) return Status::Ok();
  return Status::Unsupported("the index was built by another version of newsmine (schema " +
                             std::to_string(version) + ", this one reads " + std::to_string(kSchemaVersion) +
                             "): 'newsmine reindex' rebuilds it");
}

Status Index::CreateSchema() {
  // FTS5 keeps new words in memory up to `hashsize` bytes, then writes them
  // as a segment, which it merges with the others later: at the default
  // 1 MB, merging cost a run over Reuters as much as the inserts did.
  return db_.Exec(std::string(kTables) + "INSERT INTO text(text, rank) VALUES('hashsize', " +
                  std::to_string(kFullTextPendingBytes) +
                  "); INSERT INTO text(text, rank) VALUES('automerge', " +
                  std::to_string(kFullTextAutomerge) +
                  "); PRAGMA user_version = " + std::to_string(kSchemaVersion) + ";");
}

Status Index::BuildDeferredIndexes() {
  if (!secondary_indexes_deferred_) return Status::Ok();
  if (Status s = Commit(); !s.ok()) return s;
  if (Status s = db_.Exec("BEGIN IMMEDIATE;" + SecondaryIndexStatements(true) + "COMMIT;"); !s.ok()) {
    db_.Exec("ROLLBACK");
    return s;
  }
  secondary_indexes_deferred_ = false;
  return Status::Ok();
}

Status Index::PrepareWriteStatements() {
  const std::pair<Statement*, std::string> statements[] = {
      {&contains_, "SELECT 1 FROM records WHERE id = ?1"},
      {&insert_record_,
       "INSERT INTO records(id, segment, offset, length, day, source, title, duplicate_of, minhash) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
      {&insert_actor_, "INSERT INTO actors(rec, actor, name, state, mentions) VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&insert_state_,
       "INSERT INTO states(rec, code, name, day, sentiment, label, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
       "?7)"},
      {&insert_vote_,
       "INSERT INTO votes(rec, who, actor, percent, kind, election, country, date, qualifier) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
      {&insert_text_, "INSERT INTO text(rowid, terms) VALUES (?1, ?2)"},
      // The newest kMaxBandCandidates originals under the key, newest first.
      {&find_band_, "SELECT rec, sketch FROM minhash_bands WHERE key = ?1 ORDER BY rec DESC LIMIT ?2"},
      {&find_signature_, "SELECT id, minhash FROM records WHERE rec = ?1"},
      {&set_indexed_, "INSERT OR REPLACE INTO segments(number, bytes) VALUES (?1, ?2)"},
      {&insert_band_rows_, InsertBandRowsSql(kBandRowsPerInsert)},
      {&insert_band_row_, InsertBandRowsSql(1)},
  };
  for (const auto& [statement, sql] : statements) {
    if (Status s = db_.Prepare(sql, statement); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Index::Begin() {
  if (in_transaction_) return db_.InTransaction() ? Status::Ok() : LostTransaction();
  if (Status s = db_.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  in_transaction_ = true;
  return Status::Ok();
}

Status Index::Commit() {
  if (!in_transaction_) return Status::Ok();
  if (!db_.InTransaction()) return LostTransaction();
  if (Status s = FlushPendingBands(); !s.ok()) return s;
  in_transaction_ = false;
  return db_.Exec("COMMIT");
}

Status Index::LostTransaction() {
  // SQLite rolled the transaction back by itself after an error (a full
  // disk, an I/O error): the rows it held are gone, and writing on in
  // autocommit mode would record coverage without them.
  in_transaction_ = false;
  DiscardPendingBands();
  return Status::IoError(
      "index: the transaction was rolled back after an error; nothing since the last "
      "commit was indexed");
}

Status Index::Contains(const std::string& id, bool* found) {
  contains_.BindText(1, id);
  *found = contains_.Step();
  const Status s = contains_.status();
  contains_.Reset();
  return s;
}

Status Index::LoadBandFilter() {
  if (band_filter_loaded_) return Status::Ok();
  Statement keys;
  if (Status s = db_.Prepare("SELECT key FROM minhash_bands", &keys); !s.ok()) return s;
  while (keys.Step()) band_filter_.Add(keys.Int(0));
  if (Status s = keys.status(); !s.ok()) return s;
  band_filter_loaded_ = true;
  return Status::Ok();
}

void Index::AddPendingBand(int64_t key, int64_t rec, uint64_t sketch) {
  band_filter_.Add(key);
  const auto [newest, added] =
      newest_pending_band_.try_emplace(key, static_cast<int32_t>(pending_bands_.size()));
  pending_bands_.push_back(PendingBand{key, rec, sketch, added ? -1 : newest->second});
  newest->second = static_cast<int32_t>(pending_bands_.size() - 1);
}

Status Index::FlushPendingBands() {
  std::sort(pending_bands_.begin(), pending_bands_.end(), [](const PendingBand& a, const PendingBand& b) {
    return a.key != b.key ? a.key < b.key : a.rec < b.rec;
  });
  size_t next = 0;
  while (next < pending_bands_.size()) {
    const bool full = pending_bands_.size() - next >= kBandRowsPerInsert;
    Statement& insert = full ? insert_band_rows_ : insert_band_row_;
    const int rows = full ? kBandRowsPerInsert : 1;
    for (int row = 0; row < rows; ++row, ++next) {
      insert.BindInt(3 * row + 1, pending_bands_[next].key);
      insert.BindInt(3 * row + 2, pending_bands_[next].rec);
      insert.BindInt(3 * row + 3, static_cast<int64_t>(pending_bands_[next].sketch));
    }
    if (Status s = insert.Run(); !s.ok()) return s;
  }
  DiscardPendingBands();
  return Status::Ok();
}

void Index::DiscardPendingBands() {
  pending_bands_.clear();
  newest_pending_band_.clear();
}

Status Index::CompareWithOriginal(const MinHashSignature& signature, uint64_t sketch, int64_t rec,
                                  uint64_t rec_sketch, std::string* id) {
  if (!SketchesAllowNearDuplicate(sketch, rec_sketch)) return Status::Ok();
  MinHashSignature candidate;
  find_signature_.BindInt(1, rec);
  if (find_signature_.Step() && SignatureFromBytes(find_signature_.Blob(1), &candidate) &&
      EstimatedSimilarity(candidate, signature) >= kNearDuplicateSimilarity) {
    *id = find_signature_.Text(0);
  }
  const Status s = find_signature_.status();
  find_signature_.Reset();
  return s;
}

Status Index::FindNearDuplicate(const MinHashSignature& signature, std::string* id) {
  id->clear();
  if (Status s = LoadBandFilter(); !s.ok()) return s;
  const uint64_t sketch = MinHashSketch(signature);
  for (int band = 0; band < kMinHashBands && id->empty(); ++band) {
    const int64_t key = MinHashBandKey(signature, band);
    if (!band_filter_.MayContain(key)) continue;
    // Candidates come newest first, those not yet flushed before the table's
    // (records only grow), so the last similar one, the oldest, is named.
    int candidates = 0;
    const auto pending = newest_pending_band_.find(key);
    for (int32_t i = pending == newest_pending_band_.end() ? -1 : pending->second;
         i >= 0 && candidates < kMaxBandCandidates; i = pending_bands_[i].older, ++candidates) {
      if (Status s =
              CompareWithOriginal(signature, sketch, pending_bands_[i].rec, pending_bands_[i].sketch, id);
          !s.ok()) {
        return s;
      }
    }
    if (candidates == kMaxBandCandidates) continue;
    find_band_.BindInt(1, key);
    find_band_.BindInt(2, kMaxBandCandidates - candidates);
    Status s;
    while (s.ok() && find_band_.Step()) {
      s = CompareWithOriginal(signature, sketch, find_band_.Int(0), static_cast<uint64_t>(find_band_.Int(1)),
                              id);
    }
    if (s.ok()) s = find_band_.status();
    find_band_.Reset();
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status Index::Add(const Record& r, const RecordLocation& location,
                  const std::optional<MinHashSignature>& signature, std::string_view fulltext_terms) {
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
    insert_actor_.BindInt(1, rec);
    insert_actor_.BindText(2, a.id.empty() ? a.name : a.id);
    insert_actor_.BindText(3, a.name);
    insert_actor_.BindText(4, a.state, true);
    insert_actor_.BindInt(5, a.mentions);
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
  insert_text_.BindInt(1, rec);
  insert_text_.BindText(2, fulltext_terms);
  if (Status s = insert_text_.Run(); !s.ok()) return s;
  // Only originals are banded: a later copy is matched against the original.
  if (signature && r.duplicate_of.empty()) {
    if (Status s = LoadBandFilter(); !s.ok()) return s;
    const uint64_t sketch = MinHashSketch(*signature);
    for (int band = 0; band < kMinHashBands; ++band)
      AddPendingBand(MinHashBandKey(*signature, band), rec, sketch);
    if (pending_bands_.size() >= kMaxPendingBands) return FlushPendingBands();
  }
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
