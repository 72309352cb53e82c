#include "store/record_json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/internal/dtoa.h>
#include <rapidjson/internal/itoa.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/bytes16.h"
#include "extract/short_words.h"

namespace newsmine {
namespace {

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

// Writes byte c at out, escaped when JSON needs it; returns the end.
char* PutByte(char* out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
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
  return out;
}

// Writes a record's JSON into a byte buffer. The record's shape is fixed, so
// the caller writes keys and separators as literals ("{\"id\":", ",") and
// this class the values, byte for byte as RapidJSON's Writer would: strings
// escaped the same way, numbers by RapidJSON's own conversions. Going through
// the Writer cost a call, a separator check and a stack push per key.
class JsonOut {
 public:
  explicit JsonOut(rapidjson::StringBuffer* buffer) : buffer_(*buffer) {}

  // A literal: keys, brackets, commas.
  template <size_t N>
  void Raw(const char (&literal)[N]) {
    std::memcpy(buffer_.Push(N - 1), literal, N - 1);
  }
  void Null() { Raw("null"); }
  void Int(int value) {
    char digits[16];
    const char* end = rapidjson::internal::i32toa(value, digits);
    const size_t n = static_cast<size_t>(end - digits);
    std::memcpy(buffer_.Push(n), digits, n);
  }
  // RapidJSON's Writer::Double: shortest round-trip digits (Grisu2).
  void Double(double value) {
    if (!std::isfinite(value)) value = 0;  // the Writer wrote nothing: broken JSON
    char digits[32];
    const char* end = rapidjson::internal::dtoa(value, digits);
    const size_t n = static_cast<size_t>(end - digits);
    std::memcpy(buffer_.Push(n), digits, n);
  }
  // A string, quoted and escaped, sixteen bytes at a time: the article text
  // is most of every record. A block is stored whole; when it holds a byte
  // to escape, only the bytes before that one are kept, and the scan goes
  // on after it. Whole blocks take a loop of their own, which the compiler
  // keeps to about a dozen instructions a block; the last 1 to 15 bytes (all
  // of a short string) are read from a padded copy.
  void String(std::string_view s) {
    // At most six bytes out per byte in, and a block's store may reach
    // sixteen bytes past the last one written.
    const size_t reserved = s.size() * 6 + 2 + kBlockBytes;
    char* const start = buffer_.Push(reserved);
    char* out = start;
    *out++ = '"';
    size_t i = 0;
    // Keeps the bytes before the first of `escapes`, writes that one
    // escaped, and moves on after it.
    const auto escape_first = [&](uint32_t escapes) {
      const int clean = __builtin_ctz(escapes);
      out = PutByte(out + clean, static_cast<unsigned char>(s[i + clean]));
      i += clean + 1;
    };
    while (i + kBlockBytes <= s.size()) {
      const uint32_t escapes = CopyBlock(s.data() + i, out);
      if (escapes == 0) {
        out += kBlockBytes;
        i += kBlockBytes;
      } else {
        escape_first(escapes);
      }
    }
    while (i < s.size()) {
      const size_t n = s.size() - i;
      const Bytes16 tail =
          s.size() >= kBlockBytes ? LastBytes(s.data() + s.size(), n) : FirstBytes(s.data() + i, n);
      std::memcpy(out, &tail, kBlockBytes);
      // The zero bytes past the tail read as control bytes: not ours.
      const uint32_t escapes = JsonSpecialBytes(tail) & ((uint32_t{1} << n) - 1);
      if (escapes == 0) {
        out += n;
        break;
      }
      escape_first(escapes);
    }
    *out++ = '"';
    buffer_.Pop(reserved - static_cast<size_t>(out - start));
  }
  // null for an empty string (fields the contract makes nullable).
  void NullableString(std::string_view s) {
    if (s.empty()) {
      Null();
    } else {
      String(s);
    }
  }

 private:
  // The last 1 to 15 bytes of a string go into a block in registers, by
  // word loads and shifts: copied into a padded buffer by memcpy, a call,
  // they came back as a block only once the bytes' stores had left for the
  // cache (a load cannot take its bytes from several stores).

