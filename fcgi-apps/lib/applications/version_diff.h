// Two versions of an application compared field by field (issue 20:
// "Any two versions can be compared field by field, with the computed
// budget too; changed fields are highlighted"). diffVersions is pure:
// every form field of SPEC §7 and every figure of the budget each
// version was saved with, in page order, the raw values of both sides and
// whether they differ. fillDiff puts it into templates/applications/diff.tpl,
// which the municipality's and the office's diff pages both include; the
// links are built from a base path the caller gives.
#pragma once

#include <cstdint>
#include <cstring>  // ctemplate's str_ref.h uses strlen without including it
#include <string>
#include <vector>

#include <ctemplate/template_dictionary.h>

#include "applications/application_store.h"
#include "applications/rules_store.h"
#include "domain/lang.h"
#include "view/translator.h"

namespace ktk::applications {

// How a row's values read.
enum class DiffFormat {
    Text,       // one line as typed
    LongText,   // lines kept (public task, places of work)
    Programme,  // a programme type's code, shown by its name
    Date,       // ISO date
    Number,     // a whole number (hours, headcount)
    Percent,    // a whole percentage
    Forints,    // an amount
    Item,       // a material cost line: a name and an amount
};

// One side of a row. Absent: not filled in, or (a budget figure) the
// version has no budget.
struct DiffValue {
    bool present = false;
    std::string text;         // Text, LongText, Programme, Date; an Item's name
    std::int64_t number = 0;  // Number, Percent, Forints; an Item's amount

    bool operator==(const DiffValue& o) const {
        return present == o.present && (!present || (text == o.text && number == o.number));
    }
    bool operator!=(const DiffValue& o) const { return !(*this == o); }
};

struct DiffRow {
    std::string id;         // unique on the page: the form field's name, "material_item-2", "budget-wage"
    std::string labelKey;   // the catalog key of its label
    std::string prefixKey;  // a key said before the label ("Wages:" before a category), or ""
    unsigned line = 0;      // a material cost line's number (from 1), else 0
    DiffFormat format = DiffFormat::Text;
    DiffValue a, b;
    bool changed = false;
};

struct VersionDiff {
    std::vector<DiffRow> fields;  // the form's fields; the material costs one row per line
    std::vector<DiffRow> budget;  // the budget's figures (absent on a side without a budget)
    bool budgetA = false, budgetB = false;
    std::size_t changedFields = 0, changedBudget = 0;
};

// `a` and `b` compared (either order; the same version gives no change).
VersionDiff diffVersions(const StoredVersion& a, const StoredVersion& b);

// Whether two versions hold the same form fields (their budgets aside).
bool sameFields(const ApplicationFields& a, const ApplicationFields& b);

// The template's name; a program that shows the diff lists it among its
// handler's templates, and includes it as {{>DIFF}} in its page.
inline constexpr const char* kDiffTemplate = "applications/diff";

// What the diff's links and names need from the page around it.
struct DiffContext {
    // The comparison of versions x and y is at versionsBase + "x/diff/y"
    // ("/applications/7/versions/", "/admin/applications/7/versions/").
    std::string versionsBase;
    std::uint32_t newest = 0;  // the application's newest version, for the navigation
    // The versions the viewer may compare, ascending, when not all of
    // 1..newest (the office: only the frozen ones); empty for all.
    std::vector<std::uint32_t> visible;
    const std::vector<ProgrammeRow>* programmes = nullptr;  // for the programme types' names
};

// Fills `d`, a dictionary of kDiffTemplate: the heading, both versions
// (number, side, time), a navigation to the previous and the next change
// and to the newest version, and the rows, each changed one marked with a
// visible word (not by colour alone) and its old and new value as
// <del>/<ins>.
void fillDiff(ctemplate::TemplateDictionary& d, const view::Translator& tr, domain::Lang lang,
              const StoredVersion& a, const StoredVersion& b, const VersionDiff& diff, const DiffContext& context);

// Adds the include `marker` of `parent` as kDiffTemplate in `lang` and fills it.
void addDiff(ctemplate::TemplateDictionary& parent, const char* marker, const view::Translator& tr, domain::Lang lang,
             const StoredVersion& a, const StoredVersion& b, const VersionDiff& diff, const DiffContext& context);

}  // namespace ktk::applications
