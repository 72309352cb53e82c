// Who holds an opinion and who it is about, within one sentence.
//
// A state reference is a holder when it voices or experiences the sentiment
// rather than receives it: the subject of a speech, attitude or cognition
// verb ("Washington highlighted ...", "Berlin learned ...", "Kazakhstan's
// foreign ministry claims ..."), the source of "calls from London", the agent
// of "criticised by Greece", or "according to Moscow"; references coordinated
// with a holder ("from Berlin, Paris or London") are holders too.
// Sentiment words go to the nearest reference that is not a holder: in
// "Washington criticised Moscow's crackdown" the criticism is Russia's; when
// every reference in the sentence is a holder, the words go to none of them.
// A praise or blame verb goes first to the reference it governs, after it
// ("Riyadh thanked Washington"). A place ("violence in X") gets half of what
// it receives, and the people of a state ("X citizens died") nothing: what
// happens to them is not how the state is portrayed.
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
            // or a victim ("attacks on the US"): absorbs the words near it
            // but passes nothing to the state
};

// The role of each of `refs` (the references of one sentence, in text order).
std::vector<StateRole> AssignRoles(const AnalyzedText& text, const std::vector<const StateReference*>& refs);

// The summed valence each of `refs` receives from `valences` (the sentence's
// scored tokens), given `roles` from AssignRoles. Same order as `refs`.
std::vector<double> AttributeValences(const AnalyzedText& text,
                                      const std::vector<const StateReference*>& refs,
                                      const std::vector<StateRole>& roles,
                                      const std::vector<TokenValence>& valences);

}  // namespace newsmine
