#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <Poco/Data/Session.h>

#include "dbkit/dialect.hpp"

namespace ucf::host::auth {

/// The PostgreSQL channel on which hosts over one database tell each other that cached sessions
/// must be read again (docs/PRODUCT.md §7, §8).
inline constexpr std::string_view kSessionChannel = "ucf_sessions";

/// A change that ends a cached session or alters what it resolves to: one session ended
/// (logout), or anything about one account's sessions (trust given or withdrawn, sessions ended
/// because the account was provisioned again).
struct SessionChange {
  enum class Kind {
    kSession,  ///< `key` is the SHA-256 (hex) of a session id.
    kAccount,  ///< `key` is an account id (the principal's `userId`).
  };
  Kind kind = Kind::kSession;
  std::string key;
};

/// The NOTIFY payload of `change`: `session:<hash>` or `account:<id>`.
std::string toPayload(const SessionChange& change);
/// The change a payload names; nullopt for anything else (a newer host's kind: ignored).
std::optional<SessionChange> sessionChangeFromPayload(std::string_view payload);

/// Tells every host listening on kSessionChannel about `change`, within the transaction open on
/// `session`, so it is delivered when (and only if) that transaction commits. Nothing on SQLite,
/// which serves one host.
void announceSessionChange(Poco::Data::Session& session, dbkit::Dialect dialect, const SessionChange& change);

/// What hears the changes of other hosts (the SessionStore), told by the listener of the channel.
/// Called from the listener's thread: implementations are thread-safe.
class SessionChangeSink {
 public:
  virtual ~SessionChangeSink() = default;
  /// A change another host (or this one) committed.
  virtual void sessionChanged(const SessionChange& change) = 0;
  /// Whether changes are heard from now on. Either way, what was cached before can no longer be
  /// trusted: on loss, changes made from now on go unheard; on regaining, those made while away
  /// were never heard.
  virtual void changesHeard(bool heard) = 0;
};

}  // namespace ucf::host::auth
