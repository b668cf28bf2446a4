#pragma once

#include <string>

#include <boost/json/value.hpp>

#include "tests/support/http_client.hpp"

namespace ucf::test {

/// The plugin's API base path.
inline constexpr const char* kApi = "/api/used-car-filing/v1";

/// A complete, valid form of docs/PRODUCT.md §3 (category MANUFACTURER unless told), address in Fujian.
boost::json::object validForm(const std::string& category = "MANUFACTURER");

/// A multipart/form-data body with one `file` part; returns the body, sets `contentType`.
std::string multipartBody(const std::string& fileName, const std::string& bytes, std::string& contentType,
                          const std::string& fieldName = "file");

/// Uploads `bytes` as `fileName` into `slot` of filing `id`.
HttpResult upload(HttpClient& client, long long id, const std::string& slot, const std::string& fileName,
                  const std::string& bytes);

/// `"<version>"` of a detail response.
std::string etag(const HttpResult& detail);

/// Uploads a valid file into every slot `category` requires (PNG for images, PDF otherwise).
void uploadAllMaterials(HttpClient& client, long long id, const std::string& category = "MANUFACTURER");

/// Creates a complete filing with every material, submits it; returns its id.
long long submittedFiling(HttpClient& enterprise, const std::string& category = "MANUFACTURER");

/// Takes a submitted filing through first review and re-review to APPROVED.
void approve(HttpClient& reviewer, HttpClient& rechecker, long long id);

}  // namespace ucf::test
