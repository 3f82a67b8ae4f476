// How the mail worker talks to sendmail, as pure functions the unit tests
// can pin down: the command line (never through a shell) and what an exit
// status means for the queue row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::mail {

// sysexits.h EX_TEMPFAIL: "try again later" in every sendmail dialect.
constexpr int kExitTempFail = 75;

// mail.sendmail_command split into words once, at startup. Words are
// separated by spaces or tabs; '…' and "…" group (no expansion of any
// kind; \" and \\ inside double quotes, \x outside quotes). {from} and
// {rcpt} are replaced inside whichever word holds them, so each address is
// always exactly one argument, whatever characters it contains.
class SendmailCommand {
public:
    // Throws config::ConfigError when the text is unbalanced, the program is not
    // an absolute path, or no word holds {rcpt}.
    static SendmailCommand parse(std::string_view text);

    std::vector<std::string> argv(std::string_view from, std::string_view rcpt) const;
    const std::string& program() const { return words_.front(); }

private:
    std::vector<std::string> words_;
};

// Seconds to wait before the next try after `attempts` failed tries:
// 60 s doubling per attempt (1, 2, 4, 8 … minutes), at most 4 hours.
std::int64_t retryDelaySeconds(unsigned attempts);

// The part of an address a log line may show.
std::string_view recipientDomain(std::string_view address);

}  // namespace ktk::mail
