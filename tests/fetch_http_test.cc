// FetchUrls against real HTTP servers on 127.0.0.1 (ephemeral ports), with
// short timeouts and backoffs so that the whole file runs in seconds.
#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>

#include "ingest/fetch.h"
#include "ingest/reader.h"
#include "tests/fetch_test_server.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

using testing::CollectingSink;
using testing::LoopbackServer;
using Clock = std::chrono::steady_clock;

FetchOptions FastOptions() {
  FetchOptions o;
  o.per_host_delay_ms = 0;
  o.per_host_concurrency = 8;
  o.connect_timeout_ms = 2000;
  o.timeout_ms = 5000;
  o.low_speed_bytes = 100;
  o.low_speed_seconds = 1;
  o.max_retries = 2;
  o.backoff_initial_ms = 10;
  o.backoff_max_ms = 50;
  return o;
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

struct FetchRun {
  CollectingSink sink;
  ReadSummary summary;
  FetchStats stats;
};

void Fetch(const std::vector<std::string>& urls, const FetchOptions& options, FetchRun* run) {
  FetchUrls(urls, options, &run->sink, &run->summary, &run->stats);
}

const std::string kPage =
    "<html><head><title>Harbour news</title></head><body><p>The ferry sailed at noon.</p></body></html>";

TEST(FetchHttpTest, GzipPageIsDecodedAndDescribed) {
  LoopbackServer server;
  std::string accept_encoding;
  server.server().Get("/story", [&](const httplib::Request& req, httplib::Response& res) {
    accept_encoding = req.get_header_value("Accept-Encoding");
    res.set_header("Content-Encoding", "gzip");
    res.set_content(Gzip(kPage), "text/html; charset=\"UTF-8\"");
  });
  FetchRun run;
  Fetch({server.Url("/story")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.documents.size(), 1u);
  const RawDocument& d = run.sink.documents[0];
  EXPECT_EQ(d.bytes, kPage);
  EXPECT_EQ(d.kind, PayloadKind::kHtml);
  EXPECT_EQ(d.declared_charset, "UTF-8");
  EXPECT_EQ(d.uri, server.Url("/story"));
  EXPECT_EQ(d.url, server.Url("/story"));
  // cpp-httplib answers brotli to every other text/html request here, since
  // libcurl offers it: those tests cover br decoding.
  for (const char* coding : {"gzip", "deflate", "br"})
    EXPECT_NE(accept_encoding.find(coding), std::string::npos);
  EXPECT_EQ(run.summary.documents, 1u);
  EXPECT_EQ(run.stats.pages, 1u);
}

TEST(FetchHttpTest, ServerErrorIsRetried) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 500;
      return;
    }
    res.set_content(kPage, "text/html");
  });
  FetchRun run;
  Fetch({server.Url("/flaky")}, FastOptions(), &run);
  EXPECT_EQ(run.sink.documents.size(), 1u);
  EXPECT_TRUE(run.sink.rejected.empty());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(run.stats.retries, 1u);
}

TEST(FetchHttpTest, PersistentServerErrorFailsAfterRetries) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get("/down", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 503;
  });
  FetchRun run;
  Fetch({server.Url("/down")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].second.code(), Status::Code::kNetworkError);
  EXPECT_NE(run.sink.rejected[0].second.message().find("HTTP 503"), std::string::npos);
  EXPECT_EQ(calls, 3);  // 1 + max_retries
  EXPECT_EQ(run.summary.inputs_failed, 1u);
}

TEST(FetchHttpTest, NotFoundIsNotRetried) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get("/gone", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 404;
  });
  FetchRun run;
  Fetch({server.Url("/gone")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].second.code(), Status::Code::kNotFound);
  EXPECT_EQ(calls, 1);
}

