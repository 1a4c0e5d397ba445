// app/billing/billing.hpp
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "core/billing/ledger.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::billing {

// One customer's statement for a period: its lines (with the adjustments this period makes to
// closed ones), the partner's costs, totals by currency, and usage (open periods only).
struct Statement {
  OrgId customer;
  std::string customer_name;
  std::string locale;  // the customer's, for the printed statement
  std::string period;
  bool closed = false;
  std::optional<Timestamp> closed_at;
  std::vector<core::ChargeLine> lines;
  std::vector<core::CostLine> costs;
  std::map<std::string, std::int64_t> totals;
  std::optional<core::Usage> usage;
  std::vector<core::BlockDraw> draws;
};

// Periods are calendar months of the partner's time zone ("2026-11"). A customer has a statement
// for a period when an agreement of its runs in it or something was charged in it.
// Previews rate open periods as of now and show closed ones as they were frozen. Admins,
// supervisors and billing clerks; customer: one customer, else everyone.
Result<std::vector<Statement>> Preview(const AppContext& ctx, const core::Actor& actor, std::string_view period,
                                       std::optional<OrgId> customer);

// Freezes the period's lines, costs and prepaid draws for each customer (admins and billing
// clerks); a customer closed already keeps what it has (closing twice changes nothing). The
// period must be over (kConflict "period-not-over"). Returns every statement, and how many were
// closed now.
struct Closed {
  std::vector<Statement> statements;
  int closed_now = 0;
};
Result<Closed> Close(const AppContext& ctx, const core::Actor& actor, std::string_view period,
                     std::optional<OrgId> customer);

// A customer's current period so far, as the customer may see it: its lines, totals and usage,
// never the partner's costs. Customer admins: their own; billing readers: any customer.
Result<Statement> CurrentUsage(const AppContext& ctx, const core::Actor& actor, std::optional<OrgId> customer);

// Revenue against costs per customer and currency for a period (admins, supervisors, billing).
struct MarginRow {
  OrgId customer;
  std::string customer_name;
  std::string currency;
  std::int64_t revenue = 0;
  std::int64_t internal_cost = 0;
  std::int64_t provider_cost = 0;
  std::int64_t vendor_cost = 0;
  std::int64_t margin() const { return revenue - internal_cost - provider_cost - vendor_cost; }
};
Result<std::vector<MarginRow>> Margin(const AppContext& ctx, const core::Actor& actor, std::string_view period);

// Prepaid blocks: admins and billing clerks sell them (default: the plan's block size and price);
// billing readers and the customer's admins list them with what is left. An id that is not a
// customer the actor sees (another kind of organisation, or none) is kNotFound for both.
struct NewPrepaidBlock {
  OrgId customer;
  std::optional<std::int64_t> quantity;  // hours or incidents, as the plan's block unit
  std::optional<std::string> purchased_on;  // YYYY-MM-DD; default today
};
struct BlockBalance {
  core::PrepaidPurchase block;
  std::int64_t left = 0;  // after closed periods
};
Result<core::PrepaidPurchase> SellPrepaidBlock(const AppContext& ctx, const core::Actor& actor, NewPrepaidBlock input);
Result<std::vector<BlockBalance>> ListPrepaidBlocks(const AppContext& ctx, const core::Actor& actor, OrgId customer);

// ---- Time: corrections and timers --------------------------------------------------------------

// Edits a time entry (If-Match). Its author (or partner staff) may edit it until its period is
// closed; afterwards only admins and billing clerks may, and the change is charged as an
// adjustment in the next period that closes.
struct TimePatch {
  std::optional<std::int64_t> minutes;
  std::optional<std::string> note;
  std::optional<bool> billable;
  std::optional<core::Activity> activity;
  std::optional<Timestamp> worked_at;
};
Result<core::TimeEntry> EditTimeEntry(const AppContext& ctx, const core::Actor& actor, TicketId ticket,
                                      std::int64_t entry, TimePatch patch, std::optional<std::int64_t> expected_version);

