// The municipality's application pages (SPEC §7): the list, the form for a
// new draft and for editing one, and the application itself. Linked
// contacts only (the route table says so); each handler calls one service
// function and acts on its outcome.
#pragma once

#include <cstdint>
#include <string>

#include "util/stamped_cache.h"
#include "web/handler.h"

namespace ktk::applications::handlers {

// GET /applications: the municipality's applications, newest change first.
// Each page's content is kept, by municipality, page and language, with
// the municipality's applications_version it was read at (as the session
// lookup reads it; see applications/home_cache.h) and its name: while both
// stand, a request reads nothing but its session.
class ListHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"applications/list"}; }

private:
    struct KeptPage {
        std::string municipalityName;
        std::string html;
    };
    util::StampedCache<std::string, KeptPage> kept_{128};
};

// GET, POST /applications/new: a new draft, saved however incomplete.
class NewHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::vector<std::string> templates() const override { return {"applications/form"}; }
};

// GET, POST /applications/{id}/edit: the next version of a draft; a form
// loaded from an older version than the current one is refused with both
// versions shown.
class EditHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::vector<std::string> templates() const override { return {"applications/form"}; }
};

// GET /applications/{id}: the current version, its budget and what
// submission still needs.
class ShowHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override;
};

// POST /applications/{id}/submit (`version`, `confirm`): freezes the
// version shown, numbers the application and tells the municipality's
// contacts and the office's clerks.
class SubmitHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::vector<std::string> templates() const override;
};

// The mails of the negotiation's actions (negotiation_mail.h): the page
// of an action that tells the other side loads them.
extern const char* const kUpdateMails[1];

// POST /applications/{id}/withdraw (`reason`): before a decision; the
// office is told.
class WithdrawHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::vector<std::string> templates() const override;
};

// POST /applications/{id}/accept (`version`, optional `message`): accepts
// the office's proposal that the page showed; the office is told.
class AcceptHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::vector<std::string> templates() const override;
};

// POST /applications/{id}/message (`message`): a message to the office on
// the timeline, after submission and before the decision.
class MessageHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::vector<std::string> templates() const override;
};

// GET /applications/{id}/versions/{a}/diff/{b}: two versions compared
// field by field, with their budgets; 404 when either does not exist.
class DiffHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override;
};

// POST /applications/{id}/attachments (multipart, `file`): a PDF, JPEG or
// PNG of at most 10 MB added while the application can be edited. The body
// may be a little over 11 MB (the file and the form around it; the web
// server allows the same), so that any file it lets through is answered
// with a field error rather than a bare 413.
class AttachHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return kAttachmentBodyBytes; }
    std::vector<std::string> templates() const override { return {"applications/show", "applications/timeline"}; }
    static constexpr std::size_t kAttachmentBodyBytes = 11 * 1024 * 1024;
};

// POST /applications/{id}/attachments/{n}/remove: one added since the last
// submission, while the application can be edited.
class DetachHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
};

// GET /applications/{id}/attachments/{n}: the file as it was added, as a
// download under its cleaned name.
class AttachmentHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

// GET /applications/{id}/pdf: the current version as PDF (libharu).
class PdfHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

// GET /applications/{id}/contract.pdf: the administrative contract, once approved.
class ContractHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

}  // namespace ktk::applications::handlers
