// An application's timeline as the office's page shows it, oldest first
// (applications::timelineOf): each version with its party, each
// transition with the states before and after, each message and reason,
// every entry with who and when (Hungarian time).
#pragma once

#include <cstring>  // ctemplate's str_ref.h uses strlen without including it

#include <ctemplate/template_dictionary.h>

#include "applications/application_service.h"
#include "web/context.h"

namespace ktk::admin {

// Fills the ENTRY sections (KIND, ISO, WHEN, WHO, PARTY, WHAT, the
// TRANSITION section with FROM and TO, HAS_TEXT with TEXT) or NO_ENTRIES.
void fillTimeline(web::Context& ctx, ctemplate::TemplateDictionary& d, const applications::ApplicationView& view);

}  // namespace ktk::admin
