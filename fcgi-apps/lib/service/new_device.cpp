#include "service/new_device.h"

#include "db/database.h"
#include "domain/user_agent.h"
#include "mail/queue.h"
#include "repo/audit.h"
#include "repo/mail_throttle.h"
#include "repo/notice_settings.h"
#include "service/account_mail.h"
#include "util/hungarian_time.h"
#include "util/json.h"

namespace ktk::service {

namespace {

constexpr const char* kNoticePurpose = "new_device";  // mail_throttle.purpose
constexpr std::int64_t kNoticeInterval = 60;

}  // namespace

bool newDeviceMailOn(db::Tx& tx, const repo::Account& account) {
    return account.clerk || repo::newDeviceMailChosen(tx, account.id);
}

bool noticeNewDevice(db::Tx& tx, const config::Config& config, const view::Views& views,
                     const repo::Account& account, std::string_view userAgent, std::string_view clientAddress,
                     std::int64_t now) {
    if (!newDeviceMailOn(tx, account)) return false;
    if (repo::takeMailSlot(tx, account.id, kNoticePurpose, now, kNoticeInterval) != repo::MailSlot::Taken)
        return false;
    mail::Message m = mailTo(account, kNewDeviceMailKind, config);
    const domain::BrowserName browser = domain::browserName(userAgent);
    const std::string time =
        account.language == domain::Lang::Hu ? util::hungarianTime(now) : util::hungarianTimeIso(now);
    m.values.insert(m.values.end(), {{"TIME", time},
                                     {"UTC_OFFSET", util::hungarianOffsetLabel(now)},
                                     {"CLIENT_ADDRESS", std::string(clientAddress)},
                                     {"BROWSER", browser.browser},
                                     {"PLATFORM", browser.platform},
                                     {"SESSIONS_URL", config.baseUrl + "/profile/sessions"}});
    if (browser.browser.empty()) m.sections.emplace_back("UNKNOWN_BROWSER");
    else if (browser.platform.empty()) m.sections.emplace_back("BROWSER_ONLY");
    else m.sections.emplace_back("BROWSER_ON");
    if (!account.clerk) m.sections.emplace_back("MAY_TURN_OFF");
    mail::enqueue(tx, config, views, m);
    return true;
}

NoticeChoice chooseNewDeviceMail(db::Database& db, const repo::Account& account, bool on,
                                 std::string_view clientAddress) {
    if (account.clerk) return NoticeChoice::NotAllowed;
    return db.transact([&](db::Tx& tx) {
        if (!repo::chooseNewDeviceMail(tx, account.id, on)) return NoticeChoice::Unchanged;
        repo::AuditEntry e;
        e.actor = repo::Actor::user(account.id);
        e.clientAddress = std::string(clientAddress);
        e.action = "notice.new_device";
        e.targetUserId = account.id;
        e.after = util::jsonText({{"mail", on}});
        repo::recordAudit(tx, e);
        return NoticeChoice::Stored;
    });
}

}  // namespace ktk::service
