#include "extract/actor_mentions.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <span>
#include <string_view>

#include "extract/actor_lexicon.h"
#include "extract/short_words.h"

namespace newsmine {
namespace {

bool IsPossessive(std::string_view t) {
  return t == "'s" || t == "\xE2\x80\x99s" || t == "'" || t == "\xE2\x80\x99";
}

// Some byte of the 1 <= n <= 8 bytes at p is in [lo, hi] (ASCII).
bool AnyByteInRange(const char* p, size_t n, char lo, char hi) {
  return short_words::AsciiBytesInRange(short_words::LoadUpTo8(p, n), lo, hi) != 0;
}

// An upper-case letter after three lower-case ones inside a word
// ("SpaceX", "RealClearPolitics"), but not "McCarthy" or "MacArthur".
bool IsCamelCase(std::string_view word) {
  // The capital is at offset 4 or later: most words have none there, seen
  // in one load.
  if (word.size() < 5) return false;
  if (word.size() <= 12 && !AnyByteInRange(word.data() + 4, word.size() - 4, 'A', 'Z')) return false;
  size_t lower_run = 0;
  for (size_t i = 1; i < word.size(); ++i) {
    const char c = word[i];
    if (c >= 'a' && c <= 'z') {
      ++lower_run;
    } else if (c >= 'A' && c <= 'Z' && lower_run >= 3 && word.substr(0, 3) != "Mac") {
      return true;
    } else {
      lower_run = 0;
    }
  }
  return false;
}

// Endings of abstract nouns, rare in surnames: "Development", "Sciences".
bool HasNounEnding(std::string_view key) {
  static constexpr std::string_view kEndings[] = {"tion",  "tions", "ment",  "ments", "ity",
                                                  "ness",  "ics",   "ences", "ances", "ship",
                                                  "ships", "ism",   "ology", "ory",   "ings"};
  // The endings' last letters: a key ending otherwise (most) is compared with none.
  static constexpr std::string_view kLastLetters = "nstypm";
  static_assert(std::ranges::all_of(
      kEndings, [](std::string_view e) { return kLastLetters.find(e.back()) != std::string_view::npos; }));
  // (Six: the shortest ending, three letters, and three more.)
  if (key.size() < 6 || kLastLetters.find(key.back()) == std::string_view::npos) return false;
  for (const std::string_view ending : kEndings) {
    if (key.size() > ending.size() + 2 && key.substr(key.size() - ending.size()) == ending) return true;
  }
  return false;
}

// "presidents" -> "president"; other words unchanged.
std::string_view Singular(std::string_view key) {
  if (key.size() > 3 && key.back() == 's' && IsRoleHead(key.substr(0, key.size() - 1))) {
    return key.substr(0, key.size() - 1);
  }
  return key;
}

// "presidents", "lawyers": a role head in the plural.
bool IsPluralRoleHead(std::string_view key) { return Singular(key).size() != key.size(); }

// The role with its last word singular: "foreign ministers" -> "foreign
// minister" (a prefix of `role`).
std::string_view SingularRole(std::string_view role) {
  const size_t space = role.rfind(' ');
  const size_t start = space == std::string_view::npos ? 0 : space + 1;
  return role.substr(0, start + Singular(role.substr(start)).size());
}

bool HasDigit(std::string_view word) {
  if (!word.empty() && word.size() <= 8) return AnyByteInRange(word.data(), word.size(), '0', '9');
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "al-Assad", "el-Sisi", "bin-Salman": a lower-case particle joined to a name.
bool IsParticleJoinedName(std::string_view word) {
  const size_t dash = word.find('-');
  if (dash == std::string_view::npos || dash + 1 >= word.size()) return false;
  const char next = word[dash + 1];
  return next >= 'A' && next <= 'Z' && IsNameParticle(word.substr(0, dash));
}

bool IsCorporateSuffix(std::string_view key) {
  return key == "ltd" || key == "inc" || key == "corp" || key == "co" || key == "plc" || key == "llc";
}

// Initials of a multi-word organisation name without its function words
// ("organization for security and cooperation in europe" -> "osce"), in
// `memory`'s chars.
std::string_view Initials(ActorKeys keys, ActorMentions* memory) {
  if (keys.size() < 2) return std::string_view();  // most mentions: no lookups
  char* const out = memory->chars.Allocate(keys.size());
  size_t words = 0;
  for (const std::string_view k : keys) {
    if (k.empty() || IsOrganizationConnector(k) || k == "to") continue;
    out[words++] = k[0];
  }
  return words > 1 ? std::string_view(out, words) : std::string_view();
}

// The gazetteer's longest match at a token (MentionFinder::MatchState()).
struct TokenState {
  const StateEntry* entry;  // the state it names, if one (the gazetteer's)
  int32_t length;
};

// What is known of a token's word, filled in on first use. A field is read
// only once `known` says it is set, so a token's record is cleared (in
// every text, for every token) by clearing `known`: one four-byte store.
struct TokenWords {
  const char* key_data;           // Key(), with key_size, once known.key
  const StateEntry* state_entry;  // MatchState(), with state_length, once known.state
  uint32_t key_size;
  uint32_t classes;  // WordClasses(key), once known.classes
  int32_t state_length;
  struct Known {
    bool key;
    bool classes;
    bool state;
    enum : uint8_t { kNotAsked, kYes, kNo } lower_case;  // KeyUsedInLowerCase()
  } known;
};
static_assert(sizeof(TokenWords) == 32);

// The words of a sentence (MarkNameTokens), those capitalised and those in capitals.
struct SentenceShape {
  uint32_t words = 0;
  uint32_t capitalised = 0;
  uint32_t all_caps = 0;
};

struct LowerCaseAnswer {
  std::string_view key;
  bool used = false;
  uint32_t next = 0;  // 1 + index of the next answer of the same signature, 0 at the end
};

// A MentionFinder's working memory. Each thread keeps one, reused from text
// to text: finding the mentions of a text allocates nothing once the texts
// before were as large.
struct MentionScratch {
  std::vector<TokenWords> words;      // per token
  std::vector<uint8_t> marks;         // per token and one more, see kNameMark
  std::vector<SentenceShape> shapes;  // per sentence
  // The tokens IsNameToken() accepts, in order: the first
  // MentionFinder::name_token_count_ of room for one per token.
  std::vector<uint32_t> name_tokens;
  std::vector<LowerCaseAnswer> lower_case_answers;  // UsedInLowerCase() asked so far
  std::vector<uint32_t> lower_case_heads;           // per signature: 1 + index of its last answer, or 0
  std::vector<std::string_view> blocked_acronyms;   // few per text
  std::vector<std::string_view> defined_acronyms;   // few per text
  std::string phrase;                               // see JoinedKeys()
};

// A lower-case word's one-byte signature for MentionFinder::UsedInLowerCase():
// odd; equal words have equal signatures. `word` is not empty. Made for
// every lower-case word of every text, so in three 'lea's: its first and
// last bytes and its size, spread over the seven bits above the low one.
uint8_t WordSignature(const char* word, size_t size) {
  const size_t mixed = static_cast<uint8_t>(word[0]) +
                       4 * static_cast<size_t>(static_cast<uint8_t>(word[size - 1])) + 8 * size;
  return static_cast<uint8_t>(2 * mixed + 1);
}

// A token's byte in MentionScratch::marks: kNameMark for a name word
// (IsNameToken()), the WordSignature() of another lower-case word,
// kOtherWordMark for any other word, 0 for a token that is no word. One
// byte array answers the three questions asked of every token. A lower-case
// name word ("al-Assad") needs no signature: a capital follows its dash, and
// no key, being folded, equals its text.
constexpr uint8_t kNameMark = 2;       // even: no signature
constexpr uint8_t kOtherWordMark = 4;  // a capitalised descriptive compound ("Yemen-based")

// MarkNameTokens()'s work on one token, with its arrays and the count of
// name tokens in locals: the mark stores are byte stores, which the
// compiler must assume alias every member of the finder (and of a vector).
struct TokenMarks {
  const char* text;
  const Token* tokens;
  TokenWords* words;
  uint8_t* marks;
  uint32_t* name_tokens;  // room for one per token
  size_t name_count = 0;

  // Clears what is known of token i, marks it (see kNameMark), lists it
  // when a name word and counts it in *shape when a word. A word's
  // capital is counted in the branch that tests it: most words take one
  // of the two branches on has_joiner and upper_initial and no other test.
  [[gnu::always_inline]] void Mark(size_t i, SentenceShape* shape) {
    // Here rather than with one memset of all the records: a large memset
    // is a 'rep stosb', and this is one store.
    words[i].known = {};
    const Token& t = tokens[i];
    if (t.kind != Token::Kind::kWord) {
      marks[i] = 0;
      return;
    }
    ++shape->words;
    shape->all_caps += t.all_upper;  // (a word in capitals may start with a digit: "4WD")
    uint8_t mark;
    if (!t.has_joiner) {  // most words: no hyphen, and a name word needs no look at its text
      if (!t.upper_initial) {
        marks[i] = WordSignature(text + t.begin, t.end - t.begin);
        return;
      }
      ++shape->capitalised;
      mark = kNameMark;
    } else {
      shape->capitalised += t.upper_initial;
      const std::string_view word(text + t.begin, t.end - t.begin);
      const bool hyphen = word.find('-') != std::string_view::npos;
      if (t.upper_initial) {
        mark = !hyphen || !IsDescriptiveCompound(word) ? kNameMark : kOtherWordMark;
      } else {
        mark = hyphen && IsParticleJoinedName(word) ? kNameMark : WordSignature(word.data(), word.size());
      }
    }
    marks[i] = mark;
    if (mark == kNameMark) name_tokens[name_count++] = static_cast<uint32_t>(i);
  }
};

// `v` with room for `n` elements, grown when it has less: what it holds is
// left as it is.
template <typename T>
T* Resized(std::vector<T>* v, size_t n) {
  if (v->size() < n) v->resize(n);
  return v->data();
}

class MentionFinder {
 public:
  // Fills *result, cleared first, when Run().
  MentionFinder(const AnalyzedText& text, const ActorDictionary& dictionary, const StateGazetteer& states,
                MentionScratch* scratch, ActorMentions* result)
      : text_(text),
        tokens_(text.tokens()),
        chars_(text.text().data()),
        dictionary_(dictionary),
        states_(states),
        words_(Resized(&scratch->words, text.tokens().size())),
        phrase_(scratch->phrase),
        defined_acronyms_(scratch->defined_acronyms),
        blocked_acronyms_(scratch->blocked_acronyms),
        marks_(Resized(&scratch->marks, text.tokens().size() + 1)),
        lower_case_answers_(scratch->lower_case_answers),
        lower_case_heads_(scratch->lower_case_heads),
        shapes_(scratch->shapes),
        name_tokens_(Resized(&scratch->name_tokens, text.tokens().size())),
        result_(*result) {
    result_.mentions.clear();
    result_.views.Clear();
    result_.chars.Clear();
    blocked_acronyms_.clear();
    defined_acronyms_.clear();
    lower_case_answers_.clear();
    lower_case_heads_.clear();
    MarkNameTokens();
    // Mentions are large to move: room for about one per 16 tokens (news
    // text has fewer) spares most of the vector's regrowth in a long text.
    result_.mentions.reserve(tokens_.size() / 16);
  }

  void Run() {
    const std::vector<Sentence>& sentences = text_.sentences();
    for (size_t s = 0; s < sentences.size(); ++s) ScanSentence(sentences[s], shapes_[s]);
    // Acronyms the text defined for things that are not actors ("Act (BIPA)").
    std::erase_if(result_.mentions, [this](const ActorMention& m) {
      return m.acronym_run && m.keys.size() == 1 && !m.entry &&
             std::find(blocked_acronyms_.begin(), blocked_acronyms_.end(), m.keys[0]) !=
                 blocked_acronyms_.end();
    });
  }

 private:
  // ActorKey() of token `i`: its folded form in the AnalyzedText, or for
  // the few with periods or typographic apostrophes ("U.S.") a key of our own.
  std::string_view Key(size_t i) {
    const TokenWords& w = words_[i];
    if (!w.known.key) MakeKey(i);
    return std::string_view(w.key_data, w.key_size);
  }

  // Out of line: once per token, and Key() stays small enough to inline.
  // Typographic apostrophes ('\xE2' lead byte) only occur in non-ASCII
  // tokens; an ASCII key can have a period only when its token has a joiner:
  // the key of an ASCII token without one (most) is its folded form, set
  // here with no call (and so no registers to save); the others' is made
  // by MakeJoinedOrNonAsciiKey().
  [[gnu::noinline]] void MakeKey(size_t i) {
    if (!tokens_[i].ascii || tokens_[i].has_joiner) return MakeJoinedOrNonAsciiKey(i);
    SetKey(i, text_.Folded(i));
  }

  [[gnu::noinline]] void MakeJoinedOrNonAsciiKey(size_t i) {
    const std::string_view key = text_.Folded(i);
    const bool own = tokens_[i].ascii ? std::memchr(key.data(), '.', key.size()) != nullptr
                                      : std::any_of(key.begin(), key.end(),
                                                    [](char c) { return c == '.' || c == '\xE2'; });
    SetKey(i, own ? result_.Keep(FoldedActorKey(key)) : key);
  }

  void SetKey(size_t i, std::string_view key) {
    TokenWords& w = words_[i];
    w.known.key = true;
    w.key_data = key.data();
    w.key_size = static_cast<uint32_t>(key.size());
  }

  // WordClasses() of the key of token `i`: one lexicon lookup per token,
  // however often it is asked.
  uint32_t Classes(size_t i) {
    TokenWords& w = words_[i];
    if (!w.known.classes) {
      w.known.classes = true;
      w.classes = WordClasses(Key(i));
    }
    return w.classes;
  }

  // True when the key of token `i` is in one of `word_classes` (WordClass bits).
  bool InClass(size_t i, uint32_t word_classes) { return (Classes(i) & word_classes) != 0; }

  // Asked of tokens up to the one after the last (i <= tokens_.size()):
  // the marks end in a 0 for that one, so no bounds test. (From the marks,
  // not the tokens: one byte per token, at hand in cache.)
  bool IsWord(size_t i) const {
    assert(i <= tokens_.size());
    return marks_[i] != 0;
  }
  // AnalyzedText::TokenText(i), without its bounds check and with the text
  // at hand: asked of most tokens, several times.
  std::string_view Text(size_t i) const {
    const Token& t = tokens_[i];
    return std::string_view(chars_ + t.begin, t.end - t.begin);
  }

  // A word that can be part of a name: capitalised and no descriptive
  // compound ("Yemen-based"), or a particle joined to a name ("al-Assad").
  // As IsWord(), i <= tokens_.size().
  bool IsNameToken(size_t i) const {
    assert(i <= tokens_.size());
    return marks_[i] == kNameMark;
  }

  // Clears the token records, works out IsNameToken() for every token in
  // one pass, lists the name tokens, signs the lower-case words for
  // UsedInLowerCase() and counts the words of each sentence for
  // IsHeadline(). Only words with a hyphen need more than their token flags,
  // and only words with a joiner can have one. (Locals throughout: the mark
  // stores are byte stores, which the compiler must assume alias every
  // member.)
  void MarkNameTokens() {
    const char* const text = text_.text().data();
    const std::vector<Sentence>& sentences = text_.sentences();
    const Token* const tokens = tokens_.data();
    const size_t token_count = tokens_.size();
    TokenMarks marks{text, tokens, words_, marks_, name_tokens_};
    shapes_.resize(sentences.size());
    size_t i = 0;
    SentenceShape outside;  // tokens in no sentence (none: sentences tile the text) are not counted
    for (size_t s = 0; s < sentences.size(); ++s) {
      for (; i < sentences[s].first_token; ++i) marks.Mark(i, &outside);
      const size_t end = sentences[s].end_token;
      SentenceShape shape;
      for (; i < end; ++i) marks.Mark(i, &shape);
      shapes_[s] = shape;
    }
    for (; i < token_count; ++i) marks.Mark(i, &outside);
    marks_[token_count] = 0;  // the token after the last is no word (IsWord())
    name_token_count_ = marks.name_count;
  }

  bool IsRoleWord(size_t i) { return IsWord(i) && InClass(i, kRoleHead | kRoleModifier); }

  // A word that appears in lower case somewhere in the text ("Despite").
  // Asked about a few words per text, most of them names that never appear
  // in lower case. Every lower-case word has a one-byte signature in its
  // mark (kNameMark); a question is one memchr over the marks and an
  // exact comparison at the few tokens that share the key's. Names recur,
  // and in a long text many lower-case words share a signature: there the
  // answers are kept per key, chained from their signature.
  bool UsedInLowerCase(std::string_view key) {
    if (key.empty()) return false;
    const uint8_t wanted = WordSignature(key.data(), key.size());
    if (tokens_.size() < kKeepLowerCaseAnswersFrom) return ScanForLowerCase(key, wanted);
    if (lower_case_heads_.empty()) lower_case_heads_.resize(256);
    for (uint32_t a = lower_case_heads_[wanted]; a != 0;) {
      const LowerCaseAnswer& answer = lower_case_answers_[a - 1];
      if (answer.key == key) return answer.used;
      a = answer.next;
    }
    const bool used = ScanForLowerCase(key, wanted);
    lower_case_answers_.push_back({key, used, lower_case_heads_[wanted]});
    lower_case_heads_[wanted] = static_cast<uint32_t>(lower_case_answers_.size());
    return used;
  }

  // UsedInLowerCase() without the answers kept: `wanted` is the key's signature.
  bool ScanForLowerCase(std::string_view key, uint8_t wanted) const {
    const char* text = text_.text().data();
    const uint8_t* signatures = marks_;
    const uint8_t* const end = signatures + tokens_.size();
    for (const uint8_t* at = signatures;
         (at = static_cast<const uint8_t*>(std::memchr(at, wanted, end - at))) != nullptr; ++at) {
      const Token& t = tokens_[at - signatures];
      if (t.end - t.begin == key.size() && std::memcmp(text + t.begin, key.data(), key.size()) == 0)
        return true;
    }
    return false;
  }

  // UsedInLowerCase(Key(i)), asked once per token.
  bool KeyUsedInLowerCase(size_t i) {
    TokenWords& w = words_[i];
    if (w.known.lower_case == TokenWords::Known::kNotAsked) {
      w.known.lower_case = UsedInLowerCase(Key(i)) ? TokenWords::Known::kYes : TokenWords::Known::kNo;
    }
    return w.known.lower_case == TokenWords::Known::kYes;
  }

  // The gazetteer's longest match at token `i`, asked once per token.
  TokenState MatchState(size_t i) {
    TokenWords& w = words_[i];
    if (!w.known.state) {
      w.known.state = true;
      const StateMatch found = states_.Match(text_, i);
      w.state_length = static_cast<int32_t>(found.length);
      w.state_entry = nullptr;
      // One state, or a demonym shared by several ("Korean"): take the first.
      if (found.length > 0 && found.entries && !found.entries->empty() &&
          (found.entries->size() == 1 || found.entries->front().cue == StateCue::kDemonym)) {
        w.state_entry = &found.entries->front();
      }
    }
    return {w.state_entry, w.state_length};
  }

  // The state the `length` tokens at `i` name exactly; null when none.
  const StateEntry* StateAt(size_t i, size_t length) {
    const TokenState match = MatchState(i);
    return match.length == static_cast<int32_t>(length) ? match.entry : nullptr;
  }

  // The length of the state phrase at `i` (0 when none).
  size_t StateLength(size_t i) { return static_cast<size_t>(MatchState(i).length); }

  std::string_view StateCode(size_t i, size_t length) {
    const StateEntry* state = StateAt(i, length);
    return state ? std::string_view(state->code) : std::string_view();
  }

  // Lines in capitals (wire headlines) and in title case give no evidence.
  static bool IsHeadline(size_t words, size_t capitalised, size_t all_caps) {
    return (words >= 3 && all_caps * 2 > words) || (words >= 5 && capitalised * 5 >= words * 4);
  }

  void ScanSentence(const Sentence& sentence, const SentenceShape& shape) {
    const size_t words = shape.words, capitalised = shape.capitalised, all_caps = shape.all_caps;
    // The name tokens of earlier sentences (a skipped one's too) are behind.
    while (next_name_ < name_token_count_ && name_tokens_[next_name_] < sentence.first_token) ++next_name_;
    const bool terminated = sentence.end_token > sentence.first_token &&
                            (Text(sentence.end_token - 1) == "." || Text(sentence.end_token - 1) == "?" ||
                             Text(sentence.end_token - 1) == "!");
    headline_ = IsHeadline(words, terminated ? 0 : capitalised, all_caps);
    // A line in capitals ("BAHIA COCOA REVIEW") tells nothing about case:
    // nothing in it can be told from a common word.
    if (words >= 3 && all_caps * 2 > words) return;
    sentence_ = &sentence;
    // Each name token not inside a span already taken starts a span.
    size_t i = sentence.first_token;
    for (; next_name_ < name_token_count_ && name_tokens_[next_name_] < sentence.end_token; ++next_name_) {
      const size_t first = name_tokens_[next_name_];
      if (first < i || first < defined_acronyms_end_) continue;
      i = ExtendSpan(first, sentence.end_token);
      if (i + 1 < sentence.end_token && Text(i) == "," && IsNameToken(i + 1) &&
          (EmitJoinedByAcronym(first, &i) || EmitJoinedFieldList(first, &i)))
        continue;
      if (!IsDateline(first, i)) ProcessSpan(first, i);
    }
  }

  // The end of the capitalised run starting at `first`.
  [[gnu::always_inline]] size_t ExtendSpan(size_t first, size_t limit) {
    size_t j = first + 1;
    while (j < limit) {
      if (IsNameToken(j)) {
        ++j;
        continue;
      }
      const std::string_view t = Text(j);
      // "Kurdistan Workers' Party": a plural possessive inside a name.
      if ((t == "'" || t == "\xE2\x80\x99") && j + 1 < limit && IsNameToken(j + 1) &&
          !tokens_[j].space_before && Text(j - 1).back() == 's') {
        ++j;
        continue;
      }
      // "Mr. Smith", "George W. Bush": the period of an abbreviation.
      if (t == "." && j + 1 < limit && IsNameToken(j + 1) &&
          (Text(j - 1).size() == 1 || InClass(j - 1, kHonorific | kRoleHead))) {
        ++j;
        continue;
      }
      // A connector before a name, or before "the" and a name ("Green Party
      // of the United States"), or two name particles before a name ("Ursula
      // von der Leyen", "Vincent van der Voort"). The names after are tested
      // first: most runs end at a word that is followed by none, with no
      // lexicon lookup (the connector test below looks the word up, so it
      // comes after this exit).
      const bool name_after = j + 1 < limit && IsNameToken(j + 1);
      const bool word_name_after = !name_after && j + 2 < limit && IsNameToken(j + 2) && IsWord(j + 1);
      if (!name_after && !word_name_after) break;
      const bool connector =
          IsWord(j) && Key(j) != "the" && InClass(j, kNameParticle | kOrganizationConnector);
      if ((name_after && (connector || t == "&")) ||
          (word_name_after && ((Key(j + 1) == "the" && (connector || t == "&")) ||
                               (InClass(j, kNameParticle) && InClass(j + 1, kNameParticle))))) {
        j += name_after ? 2 : 3;
        continue;
      }
      break;
    }
    return j;
  }

  // "United Nations Educational, Scientific and Cultural Organization
  // (UNESCO)": runs joined by commas, the last with an organisation noun,
  // whose initials spell the acronym in parentheses after it are one
  // organisation. Emits it and sets *end to the end of the last run; false
  // when there is no such acronym after the run ending at *end (a comma).
  // Out of line: rare, and the scan loop stays small.
  [[gnu::noinline]] bool EmitJoinedByAcronym(size_t first, size_t* end) {
    // The "(" must follow one of the next runs, which end at the sentence's
    // end or before: most sentences have no '(' byte there, seen with one
    // memchr and no run extended.
    const size_t last = std::min<size_t>(sentence_->end_token, tokens_.size() - 1);
    const char* const from = chars_ + tokens_[*end].end;
    if (std::memchr(from, '(', chars_ + tokens_[last].end - from) == nullptr) return false;
    const size_t joined = JoinedByAcronym(first, *end);
    if (joined == *end) return false;
    *end = joined;
    EmitOrganization(first, joined);
    return true;
  }

  // The end of the runs EmitJoinedByAcronym() joins, or `end`.
  size_t JoinedByAcronym(size_t first, size_t end) {
    const size_t limit = sentence_->end_token;
    size_t e = end;
    for (int runs = 0; runs < 3 && e + 1 < limit && Text(e) == "," && IsNameToken(e + 1); ++runs) {
      const size_t start = e + 1;
      e = ExtendSpan(start, limit);
      const size_t group_end = AcronymGroupEnd(e);
      if (group_end == 0) continue;
      if (group_end != e + 3 || !HasCue(start, e)) return end;  // one acronym, after an organisation
      const std::string_view acronym = Text(e + 1);
      size_t letters = 0;
      for (size_t i = first; i < e; ++i) {
        if (!IsWord(i) || !tokens_[i].upper_initial) continue;  // "and", "of", commas
        if (letters >= acronym.size() || Text(i)[0] != acronym[letters]) return end;
        ++letters;
      }
      return letters == acronym.size() ? e : end;
    }
    return end;
  }

  // "the Bureau of Alcohol, Tobacco, Firearms and Explosives": a run ending
  // in "<organisation noun> of/for <field>", then one-word fields in commas
  // and a last "<field> and <field>", is one organisation (IsField() for
  // each field). Emits it and sets *end to the end of the last run; false
  // otherwise. Out of line: rare.
  [[gnu::noinline]] bool EmitJoinedFieldList(size_t first, size_t* end) {
    const size_t e = *end;
    if (e - first < 3 || (Key(e - 2) != "of" && Key(e - 2) != "for") || !HasCue(first, e - 2) ||
        !IsField(e - 1, e)) {
      return false;
    }
    const size_t limit = sentence_->end_token;
    for (size_t next = e; next + 1 < limit && Text(next) == "," && IsNameToken(next + 1);) {
      const size_t start = next + 1;
      const size_t run_end = ExtendSpan(start, limit);
      if (run_end == start + 1 && IsField(start, run_end)) {
        next = run_end;
        continue;
      }
      if (run_end != start + 3 || Key(start + 1) != "and" || !IsField(start, start + 1) ||
          !IsField(start + 2, run_end)) {
        return false;
      }
      *end = run_end;
      EmitOrganization(first, run_end);
      return true;
    }
    return false;
  }

  // "    WASHINGTON - " / "TRAIL, British Columbia, March 2 -": a wire
  // dateline in capitals at the start of a paragraph.
  bool IsDateline(size_t first, size_t end) const {
    for (size_t i = first; i < end; ++i) {
      if (!tokens_[i].all_upper && IsWord(i)) return false;
    }
    return end < tokens_.size() && (Text(end) == "-" || Text(end) == ",") && first == sentence_->first_token;
  }

  bool IsCueAt(size_t i) { return IsWord(i) && tokens_[i].upper_initial && InClass(i, kOrganizationCue); }

  bool HasCue(size_t first, size_t end) {
    for (size_t i = first; i < end; ++i) {
      if (IsCueAt(i)) return true;
    }
    return false;
  }

  // Two or more name words, none common, no organisation noun, not a state:
  // "Donald Trump", but not "New Zealand" ("Reserve Bank of New Zealand").
  bool LooksLikePerson(size_t first, size_t end) {
    if (IsStateSpan(first, end)) return false;
    size_t words = 0;
    for (size_t i = first; i < end; ++i) {
      if (!IsWord(i) || InClass(i, kNameParticle)) continue;
      if (InClass(i, kCommonCapitalisedWord | kOrganizationCue) || tokens_[i].all_upper) return false;
      ++words;
    }
    return words >= 2;
  }

  void ProcessSpan(size_t first, size_t end) {
    // A name the dictionary knows as a whole ("Saudi Aramco") is taken as is.
    // (A lone word, the most frequent run, can be no such name: it skips the
    // function-word test, which may have to index the text's lower-case words.)
    const size_t start = end - first >= 2 ? SkipFunctionWords(first, end) : end;
    if (end - start >= 2 && !IsStateSpan(start, end)) {
      if (const ActorEntry* entry = LookUpSpan(start, end).entry;
          entry && entry->type != ActorType::kUnknown && !NamesAnotherBody(start, end, entry)) {
        EmitKnown(start, end, entry);
        return;
      }
    }
    if (end - first == 1 && IsDroppedWord(first)) return;
    if (HasCue(first, end)) {
      SplitOrganizations(first, end);
    } else if (end - first == 1 && !InClass(first, kOrganizationCue | kPartyLabel)) {
      // A lone word IsDroppedWord() has kept (and not as an organisation
      // noun or a party label, which it keeps untested) is its own piece,
      // with nothing to strip off.
      EmitPiece(first, end, /*strip=*/false);
    } else {
      SplitPieces(first, end);
    }
  }

  // A lone name word that EmitPiece() would drop before building a mention,
  // not an organisation noun or a party label: one StripLeading() cuts off
  // (a connector, an honorific or a common word: "The", "Mr", "March"), a
  // particle StripTrailing() cuts off, a modifier with no title after it
  // ("Former"), or a state ("Japan"). Most lone words are such words. The
  // rules are those of StripLeading(), StripTrailing() and EmitPiece().
  bool IsDroppedWord(size_t i) {
    if (!IsWord(i)) return false;
    const uint32_t classes = Classes(i);
    if (classes & (kOrganizationCue | kPartyLabel)) return false;
    return (classes & (kCutBeforeName | kHonorific | kCutAfterName)) || IsUntitledModifier(classes) ||
           IsCommonLeadingWord(i) || IsStateSpan(i, i + 1);
  }

  // The drop rules IsDroppedWord() shares with StripLeading(), StripTrailing()
  // and EmitPiece().
  //
  // Words StripLeading() cuts off the front of a name (periods too).
  static constexpr uint32_t kCutBeforeName = kOrganizationConnector;
  // Words StripTrailing() cuts off the end of a name (non-words too).
  static constexpr uint32_t kCutAfterName = kOrganizationConnector | kNameParticle;
  // A word that dates or qualifies a title ("Former", "Deputy") but is no
  // title itself, by its word classes: no name without a title after it.
  static bool IsUntitledModifier(uint32_t classes) {
    return (classes & kTemporalModifier) || ((classes & kRoleModifier) && !(classes & kRoleHead));
  }
  // A common word StripLeading() cuts off the front of a name: one that is
  // no given name ("March", but not "Bill"), or a sentence-initial word the
  // text also writes in lower case.
  bool IsCommonLeadingWord(size_t i) {
    if (!defined_acronyms_.empty() && IsDefinedAcronym(i)) return false;
    return (InClass(i, kCommonCapitalisedWord) && !InClass(i, kCommonGivenName)) ||
           (tokens_[i].sentence_initial && KeyUsedInLowerCase(i));
  }

  // Skips a leading "the" or other lower-case connector, and sentence-initial
  // words the text also writes in lower case ("Yesterday the ..."); a leading state stays ("US Senate").
  size_t SkipFunctionWords(size_t first, size_t end) {
    while (first < end && (Key(first) == "the" || (IsWord(first) && !IsNameToken(first)) ||
                           (tokens_[first].sentence_initial && !IsCueAt(first) &&
                            (IsFunctionWord(first) || KeyUsedInLowerCase(first))))) {
      ++first;
    }
    return first;
  }

  // Common capitalised words that no organisation name starts with.
  bool IsFunctionWord(size_t i) {
    const std::string_view k = Key(i);
    return InClass(i, kCommonCapitalisedWord) && !InClass(i, kRoleModifier | kOrganizationCue) &&
           k != "united" && k != "national" && k != "new";
  }

  void EmitKnown(size_t first, size_t end, const ActorEntry* entry) {
    // Built in place (see EmitPiece()).
    ActorMention& m = result_.mentions.emplace_back();
    if (entry->type != ActorType::kOrganization) {  // "President Reagan": the title is a role
      bool titled = false;
      first = StripLeading(first, end, &m, &titled);
      while (first < end && (InClass(first, kOrganizationConnector) || !IsWord(first))) ++first;
      if (first >= end || IsStateSpan(first, end)) {  // "President of the United States"
        result_.mentions.pop_back();
        return;
      }
    }
    Fill(first, end, &m);
    m.entry = entry;
    m.state = entry->state;
    m.type = entry->type != ActorType::kUnknown
                 ? entry->type
                 : (HasCue(first, end) ? ActorType::kOrganization : ActorType::kPerson);
    if (m.type == ActorType::kOrganization) {
      m.core = m.keys;
      AttachAcronym(end, &m);
    } else {
      AddContextRoles(first, end, &m);
    }
    Complete(&m);
  }

  // A run with an organisation noun, cut where a new name plainly starts:
  // a title after a connector, "and the", a person after "of"/"for"
  // ("Presidency of Donald Trump"), a non-organisation after "in"/"on".
  void SplitOrganizations(size_t first, size_t end) {
    size_t start = first;
    for (size_t j = first + 1; j + 1 < end; ++j) {
      if (!IsWord(j) || tokens_[j].upper_initial) continue;
      const std::string_view k = Key(j);
      if (!InClass(j, kOrganizationConnector) || k == "the") continue;
      size_t right = j + 1;
      if (Key(right) == "the" && right + 1 < end) ++right;
      size_t right_end = right;
      while (right_end < end && (tokens_[right_end].upper_initial || !IsWord(right_end))) ++right_end;
      // A title after a connector starts a new name, but a plural one after
      // "of"/"for" is the body's members: "House of Representatives",
      // "Council of Ministers", "Board of Governors".
      bool split = InClass(right, kRoleHead | kHonorific) &&
                   !((k == "of" || k == "for") && IsPluralRoleHead(Key(right)));
      if (k == "and" || k == "&") {  // "the Senate and House of Representatives"
        split |= right > j + 1 || StateAt(start, j - start) || IsStateSpan(right, right_end) ||
                 (LooksLikePerson(right, right_end) && !IsFieldCoordination(start, j, right, right_end)) ||
                 (HasCue(start, j) && HasCue(right, right_end)) ||
                 (IsKnownOrganization(start, j) && IsKnownOrganization(right, right_end));
      } else if (!HasCue(start, j)) {
        split = true;  // "Joe Biden of the Democratic Party"
      } else if (k == "of" || k == "for") {
        split |= LooksLikePerson(right, right_end);
      } else if (k == "in") {
        // "the Foreign Ministry in Moscow": where it is, not its name.
        split |= !HasCue(right, right_end);
      } else {
        split |= !HasCue(right, right_end) && !IsStateSpan(right, right_end);
      }
      if (split) {
        EmitPieceOrOrganization(start, j);
        start = right;
      }
    }
    EmitPieceOrOrganization(start, end);
  }

  bool IsStateSpan(size_t first, size_t end) { return first < end && StateAt(first, end - first); }

  // After "<organisation noun> of/for", name words joined by "and" are the
  // fields of one body ("the Institute of Allergy and Infectious Diseases",
  // "the Department of Health and Human Services"), unless a side is a place
  // or state ("the University of Miami and Apex Shark Expeditions"), has
  // one ("Group of Five and Canada"), a given name ("the Office of Budget
  // and Planning James Miller": a person follows) or is a name of its own (an
  // acronym, a dictionary entry). Each side has one or two words: a longer
  // one runs into a name ("and Development Jean-Claude Paye"). `and_pos` is
  // the "and" between [start, and_pos) and [right, right_end).
  bool IsFieldCoordination(size_t start, size_t and_pos, size_t right, size_t right_end) {
    if (right != and_pos + 1 || right_end - right > 2) return false;
    size_t left = and_pos;
    while (left > start && IsWord(left - 1) && tokens_[left - 1].upper_initial) --left;
    if (left == and_pos || and_pos - left > 2 || left <= start + 1) return false;
    const std::string_view connector = Key(left - 1);
    if ((connector != "of" && connector != "for") || !HasCue(start, left - 1)) return false;
    return IsField(left, and_pos) && IsField(right, right_end);
  }

  // Name words that can be a field in an organisation's name ("Allergy",
  // "Infectious Diseases"): no place, state, given name, acronym,
  // organisation noun or name the dictionary knows.
  bool IsField(size_t first, size_t end) {
    for (size_t i = first; i < end; ++i) {
      if (!IsWord(i) || tokens_[i].all_upper || !tokens_[i].upper_initial ||
          InClass(i, kOrganizationCue | kNameParticle) || dictionary_.IsGivenName(Key(i)) ||
          dictionary_.IsPlace(Key(i)) || IsStateSpan(i, i + 1)) {
        return false;
      }
    }
    if (IsStateSpan(first, end)) return false;
    const SpanLookup& phrase = LookUpSpan(first, end);
    return !phrase.entry && !dictionary_.IsPlaceHashed(phrase.hash);
  }

  // Without a plural 's': "corps" stays, "forces" -> "force".
  static std::string_view CueStem(std::string_view w) {
    if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.remove_suffix(1);
    return w;
  }

  // An organisation name without the organisation noun of the dictionary
  // entry it is listed under names another body: Phoenix codes "US Senate"
  // and "US House of Representatives" as "United States Congress", the
  // "Quds Force" as the "Revolutionary Guard" (but "Iranian Revolutionary
  // Guard Corps" is that).
  bool NamesAnotherBody(size_t first, size_t end, const ActorEntry* entry) {
    if (entry->type != ActorType::kOrganization || !HasCue(first, end)) return false;
    // The entry's last organisation noun, from its id ("united-states-congress").
    std::string_view id_cue;
    const std::string_view id = entry->id;
    for (size_t stop = id.size(); stop > 0 && id_cue.empty();) {
      const size_t dash = id.rfind('-', stop - 1);
      const size_t start = dash == std::string_view::npos ? 0 : dash + 1;
      const std::string_view word = id.substr(start, stop - start);
      if (WordClasses(word) & kOrganizationCue) id_cue = CueStem(word);
      stop = dash == std::string_view::npos ? 0 : dash;
    }
    if (id_cue.empty()) return false;
    for (size_t i = first; i < end; ++i) {
      if (IsWord(i) && CueStem(Key(i)) == id_cue) return false;
    }
    return true;
  }

  // Tokens [first, end) name an organisation the dictionary knows: "Hamas"
  // and "Hezbollah" in "Hamas and Hezbollah".
  bool IsKnownOrganization(size_t first, size_t end) {
    if (first >= end) return false;
    const ActorEntry* entry = LookUpSpan(first, end).entry;
    return entry && entry->type == ActorType::kOrganization;
  }

  // An organisation name ends at its last organisation noun unless a
  // connector follows: "United Nations | Nikki Haley".
  void EmitPieceOrOrganization(size_t first, size_t end) {
    if (!HasCue(first, end)) {
      SplitPieces(first, end);
      return;
    }
    size_t last_cue = end - 1;
    while (!IsCueAt(last_cue)) --last_cue;
    // (Name particles are no connectors: "Commission President Ursula von
    // der Leyen".)
    bool connector_after = false;
    for (size_t i = last_cue + 1; i < end; ++i) {
      connector_after |= IsWord(i) && !tokens_[i].upper_initial && !InClass(i, kNameParticle);
    }
    const bool person_follows =
        last_cue + 1 < end &&
        (IsRoleWord(last_cue + 1) || InClass(last_cue + 1, kHonorific) || LooksLikePerson(last_cue + 1, end));
    if (person_follows && !connector_after) {
      EmitOrganization(first, last_cue + 1);
      SplitPieces(last_cue + 1, end);
    } else {
      EmitOrganization(first, end);
    }
  }

  // A run without an organisation noun: one piece per name between
  // connectors ("Russia and China", "Mubarak of Egypt"); name particles stay.
  void SplitPieces(size_t first, size_t end) {
    size_t start = first;
    for (size_t j = first; j < end; ++j) {
      if (!IsWord(j) || tokens_[j].upper_initial || IsNameToken(j) || InClass(j, kNameParticle)) continue;
      // "Secretary of State Corey Stapleton": the title holds together.
      if (j > first && j + 1 < end && InClass(j - 1, kRoleHead) && IsRoleWord(j + 1)) continue;
      EmitPiece(start, j);
      start = j + 1;
    }
    EmitPiece(start, end);
  }

  void EmitOrganization(size_t first, size_t end) {
    first = SkipFunctionWords(first, end);
    while (first < end && InClass(first, kTemporalModifier)) ++first;  // "Former ... Agency"
    end = StripTrailing(first, end);
    if (first >= end) return;
    if (IsStateSpan(first, end)) return;                        // "White House", "Kremlin"
    if (InClass(end - 1, kPlaceNoun) && !(end - first == 1)) {  // "Baghdad International Airport"
      Reject(end);
      return;
    }
    ActorMention& m = result_.mentions.emplace_back();  // built in place (see EmitPiece())
    bool lone_noun = false;
    if (end - first == 1 && InClass(end - 1, kOrganizationCue)) {
      // "The Guardian", "the Senate"; a lone "Alliance" only joins, unless
      // the dictionary names an organisation so ("Hezbollah"; not by a
      // synonym: Phoenix lists "Organization" for "Tanzim").
      if (first > 0 && Text(first - 1) == "The") {
        --first;
      } else if (IsOutletAt(first, end)) {  // "the Observer newspaper"
        first = WithArticle(first, end);
      } else {
        lone_noun = !(InClass(end - 1, kBareInstitution) && !tokens_[first].sentence_initial);
      }
    }
    Fill(first, end, &m);
    if (m.entry && NamesAnotherBody(first, end, m.entry)) m.entry = nullptr;  // its state stays
    m.weak = lone_noun && !(m.entry && m.entry->type == ActorType::kOrganization && m.entry->id == m.keys[0]);
    m.type = ActorType::kOrganization;
    m.weak |= headline_ && !m.entry;
    AttachAcronym(end, &m);
    SetCore(first, end, &m);
    Complete(&m);
  }

  // The organisation's keys without a leading "the" or state, and without a
  // trailing corporate suffix: "US Green Party" and "Green Party" are one.
  void SetCore(size_t first, size_t end, ActorMention* m) {
    size_t b = first;
    if (Key(b) == "the") ++b;
    if (const size_t n = StateLength(b); n > 0 && b + n < end) {
      if (m->state.empty()) m->state = StateCode(b, n);
      b += n;
    }
    size_t e = end;
    if (e - b > 1 && IsCorporateSuffix(Key(e - 1))) --e;
    m->core = SpanKeys(b, e);
  }

  // The end of "(OSCE)" / "(OSCE ODIHR)" starting at token `open`: the token
  // after ")", or 0 when there is none.
  size_t AcronymGroupEnd(size_t open) {
    if (open >= tokens_.size() || Text(open) != "(") return 0;
    size_t i = open + 1;
    while (i < tokens_.size() && i < open + 4 && IsWord(i) && tokens_[i].all_upper) ++i;
    return i > open + 1 && i < tokens_.size() && Text(i) == ")" ? i + 1 : 0;
  }

  // The key of the (last) acronym in parentheses right after token `end`,
  // or empty.
  std::string_view AcronymAfter(size_t end) {
    const size_t group_end = AcronymGroupEnd(end);
    return group_end ? Key(group_end - 2) : std::string_view();
  }

  // Attaches "(OSCE)" after an organisation to it; the acronyms there are no
  // mentions of their own.
  void AttachAcronym(size_t end, ActorMention* m) {
    m->acronym = AcronymAfter(end);
    if (m->acronym.empty()) return;
    defined_acronyms_end_ = AcronymGroupEnd(end);
    defined_acronyms_.push_back(m->acronym);
  }

  // An acronym in capitals that the text has defined ("(WHO)") is a name,
  // even where it spells a common word ("the WHO said").
  bool IsDefinedAcronym(size_t i) {
    return tokens_[i].all_upper &&
           std::find(defined_acronyms_.begin(), defined_acronyms_.end(), Key(i)) != defined_acronyms_.end();
  }

  // Drops trailing connectors, periods and a cut-off initial ("Sergey M.").
  size_t StripTrailing(size_t first, size_t end) {
    while (end > first && (!IsWord(end - 1) || InClass(end - 1, kCutAfterName) ||
                           (end - first > 1 && Text(end - 1).size() == 1))) {
      --end;
    }
    return end;
  }

  // Cuts off what precedes the name: function words, honorifics, titles and
  // states ("Russian Deputy Defense Minister", "Michigan Governor"). Returns
  // the new start.
  size_t StripLeading(size_t first, size_t end, ActorMention* m, bool* titled) {
    while (first < end) {
      if (Text(first) == "." || InClass(first, kCutBeforeName)) {
        ++first;
      } else if (InClass(first, kHonorific)) {
        *titled = true;
        ++first;
      } else if (IsRoleWord(first) && first + 1 < end) {
        break;
      } else if (IsCommonLeadingWord(first)) {
        ++first;
      } else if (const size_t n = StateLength(first); n > 0 && first + n + 2 <= end) {
        if (m->state.empty()) m->state = StateCode(first, n);  // "of France Emmanuel Macron"
        first += n;
      } else {
        break;
      }
    }
    // The last title in the run: "Michigan Governor Gretchen Whitmer".
    size_t title_end = first;
    for (size_t i = first; i + 1 < end; ++i) {
      if (InClass(i, kHonorific | kRoleHead)) {
        title_end = i + 1;
        // "Secretary of State", "Minister of Defence".
        // "Director of National Intelligence".
        if (i + 3 <= end && Key(i + 1) == "of" && IsRoleWord(i + 2)) {
          title_end = i + 3;
          while (title_end + 1 < end && IsRoleWord(title_end)) ++title_end;
        }
      }
    }
    if (title_end > first) {
      size_t role_start = title_end;
      while (role_start > first && (IsRoleWord(role_start - 1) || InClass(role_start - 1, kHonorific) ||
                                    (Key(role_start - 1) == "of" && role_start - 1 > first &&
                                     InClass(role_start - 2, kRoleHead)))) {
        --role_start;
      }
      std::string& role = phrase_;
      role.clear();
      for (size_t i = role_start; i < title_end; ++i) {
        if (InClass(i, kHonorific) || !IsWord(i)) continue;
        if (!role.empty()) role.push_back(' ');
        role += Key(i);
      }
      if (!role.empty()) AddRole(role, m);
      for (size_t b = first; b < role_start && m->state.empty(); ++b) {
        if (const StateEntry* state = StateAt(b, role_start - b)) m->state = state->code;
      }
      *titled = true;
      first = title_end;
    }
    while (first < end && Text(first) == ".") ++first;
    return first;
  }

  // `strip`: see BuildPiece().
  void EmitPiece(size_t first, size_t end, bool strip = true) {
    // Built in place at the end of the result (a mention is large to move),
    // taken back when the piece names no actor.
    Span split;
    if (BuildPiece(first, end, &result_.mentions.emplace_back(), &split, strip)) {
      Complete(&result_.mentions.back());
      return;
    }
    result_.mentions.pop_back();
    // "told NPR Hamza bin Laden": an acronym before a person is its own piece.
    if (split.end != 0) {
      EmitPiece(split.first, split.first + 1);
      EmitPiece(split.first + 1, split.end);
    }
  }

  // A token range [first, end).
  struct Span {
    size_t first = 0;
    size_t end = 0;
  };

  // Makes *m the mention of the piece [first, end). Returns false when the
  // piece names no actor; *split is then set, when not empty, to a piece
  // that is an acronym and a person, each a piece of its own. Without
  // `strip` the piece is a word IsDroppedWord() has kept, neither an
  // organisation noun nor a party label: then StripLeading() and
  // StripTrailing() would cut nothing, it is no untitled modifier and no
  // state, and those tests are skipped.
  bool BuildPiece(size_t first, size_t end, ActorMention* m, Span* split, bool strip) {
    // "a Democratic primary", "Labour MPs": a party adjective mid-sentence;
    // "Conservatives hold 44 seats": a plural label anywhere.
    const bool plural = Key(first).back() == 's';
    if (end - first == 1 && (plural || !tokens_[first].sentence_initial) && !headline_ && IsWord(first) &&
        InClass(first, kPartyLabel)) {
      Fill(first, end, m);
      MakeParty(PartyForLabel(Key(first)), m);
      return true;
    }
    bool titled = false;
    if (strip) {
      first = StripLeading(first, end, m, &titled);
      end = StripTrailing(first, end);
      // "Former New York": a modifier with no title after it is no name.
      while (!titled && first < end && IsUntitledModifier(Classes(first))) ++first;
      if (first >= end) return false;
      if (IsStateSpan(first, end)) return false;
    }
    if (end - first > 2 && tokens_[first].all_upper && StateLength(first) == 0 &&
        LooksLikePerson(first + 1, end)) {
      *split = {first, end};
      return false;
    }
    // "Vermont Bernie Sanders": a place before a person's name.
    if (end - first > 2 && dictionary_.IsPlace(Key(first)) && LooksLikePerson(first + 1, end)) ++first;
    // "Retired FBI agent", "Senior NATO officials": a sentence-initial or
    // title word before acronyms the dictionary knows as an organisation.
    if (end - first >= 2 && !tokens_[first].all_upper &&
        (tokens_[first].sentence_initial || IsRoleWord(first)) && AllAcronyms(first + 1, end) &&
        IsKnownOrganization(first + 1, end)) {
      ++first;
    }
    // "Afghan Taliban": a state before a name the dictionary knows.
    if (const size_t n = StateLength(first); n > 0 && n < end - first && LookUpSpan(first + n, end).entry) {
      if (m->state.empty()) m->state = StateCode(first, n);
      first += n;
    }
    const uint64_t phrase_hash = Fill(first, end, m);
    if ((!titled && !m->entry && dictionary_.IsPlaceHashed(phrase_hash)) ||
        !Classify(first, end, titled, m)) {
      Reject(end);
      return false;
    }
    // Headlines capitalise every word: there a name only counts when the
    // body names the same actor.
    if (headline_ && !m->entry) m->weak = true;
    if (m->type == ActorType::kPerson) AddContextRoles(first, end, m);
    if (m->type == ActorType::kOrganization) {
      AttachAcronym(end, m);
      if (m->core.empty()) m->core = m->keys;
    }
    return true;
  }

  // Makes the mention name the party `party` ("Democratic Party").
  void MakeParty(std::string_view party, ActorMention* m) {
    m->type = ActorType::kOrganization;
    m->display = party;
    std::string_view* const keys = NewKeys(std::count(party.begin(), party.end(), ' ') + 1);
    size_t n = 0;
    size_t start = 0;
    while (start < party.size()) {
      const size_t space = std::min(party.find(' ', start), party.size());
      keys[n++] = result_.Keep(ActorKey(party.substr(start, space - start)));
      start = space + 1;
    }
    m->keys = ActorKeys(keys, n);
    m->core = m->keys;
    m->entry = dictionary_.Find(Phrase(m->keys));
    m->state = {};
  }

  // Decides person, organisation or weak. Returns false to drop the piece.
  bool Classify(size_t first, size_t end, bool titled, ActorMention* m) {
    if (!ClassifyShape(first, end, titled, m)) return false;
    // "President Xi" is the current leader "Xi Jinping".
    if (m->type == ActorType::kPerson && !m->entry && m->keys.size() == 1) {
      m->entry = dictionary_.FindLeaderBySurname(m->keys[0], false);
      if (m->entry && m->state.empty()) m->state = m->entry->state;
    }
    return true;
  }

  bool ClassifyShape(size_t first, size_t end, bool titled, ActorMention* m) {
    const size_t n = end - first;
    if (m->entry && m->entry->type != ActorType::kUnknown) {
      m->type = m->entry->type;
      return true;
    }
    // A lone word's party label is known from its word classes.
    const std::string_view party = n > 1 ? PartyForLabel(SpanPhrase(first, end, m->keys))
                                   : IsWord(first) && InClass(first, kPartyLabel) ? PartyForLabel(Key(first))
                                                                                  : std::string_view();
    if (!party.empty()) {
      MakeParty(party, m);
      return true;
    }
    size_t name_words = 0, acronyms = 0;
    bool ampersand = false, camel = false;
    for (size_t i = first; i < end; ++i) {
      ampersand |= Text(i) == "&";
      if (!IsWord(i) || InClass(i, kNameParticle)) continue;
      ++name_words;
      camel |= !tokens_[i].all_upper && IsCamelCase(Text(i));  // capitals only are no camel case
      // Dotted initials ("C.L. Gammon") are not acronyms.
      const bool initials =
          Text(i).find('.') != std::string_view::npos && Text(i).size() <= 4 && end - first > 1;
      acronyms += tokens_[i].all_upper && !InClass(i, kNonActorAcronym) && !HasDigit(Text(i)) && !initials;
    }
    if (ampersand) {  // "L&L", "AT&T"
      m->type = ActorType::kOrganization;
      return true;
    }
    if (acronyms == name_words && acronyms > 0) return ClassifyAcronyms(first, end, m);
    if (acronyms > 0 && !titled) return false;  // "NATO Secretary", "U.S. Embassy"
    // The lone word's camel case is known when it was looked at above.
    if (n == 1) return ClassifySingle(first, titled, name_words == 1 ? camel : IsCamelCase(Text(first)), m);
    // "the Marlow Courier newspaper", "the Kessel Argus, a Tarvo daily,"
    if (!titled && !m->entry && IsOutletAt(first, end)) return MakeOutlet(first, end, m);
    if (camel || !PersonShaped(first, end, titled)) return false;
    // "the Golden Eagle", "the Lincoln Park": "the" does not precede names.
    if (!titled && first > 0 && IsWord(first - 1) && Key(first - 1) == "the") return false;
    m->type = ActorType::kPerson;
    return true;
  }

  // A run of acronyms is an organisation ("OSCE ODIHR"); an unknown one
  // needs three letters, and "(WSS)" in parentheses only joins.
  bool ClassifyAcronyms(size_t first, size_t end, ActorMention* m) {
    m->type = ActorType::kOrganization;
    m->acronym_run = true;
    if (!m->entry) {
      if (end - first == 1 && Key(first).size() < 3) return false;
      m->weak = first > 0 && Text(first - 1) == "(";
    }
    return true;
  }

  // `camel`: IsCamelCase() of the word.
  bool ClassifySingle(size_t first, bool titled, bool camel, ActorMention* m) {
    const std::string_view k = m->keys[0];  // Key(first)
    const std::string_view word = Text(first);
    const bool next_is_word = IsWord(first + 1) && !tokens_[first + 1].upper_initial;
    if (titled) {
      // "Lieutenant General", "Candidate Questionnaire": after a title, a
      // common word is no surname.
      const bool common_word = InClass(first, kCommonCapitalisedWord | kHonorific) || IsRoleWord(first) ||
                               HasDigit(word) || HasNounEnding(k) || (!m->entry && KeyUsedInLowerCase(first));
      if (common_word) return false;
      m->type = ActorType::kPerson;
      return true;
    }
    if (InClass(first, kCommonCapitalisedWord | kRoleHead) || HasDigit(word)) return false;
    if (!m->entry && IsClassPlural(first)) return false;  // "NGOs": a kind, no name
    if (m->entry) {                                       // a lone known word: an acronym, a brand or a group
      m->type = ActorType::kOrganization;
      return true;
    }
    if (camel) {
      m->type = ActorType::kOrganization;
      return true;
    }
    if (next_is_word && InClass(first + 1, kPersonalNoun)) {  // "the Reagan administration"
      m->type = ActorType::kPerson;
      return true;
    }
    if (next_is_word && InClass(first + 1, kPollNoun)) {  // "a Heylen poll"
      m->type = ActorType::kOrganization;
      m->core = m->keys;
      return true;
    }
    if (IsOutletAt(first, first + 1)) return MakeOutlet(first, first + 1, m);  // "The Bulletin magazine"
    if (PrecededByRoleList(first)) {  // "presidents Xi, Putin and Lukashenko"
      m->type = ActorType::kPerson;
      AddRole(Singular(Key(role_list_head_)), m);
      return true;
    }
    if (AfterKindOfOrganization(first)) {  // "One utility, Electricorp, said"
      m->type = ActorType::kOrganization;
      m->core = m->keys;
      return true;
    }
    m->type = ActorType::kUnknown;
    m->weak = true;
    m->unrelated_capital = !tokens_[first].sentence_initial && !headline_;
    return true;
  }

  // Token `i` joins two names into one (kNameConnector).
  bool IsNameConnector(size_t i) const {
    return IsWord(i) && !tokens_[i].upper_initial && (WordClasses(Text(i)) & kNameConnector);
  }

  // A lone name right after a noun for a kind of organisation, or in commas
  // after one: "the utility Electricorp", "one airline, Pellair, said".
  bool AfterKindOfOrganization(size_t first) {
    const size_t limit = sentence_->end_token;
    const bool comma = first >= 2 && Text(first - 1) == ",";
    const size_t noun = comma ? first - 2 : first - 1;  // the kind's token
    if (first == 0 || noun < sentence_->first_token || noun >= first || !IsWord(noun) ||
        tokens_[noun].upper_initial || !(WordClasses(Text(noun)) & kKindOfOrganization)) {
      return false;
    }
    if (tokens_[first].all_upper || Text(first).find('\'') != std::string_view::npos)
      return false;  // "III", "I'm"
    if (first + 1 >= limit) return !comma;
    const std::string_view next = Text(first + 1);
    // "the law firm, Fried, Frank and Ross": partners' names in a row.
    if (comma) return next == "," && !(first + 2 < limit && IsNameToken(first + 2));
    // "the firm Pellair's", "the firm Fried, Frank and Ross", "the firm
    // Matthews and Wright", "the bank Kreditanstalt fur Wiederaufbau".
    return !IsPossessive(next) && next != "," &&
           !(first + 2 < limit && IsNameConnector(first + 1) && IsNameToken(first + 2));
  }

  // True when `first` is in a list of names after a role noun; sets
  // role_list_head_ to the noun.
  bool PrecededByRoleList(size_t first) {
    size_t j = first;
    while (j > sentence_->first_token &&
           (Text(j - 1) == "," || (IsWord(j - 1) && (Key(j - 1) == "and" || tokens_[j - 1].upper_initial)))) {
      --j;
    }
    if (j == sentence_->first_token || !IsWord(j - 1) || tokens_[j - 1].upper_initial) return false;
    role_list_head_ = j - 1;
    const std::string_view head = Key(j - 1);
    const bool plural = head.size() > 3 && head.back() == 's' && Singular(head) != head;
    return InClass(j - 1, kRoleHead) && (j == first || plural);
  }

  // Name words that can be a person's: not common words (a given name such
  // as "Bill" may be), no demonym ("African American"), not ending in a
  // common noun ("Lafayette Square").
  bool PersonShaped(size_t first, size_t end, bool titled) {
    size_t position = 0;
    for (size_t i = first; i < end; ++i, ++position) {
      if (!IsWord(i) || InClass(i, kNameParticle)) continue;
      const std::string_view k = Key(i);
      if (InClass(i, kCommonCapitalisedWord) && !(position == 0 && (InClass(i, kCommonGivenName) || titled)))
        return false;
      if (HasDigit(Text(i)) || (i + 1 == end && InClass(i, kRoleHead)) || IsClassPlural(i))
        return false;  // "Airbus A300s", "X CEO", "Several NGOs"
      // "Solaris Paper", "Environmental Sciences": nouns the text also writes
      // in lower case, or with noun endings.
      if (position > 0 && !titled && !dictionary_.IsGivenName(Key(first)) &&
          (KeyUsedInLowerCase(i) || HasNounEnding(k))) {
        return false;
      }
      if (const StateEntry* state = StateAt(i, 1); state && state->cue == StateCue::kDemonym) return false;
    }
    return true;
  }

  // Roles and state written around a person: "Kazakhstan's president X",
  // "presidential nominee X", "X, the EU's high representative".
  void AddContextRoles(size_t first, size_t end, ActorMention* m) {
    // The role words just before the name, or before a comma when the name
    // stands in commas after them: "the company's president, John Smith,"
    // (a plural title has no apposition of one name: "via his lawyers, X,").
    size_t role_end = first;
    if (first >= 2 && Text(first - 1) == "," && end < sentence_->end_token && Text(end) == "," &&
        IsRoleWord(first - 2) && !tokens_[first - 2].upper_initial && !IsPluralRoleHead(Key(first - 2))) {
      role_end = first - 1;
    }
    size_t b = role_end;
    while (b > sentence_->first_token && IsRoleWord(b - 1) && !tokens_[b - 1].upper_initial) --b;
    if (b < role_end && AnyRoleHead(b, role_end)) {
      AddRole(SingularRole(JoinedKeys(b, role_end)), m);
      if (b >= 2 && IsPossessive(Text(b - 1))) {
        AttachState(b - 2, m);
      } else if (b >= 1) {
        AttachState(b - 1, m);
      }
    }
    // Apposition: ", the EU's high representative" / ", Kazakhstan's president".
    size_t j = end;
    if (j + 1 >= sentence_->end_token || Text(j) != ",") return;
    ++j;
    if (IsWord(j) && (Key(j) == "the" || Key(j) == "a" || Key(j) == "an")) ++j;
    size_t owner = tokens_.size();
    if (j + 1 < sentence_->end_token && IsWord(j) && IsPossessive(Text(j + 1))) {
      owner = j;
      j += 2;
    }
    const size_t role_start = j;
    while (j < sentence_->end_token && IsRoleWord(j)) ++j;
    if (j > role_start && AnyRoleHead(role_start, j)) {
      AddRole(SingularRole(JoinedKeys(role_start, j)), m);
      if (owner < tokens_.size()) AttachState(owner, m);
    }
  }

  // Sets the mention's state when token `i` ends a state name or demonym.
  void AttachState(size_t i, ActorMention* m) {
    if (!m->state.empty()) return;
    for (size_t back = 0; back < 3 && back <= i; ++back) {
      if (const StateEntry* state = StateAt(i - back, back + 1)) {
        m->state = state->code;
        return;
      }
    }
  }

  bool AnyRoleHead(size_t first, size_t end) {
    for (size_t i = first; i < end; ++i) {
      if (InClass(i, kRoleHead)) return true;
    }
    return false;
  }

  // The keys of the words (and "&") of tokens [first, end) joined by spaces,
  // in a buffer reused from call to call: valid until the next JoinedKeys(),
  // Phrase() or StripLeading().
  std::string_view JoinedKeys(size_t first, size_t end) {
    phrase_.clear();
    for (size_t i = first; i < end; ++i) {
      if (!IsWord(i) && Text(i) != "&") continue;
      if (!phrase_.empty()) phrase_.push_back(' ');
      phrase_ += Key(i);
    }
    return phrase_;
  }

  // The phrase of tokens [first, end) and its dictionary entry (see
  // LookUpSpan()).
  struct SpanLookup {
    size_t first = SIZE_MAX;  // the tokens [first, end); SIZE_MAX: none yet
    size_t end = 0;
    uint64_t hash = 0;                  // PhraseIndex::Hash() of JoinedKeys(first, end)
    size_t size = 0;                    // the bytes of JoinedKeys(first, end)
    const ActorEntry* entry = nullptr;  // the dictionary's entry of the phrase, or null
  };

  // The phrase of tokens [first, end), hashed without joining the keys, and
  // its dictionary entry. The last span's answer is kept: a run the
  // dictionary does not know as a whole (ProcessSpan()) is mostly one piece,
  // and a known one becomes its mention, so the same span is mostly looked
  // up again when its mention is filled (Fill()); a state before a known
  // name ("Afghan Taliban") likewise. Valid until the next call.
  const SpanLookup& LookUpSpan(size_t first, size_t end) {
    if (first != last_lookup_.first || end != last_lookup_.end) LookUpNewSpan(first, end);
    return last_lookup_;
  }

  // LookUpSpan() of a span other than the last one. Out of line: the test
  // for the last one stays small at its callers.
  [[gnu::noinline]] void LookUpNewSpan(size_t first, size_t end) {
    if (end == first + 1 && IsWord(first)) {
      // A lone word (most pieces) is its own phrase: one hash of its key,
      // which has no hyphen when its token has no joiner (and is ASCII:
      // folding makes no hyphens then).
      const std::string_view key = Key(first);
      const uint64_t hash = tokens_[first].ascii && !tokens_[first].has_joiner
                                ? ActorDictionary::PhraseHashWithoutHyphens(key)
                                : ActorDictionary::PhraseHash(key);
      last_lookup_ = {first, end, hash, key.size(), nullptr};
    } else if (const std::string_view phrase = FoldedPhrase(first, end); !phrase.empty()) {
      // Most runs: the phrase lies in the folded text, hashed in one piece
      // (its words have no joiners, so no hyphens).
      last_lookup_ = {first, end, ActorDictionary::PhraseHashWithoutHyphens(phrase), phrase.size(), nullptr};
    } else {
      PhraseHasher hasher;
      for (size_t i = first; i < end; ++i) {
        if (IsWord(i) || Text(i) == "&") AddKey(Key(i), &hasher);
      }
      last_lookup_ = {first, end, hasher.Finish(), hasher.size(), nullptr};
    }
    last_lookup_.entry = dictionary_.FindHashed(last_lookup_.hash);
  }

  // JoinedKeys(first, end) as a view of the text's folded form when it lies
  // there whole, else empty. It does when the tokens are ASCII words
  // without joiners, one space apart: such a token's key is its folded form
  // (MakeKey()), which lies at the token's own offsets in the buffer of the
  // folded text (AnalyzedText::Folded()), and a space between two tokens is
  // a space there too. Most multi-word names are so written ("Bank of
  // England"); those with periods, non-ASCII letters or other tokens
  // between their words are not. `first` < `end`.
  std::string_view FoldedPhrase(size_t first, size_t end) const {
    for (size_t i = first; i < end; ++i) {
      const Token& t = tokens_[i];
      if (t.kind != Token::Kind::kWord || !t.ascii || t.has_joiner) return std::string_view();
      if (i > first && (t.begin != tokens_[i - 1].end + 1 || chars_[t.begin - 1] != ' '))
        return std::string_view();
    }
    return std::string_view(text_.Folded(first).data(), tokens_[end - 1].end - tokens_[first].begin);
  }

  // Adds `key` to the phrase in `hasher` as JoinedKeys() and Phrase() join
  // keys: a space before it unless the phrase is still empty.
  static void AddKey(std::string_view key, PhraseHasher* hasher) {
    if (hasher->size() != 0) hasher->AddSpace();
    hasher->Add(key);
  }

  // `keys` joined by spaces, in the buffer of JoinedKeys(); a lone key (the
  // most frequent piece) is its own phrase.
  std::string_view Phrase(ActorKeys keys) {
    if (keys.size() == 1) return keys[0];
    phrase_.clear();
    for (const std::string_view k : keys) {
      if (!phrase_.empty()) phrase_.push_back(' ');
      phrase_ += k;
    }
    return phrase_;
  }

  // Phrase(keys) of `keys`, the keys of tokens [first, end) (SpanKeys()):
  // a view of the folded text when it lies there, else joined in the buffer
  // of JoinedKeys().
  std::string_view SpanPhrase(size_t first, size_t end, ActorKeys keys) {
    const std::string_view phrase = first < end ? FoldedPhrase(first, end) : std::string_view();
    return phrase.empty() ? Phrase(keys) : phrase;
  }

  // The keys of the words (and "&") of tokens [first, end).
  ActorKeys SpanKeys(size_t first, size_t end) {
    if (first >= end) return ActorKeys();
    std::string_view* const keys = NewKeys(end - first);
    size_t n = 0;
    for (size_t i = first; i < end; ++i) {
      if (IsWord(i) || Text(i) == "&") keys[n++] = Key(i);
    }
    return ActorKeys(keys, n);
  }

  // Room for `n` keys in the result's memory.
  std::string_view* NewKeys(size_t n) { return result_.views.Allocate(n); }

  // Adds a copy of `role` to the roles of *m. The roles so far are copied
  // along to a new run: a mention has a few at most, and most have none.
  void AddRole(std::string_view role, ActorMention* m) {
    std::string_view* const roles = result_.views.Allocate(m->roles.size() + 1);
    std::copy(m->roles.begin(), m->roles.end(), roles);
    roles[m->roles.size()] = result_.Keep(role);
    m->roles = std::span<const std::string_view>(roles, m->roles.size() + 1);
  }

  // Fills the span, its keys and its dictionary entry. Returns the
  // PhraseIndex::Hash() of Phrase(m->keys). The phrases looked up are hashed
  // from the keys, never built.
  uint64_t Fill(size_t first, size_t end, ActorMention* m) {
    m->first = static_cast<uint32_t>(first);
    m->last = static_cast<uint32_t>(end);
    m->keys = SpanKeys(first, end);
    const SpanLookup& phrase = LookUpSpan(first, end);
    const uint64_t phrase_hash = phrase.hash;
    const size_t phrase_size = phrase.size;
    m->entry = phrase.entry;
    const std::string_view last = m->keys.empty() ? std::string_view() : m->keys.back();
    if (!m->entry && m->keys.size() > 2) {  // the first and last name word alone
      PhraseHasher first_last;
      first_last.Add(m->keys.front());
      first_last.AddSpace();
      first_last.Add(last);
      m->entry = dictionary_.FindHashed(first_last.Finish());
    }
    // The phrase ends in 's' exactly when its last key does (an empty last
    // key leaves a space or nothing).
    // The plural of a name: "Houthis"; but the plural of an acronym or of an
    // organisation noun is a kind of organisation ("NGOs", "Non-Governmental
    // Organizations").
    if (!m->entry && phrase_size > 3 && !last.empty() && last.back() == 's' && !IsClassPlural(end - 1)) {
      PhraseHasher singular;  // the phrase but its 's'
      for (const std::string_view k : m->keys.first(m->keys.size() - 1)) AddKey(k, &singular);
      AddKey(last.substr(0, last.size() - 1), &singular);
      m->entry = dictionary_.FindHashed(singular.Finish());
    }
    // A lone dictionary word at a sentence start must not be a common word.
    if (m->entry && m->keys.size() == 1 && tokens_[first].sentence_initial && !tokens_[first].all_upper &&
        UsedInLowerCase(m->keys[0])) {
      m->entry = nullptr;
    }
    if (m->entry && m->state.empty()) m->state = m->entry->state;
    return phrase_hash;
  }

  // Makes *m the news outlet [first, end) names.
  bool MakeOutlet(size_t first, size_t end, ActorMention* m) {
    m->type = ActorType::kOrganization;
    m->core = m->keys;
    m->first = static_cast<uint32_t>(WithArticle(first, end));
    return true;
  }

  // A news outlet's noun at token `i`, after a name starting at `name`: "the Observer
  // newspaper", "The Tass news agency", or an apposition headed by one ("the
  // Press, a Christchurch daily,"). Not after "a" ("a Scottish newspaper"),
  // and "daily"/"weekly" only after "the" ("Total daily borrowings").
  bool IsOutletAt(size_t name, size_t i) {
    if (i >= sentence_->end_token || name <= sentence_->first_token) return false;
    // The noun first: most names are followed by none.
    bool adverb_too = false;  // "daily", "weekly": also "leave Pellum daily"
    if (IsWord(i)) {
      if (tokens_[i].upper_initial) return false;
      const std::string_view word = Text(i);
      if (word == "news") {
        if (!IsWord(i + 1) || !IsNewsNoun(Text(i + 1))) return false;
      } else if (!IsOutletNoun(word)) {
        return false;
      }
      adverb_too = word == "daily" || word == "weekly";
    } else if (!IsAppositionOutlet(i)) {
      return false;
    }
    const std::string_view before = IsWord(name - 1) ? Key(name - 1) : std::string_view();
    // The whole name: not "Mail" of "the Sunday Mail newspaper".
    if (before == "a" || before == "an" || (IsNameToken(name - 1) && before != "the")) return false;
    return !adverb_too || before == "the";
  }

  // The nouns of news outlets: one per length, so one comparison.
  static bool IsOutletNoun(std::string_view word) {
    static constexpr std::string_view kNouns[] = {"daily",     "weekly",     "tabloid",    "magazine",
                                                  "newspaper", "broadsheet", "broadcaster"};
    return word.size() >= 5 && word.size() <= 11 && word == kNouns[word.size() - 5];
  }

  // The nouns that make a news outlet after "news": "the Tass news agency".
  static bool IsNewsNoun(std::string_view word) {
    return word == "agency" || word == "outlet" || word == "website" || word == "site" || word == "channel" ||
           word == "service";
  }

  // ", a Christchurch daily,": an apposition at token `i` headed by a news
  // outlet's noun.
  bool IsAppositionOutlet(size_t i) {
    if (Text(i) != "," || !IsWord(i + 1) || (Key(i + 1) != "a" && Key(i + 1) != "an")) return false;
    for (size_t j = i + 2; j + 1 < sentence_->end_token && j < i + 6 && IsWord(j); ++j) {
      if (!tokens_[j].upper_initial && IsOutletNoun(Text(j)) && !IsWord(j + 1)) return true;
    }
    return false;
  }

  // `first`, or the "the" before it: a newspaper's name has its article
  // ("the Observer newspaper"), a news agency's has none ("the Tanjug news
  // agency"). `end` is the end of the name.
  size_t WithArticle(size_t first, size_t end) {
    if (IsWord(end) && Key(end) == "news") return first;
    return first > sentence_->first_token && IsWord(first - 1) && Key(first - 1) == "the" ? first - 1 : first;
  }

  // Tokens [first, end) are words in capitals.
  bool AllAcronyms(size_t first, size_t end) const {
    for (size_t i = first; i < end; ++i) {
      if (!IsWord(i) || !tokens_[i].all_upper) return false;
    }
    return true;
  }

  // Token `i` is a plural in 's' of an acronym ("NGOs") or of an
  // organisation noun ("Organizations").
  bool IsClassPlural(size_t i) {
    if (!IsWord(i)) return false;
    const std::string_view word = Text(i);
    if (word.size() < 3 || word.back() != 's') return false;
    const std::string_view singular = word.substr(0, word.size() - 1);
    if (std::all_of(singular.begin(), singular.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      return true;
    const std::string_view key = Key(i);
    return (WordClasses(key.substr(0, key.size() - 1)) & kOrganizationCue) != 0;
  }

  // "Ballot Interference Prevention Act (BIPA)": an acronym the text defines
  // for something that is not an actor is not one either.
  void Reject(size_t end) {
    if (const std::string_view acronym = AcronymAfter(end); !acronym.empty())
      blocked_acronyms_.push_back(acronym);
  }

  // Completes a mention built in the result: its initials.
  void Complete(ActorMention* m) {
    if (m->type != ActorType::kPerson) m->initials = Initials(m->core.empty() ? m->keys : m->core, &result_);
  }

  const AnalyzedText& text_;
  // A span, not the vector: its size is a field (a vector's is a pointer
  // difference divided by the Token size), asked at nearly every token.
  const std::span<const Token> tokens_;
  const char* const chars_;  // the text's
  const ActorDictionary& dictionary_;
  const StateGazetteer& states_;
  TokenWords* const words_;  // per token; MarkNameTokens() clears them
  std::string& phrase_;
  bool headline_ = false;
  const Sentence* sentence_ = nullptr;
  size_t role_list_head_ = 0;
  size_t defined_acronyms_end_ = 0;                  // end of the last "(OSCE)" attached to an organisation
  std::vector<std::string_view>& defined_acronyms_;  // the keys of every such "(OSCE)" so far
  std::vector<std::string_view>& blocked_acronyms_;
  uint8_t* const marks_;  // per token, see kNameMark; MarkNameTokens() sets them
  // Tokens from which a text keeps UsedInLowerCase() answers: a shorter
  // text's scan costs less than keeping them.
  static constexpr size_t kKeepLowerCaseAnswersFrom = 512;
  std::vector<LowerCaseAnswer>& lower_case_answers_;
  std::vector<uint32_t>& lower_case_heads_;
  std::vector<SentenceShape>& shapes_;
  uint32_t* const name_tokens_;  // the name tokens in order: MarkNameTokens() lists them
  size_t name_token_count_ = 0;
  size_t next_name_ = 0;    // ScanSentence()'s place in name_tokens_
  SpanLookup last_lookup_;  // LookUpSpan()'s last answer
  ActorMentions& result_;
};

}  // namespace

void FindActorMentions(const AnalyzedText& text, const ActorDictionary& dictionary,
                       const StateGazetteer& states, ActorMentions* out) {
  thread_local MentionScratch scratch;
  MentionFinder(text, dictionary, states, &scratch, out).Run();
}

}  // namespace newsmine
