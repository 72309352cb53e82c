#include "store/store.h"

#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>

#include "core/cores.h"
#include "store/file_io.h"
#include "store/fulltext.h"
#include "store/minhash.h"
#include "store/parallel_scan.h"
#include "store/record_json.h"

namespace newsmine {
namespace fs = std::filesystem;
namespace {

// A segment is closed once it grows past this; the next commit starts another.
constexpr uint64_t kMaxSegmentBytes = uint64_t{1} << 30;
// Reads of the full-scan path.
constexpr size_t kScanBlockBytes = size_t{8} << 20;
// The index commits every so many records while it catches up or rebuilds.
constexpr uint64_t kIndexBatchRecords = 100000;
// Record lines waiting for a commit are written to their segment, unsynced,
// once they reach this size: the writer's memory stays small whatever the
// commit interval, and the bytes past the committed length are dropped when
// the store is next opened if no commit follows (Recover).
constexpr size_t kWriteBehindBytes = size_t{1} << 20;

// The words the full-text index files a record under.
std::vector<uint64_t> FullTextWordsOf(const Record& record) {
  return FullTextWordHashes({record.title, record.text});
}

std::string NowIso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// One JSON line of string fields.
std::string JsonLine(std::initializer_list<std::pair<const char*, std::string>> fields) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [key, value] : fields) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  w.EndObject();
  std::string line(buffer.GetString(), buffer.GetSize());
  line.push_back('\n');
  return line;
}

uint64_t FileSize(const std::string& path) {
  std::error_code ec;
  const uint64_t size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

// Length of the longest prefix of the first `size` bytes of the file that
// ends with a newline.
Status CompleteLinesLength(const std::string& path, uint64_t size, uint64_t* out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot read " + path);
  std::string block(1 << 16, '\0');
  uint64_t end = size;
  *out = 0;
  while (end > 0) {
    const uint64_t begin = end > block.size() ? end - block.size() : 0;
    const ssize_t n = ::pread(fd, block.data(), end - begin, static_cast<off_t>(begin));
    if (n != static_cast<ssize_t>(end - begin)) {
      ::close(fd);
      return Errno("cannot read " + path);
    }
    if (const void* nl = memrchr(block.data(), '\n', static_cast<size_t>(n))) {
      *out = begin + static_cast<uint64_t>(static_cast<const char*>(nl) - block.data()) + 1;
      break;
    }
    end = begin;
  }
  ::close(fd);
  return Status::Ok();
}

}  // namespace

std::string ResolveStoreDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("NEWSMINE_STORE"); env && *env) return env;
  return "newsmine-store";
}

Status ParseSegmentLine(const std::string& dir, const RecordLocation& at, std::string_view line,
                        Record* record) {
  if (Status s = ParseRecordJson(line, record); !s.ok()) {
    return Status::Corrupt(SegmentPath(dir, at.segment) + " at byte " + std::to_string(at.offset) + ": " +
                           s.message());
  }
  return Status::Ok();
}

Status ScanSegments(const std::string& dir, const Manifest& manifest, const LineVisitor& fn) {
  std::string block;
  for (const SegmentInfo& segment : manifest.segments) {
    const std::string path = SegmentPath(dir, segment.number);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Errno("cannot read " + path);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    uint64_t block_offset = 0;  // file offset of block[0]
    size_t carried = 0;         // bytes of an unfinished line at the start of block
    Status status;
    while (status.ok() && block_offset + carried < segment.bytes) {
      const size_t want =
          static_cast<size_t>(std::min<uint64_t>(kScanBlockBytes, segment.bytes - block_offset - carried));
      if (block.size() < carried + want) block.resize(std::max(carried + want, kScanBlockBytes));
      status = PreadAll(fd, path, block.data() + carried, want, block_offset + carried);
      if (!status.ok()) break;
      const char* begin = block.data();
      const char* end = begin + carried + want;
      const char* line = begin;
      while (const char* nl =
                 static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(end - line)))) {
        const RecordLocation location{segment.number, block_offset + static_cast<uint64_t>(line - begin),
                                      static_cast<uint64_t>(nl - line)};
        status = fn(location, std::string_view(line, static_cast<size_t>(nl - line)));
        if (!status.ok()) break;
        line = nl + 1;
      }
      if (!status.ok()) break;
      carried = static_cast<size_t>(end - line);
      block_offset += static_cast<uint64_t>(line - begin);
      std::memmove(block.data(), line, carried);
      if (carried == block.size()) block.resize(block.size() * 2);  // a line longer than a block
    }
    ::close(fd);
    if (!status.ok()) return status;
    if (carried > 0) return Status::Corrupt(path + ": committed bytes end inside a line");
  }
  return Status::Ok();
}

