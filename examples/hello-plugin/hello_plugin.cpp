// The minimum plugin (docs/SDK.md): metadata with one menu entry, one route, and the entry point.
#include "ucf/abi/plugin_entry.hpp"

namespace {

/// GET /api/hello/v1/greeting: greets whoever is logged in.
class Greeting final : public ucf::sdk::RouteHandler {
 public:
  ucf::sdk::HttpResponse handle(ucf::sdk::HttpRequest& request) noexcept override {
    ucf::sdk::HttpResponse response;
    std::string name = request.principal ? request.principal->displayName : "访客";
    response.body = "{\"greeting\":\"你好，" + name + "\"}";
    return response.with("Content-Type", "application/json");
  }
};

class HelloPlugin final : public ucf::sdk::Plugin {
 public:
  std::string id() const override { return "hello"; }
  ucf::sdk::StartResult start(ucf::sdk::HostContext& context) override {
    context.routes().add({"GET", "/api/hello/v1/greeting", ucf::sdk::RouteAccess::kPublic}, greeting_);
    context.logger().log(ucf::sdk::LogLevel::kInfo, "hello started");
    return {};
  }
  void stop() noexcept override {}

 private:
  Greeting greeting_;
};

}  // namespace

// The host reads this from the file and adds the menu entry itself; no code here runs for it.
UCF_PLUGIN_METADATA("hello", "1.0.0",
                    R"([{"parent":"export-licence","id":"hello","label":"你好","url":"/api/hello/v1/greeting"}])",
                    R"(["logger"])");
UCF_DECLARE_PLUGIN(HelloPlugin)
