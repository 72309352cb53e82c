// VerifyStore: checks that segments, manifest, logs and index agree.

#include <filesystem>
#include <map>
#include <unordered_map>

#include "core/hash.h"
#include "store/fulltext_file.h"
#include "store/record_json.h"
#include "store/store.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;

uint64_t FileSize(const std::string& path, bool* exists) {
  std::error_code ec;
  const uint64_t size = fs::file_size(path, ec);
  *exists = !ec;
  return ec ? 0 : size;
}

// A digest of one actor row of a record: its record's id, its form (the
// actor's id or name, name, state) and mentions. The sum over the rows does
// not depend on their order, so the segments' and the index's are compared
// without sorting either.
uint64_t ActorRowDigest(std::string_view record_id, std::string_view actor, std::string_view name,
                        std::string_view state, int64_t mentions) {
  Fnv1a64Hasher hasher;
  for (std::string_view part : {record_id, actor, name, state}) {
    hasher.Update(part);
    hasher.Update('\0');
  }
  hasher.Update(std::to_string(mentions));
  return hasher.Finish();
}

// What the segments hold, gathered by one scan.
struct SegmentFacts {
  std::unordered_map<std::string, RecordLocation> locations;  // by id
  std::map<int, uint64_t> records_by_segment;
  uint64_t records = 0, duplicates = 0, actors = 0, states = 0, votes = 0;
  uint64_t actor_digest = 0;  // the sum of ActorRowDigest over the actors
};

// Checks each file's length against the manifest; *scannable gets the
// committed lengths that can be read.
void CheckFiles(const std::string& dir, const Manifest& manifest, Manifest* scannable,
                std::vector<std::string>* problems) {
  *scannable = manifest;
  for (SegmentInfo& segment : scannable->segments) {
    const std::string path = SegmentPath(dir, segment.number);
    bool exists = false;
    const uint64_t size = FileSize(path, &exists);
    if (!exists) {
      problems->push_back(path + " is missing");
      segment.bytes = 0;
    } else if (size < segment.bytes) {
      problems->push_back(path + " is shorter (" + std::to_string(size) + " bytes) than committed (" +
                          std::to_string(segment.bytes) + ")");
      segment.bytes = 0;
    } else if (size > segment.bytes) {
      problems->push_back(path + " has " + std::to_string(size - segment.bytes) +
                          " uncommitted bytes past its commit (dropped when the store is next opened)");
    }
  }
  for (const auto& [file, committed] :
       {std::pair{kErrorsFile, manifest.errors_bytes}, std::pair{kInputsFile, manifest.inputs_bytes}}) {
    bool exists = false;
    const uint64_t size = FileSize(dir + "/" + file, &exists);
    if (size < committed) problems->push_back(std::string(file) + " is shorter than committed");
  }
}

void ScanFacts(const std::string& dir, const Manifest& scannable, SegmentFacts* facts,
               std::vector<std::string>* problems) {
  const Status s = ScanSegments(dir, scannable, [&](const RecordLocation& at, std::string_view line) {
    const std::string where = SegmentPath(dir, at.segment) + " at byte " + std::to_string(at.offset);
    Record record;
    if (Status p = ParseRecordJson(line, &record); !p.ok()) {
      problems->push_back(where + ": " + p.message());
      return Status::Ok();
    }
    if (record.id != RecordIdForText(record.text)) {
      problems->push_back(where + ": record " + record.id + " has an id that does not match its text");
    }
    if (!facts->locations.emplace(record.id, at).second) {
      problems->push_back(where + ": record " + record.id + " is stored twice");
    }
    ++facts->records_by_segment[at.segment];
    ++facts->records;
    if (!record.duplicate_of.empty()) ++facts->duplicates;
    facts->actors += record.actors.size();
    for (const Actor& a : record.actors) {
      facts->actor_digest += ActorRowDigest(record.id, ActorFormActor(a), a.name, a.state, a.mentions);
    }
    facts->states += record.states.size();
    facts->votes += record.votes.size();
    return Status::Ok();
  });
  if (!s.ok()) problems->push_back(s.message());
}

void CheckManifestCounts(const Manifest& manifest, const SegmentFacts& facts,
                         std::vector<std::string>* problems) {
  for (const SegmentInfo& segment : manifest.segments) {
    const auto it = facts.records_by_segment.find(segment.number);
    const uint64_t found = it == facts.records_by_segment.end() ? 0 : it->second;
    if (found != segment.records) {
      problems->push_back("segment " + std::to_string(segment.number) + " holds " + std::to_string(found) +
                          " records; the manifest says " + std::to_string(segment.records));
    }
  }
  if (facts.records != manifest.records) {
    problems->push_back("segments hold " + std::to_string(facts.records) + " records; the manifest says " +
                        std::to_string(manifest.records));
  }
  if (facts.duplicates != manifest.duplicates) {
    problems->push_back("segments hold " + std::to_string(facts.duplicates) +
                        " near-duplicates; the manifest says " + std::to_string(manifest.duplicates));
  }
}

int64_t CountRows(Database& db, const std::string& table, std::vector<std::string>* problems) {
  Statement q;
  if (Status s = db.Prepare("SELECT count(*) FROM " + table, &q); !s.ok()) {
    problems->push_back(s.message());
    return -1;
  }
  return q.Step() ? q.Int(0) : -1;
}

