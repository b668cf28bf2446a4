// A plugin that registers a route and a menu entry, then throws from start: the host must
// unload it, drop what it registered, report it, and keep serving.
#include <memory>
#include <stdexcept>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include "ucf/sdk/plugin.hpp"

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
    // A misbehaving plugin lets an exception escape: the host must survive it.
    throw std::runtime_error("database unreachable");
  }
  void stop() noexcept override {}

 private:
  Hello hello_;
};

std::unique_ptr<ucf::sdk::Plugin> create() { return std::make_unique<ThrowingStart>(); }

}  // namespace

BOOST_DLL_ALIAS(create, ucf_create_plugin)

extern "C" BOOST_SYMBOL_EXPORT const ucf::sdk::AbiVersion ucf_plugin_abi_version;
const ucf::sdk::AbiVersion ucf_plugin_abi_version = ucf::sdk::kAbiVersion;
