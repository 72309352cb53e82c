#include "ingest/html_body.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/utf8.h"
#include "ingest/ascii.h"
#include "ingest/html_dom.h"
#include "ingest/html_shingles.h"

namespace newsmine {
namespace {

// ---- the flattened page -----------------------------------------------------

// One element or text node of the page, in document (pre-)order. A node's
// subtree is the index range [its index, end).
struct Node {
  const GumboNode* gumbo = nullptr;
  int parent = -1;
  int end = 0;
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  bool is_text = false;
  bool in_link = false;
  bool dropped = false;
};

// Elements whose content is never article text.
bool IsNeverContent(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_FIGCAPTION:
      return true;
    default:
      return false;
  }
}

// Page furniture by its tag; subject to the same safety as the cue words.
bool IsFurnitureTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_FIGURE:
      return true;
    default:
      return false;
  }
}

// Elements that start a new text block.
bool IsBlockLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_OPTION:
      return true;
    default:
      return false;
  }
}

// Lays the tree out in document order; the contents of never-content elements
// are left out.
std::vector<Node> Flatten(const GumboNode* root) {
  std::vector<Node> nodes;
  std::vector<std::pair<const GumboNode*, int>> pending = {{root, -1}};
  while (!pending.empty()) {
    const auto [gumbo, parent] = pending.back();
    pending.pop_back();
    Node node;
    node.gumbo = gumbo;
    node.parent = parent;
    const GumboVector* children = nullptr;
    if (gumbo->type == GUMBO_NODE_ELEMENT) {
      node.tag = gumbo->v.element.tag;
      node.dropped = IsNeverContent(node.tag);
      if (!node.dropped) children = &gumbo->v.element.children;
    } else if (gumbo->type == GUMBO_NODE_DOCUMENT) {
      children = &gumbo->v.document.children;
    } else if (gumbo->type == GUMBO_NODE_TEXT || gumbo->type == GUMBO_NODE_WHITESPACE ||
               gumbo->type == GUMBO_NODE_CDATA) {
      node.is_text = true;
    } else {
      continue;  // comments
    }
    if (parent >= 0) node.in_link = nodes[parent].in_link || nodes[parent].tag == GUMBO_TAG_A;
    const int index = static_cast<int>(nodes.size());
    nodes.push_back(node);
    if (!children) continue;
    for (unsigned i = children->length; i > 0; --i) {
      pending.emplace_back(static_cast<const GumboNode*>(children->data[i - 1]), index);
    }
  }
  for (size_t i = 0; i < nodes.size(); ++i) nodes[i].end = static_cast<int>(i) + 1;
  for (size_t i = nodes.size(); i-- > 1;) {
    Node& parent = nodes[nodes[i].parent];
    parent.end = std::max(parent.end, nodes[i].end);
  }
  return nodes;
}

// ---- furniture cues -----------------------------------------------------------