TEST(FetchHttpTest, TooManyRequestsHonoursRetryAfter) {
  LoopbackServer server;
  std::mutex mu;
  std::vector<Clock::time_point> times;
  server.server().Get("/busy", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    times.push_back(Clock::now());
    if (times.size() == 1) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      return;
    }
    res.set_content(kPage, "text/html");
  });
  FetchRun run;
  Fetch({server.Url("/busy")}, FastOptions(), &run);
  EXPECT_EQ(run.sink.documents.size(), 1u);
  ASSERT_EQ(times.size(), 2u);
  // The backoff alone is at most 50 ms; only Retry-After explains a second.
  EXPECT_GE(times[1] - times[0], std::chrono::milliseconds(900));
}

TEST(FetchHttpTest, RetryAfterBeyondLimitFailsAtOnce) {
  LoopbackServer server;
  std::atomic<int> calls{0};
  server.server().Get("/later", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 503;
    res.set_header("Retry-After", "3600");
  });
  FetchRun run;
  Fetch({server.Url("/later")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_NE(run.sink.rejected[0].second.message().find("Retry-After"), std::string::npos);
  EXPECT_EQ(calls, 1);
}

TEST(FetchHttpTest, DrippingServerIsCutOff) {
  LoopbackServer server;
  server.server().Get("/drip", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/html", [](size_t offset, httplib::DataSink& sink) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      if (!sink.write("x", 1)) return false;
      if (offset >= 20) sink.done();
      return true;
    });
  });
  FetchOptions options = FastOptions();
  options.max_retries = 1;
  FetchRun run;
  Fetch({server.Url("/drip")}, options, &run);
  EXPECT_TRUE(run.sink.documents.empty());
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].second.code(), Status::Code::kNetworkError);
  EXPECT_NE(run.sink.rejected[0].second.message().find("timed out"), std::string::npos);
  EXPECT_EQ(run.stats.retries, 1u);
}

TEST(FetchHttpTest, ConnectionResetIsRetriedThenRejected) {
  testing::ResettingServer server;
  FetchOptions options = FastOptions();
  options.ignore_robots = true;
  FetchRun run;
  Fetch({server.Url("/reset")}, options, &run);
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].second.code(), Status::Code::kNetworkError);
  EXPECT_EQ(server.connections(), 3);
  EXPECT_EQ(run.stats.retries, 2u);
}

TEST(FetchHttpTest, RedirectLoopIsStopped) {
  LoopbackServer server;
  server.server().Get("/loop",
                      [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
  FetchOptions options = FastOptions();
  options.max_redirects = 5;
  FetchRun run;
  Fetch({server.Url("/loop")}, options, &run);
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].second.code(), Status::Code::kLimitExceeded);
  EXPECT_NE(run.sink.rejected[0].second.message().find("redirects"), std::string::npos);
}

TEST(FetchHttpTest, RedirectsAreFollowedToTheFinalUrl) {
  LoopbackServer server;
  server.server().Get("/old",
                      [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/new", 301); });
  server.server().Get(
      "/new", [](const httplib::Request&, httplib::Response& res) { res.set_content(kPage, "text/html"); });
  FetchRun run;
  Fetch({server.Url("/old")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.documents.size(), 1u);
  EXPECT_EQ(run.sink.documents[0].uri, server.Url("/old"));
  EXPECT_EQ(run.sink.documents[0].url, server.Url("/new"));
}

TEST(FetchHttpTest, RedirectToFileIsRefused) {
  LoopbackServer server;
  server.server().Get("/sneaky", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("file:///etc/passwd");
  });
  FetchRun run;
  Fetch({server.Url("/sneaky")}, FastOptions(), &run);
  EXPECT_TRUE(run.sink.documents.empty());
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].second.code(), Status::Code::kUnsupported);
}

TEST(FetchHttpTest, BodyOverTheLimitIsAborted) {
  LoopbackServer server;
  const std::string big(5000, 'a');
  server.server().Get(
      "/big", [&](const httplib::Request&, httplib::Response& res) { res.set_content(big, "text/plain"); });
  // Chunked: no Content-Length to refuse up front, so the transfer is cut.
  server.server().Get("/big-chunked", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [&](size_t offset, httplib::DataSink& sink) {
      if (!sink.write(big.data(), 500)) return false;
      if (offset + 500 >= big.size()) sink.done();
      return true;
    });
  });
  FetchOptions options = FastOptions();
  options.max_body_bytes = 1000;
  FetchRun run;
  Fetch({server.Url("/big"), server.Url("/big-chunked")}, options, &run);
  EXPECT_TRUE(run.sink.documents.empty());
  ASSERT_EQ(run.sink.rejected.size(), 2u);
  for (const auto& [uri, status] : run.sink.rejected)
    EXPECT_EQ(status.code(), Status::Code::kLimitExceeded) << uri;
  EXPECT_EQ(run.stats.retries, 0u);
}

