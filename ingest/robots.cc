#include "ingest/robots.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "ingest/ascii.h"

namespace newsmine {
namespace {

// A Crawl-delay value in milliseconds, clamped to [0, one day]: a hostile or
// broken robots.txt ("Crawl-delay: 1e40", "-5", "nan") must not overflow.
int CrawlDelayMs(std::string_view value) {
  const double seconds = std::atof(std::string(value).c_str());
  if (!(seconds > 0)) return 0;  // also NaN
  constexpr double kMaxSeconds = 86400;
  return static_cast<int>(std::min(seconds, kMaxSeconds) * 1000);
}

// Glob match of a robots pattern ('*' any run, '$' at the end anchors)
// against the start of `path`.
bool PatternMatches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Iterative wildcard match; `star` remembers where to resume after a '*'.
  size_t p = 0, s = 0, star = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size() && (!anchored || s == path.size())) return true;
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() && s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos && star_s < path.size()) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
}

// One group of robots.txt while it is read: its agents and rules.
struct Group {
  std::vector<std::string> agents;
  std::vector<std::pair<std::string, bool>> rules;  // pattern, allow
  int crawl_delay_ms = 0;
};

std::vector<Group> ReadGroups(std::string_view text) {
  std::vector<Group> groups;
  bool last_was_agent = false;
  while (!text.empty()) {
    const size_t eol = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    line = TrimAscii(line.substr(0, line.find('#')));
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = AsciiLower(TrimAscii(line.substr(0, colon)));
    const std::string_view value = TrimAscii(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!last_was_agent || groups.empty()) groups.emplace_back();
      groups.back().agents.push_back(AsciiLower(value));
      last_was_agent = true;
      continue;
    }
    last_was_agent = false;
    if (groups.empty()) continue;
    if (key == "allow" || key == "disallow") {
      // An empty Disallow allows everything: it adds no rule.
      if (!value.empty()) groups.back().rules.emplace_back(std::string(value), key == "allow");
    } else if (key == "crawl-delay") {
      groups.back().crawl_delay_ms = CrawlDelayMs(value);
    }
  }
  return groups;
}

}  // namespace

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view agent) {
  const std::string token = AsciiLower(agent);
  const std::vector<Group> groups = ReadGroups(text);
  // Our own groups if any name us, else the "*" groups; several groups for
  // the same agent are merged (RFC 9309 2.2.1).
  RobotsRules result;
  bool found = false;
  for (const bool wildcard : {false, true}) {
    for (const Group& group : groups) {
      bool matches = false;
      for (const std::string& name : group.agents) {
        matches =
            matches || (wildcard ? name == "*" : (!token.empty() && name.find(token) != std::string::npos));
      }
      if (!matches) continue;
      found = true;
      for (const auto& [pattern, allow] : group.rules) result.rules_.push_back({pattern, allow});
      if (group.crawl_delay_ms > result.crawl_delay_ms_) result.crawl_delay_ms_ = group.crawl_delay_ms;
    }
    if (found) break;
  }
  return result;
}

bool RobotsRules::Allows(std::string_view path_and_query) const {
  if (path_and_query == "/robots.txt") return true;
  size_t best_length = 0;
  bool allowed = true;
  for (const Rule& rule : rules_) {
    if (!PatternMatches(rule.pattern, path_and_query)) continue;
    if (rule.pattern.size() > best_length || (rule.pattern.size() == best_length && rule.allow)) {
      best_length = rule.pattern.size();
      allowed = rule.allow;
    }
  }
  return allowed;
}

std::string RobotsAgentToken(std::string_view user_agent) {
  size_t end = 0;
  while (end < user_agent.size() && (std::isalnum(static_cast<unsigned char>(user_agent[end])) ||
                                     user_agent[end] == '-' || user_agent[end] == '_')) {
    ++end;
  }
  return std::string(user_agent.substr(0, end));
}

}  // namespace newsmine
