// The load driver of `contrib/ktk bench` for what wrk cannot do: clients
// that behave like browsers (a cookie jar, a CSRF token from the form, a
// kept connection) logging in, registering, or flooding the login with a
// wrong password; and the servers of the provider's relying parties
// refreshing their tokens. It runs on the same cores as the portal, so it is small:
// blocking sockets, one thread per client, no parsing beyond what a
// request needs.
//
//   ktk-bench-driver login    PORT CLIENTS SECONDS FIRST USERS PASSWORD
//   ktk-bench-driver register PORT CLIENTS SECONDS CAPTCHA-ANSWER
//   ktk-bench-driver flood    PORT CLIENTS SECONDS          (ends early on SIGTERM)
//   ktk-bench-driver refresh  PORT CLIENTS SECONDS  < "Basic …" line, then CLIENTS refresh tokens, one a line
//   ktk-bench-driver journey  PORT CLIENTS SECONDS CAPTCHA-ANSWER MAILDIR
//
// Prints one JSON object: {"ok": N, "statuses": {"303": N, …},
// "errors": N, "p50_ms": X, "p99_ms": X} — `ok` counts successful logins
// or completed registrations (or the flood's answers, or the refresh
// grants answered 200 with a new refresh token and an ID token), the
// latencies are those of the successful POSTs. `refresh` adds "bad": the
// answers that broke a family's chain (any other status, or a 200 without
// those), each ending its family.
//
// `journey` (the soak run of `contrib/ktk chaos`): each client, again and
// again, is a new person who registers, confirms with the link from the
// mail in MAILDIR/new, logs in (a confirmed account not yet linked to its
// municipality is told so, with no session), finds home, profile and
// logout closed to it, asks for a password reset, sets a new password
// through the mailed link and logs in with it. `ok` counts the completed
// journeys; "failed" the journeys that met anything else, by step, and
// "failures" the first few of them in words; "mails_missing" the mails a
// completed journey should have caused (four: the link, the confirmation,
// the reset link, the notice of the new password) that did not arrive
// within a minute after the end; latencies are whole journeys.
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> stopRequested{false};
int port = 0;

struct Response {
    int status = 0;  // 0: the connection failed
    std::string location;
    std::string body;
};

// One browser: its own loopback source address (nginx limits POSTs per
// address, as in life), its cookies and its kept connection.
class Browser {
public:
    explicit Browser(std::string source) : source_(std::move(source)) {}
    ~Browser() { disconnect(); }
    Browser(const Browser&) = delete;
    Browser& operator=(const Browser&) = delete;

    Response request(const char* method, const std::string& path, const std::string& body = {},
                     const std::string& headers = {}) {
        std::string req = std::string(method) + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers;
        if (!cookies_.empty()) {
            req += "Cookie: ";
            for (auto it = cookies_.begin(); it != cookies_.end(); ++it)
                req += (it == cookies_.begin() ? "" : "; ") + it->first + "=" + it->second;
            req += "\r\n";
        }
        if (std::strcmp(method, "POST") == 0)
            req += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n";
        req += "\r\n" + body;
        // A kept connection the server has closed meanwhile (its keepalive
        // timeout) fails before any answer: once more on a new one.
        for (int attempt = 0; attempt < 2; ++attempt) {
            bool reused = fd_ >= 0;
            if (!reused && !connect()) return {};
            bool answered = false;
            Response r;
            if (send(req) && receive(r, answered)) return r;
            disconnect();
            if (!reused || answered) return {};
        }
        return {};
    }

