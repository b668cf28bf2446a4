#pragma once

// The plugin side of the boundary: `UCF_DECLARE_PLUGIN(Class)` exports `ucf_plugin_entry` for an
// `sdk::Plugin` subclass, and the plugin's code sees the host's C table as an ordinary
// `sdk::HostContext`. Header-only, compiled into the plugin: every C function below catches
// everything, so no exception leaves the plugin.

#include <array>
#include <chrono>
#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>

#include "ucf/abi/convert.hpp"
#include "ucf/abi/ucf_plugin.h"
#include "ucf/sdk/plugin.hpp"

namespace ucf::abi {

/// The request body, read through the host's `read_body`.
class HostBodyBuf final : public std::streambuf {
 public:
  explicit HostBodyBuf(const ucf_request& request) : request_(request) {}

 protected:
  int_type underflow() override {
    if (request_.read_body == nullptr) return traits_type::eof();
    std::int64_t n = request_.read_body(request_.body, buffer_.data(), buffer_.size());
    if (n <= 0) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
    return traits_type::to_int_type(buffer_[0]);
  }

 private:
  const ucf_request& request_;
  std::array<char, 16384> buffer_{};
};

/// An ostream target that hands what it gets to a host sink; a refused write fails the stream.
class SinkBuf final : public std::streambuf {
 public:
  explicit SinkBuf(const ucf_sink& sink) : sink_(sink) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  ~SinkBuf() override { sync(); }

 protected:
  int_type overflow(int_type c) override {
    if (flushBuffer() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flushBuffer(); }

 private:
  int flushBuffer() {
    auto n = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    if (n == 0) return 0;
    return sink_.write(sink_.context, buffer_.data(), n) == UCF_OK ? 0 : -1;
  }

  const ucf_sink& sink_;
  std::array<char, 65536> buffer_{};
};

/// Carries a route handler of the plugin over `ucf_route_handler`.
struct RouteThunk {
  /// The streamed body of one response, owned by the plugin until the host releases it.
  struct Stream {
    std::function<void(std::ostream&)> write;
    static ucf_status writeTo(void* state, const ucf_sink* out) noexcept {
      try {
        SinkBuf buf(*out);
        std::ostream os(&buf);
        static_cast<Stream*>(state)->write(os);
        os.flush();
        return os ? UCF_OK : UCF_ERROR;
      } catch (...) {
        return UCF_ERROR;
      }
    }
    static void release(void* state) noexcept { delete static_cast<Stream*>(state); }
  };

  static ucf_status handle(void* state, const ucf_request* request, const ucf_response* response) noexcept {
    try {
      sdk::HttpRequest r;
      r.method = text(request->method);
      r.path = text(request->path);
      r.pathParams = pairsOf(request->path_params, request->path_param_count);
      r.query = pairsOf(request->query, request->query_count);
      r.headers = pairsOf(request->headers, request->header_count);
      if (request->principal != nullptr) r.principal = principalOf(*request->principal);
      r.contentLength = request->content_length;
      HostBodyBuf bodyBuf(*request);
      std::istream body(&bodyBuf);
      r.body = &body;
      sdk::HttpResponse out = static_cast<sdk::RouteHandler*>(state)->handle(r);
      response->set_status(response->context, out.status);
      for (const auto& [name, value] : out.headers) response->add_header(response->context, str(name), str(value));
      if (out.streamBody) {
        auto stream = std::make_unique<Stream>(Stream{std::move(out.streamBody)});
        ucf_body_stream s{sizeof s, stream.get(), out.streamLength, &Stream::writeTo, &Stream::release};
        response->set_stream(response->context, &s);
        (void)stream.release();  // the host calls Stream::release
        return UCF_OK;
      }
      if (out.body.empty()) return UCF_OK;
      return response->append_body(response->context, out.body.data(), out.body.size());
    } catch (...) {
      return UCF_ERROR;
    }
  }
};

/// Carries a service of the plugin over `ucf_service_handler`.
struct ServiceThunk {
  static ucf_status call(void* state, const ucf_service_call* call, const ucf_sink* answer,
                         const ucf_sink* error) noexcept {
    try {
      sdk::ServiceCall c{text(call->input), std::nullopt};
      if (call->principal != nullptr) c.principal = principalOf(*call->principal);
      sdk::ServiceAnswer a = static_cast<sdk::Service*>(state)->call(c);
      if (!a.ok) {
        report(error, a.error);
        return UCF_ERROR;
      }
      return answer->write(answer->context, a.output.data(), a.output.size());
    } catch (...) {
      report(error, currentError());
      return UCF_ERROR;
    }
  }
};

/// Throws what a host registry refused.
inline void throwIfRefused(ucf_status status, const std::string& why) {
  if (status != UCF_OK) throw std::invalid_argument(why.empty() ? "the host refused" : why);
}

/// The host's C table as an `sdk::HostContext`; owned by the plugin's instance from `start`
/// until `destroy`. Each service is a small member over the same table.
class HostContextOverC final : public sdk::HostContext {
 public:
  explicit HostContextOverC(const ucf_host_api& api)
      : menu_(api), routes_(api), services_(api), clock_(api), logger_(api), notifier_(api) {
    for (std::size_t i = 0; i < api.config_count; ++i) {
      config_.values[text(api.config[i].name)] = text(api.config[i].value);
    }
    dataSource_.kind = api.data_source_kind == UCF_DATA_SOURCE_POSTGRESQL ? sdk::DataSourceKind::kPostgresql
                                                                          : sdk::DataSourceKind::kSqlite;
    dataSource_.location = text(api.data_source_location);
  }

