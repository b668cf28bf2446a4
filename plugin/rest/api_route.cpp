#include "plugin/rest/api_route.hpp"

#include "plugin/rest/problem.hpp"

namespace ucf::rest {

sdk::HttpResponse ApiRouteHandler::handle(sdk::HttpRequest& request) noexcept {
  try {
    return route_.handle(request);
  } catch (const std::exception& e) {
    try {
      onError_(route_.method + " " + route_.path + " failed: " + e.what());
    } catch (...) {
    }
  } catch (...) {
    try {
      onError_(route_.method + " " + route_.path + " failed with an unknown exception");
    } catch (...) {
    }
  }
  try {
    return problem(500, "Internal Server Error", "The request could not be completed; it has been logged.");
  } catch (...) {
    return sdk::HttpResponse{500, {}, {}, {}, -1};
  }
}

}  // namespace ucf::rest
