// Routing rules through the REST API: managing them, the dry run, and rules acting at creation
// and on changes, with every action in the ticket's history naming the rule.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>

#include "app/routing/routing.hpp"
#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

class RoutingTest : public ::testing::Test {
 protected:
  RoutingTest() : client(server.port) {
    auto team = client.PostJson("/api/v1/teams", R"({"name":"Azure"})", Token("admin"));
    EXPECT_EQ(team.status, 201) << team.body;
    azure_team = Parse(team).at("id").as_int64();
  }

  std::string Token(const std::string& member) { return server.world[member].token; }

  json::object CreateRule(const std::string& body, const std::string& member = "admin") {
    auto result = client.PostJson("/api/v1/rules", body, Token(member));
    EXPECT_EQ(result.status, 201) << result.body;
    return Parse(result).as_object();
  }

  std::string AzureRule() const {
    return R"({"name":"Azure technical to the Azure team","position":10,
      "conditions":[{"field":"service","op":"eq","values":["azure"]},{"field":"category","op":"eq","values":["technical"]}],
      "actions":[{"action":"set_team","values":[")" + std::to_string(azure_team) + R"("]},{"action":"add_tags","values":["azure-tech"]}]})";
  }

  std::vector<json::object> Events(std::int64_t ticket, const std::string& member = "agent") {
    auto result = client.Get("/api/v1/tickets/" + std::to_string(ticket) + "/events", Token(member));
    EXPECT_EQ(result.status, 200) << result.body;
    std::vector<json::object> events;
    for (const auto& item : Items(result.body)) events.push_back(item.as_object());
    return events;
  }

  TestServer server;
  HttpClient client;
  std::int64_t azure_team = 0;
};

TEST_F(RoutingTest, AdminsAndSupervisorsManageRulesStaffReadThem) {
  const auto rule = CreateRule(AzureRule());
  EXPECT_EQ(rule.at("version").as_int64(), 1);
  EXPECT_EQ(rule.at("match").as_string(), "all");
  EXPECT_EQ(rule.at("run_on").as_array().size(), 2u);
  EXPECT_EQ(rule.at("conditions").at(0).at("field").as_string(), "service");
  const std::string url = "/api/v1/rules/" + std::to_string(rule.at("id").as_int64());

  EXPECT_EQ(client.Get("/api/v1/rules", Token("agent")).status, 200);
  EXPECT_EQ(Items(client.Get("/api/v1/rules", Token("agent")).body).size(), 1u);
  for (const char* outsider : {"req_a1", "admin_a", "provider", "reseller", "billing"}) {
    EXPECT_EQ(client.Get("/api/v1/rules", Token(outsider)).status, 403) << outsider;
    EXPECT_EQ(client.Get(url, Token(outsider)).status, 403) << outsider;
  }
  for (const char* member : {"agent", "req_a1", "provider"}) {
    EXPECT_EQ(client.PostJson("/api/v1/rules", AzureRule(), Token(member)).status, 403) << member;
  }

  // Replacing needs the current version; the supervisor may.
  const auto headers = [&](const std::string& member, const std::string& etag) {
    return std::map<std::string, std::string>{
        {"Authorization", "Bearer " + Token(member)}, {"Content-Type", "application/json"}, {"If-Match", etag}};
  };
  std::string renamed = AzureRule();
  renamed.replace(renamed.find("Azure technical to the Azure team"), 33, "Azure technical, renamed");
  auto replaced = client.Send("PUT", url, renamed, headers("supervisor", "\"v1\""));
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(Parse(replaced).at("version").as_int64(), 2);
  EXPECT_EQ(Parse(replaced).at("name").as_string(), "Azure technical, renamed");
  EXPECT_EQ(client.Send("PUT", url, renamed, headers("admin", "\"v1\"")).status, 412);

  // Bad rules name what is wrong.
  auto bad = client.PostJson("/api/v1/rules", R"({"name":"Bad","conditions":[{"field":"colour","op":"eq","values":["red"]},
      {"field":"severity","op":"contains","values":["crit"]}],"actions":[{"action":"set_team","values":["999"]}]})", Token("admin"));
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> fields;
  const auto problem = Parse(bad);
  for (const auto& e : problem.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.count("conditions[0].field")) << bad.body;
  EXPECT_TRUE(fields.count("conditions[1].op")) << bad.body;
  auto unknown_team = client.PostJson("/api/v1/rules", R"({"name":"Ghost team","actions":[{"action":"set_team","values":["999"]}]})",
                                      Token("admin"));
  ASSERT_EQ(unknown_team.status, 422) << unknown_team.body;
  EXPECT_NE(unknown_team.body.find("no such team"), std::string::npos);
  EXPECT_EQ(client.PostJson("/api/v1/rules", AzureRule(), Token("admin")).status, 201);
  EXPECT_EQ(client.PostJson("/api/v1/rules", AzureRule(), Token("admin")).status, 409) << "the name is taken";
  auto strict = client.PostJson("/api/v1/rules", R"({"name":"x","actions":[],"colour":"red"})", Token("admin"));
  EXPECT_EQ(strict.status, 422);
  EXPECT_NE(strict.body.find("colour"), std::string::npos);

  EXPECT_EQ(client.Send("DELETE", url, "", {{"Authorization", "Bearer " + Token("agent")}}).status, 403);
  EXPECT_EQ(client.Send("DELETE", url, "", {{"Authorization", "Bearer " + Token("admin")}}).status, 204);
  EXPECT_EQ(client.Get(url, Token("agent")).status, 404);
}

