#pragma once
// Logging in through the mock host's real endpoints, as a browser or an e-key client would:
// for tests that need a registered enterprise user, a CA (e-key) user or an authority account.
// Dev mode only (the captcha answer and the dev endpoints). Header-only.

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <boost/json.hpp>

#include "tests/support/http_client.hpp"

namespace ucf::test {

/// A captcha as a dev host hands it out.
struct Captcha {
  std::string id;
  std::string answer;
};

/// `GET /api/auth/captcha` (dev mode: the answer comes with it).
inline Captcha freshCaptcha(HttpClient& client) {
  auto r = client.get("/api/auth/captcha");
  if (r.status != 200) throw std::runtime_error("captcha: " + std::to_string(r.status) + " " + r.body);
  auto o = r.json().as_object();
  return {std::string(o.at("captchaId").as_string()), std::string(o.at("answer").as_string())};
}

/// `POST /api/auth/register` of an enterprise account with valid contact data.
inline HttpResult registerEnterprise(HttpClient& client, const std::string& account, const std::string& password,
                                     const std::string& uscc, const std::string& enterpriseName,
                                     const std::string& accountType = "enterprise") {
  Captcha c = freshCaptcha(client);
  return client.postJson("/api/auth/register", boost::json::object{{"account", account},
                                                                   {"password", password},
                                                                   {"accountType", accountType},
                                                                   {"enterpriseName", enterpriseName},
                                                                   {"uscc", uscc},
                                                                   {"contactName", "张三"},
                                                                   {"contactMobile", "13800138000"},
                                                                   {"contactEmail", "zhangsan@example.com"},
                                                                   {"captchaId", c.id},
                                                                   {"captcha", c.answer}});
}

/// `POST /api/auth/login` with a fresh captcha; on success the client holds the session
/// cookie and its CSRF token.
inline HttpResult loginWithPassword(HttpClient& client, const std::string& account, const std::string& password) {
  Captcha c = freshCaptcha(client);
  auto r = client.postJson(
      "/api/auth/login",
      boost::json::object{{"account", account}, {"password", password}, {"captchaId", c.id}, {"captcha", c.answer}});
  if (r.status == 200) client.csrfToken() = std::string(r.json().at("csrfToken").as_string());
  return r;
}

/// `POST /api/dev/authority-accounts`.
inline HttpResult provisionAuthority(HttpClient& client, const std::string& account, const std::string& password,
                                     const std::vector<std::string>& roles, const std::string& provinceCode) {
  boost::json::array roleWords;
  for (const auto& r : roles) roleWords.emplace_back(r);
  boost::json::object body{{"account", account}, {"password", password}, {"roles", std::move(roleWords)}};
  if (!provinceCode.empty()) body["provinceCode"] = provinceCode;
  return client.postJson("/api/dev/authority-accounts", body);
}

/// A soft e-key: a certificate and its private key (PEM).
struct SoftEkey {
  std::string certificatePem;
  std::string privateKeyPem;
};

/// `POST /api/dev/enterprise-certificates`: a certificate from the dev CA, CA account included.
inline SoftEkey issueDevEkey(HttpClient& client, const std::string& uscc, const std::string& enterpriseName,
                             const std::string& username, const std::string& password) {
  auto r = client.postJson(
      "/api/dev/enterprise-certificates",
      boost::json::object{
          {"uscc", uscc}, {"enterpriseName", enterpriseName}, {"username", username}, {"password", password}});
  if (r.status != 201) throw std::runtime_error("dev certificate: " + std::to_string(r.status) + " " + r.body);
  auto o = r.json().as_object();
  return {std::string(o.at("certificate").as_string()), std::string(o.at("privateKey").as_string())};
}

/// Signs `message` with an RSA or EC private key (SHA-256), as the dev CA's e-keys do.
inline std::string signSha256(const std::string& privateKeyPem, const std::string& message) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(privateKeyPem.data(), static_cast<int>(privateKeyPem.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
                                                          &EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::size_t length = 0;
  if (!key || !md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1) {
    throw std::runtime_error("cannot sign");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    throw std::runtime_error("cannot sign");
  }
  signature.resize(length);
  return signature;
}

/// Base64 (standard, padded) of `bytes`.
inline std::string toBase64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

/// The bytes of base64 `text`.
inline std::string fromBase64(const std::string& text) {
  std::string out(3 * text.size() / 4 + 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) throw std::runtime_error("bad base64");
  std::size_t padding = text.size() >= 2 ? (text.back() == '=') + (text[text.size() - 2] == '=') : 0;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

/// E-key login with a dev-CA soft e-key: challenge, sign the nonce, log in. On success the
/// client holds the session cookie and its CSRF token.
inline HttpResult loginWithEkey(HttpClient& client, const SoftEkey& ekey, const std::string& password) {
  auto challenge = client.postJson("/api/auth/ca/challenge", boost::json::object{{"certificate", ekey.certificatePem}});
  if (challenge.status != 200) return challenge;
  auto o = challenge.json().as_object();
  std::string nonce = fromBase64(std::string(o.at("nonce").as_string()));
  auto r = client.postJson("/api/auth/ca/login",
                           boost::json::object{{"challengeId", o.at("challengeId")},
                                               {"signature", toBase64(signSha256(ekey.privateKeyPem, nonce))},
                                               {"password", password}});
  if (r.status == 200) client.csrfToken() = std::string(r.json().at("csrfToken").as_string());
  return r;
}

}  // namespace ucf::test
