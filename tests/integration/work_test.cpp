// Who works a ticket, through the REST API against the real store: assignment inside teams
// (round robin, least open, manual; away members and shifts), internal escalation and its
// report, providers' contracts with underpinning clocks, resold plans routing to their provider,
// and time logged at the provider's cost and the customer's price.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;
using std::chrono::minutes;

class WorkTest : public ::testing::Test {
 protected:
  WorkTest() : client(server.port) {}

  std::string Token(const std::string& member) { return server.world[member].token; }
  std::string Id(std::int64_t id) { return std::to_string(id); }

  // A partner agent with a token of its own.
  std::pair<std::int64_t, std::string> NewAgent(const std::string& name) {
    const std::string email = name + "@partner.example";
    auto user = client.PostJson("/api/v1/users",
                                R"({"organization_id":)" + Id(server.world.partner.id.value) + R"(,"email":")" + email +
                                    R"(","name":")" + name + R"(","role":"agent","password":"agent-password-123"})",
                                Token("admin"));
    EXPECT_EQ(user.status, 201) << user.body;
    auto login = client.PostJson("/api/v1/auth/login", R"({"email":")" + email + R"(","password":"agent-password-123"})");
    EXPECT_EQ(login.status, 200) << login.body;
    return {Parse(user).at("id").as_int64(), std::string(Parse(login).at("token").as_string())};
  }

  std::int64_t NewTeam(const std::string& name, const std::string& assignment, int tier,
                       const std::vector<std::int64_t>& members) {
    std::string ids;
    for (const auto m : members) ids += (ids.empty() ? "" : ",") + Id(m);
    auto team = client.PostJson("/api/v1/teams",
                                R"({"name":")" + name + R"(","assignment":")" + assignment + R"(","tier":)" +
                                    std::to_string(tier) + R"(,"members":[)" + ids + "]}",
                                Token("admin"));
    EXPECT_EQ(team.status, 201) << team.body;
    return Parse(team).at("id").as_int64();
  }

  // A Microsoft 365 ticket of customer A with what its service needs.
  std::int64_t NewTicket(const std::string& member = "req_a1", const std::string& severity = "moderate") {
    auto created = client.PostJson("/api/v1/tickets",
                                   R"({"service":"m365","category":"technical","severity":")" + severity +
                                       R"(","subject":"Mail flow stops","description":"Since 9:00 no mail arrives.",)"
                                       R"("fields":{"tenant_domain":"alpha.example"}})",
                                   Token(member));
    EXPECT_EQ(created.status, 201) << created.body;
    return Parse(created).at("id").as_int64();
  }

  json::object Ticket(std::int64_t id, const std::string& member = "agent") {
    return GetObject(client, "/api/v1/tickets/" + Id(id), Token(member));
  }

  std::int64_t AssigneeAfterMovingTo(std::int64_t team) {
    const auto id = NewTicket();
    auto moved = client.PatchJson("/api/v1/tickets/" + Id(id), R"({"team_id":)" + Id(team) + "}", Token("supervisor"));
    EXPECT_EQ(moved.status, 200) << moved.body;
    const auto assignee = Parse(moved).at("assignee_id");
    return assignee.is_null() ? 0 : assignee.as_int64();
  }

  std::int64_t Calendar(const std::string& body) {
    auto calendar = client.PostJson("/api/v1/calendars", body, Token("admin"));
    EXPECT_EQ(calendar.status, 201) << calendar.body;
    return Parse(calendar).at("id").as_int64();
  }

  void SetAvailability(std::int64_t user, const std::string& body) {
    auto set = client.PatchJson("/api/v1/users/" + Id(user) + "/availability", body, Token("supervisor"));
    EXPECT_EQ(set.status, 200) << set.body;
  }

  TestServer server;
  HttpClient client;
};

