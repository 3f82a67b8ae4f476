// What every page of the clerks' area (/admin) shares: the refusal a
// logged-in account that is no clerk gets (the routes admit clerks only;
// the request loop asks for it), the clerk and their office, the page
// frame with the area's navigation, and how accounts, states and dates are
// shown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "applications/office_service.h"
#include "repo/accounts.h"
#include "service/account_admin.h"
#include "web/page.h"

namespace ktk::admin {

// The logged-in clerk and their office.
struct Clerk {
    const repo::Account* user = nullptr;
    std::uint64_t officeId = 0;
    std::string officeName;

    // The actor of the service calls: this clerk, from this request's address, within this office.
    service::AdminActor actor(const web::Context& ctx) const;
    // The same clerk as the applications' office service knows them.
    applications::OfficeClerk officeClerk(const web::Context& ctx) const;
};

// The logged-in clerk of this request (the route admitted only clerks).
Clerk clerkOf(web::Context& ctx);

// The area's answer to a logged-in account that is not a clerk (the
// site's refusal, web/site.h): 403, audited as access.denied.
web::Response refuseNonClerk(web::Context& ctx);

// The 403 page of the area: the clerk tried to see or change something
// outside their office. The caller has audited the attempt.
web::Response denied(web::Context& ctx, const Clerk& clerk);

// A page of the area inside the layout, with the area's navigation
// (`current` is the path of the page it marks as current).
web::Page page(web::Context& ctx, const Clerk& clerk, std::string name, std::string_view titleKey,
               std::string_view current);

// Fills NAME, EMAIL, STATE, STATE_TEXT, CREATED and, when linked, the
// MUNICIPALITY section of `d` for one account.
void showAccount(web::Context& ctx, ctemplate::TemplateDictionary& d, const repo::Account& account);

// A DATETIME ("YYYY-MM-DD HH:MM:SS") as a date in the page's language:
// "2026. 01. 06." in Hungarian, "2026-01-06" in English.
std::string formatDate(domain::Lang lang, std::string_view datetime);

// A local URL with one query parameter, its value percent-encoded.
std::string withQuery(std::string_view path, std::string_view name, std::string_view value);

// The longest text a search or filter field takes (an e-mail address).
constexpr std::size_t kMaxQueryChars = 254;

}  // namespace ktk::admin