    void forgetSession() {
        for (auto it = cookies_.begin(); it != cookies_.end();)
            it = it->first.find("session") != std::string::npos ? cookies_.erase(it) : std::next(it);
    }

private:
    bool connect() {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) return false;
        timeval tv{60, 0};
        setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        int one = 1;
        setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in from{}, to{};
        from.sin_family = to.sin_family = AF_INET;
        inet_pton(AF_INET, source_.c_str(), &from.sin_addr);
        inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
        to.sin_port = htons(static_cast<uint16_t>(port));
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
            ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
            disconnect();
            return false;
        }
        return true;
    }

    void disconnect() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
        buffer_.clear();
    }

    bool send(const std::string& data) {
        for (std::size_t done = 0; done < data.size();) {
            ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<std::size_t>(n);
        }
        return true;
    }

    bool fill() {
        char chunk[16384];
        ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    // Status line, headers (Set-Cookie, Location, Content-Length,
    // Transfer-Encoding, Connection) and the body.
    bool receive(Response& r, bool& answered) {
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!fill()) return false;
        answered = true;
        const std::string head = buffer_.substr(0, end);
        buffer_.erase(0, end + 4);
        if (head.compare(0, 5, "HTTP/") != 0 || head.size() < 12) return false;
        r.status = std::atoi(head.c_str() + 9);
        long length = -1;
        bool chunked = false, close = false;
        for (std::size_t pos = head.find("\r\n"); pos != std::string::npos;) {
            std::size_t next = head.find("\r\n", pos + 2);
            std::string line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
            pos = next;
            std::size_t colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string name = line.substr(0, colon), value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            if (name == "set-cookie") {
                std::size_t eq = value.find('=');
                if (eq != std::string::npos) cookies_[value.substr(0, eq)] = value.substr(eq + 1, value.find(';') - eq - 1);
            } else if (name == "location") {
                r.location = value;
            } else if (name == "content-length") {
                length = std::atol(value.c_str());
            } else if (name == "transfer-encoding") {
                chunked = value.find("chunked") != std::string::npos;
            } else if (name == "connection") {
                close = value.find("close") != std::string::npos;
            }
        }
        if (chunked) {
            for (;;) {
                std::size_t eol;
                while ((eol = buffer_.find("\r\n")) == std::string::npos)
                    if (!fill()) return false;
                std::size_t size = std::strtoul(buffer_.c_str(), nullptr, 16);
                while (buffer_.size() < eol + 2 + size + 2)
                    if (!fill()) return false;
                r.body.append(buffer_, eol + 2, size);
                buffer_.erase(0, eol + 2 + size + 2);
                if (size == 0) break;
            }
        } else if (length >= 0) {
            while (buffer_.size() < static_cast<std::size_t>(length))
                if (!fill()) return false;
            r.body = buffer_.substr(0, static_cast<std::size_t>(length));
            buffer_.erase(0, static_cast<std::size_t>(length));
        } else {
            while (fill()) {
            }
            r.body.swap(buffer_);
            close = true;
        }
        if (close) disconnect();
        return true;
    }

    std::string source_;
    int fd_ = -1;
    std::string buffer_;
    std::map<std::string, std::string> cookies_;
};

// The value of the form's <input name="NAME" … value="…">.
std::string inputValue(const std::string& page, const std::string& name) {
    std::size_t at = page.find("name=\"" + name + "\"");
    if (at == std::string::npos) return {};
    std::size_t open = page.rfind("<input", at), close = page.find('>', at);
    if (open == std::string::npos || close == std::string::npos) return {};
    std::size_t v = page.find("value=\"", open);
    if (v == std::string::npos || v > close) return {};
    v += 7;
    return page.substr(v, page.find('"', v) - v);
}

std::string urlencode(const std::vector<std::pair<std::string, std::string>>& fields) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out += '&';
        out += name + '=';
        for (unsigned char c : value) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
            else if (c == ' ') out += '+';
            else out += {'%', hex[c >> 4], hex[c & 15]};
        }
    }
    return out;
}

std::string sourceAddress(int i) {
    return "127.0." + std::to_string(1 + i / 250) + "." + std::to_string(2 + i % 250);
}

struct Tally {
    std::mutex lock;
    long ok = 0, errors = 0;
    std::map<int, long> statuses;
    std::vector<double> latencies;