// One running timer per user; stopping it logs the time (at least a minute) on its ticket.
Result<core::Timer> StartTimer(const AppContext& ctx, const core::Actor& actor, TicketId ticket);
struct StopInput {
  std::string note;
  bool billable = true;
  core::Activity activity = core::Activity::kRemote;
};
Result<core::TimeEntry> StopTimer(const AppContext& ctx, const core::Actor& actor, TicketId ticket, StopInput input);
Result<std::optional<core::Timer>> RunningTimer(const AppContext& ctx, const core::Actor& actor);

// The month of the partner's calendar a moment falls in, and whether it is closed for the customer.
struct CustomerMonth {
  std::string name;  // "2026-11"
  bool closed = false;
};
Result<CustomerMonth> MonthOf(const AppContext& ctx, core::ReadTx& tx, OrgId customer, Timestamp at);

// For logging time (app/routing): refuses time in a period closed for the ticket's customer
// (kConflict "period-closed"), and after billable time on a prepaid plan raises a
// billing.low_balance event when the customer's balance has just become low.
Status CheckPeriodOpen(const AppContext& ctx, core::ReadTx& tx, OrgId customer, Timestamp worked_at);
Status AfterTimeLogged(const AppContext& ctx, core::WriteTx& tx, const core::Ticket& ticket,
                       const core::TimeEntry& entry);
// Of time worked on a ticket under `plan`, the minutes outside the plan's service hours (none
// without a plan or with 24x7 hours); all of them for a call-out (core::AfterHoursMinutes).
Result<std::int64_t> AfterHoursMinutes(const AppContext& ctx, core::ReadTx& tx, const std::optional<core::Plan>& plan,
                                       core::Activity activity, Timestamp worked_at, std::int64_t minutes);

// ---- Work that needs approval ------------------------------------------------------------------

// A billing clerk (or admin) approves or rejects a ticket's work that needs approval in a
// customer's period (prepaid blocks ran out on a plan that asks first, or out-of-scope work
// without an accepted quote). Every decision is kept with who and when, and written on the ticket
// (billing.approved / billing.rejected); the latest applies. Approved work is charged in the open
// period: in place when the period is open, as an adjustment in the next period to close when it
// is closed. kNotFound: a customer the actor does not see, or a ticket not the customer's;
// kConflict "nothing-to-approve": the ticket has no such work in the period; "no-rate": the
// customer's terms set no price to charge it at.
struct NewApproval {
  OrgId customer;
  TicketId ticket;
  core::ApprovalDecision decision = core::ApprovalDecision::kApproved;
  std::string note;
};
Result<core::BillingApproval> DecideApproval(const AppContext& ctx, const core::Actor& actor, std::string_view period,
                                             NewApproval input);
// Every decision of the period, oldest first (billing readers): one customer's or everyone's.
Result<std::vector<core::BillingApproval>> ListApprovals(const AppContext& ctx, const core::Actor& actor,
                                                         std::string_view period, std::optional<OrgId> customer);

// ---- Export --------------------------------------------------------------------------------

// The stable CSV column set (docs/billing.md), one row per line, header first.
// One customer's statement for a period, for whoever may read it: billing staff as Preview shows it
// (open periods rated as of now), the customer's own admins (kReadOwnUsage) once the period is
// closed for it, the statement it is billed by; before that there is none for them (kNotFound).
// Another organisation's customer: kNotFound.
Result<Statement> CustomerStatement(const AppContext& ctx, const core::Actor& actor, std::string_view period,
                                    OrgId customer);
// The periods closed for the customer, newest first: its issued statements (billing staff, or the
// customer's own admins).
Result<std::vector<core::ClosedPeriod>> ListIssuedStatements(const AppContext& ctx, const core::Actor& actor,
                                                             OrgId customer);
std::string StatementsCsv(const std::vector<Statement>& statements);
// A printable statement, in English or Korean ("ko"). Its only style is kStatementStyle, inline:
// the HTTP layer admits that stylesheet by its hash in the page's Content-Security-Policy.
std::string StatementHtml(const Statement& statement, std::string_view language);
inline constexpr std::string_view kStatementStyle =
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}"
    "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.4em;text-align:left}"
    "td.n,th.n{text-align:right;white-space:nowrap}tfoot td{font-weight:bold;border-top:2px solid #111}"
    "@media print{body{margin:0}}";

}  // namespace tierdesk::app::billing
