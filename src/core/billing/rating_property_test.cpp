// Properties of rating over many random customers: every line reconciles on its own (quantity ×
// unit price = amount) and has a currency, the lines sum to the totals, rating is deterministic,
// no line is negative unless it is an adjustment, and an adjustment once charged is not charged
// again.
#include <gtest/gtest.h>

#include <random>

#include "core/billing/rating.hpp"

namespace tierdesk::core {
namespace {

constexpr BillingPeriod kPeriod{2026, 11};

RatingInput RandomInput(std::mt19937_64& random) {
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(random);
  };
  Plan plan;
  plan.name = "random";
  auto& p = plan.pricing;
  p.model = static_cast<Pricing::Model>(pick(0, 4));
  p.currency = pick(0, 1) == 0 ? "USD" : "KRW";
  p.per_incident = pick(0, 500'000);
  p.hourly_rate = pick(0, 400'000);
  p.increment_minutes = static_cast<int>(pick(1, 60));
  p.minimum_minutes = static_cast<int>(pick(0, 120));
  p.after_hours_percent = static_cast<int>(pick(100, 300));
  p.monthly_fee = pick(0, 5'000'000);
  p.included_minutes = pick(0, 6000);
  p.overage_hourly_rate = pick(0, 400'000);
  p.block_unit = pick(0, 1) == 0 ? Pricing::BlockUnit::kHours : Pricing::BlockUnit::kIncidents;
  p.when_exhausted = pick(0, 1) == 0 ? Pricing::WhenExhausted::kPayAsYouGo : Pricing::WhenExhausted::kNeedsApproval;
  RatingInput in;
  in.customer = OrgId{pick(1, 1000)};
  in.period = kPeriod;
  const Day first = FirstDay(kPeriod), last = LastDay(kPeriod);
  const Day start = pick(0, 3) == 0 ? first + pick(0, 29) : first;
  in.segments.push_back({AgreementId{1}, plan, start, last});
  const auto tickets = pick(0, 12);
  for (std::int64_t t = 1; t <= tickets; ++t) {
    RatedTicket ticket;
    ticket.id = TicketId{t};
    ticket.subject = "t" + std::to_string(t);
    const auto scope = pick(0, 9);
    ticket.scope = scope < 7 ? "in_scope" : scope < 9 ? "out_of_scope_billable" : "refused";
    if (ticket.scope == "out_of_scope_billable" && pick(0, 2) > 0) {
      ticket.quote = {p.currency, pick(1, 300'000), static_cast<int>(pick(1, 60)), static_cast<int>(pick(0, 120))};
    }
    if (pick(0, 1) == 0) ticket.resolved_on = first + pick(-40, 29);
    in.tickets.push_back(ticket);
    const auto entries = pick(0, 6);
    for (std::int64_t e = 0; e < entries; ++e) {
      RatedEntry entry;
      entry.id = t * 100 + e;
      entry.ticket = ticket.id;
      entry.minutes = pick(1, 1440);
      entry.billable = pick(0, 4) > 0;
      entry.activity = static_cast<Activity>(pick(0, 3));
      entry.after_hours_minutes = pick(0, 1) == 0 ? 0 : pick(0, entry.minutes);
      entry.day = first + pick(0, 29);
      entry.by_provider = pick(0, 3) == 0;
      if (entry.by_provider) {
        entry.cost_currency = "USD";
        entry.cost_amount = pick(0, 100'000);
      }
      in.entries.push_back(entry);
    }
  }
  const auto blocks = pick(0, 3);
  for (std::int64_t b = 1; b <= blocks; ++b) {
    const auto quantity = p.block_unit == Pricing::BlockUnit::kHours ? pick(60, 6000) : pick(1, 20);
    in.blocks.push_back({b, p.block_unit, quantity, pick(0, quantity), first + pick(-200, 29), pick(0, 1'000'000), p.currency});
  }
  in.internal_cost_currency = "USD";
  in.internal_hourly_cost = pick(0, 10'000);
  in.low_balance_percent = static_cast<int>(pick(0, 100));
  plan.out_of_scope = pick(0, 1) == 0 ? Plan::OutOfScope::kRefuse : Plan::OutOfScope::kBillable;
  in.segments.front().plan.out_of_scope = plan.out_of_scope;
  in.segments.front().plan.out_of_scope_hourly_rate = pick(0, 300'000);
  for (const auto& ticket : in.tickets) {
    const auto decision = pick(0, 2);
    if (decision > 0) in.decisions[ticket.id.value] = decision == 1 ? ApprovalDecision::kApproved : ApprovalDecision::kRejected;
  }
  return in;
}

std::map<std::string, std::int64_t> NonZero(std::map<std::string, std::int64_t> totals) {
  std::erase_if(totals, [](const auto& total) { return total.second == 0; });
  return totals;
}

class RatingProperty : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(RatingProperty, LinesSumToTheTotalsAndNothingIsNegative) {
  std::mt19937_64 random(GetParam());
  for (int round = 0; round < 200; ++round) {
    const auto in = RandomInput(random);
    const auto rating = Rate(in);
    std::map<std::string, std::int64_t> sums;
    for (const auto& line : rating.lines) {
      EXPECT_GE(line.amount, 0) << line.description;
      EXPECT_NE(line.kind, LineKind::kAdjustment);
      EXPECT_GE(line.quantity, 0) << line.description;
      EXPECT_EQ(line.quantity * line.unit_price, line.amount) << line.description;
      EXPECT_FALSE(line.currency.empty()) << line.description;
      sums[line.currency] += line.amount;
    }
    EXPECT_EQ(sums, rating.totals);
    for (const auto& cost : rating.costs) EXPECT_GE(cost.amount, 0) << cost.description;
    // Prepaid blocks never go below zero, and what was drawn is what they lost.
    std::int64_t drawn = 0, lost = 0;
    for (const auto& draw : rating.draws) drawn += draw.quantity;
    for (const auto& block : in.blocks) lost += block.remaining;
    lost -= rating.usage.prepaid_minutes_left + rating.usage.prepaid_incidents_left;
    EXPECT_EQ(drawn, lost);
  }
}

TEST_P(RatingProperty, RatingTheSameInputTwiceGivesTheSameStatement) {
  std::mt19937_64 random(GetParam());
  for (int round = 0; round < 200; ++round) {
    const auto in = RandomInput(random);
    EXPECT_EQ(Rate(in), Rate(in));
  }
}

TEST_P(RatingProperty, AnAdjustmentOnceChargedIsNotChargedAgain) {
  std::mt19937_64 random(GetParam());
  for (int round = 0; round < 200; ++round) {
    auto in = RandomInput(random);
    const auto closed = Rate(in).lines;
    EXPECT_TRUE(Adjustments(kPeriod, closed, closed).empty());
    // Change the period's work after the close.
    for (auto& entry : in.entries) {
      if (random() % 3 == 0) entry.minutes = 1 + static_cast<std::int64_t>(random() % 1440);
      if (random() % 5 == 0) entry.billable = !entry.billable;
    }
    if (random() % 4 == 0) in.decisions.clear();
    const auto now = Rate(in).lines;
    const auto adjustments = Adjustments(kPeriod, closed, now);
    for (const auto& line : adjustments) EXPECT_EQ(line.quantity * line.unit_price, line.amount) << line.description;
    // Closed lines plus adjustments come to what the period is worth now.
    auto charged = closed;
    charged.insert(charged.end(), adjustments.begin(), adjustments.end());
    EXPECT_EQ(NonZero(Totals(charged)), NonZero(Totals(now)));
    EXPECT_TRUE(Adjustments(kPeriod, charged, now).empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RatingProperty, ::testing::Values(1u, 2u, 3u, 20261124u));

}  // namespace
}  // namespace tierdesk::core