// Splits class and id values into lower-case words at non-alphanumerics and
// camelCase humps: "mainNav share-bar" -> main, nav, share, bar. Class names
// of the WordPress taxonomy kind ("tag-politics", "category-social") name the
// article's topics, not its furniture, and are skipped.
std::vector<std::string> CueWords(std::string_view value) {
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < value.size()) {
    while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t' || value[pos] == '\n')) ++pos;
    size_t end = pos;
    while (end < value.size() && value[end] != ' ' && value[end] != '\t' && value[end] != '\n') ++end;
    const std::string_view name = value.substr(pos, end - pos);
    pos = end;
    static constexpr std::array<std::string_view, 6> kTaxonomy = {"tag-",  "category-", "post-",
                                                                  "type-", "format-",   "status-"};
    if (std::any_of(kTaxonomy.begin(), kTaxonomy.end(),
                    [&](std::string_view p) { return name.starts_with(p); }))
      continue;
    std::string word;
    for (size_t i = 0; i < name.size(); ++i) {
      const char c = name[i];
      const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      const bool hump = c >= 'A' && c <= 'Z' && i > 0 && name[i - 1] >= 'a' && name[i - 1] <= 'z';
      if ((!alnum || hump) && !word.empty()) words.push_back(std::move(word)), word.clear();
      if (alnum) word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
}

enum class Cue { kNone, kFurniture, kComments };

// Whole words that name page furniture.
Cue CueOfWord(const std::string& word) {
  static const std::unordered_set<std::string> kFurniture = {
      "nav",        "menu",       "menus",       "footer",        "header",
      "masthead",   "breadcrumb", "breadcrumbs", "share",         "shares",
      "sharing",    "social",     "related",     "recommended",   "recommendations",
      "recirc",     "outbrain",   "taboola",     "cookie",        "cookies",
      "consent",    "gdpr",       "newsletter",  "subscribe",     "subscription",
      "signup",     "login",      "promo",       "promos",        "ad",
      "ads",        "adv",        "advert",      "advertisement", "advertising",
      "sponsor",    "sponsored",  "banner",      "widget",        "widgets",
      "sidebar",    "toolbar",    "caption",     "captions",      "credit",
      "credits",    "byline",     "author",      "authors",       "bio",
      "tags",       "tag",        "pagination",  "pager",         "popup",
      "modal",      "overlay",    "trending",    "popular",       "mostread",
      "teaser",     "teasers",    "rail",        "skip",          "timestamp",
      "date",       "meta",       "aside",       "search",        "logo",
      "icon",       "icons",      "btn",         "button",        "tooltip",
      "dropdown",   "ticker",     "print",       "dateline",      "disclaimer",
      "highlights", "standfirst", "dek",         "subtitle",      "excerpt"};
  static const std::unordered_set<std::string> kComments = {"comment", "comments", "disqus",
                                                            "respond", "reply",    "replies"};
  if (kComments.contains(word)) return Cue::kComments;
  if (kFurniture.contains(word)) return Cue::kFurniture;
  static constexpr std::array<std::string_view, 10> kPrefixes = {
      "nav", "share", "social", "related", "newsletter", "cookie", "subscri", "advert", "sponsor", "sidebar"};
  static constexpr std::array<std::string_view, 4> kSuffixes = {"nav", "menu", "footer", "sidebar"};
  if (word.starts_with("comment") && !word.starts_with("commentar")) return Cue::kComments;
  for (std::string_view p : kPrefixes) {
    if (word.starts_with(p)) return Cue::kFurniture;
  }
  for (std::string_view s : kSuffixes) {
    if (word.ends_with(s)) return Cue::kFurniture;
  }
  return Cue::kNone;
}

Cue CueOfElement(const GumboNode* element) {
  // Posts embedded in the story ("social-media-embed", a quoted tweet) are
  // part of it although their wrappers carry furniture words.
  static const std::unordered_set<std::string> kEmbeds = {"embed", "embedded", "tweet"};
  Cue cue = Cue::kNone;
  bool embed = false;
  for (const char* attribute : {"class", "id"}) {
    for (const std::string& word : CueWords(HtmlAttribute(element, attribute))) {
      cue = std::max(cue, CueOfWord(word));
      embed = embed || kEmbeds.contains(word);
    }
  }
  if (embed && cue == Cue::kFurniture) cue = Cue::kNone;
  static const std::unordered_set<std::string> kLandmarks = {
      "navigation", "banner",      "contentinfo", "complementary", "menu",   "menubar",
      "dialog",     "alertdialog", "search",      "toolbar",       "tablist"};
  if (kLandmarks.contains(AsciiLower(HtmlAttribute(element, "role")))) cue = std::max(cue, Cue::kFurniture);
  return cue;
}

bool IsHidden(const GumboNode* element) {
  if (gumbo_get_attribute(&element->v.element.attributes, "hidden")) return true;
  std::string style = AsciiLower(HtmlAttribute(element, "style"));
  std::erase(style, ' ');
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// The marked-up article body: itemprop=articleBody, <main>, role=main.
bool IsMarkedMain(const Node& node) {
  if (node.tag == GUMBO_TAG_MAIN) return true;
  return AsciiLower(HtmlAttribute(node.gumbo, "itemprop")) == "articlebody" ||
         AsciiLower(HtmlAttribute(node.gumbo, "role")) == "main";
}

size_t TextLength(const Node& node) {
  size_t length = 0;
  bool space = true;
  for (const char* p = node.gumbo->v.text.text; *p; ++p) {
    const bool is_space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f';
    if (!is_space || !space) ++length;
    space = is_space;
  }
  return length;
}

// An inline element inside a paragraph, list item or heading ("<a
// class=icon>" in a sentence): cue words on it must not punch holes in text.
bool InRunningText(const std::vector<Node>& nodes, size_t i) {
  if (IsBlockLevel(nodes[i].tag)) return false;
  for (int a = nodes[i].parent; a >= 0; a = nodes[a].parent) {
    switch (nodes[a].tag) {
      case GUMBO_TAG_P:
      case GUMBO_TAG_LI:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_BLOCKQUOTE:
      case GUMBO_TAG_DD:
        return true;
      default:
        if (IsBlockLevel(nodes[a].tag)) return false;
    }
  }
  return false;
}

// Marks furniture as dropped. A cue or furniture tag never drops an element
// that holds the marked-up article body or more than kSafeShare of the page's
// non-link text (a page wrapper with an unlucky class name); comment sections
// are dropped whatever their size, as they can outweigh the article.
void DropFurniture(std::vector<Node>* nodes_ptr) {
  std::vector<Node>& nodes = *nodes_ptr;
  const size_t n = nodes.size();
  std::vector<size_t> own_text(n, 0);
  std::vector<char> holds_main(n, 0);
  for (size_t i = n; i-- > 0;) {
    const Node& node = nodes[i];
    if (node.is_text && !node.in_link) own_text[i] = TextLength(node);
    if (!node.is_text && node.gumbo->type == GUMBO_NODE_ELEMENT && IsMarkedMain(node)) holds_main[i] = 1;
    if (node.parent >= 0) {
      own_text[node.parent] += own_text[i];
      holds_main[node.parent] |= holds_main[i];
    }
  }
  constexpr double kSafeShare = 0.6;
  const double page_text = static_cast<double>(own_text[0]);
  for (size_t i = 0; i < n; ++i) {
    Node& node = nodes[i];
    if (node.parent >= 0 && nodes[node.parent].dropped) node.dropped = true;
    if (node.dropped || node.is_text || node.gumbo->type != GUMBO_NODE_ELEMENT) continue;
    if (node.tag == GUMBO_TAG_HTML || node.tag == GUMBO_TAG_BODY) continue;
    if (IsHidden(node.gumbo)) {
      node.dropped = true;
      continue;
    }
    if (InRunningText(nodes, i)) continue;
    const Cue cue = IsFurnitureTag(node.tag) ? std::max(Cue::kFurniture, CueOfElement(node.gumbo))
                                             : CueOfElement(node.gumbo);
    if (cue == Cue::kNone || holds_main[i]) continue;
    node.dropped = cue == Cue::kComments || own_text[i] <= kSafeShare * page_text;
  }
}

// ---- text blocks ----------------------------------------------------------------

struct Block {
  int owner = 0;  // the block-level element the text belongs to
  std::string text;
  size_t link_chars = 0;
  bool opens_with_link = false;  // its first words are link text
  size_t chars() const { return text.size(); }
  bool LinkDominated() const { return 2 * link_chars > text.size(); }
};

class BlockBuilder {
 public:
  explicit BlockBuilder(const std::vector<Node>& nodes) : nodes_(nodes) {}

  std::vector<Block> Build() {
    std::vector<int> owner(nodes_.size(), 0);
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& node = nodes_[i];
      if (node.dropped) {
        if (IsBlockLevel(node.tag)) Flush();
        i = node.end - 1;
        continue;
      }
      if (node.parent >= 0) {
        owner[i] = IsBlockLevel(nodes_[node.parent].tag) ? node.parent : owner[node.parent];
      }
      if (node.is_text) {
        AddText(node, owner[i]);
      } else if (IsBlockLevel(node.tag)) {
        Flush();
      } else if (node.tag == GUMBO_TAG_BR) {
        AddBreak();
      }
    }
    Flush();
    return std::move(blocks_);
  }

 private:
  void AddText(const Node& node, int owner) {
    if (owner != current_.owner) Flush();
    current_.owner = owner;
    const std::string_view text = node.gumbo->v.text.text;
    if (text.find_first_not_of(" \t\n\r\f") != std::string_view::npos) {
      if (raw_.find_first_not_of(" \t\n\r\f") == std::string::npos) current_.opens_with_link = node.in_link;
      pending_break_ = false;
    }
    raw_ += text;
    if (node.in_link) current_.link_chars += TextLength(node);
  }

  // One <br> is a line break inside the paragraph; two in a row end it.
  void AddBreak() {
    if (pending_break_) {
      Flush();
      return;
    }
    pending_break_ = true;
    raw_ += ' ';
  }

  void Flush() {
    pending_break_ = false;
    current_.text = CollapseWhitespace(raw_);
    raw_.clear();
    if (!current_.text.empty()) {
      current_.link_chars = std::min(current_.link_chars, current_.text.size());
      blocks_.push_back(std::move(current_));
    }
    current_ = Block();
    current_.owner = -1;
  }

  const std::vector<Node>& nodes_;
  std::vector<Block> blocks_;
  Block current_ = Block{-1, {}, 0, false};
  std::string raw_;
  bool pending_break_ = false;
};

// ---- teaser listings -------------------------------------------------------------

// The text of a subtree, summed over its blocks.
struct SubtreeText {
  size_t chars = 0;
  size_t link_chars = 0;
  int first_block = -1;
};

std::vector<SubtreeText> SumSubtrees(const std::vector<Node>& nodes, const std::vector<Block>& blocks) {
  std::vector<SubtreeText> sums(nodes.size());
  for (size_t b = blocks.size(); b-- > 0;) {
    SubtreeText& sum = sums[blocks[b].owner];
    sum.chars += blocks[b].chars();
    sum.link_chars += blocks[b].link_chars;
    sum.first_block = static_cast<int>(b);
  }
  for (size_t i = sums.size(); i-- > 1;) {
    SubtreeText& parent = sums[nodes[i].parent];
    const SubtreeText& child = sums[i];
    parent.chars += child.chars;
    parent.link_chars += child.link_chars;
    if (child.first_block >= 0 && (parent.first_block < 0 || child.first_block < parent.first_block))
      parent.first_block = child.first_block;
  }
  return sums;
}

// Link text per subtree, counting links inside dropped furniture too (a
// teaser's headline often sits in a dropped <header>).
std::vector<size_t> RawLinkChars(const std::vector<Node>& nodes) {
  std::vector<size_t> link_chars(nodes.size(), 0);
  for (size_t i = nodes.size(); i-- > 1;) {
    if (nodes[i].is_text && nodes[i].in_link) link_chars[i] += TextLength(nodes[i]);
    link_chars[nodes[i].parent] += link_chars[i];
  }
  return link_chars;
}

// A teaser: a short item with a link to another page — opening the item, or
// hidden in its dropped furniture (a headline in a <header>) — and some text
// of its own (the summary). Links inside a sentence do not make a teaser.
bool IsTeaser(const Node& node, const SubtreeText& text, size_t raw_link_chars,
              const std::vector<Block>& blocks) {
  constexpr size_t kMinLink = 8, kMinSummary = 30, kMaxTeaser = 1000;
  if (node.is_text || node.tag == GUMBO_TAG_P || text.first_block < 0) return false;
  const bool headline_link = blocks[text.first_block].opens_with_link || raw_link_chars > text.link_chars;
  return headline_link && raw_link_chars >= kMinLink && text.chars - text.link_chars >= kMinSummary &&
         text.chars <= kMaxTeaser;
}

// The kind of a list item: its tag and first class name (later class names
// often vary per item: "post-1234", "category-sport").
std::string ItemKind(const Node& node) {
  const std::string_view classes = HtmlAttribute(node.gumbo, "class");
  const size_t start = std::min(classes.find_first_not_of(" \t\n"), classes.size());
  const size_t end = std::min(classes.find_first_of(" \t\n", start), classes.size());
  return std::to_string(node.tag) + ":" + std::string(classes.substr(start, end - start));
}

// Drops listings of teasers: elements with at least three children of one
// kind (tag and class), most of them teasers. Article paragraphs are single
// blocks and never form one. Returns whether anything was dropped.
bool DropTeaserListings(const std::vector<Block>& blocks, std::vector<Node>* nodes_ptr) {
  std::vector<Node>& nodes = *nodes_ptr;
  const std::vector<SubtreeText> sums = SumSubtrees(nodes, blocks);
  const std::vector<size_t> raw_link_chars = RawLinkChars(nodes);
  constexpr double kSafeShare = 0.6;
  const double page_text = static_cast<double>(sums[0].chars);
  bool dropped = false;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].is_text || nodes[i].dropped) continue;
    std::unordered_map<std::string, std::vector<int>> kinds;
    for (int c = static_cast<int>(i) + 1; c < nodes[i].end; c = nodes[c].end) {
      if (nodes[c].is_text || nodes[c].dropped) continue;
      kinds[ItemKind(nodes[c])].push_back(c);
    }
    for (const auto& [kind, items] : kinds) {
      if (items.size() < 3) continue;
      size_t teasers = 0, chars = 0;
      for (int c : items) {
        teasers += IsTeaser(nodes[c], sums[c], raw_link_chars[c], blocks);
        chars += sums[c].chars;
      }
      if (3 * teasers < 2 * items.size() || static_cast<double>(chars) > kSafeShare * page_text) continue;
      for (int c : items) {
        for (int d = c; d < nodes[c].end; ++d) nodes[d].dropped = true;
      }
      dropped = true;
    }
  }
  return dropped;
}

