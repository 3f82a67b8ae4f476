#include "repo/audit_chain.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace ktk::repo {

namespace {

using domain::AuditRecord;

// The audit_log columns, in the order readRecord() reads them from `first`.
#define KTK_AUDIT_COLUMNS                                                                                       \
    "a.id, a.created_at, a.actor_user_id, a.actor_label, a.actor_office_id, a.client_address, a.action,"        \
    " a.target_user_id, a.target_municipality_id, a.subject_office_id, a.before_value, a.after_value"

std::optional<std::uint64_t> optionalId(sql::ResultSet& r, unsigned column) {
    if (r.isNull(column)) return std::nullopt;
    return r.getUInt64(column);
}

std::optional<std::string> optionalText(sql::ResultSet& r, unsigned column) {
    if (r.isNull(column)) return std::nullopt;
    return std::string(r.getString(column));
}

AuditRecord readRecord(sql::ResultSet& r, unsigned first) {
    AuditRecord a;
    a.id = r.getUInt64(first);
    a.createdAt = r.getString(first + 1);
    a.actorUserId = optionalId(r, first + 2);
    a.actorLabel = r.getString(first + 3);
    a.actorOfficeId = optionalId(r, first + 4);
    a.clientAddress = optionalText(r, first + 5);
    a.action = r.getString(first + 6);
    a.targetUserId = optionalId(r, first + 7);
    a.targetMunicipalityId = optionalId(r, first + 8);
    a.subjectOfficeId = optionalId(r, first + 9);
    a.before = optionalText(r, first + 10);
    a.after = optionalText(r, first + 11);
    return a;
}

// Locks the chain's head for the rest of the transaction and reads it.
// A chain's first row makes its head; when two transactions make it at
// once the second finds the first's (Duplicate) and waits for it.
domain::ChainHead lockHead(db::Tx& tx, std::uint64_t chain) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        db::Row r = tx.query(
            "SELECT last_seq, last_id, last_hash FROM audit_chain_heads WHERE chain_key = ? FOR UPDATE", chain);
        if (r->next()) return {r->getUInt64(1), r->getUInt64(2), r->getString(3)};
        if (tx.insert("INSERT INTO audit_chain_heads (chain_key, last_seq, last_id, last_hash) VALUES (?, 0, 0, '')",
                      chain) == db::Insert::Added)
            return {};
    }
    throw std::runtime_error("audit chain head " + std::to_string(chain) + " neither found nor made");
}

// The final step of a transaction that wrote audit rows.
class ChainStep : public db::FinalStep {
public:
    void add(AuditRecord row) { rows_.push_back(std::move(row)); }

    void run(db::Tx& tx) override {
        // Heads in ascending chain order, rows of a chain in id order.
        std::map<std::uint64_t, std::vector<const AuditRecord*>> byChain;
        for (const AuditRecord& row : rows_) byChain[domain::chainKeyOf(row)].push_back(&row);
        for (auto& [chain, rows] : byChain) {
            std::sort(rows.begin(), rows.end(), [](const AuditRecord* a, const AuditRecord* b) { return a->id < b->id; });
            const domain::ChainHead before = lockHead(tx, chain);
            domain::ChainHead head = before;
            for (const AuditRecord* row : rows) {
                ++head.seq;
                head.lastHash = domain::auditChainHash(*row, chain, head.seq, head.lastHash);
                head.lastId = row->id;
                tx.update("INSERT INTO audit_chain (audit_id, chain_key, seq, row_hash) VALUES (?, ?, ?, ?)", row->id,
                          chain, head.seq, head.lastHash);
            }
            if (tx.update("UPDATE audit_chain_heads SET last_seq = ?, last_id = ?, last_hash = ?"
                          " WHERE chain_key = ? AND last_seq = ?",
                          head.seq, head.lastId, head.lastHash, chain, before.seq) != 1)
                throw std::runtime_error("audit chain head " + std::to_string(chain) + " moved while locked");
        }
        rows_.clear();
    }

private:
    std::vector<AuditRecord> rows_;
};

constexpr std::uint64_t kPage = 1000;

}  // namespace

std::optional<AuditRecord> loadAuditRecord(db::Tx& tx, std::uint64_t id) {
    db::Row r = tx.query("SELECT " KTK_AUDIT_COLUMNS " FROM audit_log a WHERE a.id = ?", id);
    if (!r->next()) return std::nullopt;
    return readRecord(*r, 1);
}

std::optional<AuditRecord> lastInsertedAuditRecord(db::Tx& tx) {
    db::Row r = tx.query("SELECT " KTK_AUDIT_COLUMNS " FROM audit_log a WHERE a.id = LAST_INSERT_ID()");
    if (!r->next()) return std::nullopt;
    return readRecord(*r, 1);
}

void chainAtCommit(db::Tx& tx, AuditRecord row) { tx.finalStep<ChainStep>().add(std::move(row)); }

