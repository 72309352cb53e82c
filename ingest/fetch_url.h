// URL helpers for fetching, built on libcurl's URL parser (CURLU) so that we
// read URLs exactly as the transfers will.
//
// Thread-safety: every function is reentrant.
#pragma once

#include <string>

namespace newsmine {

// The parts of an absolute http(s) URL that fetching needs.
struct UrlParts {
  std::string scheme;          // "http" or "https", lower case
  std::string host;            // lower case
  int port = 0;                // explicit or the scheme's default
  std::string path_and_query;  // "/a/b?c=d" ("/" when empty), fragment dropped
};

// Parses `url`; returns false when it is not an absolute http(s) URL.
bool ParseHttpUrl(const std::string& url, UrlParts* parts);

// `reference` resolved against `base` (RFC 3986), or "" when the result is
// not an http(s) URL. An absolute `reference` is returned normalised.
std::string ResolveUrl(const std::string& base, const std::string& reference);

// `url` without "user:password@", for messages, logs and document URIs.
// Strings that are not URLs are returned with any "//user:pass@" removed.
std::string StripCredentials(const std::string& url);

// "scheme://host:port": the unit of politeness and of robots.txt.
std::string OriginOf(const UrlParts& parts);

}  // namespace newsmine