  sdk::MenuRegistry& menu() override { return menu_; }
  sdk::RouteRegistry& routes() override { return routes_; }
  const sdk::Clock& clock() const override { return clock_; }
  sdk::Logger& logger() override { return logger_; }
  const sdk::PluginConfig& config() const override { return config_; }
  const sdk::DataSource& dataSource() const override { return dataSource_; }
  sdk::Notifier& notifier() override { return notifier_; }
  sdk::ServiceRegistry& services() override { return services_; }

 private:
  struct Menu final : sdk::MenuRegistry {
    explicit Menu(const ucf_host_api& a) : api(a) {}
    void add(const std::string& parentId, const sdk::MenuItem& item) override {
      MenuItemView view(item);
      StringSink error;
      throwIfRefused(api.add_menu(api.host, str(parentId), &view.c, &error.sink), error.text);
    }
    const ucf_host_api& api;
  };
  struct Routes final : sdk::RouteRegistry {
    explicit Routes(const ucf_host_api& a) : api(a) {}
    void add(const sdk::RouteSpec& spec, sdk::RouteHandler& handler) override {
      ucf_route_spec s{sizeof s, str(spec.method), str(spec.pattern),
                       spec.access == sdk::RouteAccess::kPublic ? UCF_ROUTE_PUBLIC : UCF_ROUTE_AUTHENTICATED};
      ucf_route_handler h{sizeof h, &handler, &RouteThunk::handle};
      StringSink error;
      throwIfRefused(api.add_route(api.host, &s, &h, &error.sink), error.text);
    }
    const ucf_host_api& api;
  };
  struct Services final : sdk::ServiceRegistry {
    explicit Services(const ucf_host_api& a) : api(a) {}
    void add(const std::string& name, sdk::Service& service) override {
      ucf_service_handler h{sizeof h, &service, &ServiceThunk::call};
      StringSink error;
      throwIfRefused(api.add_service(api.host, str(name), &h, &error.sink), error.text);
    }
    const ucf_host_api& api;
  };
  struct ClockOverC final : sdk::Clock {
    explicit ClockOverC(const ucf_host_api& a) : api(a) {}
    [[nodiscard]] std::chrono::system_clock::time_point now() const override {
      return fromMicros(api.now_us(api.host));
    }
    const ucf_host_api& api;
  };
  struct LoggerOverC final : sdk::Logger {
    explicit LoggerOverC(const ucf_host_api& a) : api(a) {}
    void log(sdk::LogLevel level, std::string_view message) noexcept override {
      std::int32_t l = level == sdk::LogLevel::kDebug     ? UCF_LOG_DEBUG
                       : level == sdk::LogLevel::kInfo    ? UCF_LOG_INFO
                       : level == sdk::LogLevel::kWarning ? UCF_LOG_WARNING
                                                          : UCF_LOG_ERROR;
      api.log(api.host, l, str(message));
    }
    const ucf_host_api& api;
  };
  struct NotifierOverC final : sdk::Notifier {
    explicit NotifierOverC(const ucf_host_api& a) : api(a) {}
    void send(const sdk::Notification& notification) override {
      NotificationView view(notification);
      StringSink error;
      if (api.notify(api.host, &view.c, &error.sink) != UCF_OK) throw std::runtime_error(error.text);
    }
    const ucf_host_api& api;
  };

  Menu menu_;
  Routes routes_;
  Services services_;
  ClockOverC clock_;
  LoggerOverC logger_;
  NotifierOverC notifier_;
  sdk::PluginConfig config_;
  sdk::DataSource dataSource_;
};

/// The C table of `Plugin`, an `sdk::Plugin` with a default constructor.
template <class Plugin>
struct PluginEntry {
  struct Instance {
    Plugin plugin;
    std::unique_ptr<HostContextOverC> context;
  };

  static ucf_status create(void** instance, const ucf_sink* error) noexcept {
    try {
      *instance = new Instance();
      return UCF_OK;
    } catch (...) {
      report(error, currentError());
      return UCF_ERROR;
    }
  }
  static ucf_status start(void* instance, const ucf_host_api* host, const ucf_sink* error) noexcept {
    try {
      auto& self = *static_cast<Instance*>(instance);
      self.context = std::make_unique<HostContextOverC>(*host);
      sdk::StartResult started = self.plugin.start(*self.context);
      if (started.ok) return UCF_OK;
      report(error, started.error);
    } catch (...) {
      report(error, currentError());
    }
    return UCF_ERROR;
  }
  static void stop(void* instance) noexcept { static_cast<Instance*>(instance)->plugin.stop(); }
  static void destroy(void* instance) noexcept { delete static_cast<Instance*>(instance); }

  static const ucf_plugin_api* table() noexcept {
    static const ucf_plugin_api api{
        sizeof(ucf_plugin_api), UCF_ABI_MAJOR, UCF_ABI_MINOR, &create, &start, &stop, &destroy};
    return &api;
  }
};

}  // namespace ucf::abi

/// Exports `ucf_plugin_entry` for `Class` (an `sdk::Plugin` with a default constructor). Use once,
/// at namespace scope, beside `UCF_PLUGIN_METADATA`.
#define UCF_DECLARE_PLUGIN(Class)                                             \
  extern "C" UCF_PLUGIN_EXPORT const ucf_plugin_api* ucf_plugin_entry(void) { \
    return ::ucf::abi::PluginEntry<Class>::table();                           \
  }
