// The plugin's entry points: the exported ABI version and factory, and the Plugin that wires
// the adapters, services and REST handlers together at start.
#include <memory>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include "plugin/rest/meta_form_handler.hpp"
#include "ucf/sdk/plugin.hpp"

namespace ucf::plugin {
namespace {

constexpr const char* kBasePath = "/api/used-car-filing/v1";

class UsedCarFilingPlugin final : public sdk::Plugin {
 public:
  std::string id() const override { return "used-car-filing"; }

  sdk::StartResult start(sdk::HostContext& context) override {
    try {
      sdk::MenuItem group{"used-car-filing", "二手车备案", "", {sdk::Role::kEnterprise}, {}};
      group.children.push_back({"used-car-filing-new", "新增", "/used-car-filing/new", {sdk::Role::kEnterprise}, {}});
      group.children.push_back(
          {"used-car-filing-list", "二手车备案列表", "/used-car-filing/list", {sdk::Role::kEnterprise}, {}});
      context.menu().add("export-licence", group);
      context.menu().add("export-licence",
                         {"used-car-filing-review",
                          "二手车备案审核",
                          "/used-car-filing/review",
                          {sdk::Role::kReviewer, sdk::Role::kRechecker, sdk::Role::kSupervisor},
                          {}});

      metaForm_ = std::make_unique<rest::MetaFormHandler>();
      context.routes().add({"GET", std::string(kBasePath) + "/meta/form", sdk::RouteAccess::kAuthenticated},
                           *metaForm_);
      context.logger().log(sdk::LogLevel::kInfo, "used-car-filing started");
      return {};
    } catch (const std::exception& e) {
      return {false, e.what()};
    } catch (...) {
      return {false, "unknown error"};
    }
  }

  void stop() noexcept override { metaForm_.reset(); }

 private:
  std::unique_ptr<rest::MetaFormHandler> metaForm_;
};

std::unique_ptr<sdk::Plugin> createPlugin() { return std::make_unique<UsedCarFilingPlugin>(); }

}  // namespace
}  // namespace ucf::plugin

extern "C" BOOST_SYMBOL_EXPORT const ucf::sdk::AbiVersion ucf_plugin_abi_version;
const ucf::sdk::AbiVersion ucf_plugin_abi_version = ucf::sdk::kAbiVersion;

BOOST_DLL_ALIAS(ucf::plugin::createPlugin, ucf_create_plugin)
