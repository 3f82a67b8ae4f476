// A POST as web::Request reads it: the body through FcgiInput and cgicc
// (application/x-www-form-urlencoded and anything else that is not
// multipart) or web/multipart.h, the query string's fields after the
// body's, and the cookies. Input: the Content-Type, the query string, the
// Cookie header, a Content-Length ("" for the body's own length), the body
// (fields separated by the scissors line, tests/fuzz/fuzz_support.h).
//
// Whatever a visitor sends, reading the form never throws (that would be a
// 500 page) and never reads more than the limit.
#include <fcgiapp.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "web/request.h"

namespace {

// The FastCGI request as libfcgi hands it over: its parameters and a
// stream over the body (as tests/unit/fixtures.h does).
class FakeRequest {
public:
    FakeRequest(std::vector<std::string> params, std::string body) : params_(std::move(params)), body_(std::move(body)) {
        for (auto& p : params_) envp_.push_back(p.data());
        envp_.push_back(nullptr);
        in_.rdNext = reinterpret_cast<unsigned char*>(body_.data());
        in_.stop = in_.rdNext + body_.size();
        in_.stopUnget = in_.rdNext;
        in_.wrNext = in_.stop;
        in_.isReader = 1;
        in_.fillBuffProc = [](FCGX_Stream* stream) { stream->isClosed = 1; };
        raw_.in = &in_;
        raw_.envp = envp_.data();
    }
    FCGX_Request& raw() { return raw_; }
    std::size_t bodyBytesRead() const {
        return static_cast<std::size_t>(in_.rdNext - reinterpret_cast<const unsigned char*>(body_.data()));
    }

private:
    std::vector<std::string> params_;
    std::vector<char*> envp_;
    std::string body_;
    FCGX_Stream in_{};
    FCGX_Request raw_{};
};

constexpr std::size_t kLimit = 32 * 1024;  // the default max_body_bytes

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto in = ktk::fuzz::fields(data, size, 5);
    std::string_view contentType = in[0], query = in[1], cookies = in[2], length = in[3], body = in[4];
    // A parameter is a C string: libfcgi cuts it at a NUL, as nginx never sends one.
    auto param = [](std::string_view name, std::string_view value) {
        std::string p = std::string(name) + "=" + std::string(value);
        return p.substr(0, p.find('\0'));
    };
    FakeRequest fake({param("REQUEST_METHOD", "POST"), param("DOCUMENT_URI", "/form"),
                      param("CONTENT_TYPE", contentType), param("QUERY_STRING", query), param("HTTP_COOKIE", cookies),
                      param("CONTENT_LENGTH", length.empty() ? std::to_string(body.size()) : std::string(length))},
                     std::string(body));
    ktk::web::Request req(fake.raw());
    // The request loop refuses a body over the limit before reading it (413).
    if (req.contentLength() > kLimit) return 0;
    req.readForm(kLimit);
    FUZZ_CHECK(fake.bodyBytesRead() <= kLimit);

    // The query string's fields are in the form too, after the body's
    // (those written "name=value": cgicc drops a bare "name").
    ktk::web::Fields fromQuery = ktk::web::parseUrlEncoded(req.queryString());
    for (const auto& [k, v] : fromQuery) FUZZ_CHECK(!req.queryAll(k).empty());
    for (std::string_view rest = req.queryString(); !rest.empty();) {
        std::string_view pair = rest.substr(0, rest.find('&'));
        rest.remove_prefix(std::min(rest.size(), pair.size() + 1));
        if (pair.find('=') == std::string_view::npos) continue;
        ktk::web::Fields one = ktk::web::parseUrlEncoded(pair);
        if (!one.empty() && !one.front().first.empty()) FUZZ_CHECK(!req.formAll(one.front().first).empty());
    }
    if (!fromQuery.empty()) FUZZ_CHECK(req.query(fromQuery.front().first) == fromQuery.front().second);
    for (const auto& file : req.uploads()) FUZZ_CHECK(req.upload(file.field) != nullptr);
    (void)req.form("csrf");
    (void)req.cookie("ktk_session");
    (void)req.cookie("ktk_lang");
    return 0;
}
