#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ucf::dbkit {

/// The statements of a SQL script (a migration file), in order, without the `;` that ends each.
/// A statement ends at a `;` outside quotes and comments; `-- …` to the end of a line and
/// `/* … */` are comments, except inside a '…' string (where '' is a quote) or a "…" identifier,
/// whose text is kept as written. Statements that are only blanks and comments are dropped.
/// Dollar-quoted bodies (`$$ … $$`) are not recognised: a script must not use them.
std::vector<std::string> splitSqlScript(std::string_view script);

}  // namespace ucf::dbkit