TEST_F(RoutingTest, TheDryRunShowsWhatTheRulesWouldDoAndSavesNothing) {
  CreateRule(AzureRule());
  CreateRule(R"({"name":"Outage is critical","position":20,"conditions":[{"field":"subject","op":"contains","values":["outage"]}],
    "actions":[{"action":"set_severity","values":["critical"]},{"action":"add_note","values":["Check service health first"]}]})");
  const auto before = Items(client.Get("/api/v1/tickets?limit=200", Token("agent")).body).size();
  const std::string customer = std::to_string(server.world.customer_a.id.value);
  auto test = client.PostJson("/api/v1/rules/test", R"({"ticket":{"customer_id":)" + customer +
                                                        R"(,"service":"azure","category":"technical","severity":"moderate",
      "subject":"Outage in Korea Central","description":"Everything is down"}})", Token("agent"));
  ASSERT_EQ(test.status, 200) << test.body;
  const auto result = Parse(test);
  EXPECT_EQ(result.at("fired").as_array().size(), 2u);
  EXPECT_EQ(result.at("ticket").at("team_id").as_int64(), azure_team);
  EXPECT_EQ(result.at("ticket").at("severity").as_string(), "critical");
  EXPECT_EQ(result.at("ticket").at("tags").at(0).as_string(), "azure-tech");
  EXPECT_EQ(result.at("changes").at(0).at("rule").as_string(), "Azure technical to the Azure team");
  EXPECT_EQ(result.at("notes").at(0).at("text").as_string(), "Check service health first");
  EXPECT_EQ(Items(client.Get("/api/v1/tickets?limit=200", Token("agent")).body).size(), before) << "nothing saved";

  auto quiet = client.PostJson("/api/v1/rules/test", R"({"ticket":{"customer_id":)" + customer +
                                                         R"(,"service":"m365","category":"billing","severity":"minimal","subject":"Invoice","description":"x"}})",
                               Token("agent"));
  ASSERT_EQ(quiet.status, 200) << quiet.body;
  EXPECT_TRUE(Parse(quiet).at("fired").as_array().empty());
  // Time conditions read the real calendar: an always-open calendar is never "outside".
  auto always = client.PostJson("/api/v1/calendars", R"({"name":"Always","time_zone":"Asia/Seoul","always_open":true})",
                                Token("admin"));
  ASSERT_EQ(always.status, 201) << always.body;
  const std::string calendar = std::to_string(Parse(always).at("id").as_int64());
  CreateRule(R"({"name":"Inside hours","position":30,"conditions":[{"field":"time","op":"inside","values":[")" + calendar +
             R"("]}],"actions":[{"action":"add_tags","values":["in-hours"]}]})");
  CreateRule(R"({"name":"Outside hours","position":40,"conditions":[{"field":"time","op":"outside","values":[")" + calendar +
             R"("]}],"actions":[{"action":"add_tags","values":["after-hours"]}]})");
  auto timed = client.PostJson("/api/v1/rules/test", R"({"ticket":{"customer_id":)" + customer +
                                                         R"(,"service":"m365","category":"billing","severity":"minimal","subject":"Invoice","description":"x"}})",
                               Token("agent"));
  ASSERT_EQ(timed.status, 200) << timed.body;
  const auto timed_tags = Parse(timed).at("ticket").at("tags");
  EXPECT_EQ(timed_tags.as_array().size(), 1u) << timed.body;
  EXPECT_EQ(timed_tags.at(0).as_string(), "in-hours");

  EXPECT_EQ(client.PostJson("/api/v1/rules/test", R"({"ticket":{"service":"azure"},"trigger":"sometimes"})", Token("agent")).status, 422);
  EXPECT_EQ(client.PostJson("/api/v1/rules/test", R"({"ticket":{"service":"azure","category":"technical","severity":"minimal","subject":"x","description":"x"}})",
                            Token("req_a1")).status, 403);
}

