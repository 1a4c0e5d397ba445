// Day one for a partner: organisations, the partner's settings and subscriptions change after
// they were created, over real HTTP against the real server and store. Every change is validated
// before anything is stored, versioned (If-Match) and in the audit log; moving a customer moves
// its tenancy; deactivation stops new tickets and keeps history; deletion only of what nothing
// refers to.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

class OrganizationApi : public ::testing::Test {
 protected:
  OrganizationApi() : client(server.port) {}

  std::string Token(const std::string& member) { return server.world[member].token; }
  std::string OrgUrl(const core::Organization& org) { return "/api/v1/organizations/" + std::to_string(org.id.value); }

  // Every audit event, oldest first.
  std::vector<json::object> Audit() {
    std::vector<json::object> events;
    std::string after;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = client.Get("/api/v1/audit-events?limit=1000" + after, Token("admin"));
      EXPECT_EQ(page.status, 200) << page.body;
      const auto body = Parse(page);
      for (const auto& e : body.at("items").as_array()) events.push_back(e.as_object());
      if (body.at("next_cursor").is_null()) break;
      after = "&after=" + std::string(body.at("next_cursor").as_string());
    }
    return events;
  }
  // The latest audit event with this action about this object, or an empty object.
  json::object AuditEvent(const std::string& action, std::int64_t id) {
    json::object found;
    for (auto& e : Audit()) {
      if (e.at("action").as_string() == action && e.at("after").as_string() == std::to_string(id)) found = e;
    }
    return found;
  }

  HttpResult NewTicket(const std::string& member, const core::Organization& customer, const std::string& extra = "") {
    return client.PostJson("/api/v1/tickets",
                           R"({"customer_id":)" + std::to_string(customer.id.value) +
                               R"(,"service":"azure","category":"technical","severity":"minimal",)"
                               R"("subject":"Day one","description":"A question")" + extra + "}",
                           Token(member));
  }

  static std::string ProblemType(const HttpResult& result) {
    const auto body = Parse(result);
    return body.is_object() && body.as_object().contains("type") ? std::string(body.at("type").as_string()) : "";
  }
  static bool NamesField(const HttpResult& result, const std::string& field) {
    const auto body = Parse(result);
    if (!body.is_object() || !body.as_object().contains("errors")) return false;
    for (const auto& e : body.at("errors").as_array()) {
      if (e.at("field").as_string() == field) return true;
    }
    return false;
  }

  TestServer server;
  HttpClient client;
};

