// PLACEHOLDER first version: plain files and folders only. Replaced by the
// archive formats work (issue 3).
#include "ingest/reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "core/hash.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;

void ReadFile(const std::string& path, uint64_t* ordinal, RawDocumentSink* sink, ReadSummary* summary) {
  InputInfo info;
  info.path = path;
  std::error_code ec;
  info.size = fs::file_size(path, ec);
  info.mtime_ns = fs::last_write_time(path, ec).time_since_epoch().count();
  info.fingerprint = std::to_string(info.size) + "-" + std::to_string(info.mtime_ns) + "-" + Hex64(Fnv1a64(path));
  if (!sink->WantInput(info)) return;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink->Reject(path, Status::IoError("cannot open " + path));
    ++summary->documents_rejected;
    return;
  }
  RawDocument doc;
  doc.uri = path;
  doc.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  doc.ordinal = (*ordinal)++;
  ++summary->documents;
  sink->Accept(std::move(doc));
  sink->InputFinished(info);
}

}  // namespace

ReadSummary ReadInputs(const std::vector<std::string>& inputs, const ReaderOptions&, RawDocumentSink* sink) {
  ReadSummary summary;
  uint64_t ordinal = 0;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<std::string> files;
      for (const auto& entry : fs::recursive_directory_iterator(input, ec)) {
        if (entry.is_regular_file()) files.push_back(entry.path().string());
      }
      std::sort(files.begin(), files.end());
      for (const std::string& f : files) ReadFile(f, &ordinal, sink, &summary);
    } else if (fs::is_regular_file(input, ec)) {
      ReadFile(input, &ordinal, sink, &summary);
    } else {
      sink->Reject(input, Status::NotFound("no such file or folder: " + input));
      ++summary.inputs_failed;
    }
  }
  return summary;
}

}  // namespace newsmine
