#pragma once

#include <string>

#include "plugin/app/filing_service.hpp"
#include "ucf/sdk/service.hpp"

namespace ucf::rest {

/// The JSON of a qualification: `{qualified, filingId, approvedAt, validUntil}` (docs/PRODUCT.md §10).
std::string qualificationJson(const app::Qualification& q);

/// The `qualification` service the plugin offers the host (docs/PRODUCT.md §10, §11; docs/SDK.md):
/// for the call's principal, the same answer as `GET /qualification`. A call without an
/// enterprise principal fails with the reason.
class QualificationService final : public sdk::Service {
 public:
  explicit QualificationService(app::FilingService& filings) : filings_(filings) {}
  sdk::ServiceAnswer call(const sdk::ServiceCall& call) noexcept override;

 private:
  app::FilingService& filings_;
};

}  // namespace ucf::rest