Status Store::Open(const std::string& dir, Mode mode, std::unique_ptr<Store>* out) {
  std::unique_ptr<Store> store(new Store(dir, mode));
  std::error_code ec;
  if (mode == Mode::kWrite) {
    fs::create_directories(fs::path(dir) / kSegmentsDir, ec);
    if (ec) return Status::IoError("cannot create store " + dir + ": " + ec.message());
  } else if (!fs::exists(fs::path(dir) / kManifestFile, ec)) {
    return Status::NotFound(dir + " is not a newsmine store (no " + kManifestFile +
                            "; 'newsmine run' creates one)");
  }
  bool locked = false;
  if (Status s = store->Lock(&locked); !s.ok()) return s;
  store->writable_ = locked && mode == Mode::kWrite;
  if (locked && mode == Mode::kRead) {
    if (Status s = store->RecoverForReading(); !s.ok()) return s;
    ::flock(store->lock_fd_, LOCK_UN);
  } else if (locked) {
    if (Status s = store->Recover(); !s.ok()) return s;
  } else {
    // Another process writes: read what it has committed, repair nothing.
    if (Status s = ReadManifest(dir, &store->manifest_); !s.ok()) return s;
    if (Status s = store->index_.Open(IndexPathsIn(dir), true); !s.ok()) return s;
  }
  *out = std::move(store);
  return Status::Ok();
}

Store::~Store() {
  index_.Close();
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

Status Store::Lock(bool* acquired) {
  *acquired = false;
  const std::string path = dir_ + "/" + kLockFile;
  lock_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (lock_fd_ < 0) {
    // A reader of a store it cannot write (a read-only copy) reads as is.
    if (mode_ == Mode::kRead) return Status::Ok();
    return Errno("cannot open " + path);
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) return Errno("cannot lock " + path);
    if (mode_ == Mode::kRead) return Status::Ok();
    char holder[256] = {};
    const ssize_t n = ::pread(lock_fd_, holder, sizeof holder - 1, 0);
    std::string who = n > 0 ? std::string(holder, static_cast<size_t>(n)) : "another process";
    while (!who.empty() && (who.back() == '\n' || who.back() == ' ')) who.pop_back();
    return Status::Busy("store " + dir_ + " is being written by " + who + "; one writer at a time");
  }
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  const std::string holder =
      "pid " + std::to_string(getpid()) + " on host " + host + " (since " + NowIso8601() + ")\n";
  if (::ftruncate(lock_fd_, 0) != 0 || ::pwrite(lock_fd_, holder.data(), holder.size(), 0) < 0) {
    return Errno("cannot write " + path);
  }
  *acquired = true;
  return Status::Ok();
}

Status Store::TruncateToCommitted(const std::string& path, uint64_t committed, bool* damaged) {
  *damaged = false;
  const uint64_t size = FileSize(path);
  if (size == committed) return Status::Ok();
  if (size > committed) {
    warnings_.push_back("dropped " + std::to_string(size - committed) +
                        " uncommitted bytes (an unfinished write, e.g. a partial line) at the end of " +
                        path);
    if (::truncate(path.c_str(), static_cast<off_t>(committed)) != 0) return Errno("cannot truncate " + path);
    return Status::Ok();
  }
  // Shorter than committed: the file was damaged after its commit. Keep its
  // whole lines.
  uint64_t whole = 0;
  if (size > 0) {
    if (Status s = CompleteLinesLength(path, size, &whole); !s.ok()) return s;
  }
  warnings_.push_back(path + " is " + std::to_string(committed - size) +
                      " bytes shorter than committed (damaged after its commit); keeping its " +
                      std::to_string(whole) + " bytes of whole lines");
  if (size > whole && ::truncate(path.c_str(), static_cast<off_t>(whole)) != 0)
    return Errno("cannot truncate " + path);
  *damaged = true;
  return Status::Ok();
}

