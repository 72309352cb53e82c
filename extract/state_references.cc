#include "extract/state_references.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string_view>

#include "extract/sentiment_lexicon.h"
#include "extract/short_words.h"
#include "extract/state_roles.h"
#include "extract/word_table.h"

namespace newsmine {
namespace {

// Title-case words that may follow a state without making a longer name:
// offices and organs of the state ("US State Department", "Chinese President
// Xi"), and calendar words ("Britain Tuesday").
bool IsStateOrganWord(std::string_view lower) {
  static const FixedWordSet words = {
      "president",  "presidential", "prime",      "premier",     "minister",   "ministry",   "foreign",
      "defense",    "defence",      "interior",   "finance",     "trade",      "state",      "department",
      "secretary",  "embassy",      "ambassador", "consulate",   "government", "parliament", "congress",
      "senate",     "army",         "navy",       "air",         "military",   "armed",      "supreme",
      "treasury",   "vice",         "deputy",     "chancellor",  "king",       "queen",      "crown",
      "prince",     "emir",         "sultan",     "officials",   "official",   "envoy",      "leader",
      "general",    "attorney",     "coast",      "communist",   "cabinet",    "monday",     "tuesday",
      "wednesday",  "thursday",     "friday",     "saturday",    "sunday",     "january",    "february",
      "march",      "april",        "may",        "june",        "july",       "august",     "september",
      "october",    "november",     "december",   "ambassadors", "republic",   "kingdom",    "mission",
      "delegation", "consul",       "forces",     "authorities"};
  return words.contains(lower);
}

// Compound suffixes that make a state an actor: "US-led", "Moscow-backed";
// "Vienna-based" is a location and does not count.
bool IsAgencySuffix(std::string_view lower) {
  static const FixedWordSet words = {"led",       "backed",   "brokered", "sponsored",  "funded",
                                     "supported", "allied",   "aligned",  "controlled", "imposed",
                                     "run",       "financed", "friendly", "hostile",    "bound"};
  return words.contains(lower);
}

// Words capitalised only because they open a line or a headline clause.
bool IsFunctionWord(std::string_view lower) {
  static const FixedWordSet words = {"a",     "an",   "the",   "in",     "on",     "at",      "for", "of",
                                     "to",    "and",  "but",   "by",     "from",   "with",    "as",  "if",
                                     "while", "when", "after", "before", "both",   "neither", "nor", "or",
                                     "all",   "most", "some",  "many",   "former", "then",    "now", "two"};
  return words.contains(lower);
}

bool IsWord(const AnalyzedText& text, size_t i) { return text.tokens()[i].kind == Token::Kind::kWord; }

// A Title-case word inside a sentence, which in running text marks a proper name.
bool IsInnerCapitalised(const AnalyzedText& text, size_t i, bool headline) {
  const Token& t = text.tokens()[i];
  return !headline && t.kind == Token::Kind::kWord && t.upper_initial && !t.all_upper && !t.sentence_initial;
}

// Bit i % 64 of (*masks)[i / 64] set when token i has a capital (its
// upper_initial), for every token of `text`: the finders below look only at
// those tokens. Most tokens have none, at places no branch predictor can
// guess (a loop that tested each token's flag mispredicted at about every
// capital), so the flags are gathered without a branch, and the capitalised
// tokens are taken from the set bits.
void CapitalMasks(const AnalyzedText& text, std::vector<uint64_t>* masks) {
  const std::vector<Token>& tokens = text.tokens();
  const size_t n = tokens.size();
  masks->assign((n + 63) / 64, 0);
  size_t i = 0;
  // Eight flags at a time, as two sums of four scaled by 1, 2, 4 and 8
  // (address arithmetic: one instruction a flag), then the eight bits into
  // place: a shift by a variable count for each flag cost two more
  // instructions a token.
  for (; i + 8 <= n; i += 8) {
    const Token* t = &tokens[i];
    const auto flag = [t](int j) { return uint64_t{t[j].upper_initial}; };
    const auto four = [&](int j) { return flag(j) + 2 * flag(j + 1) + 4 * flag(j + 2) + 8 * flag(j + 3); };
    const uint64_t eight = four(0) + (four(4) << 4);
    (*masks)[i / 64] |= eight << (i % 64);
  }
  for (; i < n; ++i) (*masks)[i / 64] |= uint64_t{tokens[i].upper_initial} << (i % 64);
}

int PublishedYear(const std::string& published) {
  if (published.size() < 4) return 0;
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (published[i] < '0' || published[i] > '9') return 0;
    year = year * 10 + (published[i] - '0');
  }
  return year;
}

}  // namespace

