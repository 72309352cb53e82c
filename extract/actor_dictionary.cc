#include "extract/actor_dictionary.h"

#include <algorithm>
#include <fstream>

#include "core/tsv.h"
#include "core/utf8.h"
#include "extract/actor_lexicon.h"

namespace newsmine {
namespace {

std::string_view Trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\x1A'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// One "[CODE restriction]" of a record.
struct PhoenixCode {
  std::string code;
  char restriction = 0;  // 0 none, '>' still current, '<' before, '-' interval
  std::string end;       // the interval's end date, as written
};

void ParseCodes(std::string_view line, std::vector<PhoenixCode>* codes) {
  size_t pos = 0;
  while ((pos = line.find('[', pos)) != std::string_view::npos) {
    const size_t close = line.find(']', pos);
    if (close == std::string_view::npos) return;
    const std::string_view inner = Trim(line.substr(pos + 1, close - pos - 1));
    pos = close + 1;
    PhoenixCode code;
    const size_t space = inner.find_first_of(" \t");
    code.code = std::string(inner.substr(0, space));
    if (code.code.empty() || code.code == "---") continue;
    if (space != std::string_view::npos) {
      const std::string_view when = Trim(inner.substr(space));
      if (!when.empty() && (when[0] == '>' || when[0] == '<')) {
        code.restriction = when[0];
      } else if (const size_t dash = when.find('-'); dash != std::string_view::npos) {
        code.restriction = '-';
        code.end = std::string(when.substr(dash + 1));
      }
    }
    codes->push_back(std::move(code));
  }
}

// YYMMDD dates read as PETRARCH does (00-30: 20YY), so intervals compare.
std::string FullDate(const std::string& date) {
  if (date.size() != 6) return date;
  return (date.compare(0, 2, "30") <= 0 ? "20" : "19") + date;
}

// The code that holds now: a current ('>') one, else the default, else the
// interval that ended last.
const PhoenixCode* CurrentCode(const std::vector<PhoenixCode>& codes) {
  const PhoenixCode* best = nullptr;
  for (const PhoenixCode& c : codes) {
    if (c.restriction == '>') return &c;
  }
  for (const PhoenixCode& c : codes) {
    if (c.restriction == 0) return &c;
  }
  for (const PhoenixCode& c : codes) {
    if (c.restriction == '-' && (!best || FullDate(c.end) > FullDate(best->end))) best = &c;
  }
  return best ? best : (codes.empty() ? nullptr : &codes.front());
}

// A phrase record being read: its phrases and codes until the next record.
struct PendingRecord {
  std::string primary;
  std::vector<std::string> phrases;  // keys, primary first
  std::vector<PhoenixCode> codes;
};

bool HasOrganizationCue(const std::string& key) {
  size_t start = 0;
  while (start <= key.size()) {
    const size_t space = std::min(key.find(' ', start), key.size());
    if (IsOrganizationCue(std::string_view(key).substr(start, space - start))) return true;
    start = space + 1;
  }
  return false;
}

// Phrases that would find common words: one-word keys that are ordinary
// capitalised words or role words.
bool IsUsablePhrase(const std::string& key) {
  if (key.empty()) return false;
  if (key.find(' ') != std::string::npos) return true;
  return !IsCommonCapitalised(key) && !IsRoleHead(key) && !IsHonorific(key) && key.size() > 1;
}

// The key of a phrase in the dictionary format ("VLADIMIR_PUTIN_" ->
// "vladimir putin"), or empty when it has no words.
std::string PhoenixPhraseKey(std::string_view phrase) {
  std::string key;
  size_t start = 0;
  while (start < phrase.size()) {
    size_t end = start;
    while (end < phrase.size() && phrase[end] != '_' && phrase[end] != ' ') ++end;
    // The word's key after a space; a word with no key (".") leaves none.
    const size_t mark = key.size();
    if (mark > 0) key.push_back(' ');
    const size_t word_start = key.size();
    AppendActorKey(phrase.substr(start, end - start), &key);
    if (key.size() == word_start) key.resize(mark);
    start = end + 1;
  }
  return key;
}

}  // namespace

std::string ActorSlug(std::string_view name) {
  // ASCII names, nearly all, are folded here as ActorKey() would (A-Z lowered,
  // periods dropped) without building the key.
  const bool ascii =
      std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string folded;
  if (!ascii) folded = ActorKey(name);
  const std::string_view key = ascii ? name : folded;
  std::string slug;
  slug.reserve(key.size());
  bool dash = false;
  for (char c : key) {
    if (c == '.') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const unsigned char u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
      if (dash && !slug.empty()) slug.push_back('-');
      slug.push_back(c);
      dash = false;
    } else {
      dash = true;
    }
  }
  return slug;
}

