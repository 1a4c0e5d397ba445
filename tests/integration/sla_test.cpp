// SLA clocks through the REST API and the SLA watch against the real store: clocks on tickets,
// the list filters and sort, and warnings and breaches raised exactly once, also across a restart.
// Time moves with TestClock::Advance. The plan here counts calendar time, so expectations do not
// depend on the hour the test runs; business hours are covered by core/sla/sla_test.cpp.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/sla/sla.hpp"
#include "app/ticket/ticket.hpp"
#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;
using std::chrono::hours;
using std::chrono::minutes;

Timestamp At(const json::value& text) { return ParseTimestamp(text.as_string()).value(); }

// critical: first response 60 min, next response 30, resolution 240; moderate 240/120/1440;
// minimal 480/240/2880; all in calendar time. Clocks keep running in pending_vendor.
constexpr const char* kPlan = R"({"name":"Around the clock","coverage":[{"service":"m365","category":"technical"}],
  "channels":[{"kind":"portal"}],"pause_in_pending_vendor":false,
  "targets":{
    "critical":{"first_response":{"minutes":60,"basis":"calendar"},"next_response":{"minutes":30,"basis":"calendar"},"resolution":{"minutes":240,"basis":"calendar"}},
    "moderate":{"first_response":{"minutes":240,"basis":"calendar"},"next_response":{"minutes":120,"basis":"calendar"},"resolution":{"minutes":1440,"basis":"calendar"}},
    "minimal":{"first_response":{"minutes":480,"basis":"calendar"},"next_response":{"minutes":240,"basis":"calendar"},"resolution":{"minutes":2880,"basis":"calendar"}}},
  "pricing":{"model":"included","currency":"KRW"},"out_of_scope":{"policy":"refuse"}})";

class SlaApiTest : public ::testing::Test {
 protected:
  SlaApiTest() : client(server.port) {
    auto plan = client.PostJson("/api/v1/plans", kPlan, Token("admin"));
    EXPECT_EQ(plan.status, 201) << plan.body;
    plan_id = Parse(plan).at("id").as_int64();
    for (const auto* customer : {&server.world.customer_a, &server.world.customer_b}) {
      auto agreement = client.PostJson("/api/v1/agreements",
                                       R"({"customer_id":)" + std::to_string(customer->id.value) + R"(,"plan_id":)" +
                                           std::to_string(plan_id) + R"(,"start_date":"2020-01-01"})",
                                       Token("admin"));
      EXPECT_EQ(agreement.status, 201) << agreement.body;
    }
  }

  std::string Token(const std::string& member) { return server.world[member].token; }

  json::object Open(const std::string& member, const std::string& severity, const std::string& subject = "Mailbox full") {
    auto result = client.PostJson("/api/v1/tickets",
                                  R"({"service":"m365","category":"technical","severity":")" + severity +
                                      R"(","subject":")" + subject +
                                      R"(","fields":{"tenant_domain":"alpha.example"},"description":"Please help"})",
                                  Token(member));
    EXPECT_EQ(result.status, 201) << result.body;
    return Parse(result).as_object();
  }

  json::object Get(std::int64_t id, const std::string& member = "agent") {
    auto result = client.Get("/api/v1/tickets/" + std::to_string(id), Token(member));
    EXPECT_EQ(result.status, 200) << result.body;
    return Parse(result).as_object();
  }

  void Reply(std::int64_t id, const std::string& member) {
    auto result = client.PostJson("/api/v1/tickets/" + std::to_string(id) + "/messages",
                                  R"({"body":"Thanks, looking at it"})", Token(member));
    EXPECT_EQ(result.status, 201) << result.body;
  }

  void Patch(std::int64_t id, const std::string& body) {
    auto result = client.PatchJson("/api/v1/tickets/" + std::to_string(id), body, Token("agent"));
    EXPECT_EQ(result.status, 200) << result.body;
  }

  std::vector<std::int64_t> Ids(const std::string& query, const std::string& member = "agent") {
    auto result = client.Get("/api/v1/tickets?" + query, Token(member));
    EXPECT_EQ(result.status, 200) << result.body;
    std::vector<std::int64_t> ids;
    for (const auto& item : Items(result.body)) ids.push_back(item.at("id").as_int64());
    return ids;
  }

  app::sla::WatchResult Watch() {
    auto ctx = server.app.Context();
    auto result = app::sla::RunWatch(ctx);
    EXPECT_TRUE(result) << result.error().message;
    return result.value_or(app::sla::WatchResult{});
  }

  std::vector<json::object> Events(std::int64_t id, const std::string& action, const std::string& member = "agent") {
    auto result = client.Get("/api/v1/tickets/" + std::to_string(id) + "/events", Token(member));
    EXPECT_EQ(result.status, 200) << result.body;
    std::vector<json::object> events;
    for (const auto& item : Items(result.body)) {
      if (item.at("action").as_string() == action) events.push_back(item.as_object());
    }
    return events;
  }

  TestServer server;
  HttpClient client;
  std::int64_t plan_id = 0;
};