Status Store::DropUncommittedSegments() {
  const int last = manifest_.segments.empty() ? 0 : manifest_.segments.back().number;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(dir_) / kSegmentsDir, ec)) {
    const std::string name = entry.path().filename().string();
    const int number = std::atoi(name.c_str());
    if (number > last || name.find(".tmp") != std::string::npos) {
      if (entry.file_size(ec) > 0)
        warnings_.push_back("dropped uncommitted segment " + entry.path().string());
      fs::remove(entry.path(), ec);
    }
  }
  return Status::Ok();
}

Status Store::Recover() {
  if (Status s = RecoverFiles(); !s.ok()) return s;
  if (Status s = RecoverIndex(); !s.ok()) return s;
  return LoadFinishedInputs();
}

Status Store::RecoverForReading() {
  if (Status s = RecoverFiles(); !s.ok()) return s;
  // Mostly there is nothing to repair, which the index opened for reading
  // tells: then the writer's open (key files, catch-ups) is skipped, and a
  // query that finds nothing over a million records takes 12 to 14 ms a
  // process instead of 12 to 18 (docs/performance.md, twentieth round).
  std::map<int, uint64_t> committed;
  for (const SegmentInfo& segment : manifest_.segments) committed[segment.number] = segment.bytes;
  bool complete = false;
  if (index_.Open(IndexPathsIn(dir_), true).ok() && index_.IsComplete(committed, &complete).ok() && complete)
    return Status::Ok();
  if (Status s = RecoverIndex(); !s.ok()) return s;
  // A reader leaves the index it caught up complete (a writer's secondary
  // indexes wait for CommitAndIndex).
  if (Status s = index_.BuildDeferredIndexes(); !s.ok()) return s;
  // Then it reads as it would beside a writer: through a memory map, not the
  // writer's cache. A query took 0.6 s on the writer's connection and 0.25 s
  // this way (docs/performance.md, nineteenth round).
  return index_.Open(IndexPathsIn(dir_), true);
}

Status Store::RecoverFiles() {
  Status s = ReadManifest(dir_, &manifest_);
  const bool fresh = s.code() == Status::Code::kNotFound;
  if (!s.ok() && !fresh) return s;
  if (fresh) {
    manifest_ = Manifest();
    std::error_code ec;
    if (!fs::is_empty(fs::path(dir_) / kSegmentsDir, ec)) {
      return Status::Corrupt(dir_ + " has segments but no " + kManifestFile +
                             ": not opening it (move the segments aside or restore the manifest)");
    }
  }
  bool damaged_any = false;
  for (SegmentInfo& segment : manifest_.segments) {
    bool damaged = false;
    if (Status t = TruncateToCommitted(SegmentPath(dir_, segment.number), segment.bytes, &damaged); !t.ok())
      return t;
    if (damaged) {
      segment.bytes = FileSize(SegmentPath(dir_, segment.number));
      damaged_any = true;
    }
  }
  for (auto [file, committed] :
       {std::pair{kErrorsFile, &manifest_.errors_bytes}, {kInputsFile, &manifest_.inputs_bytes}}) {
    bool damaged = false;
    if (Status t = TruncateToCommitted(dir_ + "/" + file, *committed, &damaged); !t.ok()) return t;
    if (damaged) *committed = FileSize(dir_ + "/" + file);
  }
  if (Status t = DropUncommittedSegments(); !t.ok()) return t;
  if (damaged_any) {
    // Recount what survived, and rebuild the index, which may point past it.
    manifest_.records = manifest_.duplicates = 0;
    for (SegmentInfo& segment : manifest_.segments) segment.records = 0;
    size_t i = 0;
    Status scan = ScanSegments(dir_, manifest_, [&](const RecordLocation& at, std::string_view line) {
      while (manifest_.segments[i].number != at.segment) ++i;
      ++manifest_.segments[i].records;
      ++manifest_.records;
      if (line.find("\"duplicate_of\":") != std::string_view::npos) ++manifest_.duplicates;
      return Status::Ok();
    });
    if (!scan.ok()) return scan;
    if (Status t = WriteManifest(dir_, manifest_); !t.ok()) return t;
    RemoveIndexFiles();
  } else if (fresh) {
    if (Status t = WriteManifest(dir_, manifest_); !t.ok()) return t;
  }
  return Status::Ok();
}

