#include "core/offering/scope.hpp"

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

Plan Basic(Plan::OutOfScope policy) {
  Plan plan;
  plan.name = "Basic";
  plan.coverage = {{"m365", Category::kTechnical}};
  plan.pricing.currency = "KRW";
  plan.pricing.increment_minutes = 30;
  plan.out_of_scope = policy;
  plan.out_of_scope_hourly_rate = policy == Plan::OutOfScope::kBillable ? 150'000 : 0;
  return plan;
}

TEST(Scope, DecidedByTheCoverage) {
  const Plan refuse = Basic(Plan::OutOfScope::kRefuse);
  EXPECT_EQ(DecideScope(&refuse, "m365", Category::kTechnical).kind, ScopeKind::kInScope);
  const auto refused = DecideScope(&refuse, "azure", Category::kTechnical);
  EXPECT_EQ(refused.kind, ScopeKind::kRefused);
  EXPECT_NE(refused.reason.find("does not cover technical requests for azure"), std::string::npos) << refused.reason;
  EXPECT_FALSE(refused.quote);
  const Plan billable = Basic(Plan::OutOfScope::kBillable);
  const auto quoted = DecideScope(&billable, "m365", Category::kBilling);
  EXPECT_EQ(quoted.kind, ScopeKind::kOutOfScopeBillable);
  ASSERT_TRUE(quoted.quote);
  EXPECT_EQ(quoted.quote->hourly_rate, 150'000);
  EXPECT_EQ(quoted.quote->increment_minutes, 30);
  EXPECT_EQ(DecideScope(nullptr, "anything", Category::kBilling).kind, ScopeKind::kInScope);
}

TEST(Scope, AcceptanceMustEchoTheQuote) {
  const Quote quote{"KRW", 150'000, 30, 0};
  EXPECT_TRUE(Matches({"KRW", 150'000}, quote));
  EXPECT_FALSE(Matches({"KRW", 100'000}, quote));
  EXPECT_FALSE(Matches({"EUR", 150'000}, quote));
  for (int k = 0; k < 3; ++k) EXPECT_EQ(ParseScopeKind(ToString(static_cast<ScopeKind>(k))), static_cast<ScopeKind>(k));
}

}  // namespace
}  // namespace tierdesk::core
