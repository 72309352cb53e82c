// Fetching over HTTP(S): URLs, RSS/Atom feeds and news sitemaps, with
// libcurl multi, politeness, robots.txt, retries and conditional requests.
//
// Thread-safety: FetchUrls runs on the calling thread (it drives libcurl's
// multi interface itself) and calls the sink from that thread only.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/document.h"

namespace newsmine {

class RawDocumentSink;
struct ReadSummary;

struct FetchOptions {
  int concurrency = 16;            // transfers at once, all hosts together
  std::string user_agent = "newsmine/0.1 (+https://github.com/newsmine/newsmine)";
  bool ignore_robots = false;
  // Folder where fetch state (ETag / Last-Modified per URL, robots.txt) is
  // kept between runs; empty keeps nothing.
  std::string state_dir;
};

// Fetches every URL (following feeds and sitemaps to their articles) and feeds
// each page to `sink`; a URL that finally fails is passed to sink->Reject with
// the reason. Counts go into *summary.
void FetchUrls(const std::vector<std::string>& urls, const FetchOptions& options, RawDocumentSink* sink,
               ReadSummary* summary);

}  // namespace newsmine