struct StateReferenceFinder::Candidate {
  const std::vector<StateEntry>* entries = nullptr;  // owned by the gazetteer
  uint32_t first = 0;
  uint32_t end = 0;
  bool compound = false;  // half of a hyphenated word, already vetted
  uint32_t sentence = 0;  // the sentence of `first`, set by Find()
  bool headline = false;  // IsHeadlineCase(sentence), set by Find()
};

bool IsQuotationMark(std::string_view token) {
  return token == "\"" || token == "'" || token == "\xE2\x80\x9C" || token == "\xE2\x80\x9D" ||
         token == "\xE2\x80\x98" || token == "\xE2\x80\x99";
}

bool IsHeadlineCase(const AnalyzedText& text, size_t sentence) {
  const Sentence& s = text.sentences()[sentence];
  const std::vector<Token>& tokens = text.tokens();
  // At least 3 words, at most 3 in 10 without a capital. Counting stops
  // once the words without one are too many even if every token left were a
  // capitalised word: most sentences are told from a headline halfway.
  size_t words = 0, lower = 0;
  for (size_t i = s.first_token; i < s.end_token; ++i) {
    if (tokens[i].kind != Token::Kind::kWord) continue;
    ++words;
    if (tokens[i].upper_initial) continue;
    ++lower;
    if (lower * 10 > (words + s.end_token - i - 1) * 3) return false;
  }
  return words >= 3 && lower * 10 <= words * 3;
}

void StateReferenceFinder::AddCompoundMatches(const AnalyzedText& text, size_t token,
                                              std::vector<Candidate>* out) const {
  const std::string_view word = text.TokenText(token);
  const size_t hyphen = word.find('-');
  if (hyphen == std::string_view::npos || hyphen == 0) return;
  const StateMatch head = states_->MatchWhole(word.substr(0, hyphen));
  if (head.length == 0) return;
  const std::string_view tail = word.substr(hyphen + 1);
  const StateMatch tail_state = states_->MatchWhole(tail);
  const uint32_t t = static_cast<uint32_t>(token);
  // "US-Russia talks" names both; "US-led" names the US.
  if (tail_state.length > 0 || IsAgencySuffix(LowerWord(tail)))
    out->push_back({head.entries, t, t + 1, true});
  if (tail_state.length > 0) out->push_back({tail_state.entries, t, t + 1, true});
}

void StateReferenceFinder::AddGazetteerMatches(const AnalyzedText& text,
                                               const std::vector<uint64_t>& capitals,
                                               std::vector<Candidate>* out) const {
  const std::vector<Token>& tokens = text.tokens();
  const size_t n = tokens.size();
  const StateGazetteer& states = *states_;
  // Only a token with a joiner ('-' among them) can be a compound.
  const auto hyphenated = [&](const Token& token) {
    return token.has_joiner && std::memchr(text.text().data() + token.begin, '-', token.end - token.begin);
  };
  // The candidates at token `i`: the longest phrase that starts there, else
  // the states of a hyphenated compound. Returns the first token after
  // those taken.
  const auto visit = [&](size_t i) -> size_t {
    const Token& token = tokens[i];
    if (!states.MayStartAt(token)) return i + 1;  // punctuation
    const StateMatch match = states.MatchStart(text, i);
    if (match.length > 0) {
      out->push_back(
          {match.entries, static_cast<uint32_t>(i), static_cast<uint32_t>(i + match.length), false});
      return i + match.length;
    }
    if (token.kind == Token::Kind::kWord && hyphenated(token)) AddCompoundMatches(text, i, out);
    return i + 1;
  };
  if (!states.StartsCapitalised()) {
    for (size_t i = 0; i < n;) i = visit(i);
    return;
  }
  // When every phrase starts with a capital, a token without one starts no
  // phrase, and no compound either: a compound's head ("US" of "US-led")
  // begins with the token's first character, so it has no capital then.
  size_t next = 0;  // the tokens before it are inside a phrase found
  for (size_t w = 0; w < capitals.size(); ++w) {
    for (uint64_t bits = capitals[w]; bits != 0; bits &= bits - 1) {
      const size_t i = w * 64 + static_cast<size_t>(std::countr_zero(bits));
      if (i >= next) next = visit(i);
    }
  }
}

