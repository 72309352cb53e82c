#include "extract/actor_mentions.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "extract/actor_lexicon.h"

namespace newsmine {
namespace {

bool IsPossessive(std::string_view t) { return t == "'s" || t == "\xE2\x80\x99s" || t == "'" || t == "’"; }

// Upper-case letter after a lower-case one inside a word: "SpaceX", "YouTube".
bool IsCamelCase(std::string_view word) {
  for (size_t i = 1; i + 1 < word.size(); ++i) {
    const char a = word[i], b = word[i + 1];
    if (a >= 'a' && a <= 'z' && b >= 'A' && b <= 'Z') return true;
  }
  return false;
}

// "al-Assad", "el-Sisi", "bin-Salman": a lower-case particle joined to a name.
bool IsParticleJoinedName(std::string_view word) {
  const size_t dash = word.find('-');
  if (dash == std::string_view::npos || dash + 1 >= word.size()) return false;
  const char next = word[dash + 1];
  return next >= 'A' && next <= 'Z' && IsNameParticle(word.substr(0, dash));
}

class MentionFinder {
 public:
  MentionFinder(const AnalyzedText& text, const ActorDictionary& dictionary, const StateGazetteer& states)
      : text_(text), tokens_(text.tokens()), dictionary_(dictionary), states_(states) {
    keys_.resize(tokens_.size());
  }

  std::vector<ActorMention> Run() {
    for (size_t s = 0; s < text_.sentences().size(); ++s) ScanSentence(text_.sentences()[s]);
    return std::move(mentions_);
  }

 private:
  const std::string& Key(size_t i) {
    if (keys_[i].empty() && tokens_[i].end > tokens_[i].begin) keys_[i] = ActorKey(text_.TokenText(i));
    return keys_[i];
  }

  bool IsWord(size_t i) const { return i < tokens_.size() && tokens_[i].kind == Token::Kind::kWord; }

  bool IsNameToken(size_t i) const {
    if (!IsWord(i)) return false;
    return tokens_[i].upper_initial || IsParticleJoinedName(text_.TokenText(i));
  }

  // A word that appears in lower case somewhere in the text ("Despite").
  bool UsedInLowerCase(const std::string& key) {
    if (!lower_words_built_) {
      for (size_t i = 0; i < tokens_.size(); ++i) {
        if (IsWord(i) && !tokens_[i].upper_initial) lower_words_.insert(text_.TokenText(i));
      }
      lower_words_built_ = true;
    }
    return lower_words_.count(key) > 0;
  }

  // Lines in capitals (wire headlines) and in title case give no evidence.
  static bool IsHeadline(size_t words, size_t capitalised, size_t all_caps) {
    return (words >= 3 && all_caps * 2 > words) || (words >= 5 && capitalised * 5 >= words * 4);
  }

  void ScanSentence(const Sentence& sentence) {
    size_t words = 0, capitalised = 0, all_caps = 0;
    for (size_t i = sentence.first_token; i < sentence.end_token; ++i) {
      if (!IsWord(i)) continue;
      ++words;
      capitalised += tokens_[i].upper_initial;
      all_caps += tokens_[i].all_upper;
    }
    headline_ = IsHeadline(words, capitalised, all_caps);
    sentence_ = &sentence;
    size_t i = sentence.first_token;
    while (i < sentence.end_token) {
      if (!IsNameToken(i)) {
        ++i;
        continue;
      }
      const size_t end = ExtendSpan(i, sentence.end_token);
      if (!IsDateline(i, end)) ProcessSpan(i, end);
      i = end;
    }
  }

  // The end of the capitalised run starting at `first`.
  size_t ExtendSpan(size_t first, size_t limit) {
    size_t j = first + 1;
    while (j < limit) {
      if (IsNameToken(j)) {
        ++j;
        continue;
      }
      const std::string_view t = text_.TokenText(j);
      // "Mr. Smith", "George W. Bush": the period of an abbreviation.
      if (t == "." && j + 1 < limit && IsNameToken(j + 1) &&
          (text_.TokenText(j - 1).size() == 1 || IsHonorific(Key(j - 1)) || IsRoleHead(Key(j - 1)))) {
        ++j;
        continue;
      }
      const bool connector =
          (IsWord(j) && (IsNameParticle(Key(j)) || IsOrganizationConnector(Key(j)))) || t == "&";
      if (connector && j + 1 < limit && IsNameToken(j + 1)) {
        j += 2;
        continue;
      }
      // "Organization for Security and Cooperation" has "and" after "for".
      if (connector && j + 2 < limit && IsWord(j + 1) && Key(j + 1) == "the" && IsNameToken(j + 2)) {
        j += 3;
        continue;
      }
      break;
    }
    return j;
  }

