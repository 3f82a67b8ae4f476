// ktk-supervisor's command line: one pool on the listening socket given as
// standard input (systemd's StandardInput=socket, spawn-fcgi), or several
// pools in one process, each on a socket the supervisor binds itself.
//
//   ktk-supervisor [--min N] --max N [--idle-seconds S] -- PROGRAM [ARGS…]
//   ktk-supervisor [--idle-seconds S]
//       --pool NAME --socket PATH [--min N] --max N [--nice N] [--log PATH]
//           [--idle-seconds S] -- PROGRAM [ARGS…]
//       [--pool …]…
//
// In the second form a pool's program arguments run up to the next
// "--pool"; that word cannot be an argument of a program.
#pragma once

#include <string>
#include <vector>

#include "supervisor/pool.h"

namespace ktk::supervisor {

struct PoolSpec {
    std::string name;             // empty: the one-pool form
    Settings settings;
    int nice = 0;                 // added to the supervisor's own for the pool's processes
    std::string socket;           // empty: standard input
    std::string log;              // empty: the supervisor's standard error
    std::vector<char*> argv;      // PROGRAM ARGS…, then a null pointer
};

struct Options {
    std::vector<PoolSpec> pools;  // empty: the command line was wrong (error says why)
    std::string error;
};

Options parseOptions(int argc, char** argv);

}  // namespace ktk::supervisor
