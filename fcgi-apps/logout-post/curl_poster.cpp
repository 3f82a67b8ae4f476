#include "logout-post/curl_poster.h"

#include <curl/curl.h>

#include <memory>
#include <stdexcept>

namespace ktk::logoutpost {
namespace {

constexpr long kConnectTimeoutMs = 5000;
constexpr long kTotalTimeoutMs = 10000;

struct EasyFree {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct MultiFree {
    void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
struct ListFree {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// The service's answer is not read: only its status counts.
size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

std::string errorCode(CURLcode code) {
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT: return "timeout";
        case CURLE_COULDNT_CONNECT: return "connect";
        case CURLE_COULDNT_RESOLVE_HOST: return "resolve";
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT: return "bad_uri";
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE: return "tls";
        default: return "transport";
    }
}

}  // namespace

CurlPoster::CurlPoster() {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl did not start");
}

CurlPoster::~CurlPoster() { curl_global_cleanup(); }

std::vector<oidc::PostResult> CurlPoster::post(const std::vector<oidc::LogoutPost>& posts) {
    std::vector<oidc::PostResult> results(posts.size());
    if (posts.empty()) return results;
    std::unique_ptr<CURLM, MultiFree> multi(curl_multi_init());
    std::unique_ptr<curl_slist, ListFree> headers(
        curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded"));
    if (!multi || !headers) throw std::runtime_error("libcurl: out of memory");
    std::vector<std::unique_ptr<CURL, EasyFree>> easies;
    std::vector<std::string> bodies;
    bodies.reserve(posts.size());
    for (std::size_t i = 0; i < posts.size(); ++i) {
        // The token is base64url and dots: nothing in it needs escaping.
        bodies.push_back("logout_token=" + posts[i].token);
        std::unique_ptr<CURL, EasyFree> easy(curl_easy_init());
        if (!easy) throw std::runtime_error("libcurl: out of memory");
        CURL* e = easy.get();
        curl_easy_setopt(e, CURLOPT_URL, posts[i].uri.c_str());
        curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, kTotalTimeoutMs);
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, bodies.back().c_str());
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(bodies.back().size()));
        curl_easy_setopt(e, CURLOPT_USERAGENT, "KTK portal back-channel logout");
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(e, CURLOPT_PRIVATE, reinterpret_cast<void*>(i));
        curl_multi_add_handle(multi.get(), e);
        easies.push_back(std::move(easy));
    }
    int running = 0;
    do {
        if (curl_multi_perform(multi.get(), &running) != CURLM_OK) break;
        if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
    } while (running > 0);
    int left = 0;
    std::vector<bool> finished(posts.size(), false);
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        void* priv = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
        const std::size_t i = reinterpret_cast<std::size_t>(priv);
        if (i >= results.size()) continue;
        finished[i] = true;
        if (msg->data.result != CURLE_OK) {
            results[i].error = errorCode(msg->data.result);
            continue;
        }
        long status = 0;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
        results[i].delivered = status == 200 || status == 204;
        if (!results[i].delivered) results[i].error = "http_" + std::to_string(status);
    }
    for (std::size_t i = 0; i < posts.size(); ++i) {
        if (!finished[i]) results[i].error = "transport";
        curl_multi_remove_handle(multi.get(), easies[i].get());
    }
    return results;
}

}  // namespace ktk::logoutpost
