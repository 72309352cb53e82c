#include "ingest/html_dom.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace newsmine {

std::string_view HtmlAttribute(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? std::string_view(attr->value) : std::string_view();
}

void ForEachHtmlElement(const GumboNode* root, const std::function<bool(const GumboNode*)>& visit) {
  std::vector<const GumboNode*> pending = {root};
  while (!pending.empty()) {
    const GumboNode* node = pending.back();
    pending.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
    if (node->type == GUMBO_NODE_ELEMENT && !visit(node)) continue;
    const GumboVector& children =
        node->type == GUMBO_NODE_ELEMENT ? node->v.element.children : node->v.document.children;
    for (unsigned i = children.length; i > 0; --i) {
      pending.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  }
}

std::string HtmlNodeText(const GumboNode* node) {
  std::string text;
  std::vector<const GumboNode*> pending = {node};
  while (!pending.empty()) {
    const GumboNode* n = pending.back();
    pending.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      text += n->v.text.text;
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE) continue;
    if (tag == GUMBO_TAG_BR) text += ' ';
    const GumboVector& children = n->v.element.children;
    for (unsigned i = children.length; i > 0; --i) {
      pending.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
    }
  }
  return CollapseWhitespace(text);
}

int HtmlTreeDepth(const GumboNode* root, int limit) {
  int deepest = 0;
  std::vector<std::pair<const GumboNode*, int>> pending = {{root, 1}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
    deepest = std::max(deepest, depth);
    if (deepest > limit) return deepest;
    const GumboVector& children =
        node->type == GUMBO_NODE_ELEMENT ? node->v.element.children : node->v.document.children;
    for (unsigned i = 0; i < children.length; ++i) {
      pending.emplace_back(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
  }
  return deepest;
}

}  // namespace newsmine
