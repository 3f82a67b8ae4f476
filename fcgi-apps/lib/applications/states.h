// The life of an application as a table (SPEC §7): each state, what a
// municipality contact or the office may do in it, and where that leads.
// Handlers and services ask the table; no branch elsewhere decides it.
#pragma once

#include <optional>
#include <string_view>

namespace ktk::applications {

enum class State { Draft, Submitted, InReview, Proposal, Agreed, Approved, Rejected, Withdrawn };

enum class Action {
    Edit,      // save the fields as a new version (contact: a draft, or a revision of a proposal)
    Submit,    // freeze the current version and send it to the office (contact)
    Withdraw,  // take a submitted application back, with a reason (contact)
    Open,      // a clerk opens a submitted application: the review begins (office)
    Propose,   // the office proposes changes: a new version the contact must answer (office)
    Accept,    // the contact accepts the office's proposal (contact)
    Approve,   // the decision: approved, with a contract (office)
    Reject,    // the decision: rejected, with a reason (office)
    Message,   // a message on the timeline; the state stays (either side)
};

enum class Party { Contact, Office };

struct Transition {
    State from;
    Action action;
    Party who;
    State to;
};

// The code shown in data-state and stored in applications.state.
std::string_view stateCode(State state);
std::optional<State> parseState(std::string_view code);

// The code stored in application_events.action and used in audit rows.
std::string_view actionCode(Action action);
std::optional<Action> parseAction(std::string_view code);

// The code of a party as stored ("contact", "office").
std::string_view partyCode(Party party);
std::optional<Party> parseParty(std::string_view code);

// Approved, rejected and withdrawn: nothing changes the application again.
bool isFinal(State state);

// Where `action` by `who` leads from `from`; nullopt when it is not allowed.
std::optional<State> transition(State from, Action action, Party who);
bool allowed(State from, Action action, Party who);

// Whether an application in `state` waits for its municipality's contact
// to act (the home page's "waiting for you"): a draft not yet submitted,
// or an office proposal to answer.
bool waitsForContact(State state);
// Whether it waits for the office: submitted, in review, or agreed.
bool waitsForOffice(State state);

}  // namespace ktk::applications