int32_t ActorDictionary::AddEntry(ActorEntry entry) {
  if (const auto it = ids_.find(entry.id); it != ids_.end()) return it->second;
  const int32_t index = static_cast<int32_t>(entries_.size());
  ids_.emplace(entry.id, index);
  entries_.push_back(std::move(entry));
  return index;
}

uint64_t PhraseIndex::Hash(std::string_view key) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (const char c : key) h = (h ^ static_cast<unsigned char>(c == '-' ? ' ' : c)) * 1099511628211ull;
  return h | 1;  // never 0, which marks an empty slot
}

size_t PhraseIndex::Probe(uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  size_t slot = (hash ^ (hash >> 29)) & mask;
  while (slots_[slot].hash != 0 && slots_[slot].hash != hash) slot = (slot + 1) & mask;
  return slot;
}

const int32_t* PhraseIndex::Find(std::string_view key) const {
  if (slots_.empty()) return nullptr;
  const uint64_t h = Hash(key);
  const Slot& slot = slots_[Probe(h)];
  return slot.hash == h ? &slot.value : nullptr;
}

int32_t* PhraseIndex::Insert(std::string_view key, int32_t value, bool* added) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const uint64_t h = Hash(key);
  Slot& slot = slots_[Probe(h)];
  *added = slot.hash == 0;
  if (*added) {
    slot = {h, value};
    ++size_;
  }
  return &slot.value;
}

void PhraseIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<size_t>(64, old.size() * 2), Slot());
  for (const Slot& slot : old) {
    if (slot.hash != 0) slots_[Probe(slot.hash)] = slot;
  }
}

void ActorDictionary::AddPhrase(const std::string& phrase_key, int32_t index, bool wins) {
  if (!IsUsablePhrase(phrase_key)) return;
  bool added = false;
  int32_t* value = phrases_.Insert(phrase_key, index, &added);
  if (!added && *value != index) *value = wins ? index : -1;
}

const ActorEntry* ActorDictionary::Find(std::string_view phrase_key) const {
  const int32_t* index = phrases_.Find(phrase_key);
  return index && *index >= 0 ? &entries_[*index] : nullptr;
}

const ActorEntry* ActorDictionary::FindLeaderBySurname(std::string_view key, bool alone) const {
  if (alone && IsGivenName(key)) return nullptr;
  const int32_t* index = surnames_.Find(key);
  return index && *index >= 0 ? &entries_[*index] : nullptr;
}

