#pragma once

#include <string>
#include <string_view>

namespace ucf::domain {

/// The filer a filing belongs to (docs/PRODUCT.md §2.1): all verified principals of a USCC together are one
/// filer, each unverified account is a filer of its own. Fixed when the filing is created; trust
/// given or withdrawn later never changes it. The one-open-新增 rule counts per filer and USCC.
inline constexpr std::string_view kVerifiedFiler = "verified";

/// The filer of a filing created now by the account `userId`, verified or not.
inline std::string filerOf(bool verified, const std::string& userId) {
  return verified ? std::string(kVerifiedFiler) : "account:" + userId;
}

}  // namespace ucf::domain
