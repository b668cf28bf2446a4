#include "mock-host/auth/session_change.hpp"

namespace ucf::host::auth {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

constexpr std::string_view kSessionPrefix = "session:";
constexpr std::string_view kAccountPrefix = "account:";

}  // namespace

std::string toPayload(const SessionChange& change) {
  std::string_view prefix = change.kind == SessionChange::Kind::kSession ? kSessionPrefix : kAccountPrefix;
  return std::string(prefix).append(change.key);
}

std::optional<SessionChange> sessionChangeFromPayload(std::string_view payload) {
  for (auto [prefix, kind] : {std::pair{kSessionPrefix, SessionChange::Kind::kSession},
                              std::pair{kAccountPrefix, SessionChange::Kind::kAccount}}) {
    if (payload.size() > prefix.size() && payload.substr(0, prefix.size()) == prefix) {
      return SessionChange{kind, std::string(payload.substr(prefix.size()))};
    }
  }
  return std::nullopt;
}

void announceSessionChange(Poco::Data::Session& session, dbkit::Dialect dialect, const SessionChange& change) {
  switch (dialect) {
    case dbkit::Dialect::kSqlite: return;
    case dbkit::Dialect::kPostgresql: {
      std::string channel(kSessionChannel);
      std::string payload = toPayload(change);
      Poco::Int64 sent = 0;
      // pg_notify returns void, which POCO cannot read: the row count stands for it.
      session << "SELECT COUNT(*) FROM pg_notify($1, $2)", useRef(channel), useRef(payload), into(sent), now;
      return;
    }
  }
}

}  // namespace ucf::host::auth
