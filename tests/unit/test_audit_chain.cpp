// The audit log's hash chains, the rule (fcgi-apps/lib/domain/audit_chain.h):
// which chain a row is in, the exact bytes hashed (checked against hashes
// computed apart from this code, with Python's hashlib over the same
// netstrings), and the walk that names the first row that does not fit.
#include <cppunit/extensions/HelperMacros.h>

#include "domain/audit_chain.h"

using namespace ktk;
using domain::AuditRecord;
using domain::ChainEntry;
using domain::ChainHead;
using domain::ChainWalk;

namespace {

AuditRecord clerkLogin() {
    AuditRecord r;
    r.id = 7;
    r.createdAt = "2026-03-01 09:30:00";
    r.actorUserId = 12;
    r.actorLabel = "user:12";
    r.actorOfficeId = 3;
    r.clientAddress = "192.0.2.1";
    r.action = "login.success";
    r.targetUserId = 12;
    r.subjectOfficeId = 3;
    r.after = R"({"role":"clerk","path":"untrusted"})";
    return r;
}

AuditRecord unknownAddress() {
    AuditRecord r;
    r.id = 9;
    r.createdAt = "2026-03-01 09:31:00";
    r.actorLabel = "anonymous";
    r.action = "login.failure";
    r.after = R"({"reason":"unknown_account","email":"ő@x.hu"})";
    return r;
}

// A chain of office 3 with rows 7, 8 and 10, as the final step writes it.
std::vector<ChainEntry> chainOfThree() {
    std::vector<ChainEntry> out;
    std::string previous;
    for (std::uint64_t id : {7, 8, 10}) {
        AuditRecord r = clerkLogin();
        r.id = id;
        ChainEntry e{out.size() + 1, id, domain::auditChainHash(r, 3, out.size() + 1, previous), r};
        previous = e.hash;
        out.push_back(e);
    }
    return out;
}

ChainHead headOf(const std::vector<ChainEntry>& entries) {
    return {entries.back().seq, entries.back().auditId, entries.back().hash};
}

std::string walkAll(const std::vector<ChainEntry>& entries, const std::optional<ChainHead>& head,
                    std::uint64_t& misfitId) {
    ChainWalk w(3);
    for (const ChainEntry& e : entries)
        if (!w.add(e)) break;
    if (w.finish(head)) return "OK";
    misfitId = w.misfit()->auditId;
    return w.misfit()->why;
}

}  // namespace

class AuditChainTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AuditChainTest);
    CPPUNIT_TEST(testARowIsInItsSubjectOfficesChainElseTheActingClerksElseNoOffices);
    CPPUNIT_TEST(testTheCanonicalBytesAreNetstringsWithATagForNull);
    CPPUNIT_TEST(testTheHashIsSha256OfThoseBytesAsComputedElsewhere);
    CPPUNIT_TEST(testEveryColumnTheChainAndThePreviousHashChangeTheHash);
    CPPUNIT_TEST(testNullAndEmptyAndShiftedBoundariesEncodeApart);
    CPPUNIT_TEST(testAnIntactChainWalksToItsHead);
    CPPUNIT_TEST(testAChangedRowIsNamed);
    CPPUNIT_TEST(testARowWhoseHashWasRecomputedIsCaughtAtTheNextRow);
    CPPUNIT_TEST(testADeletedRowIsNamedAndSoIsAGapInTheNumbers);
    CPPUNIT_TEST(testRowsDeletedFromTheEndAreCaughtByTheHead);
    CPPUNIT_TEST(testARowMovedToAnotherOfficeByItsColumnsIsNamed);
    CPPUNIT_TEST(testAMissingHeadIsNamedUnlessTheChainIsEmpty);
    CPPUNIT_TEST_SUITE_END();

