#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

#include "mock-host/json_response.hpp"
#include "ucf/sdk/http_request.hpp"
#include "ucf/sdk/http_response.hpp"

namespace ucf::host::auth {

/// Largest body a host auth endpoint reads (a certificate chain in PEM fits many times).
inline constexpr std::size_t kMaxAuthBodyBytes = 64 * 1024;

/// Reads the request body as one JSON object of at most `limit` bytes. On failure the variant
/// holds the answer to send: 413 for a larger body, 400 for malformed JSON or a non-object.
std::variant<boost::json::object, sdk::HttpResponse> readJsonObject(sdk::HttpRequest& request,
                                                                    std::size_t limit = kMaxAuthBodyBytes);

/// The members of a request object, read one by one while collecting each bad member's
/// problem, so that a 422 names every bad field at once. A member the endpoint does not know
/// is refused (`unknown_field`) rather than silently dropped.
class JsonFields {
 public:
  /// Reads `object`, whose allowed members are `known`.
  JsonFields(const boost::json::object& object, std::initializer_list<std::string_view> known);

  /// A required string member (`required` when absent, null or empty; `invalid_type` when not a
  /// string). Returns "" after recording the problem.
  std::string text(std::string_view name);
  /// An optional string member: nullopt when absent or null.
  std::optional<std::string> optionalText(std::string_view name);
  /// A required array of strings; empty after recording the problem.
  std::vector<std::string> textList(std::string_view name);

  /// Records a problem found by a rule.
  void add(FieldProblem problem) { problems_.push_back(std::move(problem)); }
  /// Records `problem` when it holds one.
  void add(std::optional<FieldProblem> problem) {
    if (problem) problems_.push_back(std::move(*problem));
  }
  /// Whether `name` already has a problem (so later rules skip it).
  [[nodiscard]] bool failed(std::string_view name) const;
  /// Every problem so far, in the order found.
  [[nodiscard]] const std::vector<FieldProblem>& problems() const { return problems_; }
  /// The 422 problem+json naming every bad member.
  [[nodiscard]] sdk::HttpResponse response() const;

 private:
  const boost::json::object& object_;
  std::vector<FieldProblem> problems_;
};

}  // namespace ucf::host::auth