namespace {

// Whether the Title-case words before `of_token` ("of") name an organisation
// rather than an office ("Prime Minister", "King Abdullah").
bool NamedOrganisationBefore(const AnalyzedText& text, size_t of_token, size_t sentence_first,
                             bool headline) {
  std::string scratch;
  size_t i = of_token;
  while (i > sentence_first && IsInnerCapitalised(text, i - 1, headline)) {
    if (IsStateOrganWord(LexiconWord(text, i - 1, &scratch))) return false;
    --i;
  }
  if (i > sentence_first && text.tokens()[i - 1].sentence_initial &&
      IsStateOrganWord(LexiconWord(text, i - 1, &scratch))) {
    return false;  // "King Abdullah of Jordan" at the start of a sentence
  }
  return i < of_token;
}

// Whether the phrase [first, end) of sentence `sentence` is only part of a
// longer proper name; `headline` is IsHeadlineCase(text, sentence).
bool InsideLongerName(const AnalyzedText& text, const StateGazetteer& states, size_t sentence, bool headline,
                      uint32_t first, uint32_t end, StateCue cue) {
  const Sentence& s = text.sentences()[sentence];
  std::string scratch;
  if (first > s.first_token) {
    const std::string_view before = LexiconWord(text, first - 1, &scratch);
    if (IsInnerCapitalised(text, first - 1, headline) && !IsStateOrganWord(before) &&
        !IsFunctionWord(before)) {
      return true;  // "Michael Jordan", "Latin America", "New Mexico"
    }
    // "United Steelworkers of America", but not "King Abdullah of Jordan".
    if (before == "of" && cue != StateCue::kDemonym &&
        NamedOrganisationBefore(text, first - 1, s.first_token, headline)) {
      return true;
    }
    // A seat in quotes is a building's name: known as the "Blue House".
    if (cue == StateCue::kSeat && IsQuotationMark(text.TokenText(first - 1))) return true;
  }
  if (end >= s.end_token) return false;
  const std::string_view next = LexiconWord(text, end, &scratch);
  if (IsWord(text, end) && !text.tokens()[end].upper_initial && (next == "state" || next == "county")) {
    return true;  // "Washington state"
  }
  // A demonym before "language" names the language: "the Spanish language".
  if (cue == StateCue::kDemonym && IsWord(text, end) && (next == "language" || next == "languages"))
    return true;
  // A Title-case word after the phrase continues a name ("Washington Post",
  // "Irish Republican Army", "British Columbia") unless it is an office or
  // organ of the state ("US State Department", "Chinese President Xi").
  return IsInnerCapitalised(text, end, headline) && !IsStateOrganWord(next) &&
         states.Match(text, end).length == 0;
}

// "Chinese citizens criticised their government", "Iranians protested
// against their rulers": the government of a state's people, named by a
// possessive after them in the same sentence, is a reference to the state.
// The people are a plural demonym ("Iranians") or a demonym before a plural
// noun of people ("Chinese citizens"); "their" goes to the nearest such group
// before it, with no other reference between. `out` holds the gazetteer's
// references in text order; the new ones are added at its end.
void AddPeoplesGovernments(const AnalyzedText& text, std::vector<StateReference>* out) {
  static const FixedWordSet people = {"citizens",  "people",   "protesters", "protestors", "demonstrators",
                                      "voters",    "students", "workers",    "residents",  "nationals",
                                      "activists", "critics",  "farmers",    "families"};
  // Not "their leaders": a group's own ("farmers ... their leaders announced a truce").
  static const FixedWordSet organs = {"government", "governments", "rulers", "regime", "authorities"};
  constexpr uint32_t kReach = 30;  // tokens from the people to "their"
  const size_t found = out->size();
  for (size_t r = 0; r < found; ++r) {
    const StateReference ref = (*out)[r];
    if (ref.cue != StateCue::kDemonym) continue;
    const Sentence& s = text.sentences()[ref.sentence];
    const std::string_view demonym = text.Folded(ref.end_token - 1);
    const bool plural = demonym.size() > 3 && demonym.back() == 's';
    if (!plural && (ref.end_token >= s.end_token || !people.contains(text.Folded(ref.end_token)))) continue;
    const uint32_t limit = std::min<uint32_t>(
        {s.end_token, ref.end_token + kReach,
         r + 1 < found && (*out)[r + 1].sentence == ref.sentence ? (*out)[r + 1].first_token : s.end_token});
    for (uint32_t i = ref.end_token; i + 1 < limit; ++i) {
      if (text.Folded(i) != "their" || !organs.contains(text.Folded(i + 1))) continue;
      out->push_back({ref.code, StateCue::kName, false, i + 1, i + 2, ref.sentence, ref.headline});
      break;
    }
  }
}

// True when `ref` opens its sentence in capitals and a dash follows, after
// at most a date and a place in between: "WASHINGTON, March 3 -", "SEATTLE,
// Wash., April 10 -", "BAHRAIN -".
bool IsDateline(const AnalyzedText& text, const StateReference& ref) {
  constexpr uint32_t kReach = 8;  // tokens from the name to the dash
  const Sentence& s = text.sentences()[ref.sentence];
  if (ref.first_token != s.first_token) return false;
  const auto& tokens = text.tokens();
  for (uint32_t i = ref.first_token; i < ref.end_token; ++i) {
    if (tokens[i].kind != Token::Kind::kWord || !tokens[i].all_upper) return false;
  }
  for (uint32_t i = ref.end_token; i < s.end_token && i < ref.end_token + kReach; ++i) {
    const std::string_view raw = text.TokenText(i);
    if (IsDash(raw)) return true;
    if (tokens[i].kind == Token::Kind::kWord && !tokens[i].upper_initial) return false;
    if (i == ref.end_token && raw != ",") return false;
  }
  return false;
}

void AddLeaderReferences(const AnalyzedText& text, const std::vector<Actor>& actors,
                         const std::vector<uint64_t>& capitals, std::vector<StateReference>* out) {
  const auto& tokens = text.tokens();
  for (const Actor& actor : actors) {
    if (actor.state.empty() || actor.type != "person" || !HoldsStateOffice(actor)) continue;
    const AnalyzedText name(actor.name);
    if (name.tokens().empty()) continue;
    const std::string_view surname = name.Folded(name.tokens().size() - 1);
    // The surname as a capitalised token, not the last.
    for (size_t w = 0; w < capitals.size(); ++w) {
      for (uint64_t bits = capitals[w]; bits != 0; bits &= bits - 1) {
        const size_t i = w * 64 + static_cast<size_t>(std::countr_zero(bits));
        if (i + 1 >= tokens.size() || !short_words::Same(text.Folded(i), surname)) continue;
        // The leader acts for the state when a verb follows ("Putin said",
        // "Erdogan warned") or through a possessive ("Reagan's approval").
        const size_t next = i + 1;
        const std::string follower = LowerWord(text.TokenText(next));
        const bool acts = IsWord(text, next) && !tokens[next].upper_initial && IsActionVerb(follower);
        if (!acts && follower != "s") continue;
        const uint32_t t = static_cast<uint32_t>(i);
        const size_t sentence = text.SentenceOf(i);
        out->push_back({actor.state, StateCue::kName, true, t, t + 1, static_cast<uint32_t>(sentence),
                        IsHeadlineCase(text, sentence)});
      }
    }
  }
}

}  // namespace

