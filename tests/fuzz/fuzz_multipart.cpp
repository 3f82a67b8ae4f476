// multipart/form-data (web/multipart.h). Input: the Content-Type, then the
// body (separated by the scissors line, tests/fuzz/fuzz_support.h); a
// Content-Type without a valid boundary parses the body with "XyZ".
//
// A form that parses, written out again as a browser writes it, parses to
// the same fields and files.
#include <string>

#include "fuzz_support.h"
#include "web/multipart.h"

namespace {

bool sameForm(const ktk::web::MultipartForm& a, const ktk::web::MultipartForm& b) {
    if (a.fields != b.fields || a.files.size() != b.files.size()) return false;
    for (std::size_t i = 0; i < a.files.size(); ++i)
        if (a.files[i].field != b.files[i].field || a.files[i].name != b.files[i].name ||
            a.files[i].data != b.files[i].data)
            return false;
    return true;
}

// A name in a quoted string as browsers send it: a quote, CR and LF escaped.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += "%22";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else out += c;
    }
    return out + "\"";
}

std::string part(const std::string& dash, const std::string& disposition, const std::string& bytes) {
    return dash + "\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + bytes + "\r\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto in = ktk::fuzz::fields(data, size, 2);
    std::string_view contentType = in[0], body = in[1];

    std::optional<std::string> boundary = ktk::web::multipartBoundary(contentType);
    if (boundary) {
        FUZZ_CHECK(ktk::web::isMultipart(contentType));
        FUZZ_CHECK(!boundary->empty() && boundary->size() <= 70 && boundary->back() != ' ');
        FUZZ_CHECK(boundary->find_first_of(std::string_view("\r\n\"\0", 4)) == std::string::npos);
    }
    const std::string b = boundary ? *boundary : "XyZ";
    std::optional<ktk::web::MultipartForm> form = ktk::web::parseMultipart(body, b);
    if (!form) return 0;
    FUZZ_CHECK(form->fields.size() + form->files.size() <= ktk::web::kMaxMultipartParts);
    std::size_t bytes = 0;
    for (const auto& [name, value] : form->fields) bytes += value.size();
    for (const auto& file : form->files) bytes += file.data.size();
    FUZZ_CHECK(bytes <= body.size());

    // Written again. The order of fields and files among each other is
    // kept per kind, which is all the form promises. A name holding "%"
    // is left out: "%22" as typed and a quote as sent read the same.
    std::string again;
    const std::string dash = "--" + b;
    for (const auto& [name, value] : form->fields) {
        if (name.find('%') != std::string::npos) return 0;
        again += part(dash, "name=" + quoted(name), value);
    }
    for (const auto& file : form->files) {
        if (file.field.find('%') != std::string::npos || file.name.find('%') != std::string::npos) return 0;
        again += part(dash, "name=" + quoted(file.field) + "; filename=" + quoted(file.name), file.data);
    }
    again += dash + "--\r\n";
    if (form->fields.empty() && form->files.empty()) return 0;
    std::optional<ktk::web::MultipartForm> reparsed = ktk::web::parseMultipart(again, b);
    FUZZ_CHECK(reparsed.has_value());
    FUZZ_CHECK(sameForm(*form, *reparsed));
    return 0;
}
