#include "domain/audit_chain.h"

#include "crypto/random.h"

namespace ktk::domain {

namespace {

void field(std::string& out, std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += ',';
}

void field(std::string& out, std::uint64_t value) { field(out, std::to_string(value)); }

template <class T>
void field(std::string& out, const std::optional<T>& value) {
    if (value) field(out, *value);
    else out += "~,";
}

std::string rowName(std::uint64_t id) { return "row " + std::to_string(id); }

}  // namespace

std::uint64_t chainKeyOf(const AuditRecord& row) {
    if (row.subjectOfficeId) return *row.subjectOfficeId;
    if (row.actorOfficeId) return *row.actorOfficeId;
    return kNoOfficeChain;
}

std::string chainName(std::uint64_t chain) {
    return chain == kNoOfficeChain ? "no office" : "office " + std::to_string(chain);
}

std::string canonicalAuditRecord(const AuditRecord& r, std::uint64_t chain, std::uint64_t seq,
                                 std::string_view previousHash) {
    std::string out = "ktk-audit-chain-1:";
    field(out, chain);
    field(out, seq);
    field(out, previousHash);
    field(out, r.id);
    field(out, r.createdAt);
    field(out, r.actorUserId);
    field(out, r.actorLabel);
    field(out, r.actorOfficeId);
    field(out, r.clientAddress);
    field(out, r.action);
    field(out, r.targetUserId);
    field(out, r.targetMunicipalityId);
    field(out, r.subjectOfficeId);
    field(out, r.before);
    field(out, r.after);
    return out;
}

std::string auditChainHash(const AuditRecord& row, std::uint64_t chain, std::uint64_t seq,
                           std::string_view previousHash) {
    return crypto::sha256Hex(canonicalAuditRecord(row, chain, seq, previousHash));
}

bool ChainWalk::refuse(std::uint64_t auditId, std::string why) {
    misfit_ = ChainMisfit{auditId, std::move(why)};
    return false;
}

bool ChainWalk::add(const ChainEntry& e) {
    if (misfit_) return false;
    if (e.seq != seq_ + 1)
        return refuse(e.auditId, rowName(e.auditId) + " is number " + std::to_string(e.seq) + " of the chain, after " +
                                     (seq_ == 0 ? std::string("no row") : "number " + std::to_string(seq_)) +
                                     ": the rows between were deleted");
    if (!e.row) return refuse(e.auditId, rowName(e.auditId) + " (number " + std::to_string(e.seq) +
                                             " of the chain) is missing from audit_log: it was deleted");
    if (std::uint64_t own = chainKeyOf(*e.row); own != chain_)
        return refuse(e.auditId, rowName(e.auditId) + " belongs to the chain of " + chainName(own) +
                                     " by its office columns: they were changed");
    if (auditChainHash(*e.row, chain_, e.seq, lastHash_) != e.hash)
        return refuse(e.auditId,
                      rowName(e.auditId) + " does not match its hash: the row was changed" +
                          (seq_ == 0 ? std::string() : ", or the hash of " + rowName(lastId_) + " before it"));
    seq_ = e.seq;
    if (seq_ == 1) firstId_ = e.auditId;
    lastId_ = e.auditId;
    lastHash_ = e.hash;
    return true;
}

bool ChainWalk::finish(const std::optional<ChainHead>& stored) {
    if (misfit_) return false;
    if (!stored) return seq_ == 0 || refuse(lastId_, "the chain has no head, though it has rows up to number " +
                                                          std::to_string(seq_) + " (" + rowName(lastId_) +
                                                          "): the head was deleted");
    const ChainHead& head = *stored;
    if (head.seq > seq_)
        return refuse(head.lastId, "the chain ends at number " + std::to_string(seq_) +
                                       (seq_ == 0 ? std::string() : " (" + rowName(lastId_) + ")") +
                                       " but its head names number " + std::to_string(head.seq) + " (" +
                                       rowName(head.lastId) + "): the rows after were deleted");
    if (head.seq < seq_ || head.lastId != lastId_ || head.lastHash != lastHash_)
        return refuse(lastId_, "the chain's head (number " + std::to_string(head.seq) + ", " +
                                   rowName(head.lastId) + ") does not match its last row, number " +
                                   std::to_string(seq_) + " (" + rowName(lastId_) + "): the head was changed");
    return true;
}

}  // namespace ktk::domain