TEST_F(RoutingTest, RulesRouteAtCreationAndOnChangesAndHistoryNamesThem) {
  const auto azure = CreateRule(AzureRule());
  const auto escalate = CreateRule(R"({"name":"Critical needs a heads-up","position":20,"run_on":["update"],
    "conditions":[{"field":"severity","op":"eq","values":["critical"]}],
    "actions":[{"action":"add_note","values":["Raised to critical: call the customer"]},{"action":"notify","values":["severity.critical"]}]})");

  auto created = client.PostJson("/api/v1/tickets", R"({"service":"azure","category":"technical","severity":"moderate",
    "subject":"VM fails to start","description":"Allocation failed"})", Token("req_a1"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto ticket = Parse(created);
  const auto id = ticket.at("id").as_int64();
  EXPECT_EQ(ticket.at("team_id").as_int64(), azure_team) << "routed at creation";
  EXPECT_EQ(ticket.at("tags").at(0).as_string(), "azure-tech");
  const std::string via = "rule " + std::to_string(azure.at("id").as_int64()) + ": Azure technical to the Azure team";
  int by_rule = 0;
  for (const auto& event : Events(id)) by_rule += event.at("via").as_string() == via ? 1 : 0;
  EXPECT_EQ(by_rule, 2) << "team and tags, each naming the rule";

  // A change the update rule watches: the note (internal) and the notification.
  auto patched = client.PatchJson("/api/v1/tickets/" + std::to_string(id), R"({"severity":"critical"})", Token("agent"));
  ASSERT_EQ(patched.status, 200) << patched.body;
  const std::string escalate_via = "rule " + std::to_string(escalate.at("id").as_int64()) + ": Critical needs a heads-up";
  bool noted = false, notified = false;
  for (const auto& event : Events(id)) {
    noted = noted || (event.at("action").as_string() == "message.added" && event.at("via").as_string() == escalate_via);
    notified = notified || (event.at("action").as_string() == "rule.notify" && event.at("after").as_string() == "severity.critical");
  }
  EXPECT_TRUE(noted);
  EXPECT_TRUE(notified);
  auto messages = client.Get("/api/v1/tickets/" + std::to_string(id) + "/messages", Token("agent"));
  EXPECT_NE(messages.body.find("Raised to critical: call the customer"), std::string::npos);
  auto customer_view = client.Get("/api/v1/tickets/" + std::to_string(id) + "/messages", Token("req_a1"));
  EXPECT_EQ(customer_view.body.find("Raised to critical"), std::string::npos) << "rule notes are internal";
  for (const auto& event : Events(id, "req_a1")) EXPECT_NE(event.at("action").as_string(), "rule.notify");

  // Another update that does not match adds nothing more.
  const auto count = Events(id).size();
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + std::to_string(id), R"({"subject":"VM still fails to start"})",
                             Token("agent")).status, 200);
  EXPECT_EQ(Events(id).size(), count + 1) << "only the subject change";
}

}  // namespace
}  // namespace tierdesk::testing