TEST_F(OrganizationApi, PatchChangesEveryFieldUnderIfMatchAndIsAudited) {
  const auto& alpha = server.world.customer_a;
  auto read = client.Get(OrgUrl(alpha), Token("agent"));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.Header("etag"), "\"v1\"");
  auto changed = client.PatchJson(OrgUrl(alpha),
                                  R"({"name":"Alpha Holdings","domains":["alpha.example","Alpha-HQ.example"],)"
                                  R"("tenant_id":"7F9A1B5C-6D8E-4F0A-8B3C-4E5F60718293","country":"jp",)"
                                  R"("locale":"ja-JP","time_zone":"Asia/Tokyo"})",
                                  Token("admin"), {{"If-Match", "\"v1\""}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Header("etag"), "\"v2\"");
  const auto body = Parse(changed);
  EXPECT_EQ(body.at("name").as_string(), "Alpha Holdings");
  EXPECT_EQ(body.at("domains"), json::parse(R"(["alpha-hq.example","alpha.example"])"));
  EXPECT_EQ(body.at("tenant_id").as_string(), "7f9a1b5c-6d8e-4f0a-8b3c-4e5f60718293");
  EXPECT_EQ(body.at("country").as_string(), "JP");
  EXPECT_EQ(body.at("locale").as_string(), "ja-JP");
  EXPECT_EQ(body.at("time_zone").as_string(), "Asia/Tokyo");
  EXPECT_EQ(body.at("version").as_int64(), 2);
  // What was read before the change no longer matches.
  auto stale = client.PatchJson(OrgUrl(alpha), R"({"name":"Stale"})", Token("admin"), {{"If-Match", "\"v1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(ProblemType(stale), "/problems/precondition-failed");
  EXPECT_EQ(GetObject(client, OrgUrl(alpha), Token("admin")).at("name").as_string(), "Alpha Holdings");
  // The new domain routes mail: a customer admin may now use it.
  EXPECT_EQ(client.PostJson("/api/v1/users",
                            R"({"organization_id":)" + std::to_string(alpha.id.value) +
                                R"(,"email":"new@alpha-hq.example","name":"New","role":"requester"})",
                            Token("admin_a")).status,
            201);
  // A domain another organisation holds is a conflict, and changes nothing.
  auto taken = client.PatchJson(OrgUrl(alpha), R"({"domains":["bravo.example"]})", Token("admin"));
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(GetObject(client, OrgUrl(alpha), Token("admin")).at("version").as_int64(), 2);
  const auto event = AuditEvent("organization.updated", alpha.id.value);
  ASSERT_FALSE(event.empty()) << "the change is not in the audit log";
  EXPECT_EQ(event.at("actor_id").as_int64(), server.world["admin"].user.id.value);
  EXPECT_NE(event.at("via").as_string().find("time_zone: Asia/Seoul -> Asia/Tokyo"), json::string::npos)
      << event.at("via");
}

TEST_F(OrganizationApi, BadInputIsRefusedAtEveryDoorBeforeAnythingIsStored) {
  const auto& alpha = server.world.customer_a;
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"time_zone":"Mars/Base"})", "time_zone"},
      {R"({"time_zone":"../../etc/passwd"})", "time_zone"},
      {R"({"country":"ZZ"})", "country"},
      {R"({"locale":"english"})", "locale"},
      {R"({"tenant_id":"not-a-guid"})", "tenant_id"},
      {R"({"domains":["not a domain"]})", "domains"},
      {R"({"name":"   "})", "name"},
      {R"({"active":"no"})", "active"},
      {R"({"kind":"reseller"})", "kind"},
  };
  for (const auto& [patch, field] : bad) {
    auto refused = client.PatchJson(OrgUrl(alpha), patch, Token("admin"));
    EXPECT_EQ(refused.status, 422) << patch << ": " << refused.body;
    EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
    EXPECT_TRUE(NamesField(refused, field)) << patch << ": " << refused.body;
  }
  EXPECT_EQ(GetObject(client, OrgUrl(alpha), Token("admin")).at("version").as_int64(), 1) << "nothing was stored";
  // Creating: an unknown zone was stored before and broke the organisation's statement later.
  auto created = client.PostJson("/api/v1/organizations", R"({"kind":"customer","name":"Mars Co","time_zone":"Mars/Base"})",
                                 Token("admin"));
  EXPECT_EQ(created.status, 422) << created.body;
  EXPECT_TRUE(NamesField(created, "time_zone"));
  for (const auto& org : Items(client.Get("/api/v1/organizations", Token("admin")).body)) {
    EXPECT_NE(org.at("name").as_string(), "Mars Co") << "a refused organisation was stored";
  }
  // The partner's settings: the time zone too, before it is stored; tickets keep working.
  auto partner = client.PatchJson("/api/v1/partner/settings", R"({"time_zone":"Mars/Base"})", Token("admin"));
  EXPECT_EQ(partner.status, 422) << partner.body;
  EXPECT_TRUE(NamesField(partner, "time_zone"));
  EXPECT_EQ(GetObject(client, "/api/v1/partner/settings", Token("admin")).at("time_zone").as_string(), "Asia/Seoul");
  EXPECT_EQ(NewTicket("agent", alpha).status, 201);
}

