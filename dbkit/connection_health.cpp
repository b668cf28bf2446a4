#include "dbkit/connection_health.hpp"

#include <libpq-fe.h>
#include <poll.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#include <Poco/Data/PostgreSQL/SessionImpl.h>

namespace ucf::dbkit {
namespace {

Poco::Data::PostgreSQL::SessionImpl* postgresOf(Poco::Data::Session& session) {
  return dynamic_cast<Poco::Data::PostgreSQL::SessionImpl*>(session.impl());
}

}  // namespace

bool stillConnected(Poco::Data::Session& session) noexcept {
  try {
    auto* pg = postgresOf(session);
    if (!pg) return session.isConnected();
    Poco::Data::PostgreSQL::SessionHandle& handle = pg->handle();
    PGconn* conn = handle;
    if (!conn || PQstatus(conn) != CONNECTION_OK) return false;
    pollfd fd{PQsocket(conn), POLLIN, 0};
    if (fd.fd < 0) return false;
    if (::poll(&fd, 1, 0) > 0) {
      // Something arrived on an idle connection: most likely the server's goodbye. Reading it
      // moves libpq's status to CONNECTION_BAD when the server closed the socket.
      if (PQconsumeInput(conn) == 0) return false;
    }
    return PQstatus(conn) == CONNECTION_OK;
  } catch (...) {
    return false;
  }
}

void discardSession(Poco::Data::Session&& session) noexcept {
  try {
    Poco::Data::Session closing(std::move(session));
    if (auto* pg = postgresOf(closing); pg && !pg->handle().isConnected()) {
      pg->handle().reset();  // PQreset: connects again with the same PGconn, which close then frees
      if (!pg->handle().isConnected()) {
        // Closing it would leak it anyway; kept reachable on purpose (keepForever).
        keepForever(new Poco::Data::Session(std::move(closing)));
        return;  // NOLINT(clang-analyzer-cplusplus.NewDeleteLeaks): keepForever keeps it, by design
      }
    }
  } catch (...) {
  }
}

void ignoreForLeakCheck(const void* object) noexcept {
#if defined(__SANITIZE_ADDRESS__)
  __lsan_ignore_object(object);
#else
  static_cast<void>(object);
#endif
}

bool postgresAnswers(const std::string& connectionString) noexcept {
  return PQping(connectionString.c_str()) == PQPING_OK;
}

}  // namespace ucf::dbkit
