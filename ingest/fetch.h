// Fetching over HTTP(S): URLs, RSS/Atom feeds and news sitemaps, with
// libcurl multi, politeness, robots.txt, retries and conditional requests.
//
// What a fetched body is, is decided by its content: an RSS or Atom feed, a
// sitemap or a sitemap index (gzipped or not) is read and the pages it lists
// are fetched in turn (with the item's title and date); anything else that is
// text or HTML is a document.
//
// Politeness: at most `per_host_concurrency` transfers per origin, started at
// least `per_host_delay_ms` apart (or the robots.txt Crawl-delay, up to
// `max_crawl_delay_ms`); robots.txt is honoured unless `ignore_robots`
// (missing robots.txt: all allowed; unreachable: nothing allowed, RFC 9309).
//
// Failures: timeouts, connection errors, HTTP 408, 429 and 5xx (except 501)
// are retried up to `max_retries` times with exponential backoff and jitter,
// waiting at least what Retry-After asks for. Other 4xx, redirect loops,
// redirects to anything but http(s), and bodies over `max_body_bytes` fail
// at once. URLs are never printed with their user:password.
//
// Thread-safety: FetchUrls runs on the calling thread (it drives libcurl's
// multi interface itself) and calls the sink from that thread only. Several
// FetchUrls calls may run at once on different threads with different
// state_dir folders.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/document.h"

namespace newsmine {

class RawDocumentSink;
struct ReadSummary;

struct FetchOptions {
  int concurrency = 16;  // transfers at once, all hosts together
  std::string user_agent = "newsmine/0.1 (+https://github.com/newsmine/newsmine)";
  bool ignore_robots = false;
  // Folder where fetch state (ETag / Last-Modified per URL) is kept between
  // runs; empty keeps nothing.
  std::string state_dir;

  // Politeness, per origin (scheme://host:port).
  int per_host_concurrency = 2;
  int per_host_delay_ms = 500;     // between the starts of two requests
  int max_crawl_delay_ms = 30000;  // a longer robots.txt Crawl-delay is cut to this

  // Limits of one transfer.
  int connect_timeout_ms = 10000;
  int timeout_ms = 60000;  // the whole transfer, redirects included
  // A transfer slower than low_speed_bytes per second for low_speed_seconds
  // is cut off (a server that drips a byte a second).
  int low_speed_bytes = 512;
  int low_speed_seconds = 15;
  int max_redirects = 10;
  size_t max_body_bytes = size_t{64} << 20;  // decoded body; larger ones are aborted

  // Retries of transient failures.
  int max_retries = 3;
  int backoff_initial_ms = 1000;  // doubled at every attempt, with jitter
  int backoff_max_ms = 60000;
  int max_retry_after_ms = 300000;  // a longer Retry-After fails the URL at once

  // Feeds listing feeds (sitemap index -> sitemap -> pages) are followed this
  // many levels deep; a feed nested deeper is rejected.
  int max_feed_depth = 3;
  size_t max_feed_entries = 50000;  // entries read from one feed or sitemap

  // Documents are delivered in input order; a fetched document waits while
  // an earlier URL is still being fetched. When this many wait, only that
  // earlier URL is started until it is done.
  size_t max_held_documents = 256;
};

// What one FetchUrls call did, for the run's summary line.
struct FetchStats {
  size_t requests = 0;      // transfers made (robots.txt and retries included)
  size_t pages = 0;         // documents passed to the sink
  size_t feeds = 0;         // feeds, sitemaps and sitemap indexes read
  size_t not_modified = 0;  // 304 answers: unchanged since the last run, not passed on
  size_t retries = 0;
  size_t failed = 0;         // URLs passed to sink->Reject
  size_t robots_denied = 0;  // of which: disallowed by robots.txt
  uint64_t body_bytes = 0;   // decoded body bytes received
  // Why the state in state_dir could not be read or written, or empty.
  std::string state_error;
};

// Fetches every URL (following feeds and sitemaps to their articles) and
// feeds each page to `sink`, in input order whatever the order the transfers
// complete in: a feed's pages, in the feed's order, take the feed's place;
// rejections come in the same order. Each RawDocument has uri = the URL as given or as listed in its
// feed, url = the final URL after redirects (both without credentials),
// kind and declared_charset from the Content-Type, and title / published /
// source_name from the feed item when there was one; ordinals continue from
// summary->documents. A URL that finally fails is passed to sink->Reject
// with the reason and counted in summary->inputs_failed (a URL named in
// `urls`) or summary->documents_rejected (one found in a feed). A page that
// answers 304 Not Modified to the validators kept in state_dir is counted in
// stats->not_modified and not passed on. Stops early when sink->Accept
// returns false. `stats` may be null.
void FetchUrls(const std::vector<std::string>& urls, const FetchOptions& options, RawDocumentSink* sink,
               ReadSummary* summary, FetchStats* stats);
void FetchUrls(const std::vector<std::string>& urls, const FetchOptions& options, RawDocumentSink* sink,
               ReadSummary* summary);

}  // namespace newsmine
