#pragma once

#include <map>
#include <string>
#include <string_view>

#include "ucf/sdk/route_handler.hpp"
#include "ucf/sdk/route_registry.hpp"

namespace ucf::rest {

/// The plugin's pages (plugin/pages/, embedded at build time): 二手车备案列表, 新增/修改/变更,
/// 详情, 打印备案证明, 二手车备案审核 and its decision page, and 统计, at `/used-car-filing/{page}`;
/// their scripts, stylesheet and ECharts (plugin/vendor) at `/used-car-filing/assets/{file}`. Public GET routes: the pages are static and
/// call the API, which requires the session (a page sends the user to `/login` on 401).
/// Read-only after construction, so `handle` is safe from any thread.
class PagesHandler final : public sdk::RouteHandler {
 public:
  /// Where the pages live.
  static constexpr std::string_view kBasePath = "/used-car-filing";

  PagesHandler();

  /// Registers every page and the asset route with `routes` (during `Plugin::start`).
  void registerIn(sdk::RouteRegistry& routes);

  sdk::HttpResponse handle(sdk::HttpRequest& request) noexcept override;

 private:
  struct Asset {
    std::string_view body;    ///< Embedded bytes (static storage of the plugin).
    std::string contentType;  ///< From the file's extension.
    std::string etag;         ///< Strong validator over the bytes.
  };

  std::map<std::string, Asset, std::less<>> assets_;
};

}  // namespace ucf::rest
