// Actor extraction: mentions (extract/actor_mentions.h) grouped into actors.
// See docs/actors.md for the method.
#include "extract/actors.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "extract/actor_dictionary.h"
#include "extract/actor_lexicon.h"
#include "extract/actor_link_index.h"
#include "extract/actor_mentions.h"

namespace newsmine {
namespace {

// The built-in dictionaries under <data_dir>/actors, in load order.
struct BuiltinFile {
  const char* name;
  ActorDictionary::Source source;
};
constexpr BuiltinFile kBuiltinFiles[] = {
    {"Phoenix.Countries.actors.txt", ActorDictionary::Source::kCountries},
    {"Phoenix.International.actors.txt", ActorDictionary::Source::kInternational},
    {"Phoenix.MilNonState.actors.txt", ActorDictionary::Source::kInternational},
    {"newsmine.organizations.actors.txt", ActorDictionary::Source::kOrganizations},
};

bool Contains(ActorKeys big, ActorKeys small) {
  return std::all_of(small.begin(), small.end(),
                     [&](std::string_view k) { return std::find(big.begin(), big.end(), k) != big.end(); });
}

// A role of an actor, in a list of every actor's roles (a text has few):
// each actor's are chained, so that an actor owns no memory.
struct RoleLink {
  std::string_view role;
  uint32_t next = 0;  // 1 + index of the actor's next role, or 0
};

// One actor while mentions are grouped; its strings are views of the
// mentions'.
struct Cluster {
  ActorType type = ActorType::kUnknown;
  const ActorMention* best = nullptr;  // the fullest mention
  const ActorEntry* entry = nullptr;
  std::string_view state;
  std::string_view acronym;
  int mentions = 0;
  uint32_t first_token = 0;
  uint32_t first_role = 0;  // 1 + index in the role list of its first role, or 0
  uint32_t last_role = 0;   // likewise of its last
  uint64_t link_bits = 0;   // LinkBits of every mention taken

  // Takes mention `m`, its roles new to the actor added to `role_list`.
  void Take(const ActorMention& m, std::vector<RoleLink>* role_list) {
    ++mentions;
    first_token = mentions == 1 ? m.first : std::min(first_token, m.first);
    if (!best || m.keys.size() > best->keys.size()) best = &m;
    if (!entry) entry = m.entry;
    if (state.empty()) state = m.state;
    if (acronym.empty()) acronym = m.acronym;
    for (const std::string_view r : m.roles) {
      if (HasRole(r, *role_list)) continue;
      role_list->push_back({r});
      const uint32_t added = static_cast<uint32_t>(role_list->size());
      (last_role != 0 ? (*role_list)[last_role - 1].next : first_role) = added;
      last_role = added;
    }
  }

  // Calls visit(role) for each of the actor's roles, in the order taken.
  template <typename Visit>
  void VisitRoles(const std::vector<RoleLink>& role_list, Visit visit) const {
    for (uint32_t i = first_role; i != 0; i = role_list[i - 1].next) visit(role_list[i - 1].role);
  }

