// Billing through the REST API against the real store: time into statements, a period previewed,
// closed (twice), corrected after its close, exported as CSV, JSON and HTML; usage for customers;
// margins, prepaid blocks and timers.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;
using std::chrono::hours;

std::string PlanJson(const std::string& name, const std::string& pricing) {
  return R"({"name":")" + name + R"(","coverage":[{"service":"m365","category":"technical"}],
    "channels":[{"kind":"portal"}],
    "targets":{
      "critical":{"first_response":{"minutes":60,"basis":"calendar"},"next_response":{"minutes":30,"basis":"calendar"},"resolution":{"minutes":240,"basis":"calendar"}},
      "moderate":{"first_response":{"minutes":240,"basis":"calendar"},"next_response":{"minutes":120,"basis":"calendar"},"resolution":{"minutes":1440,"basis":"calendar"}},
      "minimal":{"first_response":{"minutes":480,"basis":"calendar"},"next_response":{"minutes":240,"basis":"calendar"},"resolution":{"minutes":2880,"basis":"calendar"}}},
    "pricing":)" + pricing + R"(,"out_of_scope":{"policy":"refuse"}})";
}

class BillingTest : public ::testing::Test {
 protected:
  BillingTest() : client(server.port) {}

  std::string Token(const std::string& member) { return server.world[member].token; }
  static std::string Id(std::int64_t id) { return std::to_string(id); }

  // Customer A on a plan from the start of this month.
  void Sign(const std::string& pricing) {
    auto plan = client.PostJson("/api/v1/plans", PlanJson("Billing plan", pricing), Token("admin"));
    ASSERT_EQ(plan.status, 201) << plan.body;
    auto agreement = client.PostJson("/api/v1/agreements",
                                     R"({"customer_id":)" + Id(server.world.customer_a.id.value) + R"(,"plan_id":)" +
                                         Id(Parse(plan).at("id").as_int64()) + R"(,"start_date":"2020-01-01"})",
                                     Token("admin"));
    ASSERT_EQ(agreement.status, 201) << agreement.body;
  }

  std::int64_t NewTicket(const std::string& subject) {
    auto created = client.PostJson("/api/v1/tickets",
                                   R"({"service":"m365","category":"technical","severity":"moderate","subject":")" +
                                       subject + R"(","description":"x","fields":{"tenant_domain":"alpha.example"}})",
                                   Token("req_a1"));
    EXPECT_EQ(created.status, 201) << created.body;
    return Parse(created).at("id").as_int64();
  }

  json::object Log(std::int64_t ticket, std::int64_t minutes, const std::string& extra = "",
                   const std::string& member = "agent") {
    auto logged = client.PostJson("/api/v1/tickets/" + Id(ticket) + "/time",
                                  R"({"minutes":)" + std::to_string(minutes) + extra + "}", Token(member));
    EXPECT_EQ(logged.status, 201) << logged.body;
    return Parse(logged).as_object();
  }

  // This month and the next, in the partner's calendar (UTC in the test world).
  std::string ThisMonth() { return FormatTimestamp(server.app.clock.Now()).substr(0, 7); }
  static std::string After(const std::string& month) {
    int year = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2)) + 1;
    if (m == 13) {
      m = 1;
      ++year;
    }
    return std::to_string(year) + (m < 10 ? "-0" : "-") + std::to_string(m);
  }
  // Moves the test clock into the first days of the next month.
  void NextMonth() {
    const auto now = server.app.clock.Now();
    const auto next = ParseTimestamp(After(FormatTimestamp(now).substr(0, 7)) + "-02T12:00:00Z").value();
    server.app.clock.Advance(std::chrono::duration_cast<std::chrono::milliseconds>(next - now));
  }

  json::object StatementOf(const std::string& period, const std::string& member = "billing") {
    auto preview = client.Get("/api/v1/billing/periods/" + period + "/preview?customer_id=" +
                                  Id(server.world.customer_a.id.value),
                              Token(member));
    EXPECT_EQ(preview.status, 200) << preview.body;
    const auto items = Items(preview.body);
    EXPECT_EQ(items.size(), 1u) << preview.body;
    return items.empty() ? json::object{} : items[0].as_object();
  }

  static std::vector<std::pair<std::string, std::int64_t>> Lines(const json::object& statement) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& line : statement.at("lines").as_array()) {
      out.emplace_back(std::string(line.at("kind").as_string()), line.at("amount").as_int64());
    }
    return out;
  }

  TestServer server;
  HttpClient client;
};