TEST(FetchHttpTest, CharsetComesFromContentTypeOnly) {
  LoopbackServer server;
  // "Новости" in windows-1251.
  const std::string cp1251 = "<html><body><p>\xCD\xEE\xE2\xEE\xF1\xF2\xE8</p></body></html>";
  server.server().Get("/labelled", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(cp1251, "text/html; charset=windows-1251");
  });
  server.server().Get("/unlabelled", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(cp1251, "text/html");
  });
  FetchRun run;
  Fetch({server.Url("/labelled"), server.Url("/unlabelled")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.documents.size(), 2u);
  for (const RawDocument& d : run.sink.documents) {
    EXPECT_EQ(d.bytes, cp1251);  // decoding is the builder's job
    EXPECT_EQ(d.declared_charset, d.uri == server.Url("/labelled") ? "windows-1251" : "") << d.uri;
  }
}

TEST(FetchHttpTest, NonTextBodyIsRejected) {
  LoopbackServer server;
  server.server().Get("/photo", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string("\x89PNG\r\n\x1a\n", 8), "image/png");
  });
  FetchRun run;
  Fetch({server.Url("/photo")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].second.code(), Status::Code::kUnsupported);
}

std::string RssFeed(const LoopbackServer& server, int items) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
      "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>Coastal Courier</title>"
      "<link>" +
      server.Url("/") + "</link><image><title>logo</title></image>\n";
  for (int i = 0; i < items; ++i) {
    const std::string day = std::to_string(10 + i % 18);
    xml += "<item><title><![CDATA[Tide report " + std::to_string(i) +
           "]]></title><media:title>thumb</media:title>"
           "<link>" +
           server.Url("/item/" + std::to_string(i)) +
           "</link>"
           "<pubDate>Tue, " +
           day + " Jun 2025 04:05:06 +0200</pubDate></item>\n";
  }
  return xml + "</channel></rss>";
}

TEST(FetchHttpTest, RssFeedItemsAreFetchedWithTitleAndDate) {
  LoopbackServer server;
  const std::string feed = RssFeed(server, 50);
  server.server().Get("/rss", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed, "text/html");  // mislabelled on purpose: recognised by content
  });
  server.server().Get(R"(/item/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("<html><body><p>Item " + req.matches[1].str() + "</p></body></html>", "text/html");
  });
  FetchRun run;
  Fetch({server.Url("/rss")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.documents.size(), 50u);
  EXPECT_TRUE(run.sink.rejected.empty());
  EXPECT_EQ(run.stats.feeds, 1u);
  std::set<std::string> titles;
  for (const RawDocument& d : run.sink.documents) {
    const std::string n = d.uri.substr(d.uri.rfind('/') + 1);
    EXPECT_EQ(d.title, "Tide report " + n);
    EXPECT_EQ(d.published, "2025-06-" + std::to_string(10 + std::stoi(n) % 18) + "T04:05:06+02:00");
    EXPECT_EQ(d.source_name, "Coastal Courier");
    titles.insert(d.title);
  }
  EXPECT_EQ(titles.size(), 50u);
}