  bool HasRole(std::string_view role, const std::vector<RoleLink>& role_list) const {
    for (uint32_t i = first_role; i != 0; i = role_list[i - 1].next) {
      if (role_list[i - 1].role == role) return true;
    }
    return false;
  }
};

// Extract()'s working memory. Each thread keeps one, reused from text to
// text: only the actors returned are allocated once the texts before were
// as large.
struct ExtractScratch {
  ActorMentions mentions;
  std::vector<Cluster> clusters;
  std::vector<RoleLink> role_list;   // the clusters' roles
  ActorLinkIndex link_index;         // ClusterSet's index
  std::vector<uint32_t> candidates;  // ClusterSet::Candidates()
  std::string collapsed;             // a name's CollapsedView()
};

bool EntriesConflict(const Cluster& c, const ActorMention& m) {
  return c.entry && m.entry && c.entry != m.entry;
}

bool HasPatronymic(ActorKeys keys) {
  return std::any_of(keys.begin(), keys.end(),
                     [](std::string_view k) { return k == "bin" || k == "ibn" || k == "bint"; });
}

// "Tokayev" / "President Tokayev" / "Kassym-Jomart Tokayev": same surname,
// and one name's words are all in the other. In "Qaboos bin Said" the name
// that stands alone is the first.
bool SamePerson(const Cluster& c, const ActorMention& m) {
  if (c.type != ActorType::kPerson || m.type == ActorType::kOrganization || EntriesConflict(c, m))
    return false;
  if (c.entry && c.entry == m.entry) return true;
  const ActorKeys ck = c.best->keys;
  if (ck.empty() || m.keys.empty()) return false;
  if (m.keys.size() == 1 && HasPatronymic(ck) && ck.front() == m.keys[0]) return true;
  if (ck.size() == 1 && HasPatronymic(m.keys) && m.keys.front() == ck[0]) return true;
  if (ck.back() != m.keys.back()) return false;
  return Contains(ck, m.keys) || Contains(m.keys, ck);
}

// Same name (without a leading state or a trailing "Ltd"), an acronym of it
// ("OSCE"), its acronym in parentheses, or the head of a run of acronyms
// ("ODIHR" and "OSCE ODIHR"). Acronyms override dictionary disagreements:
// the text's own definition is the better evidence.
bool SameOrganization(const Cluster& c, const ActorMention& m) {
  if (c.type != ActorType::kOrganization || m.type == ActorType::kPerson) return false;
  if (c.entry && c.entry == m.entry) return true;
  const ActorMention& b = *c.best;
  if (m.keys.size() == 1 || m.acronym_run) {  // "OSCE ODIHR" is named by its last acronym
    const std::string_view k = m.keys.back();
    if (k == c.acronym || k == b.initials) return true;
    if (b.acronym_run && b.keys.back() == k) return true;
  }
  if (b.keys.size() == 1) {
    const std::string_view k = b.keys[0];
    if (k == m.acronym || k == m.initials) return true;
    if (m.acronym_run && m.keys.back() == k) return true;
  }
  if (EntriesConflict(c, m)) return false;
  // The same name of two states' bodies is two organisations: "the Russian
  // Foreign Ministry" and "the Chinese Foreign Ministry".
  if (!c.state.empty() && !m.state.empty() && c.state != m.state) return false;
  if (!b.core.empty() && std::ranges::equal(b.core, m.core)) return true;
  // A lone "Alliance" / "Treasury" joins the one organisation it ends.
  return m.weak && m.keys.size() == 1 && b.keys.size() > 1 && b.keys.back() == m.keys[0];
}

// The actors of one text while its mentions are placed. An index from the
// words that can link a mention to an actor (first and last name word,
// organisation core, acronym, initials, dictionary entry) to the actors
// carrying them keeps placing a mention to a few candidates, not every actor
// so far: a long input with thousands of actors stays linear.
class ClusterSet {
 public:
  // Places the actors in scratch->clusters and their roles in
  // scratch->role_list, both cleared first. Room for `mentions` actors: no
  // regrowth.
  ClusterSet(size_t mentions, ExtractScratch* scratch)
      : clusters_(scratch->clusters),
        role_list_(scratch->role_list),
        index_(scratch->link_index),
        candidates_(scratch->candidates) {
    clusters_.clear();
    clusters_.reserve(mentions);
    role_list_.clear();
    index_.Clear();
  }

  // Puts a mention in the first actor it belongs to, or starts one. A weak
  // mention only joins (or starts one when it is a current leader's surname).
  void Place(const ActorMention& m, const ActorDictionary& dictionary) {
    if (const int64_t i = Find(m); i >= 0) {
      clusters_[i].Take(m, &role_list_);
      Index(static_cast<uint32_t>(i));
      return;
    }
    Cluster c;
    if (m.weak || m.type == ActorType::kUnknown) {
      // "presidents Xi and Putin" has no first names: a current leader's
      // surname is enough.
      if (m.keys.size() != 1 || !m.unrelated_capital) return;
      c.entry = dictionary.FindLeaderBySurname(m.keys[0], true);
      if (!c.entry) return;
      c.type = ActorType::kPerson;
    } else {
      c.type = m.type;
    }
    c.Take(m, &role_list_);
    clusters_.push_back(c);
    if (clusters_.size() == kBitsFrom || clusters_.size() == kIndexFrom) {
      for (uint32_t i = 0; i < clusters_.size(); ++i) Index(i);
    } else {
      Index(static_cast<uint32_t>(clusters_.size() - 1));
    }
  }

 private:
  // Link words, by kind: "e:" dictionary entry, "p:" a person's surname,
  // "f:" the first name of a "bin" name, "c:" an organisation's core, "a:"
  // its acronym or initials, "s:" a one-word or acronym-run name, "l:" the
  // last word of a longer one. They mirror SamePerson / SameOrganization: a
  // mention that belongs to an actor shares a link with it. `link` is called
  // as link(kind, key) and, for a core, link(kind, keys).
  template <typename Sink>
  static void ClusterLinks(const Cluster& c, Sink& link) {
    const ActorMention& b = *c.best;
    if (c.entry) link("e:", c.entry->id);
    if (c.type == ActorType::kPerson) {
      if (b.keys.empty()) return;
      link("p:", b.keys.back());
      if (HasPatronymic(b.keys)) link("f:", b.keys.front());
      return;
    }
    link("c:", b.core);
    if (!c.acronym.empty()) link("a:", c.acronym);
    if (!b.initials.empty()) link("a:", b.initials);
    if (b.keys.empty()) return;
    if (b.keys.size() == 1 || b.acronym_run) link("s:", b.keys.back());
    if (b.keys.size() > 1) link("l:", b.keys.back());
  }