TEST_F(OrganizationApi, MovingACustomerMovesItsTenancyAndItsResellersTickets) {
  const auto& w = server.world;
  const std::string ticket = "/api/v1/tickets/" + std::to_string(w.ticket_c1.value);
  ASSERT_EQ(client.Get(ticket, Token("reseller")).status, 200);
  ASSERT_EQ(client.Get(ticket, Token("reseller2")).status, 404);
  ASSERT_EQ(GetObject(client, ticket, Token("admin")).at("holder").as_string(), "reseller");
  // Resellers and providers do not move; a customer only goes under the partner or a reseller.
  EXPECT_EQ(client.PatchJson(OrgUrl(w.reseller), R"({"parent_id":)" + std::to_string(w.reseller2.id.value) + "}",
                             Token("admin")).status,
            422);
  auto under_provider = client.PatchJson(OrgUrl(w.customer_c), R"({"parent_id":)" + std::to_string(w.provider.id.value) + "}",
                                         Token("admin"));
  EXPECT_EQ(under_provider.status, 422);
  EXPECT_TRUE(NamesField(under_provider, "parent_id"));

  auto moved = client.PatchJson(OrgUrl(w.customer_c), R"({"parent_id":)" + std::to_string(w.reseller2.id.value) + "}",
                                Token("admin"));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Parse(moved).at("parent_id").as_int64(), w.reseller2.id.value);
  // The old reseller sees nothing of the customer any more; the new one sees all of it.
  EXPECT_EQ(client.Get(ticket, Token("reseller")).status, 404);
  EXPECT_EQ(client.Get(OrgUrl(w.customer_c), Token("reseller")).status, 404);
  EXPECT_EQ(client.Get(ticket, Token("reseller2")).status, 200);
  EXPECT_EQ(client.Get(OrgUrl(w.customer_c), Token("reseller2")).status, 200);
  EXPECT_EQ(client.Get("/api/v1/tickets?q=zcharlieone", Token("reseller")).body.find("zcharlieone"), std::string::npos);
  auto listed = client.Get("/api/v1/tickets", Token("reseller2"));
  EXPECT_NE(listed.body.find("zcharlieone"), std::string::npos) << listed.body;
  // The ticket the old reseller held passes to the new one, which can now work and hand it up.
  const auto after_move = GetObject(client, ticket, Token("admin"));
  EXPECT_EQ(after_move.at("holder").as_string(), "reseller");
  EXPECT_EQ(after_move.at("reseller_id").as_int64(), w.reseller2.id.value);
  EXPECT_EQ(client.PatchJson(ticket, R"({"severity":"critical"})", Token("reseller")).status, 404);
  // The requester still sees its own ticket.
  EXPECT_EQ(client.Get(ticket, Token("req_c1")).status, 200);
  // A new ticket of the customer belongs to the new reseller.
  auto fresh = NewTicket("req_c1", w.customer_c);
  ASSERT_EQ(fresh.status, 201) << fresh.body;
  EXPECT_EQ(Parse(fresh).at("reseller_id").as_int64(), w.reseller2.id.value);

  // Back under the partner: no reseller sees the customer; what a reseller held, the partner holds.
  auto home = client.PatchJson(OrgUrl(w.customer_c), R"({"parent_id":)" + std::to_string(w.partner.id.value) + "}",
                               Token("admin"));
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_EQ(client.Get(ticket, Token("reseller2")).status, 404);
  const auto at_partner = GetObject(client, ticket, Token("admin"));
  EXPECT_EQ(at_partner.at("holder").as_string(), "partner");
  EXPECT_TRUE(at_partner.at("reseller_id").is_null());
  bool holder_event = false;
  for (const auto& e : Items(client.Get(ticket + "/events", Token("admin")).body)) {
    holder_event = holder_event || (e.at("field").as_string() == "holder" && e.at("after").as_string() == "partner");
  }
  EXPECT_TRUE(holder_event) << "the ticket's history records who holds it now";
  const auto event = AuditEvent("organization.moved", w.customer_c.id.value);
  ASSERT_FALSE(event.empty());
  EXPECT_EQ(event.at("via").as_string(), "parent_id: " + std::to_string(w.reseller2.id.value) + " -> " +
                                             std::to_string(w.partner.id.value));
}

