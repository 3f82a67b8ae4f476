// A unit-test binary: every CppUnit suite registered in it.
#include <clocale>

#include "fixtures.h"

int main() {
    std::setlocale(LC_CTYPE, "C.UTF-8");
    return ktk::test::runRegisteredSuites();
}
