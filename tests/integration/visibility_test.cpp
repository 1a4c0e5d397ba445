// What each role sees of a ticket's messages, history and search, over HTTP against the real
// server. Regressions for issue 13 ("Hold under attack"), findings 4 and 5: which items reach a
// viewer is decided by one rule in the core (core/policy/visibility.hpp), by the kind of item and
// the viewer's role, never by who or what made the item.
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

class VisibilityTest : public ::testing::Test {
 protected:
  VisibilityTest() : client(server.port) {}

  std::string Token(const std::string& member) { return server.world[member].token; }
  static std::string Id(std::int64_t id) { return std::to_string(id); }

  std::int64_t Created(const HttpResult& result) {
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? Parse(result).at("id").as_int64() : 0;
  }

  // A Signature Cloud Support entitlement (it needs a Gold or Silver competency).
  std::int64_t SignatureEntitlement() {
    const auto competency = Created(client.PostJson(
        "/api/v1/competencies",
        R"({"level":"gold","area":"Cloud Platform","cloud":true,"valid_from":"2020-01-01","expires_on":"2099-12-31"})",
        Token("admin")));
    return Created(
        client.PostJson("/api/v1/entitlements",
                        R"({"kind":"signature","name":"Signature via Gold Cloud Platform",)"
                        R"("competency_id":)" +
                            Id(competency) + R"(,"valid_from":"2020-01-01"})",
                        Token("admin")));
  }

  HttpResult Events(std::int64_t ticket, const std::string& member) {
    auto result = client.Get("/api/v1/tickets/" + Id(ticket) + "/events", Token(member));
    EXPECT_EQ(result.status, 200) << member << " " << result.body;
    return result;
  }

  HttpResult Messages(std::int64_t ticket, const std::string& member) {
    auto result = client.Get("/api/v1/tickets/" + Id(ticket) + "/messages", Token(member));
    EXPECT_EQ(result.status, 200) << member << " " << result.body;
    return result;
  }

  std::vector<std::int64_t> Search(const std::string& words, const std::string& member) {
    auto result = client.Get("/api/v1/tickets?q=" + words, Token(member));
    EXPECT_EQ(result.status, 200) << member << " " << result.body;
    std::vector<std::int64_t> ids;
    for (const auto& item : Items(result.body)) ids.push_back(item.at("id").as_int64());
    return ids;
  }

  static bool Has(const HttpResult& result, const std::string& text) {
    return result.body.find(text) != std::string::npos;
  }

  TestServer server;
  HttpClient client;
};

// Finding 4: an agent's note on a Microsoft case of a reseller's customer's ticket came back to
// the reseller agent as a vendor_update message, q= found it, and the reseller's history showed
// vendor_case.created naming the Signature path that GET .../escalations hides from it.
TEST_F(VisibilityTest, Issue13Finding4VendorNotesAndCasesNeverReachTheReseller) {
  const auto entitlement = SignatureEntitlement();
  const auto ticket = Created(client.PostJson(
      "/api/v1/tickets",
      R"({"service":"m365","category":"technical","severity":"moderate","subject":"Mailbox moves stall",)"
      R"("description":"Moves to Exchange Online stop at 95%","fields":{"tenant_domain":"charlie.example"}})",
      Token("req_c1")));
  ASSERT_NE(ticket, 0);
  // The partner's own internal note: the reseller reads those on its customers' tickets.
  ASSERT_EQ(
      client
          .PostJson(
              "/api/v1/tickets/" + Id(ticket) + "/messages",
              R"({"body":"zpartnernote: checked the migration batch","visibility":"internal"})",
              Token("agent"))
          .status,
      201);
  const auto vendor_case = Created(
      client.PostJson("/api/v1/tickets/" + Id(ticket) + "/escalations",
                      R"({"entitlement_id":)" + Id(entitlement) +
                          R"(,"connector":"partner_center","case_number":"616122292870013"})",
                      Token("agent")));
  ASSERT_NE(vendor_case, 0);
  auto note = client.PostJson("/api/v1/vendor-cases/" + Id(vendor_case) + "/notes",
                              R"({"body":"zmicrosoftnote: customer agrees to a remote session"})",
                              Token("agent"));
  ASSERT_EQ(note.status, 201) << note.body;

  // The partner sees all of it.
  const auto staff_messages = Messages(ticket, "agent");
  EXPECT_TRUE(Has(staff_messages, "zmicrosoftnote"));
  EXPECT_TRUE(Has(staff_messages, "\"kind\":\"vendor_update\""));
  const auto staff_events = Events(ticket, "agent");
  EXPECT_TRUE(Has(staff_events, "vendor_case.created"));
  EXPECT_TRUE(Has(staff_events, "Signature Cloud Support"));
  EXPECT_EQ(Search("zmicrosoftnote", "agent"), (std::vector<std::int64_t>{ticket}));

  // The reseller agent: the partner's internal note, nothing of Microsoft.
  const auto messages = Messages(ticket, "reseller");
  EXPECT_TRUE(Has(messages, "zpartnernote")) << "resellers read the partner's internal notes";
  EXPECT_FALSE(Has(messages, "zmicrosoftnote")) << messages.body;
  EXPECT_FALSE(Has(messages, "vendor_update")) << messages.body;
  EXPECT_TRUE(Search("zmicrosoftnote", "reseller").empty());
  const auto events = Events(ticket, "reseller");
  for (const char* secret :
       {"vendor_case", "vendor_update", "Signature", "Gold Cloud Platform", "zmicrosoftnote"}) {
    EXPECT_FALSE(Has(events, secret)) << "the reseller sees " << secret << ": " << events.body;
  }
  auto escalations =
      client.Get("/api/v1/tickets/" + Id(ticket) + "/escalations", Token("reseller"));
  ASSERT_EQ(escalations.status, 200) << escalations.body;
  EXPECT_FALSE(Has(escalations, "Signature")) << escalations.body;
  EXPECT_EQ(
      client.Get("/api/v1/vendor-cases/" + Id(vendor_case) + "/notes", Token("reseller")).status,
      403);

  // The customer: neither.
  const auto seen = Messages(ticket, "req_c1");
  EXPECT_FALSE(Has(seen, "zpartnernote"));
  EXPECT_FALSE(Has(seen, "zmicrosoftnote"));
  const auto history = Events(ticket, "req_c1");
  for (const char* secret : {"vendor_case", "vendor_update", "internal_note", "Signature"}) {
    EXPECT_FALSE(Has(history, secret)) << "the customer sees " << secret << ": " << history.body;
  }
  EXPECT_TRUE(Search("zmicrosoftnote", "req_c1").empty());
  EXPECT_TRUE(Search("zpartnernote", "req_c1").empty());
  // Another reseller does not see the ticket at all.
  EXPECT_EQ(client.Get("/api/v1/tickets/" + Id(ticket) + "/messages", Token("reseller2")).status,
            404);
}

