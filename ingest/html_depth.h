// EstimateHtmlDepth: a cheap look at how deeply a page's elements nest,
// taken from the tags alone before any tree is built, so that a hostile page
// (100,000 nested <div>s) can be refused before the HTML parser spends
// quadratic time and memory on it.
//
// Thread-safety: a pure function; call from any number of threads at once.
#pragma once

#include <string_view>

namespace newsmine {

// Returns the deepest element nesting found in `html`, counting open tags
// against their end tags. Void elements (<br>, <img> ...), self-closed tags,
// comments, doctype and the contents of raw-text elements (<script>, <style>
// ...) are not counted, and the elements HTML closes implicitly (a <p> opened
// inside an open <p>, <li> inside <li>, cells and rows) close their earlier
// twin, so ordinary pages with unclosed paragraphs are not mistaken for deep
// ones. An end tag of a formatting element (<b>, <font> ...) closes only that
// element, as the HTML parser does, so misnested "<b><div></b>" repeated
// counts as the deep nesting it produces. Stops scanning and returns a value above `limit` as soon as the
// nesting exceeds `limit`. The estimate is of the tree the parser will build,
// not exact: the caller still checks the parsed tree.
int EstimateHtmlDepth(std::string_view html, int limit);

}  // namespace newsmine
