#include "extract/state_roles.h"

#include <algorithm>
#include <string>
#include <utility>

#include "extract/sentiment_lexicon.h"
#include "extract/word_table.h"

namespace newsmine {
namespace {

// `word` without a leading apostrophe, straight or curly.
std::string_view WithoutLeadingApostrophe(std::string_view word) {
  if (word.starts_with('\'')) word.remove_prefix(1);
  if (word.starts_with("\xE2\x80\x99")) word.remove_prefix(3);
  return word;
}

// Token `i` lower-cased and accent-folded, without the apostrophe of a
// possessive ("'s" -> "s"); a view into `text`, no allocation. Small enough
// to inline: the role code asks for many words.
inline std::string_view Word(const AnalyzedText& text, size_t i) {
  const std::string_view word = text.Folded(i);
  if (word.empty() || (word[0] != '\'' && word[0] != '\xE2')) return word;  // most words
  return WithoutLeadingApostrophe(word);
}

// Words that may stand between a state and its verb: "Kazakhstan's foreign
// ministry now claims", "Moscow has repeatedly said".
bool MayPrecedeVerb(std::string_view lower) {
  static const FixedWordSet words = {
      "s",          "prime",       "deputy",      "chief",        "acting",
      "government", "governments", "ministry",    "foreign",      "officials",
      "official",   "spokesman",   "spokeswoman", "spokesperson", "president",
      "leader",     "leaders",     "leadership",  "authorities",  "state",
      "department", "media",       "embassy",     "minister",     "administration",
      "has",        "have",        "had",         "is",           "was",
      "were",       "are",         "will",        "would",        "also",
      "now",        "then",        "again",       "publicly",     "repeatedly",
      "officially", "strongly",    "swiftly",     "quickly",      "itself",
      "army",       "military",    "forces",      "delegation",   "envoy",
      "ambassador", "diplomats",   "regime",      "not",          "never",
      "did",        "does",        "do",          "later",        "first",
      "remain",     "remains",     "remained",    "became",       "grew",
      "seemed",     "appeared"};
  return words.contains(lower);
}

constexpr size_t kMaxGap = 4;        // words between a holder and its verb
constexpr size_t kMaxObjectGap = 5;  // tokens between a praise or blame verb and its object
constexpr double kNearDistance = 6;  // full weight up to this many tokens away
constexpr size_t kShareMargin = 2;   // tokens within which two references share a word

// The classes the role code asks of the tokens of one sentence, as
// ScoreSentenceTokens found them for the tokens' LexiconWords. The role code
// reads a token as Word() does, which differs from its LexiconWord only for
// a token holding an apostrophe ("'s", "don't": Word drops a leading one,
// LexiconWord every one): those are looked up again.
class TokenClasses {
 public:
  TokenClasses(const AnalyzedText& text, uint32_t sentence_first, const std::vector<uint32_t>& classes)
      : text_(text), sentence_first_(sentence_first), classes_(classes) {}

  // The SentimentWordClass bits of Word(text, i), for a token `i` of the sentence.
  uint32_t Of(size_t i) const {
    const Token& t = text_.tokens()[i];
    // No apostrophe: the same word. ASCII punctuation and numbers ("," "."
    // "7,000" "'s", whose Word is "s") have no class, as ScoreSentenceTokens
    // says (0): the words with a class are all words of two or more letters.
    if (t.ascii && (!t.has_joiner || t.kind != Token::Kind::kWord)) return classes_[i - sentence_first_];
    return SentimentClasses(Word(text_, i));
  }
  bool IsHolderVerb(size_t i) const { return Of(i) & kHolderVerb; }
  bool IsPraiseOrBlame(size_t i) const { return Of(i) & (kPraiseVerb | kBlameVerb); }

