#include "core/offering/statement.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace tierdesk::core {
namespace {

constexpr auto kBusiness = Target::Basis::kBusiness;
constexpr auto kCalendar = Target::Basis::kCalendar;

// A target's length in words. Business days are the service hours' open day (here 540 minutes,
// 09:00-18:00) and only whole ones read as days; calendar days are 1440 minutes.
TEST(TargetDurationText, ReadsAsDaysHoursAndMinutes) {
  struct Case {
    std::int64_t minutes;
    Target::Basis basis;
    std::int64_t business_day;
    const char* english;
    const char* korean;
  };
  const Case cases[] = {
      {0, kBusiness, 540, "no target", "목표 없음"},
      {0, kCalendar, 540, "no target", "목표 없음"},
      // Calendar time: 1560 = 1440 + 120; 1441 = 1440 + 1; 90 = 60 + 30.
      {240, kCalendar, 540, "4 hours", "4시간"},
      {60, kCalendar, 540, "1 hour", "1시간"},
      {1560, kCalendar, 540, "1 day 2 hours", "1일 2시간"},
      {2880, kCalendar, 540, "2 days", "2일"},
      {1440, kCalendar, 540, "1 day", "1일"},
      {1441, kCalendar, 540, "1 day 1 minute", "1일 1분"},
      {90, kCalendar, 540, "1 hour 30 minutes", "1시간 30분"},
      {45, kCalendar, 540, "45 minutes", "45분"},
      // Business time: 1080 = 2 × 540; 2880 = 5⅓ × 540, so hours (48).
      {1080, kBusiness, 540, "2 business days", "2영업일"},
      {540, kBusiness, 540, "1 business day", "1영업일"},
      {240, kBusiness, 540, "4 business hours", "업무 시간 기준 4시간"},
      {60, kBusiness, 540, "1 business hour", "업무 시간 기준 1시간"},
      {2880, kBusiness, 540, "48 business hours", "업무 시간 기준 48시간"},
      {90, kBusiness, 540, "1 business hour 30 minutes", "업무 시간 기준 1시간 30분"},
      {30, kBusiness, 540, "30 business minutes", "업무 시간 기준 30분"},
      {1, kBusiness, 540, "1 business minute", "업무 시간 기준 1분"},
      // Open days of different lengths: no business day, so hours.
      {1080, kBusiness, 0, "18 business hours", "업무 시간 기준 18시간"},
      // A 24-hour business day (24x7 hours read as calendar time by the statement, but the
      // function alone still counts whole days).
      {2880, kBusiness, 1440, "2 business days", "2영업일"},
  };
  for (const auto& c : cases) {
    const Target target{c.minutes, c.basis};
    EXPECT_EQ(TargetDurationText(target, c.business_day, Language::kEnglish), c.english) << c.minutes;
    EXPECT_EQ(TargetDurationText(target, c.business_day, Language::kKorean), c.korean) << c.minutes;
  }
}

CalendarSpec Weekly(std::vector<CalendarSpec::Interval> intervals) {
  CalendarSpec spec;
  spec.time_zone = "Asia/Seoul";
  spec.intervals = std::move(intervals);
  return spec;
}

TEST(BusinessDayMinutes, IsTheOpenDayWhenEveryOpenDayIsAsLong) {
  constexpr int kHour = 3600;
  std::vector<CalendarSpec::Interval> office;
  for (int day = 0; day < 5; ++day) office.push_back({day, 9 * kHour, 18 * kHour});
  EXPECT_EQ(BusinessDayMinutes(Weekly(office)), 540);
  // A short Friday: the days differ, so there is no business day.
  office.back().end = 17 * kHour;
  EXPECT_EQ(BusinessDayMinutes(Weekly(office)), 0);
  // A lunch break: 3 + 5 hours on Monday, 8 on Tuesday.
  EXPECT_EQ(BusinessDayMinutes(Weekly({{0, 9 * kHour, 12 * kHour}, {0, 13 * kHour, 18 * kHour}, {1, 9 * kHour, 17 * kHour}})),
            480);
  // A night shift past midnight: 22:00-06:00 is 8 hours; an end of 0 is midnight.
  EXPECT_EQ(BusinessDayMinutes(Weekly({{0, 22 * kHour, 6 * kHour}, {1, 16 * kHour, 0}})), 480);
  CalendarSpec always;
  always.always_open = true;
  EXPECT_EQ(BusinessDayMinutes(always), 1440);
}

// The demo partner's business-hours plan, and a profile that takes mail and calls.
StatementTerms Terms() {
  StatementTerms t;
  t.customer.id = OrgId{7};
  t.customer.name = "Seoul Logistics";
  t.customer.locale = "ko-KR";
  t.customer.time_zone = "Asia/Seoul";
  t.partner.name = "Hanbit Cloud";
  t.settings.support_email = "support@hanbit-cloud.example";
  t.settings.support_phone = "+82 2 6000 1234";
  t.settings.support_website = "https://hanbit-cloud.example/support";
  Plan plan;
  plan.id = PlanId{3};
  plan.name = "Business hours, billed hourly";
  plan.description = "Every service in business hours.";
  plan.service_hours = CalendarId{1};
  plan.coverage = {{"m365", Category::kTechnical}};
  plan.channels = {{ContactChannel::Kind::kPortal, "", {}},
                   {ContactChannel::Kind::kEmail, "Support@Hanbit-Cloud.example", {}},
                   {ContactChannel::Kind::kPhone, "+82-2-6000-1234", {}},
                   {ContactChannel::Kind::kPortal, "", {}}};
  plan.targets[0] = {{60, kBusiness}, {120, kBusiness}, {1080, kBusiness}};
  plan.targets[2] = {{480, kCalendar}, {0, kCalendar}, {2880, kCalendar}};
  t.plan = plan;
  Calendar office;
  office.id = CalendarId{1};
  office.name = "Seoul business hours";
  office.spec = Weekly({});
  for (int day = 0; day < 5; ++day) office.spec.intervals.push_back({day, 9 * 3600, 18 * 3600});
  t.service_hours = office;
  return t;
}

SupportStatementText Render(const StatementTerms& terms, Language language) {
  return RenderStatement(terms, language, 1'790'000'000, ZoneRules::Fixed("Asia/Seoul", 9 * 3600));
}

const StatementSection& Section(const SupportStatementText& text, std::size_t index) { return text.sections.at(index); }
constexpr std::size_t kPlanSection = 0;
constexpr std::size_t kContactSection = 3;
constexpr std::size_t kSeveritySection = 4;

std::vector<std::string> Labels(const StatementSection& section) {
  std::vector<std::string> out;
  for (const auto& line : section.lines) out.push_back(line.label + ": " + line.text);
  return out;
}

// The plan's channels and the profile name the same mailbox and number (spelt differently); the
// portal is listed twice in the plan: each contact reads once.
TEST(RenderStatement, ListsEachContactOnce) {
  const auto text = Render(Terms(), Language::kEnglish);
  const std::vector<std::string> expected = {
      "Portal: during service hours",
      "E-mail: Support@Hanbit-Cloud.example, during service hours",
      "Phone: +82-2-6000-1234, during service hours",
      "Website: https://hanbit-cloud.example/support",
  };
  EXPECT_EQ(Labels(Section(text, kContactSection)), expected);
}

// Without a support e-mail address or phone number the partner receives neither, so the plan's
// e-mail and phone channels are left out; the portal stays.
TEST(RenderStatement, LeavesOutChannelsThePartnerCannotReceiveOn) {
  auto terms = Terms();
  terms.settings.support_email.clear();
  terms.settings.support_phone.clear();
  const auto text = Render(terms, Language::kEnglish);
  const std::vector<std::string> expected = {"Portal: during service hours",
                                             "Website: https://hanbit-cloud.example/support"};
  EXPECT_EQ(Labels(Section(text, kContactSection)), expected);
  // A profile address other than the plan's: both are real mailboxes, so both are listed.
  terms.settings.support_email = "help@hanbit-cloud.example";
  const auto both = Render(terms, Language::kEnglish);
  EXPECT_EQ(Section(both, kContactSection).lines.size(), 4u);
  EXPECT_EQ(Section(both, kContactSection).lines[1].text, "Support@Hanbit-Cloud.example, during service hours");
  EXPECT_EQ(Section(both, kContactSection).lines[2].text, "help@hanbit-cloud.example");
}

TEST(RenderStatement, NamesThePlanInTheReadersLanguageAndFallsBackToEnglishPerField) {
  auto terms = Terms();
  terms.plan->name_ko = "업무 시간 시간제 요금";
  const auto korean = Render(terms, Language::kKorean);
  const auto& lines = Section(korean, kPlanSection).lines;
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "업무 시간 시간제 요금 (v1)");
  EXPECT_FALSE(lines[0].language) << "in the statement's own language";
  EXPECT_EQ(lines[1].text, "Every service in business hours.") << "no Korean description: the English";
  EXPECT_EQ(lines[1].language, Language::kEnglish);
  const auto english = Render(terms, Language::kEnglish);
  EXPECT_EQ(Section(english, kPlanSection).lines[0].text, "Business hours, billed hourly (v1)");
  EXPECT_FALSE(Section(english, kPlanSection).lines[1].language);
  terms.plan->description_ko = "업무 시간 중 모든 서비스.";
  EXPECT_EQ(Section(Render(terms, Language::kKorean), kPlanSection).lines[1].text, "업무 시간 중 모든 서비스.");
}

TEST(RenderStatement, TargetsReadAsATableOfDurations) {
  const auto text = Render(Terms(), Language::kEnglish);
  const auto& section = Section(text, kSeveritySection);
  ASSERT_TRUE(section.table);
  const std::vector<std::string> columns = {"Severity", "First response", "Next response", "Resolution"};
  EXPECT_EQ(section.table->columns, columns);
  ASSERT_EQ(section.table->rows.size(), 3u);
  const std::vector<std::string> critical = {"Critical (A): business stopped or severely degraded", "1 business hour",
                                             "2 business hours", "2 business days"};
  EXPECT_EQ(section.table->rows[0], critical);
  EXPECT_EQ(section.table->rows[2][1], "8 hours");
  EXPECT_EQ(section.table->rows[2][2], "no target");
  EXPECT_EQ(section.table->rows[2][3], "2 days");
  // As lines (the JSON form): each row labelled by its header, each cell by its column.
  const auto lines = SectionLines(section);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].label, critical[0]);
  EXPECT_EQ(lines[0].text, "First response: 1 business hour; Next response: 2 business hours; Resolution: 2 business days");
  const auto korean = Render(Terms(), Language::kKorean);
  EXPECT_EQ(Section(korean, kSeveritySection).table->rows[0][3], "2영업일");
  EXPECT_EQ(Section(korean, kSeveritySection).table->rows[0][1], "업무 시간 기준 1시간");
}

// In 24x7 service hours business time is calendar time, and reads as such.
TEST(RenderStatement, AroundTheClockTargetsReadAsCalendarTime) {
  auto terms = Terms();
  terms.service_hours.reset();
  const auto text = Render(terms, Language::kEnglish);
  EXPECT_EQ(Section(text, kSeveritySection).table->rows[0][3], "18 hours");
}

TEST(RenderStatement, LabelsTheVersion) {
  EXPECT_EQ(Render(Terms(), Language::kEnglish).version_label, "Version");
  EXPECT_EQ(Render(Terms(), Language::kKorean).version_label, "버전");
}

}  // namespace
}  // namespace tierdesk::core
