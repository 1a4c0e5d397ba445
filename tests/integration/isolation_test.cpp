// Tenant isolation: for every route, every role and objects of other tenants, the answer is
// 404 (or 403 where the role may not act at all), no byte of the other tenant's data appears in
// the body, and nothing changes. Internal notes never reach customer roles, in any response.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>
#include <tuple>

#include "adapters/vendor/microsoft.hpp"
#include "app/ticket/ticket.hpp"
#include "app/vendor/vendor.hpp"
#include "support/http_client.hpp"
#include "support/microsoft_stub.hpp"
#include "support/partner_center_stub.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

class Isolation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    web_ = new TestWebRoot();  // the pages are served as a built front end would be
    adapters::http::ApiOptions options;
    options.web_root = web_->dir.path;
    server_ = new TestServer(options);
    client_ = new HttpClient(server_->port);
  }
  static void TearDownTestSuite() {
    delete client_;
    delete server_;
    delete web_;
  }
  static const World& W() { return server_->world; }
  static HttpClient& C() { return *client_; }

  // Which of the world's tickets each member may see.
  static std::set<std::int64_t> Visible(const std::string& member) {
    const auto& w = W();
    const auto a1 = w.ticket_a1.value, a2 = w.ticket_a2.value, b1 = w.ticket_b1.value,
               c1 = w.ticket_c1.value, routed = w.ticket_routed.value, d1 = w.ticket_d1.value,
               routed2 = w.ticket_routed2.value;
    if (member == "admin" || member == "supervisor" || member == "agent" || member == "billing") {
      return {a1, a2, b1, c1, routed, d1, routed2};
    }
    if (member == "reseller") return {c1};
    if (member == "reseller2") return {d1};
    if (member == "provider") return {routed};
    if (member == "provider2") return {routed2};
    if (member == "admin_a") return {a1, a2, routed2};
    if (member == "req_a1") return {a1};
    if (member == "req_a2") return {a2};
    if (member == "admin_b" || member == "req_b1") return {b1, routed};
    if (member == "req_c1") return {c1};
    if (member == "req_d1") return {d1};
    ADD_FAILURE() << "unknown member " << member;
    return {};
  }
  static bool IsCustomer(const std::string& member) {
    return member.rfind("req_", 0) == 0 || member.rfind("admin_", 0) == 0;
  }
  static bool IsProvider(const std::string& member) { return member.rfind("provider", 0) == 0; }
  // Partner staff and resellers read the partner's internal notes; providers only those shared
  // with them; customers none.
  static bool SeesPartnerNotes(const std::string& member) { return !IsCustomer(member) && !IsProvider(member); }

  // The body must carry no marker of a ticket the member may not see; customers and providers
  // never see the partner's unshared internal marker, customers never the shared one.
  static void ExpectNoLeak(const std::string& member, const HttpResult& result, const std::string& what) {
    const auto visible = Visible(member);
    for (const auto& [id, marker] : W().subject_marker) {
      if (!visible.count(id)) {
        EXPECT_EQ(result.body.find(marker), std::string::npos)
            << member << " sees " << marker << " via " << what << ": " << result.body;
      }
    }
    if (!SeesPartnerNotes(member)) {
      EXPECT_EQ(result.body.find(W().internal_marker), std::string::npos)
          << member << " sees an internal note via " << what << ": " << result.body;
    }
    if (IsCustomer(member) || member == "provider2") {
      EXPECT_EQ(result.body.find(W().shared_marker), std::string::npos)
          << member << " sees a note shared with another provider via " << what << ": " << result.body;
    }
  }

  static std::int64_t TicketVersion(std::int64_t id) {
    auto result = C().Get("/api/v1/tickets/" + std::to_string(id), W()["admin"].token);
    return json::parse(result.body).at("version").as_int64();
  }
  static std::size_t TimeCount(std::int64_t id) {
    auto result = C().Get("/api/v1/tickets/" + std::to_string(id) + "/time", W()["admin"].token);
    return Items(result.body).size();
  }
  static std::size_t MessageCount(std::int64_t id) {
    auto result = C().Get("/api/v1/tickets/" + std::to_string(id) + "/messages", W()["admin"].token);
    return Items(result.body).size();
  }

  static inline TestWebRoot* web_ = nullptr;
  static inline TestServer* server_ = nullptr;
  static inline HttpClient* client_ = nullptr;
};

// Every route with the way this suite exercises it. A new route fails here until the matrix
// covers it.
const std::set<std::string> kCoveredRoutes = {
    "POST /api/v1/auth/login",
    "GET /api/v1/me",
    "GET /api/v1/customers/{id}/support-statement",
    "GET /support/{id}",
    "GET /api/v1/partner/settings",
    "PATCH /api/v1/partner/settings",
    "GET /api/v1/partner/support-profile",
    "POST /api/v1/organizations",
    "GET /api/v1/organizations",
    "GET /api/v1/organizations/{id}",
    "PATCH /api/v1/organizations/{id}",
    "DELETE /api/v1/organizations/{id}",
    "POST /api/v1/users",
    "GET /api/v1/users",
    "GET /api/v1/users/{id}",
    "PATCH /api/v1/users/{id}",
    "DELETE /api/v1/users/{id}",
    "POST /api/v1/auth/logout",
    "POST /api/v1/auth/password",
    "POST /api/v1/auth/password-reset",
    "GET /api/v1/auth/tokens",
    "POST /api/v1/auth/tokens",
    "DELETE /api/v1/auth/tokens/{id}",
    "POST /api/v1/teams",
    "GET /api/v1/teams",
    "POST /api/v1/services",
    "GET /api/v1/services",
    "POST /api/v1/subscriptions",
    "GET /api/v1/subscriptions",
    "GET /api/v1/subscriptions/{id}",
    "PATCH /api/v1/subscriptions/{id}",
    "POST /api/v1/subscriptions/{id}/cancel",
    "POST /api/v1/subscriptions/{id}/transfer",
    "POST /api/v1/tickets",
    "GET /api/v1/tickets",
    "GET /api/v1/tickets/{id}",
    "PATCH /api/v1/tickets/{id}",
    "POST /api/v1/tickets/{id}/messages",
    "GET /api/v1/tickets/{id}/messages",
    "GET /api/v1/tickets/{id}/events",
    "POST /api/v1/tickets/{id}/attachments",
    "GET /api/v1/tickets/{id}/attachments",
    "GET /api/v1/tickets/{id}/attachments/{attachment_id}",
    "GET /api/v1/audit-events",
    "POST /api/v1/calendars",
    "GET /api/v1/calendars",
    "GET /api/v1/calendars/{id}",
    "PUT /api/v1/calendars/{id}",
    "DELETE /api/v1/calendars/{id}",
    "GET /api/v1/calendars/{id}/next-open",
    "GET /api/v1/calendars/{id}/add",
    "POST /api/v1/plans",
    "GET /api/v1/plans",
    "GET /api/v1/plans/{id}",
    "PUT /api/v1/plans/{id}",
    "POST /api/v1/agreements",
    "GET /api/v1/agreements",
    "GET /api/v1/agreements/{id}",
    "PATCH /api/v1/agreements/{id}",
    "PUT /api/v1/services/{code}/requirements",
    "GET /api/v1/tickets/{id}/checklist",
    "POST /api/v1/tickets/{id}/handback",
    "PUT /api/v1/tickets/{id}/checklist/{key}",
    "GET /api/v1/rules",
    "POST /api/v1/rules",
    "POST /api/v1/rules/test",
    "GET /api/v1/rules/{id}",
    "PUT /api/v1/rules/{id}",
    "DELETE /api/v1/rules/{id}",
    "PATCH /api/v1/teams/{id}",
    "PATCH /api/v1/users/{id}/availability",
    "POST /api/v1/tickets/{id}/handup",
    "POST /api/v1/tickets/{id}/escalate",
    "GET /api/v1/reports/escalations",
    "GET /api/v1/providers/{id}/contract",
    "PUT /api/v1/providers/{id}/contract",
    "POST /api/v1/tickets/{id}/time",
    "GET /api/v1/tickets/{id}/time",
    "POST /api/v1/competencies",
    "GET /api/v1/competencies",
    "GET /api/v1/competencies/{id}",
    "PUT /api/v1/competencies/{id}",
    "DELETE /api/v1/competencies/{id}",
    "POST /api/v1/entitlements",
    "GET /api/v1/entitlements",
    "GET /api/v1/entitlements/{id}",
    "PUT /api/v1/entitlements/{id}",
    "DELETE /api/v1/entitlements/{id}",
    "GET /api/v1/tickets/{id}/escalation-options",
    "POST /api/v1/tickets/{id}/escalations",
    "GET /api/v1/tickets/{id}/escalations",
    "GET /api/v1/vendor-cases",
    "GET /api/v1/vendor-cases/{id}",
    "PATCH /api/v1/vendor-cases/{id}",
    "POST /api/v1/vendor-cases/{id}/notes",
    "GET /api/v1/vendor-cases/{id}/notes",
    "POST /api/v1/tickets/{id}/messages/{message_id}/publish",
    "POST /api/v1/vendor-incidents",
    "GET /api/v1/vendor-incidents",
    "GET /api/v1/vendor-incidents/{id}",
    "POST /api/v1/vendor-incidents/{id}/tickets",
    "POST /api/v1/vendor-incidents/{id}/updates",
    "GET /api/v1/tickets/{id}/vendor-incidents",
    "GET /api/v1/reports/entitlements",
    "GET /api/v1/reports/expiring",
    "GET /api/v1/reports/vendor-escalations",
    "GET /api/v1/billing/periods/{period}/preview",
    "POST /api/v1/billing/periods/{period}/close",
    "GET /api/v1/billing/periods/{period}/export",
    "GET /api/v1/billing/periods/{period}/statements/{customer_id}",
    "GET /api/v1/billing/usage",
    "GET /api/v1/reports/margin",
    "POST /api/v1/customers/{id}/prepaid-blocks",
    "GET /api/v1/customers/{id}/prepaid-blocks",
    "POST /api/v1/tickets/{id}/timer/start",
    "POST /api/v1/tickets/{id}/timer/stop",
    "GET /api/v1/me/timer",
    "PATCH /api/v1/tickets/{id}/time/{entry_id}",
    "POST /api/v1/billing/periods/{period}/approvals",
    "GET /api/v1/billing/periods/{period}/approvals",
    "GET /api/v1/customers/{id}/billing-statements",
    "GET /api/v1/tickets/preview",
    "GET /api/v1/stream",
    "GET /healthz",
    "GET /readyz",
    "GET /metrics",
    "GET /api/v1/openapi.json",
};

TEST_F(Isolation, EveryRouteIsCovered) {
  for (const auto& route : server_->api->router().Routes()) {
    // The web faces: PagesServeEachSideItsOwnFace; anonymous: WritesOutsideTheScopeAreRefused.
    const std::string key = route.method + " " + route.pattern;
    EXPECT_TRUE(kCoveredRoutes.count(key) || kWebFaceRoutes.count(key))
        << route.method << " " << route.pattern << " has no isolation test";
  }
}

TEST_F(Isolation, TicketRoutesAnswer404ForOtherTenantsAndChangeNothing) {
  const auto& w = W();
  std::vector<std::int64_t> all = {w.ticket_a1.value, w.ticket_a2.value, w.ticket_b1.value, w.ticket_c1.value,
                                   w.ticket_routed.value};
  for (const auto& member : kMemberNames) {
    const std::string& token = w[member].token;
    const auto visible = Visible(member);
    for (const auto id : all) {
      const std::string base = "/api/v1/tickets/" + std::to_string(id);
      const auto version = TicketVersion(id);
      const auto messages = MessageCount(id);
      const auto logged = TimeCount(id);
      const std::vector<std::pair<std::string, HttpResult>> reads = {
          {"GET ticket", C().Get(base, token)},
          {"GET messages", C().Get(base + "/messages", token)},
          {"GET events", C().Get(base + "/events", token)},
          {"GET attachments", C().Get(base + "/attachments", token)},
          {"GET attachment", C().Get(base + "/attachments/" + std::to_string(w.attachment_a1.value), token)},
          {"GET checklist", C().Get(base + "/checklist", token)},
          {"GET time", C().Get(base + "/time", token)},
      };
      for (const auto& [what, result] : reads) {
        ExpectNoLeak(member, result, what);
        if (!visible.count(id)) {
          EXPECT_EQ(result.status, 404) << member << " " << what << " " << id;
          EXPECT_EQ(result.Header("content-type"), "application/problem+json");
        } else if (what == "GET time") {
          // Time is for those who work or bill tickets, not customers.
          EXPECT_EQ(result.status, IsCustomer(member) ? 403 : 200) << member << " " << what << " " << id;
        } else if (what == "GET checklist") {
          // Diagnostics are for those who work tickets: not customers, not billing.
          EXPECT_EQ(result.status, IsCustomer(member) || member == "billing" ? 403 : 200) << member << " " << what << " " << id;
        } else if (what != "GET attachment") {
          EXPECT_EQ(result.status, 200) << member << " " << what << " " << id;
        }
      }
      if (visible.count(id)) continue;
      const std::vector<std::pair<std::string, HttpResult>> writes = {
          {"PATCH", C().PatchJson(base, R"({"subject":"hijacked"})", token)},
          {"reply", C().PostJson(base + "/messages", R"({"body":"hijacked"})", token)},
          {"tick", C().Send("PUT", base + "/checklist/checked_service_health", R"({"done":true})",
                            {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}})},
          {"handback", C().PostJson(base + "/handback", R"({"reason":"hijacked"})", token)},
          {"handup", C().PostJson(base + "/handup", R"({"reason":"hijacked"})", token)},
          {"escalate", C().PostJson(base + "/escalate", R"({"team_id":1,"reason":"hijacked"})", token)},
          {"log time", C().PostJson(base + "/time", R"({"minutes":15,"note":"hijacked"})", token)},
          {"upload", C().Send("POST", base + "/attachments?filename=x.txt", "hijacked",
                              {{"Authorization", "Bearer " + token}, {"Content-Type", "text/plain"}})},
      };
      for (const auto& [what, result] : writes) {
        EXPECT_TRUE(result.status == 404 || result.status == 403) << member << " " << what << " " << id
                                                                  << " got " << result.status;
        ExpectNoLeak(member, result, what);
      }
      EXPECT_EQ(TicketVersion(id), version) << member << " changed ticket " << id;
      EXPECT_EQ(MessageCount(id), messages) << member << " added to ticket " << id;
      EXPECT_EQ(TimeCount(id), logged) << member << " logged time on ticket " << id;
    }
  }
}

