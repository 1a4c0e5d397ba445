// The support statement over real HTTP (issue "Day one for a partner", §7): plans named per
// language with English standing in, each contact once, targets in hours and days, the version
// labelled, channels the partner cannot receive on left out, and a page built for assistive
// technology. The page's axe check in a real browser is tests/browser/.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

// Seoul business hours, Monday to Friday 09:00-18:00: a business day is 540 minutes.
constexpr const char* kOfficeHours =
    R"({"name":"Seoul office","time_zone":"Asia/Seoul","intervals":[)"
    R"({"day":"mon","start":"09:00","end":"18:00"},{"day":"tue","start":"09:00","end":"18:00"},)"
    R"({"day":"wed","start":"09:00","end":"18:00"},{"day":"thu","start":"09:00","end":"18:00"},)"
    R"({"day":"fri","start":"09:00","end":"18:00"}]})";

class StatementTest : public ::testing::Test {
 protected:
  StatementTest() : client(server.port), customer(std::to_string(server.world.customer_a.id.value)) {}

  std::string Token(const std::string& member) { return server.world[member].token; }

  // A plan with the given naming fields (a JSON fragment ending in a comma), e-mail and phone
  // channels, and targets of every shape; customer A is signed onto it.
  std::string SignOntoPlan(const std::string& naming) {
    auto calendar = client.PostJson("/api/v1/calendars", kOfficeHours, Token("admin"));
    EXPECT_EQ(calendar.status, 201) << calendar.body;
    auto plan = client.PostJson(
        "/api/v1/plans",
        "{" + naming + R"("service_hours_calendar_id":)" + std::to_string(Parse(calendar).at("id").as_int64()) +
            R"(,"coverage":[{"service":"m365","category":"technical"}],)"
            R"("channels":[{"kind":"portal"},{"kind":"email","address":"Help@Partner.example"},)"
            R"({"kind":"phone","address":"+82-2-555-0100"},{"kind":"portal"}],)"
            R"("targets":{"critical":{"first_response":{"minutes":240},"next_response":{"minutes":90},)"
            R"("resolution":{"minutes":1080}},"minimal":{"first_response":{"minutes":1560,"basis":"calendar"},)"
            R"("resolution":{"minutes":2880,"basis":"calendar"}}},)"
            R"("pricing":{"model":"included","currency":"KRW"}})",
        Token("admin"));
    EXPECT_EQ(plan.status, 201) << plan.body;
    const std::string id = std::to_string(Parse(plan).at("id").as_int64());
    auto agreement = client.PostJson(
        "/api/v1/agreements", R"({"customer_id":)" + customer + R"(,"plan_id":)" + id + R"(,"start_date":"2020-01-01"})",
        Token("admin"));
    EXPECT_EQ(agreement.status, 201) << agreement.body;
    return id;
  }

  void SetProfile(const std::string& body) {
    auto patched = client.PatchJson("/api/v1/partner/settings", body, Token("admin"));
    EXPECT_EQ(patched.status, 200) << patched.body;
  }

  json::object Statement(const std::string& lang) {
    auto result = client.Get("/api/v1/customers/" + customer + "/support-statement?lang=" + lang, Token("req_a1"));
    EXPECT_EQ(result.status, 200) << result.body;
    return Parse(result).as_object();
  }

  // The lines of the statement's section headed `heading`, each "label: text".
  static std::vector<std::string> Lines(const json::object& statement, std::string_view heading) {
    std::vector<std::string> out;
    for (const auto& section : statement.at("sections").as_array()) {
      if (section.at("heading").as_string() != heading) continue;
      for (const auto& line : section.at("lines").as_array()) {
        out.push_back(std::string(line.at("label").as_string()) + ": " + std::string(line.at("text").as_string()));
      }
    }
    return out;
  }

  std::string Page(const std::string& lang) {
    auto page = client.Get("/support/" + customer + "?lang=" + lang, Token("req_a1"));
    EXPECT_EQ(page.status, 200) << page.body;
    return page.body;
  }

  static std::size_t Occurrences(const std::string& text, const std::string& what) {
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
    return count;
  }

  TestServer server;
  HttpClient client;
  std::string customer;
};

