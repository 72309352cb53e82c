// The pieces of fetching that need no network: feed and sitemap parsing,
// feed dates, robots.txt rules, URL helpers and the kept fetch state.
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/feed.h"
#include "ingest/fetch_state.h"
#include "ingest/fetch_url.h"
#include "ingest/robots.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

TEST(FeedDateTest, Rfc822DatesBecomeIso) {
  EXPECT_EQ(NormalizeFeedDate("Tue, 10 Jun 2003 04:00:00 GMT"), "2003-06-10T04:00:00Z");
  EXPECT_EQ(NormalizeFeedDate("  Mon, 3 Feb 2025 23:15:09 +0530 "), "2025-02-03T23:15:09+05:30");
  EXPECT_EQ(NormalizeFeedDate("3 Feb 2025 07:05 -0100"), "2025-02-03T07:05:00-01:00");
  EXPECT_EQ(NormalizeFeedDate("Sat, 01 Mar 25 12:00:00 EST"), "2025-03-01T12:00:00-05:00");
  EXPECT_EQ(NormalizeFeedDate("Sat, 01 March 2025 12:00:00"), "2025-03-01T12:00:00");
}

// Month names go through dates.h's MonthNumber: RFC 822's three letters, the
// "Sept" some feeds write, the full name, in any case; nothing shorter.
TEST(FeedDateTest, MonthSpellings) {
  for (const char* month : {"Sep", "Sept", "September", "SEP", "sept"}) {
    EXPECT_EQ(NormalizeFeedDate(std::string("Mon, 01 ") + month + " 2025 10:00:00 GMT"),
              "2025-09-01T10:00:00Z")
        << month;
  }
  EXPECT_EQ(NormalizeFeedDate("Mon, 01 Se 2025 10:00:00 GMT"), "");
  EXPECT_EQ(NormalizeFeedDate("Mon, 01 Sepember 2025 10:00:00 GMT"), "");
  EXPECT_EQ(NormalizeFeedDate("Tue, 31 Sep 2025 10:00:00 GMT"), "");
}

TEST(FeedDateTest, W3cDatesAreKept) {
  EXPECT_EQ(NormalizeFeedDate("2024-07-13"), "2024-07-13");
  EXPECT_EQ(NormalizeFeedDate("2024-07"), "2024-07");
  EXPECT_EQ(NormalizeFeedDate("2024-07-13T08:30Z"), "2024-07-13T08:30Z");
  EXPECT_EQ(NormalizeFeedDate("2024-07-13T08:30:00.25+0100"), "2024-07-13T08:30:00.25+01:00");
  EXPECT_EQ(NormalizeFeedDate("2024-07-13 08:30:00"), "2024-07-13T08:30:00");
}

TEST(FeedDateTest, NonsenseIsEmpty) {
  EXPECT_EQ(NormalizeFeedDate(""), "");
  EXPECT_EQ(NormalizeFeedDate("yesterday"), "");
  EXPECT_EQ(NormalizeFeedDate("2024-02-30"), "");
  EXPECT_EQ(NormalizeFeedDate("Tue, 10 Foo 2003 04:00:00 GMT"), "");
  EXPECT_EQ(NormalizeFeedDate("Tue, 10 Jun 2003 25:00:00 GMT"), "");
  EXPECT_EQ(NormalizeFeedDate("2024-07-13T08:30:00 and more"), "");
}

TEST(FeedDetectTest, RecognisesFeedsByTheirRootElement) {
  EXPECT_EQ(DetectFeed("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- hi --><rss version=\"2.0\">"),
            FeedKind::kRss);
  EXPECT_EQ(DetectFeed("<rdf:RDF xmlns:rdf=\"x\"><channel/></rdf:RDF>"), FeedKind::kRss);
  EXPECT_EQ(DetectFeed("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            FeedKind::kAtom);
  EXPECT_EQ(DetectFeed("<urlset><url><loc>http://a/</loc></url></urlset>"), FeedKind::kSitemap);
  EXPECT_EQ(DetectFeed("<!DOCTYPE x [<!ENTITY a \"b\">]><sitemapindex>"), FeedKind::kSitemapIndex);
  EXPECT_EQ(DetectFeed("<!DOCTYPE html><html><body>rss</body></html>"), FeedKind::kNone);
  EXPECT_EQ(DetectFeed("Plain text that mentions <rss> later"), FeedKind::kNone);
  EXPECT_EQ(DetectFeed(""), FeedKind::kNone);
}

TEST(FeedParseTest, RssItemsWithEntitiesCdataAndGuids) {
  const std::string xml =
      "<rss><channel><title>Lake &amp; Forest Post</title>"
      "<item><title>Rain &lt;again&gt; &#8212; &#x41;</title><link> /news/rain </link></item>"
      "<item><title>No link</title><guid>http://example.org/guid-link</guid></item>"
      "<item><title>Not a link</title><guid isPermaLink=\"false\">tag:1</guid></item>"
      "<item><title><![CDATA[Fish & chips]]></title><link>ftp://example.org/x</link></item>"
      "<item><link>http://example.org/a</link><dc:date>2025-05-05</dc:date></item>"
      "</channel></rss>";
  const Feed feed = ParseFeed(xml, "http://example.org/feed.xml", "");
  EXPECT_EQ(feed.kind, FeedKind::kRss);
  EXPECT_EQ(feed.source_name, "Lake & Forest Post");
  ASSERT_EQ(feed.entries.size(), 3u);
  EXPECT_EQ(feed.entries[0].url, "http://example.org/news/rain");
  EXPECT_EQ(feed.entries[0].title, "Rain <again> \u2014 A");
  EXPECT_EQ(feed.entries[1].url, "http://example.org/guid-link");
  EXPECT_EQ(feed.entries[2].url, "http://example.org/a");
  EXPECT_EQ(feed.entries[2].published, "2025-05-05");
}

TEST(FeedParseTest, Rss1ItemsUseRdfAbout) {
  const std::string xml =
      "<rdf:RDF><channel><title>Old style</title></channel>"
      "<item rdf:about=\"http://example.org/one\"><title>One</title></item></rdf:RDF>";
  const Feed feed = ParseFeed(xml, "http://example.org/", "");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].url, "http://example.org/one");
  EXPECT_EQ(feed.source_name, "Old style");
}

