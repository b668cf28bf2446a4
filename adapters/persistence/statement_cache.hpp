#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <typeinfo>
#include <unordered_map>
#include <variant>
#include <vector>

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

namespace ucf::adapters {

/// A value bound to a `$n` placeholder.
using SqlValue = std::variant<std::string, Poco::Int64, Poco::Nullable<std::string>, Poco::Nullable<Poco::Int64>>;

/// Where a cached statement's rows go: typed vectors registered with `into()` once, cleared
/// before each execution (POCO appends to them).
class SqlColumns {
 public:
  virtual ~SqlColumns() = default;
  /// Registers the extractions (called once, when the statement is prepared).
  virtual void extractFrom(Poco::Data::Statement& statement) = 0;
  /// Empties the vectors before an execution.
  virtual void clear() = 0;
};

/// For statements that return no rows.
class NoColumns final : public SqlColumns {
 public:
  void extractFrom(Poco::Data::Statement& /*statement*/) override {}
  void clear() override {}
};

/// The statements one connection keeps prepared, by SQL text. POCO prepares a statement again
/// for every new Statement object; on PostgreSQL that is a prepare, a describe and a deallocate
/// round trip around each execution, on SQLite a parse. A cached statement is executed again with
/// new values: its parameters are bound by reference to slots it owns (which keep their
/// addresses), its results go to the SqlColumns it owns. Not thread-safe: it belongs to the
/// connection, which one thread holds at a time.
class StatementCache {
 public:
  /// `postgresql`: the connection is POCO's PostgreSQL one (see execute()).
  explicit StatementCache(bool postgresql) : postgresql_(postgresql) {}
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache();

  /// Runs `sql` with `params` (in `$n` order) and returns its columns and the rows extracted or
  /// affected. The columns stay valid until the next run of the same SQL on this connection.
  /// A statement that throws is dropped (it is prepared afresh next time) and the error rethrown.
  /// `mayFail`: the statement fails by design now and then (a unique violation); on PostgreSQL it
  /// is then prepared afresh for every run, never executed a second time (see execute()).
  template <typename Columns>
  Columns& run(Poco::Data::Session& session, const std::string& sql, std::vector<SqlValue>& params, std::size_t& rows,
               bool mayFail = false) {
    Entry& entry = prepared(
        session, sql, params, typeid(Columns), [] { return std::make_unique<Columns>(); }, !(mayFail && postgresql_));
    auto& columns = static_cast<Columns&>(*entry.columns);
    rows = execute(sql, entry);
    return columns;
  }

  /// How many statements are prepared (for tests).
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

  /// Most distinct statements a connection keeps; past it the cache starts over. The store's SQL
  /// varies only with which filters are set, so it stays well below.
  static constexpr std::size_t kMaxStatements = 256;

 private:
  struct Entry {
    std::deque<SqlValue> slots;           // bound by reference: a deque never moves its elements
    std::unique_ptr<SqlColumns> columns;  // extracted into by reference
    const std::type_info* columnsType = nullptr;
    std::size_t executions = 0;
    bool reuse = true;                                 // false: replaced by a fresh statement at its next run
    std::unique_ptr<Poco::Data::Statement> statement;  // declared last: destroyed first
  };

  template <typename Make>
  Entry& prepared(Poco::Data::Session& session, const std::string& sql, std::vector<SqlValue>& params,
                  const std::type_info& columnsType, Make make, bool reuse) {
    auto it = entries_.find(sql);
    if (it != entries_.end() && it->second->reuse && reusable(*it->second, params, columnsType)) {
      Entry& entry = *it->second;
      for (std::size_t i = 0; i < params.size(); ++i) entry.slots[i] = std::move(params[i]);
      entry.columns->clear();
      return entry;
    }
    if (it != entries_.end()) entries_.erase(it);
    if (entries_.size() >= kMaxStatements) entries_.clear();
    auto entry = std::make_unique<Entry>();
    entry->slots.assign(std::make_move_iterator(params.begin()), std::make_move_iterator(params.end()));
    entry->columns = make();
    entry->columnsType = &columnsType;
    entry->reuse = reuse;
    entry->statement = std::make_unique<Poco::Data::Statement>(session);
    bind(*entry, sql);
    return *entries_.emplace(sql, std::move(entry)).first->second;
  }

  static bool reusable(const Entry& entry, const std::vector<SqlValue>& params, const std::type_info& columnsType);
  static void bind(Entry& entry, const std::string& sql);
  std::size_t execute(const std::string& sql, Entry& entry);

  bool postgresql_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace ucf::adapters
