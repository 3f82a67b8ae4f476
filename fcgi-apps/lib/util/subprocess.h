// Running a helper program and collecting what it prints, for the pages
// that need one (the captcha's speech synthesiser). The program runs
// without a shell: `argv[0]` is an absolute path and every argument is
// passed as it is, so no text can become a command. The child gets a
// minimal environment, `input` (or /dev/null) as stdin, /dev/null as
// stderr, and its own process group; it is killed when it runs past the deadline or prints more than
// the cap. posix_spawn (vfork-style) keeps a large parent from being
// copied.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::util {

struct RunResult {
    enum class Status { Exited, Signalled, TimedOut, TooMuchOutput, CannotStart };
    Status status = Status::CannotStart;
    int exitCode = -1;   // when Exited
    std::string output;  // stdout, at most the cap

    bool ok() const { return status == Status::Exited && exitCode == 0; }
};

// Runs `argv` (argv[0] an absolute path) and waits at most `timeout`.
// `input`, when given, is the child's whole standard input: for what must
// not be an argument, which anyone on the host can read in `ps` (at most
// kMaxInputBytes; the pipe is made that large first, so writing it never
// waits on the child).
// Never throws for the child's behaviour; throws std::runtime_error only
// when the process cannot make a pipe or the input is too long.
constexpr std::size_t kMaxInputBytes = 64 * 1024;
RunResult runCapture(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                     std::size_t maxOutputBytes, std::string_view input = {});

}  // namespace ktk::util
