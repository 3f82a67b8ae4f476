// The audit log's hash chains in the database (tables audit_chain,
// audit_chain_heads, audit_chain_start; the rule is domain/audit_chain.h).
//
// recordAudit() hands every row it writes to chainAtCommit(): the row is
// chained by its own transaction, as that transaction's last step before
// COMMIT (db::Tx::finalStep). The step locks the head of each chain it
// appends to (FOR UPDATE, in ascending chain order), so two transactions
// writing into one chain are chained one after the other, the head lock is
// held only from that step to the COMMIT, transactions of other chains
// never wait, and no transaction holds a head while it waits for any
// other row lock (no deadlock through the heads).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/audit_chain.h"

namespace ktk::repo {

// The audit_log row `id` as stored; nullopt when there is none.
std::optional<domain::AuditRecord> loadAuditRecord(db::Tx& tx, std::uint64_t id);
// The one this connection inserted last (LAST_INSERT_ID()), in the same round trip.
std::optional<domain::AuditRecord> lastInsertedAuditRecord(db::Tx& tx);

// Chains `row` (written by this transaction) just before the transaction
// commits. Needs a transaction (db::Database::transact).
void chainAtCommit(db::Tx& tx, domain::AuditRecord row);

struct ChainHeadRow {
    std::uint64_t chain = 0;
    domain::ChainHead head;
};

// Every chain's head, or the one chain's, in chain order.
std::vector<ChainHeadRow> auditChainHeads(db::Tx& tx, std::optional<std::uint64_t> chain = std::nullopt);

// Number `seq` of the chain as stored (its row id and hash in `lastId`,
// `lastHash`), to hold it against a head kept outside the database;
// nullopt when the chain has no such number.
std::optional<domain::ChainHead> chainEntryAt(db::Tx& tx, std::uint64_t chain, std::uint64_t seq);

struct ChainReport {
    std::uint64_t chain = 0;
    std::uint64_t rows = 0;     // rows that fitted
    std::uint64_t firstId = 0;  // the chain's row number 1 (0: no rows)
    std::optional<domain::ChainMisfit> misfit;
};

// A row after the chains began (id above audit_chain_start's) that is in
// no chain.
struct UnchainedRow {
    std::uint64_t id = 0;
    std::uint64_t chain = 0;  // the chain it would belong to
};

struct AuditVerification {
    std::uint64_t unchainedThrough = 0;  // rows up to this id predate the chains
    std::string startedAt;               // when they began, UTC
    std::vector<ChainReport> chains;     // in chain order
    std::vector<UnchainedRow> unchained;
    bool ok() const;
};

// Walks every chain (or the one), up to the heads as read first: rows
// chained meanwhile are left for the next run, and nothing is locked.
// Run it with autocommit (each page of rows a statement of its own).
AuditVerification verifyAuditChains(db::Tx& tx, std::optional<std::uint64_t> chain = std::nullopt);

// Chains the rows after the start that are in no chain (written during an
// upgrade by a program older than 0014_audit_chain.sql), each at the end
// of its chain, in id order, at this transaction's commit. Returns them.
std::vector<UnchainedRow> adoptUnchainedAudit(db::Tx& tx);

}  // namespace ktk::repo