    void add(int status, bool success, double ms) {
        std::lock_guard<std::mutex> g(lock);
        if (status == 0) ++errors;
        else ++statuses[status];
        if (success) {
            ++ok;
            if (ms >= 0) latencies.push_back(ms);
        }
    }
};

double millisSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

bool running(Clock::time_point deadline) { return !stopRequested && Clock::now() < deadline; }

// As the Python driver did: each client rotates over eight browsers of
// its own, each holding a token from the login form; a successful login
// replaces the pre-session cookie, so that browser fetches a fresh token.
void loginClient(int index, Clock::time_point deadline, long first, long users, const std::string& password,
                 Tally& tally) {
    std::vector<std::unique_ptr<Browser>> browsers;
    std::vector<std::string> tokens;
    for (int k = 0; k < 8; ++k) {
        browsers.push_back(std::make_unique<Browser>(sourceAddress(index * 8 + k)));
        tokens.push_back(inputValue(browsers.back()->request("GET", "/login").body, "csrf_token"));
    }
    long n = index * 7919L;
    while (running(deadline)) {
        ++n;
        std::size_t k = static_cast<std::size_t>(n % 8);
        Browser& b = *browsers[k];
        std::string email = "bench" + std::to_string(first + n % users) + "@bench.test";
        auto started = Clock::now();
        Response r = b.request("POST", "/login",
                               urlencode({{"email", email}, {"password", password}, {"csrf_token", tokens[k]}}));
        double ms = millisSince(started);
        if (r.status == 303) b.forgetSession();
        // A new token after a login, and after any answer but the form again
        // (a token refused, a connection lost).
        if (r.status != 200) tokens[k] = inputValue(b.request("GET", "/login").body, "csrf_token");
        tally.add(r.status, r.status == 303, ms);
    }
}

// A person registering: the form (its CSRF token and captcha), then the
// post with the test-mode answer; complete when it leads to /register/done.
void registerClient(int index, Clock::time_point deadline, const std::string& captcha, Tally& tally) {
    std::vector<std::unique_ptr<Browser>> browsers;
    for (int k = 0; k < 8; ++k) browsers.push_back(std::make_unique<Browser>(sourceAddress(200 + index * 8 + k)));
    long n = 0;
    const long stamp = std::chrono::system_clock::now().time_since_epoch().count();
    while (running(deadline)) {
        ++n;
        Browser& b = *browsers[static_cast<std::size_t>(n % 8)];
        Response form = b.request("GET", "/register");
        std::string email = "reg" + std::to_string(index) + "." + std::to_string(n) + "." + std::to_string(stamp) +
                            "@bench.test";
        auto started = Clock::now();
        Response r = b.request("POST", "/register",
                               urlencode({{"last_name", "Teszt"}, {"first_name", "Elek"}, {"language", "hu"},
                                          {"email", email}, {"phone", "06 30 123 4567"},
                                          {"password", "Regisztracio-2026"},
                                          {"password_confirm", "Regisztracio-2026"}, {"captcha", captcha},
                                          {"csrf_token", inputValue(form.body, "csrf_token")},
                                          {"captcha_id", inputValue(form.body, "captcha_id")}}));
        double ms = millisSince(started);
        tally.add(r.status, r.status == 303 && r.location.rfind("/register/done", 0) == 0, ms);
    }
}

// Wrong passwords for one account, one client per address, until stopped.
void floodClient(int index, Clock::time_point deadline, Tally& tally) {
    Browser b(sourceAddress(100 + index));
    const std::string body = urlencode({{"email", "flood@bench.test"},
                                        {"password", "Wrong-Password-1"},
                                        {"csrf_token", inputValue(b.request("GET", "/login").body, "csrf_token")}});
    while (running(deadline)) {
        Response r = b.request("POST", "/login", body);
        tally.add(r.status, r.status != 0, -1);
    }
}

