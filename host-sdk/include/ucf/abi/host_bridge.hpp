#pragma once

// The host side of the boundary: a host written in C++ against `sdk::HostContext` offers it to
// a plugin as the C table `ucf_host_api`, and sees the plugin's C route handlers and services as
// `sdk::RouteHandler` and `sdk::Service`. Header-only, compiled into the host: every C function
// below catches everything, so no exception reaches the plugin.

#include <deque>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ucf/abi/convert.hpp"
#include "ucf/abi/ucf_plugin.h"
#include "ucf/sdk/host_context.hpp"

namespace ucf::abi {

/// A plugin's `ucf_route_handler` as an `sdk::RouteHandler`.
class PluginRoute final : public sdk::RouteHandler {
 public:
  explicit PluginRoute(const ucf_route_handler& handler) : handler_(handler) {}

  sdk::HttpResponse handle(sdk::HttpRequest& request) noexcept override {
    try {
      PairsView params(request.pathParams), query(request.query), headers(request.headers);
      std::optional<PrincipalView> principal;
      if (request.principal) principal.emplace(*request.principal);
      ucf_request c{};
      c.size = sizeof c;
      c.method = str(request.method);
      c.path = str(request.path);
      c.path_params = params.items.data();
      c.path_param_count = params.items.size();
      c.query = query.items.data();
      c.query_count = query.items.size();
      c.headers = headers.items.data();
      c.header_count = headers.items.size();
      c.principal = principal ? &principal->c : nullptr;
      c.content_length = request.contentLength;
      c.body = request.body;
      c.read_body = &readBody;
      Building building;
      ucf_response out{sizeof out,           &building,         &Building::setStatus,
                       &Building::addHeader, &Building::append, &Building::setStream};
      if (handler_.handle(handler_.state, &c, &out) != UCF_OK || building.failed) return internalError();
      return std::move(building.response);
    } catch (...) {
      return internalError();
    }
  }

 private:
  /// The response being built through `ucf_response`.
  struct Building {
    sdk::HttpResponse response;
    bool failed = false;

    static void setStatus(void* c, std::int32_t status) noexcept { self(c).response.status = status; }
    static void addHeader(void* c, ucf_str name, ucf_str value) noexcept {
      try {
        self(c).response.headers.emplace_back(text(name), text(value));
      } catch (...) {
        self(c).failed = true;
      }
    }
    static ucf_status append(void* c, const char* data, std::size_t size) noexcept {
      try {
        self(c).response.body.append(data, size);
        return UCF_OK;
      } catch (...) {
        self(c).failed = true;
        return UCF_ERROR;
      }
    }
    static void setStream(void* c, const ucf_body_stream* stream) noexcept {
      // The plugin's state is released exactly once, when the last copy of the writer goes.
      ucf_body_stream s = *stream;
      try {
        std::shared_ptr<void> state(s.state, [release = s.release](void* p) { release(p); });
        self(c).response.streamLength = s.length;
        self(c).response.streamBody = [state, writeTo = s.write_to](std::ostream& os) {
          ucf_sink sink{&os, &writeOstream};
          if (writeTo(state.get(), &sink) != UCF_OK) throw std::runtime_error("the plugin's body stream failed");
        };
      } catch (...) {
        self(c).failed = true;
      }
    }
    static Building& self(void* c) { return *static_cast<Building*>(c); }
  };

  static std::int64_t readBody(void* body, char* buffer, std::size_t capacity) noexcept {
    try {
      auto& in = *static_cast<std::istream*>(body);
      in.read(buffer, static_cast<std::streamsize>(capacity));
      if (in.gcount() == 0 && in.bad()) return -1;
      return static_cast<std::int64_t>(in.gcount());
    } catch (...) {
      return -1;
    }
  }

  static ucf_status writeOstream(void* os, const char* data, std::size_t size) noexcept {
    try {
      auto& out = *static_cast<std::ostream*>(os);
      out.write(data, static_cast<std::streamsize>(size));
      return out ? UCF_OK : UCF_ERROR;
    } catch (...) {
      return UCF_ERROR;
    }
  }

  static sdk::HttpResponse internalError() {
    sdk::HttpResponse r;
    r.status = 500;
    r.headers.emplace_back("Content-Type", "application/problem+json");
    r.body = R"({"type":"about:blank","title":"Internal Server Error","status":500,)"
             R"("detail":"The request could not be completed."})";
    return r;
  }

  ucf_route_handler handler_;
};

/// A plugin's `ucf_service_handler` as an `sdk::Service`.
class PluginService final : public sdk::Service {
 public:
  explicit PluginService(const ucf_service_handler& handler) : handler_(handler) {}

