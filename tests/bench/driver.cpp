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
//
// Prints one JSON object: {"ok": N, "statuses": {"303": N, …},
// "errors": N, "p50_ms": X, "p99_ms": X} — `ok` counts successful logins
// or completed registrations (or the flood's answers, or the refresh
// grants answered 200 with a new refresh token and an ID token), the
// latencies are those of the successful POSTs. `refresh` adds "bad": the
// answers that broke a family's chain (any other status, or a 200 without
// those), each ending its family.
#include <arpa/inet.h>
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
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
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

void onStop(int) { stopRequested = true; }

int usage() {
    std::fprintf(stderr,
                 "usage: ktk-bench-driver login PORT CLIENTS SECONDS FIRST USERS PASSWORD\n"
                 "       ktk-bench-driver register PORT CLIENTS SECONDS CAPTCHA-ANSWER\n"
                 "       ktk-bench-driver flood PORT CLIENTS SECONDS\n"
                 "       ktk-bench-driver refresh PORT CLIENTS SECONDS < credentials and tokens\n");
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
        ((mode == "flood" || mode == "refresh") && argc != 5) ||
        (mode != "login" && mode != "register" && mode != "flood" && mode != "refresh"))
        return usage();
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