// The string value of "name" in a flat JSON object as the provider writes
// it (tokens are base64url and JWS text: no escapes); empty when absent.
std::string jsonString(const std::string& body, const std::string& name) {
    std::size_t at = body.find("\"" + name + "\"");
    if (at == std::string::npos) return {};
    at = body.find_first_not_of(" :", at + name.size() + 2);
    if (at == std::string::npos || body[at] != '"') return {};
    std::size_t end = body.find('"', at + 1);
    return end == std::string::npos ? std::string() : body.substr(at + 1, end - at - 1);
}

// A relying party's server keeping one family alive: each request sends
// the refresh token the previous answer gave, so the family's requests go
// one after another. Anything but a 200 with a new refresh token and an ID
// token (three parts) ends the family: its chain is broken.
void refreshClient(int index, Clock::time_point deadline, const std::string& authorization, std::string token,
                   Tally& tally, std::atomic<long>& bad) {
    Browser b(sourceAddress(index));
    const std::string headers = "Authorization: " + authorization + "\r\n";
    while (running(deadline)) {
        auto started = Clock::now();
        Response r = b.request("POST", "/oauth2/token",
                               urlencode({{"grant_type", "refresh_token"}, {"refresh_token", token}}), headers);
        double ms = millisSince(started);
        const std::string next = jsonString(r.body, "refresh_token"), idToken = jsonString(r.body, "id_token");
        const bool good = r.status == 200 && !next.empty() && next != token &&
                          std::count(idToken.begin(), idToken.end(), '.') == 2;
        tally.add(r.status, good, ms);
        if (!good) {
            ++bad;
            return;
        }
        token = next;
    }
}

// The stack's Maildir (the SMTP sink writes every message to new/), read
// by one thread: each new file once, its quoted-printable text decoded and
// filed under the address of its To: header.
class MailIndex {
public:
    explicit MailIndex(std::string dir) : dir_(std::move(dir) + "/new") {}

    void scan() {
        DIR* d = ::opendir(dir_.c_str());
        if (!d) return;
        std::vector<std::string> fresh;
        while (dirent* e = ::readdir(d)) {
            if (e->d_name[0] == '.' || seen_.count(e->d_name)) continue;
            fresh.emplace_back(e->d_name);
        }
        ::closedir(d);
        for (const auto& name : fresh) {
            std::ifstream f(dir_ + "/" + name, std::ios::binary);
            if (!f) continue;
            std::ostringstream raw;
            raw << f.rdbuf();
            const std::string text = raw.str();
            // The sink renames a finished message into new/: a file there is
            // complete, but an empty read is tried again on the next scan.
            if (text.empty()) continue;
            seen_.insert(name);
            std::lock_guard<std::mutex> g(lock_);
            byAddress_[recipient(text)].push_back(decode(text));
        }
    }

    // The decoded messages to `address` so far.
    std::vector<std::string> to(const std::string& address) {
        std::lock_guard<std::mutex> g(lock_);
        auto it = byAddress_.find(address);
        return it == byAddress_.end() ? std::vector<std::string>{} : it->second;
    }

private:
    static std::string lower(std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        return s;
    }

    // The address in the To: header (folded lines joined), in <…> when a
    // name comes first.
    static std::string recipient(const std::string& m) {
        std::size_t at = m.rfind("\nTo: ", m.find("\n\n"));
        if (m.compare(0, 4, "To: ") == 0) at = 0;
        else if (at == std::string::npos) return {};
        else at += 1;
        std::string value;
        for (std::size_t pos = at + 4;;) {
            std::size_t eol = m.find('\n', pos);
            if (eol == std::string::npos) break;
            value += m.substr(pos, eol - pos);
            if (eol + 1 >= m.size() || (m[eol + 1] != ' ' && m[eol + 1] != '\t')) break;
            pos = eol + 1;
        }
        std::size_t open = value.rfind('<'), close = value.rfind('>');
        if (open != std::string::npos && close != std::string::npos && close > open)
            value = value.substr(open + 1, close - open - 1);
        value.erase(0, value.find_first_not_of(" \t\r"));
        value.erase(value.find_last_not_of(" \t\r") + 1);
        return lower(value);
    }

