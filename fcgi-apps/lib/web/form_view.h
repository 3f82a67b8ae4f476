// How every form shows its problems (WCAG 3.3.1, 3.3.3), in one place so
// that all pages do it alike:
//
// - the layout shows an error summary at the top of <main>: a box with
//   role="alert" and a heading, listing "Label: message" for each field in
//   error as a link to that field (#<id>); ktk.js moves the focus to it, and
//   the page title starts with "Hiba – " / "Error – ";
// - the content template shows each field's own message in the section
//   <FIELD>_ERROR (the field name in upper case: last_name → LAST_NAME_ERROR)
//   with {{MESSAGE}}, by convention
//     <input id="email" … aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"
//            {{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
//     {{#EMAIL_ERROR}}<p class="field-error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
//
// Messages come from the catalogs (FormErrors holds message keys).
#pragma once

#include <cstddef>
#include <initializer_list>

#include "domain/form_errors.h"
#include "web/page.h"

namespace ktk::web {

struct FormField {
    const char* name;      // form field name and the element id the summary links to
    const char* section;   // the field's own section; nullptr: errorSection(name)
    const char* labelKey;  // its label's message key, repeated in the summary
};

// Fills the summary (in `fields` order, i.e. page order) and each field's
// section. An error for a field missing from `fields` is still listed
// (linked by its name, labelled by its message only) rather than lost.
void showFormErrors(Page& page, const domain::FormErrors& errors, const FormField* fields, std::size_t count);

inline void showFormErrors(Page& page, const domain::FormErrors& errors, std::initializer_list<FormField> fields) {
    showFormErrors(page, errors, fields.begin(), fields.size());
}

template <std::size_t N>
void showFormErrors(Page& page, const domain::FormErrors& errors, const FormField (&fields)[N]) {
    showFormErrors(page, errors, fields, N);
}

// The section name for a field's own message: "password_confirm" →
// "PASSWORD_CONFIRM_ERROR".
std::string errorSection(std::string_view field);

}  // namespace ktk::web
