#include "mock-host/auth/ca_challenge_store.hpp"

#include "mock-host/auth/base64.hpp"
#include "mock-host/auth/pending_rows.hpp"
#include "mock-host/auth/secure_random.hpp"

namespace ucf::host::auth {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::useRef;

constexpr std::size_t kMaxIdLength = 128;

}  // namespace

CaChallengeStore::Challenge CaChallengeStore::issue(const std::string& certificatePem) {
  Challenge challenge{randomToken(18), randomBytes(kNonceBytes), certificatePem};
  std::string nonce = base64Encode(challenge.nonce);
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  Poco::Int64 expires = at + std::chrono::duration_cast<std::chrono::milliseconds>(kLifetime).count();
  database_.write([&](Poco::Data::Session& session) {
    session << "INSERT INTO host_ca_challenges (id, nonce, certificate_pem, expires_at_ms) VALUES ($1, $2, $3, $4)",
        useRef(challenge.id), useRef(nonce), useRef(challenge.certificatePem), useRef(expires), now;
    dropExpiredAndTrim(session, "host_ca_challenges", at, maxPending_);
  });
  return challenge;
}

std::optional<CaChallengeStore::Challenge> CaChallengeStore::consume(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return std::nullopt;
  std::string key(id);
  Poco::Int64 at = HostDatabase::toMillis(clock_.now());
  return database_.write([&](Poco::Data::Session& session) -> std::optional<Challenge> {
    std::vector<std::string> nonces, pems;
    std::vector<Poco::Int64> expiries;
    session << "SELECT nonce, certificate_pem, expires_at_ms FROM host_ca_challenges WHERE id = $1", useRef(key),
        into(nonces), into(pems), into(expiries), now;
    if (nonces.empty()) return std::nullopt;
    // Whoever deletes the row owns the challenge: a replay racing the first use gets nothing.
    Poco::Data::Statement remove = (session << "DELETE FROM host_ca_challenges WHERE id = $1", useRef(key));
    if (remove.execute() != 1 || expiries.front() <= at) return std::nullopt;
    auto nonce = base64Decode(nonces.front());
    if (!nonce) return std::nullopt;
    return Challenge{key, std::move(*nonce), pems.front()};
  });
}

}  // namespace ucf::host::auth
