// Escalation to Microsoft through the REST API against the real store: the options a ticket
// has, escalating with and without a path, a case followed to its close with consumption
// recorded, the ticket's pending_vendor status and its paused SLA clock, and what customers see.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <map>

#include "adapters/vendor/microsoft.hpp"
#include "app/vendor/vendor.hpp"
#include "support/http_client.hpp"
#include "support/microsoft_stub.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

// Clocks pause while Microsoft holds a ticket (the default); all targets in calendar time.
constexpr const char* kPlan = R"({"name":"Vendor plan","coverage":[{"service":"m365","category":"technical"},
  {"service":"m365","category":"billing"},{"service":"azure","category":"technical"}],"channels":[{"kind":"portal"}],
  "targets":{
    "critical":{"first_response":{"minutes":60,"basis":"calendar"},"next_response":{"minutes":30,"basis":"calendar"},"resolution":{"minutes":240,"basis":"calendar"}},
    "moderate":{"first_response":{"minutes":240,"basis":"calendar"},"next_response":{"minutes":120,"basis":"calendar"},"resolution":{"minutes":1440,"basis":"calendar"}},
    "minimal":{"first_response":{"minutes":480,"basis":"calendar"},"next_response":{"minutes":240,"basis":"calendar"},"resolution":{"minutes":2880,"basis":"calendar"}}},
  "pricing":{"model":"included","currency":"KRW"},"out_of_scope":{"policy":"refuse"}})";

class VendorTest : public ::testing::Test {
 protected:
  VendorTest() : client(server.port) {
    auto plan = client.PostJson("/api/v1/plans", kPlan, Token("admin"));
    EXPECT_EQ(plan.status, 201) << plan.body;
    auto agreement = client.PostJson("/api/v1/agreements",
                                     R"({"customer_id":)" + Id(server.world.customer_a.id.value) + R"(,"plan_id":)" +
                                         Id(Parse(plan).at("id").as_int64()) + R"(,"start_date":"2020-01-01"})",
                                     Token("admin"));
    EXPECT_EQ(agreement.status, 201) << agreement.body;
  }

  std::string Token(const std::string& member) { return server.world[member].token; }
  static std::string Id(std::int64_t id) { return std::to_string(id); }

  std::int64_t NewTicket(const std::string& category = "technical") {
    auto created = client.PostJson("/api/v1/tickets",
                                   R"({"service":"m365","category":")" + category +
                                       R"(","severity":"critical","subject":"Mail flow stops","description":"Since 9:00 no mail arrives.",)"
                                       R"("fields":{"tenant_domain":"alpha.example","invoice_reference":"INV-1"}})",
                                   Token("req_a1"));
    EXPECT_EQ(created.status, 201) << created.body;
    return Parse(created).at("id").as_int64();
  }

  std::int64_t NewEntitlement(const std::string& body) {
    auto created = client.PostJson("/api/v1/entitlements", body, Token("admin"));
    EXPECT_EQ(created.status, 201) << created.body;
    return Parse(created).at("id").as_int64();
  }

  json::object Ticket(std::int64_t id, const std::string& member = "agent") {
    return GetObject(client, "/api/v1/tickets/" + Id(id), Token(member));
  }

  HttpResult Escalate(std::int64_t ticket, const std::string& body) {
    return client.PostJson("/api/v1/tickets/" + Id(ticket) + "/escalations", body, Token("agent"));
  }

  HttpResult PatchCase(std::int64_t id, const std::string& body) {
    return client.PatchJson("/api/v1/vendor-cases/" + Id(id), body, Token("agent"));
  }

  TestServer server;
  HttpClient client;
};

TEST_F(VendorTest, WithoutAPathTheCheapestEligibleOneIsTaken) {
  const auto premier = NewEntitlement(R"({"kind":"premier","name":"Premier contract","unit":"hours","capacity":2400,)"
                                      R"("currency":"USD","unit_cost":25000,"products":"all","valid_from":"2020-01-01"})");
  const auto advanced = NewEntitlement(R"({"kind":"advanced","name":"Advanced contract","unit":"incidents","capacity":10,)"
                                       R"("currency":"USD","unit_cost":50000,"valid_from":"2020-01-01"})");
  const auto ticket = NewTicket();

  auto options = client.Get("/api/v1/tickets/" + Id(ticket) + "/escalation-options", Token("agent"));
  ASSERT_EQ(options.status, 200) << options.body;
  const auto items = Items(options.body);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("kind"), "commercial");
  EXPECT_FALSE(items[0].at("eligible").as_bool());
  EXPECT_EQ(items[0].at("reason"), "commercial support covers billing and subscription problems only");
  EXPECT_TRUE(items[1].at("preferred").as_bool());  // an hour of Premier: 25,000 against 50,000
  EXPECT_EQ(items[1].at("marginal_cost").as_int64(), 25'000);
  EXPECT_FALSE(items[2].at("preferred").as_bool());

  auto escalated = Escalate(ticket, R"({"support_topic":"Exchange Online / Mail flow"})");
  ASSERT_EQ(escalated.status, 201) << escalated.body;
  const auto vendor_case = Parse(escalated);
  EXPECT_EQ(vendor_case.at("entitlement_id").as_int64(), premier);
  EXPECT_EQ(vendor_case.at("status"), "draft");
  EXPECT_EQ(vendor_case.at("severity"), "critical");
  EXPECT_EQ(vendor_case.at("contact").at("email"), "agent@partner.example");
  const std::string summary(vendor_case.at("summary").at("text").as_string());
  EXPECT_NE(summary.find("Since 9:00 no mail arrives."), std::string::npos) << summary;
  EXPECT_NE(summary.find("Support path: Premier Support for Partners"), std::string::npos) << summary;
  EXPECT_NE(std::string(vendor_case.at("summary").at("portal_url").as_string()).find("partner.microsoft.com"),
            std::string::npos);
  // A draft is not with Microsoft yet: the ticket does not wait on it.
  EXPECT_NE(Ticket(ticket).at("status"), "pending_vendor");

  // An explicit path; the commercial one by null.
  auto by_path = Escalate(ticket, R"({"entitlement_id":)" + Id(advanced) + R"(,"case_number":"2611240010000001"})");
  ASSERT_EQ(by_path.status, 201) << by_path.body;
  EXPECT_EQ(Parse(by_path).at("entitlement_id").as_int64(), advanced);
  EXPECT_EQ(Parse(by_path).at("status"), "submitted");
  auto commercial = Escalate(ticket, R"({"entitlement_id":null})");
  ASSERT_EQ(commercial.status, 422) << commercial.body;
  EXPECT_NE(commercial.body.find("escalation-not-eligible"), std::string::npos);
  EXPECT_NE(commercial.body.find("commercial support covers billing and subscription problems only"), std::string::npos);
  EXPECT_EQ(Escalate(ticket, R"({"entitlement_id":987654})").status, 422);
}

