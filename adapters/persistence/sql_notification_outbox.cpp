#include "adapters/persistence/sql_notification_outbox.hpp"

#include <sstream>

#include "adapters/persistence/filing_codec.hpp"

namespace ucf::adapters::notification_outbox {
namespace {

using Poco::Int64;
using Audience = app::NotificationAudience;

struct Ids final : SqlColumns {
  std::vector<Int64> values;
  std::vector<Column> columns() override { return {&values}; }
};

struct OutboxRows final : SqlColumns {
  std::vector<Int64> id;
  std::vector<std::string> key, audience, title, body, link;
  std::vector<Int64> at;
  std::vector<Column> columns() override { return {&id, &key, &audience, &title, &body, &link, &at}; }
};

const char* roleWord(Audience::Role role) { return role == Audience::Role::kReviewer ? "reviewer" : "rechecker"; }

std::string encodeAudience(const std::vector<Audience>& audience) {
  std::string text;
  for (const auto& a : audience) {
    switch (a.kind) {
      case Audience::Kind::kAccount: text += "account "; break;
      case Audience::Kind::kVerifiedEnterprise: text += "verified "; break;
      case Audience::Kind::kProvinceRole: text += std::string(roleWord(a.role)) + " "; break;
    }
    text += a.value + "\n";
  }
  return text;
}

std::vector<Audience> decodeAudience(const std::string& text) {
  std::vector<Audience> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const auto space = line.find(' ');
    if (space == std::string::npos) continue;
    const std::string word = line.substr(0, space), value = line.substr(space + 1);
    if (word == "account") out.push_back({Audience::Kind::kAccount, value});
    if (word == "verified") out.push_back({Audience::Kind::kVerifiedEnterprise, value});
    if (word == "reviewer") out.push_back({Audience::Kind::kProvinceRole, value, Audience::Role::kReviewer});
    if (word == "rechecker") out.push_back({Audience::Kind::kProvinceRole, value, Audience::Role::kRechecker});
  }
  return out;
}

}  // namespace

void append(Database::Lease& lease, const app::OutgoingNotification& n) {
  lease.execute(
      "INSERT INTO ucf_notification_outbox (notification_key, audience, title, body, link, at) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (notification_key) DO NOTHING",
      n.key, encodeAudience(n.audience), n.title, n.body, n.link, toEpochMillis(n.at));
}

bool recordReminder(Database::Lease& lease, std::int64_t filingId, domain::CalendarDate validUntil, int days,
                    domain::Instant at) {
  // RETURNING tells on both engines whether the row is new; a conflict is not an error, so the
  // PostgreSQL transaction stays usable.
  const auto& inserted =
      lease.query<Ids>("INSERT INTO ucf_expiry_reminder (filing_id, valid_until, days, at) "
               "VALUES ($1, $2, $3, $4) ON CONFLICT (filing_id, valid_until, days) DO NOTHING "
               "RETURNING filing_id",
                       filingId, domain::toIsoString(validUntil), days, toEpochMillis(at));
  return inserted.values.size() == 1;
}

std::vector<std::int64_t> dueForReminder(Database& db, domain::CalendarDate today) {
  Database::Lease lease = db.lease();
  // The reminder due is the smallest of 7, 30, 90 not below daysToExpiry (app::reminderDue); a
  // row for it, or for a smaller one, means nothing is owed. Dates compare as ISO text.
  const auto& ids =
      lease.query<Ids>("SELECT f.id FROM ucf_filing f WHERE f.deleted = 0 AND f.status NOT IN ('VOID', 'LAPSED') "
               "AND f.valid_until IS NOT NULL AND f.valid_until >= $1 AND f.valid_until <= $2 "
               "AND NOT EXISTS (SELECT 1 FROM ucf_expiry_reminder r WHERE r.filing_id = f.id "
               "AND r.valid_until = f.valid_until AND r.days <= "
               "CASE WHEN f.valid_until <= $3 THEN 7 WHEN f.valid_until <= $4 THEN 30 ELSE 90 END) ORDER BY f.id",
                       domain::toIsoString(today), domain::toIsoString(domain::addDays(today, 90)),
                       domain::toIsoString(domain::addDays(today, 7)), domain::toIsoString(domain::addDays(today, 30)));
  return {ids.values.begin(), ids.values.end()};
}

std::vector<app::PendingNotification> undelivered(Database& db, int limit) {
  Database::Lease lease = db.lease();
  const auto& rows = lease.query<OutboxRows>("SELECT id, notification_key, audience, title, body, link, at "
                                     "FROM ucf_notification_outbox WHERE delivered_at IS NULL ORDER BY id LIMIT $1",
                                             limit);
  std::vector<app::PendingNotification> out;
  for (std::size_t i = 0; i < rows.id.size(); ++i) {
    out.push_back({rows.id[i],
                   {rows.key[i], decodeAudience(rows.audience[i]), rows.title[i], rows.body[i], rows.link[i],
                    fromEpochMillis(rows.at[i])}});
  }
  return out;
}

void markDelivered(Database& db, std::int64_t id, domain::Instant at) {
  Database::Lease lease = db.lease();
  lease.execute("UPDATE ucf_notification_outbox SET delivered_at = $1 WHERE id = $2 AND delivered_at IS NULL",
                toEpochMillis(at), id);
}

}  // namespace ucf::adapters::notification_outbox
