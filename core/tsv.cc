#include "core/tsv.h"

#include <cstring>
#include <fstream>

#include "core/bytes16.h"

namespace newsmine {

bool ReadFileText(const std::string& path, FileText* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return false;
  in.seekg(0, std::ios::beg);
  out->size = static_cast<size_t>(size);
  // Read straight into an uninitialised buffer: no zero fill, no copy.
  out->bytes = std::make_unique_for_overwrite<char[]>(out->size + FileText::kPadding);
  std::memset(out->bytes.get() + out->size, 0, FileText::kPadding);
  return static_cast<bool>(in.read(out->bytes.get(), size)) || size == 0;
}

bool TsvLines::Next(std::vector<std::string_view>* fields, int* line_number) {
  static_assert(FileText::kPadding >= sizeof(Bytes16));
  while (pos_ < text_.size()) {
    const size_t start = pos_;
    ++line_number_;
    if (text_[start] == '#') {  // a comment: only its end matters
      const void* newline = std::memchr(text_.data() + start, '\n', text_.size() - start);
      pos_ = newline ? static_cast<const char*>(newline) - text_.data() + 1 : text_.size();
      continue;
    }
    // Tabs and the line's end in one pass, sixteen bytes at a time (the
    // padding holds neither).
    fields->clear();
    size_t field_start = start;
    size_t end = text_.size();
    for (size_t block = start; block < text_.size(); block += sizeof(Bytes16)) {
      Bytes16 x;
      std::memcpy(&x, text_.data() + block, sizeof x);
      uint32_t mask = MoveMask((x == '\t') | (x == '\n'));
      for (; mask != 0; mask &= mask - 1) {
        const size_t at = block + __builtin_ctz(mask);
        if (text_[at] == '\n') {
          end = at;
          break;
        }
        fields->emplace_back(text_.data() + field_start, at - field_start);
        field_start = at + 1;
      }
      if (end != text_.size()) break;
    }
    pos_ = end + 1;
    if (end > start && text_[end - 1] == '\r') --end;
    if (end == start) continue;  // blank
    fields->emplace_back(text_.data() + field_start, end - field_start);
    *line_number = line_number_;
    return true;
  }
  return false;
}

Status TsvLineError(const std::string& path, int line_number, const std::string& expected) {
  return Status::Corrupt(path + ":" + std::to_string(line_number) + ": " + expected);
}

}  // namespace newsmine