TEST_F(VendorTest, ThePartnerRanksPathsByItsOwnOrderOrByCostPerCase) {
  NewEntitlement(R"({"kind":"premier","name":"Premier contract","unit":"hours","capacity":2400,)"
                 R"("currency":"USD","unit_cost":25000,"products":"all","valid_from":"2020-01-01"})");
  NewEntitlement(R"({"kind":"advanced","name":"Advanced contract","unit":"incidents","capacity":10,)"
                 R"("currency":"USD","unit_cost":50000,"valid_from":"2020-01-01"})");
  const auto ticket = NewTicket();
  auto preferred = [&] {
    std::string kind;
    for (const auto& o : Items(client.Get("/api/v1/tickets/" + Id(ticket) + "/escalation-options", Token("agent")).body)) {
      if (o.at("preferred").as_bool()) kind = std::string(o.at("kind").as_string());
    }
    return kind;
  };
  EXPECT_EQ(preferred(), "premier");
  // Three hours a case make Premier dearer (75,000) than an Advanced incident (50,000).
  auto hours = client.PatchJson("/api/v1/partner/settings", R"({"escalation_minutes_per_case":180})", Token("admin"));
  ASSERT_EQ(hours.status, 200) << hours.body;
  EXPECT_EQ(Parse(hours).at("escalation_minutes_per_case").as_int64(), 180);
  EXPECT_EQ(preferred(), "advanced");
  ASSERT_EQ(client.PatchJson("/api/v1/partner/settings", R"({"escalation_order":["premier"]})", Token("admin")).status, 200);
  EXPECT_EQ(preferred(), "premier");
  auto escalated = Escalate(ticket, "{}");
  ASSERT_EQ(escalated.status, 201) << escalated.body;
  EXPECT_EQ(Parse(escalated).at("kind"), "premier");
  auto bad = client.PatchJson("/api/v1/partner/settings", R"({"escalation_order":["Premier!"],"escalation_minutes_per_case":0})",
                              Token("admin"));
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("escalation_order"), std::string::npos);
  EXPECT_NE(bad.body.find("escalation_minutes_per_case"), std::string::npos);
  EXPECT_EQ(client.PatchJson("/api/v1/partner/settings", R"({"escalation_order":[]})", Token("agent")).status, 403);
}

TEST_F(VendorTest, AnIncidentUpdateReachesEveryLinkedTicketOfEveryCustomer) {
  const auto mine = NewTicket();
  auto other = client.PostJson("/api/v1/tickets",
                               R"({"customer_id":)" + Id(server.world.customer_b.id.value) +
                                   R"(,"service":"m365","category":"technical","severity":"moderate","subject":"Mail late",)"
                                   R"("description":"Mail arrives hours late","fields":{"tenant_domain":"bravo.example"}})",
                               Token("agent"));
  ASSERT_EQ(other.status, 201) << other.body;
  const auto theirs = Parse(other).at("id").as_int64();
  auto incident = client.PostJson("/api/v1/vendor-incidents",
                                  R"({"reference":"EX512345","title":"Delays in mail delivery","service":"m365"})",
                                  Token("agent"));
  ASSERT_EQ(incident.status, 201) << incident.body;
  const std::string url = "/api/v1/vendor-incidents/" + Id(Parse(incident).at("id").as_int64());
  EXPECT_EQ(client.PostJson("/api/v1/vendor-incidents", R"({"reference":"EX512345","title":"Again","service":"m365"})",
                            Token("agent")).status, 409);
  auto linked = client.PostJson(url + "/tickets", R"({"ticket_ids":[)" + Id(mine) + "," + Id(theirs) + "," + Id(mine) + "]}",
                                Token("agent"));
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(Parse(linked).at("ticket_ids").as_array().size(), 2u);
  EXPECT_EQ(client.PostJson(url + "/tickets", R"({"ticket_ids":[99999999]})", Token("agent")).status, 422);

  auto told = client.PostJson(url + "/updates", R"({"body":"Microsoft has rerouted traffic; mail is flowing again.","status":"resolved"})",
                              Token("agent"));
  ASSERT_EQ(told.status, 201) << told.body;
  EXPECT_EQ(Parse(told).at("tickets_told").as_int64(), 2);
  auto internal = client.PostJson(url + "/updates", R"({"body":"Root cause report expected Friday","shown_to_customers":false})",
                                  Token("agent"));
  ASSERT_EQ(internal.status, 201) << internal.body;
  for (const auto& [ticket, member] : {std::pair{mine, std::string("req_a1")}, std::pair{theirs, std::string("agent")}}) {
    int updates = 0;
    for (const auto& e : Items(client.Get("/api/v1/tickets/" + Id(ticket) + "/events", Token("agent")).body)) {
      if (e.at("action") == "vendor_incident.updated") ++updates;
    }
    EXPECT_EQ(updates, 2) << ticket;
    auto shown = client.Get("/api/v1/tickets/" + Id(ticket) + "/vendor-incidents", Token(member));
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(Items(shown.body).at(0).at("status"), "resolved");
  }
  // The customer reads the public update on its ticket, not the internal one.
  const auto events = client.Get("/api/v1/tickets/" + Id(mine) + "/events", Token("req_a1"));
  EXPECT_NE(events.body.find("mail is flowing again"), std::string::npos);
  EXPECT_EQ(events.body.find("Root cause report"), std::string::npos);
  auto detail = client.Get(url, Token("agent"));
  EXPECT_EQ(Parse(detail).at("updates").as_array().size(), 2u);
}