namespace tierdesk::testing {
namespace {

class RequirementsTest : public RoutingTest {};

TEST_F(RequirementsTest, ServicesSayWhatTicketsMustCarryAndOpeningNeedsIt) {
  // The seeded requirements are on the services list.
  auto services = client.Get("/api/v1/services", Token("agent"));
  ASSERT_EQ(services.status, 200);
  bool azure_seen = false;
  for (const auto& service : Items(services.body)) {
    if (service.at("code").as_string() != "azure") continue;
    azure_seen = true;
    EXPECT_FALSE(service.at("requirements").at("fields").as_array().empty());
    EXPECT_FALSE(service.at("requirements").at("checklist").as_array().empty());
  }
  EXPECT_TRUE(azure_seen);

  // A malformed subscription id is refused at creation; a missing one is allowed until opening.
  auto malformed = client.PostJson("/api/v1/tickets", R"({"service":"azure","category":"technical","severity":"moderate",
    "subject":"VM down","description":"x","fields":{"subscription_id":"not-a-guid"}})", Token("req_a1"));
  ASSERT_EQ(malformed.status, 422) << malformed.body;
  EXPECT_NE(malformed.body.find("fields.subscription_id"), std::string::npos);
  auto created = client.PostJson("/api/v1/tickets", R"({"service":"azure","category":"technical","severity":"moderate",
    "subject":"VM down","description":"x"})", Token("req_a1"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = created.Header("location");

  // The first agent reply does not open it while the subscription is missing; opening is refused.
  ASSERT_EQ(client.PostJson(url + "/messages", R"({"body":"Which subscription is it?"})", Token("agent")).status, 201);
  EXPECT_EQ(Parse(client.Get(url, Token("agent"))).at("status").as_string(), "new");
  auto refused = client.PatchJson(url, R"({"status":"open"})", Token("agent"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Parse(refused).at("type").as_string(), "/problems/missing-fields");
  EXPECT_EQ(Parse(refused).at("errors").at(0).at("field").as_string(), "fields.subscription_id");

  // With the subscription it opens.
  ASSERT_EQ(client.PatchJson(url, R"({"fields":{"subscription_id":"6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182"}})",
                             Token("agent")).status, 200);
  EXPECT_EQ(client.PatchJson(url, R"({"status":"open"})", Token("agent")).status, 200);

  // Admins change the requirements: an added service now needs a device id.
  ASSERT_EQ(client.PostJson("/api/v1/services", R"({"code":"intune","name":"Intune"})", Token("admin")).status, 201);
  const std::string requirements = R"({"fields":[{"name":"device_id","label":"Device ID","format":"guid","categories":["technical"]}],
    "checklist":[{"key":"synced","text":"Synced the device","categories":["technical"]}]})";
  EXPECT_EQ(client.Send("PUT", "/api/v1/services/intune/requirements", requirements,
                        {{"Authorization", "Bearer " + Token("agent")}, {"Content-Type", "application/json"}}).status, 403);
  auto set = client.Send("PUT", "/api/v1/services/intune/requirements", requirements,
                         {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Parse(set).at("requirements").at("fields").at(0).at("name").as_string(), "device_id");
  auto bad = client.Send("PUT", "/api/v1/services/intune/requirements",
                         R"({"fields":[{"name":"Bad Name","label":"x","format":"shape"}]})",
                         {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(client.Send("PUT", "/api/v1/services/nothing/requirements", requirements,
                        {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}}).status, 404);
  auto device = client.PostJson("/api/v1/tickets", R"({"service":"intune","category":"technical","severity":"minimal",
    "subject":"Enrolment fails","description":"x","fields":{"device_id":"123"}})", Token("req_a1"));
  EXPECT_EQ(device.status, 422) << device.body;
}