 private:
  const AnalyzedText& text_;
  uint32_t sentence_first_;
  const std::vector<uint32_t>& classes_;
};

}  // namespace

bool IsHolderVerb(std::string_view lower) { return SentimentClasses(lower) & kHolderVerb; }

bool IsActionVerb(std::string_view lower) {
  static const FixedWordSet words = {"met",   "meets",  "visited", "visits", "signed", "signs",
                                     "spoke", "speaks", "ordered", "orders", "sent",   "sends",
                                     "wrote", "writes", "took",    "gave"};
  const bool past_tense = lower.size() > 4 && lower.substr(lower.size() - 2) == "ed";
  return IsHolderVerb(lower) || past_tense || words.contains(lower);
}

bool HoldsStateOffice(const Actor& actor) {
  static const char* const kOffices[] = {
      "president",      "prime minister", "premier",     "chancellor",         "king",       "queen",
      "emir",           "sultan",         "minister",    "secretary of state", "ambassador", "head of state",
      "supreme leader", "spokesman",      "spokeswoman", "foreign secretary"};
  for (const std::string& role : actor.roles) {
    const std::string lower = LowerWord(role);
    for (const char* office : kOffices) {
      if (lower.find(office) != std::string::npos) return true;
    }
  }
  return false;
}

namespace {

bool IsSourceMarker(const AnalyzedText& text, uint32_t first, uint32_t sentence_first) {
  // "from London", "by the US", "according to Moscow"
  size_t i = first;
  while (i > sentence_first && (Word(text, i - 1) == "the" || IsQuotationMark(text.TokenText(i - 1)))) {
    --i;
  }
  if (i == sentence_first) return false;
  const std::string_view before = Word(text, i - 1);
  if (before == "from" || before == "by") return true;
  // "the support of Kazakhstan": the state gives the support.
  static const FixedWordSet given = {"support",  "backing", "help",        "approval", "endorsement",
                                     "blessing", "consent", "cooperation", "praise",   "criticism"};
  if (before == "of" && i - 1 > sentence_first && given.contains(Word(text, i - 2))) return true;
  return before == "to" && i - 1 > sentence_first && Word(text, i - 2) == "according";
}

// "was praised", "were also sharply criticised", "has been condemned".
bool IsPassive(const AnalyzedText& text, uint32_t verb) {
  static const FixedWordSet be = {"was", "were", "is", "are", "been", "being", "be"};
  for (uint32_t i = verb, skipped = 0; i > 0 && skipped <= 2; ++skipped) {
    const std::string_view before = Word(text, --i);
    if (be.contains(before)) return true;
    const bool adverb = before == "also" || (before.size() > 4 && before.ends_with("ly"));
    if (!adverb) return false;
  }
  return false;
}

// True when `ref` completes an office: "the Prime Minister of Iraq", "King
// Abdullah of Jordan" (its holder speaks for the state).
bool IsOfficeOf(const AnalyzedText& text, const StateReference& ref, uint32_t sentence_first) {
  static const FixedWordSet offices = {"minister", "president", "king",       "queen",  "ambassador",
                                       "premier",  "emir",      "chancellor", "sultan", "leader"};
  if (ref.first_token < sentence_first + 2 || Word(text, ref.first_token - 1) != "of") return false;
  for (uint32_t i = ref.first_token - 1; i > sentence_first && i + 4 > ref.first_token;) {
    if (offices.contains(Word(text, --i))) return true;
  }
  return false;
}

// True when the reference ending at `end` is the subject of a holder verb in
// the active voice ("Moscow has repeatedly said"), or of an attitude ("X
// remains concerned"); the subject of a passive ("X was praised") is the
// one the verb is about. With `appositive` one comma may stand before the
// verb ("X, the Prime Minister of Iraq, said").
bool IsSubjectOfHolderVerb(const AnalyzedText& text, const TokenClasses& classes, uint32_t end,
                           uint32_t sentence_end, bool appositive) {
  size_t gap = 0;
  for (size_t i = end; i < sentence_end && gap <= kMaxGap; ++i) {
    const Token& token = text.tokens()[i];
    const std::string_view raw = text.TokenText(i);
    if (token.kind == Token::Kind::kPunct) {
      if (raw == "'" || raw == "\xE2\x80\x99") continue;  // "the US' statement"
      if (raw == "," && appositive) {
        appositive = false;  // the comma closing "X, the Prime Minister of Iraq, said"
        continue;
      }
      return false;
    }
    const uint32_t word_classes = classes.Of(i);
    if (word_classes & kHolderVerb)
      return (word_classes & kAttitude) || !IsPassive(text, static_cast<uint32_t>(i));
    const std::string_view word = Word(text, i);
    if (!MayPrecedeVerb(word) && !(word.size() > 3 && word.substr(word.size() - 2) == "ly")) return false;
    ++gap;
  }
  return false;
}

// True when only commas and "and" / "or" / "nor" stand between two references.
bool Coordinated(const AnalyzedText& text, const StateReference& a, const StateReference& b) {
  if (b.first_token <= a.end_token) return b.first_token == a.end_token;
  for (size_t i = a.end_token; i < b.first_token; ++i) {
    const std::string_view word = Word(text, i);
    if (word != "," && word != "and" && word != "or" && word != "nor" && word != "the") return false;
  }
  return true;
}

// "Syrian refugees", "U.S. citizens", "Iraqi personnel": a state's people.
bool IsPeopleOf(const AnalyzedText& text, const StateReference& ref, uint32_t sentence_end) {
  static const FixedWordSet nouns = {
      "citizens",  "citizen",     "people",     "nationals",  "national", "refugees",   "refugee",
      "migrants",  "migrant",     "child",      "children",   "toddler",  "boy",        "girl",
      "man",       "men",         "woman",      "women",      "students", "student",    "tourists",
      "tourist",   "workers",     "worker",     "residents",  "resident", "civilians",  "civilian",
      "victims",   "victim",      "family",     "families",   "soldiers", "soldier",    "troops",
      "personnel", "hostages",    "hostage",    "prisoners",  "prisoner", "voters",     "consumers",
      "fans",      "journalists", "journalist", "doctors",    "patients", "population", "public",
      "hero",      "heroes",      "lives",      "casualties", "dead",     "crew",       "sailors",
      "passengers"};
  // "the people of Kazakhstan"
  if (ref.first_token >= 2 && Word(text, ref.first_token - 1) == "of" &&
      nouns.contains(Word(text, ref.first_token - 2))) {
    return true;
  }
  for (uint32_t i = ref.end_token; i < sentence_end && i < ref.end_token + 2; ++i) {
    const std::string_view word = Word(text, i);
    if (nouns.contains(word)) return true;
    if (text.tokens()[i].kind != Token::Kind::kWord || text.tokens()[i].upper_initial) return false;
  }
  return false;
}

bool IsViolentVerb(std::string_view lower) {
  static const FixedWordSet verbs = {"kill",      "killed",    "killing",     "attack",       "attacked",
                                     "attacking", "bomb",      "bombed",      "bombing",      "invade",
                                     "invaded",   "invading",  "shelled",     "struck",       "hit",
                                     "targeted",  "targeting", "assassinate", "assassinated", "kidnapped",
                                     "murdered",  "threaten",  "threatened",  "threatening"};
  return verbs.contains(lower);
}

// The words of killing, which the lexicon scores as events (basis E: a third
// of VADER's valence, kEventScale).
bool IsKillingWord(std::string_view lower) {
  return lower == "kill" || lower == "kills" || lower == "killed" || lower == "killing";
}
constexpr double kEventScale = 3.0;

// True when a clause ends in tokens [from, to) (EndsClause).
bool PunctuationBetween(const AnalyzedText& text, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; ++i) {
    if (EndsClause(text.TokenText(i))) return true;
  }
  return false;
}

// "attacks on the US", "aggression against Iraq", "to kill the Saudi
// ambassador": the state as a victim.
bool IsVictim(const AnalyzedText& text, const StateReference& ref, uint32_t sentence_first) {
  static const FixedWordSet violence = {
      "attack", "attacks",   "strike",   "strikes",  "aggression", "assault",    "assaults", "raid",
      "raids",  "offensive", "invasion", "bombing",  "airstrike",  "airstrikes", "war",      "terrorism",
      "rocket", "rockets",   "missile",  "missiles", "drone",      "drones",     "threat",   "threats"};
  size_t i = ref.first_token;
  if (i > sentence_first && Word(text, i - 1) == "the") --i;
  if (i < sentence_first + 1) return false;
  const std::string_view marker = Word(text, i - 1);
  if (IsViolentVerb(marker)) return true;  // "to kill the Saudi ambassador"
  return (marker == "on" || marker == "against" || marker == "upon") && i >= sentence_first + 2 &&
         violence.contains(Word(text, i - 2));
}

// "support for Ukraine", "aid to Jordan", "helping Chile": the state
// as a beneficiary. Help given to it is not how it is portrayed.
bool IsBeneficiary(const AnalyzedText& text, const StateReference& ref, uint32_t sentence_first) {
  static const FixedWordSet help = {"support", "aid",      "assistance",  "help",  "solidarity",
                                    "backing", "sympathy", "condolences", "loans", "donations"};
  size_t i = ref.first_token;
  if (i > sentence_first && Word(text, i - 1) == "the") --i;
  if (i < sentence_first + 2) return false;
  static const FixedWordSet helping = {"supporting", "supports", "supported", "helping",
                                       "helps",      "helped",   "aiding",    "aided",
                                       "arming",     "armed",    "defending", "defend"};
  const std::string_view marker = Word(text, i - 1);
  if (helping.contains(marker)) return true;  // "to keep supporting Ukraine"
  return (marker == "for" || marker == "to" || marker == "with") && help.contains(Word(text, i - 2));
}

// "in Iraq", "across China", "Izmir, Turkey": the state as a location; not
// "the government in Minsk", which is the state itself.
bool IsPlace(const AnalyzedText& text, const StateReference& ref, uint32_t sentence_first) {
  static const FixedWordSet prepositions = {"in",         "at",     "into", "inside",  "near",   "across",
                                            "throughout", "within", "off",  "outside", "around", "through"};
  if (ref.first_token == sentence_first) return false;
  // "in Italy's government" is about the government, not a place.
  if (ref.end_token < text.tokens().size() && Word(text, ref.end_token) == "s") return false;
  size_t before = ref.first_token - 1;
  const std::string_view article = Word(text, before);
  if ((article == "the" || article == "a" || article == "an") && before > sentence_first) --before;
  static const FixedWordSet organs = {"government", "authorities", "regime", "leadership", "rulers"};
  if (prepositions.contains(Word(text, before)))
    return before == sentence_first || !organs.contains(Word(text, before - 1));
  return text.TokenText(before) == "," && before > sentence_first &&
         text.tokens()[before - 1].upper_initial && text.tokens()[before - 1].kind == Token::Kind::kWord &&
         !text.tokens()[before - 1].sentence_initial;
}

double RoleWeight(StateRole role) {
  switch (role) {
    case StateRole::kTarget:
      return 1.0;
    case StateRole::kPlace:
      return 0.5;
    default:
      return 0.0;
  }
}

// True when nothing but an article or a conjunction stands between the
// clause's start and `ref`: "Berlin and Paris said", not "with Moscow and
// Washington discovered".
bool OpensClause(const AnalyzedText& text, const StateReference& ref, uint32_t sentence_first) {
  static const FixedWordSet openers = {"the", "both", "and", "but", "while", "as", "when", "yet", "so"};
  for (size_t i = ref.first_token; i > sentence_first;) {
    --i;
    if (text.tokens()[i].kind == Token::Kind::kPunct) return true;
    if (!openers.contains(Word(text, i))) return false;
  }
  return true;
}

// True when the clause that `subject` opens goes on, before `limit`, to a
// speech verb in the infinitive: "X sent envoys to assure ...", "X travelled
// to Y to praise ...": the subject voices what follows.
bool SaysInInfinitive(const AnalyzedText& text, const TokenClasses& classes, const StateReference& subject,
                      uint32_t limit) {
  for (uint32_t i = subject.end_token; i + 1 < limit; ++i) {
    const std::string_view word = Word(text, i);
    if (word == ";" || word == ":") return false;
    if (word == "to" && classes.IsHolderVerb(i + 1)) return true;
  }
  return false;
}

// True when a clause boundary (";" or a comma before "and", "but", "while",
// "whereas") stands between tokens `from` and `to`.
bool ClauseBetween(const AnalyzedText& text, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i + 1 < to; ++i) {
    const std::string_view word = Word(text, i);
    if (word == ";") return true;
    if (word != ",") continue;
    const std::string_view next = Word(text, i + 1);
    if (next == "and" || next == "but" || next == "while" || next == "whereas") return true;
  }
  return false;
}

