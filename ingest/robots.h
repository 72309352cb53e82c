// robots.txt (RFC 9309): which paths a crawler may fetch from one origin.
//
// Thread-safety: a RobotsRules is immutable after Parse; const methods may be
// called from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsmine {

class RobotsRules {
 public:
  // Everything allowed (what a missing robots.txt, HTTP 4xx, means).
  static RobotsRules AllowAll();

  // Reads the group for `agent` (the product token of our User-Agent,
  // matched case-insensitively; groups for "*" apply when no group names
  // us). Lines that are not rules are ignored; never fails.
  static RobotsRules Parse(std::string_view text, std::string_view agent);

  // `path_and_query` ("/news/a.html?x=1") may be fetched: the longest
  // matching rule wins, Allow over Disallow on a tie; '*' and a final '$'
  // are honoured; "/robots.txt" is always allowed.
  bool Allows(std::string_view path_and_query) const;

  // Crawl-delay of our group in milliseconds, 0 when none.
  int crawl_delay_ms() const { return crawl_delay_ms_; }

 private:
  struct Rule {
    std::string pattern;
    bool allow = false;
  };
  std::vector<Rule> rules_;
  int crawl_delay_ms_ = 0;
};

// The product token of a User-Agent ("newsmine/0.1 (+url)" -> "newsmine").
std::string RobotsAgentToken(std::string_view user_agent);

}  // namespace newsmine
