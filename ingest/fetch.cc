#include "ingest/fetch.h"

#include <curl/curl.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ascii.h"
#include "ingest/feed.h"
#include "ingest/fetch_state.h"
#include "ingest/fetch_url.h"
#include "ingest/reader.h"
#include "ingest/robots.h"

namespace newsmine {
namespace {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

// The charset parameter of a Content-Type ("text/html; charset="utf-8"").
std::string CharsetOf(const std::string& content_type) {
  const std::string lower = AsciiLower(content_type);
  const size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  std::string value(TrimAscii(std::string_view(content_type).substr(at + 8)));
  value = value.substr(0, value.find(';'));
  if (!value.empty() && (value.front() == '"' || value.front() == '\'')) value = value.substr(1);
  if (!value.empty() && (value.back() == '"' || value.back() == '\'')) value.pop_back();
  return std::string(TrimAscii(value));
}

// The media type without parameters, lower case ("text/html").
std::string MediaTypeOf(const std::string& content_type) {
  return std::string(TrimAscii(AsciiLower(std::string_view(content_type).substr(0, content_type.find(';')))));
}

// Text and HTML go on to the builder; images, PDFs, archives do not. An
// unlabelled body is given the benefit of the doubt.
bool IsTextual(const std::string& media_type) {
  return media_type.empty() || media_type.rfind("text/", 0) == 0 ||
         media_type.find("html") != std::string::npos || media_type.find("xml") != std::string::npos;
}

PayloadKind KindOf(const std::string& media_type) {
  if (media_type.find("html") != std::string::npos) return PayloadKind::kHtml;
  if (media_type == "text/plain") return PayloadKind::kText;
  return PayloadKind::kUnknown;
}

bool IsGzip(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b'; }

// Inflates a gzip body (a sitemap.xml.gz served as a file, not as a
// Content-Encoding) into *out, at most `limit` bytes. False when it is not
// valid gzip or too large.
bool Gunzip(std::string_view in, size_t limit, std::string* out) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  out->clear();
  char buffer[65536];
  int rc = Z_OK;
  while (rc == Z_OK && out->size() <= limit) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    out->append(buffer, sizeof buffer - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END && out->size() <= limit;
}

// Transient failures worth another attempt.
bool IsRetryableCurlError(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

bool IsRetryableHttpStatus(long status) {
  return status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501);
}

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Where a URL sits in the run's order: {input} for a URL given, the feed's
// path plus the item's index for a URL a feed listed. Paths sort in the
// order documents are delivered: a feed's items take the feed's place.
using Path = std::vector<uint32_t>;

// One URL to fetch, from the input list or from a feed.
struct Job {
  std::string url;      // as given (credentials kept: they are used)
  std::string display;  // without credentials: for messages, documents, state
  UrlParts parts;
  bool is_robots = false;
  bool is_input = false;  // named by the user (failures are input failures)
  Path path;              // empty for robots.txt
  FeedEntry item;         // title and date from the feed that listed it
  std::string source_name;
  int attempt = 0;
  Clock::time_point not_before;
};

// One transfer in flight.
struct Transfer {
  Job job;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;
  size_t max_body = 0;
  bool too_large = false;
  Validators validators;  // of the last response (redirects reset them)
  char error[CURL_ERROR_SIZE] = {};

  ~Transfer() {
    curl_slist_free_all(headers);
    if (easy != nullptr) curl_easy_cleanup(easy);
  }
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (transfer->body.size() + n > transfer->max_body) {
    transfer->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  transfer->body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    transfer->validators = Validators();  // a new response (after a redirect)
    return line.size();
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return line.size();
  const std::string name = AsciiLower(line.substr(0, colon));
  if (name == "etag") transfer->validators.etag = TrimAscii(line.substr(colon + 1));
  if (name == "last-modified") transfer->validators.last_modified = TrimAscii(line.substr(colon + 1));
  return line.size();
}

// Politeness and robots.txt state of one origin.
struct Host {
  enum class Robots { kUnknown, kFetching, kKnown };
  int active = 0;
  int delay_ms = 0;
  Clock::time_point next_start;
  Robots robots_state = Robots::kUnknown;
  RobotsRules robots;
  // Why robots.txt could not be read (then nothing is fetched), or OK.
  Status robots_failure;
  // Jobs waiting for a slot, lowest path first (robots.txt, with the empty
  // path, before everything).
  std::map<Path, Job> queue;
};

// A URL's final result, held until every URL before it is done.
struct Result {
  std::string uri;                      // for a rejection
  Status failure;                       // not OK: a rejection
  std::optional<RawDocument> document;  // else a document, or nothing (304, feed)
  Validators validators;                // kept once the document is delivered
};

// How a finished transfer ended, once retries are decided.
struct Outcome {
  bool ok = false;            // a 2xx body
  bool not_modified = false;  // 304
  bool retry = false;
  Millis retry_after{0};  // what the server asked for, 0 when nothing
  long http_status = 0;
  Status failure;  // when neither ok, not_modified nor retry
};

class Fetcher {
 public:
  Fetcher(const FetchOptions& options, RawDocumentSink* sink, ReadSummary* summary, FetchStats* stats)
      : options_(options),
        sink_(sink),
        summary_(summary),
        stats_(stats),
        agent_token_(RobotsAgentToken(options.user_agent)),
        random_(std::random_device{}()) {}

  ~Fetcher() {
    for (auto& [easy, transfer] : transfers_) curl_multi_remove_handle(multi_, easy);
    transfers_.clear();
    if (multi_ != nullptr) curl_multi_cleanup(multi_);
  }

  void Run(const std::vector<std::string>& urls) {
    InitCurlOnce();
    multi_ = curl_multi_init();
    if (const Status s = state_.Load(options_.state_dir); !s.ok()) stats_->state_error = s.ToString();
    for (const std::string& url : urls) {
      Job job;
      job.url = url;
      job.is_input = true;
      job.path = {next_input_++};
      Enqueue(std::move(job));
    }
    while (!stopped_) {
      const Clock::time_point now = Clock::now();
      PromoteDueRetries(now);
      StartTransfers(now);
      if (transfers_.empty() && delayed_.empty() && queued_ == 0) break;
      curl_multi_poll(multi_, nullptr, 0, WaitMillis(), nullptr);
      int running = 0;
      curl_multi_perform(multi_, &running);
      CollectFinished();
    }
    SaveState();
  }

 private:
  // ---- Queueing -----------------------------------------------------------

  void Enqueue(Job job) {
    job.display = StripCredentials(job.url);
    if (!ParseHttpUrl(job.url, &job.parts)) {
      Fail(job, Status::Unsupported("not an http(s) URL"));
      return;
    }
    if (!seen_.insert(job.display).second) return;  // listed twice: fetched once
    pending_.insert(job.path);
    Host& host = hosts_[OriginOf(job.parts)];
    if (!options_.ignore_robots && host.robots_state == Host::Robots::kUnknown) {
      Job robots;
      robots.url = OriginOf(job.parts) + "/robots.txt";
      robots.display = StripCredentials(robots.url);
      ParseHttpUrl(robots.url, &robots.parts);
      robots.is_robots = true;
      host.queue.emplace(Path(), std::move(robots));
      host.robots_state = Host::Robots::kFetching;
      ++queued_;
    }
    Path path = job.path;
    host.queue.emplace(std::move(path), std::move(job));
    ++queued_;
  }

  // Retries whose backoff is over go back to their host's queue, in path order.
  void PromoteDueRetries(Clock::time_point now) {
    while (!delayed_.empty() && delayed_.top().not_before <= now) {
      Job job = delayed_.top();
      delayed_.pop();
      Path path = job.path;
      hosts_[OriginOf(job.parts)].queue.emplace(std::move(path), std::move(job));
      ++queued_;
    }
  }

  void StartTransfers(Clock::time_point now) {
    for (auto& [origin, host] : hosts_) {
      while (!stopped_ && static_cast<int>(transfers_.size()) < std::max(1, options_.concurrency) &&
             host.active < std::max(1, options_.per_host_concurrency) && !host.queue.empty() &&
             now >= host.next_start) {
        const Job& next = host.queue.begin()->second;
        // Pages wait until robots.txt has been read.
        if (!next.is_robots && host.robots_state == Host::Robots::kFetching) break;
        // With too many documents held back for order, only the URL that
        // holds them back may start.
        if (!next.is_robots && ready_.size() >= options_.max_held_documents && next.path != *pending_.begin())
          break;
        Job job = std::move(host.queue.begin()->second);
        host.queue.erase(host.queue.begin());
        --queued_;
        if (!job.is_robots && !host.robots_failure.ok()) {
          Fail(job, host.robots_failure);
          continue;
        }
        if (!job.is_robots && !host.robots.Allows(job.parts.path_and_query)) {
          ++stats_->robots_denied;
          Fail(job, Status::Unsupported("disallowed by robots.txt for " + agent_token_));
          continue;
        }
        if (!Start(std::move(job), &host)) continue;
        ++host.active;
        host.next_start = now + Millis(std::max(options_.per_host_delay_ms, host.delay_ms));
      }
    }
  }

  // How long curl_multi_poll may sleep: until the next retry or host slot is
  // due, or curl's own timers fire, at most a second.
  int WaitMillis() const {
    const Clock::time_point now = Clock::now();
    Clock::time_point wake = now + Millis(1000);
    if (!delayed_.empty()) wake = std::min(wake, delayed_.top().not_before);
    for (const auto& [origin, host] : hosts_) {
      if (!host.queue.empty() && host.next_start > now) wake = std::min(wake, host.next_start);
    }
    long curl_timeout = -1;
    curl_multi_timeout(multi_, &curl_timeout);
    long wait = static_cast<long>(std::chrono::duration_cast<Millis>(wake - now).count());
    if (curl_timeout >= 0) wait = std::min(wait, curl_timeout);
    return static_cast<int>(std::clamp(wait, 0L, 1000L));
  }

  // ---- Transfers ----------------------------------------------------------

  // Starts `job`'s transfer; false (the job failed) when libcurl cannot.
  bool Start(Job job, Host* host) {
    CURL* easy = curl_easy_init();
    if (easy == nullptr) {
      const Status failure = Status::IoError("libcurl could not create a transfer (out of memory)");
      if (job.is_robots) {
        host->robots_failure = failure;
        host->robots_state = Host::Robots::kKnown;
      } else {
        Fail(job, failure);
      }
      return false;
    }
    auto transfer = std::make_unique<Transfer>();
    transfer->job = std::move(job);
    transfer->max_body = options_.max_body_bytes;
    transfer->easy = easy;
    Configure(transfer.get());
    ++stats_->requests;
    curl_multi_add_handle(multi_, easy);
    transfers_.emplace(easy, std::move(transfer));
    return true;
  }

  void Configure(Transfer* t) {
    CURL* easy = t->easy;
    curl_easy_setopt(easy, CURLOPT_URL, t->job.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->error);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, static_cast<long>(options_.max_redirects));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options_.low_speed_bytes));
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_seconds));
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body_bytes));
    if (t->job.is_robots) return;
    const Validators known = state_.Find(t->job.display);
    if (!known.etag.empty())
      t->headers = curl_slist_append(t->headers, ("If-None-Match: " + known.etag).c_str());
    if (!known.last_modified.empty()) {
      t->headers = curl_slist_append(t->headers, ("If-Modified-Since: " + known.last_modified).c_str());
    }
    if (t->headers != nullptr) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
  }

  void CollectFinished() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode result = message->data.result;
      curl_multi_remove_handle(multi_, easy);
      auto it = transfers_.find(easy);
      std::unique_ptr<Transfer> transfer = std::move(it->second);
      transfers_.erase(it);
      Finish(transfer.get(), result);
      if (stopped_) return;
    }
  }

  Outcome Classify(Transfer* t, CURLcode result) const {
    Outcome o;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &o.http_status);
    const int attempts = t->job.attempt + 1;
    const bool attempts_left = t->job.attempt < options_.max_retries;
    const std::string after =
        " (after " + std::to_string(attempts) + (attempts == 1 ? " attempt)" : " attempts)");
    if (result == CURLE_OK) {
      if (o.http_status >= 200 && o.http_status < 300) {
        o.ok = true;
        return o;
      }
      if (o.http_status == 304) {
        o.not_modified = true;
        return o;
      }
      curl_off_t retry_after = 0;
      curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry_after);
      o.retry_after = Millis(retry_after * 1000);
      const std::string http = "HTTP " + std::to_string(o.http_status);
      if (IsRetryableHttpStatus(o.http_status) && o.retry_after.count() > options_.max_retry_after_ms) {
        o.failure = Status::NetworkError(http + " with Retry-After " + std::to_string(retry_after) +
                                         " s, longer than the limit");
      } else if (IsRetryableHttpStatus(o.http_status) && attempts_left) {
        o.retry = true;
      } else if (o.http_status == 404 || o.http_status == 410) {
        o.failure = Status::NotFound(http + after);
      } else {
        o.failure = Status::NetworkError(http + after);
      }
      return o;
    }
    const std::string detail = t->error[0] != '\0' ? std::string(t->error) : curl_easy_strerror(result);
    if (t->too_large || result == CURLE_FILESIZE_EXCEEDED) {
      o.failure =
          Status::LimitExceeded("body larger than " + std::to_string(options_.max_body_bytes) + " bytes");
    } else if (result == CURLE_TOO_MANY_REDIRECTS) {
      o.failure = Status::LimitExceeded("more than " + std::to_string(options_.max_redirects) + " redirects");
    } else if (result == CURLE_UNSUPPORTED_PROTOCOL) {
      o.failure = Status::Unsupported("redirected to a scheme other than http(s): " + detail);
    } else if (IsRetryableCurlError(result) && attempts_left) {
      o.retry = true;
    } else if (result == CURLE_OPERATION_TIMEDOUT) {
      o.failure = Status::NetworkError("timed out" + after + ": " + detail);
    } else {
      o.failure = Status::NetworkError(detail + after);
    }
    return o;
  }

  void Finish(Transfer* t, CURLcode result) {
    Host& host = hosts_[OriginOf(t->job.parts)];
    --host.active;
    stats_->body_bytes += t->body.size();
    const Outcome outcome = Classify(t, result);
    if (outcome.retry) {
      ScheduleRetry(std::move(t->job), outcome.retry_after, &host);
    } else if (t->job.is_robots) {
      LearnRobots(t, outcome, &host);
    } else if (outcome.not_modified) {
      ++stats_->not_modified;
      Complete(t->job, std::nullopt);
    } else if (!outcome.ok) {
      Fail(t->job, outcome.failure);
    } else {
      Deliver(t);
    }
  }

  // Exponential backoff with jitter (half fixed, half random), never shorter
  // than the server's Retry-After, which also holds back the whole host.
  void ScheduleRetry(Job job, Millis retry_after, Host* host) {
    const Clock::time_point now = Clock::now();
    const long base = std::min<long>(options_.backoff_max_ms, static_cast<long>(options_.backoff_initial_ms)
                                                                  << std::min(job.attempt, 20));
    std::uniform_int_distribution<long> jitter(0, std::max(0L, base / 2));
    Millis delay = std::max(Millis(base - base / 2 + jitter(random_)), retry_after);
    if (retry_after.count() > 0) host->next_start = std::max(host->next_start, now + retry_after);
    ++job.attempt;
    ++stats_->retries;
    job.not_before = now + delay;
    delayed_.push(std::move(job));
  }

  // robots.txt: a body is read; 4xx means no rules; anything else (5xx,
  // network failure after the retries) means nothing may be fetched, and
  // the host's pages fail with that reason.
  void LearnRobots(Transfer* t, const Outcome& outcome, Host* host) {
    if (outcome.ok) {
      // RFC 9309 asks parsers to read at least 500 KiB; beyond that is noise.
      constexpr size_t kMaxRobotsBytes = 500 << 10;
      host->robots = RobotsRules::Parse(std::string_view(t->body).substr(0, kMaxRobotsBytes), agent_token_);
    } else if (outcome.http_status >= 400 && outcome.http_status < 500) {
      host->robots = RobotsRules::AllowAll();
    } else {
      host->robots_failure = Status::NetworkError(
          "robots.txt unavailable, so nothing is fetched from this host: " + outcome.failure.message());
    }
    host->delay_ms = std::min(host->robots.crawl_delay_ms(), options_.max_crawl_delay_ms);
    host->robots_state = Host::Robots::kKnown;
  }

  void Deliver(Transfer* t) {
    Job& job = t->job;
    char* effective = nullptr;
    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &effective);
    const std::string final_url = effective != nullptr ? effective : job.url;
    char* content_type_raw = nullptr;
    curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &content_type_raw);
    const std::string content_type = content_type_raw != nullptr ? content_type_raw : "";
    const std::string media_type = MediaTypeOf(content_type);
    std::string body = std::move(t->body);
    if (std::string inflated; IsGzip(body) && Gunzip(body, options_.max_body_bytes, &inflated)) {
      body = std::move(inflated);
    }
    if (DetectFeed(body) != FeedKind::kNone) {
      ReadFeed(job, body, final_url, CharsetOf(content_type));
      state_.Update(job.display, t->validators);
      Complete(job, std::nullopt);
      return;
    }
    if (!IsTextual(media_type)) {
      Fail(job, Status::Unsupported("not text or HTML (Content-Type " + media_type + ")"));
      return;
    }
    RawDocument document;
    document.uri = job.display;
    document.url = StripCredentials(final_url);
    document.bytes = std::move(body);
    document.kind = KindOf(media_type);
    document.declared_charset = CharsetOf(content_type);
    document.title = job.item.title;
    document.published = job.item.published;
    document.source_name = job.source_name;
    Result result;
    result.document = std::move(document);
    result.validators = t->validators;
    Complete(job, std::move(result));
  }

  void ReadFeed(const Job& job, std::string_view body, const std::string& final_url,
                const std::string& charset) {
    ++stats_->feeds;
    if (static_cast<int>(job.path.size()) > options_.max_feed_depth) {
      Fail(job, Status::LimitExceeded("feed nested more than " + std::to_string(options_.max_feed_depth) +
                                      " levels deep"));
      return;
    }
    Feed feed = ParseFeed(body, final_url, charset, options_.max_feed_entries);
    for (size_t i = 0; i < feed.entries.size(); ++i) {
      FeedEntry& entry = feed.entries[i];
      Job item;
      item.url = std::move(entry.url);
      item.path = job.path;
      item.path.push_back(static_cast<uint32_t>(i));
      item.item = std::move(entry);
      item.source_name = feed.source_name;
      Enqueue(std::move(item));
    }
  }

  void Fail(const Job& job, const Status& status) {
    ++stats_->failed;
    ++(job.is_input ? summary_->inputs_failed : summary_->documents_rejected);
    Result result;
    result.uri = job.display;
    result.failure = status;
    Complete(job, std::move(result));
  }

  // ---- Order --------------------------------------------------------------

  // `job` is done; its result (if any) waits until every job before it is.
  void Complete(const Job& job, std::optional<Result> result) {
    if (result) ready_.emplace(job.path, std::move(*result));
    pending_.erase(job.path);
    while (!stopped_ && !ready_.empty() && (pending_.empty() || ready_.begin()->first < *pending_.begin())) {
      Emit(std::move(ready_.begin()->second));
      ready_.erase(ready_.begin());
    }
  }

  void Emit(Result result) {
    if (!result.failure.ok()) {
      sink_->Reject(result.uri, result.failure);
      return;
    }
    const std::string uri = result.document->uri;
    result.document->ordinal = summary_->documents++;
    ++stats_->pages;
    if (!sink_->Accept(std::move(*result.document))) {
      stopped_ = true;
      return;
    }
    state_.Update(uri, result.validators);
    // Saved now and then too, so that a run that is killed keeps most of it.
    constexpr size_t kSaveEvery = 1000;
    if (stats_->pages % kSaveEvery == 0) SaveState();
  }

  void SaveState() {
    if (const Status s = state_.Save(); !s.ok()) stats_->state_error = s.ToString();
  }

  struct LaterFirst {
    bool operator()(const Job& a, const Job& b) const { return a.not_before > b.not_before; }
  };

  const FetchOptions& options_;
  RawDocumentSink* const sink_;
  ReadSummary* const summary_;
  FetchStats* const stats_;
  const std::string agent_token_;
  std::mt19937_64 random_;
  CURLM* multi_ = nullptr;
  FetchState state_;
  std::map<std::string, Host> hosts_;  // by origin
  std::map<CURL*, std::unique_ptr<Transfer>> transfers_;
  std::priority_queue<Job, std::vector<Job>, LaterFirst> delayed_;  // retries waiting for their backoff
  size_t queued_ = 0;                                               // jobs in the hosts' queues
  std::set<std::string> seen_;
  uint32_t next_input_ = 0;
  std::set<Path> pending_;        // jobs not done yet (queued, running, waiting to retry)
  std::map<Path, Result> ready_;  // results held back until the jobs before them are done
  bool stopped_ = false;
};

}  // namespace

void FetchUrls(const std::vector<std::string>& urls, const FetchOptions& options, RawDocumentSink* sink,
               ReadSummary* summary, FetchStats* stats) {
  FetchStats local;
  Fetcher(options, sink, summary, stats != nullptr ? stats : &local).Run(urls);
}

void FetchUrls(const std::vector<std::string>& urls, const FetchOptions& options, RawDocumentSink* sink,
               ReadSummary* summary) {
  FetchUrls(urls, options, sink, summary, nullptr);
}

}  // namespace newsmine
