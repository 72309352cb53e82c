// ExtractMainText: the article body of a parsed news page as plain text,
// paragraphs separated by "\n\n".
//
// Method (docs/html-extraction.md has the details and the measured figures):
//  1. Page furniture is dropped by general rules: non-content tags (<nav>,
//     <footer>, <aside>, <header>, <figure>, scripts, form controls), hidden
//     elements, ARIA landmark roles, and class/id cue words matched as whole
//     words (nav, footer, share, related, comment, cookie, newsletter ...);
//     an element holding most of the page's non-link text or the marked-up
//     article body (itemprop=articleBody, <main>) is never dropped by a cue.
//  2. The rest is cut into text blocks at block-level elements (<p>, <li>,
//     headings, <div> ...), each with its length and its link text. Listings
//     of teasers (three or more items of one kind, each a linked headline
//     with a summary) are dropped.
//  3. The article container is the element whose blocks add up to the
//     largest weight: prose counts for its length, link text against; an
//     <article> or itemprop=articleBody inside it that carries most of that
//     weight is preferred. A JSON-LD articleBody that the page's blocks agree
//     with reweights the blocks by agreement with it.
//  4. The container's blocks are emitted, less link lists, the headline
//     (<h1>), labels and datelines in bare <div>s or at the edges, and
//     trailing headings.
//
// Thread-safety: a pure function over a tree the caller owns; reentrant.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>

namespace newsmine {

// Returns the main text of the page rooted at `root` (gumbo's document node),
// or empty when the page has none. `json_ld_body` is the page's JSON-LD
// articleBody as plain text (may be empty); it is used only when the page's
// own text agrees with it. The tree may be of any depth (no recursion).
std::string ExtractMainText(const GumboNode* root, std::string_view json_ld_body);

}  // namespace newsmine
