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

  // This month and the next, in the partner's calendar (Asia/Seoul in the test world).
  std::string ThisMonth() { return PartnerMonth(server, server.app.clock.Now()); }
  static std::string After(const std::string& month) {
    int year = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2)) + 1;
    if (m == 13) {
      m = 1;
      ++year;
    }
    return std::to_string(year) + (m < 10 ? "-0" : "-") + std::to_string(m);
  }
  // Moves the test clock forward to `utc` ("YYYY-MM-DDTHH:MM:SSZ"), ahead of it.
  void MoveClockTo(const std::string& utc) {
    const auto now = server.app.clock.Now();
    const auto to = ParseTimestamp(utc);
    ASSERT_TRUE(to && *to > now) << utc;
    server.app.clock.Advance(std::chrono::duration_cast<std::chrono::milliseconds>(*to - now));
  }
  // Moves the test clock into the first days of the next month.
  void NextMonth() { MoveClockTo(After(ThisMonth()) + "-02T12:00:00Z"); }

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
  //   (75 minutes: one hour at 12,000 and a part of 15 minutes at 3,000)
  EXPECT_EQ(Lines(open), (LineList{{"hourly", 12'000}, {"hourly", 12'000}, {"hourly", 3'000}}));
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
            "currency,adjusts,unit_price_text,amount_text");
  EXPECT_NE(csv.body.find(",incident," + Id(ticket) + ",\"#" + Id(ticket) + " Teams calls drop, \"\"sometimes\"\""),
            std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find(",150000,KRW,,\"KRW 150,000\",\"KRW 150,000\"\r\n"), std::string::npos) << csv.body;
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

// ---- Time and money cannot be bent ----------------------------------------------------------

// RFC 4180 rows of a CSV body (header first).
std::vector<std::vector<std::string>> CsvRows(const std::string& body) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (quoted) {
      if (c == '"' && i + 1 < body.size() && body[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') {
      ++i;
      if (i + 1 < body.size()) rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  return rows;
}

// "USD -1,234.56" → -123456: every formatted amount prints all its minor digits.
std::int64_t MinorOf(const std::string& text) {
  std::string digits;
  for (const char c : text) {
    if ((c >= '0' && c <= '9') || c == '-') digits += c;
  }
  return digits.empty() ? 0 : std::stoll(digits);
}

// The cells of each row of the HTML statement's table body.
std::vector<std::vector<std::string>> HtmlRows(const std::string& html) {
  std::vector<std::vector<std::string>> rows;
  const auto body = html.find("<tbody>"), end = html.find("</tbody>");
  if (body == std::string::npos || end == std::string::npos) return rows;
  for (auto row = html.find("<tr>", body); row != std::string::npos && row < end; row = html.find("<tr>", row + 1)) {
    rows.emplace_back();
    const auto row_end = html.find("</tr>", row);
    for (auto cell = html.find("<td", row); cell != std::string::npos && cell < row_end; cell = html.find("<td", cell + 1)) {
      const auto open = html.find('>', cell) + 1;
      rows.back().push_back(html.substr(open, html.find("</td>", open) - open));
    }
  }
  return rows;
}

// A billing clerk, reading JSON, CSV or the printed statement, can recompute every line:
// quantity × unit price = amount, and the lines add up to the totals. Today an after-hours
// overage line showed 75 minutes at 14,999 and charged 18,748.
TEST_F(BillingTest, EveryLineReconcilesOnItsOwnInJsonCsvAndHtml) {
  Sign(R"({"model":"hourly","currency":"USD","hourly_rate":9999,"increment_minutes":15,"after_hours_percent":150})");
  const auto ticket = NewTicket("Night restore");
  Log(ticket, 75, R"(,"activity":"call_out")");
  Log(ticket, 50);
  const std::string month = ThisMonth();
  // | kind   | minutes                | quantity    | unit price                  | amount |
  // | hourly | 50 → 60                | 1 hours     | 9,999                       | 9,999  |
  // | hourly | 75 after hours (150%)  | 1 hours     | 14,998.5 → 14,999, once     | 14,999 |
  // | hourly |   the rest: 15 minutes | 1 hour_part | round(15 × 14,999 / 60)     | 3,750  |
  const auto statement = StatementOf(month);
  EXPECT_EQ(Lines(statement), (LineList{{"hourly", 9'999}, {"hourly", 14'999}, {"hourly", 3'750}}));
  std::int64_t sum = 0;
  for (const auto& line : statement.at("lines").as_array()) {
    EXPECT_EQ(line.at("quantity").as_int64() * line.at("unit_price").as_int64(), line.at("amount").as_int64())
        << json::serialize(line);
    EXPECT_EQ(line.at("currency"), "USD");
    sum += line.at("amount").as_int64();
  }
  EXPECT_EQ(statement.at("totals").at("USD").as_int64(), sum);

  auto csv = client.Get("/api/v1/billing/periods/" + month + "/export?format=csv&customer_id=" +
                            Id(server.world.customer_a.id.value),
                        Token("billing"));
  ASSERT_EQ(csv.status, 200) << csv.body;
  const auto rows = CsvRows(csv.body);
  ASSERT_EQ(rows.size(), 4u) << csv.body;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 17u) << csv.body;
    EXPECT_EQ(std::stoll(rows[i][9]) * std::stoll(rows[i][11]), std::stoll(rows[i][12])) << csv.body;
    EXPECT_EQ(MinorOf(rows[i][16]), std::stoll(rows[i][12])) << rows[i][16];
  }

  auto html = client.Get("/api/v1/billing/periods/" + month + "/statements/" + Id(server.world.customer_a.id.value) +
                             "?format=html&lang=en",
                         Token("billing"));
  ASSERT_EQ(html.status, 200);
  const auto cells = HtmlRows(html.body);
  ASSERT_EQ(cells.size(), 3u) << html.body;
  std::int64_t html_sum = 0;
  for (const auto& row : cells) {
    ASSERT_EQ(row.size(), 5u);
    EXPECT_EQ(std::stoll(row[2]) * MinorOf(row[3]), MinorOf(row[4])) << row[2] << " × " << row[3] << " ≠ " << row[4];
    html_sum += MinorOf(row[4]);
  }
  EXPECT_NE(html.body.find("USD " + std::string("287.48")), std::string::npos) << html.body;  // the total
  EXPECT_EQ(html_sum, 28'748);
}

// PATCH obeys the rules of POST for worked_at: never before the ticket was opened (today work
// could be moved to 2019 and vanish from every period), never in the future; moving work into or
// out of a closed month is a billing clerk's correction, charged as an adjustment.
TEST_F(BillingTest, MovingWorkWithPatchObeysTheRulesOfLoggingIt) {
  Sign(R"({"model":"hourly","currency":"USD","hourly_rate":12000,"increment_minutes":15})");
  const auto ticket = NewTicket("Moved work");
  const auto entry = Log(ticket, 60).at("id").as_int64();
  const std::string url = "/api/v1/tickets/" + Id(ticket) + "/time/" + Id(entry);
  for (const char* member : {"agent", "billing"}) {
    auto past = client.PatchJson(url, R"({"worked_at":"2019-01-01T00:00:00Z"})", Token(member));
    EXPECT_EQ(past.status, 422) << member << ": " << past.body;
    EXPECT_NE(past.body.find("worked_at"), std::string::npos) << past.body;
    EXPECT_EQ(client.PatchJson(url, R"({"worked_at":"2999-01-01T00:00:00Z"})", Token(member)).status, 422) << member;
  }
  const std::string month = ThisMonth();
  EXPECT_EQ(Lines(StatementOf(month)), (LineList{{"hourly", 12'000}}));  // still where it was worked

  NextMonth();
  ASSERT_EQ(client.PostJson("/api/v1/billing/periods/" + month + "/close", "{}", Token("billing")).status, 200);
  const std::string next = After(month);
  const std::string now = FormatTimestamp(server.app.clock.Now() - hours(1));
  // Out of the closed month: agents may not; a billing clerk may, and the closed month is
  // corrected in the open one while the work is charged where it now belongs.
  auto refused = client.PatchJson(url, R"({"worked_at":")" + now + R"("})", Token("agent"));
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(Parse(refused).at("type"), "/problems/period-closed");
  auto moved = client.PatchJson(url, R"({"worked_at":")" + now + R"("})", Token("billing"));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Lines(StatementOf(month)), (LineList{{"hourly", 12'000}}));  // closed: never rewritten
  EXPECT_EQ(Lines(StatementOf(next)), (LineList{{"hourly", 12'000}, {"adjustment", -12'000}}));
  // Even a billing clerk never moves work to before the ticket was opened.
  EXPECT_EQ(client.PatchJson(url, R"({"worked_at":"2019-06-01T00:00:00Z"})", Token("billing")).status, 422);
}

// After-hours is decided by the plan's service hours at the time the work was done; an agent
// only marks a call-out. The plan here is open 00:00-12:00 UTC every day.
TEST_F(BillingTest, AfterHoursIsDecidedByThePlansServiceHoursUnlessACallOut) {
  // The same hours whatever the date the test runs on: now is the 15th of next month at 14:00 UTC
  // (23:00 that day in the partner's Seoul). Work is logged at most a day before its ticket opened
  // (app/routing LogTime), so the hour at night starts at 13:00 that day (closed) and the one in
  // hours at 01:00 (open), both in this month.
  MoveClockTo(After(ThisMonth()) + "-15T14:00:00Z");
  const std::string day = ThisMonth() + "-15";
  const std::string closed_at = day + "T13:00:00Z", open_at = day + "T01:00:00Z";
  auto calendar = client.PostJson("/api/v1/calendars",
                                  R"({"name":"Mornings","time_zone":"UTC","intervals":[)"
                                  R"({"day":"mon","start":"00:00","end":"12:00"},{"day":"tue","start":"00:00","end":"12:00"},)"
                                  R"({"day":"wed","start":"00:00","end":"12:00"},{"day":"thu","start":"00:00","end":"12:00"},)"
                                  R"({"day":"fri","start":"00:00","end":"12:00"},{"day":"sat","start":"00:00","end":"12:00"},)"
                                  R"({"day":"sun","start":"00:00","end":"12:00"}]})",
                                  Token("admin"));
  ASSERT_EQ(calendar.status, 201) << calendar.body;
  std::string plan_json = PlanJson("Mornings hourly", R"({"model":"hourly","currency":"USD","hourly_rate":12000,)"
                                                       R"("increment_minutes":15,"after_hours_percent":150})");
  plan_json.insert(1, R"("service_hours_calendar_id":)" + Id(Parse(calendar).at("id").as_int64()) + ",");
  auto plan = client.PostJson("/api/v1/plans", plan_json, Token("admin"));
  ASSERT_EQ(plan.status, 201) << plan.body;
  ASSERT_EQ(client.PostJson("/api/v1/agreements",
                            R"({"customer_id":)" + Id(server.world.customer_a.id.value) + R"(,"plan_id":)" +
                                Id(Parse(plan).at("id").as_int64()) + R"(,"start_date":"2020-01-01"})",
                            Token("admin"))
                .status,
            201);
  const auto ticket = NewTicket("Whenever");
  const auto at_night = Log(ticket, 60, R"(,"worked_at":")" + closed_at + R"(")");
  EXPECT_EQ(at_night.at("after_hours_minutes").as_int64(), 60) << json::serialize(at_night);
  const auto in_hours = Log(ticket, 60, R"(,"worked_at":")" + open_at + R"(")");
  EXPECT_EQ(in_hours.at("after_hours_minutes").as_int64(), 0);
  const auto call_out = Log(ticket, 30, R"(,"activity":"call_out","worked_at":")" + open_at + R"(")");
  EXPECT_EQ(call_out.at("after_hours_minutes").as_int64(), 30);
  EXPECT_EQ(call_out.at("activity"), "call_out");
  // Saying "after_hours" by hand is no longer how after-hours is decided.
  auto claimed = client.PostJson("/api/v1/tickets/" + Id(ticket) + "/time",
                                 R"({"minutes":30,"activity":"after_hours"})", Token("agent"));
  EXPECT_EQ(claimed.status, 422) << claimed.body;
  // | hourly | 60 in hours                         | 1 hour at 120.00          | 12,000 |
  // | hourly | 60 at night + 30 call-out = 90 after | 1 hour at 180.00          | 18,000 |
  // | hourly |                                     | 30 minutes of 180.00      |  9,000 |
  EXPECT_EQ(Lines(StatementOf(ThisMonth())), (LineList{{"hourly", 12'000}, {"hourly", 18'000}, {"hourly", 9'000}}));
  // Moving the in-hours entry to the night decides again.
  auto moved = client.PatchJson("/api/v1/tickets/" + Id(ticket) + "/time/" + Id(in_hours.at("id").as_int64()),
                                R"({"worked_at":")" + closed_at + R"("})", Token("agent"));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Parse(moved).at("after_hours_minutes").as_int64(), 60);
}

// Work that needs approval carries its currency and is approved or rejected by a billing clerk,
// with history; approved work is charged in the open period.
TEST_F(BillingTest, WorkThatNeedsApprovalIsApprovedOrRejectedByABillingClerk) {
  Sign(R"({"model":"prepaid_block","currency":"EUR","block_unit":"hours","block_size":1,"block_price":10000,)"
       R"("hourly_rate":12000,"increment_minutes":15,"when_exhausted":"needs_approval"})");
  const std::string customer = Id(server.world.customer_a.id.value);
  ASSERT_EQ(client.PostJson("/api/v1/customers/" + customer + "/prepaid-blocks", "{}", Token("billing")).status, 201);
  const auto ticket = NewTicket("Beyond the block");
  const auto other = NewTicket("Inside nothing");
  Log(ticket, 90);  // 60 drawn from the block, 30 need approval
  const std::string month = ThisMonth();
  auto statement = StatementOf(month);
  EXPECT_EQ(Lines(statement), (LineList{{"prepaid_purchase", 10'000}, {"prepaid_draw", 0}, {"needs_approval", 0}}));
  EXPECT_EQ(statement.at("lines").at(2).at("currency"), "EUR");
  const std::string url = "/api/v1/billing/periods/" + month + "/approvals";
  const auto decide = [&](std::int64_t which, const std::string& decision, const std::string& member) {
    return client.PostJson(url, R"({"customer_id":)" + customer + R"(,"ticket_id":)" + Id(which) + R"(,"decision":")" +
                                    decision + R"(","note":"agreed by phone"})",
                           Token(member));
  };
  for (const char* member : {"agent", "supervisor", "admin_a", "req_a1", "provider", "reseller"}) {
    EXPECT_EQ(decide(ticket, "approved", member).status, 403) << member;
  }
  auto nothing = decide(other, "approved", "billing");
  EXPECT_EQ(nothing.status, 409) << nothing.body;
  EXPECT_EQ(Parse(nothing).at("type"), "/problems/nothing-to-approve");
  EXPECT_EQ(decide(ticket, "maybe", "billing").status, 422);
  auto approved = decide(ticket, "approved", "billing");
  ASSERT_EQ(approved.status, 201) << approved.body;
  EXPECT_EQ(Parse(approved).at("decision"), "approved");
  // | pay_as_you_go | 30 minutes of 120.00 | 6,000 |
  statement = StatementOf(month);
  EXPECT_EQ(Lines(statement), (LineList{{"prepaid_purchase", 10'000}, {"prepaid_draw", 0}, {"pay_as_you_go", 6'000}}));
  EXPECT_EQ(statement.at("totals").at("EUR").as_int64(), 16'000);
  ASSERT_EQ(decide(ticket, "rejected", "billing").status, 201);
  EXPECT_EQ(Lines(StatementOf(month)), (LineList{{"prepaid_purchase", 10'000}, {"prepaid_draw", 0}}));
  // The history: every decision, oldest first, and on the ticket.
  auto history = client.Get(url + "?customer_id=" + customer, Token("supervisor"));
  ASSERT_EQ(history.status, 200) << history.body;
  ASSERT_EQ(Items(history.body).size(), 2u);
  EXPECT_EQ(Items(history.body)[0].at("decision"), "approved");
  EXPECT_EQ(Items(history.body)[1].at("decision"), "rejected");
  EXPECT_EQ(Items(history.body)[1].at("note"), "agreed by phone");
  const auto events = client.Get("/api/v1/tickets/" + Id(ticket) + "/events", Token("agent")).body;
  EXPECT_NE(events.find("billing.approved"), std::string::npos);
  EXPECT_NE(events.find("billing.rejected"), std::string::npos);

  // Approved after its month closed: charged in the open month, as an adjustment.
  NextMonth();
  ASSERT_EQ(client.PostJson("/api/v1/billing/periods/" + month + "/close", "{}", Token("billing")).status, 200);
  ASSERT_EQ(decide(ticket, "approved", "admin").status, 201);
  EXPECT_EQ(Lines(StatementOf(month)), (LineList{{"prepaid_purchase", 10'000}, {"prepaid_draw", 0}}));
  const auto adjusted = StatementOf(After(month));
  EXPECT_EQ(Lines(adjusted), (LineList{{"adjustment", 6'000}}));
  EXPECT_EQ(adjusted.at("lines").at(0).at("currency"), "EUR");
}

// Out-of-scope work without an accepted quote showed a needs_approval line with currency "".
TEST_F(BillingTest, OutOfScopeWorkWithoutAQuoteHasTheCurrencyOfItsPlan) {
  Sign(R"({"model":"included","currency":"KRW","increment_minutes":15})");
  auto rule = client.PostJson("/api/v1/rules",
                              R"({"name":"Extra work","conditions":[{"field":"subject","op":"contains","values":["extra"]}],)"
                              R"("actions":[{"action":"set_scope","values":["out_of_scope_billable"]}]})",
                              Token("admin"));
  ASSERT_EQ(rule.status, 201) << rule.body;
  const auto ticket = NewTicket("extra migration");
  Log(ticket, 30);
  const auto statement = StatementOf(ThisMonth());
  ASSERT_EQ(Lines(statement), (LineList{{"needs_approval", 0}}));
  EXPECT_EQ(statement.at("lines").at(0).at("currency"), "KRW");
  EXPECT_EQ(statement.at("totals").at("KRW").as_int64(), 0);
  // Empty totals have one shape: an object, by currency; a customer without work has {} and usage
  // in numbers, never null.
  auto usage = client.Get("/api/v1/billing/usage", Token("admin_b"));
  ASSERT_EQ(usage.status, 200) << usage.body;
  EXPECT_TRUE(Parse(usage).at("totals").is_object());
  EXPECT_EQ(Parse(usage).at("usage").at("billable_minutes").as_int64(), 0) << usage.body;
}

}  // namespace
}  // namespace tierdesk::testing
