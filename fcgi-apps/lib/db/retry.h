// When db::Database runs a failed unit of work again (database.cpp).
//
// Running it again is safe only while nothing of it was committed: a
// transaction that failed before its COMMIT, or whose COMMIT was refused
// (a deadlock, or on Galera a write set that failed certification, also
// error 1213), was rolled back. A connection lost during COMMIT leaves the
// outcome unknown (the server may have committed and died before it
// answered), so that unit of work is not run again: the caller gets
// db::Unavailable and the person the 503 page, rather than a second
// registration, mail or audit row.
#pragma once

namespace ktk::db {

// Galera: a node that is not Synced, or is cut off from the cluster's
// primary component, refuses statements ("WSREP has not yet prepared node
// for application use"). Nothing of the transaction was committed.
constexpr int kWsrepNotReady = 1047;

// How often a unit of work runs at most.
constexpr int kMaxAttempts = 3;

// What Database does after a failed attempt of a unit of work.
struct RetryDecision {
    enum Action {
        Again,        // roll back and run it again on the same connection
        Reconnect,    // drop the connection, wait pauseMs, run it again on a new one
        Rethrow,      // roll back and let the error through (a fault of the work itself)
        Unavailable,  // give up with db::Unavailable: the 503 page, "try again later"
    };
    Action action;
    int pauseMs = 0;
};

// `attempt` counts from 0; `atCommit` says the error came from COMMIT itself.
RetryDecision decideRetry(int errorCode, int attempt, bool atCommit);

}  // namespace ktk::db
