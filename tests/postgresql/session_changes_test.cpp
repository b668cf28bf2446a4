// Sessions cached across hosts (docs/PRODUCT.md §7, §8): a host keeps a session lookup for minutes
// while it hears the others' changes (PostgreSQL LISTEN/NOTIFY), so a logout or a withdrawn trust
// at host A must reach host B by notification. Each test first changes the database behind B's
// back (no notification) and moves B's clock past the one-second rule: B still serving from its
// cache proves that only the notification can end what B holds.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "tests/support/eventually.hpp"
#include "tests/support/filing_fixtures.hpp"
#include "tests/support/pg_schema.hpp"
#include "tests/support/principals_scenario.hpp"
#include "tests/support/sessions.hpp"

using namespace ucf::test;
using namespace std::chrono_literals;

namespace {

/// Two hosts over one schema, each listening for the other's session changes.
struct TwoHosts {
  PgSchema schema;
  TestHost a{schema.hostOptions()};
  TestHost b{schema.hostOptions()};
  TwoHosts() {
    REQUIRE(eventually([&] { return a.host().sessionListenerPid() != 0 && b.host().sessionListenerPid() != 0; }));
  }
  /// Moves B's clock on by more than the one-second cache of hosts that hear nothing.
  void pastOneSecondAtB() { b.host().clock().moveTo(b.host().clock().now() + 2s); }
  /// `client`'s session, used through B (which caches it).
  HttpClient throughB(const HttpClient& client) {
    HttpClient there = client;
    there.setPort(b.port());
    return there;
  }
};

}  // namespace

TEST_CASE("a logout at one host ends the session at the other by notification, though it caches for minutes",
          "[concurrency]") {
  TwoHosts hosts;
  HttpClient atA = enterpriseSession(hosts.a.port(), "leaver01", principals::kUscc);
  HttpClient atB = hosts.throughB(atA);
  REQUIRE(atB.get("/api/session").status == 200);  // now cached at B

  hosts.schema.execute("DELETE FROM " + hosts.schema.name() + ".host_sessions");  // unannounced
  hosts.pastOneSecondAtB();
  CHECK(atB.get("/api/session").status == 200);  // B serves what it cached: it heard nothing

  REQUIRE(atA.post("/api/auth/logout", "").status == 204);
  CHECK(eventually([&] { return atB.get("/api/session").status == 401; }));
}

TEST_CASE("a trust withdrawn at one host reaches the account's cached session at the other by notification",
          "[concurrency]") {
  TwoHosts hosts;
  HttpClient ca = caSession(hosts.a.port(), "ca-notify", principals::kUscc);
  const long long ours =
      ca.postJson(std::string(kApi) + "/filings?mode=draft", boost::json::object{}).json().at("id").as_int64();
  HttpClient clerk = enterpriseSession(hosts.a.port(), "clerk-notify", principals::kUscc);
  REQUIRE(setTrusted(ca, "clerk-notify") == 204);
  HttpClient atB = hosts.throughB(clerk);
  // B sees the trust given at A (its lookups before it were dropped by the notification).
  REQUIRE(eventually([&] { return atB.get(principals::filing(ours)).status == 200; }));
  CHECK(principals::sessionPrincipal(atB).at("verified") == true);

  hosts.schema.execute("UPDATE " + hosts.schema.name() + ".host_accounts SET trusted_at_ms = NULL");  // unannounced
  hosts.pastOneSecondAtB();
  CHECK(atB.get(principals::filing(ours)).status == 200);  // still B's cached, verified lookup

  REQUIRE(setTrusted(ca, "clerk-notify", false) == 204);
  CHECK(eventually([&] { return atB.get(principals::filing(ours)).status == 404; }));
  CHECK(principals::sessionPrincipal(atB).at("verified") == false);
}

TEST_CASE("a host whose listener loses its connection stops trusting its cache, listens again and hears again",
          "[concurrency]") {
  TwoHosts hosts;
  HttpClient atA = enterpriseSession(hosts.a.port(), "steady01", principals::kUscc);
  HttpClient atB = hosts.throughB(atA);
  REQUIRE(atB.get("/api/session").status == 200);
  hosts.schema.execute("DELETE FROM " + hosts.schema.name() + ".host_sessions");  // unannounced

  const int listener = hosts.b.host().sessionListenerPid();
  REQUIRE(hosts.schema.count("SELECT pg_terminate_backend(" + std::to_string(listener) + ")::int") == 1);
  // Changes made while it is away go unheard: B drops its cache and reads the database again.
  CHECK(eventually([&] { return atB.get("/api/session").status == 401; }));
  REQUIRE(eventually([&] {
    const int now = hosts.b.host().sessionListenerPid();
    return now != 0 && now != listener;
  }));

  // Listening again, B caches for minutes again, and hears a logout.
  HttpClient again = loginSession(hosts.a.port(), "steady01");
  HttpClient againAtB = hosts.throughB(again);
  REQUIRE(againAtB.get("/api/session").status == 200);
  hosts.schema.execute("DELETE FROM " + hosts.schema.name() + ".host_sessions");  // unannounced
  hosts.pastOneSecondAtB();
  CHECK(againAtB.get("/api/session").status == 200);
  REQUIRE(again.post("/api/auth/logout", "").status == 204);
  CHECK(eventually([&] { return againAtB.get("/api/session").status == 401; }));
}