// ---- the article container --------------------------------------------------------

// Elements that hold text of their own in articles: a short line in one of
// them is a subheading or a list item; in a bare <div> it is a label
// ("Advert", "Video").
bool IsTextElement(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
      return true;
    default:
      return false;
  }
}

bool IsHeading(GumboTag tag) {
  return tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 ||
         tag == GUMBO_TAG_H6;
}

constexpr size_t kShortBlock = 30;

// A short block that does not end a sentence, or a dateline.
bool EndsSentence(std::string_view text) {
  static constexpr std::string_view kSentenceEnds[] = {".", "!", "?", "\"", "\u201d", ")"};
  return std::any_of(std::begin(kSentenceEnds), std::end(kSentenceEnds),
                     [&](std::string_view end) { return text.ends_with(end); });
}

// A dateline: a line with a clock time ("20:13", "9:41") and no sentence in it.
bool IsDateLine(const Block& block) {
  constexpr size_t kMaxDateLine = 80;
  if (block.chars() >= kMaxDateLine || EndsSentence(block.text)) return false;
  const std::string& t = block.text;
  for (size_t i = 1; i + 2 < t.size(); ++i) {
    auto digit = [&](size_t k) { return t[k] >= '0' && t[k] <= '9'; };
    if (t[i] == ':' && digit(i - 1) && digit(i + 1) && digit(i + 2)) return true;
  }
  return false;
}

