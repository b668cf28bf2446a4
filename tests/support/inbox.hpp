#pragma once

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "tests/support/http_client.hpp"

namespace ucf::test {

/// One notification as `GET /api/notifications` lists it (docs/PRODUCT.md §7.2).
struct InboxItem {
  std::string title;
  std::string body;
  std::string link;
};

/// The caller's notifications, newest first (at most 100).
inline std::vector<InboxItem> inboxOf(HttpClient& client) {
  auto r = client.get("/api/notifications?limit=100");
  if (r.status != 200) throw std::runtime_error("GET /api/notifications: " + std::to_string(r.status));
  std::vector<InboxItem> out;
  const boost::json::value page = r.json();
  for (const auto& v : page.at("items").as_array()) {
    out.push_back({std::string(v.at("title").as_string()), std::string(v.at("body").as_string()),
                   std::string(v.at("link").as_string())});
  }
  return out;
}

/// The titles of inboxOf, newest first.
inline std::vector<std::string> inboxTitles(HttpClient& client) {
  std::vector<std::string> titles;
  for (const auto& item : inboxOf(client)) titles.push_back(item.title);
  return titles;
}

/// Polls the caller's inbox until it holds `count` notifications or `deadline` passes (delivery is
/// asynchronous: the plugin hands its outbox to the host after commit); the inbox then.
inline std::vector<InboxItem> awaitInbox(HttpClient& client, std::size_t count,
                                         std::chrono::seconds deadline = std::chrono::seconds(30)) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    auto items = inboxOf(client);
    if (items.size() >= count || std::chrono::steady_clock::now() >= until) return items;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace ucf::test