// True when the state of `refs[target]` is also a holder in the same clause:
// what a state says about itself is self-presentation, not portrayal.
bool SpeaksOfItself(const AnalyzedText& text, const std::vector<const StateReference*>& refs,
                    const std::vector<StateRole>& roles, size_t target) {
  for (size_t r = 0; r < refs.size(); ++r) {
    if (roles[r] != StateRole::kHolder || refs[r]->code != refs[target]->code) continue;
    const StateReference& a = r < target ? *refs[r] : *refs[target];
    const StateReference& b = r < target ? *refs[target] : *refs[r];
    if (!ClauseBetween(text, a.end_token, b.first_token)) return true;
  }
  return false;
}

// Praise and blame words that are often nouns: with no state after them
// ("Oman won praise", "Russia faces sanctions") they are not verbs.
bool MayBeNoun(std::string_view lower) {
  return lower == "praise" || lower == "thanks" || lower == "welcome" || lower == "blame" ||
         lower == "sanction" || lower == "sanctions" || lower == "salute";
}

// The references a praise or blame verb at `verb` is directed at: in the
// active voice the first reference after it and those coordinated with it
// ("praised Norway and Canada"), unless that reference is a holder (the
// subject of a new clause); in the passive voice the nearest reference before
// it ("Canada was commended"). Empty when the object is not a state.
std::vector<size_t> DirectedObjects(const AnalyzedText& text, const std::vector<const StateReference*>& refs,
                                    const std::vector<StateRole>& roles, uint32_t verb) {
  std::vector<size_t> objects;
  if (IsPassive(text, verb)) {
    for (size_t r = refs.size(); r > 0; --r) {
      if (refs[r - 1]->end_token > verb || roles[r - 1] == StateRole::kHolder) continue;
      objects.push_back(r - 1);
      break;
    }
    return objects;
  }
  size_t r = 0;
  while (r < refs.size() && refs[r]->first_token <= verb) ++r;
  // The object follows closely, in the same clause: not "congratulated
  // Duarte, and Spain's prime minister said".
  if (r == refs.size() || refs[r]->first_token > verb + kMaxObjectGap ||
      ClauseBetween(text, verb, refs[r]->first_token)) {
    return objects;
  }
  for (; r < refs.size() && roles[r] != StateRole::kHolder; ++r) {
    if (!objects.empty() && !Coordinated(text, *refs[objects.back()], *refs[r])) break;
    objects.push_back(r);
  }
  return objects;
}
// The nearest reference in the target role that ends before `token`, or
// refs.size().
size_t NearestTargetBefore(const std::vector<const StateReference*>& refs,
                           const std::vector<StateRole>& roles, uint32_t token) {
  size_t found = refs.size();
  for (size_t r = 0; r < refs.size() && refs[r]->end_token <= token; ++r) {
    if (roles[r] == StateRole::kTarget) found = r;
  }
  return found;
}

