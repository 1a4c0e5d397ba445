// Sign-in under attack (issue 13, findings 6 and 7), over real HTTP against the real server:
// the throttle reserves attempts before verifying, strangers cannot lock an owner out of a
// client the owner uses, verifications are capped server-wide, sign-ins reach the audit log with
// the client's address, X-Forwarded-For is believed only from trusted proxies, customer admins
// add users only at their own domains without learning what exists elsewhere, and every place
// that sets a password applies one policy.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <functional>
#include <latch>
#include <thread>
#include <vector>

#include "adapters/crypto/sodium.hpp"
#include "adapters/http/client_address.hpp"
#include "app/setup/setup.hpp"
#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

// TestApp + World + the real server, with the sign-in options a test needs. By default the
// loopback peer (the test itself) is a trusted proxy, so X-Forwarded-For says where a request
// comes from.
class SignInServer {
 public:
  explicit SignInServer(const std::string& trusted_proxies = "127.0.0.1",
                        app::auth::VerificationGate::Limits verification = {}) {
    world = BuildWorld(app);
    adapters::http::ApiOptions options;
    auto proxies = adapters::http::TrustedProxies::Parse(trusted_proxies);
    EXPECT_TRUE(proxies);
    options.trusted_proxies = proxies.value_or(adapters::http::TrustedProxies{});
    options.verification = verification;
    api = std::make_unique<adapters::http::Api>(app.Context(), options);
    adapters::http::ServerOptions server_options;
    server_options.host = "127.0.0.1";
    server_options.port = 0;
    server_options.worker_threads = 16;
    server_options.access_log = false;
    server = std::make_unique<adapters::http::Server>(*api, server_options);
    auto started = server->Start();
    EXPECT_TRUE(started);
    port = started.value_or(0);
  }
  ~SignInServer() { server->Stop(); }

  // A requester of customer A whose password hash has the production cost (Argon2id,
  // interactive: tens of milliseconds and 64 MiB a verification), so verifications overlap.
  UserId AddSlowUser(const std::string& email, const std::string& password) {
    adapters::crypto::SodiumPasswordHasher real{adapters::crypto::HashCost::kInteractive};
    const auto hash = real.Hash(password);
    EXPECT_TRUE(hash);
    core::User user{{}, world.customer_a.id, email, "Slow user", core::Role::kRequester, true, app.clock.Now()};
    EXPECT_TRUE(app.store->Write([&](core::WriteTx& tx) { return tx.InsertUser(user, hash.value_or("")); }));
    return user.id;
  }

  TestApp app;
  World world;
  std::unique_ptr<adapters::http::Api> api;
  std::unique_ptr<adapters::http::Server> server;
  std::uint16_t port = 0;
};

HttpResult SignIn(HttpClient& client, const std::string& email, const std::string& password,
                  const std::string& from = "", const std::string& cookie = "") {
  std::map<std::string, std::string> headers;
  if (!from.empty()) headers["X-Forwarded-For"] = from;
  if (!cookie.empty()) headers["Cookie"] = cookie;
  return client.PostJson("/api/v1/auth/login",
                         R"({"email":")" + email + R"(","password":")" + password + R"("})", "", headers);
}

// "tierdesk_device=tdd_…" from a successful sign-in's Set-Cookie.
std::string DeviceCookie(const HttpResult& result) {
  const std::string set = result.Header("set-cookie");
  return set.substr(0, set.find(';'));
}

// Every event of the audit log, read page by page as the partner admin.
std::vector<json::object> AuditLog(HttpClient& client, const std::string& token) {
  std::vector<json::object> events;
  std::string after = "0";
  for (int page = 0; page < 100; ++page) {
    auto result = client.Get("/api/v1/audit-events?limit=1000&after=" + after, token);
    EXPECT_EQ(result.status, 200) << result.body;
    if (result.status != 200) break;
    const auto body = Parse(result).as_object();
    for (const auto& item : body.at("items").as_array()) events.push_back(item.as_object());
    if (body.at("next_cursor").is_null()) break;
    after = std::string(body.at("next_cursor").as_string());
  }
  return events;
}

std::vector<json::object> SignInEvents(const std::vector<json::object>& log, const std::string& action,
                                       const std::string& user_id) {
  std::vector<json::object> out;
  for (const auto& event : log) {
    if (event.at("action").as_string() == action && event.at("after").as_string() == user_id) out.push_back(event);
  }
  return out;
}

