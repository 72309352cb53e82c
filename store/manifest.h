// The manifest: the store's commit record. It names every segment with its
// committed length and the committed lengths of the error and input logs;
// bytes past those lengths were never committed. Written last at each
// commit, atomically (temp file, fsync, rename, fsync of the folder).
//
// Thread-safety: plain values and free functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace newsmine {

struct SegmentInfo {
  int number = 0;
  uint64_t bytes = 0;    // committed length
  uint64_t records = 0;  // committed lines
};

struct Manifest {
  std::vector<SegmentInfo> segments;
  uint64_t errors_bytes = 0;  // committed length of errors.jsonl
  uint64_t inputs_bytes = 0;  // committed length of inputs.jsonl
  uint64_t records = 0;
  uint64_t duplicates = 0;  // records with duplicate_of
  uint64_t errors = 0;
  uint64_t inputs = 0;  // inputs fully processed
  uint64_t commits = 0;

  // The committed bytes of all the segments: what a scan of them reads.
  uint64_t SegmentBytes() const {
    uint64_t bytes = 0;
    for (const SegmentInfo& segment : segments) bytes += segment.bytes;
    return bytes;
  }
};

// The store's file names, relative to its folder.
constexpr const char* kManifestFile = "MANIFEST.json";
constexpr const char* kErrorsFile = "errors.jsonl";
constexpr const char* kInputsFile = "inputs.jsonl";
constexpr const char* kIndexFile = "index.sqlite";
constexpr const char* kFullTextDir = "fulltext";
// Where versions before the index schema 8 kept the full-text index.
constexpr const char* kOldFullTextFile = "fulltext.sqlite";
constexpr const char* kBandsFile = "bands.bin";
constexpr const char* kIdsFile = "ids.bin";
constexpr const char* kSignaturesFile = "signatures.bin";
constexpr const char* kLockFile = "LOCK";
constexpr const char* kSegmentsDir = "segments";

// "segments/000001.jsonl" for segment 1.
std::string SegmentPath(const std::string& dir, int number);

// Reads dir/MANIFEST.json. Returns kNotFound when it is absent and kCorrupt
// when it cannot be parsed.
Status ReadManifest(const std::string& dir, Manifest* out);
// Replaces dir/MANIFEST.json atomically. Returns kIoError on failure, in
// which case the previous manifest is intact.
Status WriteManifest(const std::string& dir, const Manifest& manifest);

// Writes `content` to `path` atomically: temp file, fsync, rename, fsync of
// the folder.
Status WriteFileAtomically(const std::string& path, const std::string& content);
// fsyncs a folder so that a rename or a new file in it is durable.
Status SyncDirectory(const std::string& dir);

}  // namespace newsmine
