// An application's attachments on the municipality's side (README,
// "Subsidy applications"): a linked contact adds a PDF, JPEG or PNG while
// the application can be edited, and every linked contact of the
// municipality downloads them. Any other id is answered as unknown and
// audited (contact_scope.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "applications/attachment_store.h"
#include "applications/contact_scope.h"
#include "db/fwd.h"
#include "domain/form_errors.h"

namespace ktk::applications {

constexpr std::size_t kMaxAttachmentMegabytes = 10;
constexpr std::size_t kMaxAttachmentBytes = kMaxAttachmentMegabytes * 1024 * 1024;
constexpr unsigned kMaxAttachments = 10;

// A file as the browser sent it: its name untrusted, its bytes unchecked.
struct Upload {
    std::string_view name;
    std::string_view bytes;
};

enum class AttachOutcome {
    Added,       // number says which
    Removed,
    Invalid,     // errors (field "file") say why; nothing stored
    NotFound,    // no such application of the contact's municipality (audited)
    NotAllowed,  // its state allows no change
};

struct AttachResult {
    AttachOutcome outcome = AttachOutcome::Invalid;
    domain::FormErrors errors;
    std::uint32_t number = 0;
};

// Adds `file` (nullptr: none was chosen) to application `id`: its type
// told by its bytes, at most kMaxAttachmentBytes, at most kMaxAttachments
// per application; audited `application.attach` with its name, type,
// size and SHA-256.
AttachResult addAttachment(db::Database& db, const Contact& who, std::uint64_t id, const Upload* file);

// Removes attachment `number` of application `id` while the application
// can be edited and the attachment has not gone with a submission;
// audited `application.detach` with what it was. NotAllowed otherwise
// (nothing changes); NotFound (audited) for another municipality's id.
AttachOutcome removeAttachment(db::Database& db, const Contact& who, std::uint64_t id, std::uint32_t number);

// The attachments of the contact's municipality's application `id`, in order;
// nullopt (audited) for any other id.
std::optional<std::vector<AttachmentInfo>> attachmentsOf(db::Database& db, const Contact& who, std::uint64_t id);

// Attachment `number` of the contact's municipality's application `id`,
// with its bytes; nullopt for any other (audited when the application is
// not theirs).
std::optional<StoredAttachment> downloadAttachment(db::Database& db, const Contact& who, std::uint64_t id,
                                                   std::uint32_t number);

}  // namespace ktk::applications