  // The last n (1 to 15) of the sixteen bytes before `end`, as a block's
  // first bytes, the rest zero: for a string of at least sixteen bytes,
  // without a branch on n.
  static Bytes16 LastBytes(const char* end, size_t n) {
    const uint64_t lo = short_words::Load64(end - 16);
    const uint64_t hi = short_words::Load64(end - 8);
    const size_t drop = 8 * (kBlockBytes - n);  // bits, 8 to 120
    // (hi:lo) >> drop in two halves; a shift by 64 or more is no C++ shift.
    const uint64_t low_half = drop < 64 ? (lo >> drop) | (hi << (64 - drop)) : hi >> (drop - 64);
    const uint64_t high_half = drop < 64 ? hi >> drop : 0;
    return Block(low_half, high_half);
  }
  // The n (1 to 15) bytes at p as a block's first bytes, the rest zero, read
  // without a byte past p[n - 1]: for a string shorter than a block.
  static Bytes16 FirstBytes(const char* p, size_t n) {
    if (n < 8) return Block(short_words::LoadShort(p, n), 0);
    const uint64_t high_half = n > 8 ? short_words::Load64(p + n - 8) >> (8 * (kBlockBytes - n)) : 0;
    return Block(short_words::Load64(p), high_half);
  }
  static Bytes16 Block(uint64_t low_half, uint64_t high_half) {
    using Words2 = uint64_t __attribute__((vector_size(16)));
    return reinterpret_cast<Bytes16>(Words2{low_half, high_half});
  }
  static constexpr size_t kBlockBytes = sizeof(Bytes16);

  // Copies the sixteen bytes at `from` to `to`; returns their
  // JsonSpecialBytes.
  static uint32_t CopyBlock(const char* from, char* to) {
    Bytes16 x;
    std::memcpy(&x, from, sizeof(Bytes16));
    std::memcpy(to, &x, sizeof(Bytes16));
    return JsonSpecialBytes(x);
  }

  rapidjson::StringBuffer& buffer_;
};

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
  JsonOut j(&buffer);
  j.Raw("{\"id\":");
  j.String(r.id);
  j.Raw(",\"source\":{\"uri\":");
  j.String(r.source_uri);
  j.Raw(",\"name\":");
  j.NullableString(r.source_name);
  j.Raw("},\"url\":");
  j.NullableString(r.url);
  j.Raw(",\"title\":");
  j.String(r.title);
  j.Raw(",\"published\":");
  j.NullableString(r.published);
  j.Raw(",\"language\":");
  j.NullableString(r.language);
  if (!r.duplicate_of.empty()) {
    j.Raw(",\"duplicate_of\":");
    j.String(r.duplicate_of);
  }
  j.Raw(",\"text\":");
  j.String(r.text);
  j.Raw(",\"actors\":[");
  for (size_t i = 0; i < r.actors.size(); ++i) {
    const Actor& a = r.actors[i];
    if (i > 0) j.Raw(",");
    j.Raw("{\"id\":");
    j.String(a.id);
    j.Raw(",\"name\":");
    j.String(a.name);
    j.Raw(",\"type\":");
    j.String(a.type);
    j.Raw(",\"state\":");
    j.NullableString(a.state);
    j.Raw(",\"roles\":[");
    for (size_t k = 0; k < a.roles.size(); ++k) {
      if (k > 0) j.Raw(",");
      j.String(a.roles[k]);
    }
    j.Raw("],\"mentions\":");
    j.Int(a.mentions);
    j.Raw("}");
  }
  j.Raw("],\"states\":[");
  for (size_t i = 0; i < r.states.size(); ++i) {
    const StateMention& s = r.states[i];
    if (i > 0) j.Raw(",");
    j.Raw("{\"code\":");
    j.String(s.code);
    j.Raw(",\"name\":");
    j.String(s.name);
    j.Raw(",\"mentions\":");
    j.Int(s.mentions);
    j.Raw(",\"sentiment\":");
    j.Double(Rounded(s.sentiment));
    j.Raw(",\"label\":");
    j.String(s.label);
    j.Raw(",\"evidence\":[");
    for (size_t k = 0; k < s.evidence.size(); ++k) {
      if (k > 0) j.Raw(",");
      j.Raw("{\"text\":");
      j.String(s.evidence[k].text);
      j.Raw(",\"score\":");
      j.Double(Rounded(s.evidence[k].score));
      j.Raw("}");
    }
    j.Raw("]}");
  }
  j.Raw("],\"votes\":[");
  for (size_t i = 0; i < r.votes.size(); ++i) {
    const Vote& v = r.votes[i];
    if (i > 0) j.Raw(",");
    j.Raw("{\"who\":");
    j.String(v.who);
    j.Raw(",\"actor\":");
    j.NullableString(v.actor);
    j.Raw(",\"percent\":");
    j.Double(Rounded(v.percent));
    j.Raw(",\"kind\":");
    j.String(v.kind);
    j.Raw(",\"election\":");
    j.NullableString(v.election);
    j.Raw(",\"country\":");
    j.NullableString(v.country);
    j.Raw(",\"date\":");
    j.NullableString(v.date);
    j.Raw(",\"qualifier\":");
    j.NullableString(v.qualifier);
    j.Raw(",\"text\":");
    j.String(v.text);
    j.Raw("}");
  }
  j.Raw("]}");
  out->append(buffer.GetString(), buffer.GetSize());
  // String() reserves six bytes per byte: do not keep a huge record's.
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
