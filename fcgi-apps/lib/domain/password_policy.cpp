#include "domain/password_policy.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "domain/email.h"
#include "util/unicode.h"

namespace ktk::domain {

namespace {

// Parts of a name or address shorter than this are too common inside
// ordinary passwords to forbid ("Al", "Ős").
constexpr std::size_t kMinPersonalPart = 3;

std::string foldedUtf8(std::string_view text) {
    std::optional<std::u32string> decoded = util::decodeUtf8(text);
    if (!decoded) return {};
    return util::encodeUtf8(util::foldCase(*decoded));
}

// The whole value and each of its parts split at spaces and punctuation.
std::vector<std::u32string> personalParts(std::string_view value) {
    std::vector<std::u32string> parts;
    std::optional<std::u32string> decoded = util::decodeUtf8(value);
    if (!decoded) return parts;
    std::u32string folded = util::foldCase(*decoded);
    if (folded.size() >= kMinPersonalPart) parts.push_back(folded);
    std::u32string current;
    for (char32_t c : folded + U' ') {
        if (util::isLetter(c) || (c >= U'0' && c <= U'9') || util::isCombiningMark(c)) {
            current += c;
        } else {
            if (current.size() >= kMinPersonalPart && current != folded) parts.push_back(current);
            current.clear();
        }
    }
    return parts;
}

}  // namespace

// An entry of a list kept in place is at most this long (a folded
// password of 128 characters of up to 4 bytes each); so is a read.
constexpr std::size_t kMaxEntryBytes = 512;
// Below this span the binary search reads the rest at once.
constexpr std::uint64_t kScanBytes = 4096;

struct CommonPasswords::File {
    int fd = -1;
    ~File() {
        if (fd >= 0) ::close(fd);
    }
};

namespace {

bool folded(std::string_view entry) {
    bool ascii = std::all_of(entry.begin(), entry.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) return std::none_of(entry.begin(), entry.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    return foldedUtf8(entry) == entry;
}

// Where the entries of `text` start, if they can be looked up in place:
// after the leading comments, one folded entry a line, each line ended,
// strictly increasing in byte order, none longer than kMaxEntryBytes.
std::optional<std::size_t> sortedEntriesStart(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size() && (text[pos] == '#' || text[pos] == '\n')) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) return std::nullopt;
        pos = end + 1;
    }
    const std::size_t start = pos;
    std::string_view previous;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) return std::nullopt;
        std::string_view entry = text.substr(pos, end - pos);
        if (entry.empty() || entry.size() > kMaxEntryBytes || entry.find('\r') != std::string_view::npos ||
            (pos > start && !(previous < entry)) || !folded(entry))
            return std::nullopt;
        previous = entry;
        pos = end + 1;
    }
    if (start == text.size()) return std::nullopt;
    return start;
}

std::string readAll(int fd, const std::string& path) {
    std::string text;
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            throw std::runtime_error("cannot read the common-password list " + path + ": " + std::strerror(errno));
        if (n == 0) return text;
        text.append(buf, static_cast<std::size_t>(n));
    }
}

}  // namespace

CommonPasswords CommonPasswords::load(const std::string& path) {
    auto file = std::make_shared<File>();
    file->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file->fd < 0) throw std::runtime_error("cannot read the common-password list " + path);
    const std::string text = readAll(file->fd, path);
    CommonPasswords list;
    if (std::optional<std::size_t> start = sortedEntriesStart(text)) {
        list.file_ = std::move(file);
        list.begin_ = *start;
        list.end_ = text.size();
        list.count_ =
            static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(*start), text.end(), '\n'));
    } else {
        list = fromText(text);
    }
    if (list.size() == 0) throw std::runtime_error("the common-password list " + path + " is empty");
    return list;
}

CommonPasswords CommonPasswords::fromText(std::string_view text) {
    std::vector<std::string> entries;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = end + 1;
        if (line.empty() || line[0] == '#') continue;
        std::string folded = foldedUtf8(line);
        if (!folded.empty()) entries.push_back(std::move(folded));
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    CommonPasswords list;
    std::size_t total = 0;
    for (const auto& e : entries) total += e.size() + 1;
    list.text_.reserve(total);
    list.offsets_.reserve(entries.size());
    for (const auto& e : entries) {
        list.offsets_.push_back(static_cast<std::uint32_t>(list.text_.size()));
        list.text_ += e;
        list.text_ += '\n';
    }
    list.count_ = list.offsets_.size();
    return list;
}

