// The life of an application (README, "The life of an application"): the
// one table every transition is checked against, read back whole.
#include <cppunit/extensions/HelperMacros.h>

#include <set>
#include <string>
#include <tuple>

#include "applications/states.h"

using namespace ktk::applications;

namespace {

constexpr State kStates[] = {State::Draft,  State::Submitted, State::InReview, State::Proposal,
                             State::Agreed, State::Approved,  State::Rejected, State::Withdrawn};
constexpr Action kActions[] = {Action::Edit,   Action::Submit,  Action::Withdraw, Action::Open,   Action::Propose,
                               Action::Accept, Action::Approve, Action::Reject,   Action::Message};
constexpr Party kParties[] = {Party::Contact, Party::Office};

std::string name(State from, Action a, Party p) {
    return std::string(stateCode(from)) + " " + std::string(actionCode(a)) + " by " + std::string(partyCode(p));
}

}  // namespace

class ApplicationStatesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ApplicationStatesTest);
    CPPUNIT_TEST(testTheNegotiationRunsFromDraftToApproval);
    CPPUNIT_TEST(testTheContactAnswersAProposalByAcceptingOrRevising);
    CPPUNIT_TEST(testOnlyTheOfficeDecidesAndOnlyTheContactWithdraws);
    CPPUNIT_TEST(testNothingLeavesAFinalState);
    CPPUNIT_TEST(testEitherSideMayWriteUntilTheDecisionButNotOnADraft);
    CPPUNIT_TEST(testAnApprovalNeedsAReviewOrAnAgreement);
    CPPUNIT_TEST(testCodesReadBack);
    CPPUNIT_TEST(testEachStateWaitsForExactlyOneSideOrNone);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheNegotiationRunsFromDraftToApproval() {
        State s = State::Draft;
        const std::tuple<Action, Party, State> steps[] = {
            {Action::Submit, Party::Contact, State::Submitted}, {Action::Open, Party::Office, State::InReview},
            {Action::Propose, Party::Office, State::Proposal},  {Action::Edit, Party::Contact, State::Proposal},
            {Action::Submit, Party::Contact, State::Submitted}, {Action::Open, Party::Office, State::InReview},
            {Action::Propose, Party::Office, State::Proposal},  {Action::Accept, Party::Contact, State::Agreed},
            {Action::Approve, Party::Office, State::Approved}};
        for (const auto& [action, party, expected] : steps) {
            const std::optional<State> next = transition(s, action, party);
            CPPUNIT_ASSERT_MESSAGE(name(s, action, party), next.has_value());
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name(s, action, party), std::string(stateCode(expected)),
                                         std::string(stateCode(*next)));
            s = *next;
        }
    }

    void testTheContactAnswersAProposalByAcceptingOrRevising() {
        CPPUNIT_ASSERT(allowed(State::Proposal, Action::Accept, Party::Contact));
        CPPUNIT_ASSERT(allowed(State::Proposal, Action::Edit, Party::Contact));
        CPPUNIT_ASSERT(allowed(State::Proposal, Action::Submit, Party::Contact));
        // Accepting is the contact's answer, never the office's; nothing
        // but a proposal can be accepted.
        CPPUNIT_ASSERT(!allowed(State::Proposal, Action::Accept, Party::Office));
        for (State s : kStates)
            if (s != State::Proposal) CPPUNIT_ASSERT_MESSAGE(name(s, Action::Accept, Party::Contact),
                                                             !allowed(s, Action::Accept, Party::Contact));
        // An agreed or reviewed application is not edited by the contact.
        for (State s : {State::Submitted, State::InReview, State::Agreed})
            CPPUNIT_ASSERT(!allowed(s, Action::Edit, Party::Contact));
        // The office proposes only while it reviews.
        for (State s : kStates)
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name(s, Action::Propose, Party::Office), s == State::InReview,
                                         allowed(s, Action::Propose, Party::Office));
    }

    void testOnlyTheOfficeDecidesAndOnlyTheContactWithdraws() {
        for (State s : kStates) {
            CPPUNIT_ASSERT(!allowed(s, Action::Approve, Party::Contact));
            CPPUNIT_ASSERT(!allowed(s, Action::Reject, Party::Contact));
            CPPUNIT_ASSERT(!allowed(s, Action::Withdraw, Party::Office));
            CPPUNIT_ASSERT(!allowed(s, Action::Open, Party::Contact));
            CPPUNIT_ASSERT(!allowed(s, Action::Propose, Party::Contact));
            CPPUNIT_ASSERT(!allowed(s, Action::Edit, Party::Office));
            CPPUNIT_ASSERT(!allowed(s, Action::Submit, Party::Office));
        }
        // Rejection at any stage after submission; withdrawal at any point before a decision.
        for (State s : {State::Submitted, State::InReview, State::Proposal, State::Agreed}) {
            CPPUNIT_ASSERT_EQUAL(std::string("rejected"),
                                 std::string(stateCode(*transition(s, Action::Reject, Party::Office))));
            CPPUNIT_ASSERT_EQUAL(std::string("withdrawn"),
                                 std::string(stateCode(*transition(s, Action::Withdraw, Party::Contact))));
        }
        CPPUNIT_ASSERT(!allowed(State::Draft, Action::Reject, Party::Office));
    }

    void testNothingLeavesAFinalState() {
        for (State s : kStates) {
            bool any = false;
            for (Action a : kActions)
                for (Party p : kParties) any = any || allowed(s, a, p);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string(stateCode(s)), isFinal(s), !any);
        }
        CPPUNIT_ASSERT(isFinal(State::Approved) && isFinal(State::Rejected) && isFinal(State::Withdrawn));
    }

    void testEitherSideMayWriteUntilTheDecisionButNotOnADraft() {
        for (State s : kStates)
            for (Party p : kParties) {
                const bool expected = !isFinal(s) && s != State::Draft;
                CPPUNIT_ASSERT_EQUAL_MESSAGE(name(s, Action::Message, p), expected, allowed(s, Action::Message, p));
                if (expected) CPPUNIT_ASSERT(*transition(s, Action::Message, p) == s);
            }
    }

    void testAnApprovalNeedsAReviewOrAnAgreement() {
        std::set<std::string> from;
        for (State s : kStates)
            if (allowed(s, Action::Approve, Party::Office)) from.insert(std::string(stateCode(s)));
        CPPUNIT_ASSERT(from == std::set<std::string>({"in_review", "agreed"}));
    }

    void testCodesReadBack() {
        for (State s : kStates) CPPUNIT_ASSERT(parseState(stateCode(s)) == s);
        for (Action a : kActions) CPPUNIT_ASSERT(parseAction(actionCode(a)) == a);
        for (Party p : kParties) CPPUNIT_ASSERT(parseParty(partyCode(p)) == p);
        CPPUNIT_ASSERT(!parseState("Draft") && !parseAction("") && !parseParty("clerk"));
    }

    void testEachStateWaitsForExactlyOneSideOrNone() {
        for (State s : kStates) {
            CPPUNIT_ASSERT_MESSAGE(std::string(stateCode(s)), !(waitsForContact(s) && waitsForOffice(s)));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string(stateCode(s)), !isFinal(s),
                                         waitsForContact(s) || waitsForOffice(s));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ApplicationStatesTest);