TEST_F(SlaApiTest, ClocksFollowTheConversationAndTheStatus) {
  const auto created = Open("req_a1", "critical");
  const std::int64_t id = created.at("id").as_int64();
  const Timestamp opened = At(created.at("created_at"));  // due times keep its milliseconds
  const auto& sla = created.at("sla");
  const auto& first = sla.at("first_response");
  EXPECT_EQ(first.at("state").as_string(), "running");
  EXPECT_EQ(first.at("target_minutes").as_int64(), 60);
  EXPECT_EQ(first.at("basis").as_string(), "calendar");
  EXPECT_EQ(At(first.at("due_at")), opened + minutes(60));
  EXPECT_EQ(first.at("consumed_seconds").as_int64(), 0);
  EXPECT_EQ(first.at("remaining_seconds").as_int64(), 3600);
  EXPECT_TRUE(sla.at("next_response").is_null()) << "no customer reply awaits an answer yet";
  EXPECT_EQ(At(sla.at("resolution").at("due_at")), opened + minutes(240));
  EXPECT_EQ(At(sla.at("next_due_at")), opened + minutes(60));
  EXPECT_FALSE(sla.at("breached").as_bool());

  // 45 minutes on, the agent answers: first response is met.
  server.app.clock.Advance(minutes(45));
  EXPECT_NEAR(static_cast<double>(Get(id).at("sla").at("first_response").at("consumed_seconds").as_int64()), 2700, 5);
  Reply(id, "agent");
  auto ticket = Get(id);
  EXPECT_EQ(ticket.at("status").as_string(), "open");
  EXPECT_EQ(ticket.at("sla").at("first_response").at("state").as_string(), "met");
  EXPECT_FALSE(ticket.at("sla").at("first_response").at("stopped_at").is_null());

  // The customer answers: a next response is due in 30 minutes; 31 minutes later it is breached.
  Reply(id, "req_a1");
  ticket = Get(id);
  const auto& next = ticket.at("sla").at("next_response");
  ASSERT_TRUE(next.is_object()) << ticket;
  EXPECT_EQ(next.at("state").as_string(), "running");
  EXPECT_EQ(next.at("cycle").as_int64(), 1);
  const Timestamp next_due = At(next.at("due_at"));
  server.app.clock.Advance(minutes(31));
  ticket = Get(id);
  EXPECT_EQ(ticket.at("sla").at("next_response").at("state").as_string(), "breached");
  EXPECT_LT(ticket.at("sla").at("next_response").at("remaining_seconds").as_int64(), 0);
  EXPECT_TRUE(ticket.at("sla").at("breached").as_bool());
  EXPECT_EQ(At(ticket.at("sla").at("next_due_at")), next_due);

  // The watch records the breach in history (staff only) and queues a notification.
  const auto pass = Watch();
  EXPECT_EQ(pass.breaches, 1);
  const auto breaches = Events(id, "sla.breached");
  ASSERT_EQ(breaches.size(), 1u);
  EXPECT_EQ(breaches[0].at("field").as_string(), "next_response");
  EXPECT_EQ(At(breaches[0].at("after")), next_due);
  EXPECT_TRUE(Events(id, "sla.breached", "req_a1").empty()) << "SLA events are internal";
  EXPECT_EQ(Watch().breaches, 0) << "raised once";

  // Waiting for the customer pauses resolution; two hours pass without counting.
  Reply(id, "agent");
  Patch(id, R"({"status":"pending_customer"})");
  const auto consumed = Get(id).at("sla").at("resolution").at("consumed_seconds").as_int64();
  server.app.clock.Advance(hours(2));
  ticket = Get(id);
  const auto& resolution = ticket.at("sla").at("resolution");
  EXPECT_EQ(resolution.at("state").as_string(), "paused");
  EXPECT_TRUE(resolution.at("due_at").is_null());
  EXPECT_NEAR(static_cast<double>(resolution.at("consumed_seconds").as_int64()), static_cast<double>(consumed), 2);
  EXPECT_NEAR(static_cast<double>(resolution.at("paused_seconds").as_int64()), 7200, 5);

  // Lowered to minimal while paused: the new target, nothing consumed is lost.
  Patch(id, R"({"severity":"minimal"})");
  ticket = Get(id);
  EXPECT_EQ(ticket.at("sla").at("resolution").at("target_minutes").as_int64(), 2880);
  EXPECT_NEAR(static_cast<double>(ticket.at("sla").at("resolution").at("consumed_seconds").as_int64()),
              static_cast<double>(consumed), 2);

  // The customer's answer reopens it: resolution runs again, due when the rest of 48 h is used.
  Reply(id, "req_a1");
  ticket = Get(id);
  EXPECT_EQ(ticket.at("status").as_string(), "open");
  EXPECT_EQ(ticket.at("sla").at("resolution").at("state").as_string(), "running");
  const auto remaining = ticket.at("sla").at("resolution").at("remaining_seconds").as_int64();
  EXPECT_NEAR(static_cast<double>(remaining), 2880.0 * 60 - static_cast<double>(consumed), 5);
  const auto due = At(ticket.at("sla").at("resolution").at("due_at"));
  const auto now = server.app.clock.Now();
  EXPECT_NEAR(static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(due - now).count()),
              static_cast<double>(remaining), 5);

  // Resolved: met, and nothing is due any more.
  Patch(id, R"({"status":"resolved"})");
  ticket = Get(id);
  EXPECT_EQ(ticket.at("sla").at("resolution").at("state").as_string(), "met");
  EXPECT_TRUE(ticket.at("sla").at("next_due_at").is_null());
  EXPECT_TRUE(ticket.at("sla").at("breached").as_bool()) << "the next response was missed";
}

