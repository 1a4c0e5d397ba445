// Rating scenarios with hand-computed charges. Each scenario states its plan, its work and the
// lines expected, as a table: kind, ticket, quantity, amount (minor units). Every line of every
// scenario is also checked to reconcile on its own: quantity × unit price = amount.
#include "core/billing/rating.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

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
    RatedEntry entry{++id, TicketId{e.ticket}, e.minutes, e.billable, e.activity, D(e.day)};
    // As logging decides it for a call-out (or an entry that said so by hand); the calendar's
    // share is AfterHoursMinutes' own test.
    if (e.activity == Activity::kCallOut || e.activity == Activity::kAfterHours) entry.after_hours_minutes = e.minutes;
    in.entries.push_back(entry);
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
  for (const auto& line : rating.lines) {
    EXPECT_EQ(line.quantity * line.unit_price, line.amount) << line.description;
    EXPECT_FALSE(line.currency.empty()) << line.description;
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
  // | kind   | ticket | minutes                     | quantity    | amount               |
  // | hourly | 1      | 20 → 30, minimum 60          | 1 hour      | 1 × 12,000 = 12,000  |
  // | hourly | 2      | 61+14 = 75 → 75              | 1 hour      | 1 × 12,000 = 12,000  |
  // | hourly | 2      |   the rest: 15 minutes       | 1 hour part | 15 × 120/60 = 3,000  |
  // (ticket 3: not billable)
  ExpectLines(rating,
              {{LineKind::kHourly, 1, 1, 12'000}, {LineKind::kHourly, 2, 1, 12'000}, {LineKind::kHourly, 2, 1, 3'000}});
  EXPECT_EQ(rating.lines[0].unit, "hours");
  EXPECT_EQ(rating.lines[2].unit, "hour_part");
  EXPECT_EQ(rating.lines[2].unit_price, 3'000);
  EXPECT_EQ(rating.totals.at("USD"), 27'000);
}

TEST(Rating, AfterHoursWorkIsChargedAtThePlansMultiplier) {
  Pricing p;
  p.model = Pricing::Model::kHourly;
  p.hourly_rate = 12'000;
  p.increment_minutes = 15;
  p.after_hours_percent = 150;
  const auto rating = Rate(Input(PlanWith(p), {{1}}, {{1, 30, "2026-11-02"}, {1, 20, "2026-11-02", Activity::kCallOut}}));
  // | kind   | ticket | minutes           | rate          | amount              |
  // | hourly | 1      | 30                | 120.00        | 30/60 × 12,000 = 6,000 |
  // | hourly | 1      | 20 → 30 after hrs | 180.00 (150%) | 30/60 × 18,000 = 9,000 |
  ExpectLines(rating, {{LineKind::kHourly, 1, 1, 6'000}, {LineKind::kHourly, 1, 1, 9'000}});
  EXPECT_NE(rating.lines[1].description.find("30 minutes after hours (30/60 of USD 180.00 an hour)"), std::string::npos)
      << rating.lines[1].description;
}

// The line: 75 after-hours minutes at 150% of 99.99 used to show 75 minutes at 14,999 and
// charge 18,748, which no one can recompute. Now each line is quantity × unit price.
TEST(Rating, ALineReconcilesOnItsOwnToTheMinorUnit) {
  Pricing p;
  p.model = Pricing::Model::kHourly;
  p.hourly_rate = 9'999;
  p.increment_minutes = 15;
  p.after_hours_percent = 150;
  const auto rating = Rate(Input(PlanWith(p), {{1}}, {{1, 75, "2026-11-02", Activity::kCallOut}}));
  // The after-hours hourly price is rounded half up once: 9,999 × 150% = 14,998.5 → 14,999.
  // | kind   | ticket | quantity    | unit price | amount                         |
  // | hourly | 1      | 1 hours     | 14,999     | 14,999                         |
  // | hourly | 1      | 1 hour_part | 3,750      | 15/60 × 14,999 = 3,749.75 → 3,750 |
  ExpectLines(rating, {{LineKind::kHourly, 1, 1, 14'999}, {LineKind::kHourly, 1, 1, 3'750}});
  EXPECT_EQ(rating.lines[0].unit, "hours");
  EXPECT_EQ(rating.lines[0].unit_price, 14'999);
  EXPECT_EQ(rating.lines[1].unit, "hour_part");
  EXPECT_EQ(rating.totals.at("USD"), 18'749);
  EXPECT_EQ(HourlyPrice(9'999, 150), 14'999);
  EXPECT_EQ(HourlyPrice(9'999, 100), 9'999);
  // At the normal rate the lines come to exactly minutes × rate / 60, rounded half up once:
  // 1 × 9,999 + round(15 × 9,999 / 60 = 2,499.75) = 12,499 = round(75 × 9,999 / 60 = 12,498.75).
  const auto normal = Rate(Input(PlanWith(p), {{1}}, {{1, 75, "2026-11-02"}}));
  ExpectLines(normal, {{LineKind::kHourly, 1, 1, 9'999}, {LineKind::kHourly, 1, 1, 2'500}});
  EXPECT_EQ(normal.totals.at("USD"), MinutesAmount(75, 9'999));
}

TEST(Rating, MonthlyFeeDrawsIncludedHoursFirstThenChargesOverage) {
  Pricing p;
  p.model = Pricing::Model::kMonthlyFee;
  p.monthly_fee = 500'000;        // USD 5,000.00
  p.included_minutes = 600;       // 10 hours
  p.overage_hourly_rate = 15'000;
  p.increment_minutes = 15;
  const auto rating = Rate(Input(PlanWith(p), {{1}, {2}}, {{2, 300, "2026-11-10"}, {1, 390, "2026-11-02"}}));
  // | kind        | ticket | quantity               | amount                    |
  // | monthly_fee | –      | 1 month                | 500,000                   |
  // | included    | 1      | 390 minutes            | 0   (210 of 600 left)     |
  // | included    | 2      | 210 minutes            | 0   (none left)           |
  // | overage     | 2      | 90 minutes: 1 hour     | 15,000                    |
  // | overage     | 2      |   and 1 part of 30 min | 30 × 150/60 = 7,500       |
  ExpectLines(rating, {{LineKind::kMonthlyFee, 0, 1, 500'000},
                       {LineKind::kIncluded, 1, 390, 0},
                       {LineKind::kIncluded, 2, 210, 0},
                       {LineKind::kOverage, 2, 1, 15'000},
                       {LineKind::kOverage, 2, 1, 7'500}});
  EXPECT_EQ(rating.lines[0].unit, "months");
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
  // | kind        | ticket | quantity                     | amount                           |
  // | monthly_fee | –      | 1 month_part (10 of 30 days) | 300,000 × 10/30 = 100,000        |
  // | included    | 1      | 200 minutes                  | 0   (600 × 10/30 = 200 included) |
  // | overage     | 1      | 230 → 240, 40: 1 hour_part   | 40 × 150/60 = 10,000             |
  ExpectLines(rating, {{LineKind::kMonthlyFee, 0, 1, 100'000},
                       {LineKind::kIncluded, 1, 200, 0},
                       {LineKind::kOverage, 1, 1, 10'000}});
  EXPECT_EQ(rating.lines[0].unit, "month_part");
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
  // | pay_as_you_go    | 2      | 1 hour      | 15,000                |        |
  // | pay_as_you_go    | 2      | 1 part: 10  | 10 × 150/60 = 2,500   |        |
  ExpectLines(rating, {{LineKind::kPrepaidPurchase, 0, 1, 100'000},
                       {LineKind::kPrepaidDraw, 1, 90, 0},
                       {LineKind::kPrepaidDraw, 2, 30, 0},
                       {LineKind::kPrepaidDraw, 2, 600, 0},
                       {LineKind::kPayAsYouGo, 2, 1, 15'000},
                       {LineKind::kPayAsYouGo, 2, 1, 2'500}});
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
  EXPECT_EQ(asked.approvable, (std::vector<TicketId>{TicketId{2}}));

  // A billing clerk approves it: charged as pay as you go. Rejected: never charged, no line.
  in.decisions[2] = ApprovalDecision::kApproved;
  const auto approved = Rate(in);
  EXPECT_EQ(approved.lines.size(), 6u);
  EXPECT_EQ(approved.lines[4].kind, LineKind::kPayAsYouGo);
  EXPECT_EQ(approved.totals.at("USD"), 117'500);
  EXPECT_EQ(approved.approvable, asked.approvable);
  in.decisions[2] = ApprovalDecision::kRejected;
  const auto rejected = Rate(in);
  EXPECT_EQ(rejected.lines.size(), 4u);
  EXPECT_EQ(rejected.totals.at("USD"), 100'000);
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
  // | kind           | ticket | minutes                 | amount |
  // | out_of_scope   | 5      | 45 → 60, min 60: 1 hour | 20,000 |
  // | needs_approval | 6      | 30 (no quote)           | 0      |
  // (ticket 7: refused, never charged)
  ExpectLines(rating, {{LineKind::kOutOfScope, 5, 1, 20'000}, {LineKind::kNeedsApproval, 6, 30, 0}});
  EXPECT_EQ(rating.totals.at("USD"), 20'000);
  // The line has the currency of the plan the work falls under (it had none).
  EXPECT_EQ(rating.lines[1].currency, "USD");
  EXPECT_EQ(rating.approvable, (std::vector<TicketId>{TicketId{6}}));
}

TEST(Rating, ApprovedOutOfScopeWorkIsChargedAtThePlansOutOfScopeTerms) {
  Pricing p;
  p.model = Pricing::Model::kIncluded;
  p.currency = "EUR";
  p.increment_minutes = 15;
  auto plan = PlanWith(p);
  plan.out_of_scope = Plan::OutOfScope::kBillable;
  plan.out_of_scope_hourly_rate = 10'000;
  auto in = Input(plan, {{6, "out_of_scope_billable"}}, {{6, 40, "2026-11-02"}});
  ExpectLines(Rate(in), {{LineKind::kNeedsApproval, 6, 40, 0}});
  EXPECT_EQ(Rate(in).lines[0].currency, "EUR");
  in.decisions[6] = ApprovalDecision::kApproved;
  // | kind         | ticket | minutes         | amount                 |
  // | out_of_scope | 6      | 40 → 45: 1 part | 45 × 100/60 = 7,500    |
  ExpectLines(Rate(in), {{LineKind::kOutOfScope, 6, 1, 7'500}});
  // A plan that refuses out-of-scope work has no terms to charge it at: it still needs approval.
  in.segments[0].plan.out_of_scope = Plan::OutOfScope::kRefuse;
  ExpectLines(Rate(in), {{LineKind::kNeedsApproval, 6, 40, 0}});
  // A customer without an agreement: the partner's default currency.
  in.segments.clear();
  in.default_currency = "KRW";
  in.decisions.clear();
  EXPECT_EQ(Rate(in).lines.at(0).currency, "KRW");
}

TEST(Rating, AfterHoursMinutesAreTheShareOutsideTheServiceHoursUnlessACallOut) {
  CalendarSpec spec;  // weekdays 09:00-18:00 UTC
  for (int day = 0; day < 5; ++day) spec.intervals.push_back({day, 9 * 3600, 18 * 3600});
  const auto calendar = BusinessCalendar::Build(spec, ZoneRules::Fixed("UTC", 0), 2024, 2030);
  ASSERT_TRUE(calendar) << calendar.error().message;
  const std::int64_t monday = (*ParseDay("2026-11-02")) * 86400;
  // | worked at      | minutes | outside 09-18        | after hours |
  // | Mon 03:00      | 60      | all                  | 60          |
  // | Mon 12:00      | 60      | none                 | 0           |
  // | Mon 17:30      | 75      | 18:00-18:45          | 45          |
  // | Sat 12:00      | 30      | all (weekend)        | 30          |
  // | Mon 12:00 call | 60      | a call-out: all      | 60          |
  EXPECT_EQ(*AfterHoursMinutes(&*calendar, Activity::kRemote, monday + 3 * 3600, 60), 60);
  EXPECT_EQ(*AfterHoursMinutes(&*calendar, Activity::kOnSite, monday + 12 * 3600, 60), 0);
  EXPECT_EQ(*AfterHoursMinutes(&*calendar, Activity::kRemote, monday + 17 * 3600 + 1800, 75), 45);
  EXPECT_EQ(*AfterHoursMinutes(&*calendar, Activity::kRemote, monday + 5 * 86400 + 12 * 3600, 30), 30);
  EXPECT_EQ(*AfterHoursMinutes(&*calendar, Activity::kCallOut, monday + 12 * 3600, 60), 60);
  EXPECT_EQ(*AfterHoursMinutes(nullptr, Activity::kRemote, monday + 3 * 3600, 60), 0);  // 24x7
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
  // | charge: hourly  | 1 | 90 minutes: 1 hour + 1 part of 30 | 15,000 + 7,500 |
  // | cost: internal  | 1 | 30 minutes at 60.00 | 3,000 |
  // | cost: provider  | 1 | 60 minutes | 9,000 |
  // | cost: vendor    | 1 |            | 50,000 |
  ExpectLines(rating, {{LineKind::kHourly, 1, 1, 15'000}, {LineKind::kHourly, 1, 1, 7'500}});
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
  // | kind       | ticket | quantity                   | amount  |
  // | adjustment | 1      | +1 hour_part (30 minutes)  | +6,000  |
  // | adjustment | 2      | −1 hours                   | −12,000 |
  ASSERT_EQ(adjustments.size(), 2u);
  EXPECT_EQ(adjustments[0].ticket.value, 1);
  EXPECT_EQ(adjustments[0].quantity, 1);
  EXPECT_EQ(adjustments[0].unit, "hour_part");
  EXPECT_EQ(adjustments[0].amount, 6'000);
  EXPECT_EQ(adjustments[0].adjusts, "2026-10");
  EXPECT_EQ(adjustments[1].ticket.value, 2);
  EXPECT_EQ(adjustments[1].amount, -12'000);
  for (const auto& line : adjustments) EXPECT_EQ(line.quantity * line.unit_price, line.amount) << line.description;
  // Once charged, the same change adjusts nothing more.
  auto charged = closed;
  charged.insert(charged.end(), adjustments.begin(), adjustments.end());
  EXPECT_TRUE(Adjustments(october, charged, now).empty());
}

// No input overflows the money arithmetic (signed overflow is undefined; the UBSan build runs
// these). Products are taken in 128 bits; only sums past int64 saturate, far beyond any bound.
TEST(Rating, MoneyArithmeticNeverOverflows) {
  // 59 minutes at 2 × 10^15 an hour: 59 × 2 × 10^15 × 100 passes int64 before the division.
  EXPECT_EQ(MinutesAmount(59, 2'000'000'000'000'000), 1'966'666'666'666'667);  // 1.18e17 / 60, half up
  EXPECT_EQ(MinutesAmount(60, INT64_MAX, 500), INT64_MAX);                     // saturates
  EXPECT_EQ(HourlyPrice(INT64_MAX / 100, 150), (INT64_MAX / 100) / 2 * 3);     // 92,233,720,368,547,758 × 1.5
  EXPECT_EQ(Prorate(INT64_MAX, 15, 30), std::int64_t{1} << 62);                // (2^63 - 1) / 2, half up
  std::vector<ChargeLine> lines(3);
  for (auto& line : lines) {
    line.amount = INT64_MAX;
    line.currency = "USD";
  }
  EXPECT_EQ(Totals(lines).at("USD"), INT64_MAX);
}

// The largest a plan allows (10^12 minor units an hour, 500% after hours, 60-minute increments)
// over a month of the largest entries (1440 minutes, every day, 20 tickets, half of them
// call-outs): every line reconciles and the totals are the exact sums.
TEST(Rating, AMonthOfMaximumEntriesAtMaximumRatesStaysExact) {
  __extension__ typedef __int128 Wide;
  const auto check = [](const Rating& rating, Wide expected_total, const char* model) {
    Wide sum = 0;
    for (const auto& line : rating.lines) {
      EXPECT_EQ(Wide{line.quantity} * line.unit_price, Wide{line.amount}) << model << ": " << line.description;
      EXPECT_GE(line.amount, 0) << model << ": " << line.description;
      sum += line.amount;
    }
    ASSERT_EQ(rating.totals.count("USD"), 1u) << model;
    EXPECT_TRUE(Wide{rating.totals.at("USD")} == sum) << model;
    EXPECT_TRUE(sum == expected_total) << model << ": " << static_cast<std::int64_t>(sum);
  };
  Pricing p;
  p.currency = "USD";
  p.increment_minutes = 60;
  p.minimum_minutes = 480;
  p.after_hours_percent = 500;
  p.hourly_rate = kMaxMoneyAmount;
  p.per_incident = kMaxMoneyAmount;
  p.monthly_fee = kMaxMoneyAmount;
  p.overage_hourly_rate = kMaxMoneyAmount;
  p.block_size = kMaxPlanQuantity;
  p.block_price = kMaxMoneyAmount;
  std::vector<T> tickets;
  std::vector<E> entries;
  std::vector<std::string> days;
  for (Day day = FirstDay(kNovember); day <= LastDay(kNovember); ++day) days.push_back(FormatDay(day));
  for (std::int64_t t = 1; t <= 20; ++t) {
    tickets.push_back({t});
    for (const auto& day : days) {
      entries.push_back({t, kMaxTimeEntryMinutes, day.c_str(), t % 2 == 0 ? Activity::kCallOut : Activity::kRemote});
    }
  }
  // Per ticket 30 × 1440 minutes = 720 hours: at 10^12, or (call-outs) at 5 × 10^12.
  const Wide per_normal = Wide{720} * kMaxMoneyAmount, per_after_hours = Wide{720} * 5 * kMaxMoneyAmount;
  const Wide hourly = 10 * per_normal + 10 * per_after_hours;  // 4.32 × 10^16
  p.model = Pricing::Model::kHourly;
  check(Rate(Input(PlanWith(p), tickets, entries)), hourly, "hourly");
  // The fee, then every minute beyond 600 included ones, which ticket 1 (normal minutes; the
  // first in order of work) draws.
  p.model = Pricing::Model::kMonthlyFee;
  p.included_minutes = 600;
  check(Rate(Input(PlanWith(p), tickets, entries)), kMaxMoneyAmount + hourly - 10 * Wide{kMaxMoneyAmount},
        "monthly_fee");
  // No blocks bought: everything is pay as you go at the hourly rate.
  p.model = Pricing::Model::kPrepaidBlock;
  check(Rate(Input(PlanWith(p), tickets, entries)), hourly, "prepaid_block");
  // Out of scope at a quote of 10^12: all minutes at its rate.
  Plan plan = PlanWith(p);
  std::vector<T> out_of_scope = tickets;
  for (auto& t : out_of_scope) t.scope = "out_of_scope_billable";
  auto in = Input(plan, out_of_scope, entries);
  for (auto& ticket : in.tickets) ticket.quote = {"USD", kMaxMoneyAmount, 60, 480};
  check(Rate(in), 20 * per_normal, "out_of_scope");
}

// Included hours and prepaid blocks both take after-hours minutes first: what is left to pay is
// charged at the normal rate where it can be.
TEST(Rating, IncludedHoursAndPrepaidBlocksCoverAfterHoursMinutesFirst) {
  Pricing p;
  p.model = Pricing::Model::kMonthlyFee;
  p.monthly_fee = 100'000;
  p.included_minutes = 60;
  p.overage_hourly_rate = 10'000;
  p.after_hours_percent = 200;
  p.increment_minutes = 15;
  // Ticket 1: 60 normal minutes and a 60-minute call-out; the included hour takes the call-out.
  // | monthly_fee | – | 1 month        | 100,000 |
  // | included    | 1 | 60 minutes     | 0       |
  // | overage     | 1 | 1 hour normal  | 10,000  |
  const auto monthly = Rate(Input(PlanWith(p), {{1}}, {{1, 60, "2026-11-02"}, {1, 60, "2026-11-03", Activity::kCallOut}}));
  ExpectLines(monthly, {{LineKind::kMonthlyFee, 0, 1, 100'000}, {LineKind::kIncluded, 1, 60, 0}, {LineKind::kOverage, 1, 1, 10'000}});
  // The same with a one-hour prepaid block: pay as you go for the normal hour only.
  p.model = Pricing::Model::kPrepaidBlock;
  p.block_unit = Pricing::BlockUnit::kHours;
  p.hourly_rate = 10'000;
  auto in = Input(PlanWith(p), {{1}}, {{1, 60, "2026-11-02"}, {1, 60, "2026-11-03", Activity::kCallOut}});
  in.blocks = {{11, Pricing::BlockUnit::kHours, 60, 60, D("2026-10-01"), 0, "USD"}};
  ExpectLines(Rate(in), {{LineKind::kPrepaidDraw, 1, 60, 0}, {LineKind::kPayAsYouGo, 1, 1, 10'000}});
}

// An entry that runs past the calendar's years (2099-12-31 23:00 in New York, 120 minutes) is
// clamped to them: the minutes in 2100 count as within service hours, as without a calendar.
TEST(Rating, AfterHoursMinutesAreClampedToTheCalendarsYears) {
  CalendarSpec spec;  // every day 09:00-18:00, UTC-5 (New York in winter)
  for (int day = 0; day < 7; ++day) spec.intervals.push_back({day, 9 * 3600, 18 * 3600});
  const auto calendar = BusinessCalendar::Build(spec, ZoneRules::Fixed("EST", -5 * 3600));
  ASSERT_TRUE(calendar) << calendar.error().message;
  const std::int64_t worked_at = (*ParseDay("2100-01-01")) * 86400 + 4 * 3600;  // 23:00 local on Dec 31
  // | 23:00-24:00 Dec 31 2099 | closed         | 60 after hours |
  // | 00:00-01:00 Jan 1 2100  | beyond 2099    | counted normal |
  const auto after_hours = AfterHoursMinutes(&*calendar, Activity::kRemote, worked_at, 120);
  ASSERT_TRUE(after_hours) << after_hours.error().message;
  EXPECT_EQ(*after_hours, 60);
  // Before 2000 likewise.
  const std::int64_t early = (*ParseDay("2000-01-01")) * 86400 + 4 * 3600;  // 23:00 local on Dec 31 1999
  EXPECT_EQ(AfterHoursMinutes(&*calendar, Activity::kRemote, early, 120).value_or(-1), 60);
}

TEST(Rating, PeriodsAreCalendarMonths) {
  EXPECT_EQ(FormatBillingPeriod(*ParseBillingPeriod("2026-02")), "2026-02");
  EXPECT_EQ(LastDay({2026, 2}) - FirstDay({2026, 2}) + 1, 28);
  EXPECT_EQ(LastDay({2028, 2}) - FirstDay({2028, 2}) + 1, 29);
  EXPECT_EQ(NextPeriod({2026, 12}), (BillingPeriod{2027, 1}));
  EXPECT_EQ(PeriodOf(D("2026-11-30")), kNovember);
  EXPECT_EQ(FormatBillingPeriod(*ParseBillingPeriod("2000-01")), "2000-01");
  EXPECT_EQ(FormatBillingPeriod(*ParseBillingPeriod("2099-12")), "2099-12");
  // Only the years tierdesk keeps: 2000 to 2099.
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "abcd-ef", "1999-12", "2100-01", "1970-01",
                          "9999-12"}) {
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
