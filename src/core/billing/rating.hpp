// core/billing/rating.hpp
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/calendar.hpp"
#include "core/offering/agreement.hpp"
#include "core/offering/plan.hpp"
#include "core/routing/work.hpp"

namespace tierdesk::core {

// A billing period: one calendar month of the partner's calendar, written "2026-11".
struct BillingPeriod {
  int year = 1970;
  int month = 1;
  auto operator<=>(const BillingPeriod&) const = default;
};
std::optional<BillingPeriod> ParseBillingPeriod(std::string_view text);
std::string FormatBillingPeriod(BillingPeriod period);
BillingPeriod NextPeriod(BillingPeriod period);
BillingPeriod PeriodOf(Day day);
Day FirstDay(BillingPeriod period);
Day LastDay(BillingPeriod period);

// What rating needs of a time entry worked in the period.
struct RatedEntry {
  std::int64_t id = 0;
  TicketId ticket;
  std::int64_t minutes = 0;
  bool billable = true;
  Activity activity = Activity::kRemote;
  Day day = 0;                        // the partner's calendar day it was worked on
  bool by_provider = false;           // a provider's agent: the provider's cost
  std::string cost_currency = {};     // the provider's cost, fixed when the time was logged
  std::int64_t cost_amount = 0;
  std::int64_t after_hours_minutes = 0;  // of minutes: charged at the after-hours percentage
};

// What rating needs of a ticket with time in the period or first resolved in it.
struct RatedTicket {
  TicketId id;
  std::string subject;
  std::string scope = "in_scope";  // in_scope, out_of_scope_billable, refused
  Quote quote;                     // out of scope: the quote the customer accepted (currency empty: none)
  std::optional<Day> resolved_on;  // the first time it was resolved (or closed): an incident is counted then
};

// A prepaid block (hours as minutes, or incidents) with what was left of it when the period began.
// The agreement's opening balance is a block with no price.
struct PrepaidBlock {
  std::int64_t id = 0;
  Pricing::BlockUnit unit = Pricing::BlockUnit::kHours;
  std::int64_t quantity = 0;
  std::int64_t remaining = 0;
  Day purchased_on = 0;
  std::int64_t price = 0;
  std::string currency = {};
};

// One agreement's days inside the period, with its plan as it applies to the customer.
struct AgreementSegment {
  AgreementId agreement;
  Plan plan;
  Day first = 0;
  Day last = 0;
};

struct VendorCost {
  TicketId ticket;
  std::string description;
  std::string currency;
  std::int64_t amount = 0;
};

// A billing clerk's decision on work that needs approval (LineKind::kNeedsApproval).
enum class ApprovalDecision { kApproved, kRejected };
std::string_view ToString(ApprovalDecision decision);
std::optional<ApprovalDecision> ParseApprovalDecision(std::string_view text);

struct RatingInput {
  OrgId customer;
  BillingPeriod period;
  std::vector<AgreementSegment> segments;  // in day order, not overlapping
  std::vector<RatedTicket> tickets;
  std::vector<RatedEntry> entries;
  std::vector<PrepaidBlock> blocks;  // in order of purchase
  std::vector<VendorCost> vendor_costs;
  std::string internal_cost_currency = {};  // the partner's cost of its own people's hour
  std::int64_t internal_hourly_cost = 0;
  int low_balance_percent = 20;  // prepaid: low when at most this share of the blocks is left
  // The latest decision on each ticket's work that needs approval in the period, by ticket id:
  // approved work is charged (prepaid: pay as you go; out of scope: at the plan's out-of-scope
  // terms); rejected work is never charged and shows no line.
  std::map<std::int64_t, ApprovalDecision> decisions = {};
  // The currency of lines no agreement of the period prices (out-of-scope work of a customer
  // without one): the partner's default plan's.
  std::string default_currency = "USD";
};

enum class LineKind {
  kIncluded,         // work covered by the plan: no charge, usage recorded
  kIncident,         // per incident
  kHourly,           // hourly work
  kMonthlyFee,       // the monthly fee (prorated for a partial month)
  kOverage,          // hours beyond the monthly fee's included hours
  kPrepaidPurchase,  // a prepaid block bought in the period
  kPrepaidDraw,      // work drawn from a prepaid block: no charge
  kPayAsYouGo,       // work after the prepaid blocks ran out, at the plan's rate
  kNeedsApproval,    // work after the blocks ran out on a plan that asks first, or out-of-scope work without a quote: not charged
  kOutOfScope,       // out-of-scope work at the accepted quote
  kAdjustment,       // a change to a closed period, charged in a later one
};
std::string_view ToString(LineKind kind);
std::optional<LineKind> ParseLineKind(std::string_view text);

// One line of a statement, saying where it comes from. Every line reconciles on its own:
// quantity × unit_price == amount, exactly, in minor units (docs/billing.md "Rounding"). quantity
// is in unit, and unit_price is per that unit:
//   "hours"      whole hours of time, at the hourly price;
//   "hour_part"  1: the rest of an hour (the minutes are in the description), at its share of the
//                hourly price rounded half up;
//   "months"     1: a whole month's fee;  "month_part"  1: a prorated fee;
//   "incidents", "blocks": one each;
//   "minutes"    usage that is not charged (included, prepaid draws, needs approval): price 0.
struct ChargeLine {
  LineKind kind = LineKind::kIncluded;
  TicketId ticket;
  std::string description;
  std::string rule;  // the plan term applied, e.g. "hourly: 15-minute increments, 60 minutes minimum"
  std::int64_t quantity = 0;
  std::string unit;
  std::int64_t unit_price = 0;
  std::int64_t amount = 0;
  std::string currency;
  std::vector<std::int64_t> entries = {};  // the time entries behind it
  std::int64_t block = 0;                  // the prepaid block drawn from or bought
  std::string adjusts = {};                // adjustments: the closed period they correct

