// Issue "Day one for a partner" §4: a record others use cannot be deleted out from under them.
// One test per DELETE route that existed then (docs/api.md "Deleting"): referenced → 409
// /problems/in-use naming what refers to it, unreferenced → 204.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

class ReferencesTest : public ::testing::Test {
 protected:
  ReferencesTest() : client(server.port) {}

  std::string Token(const std::string& member) { return server.world[member].token; }
  static std::string Id(std::int64_t id) { return std::to_string(id); }

  std::int64_t Create(const std::string& path, const std::string& body) {
    auto created = client.PostJson(path, body, Token("admin"));
    EXPECT_EQ(created.status, 201) << path << ": " << created.body;
    return created.status == 201 ? Parse(created).at("id").as_int64() : 0;
  }
  HttpResult Delete(const std::string& path) { return client.Send("DELETE", path, {}, {{"Authorization", "Bearer " + Token("admin")}}); }

  // A 409 in-use problem whose detail names each reference ("plan 3").
  void ExpectInUse(const HttpResult& result, const std::vector<std::string>& names) {
    EXPECT_EQ(result.status, 409) << result.body;
    EXPECT_EQ(result.Header("content-type"), "application/problem+json");
    const auto problem = Parse(result);
    if (!problem.is_object()) return;
    EXPECT_EQ(problem.at("type").as_string(), "/problems/in-use");
    EXPECT_EQ(problem.at("title").as_string(), "Conflict");
    const std::string detail(problem.at("detail").as_string());
    for (const auto& name : names) EXPECT_NE(detail.find(name), std::string::npos) << name << " in: " << detail;
  }

  std::int64_t Calendar(const std::string& name) {
    return Create("/api/v1/calendars", R"({"name":")" + name +
                                           R"(","time_zone":"Asia/Seoul","intervals":[{"day":"mon","start":"09:00","end":"18:00"}]})");
  }

  TestServer server;
  HttpClient client;
};

TEST_F(ReferencesTest, DeleteCalendarInUseIsRefusedNamingItsUsers) {
  const auto hours = Calendar("Seoul office");
  const std::string calendar = Id(hours);
  const auto plan = Create("/api/v1/plans", R"({"name":"Business","service_hours_calendar_id":)" + calendar + R"(,
    "coverage":[{"service":"m365","category":"technical"}],"channels":[{"kind":"portal"}],
    "targets":{"critical":{"first_response":{"minutes":60,"basis":"business"}}},
    "pricing":{"model":"included","currency":"KRW"},"out_of_scope":{"policy":"refuse"}})");
  Create("/api/v1/agreements", R"({"customer_id":)" + Id(server.world.customer_a.id.value) + R"(,"plan_id":)" +
                                   Id(plan) + R"(,"start_date":"2020-01-01"})");
  const auto agent = server.world["agent"].user.id.value;
  auto shift = client.PatchJson("/api/v1/users/" + Id(agent) + "/availability", R"({"shift_calendar_id":)" + calendar + "}",
                                Token("admin"));
  ASSERT_EQ(shift.status, 200) << shift.body;
  const auto provider = server.world.provider.id.value;
  auto contract = client.Send("PUT", "/api/v1/providers/" + Id(provider) + "/contract",
                              R"({"currency":"KRW","hourly_cost":65000,"hours_calendar_id":)" + calendar +
                                  R"(,"targets":{"moderate":{"first_response":{"minutes":60,"basis":"business"}}}})",
                              {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}});
  ASSERT_EQ(contract.status, 200) << contract.body;
  const auto rule = Create("/api/v1/rules", R"({"name":"After hours","position":10,"conditions":[{"field":"time","op":"outside","values":[")" +
                                                calendar + R"("]}],"actions":[{"action":"add_tags","values":["after-hours"]}]})");

  // It used to answer 204: the next ticket failed ("calendar not found") and clocks ran 24x7.
  ExpectInUse(Delete("/api/v1/calendars/" + calendar),
              {"calendar " + calendar, "plan " + Id(plan), "user " + Id(agent), "provider " + Id(provider), "rule " + Id(rule)});
  EXPECT_EQ(client.Get("/api/v1/calendars/" + calendar, Token("admin")).status, 200) << "still there";
  auto ticket = client.PostJson("/api/v1/tickets", R"({"service":"m365","category":"technical","severity":"critical",
    "subject":"Mailbox full","fields":{"tenant_domain":"alpha.example"},"description":"Please help"})",
                                Token("req_a1"));
  EXPECT_EQ(ticket.status, 201) << ticket.body;

  // Unreferenced one by one, it goes: the rule, the contract's hours, the shift; the plan keeps it.
  EXPECT_EQ(Delete("/api/v1/rules/" + Id(rule)).status, 204);
  ASSERT_EQ(client.PatchJson("/api/v1/users/" + Id(agent) + "/availability", R"({"shift_calendar_id":null})", Token("admin")).status, 200);
  ASSERT_EQ(client.Send("PUT", "/api/v1/providers/" + Id(provider) + "/contract",
                        R"({"currency":"KRW","hourly_cost":65000,"hours_calendar_id":null,"targets":{}})",
                        {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}})
                .status,
            200);
  const auto refused = Delete("/api/v1/calendars/" + calendar);
  ExpectInUse(refused, {"plan " + Id(plan)});
  EXPECT_EQ(std::string(Parse(refused).at("detail").as_string()).find("user "), std::string::npos) << refused.body;

  // A channel's hours count too.
  const auto phone_hours = Calendar("Phone hours");
  const auto phone_plan = Create("/api/v1/plans", R"({"name":"Phone","coverage":[{"service":"m365","category":"technical"}],
    "channels":[{"kind":"phone","address":"+82 2 1234 5678","hours_calendar_id":)" + Id(phone_hours) + R"(}],
    "targets":{},"pricing":{"model":"included","currency":"KRW"},"out_of_scope":{"policy":"refuse"}})");
  ExpectInUse(Delete("/api/v1/calendars/" + Id(phone_hours)), {"plan " + Id(phone_plan)});
}

