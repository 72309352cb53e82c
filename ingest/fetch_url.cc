#include "ingest/fetch_url.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

#include "ingest/ascii.h"

namespace newsmine {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

// Reads one part of `url`; "" when it is absent.
std::string GetPart(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK || value == nullptr) return "";
  std::string result(value);
  curl_free(value);
  return result;
}

bool IsHttpScheme(const std::string& scheme) { return scheme == "http" || scheme == "https"; }

}  // namespace

bool ParseHttpUrl(const std::string& url, UrlParts* parts) {
  UrlHandle handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return false;
  parts->scheme = AsciiLower(GetPart(handle.get(), CURLUPART_SCHEME));
  if (!IsHttpScheme(parts->scheme)) return false;
  parts->host = AsciiLower(GetPart(handle.get(), CURLUPART_HOST));
  if (parts->host.empty()) return false;
  const std::string port = GetPart(handle.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts->port = port.empty() ? 0 : std::atoi(port.c_str());
  parts->path_and_query = GetPart(handle.get(), CURLUPART_PATH);
  if (parts->path_and_query.empty()) parts->path_and_query = "/";
  const std::string query = GetPart(handle.get(), CURLUPART_QUERY);
  if (!query.empty()) parts->path_and_query += "?" + query;
  return true;
}

std::string ResolveUrl(const std::string& base, const std::string& reference) {
  UrlHandle handle(curl_url());
  if (!handle) return "";
  if (!base.empty() && curl_url_set(handle.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return "";
  // With a base set, CURLUPART_URL resolves `reference` relative to it.
  if (curl_url_set(handle.get(), CURLUPART_URL, reference.c_str(), CURLU_URLENCODE) != CURLUE_OK) return "";
  if (!IsHttpScheme(AsciiLower(GetPart(handle.get(), CURLUPART_SCHEME)))) return "";
  curl_url_set(handle.get(), CURLUPART_FRAGMENT, nullptr, 0);
  return GetPart(handle.get(), CURLUPART_URL);
}

std::string StripCredentials(const std::string& url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const size_t authority = scheme_end + 3;
  const size_t authority_end = std::min(url.find_first_of("/?#", authority), url.size());
  const size_t at = url.rfind('@', authority_end - 1);
  if (at == std::string::npos || at < authority) return url;
  return url.substr(0, authority) + url.substr(at + 1);
}

std::string OriginOf(const UrlParts& parts) {
  return parts.scheme + "://" + parts.host + ":" + std::to_string(parts.port);
}

}  // namespace newsmine