Status Store::RecoverIndex() {
  if (Status t = index_.Open(IndexPathsIn(dir_), false); !t.ok()) {
    // The index is derived: one that cannot be used is rebuilt.
    warnings_.push_back(t.message() + "; rebuilding the index");
    RemoveIndexFiles();
    if (Status u = index_.Open(IndexPathsIn(dir_), false); !u.ok()) return u;
  }
  if (Status t = CatchUpFullText(); !t.ok()) return t;
  if (Status t = CatchUpIndex(); !t.ok()) return t;
  // The store opens with its full-text index as complete as its index.
  return index_.FullTextReady();
}

Status Store::CatchUpFullText() {
  return index_.CatchUpFullText([this](const RecordLocation& at, std::vector<uint64_t>* words) {
    std::string line;
    if (Status s = ReadRecordJson(at, &line); !s.ok()) return s;
    Record record;
    if (Status s = ParseSegmentLine(dir_, at, line, &record); !s.ok()) return s;
    *words = FullTextWordsOf(record);
    return Status::Ok();
  });
}

Status Store::CatchUpIndex(const IndexProgress& progress) {
  std::map<int, uint64_t> indexed;
  if (Status s = index_.IndexedBytes(&indexed); !s.ok()) return s;
  for (const auto& [number, bytes] : indexed) {
    const auto it = std::find_if(manifest_.segments.begin(), manifest_.segments.end(),
                                 [number = number](const SegmentInfo& s) { return s.number == number; });
    if (it == manifest_.segments.end() || it->bytes < bytes) {
      warnings_.push_back("the index is ahead of the segments; rebuilding it");
      return Reindex(progress);
    }
  }
  // Scan only the segments (and parts) the index lacks.
  Manifest missing;
  for (const SegmentInfo& segment : manifest_.segments) {
    const auto it = indexed.find(segment.number);
    const uint64_t have = it == indexed.end() ? 0 : it->second;
    if (have < segment.bytes) {
      missing.segments.push_back(segment);
    }
  }
  if (missing.segments.empty()) return Status::Ok();
  // A line the index has is left as it is; the others are parsed and hashed
  // on worker threads, and filed here in order.
  struct LineToIndex {
    bool indexed = false;
    Record record;
    std::optional<MinHashSignature> signature;
    std::vector<uint64_t> fulltext_words;
  };
  const auto prepare = [&](const RecordLocation& at, std::string_view line, LineToIndex* out) {
    const auto it = indexed.find(at.segment);
    out->indexed = it != indexed.end() && at.offset < it->second;
    if (out->indexed) return Status::Ok();
    if (Status p = ParseSegmentLine(dir_, at, line, &out->record); !p.ok()) return p;
    out->signature = TextMinHash(out->record.text);
    out->fulltext_words = FullTextWordsOf(out->record);
    return Status::Ok();
  };
  uint64_t filed = 0, bytes = 0;
  const auto file = [&](const RecordLocation& at, LineToIndex&& line) {
    if (line.indexed) return Status::Ok();
    if (Status a = index_.Add(line.record, at, line.signature, std::move(line.fulltext_words)); !a.ok()) {
      return a;
    }
    if (Status a = index_.SetIndexedBytes(at.segment, at.offset + at.length + 1); !a.ok()) return a;
    ++filed;
    bytes += at.length + 1;
    if (progress) progress(filed, bytes);
    if (filed % kIndexBatchRecords == 0) {
      if (Status c = index_.Commit(); !c.ok()) return c;
      return index_.Begin();
    }
    return Status::Ok();
  };
  if (Status s = index_.Begin(); !s.ok()) return s;
  Status scan = ScanSegmentsInParallel<LineToIndex>(dir_, missing, CoresAvailable(), prepare, file);
  if (!scan.ok()) return scan;
  for (const SegmentInfo& segment : missing.segments) {
    if (Status s = index_.SetIndexedBytes(segment.number, segment.bytes); !s.ok()) return s;
  }
  return index_.Commit();
}

Status Store::LoadFinishedInputs() {
  const std::string path = dir_ + "/" + kInputsFile;
  if (manifest_.inputs_bytes == 0) return Status::Ok();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot read " + path);
  std::string text(manifest_.inputs_bytes, '\0');
  const Status s = PreadAll(fd, path, text.data(), text.size(), 0);
  ::close(fd);
  if (!s.ok()) return s;
  std::lock_guard lock(inputs_mu_);
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    rapidjson::Document d;
    d.Parse(text.data() + begin, end - begin);
    if (!d.HasParseError() && d.IsObject() && d.HasMember("fingerprint") && d["fingerprint"].IsString()) {
      finished_inputs_.insert(d["fingerprint"].GetString());
    }
    begin = end + 1;
  }
  return Status::Ok();
}