TEST_F(VendorTest, ReportsShowBurnDownWhatExpiresAndCasesPerPathPerMonth) {
  const auto premier = NewEntitlement(R"({"kind":"premier","name":"Premier contract","unit":"hours","capacity":600,)"
                                      R"("currency":"USD","unit_cost":25000,"products":"all","valid_from":"2020-01-01"})");
  const auto ticket = NewTicket();
  auto escalated = Escalate(ticket, R"({"case_number":"2611240010000009"})");
  ASSERT_EQ(escalated.status, 201) << escalated.body;
  ASSERT_EQ(PatchCase(Parse(escalated).at("id").as_int64(), R"({"status":"closed","consumed_minutes":180})").status, 200);
  ASSERT_EQ(Escalate(NewTicket("billing"), "{}").status, 201);

  auto burn = client.Get("/api/v1/reports/entitlements", Token("supervisor"));
  ASSERT_EQ(burn.status, 200) << burn.body;
  const auto rows = Items(burn.body);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("entitlement_id").as_int64(), premier);
  EXPECT_EQ(rows[0].at("used_last_90_days").as_int64(), 180);
  EXPECT_EQ(rows[0].at("left").as_int64(), 420);
  // 420 minutes left at 180 per 90 days: 210 days from today.
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const auto projected = *core::ParseDay(std::string(rows[0].at("projected_exhaustion").as_string()));
  EXPECT_NEAR(static_cast<double>(projected - today.time_since_epoch().count()), 210, 1);

  auto per_month = client.Get("/api/v1/reports/vendor-escalations", Token("admin"));
  ASSERT_EQ(per_month.status, 200) << per_month.body;
  std::map<std::string, std::int64_t> by_kind;
  for (const auto& row : Items(per_month.body)) by_kind[std::string(row.at("kind").as_string())] += row.at("cases").as_int64();
  EXPECT_EQ(by_kind, (std::map<std::string, std::int64_t>{{"commercial", 1}, {"premier", 1}}));

  auto competency = client.PostJson("/api/v1/competencies",
                                    R"({"level":"silver","area":"Cloud Productivity","valid_from":"2020-01-01","expires_on":"2099-01-01"})",
                                    Token("admin"));
  ASSERT_EQ(competency.status, 201);
  auto expiring = client.Get("/api/v1/reports/expiring?days=366", Token("admin"));
  ASSERT_EQ(expiring.status, 200) << expiring.body;
  EXPECT_TRUE(Items(expiring.body).empty()) << "nothing ends within a year";
}

TEST_F(VendorTest, WithNothingEligibleTheProblemListsEveryReason) {
  NewEntitlement(R"({"kind":"premier","name":"Old Premier","unit":"hours","capacity":600,"currency":"USD",)"
                 R"("unit_cost":25000,"products":"all","valid_from":"2020-01-01","valid_to":"2021-06-30"})");
  const auto ticket = NewTicket();
  auto refused = Escalate(ticket, "{}");
  ASSERT_EQ(refused.status, 422) << refused.body;
  const auto problem = Parse(refused);
  EXPECT_NE(std::string(problem.at("type").as_string()).find("escalation-not-eligible"), std::string::npos);
  std::vector<std::string> reasons;
  for (const auto& e : problem.at("errors").as_array()) reasons.emplace_back(e.at("message").as_string());
  EXPECT_EQ(reasons, (std::vector<std::string>{"commercial support covers billing and subscription problems only",
                                               "Old Premier expired 2021-06-30"}));
  // Billing problems go to commercial support, open to every partner.
  auto billing = Escalate(NewTicket("billing"), "{}");
  ASSERT_EQ(billing.status, 201) << billing.body;
  EXPECT_EQ(Parse(billing).at("kind"), "commercial");
  EXPECT_TRUE(Parse(billing).at("entitlement_id").is_null());
}

