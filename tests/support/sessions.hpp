#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/http_client.hpp"

/// Whole sessions built from the single steps of login_steps.hpp.
namespace ucf::test {

/// A password that meets the host's policy.
inline constexpr const char* kPassword = "Passw0rd2026";

/// Registers a non-CA enterprise account through the host's real endpoints (captcha answer from
/// dev mode) and logs it in: the returned client carries the session cookie and CSRF token.
HttpClient enterpriseSession(std::uint16_t port, const std::string& account, const std::string& uscc,
                             const std::string& enterpriseName = "福建测试二手车出口有限公司");

/// Issues a dev-CA soft e-key for `uscc` (CN `username`, CA account provisioned) and logs in
/// with it: a CA principal, `verified` for `uscc` (docs/PRODUCT.md §2.1).
HttpClient caSession(std::uint16_t port, const std::string& username, const std::string& uscc,
                     const std::string& enterpriseName = "福建测试二手车出口有限公司");

/// `PUT` (or, with `trusted` false, `DELETE`) `/api/enterprise/accounts/{account}/trust` as the CA
/// user `ca`; the status.
int setTrusted(HttpClient& ca, const std::string& account, bool trusted = true);

/// Logs in an existing account (any kind) with account + password + captcha.
HttpClient loginSession(std::uint16_t port, const std::string& account, const std::string& password = kPassword);

/// Creates an authority account (dev endpoint) and logs it in.
HttpClient authoritySession(std::uint16_t port, const std::string& account, const std::vector<std::string>& roles,
                            const std::string& provinceCode);

}  // namespace ucf::test
