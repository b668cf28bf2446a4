#include "mock-host/licence_qualification_handler.hpp"

#include "mock-host/json_response.hpp"

namespace ucf::host {

sdk::HttpResponse LicenceQualificationHandler::handle(sdk::HttpRequest& request) noexcept {
  try {
    if (!request.principal || !request.principal->has(sdk::Role::kEnterprise)) {
      return problem(403, "Forbidden", "Only an enterprise has a used-car export qualification.");
    }
    sdk::Service* service = services_.find("qualification");
    if (service == nullptr) {
      return problem(503, "Service Unavailable", "No plugin offers the used-car qualification.");
    }
    sdk::ServiceAnswer answer = service->call({"{}", request.principal});
    if (!answer.ok) {
      logger_.log(sdk::LogLevel::kError, "qualification service failed: " + answer.error);
      return problem(503, "Service Unavailable", "The used-car qualification cannot be read now.");
    }
    return jsonText(200, std::move(answer.output));
  } catch (const std::exception& e) {
    logger_.log(sdk::LogLevel::kError, std::string("qualification failed: ") + e.what());
    return problem(500, "Internal Server Error", "The request could not be completed.");
  }
}

}  // namespace ucf::host
