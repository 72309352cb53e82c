// Reading the data files in corpus/data: whole files into a padded buffer,
// and the tab-separated ones record by record (one record a line, fields
// split on TAB, blank lines and lines starting with '#' skipped).
//
// Thread-safety: no shared state.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace newsmine {

// A whole file's bytes, followed by kPadding zero bytes: scanners may read
// whole 16-byte blocks that start inside the text.
struct FileText {
  static constexpr size_t kPadding = 16;

  std::unique_ptr<char[]> bytes;
  size_t size = 0;

  std::string_view text() const { return std::string_view(bytes.get(), size); }
};

// Reads the file at `path` into *out; false when it cannot be read.
bool ReadFileText(const std::string& path, FileText* out);

// The record lines of a TSV text, one at a time.
class TsvLines {
 public:
  // `text` must be readable for FileText::kPadding bytes past its end.
  explicit TsvLines(std::string_view text) : text_(text) {}

  // Moves to the next record line: fills *fields with views of its fields
  // (the line's '\r' before its '\n' left out) and *line_number with its
  // 1-based number. False at the end of the text.
  bool Next(std::vector<std::string_view>* fields, int* line_number);

 private:
  std::string_view text_;
  size_t pos_ = 0;  // start of the next line
  int line_number_ = 0;
};

// Calls `row(fields, line_number)` (fields: const std::vector<std::string_view>&,
// line_number: int; returns Status) for every record line of the file at
// `path`. `what` names the file's kind in errors ("state gazetteer"). Returns
// kIoError when the file cannot be read, or the first non-OK status `row`
// returns (the caller names the line with TsvLineError).
template <typename Row>
Status ForEachTsvRow(const std::string& path, const std::string& what, Row&& row) {
  FileText file;
  if (!ReadFileText(path, &file)) return Status::IoError("cannot read " + what + " " + path);
  TsvLines lines(file.text());
  std::vector<std::string_view> fields;
  int line_number = 0;
  while (lines.Next(&fields, &line_number)) {
    if (Status s = row(static_cast<const std::vector<std::string_view>&>(fields), line_number); !s.ok())
      return s;
  }
  return Status::Ok();
}

// kCorrupt "<path>:<line>: <expected>", for a row of the wrong shape.
Status TsvLineError(const std::string& path, int line_number, const std::string& expected);

}  // namespace newsmine