TEST_F(StatementTest, PlansCarryTheirNameAndDescriptionPerLanguage) {
  const std::string id = SignOntoPlan(
      R"("name":"Business hours","description":"Microsoft 365 help on weekdays.","names":{"ko":"업무 시간 지원"},)");
  auto plan = client.Get("/api/v1/plans/" + id, Token("admin"));
  ASSERT_EQ(plan.status, 200);
  EXPECT_EQ(Parse(plan).at("name").as_string(), "Business hours") << "the plain string stays the English";
  EXPECT_EQ(Parse(plan).at("names"), (json::object{{"ko", "업무 시간 지원"}}));
  EXPECT_EQ(Parse(plan).at("descriptions"), json::object{});

  const auto korean = Statement("ko");
  EXPECT_EQ(korean.at("plan").at("name").as_string(), "업무 시간 지원");
  const auto plan_lines = Lines(korean, "지원 플랜");
  ASSERT_GE(plan_lines.size(), 2u);
  EXPECT_EQ(plan_lines[0], "플랜: 업무 시간 지원 (v1)");
  EXPECT_EQ(plan_lines[1], ": Microsoft 365 help on weekdays.") << "no Korean description: the English stands in";
  // On the page the English stand-in says which language it is in.
  const std::string page = Page("ko");
  EXPECT_NE(page.find("<p lang=\"en\">Microsoft 365 help on weekdays.</p>"), std::string::npos) << page;
  EXPECT_NE(page.find("<dd>업무 시간 지원 (v1)</dd>"), std::string::npos) << page;
  EXPECT_EQ(Statement("en").at("plan").at("name").as_string(), "Business hours");

  // A new version gives the description in Korean too; a plain-string plan has no translations.
  auto versioned = client.Send("PUT", "/api/v1/plans/" + id,
                               R"({"name":"Business hours","description":"Microsoft 365 help on weekdays.",)"
                               R"("names":{"ko":"업무 시간 지원"},"descriptions":{"ko":"평일 Microsoft 365 지원."},)"
                               R"("coverage":[{"service":"m365","category":"technical"}],"channels":[{"kind":"portal"}],)"
                               R"("pricing":{"model":"included","currency":"KRW"}})",
                               {{"Authorization", "Bearer " + Token("admin")}, {"Content-Type", "application/json"}});
  ASSERT_EQ(versioned.status, 200) << versioned.body;
  EXPECT_EQ(Parse(versioned).at("descriptions").at("ko").as_string(), "평일 Microsoft 365 지원.");
}

TEST_F(StatementTest, TranslationsAreCheckedAndTheEnglishIsTheNameItself) {
  const std::string rest = R"("coverage":[{"service":"m365","category":"technical"}],"channels":[{"kind":"portal"}],)"
                           R"("pricing":{"model":"included","currency":"KRW"}})";
  const auto field_of = [](const HttpResult& result) {
    return std::string(Parse(result).at("errors").at(0).at("field").as_string());
  };
  auto english = client.PostJson("/api/v1/plans", R"({"name":"A","names":{"en":"A"},)" + rest, Token("admin"));
  ASSERT_EQ(english.status, 422) << english.body;
  EXPECT_EQ(field_of(english), "names.en");
  auto french = client.PostJson("/api/v1/plans", R"({"name":"A","names":{"fr":"Un"},)" + rest, Token("admin"));
  ASSERT_EQ(french.status, 422) << french.body;
  EXPECT_EQ(field_of(french), "names.fr");
  auto blank = client.PostJson("/api/v1/plans", R"({"name":"A","names":{"ko":"   "},)" + rest, Token("admin"));
  ASSERT_EQ(blank.status, 422) << blank.body;
  EXPECT_EQ(field_of(blank), "names.ko");
  auto long_description = client.PostJson(
      "/api/v1/plans", R"({"name":"A","descriptions":{"ko":")" + std::string(2001, 'x') + R"("},)" + rest, Token("admin"));
  ASSERT_EQ(long_description.status, 422) << long_description.body;
  EXPECT_EQ(field_of(long_description), "descriptions.ko");
  auto plain = client.PostJson("/api/v1/plans", R"({"name":"Plain",)" + rest, Token("admin"));
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_EQ(Parse(plain).at("names"), json::object{});
}

