#include "mock-host/notifications/mail_outbox.hpp"

namespace ucf::host::notifications {
namespace {

using auth::HostDatabase;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

// Rows of host_mail_outbox in the column order of kMailColumns.
struct MailRows {
  std::vector<Poco::Int64> ids, ats, attempts;
  std::vector<std::string> to, subjects, bodies, states;

  std::vector<OutboxMail> mails() const {
    std::vector<OutboxMail> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      out.push_back({ids[i], to[i], subjects[i], bodies[i],
                     std::chrono::system_clock::time_point(std::chrono::milliseconds(ats[i])), states[i],
                     static_cast<int>(attempts[i])});
    }
    return out;
  }
};

constexpr const char* kMailColumns = "id, to_address, subject, body, at_ms, state, attempts";

}  // namespace

std::optional<OutboxMail> MailOutbox::claimDue(std::chrono::system_clock::time_point wallNow,
                                               std::chrono::milliseconds lease) {
  Poco::Int64 nowMs = HostDatabase::toMillis(wallNow);
  Poco::Int64 until = nowMs + lease.count();
  const bool postgresql = database_.dialect() == dbkit::Dialect::kPostgresql;
  // One statement claims the row: on PostgreSQL SKIP LOCKED lets hosts racing for the oldest row
  // take different rows, and the claim (state, next_attempt_at_ms) keeps it from them afterwards.
  std::string sql = std::string(
                        "UPDATE host_mail_outbox SET state = 'sending', attempts = attempts + 1, "
                        "next_attempt_at_ms = $1 WHERE id = (SELECT id FROM host_mail_outbox "
                        "WHERE state IN ('pending', 'sending') AND next_attempt_at_ms <= $2 "
                        "ORDER BY next_attempt_at_ms, id LIMIT 1") +
                    (postgresql ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING " + kMailColumns;
  return database_.write([&](Poco::Data::Session& session) -> std::optional<OutboxMail> {
    MailRows rows;
    session << sql, useRef(until), useRef(nowMs), into(rows.ids), into(rows.to), into(rows.subjects), into(rows.bodies),
        into(rows.ats), into(rows.states), into(rows.attempts), now;
    auto mails = rows.mails();
    if (mails.empty()) return std::nullopt;
    return mails.front();
  });
}

void MailOutbox::markSent(std::int64_t id) {
  Poco::Int64 mailId = id;
  database_.write([&](Poco::Data::Session& session) {
    session << "UPDATE host_mail_outbox SET state = 'sent', last_error = NULL WHERE id = $1", useRef(mailId), now;
    return 0;
  });
}

void MailOutbox::markFailed(std::int64_t id, const std::string& error,
                            std::optional<std::chrono::system_clock::time_point> retryAt) {
  Poco::Int64 mailId = id;
  std::string state = retryAt ? "pending" : "failed";
  Poco::Int64 due = retryAt ? HostDatabase::toMillis(*retryAt) : 0;
  database_.write([&](Poco::Data::Session& session) {
    if (retryAt) {
      session << "UPDATE host_mail_outbox SET state = $1, last_error = $2, next_attempt_at_ms = $3 WHERE id = $4",
          useRef(state), useRef(error), useRef(due), useRef(mailId), now;
    } else {
      session << "UPDATE host_mail_outbox SET state = $1, last_error = $2 WHERE id = $3", useRef(state), useRef(error),
          useRef(mailId), now;
    }
    return 0;
  });
}

std::vector<OutboxMail> MailOutbox::newest(int limit) {
  Poco::Int64 rowsWanted = limit;
  return database_.read([&](Poco::Data::Session& session) {
    MailRows rows;
    session << std::string("SELECT ") + kMailColumns + " FROM host_mail_outbox ORDER BY id DESC LIMIT $1",
        useRef(rowsWanted), into(rows.ids), into(rows.to), into(rows.subjects), into(rows.bodies), into(rows.ats),
        into(rows.states), into(rows.attempts), now;
    return rows.mails();
  });
}

}  // namespace ucf::host::notifications
