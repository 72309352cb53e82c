// Readers turn the inputs named on the command line (files, folders, "-",
// URLs) into a stream of RawDocuments, recognising each input's format by its
// content: plain text, HTML, JSON lines of documents, WARC, and gzip of any of
// these. Folders are walked recursively in sorted order. Inputs are streamed:
// memory is bounded by the largest single document, not by the input's size.
// An archive member's uri is "<input path>#<WARC-Record-ID, JSON id or url,
// or line number>". docs/ingest.md gives the JSON field mapping and limits.
//
// Thread-safety: a call to ReadInputs runs on the calling thread and calls the
// sink from that thread only.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/document.h"
#include "ingest/fetch.h"

namespace newsmine {

// One input file (a file named on the command line or found in a folder),
// described before it is read, so that a store can skip inputs it has fully
// processed in an earlier run.
struct InputInfo {
  std::string path;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  // "<size>-<mtime_ns>-<hash of path>": changes when the file does.
  std::string fingerprint;
};

// Receives what the readers find. Implemented by the pipeline.
class RawDocumentSink {
 public:
  virtual ~RawDocumentSink() = default;
  // Called before a regular file input is read. Return false to skip it whole.
  virtual bool WantInput(const InputInfo&) { return true; }
  // Called after the last document of an input that was read to its end
  // (not after an input that failed or was skipped).
  virtual void InputFinished(const InputInfo&) {}
  // An empty document for a reader to fill and pass to Accept. A sink may
  // hand back a document it is done with, cleared: its strings keep their
  // capacity, so that reading allocates nothing once a run is under way.
  virtual RawDocument NewDocument() { return RawDocument(); }
  // One document. Return false to stop reading (e.g. the run was cancelled).
  virtual bool Accept(RawDocument document) = 0;
  // One document (or one input) that could not be read: `uri` names it,
  // `status` says why. Reading goes on with the next one.
  virtual void Reject(const std::string& uri, const Status& status) = 0;
};

// How far the reader is through its input files, in their bytes on disk
// (compressed ones as they are): what progress lines measure against
// TotalInputBytes. The reader thread adds; any thread may read.
struct InputProgress {
  std::atomic<uint64_t> read{0};  // bytes read from input files
  // Bytes of input files it will not read: those skipped (WantInput), and
  // what is left of one that failed or hit a limit before its end.
  std::atomic<uint64_t> passed{0};
};

struct ReaderOptions {
  // A single input file (after decompression) larger than this is refused.
  size_t max_input_bytes = size_t{4} << 30;
  // One document (a file, a JSON line, a WARC record) larger than this is
  // rejected, and reading goes on with the next.
  size_t max_document_bytes = 64u << 20;
  // Decompressed size may be at most this many times the compressed size
  // (gzip bombs) once past 1 MiB.
  size_t max_compression_ratio = 1000;
  // Documents (WARC records, JSON lines) read from one input at most; past
  // it the input fails with kLimitExceeded, the documents before it kept.
  size_t max_documents_per_input = 10'000'000;
  // How http(s) inputs are fetched.
  FetchOptions fetch;
  // JSON lines are passed on as they are (RawDocument::json_line_number set)
  // for ParseJsonLine to parse on the thread that builds the document: the
  // reader, one thread for all workers, then only cuts lines.
  bool defer_json_parse = false;
  // Where the reader counts its way through the input files, when set
  // (owned by the caller).
  InputProgress* progress = nullptr;
};

struct ReadSummary {
  // Inputs that could not be read to their end (missing, unreadable,
  // truncated, corrupt, over a limit); documents before the damage were
  // passed to Accept.
  size_t inputs_failed = 0;
  size_t documents = 0;           // documents passed to Accept
  size_t documents_rejected = 0;  // members and files rejected one by one
  size_t skipped_non_html = 0;    // WARC payloads that were not text or HTML
};

// Reads every input in order and feeds `sink`. Never throws; every failure is
// reported to the sink and counted in the summary. Returns the summary.
ReadSummary ReadInputs(const std::vector<std::string>& inputs, const ReaderOptions& options,
                       RawDocumentSink* sink);

// The bytes on disk of every input file ReadInputs would read (the files of
// folders, walked), or nullopt when an input is standard input or a URL,
// whose size is not known in advance. A path that is neither file nor folder
// counts 0.
std::optional<uint64_t> TotalInputBytes(const std::vector<std::string>& inputs);

// Parses a JSON line passed on unparsed (ReaderOptions::defer_json_parse) in
// place, as the reader does otherwise: fills the payload, the metadata and
// the uri ("<input>#<id, url or line number>") and clears json_line_number.
// Returns kCorrupt when the line is not a JSON object with a text; the uri
// then names the line. Thread-safe: each thread keeps its own parser.
Status ParseJsonLine(RawDocument* document);

}  // namespace newsmine