// Runs `count` sign-ins at once, each on its own thread and connection; returns their results.
std::vector<HttpResult> InParallel(std::uint16_t port, int count,
                                   const std::function<HttpResult(HttpClient&, int)>& attempt) {
  std::vector<HttpResult> results(static_cast<std::size_t>(count));
  std::latch start(count);
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      HttpClient client(port);
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)] = attempt(client, i);
    });
  }
  for (auto& thread : threads) thread.join();
  return results;
}

int CountStatus(const std::vector<HttpResult>& results, int status) {
  return static_cast<int>(std::count_if(results.begin(), results.end(), [&](const HttpResult& r) { return r.status == status; }));
}

// ---- the throttle -------------------------------------------------------------------------

TEST(SignIn, ThirtyParallelWrongPasswordsVerifyAtMostTheLimit) {
  SignInServer s;
  const UserId slow = s.AddSlowUser("slow@alpha.example", "slow-user-secret-77");
  auto results = InParallel(s.port, 30, [](HttpClient& client, int) {
    return SignIn(client, "slow@alpha.example", "wrong-guess-0000");
  });
  const int verified = CountStatus(results, 401);
  const int refused = CountStatus(results, 429);
  EXPECT_GE(verified, 1);
  EXPECT_LE(verified, 5) << "every attempt beyond the account's limit must be refused before verification";
  EXPECT_EQ(verified + refused, 30);
  for (const auto& result : results) {
    if (result.status != 429) continue;
    EXPECT_GE(std::stoi(result.Header("retry-after")), 1);
    EXPECT_NE(result.body.find("/problems/too-many-requests"), std::string::npos);
  }
  // The audit log saw exactly the verified ones.
  HttpClient client(s.port);
  const auto log = AuditLog(client, s.world["admin"].token);
  const auto failed = SignInEvents(log, "user.sign_in_failed", std::to_string(slow.value));
  EXPECT_EQ(static_cast<int>(failed.size()), verified);
  for (const auto& event : failed) EXPECT_EQ(event.at("client_address").as_string(), "127.0.0.1");
}

TEST(SignIn, AStrangerFailingFromFiveAddressesDoesNotLockTheOwnerOut) {
  SignInServer s;
  HttpClient client(s.port);
  const std::string owner = "req_a1@alpha.example";
  const std::string password = "password-req_a1-123";
  // The owner signs in from home once: that address and this device are now known.
  auto first = SignIn(client, owner, password, "198.51.100.10");
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string cookie = DeviceCookie(first);
  ASSERT_EQ(cookie.rfind("tierdesk_device=tdd_", 0), 0u) << first.Header("set-cookie");
  EXPECT_NE(first.Header("set-cookie").find("HttpOnly"), std::string::npos);

  // A stranger fails once from each of five addresses.
  for (int i = 1; i <= 5; ++i) {
    EXPECT_EQ(SignIn(client, owner, "guess-" + std::to_string(i) + "-zzzz", "203.0.113." + std::to_string(i)).status, 401);
  }
  // Clients the account does not know are now held off, with a Retry-After of the window left.
  auto held = SignIn(client, owner, password, "203.0.113.6");
  EXPECT_EQ(held.status, 429) << "unknown clients are soft-blocked, even with the right password";
  EXPECT_GT(std::stoi(held.Header("retry-after")), 60);
  // The owner, from the known address, and from anywhere with the known device, gets in.
  EXPECT_EQ(SignIn(client, owner, password, "198.51.100.10").status, 200) << "known address";
  EXPECT_EQ(SignIn(client, owner, password, "192.0.2.99", cookie).status, 200) << "known device";
  // A made-up device cookie is no key, and signing in with one does not adopt it.
  const std::string planted = "tierdesk_device=tdd_" + std::string(43, 'A');
  EXPECT_EQ(SignIn(client, owner, password, "192.0.2.98", planted).status, 429);
  auto replaced = SignIn(client, owner, password, "198.51.100.10", planted);
  ASSERT_EQ(replaced.status, 200);
  EXPECT_NE(DeviceCookie(replaced), planted);
  EXPECT_EQ(SignIn(client, owner, password, "192.0.2.98", planted).status, 429);

  // A known client has a budget of its own: five failures there block it, not the device.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(SignIn(client, owner, "typo-typo-typo", "198.51.100.10").status, 401);
  EXPECT_EQ(SignIn(client, owner, password, "198.51.100.10").status, 429);
  EXPECT_EQ(SignIn(client, owner, password, "192.0.2.99", cookie).status, 200);
}

