#include "ingest/html_depth.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsmine {
namespace {

bool IsTagNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':' ||
         c == '_';
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never have content.
bool IsVoid(std::string_view name) {
  return IsOneOf(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                        "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound"});
}

// Elements whose content is text up to their own end tag.
bool IsRawText(std::string_view name) {
  return IsOneOf(
      name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"});
}

// Elements that close an open twin implicitly (<p><p>, <li><li>, rows, cells).
bool ClosesTwin(std::string_view name) {
  return IsOneOf(name, {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp", "h1",
                        "h2", "h3", "h4", "h5", "h6"});
}

// Formatting elements: an end tag for one closes it alone, leaving the
// elements opened inside it open (the HTML adoption agency), so misnested
// "<b><div></b>" keeps the <div> and its depth.
bool IsFormatting(std::string_view name) {
  return IsOneOf(name, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
                        "tt", "u"});
}

// Elements that start a new scope: a twin outside them stays open
// (<li><ul><li> nests), so an implied close never reaches past them.
bool IsScopeBarrier(std::string_view name) {
  return IsOneOf(name, {"ul", "ol", "dl", "table", "div", "section", "article", "aside", "blockquote",
                        "select", "ruby", "html", "body"});
}

// The open-element stack of the scan, with a count of open elements per name
// so that an end tag or an implied close finds its twin without a search.
class OpenElements {
 public:
  int depth() const { return static_cast<int>(stack_.size()); }

  void Open(std::string name) {
    ++open_count_[name];
    stack_.push_back(std::move(name));
  }

  // An implied close: pops up to and including an open `name` found near the
  // top of the stack within the current scope.
  void CloseTwin(const std::string& name) {
    constexpr size_t kNearTop = 8;
    for (size_t i = stack_.size(), seen = 0; i > 0 && seen < kNearTop; --i, ++seen) {
      const std::string& open = stack_[i - 1];
      if (open == name) {
        CloseThrough(name);
        return;
      }
      if (IsScopeBarrier(open)) return;
    }
  }

  // An end tag: pops up to and including the innermost open `name`, or for
  // a formatting element removes just that element; does nothing when no
  // such element is open (a stray end tag).
  void Close(const std::string& name) {
    if (!IsFormatting(name)) {
      CloseThrough(name);
      return;
    }
    auto it = open_count_.find(name);
    if (it == open_count_.end() || it->second == 0) return;
    const auto innermost = std::find(stack_.rbegin(), stack_.rend(), name);
    stack_.erase(std::next(innermost).base());
    --it->second;
  }

 private:
  void CloseThrough(const std::string& name) {
    auto it = open_count_.find(name);
    if (it == open_count_.end() || it->second == 0) return;
    while (!stack_.empty()) {
      const std::string top = std::move(stack_.back());
      stack_.pop_back();
      --open_count_[top];
      if (top == name) return;
    }
  }

  std::vector<std::string> stack_;
  std::unordered_map<std::string, int> open_count_;
};

// Skips from `pos` (just after "<name") past the closing '>' of the tag,
// honouring quoted attribute values. Sets *self_closed for "/>".
size_t SkipTagEnd(std::string_view html, size_t pos, bool* self_closed) {
  char quote = 0;
  *self_closed = false;
  for (; pos < html.size(); ++pos) {
    const char c = html[pos];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      *self_closed = pos > 0 && html[pos - 1] == '/';
      return pos + 1;
    }
  }
  return html.size();
}

// Finds the end tag "</name" (any case) at or after `pos`; returns the
// position of its '<', or npos.
size_t FindEndTag(std::string_view html, size_t pos, std::string_view name) {
  while ((pos = html.find("</", pos)) != std::string_view::npos) {
    size_t i = 0;
    while (i < name.size() && pos + 2 + i < html.size() && Lower(html[pos + 2 + i]) == name[i]) ++i;
    if (i == name.size()) return pos;
    pos += 2;
  }
  return std::string_view::npos;
}

}  // namespace

int EstimateHtmlDepth(std::string_view html, int limit) {
  OpenElements open;
  int deepest = 0;
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    ++pos;
    if (html.compare(pos, 3, "!--") == 0) {
      const size_t end = html.find("-->", pos + 3);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    const bool is_end_tag = pos < html.size() && html[pos] == '/';
    if (is_end_tag) ++pos;
    std::string name;
    while (pos < html.size() && IsTagNameChar(html[pos])) name.push_back(Lower(html[pos++]));
    if (name.empty()) continue;  // "<!doctype", "< 3", "<?xml": not an element
    bool self_closed = false;
    pos = SkipTagEnd(html, pos, &self_closed);
    if (is_end_tag) {
      open.Close(name);
      continue;
    }
    if (IsVoid(name) || self_closed) continue;
    if (IsRawText(name)) {
      const size_t end = FindEndTag(html, pos, name);
      if (end == std::string_view::npos) break;
      pos = end;
      continue;
    }
    if (ClosesTwin(name)) open.CloseTwin(name);
    open.Open(std::move(name));
    deepest = std::max(deepest, open.depth());
    if (deepest > limit) return deepest;
  }
  return deepest;
}

}  // namespace newsmine
