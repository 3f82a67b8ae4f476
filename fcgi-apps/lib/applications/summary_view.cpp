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

std::string forints(domain::Lang lang, std::int64_t amount) {
    const bool hu = lang == domain::Lang::Hu;
    // The magnitude as unsigned: INT64_MIN has no positive counterpart.
    const std::uint64_t magnitude = amount < 0 ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
    const std::string digits = std::to_string(magnitude);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += hu ? "\xC2\xA0" : ",";
        out += digits[i];
    }
    if (amount < 0) out = "\xE2\x88\x92" + out;  // U+2212 MINUS SIGN
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
