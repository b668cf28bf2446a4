#include "plugin/rest/problem.hpp"

#include <boost/json/serialize.hpp>

namespace ucf::rest {

namespace {
constexpr std::string_view kProblemTypeBase = "https://used-car-filing.mofcom.example/problems/";
}

sdk::HttpResponse problem(int status, std::string_view title, std::string_view detail, std::string_view type,
                          const std::vector<FieldProblem>& errors) {
  boost::json::object body;
  body["type"] = type.empty() ? std::string("about:blank") : std::string(kProblemTypeBase) + std::string(type);
  body["title"] = title;
  body["status"] = status;
  body["detail"] = detail;
  if (!errors.empty()) {
    boost::json::array list;
    for (const auto& e : errors) {
      list.push_back(boost::json::object{{"field", e.field}, {"code", e.code}, {"message", e.message}});
    }
    body["errors"] = std::move(list);
  }
  sdk::HttpResponse response;
  response.status = status;
  response.with("Content-Type", "application/problem+json; charset=utf-8");
  response.body = boost::json::serialize(body);
  return response;
}

sdk::HttpResponse json(int status, const boost::json::value& value) {
  return jsonText(status, boost::json::serialize(value));
}

sdk::HttpResponse jsonText(int status, std::string body) {
  sdk::HttpResponse response;
  response.status = status;
  response.with("Content-Type", "application/json; charset=utf-8");
  response.body = std::move(body);
  return response;
}

}  // namespace ucf::rest