// The plan lists the partner's mailbox and number (spelt differently) and the portal twice; the
// profile names the same mailbox and number: each contact reads once, in JSON and on the page.
TEST_F(StatementTest, EachContactAppearsOnce) {
  SignOntoPlan(R"("name":"Business hours",)");
  SetProfile(R"({"support_email":"help@partner.example","support_phone":"+82 2 555 0100",)"
             R"("support_website":"https://partner.example/help"})");
  const std::vector<std::string> expected = {
      "Portal: during service hours",
      "E-mail: Help@Partner.example, during service hours",
      "Phone: +82-2-555-0100, during service hours",
      "Website: https://partner.example/help",
  };
  EXPECT_EQ(Lines(Statement("en"), "How to reach us"), expected);
  const std::string page = Page("en");
  EXPECT_EQ(Occurrences(page, "<dt>Portal</dt>"), 1u);
  EXPECT_EQ(Occurrences(page, "<dt>E-mail</dt>"), 1u);
  EXPECT_EQ(Occurrences(page, "<dt>Phone</dt>"), 1u);
  EXPECT_EQ(Lines(Statement("ko"), "연락 방법").size(), 4u);
}

// Without a support e-mail address or phone number in the partner's profile the partner takes
// neither, so the plan's e-mail and phone channels are not offered; the portal always is.
TEST_F(StatementTest, ChannelsThePartnerCannotReceiveOnAreNotListed) {
  SignOntoPlan(R"("name":"Business hours",)");
  const std::vector<std::string> portal_only = {"Portal: during service hours"};
  EXPECT_EQ(Lines(Statement("en"), "How to reach us"), portal_only);
  EXPECT_EQ(Page("en").find("Help@Partner.example"), std::string::npos);
  SetProfile(R"({"support_email":"help@partner.example"})");
  const std::vector<std::string> with_mail = {"Portal: during service hours",
                                              "E-mail: Help@Partner.example, during service hours"};
  EXPECT_EQ(Lines(Statement("en"), "How to reach us"), with_mail);
}

// Critical: 240 and 90 business minutes and 1080 (two 540-minute days); minimal: 1560 and 2880
// minutes around the clock.
TEST_F(StatementTest, TargetsReadAsHoursAndDays) {
  SignOntoPlan(R"("name":"Business hours",)");
  const auto english = Lines(Statement("en"), "Severity levels and response targets");
  ASSERT_EQ(english.size(), 3u);
  EXPECT_EQ(english[0],
            "Critical (A): business stopped or severely degraded: First response: 4 business hours; "
            "Next response: 1 business hour 30 minutes; Resolution: 2 business days");
  EXPECT_EQ(english[2],
            "Minimal (C): little impact, questions and requests: First response: 1 day 2 hours; "
            "Next response: no target; Resolution: 2 days");
  const auto korean = Lines(Statement("ko"), "심각도와 응답 목표");
  ASSERT_EQ(korean.size(), 3u);
  EXPECT_EQ(korean[0],
            "긴급(A): 업무 중단 또는 심각한 저하: 최초 응답: 업무 시간 기준 4시간; 후속 응답: 업무 시간 기준 1시간 30분; "
            "해결: 2영업일");
  EXPECT_NE(korean[2].find("최초 응답: 1일 2시간"), std::string::npos) << korean[2];
  for (const auto& page : {Page("en"), Page("ko")}) {
    EXPECT_EQ(page.find("1080"), std::string::npos);
    EXPECT_EQ(page.find("2880"), std::string::npos);
  }
  // On the page: a table whose headers say what each cell is.
  const std::string page = Page("en");
  EXPECT_NE(page.find("<th scope=\"col\">First response</th>"), std::string::npos) << page;
  EXPECT_NE(page.find("<th scope=\"row\">Critical (A): business stopped or severely degraded</th>"
                      "<td>4 business hours</td><td>1 business hour 30 minutes</td><td>2 business days</td>"),
            std::string::npos)
      << page;
}

TEST_F(StatementTest, TheVersionHashIsLabelled) {
  SignOntoPlan(R"("name":"Business hours",)");
  const std::string hash(Statement("en").at("version_hash").as_string());
  ASSERT_EQ(hash.size(), 64u);
  EXPECT_NE(Page("en").find("<footer><p>Version: <code>" + hash + "</code></p></footer>"), std::string::npos);
  EXPECT_NE(Page("ko").find("<footer><p>버전: <code>" + hash + "</code></p></footer>"), std::string::npos);
}

// The page's structure for assistive technology: its language, one main landmark, headings, no
// definition list that opens with a description, no script and no inline style attribute.
TEST_F(StatementTest, ThePageIsStructuredForAssistiveTechnology) {
  SignOntoPlan(R"("name":"Business hours",)");
  for (const char* lang : {"en", "ko"}) {
    const std::string page = Page(lang);
    EXPECT_NE(page.find(std::string("<html lang=\"") + lang + "\">"), std::string::npos) << lang;
    EXPECT_EQ(Occurrences(page, "<main>"), 1u) << lang;
    EXPECT_EQ(Occurrences(page, "<h1>"), 1u) << lang;
    EXPECT_EQ(Occurrences(page, "<h2>"), 8u) << lang;
    EXPECT_EQ(page.find("<dl><dd"), std::string::npos) << "a description without a term: " << lang;
    EXPECT_EQ(page.find("<script"), std::string::npos) << lang;
    EXPECT_EQ(page.find(" style="), std::string::npos) << lang;
    EXPECT_NE(page.find("<meta name=\"viewport\""), std::string::npos) << lang;
  }
}

}  // namespace
}  // namespace tierdesk::testing
