#include "core/offering/plan.hpp"

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

// The demo's hourly business-hours plan, as a partner would set it up.
Plan HourlyPlan() {
  Plan plan;
  plan.name = "Business hours, billed hourly";
  plan.coverage = {{"azure", Category::kTechnical}, {"m365", Category::kTechnical}, {"m365", Category::kBilling}};
  plan.channels = {{ContactChannel::Kind::kPortal, "", {}},
                   {ContactChannel::Kind::kEmail, "support@hanbit-cloud.example", {}},
                   {ContactChannel::Kind::kPhone, "+82 2 1234 5678", CalendarId{2}}};
  plan.targets[0] = {{60, Target::Basis::kBusiness}, {120, Target::Basis::kBusiness}, {480, Target::Basis::kBusiness}};
  plan.pricing.model = Pricing::Model::kHourly;
  plan.pricing.currency = "KRW";
  plan.pricing.hourly_rate = 120'000;
  plan.pricing.increment_minutes = 15;
  plan.pricing.minimum_minutes = 30;
  plan.out_of_scope = Plan::OutOfScope::kBillable;
  plan.out_of_scope_hourly_rate = 180'000;
  return plan;
}

TEST(Plan, AValidPlanPasses) { EXPECT_TRUE(ValidatePlan(HourlyPlan())); }

TEST(Plan, CoverageDecidesScope) {
  const Plan plan = HourlyPlan();
  EXPECT_TRUE(Covers(plan, "azure", Category::kTechnical));
  EXPECT_FALSE(Covers(plan, "azure", Category::kBilling));
  EXPECT_FALSE(Covers(plan, "d365", Category::kTechnical));
}

TEST(Plan, OutOfScopeIsQuotedOrRefused) {
  Plan plan = HourlyPlan();
  auto quote = QuoteOutOfScope(plan);
  ASSERT_TRUE(quote);
  EXPECT_EQ(quote->currency, "KRW");
  EXPECT_EQ(quote->hourly_rate, 180'000);
  EXPECT_EQ(quote->minimum_minutes, 30);
  plan.out_of_scope = Plan::OutOfScope::kRefuse;
  auto refused = QuoteOutOfScope(plan);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().type, "out-of-scope-refused");
}

TEST(Plan, EachRuleNamesItsField) {
  struct Case {
    const char* field;
    void (*spoil)(Plan&);
  };
  const Case cases[] = {
      {"name", [](Plan& p) { p.name = " "; }},
      {"coverage", [](Plan& p) { p.coverage.clear(); }},
      {"channels", [](Plan& p) { p.channels = {{ContactChannel::Kind::kEmail, "not an address", {}}}; }},
      {"targets.critical", [](Plan& p) { p.targets[0].resolution.minutes = -1; }},
      {"pricing.currency", [](Plan& p) { p.pricing.currency = "krw"; }},
      {"pricing.hourly_rate", [](Plan& p) { p.pricing.hourly_rate = -5; }},
      {"pricing.increment_minutes", [](Plan& p) { p.pricing.increment_minutes = 0; }},
      {"pricing.hourly_rate", [](Plan& p) { p.pricing.hourly_rate = 0; }},
      {"pricing.after_hours_percent", [](Plan& p) { p.pricing.after_hours_percent = 50; }},
      {"provider_id", [](Plan& p) { p.delivery = Plan::Delivery::kResold; }},
      {"out_of_scope_hourly_rate", [](Plan& p) { p.out_of_scope_hourly_rate = 0; }},
  };
  for (const auto& c : cases) {
    Plan plan = HourlyPlan();
    c.spoil(plan);
    auto status = ValidatePlan(plan);
    ASSERT_FALSE(status) << c.field;
    bool named = false;
    for (const auto& error : status.error().fields) named = named || error.field == c.field;
    EXPECT_TRUE(named) << c.field << ": " << status.error().fields.front().field;
  }
}

