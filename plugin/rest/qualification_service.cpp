#include "plugin/rest/qualification_service.hpp"

#include <exception>
#include <optional>

#include "plugin/json/json_writer.hpp"
#include "plugin/rest/caller_of.hpp"

namespace ucf::rest {

std::string qualificationJson(const app::Qualification& q) {
  json::JsonWriter out;
  out.beginObject().member("qualified", q.qualified).member("filingId", q.filingId);
  out.member("approvedAt", q.approvedAt ? std::optional(domain::toIsoInstant(*q.approvedAt)) : std::nullopt);
  out.member("validUntil", q.validUntil ? std::optional(domain::toIsoString(*q.validUntil)) : std::nullopt);
  return out.endObject().take();
}

sdk::ServiceAnswer QualificationService::call(const sdk::ServiceCall& call) noexcept {
  try {
    if (!call.principal) return {false, {}, "qualification needs the enterprise's principal"};
    auto outcome = filings_.qualification(callerOf(*call.principal));
    if (!outcome.ok()) return {false, {}, outcome.error().message};
    return {true, qualificationJson(outcome.value()), {}};
  } catch (const std::exception& e) {
    return {false, {}, e.what()};
  }
}

}  // namespace ucf::rest
