#pragma once

#include <string>

namespace ucf::sdk {

/// Which database engine a data source names.
enum class DataSourceKind {
  kSqlite,      ///< `location` is a file path.
  kPostgresql,  ///< `location` is a `postgresql://` URI.
};

/// The database a plugin keeps its data in, chosen by the host's operator.
/// Several hosts over one PostgreSQL see one data source; with SQLite it is a file of its own.
struct DataSource {
  DataSourceKind kind = DataSourceKind::kSqlite;
  std::string location;
};

}  // namespace ucf::sdk