bool IsShortLabel(const Block& block) {
  return (block.chars() < kShortBlock && !EndsSentence(block.text)) || IsDateLine(block);
}

// How much a block speaks for its container being the article: prose for its
// length, link text and short furniture against.
double ProseWeight(const Block& block) {
  constexpr double kLinkPenalty = 1.0;
  const double text = static_cast<double>(block.chars() - block.link_chars);
  if (block.link_chars == 0 && block.chars() < kShortBlock) return 0.5;
  return text - kLinkPenalty * static_cast<double>(block.link_chars);
}

// Agreement of the blocks with a JSON-LD articleBody: per block, whether most
// of its shingles occur in the body; overall, the share of the body's
// shingles the agreeing blocks cover.
struct HintAgreement {
  std::vector<char> agrees;
  double coverage = 0;
};

// Word tokens joined by single spaces, with a space at both ends, so that a
// token run can be found in it with a plain substring search.
std::string SpacedTokens(std::string_view text) {
  std::string spaced = " ";
  for (std::string_view token : WordTokens(text)) spaced.append(token).push_back(' ');
  return spaced;
}

HintAgreement AgreeWithHint(const std::vector<Block>& blocks, std::string_view hint) {
  constexpr size_t kShingle = 4;
  HintAgreement agreement;
  agreement.agrees.assign(blocks.size(), 0);
  const std::unordered_map<uint64_t, int> hint_shingles = ShingleCounts(hint);
  if (hint_shingles.empty()) return agreement;
  const std::string hint_tokens = SpacedTokens(hint);
  std::unordered_map<uint64_t, int> unused = hint_shingles;
  int covered = 0, hint_total = 0;
  for (const auto& [shingle, count] : hint_shingles) hint_total += count;
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (WordTokens(blocks[b].text).size() < kShingle) {
      // Too short for a shingle: agrees when its words occur in the hint in order.
      const std::string tokens = SpacedTokens(blocks[b].text);
      agreement.agrees[b] = tokens.size() > 1 && hint_tokens.find(tokens) != std::string::npos;
      continue;
    }
    const std::unordered_map<uint64_t, int> shingles = ShingleCounts(blocks[b].text);
    int total = 0, found = 0;
    for (const auto& [shingle, count] : shingles) {
      total += count;
      if (hint_shingles.contains(shingle)) found += count;
    }
    if (2 * found <= total) continue;
    agreement.agrees[b] = 1;
    for (const auto& [shingle, count] : shingles) {
      auto it = unused.find(shingle);
      if (it == unused.end()) continue;
      const int take = std::min(it->second, count);
      it->second -= take;
      covered += take;
    }
  }
  agreement.coverage = static_cast<double>(covered) / hint_total;
  return agreement;
}