bool CommonPasswords::contains(std::string_view password) const {
    const std::string key = foldedUtf8(password);
    if (key.empty()) return false;
    return file_ ? fileContains(key) : containsFolded(key);
}

// Every line starting before `lo` holds an entry below `key`, every line
// starting at `hi` or after one above it; both are line starts. Halving the
// span by reading around its middle, then reading what is left.
bool CommonPasswords::fileContains(const std::string& key) const {
    // A read of the file; a failed read (the file cannot shrink: it is
    // open) counts as "not found" rather than refusing every password.
    auto read = [this](std::uint64_t from, std::uint64_t to) {
        std::string out(static_cast<std::size_t>(to - from), '\0');
        ssize_t n = ::pread(file_->fd, out.data(), out.size(), static_cast<off_t>(from));
        out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        return out;
    };
    std::uint64_t lo = begin_, hi = end_;
    while (hi - lo > kScanBytes) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        // The first line starting after `mid`, and that line (both within
        // the window: no line is longer than kMaxEntryBytes).
        const std::string window = read(mid, std::min(hi, mid + 2 * (kMaxEntryBytes + 1)));
        const std::size_t nl = window.find('\n');
        if (nl == std::string::npos) return false;
        const std::size_t end = window.find('\n', nl + 1);
        if (end == std::string::npos) return false;
        const std::string_view entry = std::string_view(window).substr(nl + 1, end - nl - 1);
        if (entry == key) return true;
        if (entry < key) lo = mid + end + 1;
        else hi = mid + nl + 1;
    }
    const std::string rest = read(lo, hi);
    for (std::size_t pos = 0; pos < rest.size();) {
        std::size_t end = rest.find('\n', pos);
        if (end == std::string::npos) end = rest.size();
        if (std::string_view(rest).substr(pos, end - pos) == key) return true;
        pos = end + 1;
    }
    return false;
}

bool CommonPasswords::containsFolded(const std::string& key) const {
    auto entry = [this](std::uint32_t offset) {
        std::size_t end = text_.find('\n', offset);
        return std::string_view(text_).substr(offset, end - offset);
    };
    auto it = std::lower_bound(offsets_.begin(), offsets_.end(), key,
                               [&](std::uint32_t offset, const std::string& k) { return entry(offset) < k; });
    return it != offsets_.end() && entry(*it) == key;
}

PasswordCheck checkPassword(std::string_view password, const PersonalData& person, const CommonPasswords& common) {
    if (password.empty()) return PasswordCheck::Missing;
    std::optional<std::u32string> chars = util::decodeUtf8(password);
    if (!chars) return PasswordCheck::NotPrintable;
    for (char32_t c : *chars)
        if (util::isControl(c)) return PasswordCheck::NotPrintable;
    if (chars->size() < kPasswordMinChars) return PasswordCheck::TooShort;
    if (chars->size() > kPasswordMaxChars) return PasswordCheck::TooLong;
    bool lower = false, upper = false, digit = false;
    for (char32_t c : *chars) {
        lower = lower || util::isLower(c);
        upper = upper || util::isUpper(c);
        digit = digit || (c >= U'0' && c <= U'9');
    }
    if (!lower) return PasswordCheck::NeedsLowercase;
    if (!upper) return PasswordCheck::NeedsUppercase;
    if (!digit) return PasswordCheck::NeedsDigit;

    const std::u32string folded = util::foldCase(*chars);
    for (std::string_view source : {person.lastName, person.firstName, localPart(person.email)})
        for (const auto& part : personalParts(source))
            if (folded.find(part) != std::u32string::npos) return PasswordCheck::ContainsPersonalData;
    if (common.contains(password)) return PasswordCheck::Common;
    return PasswordCheck::Ok;
}

const char* messageKey(PasswordCheck check) {
    switch (check) {
        case PasswordCheck::Ok: return "";
        case PasswordCheck::Missing: return "validation.password.missing";
        case PasswordCheck::TooShort: return "validation.password.too_short";
        case PasswordCheck::TooLong: return "validation.password.too_long";
        case PasswordCheck::NotPrintable: return "validation.password.not_printable";
        case PasswordCheck::NeedsLowercase: return "validation.password.needs_lowercase";
        case PasswordCheck::NeedsUppercase: return "validation.password.needs_uppercase";
        case PasswordCheck::NeedsDigit: return "validation.password.needs_digit";
        case PasswordCheck::Common: return "validation.password.common";
        case PasswordCheck::ContainsPersonalData: return "validation.password.personal";
    }
    return "validation.password.missing";
}

}  // namespace ktk::domain