  bool operator==(const ChargeLine&) const = default;
};

// The partner's costs of the customer's support: its own people's time at the internal rate,
// providers' time at their cost, Microsoft's at the entitlement's cost.
enum class CostKind { kInternal, kProvider, kVendor };
std::string_view ToString(CostKind kind);
std::optional<CostKind> ParseCostKind(std::string_view text);
struct CostLine {
  CostKind kind = CostKind::kInternal;
  TicketId ticket;
  std::string description;
  std::int64_t amount = 0;
  std::string currency;

  bool operator==(const CostLine&) const = default;
};

struct BlockDraw {
  std::int64_t block = 0;
  std::int64_t quantity = 0;
  bool operator==(const BlockDraw&) const = default;
};

struct Usage {
  std::int64_t billable_minutes = 0;  // rounded, as charged or drawn
  std::int64_t included_minutes = 0;  // the monthly fee's hours for the period (prorated)
  std::int64_t included_used = 0;
  std::int64_t incidents = 0;         // tickets counted as incidents
  std::int64_t prepaid_minutes_left = 0;
  std::int64_t prepaid_incidents_left = 0;
  bool low_balance = false;
  bool operator==(const Usage&) const = default;
};

struct Rating {
  std::vector<ChargeLine> lines;
  std::vector<CostLine> costs;
  std::map<std::string, std::int64_t> totals;  // by currency: never mixed
  std::vector<BlockDraw> draws;
  Usage usage;
  std::vector<TicketId> approvable;  // tickets with work that needs approval, whatever was decided
  bool operator==(const Rating&) const = default;
};

// Rates one customer's period (pure and deterministic: the same input gives the same lines).
Rating Rate(const RatingInput& input);

// What a closed period's lines come to now against what was charged for it (its frozen lines
// and the adjustments already made): one adjustment line per changed source, which may be
// negative. Nothing changed: none.
std::vector<ChargeLine> Adjustments(BillingPeriod closed, const std::vector<ChargeLine>& charged,
                                    const std::vector<ChargeLine>& now);

// The sum of lines by currency.
std::map<std::string, std::int64_t> Totals(const std::vector<ChargeLine>& lines);

// Rounding, stated in docs/billing.md: minutes up to the increment; money half up, once per line.
std::int64_t RoundUpMinutes(std::int64_t minutes, int increment);
std::int64_t MinutesAmount(std::int64_t minutes, std::int64_t hourly_rate, int percent = 100);
std::int64_t Prorate(std::int64_t amount, std::int64_t days, std::int64_t days_in_month);
// The hourly price at a percentage of the rate (after hours), rounded half up once: the unit price
// every after-hours line shows and charges.
std::int64_t HourlyPrice(std::int64_t hourly_rate, int percent);

// Of `minutes` worked from `worked_at` (Unix seconds), those outside the service hours, to the
// nearest minute (half up): all of them for a call-out (or an entry that said after_hours by
// hand), none without a calendar (24x7). The span is clamped to the calendar's years (local
// 2000-2099): minutes outside them count as within service hours, as with no calendar, so an
// entry ending in 2100 local time is still logged.
Result<std::int64_t> AfterHoursMinutes(const BusinessCalendar* service_hours, Activity activity,
                                       std::int64_t worked_at, std::int64_t minutes);

}  // namespace tierdesk::core
