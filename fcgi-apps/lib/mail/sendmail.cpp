#include "mail/sendmail.h"

#include <algorithm>

#include "config/config.h"

namespace ktk::mail {

SendmailCommand SendmailCommand::parse(std::string_view text) {
    const std::string key = "mail.sendmail_command: ";
    SendmailCommand cmd;
    std::string word;
    bool inWord = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char ch = text[i];
        if (ch == ' ' || ch == '\t') {
            if (inWord) cmd.words_.push_back(word);
            word.clear();
            inWord = false;
        } else if (ch == '\'') {
            std::size_t end = text.find('\'', i + 1);
            if (end == std::string_view::npos) throw config::ConfigError(key + "unbalanced single quote");
            word.append(text.substr(i + 1, end - i - 1));
            inWord = true;
            i = end;
        } else if (ch == '"') {
            std::size_t j = i + 1;
            for (; j < text.size() && text[j] != '"'; ++j) {
                if (text[j] == '\\' && j + 1 < text.size() && (text[j + 1] == '"' || text[j + 1] == '\\')) ++j;
                word += text[j];
            }
            if (j >= text.size()) throw config::ConfigError(key + "unbalanced double quote");
            inWord = true;
            i = j;
        } else if (ch == '\\') {
            if (i + 1 >= text.size()) throw config::ConfigError(key + "ends with a backslash");
            word += text[++i];
            inWord = true;
        } else if (ch == '\r' || ch == '\n') {
            throw config::ConfigError(key + "must be one line");
        } else {
            word += ch;
            inWord = true;
        }
    }
    if (inWord) cmd.words_.push_back(word);
    if (cmd.words_.empty() || cmd.words_.front().empty() || cmd.words_.front()[0] != '/')
        throw config::ConfigError(key + "the program must be an absolute path (it runs without a shell or PATH)");
    bool hasRcpt = false;
    for (const auto& w : cmd.words_) hasRcpt = hasRcpt || w.find("{rcpt}") != std::string::npos;
    if (!hasRcpt) throw config::ConfigError(key + "must pass the recipient as {rcpt} (e.g. '-- {rcpt}')");
    return cmd;
}

std::vector<std::string> SendmailCommand::argv(std::string_view from, std::string_view rcpt) const {
    std::vector<std::string> out;
    out.reserve(words_.size());
    for (const auto& w : words_) {
        // One pass, so an address that itself contains "{rcpt}" stays as it is.
        std::string arg;
        for (std::size_t i = 0; i < w.size();) {
            if (w.compare(i, 6, "{from}") == 0) {
                arg.append(from);
                i += 6;
            } else if (w.compare(i, 6, "{rcpt}") == 0) {
                arg.append(rcpt);
                i += 6;
            } else {
                arg += w[i++];
            }
        }
        out.push_back(std::move(arg));
    }
    return out;
}

std::int64_t retryDelaySeconds(unsigned attempts) {
    constexpr std::int64_t kFirst = 60, kMax = 4 * 3600;
    if (attempts <= 1) return kFirst;
    if (attempts >= 10) return kMax;  // 60 · 2^9 is already past the cap
    return std::min(kFirst << (attempts - 1), kMax);
}

std::string_view recipientDomain(std::string_view address) {
    std::size_t at = address.rfind('@');
    return at == std::string_view::npos ? std::string_view("?") : address.substr(at + 1);
}

}  // namespace ktk::mail