TEST_F(ReferencesTest, DeleteCalendarUnusedAnswers204) {
  const auto id = Calendar("Unused");
  EXPECT_EQ(Delete("/api/v1/calendars/" + Id(id)).status, 204);
  EXPECT_EQ(client.Get("/api/v1/calendars/" + Id(id), Token("admin")).status, 404);
  EXPECT_EQ(Delete("/api/v1/calendars/" + Id(id)).status, 404);
}

// Nothing refers to a routing rule (history keeps the rule's name as text), so it always goes.
TEST_F(ReferencesTest, DeleteRuleAnswers204) {
  const auto id = Create("/api/v1/rules", R"({"name":"Tag VIPs","position":10,"conditions":[{"field":"severity","op":"eq","values":["critical"]}],
    "actions":[{"action":"add_tags","values":["vip"]}]})");
  EXPECT_EQ(Delete("/api/v1/rules/" + Id(id)).status, 204);
  EXPECT_EQ(Delete("/api/v1/rules/" + Id(id)).status, 404);
}

TEST_F(ReferencesTest, DeleteCompetencyInUseIsRefusedNamingTheEntitlements) {
  const auto competency = Create("/api/v1/competencies",
                                 R"({"level":"gold","area":"Cloud Platform","valid_from":"2020-01-01","expires_on":"2099-01-01"})");
  const auto entitlement = Create("/api/v1/entitlements",
                                  R"({"kind":"advanced","name":"Advanced contract","unit":"incidents","capacity":10,)"
                                  R"("currency":"USD","unit_cost":50000,"valid_from":"2020-01-01","competency_id":)" +
                                      Id(competency) + "}");
  // It answered 409 before, as the generic /problems/conflict naming one entitlement by name.
  ExpectInUse(Delete("/api/v1/competencies/" + Id(competency)), {"competency " + Id(competency), "entitlement " + Id(entitlement)});
  EXPECT_EQ(Delete("/api/v1/entitlements/" + Id(entitlement)).status, 204);
  EXPECT_EQ(Delete("/api/v1/competencies/" + Id(competency)).status, 204);
}

TEST_F(ReferencesTest, DeleteEntitlementInUseIsRefusedNamingTheVendorCases) {
  auto plan = client.PostJson("/api/v1/plans", R"({"name":"Vendor plan","coverage":[{"service":"m365","category":"technical"}],
    "channels":[{"kind":"portal"}],"targets":{},"pricing":{"model":"included","currency":"KRW"},"out_of_scope":{"policy":"refuse"}})",
                              Token("admin"));
  ASSERT_EQ(plan.status, 201) << plan.body;
  Create("/api/v1/agreements", R"({"customer_id":)" + Id(server.world.customer_a.id.value) + R"(,"plan_id":)" +
                                   Id(Parse(plan).at("id").as_int64()) + R"(,"start_date":"2020-01-01"})");
  const auto entitlement = Create("/api/v1/entitlements",
                                  R"({"kind":"premier","name":"Premier contract","unit":"hours","capacity":2400,)"
                                  R"("currency":"USD","unit_cost":25000,"products":"all","valid_from":"2020-01-01"})");
  auto ticket = client.PostJson("/api/v1/tickets", R"({"service":"m365","category":"technical","severity":"critical",
    "subject":"Mail flow stops","description":"Since 9:00 no mail arrives.","fields":{"tenant_domain":"alpha.example"}})",
                                Token("req_a1"));
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  auto escalated = client.PostJson("/api/v1/tickets/" + Id(Parse(ticket).at("id").as_int64()) + "/escalations",
                                   R"({"support_topic":"Exchange Online / Mail flow"})", Token("agent"));
  ASSERT_EQ(escalated.status, 201) << escalated.body;
  const auto vendor_case = Parse(escalated).at("id").as_int64();
  ASSERT_EQ(Parse(escalated).at("entitlement_id").as_int64(), entitlement);

  // It used to answer 422 "the request refers to something that does not exist" (the foreign key).
  ExpectInUse(Delete("/api/v1/entitlements/" + Id(entitlement)), {"entitlement " + Id(entitlement), "vendor_case " + Id(vendor_case)});
  EXPECT_EQ(client.Get("/api/v1/vendor-cases/" + Id(vendor_case), Token("agent")).status, 200);

  const auto unused = Create("/api/v1/entitlements", R"({"kind":"advanced","name":"Spare","unit":"incidents","capacity":5,)"
                                                     R"("currency":"USD","unit_cost":50000,"valid_from":"2020-01-01"})");
  EXPECT_EQ(Delete("/api/v1/entitlements/" + Id(unused)).status, 204);
}

}  // namespace
}  // namespace tierdesk::testing