TEST(FeedParseTest, TruncatedFeedKeepsWhatCameBefore) {
  const std::string xml =
      "<rss><channel><item><link>http://example.org/1</link></item>"
      "<item><link>http://example.org/2</link></item><item><title>cut here";
  const Feed feed = ParseFeed(xml, "http://example.org/", "");
  EXPECT_EQ(feed.entries.size(), 2u);
}

TEST(FeedParseTest, EntryLimitIsKept) {
  std::string xml = "<urlset>";
  for (int i = 0; i < 100; ++i) xml += "<url><loc>http://example.org/" + std::to_string(i) + "</loc></url>";
  xml += "</urlset>";
  EXPECT_EQ(ParseFeed(xml, "http://example.org/", "", 10).entries.size(), 10u);
}

TEST(FeedParseTest, NonUtf8FeedIsConverted) {
  // "Погода" in windows-1251, declared by the XML declaration only.
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><item>"
      "<title>\xCF\xEE\xE3\xEE\xE4\xE0</title><link>http://example.org/w</link></item></channel></rss>";
  const Feed feed = ParseFeed(xml, "http://example.org/", "");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "\xD0\x9F\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0");
}

TEST(FeedParseTest, EntitiesAreNotExpandedFromTheDoctype) {
  const std::string xml =
      "<!DOCTYPE rss [<!ENTITY boom \"BOOM\">]><rss><channel><item><title>&boom;</title>"
      "<link>http://example.org/x</link></item></channel></rss>";
  const Feed feed = ParseFeed(xml, "http://example.org/", "");
  ASSERT_EQ(feed.entries.size(), 1u);
  EXPECT_EQ(feed.entries[0].title, "&boom;");
}

TEST(FeedParseTest, EveryTruncationIsReadWithoutHarm) {
  const std::string xml =
      "<?xml version=\"1.0\"?><!DOCTYPE feed><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T &amp; "
      "U</title>"
      "<!-- note --><entry><title type='html'><![CDATA[A <b>b</b>]]></title><link href=\"/a\" rel=alternate "
      "/>"
      "<published>2025-01-01T00:00:00Z</published></entry><entry><link href=\"/b\"/></entry></feed>";
  for (size_t n = 0; n <= xml.size(); ++n) {
    const Feed feed = ParseFeed(xml.substr(0, n), "http://example.org/", "");
    EXPECT_LE(feed.entries.size(), 2u);
    if (n == xml.size()) {
      ASSERT_EQ(feed.entries.size(), 2u);
      EXPECT_EQ(feed.entries[0].title, "A <b>b</b>");
      EXPECT_EQ(feed.entries[1].url, "http://example.org/b");
    }
  }
}

TEST(FeedParseTest, NotAFeedIsEmpty) {
  const Feed feed = ParseFeed("<html><body><a href=\"/x\">x</a></body></html>", "http://example.org/", "");
  EXPECT_EQ(feed.kind, FeedKind::kNone);
  EXPECT_TRUE(feed.entries.empty());
}

TEST(RobotsTest, LongestMatchWinsAndAllowWinsTies) {
  const RobotsRules rules = RobotsRules::Parse(
      "User-agent: *\nDisallow: /news/\nAllow: /news/public\nDisallow: /*.pdf$\nAllow: /same\nDisallow: "
      "/same\n",
      "newsmine");
  EXPECT_TRUE(rules.Allows("/"));
  EXPECT_FALSE(rules.Allows("/news/2025/a.html"));
  EXPECT_TRUE(rules.Allows("/news/public/a.html"));
  EXPECT_FALSE(rules.Allows("/files/report.pdf"));
  EXPECT_TRUE(rules.Allows("/files/report.pdf?download=1"));
  EXPECT_TRUE(rules.Allows("/same"));
  EXPECT_TRUE(rules.Allows("/robots.txt"));
}

