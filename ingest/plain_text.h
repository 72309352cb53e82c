// The article in a page saved as plain text: its main text with the page
// furniture removed, its headline, its date and its source.
//
// Furniture is found by general cues, never by a site's exact strings:
//   - the shape of lines and blocks (a block is a run of non-blank lines):
//     prose blocks have words and end like sentences; furniture lines are
//     short and do not;
//   - widgets: lines that are only a date or a temperature; breadcrumbs
//     ("Home > World > ..." or "HomeWorldHeadline" run together);
//   - teasers: blocks ending in an ellipsis, and the headline just above one;
//   - section headings made of list-heading words ("Related stories",
//     "Latest news", "Most read", "Read more", "Tags") without a sentence;
//   - bylines ("By ..."), credits ("Reporting by ..."), copyright lines and a
//     wire sign-off (one short capitalised word ending the text, "REUTER");
//   - blocks repeated earlier in the text;
//   - position: the main text is the run of blocks between two furniture
//     blocks that holds the most prose, plus any other run holding a quarter
//     as much prose; short non-sentence blocks are dropped at its end.
// A "Source: X" line gives source_name and is removed. The headline is the
// first line when a blank line follows it; otherwise the line that ends a
// breadcrumb; otherwise the first headline-shaped line before the main text.
// The date comes from a date line ("Saturday, July 13, 2024",
// "Published: 13 July 2024") outside the prose.
//
// Thread-safety: stateless; call from any thread.
#pragma once

#include <string>
#include <string_view>

namespace newsmine {

struct PlainTextArticle {
  // The headline, collapsed (CollapseWhitespace, core/utf8.h), or empty.
  // With a known_title: that title collapsed.
  std::string title;
  std::string text;       // paragraphs separated by "\n\n"
  std::string published;  // ISO 8601 or ""
  std::string source_name;
};

// `utf8` must be valid UTF-8. When the container already gave the title,
// pass it as `known_title`: the headline rules are then not applied and only
// a block equal to it is taken out of the text. Never fails: a text with no
// recognisable furniture comes back whole (line ends normalised, trailing
// space trimmed).
PlainTextArticle ExtractPlainTextArticle(std::string_view utf8, std::string_view known_title);

}  // namespace newsmine