  sdk::ServiceAnswer call(const sdk::ServiceCall& call) noexcept override {
    try {
      std::optional<PrincipalView> principal;
      if (call.principal) principal.emplace(*call.principal);
      ucf_service_call c{sizeof c, str(call.input), principal ? &principal->c : nullptr};
      StringSink answer, error;
      if (handler_.call(handler_.state, &c, &answer.sink, &error.sink) != UCF_OK) {
        return {false, {}, error.text.empty() ? "the service failed" : error.text};
      }
      return {true, std::move(answer.text), {}};
    } catch (...) {
      return {false, {}, currentError()};
    }
  }

 private:
  ucf_service_handler handler_;
};

/// Offers one plugin an `sdk::HostContext` as `ucf_host_api`. Owns the adapters of what the
/// plugin registers: keep it until the plugin is destroyed, and after its routes and services
/// are removed from the host's tables.
class HostBridge {
 public:
  explicit HostBridge(sdk::HostContext& context) : context_(context) {
    for (const auto& [k, v] : context.config().values) config_.push_back({str(k), str(v)});
    api_.size = sizeof api_;
    api_.abi_major = UCF_ABI_MAJOR;
    api_.abi_minor = UCF_ABI_MINOR;
    api_.host = this;
    api_.log = &log;
    api_.now_us = &nowUs;
    api_.config = config_.data();
    api_.config_count = config_.size();
    const sdk::DataSource& source = context.dataSource();
    api_.data_source_kind =
        source.kind == sdk::DataSourceKind::kPostgresql ? UCF_DATA_SOURCE_POSTGRESQL : UCF_DATA_SOURCE_SQLITE;
    api_.data_source_location = str(source.location);
    api_.add_menu = &addMenu;
    api_.add_route = &addRoute;
    api_.add_service = &addService;
    api_.notify = &notify;
  }
  HostBridge(const HostBridge&) = delete;
  HostBridge& operator=(const HostBridge&) = delete;

  [[nodiscard]] const ucf_host_api* api() const { return &api_; }

 private:
  static HostBridge& self(void* host) { return *static_cast<HostBridge*>(host); }

  static void log(void* host, std::int32_t level, ucf_str message) noexcept {
    sdk::LogLevel l = level == UCF_LOG_DEBUG     ? sdk::LogLevel::kDebug
                      : level == UCF_LOG_INFO    ? sdk::LogLevel::kInfo
                      : level == UCF_LOG_WARNING ? sdk::LogLevel::kWarning
                                                 : sdk::LogLevel::kError;
    self(host).context_.logger().log(l, std::string_view(message.data, message.size));
  }
  static std::int64_t nowUs(void* host) noexcept {
    try {
      return toMicros(self(host).context_.clock().now());
    } catch (...) {
      return 0;
    }
  }
  static ucf_status addMenu(void* host, ucf_str parentId, const ucf_menu_item* item, const ucf_sink* error) noexcept {
    try {
      self(host).context_.menu().add(text(parentId), menuItemOf(*item));
      return UCF_OK;
    } catch (...) {
      report(error, currentError());
      return UCF_INVALID_ARGUMENT;
    }
  }
  static ucf_status addRoute(void* host, const ucf_route_spec* spec, const ucf_route_handler* handler,
                             const ucf_sink* error) noexcept {
    try {
      auto& bridge = self(host);
      auto& adapter = bridge.routes_.emplace_back(*handler);
      sdk::RouteSpec s{text(spec->method), text(spec->pattern),
                       spec->access == UCF_ROUTE_PUBLIC ? sdk::RouteAccess::kPublic : sdk::RouteAccess::kAuthenticated};
      try {
        bridge.context_.routes().add(s, adapter);
      } catch (...) {
        bridge.routes_.pop_back();
        throw;
      }
      return UCF_OK;
    } catch (...) {
      report(error, currentError());
      return UCF_INVALID_ARGUMENT;
    }
  }
  static ucf_status addService(void* host, ucf_str name, const ucf_service_handler* handler,
                               const ucf_sink* error) noexcept {
    try {
      auto& bridge = self(host);
      auto& adapter = bridge.services_.emplace_back(*handler);
      try {
        bridge.context_.services().add(text(name), adapter);
      } catch (...) {
        bridge.services_.pop_back();
        throw;
      }
      return UCF_OK;
    } catch (...) {
      report(error, currentError());
      return UCF_INVALID_ARGUMENT;
    }
  }
  static ucf_status notify(void* host, const ucf_notification* notification, const ucf_sink* error) noexcept {
    try {
      self(host).context_.notifier().send(notificationOf(*notification));
      return UCF_OK;
    } catch (...) {
      report(error, currentError());
      return UCF_UNAVAILABLE;
    }
  }

  sdk::HostContext& context_;
  std::vector<ucf_pair> config_;
  std::deque<PluginRoute> routes_;      // deque: registered adapters never move
  std::deque<PluginService> services_;  // likewise
  ucf_host_api api_{};
};

}  // namespace ucf::abi