Status CheckFullTextRuns(const std::string& dir, const FullTextState& state) {
  for (const FullTextRunInfo& run : state.runs) {
    if (Status s = CheckRun(FullTextRunPath(dir, run.number), run); !s.ok()) return s;
  }
  return Status::Ok();
}

void CheckIndex(const std::string& dir, const Manifest& manifest, const SegmentFacts& facts,
                std::vector<std::string>* problems) {
  const IndexPaths paths = IndexPathsIn(dir);
  Index index;
  if (Status s = index.Open(paths, true); !s.ok()) {
    problems->push_back(s.message() + " ('newsmine reindex' rebuilds it)");
    return;
  }
  std::map<int, uint64_t> indexed;
  if (Status s = index.IndexedBytes(&indexed); !s.ok()) {
    problems->push_back(s.message());
    return;
  }
  for (const SegmentInfo& segment : manifest.segments) {
    const auto it = indexed.find(segment.number);
    const uint64_t have = it == indexed.end() ? 0 : it->second;
    if (have != segment.bytes) {
      problems->push_back("the index covers " + std::to_string(have) + " bytes of segment " +
                          std::to_string(segment.number) + ", committed " + std::to_string(segment.bytes) +
                          " (the next open catches up)");
    }
  }
  Statement q;
  if (Status s = index.db().Prepare("SELECT id, segment, offset, length FROM records", &q); !s.ok()) {
    problems->push_back(s.message());
    return;
  }
  uint64_t indexed_records = 0;
  while (q.Step()) {
    ++indexed_records;
    const std::string id = q.Text(0);
    const auto it = facts.locations.find(id);
    if (it == facts.locations.end()) {
      problems->push_back("the index has record " + id + ", which no segment holds");
    } else if (it->second.segment != q.Int(1) || it->second.offset != static_cast<uint64_t>(q.Int(2)) ||
               it->second.length != static_cast<uint64_t>(q.Int(3))) {
      problems->push_back("the index places record " + id + " elsewhere than its segment line");
    }
  }
  if (indexed_records != facts.records) {
    problems->push_back("the index has " + std::to_string(indexed_records) + " records; the segments hold " +
                        std::to_string(facts.records));
  }
  const std::pair<const char*, uint64_t> tables[] = {
      {"actors", facts.actors}, {"states", facts.states}, {"votes", facts.votes}};
  for (const auto& [table, expected] : tables) {
    const int64_t rows = CountRows(index.db(), table, problems);
    if (rows >= 0 && static_cast<uint64_t>(rows) != expected) {
      problems->push_back(std::string("the index has ") + std::to_string(rows) + " " + table +
                          " rows; the records name " + std::to_string(expected));
    }
  }
  // The actor rows name the actors the records name: a form given a wrong
  // number would leave the count above as it is.
  Statement actors;
  if (Status s = index.db().Prepare(
          "SELECT r.id, f.actor, f.name, f.state, a.mentions "
          "FROM actors a JOIN records r ON r.rec = a.rec JOIN actor_forms f ON f.form = a.form",
          &actors);
      !s.ok()) {
    problems->push_back(s.message());
  } else {
    uint64_t digest = 0;
    while (actors.Step()) {
      digest += ActorRowDigest(actors.Text(0), actors.Text(1), actors.Text(2), actors.Text(3), actors.Int(4));
    }
    if (digest != facts.actor_digest) {
      problems->push_back("the index's actor rows are not the actors the records name");
    }
  }
  // The full-text index: this index's, and complete.
  FullTextSnapshot fulltext;
  Statement index_facts;
  if (!index.db()
           .Prepare("SELECT (SELECT generation FROM index_info), (SELECT coalesce(max(rec), 0) FROM records)",
                    &index_facts)
           .ok() ||
      !index_facts.Step()) {
    problems->push_back("the index cannot be read: " + index.db().ErrorMessage());
  } else if (Status s = fulltext.Open(paths.fulltext); !s.ok()) {
    problems->push_back("there is no usable full-text index (" + s.message() + "; the next open makes it)");
  } else if (Status c = CheckFullTextRuns(paths.fulltext, fulltext.state()); !c.ok()) {
    problems->push_back("the full-text index is damaged (" + c.message() +
                        "; 'newsmine reindex' makes it anew)");
  } else if (fulltext.state().generation != index_facts.Int(0)) {
    problems->push_back("the full-text index belongs to another index (the next open makes it anew)");
  } else if (fulltext.state().covered < index_facts.Int(1)) {
    problems->push_back("the full-text index holds records up to number " +
                        std::to_string(fulltext.state().covered) + " of " +
                        std::to_string(index_facts.Int(1)) + " (the next open catches up)");
  }
}

}  // namespace

Status VerifyStore(const std::string& dir, std::vector<std::string>* problems) {
  Manifest manifest;
  if (Status s = ReadManifest(dir, &manifest); !s.ok()) return s;
  Manifest scannable;
  CheckFiles(dir, manifest, &scannable, problems);
  SegmentFacts facts;
  ScanFacts(dir, scannable, &facts, problems);
  CheckManifestCounts(manifest, facts, problems);
  CheckIndex(dir, manifest, facts, problems);
  return Status::Ok();
}

}  // namespace newsmine
