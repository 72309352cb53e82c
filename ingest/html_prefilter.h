// StripInertMarkup: a cheap textual pass before parsing that removes what the
// HTML parser would spend most of its time on and the extraction never reads:
// comments, the bodies of <script> (except JSON-LD), <style> and <svg>
// elements, and attributes other than the few the extraction looks at
// (kept: class, id, role, itemprop, style, hidden, lang, datetime anywhere;
// name, property, content, http-equiv on <meta>; rel, href on <link>; type on
// <script>). On news pages this is three quarters of the bytes.
//
// Thread-safety: a pure function; call from any number of threads at once.
#pragma once

#include <string>
#include <string_view>

namespace newsmine {

// Returns `html` with the inert markup above removed; the tags of emptied
// elements stay. Text outside tags is copied unchanged. A construct left
// open at the end of the page (an unterminated comment, script or tag) is
// copied as it is.
std::string StripInertMarkup(std::string_view html);

}  // namespace newsmine
