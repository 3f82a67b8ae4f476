#include "web/form_view.h"

#include <set>

namespace ktk::web {

std::string errorSection(std::string_view field) {
    std::string out;
    out.reserve(field.size() + 6);
    for (char c : field) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out + "_ERROR";
}

void showFormErrors(Page& page, const domain::FormErrors& errors, const FormField* fields, std::size_t count) {
    if (errors.empty()) return;
    Context& ctx = page.context();
    ctemplate::TemplateDictionary& layout = page.layout();
    ctemplate::TemplateDictionary* summary = layout.AddSectionDictionary("FORM_ERRORS");
    layout.ShowSection("TITLE_ERROR");
    std::set<std::string> listed;
    auto add = [&](const FormField& field, const std::string* label, const std::string& key) {
        std::string message = ctx.tr(key);
        if (const std::string* detail = errors.detail(field.name))
            if (std::size_t at = message.find("{}"); at != std::string::npos) message.replace(at, 2, *detail);
        ctemplate::TemplateDictionary* item = summary->AddSectionDictionary("ERROR");
        item->SetValue("FIELD", field.name);
        if (label) item->SetValueAndShowSection("LABEL", *label, "HAS_LABEL");
        item->SetValue("MESSAGE", message);
        page.dict().SetValueAndShowSection("MESSAGE", message,
                                           field.section ? std::string(field.section) : errorSection(field.name));
        listed.insert(field.name);
    };
    for (const FormField* field = fields; field != fields + count; ++field) {
        const std::string* key = errors.find(field->name);
        if (key) add(*field, &ctx.tr(field->labelKey), *key);
    }
    for (const auto& [name, key] : errors.all())
        if (!listed.count(name)) add(FormField{name.c_str(), nullptr, nullptr}, nullptr, key);
}

}  // namespace ktk::web