  // "    WASHINGTON - ": a wire dateline at the start of a paragraph.
  bool IsDateline(size_t first, size_t end) const {
    for (size_t i = first; i < end; ++i) {
      if (!tokens_[i].all_upper && IsWord(i)) return false;
    }
    return end < tokens_.size() && text_.TokenText(end) == "-" &&
           (first == sentence_->first_token || first == 0);
  }

  bool HasCue(size_t first, size_t end) {
    for (size_t i = first; i < end; ++i) {
      if (IsWord(i) && IsOrganizationCue(Key(i)) && tokens_[i].upper_initial) return true;
    }
    return false;
  }

  // Cuts off what precedes the name: function words, honorifics, titles and
  // states. Returns the new start.
  size_t StripLeading(size_t first, size_t end, ActorMention* m, bool* titled) {
    std::vector<StateEntry> entries;
    std::string role;
    while (first < end) {
      const std::string& k = Key(first);
      if (text_.TokenText(first) == ".") {
        ++first;
      } else if (IsHonorific(k)) {
        *titled = true;
        ++first;
      } else if ((IsRoleHead(k) || IsRoleModifier(k)) && first + 1 < end) {
        if (!role.empty()) role.push_back(' ');
        role += k;
        *titled |= IsRoleHead(k);
        ++first;
      } else if (IsCommonCapitalised(k) || IsOrganizationConnector(k) ||
                 (tokens_[first].sentence_initial && UsedInLowerCase(k))) {
        ++first;
      } else if (const size_t n = states_.MatchAt(text_, first, &entries); n > 0 && first + n < end) {
        if (m->state.empty() && entries.size() == 1) m->state = entries[0].code;
        first += n;
      } else {
        break;
      }
    }
    if (!role.empty() && *titled) m->roles.push_back(role);
    return first;
  }

  // Drops trailing connectors and periods.
  size_t StripTrailing(size_t first, size_t end) {
    while (end > first &&
           (!IsWord(end - 1) || IsOrganizationConnector(Key(end - 1)) || IsNameParticle(Key(end - 1)))) {
      --end;
    }
    return end;
  }

  void ProcessSpan(size_t first, size_t end) {
    if (HasCue(first, end)) {
      SplitOrganizations(first, end);
    } else {
      SplitPieces(first, end);
    }
  }

  // A run with an organisation noun: cut where a new name plainly starts
  // (after a connector comes a title, or "and the"), or where the part before
  // the connector holds no organisation noun ("Donald Trump of the Party").
  void SplitOrganizations(size_t first, size_t end) {
    size_t start = first;
    for (size_t j = first + 1; j + 1 < end; ++j) {
      if (!IsWord(j) || tokens_[j].upper_initial) continue;
      const std::string& k = Key(j);
      if (!IsOrganizationConnector(k) || k == "the") continue;
      const bool title_follows = IsRoleHead(Key(j + 1)) || IsHonorific(Key(j + 1));
      const bool and_the = (k == "and" || k == "&") && Key(j + 1) == "the";
      if (title_follows || and_the || !HasCue(start, j)) {
        EmitPieceOrOrganization(start, j);
        start = j + 1;
      }
    }
    EmitPieceOrOrganization(start, end);
  }

  void EmitPieceOrOrganization(size_t first, size_t end) {
    if (HasCue(first, end)) {
      EmitOrganization(first, end);
    } else {
      SplitPieces(first, end);
    }
  }

  // A run without an organisation noun: one piece per name between
  // connectors ("Russia and China", "Mubarak of Egypt"); name particles stay.
  void SplitPieces(size_t first, size_t end) {
    size_t start = first;
    for (size_t j = first; j < end; ++j) {
      if (IsWord(j) && !tokens_[j].upper_initial && !IsParticleJoinedName(text_.TokenText(j)) &&
          !IsNameParticle(Key(j))) {
        EmitPiece(start, j);
        start = j + 1;
      }
    }
    EmitPiece(start, end);
  }

