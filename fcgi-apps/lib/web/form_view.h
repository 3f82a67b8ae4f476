// How a form page shows what was wrong with a POST: a summary at the top
// that links each field in page order (section ERRORS, one ERROR each with
// FIELD, LABEL and MESSAGE) and the field's own message next to it (the
// field's section, with MESSAGE). Messages are the translated keys of a
// domain::FormErrors; nothing typed is echoed here.
#pragma once

#include <ctemplate/template.h>

#include <cstddef>

#include "domain/form_errors.h"
#include "web/context.h"

namespace ktk::web {

struct FormField {
    const char* name;      // form field and element id
    const char* section;   // template section shown with its error
    const char* labelKey;  // its label, repeated in the summary
};

void showFormErrors(const Context& ctx, ctemplate::TemplateDictionary& dict, const domain::FormErrors& errors,
                    const FormField* fields, std::size_t count);

template <std::size_t N>
void showFormErrors(const Context& ctx, ctemplate::TemplateDictionary& dict, const domain::FormErrors& errors,
                    const FormField (&fields)[N]) {
    showFormErrors(ctx, dict, errors, fields, N);
}

}  // namespace ktk::web
