#include "web/request.h"

#include <cgicc/CgiUtils.h>
#include <cgicc/Cgicc.h>

#include <algorithm>
#include <cstring>
#include <exception>

#include "web/cookie.h"
#include "web/fcgi_input.h"

namespace ktk::web {

Fields parseUrlEncoded(std::string_view text) {
    Fields out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('&', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view pair = text.substr(pos, end - pos);
        if (!pair.empty()) {
            std::size_t eq = pair.find('=');
            std::string_view k = pair.substr(0, eq);
            std::string_view v = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
            out.emplace_back(cgicc::form_urldecode(std::string(k)), cgicc::form_urldecode(std::string(v)));
        }
        pos = end + 1;
    }
    return out;
}

namespace {
Method parseMethod(std::string_view m) {
    if (m == "GET") return Method::Get;
    if (m == "HEAD") return Method::Head;
    if (m == "POST") return Method::Post;
    return Method::Other;
}

const std::string* find(const Fields& fields, std::string_view name) {
    for (const auto& [k, v] : fields)
        if (k == name) return &v;
    return nullptr;
}

std::vector<std::pair<std::string_view, std::string_view>> splitParams(char** envp) {
    std::vector<std::pair<std::string_view, std::string_view>> params;
    params.reserve(40);
    for (char** p = envp; p && *p; ++p) {
        const std::string_view entry(*p);
        const std::size_t eq = entry.find('=');
        if (eq != std::string_view::npos) params.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return params;
}

// Content-Length as sent; SIZE_MAX when it is not a number.
std::size_t parseLength(std::string_view v) {
    if (v.empty()) return 0;
    if (v.size() > 12 || v.find_first_not_of("0123456789") != std::string_view::npos) return SIZE_MAX;
    std::size_t n = 0;
    for (char c : v) n = n * 10 + static_cast<std::size_t>(c - '0');
    return n;
}
}  // namespace

Request::Request(FCGX_Request& raw)
    : raw_(raw),
      params_(splitParams(raw.envp)),
      method_(parseMethod(param("REQUEST_METHOD"))),
      path_(param("DOCUMENT_URI")),
      secure_(param("HTTPS") == "on" || param("REQUEST_SCHEME") == "https"),
      cookies_(param("HTTP_COOKIE")),
      contentLength_(parseLength(param("CONTENT_LENGTH"))) {}

// The first value of a name, as FCGX_GetParam gives it.
std::string_view Request::param(const char* name) const {
    const std::string_view wanted(name);
    for (const auto& [key, value] : params_)
        if (key == wanted) return value;
    return {};
}

std::string Request::query(std::string_view name) const {
    if (!queryParsed_) {
        query_ = parseUrlEncoded(queryString());
        queryParsed_ = true;
    }
    const std::string* v = find(query_, name);
    return v ? *v : std::string();
}

std::string Request::form(std::string_view name) const {
    const std::string* v = find(form_, name);
    return v ? *v : std::string();
}

std::vector<std::string> Request::formAll(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : form_)
        if (key == name) values.push_back(value);
    return values;
}

std::vector<std::string> Request::queryAll(std::string_view name) const {
    query(name);  // parses the query string once
    std::vector<std::string> values;
    for (const auto& [key, value] : query_)
        if (key == name) values.push_back(value);
    return values;
}

std::uint64_t Request::pathId(std::string_view name) const {
    for (const auto& [key, id] : pathIds_)
        if (key == name) return id;
    return 0;
}

std::string Request::cookie(std::string_view name) const {
    return findCookie(cookies_, name);
}

const UploadedFile* Request::upload(std::string_view field) const {
    for (const UploadedFile& file : files_)
        if (file.field == field) return &file;
    return nullptr;
}

void Request::readForm(std::size_t limit) {
    form_.clear();
    files_.clear();
    std::string_view contentType = param("CONTENT_TYPE");
    if (isMultipart(contentType)) return readMultipart(contentType, limit);
    FcgiInput input(raw_, limit, bodyRead_);
    try {
        cgicc::Cgicc cgi(&input);
        for (const auto& entry : cgi.getElements()) form_.emplace_back(entry.getName(), entry.getValue());
    } catch (const std::exception&) {
        // cgicc throws when the body is shorter than its Content-Length (a
        // visitor who stopped sending): no form from it, as for a truncated
        // multipart body, rather than a 500 page. The query string's fields
        // stay, as they do there.
        form_ = parseUrlEncoded(queryString());
    }
}

void Request::readMultipart(std::string_view contentType, std::size_t limit) {
    std::string body(std::min(contentLength(), limit), '\0');
    FcgiInput input(raw_, limit, bodyRead_);
    bool whole = input.read(body.data(), body.size()) == body.size();
    std::optional<std::string> boundary = multipartBoundary(contentType);
    std::optional<MultipartForm> parsed;
    if (whole && boundary) parsed = parseMultipart(body, *boundary);
    if (parsed) {
        form_ = std::move(parsed->fields);
        files_ = std::move(parsed->files);
    }
    for (auto& field : parseUrlEncoded(queryString())) form_.push_back(std::move(field));
}

}  // namespace ktk::web