// Money a user sets is capped at 10^12 minor units so that no charge can overflow int64.
TEST(Plan, AmountsAreCappedAtTenToTheTwelfthMinorUnits) {
  struct Case {
    const char* field;
    void (*set)(Plan&, std::int64_t);
  };
  const Case cases[] = {
      {"pricing.per_incident", [](Plan& p, std::int64_t v) { p.pricing.per_incident = v; }},
      {"pricing.hourly_rate", [](Plan& p, std::int64_t v) { p.pricing.hourly_rate = v; }},
      {"pricing.monthly_fee", [](Plan& p, std::int64_t v) { p.pricing.monthly_fee = v; }},
      {"pricing.overage_hourly_rate", [](Plan& p, std::int64_t v) { p.pricing.overage_hourly_rate = v; }},
      {"pricing.block_price", [](Plan& p, std::int64_t v) { p.pricing.block_price = v; }},
      {"delivery.provider_hourly_cost", [](Plan& p, std::int64_t v) { p.provider_hourly_cost = v; }},
      {"out_of_scope.hourly_rate", [](Plan& p, std::int64_t v) { p.out_of_scope_hourly_rate = v; }},
  };
  for (const auto& c : cases) {
    Plan plan = HourlyPlan();
    c.set(plan, kMaxMoneyAmount);
    EXPECT_TRUE(ValidatePlan(plan)) << c.field;
    c.set(plan, kMaxMoneyAmount + 1);
    auto status = ValidatePlan(plan);
    ASSERT_FALSE(status) << c.field;
    ASSERT_EQ(status.error().fields.size(), 1u) << c.field;
    EXPECT_EQ(status.error().fields.front().field, c.field);
  }
  Plan plan = HourlyPlan();
  plan.pricing.included_minutes = kMaxPlanQuantity + 1;
  plan.pricing.block_size = 2'000'000'000'000'000'000;
  auto status = ValidatePlan(plan);
  ASSERT_FALSE(status);
  ASSERT_EQ(status.error().fields.size(), 2u);
  EXPECT_EQ(status.error().fields[0].field, "pricing.included_minutes");
  EXPECT_EQ(status.error().fields[1].field, "pricing.block_size");
}

TEST(Plan, PricingModelsStateTheirPrices) {
  Plan plan = HourlyPlan();
  plan.pricing.model = Pricing::Model::kMonthlyFee;
  plan.pricing.monthly_fee = 990'000;
  plan.pricing.included_minutes = 600;
  EXPECT_FALSE(ValidatePlan(plan)) << "included hours need an overage rate";
  plan.pricing.overage_hourly_rate = 150'000;
  EXPECT_TRUE(ValidatePlan(plan));
  plan.pricing.model = Pricing::Model::kPrepaidBlock;
  plan.pricing.block_size = 20;
  plan.pricing.block_price = 2'000'000;
  EXPECT_TRUE(ValidatePlan(plan));
  plan.pricing.hourly_rate = 0;
  EXPECT_FALSE(ValidatePlan(plan)) << "pay-as-you-go after the block needs a rate";
  plan.pricing.when_exhausted = Pricing::WhenExhausted::kNeedsApproval;
  EXPECT_TRUE(ValidatePlan(plan));
}