TEST_F(RequirementsTest, TheChecklistRecordsWhoTickedWhatAndWhen) {
  auto created = client.PostJson("/api/v1/tickets", R"({"service":"m365","category":"technical","severity":"moderate",
    "subject":"Mail delayed","description":"x"})", Token("req_a1"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = created.Header("location");
  auto checklist = client.Get(url + "/checklist", Token("agent"));
  ASSERT_EQ(checklist.status, 200) << checklist.body;
  const auto before = Parse(checklist);
  EXPECT_EQ(before.at("missing_fields").at(0).at("message").as_string(), "Tenant domain or Tenant ID is required");
  EXPECT_EQ(before.at("items").as_array().size(), 3u);
  EXPECT_FALSE(before.at("items").at(0).at("done").as_bool());

  auto ticked = client.Send("PUT", url + "/checklist/checked_service_health", R"({"done":true})",
                            {{"Authorization", "Bearer " + Token("agent")}, {"Content-Type", "application/json"}});
  ASSERT_EQ(ticked.status, 200) << ticked.body;
  const auto after = Parse(ticked);
  const auto& item = after.at("items").at(0);
  EXPECT_EQ(item.at("key").as_string(), "checked_service_health");
  EXPECT_TRUE(item.at("done").as_bool());
  EXPECT_EQ(item.at("done_by").as_int64(), server.world["agent"].user.id.value);
  EXPECT_TRUE(item.at("done_at").is_string());
  bool recorded = false;
  for (const auto& event : Events(Parse(created).at("id").as_int64())) {
    recorded = recorded || (event.at("action").as_string() == "checklist.ticked" &&
                            event.at("field").as_string() == "checked_service_health");
  }
  EXPECT_TRUE(recorded);

  const auto put = [&](const std::string& path, const std::string& body, const std::string& member) {
    return client.Send("PUT", url + path, body, {{"Authorization", "Bearer " + Token(member)}, {"Content-Type", "application/json"}});
  };
  EXPECT_EQ(put("/checklist/no_such_item", R"({"done":true})", "agent").status, 404);
  EXPECT_EQ(put("/checklist/checked_service_health", R"({})", "agent").status, 422);
  EXPECT_EQ(put("/checklist/checked_service_health", R"({"done":"yes"})", "agent").status, 422);
  EXPECT_EQ(put("/checklist/checked_service_health", R"({"done":false})", "req_a1").status, 403);
  EXPECT_EQ(client.Get(url + "/checklist", Token("req_a1")).status, 403) << "diagnostics are for agents";
  EXPECT_EQ(client.Get(url + "/checklist", Token("req_b1")).status, 404) << "another customer's ticket";
  auto unticked = put("/checklist/checked_service_health", R"({"done":false})", "agent");
  ASSERT_EQ(unticked.status, 200);
  EXPECT_FALSE(Parse(unticked).at("items").at(0).at("done").as_bool());
}

}  // namespace
}  // namespace tierdesk::testing