  template <typename Sink>
  static void MentionLinks(const ActorMention& m, Sink& link) {
    if (m.entry) link("e:", m.entry->id);
    if (m.type != ActorType::kOrganization && !m.keys.empty()) {
      link("p:", m.keys.back());
      if (m.keys.size() == 1) link("f:", m.keys[0]);
      if (HasPatronymic(m.keys)) link("p:", m.keys.front());
    }
    if (m.type != ActorType::kPerson) {
      link("c:", m.core);
      if (m.keys.size() == 1 || (m.acronym_run && !m.keys.empty())) {
        link("a:", m.keys.back());
        link("s:", m.keys.back());
      }
      if (m.keys.size() == 1) link("l:", m.keys[0]);
      if (!m.acronym.empty()) link("s:", m.acronym);
      if (!m.initials.empty()) link("s:", m.initials);
    }
  }

  // Links as 64-bit hashes, for the index: calls use(hash) with each link's
  // PhraseHasher hash of kind and key (a core's keys each followed by a
  // space). Two links may share a hash, and then the index offers an actor
  // that Find()'s tests turn away; it never misses one.
  template <typename Use>
  struct LinkHashes {
    explicit LinkHashes(Use use) : use(use) {}
    Use use;
    void operator()(std::string_view kind, std::string_view key) {
      PhraseHasher hasher;
      hasher.Add(kind);
      hasher.Add(key);
      use(hasher.Finish());
    }
    void operator()(std::string_view kind, ActorKeys keys) {
      PhraseHasher hasher;
      hasher.Add(kind);
      for (const std::string_view k : keys) {
        hasher.Add(k);
        hasher.AddSpace();
      }
      use(hasher.Finish());
    }
  };

  // Links as one bit each of 64, picked by the kind, length, first and last
  // byte of the key (no pass over it): two sets of links that share a link
  // share a bit, so a mention whose bits miss an actor's does not belong to
  // it.
  struct LinkBits {
    uint64_t bits = 0;
    void operator()(std::string_view kind, std::string_view key) { Set(Shape(kind[0], key)); }
    void operator()(std::string_view kind, ActorKeys keys) {
      uint64_t h = static_cast<unsigned char>(kind[0]);
      for (const std::string_view k : keys) h = h * 31 + Shape(0, k);
      Set(h);
    }
    static uint64_t Shape(char kind, std::string_view key) {
      if (key.empty()) return static_cast<unsigned char>(kind);
      return static_cast<unsigned char>(kind) | key.size() << 8 |
             static_cast<uint64_t>(static_cast<unsigned char>(key.front())) << 16 |
             static_cast<uint64_t>(static_cast<unsigned char>(key.back())) << 24;
    }
    void Set(uint64_t h) { bits |= uint64_t{1} << ((h * 0x9E3779B97F4A7C15ull) >> 58); }
  };

  // The first actor `m` belongs to, or -1. Few actors are scanned; many are
  // looked up through the index.
  int64_t Find(const ActorMention& m) {
    // An actor of one type takes only the tests of that type (each test
    // turns the other type away first): no call for most actors.
    const auto belongs = [&](const Cluster& c) {
      if (c.type == ActorType::kPerson) return m.type != ActorType::kOrganization && SamePerson(c, m);
      return c.type == ActorType::kOrganization && m.type != ActorType::kPerson && SameOrganization(c, m);
    };
    if (clusters_.size() < kBitsFrom) {
      for (size_t i = 0; i < clusters_.size(); ++i) {
        if (belongs(clusters_[i])) return static_cast<int64_t>(i);
      }
      return -1;
    }
    if (clusters_.size() < kIndexFrom) {
      LinkBits bits;
      MentionLinks(m, bits);
      for (size_t i = 0; i < clusters_.size(); ++i) {
        if ((clusters_[i].link_bits & bits.bits) != 0 && belongs(clusters_[i]))
          return static_cast<int64_t>(i);
      }
      return -1;
    }
    for (const uint32_t i : Candidates(m)) {
      if (belongs(clusters_[i])) return i;
    }
    return -1;
  }