SegmentInfo& Store::current_segment() {
  if (manifest_.segments.empty() || manifest_.segments.back().bytes >= kMaxSegmentBytes) {
    manifest_.segments.push_back(
        {manifest_.segments.empty() ? 1 : manifest_.segments.back().number + 1, 0, 0});
  }
  return manifest_.segments.back();
}

PreparedRecord PrepareRecord(Record record) {
  PreparedRecord prepared;
  if (record.id.empty()) record.id = RecordIdForText(record.text);
  prepared.signature = TextMinHash(record.text);
  prepared.fulltext_words = FullTextWordsOf(record);
  AppendRecordJson(record, &prepared.json);
  prepared.record = std::move(record);
  return prepared;
}

Status Store::Append(Record record, AppendOutcome* outcome) {
  return Append(PrepareRecord(std::move(record)), outcome);
}

Status Store::Append(PreparedRecord prepared, AppendOutcome* outcome) {
  if (!writable_) return Status::InvalidArgument("store " + dir_ + " is open for reading only");
  Record& record = prepared.record;
  if (Status s = index_.Begin(); !s.ok()) return s;
  index_.PrefetchKeys(record.id, prepared.signature);
  bool found = false;
  if (Status s = index_.Contains(record.id, &found); !s.ok()) return s;
  if (found) {
    *outcome = AppendOutcome::kAlreadyStored;
    return Status::Ok();
  }
  if (prepared.signature && record.duplicate_of.empty()) {
    if (Status s = index_.FindNearDuplicate(*prepared.signature, &record.duplicate_of); !s.ok()) return s;
    if (!record.duplicate_of.empty()) {
      prepared.json.clear();
      AppendRecordJson(record, &prepared.json);
    }
  }
  const SegmentInfo& segment = current_segment();
  pending_segment_.StartAt(segment.bytes + pending_segment_written_);
  const RecordLocation location{segment.number, pending_segment_.offset() + pending_segment_.size(),
                                prepared.json.size()};
  pending_segment_.Append(prepared.json);
  pending_segment_.Append('\n');
  if (pending_segment_.size() >= kWriteBehindBytes) {
    if (Status s = WriteBehind(); !s.ok()) return s;
  }
  if (Status s = index_.Add(record, location, prepared.signature, std::move(prepared.fulltext_words));
      !s.ok())
    return s;
  ++pending_records_;
  if (!record.duplicate_of.empty()) ++pending_duplicates_;
  *outcome = record.duplicate_of.empty() ? AppendOutcome::kAdded : AppendOutcome::kNearDuplicate;
  return Status::Ok();
}

Status Store::AddError(const std::string& uri, const Status& why) {
  if (!writable_) return Status::InvalidArgument("store " + dir_ + " is open for reading only");
  pending_errors_ += JsonLine(
      {{"uri", uri}, {"reason", why.CodeName()}, {"message", why.message()}, {"time", NowIso8601()}});
  ++pending_errors_count_;
  return Status::Ok();
}

Status Store::AddFinishedInput(const InputInfo& input) {
  if (!writable_) return Status::InvalidArgument("store " + dir_ + " is open for reading only");
  {
    std::lock_guard lock(inputs_mu_);
    if (!finished_inputs_.insert(input.fingerprint).second) return Status::Ok();
  }
  pending_inputs_ +=
      JsonLine({{"fingerprint", input.fingerprint}, {"path", input.path}, {"time", NowIso8601()}});
  ++pending_inputs_count_;
  return Status::Ok();
}

bool Store::HasFinishedInput(const std::string& fingerprint) const {
  std::lock_guard lock(inputs_mu_);
  return finished_inputs_.count(fingerprint) > 0;
}

Status Store::WritePending(const std::string& path, uint64_t committed, uint64_t written,
                           std::string_view pending) {
  if (pending.empty() && written == 0) return Status::Ok();
  const bool created = committed == 0;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return Errno("cannot open " + path);
  Status s = PwriteAll(fd, path, pending, committed + written);
  // Drops whatever an earlier failed commit may have left past the new end.
  if (s.ok() && ::ftruncate(fd, static_cast<off_t>(committed + written + pending.size())) != 0)
    s = Errno("cannot write " + path);
  if (s.ok() && ::fdatasync(fd) != 0) s = Errno("cannot sync " + path);
  ::close(fd);
  if (s.ok() && created) s = SyncDirectory(fs::path(path).parent_path().string());
  return s;
}

