#pragma once

#include <string>

#include "ucf/sdk/route_handler.hpp"

namespace ucf::rest {

/// `GET /meta/form`: the form of docs/PRODUCT.md §3 as data, rendered once from the domain's definitions.
class MetaFormHandler final : public sdk::RouteHandler {
 public:
  MetaFormHandler();
  sdk::HttpResponse handle(sdk::HttpRequest& request) noexcept override;

  /// The document this handler serves (also used by the OpenAPI example and tests).
  [[nodiscard]] const std::string& document() const { return document_; }

 private:
  std::string document_;
};

}  // namespace ucf::rest
