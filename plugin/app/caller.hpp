#pragma once

#include <string>

#include "plugin/domain/filing.hpp"

namespace ucf::app {

/// Who calls a use case, as the services need it (the REST layer builds it from the host's
/// principal). Plain value.
struct Caller {
  domain::Actor actor;
  bool enterprise = false;
  bool reviewer = false;
  bool rechecker = false;
  bool supervisor = false;
  bool verified = false;       ///< enterprise users acting for `uscc` (docs/PRODUCT.md §2.1)
  std::string uscc;            ///< enterprise users
  std::string enterpriseName;  ///< enterprise users
  std::string provinceCode;    ///< reviewers and recheckers

  [[nodiscard]] bool authority() const { return reviewer || rechecker || supervisor; }
};

}  // namespace ucf::app