namespace tierdesk::testing {
namespace {

class HandbackTest : public RoutingTest {};

TEST_F(HandbackTest, TheProviderHandsATicketBackInOneAction) {
  const auto& w = server.world;
  const std::string url = "/api/v1/tickets/" + std::to_string(w.ticket_routed.value);
  // The provider works it: assigns itself.
  ASSERT_EQ(client.PatchJson(url, R"({"assignee_id":)" + std::to_string(w["provider"].user.id.value) + "}",
                             Token("provider")).status, 200);
  // Only the provider or partner staff may hand back; customers may not; the reason is required.
  EXPECT_EQ(client.PostJson(url + "/handback", R"({"reason":"x"})", Token("req_b1")).status, 403);
  EXPECT_EQ(client.PostJson(url + "/handback", R"({"reason":"  "})", Token("provider")).status, 422);
  EXPECT_EQ(client.PostJson(url + "/handback", R"({})", Token("provider")).status, 422);

  auto handed = client.PostJson(url + "/handback", R"({"reason":"Needs a Premier case; over to you"})", Token("provider"));
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_TRUE(Parse(handed).at("provider_id").is_null());
  EXPECT_TRUE(Parse(handed).at("assignee_id").is_null()) << "the provider's agent is unassigned";

  // The provider no longer sees it; the partner does, with the reason in history and a note.
  EXPECT_EQ(client.Get(url, Token("provider")).status, 404);
  const auto ticket = Parse(client.Get(url, Token("agent")));
  EXPECT_TRUE(ticket.at("provider_id").is_null());
  bool recorded = false;
  for (const auto& event : Events(w.ticket_routed.value)) {
    recorded = recorded || (event.at("action").as_string() == "ticket.handed_back" &&
                            event.at("via").as_string() == "handback: Needs a Premier case; over to you");
  }
  EXPECT_TRUE(recorded);
  for (const auto& event : Events(w.ticket_routed.value, "req_b1")) {
    EXPECT_NE(event.at("action").as_string(), "ticket.handed_back") << "customers deal with the partner only";
  }
  EXPECT_NE(client.Get(url + "/messages", Token("agent")).body.find("Handed back to the partner"), std::string::npos);
  // Nothing left to hand back.
  auto again = client.PostJson(url + "/handback", R"({"reason":"again"})", Token("agent"));
  EXPECT_EQ(again.status, 409) << again.body;
}

// "Day one for a partner" §5: a reseller's customer's ticket is the reseller's until it hands it
// up. Rules set its team at creation but send it to a provider only when the rule says so
// (provider_before_hand_up); at the hand-up the partner's rules place it and the team's strategy
// assigns it.
TEST_F(RoutingTest, ARuleRoutesAResellersTicketToAProviderOnlyWhenItSaysSoAndTheHandUpPlacesAndAssigns) {
  const auto& w = server.world;
  const std::string reseller = std::to_string(w.reseller.id.value);
  auto team = client.PostJson("/api/v1/teams",
                              R"({"name":"Two-tier desk","assignment":"round_robin","members":[)" +
                                  std::to_string(w["agent"].user.id.value) + "]}",
                              Token("admin"));
  ASSERT_EQ(team.status, 201) << team.body;
  const auto desk = Parse(team).at("id").as_int64();
  CreateRule(R"({"name":"Reseller tickets to the two-tier desk","position":1,
    "conditions":[{"field":"reseller_id","op":"eq","values":[")" + reseller + R"("]}],
    "actions":[{"action":"set_team","values":[")" + std::to_string(desk) + R"("]}]})");
  const auto outsource = CreateRule(R"({"name":"M365 technical to the provider","position":2,
    "conditions":[{"field":"service","op":"eq","values":["m365"]},{"field":"category","op":"eq","values":["technical"]}],
    "actions":[{"action":"set_provider","values":[")" + std::to_string(w.provider.id.value) + R"("]}]})");
  EXPECT_FALSE(outsource.at("provider_before_hand_up").as_bool());
  const auto early = CreateRule(R"({"name":"Urgent outsourcing even before the hand-up","position":3,
    "provider_before_hand_up":true,
    "conditions":[{"field":"subject","op":"contains","values":["outsource-now"]}],
    "actions":[{"action":"set_provider","values":[")" + std::to_string(w.provider2.id.value) + R"("]}]})");
  EXPECT_TRUE(early.at("provider_before_hand_up").as_bool());
  const auto open = [&](const std::string& category, const std::string& subject) {
    auto created = client.PostJson("/api/v1/tickets",
                                   R"({"service":"m365","category":")" + category + R"(","severity":"moderate",)"
                                   R"("subject":")" + subject + R"(","description":"Teams calls drop."})",
                                   Token("req_c1"));
    EXPECT_EQ(created.status, 201) << created.body;
    return Parse(created).at("id").as_int64();
  };
  const auto ticket_of = [&](std::int64_t id) {
    return GetObject(client, "/api/v1/tickets/" + std::to_string(id), Token("agent"));
  };

  // The dry run says the provider waits for the hand-up.
  auto dry = client.PostJson("/api/v1/rules/test", R"({"ticket":{"customer_id":)" + std::to_string(w.customer_c.id.value) +
                                                       R"(,"service":"m365","category":"technical","severity":"moderate",
      "subject":"Calls drop","description":"Teams calls drop."}})", Token("agent"));
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(Parse(dry).at("ticket").at("provider_id").is_null()) << dry.body;
  EXPECT_EQ(Parse(dry).at("ticket").at("holder"), "reseller");
  ASSERT_EQ(Parse(dry).at("held").as_array().size(), 1u) << dry.body;
  EXPECT_EQ(Parse(dry).at("held").at(0).at("rule_id"), outsource.at("id"));

  // Created: the team is set, the provider waits, nobody is assigned while the reseller holds it.
  const auto technical = open("technical", "Calls drop");
  auto held = ticket_of(technical);
  EXPECT_EQ(held.at("team_id").as_int64(), desk);
  EXPECT_TRUE(held.at("provider_id").is_null()) << "a rule moved the reseller's ticket to a provider";
  EXPECT_EQ(held.at("holder"), "reseller");
  EXPECT_TRUE(held.at("assignee_id").is_null());
  EXPECT_EQ(client.Get("/api/v1/tickets/" + std::to_string(technical), Token("provider")).status, 404);
  // A rule that says so routes it at once.
  const auto urgent = open("billing", "outsource-now: licences");
  EXPECT_EQ(ticket_of(urgent).at("provider_id").as_int64(), w.provider2.id.value);
  EXPECT_EQ(ticket_of(urgent).at("holder"), "provider");

  // Handed up: the partner's rules place it (now the provider rule acts) ...
  auto up = client.PostJson("/api/v1/tickets/" + std::to_string(technical) + "/handup",
                            R"({"reason":"needs the partner"})", Token("reseller"));
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(Parse(up).at("provider_id").as_int64(), w.provider.id.value);
  EXPECT_EQ(Parse(up).at("holder"), "provider");
  bool via_rule = false;
  for (const auto& event : Events(technical)) {
    via_rule = via_rule || (event.at("field") == "provider_id" && event.at("via").is_string() &&
                            event.at("via").as_string() == "rule " + std::to_string(outsource.at("id").as_int64()) +
                                                               ": M365 technical to the provider");
  }
  EXPECT_TRUE(via_rule);

  // ... and a ticket the rules keep with the partner is assigned by its team's strategy.
  const auto billing = open("billing", "Invoice question");
  EXPECT_TRUE(ticket_of(billing).at("assignee_id").is_null());
  auto billing_up = client.PostJson("/api/v1/tickets/" + std::to_string(billing) + "/handup",
                                    R"({"reason":"the partner bills"})", Token("reseller"));
  ASSERT_EQ(billing_up.status, 200) << billing_up.body;
  EXPECT_EQ(Parse(billing_up).at("holder"), "partner");
  EXPECT_EQ(Parse(billing_up).at("team_id").as_int64(), desk);
  ASSERT_FALSE(Parse(billing_up).at("assignee_id").is_null()) << "the hand-up left the ticket unassigned";
  EXPECT_EQ(Parse(billing_up).at("assignee_id").as_int64(), w["agent"].user.id.value);
  bool assigned = false;
  for (const auto& event : Events(billing)) {
    assigned = assigned || (event.at("via").is_string() &&
                            event.at("via").as_string() == "assignment: round_robin in Two-tier desk");
  }
  EXPECT_TRUE(assigned);
}