TEST(FetchHttpTest, AtomFeedEntriesAreFetched) {
  LoopbackServer server;
  const std::string feed =
      "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Valley Gazette</title>"
      "<link rel=\"self\" href=\"/atom\"/>"
      "<entry><title type=\"html\">Bridge &amp; road</title><link rel=\"self\" href=\"/api/1\"/>"
      "<link rel=\"alternate\" href=\"/a/1\"/><published>2025-03-01T10:00:00Z</published>"
      "<updated>2025-03-02T10:00:00Z</updated></entry>"
      "<entry><title>Mill reopens</title><link href=\"" +
      server.Url("/a/2") + "\"/><updated>2025-03-05</updated></entry></feed>";
  server.server().Get("/atom", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed, "application/atom+xml");
  });
  server.server().Get(R"(/a/(\d+))", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kPage, "text/html");
  });
  FetchRun run;
  Fetch({server.Url("/atom")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.documents.size(), 2u);
  for (const RawDocument& d : run.sink.documents) {
    EXPECT_EQ(d.source_name, "Valley Gazette");
    if (d.uri == server.Url("/a/1")) {
      EXPECT_EQ(d.title, "Bridge & road");
      EXPECT_EQ(d.published, "2025-03-01T10:00:00Z");
    } else {
      EXPECT_EQ(d.uri, server.Url("/a/2"));
      EXPECT_EQ(d.title, "Mill reopens");
      EXPECT_EQ(d.published, "2025-03-05");
    }
  }
}

TEST(FetchHttpTest, SitemapIndexLeadsToNewsSitemaps) {
  LoopbackServer server;
  const std::string index =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sitemap><loc>" +
      server.Url("/news-1.xml") +
      "</loc></sitemap>"
      "<sitemap><loc>" +
      server.Url("/news-2.xml.gz") + "</loc></sitemap></sitemapindex>";
  auto news_sitemap = [&](const std::string& path, const std::string& title) {
    return "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
           "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>" +
           server.Url(path) +
           "</loc><news:news><news:publication><news:name>Hill Herald</news:name>"
           "<news:language>en</news:language></news:publication>"
           "<news:publication_date>2025-01-15T08:30:00+01:00</news:publication_date>"
           "<news:title>" +
           title + "</news:title></news:news></url></urlset>";
  };
  const std::string first = news_sitemap("/p/1", "Snow closes pass");
  const std::string second = Gzip(news_sitemap("/p/2", "Pass reopens"));
  server.server().Get("/index.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(index, "application/xml");
  });
  server.server().Get("/news-1.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(first, "text/xml");
  });
  server.server().Get("/news-2.xml.gz", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(second, "application/x-gzip");
  });
  server.server().Get(R"(/p/(\d+))", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kPage, "text/html");
  });
  FetchRun run;
  Fetch({server.Url("/index.xml")}, FastOptions(), &run);
  ASSERT_EQ(run.sink.documents.size(), 2u);
  EXPECT_EQ(run.stats.feeds, 3u);
  for (const RawDocument& d : run.sink.documents) {
    EXPECT_EQ(d.published, "2025-01-15T08:30:00+01:00");
    EXPECT_EQ(d.source_name, "Hill Herald");
    EXPECT_EQ(d.title, d.uri == server.Url("/p/1") ? "Snow closes pass" : "Pass reopens");
  }
}

TEST(FetchHttpTest, FeedsNestedTooDeepAreRejected) {
  LoopbackServer server;
  const std::string index =
      "<sitemapindex><sitemap><loc>" + server.Url("/index.xml") + "?again</loc></sitemap></sitemapindex>";
  server.server().Get("/index.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(index, "application/xml");
  });
  FetchOptions options = FastOptions();
  options.max_feed_depth = 1;
  FetchRun run;
  Fetch({server.Url("/index.xml")}, options, &run);
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].second.code(), Status::Code::kLimitExceeded);
  EXPECT_EQ(run.summary.documents_rejected, 1u);
}