std::vector<ChainHeadRow> auditChainHeads(db::Tx& tx, std::optional<std::uint64_t> chain) {
    const bool all = !chain;
    db::Row r = tx.query(
        "SELECT chain_key, last_seq, last_id, last_hash FROM audit_chain_heads"
        " WHERE ? OR chain_key = ? ORDER BY chain_key",
        all, chain.value_or(0));
    std::vector<ChainHeadRow> out;
    while (r->next()) out.push_back({r->getUInt64(1), {r->getUInt64(2), r->getUInt64(3), r->getString(4)}});
    return out;
}

std::optional<domain::ChainHead> chainEntryAt(db::Tx& tx, std::uint64_t chain, std::uint64_t seq) {
    db::Row r = tx.query("SELECT audit_id, row_hash FROM audit_chain WHERE chain_key = ? AND seq = ?", chain, seq);
    if (!r->next()) return std::nullopt;
    return domain::ChainHead{seq, r->getUInt64(1), r->getString(2)};
}

bool AuditVerification::ok() const {
    return unchained.empty() &&
           std::all_of(chains.begin(), chains.end(), [](const ChainReport& c) { return !c.misfit; });
}

namespace {

std::vector<UnchainedRow> unchainedRows(db::Tx& tx, std::uint64_t after, std::optional<std::uint64_t> chain) {
    db::Row r = tx.query(
        "SELECT a.id, COALESCE(a.subject_office_id, a.actor_office_id, 0) AS chain FROM audit_log a"
        " LEFT JOIN audit_chain c ON c.audit_id = a.id"
        " WHERE a.id > ? AND c.audit_id IS NULL HAVING ? OR chain = ? ORDER BY a.id",
        after, !chain, chain.value_or(0));
    std::vector<UnchainedRow> out;
    while (r->next()) out.push_back({r->getUInt64(1), r->getUInt64(2)});
    return out;
}

ChainReport walk(db::Tx& tx, std::uint64_t chain, const std::optional<domain::ChainHead>& head) {
    domain::ChainWalk w(chain);
    // Up to the head as read: later rows belong to transactions that
    // committed after it. Without a head, every entry there is.
    const std::uint64_t last = head ? head->seq : UINT64_MAX;
    for (std::uint64_t from = 0; from < last;) {
        db::Row r = tx.query("SELECT c.seq, c.audit_id, c.row_hash, " KTK_AUDIT_COLUMNS
                             " FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.audit_id"
                             " WHERE c.chain_key = ? AND c.seq > ? AND c.seq <= ? ORDER BY c.seq LIMIT ?",
                             chain, from, last, kPage);
        std::uint64_t n = 0;
        while (r->next()) {
            ++n;
            domain::ChainEntry e{r->getUInt64(1), r->getUInt64(2), r->getString(3), std::nullopt};
            if (!r->isNull(4)) e.row = readRecord(*r, 4);
            from = e.seq;
            if (!w.add(e)) return {chain, w.rows(), w.firstId(), w.misfit()};
        }
        if (n < kPage) break;
    }
    w.finish(head);
    return {chain, w.rows(), w.firstId(), w.misfit()};
}

}  // namespace

AuditVerification verifyAuditChains(db::Tx& tx, std::optional<std::uint64_t> chain) {
    AuditVerification v;
    {
        db::Row r = tx.query("SELECT unchained_through, started_at FROM audit_chain_start");
        if (!r->next()) throw std::runtime_error("audit_chain_start is empty: where the chains begin is unknown");
        v.unchainedThrough = r->getUInt64(1);
        v.startedAt = r->getString(2);
    }
    // The heads first: everything up to them was committed with them.
    std::map<std::uint64_t, std::optional<domain::ChainHead>> chains;
    for (const ChainHeadRow& h : auditChainHeads(tx, chain)) chains[h.chain] = h.head;
    // A chain whose head is gone still has its entries.
    {
        db::Row r = tx.query("SELECT DISTINCT chain_key FROM audit_chain WHERE ? OR chain_key = ?", !chain,
                             chain.value_or(0));
        while (r->next()) chains.try_emplace(r->getUInt64(1), std::nullopt);
    }
    for (const auto& [key, head] : chains) v.chains.push_back(walk(tx, key, head));
    v.unchained = unchainedRows(tx, v.unchainedThrough, chain);
    return v;
}

std::vector<UnchainedRow> adoptUnchainedAudit(db::Tx& tx) {
    db::Row r = tx.query("SELECT unchained_through FROM audit_chain_start");
    if (!r->next()) throw std::runtime_error("audit_chain_start is empty: where the chains begin is unknown");
    std::vector<UnchainedRow> rows = unchainedRows(tx, r->getUInt64(1), std::nullopt);
    for (const UnchainedRow& u : rows)
        if (std::optional<AuditRecord> record = loadAuditRecord(tx, u.id)) chainAtCommit(tx, std::move(*record));
    return rows;
}

}  // namespace ktk::repo
