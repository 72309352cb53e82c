#include "store/record_json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace newsmine {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void String(Writer& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void NullableString(Writer& w, const std::string& s) {
  if (s.empty()) {
    w.Null();
  } else {
    String(w, s);
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
  w.Key("id");
  String(w, r.id);
  w.Key("source");
  w.StartObject();
  w.Key("uri");
  String(w, r.source_uri);
  w.Key("name");
  NullableString(w, r.source_name);
  w.EndObject();
  w.Key("url");
  NullableString(w, r.url);
  w.Key("title");
  String(w, r.title);
  w.Key("published");
  NullableString(w, r.published);
  w.Key("language");
  NullableString(w, r.language);
  if (!r.duplicate_of.empty()) {
    w.Key("duplicate_of");
    String(w, r.duplicate_of);
  }
  w.Key("text");
  String(w, r.text);
  w.Key("actors");
  w.StartArray();
  for (const Actor& a : r.actors) {
    w.StartObject();
    w.Key("id");
    String(w, a.id);
    w.Key("name");
    String(w, a.name);
    w.Key("type");
    String(w, a.type);
    w.Key("state");
    NullableString(w, a.state);
    w.Key("roles");
    w.StartArray();
    for (const std::string& role : a.roles) String(w, role);
    w.EndArray();
    w.Key("mentions");
    w.Int(a.mentions);
    w.EndObject();
  }
  w.EndArray();
  w.Key("states");
  w.StartArray();
  for (const StateMention& s : r.states) {
    w.StartObject();
    w.Key("code");
    String(w, s.code);
    w.Key("name");
    String(w, s.name);
    w.Key("mentions");
    w.Int(s.mentions);
    w.Key("sentiment");
    w.Double(Rounded(s.sentiment));
    w.Key("label");
    String(w, s.label);
    w.Key("evidence");
    w.StartArray();
    for (const Evidence& e : s.evidence) {
      w.StartObject();
      w.Key("text");
      String(w, e.text);
      w.Key("score");
      w.Double(Rounded(e.score));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("votes");
  w.StartArray();
  for (const Vote& v : r.votes) {
    w.StartObject();
    w.Key("who");
    String(w, v.who);
    w.Key("actor");
    NullableString(w, v.actor);
    w.Key("percent");
    w.Double(Rounded(v.percent));
    w.Key("kind");
    String(w, v.kind);
    w.Key("election");
    NullableString(w, v.election);
    w.Key("country");
    NullableString(w, v.country);
    w.Key("date");
    NullableString(w, v.date);
    w.Key("qualifier");
    NullableString(w, v.qualifier);
    w.Key("text");
    String(w, v.text);
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
