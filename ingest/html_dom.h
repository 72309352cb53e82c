// Small helpers over a gumbo tree shared by the HTML extraction files.
//
// Thread-safety: pure functions over trees the caller owns; reentrant.
#pragma once

#include <gumbo.h>

#include <functional>
#include <string>
#include <string_view>

namespace newsmine {

// The value of attribute `name` of `node` (an element), or empty.
std::string_view HtmlAttribute(const GumboNode* node, const char* name);

// Calls `visit` for every element under and including `root` in document
// order. When `visit` returns false the element's subtree is skipped. Uses an
// explicit stack, so any nesting depth is safe.
void ForEachHtmlElement(const GumboNode* root, const std::function<bool(const GumboNode*)>& visit);

// The text under `node` with white space collapsed and trimmed; the contents
// of <script>, <style> and <template> are left out.
std::string HtmlNodeText(const GumboNode* node);

// The deepest element nesting under `root` (the root counts as depth 1).
// Iterative; stops counting once the depth exceeds `limit`.
int HtmlTreeDepth(const GumboNode* root, int limit);

}  // namespace newsmine
