// Calendars through the REST API: time zones after 2037, one millisecond precision shared by
// next-open, add and the SLA clocks, and the documented range of years (2000 to 2099).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;
using std::chrono::minutes;

Timestamp At(const json::value& text) { return ParseTimestamp(text.as_string()).value(); }

class CalendarApiTest : public ::testing::Test {
 protected:
  CalendarApiTest() : client(server.port) {}

  std::string Token(const std::string& member) { return server.world[member].token; }

  std::int64_t CreateCalendar(const std::string& body) {
    auto result = client.PostJson("/api/v1/calendars", body, Token("admin"));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? Parse(result).at("id").as_int64() : 0;
  }

  HttpResult NextOpen(std::int64_t calendar, const std::string& at) {
    return client.Get("/api/v1/calendars/" + std::to_string(calendar) + "/next-open?at=" + at, Token("agent"));
  }
  HttpResult Add(std::int64_t calendar, const std::string& start, std::int64_t count) {
    return client.Get("/api/v1/calendars/" + std::to_string(calendar) + "/add?start=" + start +
                          "&minutes=" + std::to_string(count),
                      Token("agent"));
  }
  Timestamp NextOpenAt(std::int64_t calendar, const std::string& at) {
    auto result = NextOpen(calendar, at);
    EXPECT_EQ(result.status, 200) << result.body;
    return result.status == 200 ? At(Parse(result).at("next_open")) : Timestamp{};
  }
  Timestamp AddAt(std::int64_t calendar, const std::string& start, std::int64_t count) {
    auto result = Add(calendar, start, count);
    EXPECT_EQ(result.status, 200) << result.body;
    return result.status == 200 ? At(Parse(result).at("result")) : Timestamp{};
  }

  TestServer server;
  HttpClient client;
};

constexpr const char* kNewYorkOffice = R"({"name":"New York office","time_zone":"America/New_York","intervals":[
  {"day":"mon","start":"09:00","end":"17:00"},{"day":"tue","start":"09:00","end":"17:00"},
  {"day":"wed","start":"09:00","end":"17:00"},{"day":"thu","start":"09:00","end":"17:00"},
  {"day":"fri","start":"09:00","end":"17:00"}]})";

// Issue "Day one for a partner" §3: the zone stopped at its last listed transition (2037).
TEST_F(CalendarApiTest, NewYorkIn2040IsOnDaylightTime) {
  const auto id = CreateCalendar(kNewYorkOffice);
  // Monday 2040-07-02: 09:00 EDT is 13:00 UTC (it answered 14:00).
  EXPECT_EQ(FormatTimestamp(NextOpenAt(id, "2040-07-02T00:00:00Z")), "2040-07-02T13:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(AddAt(id, "2040-07-02T00:00:00Z", 120)), "2040-07-02T15:00:00.000Z");
  // 2099 too, the last documented year: Monday 2099-07-06, 09:00 EDT.
  EXPECT_EQ(FormatTimestamp(NextOpenAt(id, "2099-07-06T00:00:00Z")), "2099-07-06T13:00:00.000Z");
  // And winter stays on EST: Monday 2040-12-03, 09:00 EST is 14:00 UTC.
  EXPECT_EQ(FormatTimestamp(NextOpenAt(id, "2040-12-03T00:00:00Z")), "2040-12-03T14:00:00.000Z");
}

// next-open and add treat a fraction of a second alike: exactly.
TEST_F(CalendarApiTest, NextOpenAndAddAgreeToTheMillisecond) {
  const auto id = CreateCalendar(kNewYorkOffice);
  // Open (Monday 2030-07-01 10:00:00.500 EDT): next-open is that instant, not the next second.
  EXPECT_EQ(FormatTimestamp(NextOpenAt(id, "2030-07-01T14:00:00.500Z")), "2030-07-01T14:00:00.500Z");
  EXPECT_EQ(FormatTimestamp(AddAt(id, "2030-07-01T14:00:00.500Z", 60)), "2030-07-01T15:00:00.500Z");
  // Closed (Sunday 2030-06-30 12:00:00.500 EDT): counting starts at the opening, so add is
  // next-open plus the minutes (it used to carry the .500 along: 13:01:00.500).
  const auto opens = NextOpenAt(id, "2030-06-30T16:00:00.500Z");
  EXPECT_EQ(FormatTimestamp(opens), "2030-07-01T13:00:00.000Z");
  EXPECT_EQ(AddAt(id, "2030-06-30T16:00:00.500Z", 1), opens + minutes(1));
  // Half a second before closing (16:59:59.500 EDT): one minute ends 59.5 s into Tuesday.
  EXPECT_EQ(FormatTimestamp(AddAt(id, "2030-07-01T20:59:59.500Z", 1)), "2030-07-02T13:00:59.500Z");
}

// A ticket's SLA due time is the calendar's add of its created_at (milliseconds and all) and the
// target. Before, the clocks dropped the milliseconds and add kept them.
TEST_F(CalendarApiTest, SlaDueTimeEqualsAddOfCreatedAt) {
  const auto calendar = CreateCalendar(R"({"name":"Every day","time_zone":"Asia/Seoul","intervals":[
    {"day":"mon","start":"00:00","end":"24:00"},{"day":"tue","start":"00:00","end":"24:00"},
    {"day":"wed","start":"00:00","end":"24:00"},{"day":"thu","start":"00:00","end":"24:00"},
    {"day":"fri","start":"00:00","end":"24:00"},{"day":"sat","start":"00:00","end":"24:00"},
    {"day":"sun","start":"00:00","end":"24:00"}]})");
  auto plan = client.PostJson("/api/v1/plans", R"({"name":"Business time","service_hours_calendar_id":)" +
                                                   std::to_string(calendar) + R"(,
    "coverage":[{"service":"m365","category":"technical"}],"channels":[{"kind":"portal"}],
    "targets":{"critical":{"first_response":{"minutes":60,"basis":"business"},"resolution":{"minutes":240,"basis":"business"}}},
    "pricing":{"model":"included","currency":"KRW"},"out_of_scope":{"policy":"refuse"}})",
                              Token("admin"));
  ASSERT_EQ(plan.status, 201) << plan.body;
  auto agreement = client.PostJson("/api/v1/agreements",
                                   R"({"customer_id":)" + std::to_string(server.world.customer_a.id.value) +
                                       R"(,"plan_id":)" + std::to_string(Parse(plan).at("id").as_int64()) +
                                       R"(,"start_date":"2020-01-01"})",
                                   Token("admin"));
  ASSERT_EQ(agreement.status, 201) << agreement.body;

  // A created_at with milliseconds (.000 one time in a thousand: then open another).
  json::object ticket;
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto created = client.PostJson("/api/v1/tickets", R"({"service":"m365","category":"technical","severity":"critical",
      "subject":"Mailbox full","fields":{"tenant_domain":"alpha.example"},"description":"Please help"})",
                                   Token("req_a1"));
    ASSERT_EQ(created.status, 201) << created.body;
    ticket = Parse(created).as_object();
    if (ToUnixMillis(At(ticket.at("created_at"))) % 1000 != 0) break;
  }
  const std::string created_at(ticket.at("created_at").as_string());
  ASSERT_NE(ToUnixMillis(At(ticket.at("created_at"))) % 1000, 0) << created_at;
  const auto& sla = ticket.at("sla");
  EXPECT_EQ(At(sla.at("first_response").at("due_at")), AddAt(calendar, created_at, 60)) << created_at;
  EXPECT_EQ(At(sla.at("resolution").at("due_at")), AddAt(calendar, created_at, 240)) << created_at;
  // Read back later, the same.
  auto again = client.Get("/api/v1/tickets/" + std::to_string(ticket.at("id").as_int64()), Token("agent"));
  EXPECT_EQ(At(Parse(again).at("sla").at("first_response").at("due_at")), AddAt(calendar, created_at, 60));
}

