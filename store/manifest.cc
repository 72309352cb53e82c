#include "store/manifest.h"

#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "store/file_io.h"

namespace newsmine {
namespace {

constexpr int kFormatVersion = 1;

uint64_t GetUint(const rapidjson::Value& object, const char* key) {
  const auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsUint64() ? it->value.GetUint64() : 0;
}

}  // namespace

std::string SegmentPath(const std::string& dir, int number) {
  char name[32];
  std::snprintf(name, sizeof name, "%06d.jsonl", number);
  return dir + "/" + kSegmentsDir + "/" + name;
}

Status ReadManifest(const std::string& dir, Manifest* out) {
  const std::string path = dir + "/" + kManifestFile;
  std::string text;
  if (Status s = ReadWholeFile(path, &text); !s.ok()) {
    return s.code() == Status::Code::kNotFound ? Status::NotFound("no manifest in " + dir) : s;
  }
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  if (d.HasParseError() || !d.IsObject()) return Status::Corrupt(path + " is not a JSON object");
  if (const auto v = d.FindMember("version");
      v == d.MemberEnd() || !v->value.IsInt() || v->value.GetInt() > kFormatVersion) {
    return Status::Unsupported(path + ": unknown store format version (a newer newsmine wrote it)");
  }
  Manifest m;
  if (const auto segments = d.FindMember("segments");
      segments != d.MemberEnd() && segments->value.IsArray()) {
    for (const auto& s : segments->value.GetArray()) {
      if (!s.IsObject()) return Status::Corrupt(path + ": a segment entry is not an object");
      m.segments.push_back(
          {static_cast<int>(GetUint(s, "number")), GetUint(s, "bytes"), GetUint(s, "records")});
    }
  }
  m.errors_bytes = GetUint(d, "errors_bytes");
  m.inputs_bytes = GetUint(d, "inputs_bytes");
  m.records = GetUint(d, "records");
  m.duplicates = GetUint(d, "duplicates");
  m.errors = GetUint(d, "errors");
  m.inputs = GetUint(d, "inputs");
  m.commits = GetUint(d, "commits");
  *out = std::move(m);
  return Status::Ok();
}

Status WriteManifest(const std::string& dir, const Manifest& m) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("format");
  w.String("newsmine-store");
  w.Key("version");
  w.Int(kFormatVersion);
  w.Key("segments");
  w.StartArray();
  for (const SegmentInfo& s : m.segments) {
    w.StartObject();
    w.Key("number");
    w.Int(s.number);
    w.Key("bytes");
    w.Uint64(s.bytes);
    w.Key("records");
    w.Uint64(s.records);
    w.EndObject();
  }
  w.EndArray();
  const std::pair<const char*, uint64_t> fields[] = {{"errors_bytes", m.errors_bytes},
                                                     {"inputs_bytes", m.inputs_bytes},
                                                     {"records", m.records},
                                                     {"duplicates", m.duplicates},
                                                     {"errors", m.errors},
                                                     {"inputs", m.inputs},
                                                     {"commits", m.commits}};
  for (const auto& [key, value] : fields) {
    w.Key(key);
    w.Uint64(value);
  }
  w.EndObject();
  std::string text(buffer.GetString(), buffer.GetSize());
  text.push_back('\n');
  return WriteFileAtomically(dir + "/" + kManifestFile, text);
}

Status WriteFileAtomically(const std::string& path, const std::string& content) {
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return Errno("cannot create " + temp);
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const Status s = Errno("cannot write " + temp);
      ::close(fd);
      return s;
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const Status s = Errno("cannot sync " + temp);
    ::close(fd);
    return s;
  }
  ::close(fd);
  if (std::rename(temp.c_str(), path.c_str()) != 0) return Errno("cannot rename " + temp);
  return SyncDirectory(std::filesystem::path(path).parent_path().string());
}

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open folder " + dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("cannot sync folder " + dir);
}

}  // namespace newsmine
