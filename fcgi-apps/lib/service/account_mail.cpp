#include "service/account_mail.h"

#include "domain/person_name.h"

namespace ktk::service {

mail::Message mailTo(const repo::Account& a, std::string_view kind, const config::Config& config) {
    const std::string lang = std::string("?lang=") + code(a.language);
    mail::Message m;
    m.kind = std::string(kind);
    m.toAddress = a.email;
    m.toName = domain::displayName(a.lastName, a.firstName, a.language);
    m.lang = a.language;
    m.values = {
        {"NAME", m.toName},
        {"EMAIL", a.email},
        {"LOGIN_URL", config.baseUrl + "/login" + lang},
        {"FORGOT_URL", config.baseUrl + "/password/forgot" + lang},
        {"RESEND_URL", config.baseUrl + "/confirm/resend" + lang},
    };
    return m;
}

}  // namespace ktk::service