    // Quoted-printable undone over the whole message: soft line breaks
    // removed, =XX turned into its byte (headers and boundaries carry none).
    static std::string decode(const std::string& m) {
        std::string out;
        out.reserve(m.size());
        for (std::size_t i = 0; i < m.size(); ++i) {
            if (m[i] != '=') {
                out += m[i];
                continue;
            }
            if (m.compare(i + 1, 2, "\r\n") == 0) {
                i += 2;
            } else if (i + 1 < m.size() && m[i + 1] == '\n') {
                i += 1;
            } else if (i + 2 < m.size() && std::isxdigit(static_cast<unsigned char>(m[i + 1])) &&
                       std::isxdigit(static_cast<unsigned char>(m[i + 2]))) {
                out += static_cast<char>(std::stoi(m.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else {
                out += '=';
            }
        }
        return out;
    }

    std::string dir_;
    std::set<std::string> seen_;
    std::mutex lock_;
    std::map<std::string, std::vector<std::string>> byAddress_;
};

// The local part (path and query) of the first link in `text` whose path
// starts with `path`, e.g. "/confirm?token=".
std::string linkIn(const std::string& text, const std::string& path) {
    std::size_t at = text.find(path);
    if (at == std::string::npos) return {};
    std::size_t end = text.find_first_of(" \t\r\n<>\"", at);
    return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

struct JourneyTally {
    std::mutex lock;
    long ok = 0, errors = 0;
    std::map<int, long> statuses;
    std::map<std::string, long> failedAt;
    std::vector<std::string> samples;
    std::vector<double> latencies;
    std::vector<std::string> completed;  // the addresses of the completed journeys

    void status(int s) {
        std::lock_guard<std::mutex> g(lock);
        if (s == 0) ++errors;
        else ++statuses[s];
    }
    void fail(const std::string& step, const std::string& what) {
        std::lock_guard<std::mutex> g(lock);
        ++failedAt[step];
        if (samples.size() < 20) samples.push_back(step + ": " + what);
    }
    void done(const std::string& address, double ms) {
        std::lock_guard<std::mutex> g(lock);
        ++ok;
        latencies.push_back(ms);
        completed.push_back(address);
    }
};

// The text a confirmed account that no clerk has linked yet gets after a
// correct password, in either language of the login page.
bool toldUnlinked(const Response& r) {
    return r.status == 200 && (r.body.find("has not been linked to your municipality yet") != std::string::npos ||
                               r.body.find("m\xC3\xA9g nem kapcsolt\xC3\xA1k \xC3\xB6ssze") != std::string::npos);
}

class Journey {
public:
    Journey(Browser& b, JourneyTally& tally, MailIndex& mail) : b_(b), tally_(tally), mail_(mail) {}

    // One step: the request, its status counted, and whether it answered
    // `expect` (and, for a redirect, a Location starting with `where`).
    bool step(const char* name, const char* method, const std::string& path, const std::string& body, int expect,
              const std::string& where, Response& r) {
        r = b_.request(method, path, body);
        tally_.status(r.status);
        if (r.status == expect && (where.empty() || r.location.rfind(where, 0) == 0)) return true;
        tally_.fail(name, std::string(method) + " " + path.substr(0, 40) + " answered " + std::to_string(r.status) +
                              (r.location.empty() ? "" : " to " + r.location) + fieldError(r.body));
        return false;
    }

    // The first field error of a form shown again (its id and text), to tell why.
    static std::string fieldError(const std::string& page) {
        static const std::string mark = "<p class=\"field-error\" id=\"";
        std::size_t at = page.find(mark);
        if (at == std::string::npos) return {};
        at += mark.size();
        std::size_t open = page.find('>', at), close = page.find('<', open);
        if (open == std::string::npos || close == std::string::npos) return {};
        return ": " + page.substr(at, page.find('"', at) - at) + " " + page.substr(open + 1, close - open - 1);
    }

    // The local link of the newest mail to `address` that holds `path` and
    // was not there before (`had` messages), waiting up to a minute.
    std::string mailedLink(const char* name, const std::string& address, const std::string& path, std::size_t had) {
        const auto until = Clock::now() + std::chrono::seconds(60);
        do {
            auto messages = mail_.to(address);
            for (std::size_t i = messages.size(); i > had; --i) {
                std::string link = linkIn(messages[i - 1], path);
                if (!link.empty()) return link;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        } while (Clock::now() < until && !stopRequested);
        tally_.fail(name, "no mail with " + path + " to " + address + " within 60 s");
        return {};
    }

    bool run(const std::string& address, const std::string& captcha, const char* language) {
        const std::string password = "Soak-Jelszo-2026", renewed = "Soak-Uj-Jelszo-2027";
        Response r;
        if (!step("register form", "GET", "/register", {}, 200, {}, r)) return false;
        const std::string token = inputValue(r.body, "csrf_token"), captchaId = inputValue(r.body, "captcha_id");
        if (token.empty() || captchaId.empty()) {
            tally_.fail("register form", "no CSRF token or captcha id");
            return false;
        }
        if (!step("register", "POST", "/register",
                  urlencode({{"last_name", "Kitart\xC3\xB3"}, {"first_name", "P\xC3\xA1l"}, {"language", language},
                             {"email", address}, {"phone", "06 30 123 4567"}, {"password", password},
                             {"password_confirm", password}, {"captcha", captcha}, {"csrf_token", token},
                             {"captcha_id", captchaId}}),
                  303, "/register/done", r))
            return false;
        if (!step("register done", "GET", r.location, {}, 200, {}, r)) return false;

        std::string link = mailedLink("confirmation mail", address, "/confirm?token=", 0);
        if (link.empty()) return false;
        if (!step("confirm page", "GET", link, {}, 200, {}, r)) return false;
        if (!step("confirm", "POST", "/confirm",
                  urlencode({{"csrf_token", inputValue(r.body, "csrf_token")}, {"token", inputValue(r.body, "token")}}),
                  303, "/confirm/done", r))
            return false;
        if (!step("confirm done", "GET", r.location, {}, 200, {}, r)) return false;

        if (!login("login", address, password)) return false;
        if (!step("home", "GET", "/home", {}, 303, "/login", r)) return false;
        if (!step("profile", "GET", "/profile", {}, 303, "/login", r)) return false;
        if (!step("logout", "GET", "/logout", {}, 303, "/login", r)) return false;

        if (!step("forgot form", "GET", "/password/forgot", {}, 200, {}, r)) return false;
        const std::size_t had = mail_.to(address).size();
        if (!step("forgot", "POST", "/password/forgot",
                  urlencode({{"email", address}, {"csrf_token", inputValue(r.body, "csrf_token")}}), 303,
                  "/password/forgot/sent", r))
            return false;
        if (!step("forgot sent", "GET", r.location, {}, 200, {}, r)) return false;
        link = mailedLink("reset mail", address, "/password/reset?token=", had);
        if (link.empty()) return false;
        if (!step("reset page", "GET", link, {}, 200, {}, r)) return false;
        if (!step("reset", "POST", "/password/reset",
                  urlencode({{"csrf_token", inputValue(r.body, "csrf_token")}, {"token", inputValue(r.body, "token")},
                             {"password", renewed}, {"password_confirm", renewed}}),
                  303, "/login?password_reset=1", r))
            return false;
        return login("login with the new password", address, renewed);
    }

private:
    // The real login form and POST: a correct password of an unlinked
    // account is answered with the form again and the explanation, and no
    // session.
    bool login(const char* name, const std::string& address, const std::string& password) {
        Response r;
        if (!step(name, "GET", "/login", {}, 200, {}, r)) return false;
        r = b_.request("POST", "/login",
                       urlencode({{"email", address}, {"password", password}, {"csrf_token", inputValue(r.body, "csrf_token")}}));
        tally_.status(r.status);
        if (toldUnlinked(r)) return true;
        tally_.fail(name, "POST /login answered " + std::to_string(r.status) + " without the unlinked account's text");
        return false;
    }

    Browser& b_;
    JourneyTally& tally_;
    MailIndex& mail_;
};

void journeyClient(int index, Clock::time_point deadline, const std::string& captcha, MailIndex& mail,
                   JourneyTally& tally, long stamp) {
    for (long n = 0; running(deadline); ++n) {
        // A new browser (no cookies) for each person, from the client's address.
        Browser b(sourceAddress(400 + index));
        // Letters before the numbers: the password policy refuses a password
        // that contains any part of the address (3 characters or more), and
        // a bare number such as 202 is a part of "…-2026".
        const std::string address =
            "soak" + std::to_string(stamp) + ".c" + std::to_string(index) + ".j" + std::to_string(n) + "@soak.test";
        auto started = Clock::now();
        if (Journey(b, tally, mail).run(address, captcha, n % 2 ? "en" : "hu"))
            tally.done(address, millisSince(started));
    }
}

void onStop(int) { stopRequested = true; }

std::string jsonText(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') out += {'\\', static_cast<char>(c)};
        else if (c < 0x20) out += ' ';
        else out += static_cast<char>(c);
    }
    return out + "\"";
}

int journeys(int clients, double seconds, const std::string& captcha, const std::string& maildir) {
    std::signal(SIGTERM, onStop);
    std::signal(SIGINT, onStop);
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    const long stamp = static_cast<long>(std::chrono::system_clock::now().time_since_epoch() / std::chrono::seconds(1));
    MailIndex mail(maildir);
    std::atomic<bool> scanning{true};
    std::thread reader([&] {
        while (scanning) {
            mail.scan();
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });
    JourneyTally tally;
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i)
        threads.emplace_back(journeyClient, i, deadline, captcha, std::ref(mail), std::ref(tally), stamp);
    for (auto& t : threads) t.join();

    // Every completed journey caused four mails; those still on their way
    // get a minute.
    constexpr std::size_t kMailsPerJourney = 4;
    long missing = 0;
    const auto until = Clock::now() + std::chrono::seconds(60);
    for (;;) {
        missing = 0;
        for (const auto& address : tally.completed) {
            const std::size_t n = mail.to(address).size();
            if (n < kMailsPerJourney) missing += static_cast<long>(kMailsPerJourney - n);
        }
        if (missing == 0 || Clock::now() >= until || stopRequested) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    scanning = false;
    reader.join();

    std::vector<double>& lat = tally.latencies;
    std::sort(lat.begin(), lat.end());
    long failed = 0;
    for (const auto& [step, n] : tally.failedAt) failed += n;
    std::printf("{\"ok\": %ld, \"failed\": %ld, \"mails_missing\": %ld, \"errors\": %ld, \"statuses\": {", tally.ok,
                failed, missing, tally.errors);
    for (auto it = tally.statuses.begin(); it != tally.statuses.end(); ++it)
        std::printf("%s\"%d\": %ld", it == tally.statuses.begin() ? "" : ", ", it->first, it->second);
    std::printf("}, \"failed_at\": {");
    for (auto it = tally.failedAt.begin(); it != tally.failedAt.end(); ++it)
        std::printf("%s%s: %ld", it == tally.failedAt.begin() ? "" : ", ", jsonText(it->first).c_str(), it->second);
    std::printf("}, \"failures\": [");
    for (std::size_t i = 0; i < tally.samples.size(); ++i)
        std::printf("%s%s", i ? ", " : "", jsonText(tally.samples[i]).c_str());
    if (lat.empty()) std::printf("], \"p50_ms\": null, \"p99_ms\": null}\n");
    else
        std::printf("], \"p50_ms\": %.3f, \"p99_ms\": %.3f}\n", lat[lat.size() / 2],
                    lat[static_cast<std::size_t>(static_cast<double>(lat.size()) * 0.99)]);
    return 0;
}

int usage() {
    std::fprintf(stderr,
                 "usage: ktk-bench-driver login PORT CLIENTS SECONDS FIRST USERS PASSWORD\n"
                 "       ktk-bench-driver register PORT CLIENTS SECONDS CAPTCHA-ANSWER\n"
                 "       ktk-bench-driver flood PORT CLIENTS SECONDS\n"
                 "       ktk-bench-driver refresh PORT CLIENTS SECONDS < credentials and tokens\n"
                 "       ktk-bench-driver journey PORT CLIENTS SECONDS CAPTCHA-ANSWER MAILDIR\n");
    return 64;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 5) return usage();
    const std::string mode = argv[1];
    port = std::atoi(argv[2]);
    const int clients = std::atoi(argv[3]);
    const double seconds = std::atof(argv[4]);
    if (port <= 0 || clients <= 0 || clients > 200 || seconds <= 0) return usage();
    if ((mode == "login" && argc != 8) || (mode == "register" && argc != 6) ||
        ((mode == "flood" || mode == "refresh") && argc != 5) || (mode == "journey" && argc != 7) ||
        (mode != "login" && mode != "register" && mode != "flood" && mode != "refresh" && mode != "journey"))
        return usage();
    if (mode == "journey") return journeys(clients, seconds, argv[5], argv[6]);
    // refresh: the client's Authorization value, then one token per family.
    std::vector<std::string> lines;
    if (mode == "refresh") {
        char line[4096];
        while (lines.size() < static_cast<std::size_t>(clients) + 1 && std::fgets(line, sizeof line, stdin)) {
            lines.emplace_back(line);
            lines.back().erase(lines.back().find_last_not_of("\r\n") + 1);
        }
        if (lines.size() != static_cast<std::size_t>(clients) + 1) return usage();
    }
    std::signal(SIGTERM, onStop);
    std::signal(SIGINT, onStop);

    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    Tally tally;
    std::atomic<long> bad{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        if (mode == "login")
            threads.emplace_back(loginClient, i, deadline, std::atol(argv[5]), std::atol(argv[6]), std::string(argv[7]),
                                 std::ref(tally));
        else if (mode == "refresh")
            threads.emplace_back(refreshClient, i, deadline, lines[0], lines[static_cast<std::size_t>(i) + 1],
                                 std::ref(tally), std::ref(bad));
        else if (mode == "register")
            threads.emplace_back(registerClient, i, deadline, std::string(argv[5]), std::ref(tally));
        else
            threads.emplace_back(floodClient, i, deadline, std::ref(tally));
    }
    for (auto& t : threads) t.join();

    std::vector<double>& lat = tally.latencies;
    std::sort(lat.begin(), lat.end());
    std::printf("{\"ok\": %ld, \"errors\": %ld, \"bad\": %ld, \"statuses\": {", tally.ok, tally.errors, bad.load());
    for (auto it = tally.statuses.begin(); it != tally.statuses.end(); ++it)
        std::printf("%s\"%d\": %ld", it == tally.statuses.begin() ? "" : ", ", it->first, it->second);
    if (lat.empty()) std::printf("}, \"p50_ms\": null, \"p99_ms\": null}\n");
    else
        std::printf("}, \"p50_ms\": %.3f, \"p99_ms\": %.3f}\n", lat[lat.size() / 2],
                    lat[static_cast<std::size_t>(static_cast<double>(lat.size()) * 0.99)]);
    return 0;
}
