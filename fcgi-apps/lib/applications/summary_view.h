// An application in one line, as every page that lists applications shows
// it (the municipality's list, the contact's home page): its number or
// "draft", its title or "untitled", its state's code and translated name,
// its last change in Hungarian time. One home, so that the pages agree.
#pragma once

#include <cstdint>
#include <cstring>  // ctemplate's str_ref.h uses strlen without including it
#include <string>

#include <ctemplate/template_dictionary.h>

#include "applications/application_store.h"
#include "domain/lang.h"
#include "view/translator.h"

namespace ktk::applications {

// The state's translated name (applications.state.<code>).
const std::string& stateName(const view::Translator& tr, domain::Lang lang, State state);
// The title, or the translated "untitled" for a draft without one.
const std::string& displayTitle(const view::Translator& tr, domain::Lang lang, const std::string& title);

// An amount of forints as people read it: "1 234 567 Ft" in Hungarian,
// "HUF 1,234,567" in English (no-break spaces; a minus sign for a debt).
std::string moneyText(domain::Lang lang, std::int64_t forints);

// Sets ID, TITLE, STATE_CODE, STATE, UPDATED and either NUMBER (section
// HAS_NUMBER) or the section NO_NUMBER.
void fillSummary(ctemplate::TemplateDictionary& row, const view::Translator& tr, domain::Lang lang,
                 const ApplicationSummary& a);

}  // namespace ktk::applications