  void EmitOrganization(size_t first, size_t end) {
    ActorMention m;
    // Keep a leading state ("US Senate"): only function words go.
    while (first < end &&
           (Key(first) == "the" || (tokens_[first].sentence_initial && IsCommonCapitalised(Key(first)) &&
                                    !IsOrganizationCue(Key(first))))) {
      ++first;
    }
    end = StripTrailing(first, end);
    if (first >= end) return;
    std::vector<StateEntry> entries;
    if (states_.MatchAt(text_, first, &entries) == end - first) return;  // "White House", "Kremlin"
    if (states_.MatchAt(text_, first, &entries) > 0 && entries.size() == 1) m.state = entries[0].code;
    Fill(first, end, &m);
    m.type = ActorType::kOrganization;
    m.acronym = AcronymAfter(end);
    Add(std::move(m));
  }

  // "(OSCE)" right after token `end`, as a key, or empty.
  std::string AcronymAfter(size_t end) {
    if (end + 2 < tokens_.size() && text_.TokenText(end) == "(" && text_.TokenText(end + 2) == ")" &&
        tokens_[end + 1].all_upper) {
      return Key(end + 1);
    }
    return std::string();
  }

  void EmitPiece(size_t first, size_t end) {
    ActorMention m;
    bool titled = false;
    first = StripLeading(first, end, &m, &titled);
    end = StripTrailing(first, end);
    if (first >= end) return;
    std::vector<StateEntry> entries;
    if (states_.MatchAt(text_, first, &entries) == end - first) return;
    Fill(first, end, &m);
    const std::string phrase = Joined(m.keys);
    if (dictionary_.IsPlace(phrase) && !titled) return;
    if (!Classify(first, end, titled, &m)) return;
    // Headlines capitalise every word: there a name only counts when the
    // body names the same actor.
    if (headline_ && !m.entry) m.weak = true;
    if (m.type == ActorType::kPerson) AddContextRoles(first, end, &m);
    if (m.type == ActorType::kOrganization) m.acronym = AcronymAfter(end);
    Add(std::move(m));
  }

  // Decides person, organisation or weak. Returns false to drop the piece.
  bool Classify(size_t first, size_t end, bool titled, ActorMention* m) {
    const size_t n = end - first;
    size_t name_words = 0, common = 0, acronyms = 0;
    for (size_t i = first; i < end; ++i) {
      if (!IsWord(i) || IsNameParticle(Key(i))) continue;
      ++name_words;
      common += IsCommonCapitalised(Key(i)) || IsRoleHead(Key(i));
      acronyms += tokens_[i].all_upper && !IsNonActorAcronym(Key(i));
    }
    if (m->entry && m->entry->type != ActorType::kUnknown) {
      m->type = m->entry->type;
      return true;
    }
    if (acronyms == name_words) {
      if (n == 1 && text_.TokenText(first).size() < 2) return false;
      m->type = ActorType::kOrganization;
      m->acronym_run = true;
      return true;
    }
    if (acronyms > 0 && !titled) return false;  // "NATO Secretary", "U.S. Embassy"
    if (n == 1) {
      const std::string_view party = PartyForLabel(m->keys[0]);
      if (!party.empty()) {
        m->type = ActorType::kOrganization;
        m->display = std::string(party);
        m->keys.clear();
        for (const std::string_view w : {party.substr(0, party.find(' ')), std::string_view("party")}) {
          m->keys.emplace_back(w == "party" ? "party" : ActorKey(w));
        }
        return true;
      }
      if (IsCamelCase(text_.TokenText(first)) && !titled) {
        m->type = ActorType::kOrganization;
        return true;
      }
      if (common > 0) return false;
      m->type = titled || m->entry ? ActorType::kPerson : ActorType::kUnknown;
      m->weak = !titled && !m->entry;
      if (m->entry) m->type = ActorType::kOrganization;  // a lone known word: an acronym or brand
      return true;
    }
    if (!titled && (common == name_words || IsCommonCapitalised(Key(first)))) return false;
    m->type = ActorType::kPerson;
    return true;
  }