void StateReferenceFinder::Find(const AnalyzedText& text, const std::vector<Actor>& actors,
                                const std::string& published, std::vector<StateReference>* out) const {
  // Scratch buffers, reused from article to article on this thread.
  thread_local std::vector<Candidate> candidates;
  thread_local std::vector<uint64_t> capitals;
  candidates.clear();
  CapitalMasks(text, &capitals);
  AddGazetteerMatches(text, capitals, &candidates);
  // Candidates come in text order: their sentences are found by walking
  // forward (SentenceOf: the last sentence that starts at or before the
  // token), and whether a sentence is a headline is worked out once.
  const std::vector<Sentence>& sentences = text.sentences();
  for (size_t c = 0, of = 0; c < candidates.size(); ++c) {
    while (of + 1 < sentences.size() && sentences[of + 1].first_token <= candidates[c].first) ++of;
    candidates[c].sentence = static_cast<uint32_t>(of);
    candidates[c].headline =
        c > 0 && candidates[c - 1].sentence == of ? candidates[c - 1].headline : IsHeadlineCase(text, of);
  }
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](const Candidate& c) {
                                    return !c.compound &&
                                           InsideLongerName(text, *states_, c.sentence, c.headline, c.first,
                                                            c.end, c.entries->front().cue);
                                  }),
                   candidates.end());

  // Codes named without ambiguity, and how the article names them: a bit
  // per StateCue. Articles name few states: a list beats a map.
  struct NamedState {
    std::string_view code;
    uint32_t cues = 0;
  };
  thread_local std::vector<NamedState> named;
  named.clear();
  const auto find_named = [&](std::string_view code) -> NamedState* {
    for (NamedState& n : named) {
      if (short_words::Same(n.code, code)) return &n;
    }
    return nullptr;
  };
  for (const Candidate& c : candidates) {
    if (c.entries->size() != 1) continue;
    const StateEntry& e = c.entries->front();
    NamedState* n = find_named(e.code);
    if (n == nullptr) n = &named.emplace_back(NamedState{e.code});
    n->cues |= 1u << static_cast<int>(e.cue);
  }
  const int year = PublishedYear(published);
  const bool soviet_era = find_named("SUN") != nullptr || (year > 0 && year < 1992);
  // In an article that mentions the US, Georgia is mostly the US state and
  // "Indian" mostly Native American: they count only with a second sign of
  // the country (Georgian, Tbilisi; India, New Delhi).
  const bool us_article = find_named("USA") != nullptr;
  const auto unconfirmed = [&](const StateEntry& e) {
    const bool us_homonym =
        (e.code == "GEO" && e.cue == StateCue::kName) || (e.code == "IND" && e.cue == StateCue::kDemonym);
    if (!us_article || !us_homonym) return false;
    const NamedState* n = find_named(e.code);
    return n == nullptr || (n->cues & (n->cues - 1)) == 0;  // named by one cue only
  };
  out->clear();
  for (const Candidate& c : candidates) {
    const StateEntry* chosen = &c.entries->front();
    for (const StateEntry& e : *c.entries) {
      if (find_named(e.code) != nullptr) {
        chosen = &e;
        break;
      }
    }
    if (unconfirmed(*chosen)) continue;
    std::string_view code = chosen->code;
    if (code == "RUS" && soviet_era && (chosen->cue != StateCue::kName || year > 0)) code = "SUN";
    out->push_back({code, chosen->cue, false, c.first, c.end, c.sentence, c.headline});
    if (chosen->cue != StateCue::kDemonym) out->back().dateline = IsDateline(text, out->back());
  }
  AddPeoplesGovernments(text, out);
  AddLeaderReferences(text, actors, capitals, out);
  std::sort(out->begin(), out->end(),
            [](const StateReference& a, const StateReference& b) { return a.first_token < b.first_token; });
}

}  // namespace newsmine
