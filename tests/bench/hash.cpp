// The hash ceiling of `contrib/ktk bench`: argon2id hashes per second of one
// process (one core) with the portal's own parameters (crypto::hashPassword).
// The bench runs one alone and one per core at once.
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "crypto/password.h"

int main(int argc, char** argv) {
    double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
    auto start = std::chrono::steady_clock::now();
    int n = 0;
    double elapsed = 0;
    do {
        ktk::crypto::hashPassword("Benchmark-Password-1");
        ++n;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < seconds);
    std::cout << n / elapsed << "\n";
    return 0;
}
