// A plugin that registers a route and a menu entry, then throws from start: the host must
// unload it, drop what it registered, report it, and keep serving.
#include <stdexcept>

#include "ucf/abi/plugin_entry.hpp"

namespace {

class Hello final : public ucf::sdk::RouteHandler {
 public:
  ucf::sdk::HttpResponse handle(ucf::sdk::HttpRequest&) noexcept override { return {200, {}, "hello", {}, -1}; }
};

class ThrowingStart final : public ucf::sdk::Plugin {
 public:
  std::string id() const override { return "throwing-start"; }
  ucf::sdk::StartResult start(ucf::sdk::HostContext& context) override {
    context.routes().add({"GET", "/throwing/hello", ucf::sdk::RouteAccess::kPublic}, hello_);
    context.menu().add("export-licence", {"throwing-item", "会失败的插件", "/throwing", {}, {}});
    // A misbehaving plugin lets an exception escape: the wrapper must turn it into a status.
    throw std::runtime_error("database unreachable");
  }
  void stop() noexcept override {}

 private:
  Hello hello_;
};

}  // namespace

UCF_PLUGIN_METADATA("throwing-start", "1.0.0", "[]", R"(["logger"])");
UCF_DECLARE_PLUGIN(ThrowingStart)
