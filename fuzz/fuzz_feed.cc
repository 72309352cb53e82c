// Feed and sitemap parsing (RSS, Atom, news sitemaps, sitemap indexes),
// robots.txt rules and feed dates on arbitrary bytes. The first byte picks
// the HTTP charset so that the conversion path is reached too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/feed.h"
#include "ingest/robots.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* kCharsets[] = {"", "utf-8", "windows-1251", "iso-8859-1"};
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const newsmine::Feed feed =
      newsmine::ParseFeed(bytes, "https://news.example/feeds/world.xml", kCharsets[data[0] % 4], 1000);
  for (const newsmine::FeedEntry& entry : feed.entries) (void)entry;
  const newsmine::RobotsRules rules = newsmine::RobotsRules::Parse(bytes, "newsmine");
  (void)rules.Allows("/world/2024/07/13/story.html?page=2");
  (void)newsmine::NormalizeFeedDate(bytes.substr(0, 64));
  return 0;
}
