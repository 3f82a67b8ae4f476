#include "cli/audit_commands.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/common.h"
#include "repo/audit.h"
#include "repo/audit_chain.h"
#include "util/json.h"

namespace ktk::cli {

namespace {

int usage() {
    std::cerr << "usage: ktk-admin audit verify [--office ID|none] [--anchor FILE]\n"
                 "       ktk-admin audit head [--office ID|none]\n"
                 "       ktk-admin audit adopt\n";
    return kUsage;
}

// `none`: the chain of no office.
std::optional<std::uint64_t> parseChain(const std::string& text) {
    if (text == "none") return domain::kNoOfficeChain;
    return parseId(text);
}

std::string chainArgument(std::uint64_t chain) {
    return chain == domain::kNoOfficeChain ? "none" : std::to_string(chain);
}

// --office, when given: false (with a message) when it names no chain.
bool officeOption(const Options& o, std::optional<std::uint64_t>& chain) {
    if (!o.has("--office")) return true;
    chain = parseChain(o.get("--office"));
    if (!chain) fail(kUsage, "--office takes an office id or none");
    return chain.has_value();
}

struct Anchor {
    std::uint64_t chain = 0;
    domain::ChainHead head;
};

// The lines of an earlier `audit head` (the header, blank lines and lines
// starting with # skipped; any run of blanks separates the fields, as a
// mail may turn tabs into spaces). nullopt, with a message, on a line of
// another shape.
std::optional<std::vector<Anchor>> readAnchors(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        fail(kUsage, "cannot read " + path);
        return std::nullopt;
    }
    std::vector<Anchor> out;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        std::istringstream fields(line);
        std::string chain, seq, id, hash, extra;
        fields >> chain >> seq >> id >> hash >> extra;
        if (chain.empty() || chain[0] == '#' || chain == "chain") continue;
        std::optional<std::uint64_t> key = parseChain(chain), number = parseId(seq), row = parseId(id);
        if (!key || !number || !row || hash.size() != 64 || !extra.empty()) {
            fail(kUsage, path + ":" + std::to_string(n) + ": not a line of `ktk-admin audit head`");
            return std::nullopt;
        }
        out.push_back({*key, {*number, *row, hash}});
    }
    return out;
}

// "office 3: OK, 120 rows from row 17" or the first row that does not fit.
void printChain(const repo::ChainReport& c) {
    std::cout << domain::chainName(c.chain) << ": ";
    if (c.misfit) {
        std::cout << "FAILED at row " << c.misfit->auditId << ": " << c.misfit->why << "\n";
        return;
    }
    std::cout << "OK, " << c.rows << (c.rows == 1 ? " row" : " rows");
    if (c.firstId) std::cout << " from row " << c.firstId;
    std::cout << "\n";
}

// Whether the chain still holds, at the anchored number, the row and hash
// that were its head then.
bool checkAnchor(db::Tx& tx, const Anchor& a) {
    std::cout << "anchor " << domain::chainName(a.chain) << " number " << a.head.seq << " (row " << a.head.lastId
              << "): ";
    std::optional<domain::ChainHead> now = repo::chainEntryAt(tx, a.chain, a.head.seq);
    if (!now) {
        std::cout << "FAILED: the chain has no number " << a.head.seq << " any more\n";
        return false;
    }
    if (now->lastId != a.head.lastId || now->lastHash != a.head.lastHash) {
        std::cout << "FAILED: number " << a.head.seq << " is now row " << now->lastId << " with hash "
                  << now->lastHash << ": the chain was rewritten\n";
        return false;
    }
    std::cout << "OK\n";
    return true;
}

int verify(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--office", "--anchor"});
    if (!o) return kUsage;
    if (!o->words.empty()) return usage();
    std::optional<std::uint64_t> chain;
    if (!officeOption(*o, chain)) return kUsage;
    std::optional<std::vector<Anchor>> anchors;
    if (o->has("--anchor") && !(anchors = readAnchors(o->get("--anchor")))) return kUsage;

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    bool ok = db.autocommit([&](db::Tx& tx) {
        repo::AuditVerification v = repo::verifyAuditChains(tx, chain);
        std::uint64_t rows = 0;
        for (const repo::ChainReport& c : v.chains) {
            printChain(c);
            rows += c.rows;
        }
        if (v.unchainedThrough)
            std::cout << "rows up to " << v.unchainedThrough << " predate the chains (begun " << v.startedAt
                      << " UTC)\n";
        for (const repo::UnchainedRow& u : v.unchained)
            std::cout << domain::chainName(u.chain) << ": FAILED at row " << u.id
                      << ": it is in no chain, though written after the chains began (by a program older than"
                         " the chains during an upgrade: ktk-admin audit adopt; else inserted around the portal)\n";
        bool all = v.ok();
        if (anchors)
            for (const Anchor& a : *anchors) all = checkAnchor(tx, a) && all;
        if (all)
            std::cout << "OK: " << rows << (rows == 1 ? " row" : " rows") << " in " << v.chains.size()
                      << (v.chains.size() == 1 ? " chain" : " chains") << "\n";
        return all;
    });
    if (!ok) return fail(kRefused, "the audit log does not verify");
    return 0;
}

int head(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--office"});
    if (!o) return kUsage;
    if (!o->words.empty()) return usage();
    std::optional<std::uint64_t> chain;
    if (!officeOption(*o, chain)) return kUsage;
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    auto heads = db.autocommit([&](db::Tx& tx) { return repo::auditChainHeads(tx, chain); });
    std::cout << "chain\trows\tlast_row\tlast_hash\n";
    for (const repo::ChainHeadRow& h : heads)
        std::cout << chainArgument(h.chain) << "\t" << h.head.seq << "\t" << h.head.lastId << "\t" << h.head.lastHash
                  << "\n";
    return 0;
}

int adopt(const config::Config& config, const Args& args) {
    if (!args.empty()) return usage();
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    std::vector<repo::UnchainedRow> adopted = db.transact([&](db::Tx& tx) {
        std::vector<repo::UnchainedRow> rows = repo::adoptUnchainedAudit(tx);
        if (!rows.empty()) {
            std::string ids;
            for (const repo::UnchainedRow& u : rows) ids += (ids.empty() ? "" : ",") + std::to_string(u.id);
            repo::AuditEntry e;
            e.actor = operatorActor().who;
            e.action = "audit.adopt";
            e.after = util::jsonText({{"rows", rows.size()}, {"ids", ids}});
            repo::recordAudit(tx, e);
        }
        return rows;
    });
    for (const repo::UnchainedRow& u : adopted)
        std::cout << "chained row " << u.id << " (" << domain::chainName(u.chain) << ")\n";
    if (adopted.empty()) std::cout << "every row after the start is in a chain\n";
    return 0;
}

}  // namespace

int auditCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return usage();
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "verify") return verify(config, rest);
    if (args[0] == "head") return head(config, rest);
    if (args[0] == "adopt") return adopt(config, rest);
    return usage();
}

}  // namespace ktk::cli