size_t Distance(const StateReference& ref, uint32_t token) {
  if (token < ref.first_token) return ref.first_token - token;
  return token >= ref.end_token ? token - ref.end_token + 1 : 0;
}

// Marks, for each token of the sentence, the references that own it when it
// stands in the complement of a praise or blame verb: "praised X for <its
// generous aid>", "accused X of <abusing workers>", "was condemned over <the
// strikes>". The complement runs from "for" / "of" / "over" just after the
// object (or after a passive verb) to the clause's end, at most kComplement
// tokens; it is the object's merit or fault, whatever stands nearer. Empty
// when no token has an owner. Only tokens up to `last` are asked about: a
// complement follows its verb, so verbs from `last` on are not looked at
// (the owners of tokens after `last` may be missing).
constexpr size_t kComplement = 10;

std::vector<std::vector<size_t>> ComplementOwners(const AnalyzedText& text, const TokenClasses& classes,
                                                  const std::vector<const StateReference*>& refs,
                                                  const std::vector<StateRole>& roles, uint32_t last) {
  const Sentence& s = text.sentences()[refs[0]->sentence];
  std::vector<std::vector<size_t>> owners;  // sized at the first complement: most sentences have none
  for (uint32_t verb = s.first_token; verb < s.end_token && verb < last; ++verb) {
    if (!classes.IsPraiseOrBlame(verb)) continue;
    const std::vector<size_t> objects = DirectedObjects(text, refs, roles, verb);
    if (objects.empty()) continue;
    uint32_t i = std::max(verb + 1, refs[objects.back()]->end_token);
    if (i < s.end_token && Word(text, i) == "also") ++i;
    if (i >= s.end_token) continue;
    const std::string_view marker = Word(text, i);
    if (marker != "for" && marker != "of" && marker != "over") continue;
    for (uint32_t k = i + 1; k < s.end_token && k <= i + kComplement; ++k) {
      const std::string_view word = Word(text, k);
      if (EndsClause(word) || classes.IsPraiseOrBlame(k)) break;
      owners.resize(s.end_token - s.first_token);
      owners[k - s.first_token] = objects;
    }
  }
  return owners;
}

