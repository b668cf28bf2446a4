#include "mock-host/auth/captcha_store.hpp"

#include <openssl/crypto.h>

#include "mock-host/auth/captcha_image.hpp"
#include "mock-host/auth/pending_rows.hpp"
#include "mock-host/auth/secure_random.hpp"

namespace ucf::host::auth {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

std::string normalised(std::string_view answer) {
  std::size_t first = answer.find_first_not_of(" \t");
  std::size_t last = answer.find_last_not_of(" \t");
  if (first == std::string_view::npos) return {};
  std::string out(answer.substr(first, last - first + 1));
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

CaptchaStore::Issued CaptchaStore::issue() {
  Issued issued;
  issued.id = randomToken(18);
  for (std::size_t i = 0; i < kLength; ++i) issued.answer += kCaptchaAlphabet[randomIndex(kCaptchaAlphabet.size())];
  issued.svg = drawCaptchaSvg(issued.answer);
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  Poco::Int64 expires = at + std::chrono::duration_cast<std::chrono::milliseconds>(kLifetime).count();
  database_.write([&](Poco::Data::Session& session) {
    session << "INSERT INTO host_captchas (id, answer, expires_at_ms) VALUES ($1, $2, $3)", useRef(issued.id),
        useRef(issued.answer), useRef(expires), now;
    dropExpiredAndTrim(session, "host_captchas", at, maxPending_);
  });
  return issued;
}

CaptchaStore::Check CaptchaStore::consume(std::string_view id, std::string_view answer) {
  if (id.empty()) return Check::kUnknown;
  std::string key(id);
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  return database_.write([&](Poco::Data::Session& session) {
    std::vector<std::string> answers;
    std::vector<Poco::Int64> expiries;
    session << "SELECT answer, expires_at_ms FROM host_captchas WHERE id = $1", useRef(key), into(answers),
        into(expiries), now;
    if (answers.empty()) return Check::kUnknown;
    // Whoever deletes the row owns the check: two requests racing with one id get one answer.
    Poco::Data::Statement remove = (session << "DELETE FROM host_captchas WHERE id = $1", useRef(key));
    if (remove.execute() != 1 || expiries.front() <= at) return Check::kUnknown;
    std::string given = normalised(answer);
    const std::string& expected = answers.front();
    bool same = given.size() == expected.size() && CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
    return same ? Check::kPassed : Check::kWrong;
  });
}

}  // namespace ucf::host::auth
