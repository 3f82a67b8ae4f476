#include "domain/person_name.h"

namespace ktk::domain {

std::string displayName(std::string_view lastName, std::string_view firstName, Lang lang) {
    std::string_view a = lang == Lang::Hu ? lastName : firstName;
    std::string_view b = lang == Lang::Hu ? firstName : lastName;
    std::string out(a);
    if (!a.empty() && !b.empty()) out += ' ';
    out += b;
    return out;
}

}  // namespace ktk::domain