// Adds an equal share of `valence` to each of `objects` ("blamed both X and
// Y"), weighted by role; a state gets nothing of what it says of itself.
void GiveShares(const AnalyzedText& text, const std::vector<const StateReference*>& refs,
                const std::vector<StateRole>& roles, const std::vector<size_t>& objects, double valence,
                std::vector<double>* received) {
  for (const size_t r : objects) {
    if (SpeaksOfItself(text, refs, roles, r)) continue;
    (*received)[r] += valence * RoleWeight(roles[r]) / static_cast<double>(objects.size());
  }
}

}  // namespace

void AssignRoles(const AnalyzedText& text, const std::vector<const StateReference*>& refs,
                 const std::vector<uint32_t>& token_classes, std::vector<StateRole>* roles_out) {
  std::vector<StateRole>& roles = *roles_out;
  roles.assign(refs.size(), StateRole::kTarget);
  if (refs.empty()) return;
  const Sentence& s = text.sentences()[refs[0]->sentence];
  const TokenClasses classes(text, s.first_token, token_classes);
  for (size_t r = 0; r < refs.size(); ++r) {
    const StateReference& ref = *refs[r];
    if (IsSourceMarker(text, ref.first_token, s.first_token) ||
        IsSubjectOfHolderVerb(text, classes, ref.end_token, s.end_token,
                              IsOfficeOf(text, ref, s.first_token))) {
      roles[r] = StateRole::kHolder;
    } else if (IsPeopleOf(text, ref, s.end_token) || IsVictim(text, ref, s.first_token) ||
               IsBeneficiary(text, ref, s.first_token)) {
      roles[r] = StateRole::kPeople;
    } else if (IsPlace(text, ref, s.first_token)) {
      roles[r] = StateRole::kPlace;
    }
  }
  if (roles[0] == StateRole::kTarget && OpensClause(text, *refs[0], s.first_token) &&
      SaysInInfinitive(text, classes, *refs[0], refs.size() > 1 ? refs[1]->first_token : s.end_token)) {
    roles[0] = StateRole::kHolder;
  }
  // A list shares its holder role: "from Berlin, Paris, London, or
  // Washington" (forward) and "Berlin, Paris and London said" (backward).
  for (size_t r = 1; r < refs.size(); ++r) {
    if (roles[r - 1] == StateRole::kHolder && Coordinated(text, *refs[r - 1], *refs[r])) {
      roles[r] = StateRole::kHolder;
    }
  }
  for (size_t r = refs.size() - 1; r > 0; --r) {
    if (roles[r] == StateRole::kHolder && Coordinated(text, *refs[r - 1], *refs[r]) &&
        OpensClause(text, *refs[r - 1], s.first_token)) {
      roles[r - 1] = StateRole::kHolder;
    }
  }
}