TEST_F(Isolation, ListsAndSearchShowOnlyTheScope) {
  for (const auto& member : kMemberNames) {
    const std::string& token = W()[member].token;
    auto list = C().Get("/api/v1/tickets?limit=200&tag=isolation", token);
    ASSERT_EQ(list.status, 200) << member;
    std::set<std::int64_t> listed;
    for (const auto& item : Items(list.body)) listed.insert(item.at("id").as_int64());
    EXPECT_EQ(listed, Visible(member)) << member;
    ExpectNoLeak(member, list, "list");
    for (const auto& [id, marker] : W().subject_marker) {
      auto search = C().Get("/api/v1/tickets?q=" + marker, token);
      ASSERT_EQ(search.status, 200);
      const auto items = Items(search.body);
      EXPECT_EQ(items.size(), Visible(member).count(id)) << member << " searching " << marker;
      ExpectNoLeak(member, search, "search " + marker);
    }
    auto secret = C().Get("/api/v1/tickets?q=" + W().internal_marker, token);
    const auto found = Items(secret.body).size();
    EXPECT_EQ(found, SeesPartnerNotes(member) ? Visible(member).size() : 0u) << member;
  }
}

TEST_F(Isolation, InternalNotesAndAttachmentsNeverReachCustomers) {
  const auto& w = W();
  const std::string base = "/api/v1/tickets/" + std::to_string(w.ticket_a1.value);
  const std::string internal_url = base + "/attachments/" + std::to_string(w.attachment_a1_internal.value);
  for (const auto* member : {"req_a1", "admin_a"}) {
    const std::string& token = w[member].token;
    auto messages = C().Get(base + "/messages", token);
    ASSERT_EQ(messages.status, 200);
    for (const auto& m : Items(messages.body)) {
      EXPECT_EQ(m.at("visibility").as_string(), "public");
    }
    auto events = C().Get(base + "/events", token);
    for (const auto& e : Items(events.body)) {
      EXPECT_NE(e.at("field").as_string(), "internal_note");
    }
    EXPECT_EQ(C().Get(base + "/attachments", token).body.find("internal"), std::string::npos);
    EXPECT_EQ(C().Get(internal_url, token).status, 404);
    ExpectNoLeak(member, messages, "messages");
    ExpectNoLeak(member, events, "events");
  }
  auto staff = C().Get(base + "/messages", w["agent"].token);
  EXPECT_NE(staff.body.find(w.internal_marker), std::string::npos) << "staff do see notes";
  EXPECT_EQ(C().Get(internal_url, w["agent"].token).status, 200);
}

// The preview of a new ticket's scope answers for a customer the caller may open tickets for (or
// at least see); any other customer does not exist (404) and nothing of its terms is shown.
TEST_F(Isolation, ThePreviewAnswersOnlyForCustomersInTheCallersScope) {
  const auto& w = W();
  const auto a = w.customer_a.id.value, b = w.customer_b.id.value, c = w.customer_c.id.value, d = w.customer_d.id.value;
  const std::map<std::string, std::set<std::int64_t>> scope = {
      // Billing clerks open no tickets, so they preview none (403, as creation answers them).
      {"admin", {a, b, c, d}}, {"supervisor", {a, b, c, d}}, {"agent", {a, b, c, d}}, {"billing", {}},
      {"reseller", {c}},       {"reseller2", {d}},           {"provider", {}},      {"provider2", {}},
      {"admin_a", {a}},        {"req_a1", {a}},              {"req_a2", {a}},       {"admin_b", {b}},
      {"req_b1", {b}},         {"req_c1", {c}},              {"req_d1", {d}}};
  for (const auto& member : kMemberNames) {
    const auto& token = w[member].token;
    for (const auto* customer : {&w.customer_a, &w.customer_b, &w.customer_c, &w.customer_d}) {
      const std::string id = std::to_string(customer->id.value);
      auto answer = C().Get("/api/v1/tickets/preview?service=azure&category=technical&customer_id=" + id, token);
      const bool allowed = scope.at(member).count(customer->id.value) > 0;
      const int expected = member == std::string("billing") ? 403 : allowed ? 200 : 404;
      EXPECT_EQ(answer.status, expected) << member << " previews " << customer->name << ": " << answer.body;
      ExpectNoLeak(member, answer, "preview");
      if (allowed) {
        EXPECT_EQ(std::string(Parse(answer).at("support_statement").as_string()), "/support/" + id) << member;
      } else {
        EXPECT_EQ(answer.body.find("scope\""), std::string::npos) << member << ": " << answer.body;
        EXPECT_EQ(answer.body.find(customer->name), std::string::npos) << member;
      }
    }
    if (IsCustomer(member)) {
      // Without customer_id: the caller's own organisation's terms.
      auto own = C().Get("/api/v1/tickets/preview?service=azure&category=technical", token);
      ASSERT_EQ(own.status, 200) << member << ": " << own.body;
      EXPECT_EQ(std::string(Parse(own).at("support_statement").as_string()), "/support/" + std::to_string(w[member].actor.org_id.value));
    }
  }
}

// Customers get the portal, everyone else the console; a signed-out browser goes to sign in and
// comes back. A face's code never reaches the other side.
TEST_F(Isolation, PagesServeEachSideItsOwnFace) {
  const auto& w = W();
  const auto redirects = [](const HttpResult& answer, const std::string& location, const std::string& what) {
    EXPECT_EQ(answer.status, 302) << what;
    EXPECT_EQ(answer.Header("location"), location) << what;
    EXPECT_EQ(answer.body.find("td-page-"), std::string::npos) << what;
  };
  redirects(C().Get("/"), "/signin", "anonymous /");
  redirects(C().Get("/portal"), "/signin?next=/portal", "anonymous /portal");
  redirects(C().Get("/portal/tickets/1"), "/signin?next=/portal/tickets/1", "anonymous /portal/tickets/1");
  redirects(C().Get("/console"), "/signin?next=/console", "anonymous /console");
  redirects(C().Get("/console/queue?view=mine"), "/signin?next=/console/queue%3Fview%3Dmine", "anonymous /console/queue");
  for (const std::string target : {"/signin", "/reset", "/account", "/account/reset/x"}) {
    auto page = C().Get(target);
    EXPECT_EQ(page.status, 200) << target;
    EXPECT_EQ(page.body, TestWebRoot::kSigninPage) << target;
  }
  EXPECT_EQ(C().Get("/assets/x.js").body, TestWebRoot::kAssetScript);
  EXPECT_EQ(C().Get("/favicon.ico").status, 204);
  for (const auto& member : kMemberNames) {
    const auto& token = w[member].token;
    const bool customer = IsCustomer(member);
    const std::string own = customer ? "/portal" : "/console";
    const std::string other = customer ? "/console" : "/portal";
    redirects(C().Get("/", token), own, member + " /");
    redirects(C().Get(other, token), own, member + " " + other);
    redirects(C().Get(other + "/tickets/" + std::to_string(w.ticket_a1.value), token), own, member + " " + other + "/…");
    for (const auto& target :
         std::vector<std::string>{own, own + "/", own + "/tickets/" + std::to_string(w.ticket_b1.value)}) {
      auto page = C().Get(target, token);
      EXPECT_EQ(page.status, 200) << member << " " << target;
      EXPECT_EQ(page.body, customer ? TestWebRoot::kPortalPage : TestWebRoot::kConsolePage) << member << " " << target;
    }
  }
}

TEST_F(Isolation, DirectoryRoutesAreScoped) {
  const auto& w = W();
  struct Expect {
    std::string member;
    std::set<std::int64_t> orgs;
  };
  const std::vector<Expect> cases = {
      {"req_a1", {w.customer_a.id.value}},
      {"admin_b", {w.customer_b.id.value}},
      {"reseller", {w.reseller.id.value, w.customer_c.id.value}},
      {"provider", {w.provider.id.value}},
      {"reseller2", {w.reseller2.id.value, w.customer_d.id.value}},
      {"provider2", {w.provider2.id.value}},
      {"agent", {w.partner.id.value, w.reseller.id.value, w.provider.id.value, w.customer_a.id.value,
                 w.customer_b.id.value, w.customer_c.id.value, w.reseller2.id.value, w.provider2.id.value,
                 w.customer_d.id.value}},
  };
  const std::vector<std::int64_t> all_orgs = {w.partner.id.value,    w.reseller.id.value,   w.provider.id.value,
                                              w.customer_a.id.value, w.customer_b.id.value, w.customer_c.id.value,
                                              w.reseller2.id.value,  w.provider2.id.value,  w.customer_d.id.value};
  for (const auto& c : cases) {
    const std::string& token = w[c.member].token;
    auto list = C().Get("/api/v1/organizations", token);
    std::set<std::int64_t> listed;
    for (const auto& o : Items(list.body)) listed.insert(o.at("id").as_int64());
    EXPECT_EQ(listed, c.orgs) << c.member;
    for (const auto id : all_orgs) {
      auto one = C().Get("/api/v1/organizations/" + std::to_string(id), token);
      EXPECT_EQ(one.status, c.orgs.count(id) ? 200 : 404) << c.member << " org " << id;
    }
  }
  // Users: a requester sees only itself; a customer admin its organisation; nobody another tenant.
  for (const auto& member : kMemberNames) {
    const std::string& token = w[member].token;
    for (const auto& other : kMemberNames) {
      auto one = C().Get("/api/v1/users/" + std::to_string(w[other].user.id.value), token);
      const auto& me = w[member];
      const auto& them = w[other];
      bool allowed = false;
      if (me.actor.role == core::Role::kRequester) allowed = member == other;
      else if (me.actor.role == core::Role::kCustomerAdmin || me.actor.role == core::Role::kProviderAgent)
        allowed = them.user.organization_id == me.user.organization_id;
      else if (me.actor.role == core::Role::kResellerAgent)
        allowed = them.user.organization_id == me.user.organization_id ||
                  (member == "reseller" ? them.user.organization_id == w.customer_c.id
                                        : them.user.organization_id == w.customer_d.id);
      else allowed = true;
      EXPECT_EQ(one.status, allowed ? 200 : 404) << member << " reading " << other;
    }
    auto users = C().Get("/api/v1/users", token);
    for (const auto& u : Items(users.body)) {
      auto one = C().Get("/api/v1/users/" + std::to_string(u.at("id").as_int64()), token);
      EXPECT_EQ(one.status, 200) << member << " lists a user it cannot read";
    }
    auto me = C().Get("/api/v1/me", token);
    EXPECT_EQ(json::parse(me.body).at("id").as_int64(), w[member].user.id.value);
  }
}

