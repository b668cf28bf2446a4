#pragma once

#include <ostream>

namespace ucf::host::admin {

/// `mock-host backup|restore|verify …` (docs/PRODUCT.md §8; the backup file: docs/RELIABILITY.md).
/// `argv[0]` is the command's name. Writes what it did to `out`, problems to `err`, and returns
/// the process's exit status: 0 done (verify: nothing broken), 1 failed (verify: something
/// broken), 2 usage or not possible here (e.g. PostgreSQL: the pg_dump command to run instead).
int runAdminCommand(int argc, char** argv, std::ostream& out, std::ostream& err);

/// Whether `name` is one of the admin commands.
bool isAdminCommand(const char* name);

}  // namespace ucf::host::admin
