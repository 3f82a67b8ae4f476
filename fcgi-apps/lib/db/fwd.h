// For headers that only pass a database or a unit of work along: naming
// them does not pull Connector/C++ into every file that includes the header.
#pragma once

namespace ktk::db {
class Database;
class Tx;
}  // namespace ktk::db