// Accounts: who may change, delete and see the credentials of whom. A change that is allowed is a
// no-op here (a user's own name again), a delete that is allowed meets the records that refer to
// every world member (409), and no token of the world is revoked, so nothing changes for the
// other tests; what is refused is 404 outside the caller's view and 403 inside it.
TEST_F(Isolation, AccountRoutesAreScoped) {
  const auto& w = W();
  const auto sees = [&](const std::string& member, const std::string& other) {
    const auto& me = w[member];
    const auto& them = w[other];
    if (me.actor.role == core::Role::kRequester) return member == other;
    if (me.actor.role == core::Role::kCustomerAdmin || me.actor.role == core::Role::kProviderAgent) {
      return them.user.organization_id == me.user.organization_id;
    }
    if (me.actor.role == core::Role::kResellerAgent) {
      return them.user.organization_id == me.user.organization_id ||
             them.user.organization_id == (member == "reseller" ? w.customer_c.id : w.customer_d.id);
    }
    return true;
  };
  // Admins manage everyone; customer admins their own organisation's customer users.
  const auto manages = [&](const std::string& member, const std::string& other) {
    if (member == "admin") return true;
    return (member == "admin_a" || member == "admin_b") && sees(member, other);
  };
  for (const auto& member : kMemberNames) {
    const std::string& token = w[member].token;
    for (const auto& other : kMemberNames) {
      const std::string url = "/api/v1/users/" + std::to_string(w[other].user.id.value);
      const int refused = sees(member, other) ? 403 : 404;
      auto patched = C().PatchJson(url, R"({"name":")" + w[other].user.name + R"("})", token);
      EXPECT_EQ(patched.status, manages(member, other) ? 200 : refused) << member << " patching " << other;
      ExpectNoLeak(member, patched, "PATCH user");
      auto deleted = C().Send("DELETE", url, {}, {{"Authorization", "Bearer " + token}});
      const int delete_allowed = member == other ? 422 : 409;  // nobody deletes themselves; history refers to all
      EXPECT_EQ(deleted.status, manages(member, other) ? delete_allowed : refused) << member << " deleting " << other;
      if (!manages(member, other)) {
        EXPECT_EQ(deleted.body.find("tickets."), std::string::npos) << member << " learns what refers to " << other;
      }
      auto tokens = C().Get("/api/v1/auth/tokens?user_id=" + std::to_string(w[other].user.id.value), token);
      const bool lists = member == other || manages(member, other);
      EXPECT_EQ(tokens.status, lists ? 200 : refused) << member << " listing the tokens of " << other;
      if (!lists) {
        EXPECT_EQ(tokens.body.find("\"kind\""), std::string::npos) << member;
      }
    }
    // Someone else's token the member may not manage is 404, and keeps working.
    for (const auto& other : kMemberNames) {
      if (member == other || manages(member, other)) continue;
      auto own = C().Get("/api/v1/auth/tokens", w[other].token);
      ASSERT_EQ(own.status, 200) << other;
      for (const auto& item : Items(own.body)) {
        auto revoked = C().Send("DELETE", "/api/v1/auth/tokens/" + std::to_string(item.at("id").as_int64()), {},
                                {{"Authorization", "Bearer " + token}});
        EXPECT_EQ(revoked.status, 404) << member << " revoking a token of " << other;
      }
      EXPECT_EQ(C().Get("/api/v1/me", w[other].token).status, 200) << other << "'s token survived " << member;
    }
    // Everyone makes, lists and revokes their own tokens, changes (here: fails to change) their own
    // password, and signs out of a session of their own.
    // Minting a personal token takes the current password, so a stolen session alone cannot.
    EXPECT_EQ(C().PostJson("/api/v1/auth/tokens", R"({"name":"isolation"})", token).status, 422) << member;
    auto created = C().PostJson("/api/v1/auth/tokens",
                                R"({"name":"isolation","current_password":")" +
                                    (member == "admin" ? std::string("admin-password-123") : "password-" + member + "-123") +
                                    R"("})",
                                token);
    ASSERT_EQ(created.status, 201) << member << created.body;
    const auto made = Parse(created);
    const std::string secret(made.at("token").as_string());
    EXPECT_EQ(C().Get("/api/v1/me", secret).status, 200);
    EXPECT_EQ(C().Send("DELETE", "/api/v1/auth/tokens/" + std::to_string(made.at("id").as_int64()), {},
                       {{"Authorization", "Bearer " + token}}).status, 204) << member;
    EXPECT_EQ(C().Get("/api/v1/me", secret).status, 401) << member;
    auto wrong = C().PostJson("/api/v1/auth/password",
                              R"({"current_password":"not-my-password-1","new_password":"a brand new passphrase 7"})", token);
    EXPECT_EQ(wrong.status, 422) << member << wrong.body;
    const std::string password = member == "admin" ? "admin-password-123" : "password-" + member + "-123";
    auto login = C().PostJson("/api/v1/auth/login",
                              R"({"email":")" + w[member].user.email + R"(","password":")" + password + R"("})");
    ASSERT_EQ(login.status, 200) << member << login.body;
    const std::string session(Parse(login).at("token").as_string());
    EXPECT_EQ(C().PostJson("/api/v1/auth/logout", "", session).status, 200) << member;
    EXPECT_EQ(C().Get("/api/v1/me", session).status, 401) << member;
    EXPECT_EQ(C().Get("/api/v1/me", token).status, 200) << member << "'s personal token outlives the logout";
    // The reset route is open without a token and answers a token it did not issue the same way
    // whoever asks.
    auto reset = C().PostJson("/api/v1/auth/password-reset",
                              R"({"token":"tdr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","new_password":"a brand new passphrase 7"})",
                              token);
    EXPECT_EQ(reset.status, 422) << member;
  }
}

