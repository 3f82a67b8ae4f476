#include "applications/summary_view.h"

#include "util/hungarian_time.h"

// The variables every line sets, named once: a key given as a plain
// string is hashed and entered in ctemplate's global name table at every
// use, twenty-five lines a page. (For the same reason a line shows its
// sections with ShowSection beside SetValue: SetValueAndShowSection adds
// a section dictionary, which ctemplate names with snprintf.)
static const ctemplate::StaticTemplateString kId = STS_INIT(kId, "ID");
static const ctemplate::StaticTemplateString kNumber = STS_INIT(kNumber, "NUMBER");
static const ctemplate::StaticTemplateString kHasNumber = STS_INIT(kHasNumber, "HAS_NUMBER");
static const ctemplate::StaticTemplateString kNoNumber = STS_INIT(kNoNumber, "NO_NUMBER");
static const ctemplate::StaticTemplateString kTitle = STS_INIT(kTitle, "TITLE");
static const ctemplate::StaticTemplateString kStateCode = STS_INIT(kStateCode, "STATE_CODE");
static const ctemplate::StaticTemplateString kState = STS_INIT(kState, "STATE");
static const ctemplate::StaticTemplateString kUpdated = STS_INIT(kUpdated, "UPDATED");

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
    row.SetValue(kId, std::to_string(a.id));
    if (a.number.empty()) {
        row.ShowSection(kNoNumber);
    } else {
        row.SetValue(kNumber, a.number);
        row.ShowSection(kHasNumber);
    }
    row.SetValue(kTitle, displayTitle(tr, lang, a.title));
    const std::string_view code = stateCode(a.state);
    row.SetValue(kStateCode, ctemplate::TemplateString(code.data(), code.size()));
    row.SetValue(kState, stateName(tr, lang, a.state));
    row.SetValue(kUpdated, util::hungarianTime(a.updatedAt));
}

}  // namespace ktk::applications