  // Adds the links of actor `i` to its bits once they are used, and to the
  // index once there is one.
  void Index(uint32_t i) {
    if (clusters_.size() < kBitsFrom) return;
    LinkBits bits;
    ClusterLinks(clusters_[i], bits);
    clusters_[i].link_bits |= bits.bits;
    if (clusters_.size() < kIndexFrom) return;
    LinkHashes add{[this, i](uint64_t hash) { index_.Add(hash, i); }};
    ClusterLinks(clusters_[i], add);
  }

  // The actors sharing a link hash with `m`, in the order they were
  // started; valid until the next call.
  const std::vector<uint32_t>& Candidates(const ActorMention& m) {
    std::vector<uint32_t>& out = candidates_;
    out.clear();
    LinkHashes find{[this, &out](uint64_t hash) { index_.AppendActors(hash, &out); }};
    MentionLinks(m, find);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  static constexpr size_t kBitsFrom = 8;    // actors before their link bits pay off
  static constexpr size_t kIndexFrom = 64;  // actors before the index pays off
  std::vector<Cluster>& clusters_;
  std::vector<RoleLink>& role_list_;
  ActorLinkIndex& index_;
  std::vector<uint32_t>& candidates_;
};

class PhoenixActorExtractor : public ActorExtractor {
 public:
  explicit PhoenixActorExtractor(const StateGazetteer* states) : states_(states) {}

  ActorDictionary* dictionary() { return &dictionary_; }

  std::vector<Actor> Extract(const AnalyzedText& text, const Document&) const override {
    thread_local ExtractScratch scratch;
    FindActorMentions(text, dictionary_, *states_, &scratch.mentions);
    const std::vector<ActorMention>& mentions = scratch.mentions.mentions;
    std::vector<Cluster>& clusters = scratch.clusters;
    {
      ClusterSet set(mentions.size(), &scratch);
      for (const bool weak_pass : {false, true}) {
        for (const ActorMention& m : mentions) {
          if (m.weak == weak_pass) set.Place(m, dictionary_);
        }
      }
    }
    std::sort(clusters.begin(), clusters.end(),
              [](const Cluster& a, const Cluster& b) { return a.first_token < b.first_token; });
    std::vector<Actor> actors;
    actors.reserve(clusters.size());
    for (Cluster& c : clusters) {
      // A current leader named by surname ("Tokayev"), or with a first name
      // spelt otherwise ("Kassym-Jomart" / "Kasym-Zhomart"): same initial.
      if (!c.entry && c.type == ActorType::kPerson) {
        const ActorEntry* leader = dictionary_.FindLeaderBySurname(c.best->keys.back(), false);
        if (leader && (c.best->keys.size() == 1 || leader->id[0] == c.best->keys[0][0])) c.entry = leader;
      }
      actors.push_back(ToActor(c, text, &scratch));
    }
    return actors;
  }

 private:
  static Actor ToActor(const Cluster& c, const AnalyzedText& text, ExtractScratch* scratch) {
    Actor a;
    const ActorMention& best = *c.best;
    a.name = best.display.empty() ? CollapsedView(text.Span(best.first, best.last), &scratch->collapsed)
                                  : best.display;
    a.id = c.entry ? std::string(c.entry->id) : ActorSlug(a.name);
    a.type = c.type == ActorType::kPerson ? "person" : "organization";
    a.state =
        !c.state.empty() ? std::string(c.state) : (c.entry ? std::string(c.entry->state) : std::string());
    c.VisitRoles(scratch->role_list, [&a](std::string_view role) { a.roles.emplace_back(role); });
    // The text gives no role: a current leader's office from the Factbook.
    if (a.roles.empty() && c.entry && !c.entry->role.empty()) a.roles.emplace_back(c.entry->role);
    a.mentions = c.mentions;
    return a;
  }

  const StateGazetteer* states_;
  ActorDictionary dictionary_;
};

}  // namespace

Status ActorExtractor::Load(const std::string& data_dir, const std::vector<std::string>& user_dictionaries,
                            const StateGazetteer* states, std::unique_ptr<ActorExtractor>* out) {
  auto extractor = std::make_unique<PhoenixActorExtractor>(states);
  ActorDictionary* dictionary = extractor->dictionary();
  const std::string folder = data_dir + "/actors/";
  for (const BuiltinFile& file : kBuiltinFiles) {
    Status s = dictionary->LoadPhoenix(folder + file.name, file.source, *states);
    if (!s.ok()) return s;
  }
  Status s = dictionary->LoadLeaders(folder + "leaders.tsv");
  if (!s.ok()) return s;
  for (const std::string& path : user_dictionaries) {
    s = dictionary->LoadPhoenix(path, ActorDictionary::Source::kUser, *states);
    if (!s.ok()) return s;
  }
  *out = std::move(extractor);
  return Status::Ok();
}

}  // namespace newsmine
