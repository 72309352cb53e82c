// What a fetch remembers between runs: the validators (ETag, Last-Modified)
// of every URL fetched, so that the next run sends conditional requests and
// skips pages that have not changed.
//
// Stored as <state_dir>/fetch-state.tsv, one "url TAB etag TAB last-modified"
// line per URL, rewritten whole and atomically (temporary file, fsync,
// rename) so that a crash leaves the old state or the new one, never a mix.
//
// Thread-safety: not thread-safe; one FetchState per run, used by the thread
// that drives the transfers.
#pragma once

#include <map>
#include <string>

#include "core/status.h"

namespace newsmine {

struct Validators {
  std::string etag;           // as sent by the server, quotes included
  std::string last_modified;  // HTTP-date, as sent by the server
  bool empty() const { return etag.empty() && last_modified.empty(); }
};

class FetchState {
 public:
  // Loads the state kept in `dir`; an empty `dir` keeps nothing. A missing
  // file is an empty state; an unreadable one is an IoError (the run can go
  // on without it). Malformed lines are skipped.
  Status Load(const std::string& dir);

  // The validators last seen for `url`, or empty ones.
  Validators Find(const std::string& url) const;
  // Records `validators` for `url` (empty ones forget the URL).
  void Update(const std::string& url, const Validators& validators);

  // Writes the state back if it changed. Returns IoError when the folder
  // cannot be created or written.
  Status Save();

 private:
  std::string path_;
  std::map<std::string, Validators> entries_;
  bool dirty_ = false;
};

}  // namespace newsmine
