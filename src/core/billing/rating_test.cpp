// Rating scenarios with hand-computed charges. Each scenario states its plan, its work and the
// lines expected, as a table: kind, ticket, quantity, amount (minor units).
#include "core/billing/rating.hpp"

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

constexpr BillingPeriod kNovember{2026, 11};

Day D(const char* text) { return *ParseDay(text); }

Plan PlanWith(Pricing pricing, const std::string& name = "Plan") {
  Plan plan;
  plan.name = name;
  plan.pricing = std::move(pricing);
  return plan;
}

struct E {  // a time entry
  std::int64_t ticket;
  std::int64_t minutes;
  const char* day;
  Activity activity = Activity::kRemote;
  bool billable = true;
};

struct T {  // a ticket
  std::int64_t id;
  const char* scope = "in_scope";
  const char* resolved_on = nullptr;
};

struct Expect {  // a line
  LineKind kind;
  std::int64_t ticket;
  std::int64_t quantity;
  std::int64_t amount;
};

RatingInput Input(const Plan& plan, std::vector<T> tickets, std::vector<E> entries, Day first = FirstDay(kNovember),
                  Day last = LastDay(kNovember)) {
  RatingInput in;
  in.customer = OrgId{7};
  in.period = kNovember;
  in.segments.push_back({AgreementId{1}, plan, first, last});
  for (const auto& t : tickets) {
    RatedTicket ticket;
    ticket.id = TicketId{t.id};
    ticket.subject = "ticket " + std::to_string(t.id);
    ticket.scope = t.scope;
    if (t.resolved_on != nullptr) ticket.resolved_on = D(t.resolved_on);
    in.tickets.push_back(ticket);
  }
  std::int64_t id = 100;
  for (const auto& e : entries) {
    in.entries.push_back({++id, TicketId{e.ticket}, e.minutes, e.billable, e.activity, D(e.day)});
  }
  return in;
}

void ExpectLines(const Rating& rating, const std::vector<Expect>& expected) {
  ASSERT_EQ(rating.lines.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& line = rating.lines[i];
    EXPECT_EQ(line.kind, expected[i].kind) << "line " << i << ": " << line.description;
    EXPECT_EQ(line.ticket.value, expected[i].ticket) << "line " << i << ": " << line.description;
    EXPECT_EQ(line.quantity, expected[i].quantity) << "line " << i << ": " << line.description;
    EXPECT_EQ(line.amount, expected[i].amount) << "line " << i << ": " << line.description;
  }
}

TEST(Rating, IncludedSupportChargesNothingAndRecordsUsage) {
  Pricing p;
  p.model = Pricing::Model::kIncluded;
  p.increment_minutes = 15;
  const auto rating = Rate(Input(PlanWith(p), {{1}}, {{1, 50, "2026-11-03"}, {1, 20, "2026-11-04"}}));
  // | kind     | ticket | minutes          | amount |
  // | included | 1      | 50+20=70 → 75    | 0      |
  ExpectLines(rating, {{LineKind::kIncluded, 1, 75, 0}});
  EXPECT_EQ(rating.usage.billable_minutes, 75);
  EXPECT_EQ(rating.totals.at("USD"), 0);
}