TEST(SignIn, OneAddressMayFailTwentyTimesAcrossAccounts) {
  SignInServer s;
  HttpClient client(s.port);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(SignIn(client, "ghost" + std::to_string(i) + "@alpha.example", "whatever-guess-1", "203.0.113.77").status, 401);
  }
  auto over = SignIn(client, "ghost-next@alpha.example", "whatever-guess-1", "203.0.113.77");
  EXPECT_EQ(over.status, 429);
  EXPECT_EQ(SignIn(client, "req_a2@alpha.example", "password-req_a2-123", "203.0.113.77").status, 429)
      << "the address is held off for every account it does not know";
  EXPECT_EQ(SignIn(client, "req_a2@alpha.example", "password-req_a2-123", "203.0.113.78").status, 200)
      << "another address is not";
  // IPv6 clients are counted by their /64: a new address in the same /64 is held off too.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(SignIn(client, "ghost6-" + std::to_string(i) + "@alpha.example", "whatever-guess-1",
                     "2001:db8:1:2::" + std::to_string(i + 1)).status, 401);
  }
  EXPECT_EQ(SignIn(client, "req_b1@bravo.example", "password-req_b1-123", "2001:db8:1:2:ffff::1").status, 429);
  EXPECT_EQ(SignIn(client, "req_b1@bravo.example", "password-req_b1-123", "2001:db8:1:3::1").status, 200);
}

TEST(SignIn, VerificationsAreCappedServerWide) {
  // One verification at a time, one more waiting: the rest are told to come back in a second.
  SignInServer s("127.0.0.1", {1, 1, std::chrono::milliseconds(5000)});
  s.AddSlowUser("slow@alpha.example", "slow-user-secret-77");
  auto results = InParallel(s.port, 5, [](HttpClient& client, int i) {
    return SignIn(client, "slow@alpha.example", "wrong-guess-0000", "198.51.100." + std::to_string(100 + i));
  });
  const int busy = CountStatus(results, 503);
  EXPECT_GE(busy, 1) << "five at once with one slot and a queue of one";
  EXPECT_EQ(CountStatus(results, 401) + busy, 5);
  for (const auto& result : results) {
    if (result.status == 503) {
      EXPECT_EQ(result.Header("retry-after"), "1");
    }
  }
  // Turned-away attempts were not counted as failures: the account still takes the password.
  HttpClient client(s.port);
  EXPECT_EQ(SignIn(client, "slow@alpha.example", "slow-user-secret-77", "198.51.100.200").status, 200);
}

// ---- the audit log and the client address --------------------------------------------------

TEST(SignIn, SignInsAreAuditedWithTheClientAddress) {
  SignInServer s;
  HttpClient client(s.port);
  const std::string id = std::to_string(s.world["req_a1"].user.id.value);
  ASSERT_EQ(SignIn(client, "req_a1@alpha.example", "password-req_a1-123", "198.51.100.20").status, 200);
  ASSERT_EQ(SignIn(client, "req_a1@alpha.example", "not-the-password-1", "198.51.100.21").status, 401);
  ASSERT_EQ(SignIn(client, "nobody@alpha.example", "not-the-password-1", "198.51.100.22").status, 401);
  const auto log = AuditLog(client, s.world["supervisor"].token);
  const auto in = SignInEvents(log, "user.signed_in", id);
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0].at("client_address").as_string(), "198.51.100.20");
  EXPECT_EQ(in[0].at("actor_id").as_int64(), s.world["req_a1"].user.id.value);
  const auto failed = SignInEvents(log, "user.sign_in_failed", id);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].at("client_address").as_string(), "198.51.100.21");
  EXPECT_TRUE(failed[0].at("actor_id").is_null()) << "nobody was authenticated";
  const auto unknown = SignInEvents(log, "user.sign_in_failed", "");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].at("before").as_string(), "nobody@alpha.example");
  EXPECT_EQ(unknown[0].at("client_address").as_string(), "198.51.100.22");
  for (const char* member : {"agent", "admin_a", "req_a1", "reseller", "provider"}) {
    EXPECT_EQ(client.Get("/api/v1/audit-events", s.world[member].token).status, 403) << member;
  }
}

