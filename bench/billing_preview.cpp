// bench/billing_preview.cpp: a month's preview end to end on the embedded SQLite store: 10,000
// customers on agreements, 100,000 tickets and 1,000,000 time entries in the month, loaded in one
// read transaction and rated (app::billing::Preview). Seeds a fresh data directory once (given as
// the first argument), then times three previews and prints the figures.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "app/billing/billing.hpp"
#include "app/setup/setup.hpp"
#include "cli/runtime.hpp"

namespace {

using namespace tierdesk;
using Stopwatch = std::chrono::steady_clock;

constexpr int kCustomers = 10'000;
constexpr int kTicketsPerCustomer = 10;
constexpr int kEntriesPerTicket = 10;

double Seconds(Stopwatch::time_point since) { return std::chrono::duration<double>(Stopwatch::now() - since).count(); }

int Complain(const Error& error) {
  std::fprintf(stderr, "billing_preview: %s %s\n", error.message.c_str(), error.detail.c_str());
  return 1;
}

Status Seed(cli::Runtime& runtime) {
  const auto ctx = runtime.Context();
  app::setup::InitInput init{"Bench Partner", "admin@bench.example", "Admin", "bench-password-2026", "Asia/Seoul"};
  const auto admin = TD_TRY(app::setup::InitPartner(ctx, init)).admin;
  const Timestamp now = runtime.clock.Now();
  std::vector<core::Plan> plans(5);
  std::mt19937_64 random(20261124);
  const auto month = core::PeriodOf(std::chrono::floor<std::chrono::days>(now).time_since_epoch().count());
  const auto start = Timestamp(std::chrono::days(core::FirstDay(month))) + std::chrono::hours(1);
  return runtime.store->Write([&](core::WriteTx& tx) -> Status {
    const auto partner = TD_TRY(tx.FindPartner());
    for (int m = 0; m < 5; ++m) {
      auto& plan = plans[static_cast<std::size_t>(m)];
      plan.name = std::string("Plan ").append(1, static_cast<char>('A' + m));
      plan.coverage = {{"m365", core::Category::kTechnical}};
      plan.channels = {{core::ContactChannel::Kind::kPortal, "", {}}};
      auto& p = plan.pricing;
      p.currency = "KRW";
      p.model = static_cast<core::Pricing::Model>(m);
      p.per_incident = 250'000;
      p.hourly_rate = 120'000;
      p.monthly_fee = 1'500'000;
      p.included_minutes = 600;
      p.overage_hourly_rate = 110'000;
      p.block_size = 20;
      p.block_price = 2'200'000;
      TD_CHECK(tx.InsertPlan(plan, now));
    }
    for (int c = 0; c < kCustomers; ++c) {
      core::Organization org;
      org.kind = core::OrgKind::kCustomer;
      org.name = "Customer " + std::to_string(c + 1);
      org.parent_id = partner->id;
      org.created_at = now;
      TD_CHECK(tx.InsertOrganization(org));
      core::Agreement agreement;
      agreement.customer_id = org.id;
      agreement.plan_id = plans[static_cast<std::size_t>(c % 5)].id;
      agreement.start = core::DaysFromCivil(2026, 1, 1);
      agreement.prepaid_minutes = c % 5 == 4 ? 1200 : 0;
      agreement.created_at = now;
      TD_CHECK(tx.InsertAgreement(agreement));
      for (int t = 0; t < kTicketsPerCustomer; ++t) {
        core::Ticket ticket;
        ticket.customer_id = org.id;
        ticket.requester_id = admin.id;
        ticket.service = "m365";
        ticket.subject = "Mailbox migration stalls";
        ticket.status = t % 3 == 0 ? core::TicketStatus::kResolved : core::TicketStatus::kOpen;
        ticket.created_at = start;
        ticket.updated_at = start + std::chrono::hours(static_cast<int>(random() % 500));
        TD_CHECK(tx.InsertTicket(ticket));
        for (int e = 0; e < kEntriesPerTicket; ++e) {
          core::TimeEntry entry;
          entry.ticket_id = ticket.id;
          entry.user_id = admin.id;
          entry.org_id = partner->id;
          entry.minutes = 5 + static_cast<std::int64_t>(random() % 90);
          entry.billable = random() % 10 != 0;
          entry.activity = random() % 8 == 0 ? core::Activity::kAfterHours : core::Activity::kRemote;
          entry.worked_at = start + std::chrono::minutes(static_cast<int>(random() % (20 * 24 * 60)));
          entry.created_at = entry.worked_at;
          TD_CHECK(tx.InsertTimeEntry(entry));
        }
      }
    }
    return Ok();
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: billing_preview DATA_DIR\n");
    return 2;
  }
  cli::Config config;
  config.data_dir = argv[1];
  config.synchronous = "NORMAL";
  config.password_hash = "minimum";
  const bool fresh = !std::filesystem::exists(config.DatabasePath());
  auto runtime = cli::OpenRuntime(config);
  if (!runtime) return Complain(runtime.error());
  if (fresh) {
    const auto seeding = Stopwatch::now();
    if (auto seeded = Seed(**runtime); !seeded) return Complain(seeded.error());
    std::printf("seeded %d customers, %d tickets, %d time entries in %.1f s\n", kCustomers,
                kCustomers * kTicketsPerCustomer, kCustomers * kTicketsPerCustomer * kEntriesPerTicket, Seconds(seeding));
  }
  auto actor = cli::OperatorActor(**runtime);
  if (!actor) return Complain(actor.error());
  const auto ctx = (*runtime)->Context();
  const auto today = std::chrono::floor<std::chrono::days>((*runtime)->clock.Now() + std::chrono::hours(9));
  const auto period = core::FormatBillingPeriod(core::PeriodOf(today.time_since_epoch().count()));
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    const auto started = Stopwatch::now();
    auto statements = app::billing::Preview(ctx, *actor, period, std::nullopt);
    const double took = Seconds(started);
    if (!statements) return Complain(statements.error());
    std::size_t lines = 0;
    for (const auto& s : *statements) lines += s.lines.size();
    std::printf("preview %s: %zu statements, %zu lines in %.0f ms\n", period.c_str(), statements->size(), lines,
                took * 1000);
    best = std::min(best, took);
  }
  // Where the time goes: the two big reads on their own.
  const auto from = Timestamp(std::chrono::days(core::FirstDay(*core::ParseBillingPeriod(period)))) - std::chrono::hours(9);
  const auto to = from + std::chrono::days(31);
  auto phase = Stopwatch::now();
  auto entries = core::ReadValue<std::size_t>(*(*runtime)->store, [&](core::ReadTx& tx) -> Result<std::size_t> {
    return TD_TRY(tx.ListPeriodEntries(from, to, OrgId{})).size();
  });
  std::printf("  reading the month's time entries: %zu in %.0f ms\n", entries.value_or(0), Seconds(phase) * 1000);
  phase = Stopwatch::now();
  auto tickets = core::ReadValue<std::size_t>(*(*runtime)->store, [&](core::ReadTx& tx) -> Result<std::size_t> {
    return TD_TRY(tx.ListPeriodTickets(from, to, OrgId{})).size();
  });
  std::printf("  reading the month's tickets: %zu in %.0f ms\n", tickets.value_or(0), Seconds(phase) * 1000);
  std::printf("PREVIEW_MS %.0f\n", best * 1000);
  return 0;
}
