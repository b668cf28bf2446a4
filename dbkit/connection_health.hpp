#pragma once

#include <string>

#include <Poco/Data/Session.h>

namespace ucf::dbkit {

/// Whether an idle pooled connection can still be used, without a round trip. A PostgreSQL server
/// that shuts down or restarts sends every idle connection a FATAL 57P01 and closes it; the client
/// sees that only when it next reads. An idle connection has nothing to read, so a readable socket
/// means the server spoke or left: libpq consumes what came, and the connection's status tells.
/// SQLite connections are always alive. Not thread-safe for one session (call on a leased one).
bool stillConnected(Poco::Data::Session& session) noexcept;

/// Disposes of a pooled connection that is no longer connected, without leaking: POCO 1.11's
/// PostgreSQL session frees its libpq connection only while that connection is healthy, so a dead
/// one is first reconnected in place (PQreset) and then closed; if the server is still away it is
/// kept for the life of the process instead (keepForever: a few KB per connection lost).
void discardSession(Poco::Data::Session&& session) noexcept;

/// Keeps an object that POCO 1.11 cannot free safely (a dead session that could not be closed, a
/// statement whose failed re-execution left a dangling result) for the life of the process:
/// never freed, and, in sanitizer builds, not reported by LeakSanitizer (whose report would
/// otherwise name POCO's known leak, not ours). Takes ownership of `object`.
template <typename T>
void keepForever(T* object) noexcept;

/// Whether a PostgreSQL server accepts connections now (libpq's PQping: no session is opened, and
/// nothing leaks when it does not answer). `connectionString`: libpq's `key=value` form.
bool postgresAnswers(const std::string& connectionString) noexcept;

/// Marks `object` as deliberately kept (LeakSanitizer's __lsan_ignore_object when built with it).
void ignoreForLeakCheck(const void* object) noexcept;

template <typename T>
void keepForever(T* object) noexcept {
  ignoreForLeakCheck(object);  // `object` is never deleted
}

}  // namespace ucf::dbkit
