#pragma once

#include <map>
#include <string>
#include <string_view>

#include "mock-host/route_table.hpp"
#include "ucf/sdk/route_handler.hpp"

namespace ucf::host {

/// The platform's pages, embedded at build time from mock-host/pages/ (and sm-crypto's SM2 bundle
/// from mock-host/vendor/): the login page (account + captcha, registration, e-key) at `/` and
/// `/login`; the way in of the manual — 业务大厅 at `/hall`, 选择对应在有效期内的CA at
/// `/licence/ca`, the licence platform's home (出口许可证) at `/licence`, the export-licence frame
/// at `/app`; a placeholder for the licence functions this mock host lacks at
/// `/app/export-licence/{page}`; 企业账号管理 at `/app/enterprise/accounts`; their scripts and
/// stylesheet at `/platform/{file}`. Every route is a public GET; the pages behind the login
/// redirect to it without a session, and ask `GET /api/session` themselves. Read-only after
/// construction, so `handle` is safe from any thread.
class PagesHandler final : public sdk::RouteHandler {
 public:
  PagesHandler();

  /// Adds the routes above to `routes` as the host's own.
  void registerIn(RouteTable& routes);

  sdk::HttpResponse handle(sdk::HttpRequest& request) noexcept override;

 private:
  struct Asset {
    std::string_view body;    ///< Embedded bytes (static storage).
    std::string contentType;  ///< From the file's extension.
    std::string etag;         ///< Strong validator over the bytes.
  };

  sdk::HttpResponse serve(const sdk::HttpRequest& request, std::string_view name, bool frameable) const;

  std::map<std::string, Asset, std::less<>> assets_;
};

}  // namespace ucf::host