TEST(FetchHttpTest, RobotsTxtDisallowIsHonoured) {
  LoopbackServer server;
  std::atomic<int> private_calls{0};
  server.server().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n",
                    "text/plain");
  });
  server.server().Get(R"(/(public|private)/page)", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.matches[1] == "private") ++private_calls;
    res.set_content(kPage, "text/html");
  });
  const std::vector<std::string> urls = {server.Url("/public/page"), server.Url("/private/page")};
  FetchRun run;
  Fetch(urls, FastOptions(), &run);
  ASSERT_EQ(run.sink.documents.size(), 1u);
  EXPECT_EQ(run.sink.documents[0].uri, server.Url("/public/page"));
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].first, server.Url("/private/page"));
  EXPECT_NE(run.sink.rejected[0].second.message().find("robots.txt"), std::string::npos);
  EXPECT_EQ(run.stats.robots_denied, 1u);
  EXPECT_EQ(private_calls, 0);

  FetchOptions ignoring = FastOptions();
  ignoring.ignore_robots = true;
  FetchRun second;
  Fetch(urls, ignoring, &second);
  EXPECT_EQ(second.sink.documents.size(), 2u);
}

TEST(FetchHttpTest, UnreachableRobotsTxtStopsTheHost) {
  LoopbackServer server;
  server.server().Get("/robots.txt",
                      [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  server.server().Get(
      "/page", [](const httplib::Request&, httplib::Response& res) { res.set_content(kPage, "text/html"); });
  FetchRun run;
  Fetch({server.Url("/page")}, FastOptions(), &run);
  EXPECT_TRUE(run.sink.documents.empty());
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_NE(run.sink.rejected[0].second.message().find("robots.txt"), std::string::npos);
}

TEST(FetchHttpTest, SecondRunSendsConditionalRequestsAndSkipsUnchangedPages) {
  LoopbackServer server;
  std::atomic<int> full_answers{0};
  server.server().Get("/etag", [&](const httplib::Request& req, httplib::Response& res) {
    res.set_header("ETag", "\"v1\"");
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      res.status = 304;
      return;
    }
    ++full_answers;
    res.set_content(kPage, "text/html");
  });
  const std::string stamp = "Wed, 21 Oct 2015 07:28:00 GMT";
  server.server().Get("/dated", [&](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Last-Modified", stamp);
    if (req.get_header_value("If-Modified-Since") == stamp) {
      res.status = 304;
      return;
    }
    ++full_answers;
    res.set_content(kPage, "text/html");
  });
  FetchOptions options = FastOptions();
  options.state_dir = testing::TempDir("fetch-state");
  const std::vector<std::string> urls = {server.Url("/etag"), server.Url("/dated")};
  FetchRun first;
  Fetch(urls, options, &first);
  EXPECT_EQ(first.sink.documents.size(), 2u);
  EXPECT_EQ(first.stats.not_modified, 0u);
  EXPECT_TRUE(first.stats.state_error.empty()) << first.stats.state_error;
  EXPECT_TRUE(std::filesystem::exists(options.state_dir + "/fetch-state.tsv"));

  FetchRun second;
  Fetch(urls, options, &second);
  EXPECT_TRUE(second.sink.documents.empty());
  EXPECT_TRUE(second.sink.rejected.empty());
  EXPECT_EQ(second.stats.not_modified, 2u);
  EXPECT_EQ(full_answers, 2);
}

TEST(FetchHttpTest, CredentialsNeverAppearInMessages) {
  LoopbackServer server;
  server.server().Get("/private", [](const httplib::Request&, httplib::Response& res) { res.status = 403; });
  const std::string url = "http://reader:s3cret@127.0.0.1:" + std::to_string(server.port()) + "/private";
  FetchRun run;
  Fetch({url}, FastOptions(), &run);
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].first, server.Url("/private"));
  EXPECT_EQ(run.sink.rejected[0].second.ToString().find("s3cret"), std::string::npos);
}

TEST(FetchHttpTest, OtherSchemesAreRejected) {
  FetchRun run;
  Fetch({"ftp://127.0.0.1/file.txt", "file:///etc/passwd"}, FastOptions(), &run);
  ASSERT_EQ(run.sink.rejected.size(), 2u);
  for (const auto& [uri, status] : run.sink.rejected) EXPECT_EQ(status.code(), Status::Code::kUnsupported);
  EXPECT_EQ(run.summary.inputs_failed, 2u);
  EXPECT_EQ(run.stats.requests, 0u);
}