TEST_F(SlaApiTest, RaisingTheSeverityMidwayKeepsTheTimeConsumed) {
  const auto created = Open("req_a1", "moderate");
  const std::int64_t id = created.at("id").as_int64();
  const Timestamp opened = At(created.at("created_at"));
  server.app.clock.Advance(minutes(50));
  Patch(id, R"({"severity":"critical"})");
  const auto ticket = Get(id);
  // 50 minutes of the new 60 are gone: due 60 minutes after opening, not after the change.
  EXPECT_EQ(At(ticket.at("sla").at("first_response").at("due_at")), opened + minutes(60));
  EXPECT_EQ(At(ticket.at("sla").at("resolution").at("due_at")), opened + minutes(240));
  server.app.clock.Advance(minutes(11));
  EXPECT_EQ(Get(id).at("sla").at("first_response").at("state").as_string(), "breached");
}

TEST_F(SlaApiTest, ListsFilterAndSortByTheNextDueTime) {
  const auto critical = Open("req_a1", "critical", "Critical one").at("id").as_int64();  // first response in 60
  const auto moderate = Open("req_a1", "moderate", "Moderate one").at("id").as_int64();  // in 240
  const auto minimal = Open("req_b1", "minimal", "Minimal one").at("id").as_int64();     // in 480
  server.app.clock.Advance(minutes(61));

  EXPECT_EQ(Ids("sla=breached"), std::vector<std::int64_t>{critical});
  // Due within the next 200 minutes: the moderate one (179 left). The critical one is already late.
  EXPECT_EQ(Ids("sla=due_within:200"), std::vector<std::int64_t>{moderate});
  EXPECT_EQ(Ids("sla=due_within:500&sort=next_due"), (std::vector<std::int64_t>{moderate, minimal}));

  // Sorted by next due: the late one first, then by due time, then tickets without clocks.
  auto sorted = Ids("sort=next_due&limit=200");
  ASSERT_GE(sorted.size(), 3u);
  EXPECT_EQ(std::vector<std::int64_t>(sorted.begin(), sorted.begin() + 3),
            (std::vector<std::int64_t>{critical, moderate, minimal}));
  EXPECT_EQ(sorted.size(), Ids("limit=200").size()) << "tickets without clocks are listed last";
  // Pages follow the same order.
  auto page = client.Get("/api/v1/tickets?sort=next_due&limit=2", Token("agent"));
  const auto first_page = Parse(page);
  ASSERT_TRUE(first_page.at("next_cursor").is_string());
  auto rest = Ids("sort=next_due&limit=200&cursor=" + std::string(first_page.at("next_cursor").as_string()));
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(rest.front(), minimal);

  // Each tenant filters only its own tickets.
  EXPECT_EQ(Ids("sla=breached", "req_b1"), std::vector<std::int64_t>{});
  EXPECT_EQ(Ids("sla=due_within:500", "req_b1"), std::vector<std::int64_t>{minimal});
  EXPECT_EQ(Ids("sla=breached", "admin_a"), std::vector<std::int64_t>{critical});

  // The answer meets the clock; the stopped breach still counts as breached.
  Reply(critical, "agent");
  EXPECT_EQ(Ids("sla=breached"), std::vector<std::int64_t>{critical});

  for (const char* bad : {"sla=late", "sla=due_within:0", "sla=due_within:x", "sla=due_within:", "sort=due"}) {
    auto result = client.Get(std::string("/api/v1/tickets?") + bad, Token("agent"));
    EXPECT_EQ(result.status, 400) << bad;
    EXPECT_EQ(result.Header("content-type"), "application/problem+json") << bad;
  }
}

