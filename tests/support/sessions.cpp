#include "tests/support/sessions.hpp"

#include <stdexcept>

#include <boost/json/value.hpp>

namespace ucf::test {
namespace {

boost::json::object captcha(HttpClient& client) {
  auto r = client.get("/api/auth/captcha");
  if (r.status != 200) throw std::runtime_error("captcha: " + std::to_string(r.status) + " " + r.body);
  return r.json().as_object();
}

void expect(const HttpResult& r, int status, const char* what) {
  if (r.status != status) {
    throw std::runtime_error(std::string(what) + ": expected " + std::to_string(status) + ", got " +
                             std::to_string(r.status) + " " + r.body);
  }
}

}  // namespace

HttpClient loginSession(std::uint16_t port, const std::string& account, const std::string& password) {
  HttpClient client(port);
  auto c = captcha(client);
  auto r = client.postJson("/api/auth/login", boost::json::object{{"account", account},
                                                                  {"password", password},
                                                                  {"captchaId", c.at("captchaId")},
                                                                  {"captcha", c.at("answer")}});
  expect(r, 200, "login");
  client.csrfToken() = std::string(r.json().at("csrfToken").as_string());
  return client;
}

HttpClient enterpriseSession(std::uint16_t port, const std::string& account, const std::string& uscc,
                             const std::string& enterpriseName) {
  HttpClient client(port);
  auto c = captcha(client);
  auto r = client.postJson("/api/auth/register", boost::json::object{{"account", account},
                                                                     {"password", kPassword},
                                                                     {"accountType", "enterprise"},
                                                                     {"enterpriseName", enterpriseName},
                                                                     {"uscc", uscc},
                                                                     {"contactName", "张三"},
                                                                     {"contactMobile", "13800138000"},
                                                                     {"contactEmail", "zhangsan@example.com"},
                                                                     {"captchaId", c.at("captchaId")},
                                                                     {"captcha", c.at("answer")}});
  expect(r, 201, "register");
  return loginSession(port, account);
}

HttpClient authoritySession(std::uint16_t port, const std::string& account, const std::vector<std::string>& roles,
                            const std::string& provinceCode) {
  HttpClient admin(port);
  boost::json::array roleList;
  for (const auto& role : roles) roleList.push_back(boost::json::string(role));
  boost::json::object body{{"account", account}, {"password", kPassword}, {"roles", roleList}};
  if (!provinceCode.empty()) body["provinceCode"] = provinceCode;
  auto r = admin.postJson("/api/dev/authority-accounts", body);
  if (r.status != 201 && r.status != 200) expect(r, 201, "create authority account");
  return loginSession(port, account);
}

}  // namespace ucf::test
