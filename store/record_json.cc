#include "store/record_json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/bytes16.h"

namespace newsmine {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// JSON's escape for each byte, exactly as RapidJSON's writer has it: 0 for
// none, 'u' for \u00XX, else the letter after the backslash.
constexpr std::array<char, 256> kEscape = [] {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = 'u';
  table['\b'] = 'b';
  table['\t'] = 't';
  table['\n'] = 'n';
  table['\f'] = 'f';
  table['\r'] = 'r';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}();

// Writes `s` as a JSON string value or key, the same bytes RapidJSON's
// String() and Key() write, but sixteen unescaped bytes at a time: the
// article text is most of every record, and RapidJSON's own loop restarts
// byte by byte after every escaped newline.
void String(Writer& w, rapidjson::StringBuffer& buffer, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  w.RawValue("", 0, rapidjson::kStringType);  // the separator before the value
  char* const start = buffer.Push(s.size() * 6 + 2);
  char* out = start;
  *out++ = '"';
  for (size_t i = 0; i < s.size();) {
    // A block of sixteen bytes none of which needs escaping is copied whole;
    // otherwise that block (or the last few bytes) goes one byte at a time.
    if (i + sizeof(Bytes16) <= s.size()) {
      Bytes16 x;
      std::memcpy(&x, s.data() + i, sizeof x);
      if (MoveMask((x < 0x20) | (x == '"') | (x == '\\')) == 0) {
        std::memcpy(out, &x, sizeof x);
        out += sizeof x;
        i += sizeof x;
        continue;
      }
    }
    for (const size_t end = std::min(i + sizeof(Bytes16), s.size()); i < end; ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      const char escape = kEscape[c];
      if (escape == 0) {
        *out++ = static_cast<char>(c);
      } else if (escape != 'u') {
        *out++ = '\\';
        *out++ = escape;
      } else {
        std::memcpy(out, "\\u00", 4);
        out[4] = kHex[c >> 4];
        out[5] = kHex[c & 0xF];
        out += 6;
      }
    }
  }
  *out++ = '"';
  buffer.Pop(s.size() * 6 + 2 - static_cast<size_t>(out - start));
}

void NullableString(Writer& w, rapidjson::StringBuffer& buffer, const std::string& s) {
  if (s.empty()) {
    w.Null();
  } else {
    String(w, buffer, s);
  }
}

// Numbers are written with at most 4 decimals so records read well and stay
// stable across compilers.
double Rounded(double v) { return std::round(v * 10000.0) / 10000.0; }

std::string GetString(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return {};
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

double GetNumber(const rapidjson::Value& object, const char* key) {
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsNumber()) return 0;
  return it->value.GetDouble();
}

const rapidjson::Value* GetArray(const rapidjson::Value& object, const char* key) {
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsArray()) return nullptr;
  return &it->value;
}

}  // namespace