TEST(Plan, TheStoredFormRoundTrips) {
  Plan plan = HourlyPlan();
  plan.description = "Line one\nLine two with a backslash \\ and 한국어";
  plan.targets[2] = {{480, Target::Basis::kCalendar}, {0, Target::Basis::kBusiness}, {7200, Target::Basis::kCalendar}};
  plan.pricing.model = Pricing::Model::kPrepaidBlock;
  plan.pricing.block_unit = Pricing::BlockUnit::kIncidents;
  plan.pricing.block_size = 10;
  plan.pricing.block_price = 900'000;
  plan.pricing.when_exhausted = Pricing::WhenExhausted::kNeedsApproval;
  plan.delivery = Plan::Delivery::kResold;
  plan.provider = OrgId{3};
  plan.provider_hourly_cost = 70'000;
  plan.pause_in_pending_vendor = false;
  const auto decoded = DecodePlan(EncodePlan(plan));
  ASSERT_TRUE(decoded) << decoded.error().detail;
  EXPECT_EQ(EncodePlan(*decoded), EncodePlan(plan));
  EXPECT_EQ(decoded->description, plan.description);
  EXPECT_EQ(decoded->channels[2].address, "+82 2 1234 5678");
  EXPECT_EQ(decoded->channels[2].hours, CalendarId{2});
  EXPECT_EQ(decoded->targets[2].resolution.basis, Target::Basis::kCalendar);
  EXPECT_EQ(decoded->pricing.when_exhausted, Pricing::WhenExhausted::kNeedsApproval);
  EXPECT_EQ(decoded->provider, OrgId{3});
  EXPECT_FALSE(decoded->pause_in_pending_vendor);
  EXPECT_FALSE(DecodePlan("pricing hourly KRW 1 2\n"));
  EXPECT_FALSE(DecodePlan("unknown key\n"));
}

TEST(Plan, KoreanNameAndDescriptionAreOptionalAndFallBackToEnglish) {
  Plan plan = HourlyPlan();
  plan.description = "Business hours.";
  const std::string english_terms = EncodePlan(plan);
  EXPECT_EQ(english_terms.find("_ko"), std::string::npos) << "terms without Korean are stored as before";
  EXPECT_EQ(PlanName(plan, Language::kKorean), "Business hours, billed hourly");
  plan.name_ko = "업무 시간, 시간제";
  EXPECT_EQ(PlanName(plan, Language::kKorean), "업무 시간, 시간제");
  EXPECT_EQ(PlanName(plan, Language::kEnglish), "Business hours, billed hourly");
  EXPECT_EQ(PlanDescription(plan, Language::kKorean), "Business hours.") << "each field falls back on its own";
  plan.description_ko = "업무 시간\n둘째 줄";
  EXPECT_EQ(PlanDescription(plan, Language::kKorean), "업무 시간\n둘째 줄");
  EXPECT_TRUE(ValidatePlan(plan));
  const auto decoded = DecodePlan(EncodePlan(plan));
  ASSERT_TRUE(decoded) << decoded.error().detail;
  EXPECT_EQ(decoded->name_ko, plan.name_ko);
  EXPECT_EQ(decoded->description_ko, plan.description_ko);
  EXPECT_EQ(decoded->name, plan.name);
}

TEST(Plan, AKoreanNameGivenIsARealName) {
  Plan plan = HourlyPlan();
  plan.name_ko = "  ";
  auto blank = ValidatePlan(plan);
  ASSERT_FALSE(blank);
  ASSERT_EQ(blank.error().fields.size(), 1u);
  EXPECT_EQ(blank.error().fields[0].field, "names.ko");
  plan.name_ko = "두 줄\n이름";
  EXPECT_FALSE(ValidatePlan(plan));
  plan.name_ko.clear();
  plan.description_ko = std::string(2001, 'x');
  auto long_description = ValidatePlan(plan);
  ASSERT_FALSE(long_description);
  EXPECT_EQ(long_description.error().fields[0].field, "descriptions.ko");
}

TEST(Currency, CodesAndMinorUnits) {
  EXPECT_TRUE(IsCurrencyCode("KRW"));
  EXPECT_FALSE(IsCurrencyCode("KR"));
  EXPECT_FALSE(IsCurrencyCode("usd"));
  EXPECT_EQ(MinorUnits("KRW"), 0);
  EXPECT_EQ(MinorUnits("JPY"), 0);
  EXPECT_EQ(MinorUnits("EUR"), 2);
  for (int m = 0; m < 5; ++m) {
    const auto model = static_cast<Pricing::Model>(m);
    EXPECT_EQ(ParsePricingModel(ToString(model)), model);
  }
}

}  // namespace
}  // namespace tierdesk::core