using LineList = std::vector<std::pair<std::string, std::int64_t>>;

TEST_F(BillingTest, HourlyTimeIsRatedClosedOnceAndCorrectedInTheNextPeriod) {
  Sign(R"({"model":"hourly","currency":"USD","hourly_rate":12000,"increment_minutes":15,"minimum_minutes":60})");
  const auto first = NewTicket("Mailbox full");
  const auto second = NewTicket("Licence missing");
  const auto entry = Log(first, 20).at("id").as_int64();
  Log(second, 61);
  Log(second, 14);
  Log(second, 30, R"(,"billable":false)");
  const std::string month = ThisMonth();
  const std::string during_month = FormatTimestamp(server.app.clock.Now());

  // | kind   | ticket | minutes               | amount |
  // | hourly | first  | 20 → 30, minimum 60    | 12,000 |
  // | hourly | second | 61+14 = 75             | 15,000 |
  auto open = StatementOf(month);
  EXPECT_EQ(open.at("status").as_string(), "open");
  EXPECT_EQ(Lines(open), (LineList{{"hourly", 12'000}, {"hourly", 15'000}}));
  EXPECT_EQ(open.at("totals").at("USD").as_int64(), 27'000);
  EXPECT_EQ(open.at("usage").at("billable_minutes").as_int64(), 135);

  // Not before the month is over.
  auto early = client.PostJson("/api/v1/billing/periods/" + month + "/close", "{}", Token("billing"));
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(Parse(early).at("type"), "/problems/period-not-over");
  NextMonth();
  auto closed = client.PostJson("/api/v1/billing/periods/" + month + "/close", "{}", Token("billing"));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_GE(Parse(closed).at("closed_now").as_int64(), 1);
  auto again = client.PostJson("/api/v1/billing/periods/" + month + "/close", "{}", Token("billing"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Parse(again).at("closed_now").as_int64(), 0);  // closing twice changes nothing
  auto frozen = StatementOf(month);
  EXPECT_EQ(frozen.at("status"), "closed");
  EXPECT_EQ(Lines(frozen), Lines(open));

  // The closed month takes no new time, and agents no longer correct it; a billing clerk does,
  // and the difference is charged in the next month.
  const std::string entry_url = "/api/v1/tickets/" + Id(first) + "/time/" + Id(entry);
  auto refused = client.PatchJson(entry_url, R"({"minutes":90})", Token("agent"));
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(Parse(refused).at("type"), "/problems/period-closed");
  auto back_dated = client.PostJson("/api/v1/tickets/" + Id(first) + "/time",
                                    R"({"minutes":10,"worked_at":")" + during_month + R"("})", Token("agent"));
  EXPECT_EQ(back_dated.status, 409) << back_dated.body;
  auto corrected = client.PatchJson(entry_url, R"({"minutes":90})", Token("billing"));
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(Parse(corrected).at("version").as_int64(), 2);
  EXPECT_EQ(Lines(StatementOf(month)), Lines(open));  // a closed period is never rewritten
  const std::string next = After(month);
  // | adjustment | first | 60 → 90 minutes | +6,000 |
  auto adjusted = StatementOf(next);
  EXPECT_EQ(Lines(adjusted), (LineList{{"adjustment", 6'000}}));
  EXPECT_EQ(adjusted.at("lines").at(0).at("adjusts").as_string(), month);
  NextMonth();
  ASSERT_EQ(client.PostJson("/api/v1/billing/periods/" + next + "/close", "{}", Token("admin")).status, 200);
  EXPECT_EQ(Lines(StatementOf(next)), (LineList{{"adjustment", 6'000}}));
  EXPECT_TRUE(Lines(StatementOf(After(next))).empty());  // charged once
}

TEST_F(BillingTest, StatementsExportAsCsvJsonAndPrintableHtmlInEnglishAndKorean) {
  Sign(R"({"model":"per_incident","currency":"KRW","per_incident":150000})");
  const auto ticket = NewTicket(R"(Teams calls drop, \"sometimes\")");  // JSON-escaped quotes
  Log(ticket, 45);
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + Id(ticket), R"({"status":"resolved"})", Token("agent")).status, 200);
  const std::string month = ThisMonth();
  auto csv = client.Get("/api/v1/billing/periods/" + month + "/export?format=csv", Token("billing"));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, csv.body.find("\r\n")),
            "customer_id,customer,period,status,line,kind,ticket_id,description,rule,quantity,unit,unit_price,amount,"
            "currency,adjusts");
  EXPECT_NE(csv.body.find(",incident," + Id(ticket) + ",\"#" + Id(ticket) + " Teams calls drop, \"\"sometimes\"\""),
            std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find(",150000,KRW,"), std::string::npos) << csv.body;
  auto as_json = client.Get("/api/v1/billing/periods/" + month + "/export?format=json", Token("billing"));
  ASSERT_EQ(as_json.status, 200);
  EXPECT_EQ(Parse(as_json).at("period").as_string(), month);
  EXPECT_EQ(client.Get("/api/v1/billing/periods/" + month + "/export?format=xml", Token("billing")).status, 400);

  const std::string statement =
      "/api/v1/billing/periods/" + month + "/statements/" + Id(server.world.customer_a.id.value);
  auto english = client.Get(statement + "?format=html&lang=en", Token("billing"));
  ASSERT_EQ(english.status, 200) << english.body;
  EXPECT_EQ(english.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(english.body.find("Support statement"), std::string::npos);
  EXPECT_NE(english.body.find("KRW 150,000"), std::string::npos);
  EXPECT_NE(english.body.find("&quot;sometimes&quot;"), std::string::npos);  // escaped
  auto korean = client.Get(statement + "?format=html&lang=ko", Token("billing"));
  EXPECT_NE(korean.body.find("지원 청구서"), std::string::npos);
  EXPECT_NE(korean.body.find("합계"), std::string::npos);
  EXPECT_EQ(client.Get(statement + "?format=html&lang=fr", Token("billing")).status, 400);
  EXPECT_EQ(client.Get("/api/v1/billing/periods/2026-13/preview", Token("billing")).status, 422);
}

TEST_F(BillingTest, CustomersSeeTheirOwnUsageAndNeverCostsOrMargins) {
  Sign(R"({"model":"hourly","currency":"USD","hourly_rate":12000,"increment_minutes":15})");
  ASSERT_EQ(client.PatchJson("/api/v1/partner/settings",
                             R"({"internal_hourly_cost":6000,"internal_cost_currency":"USD"})", Token("admin"))
                .status,
            200);
  const auto ticket = NewTicket("Calendar sync");
  Log(ticket, 60);
  auto usage = client.Get("/api/v1/billing/usage", Token("admin_a"));
  ASSERT_EQ(usage.status, 200) << usage.body;
  EXPECT_EQ(Parse(usage).at("totals").at("USD").as_int64(), 12'000);
  EXPECT_EQ(Parse(usage).at("usage").at("billable_minutes").as_int64(), 60);
  EXPECT_FALSE(Parse(usage).as_object().contains("costs"));
  EXPECT_EQ(usage.body.find("6000"), std::string::npos);
  EXPECT_EQ(client.Get("/api/v1/billing/usage?customer_id=" + Id(server.world.customer_b.id.value), Token("admin_a")).status,
            404);
  auto b_usage = client.Get("/api/v1/billing/usage", Token("admin_b"));
  ASSERT_EQ(b_usage.status, 200);
  EXPECT_EQ(b_usage.body.find("Calendar sync"), std::string::npos);
  EXPECT_EQ(client.Get("/api/v1/billing/usage", Token("req_a1")).status, 403);

  const std::string month = ThisMonth();
  auto margin = client.Get("/api/v1/reports/margin?period=" + month, Token("supervisor"));
  ASSERT_EQ(margin.status, 200) << margin.body;
  bool found = false;
  for (const auto& row : Items(margin.body)) {
    if (row.at("customer_id").as_int64() != server.world.customer_a.id.value) continue;
    found = true;
    EXPECT_EQ(row.at("revenue").as_int64(), 12'000);
    EXPECT_EQ(row.at("internal_cost").as_int64(), 6'000);
    EXPECT_EQ(row.at("margin").as_int64(), 6'000);
  }
  EXPECT_TRUE(found) << margin.body;
  for (const char* member : {"admin_a", "req_a1", "agent", "provider", "reseller"}) {
    EXPECT_EQ(client.Get("/api/v1/reports/margin?period=" + month, Token(member)).status, 403) << member;
    EXPECT_EQ(client.Get("/api/v1/billing/periods/" + month + "/preview", Token(member)).status, 403) << member;
  }
}

TEST_F(BillingTest, APrepaidBlockIsSoldDrawnDownAndWarnsWhenLow) {
  Sign(R"({"model":"prepaid_block","currency":"USD","block_unit":"hours","block_size":2,"block_price":30000,)"
       R"("hourly_rate":18000,"increment_minutes":15,"when_exhausted":"pay_as_you_go"})");
  const std::string customer = Id(server.world.customer_a.id.value);
  auto sold = client.PostJson("/api/v1/customers/" + customer + "/prepaid-blocks", "{}", Token("billing"));
  ASSERT_EQ(sold.status, 201) << sold.body;
  EXPECT_EQ(Parse(sold).at("quantity").as_int64(), 120);
  EXPECT_EQ(Parse(sold).at("price").as_int64(), 30'000);
  EXPECT_EQ(client.PostJson("/api/v1/customers/" + customer + "/prepaid-blocks", "{}", Token("agent")).status, 403);
  const auto ticket = NewTicket("Backup restore");
  Log(ticket, 90);
  auto events = client.Get("/api/v1/tickets/" + Id(ticket) + "/events", Token("agent"));
  EXPECT_EQ(events.body.find("billing.low_balance"), std::string::npos);  // 30 of 120 left: 25%
  Log(ticket, 45);  // 135 minutes: the block runs out mid-ticket
  events = client.Get("/api/v1/tickets/" + Id(ticket) + "/events", Token("agent"));
  EXPECT_NE(events.body.find("billing.low_balance"), std::string::npos) << events.body;
  // | prepaid_purchase | –      | 1 block     | 30,000 |
  // | prepaid_draw     | ticket | 120 minutes | 0      |
  // | pay_as_you_go    | ticket | 15 minutes  | 4,500  |
  const auto statement = StatementOf(ThisMonth());
  EXPECT_EQ(Lines(statement), (LineList{{"prepaid_purchase", 30'000}, {"prepaid_draw", 0}, {"pay_as_you_go", 4'500}}));
  EXPECT_TRUE(statement.at("usage").at("low_balance").as_bool());
  auto blocks = client.Get("/api/v1/customers/" + customer + "/prepaid-blocks", Token("admin_a"));
  ASSERT_EQ(blocks.status, 200) << blocks.body;
  EXPECT_EQ(Items(blocks.body).size(), 1u);
  EXPECT_EQ(client.Get("/api/v1/customers/" + customer + "/prepaid-blocks", Token("admin_b")).status, 404);
}

TEST_F(BillingTest, ATimerLogsTheTimeItRanOnStop) {
  const auto ticket = NewTicket("Timer");
  const std::string base = "/api/v1/tickets/" + Id(ticket) + "/timer";
  auto started = client.PostJson(base + "/start", "{}", Token("agent"));
  ASSERT_EQ(started.status, 201) << started.body;
  EXPECT_EQ(client.PostJson(base + "/start", "{}", Token("agent")).status, 409);
  EXPECT_EQ(Parse(client.Get("/api/v1/me/timer", Token("agent"))).at("timer").at("ticket_id").as_int64(), ticket);
  server.app.clock.Advance(std::chrono::minutes(25));
  auto stopped = client.PostJson(base + "/stop", R"({"note":"restored the mailbox","activity":"on_site"})", Token("agent"));
  ASSERT_EQ(stopped.status, 201) << stopped.body;
  // 25 minutes on the test clock, plus the real seconds the test itself took (rounded up).
  EXPECT_GE(Parse(stopped).at("minutes").as_int64(), 25);
  EXPECT_LE(Parse(stopped).at("minutes").as_int64(), 26);
  EXPECT_EQ(Parse(stopped).at("activity"), "on_site");
  EXPECT_TRUE(Parse(client.Get("/api/v1/me/timer", Token("agent"))).at("timer").is_null());
  EXPECT_EQ(client.PostJson(base + "/stop", "{}", Token("agent")).status, 404);
  EXPECT_EQ(client.PostJson(base + "/start", "{}", Token("req_a1")).status, 403);
}

}  // namespace
}  // namespace tierdesk::testing