TEST_F(OrganizationApi, ADeactivatedCustomerOpensNoTicketsKeepsItsHistoryAndComesBack) {
  const auto& w = server.world;
  const std::string ticket = "/api/v1/tickets/" + std::to_string(w.ticket_b1.value);
  auto off = client.PatchJson(OrgUrl(w.customer_b), R"({"active":false})", Token("admin"));
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_FALSE(Parse(off).at("active").as_bool());
  EXPECT_TRUE(Parse(off).at("deactivated_at").is_string());
  // No new tickets, with a problem type that says why.
  auto refused = NewTicket("agent", w.customer_b);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(ProblemType(refused), "/problems/organization-deactivated");
  // Its users cannot sign in or use their tokens (users and sign-in check the organisation).
  EXPECT_EQ(client.Get("/api/v1/me", Token("req_b1")).status, 401);
  // History and open tickets stay with the staff; no new subscriptions or users for it.
  EXPECT_EQ(client.Get(ticket, Token("agent")).status, 200);
  EXPECT_EQ(client.Get(ticket + "/messages", Token("agent")).status, 200);
  EXPECT_NE(client.Get("/api/v1/tickets", Token("agent")).body.find("zbravoone"), std::string::npos);
  auto subscription = client.PostJson("/api/v1/subscriptions",
                                      R"({"customer_id":)" + std::to_string(w.customer_b.id.value) +
                                          R"(,"service":"azure","subscription_id":"aaaaaaaa-2222-3333-4444-555555555555","name":"x"})",
                                      Token("agent"));
  EXPECT_EQ(subscription.status, 422) << subscription.body;
  // Deactivating twice changes nothing; the partner itself is never deactivated.
  auto again = client.PatchJson(OrgUrl(w.customer_b), R"({"active":false})", Token("admin"));
  EXPECT_EQ(Parse(again).at("deactivated_at"), Parse(off).at("deactivated_at"));
  EXPECT_EQ(client.PatchJson(OrgUrl(w.partner), R"({"active":false})", Token("admin")).status, 422);
  ASSERT_FALSE(AuditEvent("organization.deactivated", w.customer_b.id.value).empty());

  auto on = client.PatchJson(OrgUrl(w.customer_b), R"({"active":true})", Token("admin"));
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_TRUE(Parse(on).at("active").as_bool());
  EXPECT_TRUE(Parse(on).at("deactivated_at").is_null());
  EXPECT_EQ(client.Get("/api/v1/me", Token("req_b1")).status, 200);
  EXPECT_EQ(NewTicket("req_b1", w.customer_b).status, 201);
  EXPECT_FALSE(AuditEvent("organization.reactivated", w.customer_b.id.value).empty());
}

TEST_F(OrganizationApi, DeleteOnlyWhatNothingRefersTo) {
  const auto& w = server.world;
  auto in_use = client.Send("DELETE", OrgUrl(w.customer_a), "", {{"Authorization", "Bearer " + Token("admin")}});
  EXPECT_EQ(in_use.status, 409) << in_use.body;
  EXPECT_EQ(ProblemType(in_use), "/problems/in-use");
  EXPECT_NE(in_use.body.find("users"), std::string::npos) << in_use.body;
  EXPECT_NE(in_use.body.find("tickets"), std::string::npos) << in_use.body;
  EXPECT_EQ(client.Get(OrgUrl(w.customer_a), Token("admin")).status, 200);
  auto reseller = client.Send("DELETE", OrgUrl(w.reseller), "", {{"Authorization", "Bearer " + Token("admin")}});
  EXPECT_EQ(reseller.status, 409);
  EXPECT_NE(reseller.body.find("organizations under it"), std::string::npos) << reseller.body;
  EXPECT_EQ(client.Send("DELETE", OrgUrl(w.partner), "", {{"Authorization", "Bearer " + Token("admin")}}).status, 409);

  auto created = client.PostJson("/api/v1/organizations", R"({"kind":"customer","name":"Typo Co","domains":["typo.example"]})",
                                 Token("admin"));
  ASSERT_EQ(created.status, 201);
  const auto id = Parse(created).at("id").as_int64();
  const std::string url = "/api/v1/organizations/" + std::to_string(id);
  EXPECT_EQ(client.Send("DELETE", url, "", {{"Authorization", "Bearer " + Token("agent")}}).status, 403);
  auto deleted = client.Send("DELETE", url, "", {{"Authorization", "Bearer " + Token("admin")}});
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_EQ(client.Get(url, Token("admin")).status, 404);
  EXPECT_EQ(client.Send("DELETE", url, "", {{"Authorization", "Bearer " + Token("admin")}}).status, 404);
  // Its domain is free again.
  EXPECT_EQ(client.PostJson("/api/v1/organizations", R"({"kind":"customer","name":"Typo Co","domains":["typo.example"]})",
                            Token("admin")).status,
            201);
  EXPECT_FALSE(AuditEvent("organization.deleted", id).empty());
}