// The watch against the store directly: warning at 75%, then the breach, each once, and none
// raised again after the database is closed and opened again (a restart).
TEST(SlaWatch, RaisesEachAlertOnceAlsoAcrossARestart) {
  TestApp test_app;
  const World world = BuildWorld(test_app);
  const auto ctx = test_app.Context();

  core::Plan plan;
  plan.name = "Fast";
  plan.coverage = {{"m365", core::Category::kTechnical}};
  plan.channels = {{core::ContactChannel::Kind::kPortal, "", {}}};
  plan.targets[static_cast<std::size_t>(core::Severity::kCritical)] = {
      {60, core::Target::Basis::kCalendar}, {30, core::Target::Basis::kCalendar}, {240, core::Target::Basis::kCalendar}};
  ASSERT_TRUE(test_app.store->Write([&](core::WriteTx& tx) { return tx.InsertPlan(plan, test_app.clock.Now()); }));
  ASSERT_TRUE(test_app.store->Write([&](core::WriteTx& tx) -> Status {
    auto settings = TD_TRY(tx.GetPartnerSettings());
    settings.default_plan = plan.id;
    return tx.PutPartnerSettings(settings);
  }));

  app::ticket::NewTicket input;
  input.service = "m365";
  input.severity = core::Severity::kCritical;
  input.subject = "Exchange down";
  input.description = "All mail bounces";
  auto created = app::ticket::CreateTicket(ctx, world["req_a1"].actor, input);
  ASSERT_TRUE(created) << created.error().message;
  const TicketId id = created->ticket.id;
  ASSERT_TRUE(created->ticket.sla_watch_at.has_value());

  auto alerts = [&](const std::string& action) {
    auto events = app::ticket::ListEvents(test_app.Context(), world["agent"].actor, id);
    EXPECT_TRUE(events);
    int count = 0;
    for (const auto& event : *events) count += event.action == action ? 1 : 0;
    return count;
  };
  auto outbox = [&] {
    return core::ReadValue<std::vector<core::OutboxEntry>>(
               *test_app.store, [](core::ReadTx& tx) { return tx.ListOutbox(0, 100); })
        .value();
  };

  // The context refers to the store, so each pass builds it afresh (the store is reopened below).
  auto watch = [&] { return app::sla::RunWatch(test_app.Context()); };
  EXPECT_EQ(watch()->warnings, 0);
  test_app.clock.Advance(minutes(46));  // 75% of 60 minutes is 45
  auto pass = watch();
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->warnings, 1);
  EXPECT_EQ(pass->breaches, 0);
  EXPECT_EQ(alerts("sla.warning"), 1);
  ASSERT_EQ(outbox().size(), 1u);
  EXPECT_EQ(outbox()[0].topic, "sla.warning");
  EXPECT_EQ(outbox()[0].ticket_id, id);
  EXPECT_FALSE(outbox()[0].delivered_at.has_value());

  // A restart: the database is closed and opened again; nothing is raised twice.
  test_app.Reopen();
  EXPECT_EQ(watch()->warnings, 0);
  EXPECT_EQ(alerts("sla.warning"), 1);

  test_app.clock.Advance(minutes(15));
  pass = watch();
  EXPECT_EQ(pass->breaches, 1);
  test_app.Reopen();
  test_app.clock.Advance(hours(5));  // resolution's warning and breach come due as well
  pass = watch();
  EXPECT_EQ(pass->breaches, 1) << "only resolution's; first response's was raised before the restart";
  EXPECT_EQ(pass->warnings, 0) << "resolution's warning is absorbed by its breach";
  EXPECT_EQ(alerts("sla.breached"), 2);
  EXPECT_EQ(alerts("sla.warning"), 1);
  EXPECT_EQ(outbox().size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(watch()->breaches, 0);
}

