// Issue 13, finding 8 ("Smaller"), over HTTP against the real server: the money each role sees,
// repeated JSON member names, the headers on every response and on HTML pages, no caching of
// anything per user (tokens first), and billing routes that name something other than a customer.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "adapters/crypto/sodium.hpp"
#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

// RFC 4648 base64 of the bytes a hex string spells (how CSP writes a hash); written here apart
// from the server's own.
std::string Base64OfHex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63u];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63u];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

// The text of every <style> element of a page.
std::vector<std::string> InlineStyles(const std::string& html) {
  std::vector<std::string> styles;
  std::size_t at = 0;
  while ((at = html.find("<style>", at)) != std::string::npos) {
    const auto end = html.find("</style>", at);
    if (end == std::string::npos) break;
    styles.push_back(html.substr(at + 7, end - at - 7));
    at = end;
  }
  return styles;
}

class HardeningTest : public ::testing::Test {
 protected:
  HardeningTest() : client(server.port) {}

  std::string Token(const std::string& member) { return server.world[member].token; }
  static std::string Id(std::int64_t id) { return std::to_string(id); }

  // A page must carry the strict policy, admit each of its inline stylesheets by hash, and say
  // nosniff, DENY, no-referrer and no-store.
  void ExpectStrictPage(const HttpResult& page, const std::string& what) {
    ASSERT_EQ(page.status, 200) << what << ": " << page.body;
    EXPECT_EQ(page.Header("content-type").rfind("text/html", 0), 0u) << what;
    const std::string csp = page.Header("content-security-policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << what << ": " << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what << ": " << csp;
    EXPECT_NE(csp.find("base-uri 'none'"), std::string::npos) << what << ": " << csp;
    EXPECT_NE(csp.find("form-action 'self'"), std::string::npos) << what << ": " << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << what << ": " << csp;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << what << ": " << csp;
    const auto styles = InlineStyles(page.body);
    EXPECT_FALSE(styles.empty()) << what << " has no stylesheet to check";
    for (const auto& style : styles) {
      const std::string hash = "'sha256-" + Base64OfHex(adapters::crypto::Sha256Hex(style)) + "'";
      EXPECT_NE(csp.find(hash), std::string::npos)
          << what << ": the page's style " << hash << " is not in " << csp;
    }
    EXPECT_EQ(page.Header("x-frame-options"), "DENY") << what;
    EXPECT_EQ(page.Header("referrer-policy"), "no-referrer") << what;
    EXPECT_EQ(page.Header("x-content-type-options"), "nosniff") << what;
    EXPECT_EQ(page.Header("cache-control"), "no-store") << what;
  }

  TestServer server;
  HttpClient client;
};

// (a) The partner's price never reaches a provider: not on its time entries, not in plans, not in
// a ticket's quote; its own cost does. Resellers see prices and no cost.
TEST_F(HardeningTest, Issue13Finding8aAProviderSeesItsOwnCostButNeverThePartnersPrice) {
  const auto& w = server.world;
  auto plan = client.PostJson(
      "/api/v1/plans",
      R"({"name":"Resold care","coverage":[{"service":"m365","category":"technical"}],"channels":[{"kind":"portal"}],)"
      R"("targets":{"moderate":{"first_response":{"minutes":120}}},)"
      R"("pricing":{"model":"hourly","currency":"KRW","hourly_rate":120000},)"
      R"("delivery":{"mode":"resold","provider_id":)" +
          Id(w.provider.id.value) + R"(,"provider_hourly_cost":50000}})",
      Token("admin"));
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string plan_url = "/api/v1/plans/" + Id(Parse(plan).at("id").as_int64());
  ASSERT_EQ(
      client
          .PostJson("/api/v1/agreements",
                    R"({"customer_id":)" + Id(w.customer_a.id.value) + R"(,"plan_id":)" +
                        Id(Parse(plan).at("id").as_int64()) + R"(,"start_date":"2020-01-01"})",
                    Token("admin"))
          .status,
      201);
  auto created = client.PostJson(
      "/api/v1/tickets",
      R"({"service":"m365","category":"technical","severity":"moderate","subject":"Mail",)"
      R"("description":"x","fields":{"tenant_domain":"alpha.example"}})",
      Token("req_a1"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = "/api/v1/tickets/" + Id(Parse(created).at("id").as_int64());

  auto logged = client.PostJson(url + "/time", R"({"minutes":30})", Token("provider"));
  ASSERT_EQ(logged.status, 201) << logged.body;
  EXPECT_EQ(Parse(logged).at("cost").at("amount").as_int64(), 25'000) << logged.body;
  EXPECT_TRUE(Parse(logged).at("price").is_null()) << logged.body;
  auto own_list = client.Get(url + "/time", Token("provider"));
  ASSERT_EQ(own_list.status, 200) << own_list.body;
  ASSERT_EQ(Items(own_list.body).size(), 1u);
  EXPECT_EQ(Items(own_list.body).at(0).at("cost").at("hourly_rate").as_int64(), 50'000);
  EXPECT_TRUE(Items(own_list.body).at(0).at("price").is_null()) << own_list.body;
  EXPECT_EQ(own_list.body.find("120000"), std::string::npos) << own_list.body;
  EXPECT_EQ(own_list.body.find("60000"), std::string::npos) << own_list.body;
  // The partner's staff see both.
  auto staff_list = client.Get(url + "/time", Token("billing"));
  ASSERT_EQ(staff_list.status, 200) << staff_list.body;
  EXPECT_EQ(Items(staff_list.body).at(0).at("price").at("amount").as_int64(), 60'000);
  EXPECT_EQ(Items(staff_list.body).at(0).at("cost").at("amount").as_int64(), 25'000);

  // The same rule in plans: the provider reads no price, and its own cost; another provider not
  // even that; a reseller the price and no cost.
  const auto as_provider = GetObject(client, plan_url, Token("provider"));
  EXPECT_TRUE(as_provider.at("pricing").is_null()) << json::serialize(as_provider);
  EXPECT_TRUE(as_provider.at("out_of_scope").at("hourly_rate").is_null());
  EXPECT_EQ(as_provider.at("delivery").at("provider_hourly_cost").as_int64(), 50'000);
  const auto as_other_provider = GetObject(client, plan_url, Token("provider2"));
  EXPECT_TRUE(as_other_provider.at("pricing").is_null());
  EXPECT_TRUE(as_other_provider.at("delivery").at("provider_hourly_cost").is_null());
  auto listed = client.Get("/api/v1/plans", Token("provider"));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find("120000"), std::string::npos) << listed.body;
  const auto as_reseller = GetObject(client, plan_url, Token("reseller"));
  EXPECT_EQ(as_reseller.at("pricing").at("hourly_rate").as_int64(), 120'000);
  EXPECT_TRUE(as_reseller.at("delivery").at("provider_hourly_cost").is_null());
  const auto as_admin = GetObject(client, plan_url, Token("admin"));
  EXPECT_EQ(as_admin.at("pricing").at("hourly_rate").as_int64(), 120'000);
  EXPECT_EQ(as_admin.at("delivery").at("provider_hourly_cost").as_int64(), 50'000);
}

// (b) A repeated member name is refused wherever it is, and named; the same name in two different
// objects is not a repeat.
TEST_F(HardeningTest, Issue13Finding8bRepeatedJsonKeysAreRefusedAtAnyDepth) {
  struct Case {
    std::string target, body, field;
  };
  const std::string ticket =
      R"("service":"m365","category":"technical","severity":"moderate","description":"x")";
  const std::vector<Case> cases = {
      {"/api/v1/tickets",
       "{" + ticket +
           R"(,"subject":"harmless","subject":"sneaky","fields":{"tenant_domain":"alpha.example"}})",
       "subject"},
      {"/api/v1/tickets",
       "{" + ticket +
           R"(,"subject":"s","fields":{"tenant_domain":"alpha.example","tenant_domain":"evil.example"}})",
       "fields.tenant_domain"},
      {"/api/v1/tickets",
       "{" + ticket +
           R"(,"subject":"s","tags":["a"],"fields":{"tenant_domain":"alpha.example"},"tags":["b"]})",
       "tags"},
      {"/api/v1/plans",
       R"({"name":"p","coverage":[{"service":"m365","category":"technical"},{"service":"azure","service":"m365","category":"billing"}],)"
       R"("channels":[{"kind":"portal"}],"pricing":{"model":"included","currency":"KRW"}})",
       "coverage[1].service"},
  };
  for (const auto& c : cases) {
    const std::string member = c.target == "/api/v1/plans" ? "admin" : "req_a1";
    auto refused = client.PostJson(c.target, c.body, Token(member));
    EXPECT_EQ(refused.status, 400) << c.body << "\n" << refused.body;
    const auto problem = Parse(refused);
    if (!problem.is_object()) continue;
    EXPECT_EQ(problem.at("type").as_string(), "/problems/malformed-json") << refused.body;
    ASSERT_TRUE(problem.as_object().contains("errors")) << refused.body;
    EXPECT_EQ(problem.at("errors").at(0).at("field").as_string(), c.field) << refused.body;
  }
  // PATCH is read the same way.
  const auto id = server.world.ticket_a1.value;
  auto patched = client.PatchJson("/api/v1/tickets/" + Id(id),
                                  R"({"status":"resolved","status":"open"})", Token("agent"));
  EXPECT_EQ(patched.status, 400) << patched.body;
  // "minutes" and "basis" in several objects, each once: accepted.
  auto contract = client.Send(
      "PUT", "/api/v1/providers/" + Id(server.world.provider.id.value) + "/contract",
      R"({"currency":"KRW","hourly_cost":65000,"targets":{"moderate":{"first_response":{"minutes":60,"basis":"calendar"},)"
      R"("resolution":{"minutes":480,"basis":"calendar"}}}})",
      {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}});
  EXPECT_EQ(contract.status, 200) << contract.body;
}

// (c) Every response, routed or not, successful or not, says nosniff and is not stored.
TEST_F(HardeningTest, Issue13Finding8cEveryResponseSaysNosniffAndNoStore) {
  std::vector<std::pair<std::string, HttpResult>> answers;
  answers.emplace_back("healthz", client.Get("/healthz"));
  answers.emplace_back("openapi", client.Get("/api/v1/openapi.json"));
  answers.emplace_back(
      "ticket", client.Get("/api/v1/tickets/" + Id(server.world.ticket_a1.value), Token("agent")));
  answers.emplace_back("me", client.Get("/api/v1/me", Token("req_a1")));
  answers.emplace_back("no token", client.Get("/api/v1/tickets"));
  answers.emplace_back("unknown path", client.Get("/api/v1/nothing-here", Token("agent")));
  answers.emplace_back(
      "other tenant",
      client.Get("/api/v1/tickets/" + Id(server.world.ticket_b1.value), Token("req_a1")));
  answers.emplace_back("bad json", client.PostJson("/api/v1/tickets", "{", Token("req_a1")));
  answers.emplace_back("not http", client.SendRaw("NOT A REQUEST\r\n\r\n"));
  for (const auto& [what, answer] : answers) {
    EXPECT_NE(answer.status, 0) << what;
    EXPECT_EQ(answer.Header("x-content-type-options"), "nosniff") << what << " " << answer.status;
    EXPECT_EQ(answer.Header("cache-control"), "no-store") << what << " " << answer.status;
  }
}

// (d) A response that carries a token is never stored by a browser or a proxy.
TEST_F(HardeningTest, Issue13Finding8dResponsesWithATokenAreNeverStored) {
  auto created = client.PostJson(
      "/api/v1/users",
      R"({"organization_id":)" + Id(server.world.partner.id.value) +
          R"(,"email":"nostore@partner.example","name":"No Store","role":"agent","password":"agent-password-123"})",
      Token("admin"));
  ASSERT_EQ(created.status, 201) << created.body;
  auto login =
      client.PostJson("/api/v1/auth/login",
                      R"({"email":"nostore@partner.example","password":"agent-password-123"})");
  ASSERT_EQ(login.status, 200) << login.body;
  ASSERT_TRUE(Parse(login).as_object().contains("token"));
  EXPECT_EQ(login.Header("cache-control"), "no-store");
  EXPECT_EQ(login.Header("x-content-type-options"), "nosniff");
  auto failed = client.PostJson(
      "/api/v1/auth/login", R"({"email":"nostore@partner.example","password":"wrong-password-1"})");
  EXPECT_EQ(failed.status, 401);
  EXPECT_EQ(failed.Header("cache-control"), "no-store");
}

// (c) The support statement page: a strict policy that admits its stylesheet by hash, not
// 'unsafe-inline' (it used to).
TEST_F(HardeningTest, Issue13Finding8cTheSupportStatementPageHasAStrictPolicy) {
  const std::string customer = Id(server.world.customer_a.id.value);
  ExpectStrictPage(client.Get("/support/" + customer, Token("admin_a")),
                   "support statement (customer)");
  ExpectStrictPage(client.Get("/support/" + customer + "?lang=ko", Token("agent")),
                   "support statement (ko)");
  // A problem on the same route is JSON, and still not stored.
  auto missing = client.Get("/support/" + Id(server.world.customer_b.id.value), Token("admin_a"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Header("cache-control"), "no-store");
}

// (e) The billing statement page had no policy at all.
TEST_F(HardeningTest, Issue13Finding8eTheBillingStatementPageHasAStrictPolicy) {
  const std::string customer = Id(server.world.customer_a.id.value);
  for (const char* lang : {"en", "ko"}) {
    ExpectStrictPage(client.Get("/api/v1/billing/periods/2020-01/statements/" + customer +
                                    "?format=html&lang=" + lang,
                                Token("billing")),
                     std::string("billing statement ") + lang);
  }
  auto csv = client.Get("/api/v1/billing/periods/2020-01/statements/" + customer + "?format=csv",
                        Token("billing"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(csv.Header("cache-control"), "no-store");
}

// (f) Billing routes that name a customer answer 404 for anything else: another kind of
// organisation or none. They used to list an empty set of blocks, or talk about agreements.
TEST_F(HardeningTest, Issue13Finding8fBillingRoutesAnswer404ForAnythingButACustomer) {
  const auto& w = server.world;
  const std::vector<std::pair<std::string, std::int64_t>> not_customers = {
      {"partner", w.partner.id.value},
      {"reseller", w.reseller.id.value},
      {"provider", w.provider.id.value},
      {"nobody", 987654}};
  for (const auto& [what, raw] : not_customers) {
    const std::string id = Id(raw);
    for (const char* member : {"billing", "admin"}) {
      auto listed = client.Get("/api/v1/customers/" + id + "/prepaid-blocks", Token(member));
      EXPECT_EQ(listed.status, 404) << what << " as " << member << ": " << listed.body;
      auto sold =
          client.PostJson("/api/v1/customers/" + id + "/prepaid-blocks", "{}", Token(member));
      EXPECT_EQ(sold.status, 404) << what << " as " << member << ": " << sold.body;
    }
    // The siblings that take a customer answer alike.
    EXPECT_EQ(client.Get("/api/v1/billing/usage?customer_id=" + id, Token("billing")).status, 404)
        << what;
    EXPECT_EQ(
        client.Get("/api/v1/billing/periods/2020-01/preview?customer_id=" + id, Token("billing"))
            .status,
        404)
        << what;
    EXPECT_EQ(client
                  .Get("/api/v1/billing/periods/2020-01/export?format=csv&customer_id=" + id,
                       Token("billing"))
                  .status,
              404)
        << what;
    EXPECT_EQ(
        client.Get("/api/v1/billing/periods/2020-01/statements/" + id, Token("billing")).status,
        404)
        << what;
    EXPECT_EQ(client
                  .Get("/api/v1/billing/periods/2020-01/statements/" + id + "?format=html",
                       Token("billing"))
                  .status,
              404)
        << what;
    EXPECT_EQ(client
                  .PostJson("/api/v1/billing/periods/2020-01/close",
                            R"({"customer_id":)" + id + "}", Token("billing"))
                  .status,
              404)
        << what;
  }
  // A customer admin: its own organisation only, and nothing else is a customer to it either.
  EXPECT_EQ(client
                .Get("/api/v1/customers/" + Id(w.customer_a.id.value) + "/prepaid-blocks",
                     Token("admin_a"))
                .status,
            200);
  EXPECT_EQ(
      client
          .Get("/api/v1/customers/" + Id(w.provider.id.value) + "/prepaid-blocks", Token("admin_a"))
          .status,
      404);
  // A real customer is still served.
  auto blocks = client.Get("/api/v1/customers/" + Id(w.customer_b.id.value) + "/prepaid-blocks",
                           Token("billing"));
  EXPECT_EQ(blocks.status, 200) << blocks.body;
}

}  // namespace
}  // namespace tierdesk::testing
