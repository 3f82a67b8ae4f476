#include "applications/states.h"

namespace ktk::applications {

namespace {

constexpr std::string_view kCodes[] = {"draft",  "submitted", "in_review", "proposal",
                                       "agreed", "approved",  "rejected",  "withdrawn"};

// The whole table. The office's side (review, proposal, decision) comes
// with its own routes.
constexpr Transition kTransitions[] = {
    {State::Draft, Action::Edit, Party::Contact, State::Draft},
    {State::Draft, Action::Submit, Party::Contact, State::Submitted},
    {State::Submitted, Action::Withdraw, Party::Contact, State::Withdrawn},
    {State::InReview, Action::Withdraw, Party::Contact, State::Withdrawn},
    {State::Proposal, Action::Withdraw, Party::Contact, State::Withdrawn},
    {State::Agreed, Action::Withdraw, Party::Contact, State::Withdrawn},
};

}  // namespace

std::string_view stateCode(State state) { return kCodes[static_cast<int>(state)]; }

std::optional<State> parseState(std::string_view code) {
    for (int i = 0; i < static_cast<int>(std::size(kCodes)); ++i)
        if (kCodes[i] == code) return static_cast<State>(i);
    return std::nullopt;
}

std::optional<State> transition(State from, Action action, Party who) {
    for (const Transition& t : kTransitions)
        if (t.from == from && t.action == action && t.who == who) return t.to;
    return std::nullopt;
}

bool allowed(State from, Action action, Party who) { return transition(from, action, who).has_value(); }

bool waitsForContact(State state) { return state == State::Draft; }

}  // namespace ktk::applications