TEST(FetchHttpTest, PerHostLimitIsKept) {
  LoopbackServer server;
  std::atomic<int> active{0}, peak{0};
  server.server().Get(R"(/slow/(\d+))", [&](const httplib::Request&, httplib::Response& res) {
    const int now = ++active;
    int seen = peak;
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    --active;
    res.set_content(kPage, "text/html");
  });
  FetchOptions options = FastOptions();
  options.per_host_concurrency = 2;
  std::vector<std::string> urls;
  for (int i = 0; i < 10; ++i) urls.push_back(server.Url("/slow/" + std::to_string(i)));
  FetchRun run;
  Fetch(urls, options, &run);
  EXPECT_EQ(run.sink.documents.size(), 10u);
  EXPECT_LE(peak, 2);
}

TEST(FetchHttpTest, PerHostDelaySpacesRequests) {
  LoopbackServer server;
  std::mutex mu;
  std::vector<Clock::time_point> times;
  server.server().Get(R"(/p/(\d+))", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    times.push_back(Clock::now());
    res.set_content(kPage, "text/html");
  });
  FetchOptions options = FastOptions();
  options.ignore_robots = true;
  options.per_host_delay_ms = 200;
  FetchRun run;
  Fetch({server.Url("/p/1"), server.Url("/p/2"), server.Url("/p/3")}, options, &run);
  ASSERT_EQ(times.size(), 3u);
  // The times are taken in the server's handler, which a busy machine can
  // delay by tens of milliseconds: the bounds leave room for that, and are
  // still far above the near-zero gaps of requests sent without a delay.
  for (size_t i = 1; i < times.size(); ++i)
    EXPECT_GE(times[i] - times[i - 1], std::chrono::milliseconds(120));
  EXPECT_GE(times[2] - times[0], std::chrono::milliseconds(330));
}

TEST(FetchHttpTest, DocumentsComeInInputOrderWithFeedItemsInPlace) {
  LoopbackServer server;
  server.server().Get(R"(/p/(\w+))", [](const httplib::Request& req, httplib::Response& res) {
    // The earliest URLs answer last.
    if (req.matches[1] == "first") std::this_thread::sleep_for(std::chrono::milliseconds(300));
    if (req.matches[1] == "item0") std::this_thread::sleep_for(std::chrono::milliseconds(150));
    res.set_content(kPage, "text/html");
  });
  const std::string feed = "<rss><channel><item><link>" + server.Url("/p/item0") +
                           "</link></item><item><link>" + server.Url("/p/item1") +
                           "</link></item></channel></rss>";
  server.server().Get("/feed", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(feed, "application/rss+xml");
  });
  FetchOptions options = FastOptions();
  options.max_held_documents = 2;
  FetchRun run;
  Fetch({server.Url("/p/first"), server.Url("/feed"), "gopher://nowhere/", server.Url("/p/last")}, options,
        &run);
  ASSERT_EQ(run.sink.documents.size(), 4u);
  const std::vector<std::string> expected = {"/p/first", "/p/item0", "/p/item1", "/p/last"};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(run.sink.documents[i].uri, server.Url(expected[i]));
    EXPECT_EQ(run.sink.documents[i].ordinal, i);
  }
  ASSERT_EQ(run.sink.rejected.size(), 1u);
  EXPECT_EQ(run.sink.rejected[0].first, "gopher://nowhere/");
}

TEST(FetchHttpTest, StopsWhenTheSinkSaysSo) {
  LoopbackServer server;
  server.server().Get(R"(/p/(\d+))", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kPage, "text/html");
  });
  class StopAfterOne : public CollectingSink {
   public:
    bool Accept(RawDocument document) override {
      CollectingSink::Accept(std::move(document));
      return false;
    }
  } sink;
  FetchOptions options = FastOptions();
  options.per_host_concurrency = 1;
  ReadSummary summary;
  FetchUrls({server.Url("/p/1"), server.Url("/p/2"), server.Url("/p/3")}, options, &sink, &summary);
  EXPECT_EQ(sink.documents.size(), 1u);
}

}  // namespace
}  // namespace newsmine