TEST_F(WorkTest, RoundRobinTakesTurnsAmongAvailableMembersOnShift) {
  const auto [a, a_token] = NewAgent("rr-a");
  const auto [b, b_token] = NewAgent("rr-b");
  const auto [c, c_token] = NewAgent("rr-c");
  const auto team = NewTeam("Round robin", "round_robin", 1, {a, b, c});
  // b is away; c's shift is tomorrow only (UTC), so c is off shift now.
  SetAvailability(b, R"({"away":true})");
  const char* days[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  const auto today = std::chrono::weekday(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  const std::string tomorrow = days[(today.c_encoding() + 1) % 7];
  const auto off_shift = Calendar(R"({"name":"Tomorrow only","time_zone":"UTC","intervals":[{"day":")" + tomorrow +
                                  R"(","start":"00:00","end":"23:59"}]})");
  const auto always = Calendar(R"({"name":"Around the clock","time_zone":"UTC","always_open":true})");
  SetAvailability(c, R"({"shift_calendar_id":)" + Id(off_shift) + "}");

  EXPECT_EQ(AssigneeAfterMovingTo(team), a);
  EXPECT_EQ(AssigneeAfterMovingTo(team), a) << "the only one available";
  SetAvailability(b, R"({"away":false})");
  EXPECT_EQ(AssigneeAfterMovingTo(team), b);
  EXPECT_EQ(AssigneeAfterMovingTo(team), a) << "c is off shift: the turn wraps";
  SetAvailability(c, R"({"shift_calendar_id":)" + Id(always) + "}");
  EXPECT_EQ(AssigneeAfterMovingTo(team), b);
  EXPECT_EQ(AssigneeAfterMovingTo(team), c);
  EXPECT_EQ(AssigneeAfterMovingTo(team), a);

  // The history says how the assignee was chosen.
  const auto id = NewTicket();
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + Id(id), R"({"team_id":)" + Id(team) + "}", Token("agent")).status, 200);
  bool recorded = false;
  for (const auto& e : Items(client.Get("/api/v1/tickets/" + Id(id) + "/events", Token("agent")).body)) {
    if (e.at("field").as_string() == "assignee_id" && e.at("via").as_string() == "assignment: round_robin in Round robin") {
      recorded = true;
    }
  }
  EXPECT_TRUE(recorded);
  // Availability is shown on the user.
  auto user = client.Get("/api/v1/users/" + Id(c), Token("agent"));
  EXPECT_EQ(Parse(user).at("shift_calendar_id").as_int64(), always);
  EXPECT_FALSE(Parse(user).at("away").as_bool());
}

TEST_F(WorkTest, LeastOpenGivesTheTicketToTheLightestMemberAndManualToNobody) {
  const auto [a, a_token] = NewAgent("lo-a");
  const auto [b, b_token] = NewAgent("lo-b");
  const auto team = NewTeam("Least open", "least_open", 1, {a, b});
  for (int i = 0; i < 2; ++i) {
    const auto id = NewTicket();
    ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + Id(id), R"({"assignee_id":)" + Id(a) + "}", Token("agent")).status, 200);
  }
  EXPECT_EQ(AssigneeAfterMovingTo(team), b);  // a 2, b 0
  EXPECT_EQ(AssigneeAfterMovingTo(team), b);  // a 2, b 1
  EXPECT_EQ(AssigneeAfterMovingTo(team), a);  // 2 and 2: the lower id
  // A resolved ticket no longer counts.
  const auto resolved = NewTicket();
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + Id(resolved),
                             R"({"assignee_id":)" + Id(b) + R"(,"status":"open"})", Token("agent")).status, 200);
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + Id(resolved), R"({"status":"resolved"})", Token("agent")).status, 200);
  EXPECT_EQ(AssigneeAfterMovingTo(team), b);  // a 3, b 2 live

  // Manual: nobody is picked, and an assignee outside the new team gives way.
  const auto manual = NewTeam("Manual", "manual", 1, {});
  const auto id = NewTicket();
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + Id(id), R"({"team_id":)" + Id(team) + "}", Token("agent")).status, 200);
  EXPECT_FALSE(Ticket(id).at("assignee_id").is_null());
  auto moved = client.PatchJson("/api/v1/tickets/" + Id(id), R"({"team_id":)" + Id(manual) + "}", Token("agent"));
  ASSERT_EQ(moved.status, 200);
  EXPECT_TRUE(Parse(moved).at("assignee_id").is_null());

  // Changing a team's strategy applies to the next ticket.
  ASSERT_EQ(client.PatchJson("/api/v1/teams/" + Id(manual), R"({"assignment":"round_robin","members":[)" + Id(a) + "]}",
                             Token("supervisor")).status, 200);
  EXPECT_EQ(AssigneeAfterMovingTo(manual), a);
  auto bad = client.PatchJson("/api/v1/teams/" + Id(manual), R"({"assignment":"random","tier":9})", Token("admin"));
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("assignment"), std::string::npos);
}

