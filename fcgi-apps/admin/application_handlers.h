// The office's side of the subsidy applications (SPEC §7, README "The
// life of an application"), for the clerks of the municipality's office:
//   /admin/applications            the inbox: filters, counts per state, pages
//   /admin/applications.csv        the office's applications as a spreadsheet
//   /admin/applications/{id}       the application; a submitted one is opened
//   /admin/applications/{id}/propose            the form for the office's proposal
//   /admin/applications/{id}/decide             approve or reject (POST)
//   /admin/applications/{id}/message            a message on the timeline (POST)
//   /admin/applications/{id}/attachments/{n}    an attachment's download
//   /admin/applications/{id}/versions/{a}/diff/{b}   two versions compared
//   /admin/applications/{id}/contract.pdf       the contract, once approved
// Another office's application is answered 403 (the service audits it).
#pragma once

#include "applications/negotiation_mail.h"
#include "applications/office_service.h"
#include "applications/timeline_view.h"
#include "applications/version_diff.h"
#include "util/stamped_cache.h"
#include "web/handler.h"

namespace ktk::admin {

// The mails the office's actions send (to the municipality's contacts).
inline constexpr const char* kOfficeMails[] = {applications::kUpdateMail};

// Each page's content is kept, by office, filters, page and language, with
// the office's applications_version it was read at (as the session lookup
// reads it; migration 0027_stamps) and the office's name: while both
// stand, a request reads nothing but its session.
class InboxHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"admin/"}; }

private:
    struct KeptPage {
        std::string officeName;
        std::string html;
    };
    util::StampedCache<std::string, KeptPage> kept_{128};
};

// ?year=Y (optional): the applications numbered in that year.
class CsvHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

class OfficeApplicationHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"admin/", applications::kTimelineTemplate}, kOfficeMails);
    }
};

class ProposeHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"admin/", "applications/form"}, kOfficeMails);
    }
};

// What the POST-only actions on an application share.
class OfficeActionHandler : public web::Handler {
public:
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"admin/", applications::kTimelineTemplate}, kOfficeMails);
    }
};

// `decision` (approve | reject), `reason`, `confirm` (yes), `version`.
class DecideHandler : public OfficeActionHandler {
public:
    web::Response post(web::Context& ctx) override;
};

// `message`.
class OfficeMessageHandler : public OfficeActionHandler {
public:
    web::Response post(web::Context& ctx) override;
};

class OfficeAttachmentHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

// GET /admin/applications/{id}/versions/{a}/diff/{b}: two versions the
// office may see (submissions and proposals) compared field by field.
class OfficeDiffHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"admin/", applications::kDiffTemplate}; }
};

// GET /admin/applications/{id}/contract.pdf: the office's copy of the
// administrative contract, once approved.
class OfficeContractHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

}  // namespace ktk::admin