void AttributeValences(const AnalyzedText& text, const std::vector<const StateReference*>& refs,
                       const std::vector<StateRole>& roles, const std::vector<uint32_t>& token_classes,
                       const std::vector<TokenValence>& valences, std::vector<double>* received_out) {
  std::vector<double>& received = *received_out;
  received.assign(refs.size(), 0.0);
  if (refs.empty()) return;
  const uint32_t sentence_first = text.sentences()[refs[0]->sentence].first_token;
  const TokenClasses classes(text, sentence_first, token_classes);
  uint32_t last_scored = 0;  // the last token asked about
  for (const TokenValence& v : valences) last_scored = std::max(last_scored, v.token);
  const std::vector<std::vector<size_t>> complement_owners =
      ComplementOwners(text, classes, refs, roles, last_scored);
  // Buffers kept per thread (AttributeValences runs for every scored
  // sentence): the distances of the word to each reference (holders'
  // unused), and the references that share the word.
  thread_local std::vector<size_t> distances;
  thread_local std::vector<size_t> sharers;
  distances.resize(refs.size());
  for (const TokenValence& v : valences) {
    // Praise and blame go to their object, whatever the distance, and to no
    // state when the object is not one; negated ("did not condemn X") they
    // say nothing about the object.
    const uint32_t word_classes = classes.Of(v.token);
    bool noun = false;  // "won praise", "faces sanctions": the word goes by distance
    if (word_classes & (kPraiseVerb | kBlameVerb)) {
      if (v.negated) continue;
      const std::vector<size_t> objects = DirectedObjects(text, refs, roles, v.token);
      noun = objects.empty() && MayBeNoun(Word(text, v.token));
      if (!noun) {
        GiveShares(text, refs, roles, objects, v.valence, &received);
        continue;
      }
    }
    if (!complement_owners.empty() && !complement_owners[v.token - sentence_first].empty()) {
      GiveShares(text, refs, roles, complement_owners[v.token - sentence_first], v.valence, &received);
      continue;
    }
    // Other speech and attitude verbs ("warned", "assured", "hoped") are the
    // holder's act, not a portrayal of anyone.
    if (!noun && (word_classes & kHolderVerb)) continue;
    size_t best = refs.size();
    for (size_t r = 0; r < refs.size(); ++r) {
      if (roles[r] == StateRole::kHolder) continue;
      distances[r] = Distance(*refs[r], v.token);
      if (best == refs.size() || distances[r] < distances[best]) best = r;
    }
    if (best == refs.size()) continue;
    // Harm done to a state's people or to the state is blamed on the agent
    // named before it, if any: "X's forces shelled Y's villages".
    // A killing word keeps its full weight there: the lexicon scores "killed"
    // as an event (a third of VADER's), which a death is, but the agent of a
    // killing is portrayed by it ("X paid militants to kill Y soldiers").
    // Only in the active voice, in the agent's clause ("to kill Y soldiers",
    // not "Y soldiers killed in the war"); the agent is then found by
    // grammar, so references merely near the word do not share it.
    double valence = v.valence;
    bool killer = false;
    if (valence < 0 && roles[best] == StateRole::kPeople) {
      const size_t agent = NearestTargetBefore(refs, roles, v.token);
      if (agent == refs.size()) continue;
      killer = v.token < refs[best]->first_token && IsKillingWord(Word(text, v.token)) &&
               !PunctuationBetween(text, refs[agent]->end_token, v.token);
      if (killer) valence *= kEventScale;
      best = agent;
      distances[best] = Distance(*refs[best], v.token);
    }
    // References about as near as the nearest share the word, and so do
    // those coordinated with the nearest, however long their names: "Japan
    // and South Korea signed a deal hailed as a success".
    size_t list_first = best, list_last = best;
    while (list_first > 0 && Coordinated(text, *refs[list_first - 1], *refs[list_first])) --list_first;
    while (list_last + 1 < refs.size() && Coordinated(text, *refs[list_last], *refs[list_last + 1]))
      ++list_last;
    sharers.clear();
    for (size_t r = 0; r < refs.size(); ++r) {
      if (roles[r] == StateRole::kHolder || roles[r] == StateRole::kPeople) continue;
      if (r == best || (!killer && distances[r] <= distances[best] + kShareMargin) ||
          (r >= list_first && r <= list_last)) {
        sharers.push_back(r);
      }
    }
    if (sharers.empty()) sharers.push_back(best);
    for (const size_t r : sharers) {
      // What a state says about itself is self-presentation, not portrayal.
      if (SpeaksOfItself(text, refs, roles, r)) continue;
      const double d = static_cast<double>(distances[r]);
      received[r] += valence * RoleWeight(roles[r]) * (d <= kNearDistance ? 1.0 : kNearDistance / d) /
                     static_cast<double>(sharers.size());
    }
  }
}

}  // namespace newsmine
