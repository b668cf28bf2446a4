#include "tests/support/sessions.hpp"

#include <stdexcept>

#include "tests/support/login_steps.hpp"

namespace ucf::test {
namespace {

void expect(const HttpResult& r, int status, const char* what) {
  if (r.status != status) {
    throw std::runtime_error(std::string(what) + ": expected " + std::to_string(status) + ", got " +
                             std::to_string(r.status) + " " + r.body);
  }
}

}  // namespace

HttpClient loginSession(std::uint16_t port, const std::string& account, const std::string& password) {
  HttpClient client(port);
  expect(loginWithPassword(client, account, password), 200, "login");
  return client;
}

HttpClient enterpriseSession(std::uint16_t port, const std::string& account, const std::string& uscc,
                             const std::string& enterpriseName) {
  HttpClient client(port);
  expect(registerEnterprise(client, account, kPassword, uscc, enterpriseName), 201, "register");
  return loginSession(port, account);
}

HttpClient caSession(std::uint16_t port, const std::string& username, const std::string& uscc,
                     const std::string& enterpriseName) {
  HttpClient client(port);
  SoftEkey ekey = issueDevEkey(client, uscc, enterpriseName, username, kPassword);
  expect(loginWithEkey(client, ekey, kPassword), 200, "e-key login");
  return client;
}

int setTrusted(HttpClient& ca, const std::string& account, bool trusted) {
  const std::string path = "/api/enterprise/accounts/" + account + "/trust";
  return trusted ? ca.put(path, "").status : ca.del(path).status;
}

HttpClient authoritySession(std::uint16_t port, const std::string& account, const std::vector<std::string>& roles,
                            const std::string& provinceCode) {
  HttpClient admin(port);
  expect(provisionAuthority(admin, account, kPassword, roles, provinceCode), 201, "create authority account");
  return loginSession(port, account);
}

}  // namespace ucf::test
