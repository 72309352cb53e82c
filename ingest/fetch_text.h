// Small ASCII string helpers shared by the fetch, feed and robots.txt code
// (header names, media types, robots.txt keys, XML text).
//
// Thread-safety: reentrant.
#pragma once

#include <string>
#include <string_view>

namespace newsmine {

// `s` with ASCII letters lower-cased; other bytes unchanged.
std::string AsciiLower(std::string_view s);

// `s` without leading and trailing ASCII white space.
std::string_view TrimAscii(std::string_view s);

}  // namespace newsmine
