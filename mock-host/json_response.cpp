#include "mock-host/json_response.hpp"

#include <boost/json/serialize.hpp>

namespace ucf::host {

sdk::HttpResponse json(int status, const boost::json::value& value) {
  return jsonText(status, boost::json::serialize(value));
}

sdk::HttpResponse jsonText(int status, std::string body) {
  sdk::HttpResponse r;
  r.status = status;
  r.with("Content-Type", "application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

sdk::HttpResponse problem(int status, std::string_view title, std::string_view detail, std::string_view field,
                          std::string_view code) {
  boost::json::object body{{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
  if (!field.empty()) {
    body["errors"] = boost::json::array{
        boost::json::object{{"field", field}, {"code", code.empty() ? "invalid" : code}, {"message", detail}}};
  }
  sdk::HttpResponse r;
  r.status = status;
  r.with("Content-Type", "application/problem+json; charset=utf-8");
  r.body = boost::json::serialize(body);
  return r;
}

sdk::HttpResponse databaseProblem(dbkit::SqlErrorClass errorClass) {
  if (errorClass == dbkit::SqlErrorClass::kDiskFull) {
    return problem(507, "Insufficient Storage", "存储空间不足，未保存 (no space left to store it; nothing was saved)");
  }
  // Service resumes within 2 s of the database's return: a second is a fair wait.
  return problem(503, "Service Unavailable", "数据库暂时不可用，请稍后重试 (the database is unavailable or busy)")
      .with("Retry-After", "1");
}

sdk::HttpResponse problem(int status, std::string_view title, std::string_view detail,
                          const std::vector<FieldProblem>& errors) {
  boost::json::object body{{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
  boost::json::array list;
  for (const auto& e : errors) {
    list.push_back(boost::json::object{{"field", e.field}, {"code", e.code}, {"message", e.message}});
  }
  body["errors"] = std::move(list);
  sdk::HttpResponse r;
  r.status = status;
  r.with("Content-Type", "application/problem+json; charset=utf-8");
  r.body = boost::json::serialize(body);
  return r;
}

}  // namespace ucf::host