TEST(SignIn, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  {
    SignInServer trusted;  // 127.0.0.1 is a trusted proxy
    HttpClient client(trusted.port);
    // The rightmost address that is not a trusted proxy; what the client wrote to its left is not believed.
    ASSERT_EQ(SignIn(client, "req_a1@alpha.example", "password-req_a1-123", "1.1.1.1, 198.51.100.31").status, 200);
    ASSERT_EQ(SignIn(client, "req_a2@alpha.example", "password-req_a2-123", "198.51.100.32, 127.0.0.1").status, 200);
    ASSERT_EQ(SignIn(client, "req_b1@bravo.example", "password-req_b1-123", "not-an-address").status, 200);
    const auto log = AuditLog(client, trusted.world["admin"].token);
    auto address_of = [&](const std::string& member) {
      const auto in = SignInEvents(log, "user.signed_in", std::to_string(trusted.world[member].user.id.value));
      return in.empty() ? std::string() : std::string(in.back().at("client_address").as_string());
    };
    EXPECT_EQ(address_of("req_a1"), "198.51.100.31");
    EXPECT_EQ(address_of("req_a2"), "198.51.100.32");
    EXPECT_EQ(address_of("req_b1"), "127.0.0.1");
  }
  {
    SignInServer untrusted("");  // no proxy is trusted: the TCP peer is the client
    HttpClient client(untrusted.port);
    ASSERT_EQ(SignIn(client, "req_a1@alpha.example", "password-req_a1-123", "198.51.100.40").status, 200);
    // Rotating X-Forwarded-For does not escape the per-address limit.
    for (int i = 0; i < 20; ++i) {
      EXPECT_EQ(SignIn(client, "ghost" + std::to_string(i) + "@alpha.example", "whatever-guess-1",
                       "203.0.113." + std::to_string(i + 1)).status, 401);
    }
    EXPECT_EQ(SignIn(client, "ghost-next@alpha.example", "whatever-guess-1", "203.0.113.200").status, 429);
    const auto log = AuditLog(client, untrusted.world["admin"].token);
    const auto in = SignInEvents(log, "user.signed_in", std::to_string(untrusted.world["req_a1"].user.id.value));
    ASSERT_EQ(in.size(), 1u);
    EXPECT_EQ(in[0].at("client_address").as_string(), "127.0.0.1");
  }
}

TEST(SignIn, ClientAddressResolution) {
  using adapters::http::ResolveClientAddress;
  using adapters::http::TrustedProxies;
  const auto proxies = TrustedProxies::Parse("10.0.0.0/8, ::1 fd00::/8").value();
  EXPECT_FALSE(TrustedProxies::Parse("10.0.0.0/33"));
  EXPECT_FALSE(TrustedProxies::Parse("proxy.example"));
  adapters::http::Request request;
  request.remote_address = "10.1.2.3";
  request.headers = {{"x-forwarded-for", "9.9.9.9, [2001:db8::7]:443, 10.9.9.9"}};
  auto client = ResolveClientAddress(request, proxies);
  EXPECT_EQ(client.address, "2001:db8::7");
  EXPECT_EQ(client.network, "2001:db8::/64");
  request.headers = {{"x-forwarded-for", "203.0.113.9:51234"}};
  EXPECT_EQ(ResolveClientAddress(request, proxies).address, "203.0.113.9");
  request.remote_address = "::ffff:192.0.2.1";  // an IPv4 peer on a dual-stack socket, not a proxy
  EXPECT_EQ(ResolveClientAddress(request, proxies).address, "192.0.2.1");
}

// ---- accounts -----------------------------------------------------------------------------

class Accounts : public ::testing::Test {
 protected:
  Accounts() : client(s.port) {}

  HttpResult AddUser(const std::string& member, OrgId org, const std::string& email,
                     const std::string& password = "") {
    std::string body = R"({"organization_id":)" + std::to_string(org.value) + R"(,"email":")" + email +
                       R"(","name":"New person","role":"requester")";
    if (!password.empty()) body += R"(,"password":")" + password + R"(")";
    return client.PostJson("/api/v1/users", body + "}", s.world[member].token);
  }

  SignInServer s;
  HttpClient client;
};

