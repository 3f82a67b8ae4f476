#include "applications/negotiation_mail.h"

#include <algorithm>
#include <cctype>

#include "applications/application_store.h"
#include "applications/negotiation_store.h"
#include "mail/queue.h"
#include "repo/accounts.h"
#include "service/account_mail.h"

namespace ktk::applications {

namespace {

// The section of the mail templates that says what happened: "PROPOSE", …
std::string sectionOf(Action action) {
    std::string s(actionCode(action));
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

}  // namespace

void notifyOtherSide(db::Tx& tx, const config::Config& config, const view::Views& views, const UpdateNotice& n) {
    const std::optional<Parties> parties = partiesOf(tx, n.applicationId);
    if (!parties) return;
    const bool toOffice = n.by == Party::Contact;
    const std::vector<std::uint64_t> recipients =
        toOffice ? clerksToMail(tx, parties->officeId) : contactsOf(tx, parties->municipalityId);
    const std::string link = config.baseUrl + (toOffice ? "/admin/applications/" : "/applications/") +
                             std::to_string(n.applicationId);
    for (std::uint64_t userId : recipients) {
        std::optional<repo::Account> to = repo::findAccountById(tx, userId);
        if (!to) continue;
        mail::Message m = service::mailTo(*to, kUpdateMail, config);
        m.values.emplace_back("NUMBER", n.number);
        m.values.emplace_back("TITLE", n.title);
        m.values.emplace_back("MUNICIPALITY", parties->municipalityName);
        m.values.emplace_back("OFFICE", parties->officeName);
        m.values.emplace_back("APPLICATION_URL", link);
        m.sections.push_back(sectionOf(n.action));
        m.sections.push_back(toOffice ? "TO_OFFICE" : "TO_CONTACT");
        mail::enqueue(tx, config, views, m);
    }
}

}  // namespace ktk::applications