Status ActorDictionary::LoadPhoenix(const std::string& path, Source source, const StateGazetteer& states) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read actor dictionary " + path);
  PendingRecord record;
  const auto finish = [&]() {
    if (record.phrases.empty()) return;
    const PhoenixCode* code = CurrentCode(record.codes);
    ActorEntry entry;
    entry.id = ActorSlug(record.primary);
    if (code && code->code.size() >= 3) {
      const std::string country = code->code.substr(0, 3);
      if (states.DisplayName(country) != country) entry.state = country;
    }
    const bool has_role = code && code->code.size() > 3;
    const bool org_shaped =
        HasOrganizationCue(record.phrases.front()) || record.phrases.front().find(' ') == std::string::npos;
    if (source == Source::kCountries && !has_role) {
      bool added = false;
      for (const std::string& p : record.phrases) places_.Insert(p, 1, &added);
    } else {
      if (org_shaped || source == Source::kOrganizations) {
        entry.type = ActorType::kOrganization;
      } else if (source == Source::kCountries) {
        entry.type = ActorType::kPerson;
      }
      const bool person = entry.type == ActorType::kPerson;
      const int32_t index = AddEntry(std::move(entry));
      for (const std::string& p : record.phrases) {
        AddPhrase(p, index, source == Source::kOrganizations);
        bool added = false;
        if (person && p.find(' ') != std::string::npos)
          given_names_.Insert(p.substr(0, p.find(' ')), 1, &added);
      }
    }
    record = PendingRecord();
  };
  std::string raw;
  while (std::getline(in, raw)) {
    std::string_view line = raw;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    if (const size_t semi = line.find(';'); semi != std::string_view::npos) line = line.substr(0, semi);
    if (Trim(line).empty()) continue;
    const bool indented = line[0] == '\t' || line[0] == ' ';
    line = Trim(line);
    if (indented) {
      ParseCodes(line, &record.codes);
      continue;
    }
    // Substitution sets and plural specs belong to the agents format.
    if (line[0] == '!' || line.find('{') != std::string_view::npos) continue;
    const bool synonym = line[0] == '+';
    if (synonym) line.remove_prefix(1);
    if (!synonym) finish();
    const size_t bracket = line.find('[');
    std::string_view phrase = Trim(line.substr(0, bracket));
    if (bracket != std::string_view::npos) ParseCodes(line.substr(bracket), &record.codes);
    // "ANIMAL_LIBERATION_FRONT_(ALF)_": the parenthesised acronym is a synonym.
    std::string base(phrase);
    if (const size_t open = base.find('('); open != std::string::npos) {
      const size_t close = base.find(')', open);
      if (close == std::string::npos) continue;
      record.phrases.push_back(PhoenixPhraseKey(base.substr(open + 1, close - open - 1)));
      base.erase(open, close - open + 1);
    }
    const std::string key = PhoenixPhraseKey(base);
    if (key.empty()) continue;
    if (!synonym) record.primary = base;
    if (record.primary.empty()) record.primary = base;
    record.phrases.push_back(key);
  }
  finish();
  return Status::Ok();
}

Status ActorDictionary::LoadLeaders(const std::string& path) {
  return ForEachTsvRow(path, "leaders file", [&](const std::vector<std::string_view>& fields, int line) {
    if (fields.size() < 3 || fields.size() > 4 || fields[0].size() != 3) {
      return TsvLineError(path, line, "want ISO3<TAB>role<TAB>name[<TAB>surname]");
    }
    const std::string name(fields[2]);
    const std::string full = PhoenixPhraseKey(name);
    const size_t last_space = full.rfind(' ');
    const bool has_surname = fields.size() == 4;
    const std::string surname = has_surname                       ? PhoenixPhraseKey(std::string(fields[3]))
                                : last_space == std::string::npos ? full
                                                                  : full.substr(last_space + 1);
    const std::string first_last = full.substr(0, full.find(' ')) + " " + full.substr(last_space + 1);
    // A leader the Phoenix files already know keeps that entry (and its id).
    int32_t index = -1;
    for (const std::string* key : {&full, &first_last}) {
      const int32_t* known = phrases_.Find(*key);
      if (index < 0 && known && *known >= 0 && entries_[*known].type == ActorType::kPerson) index = *known;
    }
    if (index < 0) index = AddEntry(ActorEntry{ActorSlug(name), ActorType::kPerson, "", ""});
    ActorEntry& entry = entries_[index];
    entry.type = ActorType::kPerson;
    entry.state = std::string(fields[0]);
    entry.role = std::string(fields[1]);
    bool added = false;
    given_names_.Insert(full.substr(0, full.find(' ')), 1, &added);
    // Current leaders win their full names over older holders of the phrase.
    for (const std::string* key : {&full, &first_last}) {
      if (IsUsablePhrase(*key)) *phrases_.Insert(*key, index, &added) = index;
    }
    // Without a surname column, "Charles III" has none ("Xi" in the column is one).
    const bool numeral = !has_surname && surname.find_first_not_of("ivx") == std::string::npos;
    if (!numeral && IsUsablePhrase(surname)) {
      int32_t* value = surnames_.Insert(surname, index, &added);
      if (!added && *value != index) *value = -1;
    }
    return Status::Ok();
  });
}

}  // namespace newsmine
