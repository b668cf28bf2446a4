#pragma once

#include <string>
#include <variant>
#include <vector>

#include <Poco/Data/LOB.h>
#include <Poco/Nullable.h>
#include <Poco/Types.h>

namespace ucf::adapters {

/// Text and integers that may be NULL.
using NullableText = Poco::Nullable<std::string>;
using NullableInt = Poco::Nullable<Poco::Int64>;

/// A value bound to a `$n` placeholder.
using SqlValue = std::variant<std::string, Poco::Int64, NullableText, NullableInt, Poco::Data::BLOB>;

/// Where a statement's rows go: one typed vector per result column, appended to row by row. A
/// subclass holds the vectors and lists them once, in the SELECT's column order; POCO's
/// extraction (PostgreSQL) and the SQLite row reader (SqliteStatement) both fill them from that
/// list. A NULL read into a `Nullable` column is a null; into any other column it is the type's
/// empty value (0, "", no bytes), as POCO reads it.
class SqlColumns {
 public:
  /// One result column: the vector its values are appended to.
  using Column = std::variant<std::vector<Poco::Int64>*, std::vector<std::string>*, std::vector<NullableText>*,
                              std::vector<NullableInt>*, std::vector<Poco::Data::BLOB>*>;

  SqlColumns() = default;
  SqlColumns(const SqlColumns&) = delete;  // columns() points into the object
  SqlColumns& operator=(const SqlColumns&) = delete;
  virtual ~SqlColumns() = default;

  /// The result's columns in order. Called once per prepared statement; the pointers must stay
  /// valid for the object's lifetime.
  [[nodiscard]] virtual std::vector<Column> columns() = 0;

  /// Empties every listed vector (before an execution: both readers append).
  static void clear(const std::vector<Column>& columns) {
    for (const Column& column : columns) std::visit([](auto* values) { values->clear(); }, column);
  }
};

/// For statements whose rows, if any, are not read (BEGIN, COMMIT, INSERT without RETURNING).
class NoColumns final : public SqlColumns {
 public:
  std::vector<Column> columns() override { return {}; }
};

}  // namespace ucf::adapters