  // Roles and state written around a person: "Kazakhstan's president X",
  // "presidential nominee X", "X, the EU's high representative".
  void AddContextRoles(size_t first, size_t end, ActorMention* m) {
    std::vector<StateEntry> entries;
    size_t b = first;
    while (b > sentence_->first_token && IsWord(b - 1) && !tokens_[b - 1].upper_initial &&
           (IsRoleHead(Key(b - 1)) || IsRoleModifier(Key(b - 1)))) {
      --b;
    }
    if (b < first && AnyRoleHead(b, first)) {
      m->roles.push_back(JoinedKeys(b, first));
      if (b >= 2 && IsPossessive(text_.TokenText(b - 1)))
        AttachState(b - 2, m);
      else if (b >= 1)
        AttachState(b - 1, m);
    }
    // Apposition: ", the EU's high representative," / ", Kazakhstan's president".
    size_t j = end;
    if (j + 1 >= tokens_.size() || text_.TokenText(j) != ",") return;
    ++j;
    if (IsWord(j) && (Key(j) == "the" || Key(j) == "a" || Key(j) == "an")) ++j;
    size_t owner = tokens_.size();
    if (j + 1 < tokens_.size() && IsWord(j) && tokens_[j].upper_initial &&
        IsPossessive(text_.TokenText(j + 1))) {
      owner = j;
      j += 2;
    }
    const size_t role_start = j;
    while (j < sentence_->end_token && IsWord(j) && (IsRoleHead(Key(j)) || IsRoleModifier(Key(j)))) ++j;
    if (j > role_start && AnyRoleHead(role_start, j)) {
      m->roles.push_back(JoinedKeys(role_start, j));
      if (owner < tokens_.size()) AttachState(owner, m);
    }
  }

  // Sets the mention's state when token `i` ends a state name or demonym.
  void AttachState(size_t i, ActorMention* m) {
    if (!m->state.empty()) return;
    std::vector<StateEntry> entries;
    for (size_t back = 0; back < 3 && back <= i; ++back) {
      const size_t n = states_.MatchAt(text_, i - back, &entries);
      if (n == back + 1 && entries.size() == 1) {
        m->state = entries[0].code;
        return;
      }
    }
  }

  bool AnyRoleHead(size_t first, size_t end) {
    for (size_t i = first; i < end; ++i) {
      if (IsRoleHead(Key(i))) return true;
    }
    return false;
  }

  std::string JoinedKeys(size_t first, size_t end) {
    std::string out;
    for (size_t i = first; i < end; ++i) {
      if (!out.empty()) out.push_back(' ');
      out += Key(i);
    }
    return out;
  }

  static std::string Joined(const std::vector<std::string>& keys) {
    std::string out;
    for (const std::string& k : keys) {
      if (!out.empty()) out.push_back(' ');
      out += k;
    }
    return out;
  }

  // Fills the span, its keys and its dictionary entry.
  void Fill(size_t first, size_t end, ActorMention* m) {
    m->first = static_cast<uint32_t>(first);
    m->last = static_cast<uint32_t>(end);
    for (size_t i = first; i < end; ++i) {
      if (IsWord(i) || text_.TokenText(i) == "&") m->keys.push_back(Key(i));
    }
    const std::string phrase = Joined(m->keys);
    m->entry = dictionary_.Find(phrase);
    if (!m->entry && m->keys.size() > 2) m->entry = dictionary_.Find(m->keys.front() + " " + m->keys.back());
    // A lone word from the dictionary must not be sentence-initial, where
    // any common word is capitalised.
    if (m->entry && m->keys.size() == 1 && tokens_[first].sentence_initial && !tokens_[first].all_upper) {
      m->entry = nullptr;
    }
    if (m->entry && m->state.empty()) m->state = m->entry->state;
  }

  void Add(ActorMention m) { mentions_.push_back(std::move(m)); }

  const AnalyzedText& text_;
  const std::vector<Token>& tokens_;
  const ActorDictionary& dictionary_;
  const StateGazetteer& states_;
  std::vector<std::string> keys_;
  std::unordered_set<std::string_view> lower_words_;
  bool lower_words_built_ = false;
  bool headline_ = false;
  const Sentence* sentence_ = nullptr;
  std::vector<ActorMention> mentions_;
};

}  // namespace

std::vector<ActorMention> FindActorMentions(const AnalyzedText& text, const ActorDictionary& dictionary,
                                            const StateGazetteer& states) {
  return MentionFinder(text, dictionary, states).Run();
}

}  // namespace newsmine