TEST_F(Accounts, CustomerAdminsAddUsersOnlyAtTheirDomainsAndLearnNothingOfOthers) {
  const OrgId alpha = s.world.customer_a.id;
  // The partner (unrestricted) once gave an alpha.example address to a user of customer B.
  ASSERT_EQ(AddUser("admin", s.world.customer_b.id, "moved@alpha.example").status, 201);

  const auto refused = AddUser("admin_a", alpha, "new.person@elsewhere.example");
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Parse(refused).at("errors").as_array().at(0).as_object().at("field").as_string(), "email");
  // The partner's own address, another customer's user, an alpha.example address that exists in
  // another tenant: the very same answer as an address nobody has.
  for (const char* email : {"admin@partner.example", "req_b1@bravo.example", "moved@alpha.example",
                            "nobody@bravo.example", "ceo@reseller.example"}) {
    const auto answer = AddUser("admin_a", alpha, email);
    EXPECT_EQ(answer.status, refused.status) << email;
    EXPECT_EQ(answer.body, refused.body) << email;
  }
  // Its own organisation's users it can list anyway, so a duplicate there is the usual 409.
  const auto duplicate = AddUser("admin_a", alpha, "req_a2@alpha.example");
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_NE(duplicate.body.find("/problems/duplicate"), std::string::npos);
  EXPECT_EQ(AddUser("admin_a", alpha, "colleague@alpha.example").status, 201);
  // The partner admin still hears 409 for a taken address.
  EXPECT_EQ(AddUser("admin", alpha, "req_b1@bravo.example").status, 409);

  // The partner may let customer admins use any domain that no other organisation holds.
  auto settings = client.PatchJson("/api/v1/partner/settings", R"({"customer_users_any_domain":true})",
                                   s.world["admin"].token);
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_TRUE(Parse(settings).at("customer_users_any_domain").as_bool());
  EXPECT_EQ(AddUser("admin_a", alpha, "new.person@elsewhere.example").status, 201);
  for (const char* email : {"someone@bravo.example", "ceo@reseller.example", "moved@alpha.example",
                            "req_c1@charlie.example"}) {
    const auto answer = AddUser("admin_a", alpha, email);
    EXPECT_EQ(answer.status, refused.status) << email;
    EXPECT_EQ(answer.body, refused.body) << email;
  }
}

TEST_F(Accounts, EveryPasswordRuleIsEnforced) {
  const OrgId alpha = s.world.customer_a.id;
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"twelve spaces", "            "},
      {"ideographic spaces", "\\u3000\\u3000\\u3000\\u3000\\u3000"},
      {"a tab", "tab\\tin-the-middle"},
      {"a line break", "line\\nbreak-password"},
      {"a C1 control", "c1\\u0085control-text"},
      {"one character", "xxxxxxxxxxxxxxxx"},
      {"the address", "pw.rule@alpha.example"},
      {"the address's name", "Pw.Rule2024!!"},
      {"common", "qwertyuiop123"},
      {"common, decorated", "Password2024!"},
      {"common, other case", "IloveYou1234"},
      {"too short", "short-1"},
  };
  for (const auto& [why, password] : refused) {
    const auto answer = AddUser("admin", alpha, "pw.rule@alpha.example", password);
    EXPECT_EQ(answer.status, 422) << why << ": " << answer.body;
    EXPECT_NE(answer.body.find(R"("field":"password")"), std::string::npos) << why;
  }
  // The same rules for a customer admin.
  EXPECT_EQ(AddUser("admin_a", alpha, "pw.rule@alpha.example", "letmein12345").status, 422);
  // A good one is taken and signs in.
  ASSERT_EQ(AddUser("admin", alpha, "pw.rule@alpha.example", "heron-lantern-sofa-42").status, 201);
  EXPECT_EQ(SignIn(client, "pw.rule@alpha.example", "heron-lantern-sofa-42").status, 200);

  // The first admin and the demo go through the same policy.
  TestApp fresh;
  auto init = app::setup::InitPartner(fresh.Context(), {"Partner", "boss@partner.example", "Boss", "password12345", "UTC"});
  ASSERT_FALSE(init);
  EXPECT_EQ(init.error().fields.at(0).field, "password");
  app::setup::DemoOptions demo;
  demo.password = "qwerty123456!";
  auto seeded = app::setup::SeedDemo(fresh.Context(), demo);
  ASSERT_FALSE(seeded);
  EXPECT_EQ(seeded.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace tierdesk::testing