// "The years 2000 to 2099 are covered": a result in 2100 is refused, not computed from the margin.
TEST_F(CalendarApiTest, ResultsAfter2099AreRefused) {
  const auto id = CreateCalendar(kNewYorkOffice);
  // Thursday 2099-12-31 16:00 EST: one hour is fine, two would end on Friday 2100-01-01.
  EXPECT_EQ(FormatTimestamp(AddAt(id, "2099-12-31T21:00:00Z", 60)), "2099-12-31T22:00:00.000Z");
  for (const auto& result : {Add(id, "2099-12-31T21:00:00Z", 120), NextOpen(id, "2099-12-31T23:00:00Z")}) {
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_EQ(result.Header("content-type"), "application/problem+json");
    const auto problem = Parse(result);
    EXPECT_EQ(problem.at("type").as_string(), "/problems/validation");
    ASSERT_TRUE(problem.as_object().contains("errors")) << result.body;
    EXPECT_EQ(problem.at("errors").at(0).at("field").as_string(), "result");
  }
  // A start outside the range names the parameter.
  const auto early = NextOpen(id, "1999-06-01T00:00:00Z");
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(Parse(early).at("errors").at(0).at("field").as_string(), "at");
}

TEST_F(CalendarApiTest, HolidaysOutsideTheRangeAreRefused) {
  for (const char* date : {"2100-01-01", "1999-12-31"}) {
    auto result = client.PostJson("/api/v1/calendars",
                                  std::string(R"({"name":"Far","time_zone":"UTC","intervals":[{"day":"mon","start":"09:00","end":"17:00"}],
      "holidays":[{"date":")") + date + R"(","name":"Too far"}]})",
                                  Token("admin"));
    EXPECT_EQ(result.status, 422) << date << ": " << result.body;
    EXPECT_EQ(Parse(result).at("type").as_string(), "/problems/validation");
    EXPECT_EQ(Parse(result).at("errors").at(0).at("field").as_string(), "holidays") << result.body;
  }
  // The edges are fine.
  CreateCalendar(R"({"name":"Edges","time_zone":"UTC","intervals":[{"day":"mon","start":"09:00","end":"17:00"}],
    "holidays":[{"date":"2000-01-01","name":"First"},{"date":"2099-12-31","name":"Last"},{"date":"02-29","name":"Leap"}]})");
}

}  // namespace
}  // namespace tierdesk::testing
