#include "applications/states.h"

namespace ktk::applications {

namespace {

constexpr std::string_view kCodes[] = {"draft",  "submitted", "in_review", "proposal",
                                       "agreed", "approved",  "rejected",  "withdrawn"};

constexpr std::string_view kActions[] = {"edit",    "submit",  "withdraw", "open",   "propose",
                                         "accept",  "approve", "reject",   "message"};

constexpr std::string_view kParties[] = {"contact", "office"};

using A = Action;
using P = Party;
using S = State;

// The whole table (README, "The life of an application"). A message keeps
// the state; a decision (approve, reject) and a withdrawal end it.
constexpr Transition kTransitions[] = {
    {S::Draft, A::Edit, P::Contact, S::Draft},
    {S::Draft, A::Submit, P::Contact, S::Submitted},

    {S::Submitted, A::Open, P::Office, S::InReview},
    {S::Submitted, A::Reject, P::Office, S::Rejected},
    {S::Submitted, A::Withdraw, P::Contact, S::Withdrawn},
    {S::Submitted, A::Message, P::Contact, S::Submitted},
    {S::Submitted, A::Message, P::Office, S::Submitted},

    {S::InReview, A::Propose, P::Office, S::Proposal},
    {S::InReview, A::Approve, P::Office, S::Approved},
    {S::InReview, A::Reject, P::Office, S::Rejected},
    {S::InReview, A::Withdraw, P::Contact, S::Withdrawn},
    {S::InReview, A::Message, P::Contact, S::InReview},
    {S::InReview, A::Message, P::Office, S::InReview},

    // The contact answers a proposal: accept it, or revise (edit, then
    // submit the revision, which the office reviews again).
    {S::Proposal, A::Accept, P::Contact, S::Agreed},
    {S::Proposal, A::Edit, P::Contact, S::Proposal},
    {S::Proposal, A::Submit, P::Contact, S::Submitted},
    {S::Proposal, A::Reject, P::Office, S::Rejected},
    {S::Proposal, A::Withdraw, P::Contact, S::Withdrawn},
    {S::Proposal, A::Message, P::Contact, S::Proposal},
    {S::Proposal, A::Message, P::Office, S::Proposal},

    {S::Agreed, A::Approve, P::Office, S::Approved},
    {S::Agreed, A::Reject, P::Office, S::Rejected},
    {S::Agreed, A::Withdraw, P::Contact, S::Withdrawn},
    {S::Agreed, A::Message, P::Contact, S::Agreed},
    {S::Agreed, A::Message, P::Office, S::Agreed},
};

template <class E, std::size_t N>
std::optional<E> parseCode(const std::string_view (&codes)[N], std::string_view code) {
    for (std::size_t i = 0; i < N; ++i)
        if (codes[i] == code) return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace

std::string_view stateCode(State state) { return kCodes[static_cast<int>(state)]; }

std::optional<State> parseState(std::string_view code) { return parseCode<State>(kCodes, code); }

std::string_view actionCode(Action action) { return kActions[static_cast<int>(action)]; }

std::optional<Action> parseAction(std::string_view code) { return parseCode<Action>(kActions, code); }

std::string_view partyCode(Party party) { return kParties[static_cast<int>(party)]; }

std::optional<Party> parseParty(std::string_view code) { return parseCode<Party>(kParties, code); }

bool isFinal(State state) { return state == S::Approved || state == S::Rejected || state == S::Withdrawn; }

std::optional<State> transition(State from, Action action, Party who) {
    for (const Transition& t : kTransitions)
        if (t.from == from && t.action == action && t.who == who) return t.to;
    return std::nullopt;
}

bool allowed(State from, Action action, Party who) { return transition(from, action, who).has_value(); }

bool waitsForContact(State state) { return state == S::Draft || state == S::Proposal; }

bool waitsForOffice(State state) { return state == S::Submitted || state == S::InReview || state == S::Agreed; }

}  // namespace ktk::applications