// Finding 5: a routing rule that set provider_id wrote a public event, so the customer's history
// showed the provider and the rule's name. Staff setting it wrote an internal one. Now the field
// decides, and the rule names (`via`) are the partner's.
TEST_F(VisibilityTest, Issue13Finding5TheProviderARuleChoseNeverReachesTheCustomer) {
  const auto& w = server.world;
  auto rule = client.PostJson(
      "/api/v1/rules",
      R"({"name":"German Dynamics 365 to GlobalSupport","position":6,"run_on":["create"],)"
      R"("conditions":[{"field":"service","op":"eq","values":["d365"]}],)"
      R"("actions":[{"action":"set_provider","values":[")" +
          Id(w.provider.id.value) + R"("]},{"action":"add_tags","values":["d365-de"]}]})",
      Token("admin"));
  ASSERT_EQ(rule.status, 201) << rule.body;
  const std::string via =
      "rule " + Id(Parse(rule).at("id").as_int64()) + ": German Dynamics 365 to GlobalSupport";

  const auto ticket = Created(client.PostJson(
      "/api/v1/tickets",
      R"({"service":"d365","category":"technical","severity":"moderate","subject":"Posting fails",)"
      R"("description":"Sales orders will not post","fields":{"environment_url":"https://alpha.crm4.dynamics.com"}})",
      Token("req_a1")));
  ASSERT_NE(ticket, 0);
  // The rule did route it: the partner's history says so, naming the rule.
  bool routed = false;
  for (const auto& e : Items(Events(ticket, "agent").body)) {
    routed = routed || (e.at("field") == "provider_id" &&
                        e.at("after").as_string() == Id(w.provider.id.value) &&
                        e.at("via").as_string() == via);
  }
  ASSERT_TRUE(routed) << Events(ticket, "agent").body;
  // Staff move the status: a change customers see.
  ASSERT_EQ(
      client.PatchJson("/api/v1/tickets/" + Id(ticket), R"({"status":"open"})", Token("agent"))
          .status,
      200);

  for (const std::string member : {"req_a1", "admin_a"}) {
    const auto history = Events(ticket, member);
    EXPECT_FALSE(Has(history, "provider_id")) << member << ": " << history.body;
    EXPECT_FALSE(Has(history, "GlobalSupport")) << member << ": " << history.body;
    EXPECT_FALSE(Has(history, "rule ")) << member << ": " << history.body;
    bool status = false;
    bool tags = false;
    for (const auto& e : Items(history.body)) {
      status = status || (e.at("field") == "status" && e.at("after") == "open");
      tags = tags || (e.at("field") == "tags" && e.at("via") == "");
    }
    EXPECT_TRUE(status) << member << " sees status changes: " << history.body;
    EXPECT_TRUE(tags) << member << " sees the tags a rule set, not the rule: " << history.body;
    EXPECT_TRUE(GetObject(client, "/api/v1/tickets/" + Id(ticket), Token(member))
                    .at("provider_id")
                    .is_null());
  }
  // The provider works the ticket; it does not learn the partner's rules either.
  const auto provider = Events(ticket, "provider");
  EXPECT_FALSE(Has(provider, "rule ")) << provider.body;

  // Staff routing a ticket by hand: the same rule, the same answer.
  const auto by_hand = Created(client.PostJson(
      "/api/v1/tickets",
      R"({"service":"azure","category":"technical","severity":"moderate","subject":"VM","description":"x"})",
      Token("req_a1")));
  ASSERT_EQ(client
                .PatchJson("/api/v1/tickets/" + Id(by_hand),
                           R"({"provider_id":)" + Id(w.provider.id.value) + "}", Token("agent"))
                .status,
            200);
  EXPECT_FALSE(Has(Events(by_hand, "req_a1"), "provider_id"));
  EXPECT_TRUE(Has(Events(by_hand, "agent"), "provider_id"));
}

}  // namespace
}  // namespace tierdesk::testing