// The element whose blocks weigh most; among equals the innermost.
int BestContainer(const std::vector<Node>& nodes, const std::vector<Block>& blocks,
                  const std::vector<double>& weights) {
  std::vector<double> sum(nodes.size(), 0.0);
  for (size_t b = 0; b < blocks.size(); ++b) sum[blocks[b].owner] += weights[b];
  for (size_t i = nodes.size(); i-- > 1;) sum[nodes[i].parent] += sum[i];
  int best = 0;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (!nodes[i].is_text && sum[i] >= sum[best]) best = static_cast<int>(i);
  }
  // The marked-up article (<article>, itemprop=articleBody) inside the
  // heaviest element wins when it carries most of that element's weight: the
  // rest is furniture beside it.
  constexpr double kMarkedShare = 0.8;
  for (int i = best + 1; i < nodes[best].end; ++i) {
    if (nodes[i].is_text || nodes[i].dropped) continue;
    if ((nodes[i].tag == GUMBO_TAG_ARTICLE ||
         AsciiLower(HtmlAttribute(nodes[i].gumbo, "itemprop")) == "articlebody") &&
        sum[i] >= kMarkedShare * sum[best])
      return i;
  }
  return best;
}

// The blocks of the article: those in the heaviest container under
// `weights`, less link lists and the headline. With `agrees` (agreement with
// a JSON-LD articleBody), blocks the articleBody lacks are kept only between
// blocks it has.
std::vector<size_t> SelectBlocks(const std::vector<Node>& nodes, const std::vector<Block>& blocks,
                                 const std::vector<double>& weights, const std::vector<char>* agrees) {
  const int container = BestContainer(nodes, blocks, weights);
  std::vector<size_t> kept;
  for (size_t b = 0; b < blocks.size(); ++b) {
    const Block& block = blocks[b];
    if (block.owner < container || block.owner >= nodes[container].end) continue;
    if (nodes[block.owner].tag == GUMBO_TAG_H1) continue;
    if (IsShortLabel(block) && !IsTextElement(nodes[block.owner].tag)) continue;
    const bool confirmed = agrees && (*agrees)[b];
    if (block.LinkDominated() && !confirmed) continue;
    kept.push_back(b);
  }
  // Short lines at the edges without a sentence's end are labels, dates and
  // buttons ("Text size", "Advertisement").
  auto label = [&](size_t b) { return IsShortLabel(blocks[b]) && !(agrees && (*agrees)[b]); };
  // An article does not end with a heading: trailing ones head furniture
  // ("Related content") whose items were dropped or are loaded by script.
  auto trailing = [&](size_t b) { return label(b) || IsHeading(nodes[blocks[b].owner].tag); };
  while (!kept.empty() && trailing(kept.back())) kept.pop_back();
  size_t labels = 0;
  while (labels < kept.size() && label(kept[labels])) ++labels;
  kept.erase(kept.begin(), kept.begin() + static_cast<long>(labels));
  if (agrees) {
    while (!kept.empty() && !(*agrees)[kept.back()]) kept.pop_back();
    size_t first = 0;
    while (first < kept.size() && !(*agrees)[kept[first]]) ++first;
    kept.erase(kept.begin(), kept.begin() + static_cast<long>(first));
  }
  return kept;
}