TEST_F(Isolation, CalendarsAreForPartnerStaffProvidersAndResellers) {
  const auto& w = W();
  const std::string body =
      R"({"name":"Isolation hours","time_zone":"Asia/Seoul","intervals":[{"day":"mon","start":"09:00","end":"18:00"}]})";
  auto created = C().PostJson("/api/v1/calendars", body, w["supervisor"].token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = created.Header("location");
  for (const auto& member : kMemberNames) {
    const std::string& token = w[member].token;
    const bool reads = !IsCustomer(member);
    const bool writes = member == "admin" || member == "supervisor";
    EXPECT_EQ(C().Get("/api/v1/calendars", token).status, reads ? 200 : 403) << member;
    EXPECT_EQ(C().Get(url, token).status, reads ? 200 : 403) << member;
    EXPECT_EQ(C().Get(url + "/next-open?at=2026-11-27T10:00:00Z", token).status, reads ? 200 : 403) << member;
    EXPECT_EQ(C().Get(url + "/add?start=2026-11-27T10:00:00Z&minutes=60", token).status, reads ? 200 : 403) << member;
    if (!writes) {
      EXPECT_EQ(C().PostJson("/api/v1/calendars", body, token).status, 403) << member;
      EXPECT_EQ(C().Send("PUT", url, body, {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}).status, 403)
          << member;
      EXPECT_EQ(C().Send("DELETE", url, {}, {{"Authorization", "Bearer " + token}}).status, 403) << member;
    }
  }
  EXPECT_EQ(C().Get(url, w["agent"].token).status, 200) << "nothing above changed or deleted it";
}

TEST_F(Isolation, PlansAreChangedByAdminsOnly) {
  const auto& w = W();
  const std::string body =
      R"({"name":"Isolation plan","coverage":[{"service":"m365","category":"technical"}],)"
      R"("channels":[{"kind":"portal"}],"pricing":{"model":"included","currency":"KRW"}})";
  auto created = C().PostJson("/api/v1/plans", body, w["admin"].token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = created.Header("location");
  for (const auto& member : kMemberNames) {
    const std::string& token = w[member].token;
    const bool reads = !IsCustomer(member);
    EXPECT_EQ(C().Get("/api/v1/plans", token).status, reads ? 200 : 403) << member;
    EXPECT_EQ(C().Get(url, token).status, reads ? 200 : 403) << member;
    if (member != "admin") {
      EXPECT_EQ(C().PostJson("/api/v1/plans", body, token).status, 403) << member;
      EXPECT_EQ(C().Send("PUT", url, body, {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}).status, 403)
          << member;
    }
  }
  EXPECT_EQ(Items(C().Get("/api/v1/plans", w["admin"].token).body).at(0).at("version").as_int64(), 1)
      << "no refused change made a version";
}

TEST_F(Isolation, RulesAreReadByPartnerStaffAndChangedByAdminsAndSupervisors) {
  const auto& w = W();
  const auto body = [](const std::string& name) {
    return R"({"name":")" + name + R"(","conditions":[{"field":"service","op":"eq","values":["azure"]}],)"
           R"("actions":[{"action":"add_tags","values":["routed"]}]})";
  };
  auto created = C().PostJson("/api/v1/rules", body("Isolation rule"), w["admin"].token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = created.Header("location");
  const std::string test = R"({"ticket":{"customer_id":)" + std::to_string(w.customer_b.id.value) +
                           R"(,"service":"azure","category":"technical","severity":"minimal","subject":"x","description":"x"}})";
  for (const auto& member : kMemberNames) {
    const std::string& token = w[member].token;
    const bool reads = member == "admin" || member == "supervisor" || member == "agent";
    const bool writes = member == "admin" || member == "supervisor";
    EXPECT_EQ(C().Get("/api/v1/rules", token).status, reads ? 200 : 403) << member;
    EXPECT_EQ(C().Get(url, token).status, reads ? 200 : 403) << member;
    auto tested = C().PostJson("/api/v1/rules/test", test, token);
    EXPECT_EQ(tested.status, reads ? 200 : 403) << member;
    if (!reads) {
      EXPECT_EQ(tested.body.find("routed"), std::string::npos) << member;
    }
    if (!writes) {
      EXPECT_EQ(C().PostJson("/api/v1/rules", body("By " + member), token).status, 403) << member;
      EXPECT_EQ(C().Send("PUT", url, body("Renamed"), {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}}).status,
                403) << member;
      EXPECT_EQ(C().Send("DELETE", url, "", {{"Authorization", "Bearer " + token}}).status, 403) << member;
    }
  }
  auto rule = C().Get(url, w["admin"].token);
  EXPECT_NE(rule.body.find("Isolation rule"), std::string::npos) << "no refused change touched it";
  // Service requirements: admins only.
  const std::string requirements = R"({"fields":[{"name":"device_id","label":"Device","format":"guid"}]})";
  for (const auto& member : kMemberNames) {
    if (member == "admin" || member == "supervisor") continue;
    EXPECT_EQ(C().Send("PUT", "/api/v1/services/m365/requirements", requirements,
                       {{"Authorization", "Bearer " + w[member].token}, {"Content-Type", "application/json"}}).status, 403)
        << member;
  }
  EXPECT_NE(C().Get("/api/v1/services", w["agent"].token).body.find("tenant_domain"), std::string::npos)
      << "the refused changes left the defaults";
  EXPECT_EQ(Items(C().Get("/api/v1/rules", w["admin"].token).body).size(), 1u);
}

TEST_F(Isolation, AgreementsAreSeenOnlyByTheirCustomerTheirResellerAndTheStaff) {
  const auto& w = W();
  auto plan = C().PostJson("/api/v1/plans",
                           R"({"name":"Agreement plan","coverage":[{"service":"m365","category":"technical"}],)"
                           R"("channels":[{"kind":"portal"}],"pricing":{"model":"included","currency":"KRW"}})",
                           w["admin"].token);
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string plan_id = std::to_string(json::parse(plan.body).at("id").as_int64());
  std::map<std::int64_t, std::string> urls;  // customer -> agreement url
  for (const auto* customer : {&w.customer_a, &w.customer_b, &w.customer_c}) {
    auto created = C().PostJson("/api/v1/agreements",
                                R"({"customer_id":)" + std::to_string(customer->id.value) + R"(,"plan_id":)" + plan_id +
                                    R"(,"start_date":"2026-01-01","overrides":{"hourly_rate":)" +
                                    std::to_string(1000 + customer->id.value) + "}}",
                                w["admin"].token);
    ASSERT_EQ(created.status, 201) << created.body;
    urls[customer->id.value] = created.Header("location");
  }
  const std::map<std::string, std::set<std::int64_t>> visible = {
      {"admin", {w.customer_a.id.value, w.customer_b.id.value, w.customer_c.id.value}},
      {"agent", {w.customer_a.id.value, w.customer_b.id.value, w.customer_c.id.value}},
      {"reseller", {w.customer_c.id.value}},
      {"admin_a", {w.customer_a.id.value}},
      {"req_a1", {w.customer_a.id.value}},
      {"req_b1", {w.customer_b.id.value}},
      {"req_c1", {w.customer_c.id.value}},
  };
  for (const auto& [member, customers] : visible) {
    const auto list = C().Get("/api/v1/agreements", w[member].token);
    ASSERT_EQ(list.status, 200) << member;
    std::set<std::int64_t> listed;
    for (const auto& item : Items(list.body)) listed.insert(item.at("customer_id").as_int64());
    EXPECT_EQ(listed, customers) << member;
    for (const auto& [customer, url] : urls) {
      auto one = C().Get(url, w[member].token);
      EXPECT_EQ(one.status, customers.count(customer) ? 200 : 404) << member << " " << url;
      if (!customers.count(customer)) {
        EXPECT_EQ(one.body.find(std::to_string(1000 + customer)), std::string::npos) << member << " sees another's price";
      }
    }
  }
  EXPECT_EQ(C().Get("/api/v1/agreements", w["provider"].token).status, 403);
  for (const auto& member : kMemberNames) {
    if (member == "admin") continue;
    EXPECT_EQ(C().PatchJson(urls[w.customer_a.id.value], R"({"end_date":"2026-01-31"})", w[member].token).status, 403)
        << member << ": only admins change agreements";
  }
  EXPECT_TRUE(json::parse(C().Get(urls[w.customer_a.id.value], w["admin"].token).body).at("end_date").is_null())
      << "no refused change ended the agreement";
}

// Organisations change only by admins; everyone else gets 403 before anything is looked up (so the
// answer says nothing about what exists), and nothing changes.
TEST_F(Isolation, OrganizationChangesAreForAdminsOnly) {
  const auto& w = W();
  auto spare = C().PostJson("/api/v1/organizations", R"({"kind":"provider","name":"Spare Provider"})", w["admin"].token);
  ASSERT_EQ(spare.status, 201) << spare.body;
  const std::string spare_url = "/api/v1/organizations/" + std::to_string(json::parse(spare.body).at("id").as_int64());
  const std::vector<const core::Organization*> orgs = {&w.partner, &w.reseller, &w.provider, &w.customer_a,
                                                       &w.customer_b, &w.customer_c, &w.reseller2, &w.provider2,
                                                       &w.customer_d};
  for (const auto& member : kMemberNames) {
    if (member == "admin") continue;
    const std::string& token = w[member].token;
    for (const auto* org : orgs) {
      const std::string url = "/api/v1/organizations/" + std::to_string(org->id.value);
      EXPECT_EQ(C().PatchJson(url, R"({"name":"hijacked","time_zone":"UTC"})", token).status, 403) << member << " " << url;
      EXPECT_EQ(C().PatchJson(url, R"({"active":false})", token).status, 403) << member << " " << url;
      EXPECT_EQ(C().PatchJson(url, R"({"parent_id":)" + std::to_string(w.reseller2.id.value) + "}", token).status, 403)
          << member << " " << url;
      EXPECT_EQ(C().Send("DELETE", url, "", {{"Authorization", "Bearer " + token}}).status, 403) << member << " " << url;
    }
    EXPECT_EQ(C().Send("DELETE", spare_url, "", {{"Authorization", "Bearer " + token}}).status, 403) << member;
    EXPECT_EQ(C().PatchJson("/api/v1/partner/settings", R"({"time_zone":"UTC","name":"hijacked"})", token).status, 403)
        << member;
  }
  for (const auto* org : orgs) {
    const auto stored = json::parse(C().Get("/api/v1/organizations/" + std::to_string(org->id.value), w["admin"].token).body);
    EXPECT_EQ(stored.at("version").as_int64(), 1) << org->name << " was changed by a refused request";
    EXPECT_TRUE(stored.at("active").as_bool()) << org->name;
  }
  EXPECT_EQ(C().Get("/api/v1/partner/settings", w["admin"].token).body.find("hijacked"), std::string::npos);
  EXPECT_EQ(C().PatchJson(spare_url, R"({"name":"Spare Provider Ltd"})", w["admin"].token).status, 200);
  EXPECT_EQ(C().Send("DELETE", spare_url, "", {{"Authorization", "Bearer " + w["admin"].token}}).status, 204);
}

// A subscription is seen by whoever sees its customer (as in the list) and changed by those who
// add subscriptions (admin, supervisor, agent); for everyone else a change is 403 and nothing moves.
TEST_F(Isolation, SubscriptionsAreSeenWithTheirCustomerAndChangedByStaff) {
  const auto& w = W();
  auto add = [&](const core::Organization& customer, const std::string& guid, const std::string& name) {
    auto created = C().PostJson("/api/v1/subscriptions",
                                R"({"customer_id":)" + std::to_string(customer.id.value) +
                                    R"(,"service":"azure","subscription_id":")" + guid + R"(","name":")" + name + R"("})",
                                w["admin"].token);
    EXPECT_EQ(created.status, 201) << created.body;
    return "/api/v1/subscriptions/" + std::to_string(json::parse(created.body).at("id").as_int64());
  };
  const std::string sub_a = add(w.customer_a, "5ab00000-0000-4000-8000-00000000000a", "zsubalpha");
  const std::string sub_c = add(w.customer_c, "5ab00000-0000-4000-8000-00000000000c", "zsubcharlie");
  const std::set<std::string> sees_a = {"admin", "supervisor", "agent", "billing", "admin_a", "req_a1", "req_a2"};
  const std::set<std::string> sees_c = {"admin", "supervisor", "agent", "billing", "reseller", "req_c1"};
  const std::set<std::string> manages = {"admin", "supervisor", "agent"};
  for (const auto& member : kMemberNames) {
    const std::string& token = w[member].token;
    for (const auto& [url, seen, marker] : {std::tuple{sub_a, sees_a.count(member) > 0, "zsubalpha"},
                                            std::tuple{sub_c, sees_c.count(member) > 0, "zsubcharlie"}}) {
      auto read = C().Get(url, token);
      EXPECT_EQ(read.status, seen ? 200 : 404) << member << " " << url;
      if (!seen) {
        EXPECT_EQ(read.body.find(marker), std::string::npos) << member << " " << read.body;
      }
      if (manages.count(member)) continue;
      EXPECT_EQ(C().PatchJson(url, R"({"name":"hijacked"})", token).status, 403) << member << " " << url;
      EXPECT_EQ(C().PostJson(url + "/cancel", R"({"reason":"x"})", token).status, 403) << member << " " << url;
      EXPECT_EQ(C().PostJson(url + "/transfer", R"({"customer_id":)" + std::to_string(w.customer_d.id.value) + "}", token).status,
                403)
          << member << " " << url;
    }
  }
  for (const auto& url : {sub_a, sub_c}) {
    const auto stored = json::parse(C().Get(url, w["admin"].token).body);
    EXPECT_EQ(stored.at("version").as_int64(), 1) << url << " was changed by a refused request";
    EXPECT_EQ(stored.at("status").as_string(), "active");
  }
  EXPECT_EQ(C().PatchJson(sub_a, R"({"name":"zsubalpha prod"})", w["agent"].token).status, 200);
  EXPECT_EQ(C().PostJson(sub_c + "/transfer", R"({"customer_id":)" + std::to_string(w.customer_d.id.value) + "}",
                         w["supervisor"].token).status,
            200);
  // Transferred: the old customer's reseller loses it, the new customer's reseller gains it.
  EXPECT_EQ(C().Get(sub_c, w["reseller"].token).status, 404);
  EXPECT_EQ(C().Get(sub_c, w["reseller2"].token).status, 200);
  EXPECT_EQ(C().PostJson(sub_c + "/cancel", "{}", w["admin"].token).status, 200);
}

TEST_F(Isolation, PartnerSettingsAreForStaffTheProfileForEveryone) {
  const auto& w = W();
  for (const auto& member : kMemberNames) {
    const std::string& token = w[member].token;
    const bool staff = member == "admin" || member == "supervisor" || member == "agent" || member == "billing";
    EXPECT_EQ(C().Get("/api/v1/partner/settings", token).status, staff ? 200 : 403) << member;
    EXPECT_EQ(C().Get("/api/v1/partner/support-profile", token).status, 200) << member;
    if (member != "admin") {
      EXPECT_EQ(C().PatchJson("/api/v1/partner/settings", R"({"support_email":"evil@evil.example"})", token).status, 403)
          << member;
    }
  }
  EXPECT_EQ(C().Get("/api/v1/partner/support-profile", w["req_a1"].token).body.find("evil"), std::string::npos);
}

TEST_F(Isolation, SupportStatementsAreForTheCustomerItsResellerAndTheStaff) {
  const auto& w = W();
  const std::map<std::string, std::set<std::int64_t>> readable = {
      {"agent", {w.customer_a.id.value, w.customer_b.id.value, w.customer_c.id.value}},
      {"billing", {w.customer_a.id.value, w.customer_b.id.value, w.customer_c.id.value}},
      {"reseller", {w.customer_c.id.value}},
      {"provider", {}},
      {"admin_a", {w.customer_a.id.value}},
      {"req_a2", {w.customer_a.id.value}},
      {"req_b1", {w.customer_b.id.value}},
      {"req_c1", {w.customer_c.id.value}},
  };
  for (const auto& [member, customers] : readable) {
    for (const auto* customer : {&w.customer_a, &w.customer_b, &w.customer_c, &w.partner, &w.provider}) {
      const std::string id = std::to_string(customer->id.value);
      const int expected = customers.count(customer->id.value) ? 200 : 404;
      auto statement = C().Get("/api/v1/customers/" + id + "/support-statement", w[member].token);
      EXPECT_EQ(statement.status, expected) << member << " statement of " << customer->name;
      EXPECT_EQ(C().Get("/support/" + id, w[member].token).status, expected) << member << " page of " << customer->name;
      if (expected == 404) {
        EXPECT_EQ(statement.body.find(customer->name), std::string::npos) << member;
      }
    }
  }
}

TEST_F(Isolation, WritesOutsideTheScopeAreRefused) {
  const auto& w = W();
  // Customers cannot open tickets for other customers, nor create users elsewhere.
  auto foreign = C().PostJson("/api/v1/tickets",
                              Json({{"customer_id", std::to_string(w.customer_b.id.value)}, {"service", "\"azure\""},
                                    {"category", "\"technical\""}, {"severity", "\"minimal\""},
                                    {"subject", "\"x\""}, {"description", "\"y\""}}),
                              w["req_a1"].token);
  EXPECT_EQ(foreign.status, 404);
  auto reseller_foreign = C().PostJson("/api/v1/tickets",
                                       Json({{"customer_id", std::to_string(w.customer_a.id.value)}, {"service", "\"azure\""},
                                             {"category", "\"technical\""}, {"severity", "\"minimal\""},
                                             {"subject", "\"x\""}, {"description", "\"y\""}}),
                                       w["reseller"].token);
  EXPECT_EQ(reseller_foreign.status, 404);
  EXPECT_EQ(C().PostJson("/api/v1/tickets", R"({"service":"azure","category":"technical","severity":"minimal","subject":"x","description":"y"})",
                         w["provider"].token).status, 403);
  EXPECT_EQ(C().PostJson("/api/v1/users",
                         R"({"organization_id":)" + std::to_string(w.customer_b.id.value) +
                             R"(,"email":"evil@bravo.example","name":"Evil","role":"customer_admin"})",
                         w["admin_a"].token).status, 404);
  EXPECT_EQ(C().PostJson("/api/v1/users",
                         R"({"organization_id":)" + std::to_string(w.customer_a.id.value) +
                             R"(,"email":"agent2@alpha.example","name":"Agent","role":"agent"})",
                         w["admin_a"].token).status, 403);
  auto colleague = C().PostJson("/api/v1/users",
                                R"({"organization_id":)" + std::to_string(w.customer_a.id.value) +
                                    R"(,"email":"new@alpha.example","name":"New","role":"requester"})",
                                w["admin_a"].token);
  EXPECT_EQ(colleague.status, 201) << colleague.body;
  for (const auto* member : {"req_a1", "admin_a", "billing", "provider", "reseller"}) {
    EXPECT_EQ(C().PostJson("/api/v1/organizations", R"({"kind":"customer","name":"Evil"})", w[member].token).status, 403);
    EXPECT_EQ(C().PostJson("/api/v1/teams", R"({"name":"Evil"})", w[member].token).status, 403);
    EXPECT_EQ(C().PostJson("/api/v1/services", R"({"code":"evil","name":"Evil"})", w[member].token).status, 403);
    EXPECT_EQ(C().PostJson("/api/v1/subscriptions",
                           R"({"customer_id":)" + std::to_string(w.customer_a.id.value) +
                               R"(,"service":"azure","subscription_id":"11111111-2222-3333-4444-666666666666","name":"x"})",
                           w[member].token).status, 403);
  }
  for (const auto* member : {"req_a1", "admin_a"}) {
    EXPECT_EQ(C().Get("/api/v1/teams", w[member].token).status, 403);
  }
  for (const auto& member : kMemberNames) {
    const bool allowed = member == "admin" || member == "supervisor";
    auto audit = C().Get("/api/v1/audit-events", w[member].token);
    EXPECT_EQ(audit.status, allowed ? 200 : 403) << member;
    if (!allowed) ExpectNoLeak(member, audit, "audit log");
  }
  // The billing clerk reads but never writes tickets.
  EXPECT_EQ(C().PatchJson("/api/v1/tickets/" + std::to_string(w.ticket_a1.value), R"({"severity":"minimal"})",
                          w["billing"].token).status, 403);
  // The provider works its routed ticket.
  auto provider_reply = C().PostJson("/api/v1/tickets/" + std::to_string(w.ticket_routed.value) + "/messages",
                                     R"({"body":"Provider here"})", w["provider"].token);
  EXPECT_EQ(provider_reply.status, 201);
  // Public routes need no token; everything else does.
  // The web faces' pages answer a signed-out browser themselves: the sign-in pages and the icon
  // are for everyone, and "/" sends it to sign in (the faces' catch-alls: PagesServeEachSideItsOwnFace).
  const std::map<std::string, std::pair<int, std::string>> pages = {
      {"/", {302, "/signin"}}, {"/signin", {200, ""}}, {"/reset", {200, ""}}, {"/favicon.ico", {204, ""}}};
  for (const auto& route : server_->api->router().Routes()) {
    if (route.pattern.find('{') != std::string::npos) continue;
    const bool open = route.pattern == "/healthz" || route.pattern == "/readyz" || route.pattern == "/metrics" ||
                      route.pattern == "/api/v1/openapi.json" || route.pattern == "/api/v1/auth/login" ||
                      route.pattern == "/api/v1/auth/password-reset";  // the reset token is the credential
    if (open) continue;
    auto anonymous = C().Send(route.method, route.pattern, route.method == "GET" ? "" : "{}",
                              {{"Content-Type", "application/json"}});
    if (const auto page = pages.find(route.pattern); page != pages.end()) {
      EXPECT_EQ(anonymous.status, page->second.first) << route.method << " " << route.pattern;
      EXPECT_EQ(anonymous.Header("location"), page->second.second) << route.pattern;
      if (anonymous.status == 200) {
        EXPECT_EQ(anonymous.body, TestWebRoot::kSigninPage) << route.pattern;
      }
      continue;
    }
    EXPECT_EQ(anonymous.status, 401) << route.method << " " << route.pattern;
  }
}

TEST_F(Isolation, ProvidersSeeSharedNotesAndTheirOwnWorkOnly) {
  const auto& w = W();
  const std::string base = "/api/v1/tickets/" + std::to_string(w.ticket_routed.value);
  const std::string& provider = w["provider"].token;
  auto note = C().PostJson(base + "/messages", R"({"body":"zprovidernote findings","visibility":"internal"})", provider);
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_TRUE(Parse(note).at("shared_with_provider").as_bool());
  auto upload = C().Send("POST", base + "/attachments?filename=trace.txt&visibility=internal", "zproviderfile",
                         {{"Authorization", "Bearer " + provider}, {"Content-Type", "text/plain"}});
  ASSERT_EQ(upload.status, 201) << upload.body;

  auto messages = C().Get(base + "/messages", provider);
  ASSERT_EQ(messages.status, 200);
  EXPECT_NE(messages.body.find(w.shared_marker), std::string::npos) << "the shared note reaches the provider";
  EXPECT_NE(messages.body.find("zprovidernote"), std::string::npos) << "the provider sees its own note";
  EXPECT_EQ(messages.body.find(w.internal_marker), std::string::npos) << "unshared notes stay with the partner";
  ExpectNoLeak("provider", messages, "messages");
  auto events = C().Get(base + "/events", provider);
  std::size_t internal_events = 0;
  for (const auto& e : Items(events.body)) {
    if (e.at("field").as_string() == "internal_note") ++internal_events;
  }
  EXPECT_EQ(internal_events, 2u) << "the shared note's and its own note's events: " << events.body;
  ExpectNoLeak("provider", events, "events");
  auto files = C().Get(base + "/attachments", provider);
  EXPECT_EQ(Items(files.body).size(), 1u) << files.body;

  // The partner sees everything; the customer none of the notes; the other provider nothing.
  auto staff = C().Get(base + "/messages", w["agent"].token);
  EXPECT_NE(staff.body.find("zprovidernote"), std::string::npos);
  EXPECT_NE(staff.body.find(w.internal_marker), std::string::npos);
  auto customer = C().Get(base + "/messages", w["req_b1"].token);
  EXPECT_EQ(customer.body.find("zprovidernote"), std::string::npos);
  EXPECT_EQ(customer.body.find(w.shared_marker), std::string::npos);
  EXPECT_EQ(C().Get(base + "/messages", w["provider2"].token).status, 404);
  // Customers see the partner as their contact: no provider, no underpinning targets.
  const auto as_customer = Parse(C().Get(base, w["req_b1"].token));
  EXPECT_TRUE(as_customer.at("provider_id").is_null());
  EXPECT_EQ(as_customer.at("holder").as_string(), "partner");
  EXPECT_TRUE(as_customer.at("underpinning").is_null());
  const auto as_provider = Parse(C().Get(base, provider));
  EXPECT_EQ(as_provider.at("provider_id").as_int64(), w.provider.id.value);
  EXPECT_EQ(as_provider.at("holder").as_string(), "provider");
}

TEST_F(Isolation, ProviderContractsAreSetByAdminsAndReadByStaffAndTheirProvider) {
  const auto& w = W();
  const std::string url = "/api/v1/providers/" + std::to_string(w.provider.id.value) + "/contract";
  const std::string body = R"({"currency":"KRW","hourly_cost":65000,"targets":{"critical":{"first_response":{"minutes":30,"basis":"calendar"}}}})";
  for (const auto& member : kMemberNames) {
    if (member == "admin") continue;
    auto put = C().Send("PUT", url, body, {{"Authorization", "Bearer " + w[member].token}, {"Content-Type", "application/json"}});
    EXPECT_EQ(put.status, 403) << member;
  }
  auto put = C().Send("PUT", url, body, {{"Authorization", "Bearer " + w["admin"].token}, {"Content-Type", "application/json"}});
  ASSERT_EQ(put.status, 200) << put.body;
  for (const auto& member : kMemberNames) {
    auto get = C().Get(url, w[member].token);
    const bool allowed = member == "admin" || member == "supervisor" || member == "agent" || member == "billing" ||
                         member == "provider";
    EXPECT_EQ(get.status, allowed ? 200 : 403) << member;
    if (!allowed) {
      EXPECT_EQ(get.body.find("65000"), std::string::npos) << member;
    }
  }
  // Only providers have contracts; provider2 has none yet.
  EXPECT_EQ(C().Get("/api/v1/providers/" + std::to_string(w.customer_a.id.value) + "/contract", w["admin"].token).status, 404);
  EXPECT_EQ(C().Get("/api/v1/providers/" + std::to_string(w.provider2.id.value) + "/contract", w["provider2"].token).status, 404);
}

TEST_F(Isolation, TeamsAvailabilityAndReportsAreForTheirRoles) {
  const auto& w = W();
  auto team = C().PostJson("/api/v1/teams", R"({"name":"Isolation L2","tier":2,"assignment":"round_robin"})", w["admin"].token);
  ASSERT_EQ(team.status, 201) << team.body;
  const std::string team_url = "/api/v1/teams/" + std::to_string(Parse(team).at("id").as_int64());
  for (const auto& member : kMemberNames) {
    auto patch = C().PatchJson(team_url, R"({"assignment":"least_open"})", w[member].token);
    const bool allowed = member == "admin" || member == "supervisor";
    EXPECT_EQ(patch.status, allowed ? 200 : 403) << member;

    auto report = C().Get("/api/v1/reports/escalations", w[member].token);
    EXPECT_EQ(report.status, allowed ? 200 : 403) << member;
    ExpectNoLeak(member, report, "escalation report");

    // Agents set their own availability; supervisors and admins anyone's on the staff.
    const std::string own = "/api/v1/users/" + std::to_string(w[member].user.id.value) + "/availability";
    auto mine = C().PatchJson(own, R"({"away":false})", w[member].token);
    const bool works_tickets = allowed || member == "agent";
    EXPECT_EQ(mine.status, works_tickets ? 200 : 403) << member;
    const std::string agents = "/api/v1/users/" + std::to_string(w["agent"].user.id.value) + "/availability";
    auto theirs = C().PatchJson(agents, R"({"away":false})", w[member].token);
    EXPECT_EQ(theirs.status, allowed || member == "agent" ? 200 : 403) << member;
  }
  // A customer's user has no availability: 404 even for an admin.
  const std::string customer = "/api/v1/users/" + std::to_string(w["req_a1"].user.id.value) + "/availability";
  EXPECT_EQ(C().PatchJson(customer, R"({"away":true})", w["admin"].token).status, 404);
  const std::string supervisor = "/api/v1/users/" + std::to_string(w["supervisor"].user.id.value) + "/availability";
  EXPECT_EQ(C().PatchJson(supervisor, R"({"away":true})", w["agent"].token).status, 403);
}

TEST_F(Isolation, TimeEntriesShowEachWorkerOrganisationItsOwn) {
  const auto& w = W();
  const std::string routed = "/api/v1/tickets/" + std::to_string(w.ticket_routed.value) + "/time";
  ASSERT_EQ(C().PostJson(routed, R"({"minutes":20,"note":"zpartnertime"})", w["agent"].token).status, 201);
  auto logged = C().PostJson(routed, R"({"minutes":30,"note":"zprovidertime"})", w["provider"].token);
  ASSERT_EQ(logged.status, 201) << logged.body;
  auto own = C().Get(routed, w["provider"].token);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(Items(own.body).size(), 1u);
  EXPECT_EQ(own.body.find("zpartnertime"), std::string::npos) << own.body;
  auto staff = C().Get(routed, w["billing"].token);
  EXPECT_EQ(Items(staff.body).size(), 2u);
  EXPECT_EQ(C().Get(routed, w["req_b1"].token).status, 403);
  EXPECT_EQ(C().PostJson(routed, R"({"minutes":5})", w["req_b1"].token).status, 403);

  const std::string resold = "/api/v1/tickets/" + std::to_string(w.ticket_c1.value) + "/time";
  ASSERT_EQ(C().PostJson(resold, R"({"minutes":10,"note":"zresellertime"})", w["reseller"].token).status, 201);
  ASSERT_EQ(C().PostJson(resold, R"({"minutes":10,"note":"zpartnerc1"})", w["agent"].token).status, 201);
  auto reseller = C().Get(resold, w["reseller"].token);
  EXPECT_EQ(Items(reseller.body).size(), 1u);
  EXPECT_EQ(reseller.body.find("zpartnerc1"), std::string::npos);
  EXPECT_EQ(C().Get(resold, w["reseller2"].token).status, 404);
}

TEST_F(Isolation, HandUpIsTheOwningResellersAlone) {
  const auto& w = W();
  const std::string c1 = "/api/v1/tickets/" + std::to_string(w.ticket_c1.value);
  EXPECT_EQ(Parse(C().Get(c1, w["reseller"].token)).at("holder").as_string(), "reseller");
  EXPECT_EQ(C().PostJson(c1 + "/handup", R"({"reason":"x"})", w["reseller2"].token).status, 404);
  EXPECT_EQ(C().PostJson(c1 + "/handup", R"({"reason":"x"})", w["req_c1"].token).status, 403);
  EXPECT_EQ(C().PostJson(c1 + "/handup", R"({"reason":"x"})", w["agent"].token).status, 403);
  auto up = C().PostJson(c1 + "/handup", R"({"reason":"needs the partner's Azure engineers"})", w["reseller"].token);
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(Parse(up).at("holder").as_string(), "partner");
  auto again = C().PostJson(c1 + "/handup", R"({"reason":"again"})", w["reseller"].token);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("/problems/not-held-by-reseller"), std::string::npos) << again.body;
  // The reseller still sees and works its customer's ticket; the customer sees no hand-up.
  EXPECT_EQ(C().Get(c1, w["reseller"].token).status, 200);
  auto events = C().Get(c1 + "/events", w["req_c1"].token);
  EXPECT_EQ(events.body.find("handed_up"), std::string::npos) << events.body;
  auto staff_events = C().Get(c1 + "/events", w["agent"].token);
  EXPECT_NE(staff_events.body.find("needs the partner's Azure engineers"), std::string::npos);
}

}  // namespace
// Vendor entitlements are the partner's business: admins manage them, partner staff read them,
// and nobody outside the partner learns a contract id, a cost or what is left.
TEST_F(Isolation, EntitlementsAndEscalationOptionsStayWithThePartner) {
  const auto& w = W();
  const std::string competency_body =
      R"({"level":"gold","area":"Cloud Platform","cloud":true,"valid_from":"2026-01-01","expires_on":"2099-12-31"})";
  auto send = [&](const std::string& method, const std::string& url, const std::string& body, const std::string& member) {
    return C().Send(method, url, body, {{"Authorization", "Bearer " + w[member].token}, {"Content-Type", "application/json"}});
  };
  for (const auto& member : kMemberNames) {
    if (member == "admin") continue;
    EXPECT_EQ(send("POST", "/api/v1/competencies", competency_body, member).status, 403) << member;
  }
  auto competency = send("POST", "/api/v1/competencies", competency_body, "admin");
  ASSERT_EQ(competency.status, 201) << competency.body;
  const std::string competency_url = "/api/v1/competencies/" + std::to_string(Parse(competency).at("id").as_int64());
  const std::string entitlement_body =
      R"({"kind":"premier","name":"Premier isolation","unit":"hours","capacity":120,"consumed":120,)"
      R"("currency":"USD","unit_cost":25000,"contract_id":"PRM-SECRET-7","access_id":"ACC-SECRET-7",)"
      R"("products":"all","valid_from":"2026-01-01"})";
  for (const auto& member : kMemberNames) {
    if (member == "admin") continue;
    EXPECT_EQ(send("POST", "/api/v1/entitlements", entitlement_body, member).status, 403) << member;
  }
  auto entitlement = send("POST", "/api/v1/entitlements", entitlement_body, "admin");
  ASSERT_EQ(entitlement.status, 201) << entitlement.body;
  const std::string entitlement_url = "/api/v1/entitlements/" + std::to_string(Parse(entitlement).at("id").as_int64());

  const std::string ticket = std::to_string(w.ticket_a1.value);
  for (const auto& member : kMemberNames) {
    const bool staff = member == "admin" || member == "supervisor" || member == "agent" || member == "billing";
    for (const std::string& url : {std::string("/api/v1/entitlements"), entitlement_url,
                                   std::string("/api/v1/competencies"), competency_url}) {
      auto get = C().Get(url, w[member].token);
      EXPECT_EQ(get.status, staff ? 200 : 403) << member << " " << url;
      if (!staff) {
        EXPECT_EQ(get.body.find("SECRET"), std::string::npos) << member << " " << url;
      }
    }
    if (member != "admin") {
      EXPECT_EQ(send("PUT", entitlement_url, entitlement_body, member).status, 403) << member;
      EXPECT_EQ(send("DELETE", entitlement_url, "", member).status, 403) << member;
      EXPECT_EQ(send("PUT", competency_url, competency_body, member).status, 403) << member;
      EXPECT_EQ(send("DELETE", competency_url, "", member).status, 403) << member;
    }
    // Escalating to the vendor is partner agents', supervisors' and admins' work.
    auto options = C().Get("/api/v1/tickets/" + ticket + "/escalation-options", w[member].token);
    const bool escalates = member == "admin" || member == "supervisor" || member == "agent";
    EXPECT_EQ(options.status, escalates ? 200 : 403) << member;
    if (!escalates) {
      EXPECT_EQ(options.body.find("Premier"), std::string::npos) << member;
      EXPECT_EQ(options.body.find("SECRET"), std::string::npos) << member;
    }
  }
  auto options = C().Get("/api/v1/tickets/" + ticket + "/escalation-options", w["agent"].token);
  ASSERT_EQ(options.status, 200);
  bool found = false;
  const auto listed = Parse(options);
  for (const auto& item : listed.at("items").as_array()) {
    if (item.at("name") != "Premier isolation") continue;
    found = true;
    EXPECT_FALSE(item.at("eligible").as_bool());
    bool exhausted = false;
    for (const auto& reason : item.at("reasons").as_array()) {
      exhausted = exhausted || reason == "Premier isolation exhausted: 0 of 2 hours left";
    }
    EXPECT_TRUE(exhausted) << options.body;
  }
  EXPECT_TRUE(found) << options.body;
  EXPECT_EQ(C().Get("/api/v1/tickets/999999999/escalation-options", w["agent"].token).status, 404);

  // Replacing keeps what was consumed; a stale If-Match is refused; the competency in use stays.
  auto replaced = C().Send("PUT", entitlement_url, entitlement_body,
                           {{"Authorization", "Bearer " + w["admin"].token}, {"Content-Type", "application/json"},
                            {"If-Match", "\"v1\""}});
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(Parse(replaced).at("version").as_int64(), 2);
  auto stale = C().Send("PUT", entitlement_url, entitlement_body,
                        {{"Authorization", "Bearer " + w["admin"].token}, {"Content-Type", "application/json"},
                         {"If-Match", "\"v1\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(send("DELETE", entitlement_url, "", "admin").status, 204);
  EXPECT_EQ(send("DELETE", competency_url, "", "admin").status, 204);
  EXPECT_EQ(C().Get(entitlement_url, w["admin"].token).status, 404);
}

// Vendor cases: partner agents escalate and follow them; everyone who sees the ticket learns that
// it is with Microsoft; nobody outside the partner sees the path, contact or case details.
TEST_F(Isolation, VendorCasesAreWorkedByThePartnerAndShownToOthersWithoutDetails) {
  const auto& w = W();
  auto opened = C().PostJson("/api/v1/tickets",
                             R"({"service":"m365","category":"technical","severity":"moderate","subject":"Vendor isolation",)"
                             R"("description":"Mail stops","fields":{"tenant_domain":"alpha.example"}})",
                             w["req_a1"].token);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string ticket = std::to_string(Parse(opened).at("id").as_int64());
  auto entitlement = C().PostJson("/api/v1/entitlements",
                                  R"({"kind":"csp_technical","name":"Isolation CSP","valid_from":"2020-01-01"})",
                                  w["admin"].token);
  ASSERT_EQ(entitlement.status, 201) << entitlement.body;
  const std::string body = R"({"case_number":"ISO-CASE-1","support_topic":"SECRET-TOPIC"})";
  for (const auto& member : kMemberNames) {
    if (member == "admin" || member == "supervisor" || member == "agent") continue;
    EXPECT_EQ(C().PostJson("/api/v1/tickets/" + ticket + "/escalations", body, w[member].token).status, 403) << member;
  }
  auto created = C().PostJson("/api/v1/tickets/" + ticket + "/escalations", body, w["agent"].token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string case_url = "/api/v1/vendor-cases/" + std::to_string(Parse(created).at("id").as_int64());
  for (const auto& member : kMemberNames) {
    const bool staff = member == "admin" || member == "supervisor" || member == "agent" || member == "billing";
    const bool sees_ticket = staff || member == "req_a1" || member == "admin_a";
    auto one = C().Get(case_url, w[member].token);
    EXPECT_EQ(one.status, staff ? 200 : 403) << member;
    auto list = C().Get("/api/v1/tickets/" + ticket + "/escalations", w[member].token);
    EXPECT_EQ(list.status, sees_ticket ? 200 : 404) << member;
    if (!staff) {
      EXPECT_EQ(list.body.find("SECRET"), std::string::npos) << member;
      EXPECT_EQ(list.body.find("csp_technical"), std::string::npos) << member;
      EXPECT_EQ(one.body.find("SECRET"), std::string::npos) << member;
    }
    auto patch = C().PatchJson(case_url, R"({"share_case_number":true})", w[member].token);
    const bool works = member == "admin" || member == "supervisor" || member == "agent";
    EXPECT_EQ(patch.status, works ? 200 : 403) << member << " " << patch.body;
  }
}

// The queue of cases with Microsoft across tickets is the partner's working list: agents,
// supervisors and admins read it; billing clerks, customers, providers and resellers get 403 (a
// role check: it says nothing of any case), even when the case is on a ticket they see.
TEST_F(Isolation, TheVendorCaseQueueIsForThoseWhoFollowCasesUp) {
  const auto& w = W();
  ASSERT_EQ(C().PostJson("/api/v1/entitlements", R"({"kind":"csp_technical","name":"Queue CSP","valid_from":"2020-01-01"})",
                         w["admin"].token)
                .status,
            201);
  // Cases on tickets the outside roles see: one of the reseller's customer, one its provider works.
  const auto open = [&](const std::string& member) {
    auto opened = C().PostJson("/api/v1/tickets",
                               R"({"service":"m365","category":"technical","severity":"moderate","subject":"zqueueticket",)"
                               R"("description":"Mail stops","fields":{"tenant_domain":"charlie.example"}})",
                               w[member].token);
    EXPECT_EQ(opened.status, 201) << opened.body;
    return Parse(opened).at("id").as_int64();
  };
  const auto resold = open("req_c1");
  const auto outsourced = open("req_b1");
  ASSERT_EQ(C().PatchJson("/api/v1/tickets/" + std::to_string(outsourced),
                          R"({"provider_id":)" + std::to_string(w.provider.id.value) + "}", w["admin"].token)
                .status,
            200);
  const std::vector<std::pair<std::int64_t, std::string>> tickets = {{resold, "616122292870555"},
                                                                     {outsourced, "616122292870556"}};
  for (const auto& [ticket, number] : tickets) {
    auto created = C().PostJson("/api/v1/tickets/" + std::to_string(ticket) + "/escalations",
                                R"({"case_number":")" + number + R"(","support_topic":"zqueuetopic"})", w["agent"].token);
    ASSERT_EQ(created.status, 201) << created.body;
  }
  for (const auto& member : kMemberNames) {
    const bool works = member == "admin" || member == "supervisor" || member == "agent";
    for (const char* raw : {"", "?limit=200", "?status=submitted&sync_error=false", "?status=nonsense"}) {
      const std::string query = raw;
      auto listed = C().Get("/api/v1/vendor-cases" + query, w[member].token);
      ExpectNoLeak(member, listed, "GET /api/v1/vendor-cases" + query);
      if (!works) {
        // The role check comes first: a bad filter from someone who may not read the queue is 403 too.
        EXPECT_EQ(listed.status, 403) << member << " " << query;
        for (const char* secret : {"616122292870555", "616122292870556", "csp_technical", "zqueuetopic", "zqueueticket"}) {
          EXPECT_EQ(listed.body.find(secret), std::string::npos) << member << " sees " << secret;
        }
        continue;
      }
      if (query == "?status=nonsense") {
        EXPECT_EQ(listed.status, 400) << member;
        continue;
      }
      EXPECT_EQ(listed.status, 200) << member << " " << query << " " << listed.body;
      EXPECT_NE(listed.body.find("616122292870555"), std::string::npos) << member << " " << query;
      EXPECT_NE(listed.body.find("616122292870556"), std::string::npos) << member << " " << query;
    }
  }
}

// Notes with Microsoft are the partner's: Microsoft's arrive as internal vendor updates, which no
// customer, reseller or provider reads or finds, and only partner agents publish one to the customer.
TEST_F(Isolation, VendorNotesStayWithThePartnerUntilAnAgentPublishesOne) {
  const auto& w = W();
  MicrosoftStub stub;
  StubbedPartnerCenter partner_center(stub);
  const core::VendorConnectors connectors = partner_center.Connectors();

  auto opened = C().PostJson("/api/v1/tickets",
                             R"({"service":"m365","category":"technical","severity":"moderate","subject":"Vendor notes",)"
                             R"("description":"Mail stops","fields":{"tenant_domain":"alpha.example"}})",
                             w["req_a1"].token);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const auto ticket_id = Parse(opened).at("id").as_int64();
  const std::string ticket = std::to_string(ticket_id);
  ASSERT_EQ(C().PostJson("/api/v1/entitlements", R"({"kind":"csp_technical","name":"Notes CSP","valid_from":"2020-01-01"})",
                         w["admin"].token)
                .status,
            201);
  auto created = C().PostJson("/api/v1/tickets/" + ticket + "/escalations",
                              R"({"connector":"partner_center","case_number":"616122292879999"})", w["agent"].token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string notes_url = "/api/v1/vendor-cases/" + std::to_string(Parse(created).at("id").as_int64()) + "/notes";
  stub.AddServiceRequest("616122292879999", {json::value(2), json::value(1), "Mail", MicrosoftStub::kTenant,
                                             {json::object{{"createdByName", "Microsoft Support"},
                                                           {"createdDate", "2026-11-24T08:30:00"},
                                                           {"text", "zvendornote: contract PRM-7 applies"}}}});
  ASSERT_TRUE(app::vendor::SyncVendorCases(server_->app.Context(), connectors));
  std::int64_t update_id = 0;
  for (const auto& message : Items(C().Get("/api/v1/tickets/" + ticket + "/messages", w["agent"].token).body)) {
    if (message.at("kind") == "vendor_update") update_id = message.at("id").as_int64();
  }
  ASSERT_NE(update_id, 0);
  const std::string publish = "/api/v1/tickets/" + ticket + "/messages/" + std::to_string(update_id) + "/publish";

  for (const auto& member : kMemberNames) {
    const bool works = member == "admin" || member == "supervisor" || member == "agent";
    const bool staff = works || member == "billing";
    const bool sees_ticket = staff || member == "req_a1" || member == "admin_a";
    const auto& token = w[member].token;
    auto notes = C().Get(notes_url, token);
    EXPECT_EQ(notes.status, staff ? 200 : 403) << member;
    auto messages = C().Get("/api/v1/tickets/" + ticket + "/messages", token);
    EXPECT_EQ(messages.status, sees_ticket ? 200 : 404) << member;
    auto events = C().Get("/api/v1/tickets/" + ticket + "/events", token);
    auto found = C().Get("/api/v1/tickets?q=zvendornote", token);
    EXPECT_EQ(found.status, 200) << member;
    if (!staff) {
      for (const auto* result : {&notes, &messages, &events, &found}) {
        EXPECT_EQ(result->body.find("zvendornote"), std::string::npos) << member;
        EXPECT_EQ(result->body.find("vendor_update"), std::string::npos) << member;
      }
      EXPECT_TRUE(Items(found.body).empty()) << member;
      EXPECT_EQ(C().PostJson(notes_url, R"({"body":"from outside"})", token).status, 403) << member;
      EXPECT_EQ(C().PostJson(publish, "{}", token).status, 403) << member;
    } else {
      EXPECT_NE(messages.body.find("zvendornote"), std::string::npos) << member;
      EXPECT_EQ(C().PostJson(notes_url, R"({"body":"from the partner"})", token).status, works ? 201 : 403) << member;
    }
  }
  // Another customer's ticket does not take this vendor update.
  EXPECT_EQ(C().PostJson("/api/v1/tickets/" + std::to_string(w.ticket_b1.value) + "/messages/" +
                             std::to_string(update_id) + "/publish",
                         "{}", w["agent"].token)
                .status,
            404);
  auto published = C().PostJson(publish, R"({"body":"Microsoft is on it."})", w["agent"].token);
  ASSERT_EQ(published.status, 201) << published.body;
  auto customer = C().Get("/api/v1/tickets/" + ticket + "/messages", w["req_a1"].token);
  EXPECT_NE(customer.body.find("Microsoft is on it."), std::string::npos);
  EXPECT_EQ(customer.body.find("zvendornote"), std::string::npos);
}

// Issue 13, finding 4: on a reseller's customer's ticket, the partner's work with Microsoft (the
// case, its path, the notes either way) reaches partner staff alone, in messages, history and
// search; the reseller keeps reading the partner's internal notes there.
TEST_F(Isolation, VendorWorkOnAResellersTicketReachesOnlyThePartner) {
  const auto& w = W();
  auto opened = C().PostJson("/api/v1/tickets",
                             R"({"service":"m365","category":"technical","severity":"moderate","subject":"Reseller vendor work",)"
                             R"("description":"Teams calls drop","fields":{"tenant_domain":"charlie.example"}})",
                             w["req_c1"].token);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string ticket = std::to_string(Parse(opened).at("id").as_int64());
  auto entitlement = C().PostJson("/api/v1/entitlements",
                                  R"({"kind":"csp_technical","name":"Reseller isolation CSP","valid_from":"2020-01-01"})",
                                  w["admin"].token);
  ASSERT_EQ(entitlement.status, 201) << entitlement.body;
  ASSERT_EQ(C().PostJson("/api/v1/tickets/" + ticket + "/messages",
                         R"({"body":"zpartnerreads: look at the tenant first","visibility":"internal"})", w["agent"].token)
                .status,
            201);
  auto created = C().PostJson("/api/v1/tickets/" + ticket + "/escalations",
                              R"({"entitlement_id":)" + std::to_string(Parse(entitlement).at("id").as_int64()) +
                                  R"(,"connector":"partner_center","case_number":"616122292870404"})",
                              w["agent"].token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string notes_url = "/api/v1/vendor-cases/" + std::to_string(Parse(created).at("id").as_int64()) + "/notes";
  ASSERT_EQ(C().PostJson(notes_url, R"({"body":"zpartnertomicrosoft: please call the partner"})", w["agent"].token).status,
            201);

  for (const auto& member : kMemberNames) {
    const bool staff = member == "admin" || member == "supervisor" || member == "agent" || member == "billing";
    const bool sees_ticket = staff || member == "reseller" || member == "req_c1";
    const auto& token = w[member].token;
    auto messages = C().Get("/api/v1/tickets/" + ticket + "/messages", token);
    auto events = C().Get("/api/v1/tickets/" + ticket + "/events", token);
    EXPECT_EQ(messages.status, sees_ticket ? 200 : 404) << member;
    EXPECT_EQ(events.status, sees_ticket ? 200 : 404) << member;
    const auto found = Items(C().Get("/api/v1/tickets?q=zpartnertomicrosoft", token).body).size();
    EXPECT_EQ(found, staff ? 1u : 0u) << member;
    if (staff) {
      EXPECT_NE(messages.body.find("zpartnertomicrosoft"), std::string::npos) << member;
      EXPECT_NE(events.body.find("vendor_case.created"), std::string::npos) << member;
      continue;
    }
    for (const auto* result : {&messages, &events}) {
      for (const char* secret : {"zpartnertomicrosoft", "vendor_update", "vendor_case", "Reseller isolation CSP",
                                 "CSP technical"}) {
        EXPECT_EQ(result->body.find(secret), std::string::npos) << member << " sees " << secret << ": " << result->body;
      }
    }
    EXPECT_EQ(messages.body.find("zpartnerreads") != std::string::npos, member == "reseller") << member;
  }
}

// A Microsoft incident spans customers: the partner links and updates it; each customer sees the
// incident on its own tickets and never which other tickets (or customers) it touches.
TEST_F(Isolation, VendorIncidentsSpanCustomersWithoutShowingThemToEachOther) {
  const auto& w = W();
  const std::string body = R"({"reference":"EXISO1","title":"Mail delivery delays","service":"m365"})";
  for (const auto& member : kMemberNames) {
    if (member == "admin" || member == "supervisor" || member == "agent") continue;
    EXPECT_EQ(C().PostJson("/api/v1/vendor-incidents", body, w[member].token).status, 403) << member;
  }
  auto created = C().PostJson("/api/v1/vendor-incidents", body, w["agent"].token);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string url = "/api/v1/vendor-incidents/" + std::to_string(Parse(created).at("id").as_int64());
  const std::string links = R"({"ticket_ids":[)" + std::to_string(w.ticket_a1.value) + "," +
                            std::to_string(w.ticket_b1.value) + "]}";
  const std::string update = R"({"body":"Microsoft is rerouting traffic"})";
  for (const auto& member : kMemberNames) {
    const bool works = member == "admin" || member == "supervisor" || member == "agent";
    const bool staff = works || member == "billing";
    if (!works) {
      EXPECT_EQ(C().PostJson(url + "/tickets", links, w[member].token).status, 403) << member;
      EXPECT_EQ(C().PostJson(url + "/updates", update, w[member].token).status, 403) << member;
    }
    EXPECT_EQ(C().Get(url, w[member].token).status, staff ? 200 : 403) << member;
    EXPECT_EQ(C().Get("/api/v1/vendor-incidents", w[member].token).status, staff ? 200 : 403) << member;
  }
  ASSERT_EQ(C().PostJson(url + "/tickets", links, w["agent"].token).status, 200);
  auto told = C().PostJson(url + "/updates", update, w["agent"].token);
  ASSERT_EQ(told.status, 201) << told.body;
  EXPECT_EQ(Parse(told).at("tickets_told").as_int64(), 2);
  for (const auto& member : kMemberNames) {
    const auto visible = Visible(member);
    for (const auto ticket : {w.ticket_a1.value, w.ticket_b1.value}) {
      auto linked = C().Get("/api/v1/tickets/" + std::to_string(ticket) + "/vendor-incidents", w[member].token);
      if (!visible.count(ticket)) {
        EXPECT_EQ(linked.status, 404) << member << " " << ticket;
        EXPECT_EQ(linked.body.find("EXISO1"), std::string::npos) << member;
        continue;
      }
      EXPECT_EQ(linked.status, 200) << member << " " << ticket;
      EXPECT_NE(linked.body.find("EXISO1"), std::string::npos) << member;
      for (const auto& item : Items(linked.body)) {
        EXPECT_FALSE(item.as_object().contains("ticket_ids")) << member;
      }
    }
  }
}

// Billing is the partner's: statements, exports, closes and margins are for billing readers; a
// customer admin reads its own usage and prepaid blocks, nobody else's, and never the costs;
// time and timers follow the ticket's visibility.
TEST_F(Isolation, BillingIsThePartnersAndCustomersSeeOnlyTheirOwnUsage) {
  const auto& w = W();
  const std::string a = std::to_string(w.customer_a.id.value);
  auto logged = C().PostJson("/api/v1/tickets/" + std::to_string(w.ticket_a1.value) + "/time", R"({"minutes":30})",
                             w["agent"].token);
  ASSERT_EQ(logged.status, 201) << logged.body;
  const std::string entry_url = "/api/v1/tickets/" + std::to_string(w.ticket_a1.value) + "/time/" +
                                std::to_string(Parse(logged).at("id").as_int64());
  for (const auto& member : kMemberNames) {
    const bool reader = member == "admin" || member == "supervisor" || member == "billing";
    const bool closer = member == "admin" || member == "billing";
    const bool customer_admin = member == "admin_a" || member == "admin_b";
    const auto& token = w[member].token;
    for (const std::string& url : std::vector<std::string>{"/api/v1/billing/periods/2026-10/preview", "/api/v1/billing/periods/2026-10/export?format=csv",
                                  "/api/v1/billing/periods/2026-10/statements/" + a + "?format=html",
                                  "/api/v1/reports/margin?period=2026-10"}) {
      auto answer = C().Get(url, token);
      // A customer's statement is its own admins' once the period is closed for it (this one is
      // open); to every other customer person it does not exist.
      const bool statement = url.find("/statements/") != std::string::npos;
      EXPECT_EQ(answer.status, reader ? 200 : statement && IsCustomer(member) ? 404 : 403) << member << " " << url;
      if (!reader) ExpectNoLeak(member, answer, url);
    }
    if (!closer) {
      EXPECT_EQ(C().PostJson("/api/v1/billing/periods/2020-01/close", "{}", token).status, 403) << member;
      EXPECT_EQ(C().PostJson("/api/v1/customers/" + a + "/prepaid-blocks", "{}", token).status, 403) << member;
    }
    auto usage = C().Get("/api/v1/billing/usage", token);
    EXPECT_EQ(usage.status, customer_admin ? 200 : reader ? 422 : 403) << member << " " << usage.body;
    if (customer_admin) {
      EXPECT_EQ(Parse(usage).at("customer_id").as_int64(),
                (member == "admin_a" ? w.customer_a : w.customer_b).id.value) << member;
      EXPECT_FALSE(Parse(usage).as_object().contains("costs")) << member;
    }
    auto a_usage = C().Get("/api/v1/billing/usage?customer_id=" + a, token);
    EXPECT_EQ(a_usage.status, reader || member == "admin_a" ? 200 : member == "admin_b" ? 404 : 403) << member;
    auto blocks = C().Get("/api/v1/customers/" + a + "/prepaid-blocks", token);
    EXPECT_EQ(blocks.status, reader || member == "admin_a" ? 200 : member == "admin_b" || member == "req_a1" ||
                                                                        member == "req_a2" || member == "req_b1" ||
                                                                        member == "req_c1" || member == "req_d1"
                                                                    ? 404
                                                                    : 403)
        << member;
    // Time and timers: a ticket the member cannot see is 404; customers and billing clerks do not log time.
    const bool sees_a1 = Visible(member).count(w.ticket_a1.value) > 0;
    const bool logs_time = !core::IsCustomerRole(w[member].actor.role) && member != "billing";
    auto timer = C().PostJson("/api/v1/tickets/" + std::to_string(w.ticket_a1.value) + "/timer/start", "{}", token);
    EXPECT_EQ(timer.status, !logs_time ? 403 : sees_a1 ? 201 : 404) << member;
    if (timer.status == 201) {
      EXPECT_EQ(C().PostJson("/api/v1/tickets/" + std::to_string(w.ticket_a1.value) + "/timer/stop", "{}", token).status,
                201)
          << member;
    }
    EXPECT_EQ(C().Get("/api/v1/me/timer", token).status, logs_time ? 200 : 403) << member;
    auto edit = C().PatchJson(entry_url, R"({"note":"checked"})", token);
    const bool edits = sees_a1 && (core::IsPartnerStaff(w[member].actor.role));
    EXPECT_EQ(edit.status, edits ? 200 : !sees_a1 ? 404 : 403) << member << " " << edit.body;
  }
}

// Vendor reports carry contract ids, costs and consumption: supervisors and admins only.
TEST_F(Isolation, VendorReportsAreForSupervisorsAndAdmins) {
  const auto& w = W();
  for (const auto& member : kMemberNames) {
    const bool allowed = member == "admin" || member == "supervisor";
    for (const char* url : {"/api/v1/reports/entitlements", "/api/v1/reports/expiring?days=60",
                            "/api/v1/reports/vendor-escalations?from=2026-01&to=2026-12"}) {
      auto report = C().Get(url, w[member].token);
      EXPECT_EQ(report.status, allowed ? 200 : 403) << member << " " << url;
      ExpectNoLeak(member, report, url);
    }
  }
  EXPECT_EQ(C().Get("/api/v1/reports/expiring?days=x", w["admin"].token).status, 400);
  EXPECT_EQ(C().Get("/api/v1/reports/vendor-escalations?from=2026-13", w["admin"].token).status, 422);
}

// Decisions on work that needs approval: billing readers read them, billing clerks and admins make
// them; a customer that is not one (or another customer's ticket) is 404, and a refusal changes
// nothing.
TEST_F(Isolation, ApprovalsAreDecidedByBillingClerksAndAdminsOnly) {
  const auto& w = W();
  const std::string a = std::to_string(w.customer_a.id.value), b = std::to_string(w.customer_b.id.value);
  const std::string provider = std::to_string(w.provider.id.value);
  const std::string url = "/api/v1/billing/periods/2026-10/approvals";
  const auto body = [](const std::string& customer, std::int64_t ticket) {
    return R"({"customer_id":)" + customer + R"(,"ticket_id":)" + std::to_string(ticket) + R"(,"decision":"approved"})";
  };
  for (const auto& member : kMemberNames) {
    const bool reader = member == "admin" || member == "supervisor" || member == "billing";
    const bool decider = member == "admin" || member == "billing";
    const auto& token = w[member].token;
    auto list = C().Get(url, token);
    EXPECT_EQ(list.status, reader ? 200 : 403) << member;
    if (!reader) ExpectNoLeak(member, list, url);
    EXPECT_EQ(C().Get(url + "?customer_id=" + provider, token).status, reader ? 404 : 403) << member;
    // Customer A's ticket has no work that needs approval: a conflict for those who decide.
    auto own = C().PostJson(url, body(a, w.ticket_a1.value), token);
    EXPECT_EQ(own.status, decider ? 409 : 403) << member << " " << own.body;
    if (!decider) ExpectNoLeak(member, own, url);
    // Another customer's ticket, or an organisation that is not a customer: 404.
    EXPECT_EQ(C().PostJson(url, body(b, w.ticket_a1.value), token).status, decider ? 404 : 403) << member;
    EXPECT_EQ(C().PostJson(url, body(provider, w.ticket_routed.value), token).status, decider ? 404 : 403) << member;
  }
  EXPECT_TRUE(Items(C().Get(url, w["admin"].token).body).empty()) << "a refused decision was kept";
}

// The live stream shows each viewer exactly the events GET /tickets/{id}/events shows it, live
// and replayed after a Last-Event-ID: never another tenant's ticket, never an internal note or
// logged time to a customer, never a note that was not shared to a provider. Near the end: it
// adds messages and time to every ticket of the shared world.
TEST_F(Isolation, TheStreamShowsEachRoleOnlyTheEventsTheApiShowsIt) {
  const auto& w = W();
  const auto since = app::ticket::LatestEventId(server_->app.Context());
  ASSERT_TRUE(since);
  std::map<std::string, std::unique_ptr<SseStream>> live;
  for (const auto& member : kMemberNames) {
    live[member] = std::make_unique<SseStream>(server_->port, "/api/v1/stream",
                                               std::map<std::string, std::string>{{"Authorization", "Bearer " + w[member].token}});
    ASSERT_EQ(live[member]->head().status, 200) << member << ": " << live[member]->head().body;
  }
  // On every ticket: a public reply, an internal note and logged time; on the routed tickets a
  // note shared with their provider.
  const std::vector<TicketId> tickets = {w.ticket_a1, w.ticket_a2, w.ticket_b1,     w.ticket_c1,
                                         w.ticket_routed, w.ticket_d1, w.ticket_routed2};
  for (const auto id : tickets) {
    const std::string base = "/api/v1/tickets/" + std::to_string(id.value);
    ASSERT_EQ(C().PostJson(base + "/messages", R"({"body":"Stream reply"})", w["agent"].token).status, 201);
    ASSERT_EQ(C().PostJson(base + "/messages", R"({"body":"Stream )" + w.internal_marker + R"(","visibility":"internal"})",
                           w["agent"].token)
                  .status,
              201);
    ASSERT_EQ(C().PostJson(base + "/time", R"({"minutes":15,"note":"stream"})", w["agent"].token).status, 201);
  }
  for (const auto id : {w.ticket_routed, w.ticket_routed2}) {
    ASSERT_EQ(C().PostJson("/api/v1/tickets/" + std::to_string(id.value) + "/messages",
                           R"({"body":"Stream shared","visibility":"internal","shared_with_provider":true})",
                           w["agent"].token)
                  .status,
              201);
  }
  const auto until = app::ticket::LatestEventId(server_->app.Context());
  ASSERT_TRUE(until);
  ASSERT_GT(*until, *since);

  // What the API shows each member of what happened.
  const auto expected_for = [&](const std::string& member) {
    std::set<std::int64_t> ids;
    for (const auto ticket : Visible(member)) {
      auto events = C().Get("/api/v1/tickets/" + std::to_string(ticket) + "/events", w[member].token);
      EXPECT_EQ(events.status, 200) << member;
      for (const auto& event : Items(events.body)) {
        if (event.at("id").as_int64() > *since) ids.insert(event.at("id").as_int64());
      }
    }
    return ids;
  };
  // Reads a stream up to the newest event (an event, or an id-only block past unseen ones).
  const auto read_all = [&](SseStream& stream) {
    return stream.Read(std::chrono::seconds(5), [&](const std::vector<SseEvent>& events) {
      for (const auto& event : events) {
        if (!event.id.empty() && std::stoll(event.id) >= *until) return true;
      }
      return false;
    });
  };
  const auto check = [&](const std::string& member, const std::vector<SseEvent>& read, const std::string& how) {
    SCOPED_TRACE(member + " " + how);
    std::set<std::int64_t> streamed;
    int internal_notes = 0;
    HttpResult all;  // the stream's data, for the marker check
    bool reached = false;
    for (const auto& block : read) {
      if (!block.id.empty() && std::stoll(block.id) >= *until) reached = true;
      EXPECT_NE(block.event, "reset");
      if (block.event != "ticket") continue;
      all.body += block.data + "\n";
      const auto event = json::parse(block.data).as_object();
      const auto id = event.at("id").as_int64();
      EXPECT_TRUE(streamed.insert(id).second) << "sent twice: " << block.data;
      EXPECT_TRUE(Visible(member).count(event.at("ticket_id").as_int64())) << "another tenant's ticket: " << block.data;
      if (event.at("field") == "internal_note") ++internal_notes;
      if (IsCustomer(member)) {
        EXPECT_NE(event.at("field"), "internal_note") << block.data;
        EXPECT_NE(event.at("action"), "time.logged") << block.data;
      }
    }
    EXPECT_TRUE(reached) << "the stream did not reach event " << *until;
    EXPECT_EQ(streamed, expected_for(member));
    EXPECT_FALSE(streamed.empty()) << "every member sees the public replies on its tickets";
    ExpectNoLeak(member, all, "the stream (" + how + ")");
    if (IsCustomer(member)) {
      EXPECT_EQ(internal_notes, 0);
    } else if (IsProvider(member)) {
      EXPECT_EQ(internal_notes, 1) << "only the note shared with it";
    } else if (member == "admin" || member == "supervisor" || member == "agent" || member == "billing") {
      EXPECT_EQ(internal_notes, static_cast<int>(tickets.size()) + 2);
    }
  };
  for (const auto& member : kMemberNames) check(member, read_all(*live[member]), "live");
  live.clear();
  for (const auto& member : kMemberNames) {
    SseStream replay(server_->port, "/api/v1/stream",
                     {{"Authorization", "Bearer " + w[member].token}, {"Last-Event-ID", std::to_string(*since)}});
    ASSERT_EQ(replay.head().status, 200) << member;
    check(member, read_all(replay), "replayed");
  }
}

// A customer's issued statements: billing staff for any customer, the customer's own admins for
// theirs; its other people, and other customers, learn nothing; the rest of the staff may not.
// Near the end: it adds a customer with terms and a closed month to the shared world.
TEST_F(Isolation, IssuedStatementsAreForBillingStaffAndTheCustomersOwnAdmins) {
  const auto& w = W();
  const auto& admin = w["admin"].token;
  auto created = C().PostJson("/api/v1/organizations",
                              R"({"kind":"customer","name":"Statement Co","domains":["statement.example"]})", admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string s = std::to_string(Parse(created).at("id").as_int64());
  auto plan = C().PostJson(
      "/api/v1/plans",
      R"({"name":"Statement plan","coverage":[{"service":"azure","category":"technical"}],"channels":[{"kind":"portal"}],)"
      R"("pricing":{"model":"prepaid_block","currency":"KRW","block_unit":"hours","block_size":10,)"
      R"("block_price":1000000,"hourly_rate":120000,"when_exhausted":"needs_approval"}})",
      admin);
  ASSERT_EQ(plan.status, 201) << plan.body;
  auto agreement = C().PostJson("/api/v1/agreements",
                                R"({"customer_id":)" + s + R"(,"plan_id":)" +
                                    std::to_string(Parse(plan).at("id").as_int64()) + R"(,"start_date":"2020-01-01"})",
                                admin);
  ASSERT_EQ(agreement.status, 201) << agreement.body;
  ASSERT_EQ(C().PostJson("/api/v1/users",
                         R"({"organization_id":)" + s +
                             R"(,"email":"boss@statement.example","name":"Boss","role":"customer_admin","password":"statement-boss-123"})",
                         admin)
                .status,
            201);
  auto login = C().PostJson("/api/v1/auth/login", R"({"email":"boss@statement.example","password":"statement-boss-123"})");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string boss = std::string(Parse(login).at("token").as_string());
  auto closed = C().PostJson("/api/v1/billing/periods/2020-03/close", R"({"customer_id":)" + s + "}", admin);
  ASSERT_EQ(closed.status, 200) << closed.body;
  ASSERT_EQ(Parse(closed).at("closed_now").as_int64(), 1) << closed.body;

  const std::string html = "/api/v1/billing/periods/2020-03/statements/" + s + "?format=html";
  std::vector<std::pair<std::string, std::string>> callers;  // name, token
  for (const auto& member : kMemberNames) callers.emplace_back(member, w[member].token);
  callers.emplace_back("boss", boss);
  for (const auto& [member, token] : callers) {
    const bool reader = member == "admin" || member == "supervisor" || member == "billing";
    const bool customer_person = member == "boss" || IsCustomer(member);
    const std::map<std::string, std::string> customers = {{std::to_string(w.customer_a.id.value), "admin_a"},
                                                          {std::to_string(w.customer_b.id.value), "admin_b"},
                                                          {s, "boss"}};
    for (const auto& [id, own_admin] : customers) {
      auto list = C().Get("/api/v1/customers/" + id + "/billing-statements", token);
      EXPECT_EQ(list.status, reader || member == own_admin ? 200 : customer_person ? 404 : 403)
          << member << " lists customer " << id << ": " << list.body;
      if (member != "boss") ExpectNoLeak(member, list, "issued statements");
      if (list.status != 200) {
        EXPECT_EQ(list.body.find("2020-03"), std::string::npos) << member;
        continue;
      }
      std::set<std::string> periods;
      for (const auto& item : Items(list.body)) {
        periods.insert(std::string(item.at("period").as_string()));
        EXPECT_NE(item.at("html").as_string().find("/statements/" + id + "?format=html"), std::string::npos)
            << list.body;
        EXPECT_NE(item.at("csv").as_string().find("/statements/" + id + "?format=csv"), std::string::npos)
            << list.body;
      }
      EXPECT_EQ(periods.count("2020-03"), id == s ? 1u : 0u) << member << " " << list.body;
    }
    const bool reads_statement = reader || member == "boss";
    auto statement = C().Get(html, token);
    EXPECT_EQ(statement.status, reads_statement ? 200 : customer_person ? 404 : 403) << member;
    if (!reads_statement) {
      EXPECT_EQ(statement.body.find("Statement Co"), std::string::npos) << member;
    }
  }
  EXPECT_EQ(C().Get("/api/v1/customers/" + std::to_string(w.partner.id.value) + "/billing-statements", admin).status,
            404)
      << "the partner is not a customer";
}

// Last: it adds an organisation and a ticket to the shared world.
TEST_F(Isolation, AfterACustomerMovesTheNewResellerNeverSeesTheOldResellersInternalWork) {
  const auto& w = W();
  // A customer of its own, so the shared world stays as the other tests expect it.
  auto customer = C().PostJson("/api/v1/organizations",
                               R"({"kind":"customer","name":"Moving Co","parent_id":)" + std::to_string(w.reseller.id.value) +
                                   "}",
                               w["admin"].token);
  ASSERT_EQ(customer.status, 201) << customer.body;
  const auto customer_id = Parse(customer).at("id").as_int64();
  auto opened = C().PostJson("/api/v1/tickets",
                             R"({"customer_id":)" + std::to_string(customer_id) +
                                 R"(,"service":"azure","category":"technical","severity":"minimal","subject":"Moving",)"
                                 R"("description":"before the move"})",
                             w["reseller"].token);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string base = "/api/v1/tickets/" + std::to_string(Parse(opened).at("id").as_int64());
  ASSERT_EQ(C().PostJson(base + "/messages", R"({"body":"zoldresellernote","visibility":"internal"})", w["reseller"].token).status,
            201);
  ASSERT_EQ(C().PostJson(base + "/time", R"({"minutes":45,"note":"zoldresellertime"})", w["reseller"].token).status, 201);
  ASSERT_EQ(C().PostJson(base + "/messages", R"({"body":"zpartnernote","visibility":"internal"})", w["agent"].token).status,
            201);
  auto moved = C().PatchJson("/api/v1/organizations/" + std::to_string(customer_id),
                             R"({"parent_id":)" + std::to_string(w.reseller2.id.value) + "}", w["admin"].token);
  ASSERT_EQ(moved.status, 200) << moved.body;

  const std::string& token = w["reseller2"].token;
  auto messages = C().Get(base + "/messages", token);
  ASSERT_EQ(messages.status, 200) << messages.body;
  EXPECT_EQ(messages.body.find("zoldresellernote"), std::string::npos) << messages.body;
  EXPECT_NE(messages.body.find("zpartnernote"), std::string::npos) << "the partner's notes reach resellers";
  auto events = C().Get(base + "/events", token);
  ASSERT_EQ(events.status, 200) << events.body;
  for (const auto& e : Items(events.body)) {
    EXPECT_NE(e.at("action").as_string(), "time.logged") << events.body;
  }
  auto time = C().Get(base + "/time", token);
  EXPECT_EQ(time.body.find("zoldresellertime"), std::string::npos) << time.body;
  auto search = C().Get("/api/v1/tickets?q=zoldresellernote", token);
  ASSERT_EQ(search.status, 200) << search.body;
  EXPECT_TRUE(Items(search.body).empty()) << "a hit in another reseller's note: " << search.body;
  EXPECT_EQ(Items(C().Get("/api/v1/tickets?q=zoldresellernote", w["agent"].token).body).size(), 1u);
  // Its own internal work it sees; the partner sees everything.
  ASSERT_EQ(C().PostJson(base + "/messages", R"({"body":"znewresellernote","visibility":"internal"})", token).status, 201);
  EXPECT_NE(C().Get(base + "/messages", token).body.find("znewresellernote"), std::string::npos);
  auto staff = C().Get(base + "/messages", w["agent"].token);
  EXPECT_NE(staff.body.find("zoldresellernote"), std::string::npos);
  bool staff_sees_time = false;
  for (const auto& e : Items(C().Get(base + "/events", w["agent"].token).body)) {
    staff_sees_time = staff_sees_time || e.at("action").as_string() == "time.logged";
  }
  EXPECT_TRUE(staff_sees_time);
}

}  // namespace tierdesk::testing