TEST_F(WorkTest, RulesPlaceNewTicketsAndTheTeamAssignsThem) {
  const auto [a, a_token] = NewAgent("rule-a");
  const auto team = NewTeam("Modern Work", "round_robin", 1, {a});
  auto rule = client.PostJson("/api/v1/rules",
                              R"({"name":"M365 to Modern Work","conditions":[{"field":"service","op":"eq","values":["m365"]}],)"
                              R"("actions":[{"action":"set_team","values":[")" + Id(team) + R"("]}]})",
                              Token("admin"));
  ASSERT_EQ(rule.status, 201) << rule.body;
  const auto id = NewTicket();
  const auto ticket = Ticket(id);
  EXPECT_EQ(ticket.at("team_id").as_int64(), team);
  EXPECT_EQ(ticket.at("assignee_id").as_int64(), a);
}

TEST_F(WorkTest, EscalationClimbsTheTiersWithAReasonAndIsReported) {
  const auto [l2, l2_token] = NewAgent("l2-engineer");
  const auto first = NewTeam("Service desk", "manual", 1, {});
  const auto second = NewTeam("Engineering", "least_open", 2, {l2});
  const auto third = NewTeam("Architects", "manual", 3, {});
  const auto outside = NewTeam("Projects", "manual", 0, {});
  const auto id = NewTicket();
  const std::string url = "/api/v1/tickets/" + Id(id);
  ASSERT_EQ(client.PatchJson(url, R"({"team_id":)" + Id(first) + "}", Token("agent")).status, 200);

  auto up = client.PostJson(url + "/escalate", R"({"team_id":)" + Id(second) + R"(,"reason":"needs a mail flow trace"})",
                            Token("agent"));
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(Parse(up).at("team_id").as_int64(), second);
  EXPECT_EQ(Parse(up).at("assignee_id").as_int64(), l2) << "the L2 team's strategy picks";

  auto down = client.PostJson(url + "/escalate", R"({"team_id":)" + Id(first) + R"(,"reason":"back"})", Token("agent"));
  EXPECT_EQ(down.status, 409);
  EXPECT_NE(down.body.find("/problems/not-a-higher-tier"), std::string::npos);
  EXPECT_EQ(client.PostJson(url + "/escalate", R"({"team_id":)" + Id(outside) + R"(,"reason":"x"})", Token("agent")).status, 409);
  EXPECT_EQ(client.PostJson(url + "/escalate", R"({"team_id":999999,"reason":"x"})", Token("agent")).status, 422);
  EXPECT_EQ(client.PostJson(url + "/escalate", R"({"team_id":)" + Id(third) + R"(,"reason":"  "})", Token("agent")).status, 422);
  EXPECT_EQ(client.PostJson(url + "/escalate", R"({"team_id":)" + Id(third) + R"(,"reason":"x"})", Token("req_a1")).status, 403);
  ASSERT_EQ(client.PostJson(url + "/escalate", R"({"team_id":)" + Id(third) + R"(,"reason":"design question"})",
                            Token("supervisor")).status, 200);

  auto report = client.Get("/api/v1/reports/escalations", Token("supervisor"));
  ASSERT_EQ(report.status, 200) << report.body;
  const auto items = Parse(report).at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("from_tier").as_int64(), 1);
  EXPECT_EQ(items[0].at("to_tier").as_int64(), 2);
  EXPECT_EQ(items[0].at("reason").as_string(), "needs a mail flow trace");
  EXPECT_EQ(items[0].at("from_team_id").as_int64(), first);
  EXPECT_EQ(items[1].at("to_tier").as_int64(), 3);
  EXPECT_EQ(Parse(report).at("by_tiers").as_array().size(), 2u);
  auto paged = client.Get("/api/v1/reports/escalations?limit=1", Token("admin"));
  EXPECT_EQ(Parse(paged).at("items").as_array().size(), 1u);
  const std::string cursor(Parse(paged).at("next_cursor").as_string());
  auto rest = client.Get("/api/v1/reports/escalations?limit=1&cursor=" + cursor, Token("admin"));
  EXPECT_EQ(Parse(rest).at("items").at(0).at("to_tier").as_int64(), 3);
  EXPECT_EQ(client.Get("/api/v1/reports/escalations?from=yesterday", Token("admin")).status, 400);
  auto empty = client.Get("/api/v1/reports/escalations?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z", Token("admin"));
  EXPECT_TRUE(Parse(empty).at("items").as_array().empty());

  // The customer sees one partner, not its tiers.
  auto customer_events = client.Get(url + "/events", Token("req_a1"));
  EXPECT_EQ(customer_events.body.find("escalated"), std::string::npos);
  EXPECT_EQ(customer_events.body.find("mail flow trace"), std::string::npos);
}