Status Store::WriteBehind() {
  size_t written = 0;
  const Status s = pending_segment_.WriteWholeBlocks(SegmentPath(dir_, current_segment().number), &written);
  pending_segment_written_ += written;
  return s;
}

Status Store::Commit() { return Commit(Index::KeyRows::kFlushWhenFull); }

Status Store::Commit(Index::KeyRows key_rows) {
  if (!writable_) return Status::Ok();
  const uint64_t segment_bytes = pending_segment_written_ + pending_segment_.size();
  if (segment_bytes == 0 && pending_errors_.empty() && pending_inputs_.empty())
    return index_.Commit(key_rows);
  Manifest next = manifest_;
  if (segment_bytes > 0) {
    SegmentInfo& segment = current_segment();
    if (Status s = WritePending(SegmentPath(dir_, segment.number), segment.bytes, pending_segment_written_,
                                pending_segment_.bytes());
        !s.ok()) {
      return s;
    }
    next = manifest_;
    next.segments.back().bytes += segment_bytes;
    next.segments.back().records += pending_records_;
  }
  if (Status s = WritePending(dir_ + "/" + kErrorsFile, manifest_.errors_bytes, 0, pending_errors_); !s.ok())
    return s;
  if (Status s = WritePending(dir_ + "/" + kInputsFile, manifest_.inputs_bytes, 0, pending_inputs_); !s.ok())
    return s;
  next.errors_bytes += pending_errors_.size();
  next.inputs_bytes += pending_inputs_.size();
  next.records += pending_records_;
  next.duplicates += pending_duplicates_;
  next.errors += pending_errors_count_;
  next.inputs += pending_inputs_count_;
  next.commits += 1;
  // The commit point.
  if (Status s = WriteManifest(dir_, next); !s.ok()) return s;
  manifest_ = std::move(next);
  pending_segment_.Clear();
  pending_segment_written_ = 0;
  pending_errors_.clear();
  pending_inputs_.clear();
  pending_records_ = pending_duplicates_ = pending_errors_count_ = pending_inputs_count_ = 0;
  if (!manifest_.segments.empty()) {
    if (Status s = index_.Begin(); !s.ok()) return s;
    const SegmentInfo& last = manifest_.segments.back();
    if (Status s = index_.SetIndexedBytes(last.number, last.bytes); !s.ok()) return s;
  }
  return index_.Commit(key_rows);
}

void Store::RemoveIndexFiles() {
  index_.Close();
  const IndexPaths paths = IndexPathsIn(dir_);
  for (const std::string& file : {paths.index, dir_ + "/" + kOldFullTextFile}) RemoveDatabaseFiles(file);
  std::error_code ignored;
  fs::remove_all(paths.fulltext, ignored);
  for (const std::string& file : {paths.bands, paths.ids}) KeyFile::Remove(file);
  SignatureFile::Remove(paths.signatures);
}

Status Store::Reindex(const IndexProgress& progress) {
  if (!writable_)
    return Status::Busy("store " + dir_ + " is being written by another process; reindex later");
  RemoveIndexFiles();
  if (Status s = index_.Open(IndexPathsIn(dir_), false); !s.ok()) return s;
  if (Status s = CatchUpIndex(progress); !s.ok()) return s;
  return index_.BuildDeferredIndexes();
}

Status Store::CommitAndIndex() {
  if (Status s = Commit(Index::KeyRows::kLeaveToBuild); !s.ok()) return s;
  return writable_ ? index_.BuildDeferredIndexes() : Status::Ok();
}

Status Store::ReadRecordJson(const RecordLocation& location, std::string* json) const {
  const std::string path = SegmentPath(dir_, location.segment);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot read " + path);
  json->resize(location.length);
  const Status s = PreadAll(fd, path, json->data(), location.length, location.offset);
  ::close(fd);
  return s;
}

Status Store::FindRecordJson(const std::string& id_or_prefix, std::string* json) {
  std::string id;
  RecordLocation location;
  if (Status s = index_.Locate(id_or_prefix, &id, &location); !s.ok()) return s;
  return ReadRecordJson(location, json);
}

}  // namespace newsmine