TEST_F(OrganizationApi, PartnerSettingsChangeEveryFieldTheTimeZoneIncluded) {
  auto changed = client.PatchJson("/api/v1/partner/settings",
                                  R"({"name":"Partner Co Ltd","time_zone":"Europe/Berlin","locale":"de-DE",)"
                                  R"("country":"DE","domains":["partner.example","partner.de"],)"
                                  R"("support_email":"help@partner.example","support_phone":"+49 30 1234 5678",)"
                                  R"("support_website":"https://partner.example/help","escalation_minutes_per_case":90,)"
                                  R"("prepaid_low_balance_percent":10,"customer_users_any_domain":true})",
                                  Token("admin"));
  ASSERT_EQ(changed.status, 200) << changed.body;
  const auto settings = GetObject(client, "/api/v1/partner/settings", Token("agent"));
  EXPECT_EQ(settings.at("name").as_string(), "Partner Co Ltd");
  EXPECT_EQ(settings.at("time_zone").as_string(), "Europe/Berlin");
  EXPECT_EQ(settings.at("locale").as_string(), "de-DE");
  EXPECT_EQ(settings.at("country").as_string(), "DE");
  EXPECT_EQ(settings.at("domains"), json::parse(R"(["partner.de","partner.example"])"));
  EXPECT_EQ(settings.at("support_phone").as_string(), "+49 30 1234 5678");
  EXPECT_EQ(settings.at("escalation_minutes_per_case").as_int64(), 90);
  EXPECT_EQ(settings.at("prepaid_low_balance_percent").as_int64(), 10);
  EXPECT_TRUE(settings.at("customer_users_any_domain").as_bool());
  EXPECT_EQ(GetObject(client, "/api/v1/partner/support-profile", Token("req_a1")).at("name").as_string(),
            "Partner Co Ltd");
  EXPECT_EQ(GetObject(client, OrgUrl(server.world.partner), Token("admin")).at("time_zone").as_string(),
            "Europe/Berlin");
  // Each field is checked, and a refused change stores nothing, not even its valid parts.
  for (const auto& [patch, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"time_zone":"","name":"Half"})", "time_zone"},
           {R"({"country":"Germany","name":"Half"})", "country"},
           {R"({"support_website":"http://x.example","name":"Half"})", "support_website"},
           {R"({"tenant_id":"7f9a1b5c-6d8e-4f0a-8b3c-4e5f60718293"})", ""},
       }) {
    auto refused = client.PatchJson("/api/v1/partner/settings", patch, Token("admin"));
    EXPECT_EQ(refused.status, 422) << patch << ": " << refused.body;
    if (!field.empty()) {
      EXPECT_TRUE(NamesField(refused, field)) << patch << ": " << refused.body;
    }
  }
  EXPECT_EQ(GetObject(client, "/api/v1/partner/settings", Token("admin")).at("name").as_string(), "Partner Co Ltd");
  EXPECT_FALSE(AuditEvent("organization.updated", server.world.partner.id.value).empty());
}

class SubscriptionApi : public OrganizationApi {};

