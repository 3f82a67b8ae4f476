#include "applications/summary_view.h"

#include "util/clock.h"
#include "util/hungarian_time.h"

namespace ktk::applications {

const std::string& stateName(const view::Translator& tr, domain::Lang lang, State state) {
    return tr.get(lang, "applications.state." + std::string(stateCode(state)));
}

const std::string& displayTitle(const view::Translator& tr, domain::Lang lang, const std::string& title) {
    return title.empty() ? tr.get(lang, "applications.untitled") : title;
}

std::string moneyText(domain::Lang lang, std::int64_t forints) {
    const bool hu = lang == domain::Lang::Hu;
    std::string digits = std::to_string(forints < 0 ? -forints : forints), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += hu ? "\xC2\xA0" : ",";
        out += digits[i];
    }
    if (forints < 0) out = "−" + out;
    return hu ? out + "\xC2\xA0" "Ft" : "HUF\xC2\xA0" + out;
}

void fillSummary(ctemplate::TemplateDictionary& row, const view::Translator& tr, domain::Lang lang,
                 const ApplicationSummary& a) {
    row.SetIntValue("ID", static_cast<long>(a.id));
    if (a.number.empty()) row.ShowSection("NO_NUMBER");
    else row.SetValueAndShowSection("NUMBER", a.number, "HAS_NUMBER");
    row.SetValue("TITLE", displayTitle(tr, lang, a.title));
    row.SetValue("STATE_CODE", std::string(stateCode(a.state)));
    row.SetValue("STATE", stateName(tr, lang, a.state));
    row.SetValue("UPDATED", util::hungarianTime(util::parseSqlTime(a.updatedAt)));
}

}  // namespace ktk::applications