public:
    void testARowIsInItsSubjectOfficesChainElseTheActingClerksElseNoOffices() {
        AuditRecord r = clerkLogin();
        r.subjectOfficeId = 5;
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(5), domain::chainKeyOf(r));  // a clerk of 3 acting on 5's municipality
        r.subjectOfficeId.reset();
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), domain::chainKeyOf(r));
        CPPUNIT_ASSERT_EQUAL(domain::kNoOfficeChain, domain::chainKeyOf(unknownAddress()));
        CPPUNIT_ASSERT_EQUAL(std::string("office 3"), domain::chainName(3));
        CPPUNIT_ASSERT_EQUAL(std::string("no office"), domain::chainName(domain::kNoOfficeChain));
    }
    void testTheCanonicalBytesAreNetstringsWithATagForNull() {
        CPPUNIT_ASSERT_EQUAL(std::string("ktk-audit-chain-1:1:3,1:1,0:,1:7,19:2026-03-01 09:30:00,2:12,7:user:12,1:3,"
                                         "9:192.0.2.1,13:login.success,2:12,~,1:3,~,"
                                         "35:{\"role\":\"clerk\",\"path\":\"untrusted\"},"),
                             domain::canonicalAuditRecord(clerkLogin(), 3, 1, ""));
        // Lengths in bytes: "ő" is two.
        const std::string second = domain::canonicalAuditRecord(unknownAddress(), 0, 2, std::string(64, 'a'));
        CPPUNIT_ASSERT(second.find(",~,9:anonymous,~,~,13:login.failure,~,~,~,~,46:{") != std::string::npos);
    }
    void testTheHashIsSha256OfThoseBytesAsComputedElsewhere() {
        const std::string first = domain::auditChainHash(clerkLogin(), 3, 1, "");
        CPPUNIT_ASSERT_EQUAL(std::string("a7984906cf4d31678c8673bded6be43cd93577f93cd14da6fe5505af70ed713d"), first);
        CPPUNIT_ASSERT_EQUAL(std::string("3bd8f8613a3b29a323c3fc7862478a56482ade2830cff5771feda28790e7d77d"),
                             domain::auditChainHash(unknownAddress(), 0, 2, first));
    }
    void testEveryColumnTheChainAndThePreviousHashChangeTheHash() {
        const AuditRecord base = clerkLogin();
        const std::string h = domain::auditChainHash(base, 3, 1, "");
        std::vector<AuditRecord> changed(12, base);
        changed[0].id = 8;
        changed[1].createdAt = "2026-03-01 09:30:01";
        changed[2].actorUserId = 13;
        changed[3].actorLabel = "user:13";
        changed[4].actorOfficeId = 4;
        changed[5].clientAddress = "192.0.2.2";
        changed[6].action = "login.failure";
        changed[7].targetUserId.reset();
        changed[8].targetMunicipalityId = 1;
        changed[9].subjectOfficeId = 4;
        changed[10].before = "{}";
        changed[11].after = R"({"role":"contact","path":"untrusted"})";
        for (std::size_t i = 0; i < changed.size(); ++i)
            CPPUNIT_ASSERT_MESSAGE(std::to_string(i), domain::auditChainHash(changed[i], 3, 1, "") != h);
        CPPUNIT_ASSERT(domain::auditChainHash(base, 4, 1, "") != h);
        CPPUNIT_ASSERT(domain::auditChainHash(base, 3, 2, "") != h);
        CPPUNIT_ASSERT(domain::auditChainHash(base, 3, 1, std::string(64, '0')) != h);
    }
    void testNullAndEmptyAndShiftedBoundariesEncodeApart() {
        AuditRecord a = clerkLogin(), b = clerkLogin();
        a.clientAddress = "";
        b.clientAddress.reset();
        CPPUNIT_ASSERT(domain::canonicalAuditRecord(a, 3, 1, "") != domain::canonicalAuditRecord(b, 3, 1, ""));
        // The same bytes split differently between two columns.
        a = clerkLogin();
        b = clerkLogin();
        a.actorLabel = "user:1";
        a.clientAddress = "2192.0.2.1";
        b.actorLabel = "user:12";
        b.clientAddress = "192.0.2.1";
        CPPUNIT_ASSERT(domain::canonicalAuditRecord(a, 3, 1, "") != domain::canonicalAuditRecord(b, 3, 1, ""));
        // A value that looks like the encoding of NULL.
        a = clerkLogin();
        a.before = "~";
        b = clerkLogin();
        CPPUNIT_ASSERT(domain::canonicalAuditRecord(a, 3, 1, "") != domain::canonicalAuditRecord(b, 3, 1, ""));
    }
    void testAnIntactChainWalksToItsHead() {
        std::vector<ChainEntry> c = chainOfThree();
        ChainWalk w(3);
        for (const ChainEntry& e : c) CPPUNIT_ASSERT(w.add(e));
        CPPUNIT_ASSERT(w.finish(headOf(c)));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), w.rows());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(7), w.firstId());
        CPPUNIT_ASSERT(!w.misfit());
    }
    void testAChangedRowIsNamed() {
        std::vector<ChainEntry> c = chainOfThree();
        const ChainHead head = headOf(c);
        c[1].row->after = R"({"role":"clerk","path":"device"})";
        std::uint64_t id = 0;
        const std::string why = walkAll(c, head, id);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(8), id);
        CPPUNIT_ASSERT_MESSAGE(why, why.find("row 8 does not match its hash") == 0);
    }
    void testARowWhoseHashWasRecomputedIsCaughtAtTheNextRow() {
        std::vector<ChainEntry> c = chainOfThree();
        const ChainHead head = headOf(c);
        c[1].row->after = R"({"role":"clerk","path":"device"})";
        c[1].hash = domain::auditChainHash(*c[1].row, 3, 2, c[0].hash);
        std::uint64_t id = 0;
        const std::string why = walkAll(c, head, id);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(10), id);
        CPPUNIT_ASSERT_MESSAGE(why, why.find("or the hash of row 8 before it") != std::string::npos);
    }
    void testADeletedRowIsNamedAndSoIsAGapInTheNumbers() {
        std::vector<ChainEntry> c = chainOfThree();
        c[1].row.reset();  // the audit_log row is gone, its place in the chain stays
        std::uint64_t id = 0;
        std::string why = walkAll(c, headOf(c), id);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(8), id);
        CPPUNIT_ASSERT_MESSAGE(why, why.find("missing from audit_log") != std::string::npos);

        c = chainOfThree();
        c.erase(c.begin() + 1);  // both gone
        why = walkAll(c, headOf(c), id);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(10), id);
        CPPUNIT_ASSERT_MESSAGE(why, why.find("number 3 of the chain, after number 1") != std::string::npos);
    }
    void testRowsDeletedFromTheEndAreCaughtByTheHead() {
        std::vector<ChainEntry> c = chainOfThree();
        const ChainHead head = headOf(c);
        c.pop_back();
        std::uint64_t id = 0;
        const std::string why = walkAll(c, head, id);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(10), id);
        CPPUNIT_ASSERT_MESSAGE(why, why.find("the rows after were deleted") != std::string::npos);
        // A head rewound with them to the new last row would pass here: that
        // is what the head kept outside the database is for.
        CPPUNIT_ASSERT_EQUAL(std::string("OK"), walkAll(c, headOf(c), id));
    }
    void testARowMovedToAnotherOfficeByItsColumnsIsNamed() {
        std::vector<ChainEntry> c = chainOfThree();
        c[2].row->subjectOfficeId = 4;
        std::uint64_t id = 0;
        const std::string why = walkAll(c, headOf(c), id);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(10), id);
        CPPUNIT_ASSERT_MESSAGE(why, why.find("belongs to the chain of office 4") != std::string::npos);
    }
    void testAMissingHeadIsNamedUnlessTheChainIsEmpty() {
        std::vector<ChainEntry> c = chainOfThree();
        std::uint64_t id = 0;
        const std::string why = walkAll(c, std::nullopt, id);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(10), id);
        CPPUNIT_ASSERT_MESSAGE(why, why.find("no head") != std::string::npos);
        CPPUNIT_ASSERT(ChainWalk(3).finish(std::nullopt));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuditChainTest);