size_t TotalChars(const std::vector<Block>& blocks, const std::vector<size_t>& selection) {
  size_t total = 0;
  for (size_t b : selection) total += blocks[b].chars();
  return total;
}

}  // namespace

std::string ExtractMainText(const GumboNode* root, std::string_view json_ld_body) {
  std::vector<Node> nodes = Flatten(root);
  DropFurniture(&nodes);
  std::vector<Block> blocks = BlockBuilder(nodes).Build();
  if (DropTeaserListings(blocks, &nodes)) blocks = BlockBuilder(nodes).Build();
  if (blocks.empty()) return {};

  std::vector<double> weights(blocks.size());
  for (size_t b = 0; b < blocks.size(); ++b) weights[b] = ProseWeight(blocks[b]);
  std::vector<size_t> kept = SelectBlocks(nodes, blocks, weights, nullptr);

  // The JSON-LD articleBody guides the choice when the page's blocks agree
  // with it and it is not a shortened excerpt of what the page shows.
  constexpr double kMinHintCoverage = 0.5;
  constexpr double kMinHintShare = 0.6;
  const HintAgreement hint = AgreeWithHint(blocks, json_ld_body);
  if (hint.coverage >= kMinHintCoverage &&
      static_cast<double>(json_ld_body.size()) >=
          kMinHintShare * static_cast<double>(TotalChars(blocks, kept))) {
    for (size_t b = 0; b < blocks.size(); ++b) {
      const double chars = static_cast<double>(blocks[b].chars());
      weights[b] = hint.agrees[b] ? chars : -chars;
    }
    kept = SelectBlocks(nodes, blocks, weights, &hint.agrees);
  }

  std::string text;
  for (size_t b : kept) {
    if (!text.empty()) text += "\n\n";
    text += blocks[b].text;
  }
  return text;
}

}  // namespace newsmine