TEST_F(OrganizationApi, AProviderARuleNamesIsNotDeletedItsIdIsNeverReusedAndADeadTargetDoesNotAct) {
  auto created = client.PostJson("/api/v1/organizations", R"({"kind":"provider","name":"Short-lived MSP"})", Token("admin"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = Parse(created).at("id").as_int64();
  const std::string url = "/api/v1/organizations/" + std::to_string(id);
  const std::string customer = std::to_string(server.world.customer_a.id.value);
  auto rule = client.PostJson("/api/v1/rules",
                              R"({"name":"Alpha to the MSP","conditions":[{"field":"customer_id","op":"eq","values":[")" +
                                  customer + R"("]}],"actions":[{"action":"set_provider","values":[")" +
                                  std::to_string(id) + R"("]}]})",
                              Token("admin"));
  ASSERT_EQ(rule.status, 201) << rule.body;
  const std::string rule_url = "/api/v1/rules/" + std::to_string(Parse(rule).at("id").as_int64());
  auto refused = client.Send("DELETE", url, "", {{"Authorization", "Bearer " + Token("admin")}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(ProblemType(refused), "/problems/in-use");
  EXPECT_NE(refused.body.find("Alpha to the MSP"), std::string::npos) << refused.body;

  // A deactivated provider: the rule fires but its set_provider does not act, and the dry run says so.
  ASSERT_EQ(client.PatchJson(url, R"({"active":false})", Token("admin")).status, 200);
  auto dry = client.PostJson("/api/v1/rules/test",
                             R"({"trigger":"create","ticket":{"customer_id":)" + customer +
                                 R"(,"service":"azure","category":"technical","severity":"minimal","subject":"Dry","description":"x"}})",
                             Token("admin"));
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(Parse(dry).at("ticket").at("provider_id").is_null()) << dry.body;
  ASSERT_EQ(Parse(dry).at("held").as_array().size(), 1u) << dry.body;
  EXPECT_NE(dry.body.find("deactivated"), std::string::npos) << dry.body;
  auto opened = NewTicket("agent", server.world.customer_a);
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_TRUE(Parse(opened).at("provider_id").is_null()) << opened.body;

  // Deleted once nothing names it; the next organisation never gets its id.
  ASSERT_EQ(client.Send("DELETE", rule_url, "", {{"Authorization", "Bearer " + Token("admin")}}).status, 204);
  ASSERT_EQ(client.Send("DELETE", url, "", {{"Authorization", "Bearer " + Token("admin")}}).status, 204);
  auto next = client.PostJson("/api/v1/organizations", R"({"kind":"provider","name":"Newcomer MSP"})", Token("admin"));
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_GT(Parse(next).at("id").as_int64(), id);
}

TEST_F(OrganizationApi, ATimeZoneIsTrimmedBeforeItIsLookedUp) {
  auto changed = client.PatchJson(OrgUrl(server.world.customer_a), R"({"time_zone":" Asia/Seoul "})", Token("admin"));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Parse(changed).at("time_zone").as_string(), "Asia/Seoul");
  auto settings = client.PatchJson("/api/v1/partner/settings", R"({"time_zone":" Europe/Berlin"})", Token("admin"));
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_EQ(GetObject(client, "/api/v1/partner/settings", Token("admin")).at("time_zone").as_string(), "Europe/Berlin");
  auto created = client.PostJson("/api/v1/organizations", R"({"kind":"customer","name":"Zoned","time_zone":"Asia/Tokyo "})",
                                 Token("admin"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Parse(created).at("time_zone").as_string(), "Asia/Tokyo");
  auto unknown = client.PatchJson(OrgUrl(server.world.customer_a), R"({"time_zone":" Mars/Olympus"})", Token("admin"));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(NamesField(unknown, "time_zone")) << unknown.body;
}

TEST_F(SubscriptionApi, MovingACustomerGivesItsSubscriptionsTheNewSupportContact) {
  const auto& w = server.world;
  auto created = client.PostJson("/api/v1/subscriptions",
                                 R"({"customer_id":)" + std::to_string(w.customer_c.id.value) +
                                     R"(,"service":"azure","subscription_id":"1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d","name":"Charlie"})",
                                 Token("agent"));
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(Parse(created).at("support_contact_id").as_int64(), w.reseller.id.value);
  const std::string url = "/api/v1/subscriptions/" + std::to_string(Parse(created).at("id").as_int64());
  auto moved = client.PatchJson(OrgUrl(w.customer_c), R"({"parent_id":)" + std::to_string(w.reseller2.id.value) + "}",
                                Token("admin"));
  ASSERT_EQ(moved.status, 200) << moved.body;
  const auto after = GetObject(client, url, Token("agent"));
  EXPECT_EQ(after.at("support_contact_id").as_int64(), w.reseller2.id.value);
  const auto& line = after.at("history").as_array().back();
  EXPECT_EQ(line.at("field").as_string(), "support_contact_id");
  EXPECT_EQ(line.at("after").as_string(), std::to_string(w.reseller2.id.value));
  EXPECT_EQ(GetObject(client, url, Token("reseller2")).at("support_contact_id").as_int64(), w.reseller2.id.value);
}


TEST_F(SubscriptionApi, EditCancelAndTransferKeepAHistory) {
  const auto& w = server.world;
  auto created = client.PostJson("/api/v1/subscriptions",
                                 R"({"customer_id":)" + std::to_string(w.customer_a.id.value) +
                                     R"(,"service":"azure","subscription_id":"0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b","name":"Alpha prod"})",
                                 Token("agent"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = Parse(created).at("id").as_int64();
  const std::string url = "/api/v1/subscriptions/" + std::to_string(id);
  auto read = client.Get(url, Token("admin_a"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Header("etag"), "\"v1\"");
  EXPECT_EQ(Parse(read).at("status").as_string(), "active");
  ASSERT_EQ(Parse(read).at("history").as_array().size(), 1u);
  EXPECT_EQ(Parse(read).at("history").at(0).at("action").as_string(), "subscription.created");

  // Edit, under If-Match.
  auto edited = client.PatchJson(url, R"({"name":"Alpha production","new_commerce":false})", Token("agent"),
                                 {{"If-Match", "\"v1\""}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.Header("etag"), "\"v2\"");
  EXPECT_EQ(Parse(edited).at("name").as_string(), "Alpha production");
  EXPECT_FALSE(Parse(edited).at("new_commerce").as_bool());
  EXPECT_EQ(client.PatchJson(url, R"({"name":"Stale"})", Token("agent"), {{"If-Match", "\"v1\""}}).status, 412);
  EXPECT_EQ(client.PatchJson(url, R"({"service":"nope"})", Token("agent")).status, 422);
  EXPECT_EQ(client.PatchJson(url, R"({"support_contact_id":)" + std::to_string(w.provider.id.value) + "}", Token("agent")).status,
            422);
  EXPECT_EQ(client.PatchJson(url, R"({"name":"x"})", Token("admin_a")).status, 403);

  // Transfer to customer B: A no longer sees it, B does, without learning where it came from.
  auto moved = client.PostJson(url + "/transfer", R"({"customer_id":)" + std::to_string(w.customer_b.id.value) +
                                                      R"(,"reason":"Bravo bought Alpha's Azure estate"})",
                               Token("agent"));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Parse(moved).at("customer_id").as_int64(), w.customer_b.id.value);
  EXPECT_EQ(client.Get(url, Token("admin_a")).status, 404);
  auto at_bravo = client.Get(url, Token("admin_b"));
  ASSERT_EQ(at_bravo.status, 200);
  const auto bravo_view = Parse(at_bravo);
  const auto& history = bravo_view.at("history").as_array();
  // Customer B's view starts at the transfer: A's edits and the reason given are not B's to read.
  ASSERT_EQ(history.size(), 1u) << at_bravo.body;
  const auto& transfer = history.front();
  EXPECT_EQ(transfer.at("action").as_string(), "subscription.transferred");
  EXPECT_EQ(transfer.at("field").as_string(), "customer_id");
  EXPECT_EQ(transfer.at("before").as_string(), "") << "customer B does not learn customer A's id";
  EXPECT_EQ(transfer.at("after").as_string(), std::to_string(w.customer_b.id.value));
  EXPECT_EQ(transfer.at("reason").as_string(), "") << "the reason was given about customer A";
  const auto staff_view = GetObject(client, url, Token("agent"));
  EXPECT_EQ(staff_view.at("history").as_array().back().at("before").as_string(), std::to_string(w.customer_a.id.value));
  EXPECT_EQ(staff_view.at("history").as_array().back().at("reason").as_string(), "Bravo bought Alpha's Azure estate");
  EXPECT_GE(staff_view.at("history").as_array().size(), 4u) << "partner staff read it whole";
  EXPECT_EQ(client.PostJson(url + "/transfer", R"({"customer_id":)" + std::to_string(w.reseller.id.value) + "}",
                            Token("agent")).status,
            422);

  // Cancel: kept, no longer edited or moved; tickets may name it for billing questions only.
  auto cancelled = client.PostJson(url + "/cancel", R"({"reason":"Customer left Azure"})", Token("agent"));
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(Parse(cancelled).at("status").as_string(), "cancelled");
  EXPECT_TRUE(Parse(cancelled).at("cancelled_at").is_string());
  auto twice = client.PostJson(url + "/cancel", "{}", Token("agent"));
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(ProblemType(twice), "/problems/subscription-cancelled");
  EXPECT_EQ(client.PatchJson(url, R"({"name":"x"})", Token("agent")).status, 409);
  EXPECT_EQ(client.PostJson(url + "/transfer", R"({"customer_id":)" + std::to_string(w.customer_a.id.value) + "}",
                            Token("agent")).status,
            409);
  auto technical = NewTicket("admin_b", w.customer_b, R"(,"subscription_id":)" + std::to_string(id));
  EXPECT_EQ(technical.status, 422) << technical.body;
  EXPECT_EQ(ProblemType(technical), "/problems/subscription-cancelled");
  auto billing = client.PostJson("/api/v1/tickets",
                                 R"({"service":"azure","category":"billing","severity":"minimal","subject":"Final invoice",)"
                                 R"("description":"Why is there a charge after cancelling?","subscription_id":)" +
                                     std::to_string(id) + "}",
                                 Token("admin_b"));
  EXPECT_EQ(billing.status, 201) << billing.body;
  for (const char* action : {"subscription.updated", "subscription.transferred", "subscription.cancelled"}) {
    EXPECT_FALSE(AuditEvent(action, id).empty()) << action;
  }
}

}  // namespace
}  // namespace tierdesk::testing
