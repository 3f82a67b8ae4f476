// The timeline of an application as both sides show it (issue 20: "one
// timeline: versions, messages and state changes, oldest first, each with
// who and when"): templates/applications/timeline.tpl, filled here from
// timelineOf(view). The municipality's page and the office's page include
// the same template; only the base of the comparison links differs, so
// nothing in it speaks to one side.
#pragma once

#include <cstring>  // ctemplate's str_ref.h uses strlen without including it
#include <string>
#include <vector>

#include <ctemplate/template_dictionary.h>

#include "applications/application_service.h"
#include "domain/lang.h"
#include "view/translator.h"

namespace ktk::applications {

// The template's name; a program that shows the timeline lists it among
// its handler's templates.
inline constexpr const char* kTimelineTemplate = "applications/timeline";

// Fills `d`, a dictionary of kTimelineTemplate, with `entries` in their
// order (timelineOf gives them oldest first):
// - a version: its number, what it is (a draft save, a submission, the
//   office's proposal), who (the name in the page language's order and
//   the side: municipality or office) and when (Hungarian time), and from
//   the second listed version on a link to its comparison with the one
//   listed before: `versionsBase` + "<before>/diff/<n>" (e.g.
//   "/applications/7/versions/");
// - a transition: what happened, who, when, the state before and after
//   and the version it made or rests on;
// - a message or a reason: its text, escaped, its line breaks kept.
void fillTimeline(ctemplate::TemplateDictionary& d, const view::Translator& tr, domain::Lang lang,
                  const std::vector<TimelineEntry>& entries, const std::string& versionsBase);

// Adds the include `marker` of `parent` ({{>TIMELINE}} in a page's
// template) as kTimelineTemplate in `lang` and fills it.
void addTimeline(ctemplate::TemplateDictionary& parent, const char* marker, const view::Translator& tr,
                 domain::Lang lang, const std::vector<TimelineEntry>& entries, const std::string& versionsBase);

// The side's translated name ("municipality", "office"), as the timeline
// and the diff page say who made a version.
const std::string& partyName(const view::Translator& tr, domain::Lang lang, Party party);

// "Kovács Anna (municipality)": a name in the page language's order and
// the side; the side alone when the account no longer exists.
std::string authorLabel(const view::Translator& tr, domain::Lang lang, const std::string& lastName,
                        const std::string& firstName, Party party);

// "2026-03-16T13:05:00Z" for a <time datetime>, from "YYYY-MM-DD HH:MM:SS" UTC.
std::string isoUtc(const std::string& sqlTime);

}  // namespace ktk::applications
