// The password policy (domain/password_policy.h) and its common-password
// list. Input: the password, the last name, the first name, the e-mail
// address, a list of common passwords (fields separated by the scissors
// line, tests/fuzz/fuzz_support.h).
//
// The list is looked up two ways: read into memory (fromText) and, sorted
// and folded as the shipped list is, in place in a file (load), padded so
// that the binary search runs. Both must answer alike, and a password the
// policy accepts meets each of its rules.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "domain/password_policy.h"
#include "fuzz_support.h"
#include "util/unicode.h"

namespace {

using namespace ktk;

std::string folded(std::string_view s) {
    std::optional<std::u32string> d = util::decodeUtf8(s);
    return d ? util::encodeUtf8(util::foldCase(*d)) : std::string();
}

// One private file for the process, rewritten for each input and removed
// when the run ends.
const std::string& listPath() {
    static const std::string path = [] {
        char name[] = "/tmp/ktk-fuzz-passwords-XXXXXX";
        int fd = mkstemp(name);
        if (fd < 0) std::abort();
        ::close(fd);
        return std::string(name);
    }();
    static const bool removedAtExit = std::atexit([] { ::unlink(listPath().c_str()); }) == 0;
    (void)removedAtExit;
    return path;
}

void writeList(const std::string& text) {
    std::FILE* f = std::fopen(listPath().c_str(), "wb");
    if (!f) std::abort();
    if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) std::abort();
    std::fclose(f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto in = ktk::fuzz::fields(data, size, 5);
    std::string_view password = in[0];
    domain::PersonalData person{in[1], in[2], in[3]};
    std::string_view listText = in[4];

    domain::CommonPasswords memory = domain::CommonPasswords::fromText(listText);

    // The same entries the way the shipped list keeps them: folded, sorted,
    // unique, one a line after a comment; padded with entries of their own
    // (as many as the list's length asks for) past the in-place search's
    // final scan.
    std::vector<std::string> entries;
    std::size_t given = 0;
    bool inPlaceShape = true;
    for (std::size_t pos = 0; pos < listText.size();) {
        std::size_t end = listText.find('\n', pos);
        if (end == std::string_view::npos) end = listText.size();
        std::string_view line = listText.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line[0] == '#') continue;
        std::string f = folded(line);
        if (f.empty()) continue;
        ++given;
        // A CR inside an entry cannot be written as a line of its own (a
        // reader takes a CR before the LF as a CRLF line end); no
        // password holds one anyway (a control character).
        if (f.find('\r') != std::string::npos) continue;
        if (f.size() > 512) inPlaceShape = false;
        entries.push_back(std::move(f));
    }
    const std::size_t pads = 400 + listText.size() % 16 * 40;
    for (std::size_t i = 0; i < pads; ++i) {
        char pad[32];
        std::snprintf(pad, sizeof pad, "pad%06zu", i * 7919 % 1000003);
        entries.emplace_back(pad);
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    std::string file = "# common passwords, folded and sorted\n";
    for (const auto& e : entries) file += e + "\n";
    // Written and loaded again only when it changed (most mutations touch
    // the other fields): a file per input would be most of the run.
    static std::string written;
    static domain::CommonPasswords onDisk;
    if (file != written) {
        writeList(file);
        onDisk = domain::CommonPasswords::load(listPath());
        written = file;
    }
    FUZZ_CHECK(onDisk.size() == entries.size());
    if (inPlaceShape) FUZZ_CHECK(onDisk.inPlace());

    // Every entry is found both ways (the padding, of which every 200th is
    // tried, only in the file), and near misses are not found in the file
    // unless they are entries.
    // At most about 16 of the list's own entries, spread over it: each
    // in-place lookup is a few reads of the file.
    const std::size_t step = given / 16 + 1;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string& e = entries[i];
        const bool pad = e.compare(0, 3, "pad") == 0;
        if (i % (pad ? 200 : step) != 0) continue;
        FUZZ_CHECK(onDisk.contains(e));
        if (!pad) FUZZ_CHECK(memory.contains(e));
        for (std::string probe : {e + "!", e.substr(0, e.size() - 1), "!" + e}) {
            bool listed = std::binary_search(entries.begin(), entries.end(), folded(probe));
            FUZZ_CHECK(onDisk.contains(probe) == listed);
        }
    }
    FUZZ_CHECK(memory.size() <= given);
    const bool common = memory.contains(password);
    if (given == memory.size() && !common) {
        std::string f = folded(password);
        FUZZ_CHECK(f.compare(0, 3, "pad") == 0 || !onDisk.contains(password));
    }

    domain::PasswordCheck check = domain::checkPassword(password, person, memory);
    FUZZ_CHECK((check == domain::PasswordCheck::Ok) == (*domain::messageKey(check) == '\0'));
    if (check == domain::PasswordCheck::Ok) {
        std::optional<std::u32string> chars = util::decodeUtf8(password);
        FUZZ_CHECK(chars.has_value());
        FUZZ_CHECK(chars->size() >= domain::kPasswordMinChars && chars->size() <= domain::kPasswordMaxChars);
        bool lower = false, upper = false, digit = false;
        for (char32_t c : *chars) {
            FUZZ_CHECK(!util::isControl(c));
            lower = lower || util::isLower(c);
            upper = upper || util::isUpper(c);
            digit = digit || (c >= U'0' && c <= U'9');
        }
        FUZZ_CHECK(lower && upper && digit);
        FUZZ_CHECK(!common);
        // Checked against the in-place list, the answer is the same.
        FUZZ_CHECK(domain::checkPassword(password, person, onDisk) == domain::PasswordCheck::Ok ||
                   folded(password).compare(0, 3, "pad") == 0);
    }
    if (common && check != domain::PasswordCheck::Ok)
        FUZZ_CHECK(check != domain::PasswordCheck::Common || memory.contains(password));
    return 0;
}
