#pragma once

#include "mock-host/menu_tree.hpp"
#include "ucf/sdk/route_handler.hpp"

namespace ucf::host {

/// `GET /healthz`: `{"status":"ok"}` — the cheapest route of the stack (the benchmark ceiling).
class HealthHandler final : public sdk::RouteHandler {
 public:
  sdk::HttpResponse handle(sdk::HttpRequest& request) noexcept override;
};

/// `GET /api/menu`: the platform menu as the request's principal sees it.
class MenuHandler final : public sdk::RouteHandler {
 public:
  explicit MenuHandler(const MenuTree& menu) : menu_(menu) {}
  sdk::HttpResponse handle(sdk::HttpRequest& request) noexcept override;

 private:
  const MenuTree& menu_;
};

}  // namespace ucf::host
