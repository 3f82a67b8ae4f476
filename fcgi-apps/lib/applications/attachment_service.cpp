#include "applications/attachment_service.h"

#include "applications/states.h"
#include "crypto/random.h"
#include "db/database.h"
#include "domain/file_type.h"
#include "util/clock.h"
#include "util/json.h"

namespace ktk::applications {

namespace {

// What can be told before the database is asked.
domain::FormErrors checkUpload(const Upload* file, domain::FileType& type) {
    domain::FormErrors errors;
    if (!file || (file->bytes.empty() && file->name.empty())) {
        errors.add("file", "validation.file.missing");
    } else if (file->bytes.size() > kMaxAttachmentBytes) {
        errors.add("file", "validation.file.too_large", std::to_string(kMaxAttachmentMegabytes));
    } else if ((type = domain::sniffFileType(file->bytes)) == domain::FileType::Other) {
        errors.add("file", "validation.file.type");
    }
    return errors;
}

}  // namespace

AttachResult addAttachment(db::Database& db, const Contact& who, std::uint64_t id, const Upload* file) {
    domain::FileType type = domain::FileType::Other;
    domain::FormErrors refused = checkUpload(file, type);
    return db.transact([&](db::Tx& tx) {
        AttachResult result;
        std::optional<StoredApplication> app = loadOwnApplication(tx, who, id, RowLock::ForUpdate);
        if (!app) {
            result.outcome = AttachOutcome::NotFound;
            return result;
        }
        if (!allowed(app->summary.state, Action::Edit, Party::Contact)) {
            result.outcome = AttachOutcome::NotAllowed;
            return result;
        }
        if (!refused.empty()) {
            result.errors = refused;
            return result;
        }
        if (listAttachments(tx, id).size() >= kMaxAttachments) {
            result.errors.add("file", "validation.file.too_many", std::to_string(kMaxAttachments));
            return result;
        }
        NewAttachment a;
        a.name = *domain::attachmentName(file->name, type);
        a.mediaType = domain::mediaType(type);
        a.bytes = file->bytes;
        a.sha256 = crypto::sha256Hex(a.bytes);
        a.version = app->summary.version;
        a.authorId = who.userId;
        result.number = insertAttachment(tx, id, a, util::now());
        result.outcome = AttachOutcome::Added;
        auditContact(tx, who, "application.attach", std::nullopt,
                     util::jsonText({{"application_id", id},
                                     {"attachment", result.number},
                                     {"name", a.name},
                                     {"media_type", a.mediaType},
                                     {"size", a.bytes.size()},
                                     {"sha256", a.sha256}}));
        return result;
    });
}

AttachOutcome removeAttachment(db::Database& db, const Contact& who, std::uint64_t id, std::uint32_t number) {
    return db.transact([&](db::Tx& tx) {
        std::optional<StoredApplication> app = loadOwnApplication(tx, who, id, RowLock::ForUpdate);
        if (!app) return AttachOutcome::NotFound;
        if (!allowed(app->summary.state, Action::Edit, Party::Contact)) return AttachOutcome::NotAllowed;
        for (const AttachmentInfo& a : listAttachments(tx, id)) {
            if (a.number != number) continue;
            if (a.submitted || !applications::removeAttachment(tx, id, number, util::now()))
                return AttachOutcome::NotAllowed;
            auditContact(tx, who, "application.detach",
                         util::jsonText({{"application_id", id},
                                         {"attachment", number},
                                         {"name", a.name},
                                         {"media_type", a.mediaType},
                                         {"size", a.size},
                                         {"sha256", a.sha256}}),
                         std::nullopt);
            return AttachOutcome::Removed;
        }
        return AttachOutcome::NotAllowed;
    });
}

std::optional<std::vector<AttachmentInfo>> attachmentsOf(db::Database& db, const Contact& who, std::uint64_t id) {
    return db.transact([&](db::Tx& tx) -> std::optional<std::vector<AttachmentInfo>> {
        if (!loadOwnApplication(tx, who, id)) return std::nullopt;
        return listAttachments(tx, id);
    });
}

std::optional<StoredAttachment> downloadAttachment(db::Database& db, const Contact& who, std::uint64_t id,
                                                   std::uint32_t number) {
    return db.transact([&](db::Tx& tx) -> std::optional<StoredAttachment> {
        if (!loadOwnApplication(tx, who, id)) return std::nullopt;
        return loadAttachment(tx, id, number);
    });
}

}  // namespace ktk::applications
