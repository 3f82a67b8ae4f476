#include "web/form_view.h"

namespace ktk::web {

void showFormErrors(const Context& ctx, ctemplate::TemplateDictionary& dict, const domain::FormErrors& errors,
                    const FormField* fields, std::size_t count) {
    if (errors.empty()) return;
    ctemplate::TemplateDictionary* summary = dict.AddSectionDictionary("ERRORS");
    for (std::size_t i = 0; i < count; ++i) {
        const FormField& field = fields[i];
        const std::string* key = errors.find(field.name);
        if (!key) continue;
        const std::string& message = ctx.tr(*key);
        ctemplate::TemplateDictionary* item = summary->AddSectionDictionary("ERROR");
        item->SetValue("FIELD", field.name);
        item->SetValue("LABEL", ctx.tr(field.labelKey));
        item->SetValue("MESSAGE", message);
        dict.SetValueAndShowSection("MESSAGE", message, field.section);
    }
}

}  // namespace ktk::web