TEST_F(VendorTest, ACaseWaitsOnMicrosoftPausesTheClockAndConsumesOnClose) {
  const auto premier = NewEntitlement(R"({"kind":"premier","name":"Premier contract","unit":"hours","capacity":2400,)"
                                      R"("currency":"USD","unit_cost":25000,"products":"all","valid_from":"2020-01-01"})");
  const auto ticket = NewTicket();
  auto escalated = Escalate(ticket, R"({"support_topic":"Mail flow"})");
  ASSERT_EQ(escalated.status, 201) << escalated.body;
  const auto id = Parse(escalated).at("id").as_int64();

  // Recording Microsoft's number submits the case: the ticket waits on the vendor, the
  // resolution clock pauses and Microsoft's own first response (2 h for critical) is due.
  auto submitted = PatchCase(id, R"({"case_number":"2611240010000002","share_case_number":true})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Parse(submitted).at("status"), "submitted");
  const auto at = ParseTimestamp(Parse(submitted).at("submitted_at").as_string()).value();
  const auto due = ParseTimestamp(Parse(submitted).at("first_response_due").as_string()).value();
  EXPECT_EQ(due - at, std::chrono::hours(2));
  EXPECT_EQ(Parse(submitted).at("vendor_first_response").at("state"), "running");
  auto waiting = Ticket(ticket);
  EXPECT_EQ(waiting.at("status"), "pending_vendor");
  EXPECT_EQ(waiting.at("sla").at("resolution").at("state"), "paused") << json::serialize(waiting);

  // Microsoft needs the partner: the ticket is open again for its assignee, its clock runs.
  auto answered = PatchCase(id, R"({"status":"attention_needed"})");
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(Parse(answered).at("vendor_first_response").at("state"), "met") << "Microsoft answered within 2 hours";
  auto attention = Ticket(ticket);
  EXPECT_EQ(attention.at("status"), "open");
  EXPECT_EQ(attention.at("sla").at("resolution").at("state"), "running");
  ASSERT_EQ(PatchCase(id, R"({"status":"open"})").status, 200);
  EXPECT_EQ(Ticket(ticket).at("status"), "pending_vendor");

  // Closing an hourly case records Microsoft's time against the contract.
  auto no_minutes = PatchCase(id, R"({"status":"closed"})");
  EXPECT_EQ(no_minutes.status, 422) << no_minutes.body;
  EXPECT_NE(no_minutes.body.find("consumed_minutes"), std::string::npos);
  auto closed = PatchCase(id, R"({"status":"closed","consumed_minutes":150})");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(Parse(closed).at("consumed").as_int64(), 150);
  EXPECT_EQ(Ticket(ticket).at("status"), "open");
  auto entitlement = client.Get("/api/v1/entitlements/" + Id(premier), Token("admin"));
  EXPECT_EQ(Parse(entitlement).at("consumed").as_int64(), 150);
  EXPECT_EQ(Parse(entitlement).at("left").as_int64(), 2250);
  auto again = PatchCase(id, R"({"status":"open"})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Parse(client.Get("/api/v1/entitlements/" + Id(premier), Token("admin"))).at("consumed").as_int64(), 150);
}

TEST_F(VendorTest, CustomersSeeThatItIsWithMicrosoftAndNothingOfTheEntitlement) {
  NewEntitlement(R"({"kind":"premier","name":"Premier contract","unit":"hours","capacity":2400,"currency":"USD",)"
                 R"("unit_cost":25000,"contract_id":"PRM-CONTRACT-1","products":"all","valid_from":"2020-01-01"})");
  const auto ticket = NewTicket();
  auto hidden = Escalate(ticket, R"({"case_number":"2611240010000003"})");
  ASSERT_EQ(hidden.status, 201) << hidden.body;
  auto shared = Escalate(ticket, R"({"case_number":"2611240010000004","share_case_number":true})");
  ASSERT_EQ(shared.status, 201) << shared.body;
  auto draft = Escalate(ticket, "{}");
  ASSERT_EQ(draft.status, 201) << draft.body;

  for (const std::string member : {"req_a1", "admin_a"}) {
    auto seen = client.Get("/api/v1/tickets/" + Id(ticket) + "/escalations", Token(member));
    ASSERT_EQ(seen.status, 200) << member << " " << seen.body;
    const auto items = Items(seen.body);
    ASSERT_EQ(items.size(), 2u) << member << ": a draft is not shown";
    EXPECT_EQ(items[0].at("status"), "escalated_to_microsoft");
    EXPECT_TRUE(items[0].at("case_number").is_null());
    EXPECT_EQ(items[1].at("case_number"), "2611240010000004");
    for (const char* secret : {"premier", "Premier", "PRM-CONTRACT", "25000", "entitlement", "agent@partner"}) {
      EXPECT_EQ(seen.body.find(secret), std::string::npos) << member << " sees " << secret;
    }
    EXPECT_EQ(client.Get("/api/v1/vendor-cases/" + Id(Parse(shared).at("id").as_int64()), Token(member)).status, 403);
    EXPECT_EQ(client.Get("/api/v1/tickets/" + Id(ticket) + "/escalation-options", Token(member)).status, 403);
    EXPECT_EQ(client.Get("/api/v1/entitlements", Token(member)).status, 403);
    auto events = client.Get("/api/v1/tickets/" + Id(ticket) + "/events", Token(member));
    EXPECT_EQ(events.body.find("Premier"), std::string::npos) << member;
  }
  auto staff = client.Get("/api/v1/tickets/" + Id(ticket) + "/escalations", Token("agent"));
  EXPECT_EQ(Items(staff.body).size(), 3u);
  EXPECT_NE(staff.body.find("Premier"), std::string::npos);
}


// "Day one for a partner" §5: a case for a connector the configuration leaves off would never be
// opened or followed (it would sit in submitted with nothing to say why): the escalation is
// refused with a problem naming what the operator sets, and nothing is written.
TEST_F(VendorTest, AnEscalationThroughAConnectorThatIsNotConfiguredIsRefusedNamingTheSettings) {
  NewEntitlement(R"({"kind":"csp_technical","name":"CSP technical","valid_from":"2020-01-01"})");
  const auto ticket = NewTicket();
  server.app.connectors.missing["partner_center"] = {
      "[partner_center] client_id (TIERDESK_PARTNER_CENTER_CLIENT_ID)",
      "[partner_center] client_secret (TIERDESK_PARTNER_CENTER_CLIENT_SECRET)"};
  auto refused = Escalate(ticket, R"({"connector":"partner_center","case_number":"616122292874599"})");
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  const auto problem = Parse(refused);
  EXPECT_EQ(problem.at("type"), "/problems/connector-not-configured");
  EXPECT_NE(problem.at("detail").as_string().find("[partner_center] client_id"), std::string::npos) << refused.body;
  ASSERT_EQ(problem.at("errors").as_array().size(), 2u) << refused.body;
  EXPECT_EQ(problem.at("errors").at(0).at("field"), "connector");
  EXPECT_NE(problem.at("errors").at(1).at("message").as_string().find("TIERDESK_PARTNER_CENTER_CLIENT_SECRET"),
            std::string::npos);
  // Nothing was written: no case, and the ticket does not wait on Microsoft.
  EXPECT_TRUE(Items(client.Get("/api/v1/tickets/" + Id(ticket) + "/escalations", Token("agent")).body).empty());
  EXPECT_EQ(Ticket(ticket).at("status"), "new");
  // The manual connector needs no configuration; a configured one escalates as before.
  auto manual = Escalate(ticket, R"({"case_number":"616122292874598"})");
  ASSERT_EQ(manual.status, 201) << manual.body;
  EXPECT_EQ(Parse(manual).at("connector"), "manual");
  server.app.connectors.missing.clear();
  EXPECT_EQ(Escalate(ticket, R"({"connector":"partner_center","case_number":"616122292874597"})").status, 201);
}

// "Day one for a partner" §5: the queue of cases with Microsoft across tickets, oldest first, for
// those who follow them up; filtered by status, path, age and sync error, and paged.
TEST_F(VendorTest, TheQueueListsCasesAcrossTicketsOldestFirstWithFiltersAndPages) {
  NewEntitlement(R"({"kind":"csp_technical","name":"CSP technical","valid_from":"2020-01-01"})");
  const auto first = NewTicket();
  auto draft = Escalate(first, R"({"support_topic":"Mail flow"})");
  ASSERT_EQ(draft.status, 201) << draft.body;
  const auto draft_id = Parse(draft).at("id").as_int64();
  server.app.clock.Advance(std::chrono::hours(3));
  const auto second = NewTicket("billing");
  auto followed = Escalate(second, R"({"connector":"partner_center","case_number":"616122292874600"})");
  ASSERT_EQ(followed.status, 201) << followed.body;
  const auto followed_id = Parse(followed).at("id").as_int64();
  const auto third = NewTicket();
  auto done = Escalate(third, R"({"case_number":"616122292874601"})");
  ASSERT_EQ(done.status, 201) << done.body;
  const auto done_id = Parse(done).at("id").as_int64();
  ASSERT_EQ(PatchCase(done_id, R"({"status":"closed"})").status, 200);

  const auto ids = [&](const std::string& query, const std::string& member = "agent") {
    auto listed = client.Get("/api/v1/vendor-cases" + query, Token(member));
    EXPECT_EQ(listed.status, 200) << query << ": " << listed.body;
    std::vector<std::int64_t> out;
    for (const auto& item : Items(listed.body)) out.push_back(item.at("id").as_int64());
    return out;
  };
  using Ids = std::vector<std::int64_t>;
  // Every case not closed, oldest first, each with what a supervisor needs.
  auto listed = client.Get("/api/v1/vendor-cases", Token("supervisor"));
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto items = Items(listed.body);
  ASSERT_EQ(items.size(), 2u) << listed.body;
  EXPECT_TRUE(Parse(listed).at("next_cursor").is_null());
  const auto& oldest = items[0].as_object();
  EXPECT_EQ(oldest.at("id").as_int64(), draft_id);
  EXPECT_EQ(oldest.at("ticket_id").as_int64(), first);
  EXPECT_EQ(oldest.at("subject"), "Mail flow stops");
  EXPECT_EQ(oldest.at("customer_id").as_int64(), server.world.customer_a.id.value);
  EXPECT_EQ(std::string(oldest.at("customer").as_string()), server.world.customer_a.name);
  EXPECT_EQ(oldest.at("kind"), "csp_technical");
  EXPECT_EQ(oldest.at("status"), "draft");
  EXPECT_EQ(oldest.at("case_number"), "");
  EXPECT_EQ(oldest.at("age_hours").as_int64(), 3);
  EXPECT_TRUE(oldest.at("sync").at("synced_at").is_null());
  EXPECT_TRUE(oldest.at("sync").at("error").is_null());
  EXPECT_EQ(items[1].at("id").as_int64(), followed_id);
  EXPECT_EQ(items[1].at("status"), "submitted");
  EXPECT_EQ(items[1].at("case_number"), "616122292874600");
  EXPECT_EQ(items[1].at("connector"), "partner_center");
  EXPECT_EQ(items[1].at("age_hours").as_int64(), 0);
  EXPECT_EQ(items[1].at("vendor_first_response").at("state"), "running");

  // Filters.
  EXPECT_EQ(ids("?status=closed"), (Ids{done_id}));
  EXPECT_EQ(ids("?status=draft,closed"), (Ids{draft_id, done_id}));
  EXPECT_EQ(ids("?status=submitted&status=draft"), (Ids{draft_id, followed_id}));
  const std::string followed_path(Parse(followed).at("kind").as_string());
  EXPECT_NE(followed_path, "csp_technical");
  EXPECT_EQ(ids("?path=csp_technical"), (Ids{draft_id}));
  EXPECT_EQ(ids("?path=" + followed_path), (Ids{followed_id}));
  EXPECT_EQ(ids("?path=premier"), Ids{});
  EXPECT_EQ(ids("?min_age_hours=2"), (Ids{draft_id}));
  EXPECT_EQ(ids("?min_age_hours=4"), Ids{});
  // A case whose connector is not there fails its sync; the queue shows it and finds it.
  EXPECT_EQ(ids("?sync_error=true"), Ids{});
  const core::VendorConnectors none;
  ASSERT_TRUE(app::vendor::SyncVendorCases(server.app.Context(), none));
  EXPECT_EQ(ids("?sync_error=true"), (Ids{followed_id}));
  EXPECT_EQ(ids("?sync_error=false"), (Ids{draft_id}));
  EXPECT_EQ(ids("?sync_error=false&status=closed"), (Ids{done_id}));
  const auto failing = Items(client.Get("/api/v1/vendor-cases?sync_error=true", Token("admin")).body);
  ASSERT_EQ(failing.size(), 1u);
  EXPECT_EQ(failing[0].at("sync").at("error"), "the partner_center connector is not configured");

  // Pages, by cursor.
  auto page = client.Get("/api/v1/vendor-cases?limit=1", Token("agent"));
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(Items(page.body).size(), 1u);
  EXPECT_EQ(Items(page.body)[0].at("id").as_int64(), draft_id);
  const std::string cursor(Parse(page).at("next_cursor").as_string());
  auto next = client.Get("/api/v1/vendor-cases?limit=1&cursor=" + cursor, Token("agent"));
  ASSERT_EQ(next.status, 200) << next.body;
  ASSERT_EQ(Items(next.body).size(), 1u);
  EXPECT_EQ(Items(next.body)[0].at("id").as_int64(), followed_id);
  EXPECT_TRUE(Parse(next).at("next_cursor").is_null());

  // Bad filters are problems naming the parameter, never a crash or a silent default.
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"?status=waiting", "status"}, {"?status=open,", "status"}, {"?path=Premier", "path"},
           {"?path=", "path"}, {"?min_age_hours=0", "min_age_hours"}, {"?min_age_hours=-3", "min_age_hours"},
           {"?min_age_hours=87601", "min_age_hours"}, {"?sync_error=yes", "sync_error"}, {"?limit=0", "limit"},
           {"?limit=201", "limit"}, {"?limit=ten", "limit"}, {"?cursor=abc", "cursor"},
           {"?cursor=dmMxfA", "cursor"}, {"?colour=red", "colour"}}) {
    auto bad = client.Get("/api/v1/vendor-cases" + query, Token("agent"));
    EXPECT_EQ(bad.status, 400) << query << ": " << bad.body;
    EXPECT_EQ(bad.Header("content-type"), "application/problem+json") << query;
    if (bad.status != 400) continue;
    EXPECT_EQ(Parse(bad).at("type"), "/problems/invalid-parameter") << query;
    EXPECT_EQ(std::string(Parse(bad).at("errors").at(0).at("field").as_string()), field) << query;
  }
  // For those who follow cases up: not billing clerks, customers, providers or resellers.
  for (const char* member : {"billing", "req_a1", "admin_a", "provider", "reseller"}) {
    auto refused = client.Get("/api/v1/vendor-cases", Token(member));
    EXPECT_EQ(refused.status, 403) << member;
    EXPECT_EQ(refused.body.find("Mail flow stops"), std::string::npos) << member;
  }
}

