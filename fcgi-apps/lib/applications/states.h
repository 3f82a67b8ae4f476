// The life of an application as a table (SPEC §7): each state, what a
// municipality contact or the office may do in it, and where that leads.
// Handlers and services ask the table; no branch elsewhere decides it.
#pragma once

#include <optional>
#include <string_view>

namespace ktk::applications {

enum class State { Draft, Submitted, InReview, Proposal, Agreed, Approved, Rejected, Withdrawn };

enum class Action {
    Edit,      // save the fields as a new version (contact)
    Submit,    // freeze the current version and send it to the office (contact)
    Withdraw,  // take a submitted application back, with a reason (contact)
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

// Where `action` by `who` leads from `from`; nullopt when it is not allowed.
std::optional<State> transition(State from, Action action, Party who);
bool allowed(State from, Action action, Party who);

// Whether an application in `state` waits for its municipality's contact
// to act (the home page's "waiting for you"): a draft not yet submitted.
bool waitsForContact(State state);

}  // namespace ktk::applications
