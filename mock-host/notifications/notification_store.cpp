#include "mock-host/notifications/notification_store.hpp"

#include <map>

#include <Poco/Nullable.h>

namespace ucf::host::notifications {
namespace {

using auth::HostDatabase;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

// Accounts by id, with the address their e-mails go to (empty: none).
using Recipients = std::map<std::string, std::string>;

void addRows(Recipients& out, const std::vector<std::string>& ids,
             const std::vector<Poco::Nullable<std::string>>& mails) {
  for (std::size_t i = 0; i < ids.size(); ++i) out[ids[i]] = mails[i].isNull() ? std::string() : mails[i].value();
}

// Who the audience names now (docs/PRODUCT.md §2.1, §7.2).
void resolve(Poco::Data::Session& session, const sdk::Audience& a, Recipients& out) {
  std::vector<std::string> ids;
  std::vector<Poco::Nullable<std::string>> mails;
  switch (a.kind) {
    case sdk::AudienceKind::kAccount:
      session << "SELECT id, contact_email FROM host_accounts WHERE id = $1", useRef(a.userId), into(ids), into(mails),
          now;
      break;
    case sdk::AudienceKind::kVerifiedEnterprise:
      // A USCC typed at registration proves nothing: only CA accounts and trusted registered ones.
      session << "SELECT id, contact_email FROM host_accounts WHERE uscc = $1 AND (realm = 'ca' OR "
                 "(account_type IN ('enterprise', 'mech_elec') AND trusted_at_ms IS NOT NULL))",
          useRef(a.uscc), into(ids), into(mails), now;
      break;
    case sdk::AudienceKind::kProvinceRole: {
      const std::string pattern = std::string("%,") + sdk::toString(a.role) + ",%";
      session << "SELECT id, contact_email FROM host_accounts WHERE account_type = 'authority' "
                 "AND province_code = $1 AND (',' || roles || ',') LIKE $2",
          useRef(a.provinceCode), useRef(pattern), into(ids), into(mails), now;
      break;
    }
  }
  addRows(out, ids, mails);
}

}  // namespace

std::size_t NotificationStore::store(const std::string& plugin, const sdk::Notification& n) {
  Poco::Int64 at = HostDatabase::toMillis(n.at);
  Poco::Int64 due = HostDatabase::toMillis(std::chrono::system_clock::now());
  std::string key = n.key, title = n.title, body = n.body, link = n.link;
  std::string pluginId = plugin;
  return database_.transact([&](Poco::Data::Session& session) {
    Recipients recipients;
    for (const auto& a : n.audience) resolve(session, a, recipients);
    std::size_t mails = 0;
    for (const auto& [accountIdConst, mail] : recipients) {
      std::string accountId = accountIdConst;
      session << "INSERT INTO host_notifications (plugin, source_key, account_id, at_ms, title, body, link) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (plugin, source_key, account_id) DO NOTHING",
          useRef(pluginId), useRef(key), useRef(accountId), useRef(at), useRef(title), useRef(body), useRef(link), now;
      if (mail.empty()) continue;
      std::vector<Poco::Int64> ids;
      session << "SELECT id FROM host_notifications WHERE plugin = $1 AND source_key = $2 AND account_id = $3",
          useRef(pluginId), useRef(key), useRef(accountId), into(ids), now;
      if (ids.empty()) continue;
      std::string to = mail;
      std::string text = body;
      if (!link.empty()) text.append("\n\n").append(link);
      session << "INSERT INTO host_mail_outbox (notification_id, to_address, subject, body, at_ms, state, "
                 "next_attempt_at_ms) VALUES ($1, $2, $3, $4, $5, 'pending', $6) "
                 "ON CONFLICT (notification_id) DO NOTHING",
          useRef(ids.front()), useRef(to), useRef(title), useRef(text), useRef(at), useRef(due), now;
      ++mails;
    }
    return mails;
  });
}

NotificationPage NotificationStore::list(const std::string& accountId, bool unreadOnly,
                                         std::optional<std::int64_t> before, int limit) {
  return database_.read([&](Poco::Data::Session& session) {
    std::string sql =
        "SELECT id, at_ms, title, body, link, CASE WHEN read_at_ms IS NULL THEN 0 ELSE 1 END "
        "FROM host_notifications WHERE account_id = $1 AND id < $2";
    if (unreadOnly) sql += " AND read_at_ms IS NULL";
    sql += " ORDER BY id DESC LIMIT $3";
    Poco::Int64 cursor = before.value_or(INT64_MAX);
    Poco::Int64 rows = limit + 1;  // one more tells that a next page exists
    std::vector<Poco::Int64> ids, ats, reads;
    std::vector<std::string> titles, bodies, links;
    session << sql, useRef(accountId), useRef(cursor), useRef(rows), into(ids), into(ats), into(titles), into(bodies),
        into(links), into(reads), now;
    NotificationPage page;
    for (std::size_t i = 0; i < ids.size() && static_cast<int>(i) < limit; ++i) {
      page.items.push_back({ids[i], std::chrono::system_clock::time_point(std::chrono::milliseconds(ats[i])), titles[i],
                            bodies[i], links[i], reads[i] != 0});
    }
    if (static_cast<int>(ids.size()) > limit) page.nextCursor = page.items.back().id;
    Poco::Int64 unread = 0;
    session << "SELECT COUNT(*) FROM host_notifications WHERE account_id = $1 AND read_at_ms IS NULL",
        useRef(accountId), into(unread), now;
    page.unread = unread;
    return page;
  });
}

bool NotificationStore::markRead(const std::string& accountId, std::int64_t id,
                                 std::chrono::system_clock::time_point at) {
  Poco::Int64 ms = HostDatabase::toMillis(at);
  Poco::Int64 notificationId = id;
  return database_.write([&](Poco::Data::Session& session) {
    std::vector<Poco::Int64> found;
    session << "SELECT id FROM host_notifications WHERE id = $1 AND account_id = $2", useRef(notificationId),
        useRef(accountId), into(found), now;
    if (found.empty()) return false;
    // Read once: the first read keeps its time.
    session << "UPDATE host_notifications SET read_at_ms = $1 WHERE id = $2 AND read_at_ms IS NULL", useRef(ms),
        useRef(notificationId), now;
    return true;
  });
}

void NotificationStore::markAllRead(const std::string& accountId, std::chrono::system_clock::time_point at) {
  Poco::Int64 ms = HostDatabase::toMillis(at);
  database_.write([&](Poco::Data::Session& session) {
    session << "UPDATE host_notifications SET read_at_ms = $1 WHERE account_id = $2 AND read_at_ms IS NULL", useRef(ms),
        useRef(accountId), now;
    return 0;
  });
}

}  // namespace ucf::host::notifications
