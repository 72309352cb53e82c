// Who holds an opinion and who it is about, within one sentence.
//
// A state reference is a holder when it voices or experiences the sentiment
// rather than receives it: the subject of a speech, attitude or cognition
// verb in the active voice ("Washington highlighted ...", "Berlin learned
// ...", "X remains concerned"), the subject of a clause that goes on to a
// speech verb in the infinitive ("X sent envoys to assure ..."), the state of
// an office holder who speaks ("X, the Prime Minister of Y, said"), the
// source of "calls from London", the agent of "criticised by Greece", or
// "according to Moscow"; references coordinated with a holder ("from Berlin,
// Paris or London") are holders too. The subject of a passive ("X was
// praised") is not a holder.
//
// Words go to states by grammar first: a praise or blame verb ("praised",
// "condemned") to its object (the reference just after it, or before a
// passive), and its "for / of / over" complement too; negated, it goes to no
// one; with no state object, to no state. Other speech verbs' own valence is
// the holder's act and goes to no state. Every other word goes to the nearest
// reference that is not a holder: in "Washington criticised Moscow's
// crackdown" the criticism is Russia's. A state gets nothing of what it says
// of itself in the same clause. A place ("violence in X") gets half of what
// it receives; the people of a state ("X citizens died"), a victim ("attacks
// on X") or a beneficiary ("support for X") nothing.
//
// Thread-safety: functions without state; safe from any thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "extract/record.h"
#include "extract/sentiment_scorer.h"
#include "extract/state_references.h"
#include "extract/text.h"

namespace newsmine {

// Speech, attitude and cognition verbs whose subject holds the sentiment
// ("said", "criticised", "calls", "learned"). `lower` is a LowerWord.
bool IsHolderVerb(std::string_view lower);

// A verb that shows its subject acting: a holder verb, or a past tense / a
// verb of diplomacy ("met", "visited"). Used to see a leader act for a state.
bool IsActionVerb(std::string_view lower);

// True when one of the actor's roles is an office of state (president,
// prime minister, foreign minister, king, ambassador, ...).
bool HoldsStateOffice(const Actor& actor);

// The part a reference plays in its sentence.
enum class StateRole : uint8_t {
  kTarget,  // the state the sentence may be about (default)
  kHolder,  // voices or experiences the sentiment
  kPlace,   // a location: "in Iraq", "Izmir, Turkey"; receives half
  kPeople,  // its people, not its government ("Syrian refugees", "U.S. citizens"),
            // a victim ("attacks on the US") or a beneficiary ("support for
            // X"): absorbs the words near it but passes nothing to the state
};

// The role of each of `refs` (the references of one sentence, in text
// order), in *roles (replacing its contents: a caller reuses one buffer).
// `token_classes` are the SentimentWordClass bits of each token of the
// sentence (index: token - the sentence's first token) as
// ScoreSentenceTokens gives them: the role code asks its word lists through
// them rather than looking each word up again.
void AssignRoles(const AnalyzedText& text, const std::vector<const StateReference*>& refs,
                 const std::vector<uint32_t>& token_classes, std::vector<StateRole>* roles);

// The summed valence each of `refs` receives from `valences` (the sentence's
// scored tokens), given `roles` from AssignRoles and `token_classes` as
// there, in *received (replacing its contents). Same order as `refs`.
void AttributeValences(const AnalyzedText& text, const std::vector<const StateReference*>& refs,
                       const std::vector<StateRole>& roles, const std::vector<uint32_t>& token_classes,
                       const std::vector<TokenValence>& valences, std::vector<double>* received);

}  // namespace newsmine
