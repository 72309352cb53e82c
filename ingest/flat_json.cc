#include "ingest/flat_json.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "core/bytes16.h"
#include "core/utf8.h"

namespace newsmine {
namespace {

size_t SkipSpace(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) ++pos;
  return pos;
}

bool NeedsCare(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// The byte that the two-byte escape of `c` stands for (a line feed for 'n'),
// or '\0' when `c` makes no such escape (a \u escape is longer; anything
// else is not JSON).
char ShortEscape(char c) {
  static constexpr std::array<char, 256> kBytes = [] {
    std::array<char, 256> bytes{};
    for (const auto& [escape, byte] :
         {std::pair{'"', '"'}, std::pair{'\\', '\\'}, std::pair{'/', '/'}, std::pair{'b', '\b'},
          std::pair{'f', '\f'}, std::pair{'n', '\n'}, std::pair{'r', '\r'}, std::pair{'t', '\t'}}) {
      bytes[static_cast<unsigned char>(escape)] = byte;
    }
    return bytes;
  }();
  return kBytes[static_cast<unsigned char>(c)];
}

// The four hex digits at s[pos], or -1.
long Hex4(std::string_view s, size_t pos) {
  if (pos + 4 > s.size()) return -1;
  long value = 0;
  for (size_t k = pos; k < pos + 4; ++k) {
    const char c = s[k];
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return -1;
    }
    value = value * 16 + digit;
  }
  return value;
}

}  // namespace

bool FlatJsonObject::ReadString(std::string_view line, size_t* pos, std::string_view* value) {
  char* const start = unescaped_.data() + unescaped_size_;
  char* out = start;
  size_t i = *pos;
  for (;;) {
    // Sixteen bytes are stored at once, whatever follows the run in them: the
    // bytes past it are overwritten next (unescaped_ has room, see Parse).
    // A two-byte escape, the stop most often met inside a text ("\n" ends
    // every line of many dumps), is replaced here and the scan goes on.
    while (i + sizeof(Bytes16) <= line.size()) {
      Bytes16 x;
      std::memcpy(&x, line.data() + i, sizeof x);
      std::memcpy(out, &x, sizeof x);
      const uint32_t stops = JsonSpecialBytes(x);
      if (stops == 0) {
        i += sizeof(Bytes16), out += sizeof(Bytes16);
        continue;
      }
      const auto run = static_cast<size_t>(__builtin_ctz(stops));
      i += run, out += run;
      const char unescaped = line[i] == '\\' && i + 1 < line.size() ? ShortEscape(line[i + 1]) : '\0';
      if (unescaped == '\0') break;
      *out++ = unescaped;
      i += 2;
    }
    if (i + sizeof(Bytes16) > line.size()) {
      for (; i < line.size() && !NeedsCare(static_cast<unsigned char>(line[i])); ++i) *out++ = line[i];
    }
    if (i >= line.size()) return false;  // no closing quote
    const size_t stop = i;
    if (line[stop] == '"') {
      *pos = stop + 1;
      *value = std::string_view(start, static_cast<size_t>(out - start));
      unescaped_size_ += static_cast<size_t>(out - start);
      return true;
    }
    if (line[stop] != '\\' || stop + 1 >= line.size()) return false;  // a control byte
    i = stop + 2;
    if (const char unescaped = ShortEscape(line[stop + 1]); unescaped != '\0') {
      *out++ = unescaped;
      continue;
    }
    if (line[stop + 1] != 'u') return false;
    long cp = Hex4(line, i);
    if (cp < 0) return false;
    i += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      // A high surrogate must be followed by a low one. (A lone low
      // surrogate is encoded as it is, as RapidJSON does.)
      if (i + 6 > line.size() || line[i] != '\\' || line[i + 1] != 'u') return false;
      const long low = Hex4(line, i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 6;
    }
    out = EncodeCodePoint(static_cast<char32_t>(cp), out);
  }
}

bool FlatJsonObject::Parse(std::string_view line) {
  fields_.clear();
  key_bits_ = 0;
  // Unescaping never lengthens a string (the longest code point, four bytes,
  // is escaped in six or twelve), so the keys and values fit in line.size()
  // bytes, plus room for ReadString's last sixteen-byte store. The buffer only
  // grows: the views into it stay valid until the next Parse.
  if (unescaped_.size() < line.size() + sizeof(Bytes16)) unescaped_.resize(line.size() + sizeof(Bytes16));
  unescaped_size_ = 0;
  size_t pos = SkipSpace(line, 0);
  if (pos >= line.size() || line[pos] != '{') return false;
  pos = SkipSpace(line, pos + 1);
  if (pos < line.size() && line[pos] == '}') return SkipSpace(line, pos + 1) == line.size();
  for (;;) {
    Field field;
    if (pos >= line.size() || line[pos] != '"') return false;
    ++pos;
    if (!ReadString(line, &pos, &field.key)) return false;
    pos = SkipSpace(line, pos);
    if (pos >= line.size() || line[pos] != ':') return false;
    pos = SkipSpace(line, pos + 1);
    if (pos >= line.size() || line[pos] != '"') return false;  // not a string: not flat
    ++pos;
    if (!ReadString(line, &pos, &field.value)) return false;
    fields_.push_back(field);
    key_bits_ |= KeyBit(field.key);
    pos = SkipSpace(line, pos);
    if (pos >= line.size()) return false;
    if (line[pos] == '}') return SkipSpace(line, pos + 1) == line.size();
    if (line[pos] != ',') return false;
    pos = SkipSpace(line, pos + 1);
  }
}

const std::string_view* FlatJsonObject::FindField(std::string_view key) const {
  for (const Field& field : fields_) {
    if (field.key == key) return &field.value;
  }
  return nullptr;
}

}  // namespace newsmine