// The dry run and creation build the ticket in one place: a rule on a tag, the subject or a field
// matches a ticket exactly when it matches its dry run, whatever the case and blanks sent.
TEST_F(RoutingTest, TheDryRunMatchesWhatCreationMatches) {
  const auto vip = CreateRule(R"({"name":"VIP","position":1,"conditions":[{"field":"tags","op":"eq","values":["VIP"]}],
    "actions":[{"action":"set_severity","values":["critical"]}]})");
  const auto printer = CreateRule(R"({"name":"Printer","position":2,
    "conditions":[{"field":"subject","op":"eq","values":["printer down"]}],"actions":[{"action":"add_tags","values":["hardware"]}]})");
  const auto both = CreateRule(R"({"name":"VIP printer","position":3,"match":"all",
    "conditions":[{"field":"tags","op":"in","values":["vip"]},{"field":"tags","op":"eq","values":["floor-3"]}],
    "actions":[{"action":"add_tags","values":["escalate"]}]})");
  const std::string customer = std::to_string(server.world.customer_a.id.value);
  struct Case {
    std::string subject;
    std::string tags;
    std::vector<std::int64_t> fired;
  };
  const std::vector<Case> cases = {
      {"  Printer down  ", R"([" VIP ","Floor-3"])",
       {vip.at("id").as_int64(), printer.at("id").as_int64(), both.at("id").as_int64()}},
      {"PRINTER DOWN", R"(["vip"])", {vip.at("id").as_int64(), printer.at("id").as_int64()}},
      {"Printer down now", R"(["Vip ","vip"])", {vip.at("id").as_int64()}},
      {"Scanner", R"(["floor-3 "])", {}},
  };
  for (const auto& c : cases) {
    const std::string ticket = R"({"customer_id":)" + customer + R"(,"service":"m365","category":"billing",)"
                               R"("severity":"minimal","subject":")" + c.subject + R"(","description":"It is broken.",)"
                               R"("tags":)" + c.tags + "}";
    auto dry = client.PostJson("/api/v1/rules/test", R"({"ticket":)" + ticket + "}", Token("agent"));
    ASSERT_EQ(dry.status, 200) << dry.body;
    const auto dry_result = Parse(dry);
    std::vector<std::int64_t> fired;
    for (const auto& id : dry_result.at("fired").as_array()) fired.push_back(id.as_int64());
    EXPECT_EQ(fired, c.fired) << c.subject << " " << c.tags << ": " << dry.body;
    auto created = client.PostJson("/api/v1/tickets", ticket, Token("agent"));
    ASSERT_EQ(created.status, 201) << created.body;
    const auto real = Parse(created);
    const auto shown = dry_result.at("ticket");
    EXPECT_EQ(real.at("severity"), shown.at("severity")) << c.subject;
    EXPECT_EQ(real.at("tags"), shown.at("tags")) << c.subject;
    EXPECT_EQ(real.at("subject"), shown.at("subject")) << c.subject;
    std::vector<std::int64_t> fired_for_real;
    for (const auto& event : Events(real.at("id").as_int64())) {
      if (!event.at("via").is_string()) continue;
      const std::string via(event.at("via").as_string());
      for (const auto id : c.fired) {
        if (via.rfind("rule " + std::to_string(id) + ":", 0) == 0 &&
            std::find(fired_for_real.begin(), fired_for_real.end(), id) == fired_for_real.end()) {
          fired_for_real.push_back(id);
        }
      }
    }
    std::sort(fired_for_real.begin(), fired_for_real.end());
    EXPECT_EQ(fired_for_real, c.fired) << c.subject;
  }
  // The dry run checks the ticket as creation does.
  auto bad = client.PostJson("/api/v1/rules/test", R"({"ticket":{"customer_id":)" + customer +
                                                       R"(,"service":"m365","category":"billing","severity":"minimal",
      "subject":"x","description":"x","tags":["no spaces inside"]}})", Token("agent"));
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("tags"), std::string::npos);
}

}  // namespace
}  // namespace tierdesk::testing
