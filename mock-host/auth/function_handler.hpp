#pragma once

#include <functional>
#include <string>
#include <utility>

#include "ucf/sdk/logger.hpp"
#include "ucf/sdk/route_handler.hpp"

namespace ucf::host::auth {

/// A route handler made of a function: whatever the function throws is logged (with `name`)
/// and answered as a 500 problem+json whose body reveals nothing of it.
class FunctionHandler final : public sdk::RouteHandler {
 public:
  /// What a host endpoint does.
  using Function = std::function<sdk::HttpResponse(sdk::HttpRequest&)>;

  FunctionHandler(std::string name, Function function, sdk::Logger& logger)
      : name_(std::move(name)), function_(std::move(function)), logger_(logger) {}

  sdk::HttpResponse handle(sdk::HttpRequest& request) noexcept override;

 private:
  std::string name_;
  Function function_;
  sdk::Logger& logger_;
};

}  // namespace ucf::host::auth