// ---- The vendor sync, through the real connectors, against the loopback Microsoft stub ----------

constexpr const char* kSubscription = "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182";
constexpr const char* kProblem =
    "/providers/Microsoft.Support/services/06bfd9d3-516b-d5c6-5802-169c800dec89/problemClassifications/"
    "e12e3d1d-7fa0-af33-c6d0-3c50df9658a3";

class VendorSyncTest : public VendorTest {
 protected:
  VendorSyncTest() {
    adapters::vendor::ConnectorOptions options;
    options.base_url = stub.BaseUrl();
    options.credentials = {stub.BaseUrl(), MicrosoftStub::kTenant, MicrosoftStub::kClientId, MicrosoftStub::kSecret,
                           "https://management.azure.com/.default"};
    options.retry.max_attempts = 3;
    azure = std::make_unique<adapters::vendor::AzureSupportConnector>(http, options, [](std::chrono::milliseconds) { return true; });
    options.credentials.scope = "https://api.partnercenter.microsoft.com/.default";
    partner_center =
        std::make_unique<adapters::vendor::PartnerCenterConnector>(http, options, [](std::chrono::milliseconds) { return true; });
    connectors = {{"azure_support", azure.get()}, {"partner_center", partner_center.get()}};
  }

  app::vendor::SyncPass Sync() {
    auto pass = app::vendor::SyncVendorCases(server.app.Context(), connectors);
    EXPECT_TRUE(pass) << pass.error().message;
    return pass.value_or(app::vendor::SyncPass{});
  }