TEST_F(WorkTest, ProvidersWorkToTheirOwnTargetsAtTheirOwnCost) {
  const auto& w = server.world;
  const std::string contract_url = "/api/v1/providers/" + Id(w.provider.id.value) + "/contract";
  const std::string contract =
      R"({"currency":"KRW","hourly_cost":65000,"targets":{"moderate":{"first_response":{"minutes":60,"basis":"calendar"},"resolution":{"minutes":480,"basis":"calendar"}}}})";
  auto put = client.Send("PUT", contract_url, contract,
                         {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.Header("etag"), "\"v1\"");
  auto stale = client.Send("PUT", contract_url, contract,
                           {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}, {"If-Match", "\"v7\""}});
  EXPECT_EQ(stale.status, 412);
  auto invalid = client.Send("PUT", contract_url, R"({"currency":"won","hourly_cost":-5})",
                             {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("hourly_cost"), std::string::npos);

  const auto id = NewTicket();
  const std::string url = "/api/v1/tickets/" + Id(id);
  // Only partner staff route to providers, and only to providers.
  EXPECT_EQ(client.PatchJson(url, R"({"provider_id":)" + Id(w.provider.id.value) + "}", Token("req_a1")).status, 403);
  EXPECT_EQ(client.PatchJson(url, R"({"provider_id":)" + Id(w.customer_b.id.value) + "}", Token("agent")).status, 422);
  ASSERT_EQ(client.PatchJson(url, R"({"provider_id":)" + Id(w.provider.id.value) + "}", Token("agent")).status, 200);

  auto routed = Ticket(id, "provider");
  EXPECT_EQ(routed.at("holder").as_string(), "provider");
  const auto& first = routed.at("underpinning").at("first_response");
  EXPECT_EQ(first.at("target_minutes").as_int64(), 60);
  EXPECT_EQ(first.at("state").as_string(), "running");
  EXPECT_TRUE(Ticket(id, "req_a1").at("underpinning").is_null());

  server.app.clock.Advance(minutes(20));
  ASSERT_EQ(client.PostJson(url + "/messages", R"({"body":"We are on it."})", Token("provider")).status, 201);
  auto answered = Ticket(id, "agent");
  EXPECT_EQ(answered.at("underpinning").at("first_response").at("state").as_string(), "met");
  EXPECT_EQ(answered.at("underpinning").at("resolution").at("state").as_string(), "running");
  server.app.clock.Advance(minutes(480));
  EXPECT_EQ(Ticket(id, "agent").at("underpinning").at("resolution").at("state").as_string(), "breached");

  // Time at the contract's rate; the world's customer has no hourly price.
  auto logged = client.PostJson(url + "/time", R"({"minutes":45,"note":"trace analysis"})", Token("provider"));
  ASSERT_EQ(logged.status, 201) << logged.body;
  EXPECT_EQ(Parse(logged).at("cost").at("currency").as_string(), "KRW");
  EXPECT_EQ(Parse(logged).at("cost").at("amount").as_int64(), 48'750);
  EXPECT_TRUE(Parse(logged).at("price").is_null());
  auto own = client.PostJson(url + "/time", R"({"minutes":10})", Token("agent"));
  EXPECT_TRUE(Parse(own).at("cost").is_null()) << "the partner's own people carry no provider cost";
  EXPECT_EQ(client.PostJson(url + "/time", R"({"minutes":0})", Token("provider")).status, 422);
  EXPECT_EQ(client.PostJson(url + "/time", R"({"minutes":30,"worked_at":"2999-01-01T00:00:00Z"})", Token("provider")).status, 422);

  // Handing back stops the provider's clocks; the partner holds the ticket again.
  ASSERT_EQ(client.PostJson(url + "/handback", R"({"reason":"needs the partner's admin rights"})", Token("provider")).status, 200);
  auto back = Ticket(id, "agent");
  EXPECT_EQ(back.at("holder").as_string(), "partner");
  EXPECT_TRUE(back.at("provider_id").is_null());
  bool holder_recorded = false;
  for (const auto& e : Items(client.Get(url + "/events", Token("agent")).body)) {
    if (e.at("field").as_string() == "holder" && e.at("after").as_string() == "partner") holder_recorded = true;
  }
  EXPECT_TRUE(holder_recorded);
}

TEST_F(WorkTest, AResoldPlanRoutesEveryTicketToItsProviderAndKeepsCostAndPrice) {
  const auto& w = server.world;
  auto plan = client.PostJson("/api/v1/plans",
                              R"({"name":"Resold Dynamics care","coverage":[{"service":"m365","category":"technical"}],"channels":[{"kind":"portal"}],)"
                              R"("targets":{"moderate":{"first_response":{"minutes":120}}},)"
                              R"("pricing":{"model":"hourly","currency":"KRW","hourly_rate":120000},)"
                              R"("delivery":{"mode":"resold","provider_id":)" + Id(w.provider.id.value) +
                                  R"(,"provider_hourly_cost":50000}})",
                              Token("admin"));
  ASSERT_EQ(plan.status, 201) << plan.body;
  ASSERT_EQ(client.PostJson("/api/v1/agreements",
                            R"({"customer_id":)" + Id(w.customer_a.id.value) + R"(,"plan_id":)" +
                                Id(Parse(plan).at("id").as_int64()) + R"(,"start_date":"2020-01-01"})",
                            Token("admin")).status, 201);
  const auto id = NewTicket();
  const std::string url = "/api/v1/tickets/" + Id(id);
  const auto staff_view = Ticket(id, "agent");
  EXPECT_EQ(staff_view.at("provider_id").as_int64(), w.provider.id.value);
  EXPECT_EQ(staff_view.at("holder").as_string(), "provider");
  // The customer's contact is the partner.
  const auto customer_view = Ticket(id, "req_a1");
  EXPECT_TRUE(customer_view.at("provider_id").is_null());
  EXPECT_EQ(customer_view.at("holder").as_string(), "partner");
  bool delivered = false;
  for (const auto& e : Items(client.Get(url + "/events", Token("agent")).body)) {
    if (e.at("field").as_string() == "provider_id" &&
        e.at("via").as_string() == "plan delivery: resold by the plan Resold Dynamics care") {
      delivered = true;
    }
  }
  EXPECT_TRUE(delivered);
  EXPECT_EQ(client.Get(url + "/events", Token("req_a1")).body.find("plan delivery"), std::string::npos);
  // The provider's hour costs what the plan says; the customer's what its terms say.
  auto logged = client.PostJson(url + "/time", R"({"minutes":30})", Token("provider"));
  ASSERT_EQ(logged.status, 201) << logged.body;
  EXPECT_EQ(Parse(logged).at("cost").at("hourly_rate").as_int64(), 50'000);
  EXPECT_EQ(Parse(logged).at("cost").at("amount").as_int64(), 25'000);
  EXPECT_TRUE(Parse(logged).at("price").is_null()) << "the partner's price is not the provider's business";
  auto listed = client.Get(url + "/time", Token("billing"));
  EXPECT_EQ(Parse(listed).at("total_minutes").as_int64(), 30);
  EXPECT_EQ(Items(listed.body).at(0).at("price").at("hourly_rate").as_int64(), 120'000);
  EXPECT_EQ(Items(listed.body).at(0).at("price").at("amount").as_int64(), 60'000);
}

// One rule for when work was done, logging and correcting alike: it ends (worked_at plus its
// minutes) no later than now, with a minute of clock skew, and begins at most 24 hours before the
// ticket was opened. Without worked_at, the work just ended.
TEST_F(WorkTest, WorkedTimeEndsByNowAndBeginsAtMostADayBeforeTheTicket) {
  const auto ticket = NewTicket();
  const std::string url = "/api/v1/tickets/" + Id(ticket) + "/time";
  const auto at = [&](std::chrono::milliseconds before_now) {
    return FormatTimestamp(server.app.clock.Now() - before_now);
  };
  const auto log = [&](int how_many, const std::string& worked_at) {
    return client.PostJson(url, R"({"minutes":)" + std::to_string(how_many) + R"(,"worked_at":")" + worked_at + R"("})",
                           Token("agent"));
  };
  // An hour that began half an hour ago ends in the future.
  auto future = log(60, at(minutes(30)));
  EXPECT_EQ(future.status, 422) << future.body;
  EXPECT_NE(future.body.find("worked_at"), std::string::npos) << future.body;
  auto done = log(60, at(minutes(61)));
  ASSERT_EQ(done.status, 201) << done.body;
  // A call taken the day before the ticket was written down counts; earlier work does not.
  EXPECT_EQ(log(30, at(std::chrono::hours(23))).status, 201);
  auto too_early = log(30, at(std::chrono::hours(24) + minutes(10)));
  EXPECT_EQ(too_early.status, 422) << too_early.body;
  EXPECT_NE(too_early.body.find("worked_at"), std::string::npos) << too_early.body;
  // Without worked_at the work ended now.
  const auto before = server.app.clock.Now();
  auto just_now = client.PostJson(url, R"({"minutes":90})", Token("agent"));
  ASSERT_EQ(just_now.status, 201) << just_now.body;
  const auto worked_at = ParseTimestamp(std::string(Parse(just_now).at("worked_at").as_string()));
  ASSERT_TRUE(worked_at) << just_now.body;
  EXPECT_GE(*worked_at, before - minutes(90));
  EXPECT_LE(*worked_at, server.app.clock.Now() - minutes(90));

  // Correcting follows the same rule, for the span as corrected.
  const std::string entry_url = url + "/" + Id(Parse(done).at("id").as_int64());
  auto longer = client.PatchJson(entry_url, R"({"minutes":120})", Token("agent"));
  EXPECT_EQ(longer.status, 422) << longer.body;
  EXPECT_NE(longer.body.find("worked_at"), std::string::npos) << longer.body;
  auto earlier = client.PatchJson(entry_url, R"({"worked_at":")" + at(std::chrono::hours(25)) + R"("})", Token("agent"));
  EXPECT_EQ(earlier.status, 422) << earlier.body;
  auto shorter = client.PatchJson(entry_url, R"({"minutes":30})", Token("agent"));
  EXPECT_EQ(shorter.status, 200) << shorter.body;
}

// Billing periods are months of the years tierdesk keeps, 2000 to 2099: others are a 422 naming
// the period.
TEST_F(WorkTest, BillingPeriodsOutsideTheYearsKeptAreAValidationProblem) {
  for (const char* period : {"1999-12", "2100-01", "9999-12"}) {
    auto preview = client.Get("/api/v1/billing/periods/" + std::string(period) + "/preview", Token("billing"));
    EXPECT_EQ(preview.status, 422) << period << ": " << preview.body;
    if (preview.status != 422) continue;
    const auto problem = Parse(preview);
    EXPECT_EQ(problem.at("type").as_string(), "/problems/validation") << preview.body;
    EXPECT_EQ(problem.at("errors").at(0).at("field").as_string(), "period") << preview.body;
  }
  EXPECT_EQ(client.Get("/api/v1/billing/periods/2099-12/preview", Token("billing")).status, 200);
}

// Money a user sets is at most 10^12 minor units, so no charge can overflow: more is a 422
// naming the field.
TEST_F(WorkTest, PlanAmountsAboveTenToTheTwelfthMinorUnitsAreRefused) {
  const auto plan = [&](const std::string& rate) {
    return client.PostJson("/api/v1/plans",
                           R"({"name":"Costly )" + rate + R"(","coverage":[{"service":"m365","category":"technical"}],)"
                           R"("channels":[{"kind":"portal"}],"pricing":{"model":"hourly","currency":"KRW","hourly_rate":)" +
                               rate + "}}",
                           Token("admin"));
  };
  auto refused = plan("1000000000001");
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Parse(refused).at("errors").at(0).at("field").as_string(), "pricing.hourly_rate") << refused.body;
  EXPECT_EQ(plan("1000000000000").status, 201);
}

}  // namespace
}  // namespace tierdesk::testing
