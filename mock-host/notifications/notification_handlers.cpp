#include "mock-host/notifications/notification_handlers.hpp"

#include <charconv>

#include <boost/json/value.hpp>

#include "mock-host/auth/iso_instant.hpp"
#include "mock-host/json_response.hpp"

namespace ucf::host::notifications {
namespace {

constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 100;
constexpr int kOutboxRows = 200;

std::optional<std::int64_t> positiveInteger(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

sdk::HttpResponse badParameter(const char* name, const char* code, const char* message) {
  return problem(422, "Unprocessable Content", message, std::vector<FieldProblem>{{name, code, message}});
}

sdk::HttpResponse noContent() {
  sdk::HttpResponse r;
  r.status = 204;
  return r;
}

}  // namespace

void NotificationHandlers::registerIn(RouteTable& routes, bool dev) {
  auto add = [&](const char* method, const char* pattern, sdk::RouteAccess access,
                 sdk::HttpResponse (NotificationHandlers::*member)(sdk::HttpRequest&), bool csrfExempt) {
    handlers_.push_back(std::make_unique<auth::FunctionHandler>(
        std::string(method) + " " + pattern, [this, member](sdk::HttpRequest& r) { return (this->*member)(r); },
        logger_));
    routes.add({method, pattern, access}, *handlers_.back(), "host", csrfExempt);
  };
  add("GET", "/api/notifications", sdk::RouteAccess::kAuthenticated, &NotificationHandlers::list, false);
  add("POST", "/api/notifications/read-all", sdk::RouteAccess::kAuthenticated, &NotificationHandlers::markAllRead,
      false);
  add("POST", "/api/notifications/{id}/read", sdk::RouteAccess::kAuthenticated, &NotificationHandlers::markRead, false);
  if (dev) add("GET", "/api/dev/outbox", sdk::RouteAccess::kPublic, &NotificationHandlers::outbox, true);
}

sdk::HttpResponse NotificationHandlers::list(sdk::HttpRequest& request) {
  bool unreadOnly = false;
  if (auto v = request.queryParam("unreadOnly")) {
    if (*v != "true" && *v != "false")
      return badParameter("unreadOnly", "invalid_value", "unreadOnly 须为 true 或 false");
    unreadOnly = *v == "true";
  }
  int limit = kDefaultLimit;
  if (auto v = request.queryParam("limit")) {
    auto n = positiveInteger(*v);
    if (!n || *n > kMaxLimit) return badParameter("limit", "out_of_range", "limit 须为 1 至 100 的整数");
    limit = static_cast<int>(*n);
  }
  std::optional<std::int64_t> cursor;
  if (auto v = request.queryParam("cursor"); v && !v->empty()) {
    cursor = positiveInteger(*v);
    if (!cursor) return badParameter("cursor", "invalid_value", "cursor 无效");
  }
  NotificationPage page = store_.list(request.principal->userId, unreadOnly, cursor, limit);
  boost::json::array items;
  for (const auto& n : page.items) {
    items.push_back(boost::json::object{{"id", n.id},
                                        {"at", auth::formatInstant(n.at)},
                                        {"title", n.title},
                                        {"body", n.body},
                                        {"link", n.link},
                                        {"read", n.read}});
  }
  boost::json::value next = nullptr;
  if (page.nextCursor) next = std::to_string(*page.nextCursor);
  return json(200, boost::json::object{{"items", std::move(items)}, {"unread", page.unread}, {"nextCursor", next}});
}

sdk::HttpResponse NotificationHandlers::markRead(sdk::HttpRequest& request) {
  auto id = positiveInteger(std::string(request.pathParam("id")));
  // Another account's notification answers as one that does not exist.
  if (!id || !store_.markRead(request.principal->userId, *id, clock_.now())) {
    return problem(404, "Not Found", "没有该消息");
  }
  return noContent();
}

sdk::HttpResponse NotificationHandlers::markAllRead(sdk::HttpRequest& request) {
  store_.markAllRead(request.principal->userId, clock_.now());
  return noContent();
}

sdk::HttpResponse NotificationHandlers::outbox(sdk::HttpRequest&) {
  boost::json::array items;
  for (const auto& m : outbox_.newest(kOutboxRows)) {
    items.push_back(boost::json::object{{"to", m.to},
                                        {"subject", m.subject},
                                        {"body", m.body},
                                        {"at", auth::formatInstant(m.at)},
                                        {"state", m.state},
                                        {"attempts", m.attempts}});
  }
  return json(200, boost::json::object{{"items", std::move(items)}});
}

}  // namespace ucf::host::notifications
