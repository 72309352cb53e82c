// A fast reader for the JSON object most JSON-lines news dumps hold on each
// line: one flat object whose values are all strings,
//   {"id": "17", "title": "...", "text": "..."}
// It scans sixteen bytes at a time and gives up on anything else (a nested
// value, a number, true/false/null, a malformed or truncated line, a high
// UTF-16 surrogate without its low one), which the caller then hands to a
// full JSON parser.
// Giving up is not an error: the full parser decides what the line is.
//
// Thread-safety: a FlatJsonObject is used by one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsmine {

class FlatJsonObject {
 public:
  // Parses `line` as {"key": "value", ...} with JSON's white space anywhere
  // JSON allows it and every escape JSON has (\uXXXX and surrogate pairs
  // become UTF-8). Returns false when the line is anything else; the object's
  // fields are then unspecified. `line` is not modified; the fields are views
  // into this object, valid until the next Parse.
  bool Parse(std::string_view line);

  // The value of the first field named `key`, or nullptr when there is none.
  // Inline: the callers ask for many names a line does not have (each alias
  // of each field), and most are told so by KeyBit alone.
  const std::string_view* Find(std::string_view key) const {
    return (key_bits_ & KeyBit(key)) == 0 ? nullptr : FindField(key);
  }

 private:
  struct Field {
    std::string_view key;
    std::string_view value;
  };
  // Reads the string at line[*pos] (just after its opening quote) into
  // unescaped_; on success sets *value and moves *pos past the closing quote.
  bool ReadString(std::string_view line, size_t* pos, std::string_view* value);

  // One of 64 bits for `key`, from its size and last byte: the callers ask
  // for many names a line does not have (each alias of each field), and
  // most are told so by the bit alone, without a comparison per field.
  static uint64_t KeyBit(std::string_view key) {
    const size_t last = key.empty() ? 0 : static_cast<unsigned char>(key.back());
    return uint64_t{1} << ((key.size() + 5 * last) % 64);
  }
  // Find past the KeyBit test: compares the keys.
  const std::string_view* FindField(std::string_view key) const;

  std::vector<Field> fields_;
  uint64_t key_bits_ = 0;      // the KeyBit of every field's key
  std::string unescaped_;      // the keys and values, unescaped, one after another
  size_t unescaped_size_ = 0;  // the bytes of unescaped_ they take
};

}  // namespace newsmine