  std::int64_t NewAzureTicket() {
    auto subscription = client.PostJson("/api/v1/subscriptions",
                                        R"({"customer_id":)" + Id(server.world.customer_a.id.value) +
                                            R"(,"service":"azure","subscription_id":")" + kSubscription +
                                            R"(","name":"Production"})",
                                        Token("admin"));
    EXPECT_TRUE(subscription.status == 201 || subscription.status == 409) << subscription.body;
    auto created = client.PostJson("/api/v1/tickets",
                                   R"({"service":"azure","category":"technical","severity":"critical",)"
                                   R"("subject":"Scale set VMs do not start","description":"Allocation fails since 09:00.",)"
                                   R"("fields":{"subscription_id":")" + std::string(kSubscription) + R"("}})",
                                   Token("req_a1"));
    EXPECT_EQ(created.status, 201) << created.body;
    return Parse(created).at("id").as_int64();
  }

  json::object Case(std::int64_t id) { return GetObject(client, "/api/v1/vendor-cases/" + Id(id), Token("agent")); }

  // The ticket's messages of one kind, as a member sees them.
  std::vector<json::object> Messages(std::int64_t ticket, const std::string& kind, const std::string& member = "agent") {
    std::vector<json::object> out;
    auto listed = client.Get("/api/v1/tickets/" + Id(ticket) + "/messages", Token(member));
    EXPECT_EQ(listed.status, 200) << listed.body;
    for (const auto& message : Items(listed.body)) {
      if (message.at("kind").as_string() == kind) out.push_back(message.as_object());
    }
    return out;
  }

  bool HasEvent(std::int64_t ticket, const std::string& action) {
    auto events = client.Get("/api/v1/tickets/" + Id(ticket) + "/events", Token("agent"));
    for (const auto& event : Items(events.body)) {
      if (event.at("action").as_string() == action) return true;
    }
    return false;
  }

  MicrosoftStub stub;
  adapters::vendor::HttpClient http{adapters::vendor::HttpOptions{std::chrono::milliseconds(3000), {}, 1u << 20}};
  std::unique_ptr<adapters::vendor::AzureSupportConnector> azure;
  std::unique_ptr<adapters::vendor::PartnerCenterConnector> partner_center;
  core::VendorConnectors connectors;
};