// A plan covering Microsoft 365 technical work whose first response target is the same for every
// severity, stored at `now`.
core::Plan StorePlan(TestApp& test_app, const std::string& name, core::Target first_response,
                     CalendarId service_hours = CalendarId{}) {
  core::Plan plan;
  plan.name = name;
  plan.service_hours = service_hours;
  plan.coverage = {{"m365", core::Category::kTechnical}};
  plan.channels = {{core::ContactChannel::Kind::kPortal, "", {}}};
  for (auto& targets : plan.targets) targets.first_response = first_response;
  const auto now = test_app.clock.Now();
  EXPECT_TRUE(test_app.store->Write([&](core::WriteTx& tx) { return tx.InsertPlan(plan, now); }));
  return plan;
}

// Puts a customer on a plan from 2020 on, until further notice.
core::Agreement StoreAgreement(TestApp& test_app, OrgId customer, PlanId plan) {
  core::Agreement agreement;
  agreement.customer_id = customer;
  agreement.plan_id = plan;
  agreement.start = core::DaysFromCivil(2020, 1, 1);
  agreement.created_at = test_app.clock.Now();
  EXPECT_TRUE(test_app.store->Write([&](core::WriteTx& tx) { return tx.InsertAgreement(agreement); }));
  return agreement;
}

// A new agreement or a holiday changes the terms of tickets already open: the watch moves them.
TEST(SlaWatch, FollowsAgreementAndCalendarChanges) {
  TestApp test_app;
  const World world = BuildWorld(test_app);
  auto ctx = test_app.Context();
  const auto now = test_app.clock.Now();

  // Two plans: slow (first response in 8 h) and fast (1 h), both in calendar time.
  const auto slow = StorePlan(test_app, "Slow", {480, core::Target::Basis::kCalendar});
  const auto fast = StorePlan(test_app, "Fast", {60, core::Target::Basis::kCalendar});
  const auto on_slow = StoreAgreement(test_app, world.customer_a.id, slow.id);

  app::ticket::NewTicket input;
  input.service = "m365";
  input.subject = "Teams calls drop";
  input.description = "Since the update";
  auto created = app::ticket::CreateTicket(ctx, world["req_a1"].actor, input);
  ASSERT_TRUE(created) << created.error().message;
  const TicketId id = created->ticket.id;
  const auto opened = created->ticket.created_at;
  EXPECT_EQ(created->ticket.sla_due_at, opened + hours(8));
  ASSERT_TRUE(app::sla::RunWatch(ctx));  // in line already: nothing to do
  EXPECT_EQ(app::sla::RunWatch(ctx)->retargeted, 0);

  // The customer moves to the fast plan: the old agreement ends, the new one starts (both today,
  // through the use cases' store calls). The open ticket follows and is due 1 h after opening.
  ASSERT_TRUE(test_app.store->Write([&](core::WriteTx& tx) -> Status {
    const auto today = TD_TRY(app::ticket::PartnerToday(ctx, tx, TD_TRY(tx.TermsVersion())));
    TD_CHECK(tx.UpdateAgreementEnd(on_slow.id, today - 1));
    core::Agreement on_fast;
    on_fast.customer_id = world.customer_a.id;
    on_fast.plan_id = fast.id;
    on_fast.start = today;
    on_fast.created_at = now;
    return tx.InsertAgreement(on_fast);
  }));
  auto pass = app::sla::RunWatch(ctx);
  ASSERT_TRUE(pass) << pass.error().message;
  EXPECT_EQ(pass->retargeted, 4) << "this ticket and customer A's three earlier ones";
  auto view = app::ticket::GetTicket(ctx, world["agent"].actor, id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->ticket.plan_id, fast.id);
  EXPECT_EQ(view->ticket.sla_due_at, opened + hours(1));
  EXPECT_EQ(view->sla.clocks[0]->target.minutes, 60);
  auto events = app::ticket::ListEvents(ctx, world["agent"].actor, id);
  ASSERT_TRUE(events);
  bool recorded = false;
  for (const auto& event : *events) recorded = recorded || (event.action == "ticket.updated" && event.field == "agreement_id");
  EXPECT_TRUE(recorded) << "the new agreement is in the ticket's history";
  EXPECT_EQ(app::sla::RunWatch(ctx)->retargeted, 0);

}