TEST(Rating, PerIncidentChargesEachTicketOnceWhenFirstResolved) {
  Pricing p;
  p.model = Pricing::Model::kPerIncident;
  p.currency = "KRW";
  p.per_incident = 150'000;
  // Ticket 2 was first resolved in October and reopened: November does not charge it again.
  const auto rating = Rate(Input(PlanWith(p), {{1, "in_scope", "2026-11-05"}, {2, "in_scope", "2026-10-28"}, {3}},
                                 {{2, 30, "2026-11-10"}, {3, 45, "2026-11-12"}}));
  // | kind     | ticket | incidents | amount  |
  // | incident | 1      | 1         | 150,000 |
  ExpectLines(rating, {{LineKind::kIncident, 1, 1, 150'000}});
  EXPECT_EQ(rating.totals.at("KRW"), 150'000);
  EXPECT_EQ(rating.usage.incidents, 1);
  // October charged it, at its first resolution.
  auto october = Input(PlanWith(p), {{2, "in_scope", "2026-10-28"}}, {}, FirstDay({2026, 10}), LastDay({2026, 10}));
  october.period = {2026, 10};
  ExpectLines(Rate(october), {{LineKind::kIncident, 2, 1, 150'000}});
}

TEST(Rating, HourlyRoundsEachTicketUpToTheIncrementWithAMinimum) {
  Pricing p;
  p.model = Pricing::Model::kHourly;
  p.hourly_rate = 12'000;  // USD 120.00 an hour
  p.increment_minutes = 15;
  p.minimum_minutes = 60;
  const auto rating = Rate(Input(PlanWith(p), {{1}, {2}, {3}},
                                 {{1, 20, "2026-11-02"},
                                  {2, 61, "2026-11-03"},
                                  {2, 14, "2026-11-04"},
                                  {3, 30, "2026-11-05", Activity::kRemote, false}}));
  // | kind   | ticket | minutes                     | amount            |
  // | hourly | 1      | 20 → 30, minimum 60          | 60 × 120/60 = 12,000 |
  // | hourly | 2      | 61+14 = 75 → 75              | 75 × 120/60 = 15,000 |
  // (ticket 3: not billable)
  ExpectLines(rating, {{LineKind::kHourly, 1, 60, 12'000}, {LineKind::kHourly, 2, 75, 15'000}});
  EXPECT_EQ(rating.totals.at("USD"), 27'000);
}

TEST(Rating, AfterHoursWorkIsChargedAtThePlansMultiplier) {
  Pricing p;
  p.model = Pricing::Model::kHourly;
  p.hourly_rate = 12'000;
  p.increment_minutes = 15;
  p.after_hours_percent = 150;
  const auto rating = Rate(Input(PlanWith(p), {{1}}, {{1, 30, "2026-11-02"}, {1, 20, "2026-11-02", Activity::kAfterHours}}));
  // | kind   | ticket | minutes           | rate          | amount |
  // | hourly | 1      | 30                | 120.00        | 6,000  |
  // | hourly | 1      | 20 → 30 after hrs | 180.00 (150%) | 9,000  |
  ExpectLines(rating, {{LineKind::kHourly, 1, 30, 6'000}, {LineKind::kHourly, 1, 30, 9'000}});
  EXPECT_EQ(rating.lines[1].unit_price, 18'000);
}

TEST(Rating, MonthlyFeeDrawsIncludedHoursFirstThenChargesOverage) {
  Pricing p;
  p.model = Pricing::Model::kMonthlyFee;
  p.monthly_fee = 500'000;        // USD 5,000.00
  p.included_minutes = 600;       // 10 hours
  p.overage_hourly_rate = 15'000;
  p.increment_minutes = 15;
  const auto rating = Rate(Input(PlanWith(p), {{1}, {2}}, {{2, 300, "2026-11-10"}, {1, 390, "2026-11-02"}}));
  // | kind        | ticket | quantity     | amount                    |
  // | monthly_fee | –      | 30 days      | 500,000                   |
  // | included    | 1      | 390 minutes  | 0   (210 of 600 left)     |
  // | included    | 2      | 210 minutes  | 0   (none left)           |
  // | overage     | 2      | 90 minutes   | 90 × 150/60 = 22,500      |
  ExpectLines(rating, {{LineKind::kMonthlyFee, 0, 30, 500'000},
                       {LineKind::kIncluded, 1, 390, 0},
                       {LineKind::kIncluded, 2, 210, 0},
                       {LineKind::kOverage, 2, 90, 22'500}});
  EXPECT_EQ(rating.totals.at("USD"), 522'500);
  EXPECT_EQ(rating.usage.included_minutes, 600);
  EXPECT_EQ(rating.usage.included_used, 600);
}

TEST(Rating, APartialFirstMonthProratesTheFeeAndTheIncludedHoursByDays) {
  Pricing p;
  p.model = Pricing::Model::kMonthlyFee;
  p.monthly_fee = 300'000;
  p.included_minutes = 600;
  p.overage_hourly_rate = 15'000;
  p.increment_minutes = 15;
  // The agreement starts on 21 November: 10 of November's 30 days.
  const auto rating = Rate(Input(PlanWith(p), {{1}}, {{1, 230, "2026-11-25"}}, D("2026-11-21"), D("2026-11-30")));
  // | kind        | ticket | quantity                 | amount                           |
  // | monthly_fee | –      | 10 days                  | 300,000 × 10/30 = 100,000        |
  // | included    | 1      | 200 minutes              | 0   (600 × 10/30 = 200 included) |
  // | overage     | 1      | 230 → 240, 40 minutes    | 40 × 150/60 = 10,000             |
  ExpectLines(rating, {{LineKind::kMonthlyFee, 0, 10, 100'000},
                       {LineKind::kIncluded, 1, 200, 0},
                       {LineKind::kOverage, 1, 40, 10'000}});
  EXPECT_EQ(Prorate(100, 1, 3), 33);
  EXPECT_EQ(Prorate(200, 1, 3), 67);  // half up
}

TEST(Rating, APrepaidBlockRunsOutMidTicketAndTheRestIsPayAsYouGo) {
  Pricing p;
  p.model = Pricing::Model::kPrepaidBlock;
  p.block_unit = Pricing::BlockUnit::kHours;
  p.hourly_rate = 15'000;
  p.increment_minutes = 5;
  auto in = Input(PlanWith(p), {{1}, {2}}, {{1, 90, "2026-11-02"}, {2, 700, "2026-11-20"}});
  in.blocks = {{11, Pricing::BlockUnit::kHours, 600, 120, D("2026-09-01"), 90'000, "USD"},
               {12, Pricing::BlockUnit::kHours, 600, 600, D("2026-11-15"), 100'000, "USD"}};
  const auto rating = Rate(in);
  // | kind             | ticket | quantity    | amount                | from   |
  // | prepaid_purchase | –      | 1 block     | 100,000               | 12     |
  // | prepaid_draw     | 1      | 90 minutes  | 0                     | 11     |
  // | prepaid_draw     | 2      | 30 minutes  | 0                     | 11     |
  // | prepaid_draw     | 2      | 600 minutes | 0                     | 12     |
  // | pay_as_you_go    | 2      | 70 minutes  | 70 × 150/60 = 17,500  |        |
  ExpectLines(rating, {{LineKind::kPrepaidPurchase, 0, 1, 100'000},
                       {LineKind::kPrepaidDraw, 1, 90, 0},
                       {LineKind::kPrepaidDraw, 2, 30, 0},
                       {LineKind::kPrepaidDraw, 2, 600, 0},
                       {LineKind::kPayAsYouGo, 2, 70, 17'500}});
  EXPECT_EQ(rating.draws, (std::vector<BlockDraw>{{11, 90}, {11, 30}, {12, 600}}));
  EXPECT_EQ(rating.usage.prepaid_minutes_left, 0);
  EXPECT_TRUE(rating.usage.low_balance);

  // A plan that asks first flags the rest instead of charging it.
  in.segments[0].plan.pricing.when_exhausted = Pricing::WhenExhausted::kNeedsApproval;
  const auto asked = Rate(in);
  EXPECT_EQ(asked.lines.back().kind, LineKind::kNeedsApproval);
  EXPECT_EQ(asked.lines.back().quantity, 70);
  EXPECT_EQ(asked.lines.back().amount, 0);
  EXPECT_EQ(asked.totals.at("USD"), 100'000);
}

TEST(Rating, PrepaidIncidentsDrawOnePerResolvedTicketAndLowBalanceIsFlagged) {
  Pricing p;
  p.model = Pricing::Model::kPrepaidBlock;
  p.block_unit = Pricing::BlockUnit::kIncidents;
  p.per_incident = 40'000;
  auto in = Input(PlanWith(p), {{1, "in_scope", "2026-11-03"}, {2, "in_scope", "2026-11-04"}, {3, "in_scope", "2026-11-05"}}, {});
  in.blocks = {{21, Pricing::BlockUnit::kIncidents, 10, 2, D("2026-01-10"), 0, "USD"}};
  in.low_balance_percent = 20;
  const auto rating = Rate(in);
  // | kind          | ticket | incidents | amount |
  // | prepaid_draw  | 1      | 1         | 0      |
  // | prepaid_draw  | 2      | 1         | 0      |
  // | pay_as_you_go | 3      | 1         | 40,000 |
  ExpectLines(rating, {{LineKind::kPrepaidDraw, 1, 1, 0}, {LineKind::kPrepaidDraw, 2, 1, 0}, {LineKind::kPayAsYouGo, 3, 1, 40'000}});
  EXPECT_TRUE(rating.usage.low_balance);
  in.blocks[0].remaining = 8;  // 5 of 10 left after three: not low
  EXPECT_FALSE(Rate(in).usage.low_balance);
}

TEST(Rating, OutOfScopeWorkIsChargedAtTheAcceptedQuoteAndNeverWithoutOne) {
  Pricing p;
  p.model = Pricing::Model::kIncluded;
  auto in = Input(PlanWith(p), {{5, "out_of_scope_billable"}, {6, "out_of_scope_billable"}, {7, "refused"}},
                  {{5, 45, "2026-11-02"}, {6, 30, "2026-11-02"}, {7, 30, "2026-11-02"}});
  in.tickets[0].quote = {"USD", 20'000, 30, 60};
  const auto rating = Rate(in);
  // | kind           | ticket | minutes            | amount |
  // | out_of_scope   | 5      | 45 → 60, min 60    | 20,000 |
  // | needs_approval | 6      | 30 (no quote)      | 0      |
  // (ticket 7: refused, never charged)
  ExpectLines(rating, {{LineKind::kOutOfScope, 5, 60, 20'000}, {LineKind::kNeedsApproval, 6, 30, 0}});
  EXPECT_EQ(rating.totals.at("USD"), 20'000);
}

TEST(Rating, AResoldPlanChargesTheCustomerAndRecordsTheProvidersCost) {
  Pricing p;
  p.model = Pricing::Model::kHourly;
  p.hourly_rate = 15'000;
  p.increment_minutes = 15;
  auto plan = PlanWith(p);
  plan.delivery = Plan::Delivery::kResold;
  auto in = Input(plan, {{1}}, {{1, 60, "2026-11-02"}, {1, 30, "2026-11-03"}});
  in.entries[0].by_provider = true;  // the provider's agent, at its cost of 90.00 an hour
  in.entries[0].cost_currency = "USD";
  in.entries[0].cost_amount = 9'000;
  in.internal_cost_currency = "USD";
  in.internal_hourly_cost = 6'000;  // our own agent's 30 minutes
  in.vendor_costs = {{TicketId{1}, "Premier: 2 hours", "USD", 50'000}};
  const auto rating = Rate(in);
  // | charge: hourly  | 1 | 90 minutes | 22,500 |
  // | cost: internal  | 1 | 30 minutes at 60.00 | 3,000 |
  // | cost: provider  | 1 | 60 minutes | 9,000 |
  // | cost: vendor    | 1 |            | 50,000 |
  ExpectLines(rating, {{LineKind::kHourly, 1, 90, 22'500}});
  ASSERT_EQ(rating.costs.size(), 3u);
  EXPECT_EQ(rating.costs[0].kind, CostKind::kInternal);
  EXPECT_EQ(rating.costs[0].amount, 3'000);
  EXPECT_EQ(rating.costs[1].kind, CostKind::kProvider);
  EXPECT_EQ(rating.costs[1].amount, 9'000);
  EXPECT_EQ(rating.costs[2].amount, 50'000);
}

TEST(Rating, AChangeToAClosedPeriodBecomesAnAdjustmentOnce) {
  const BillingPeriod october{2026, 10};
  Pricing p;
  p.model = Pricing::Model::kHourly;
  p.hourly_rate = 12'000;
  p.increment_minutes = 15;
  auto in = Input(PlanWith(p), {{1}, {2}}, {{1, 60, "2026-10-02"}, {2, 60, "2026-10-03"}}, FirstDay(october),
                  LastDay(october));
  in.period = october;
  const auto closed = Rate(in).lines;
  // After the close: ticket 1's entry grows to 90 minutes, ticket 2's is found not billable.
  in.entries[0].minutes = 90;
  in.entries[1].billable = false;
  const auto now = Rate(in).lines;
  const auto adjustments = Adjustments(october, closed, now);
  // | kind       | ticket | quantity | amount  |
  // | adjustment | 1      | +30      | +6,000  |
  // | adjustment | 2      | −60      | −12,000 |
  ASSERT_EQ(adjustments.size(), 2u);
  EXPECT_EQ(adjustments[0].ticket.value, 1);
  EXPECT_EQ(adjustments[0].quantity, 30);
  EXPECT_EQ(adjustments[0].amount, 6'000);
  EXPECT_EQ(adjustments[0].adjusts, "2026-10");
  EXPECT_EQ(adjustments[1].ticket.value, 2);
  EXPECT_EQ(adjustments[1].amount, -12'000);
  // Once charged, the same change adjusts nothing more.
  auto charged = closed;
  charged.insert(charged.end(), adjustments.begin(), adjustments.end());
  EXPECT_TRUE(Adjustments(october, charged, now).empty());
}

TEST(Rating, PeriodsAreCalendarMonths) {
  EXPECT_EQ(FormatBillingPeriod(*ParseBillingPeriod("2026-02")), "2026-02");
  EXPECT_EQ(LastDay({2026, 2}) - FirstDay({2026, 2}) + 1, 28);
  EXPECT_EQ(LastDay({2028, 2}) - FirstDay({2028, 2}) + 1, 29);
  EXPECT_EQ(NextPeriod({2026, 12}), (BillingPeriod{2027, 1}));
  EXPECT_EQ(PeriodOf(D("2026-11-30")), kNovember);
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "abcd-ef"}) {
    EXPECT_FALSE(ParseBillingPeriod(bad)) << bad;
  }
  EXPECT_EQ(RoundUpMinutes(61, 15), 75);
  EXPECT_EQ(RoundUpMinutes(60, 15), 60);
  EXPECT_EQ(RoundUpMinutes(7, 0), 7);
  EXPECT_EQ(MinutesAmount(1, 100), 2);   // 1.67 → 2
  EXPECT_EQ(MinutesAmount(1, 90), 2);    // 1.5 → 2, half up
  EXPECT_EQ(MinutesAmount(1, 89), 1);
}

}  // namespace
}  // namespace tierdesk::core