TEST_F(VendorSyncTest, AnAzureCaseIsOpenedOnceFollowedAndClosedWithNotesBothWays) {
  const auto premier = NewEntitlement(R"({"kind":"premier","name":"Premier contract","unit":"hours","capacity":2400,)"
                                      R"("currency":"USD","unit_cost":25000,"products":"all","valid_from":"2020-01-01"})");
  const auto ticket = NewAzureTicket();
  auto not_a_topic = Escalate(ticket, R"({"connector":"azure_support","support_topic":"VMs"})");
  ASSERT_EQ(not_a_topic.status, 422) << not_a_topic.body;
  EXPECT_EQ(Parse(not_a_topic).at("errors").at(0).at("field"), "support_topic");
  auto escalated = Escalate(ticket, std::string(R"({"connector":"azure_support","support_topic":")") + kProblem + "\"}");
  ASSERT_EQ(escalated.status, 201) << escalated.body;
  const auto id = Parse(escalated).at("id").as_int64();
  EXPECT_EQ(Parse(escalated).at("status"), "draft");
  EXPECT_EQ(Parse(escalated).at("connector"), "azure_support");

  // Microsoft fails the first two calls: the sync still opens exactly one case.
  stub.FailNext(2, {500, "", std::chrono::milliseconds(0), false});
  auto pass = Sync();
  EXPECT_EQ(pass.opened, 1);
  const auto tickets = stub.AzureTickets();
  ASSERT_EQ(tickets.size(), 1u);
  const auto& [name, azure_ticket] = *tickets.begin();
  EXPECT_EQ(azure_ticket.subscription, kSubscription);
  EXPECT_EQ(azure_ticket.body.at("properties").at("severity").as_string(), "critical");
  EXPECT_EQ(azure_ticket.body.at("properties").at("contactDetails").at("primaryEmailAddress").as_string(),
            server.world["agent"].user.email);
  auto opened = Case(id);
  EXPECT_EQ(opened.at("status"), "submitted");
  EXPECT_EQ(opened.at("case_number").as_string(), azure_ticket.number);
  EXPECT_TRUE(opened.at("sync").at("error").is_null());
  EXPECT_EQ(Ticket(ticket).at("status"), "pending_vendor");

  // The next pass reads it: Microsoft has it open, which is its first response.
  stub.AddAzureReply(name, "msg-1", "Please send the scale set's resource id.");
  pass = Sync();
  EXPECT_EQ(Sync().opened, 0);
  EXPECT_EQ(stub.AzureTickets().size(), 1u);
  EXPECT_EQ(Case(id).at("status"), "open");
  EXPECT_EQ(Case(id).at("vendor_first_response").at("state"), "met");
  // Microsoft's note is an internal vendor update: the agent sees it, the customer does not.
  const auto updates = Messages(ticket, "vendor_update");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].at("body"), "Please send the scale set's resource id.");
  EXPECT_EQ(updates[0].at("visibility"), "internal");
  for (const std::string member : {"req_a1", "admin_a"}) {
    auto seen = client.Get("/api/v1/tickets/" + Id(ticket) + "/messages", Token(member));
    EXPECT_EQ(seen.body.find("resource id"), std::string::npos) << member;
    auto events = client.Get("/api/v1/tickets/" + Id(ticket) + "/events", Token(member));
    EXPECT_EQ(events.body.find("vendor_update"), std::string::npos) << member;
  }

  // The agent's note waits while Microsoft is down, and goes once when it is back.
  auto note = client.PostJson("/api/v1/vendor-cases/" + Id(id) + "/notes",
                              R"({"body":"Resource id: /subscriptions/x/vmss/web. Zone 2 only."})", Token("agent"));
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(Parse(note).at("state"), "waiting");
  stub.FailNext(3, {503, "1", std::chrono::milliseconds(0), false});
  pass = Sync();
  EXPECT_EQ(pass.notes_out, 0);
  auto notes = client.Get("/api/v1/vendor-cases/" + Id(id) + "/notes", Token("agent"));
  ASSERT_EQ(Items(notes.body).size(), 2u) << notes.body;
  EXPECT_EQ(Items(notes.body)[1].at("state"), "waiting");
  EXPECT_EQ(Items(notes.body)[1].at("attempts").as_int64(), 1);
  EXPECT_NE(Items(notes.body)[1].at("last_error").as_string().find("503"), std::string::npos);
  pass = Sync();
  EXPECT_EQ(pass.notes_out, 1);
  EXPECT_EQ(Items(client.Get("/api/v1/vendor-cases/" + Id(id) + "/notes", Token("agent")).body)[1].at("state"), "sent");
  const auto sent = stub.AzureTickets().at(name).communications;
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].at("properties").at("body").as_string(), "Resource id: /subscriptions/x/vmss/web. Zone 2 only.");
  EXPECT_EQ(Sync().notes_out, 0);
  EXPECT_EQ(Messages(ticket, "vendor_update").size(), 2u);  // Microsoft's and ours, nothing read back twice

  // The agent publishes Microsoft's note to the customer, once.
  const auto vendor_message = updates[0].at("id").as_int64();
  const std::string publish = "/api/v1/tickets/" + Id(ticket) + "/messages/" + Id(vendor_message) + "/publish";
  EXPECT_EQ(client.PostJson(publish, "{}", Token("req_a1")).status, 403);
  auto published = client.PostJson(publish, R"({"body":"Microsoft asks for the scale set's resource id."})", Token("agent"));
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_EQ(Parse(published).at("kind"), "public_reply");
  EXPECT_EQ(client.PostJson(publish, "{}", Token("agent")).status, 409);
  auto customer_view = client.Get("/api/v1/tickets/" + Id(ticket) + "/messages", Token("req_a1"));
  EXPECT_NE(customer_view.body.find("Microsoft asks for the scale set"), std::string::npos);
  EXPECT_EQ(client.PostJson("/api/v1/tickets/" + Id(ticket) + "/messages/" + Id(Parse(published).at("id").as_int64()) +
                                "/publish",
                            "{}", Token("agent"))
                .status,
            404);  // a reply is no vendor update

  // Microsoft waits on the partner: the ticket is open again and its assignee is cued.
  stub.SetAzureStatus(name, "Waiting for customer response");
  EXPECT_EQ(Sync().moved, 1);
  EXPECT_EQ(Case(id).at("status"), "attention_needed");
  EXPECT_EQ(Ticket(ticket).at("status"), "open");
  EXPECT_TRUE(HasEvent(ticket, "vendor_case.attention_needed"));

  // Microsoft closes it: the ticket is open for the partner, the hours are the agent's to record.
  stub.SetAzureStatus(name, "Closed");
  EXPECT_EQ(Sync().moved, 1);
  EXPECT_EQ(Case(id).at("status"), "closed");
  EXPECT_TRUE(HasEvent(ticket, "vendor_case.consumption_needed"));
  auto recorded = PatchCase(id, R"({"consumed_minutes":90})");
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_EQ(Parse(recorded).at("consumed").as_int64(), 90);
  EXPECT_EQ(Parse(client.Get("/api/v1/entitlements/" + Id(premier), Token("admin"))).at("consumed").as_int64(), 90);
  EXPECT_EQ(PatchCase(id, R"({"consumed_minutes":30})").status, 200);  // recorded already: unchanged
  EXPECT_EQ(Parse(client.Get("/api/v1/entitlements/" + Id(premier), Token("admin"))).at("consumed").as_int64(), 90);
  // A closed case is not followed any more.
  const std::string ref = std::string("/subscriptions/") + kSubscription + "/providers/Microsoft.Support/supportTickets/" + name;
  const auto reads = stub.Requests("GET", ref).size();
  EXPECT_EQ(Sync().read, 0);
  EXPECT_EQ(stub.Requests("GET", ref).size(), reads);
  EXPECT_EQ(client.PostJson("/api/v1/vendor-cases/" + Id(id) + "/notes", R"({"body":"late"})", Token("agent")).status,
            409);
}