TEST(RobotsTest, OurOwnGroupBeatsTheWildcard) {
  const std::string text =
      "# comment\nUser-agent: *\nDisallow: /\n\nUser-agent: NewsMine\nUser-agent: other\n"
      "Disallow: /private # trailing comment\nCrawl-delay: 2.5\n";
  const RobotsRules ours = RobotsRules::Parse(text, "newsmine");
  EXPECT_TRUE(ours.Allows("/story"));
  EXPECT_FALSE(ours.Allows("/private/x"));
  EXPECT_EQ(ours.crawl_delay_ms(), 2500);
  const RobotsRules theirs = RobotsRules::Parse(text, "somebot");
  EXPECT_FALSE(theirs.Allows("/story"));
}

// Found by fuzz_feed: "Crawl-delay: 2e40" overflowed the conversion to int
// (undefined behaviour). Hostile values are clamped.
TEST(RobotsTest, HostileCrawlDelaysAreClamped) {
  const auto delay = [](const std::string& value) {
    return RobotsRules::Parse("User-agent: *\nCrawl-delay: " + value + "\n", "newsmine").crawl_delay_ms();
  };
  EXPECT_EQ(delay("2e40"), 86400 * 1000);
  EXPECT_EQ(delay("-5"), 0);
  EXPECT_EQ(delay("nan"), 0);
  EXPECT_EQ(delay("soon"), 0);
  EXPECT_EQ(delay("0.25"), 250);
}

TEST(RobotsTest, EmptyDisallowAllowsEverything) {
  EXPECT_TRUE(RobotsRules::Parse("User-agent: *\nDisallow:\n", "newsmine").Allows("/anything"));
  EXPECT_TRUE(RobotsRules::Parse("", "newsmine").Allows("/anything"));
  EXPECT_TRUE(RobotsRules::AllowAll().Allows("/anything"));
}

TEST(RobotsTest, AgentTokenIsTheProductName) {
  EXPECT_EQ(RobotsAgentToken("newsmine/0.1 (+https://example.org)"), "newsmine");
  EXPECT_EQ(RobotsAgentToken("my-crawler"), "my-crawler");
}

TEST(FetchUrlTest, StripsCredentials) {
  EXPECT_EQ(StripCredentials("https://user:pa%40ss@example.org:8443/a?b=c@d"),
            "https://example.org:8443/a?b=c@d");
  EXPECT_EQ(StripCredentials("http://user@example.org/"), "http://example.org/");
  EXPECT_EQ(StripCredentials("http://example.org/a@b"), "http://example.org/a@b");
  EXPECT_EQ(StripCredentials("not a url"), "not a url");
}

TEST(FetchUrlTest, ResolvesAndParses) {
  EXPECT_EQ(ResolveUrl("http://example.org/news/feed.xml", "../a/b.html#top"), "http://example.org/a/b.html");
  EXPECT_EQ(ResolveUrl("http://example.org/", "https://other.example/x"), "https://other.example/x");
  EXPECT_EQ(ResolveUrl("http://example.org/", "javascript:alert(1)"), "");
  EXPECT_EQ(ResolveUrl("http://example.org/", "mailto:a@example.org"), "");
  UrlParts parts;
  ASSERT_TRUE(ParseHttpUrl("HTTPS://Example.ORG/a/b?x=1#frag", &parts));
  EXPECT_EQ(parts.scheme, "https");
  EXPECT_EQ(parts.host, "example.org");
  EXPECT_EQ(parts.port, 443);
  EXPECT_EQ(parts.path_and_query, "/a/b?x=1");
  EXPECT_EQ(OriginOf(parts), "https://example.org:443");
  EXPECT_FALSE(ParseHttpUrl("ftp://example.org/", &parts));
  EXPECT_FALSE(ParseHttpUrl("/relative", &parts));
}

TEST(FetchStateTest, ValidatorsSurviveARestart) {
  const std::string dir = testing::TempDir("fetch-state-unit");
  {
    FetchState state;
    ASSERT_TRUE(state.Load(dir).ok());
    state.Update("http://example.org/a", {"\"abc\"", ""});
    state.Update("http://example.org/b", {"", "Wed, 21 Oct 2015 07:28:00 GMT"});
    state.Update("http://example.org/bad", {"a\tb", ""});  // not storable: forgotten
    ASSERT_TRUE(state.Save().ok());
  }
  FetchState state;
  ASSERT_TRUE(state.Load(dir).ok());
  EXPECT_EQ(state.Find("http://example.org/a").etag, "\"abc\"");
  EXPECT_EQ(state.Find("http://example.org/b").last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_TRUE(state.Find("http://example.org/bad").empty());
  EXPECT_TRUE(state.Find("http://example.org/none").empty());
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename(), "fetch-state.tsv");  // no temporary left behind
  }
}

TEST(FetchStateTest, NoFolderKeepsNothing) {
  FetchState state;
  ASSERT_TRUE(state.Load("").ok());
  state.Update("http://example.org/a", {"\"abc\"", ""});
  EXPECT_TRUE(state.Save().ok());
  EXPECT_TRUE(state.Find("http://example.org/a").empty());
}

}  // namespace
}  // namespace newsmine
