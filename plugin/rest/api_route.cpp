#include "plugin/rest/api_route.hpp"

#include "plugin/rest/error_response.hpp"
#include "plugin/rest/problem.hpp"

namespace ucf::rest {

sdk::HttpResponse ApiRouteHandler::handle(sdk::HttpRequest& request) noexcept {
  try {
    return route_.handle(request);
  } catch (const app::StoreFailure& e) {
    // Expected while the database restarts or the disk is full: logged, answered 503/507, not 500.
    try {
      onError_(route_.method + " " + route_.path + " refused: " + e.what());
      return problemOf(e);
    } catch (...) {
    }
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