TEST_F(VendorSyncTest, PartnerCenterFollowsACaseOpenedInThePortalAndConsumesAnIncidentOnClose) {
  const auto advanced = NewEntitlement(R"({"kind":"advanced","name":"Advanced contract","unit":"incidents","capacity":10,)"
                                       R"("currency":"USD","unit_cost":50000,"valid_from":"2020-01-01"})");
  const auto ticket = NewTicket();
  auto escalated = Escalate(ticket, R"({"connector":"partner_center","support_topic":"Exchange Online / Mail flow"})");
  ASSERT_EQ(escalated.status, 201) << escalated.body;
  const auto id = Parse(escalated).at("id").as_int64();
  EXPECT_EQ(Parse(escalated).at("entitlement_id").as_int64(), advanced);
  // A draft waits for the agent: Partner Center does not open cases.
  EXPECT_EQ(Sync().opened, 0);
  EXPECT_TRUE(stub.Requests().empty());

  stub.AddServiceRequest("616122292874576",
                         {json::value(1), json::value(1), "Mail flow stops", MicrosoftStub::kTenant,
                          {json::object{{"createdByName", "Microsoft Support"},
                                        {"createdDate", "2026-11-24T08:30:00"},
                                        {"text", "Please confirm the affected domain."}}}});
  ASSERT_EQ(PatchCase(id, R"({"case_number":"616122292874576"})").status, 200);
  auto pass = Sync();
  EXPECT_EQ(pass.read, 1);
  EXPECT_EQ(pass.notes_in, 1);
  EXPECT_EQ(Case(id).at("status"), "open");
  ASSERT_EQ(Messages(ticket, "vendor_update").size(), 1u);

  auto note = client.PostJson("/api/v1/vendor-cases/" + Id(id) + "/notes", R"({"body":"alpha.example only."})",
                              Token("agent"));
  ASSERT_EQ(note.status, 201) << note.body;
  pass = Sync();
  EXPECT_EQ(pass.notes_out, 1);
  const auto patches = stub.Requests("PATCH", "/v1/servicerequests/616122292874576");
  ASSERT_EQ(patches.size(), 1u);
  auto notes = Items(client.Get("/api/v1/vendor-cases/" + Id(id) + "/notes", Token("agent")).body);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[1].at("direction"), "to_vendor");
  EXPECT_EQ(stub.ServiceRequests().at("616122292874576").notes.size(), 2u);
  // Partner Center lists our note with Microsoft's: it is not taken for Microsoft's.
  EXPECT_EQ(Sync().notes_in, 0);
  EXPECT_EQ(Messages(ticket, "vendor_update").size(), 2u);

  // Closed at Microsoft (as the integer 2): one incident is consumed, the ticket is open again.
  stub.AddServiceRequest("616122292874576", {json::value(1), json::value(2), "Mail flow stops", MicrosoftStub::kTenant,
                                             stub.ServiceRequests().at("616122292874576").notes});
  EXPECT_EQ(Sync().moved, 1);
  EXPECT_EQ(Case(id).at("status"), "closed");
  EXPECT_EQ(Case(id).at("consumed").as_int64(), 1);
  EXPECT_EQ(Ticket(ticket).at("status"), "open");
  EXPECT_EQ(Parse(client.Get("/api/v1/entitlements/" + Id(advanced), Token("admin"))).at("consumed").as_int64(), 1);
}

TEST_F(VendorSyncTest, ACaseWhoseConnectorIsMissingOrRefusedKeepsTheErrorAndIsTriedAgain) {
  NewEntitlement(R"({"kind":"csp_technical","name":"CSP technical","valid_from":"2020-01-01"})");
  const auto ticket = NewTicket();
  auto manual = Escalate(ticket, R"({"case_number":"616122292874580"})");
  ASSERT_EQ(manual.status, 201) << manual.body;
  EXPECT_EQ(client.PostJson("/api/v1/vendor-cases/" + Id(Parse(manual).at("id").as_int64()) + "/notes",
                            R"({"body":"x"})", Token("agent"))
                .status,
            409);  // followed by hand: notes go through the portal
  auto followed = Escalate(ticket, R"({"connector":"partner_center","case_number":"616122292874581"})");
  ASSERT_EQ(followed.status, 201) << followed.body;
  const auto id = Parse(followed).at("id").as_int64();
  EXPECT_EQ(Escalate(ticket, R"({"connector":"fax"})").status, 422);

  core::VendorConnectors none;
  auto pass = app::vendor::SyncVendorCases(server.app.Context(), none);
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->failures, 1);  // the manual case is not the sync's
  EXPECT_EQ(Case(id).at("sync").at("error"), "the partner_center connector is not configured");

  stub.RejectCredentials(true);
  EXPECT_EQ(Sync().failures, 1);
  EXPECT_EQ(Case(id).at("sync").at("error"), "Microsoft refused the application's credentials");
  EXPECT_EQ(Case(id).at("status"), "submitted");

  stub.RejectCredentials(false);
  stub.AddServiceRequest("616122292874581", {json::value("minimal"), json::value("open"), "Licences",
                                             MicrosoftStub::kTenant, {}});
  EXPECT_EQ(Sync().failures, 0);
  EXPECT_TRUE(Case(id).at("sync").at("error").is_null());
  EXPECT_FALSE(Case(id).at("sync").at("synced_at").is_null());
  EXPECT_EQ(Case(id).at("status"), "open");
}

}  // namespace
}  // namespace tierdesk::testing
