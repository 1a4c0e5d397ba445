#include "core/offering/agreement.hpp"

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

Agreement Make(std::int64_t id, const char* start, std::optional<const char*> end) {
  Agreement a;
  a.id = AgreementId{id};
  a.start = *ParseDay(start);
  if (end) a.end = *ParseDay(*end);
  return a;
}

TEST(Agreement, DaysParseAndFormat) {
  EXPECT_EQ(FormatDay(*ParseDay("2026-11-24")), "2026-11-24");
  EXPECT_EQ(*ParseDay("1970-01-02"), 1);
  EXPECT_FALSE(ParseDay("2026-02-30"));
  EXPECT_FALSE(ParseDay("2026-1-05"));
  EXPECT_FALSE(ParseDay("yesterday!"));
}

TEST(Agreement, TheFirstAgreementFitsAnywhere) {
  EXPECT_TRUE(CheckAgreementFits({}, Make(1, "2026-01-01", std::nullopt)));
}

TEST(Agreement, OverlapsAndGapsAreRefusedWithReasons) {
  const std::vector<Agreement> existing = {Make(1, "2026-01-01", "2026-06-30"), Make(2, "2026-07-01", "2026-12-31")};
  struct Case {
    const char* start;
    std::optional<const char*> end;
    const char* type;  // "" when it fits
  };
  const Case cases[] = {
      {"2027-01-01", std::nullopt, ""},                    // follows the last
      {"2025-01-01", "2025-12-31", ""},                    // precedes the first
      {"2026-12-31", "2027-03-31", "agreement-overlap"},   // one day of overlap
      {"2027-01-02", "2027-03-31", "agreement-gap"},       // one day of gap
      {"2025-01-01", "2025-12-30", "agreement-gap"},
      {"2026-03-01", "2026-03-31", "agreement-overlap"},   // inside
  };
  for (const auto& c : cases) {
    auto status = CheckAgreementFits(existing, Make(9, c.start, c.end));
    if (*c.type == '\0') {
      EXPECT_TRUE(status) << c.start << ": " << (status ? "" : status.error().message);
    } else {
      ASSERT_FALSE(status) << c.start;
      EXPECT_EQ(status.error().type, c.type) << c.start;
      EXPECT_FALSE(status.error().message.empty());
    }
  }
  // An open-ended agreement must be closed before another follows it.
  const std::vector<Agreement> open = {Make(1, "2026-01-01", std::nullopt)};
  EXPECT_EQ(CheckAgreementFits(open, Make(2, "2027-01-01", std::nullopt)).error().type, "agreement-overlap");
  // Changing an agreement's own dates is checked against the others only.
  EXPECT_TRUE(CheckAgreementFits(existing, Make(2, "2026-07-01", "2027-06-30")));
}

TEST(Agreement, ActiveOnADayAndEffectiveTerms) {
  const std::vector<Agreement> agreements = {Make(1, "2026-01-01", "2026-06-30"), Make(2, "2026-07-01", std::nullopt)};
  EXPECT_EQ(ActiveAgreement(agreements, *ParseDay("2026-06-30"))->id, AgreementId{1});
  EXPECT_EQ(ActiveAgreement(agreements, *ParseDay("2026-07-01"))->id, AgreementId{2});
  EXPECT_EQ(ActiveAgreement(agreements, *ParseDay("2099-07-01"))->id, AgreementId{2});
  EXPECT_FALSE(ActiveAgreement(agreements, *ParseDay("2025-12-31")));
  Plan plan;
  plan.pricing.hourly_rate = 120'000;
  plan.pricing.per_incident = 50'000;
  Agreement agreement = Make(3, "2026-01-01", std::nullopt);
  agreement.overrides.hourly_rate = 100'000;
  const Plan effective = EffectivePlan(plan, agreement);
  EXPECT_EQ(effective.pricing.hourly_rate, 100'000);
  EXPECT_EQ(effective.pricing.per_incident, 50'000);
}

TEST(Agreement, Validation) {
  Agreement a = Make(1, "2026-06-01", "2026-05-31");
  EXPECT_EQ(ValidateAgreement(a).error().fields.at(0).field, "end_date");
  a = Make(1, "2026-06-01", std::nullopt);
  a.prepaid_minutes = -1;
  EXPECT_FALSE(ValidateAgreement(a));
}

}  // namespace
}  // namespace tierdesk::core