void AppendRecordJson(const Record& r, std::string* out) {
  // One buffer per thread, kept: it would otherwise grow from nothing, by
  // reallocation, for every record.
  thread_local rapidjson::StringBuffer buffer;
  buffer.Clear();
  Writer w(buffer);
  w.StartObject();
  String(w, buffer, "id");
  String(w, buffer, r.id);
  String(w, buffer, "source");
  w.StartObject();
  String(w, buffer, "uri");
  String(w, buffer, r.source_uri);
  String(w, buffer, "name");
  NullableString(w, buffer, r.source_name);
  w.EndObject();
  String(w, buffer, "url");
  NullableString(w, buffer, r.url);
  String(w, buffer, "title");
  String(w, buffer, r.title);
  String(w, buffer, "published");
  NullableString(w, buffer, r.published);
  String(w, buffer, "language");
  NullableString(w, buffer, r.language);
  if (!r.duplicate_of.empty()) {
    String(w, buffer, "duplicate_of");
    String(w, buffer, r.duplicate_of);
  }
  String(w, buffer, "text");
  String(w, buffer, r.text);
  String(w, buffer, "actors");
  w.StartArray();
  for (const Actor& a : r.actors) {
    w.StartObject();
    String(w, buffer, "id");
    String(w, buffer, a.id);
    String(w, buffer, "name");
    String(w, buffer, a.name);
    String(w, buffer, "type");
    String(w, buffer, a.type);
    String(w, buffer, "state");
    NullableString(w, buffer, a.state);
    String(w, buffer, "roles");
    w.StartArray();
    for (const std::string& role : a.roles) String(w, buffer, role);
    w.EndArray();
    String(w, buffer, "mentions");
    w.Int(a.mentions);
    w.EndObject();
  }
  w.EndArray();
  String(w, buffer, "states");
  w.StartArray();
  for (const StateMention& s : r.states) {
    w.StartObject();
    String(w, buffer, "code");
    String(w, buffer, s.code);
    String(w, buffer, "name");
    String(w, buffer, s.name);
    String(w, buffer, "mentions");
    w.Int(s.mentions);
    String(w, buffer, "sentiment");
    w.Double(Rounded(s.sentiment));
    String(w, buffer, "label");
    String(w, buffer, s.label);
    String(w, buffer, "evidence");
    w.StartArray();
    for (const Evidence& e : s.evidence) {
      w.StartObject();
      String(w, buffer, "text");
      String(w, buffer, e.text);
      String(w, buffer, "score");
      w.Double(Rounded(e.score));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  String(w, buffer, "votes");
  w.StartArray();
  for (const Vote& v : r.votes) {
    w.StartObject();
    String(w, buffer, "who");
    String(w, buffer, v.who);
    String(w, buffer, "actor");
    NullableString(w, buffer, v.actor);
    String(w, buffer, "percent");
    w.Double(Rounded(v.percent));
    String(w, buffer, "kind");
    String(w, buffer, v.kind);
    String(w, buffer, "election");
    NullableString(w, buffer, v.election);
    String(w, buffer, "country");
    NullableString(w, buffer, v.country);
    String(w, buffer, "date");
    NullableString(w, buffer, v.date);
    String(w, buffer, "qualifier");
    NullableString(w, buffer, v.qualifier);
    String(w, buffer, "text");
    String(w, buffer, v.text);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out->append(buffer.GetString(), buffer.GetSize());
  // RapidJSON reserves six bytes per string byte: do not keep a huge record's.
  if (buffer.GetSize() > (1 << 20)) {
    buffer.Clear();
    buffer.ShrinkToFit();
  }
}

Status ParseRecordJson(std::string_view json, Record* out) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseStopWhenDoneFlag>(json.data(), json.size());
  if (d.HasParseError()) {
    return Status::Corrupt(std::string("record is not JSON: ") +
                           rapidjson::GetParseError_En(d.GetParseError()) + " at offset " +
                           std::to_string(d.GetErrorOffset()));
  }
  if (!d.IsObject()) return Status::Corrupt("record is not a JSON object");
  Record r;
  r.id = GetString(d, "id");
  if (const auto source = d.FindMember("source"); source != d.MemberEnd() && source->value.IsObject()) {
    r.source_uri = GetString(source->value, "uri");
    r.source_name = GetString(source->value, "name");
  }
  r.url = GetString(d, "url");
  r.title = GetString(d, "title");
  r.published = GetString(d, "published");
  r.language = GetString(d, "language");
  r.duplicate_of = GetString(d, "duplicate_of");
  r.text = GetString(d, "text");
  if (const rapidjson::Value* actors = GetArray(d, "actors")) {
    for (const auto& a : actors->GetArray()) {
      if (!a.IsObject()) continue;
      Actor actor;
      actor.id = GetString(a, "id");
      actor.name = GetString(a, "name");
      actor.type = GetString(a, "type");
      actor.state = GetString(a, "state");
      if (const rapidjson::Value* roles = GetArray(a, "roles")) {
        for (const auto& role : roles->GetArray()) {
          if (role.IsString()) actor.roles.emplace_back(role.GetString(), role.GetStringLength());
        }
      }
      actor.mentions = static_cast<int>(GetNumber(a, "mentions"));
      r.actors.push_back(std::move(actor));
    }
  }
  if (const rapidjson::Value* states = GetArray(d, "states")) {
    for (const auto& s : states->GetArray()) {
      if (!s.IsObject()) continue;
      StateMention state;
      state.code = GetString(s, "code");
      state.name = GetString(s, "name");
      state.mentions = static_cast<int>(GetNumber(s, "mentions"));
      state.sentiment = GetNumber(s, "sentiment");
      state.label = GetString(s, "label");
      if (const rapidjson::Value* evidence = GetArray(s, "evidence")) {
        for (const auto& e : evidence->GetArray()) {
          if (e.IsObject()) state.evidence.push_back({GetString(e, "text"), GetNumber(e, "score")});
        }
      }
      r.states.push_back(std::move(state));
    }
  }
  if (const rapidjson::Value* votes = GetArray(d, "votes")) {
    for (const auto& v : votes->GetArray()) {
      if (!v.IsObject()) continue;
      Vote vote;
      vote.who = GetString(v, "who");
      vote.actor = GetString(v, "actor");
      vote.percent = GetNumber(v, "percent");
      vote.kind = GetString(v, "kind");
      vote.election = GetString(v, "election");
      vote.country = GetString(v, "country");
      vote.date = GetString(v, "date");
      vote.qualifier = GetString(v, "qualifier");
      vote.text = GetString(v, "text");
      r.votes.push_back(std::move(vote));
    }
  }
  *out = std::move(r);
  return Status::Ok();
}

}  // namespace newsmine
