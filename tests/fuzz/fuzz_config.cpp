// The configuration reader (config::Config::parse): ktk.conf's text. The
// secret comes from the environment (KTK_SECRET_FILE, a file of this
// process), so a config can pass; an input naming a file to read
// (secret_file, db.password_file) is skipped, as the fuzzer must not read
// the machine's files.
//
// Whatever the text: a Config that holds what validate() promises, or a
// ConfigError; never another exception.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "config/config.h"
#include "fuzz_support.h"

namespace {

std::string secretFile() {
    char name[] = "/tmp/ktk-fuzz-secret-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) std::abort();
    const std::string secret = "# rotated\n" + std::string(40, 'k') + "\n";
    if (::write(fd, secret.data(), secret.size()) != static_cast<ssize_t>(secret.size())) std::abort();
    ::close(fd);
    static std::string path = name;
    std::atexit([] { ::unlink(path.c_str()); });  // removed when the run ends
    return name;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static std::string secretVar = "KTK_SECRET_FILE=" + secretFile();
    static std::string baseVar = "KTK_BASE_URL=https://ktk.example.hu/";
    std::string text(reinterpret_cast<const char*>(data), size);
    if (text.find("password_file") != std::string::npos || text.find("secret_file") != std::string::npos) return 0;
    // With the base URL from the environment (which wins over the file), or without.
    char* withBase[] = {secretVar.data(), baseVar.data(), nullptr};
    char* withoutBase[] = {secretVar.data(), nullptr};
    for (char** env : {withBase, withoutBase}) {
        try {
            ktk::config::Config c = ktk::config::Config::parse(text, "fuzz.conf", env);
            FUZZ_CHECK(c.baseUrl.rfind("http://", 0) == 0 || c.baseUrl.rfind("https://", 0) == 0);
            FUZZ_CHECK(c.baseUrl.back() != '/');
            FUZZ_CHECK(c.baseUrl.find_first_of(" \t\r\n\"'<>") == std::string::npos);
            FUZZ_CHECK(!c.secrets.empty());
            for (const auto& s : c.secrets) FUZZ_CHECK(s.size() >= 32);
            FUZZ_CHECK(c.dbPort >= 1 && c.dbPort <= 65535);
            FUZZ_CHECK(c.maxBodyBytes >= 1024 && c.maxBodyBytes <= 1024 * 1024);
            FUZZ_CHECK(c.mailParallel >= 1 && c.mailParallel <= 64);
            FUZZ_CHECK(!c.dbName.empty() && !c.dbUser.empty() && c.dbMigrateUser != c.dbUser);
            FUZZ_CHECK(c.mailFromName.find_first_of("\r\n") == std::string::npos);
            FUZZ_CHECK(!c.captchaEspeak.empty() && c.captchaEspeak[0] == '/');
            FUZZ_CHECK(!c.templatesDir.empty() && !c.commonPasswordsFile.empty());
        } catch (const ktk::config::ConfigError& e) {
            FUZZ_CHECK(*e.what() != '\0');
        }
    }
    return 0;
}
