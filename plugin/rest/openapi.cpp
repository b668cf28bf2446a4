#include "plugin/rest/openapi.hpp"

#include <map>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace ucf::rest {
namespace {

namespace bj = boost::json;

const char* reasonOf(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Malformed request (not JSON, duplicate keys, too deep, bad multipart)";
    case 401: return "Not logged in";
    case 403: return "Wrong role, or missing/bad CSRF token";
    case 404: return "Not found, or not the caller's / not in the reviewer's scope";
    case 409: return "The status does not allow the action, or a second open application";
    case 412: return "If-Match names an older version";
    case 413: return "File over the slot's limit";
    case 415: return "File of a kind the slot does not take";
    case 422: return "Validation failed; `errors` lists every failing member";
    case 428: return "If-Match missing";
    case 503: return "The database is unavailable, slow or busy; retry after `Retry-After` seconds";
    case 507: return "No space left to store it; nothing was saved";
    default: return "Response";
  }
}

bj::object problemRef() { return {{"$ref", "#/components/schemas/Problem"}}; }

bj::object headerParam(const char* name, const char* description) {
  return {{"name", name},
          {"in", "header"},
          {"required", true},
          {"description", description},
          {"schema", {{"type", "string"}}}};
}

bj::array parametersOf(const ApiRoute& r) {
  bj::array params;
  const std::string& p = r.path;
  for (std::size_t at = p.find('{'); at != std::string::npos; at = p.find('{', at + 1)) {
    std::string name = p.substr(at + 1, p.find('}', at) - at - 1);
    params.push_back(bj::object{{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  for (const auto& q : r.queryParams) {
    params.push_back(bj::object{{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
  }
  if (r.precondition == Precondition::kIfMatch) {
    params.push_back(headerParam("If-Match", "The version read, as the ETag gave it: \"<version>\""));
  }
  if (r.method != "GET") {
    params.push_back(headerParam("X-CSRF-Token", "The session's CSRF token (checked by the host)"));
  }
  return params;
}

bj::object requestBodyOf(RequestBody body) {
  switch (body) {
    case RequestBody::kNone: return {};
    case RequestBody::kJson:
      return {{"required", false},
              {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/JsonObject"}}}}}}}};
    case RequestBody::kMultipart:
      return {{"required", true},
              {"content",
               {{"multipart/form-data",
                 {{"schema",
                   {{"type", "object"},
                    {"required", bj::array{"file"}},
                    {"properties",
                     {{"file", {{"type", "string"}, {"contentMediaType", "application/octet-stream"}}}}}}}}}}}};
  }
  return {};
}

bj::object successContent(const ApiRoute& r) {
  std::string type = r.path.ends_with(".csv") ? "text/csv"
                     : (r.method == "GET" && r.path.find("/attachments/") != std::string::npos)
                         ? "application/octet-stream"
                         : "application/json";
  bj::object schema{{"type", "string"}};
  if (type == "application/json") {
    schema = {
        {"$ref", "#/components/schemas/" + (r.responseSchema.empty() ? std::string("JsonObject") : r.responseSchema)}};
  }
  return {{type, {{"schema", std::move(schema)}}}};
}

bj::object responsesOf(const ApiRoute& r) {
  bj::object responses;
  std::vector<int> statuses = r.statuses;
  if (r.access == sdk::RouteAccess::kAuthenticated) {
    statuses.push_back(401);
    // Every route behind a login reads or writes the store (docs/RELIABILITY.md).
    statuses.push_back(503);
    if (r.method != "GET") statuses.push_back(507);
  }
  for (int s : statuses) {
    bj::object resp{{"description", reasonOf(s)}};
    if (s == 503) resp["headers"] = bj::object{{"Retry-After", {{"schema", {{"type", "integer"}}}}}};
    if (s >= 400) {
      resp["content"] = bj::object{{"application/problem+json", {{"schema", problemRef()}}}};
    } else if (s != 204) {
      resp["content"] = successContent(r);
    }
    responses[std::to_string(s)] = std::move(resp);
  }
  return responses;
}

bj::object operation(const ApiRoute& r) {
  bj::object op{{"summary", r.summary}, {"description", "Who: " + r.who}, {"operationId", r.method + " " + r.path}};
  if (auto params = parametersOf(r); !params.empty()) op["parameters"] = std::move(params);
  if (auto body = requestBodyOf(r.body); !body.empty()) op["requestBody"] = std::move(body);
  op["responses"] = responsesOf(r);
  if (r.access == sdk::RouteAccess::kPublic) op["security"] = bj::array{};
  return op;
}

// An object schema whose members are all required.
bj::object objectOf(std::initializer_list<std::pair<const char*, bj::object>> members) {
  bj::object properties;
  bj::array required;
  for (const auto& [name, schema] : members) {
    properties[name] = schema;
    required.push_back(bj::value(name));
  }
  return {{"type", "object"}, {"required", std::move(required)}, {"properties", std::move(properties)}};
}

// `GET /review/stats` (docs/PRODUCT.md §10).
bj::object statsSchema() {
  const bj::object text{{"type", "string"}};
  const bj::object count{{"type", "integer"}, {"minimum", 0}};
  auto arrayOf = [](bj::object item) { return bj::object{{"type", "array"}, {"items", std::move(item)}}; };
  bj::object byMonth =
      arrayOf(objectOf({{"month", {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}$"}}}, {"count", count}}));
  byMonth["minItems"] = 12;
  byMonth["maxItems"] = 12;
  return objectOf({{"asOf", {{"type", "string"}, {"format", "date-time"}}},
                   {"byStatus", arrayOf(objectOf({{"status", text}, {"count", count}}))},
                   {"byProvince", arrayOf(objectOf({{"provinceCode", text},
                                                    {"provinceName", text},
                                                    {"approvedInForce", count},
                                                    {"pendingReview", count},
                                                    {"rejected", count},
                                                    {"expiringWithin30", count}}))},
                   {"approvalsByMonth", std::move(byMonth)},
                   {"medianReviewDays", {{"type", bj::array{"number", "null"}}}}});
}

}  // namespace

std::string openApiDocument(const std::vector<ApiRoute>& routes, const std::string& basePath) {
  std::map<std::string, bj::object> paths;
  for (const auto& r : routes) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[r.path][method] = operation(r);
  }
  bj::object pathsJson;
  for (auto& [path, ops] : paths) pathsJson[path] = std::move(ops);
  bj::object errorItem{{"type", "object"},
                       {"required", bj::array{"field", "code", "message"}},
                       {"properties", bj::object{{"field", bj::object{{"type", "string"}}},
                                                 {"code", bj::object{{"type", "string"}}},
                                                 {"message", bj::object{{"type", "string"}}}}}};
  bj::object problemSchema{{"type", "object"},
                           {"required", bj::array{"type", "title", "status"}},
                           {"properties", bj::object{{"type", bj::object{{"type", "string"}}},
                                                     {"title", bj::object{{"type", "string"}}},
                                                     {"status", bj::object{{"type", "integer"}}},
                                                     {"detail", bj::object{{"type", "string"}}},
                                                     {"errors", bj::object{{"type", "array"}, {"items", errorItem}}}}}};
  bj::object components{
      {"securitySchemes",
       bj::object{{"session",
                   bj::object{{"type", "apiKey"},
                              {"in", "cookie"},
                              {"name", "ucf_session"},
                              {"description", "Over HTTPS (--tls-cert) the cookie is __Host-ucf_session, Secure."}}}}},
      {"schemas",
       bj::object{
           {"JsonObject", bj::object{{"type", "object"}}}, {"Problem", problemSchema}, {"Stats", statsSchema()}}}};
  bj::object info{{"title", "二手车出口企业备案 (used-car export filing) API"},
                  {"version", "1.0.0"},
                  {"description",
                   "The plugin's REST contract: enterprises file, edit, submit and change their used-car export "
                   "qualification; provincial commerce departments review it."}};
  bj::object doc{{"openapi", "3.1.0"},
                 {"info", std::move(info)},
                 {"servers", bj::array{bj::object{{"url", basePath}}}},
                 {"security", bj::array{bj::object{{"session", bj::array{}}}}},
                 {"paths", std::move(pathsJson)},
                 {"components", std::move(components)}};
  return bj::serialize(doc);
}

}  // namespace ucf::rest
