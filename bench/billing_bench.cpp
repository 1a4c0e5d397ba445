// bench/billing_bench.cpp: rating one month for 10,000 customers with 1,000,000 time entries in
// all (100 each over 10 tickets), the customers spread over every pricing model, on one core.
// Target: the whole month in at most 2 s. The inputs are built once; what is timed is rating.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "core/billing/rating.hpp"

namespace {

using namespace tierdesk;

constexpr core::BillingPeriod kMonth{2026, 11};
constexpr int kCustomers = 10'000;
constexpr int kTicketsPerCustomer = 10;
constexpr int kEntriesPerTicket = 10;

core::Plan PlanFor(int customer) {
  core::Plan plan;
  plan.name = std::string("plan ").append(1, static_cast<char>('0' + customer % 5));
  auto& p = plan.pricing;
  p.currency = customer % 2 == 0 ? "KRW" : "USD";
  p.increment_minutes = 15;
  switch (customer % 5) {
    case 0: p.model = core::Pricing::Model::kIncluded; break;
    case 1:
      p.model = core::Pricing::Model::kPerIncident;
      p.per_incident = 250'000;
      break;
    case 2:
      p.model = core::Pricing::Model::kHourly;
      p.hourly_rate = 120'000;
      p.minimum_minutes = 30;
      p.after_hours_percent = 150;
      break;
    case 3:
      p.model = core::Pricing::Model::kMonthlyFee;
      p.monthly_fee = 1'500'000;
      p.included_minutes = 600;
      p.overage_hourly_rate = 110'000;
      break;
    default:
      p.model = core::Pricing::Model::kPrepaidBlock;
      p.block_unit = core::Pricing::BlockUnit::kHours;
      p.hourly_rate = 130'000;
      break;
  }
  return plan;
}

std::vector<core::RatingInput> Month() {
  std::mt19937_64 random(20261124);
  std::vector<core::RatingInput> inputs;
  inputs.reserve(kCustomers);
  std::int64_t entry_id = 0, ticket_id = 0;
  const core::Day first = core::FirstDay(kMonth);
  for (int c = 0; c < kCustomers; ++c) {
    core::RatingInput in;
    in.customer = OrgId{c + 1};
    in.period = kMonth;
    // One customer in twenty changed plans in the middle of the month.
    if (c % 20 == 0) {
      in.segments.push_back({AgreementId{2 * c + 1}, PlanFor(c), first, first + 14});
      in.segments.push_back({AgreementId{2 * c + 2}, PlanFor(c + 1), first + 15, core::LastDay(kMonth)});
    } else {
      in.segments.push_back({AgreementId{2 * c + 1}, PlanFor(c), first, core::LastDay(kMonth)});
    }
    for (int t = 0; t < kTicketsPerCustomer; ++t) {
      core::RatedTicket ticket;
      ticket.id = TicketId{++ticket_id};
      ticket.subject = "Mailbox migration stalls";
      ticket.scope = t == 9 ? "out_of_scope_billable" : "in_scope";
      if (t == 9) ticket.quote = {in.segments[0].plan.pricing.currency, 180'000, 15, 30};
      if (t % 3 == 0) ticket.resolved_on = first + static_cast<core::Day>(random() % 30);
      for (int e = 0; e < kEntriesPerTicket; ++e) {
        core::RatedEntry entry;
        entry.id = ++entry_id;
        entry.ticket = ticket.id;
        entry.minutes = 5 + static_cast<std::int64_t>(random() % 90);
        entry.billable = random() % 10 != 0;
        entry.activity = random() % 8 == 0 ? core::Activity::kAfterHours : core::Activity::kRemote;
        entry.day = first + static_cast<core::Day>(random() % 30);
        entry.by_provider = random() % 6 == 0;
        if (entry.by_provider) {
          entry.cost_currency = "KRW";
          entry.cost_amount = entry.minutes * 1000;
        }
        in.entries.push_back(entry);
      }
      in.tickets.push_back(std::move(ticket));
    }
    if (c % 5 == 4) {
      in.blocks.push_back({c + 1, core::Pricing::BlockUnit::kHours, 1200, 600 + static_cast<std::int64_t>(random() % 600),
                           first - 40, 2'200'000, "KRW"});
    }
    in.internal_cost_currency = "KRW";
    in.internal_hourly_cost = 45'000;
    inputs.push_back(std::move(in));
  }
  return inputs;
}

void BM_RateMonth(benchmark::State& state) {
  const auto inputs = Month();
  std::int64_t lines = 0;
  for (auto _ : state) {
    lines = 0;
    for (const auto& input : inputs) {
      const auto rating = core::Rate(input);
      lines += static_cast<std::int64_t>(rating.lines.size());
      benchmark::DoNotOptimize(rating.totals);
    }
  }
  state.counters["customers"] = kCustomers;
  state.counters["entries"] = kCustomers * kTicketsPerCustomer * kEntriesPerTicket;
  state.counters["lines"] = static_cast<double>(lines);
}
BENCHMARK(BM_RateMonth)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
