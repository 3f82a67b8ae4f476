// The audit log's hash chains, the rule without the database: which chain
// a row belongs to, the exact bytes that are hashed, and the walk that
// names the first row of a chain that does not fit (the storage is
// repo/audit_chain.h, the tables 0014_audit_chain.sql).
//
// A row's chain is its subject office's (the office of the municipality
// or account it is about, as stamped when it was written), else its
// acting clerk's office, else the chain of no office (key 0; office ids
// start at 1): each office can prove its own history, and what happens to
// one office's applications is in that office's chain even when a clerk of
// another office acted. The rows of a chain are numbered 1, 2, … in the
// order they were chained (commit order, which need not be id order), and
// each one's hash covers its columns, its chain and number and the hash of
// the chain's row before it, so a row cannot be changed, dropped or moved
// without every hash after it changing — up to the head, which operators
// keep outside the database (OPERATIONS.md, "The audit trail").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ktk::domain {

// One audit_log row as stored (every column).
struct AuditRecord {
    std::uint64_t id = 0;
    std::string createdAt;  // "YYYY-MM-DD HH:MM:SS", as MariaDB gives a DATETIME
    std::optional<std::uint64_t> actorUserId;
    std::string actorLabel;
    std::optional<std::uint64_t> actorOfficeId;
    std::optional<std::string> clientAddress;
    std::string action;
    std::optional<std::uint64_t> targetUserId;
    std::optional<std::uint64_t> targetMunicipalityId;
    std::optional<std::uint64_t> subjectOfficeId;
    std::optional<std::string> before;
    std::optional<std::string> after;
};

constexpr std::uint64_t kNoOfficeChain = 0;

std::uint64_t chainKeyOf(const AuditRecord& row);

// "office 12", or "no office" for kNoOfficeChain.
std::string chainName(std::uint64_t chain);

// The bytes hashed for `row` as number `seq` of `chain`, after the row
// whose hash is `previousHash` ("" for number 1): the version tag
// "ktk-audit-chain-1:" and then each field as a netstring ("5:hello,"),
// NULL as "~," (no netstring starts with "~"), numbers in decimal, in
// this order: chain, seq, previousHash, id, createdAt, actorUserId,
// actorLabel, actorOfficeId, clientAddress, action, targetUserId,
// targetMunicipalityId, subjectOfficeId, before, after. Every field says
// its own length, so no two rows encode alike.
std::string canonicalAuditRecord(const AuditRecord& row, std::uint64_t chain, std::uint64_t seq,
                                 std::string_view previousHash);

// SHA-256 of canonicalAuditRecord(), 64 lowercase hex characters.
std::string auditChainHash(const AuditRecord& row, std::uint64_t chain, std::uint64_t seq,
                           std::string_view previousHash);

// One place in a chain as stored: its number, the row it names, the hash
// recorded for it, and that row (nullopt: audit_log has no such row).
struct ChainEntry {
    std::uint64_t seq = 0;
    std::uint64_t auditId = 0;
    std::string hash;
    std::optional<AuditRecord> row;
};

// The chain's head as stored: its last number, row and hash (0, 0, ""
// for a chain with no rows).
struct ChainHead {
    std::uint64_t seq = 0;
    std::uint64_t lastId = 0;
    std::string lastHash;
};

// The first row that does not fit, and why (one sentence for the operator).
struct ChainMisfit {
    std::uint64_t auditId = 0;
    std::string why;
};

// Walks one chain: add() every entry in number order, then finish() with
// the head. The first entry that does not fit stops the walk.
class ChainWalk {
public:
    explicit ChainWalk(std::uint64_t chain) : chain_(chain) {}

    // False once a row did not fit (this one or an earlier one).
    bool add(const ChainEntry& entry);
    // The head must name the last entry, with its hash (nullopt: the
    // chain has no head row). False when the walk did not fit.
    bool finish(const std::optional<ChainHead>& head);

    std::uint64_t chain() const { return chain_; }
    std::uint64_t rows() const { return seq_; }              // rows that fitted
    std::uint64_t firstId() const { return firstId_; }       // row number 1 (0: none yet)
    const std::optional<ChainMisfit>& misfit() const { return misfit_; }

private:
    bool refuse(std::uint64_t auditId, std::string why);

    std::uint64_t chain_;
    std::uint64_t seq_ = 0;
    std::uint64_t firstId_ = 0;
    std::uint64_t lastId_ = 0;
    std::string lastHash_;
    std::optional<ChainMisfit> misfit_;
};

}  // namespace ktk::domain
