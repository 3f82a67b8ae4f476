// An application's attachments (0012_attachments.sql): written once,
// numbered 1, 2, … within the application, the bytes read only when one
// is downloaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/fwd.h"

namespace ktk::applications {

struct AttachmentInfo {
    std::uint32_t number = 0;
    std::string name;       // cleaned (domain::attachmentName)
    std::string mediaType;  // application/pdf, image/jpeg, image/png
    std::uint64_t size = 0;
    std::string sha256;     // hex
    std::uint32_t version = 0;  // the application's version when it was added
    std::string createdAt;      // "YYYY-MM-DD HH:MM:SS" UTC
    bool submitted = false;     // went with a submission: kept for good
};

struct NewAttachment {
    std::string name;
    std::string mediaType;
    std::string_view bytes;
    std::string sha256;  // hex, of bytes
    std::uint32_t version = 0;
    std::uint64_t authorId = 0;
};

// In the order they were added, without the removed ones.
std::vector<AttachmentInfo> listAttachments(db::Tx& tx, std::uint64_t applicationId);
// Under the next number the application has not given (the caller holds its row lock).
std::uint32_t insertAttachment(db::Tx& tx, std::uint64_t applicationId, const NewAttachment& a, std::int64_t now);

struct StoredAttachment {
    AttachmentInfo info;
    std::string bytes;
};
std::optional<StoredAttachment> loadAttachment(db::Tx& tx, std::uint64_t applicationId, std::uint32_t number);

// Every attachment there is goes with the submission being written.
void markAttachmentsSubmitted(db::Tx& tx, std::uint64_t applicationId);
// Removes one not yet submitted: its bytes dropped, its row kept as a
// record. False when there is no such attachment or it was submitted.
bool removeAttachment(db::Tx& tx, std::uint64_t applicationId, std::uint32_t number, std::int64_t now);

}  // namespace ktk::applications