TEST(SlaWatch, AHolidayAddedLaterMovesOpenTickets) {
  TestApp test_app;
  const World world = BuildWorld(test_app);
  auto ctx = test_app.Context();
  const auto now = test_app.clock.Now();

  // Service hours: every day, all day, in Seoul (UTC+9, no DST). First response in 1 business hour.
  core::Calendar calendar{{}, "Every day", {}, 1, now, now};
  calendar.spec.time_zone = "Asia/Seoul";
  for (int day = 0; day < 7; ++day) calendar.spec.intervals.push_back({day, 0, 0});
  ASSERT_TRUE(test_app.store->Write([&](core::WriteTx& tx) { return tx.InsertCalendar(calendar); }));
  const auto plan = StorePlan(test_app, "Business", {60, core::Target::Basis::kBusiness}, calendar.id);
  StoreAgreement(test_app, world.customer_b.id, plan.id);
  ASSERT_TRUE(app::sla::RunWatch(ctx));

  app::ticket::NewTicket input;
  input.service = "m365";
  input.subject = "SharePoint sync stuck";
  input.description = "OneDrive shows pending for hours";
  auto created = app::ticket::CreateTicket(ctx, world["req_b1"].actor, input);
  ASSERT_TRUE(created) << created.error().message;
  const auto opened = created->ticket.created_at;
  EXPECT_EQ(created->ticket.sla_due_at, opened + hours(1));

  // Today and tomorrow (Seoul) become holidays after the ticket was opened.
  const auto seoul_day = [](Timestamp t) {
    return std::chrono::floor<std::chrono::days>(t + hours(9)).time_since_epoch().count();
  };
  const auto today = seoul_day(opened);
  for (const auto day : {today, today + 1}) {
    const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day))};
    calendar.spec.holidays.push_back({static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())),
                                      static_cast<int>(static_cast<unsigned>(date.day())), 0, 86400, "Company days"});
  }
  calendar.version = 2;
  ASSERT_TRUE(test_app.store->Write([&](core::WriteTx& tx) { return tx.UpdateCalendar(calendar, 1); }));
  auto pass = app::sla::RunWatch(ctx);
  ASSERT_TRUE(pass) << pass.error().message;
  EXPECT_EQ(pass->retargeted, 1) << "customer B's earlier ticket was opened without terms and has no clocks";

  // Nothing of the holidays counts: due one hour into the day after tomorrow.
  const Timestamp expected = Timestamp(std::chrono::days(today + 2)) - hours(9) + hours(1);
  auto view = app::ticket::GetTicket(ctx, world["agent"].actor, created->ticket.id);
  ASSERT_TRUE(view);
  ASSERT_TRUE(view->ticket.sla_due_at.has_value());
  EXPECT_EQ(*view->ticket.sla_due_at, expected) << "the stored due time the filters use";
  EXPECT_EQ(*view->sla.clocks[0]->due_at, ToUnixMillis(expected));
  EXPECT_EQ(view->sla.clocks[0]->consumed, 0);
  core::TicketQuery query;
  query.sla_due_within = std::chrono::minutes(60 * 24);
  auto due_soon = app::ticket::ListTickets(ctx, world["agent"].actor, query);
  ASSERT_TRUE(due_soon);
  for (const auto& item : due_soon->items) EXPECT_NE(item.ticket.id, created->ticket.id) << "due in more than a day now";
}

}  // namespace
}  // namespace tierdesk::testing
