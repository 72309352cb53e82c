#include "ingest/html_prefilter.h"

#include <algorithm>
#include <array>

#include "core/utf8.h"
#include "ingest/ascii.h"
#include "ingest/html_dom.h"

namespace newsmine {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The attributes the extraction reads: structure cues on every element,
// metadata only where metadata lives.
bool KeepsAttribute(std::string_view tag, std::string_view attribute) {
  static constexpr std::array<std::string_view, 8> kEverywhere = {"class", "id",     "role", "itemprop",
                                                                  "style", "hidden", "lang", "datetime"};
  static constexpr std::array<std::string_view, 5> kMeta = {"property", "name", "content", "http-equiv",
                                                            "itemprop"};
  const std::string name = AsciiLower(attribute);
  auto in = [&](const auto& names) { return std::find(names.begin(), names.end(), name) != names.end(); };
  if (in(kEverywhere)) return true;
  if (tag == "meta") return in(kMeta);
  if (tag == "link") return name == "rel" || name == "href";
  if (tag == "script") return name == "type";
  return false;
}

// Case-insensitive search for "</name" from `pos`.
size_t FindEndTag(std::string_view html, std::string_view name, size_t pos) {
  while ((pos = html.find("</", pos)) != std::string_view::npos) {
    if (html.size() - pos - 2 >= name.size() && AsciiLower(html.substr(pos + 2, name.size())) == name)
      return pos;
    pos += 2;
  }
  return std::string_view::npos;
}

// A start tag read from the page: its lower-case name, the position past its
// '>', and the tag rewritten with only the kept attributes.
struct StartTag {
  std::string name;
  size_t end = std::string_view::npos;
  std::string rewritten;
};

// Reads the start tag at html[pos] == '<' followed by a letter. Leaves `end`
// npos when the tag is not closed.
StartTag ReadStartTag(std::string_view html, size_t pos) {
  StartTag tag;
  size_t i = pos + 1;
  while (i < html.size() && !IsSpace(html[i]) && html[i] != '>' && html[i] != '/') ++i;
  tag.name = AsciiLower(html.substr(pos + 1, i - pos - 1));
  tag.rewritten = "<" + std::string(html.substr(pos + 1, i - pos - 1));
  while (i < html.size()) {
    while (i < html.size() && (IsSpace(html[i]) || html[i] == '/')) {
      if (html[i] == '/') tag.rewritten.push_back('/');
      ++i;
    }
    if (i >= html.size()) return tag;
    if (html[i] == '>') {
      tag.rewritten.push_back('>');
      tag.end = i + 1;
      return tag;
    }
    const size_t name_start = i;
    while (i < html.size() && !IsSpace(html[i]) && html[i] != '>' && html[i] != '/' && html[i] != '=') ++i;
    const std::string_view name = html.substr(name_start, i - name_start);
    size_t j = i;
    while (j < html.size() && IsSpace(html[j])) ++j;
    if (j < html.size() && html[j] == '=') {
      ++j;
      while (j < html.size() && IsSpace(html[j])) ++j;
      if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
        const size_t close = html.find(html[j], j + 1);
        if (close == std::string_view::npos) return tag;
        j = close + 1;
      } else {
        while (j < html.size() && !IsSpace(html[j]) && html[j] != '>') ++j;
      }
      i = j;
    }
    if (KeepsAttribute(tag.name, name))
      tag.rewritten.append(" ").append(html.substr(name_start, i - name_start));
  }
  return tag;
}

// Elements whose content the extraction never reads.
bool EmptiesContent(const StartTag& tag) {
  if (tag.name == "style" || tag.name == "svg") return true;
  return tag.name == "script" && AsciiLower(tag.rewritten).find("ld+json") == std::string::npos;
}

}  // namespace

std::string StripInertMarkup(std::string_view html) {
  std::string out;
  out.reserve(html.size() / 2);
  size_t pos = 0;
  while (pos < html.size()) {
    const size_t lt = html.find('<', pos);
    if (lt == std::string_view::npos) break;
    out.append(html.substr(pos, lt - pos));
    pos = lt;
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t end = html.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    if (lt + 1 >= html.size() || !IsAsciiLetter(html[lt + 1])) {
      out.push_back('<');
      ++pos;
      continue;
    }
    const StartTag tag = ReadStartTag(html, lt);
    if (tag.end == std::string_view::npos) break;
    out.append(tag.rewritten);
    pos = tag.end;
    if (tag.name == "script" || tag.name == "style" || tag.name == "svg") {
      const size_t end = FindEndTag(html, tag.name, pos);
      if (end == std::string_view::npos) break;
      if (!EmptiesContent(tag)) out.append(html.substr(pos, end - pos));
      pos = end;
    }
  }
  out.append(html.substr(pos));
  return out;
}

}  // namespace newsmine
