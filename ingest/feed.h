// Feeds and sitemaps: recognising RSS 2.0 / RSS 1.0 (RDF), Atom, sitemaps
// and sitemap indexes by their content, and listing the pages they point to
// with whatever metadata they give (title, publication date, source name).
//
// The XML is read by a small tolerant scanner of our own: it never fails, it
// stops at the first thing it cannot read and keeps what it found before.
// DTDs and external entities are never loaded (no XXE, no billion laughs).
//
// Thread-safety: every function here is reentrant (no shared state).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsmine {

enum class FeedKind {
  kNone,          // not a feed or sitemap (an article page, most likely)
  kRss,           // RSS 0.9x / 2.0, or RSS 1.0 (rdf:RDF)
  kAtom,          // Atom 1.0 <feed>
  kSitemap,       // <urlset>: pages, possibly with <news:news> metadata
  kSitemapIndex,  // <sitemapindex>: further sitemaps
};

// "rss", "atom", "sitemap", "sitemap index" or "none".
const char* FeedKindName(FeedKind kind);

// Looks at the first element of `bytes` (after a BOM, the XML declaration,
// comments and a DOCTYPE). Content-type is not consulted: servers label feeds
// text/html, text/plain or application/octet-stream often enough.
FeedKind DetectFeed(std::string_view bytes);

struct FeedEntry {
  std::string url;        // absolute http(s) URL (relative links resolved)
  std::string title;      // UTF-8, entities decoded; may be empty
  std::string published;  // ISO 8601 (see NormalizeFeedDate); may be empty
};

struct Feed {
  FeedKind kind = FeedKind::kNone;
  // The channel's / feed's / news publication's name, or empty.
  std::string source_name;
  // Items, entries or sitemap <loc>s, in document order, at most
  // `max_entries`. Links that are not http(s) are dropped.
  std::vector<FeedEntry> entries;
};

// Parses a feed or sitemap fetched from `base_url` (used to resolve relative
// links). `http_charset` is the charset of the HTTP Content-Type or empty; a
// feed that is not UTF-8 (by that charset, else its XML declaration) is
// converted to UTF-8 first. Returns a Feed with kind kNone when `bytes` is
// not a feed. Never fails otherwise: a truncated feed yields the entries read
// before the damage.
Feed ParseFeed(std::string_view bytes, const std::string& base_url, const std::string& http_charset,
               size_t max_entries = 50000);

// Turns a feed date into ISO 8601: RFC 822 / 1123 dates as used by RSS
// ("Tue, 10 Jun 2003 04:00:00 GMT", "10 Jun 2003 04:00 +0200", "... EST")
// become "2003-06-10T04:00:00Z" / "2003-06-10T04:00:00+02:00"; W3C / RFC 3339
// dates as used by Atom and sitemaps ("2024-07-13", "2024-07-13T08:30Z",
// "2024-07-13T08:30:00.5+01:00") are checked and kept. Returns "" when `text`
// is not a date in one of these forms.
std::string NormalizeFeedDate(std::string_view text);

}  // namespace newsmine
