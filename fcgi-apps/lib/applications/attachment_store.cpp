#include "applications/attachment_store.h"

#include "db/database.h"
#include "util/clock.h"

namespace ktk::applications {

namespace {

// The columns listAttachments and loadAttachment read, in this order.
#define KTK_ATTACHMENT_COLUMNS \
    "number, name, media_type, size, sha256, version, created_at, submitted"

AttachmentInfo infoOf(sql::ResultSet& r) {
    AttachmentInfo a;
    a.number = r.getUInt(1);
    a.name = r.getString(2);
    a.mediaType = r.getString(3);
    a.size = r.getUInt64(4);
    a.sha256 = r.getString(5);
    a.version = r.getUInt(6);
    a.createdAt = r.getString(7);
    a.submitted = r.getBoolean(8);
    return a;
}

}  // namespace

std::vector<AttachmentInfo> listAttachments(db::Tx& tx, std::uint64_t applicationId) {
    db::Row r = tx.query("SELECT " KTK_ATTACHMENT_COLUMNS
                         " FROM application_attachments WHERE application_id = ? AND removed_at IS NULL ORDER BY number",
                         applicationId);
    std::vector<AttachmentInfo> out;
    while (r->next()) out.push_back(infoOf(*r));
    return out;
}

std::uint32_t insertAttachment(db::Tx& tx, std::uint64_t applicationId, const NewAttachment& a, std::int64_t now) {
    db::Row r = tx.query("SELECT COALESCE(MAX(number), 0) + 1 FROM application_attachments WHERE application_id = ?",
                         applicationId);
    r->next();
    const std::uint32_t number = r->getUInt(1);
    const db::Blob content(a.bytes);
    tx.update(
        "INSERT INTO application_attachments (application_id, number, name, media_type, size, sha256, content,"
        " version, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        applicationId, number, a.name, a.mediaType, static_cast<std::uint64_t>(a.bytes.size()),
        a.sha256, content, a.version, a.authorId, util::sqlTime(now));
    return number;
}

std::optional<StoredAttachment> loadAttachment(db::Tx& tx, std::uint64_t applicationId, std::uint32_t number) {
    db::Row r = tx.query("SELECT " KTK_ATTACHMENT_COLUMNS
                         ", content FROM application_attachments"
                         " WHERE application_id = ? AND number = ? AND removed_at IS NULL",
                         applicationId, number);
    if (!r->next()) return std::nullopt;
    StoredAttachment a;
    a.info = infoOf(*r);
    a.bytes = db::readBlob(*r, 9);
    return a;
}

void markAttachmentsSubmitted(db::Tx& tx, std::uint64_t applicationId) {
    tx.update("UPDATE application_attachments SET submitted = TRUE WHERE application_id = ? AND removed_at IS NULL",
              applicationId);
}

bool removeAttachment(db::Tx& tx, std::uint64_t applicationId, std::uint32_t number, std::int64_t now) {
    return tx.update(
               "UPDATE application_attachments SET removed_at = ?, content = ''"
               " WHERE application_id = ? AND number = ? AND removed_at IS NULL AND NOT submitted",
               util::sqlTime(now), applicationId, number) == 1;
}

#undef KTK_ATTACHMENT_COLUMNS

}  // namespace ktk::applications
