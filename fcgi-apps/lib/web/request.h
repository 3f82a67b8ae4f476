// One FastCGI request as the handlers see it: the parameters nginx passes
// (nginx/fastcgi_params is the contract), the query string, cookies and,
// for POST, the form body once its size was checked: multipart/form-data
// (a form with a file) through web/multipart.h, any other through cgicc.
#pragma once

#include <fcgiapp.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/multipart.h"

namespace ktk::web {

enum class Method { Get, Head, Post, Other };

using Fields = std::vector<std::pair<std::string, std::string>>;

// Splits an application/x-www-form-urlencoded string into decoded fields.
Fields parseUrlEncoded(std::string_view text);

class Request {
public:
    explicit Request(FCGX_Request& raw);

    std::string_view param(const char* name) const;
    Method method() const { return method_; }
    std::string_view path() const { return path_; }
    std::string_view queryString() const { return param("QUERY_STRING"); }
    bool secure() const { return secure_; }
    std::string_view clientAddress() const { return param("REMOTE_ADDR"); }
    // Content-Length as sent; SIZE_MAX when it is not a number.
    std::size_t contentLength() const { return contentLength_; }
    // True when the body is read to its announced length (none: at once).
    bool bodyReadInFull() const { return bodyRead_ == contentLength(); }

    // First value of a field, "" when absent.
    std::string query(std::string_view name) const;
    std::string form(std::string_view name) const;
    // Every value of a repeated form field, in the order sent.
    std::vector<std::string> formAll(std::string_view name) const;
    // Every value of a query parameter, in order (OAuth refuses repeats).
    std::vector<std::string> queryAll(std::string_view name) const;
    // The id a route pattern's `{name}` segment matched (web/handler.h).
    std::uint64_t pathId(std::string_view name) const;
    void setPathIds(std::vector<std::pair<std::string, std::uint64_t>> ids) { pathIds_ = std::move(ids); }
    std::string cookie(std::string_view name) const;

    // Reads the POST body, at most `limit` bytes; the caller has checked
    // Content-Length against it. A multipart/form-data body gives fields
    // and files, or nothing at all when it is malformed or shorter than
    // announced (web/multipart.h); any other body shorter than announced
    // gives no fields either. Either way the query string's fields follow
    // the body's, as cgicc has it for other bodies.
    void readForm(std::size_t limit);
    // The first file sent in `field` by a multipart/form-data POST; nullptr
    // when there is none (a file input left empty sends none). Its name is
    // as the browser sent it (domain::attachmentName cleans it) and its
    // bytes are as sent; it lives as long as the request.
    const UploadedFile* upload(std::string_view field) const;
    // Every file sent, in order (an input with `multiple`, several inputs).
    const std::vector<UploadedFile>& uploads() const { return files_; }

    FCGX_Request& raw() { return raw_; }

private:
    FCGX_Request& raw_;
    // The parameters as name and value, split once: a page asks for a dozen,
    // and FCGX_GetParam compares the name with every one at each call.
    std::vector<std::pair<std::string_view, std::string_view>> params_;
    Method method_;
    std::string_view path_;
    bool secure_;
    std::string_view cookies_;
    std::size_t contentLength_;
    mutable bool queryParsed_ = false;
    mutable Fields query_;
    Fields form_;
    std::vector<std::pair<std::string, std::uint64_t>> pathIds_;
    std::vector<UploadedFile> files_;
    std::size_t bodyRead_ = 0;

    void readMultipart(std::string_view contentType, std::size_t limit);
};

}  // namespace ktk::web
