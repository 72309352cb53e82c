// Small ASCII helpers for protocol text (headers, labels, tags) in ingest.
// Bytes outside ASCII pass through unchanged. Thread-safe (no state).
#pragma once

#include <string>
#include <string_view>

namespace newsmine {

// `s` with A-Z lower-cased.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// `s` without leading and trailing spaces, tabs and carriage returns.
inline std::string_view TrimAscii(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

}  // namespace newsmine
