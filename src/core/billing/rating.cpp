#include "core/billing/rating.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "core/common/enum_names.hpp"
#include "core/common/money.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<LineKind, 11> kLineKindNames{{{
    {LineKind::kIncluded, "included"},
    {LineKind::kIncident, "incident"},
    {LineKind::kHourly, "hourly"},
    {LineKind::kMonthlyFee, "monthly_fee"},
    {LineKind::kOverage, "overage"},
    {LineKind::kPrepaidPurchase, "prepaid_purchase"},
    {LineKind::kPrepaidDraw, "prepaid_draw"},
    {LineKind::kPayAsYouGo, "pay_as_you_go"},
    {LineKind::kNeedsApproval, "needs_approval"},
    {LineKind::kOutOfScope, "out_of_scope"},
    {LineKind::kAdjustment, "adjustment"},
}}};

constexpr EnumNames<ApprovalDecision, 2> kDecisionNames{{{
    {ApprovalDecision::kApproved, "approved"},
    {ApprovalDecision::kRejected, "rejected"},
}}};

constexpr EnumNames<CostKind, 3> kCostKindNames{{{
    {CostKind::kInternal, "internal"},
    {CostKind::kProvider, "provider"},
    {CostKind::kVendor, "vendor"},
}}};

std::string Minutes(std::int64_t minutes) { return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes"); }
std::string Hours(std::int64_t hours) { return std::to_string(hours) + (hours == 1 ? " hour" : " hours"); }

std::string TicketName(const RatedTicket* ticket, TicketId id) {
  std::string name = "#" + std::to_string(id.value);
  if (ticket != nullptr && !ticket->subject.empty()) name += " " + ticket->subject;
  return name;
}

std::int64_t DaysInMonth(BillingPeriod period) { return LastDay(period) - FirstDay(period) + 1; }

// One ticket's billable work in a stretch of days: normal and after-hours minutes as logged.
struct Work {
  TicketId ticket;
  Day first_day = 0;
  std::int64_t normal = 0;
  std::int64_t after_hours = 0;
  std::vector<std::int64_t> entries;
};

// Minutes rounded up to the increment, the after-hours part separately, with a minimum per
// ticket made up at the normal rate.
struct Rounded {
  std::int64_t normal = 0;
  std::int64_t after_hours = 0;
  std::int64_t total() const { return normal + after_hours; }
};
Rounded RoundWork(const Work& work, int increment, int minimum) {
  Rounded r{RoundUpMinutes(work.normal, increment), RoundUpMinutes(work.after_hours, increment)};
  if (r.total() > 0 && r.total() < minimum) r.normal += minimum - r.total();
  return r;
}

// An entry's minutes: its after-hours ones (decided when it was logged) apart.
void AddMinutes(Work& work, const RatedEntry& entry) {
  const auto after_hours = std::clamp<std::int64_t>(entry.after_hours_minutes, 0, entry.minutes);
  work.after_hours += after_hours;
  work.normal += entry.minutes - after_hours;
  work.entries.push_back(entry.id);
}

std::string RoundingRule(const char* model, int increment, int minimum) {
  std::string rule = std::string(model) + ": " + std::to_string(increment) + "-minute increments";
  if (minimum > 0) rule += ", " + std::to_string(minimum) + " minutes minimum per ticket";
  return rule;
}

class Rater {
 public:
  explicit Rater(const RatingInput& input) : in_(input) {
    for (const auto& ticket : in_.tickets) tickets_[ticket.id.value] = &ticket;
    blocks_ = in_.blocks;
  }

  Rating Run() {
    Costs();
    Purchases();
    for (const auto& segment : in_.segments) Segment(segment);
    OutOfScope();
    out_.totals = Totals(out_.lines);
    for (const auto& block : blocks_) {
      (block.unit == Pricing::BlockUnit::kHours ? out_.usage.prepaid_minutes_left
                                                : out_.usage.prepaid_incidents_left) += block.remaining;
    }
    return std::move(out_);
  }

 private:
  const RatedTicket* TicketOf(TicketId id) const {
    const auto it = tickets_.find(id.value);
    return it == tickets_.end() ? nullptr : it->second;
  }
  bool InScope(TicketId id) const {
    const auto* ticket = TicketOf(id);
    return ticket == nullptr || ticket->scope == "in_scope";
  }

  void Add(ChargeLine line) { out_.lines.push_back(std::move(line)); }

  // Work that asks first: the decision on it (none yet: nullopt). Work that does not ask is
  // approved by the plan itself.
  std::optional<ApprovalDecision> Decision(TicketId ticket, bool ask) {
    if (!ask) return ApprovalDecision::kApproved;
    if (std::find(out_.approvable.begin(), out_.approvable.end(), ticket) == out_.approvable.end()) {
      out_.approvable.push_back(ticket);
    }
    const auto it = in_.decisions.find(ticket.value);
    return it == in_.decisions.end() ? std::nullopt : std::optional<ApprovalDecision>(it->second);
  }

  // The plan of the agreement running on a day, else the period's first; none without agreements.
  const Plan* PlanOn(Day day) const {
    for (const auto& segment : in_.segments) {
      if (day >= segment.first && day <= segment.last) return &segment.plan;
    }
    return in_.segments.empty() ? nullptr : &in_.segments.front().plan;
  }

  // Per ticket and kind: what its time cost the partner.
  void Costs() {
    std::map<std::tuple<std::int64_t, CostKind, std::string>, std::pair<std::int64_t, std::int64_t>> sums;
    for (const auto& entry : in_.entries) {
      if (entry.by_provider) {
        if (entry.cost_currency.empty()) continue;
        auto& sum = sums[{entry.ticket.value, CostKind::kProvider, entry.cost_currency}];
        sum.first += entry.minutes;
        sum.second = SaturatingAdd(sum.second, entry.cost_amount);
      } else if (in_.internal_hourly_cost > 0 && !in_.internal_cost_currency.empty()) {
        auto& sum = sums[{entry.ticket.value, CostKind::kInternal, in_.internal_cost_currency}];
        sum.first += entry.minutes;
      }
    }
    for (const auto& [key, sum] : sums) {
      const auto& [ticket, kind, currency] = key;
      const bool internal = kind == CostKind::kInternal;
      out_.costs.push_back({kind, TicketId{ticket},
                            (internal ? "our time on " : "the provider's time on ") +
                                TicketName(TicketOf(TicketId{ticket}), TicketId{ticket}) + ": " + Minutes(sum.first),
                            internal ? MinutesAmount(sum.first, in_.internal_hourly_cost) : sum.second, currency});
    }
    for (const auto& vendor : in_.vendor_costs) {
      out_.costs.push_back({CostKind::kVendor, vendor.ticket, vendor.description, vendor.amount, vendor.currency});
    }
  }

  void Purchases() {
    const Day first = FirstDay(in_.period), last = LastDay(in_.period);
    for (const auto& block : blocks_) {
      if (block.price <= 0 || block.purchased_on < first || block.purchased_on > last) continue;
      const bool hours = block.unit == Pricing::BlockUnit::kHours;
      ChargeLine line;
      line.kind = LineKind::kPrepaidPurchase;
      line.description = "prepaid block of " +
                         (hours ? std::to_string(block.quantity / 60) + " hours" : std::to_string(block.quantity) + " incidents") +
                         ", bought " + FormatDay(block.purchased_on);
      line.rule = "prepaid block: charged when bought";
      line.quantity = 1;
      line.unit = "blocks";
      line.unit_price = block.price;
      line.amount = block.price;
      line.currency = block.currency;
      line.block = block.id;
      Add(std::move(line));
    }
  }

  // The billable work that `keep` accepts, by ticket id, each ticket's entries in id order.
  template <class Keep>
  std::map<std::int64_t, Work> BillableWorkByTicket(Keep keep) const {
    std::map<std::int64_t, Work> by_ticket;
    for (const auto& entry : in_.entries) {
      if (!entry.billable || !keep(entry)) continue;
      auto [it, inserted] = by_ticket.try_emplace(entry.ticket.value);
      Work& work = it->second;
      if (inserted) {
        work.ticket = entry.ticket;
        work.first_day = entry.day;
      }
      work.first_day = std::min(work.first_day, entry.day);
      AddMinutes(work, entry);
    }
    for (auto& [id, work] : by_ticket) std::sort(work.entries.begin(), work.entries.end());
    return by_ticket;
  }

  // The segment's in-scope billable work by ticket, in the order it began.
  std::vector<Work> WorkIn(const AgreementSegment& segment) const {
    auto by_ticket = BillableWorkByTicket([&](const RatedEntry& entry) {
      return entry.day >= segment.first && entry.day <= segment.last && InScope(entry.ticket);
    });
    std::vector<Work> out;
    for (auto& [id, work] : by_ticket) out.push_back(std::move(work));
    std::stable_sort(out.begin(), out.end(), [](const Work& a, const Work& b) { return a.first_day < b.first_day; });
    return out;
  }

  // The in-scope tickets first resolved within the segment, by ticket number.
  std::vector<const RatedTicket*> IncidentsIn(const AgreementSegment& segment) const {
    std::vector<const RatedTicket*> out;
    for (const auto& [id, ticket] : tickets_) {
      if (ticket->scope == "in_scope" && ticket->resolved_on && *ticket->resolved_on >= segment.first &&
          *ticket->resolved_on <= segment.last) {
        out.push_back(ticket);
      }
    }
    return out;
  }

  // Minutes at an hourly rate, the after-hours part at the plan's after-hours percentage.
  void Charge(LineKind kind, const Work& work, Rounded minutes, std::int64_t rate, const Pricing& pricing,
              const std::string& rule, const std::string& what) {
    const auto name = what + TicketName(TicketOf(work.ticket), work.ticket);
    TimeLines(kind, work, minutes.normal, rate, pricing.currency, rule, name, "");
    TimeLines(kind, work, minutes.after_hours, HourlyPrice(rate, pricing.after_hours_percent), pricing.currency,
              rule + ", after hours at " + std::to_string(pricing.after_hours_percent) + "%", name, " after hours");
  }

  // Time at an hourly price as lines that reconcile on their own: the whole hours at the hourly
  // price, and the rest of an hour as one part at its share of that price, rounded half up once.
  // Together they come to minutes × price / 60 rounded half up: no minor unit is lost or made.
  void TimeLines(LineKind kind, const Work& work, std::int64_t minutes, std::int64_t hourly_price,
                 const std::string& currency, const std::string& rule, const std::string& name,
                 const std::string& suffix) {
    if (minutes <= 0) return;
    const std::int64_t hours = minutes / 60, rest = minutes % 60;
    if (hours > 0) {
      Add({kind, work.ticket, name + ": " + Hours(hours) + suffix, rule, hours, "hours", hourly_price,
           SaturatingMultiply(hours, hourly_price), currency, work.entries});
    }
    if (rest > 0) {
      const auto part = MinutesAmount(rest, hourly_price);
      Add({kind, work.ticket,
           name + ": " + Minutes(rest) + suffix + " (" + std::to_string(rest) + "/60 of " +
               FormatMoney(hourly_price, currency) + " an hour)",
           rule + "; part of an hour: its share of the hourly price, rounded half up", 1, "hour_part", part, part,
           currency, work.entries});
    }
  }

  void UsageLine(LineKind kind, const Work& work, std::int64_t minutes, const std::string& rule,
                 const std::string& currency, std::int64_t block = 0) {
    Add({kind, work.ticket, TicketName(TicketOf(work.ticket), work.ticket) + ": " + Minutes(minutes), rule, minutes,
         "minutes", 0, 0, currency, work.entries, block});
  }

  void Segment(const AgreementSegment& segment) {
    const Pricing& p = segment.plan.pricing;
    const auto work = WorkIn(segment);
    switch (p.model) {
      case Pricing::Model::kIncluded:
        for (const auto& w : work) {
          const auto minutes = RoundWork(w, p.increment_minutes, 0).total();
          out_.usage.billable_minutes += minutes;
          UsageLine(LineKind::kIncluded, w, minutes, "included in " + segment.plan.name, p.currency);
        }
        break;
      case Pricing::Model::kPerIncident:
        for (const auto* ticket : IncidentsIn(segment)) {
          ++out_.usage.incidents;
          Add({LineKind::kIncident, ticket->id, TicketName(ticket, ticket->id) + ", resolved " + FormatDay(*ticket->resolved_on),
               "per incident: charged once, when first resolved", 1, "incidents", p.per_incident, p.per_incident,
               p.currency});
        }
        for (const auto& w : work) out_.usage.billable_minutes += RoundWork(w, p.increment_minutes, 0).total();
        break;
      case Pricing::Model::kHourly: {
        const auto rule = RoundingRule("hourly", p.increment_minutes, p.minimum_minutes);
        for (const auto& w : work) {
          const auto minutes = RoundWork(w, p.increment_minutes, p.minimum_minutes);
          out_.usage.billable_minutes += minutes.total();
          Charge(LineKind::kHourly, w, minutes, p.hourly_rate, p, rule, "");
        }
        break;
      }
      case Pricing::Model::kMonthlyFee: MonthlyFee(segment, work); break;
      case Pricing::Model::kPrepaidBlock: Prepaid(segment, work); break;
    }
  }

  void MonthlyFee(const AgreementSegment& segment, const std::vector<Work>& work) {
    const Pricing& p = segment.plan.pricing;
    const std::int64_t days = segment.last - segment.first + 1;
    const std::int64_t month = DaysInMonth(in_.period);
    // A whole month at the fee; part of one as a single part at its prorated fee.
    const bool whole = days >= month;
    const auto fee = Prorate(p.monthly_fee, days, month);
    Add({LineKind::kMonthlyFee, TicketId{},
         segment.plan.name + ", " + FormatDay(segment.first) + " to " + FormatDay(segment.last) +
             (whole ? "" : " (" + std::to_string(days) + " of " + std::to_string(month) + " days of " +
                               FormatMoney(p.monthly_fee, p.currency) + " a month)"),
         whole ? "monthly fee"
               : "monthly fee, prorated by days: " + std::to_string(days) + " of " + std::to_string(month) +
                     ", rounded half up",
         1, whole ? "months" : "month_part", fee, fee, p.currency});
    std::int64_t included = SaturatingMultiply(p.included_minutes, days) / month;  // rounded down
    out_.usage.included_minutes += included;
    const auto rule = RoundingRule("overage", p.increment_minutes, 0);
    for (const auto& w : work) {
      auto minutes = RoundWork(w, p.increment_minutes, 0);
      out_.usage.billable_minutes += minutes.total();
      // Included hours are drawn first, after-hours minutes before normal ones (the order that
      // favours the customer, the same as prepaid blocks).
      const auto drawn = std::min(included, minutes.total());
      included -= drawn;
      out_.usage.included_used += drawn;
      if (drawn > 0) UsageLine(LineKind::kIncluded, w, drawn, "included hours of the monthly fee", p.currency);
      Rounded over = minutes;
      const auto from_after_hours = std::min(drawn, over.after_hours);
      over.after_hours -= from_after_hours;
      over.normal -= drawn - from_after_hours;
      Charge(LineKind::kOverage, w, over, p.overage_hourly_rate, p, rule, "beyond the included hours: ");
    }
  }

  // Draws from the blocks of a unit in order of purchase; returns what could not be drawn.
  std::int64_t Draw(Pricing::BlockUnit unit, std::int64_t quantity, const Work* work, TicketId ticket,
                    const std::string& currency) {
    for (auto& block : blocks_) {
      if (quantity == 0) break;
      if (block.unit != unit || block.remaining <= 0) continue;
      const auto drawn = std::min(block.remaining, quantity);
      block.remaining -= drawn;
      quantity -= drawn;
      out_.draws.push_back({block.id, drawn});
      const std::string rule = "prepaid block bought " + FormatDay(block.purchased_on);
      if (work != nullptr) {
        UsageLine(LineKind::kPrepaidDraw, *work, drawn, rule, currency, block.id);
      } else {
        Add({LineKind::kPrepaidDraw, ticket, TicketName(TicketOf(ticket), ticket) + ": 1 incident", rule, drawn,
             "incidents", 0, 0, currency, {}, block.id});
      }
    }
    return quantity;
  }

  void Prepaid(const AgreementSegment& segment, const std::vector<Work>& work) {
    const Pricing& p = segment.plan.pricing;
    const bool ask = p.when_exhausted == Pricing::WhenExhausted::kNeedsApproval;
    if (p.block_unit == Pricing::BlockUnit::kHours) {
      const auto rule = RoundingRule("pay as you go after the prepaid hours", p.increment_minutes, 0);
      for (const auto& w : work) {
        const auto minutes = RoundWork(w, p.increment_minutes, 0);
        out_.usage.billable_minutes += minutes.total();
        const auto left = Draw(Pricing::BlockUnit::kHours, minutes.total(), &w, w.ticket, p.currency);
        if (left == 0) continue;
        // The blocks cover after-hours minutes first (as included hours do): what is left is
        // normal minutes before after-hours ones.
        Rounded rest{std::min(left, minutes.normal), 0};
        rest.after_hours = left - rest.normal;
        const auto decision = Decision(w.ticket, ask);
        if (!decision) {
          UsageLine(LineKind::kNeedsApproval, w, left, "the prepaid hours ran out: charged only once approved", p.currency);
        } else if (*decision == ApprovalDecision::kApproved) {
          Charge(LineKind::kPayAsYouGo, w, rest, p.hourly_rate, p, ask ? rule + ", approved by billing" : rule,
                 "beyond the prepaid hours: ");
        }
      }
    } else {
      for (const auto& w : work) out_.usage.billable_minutes += RoundWork(w, p.increment_minutes, 0).total();
      for (const auto* ticket : IncidentsIn(segment)) {
        ++out_.usage.incidents;
        if (Draw(Pricing::BlockUnit::kIncidents, 1, nullptr, ticket->id, p.currency) == 0) continue;
        const auto name = TicketName(ticket, ticket->id) + ", resolved " + FormatDay(*ticket->resolved_on);
        const auto decision = Decision(ticket->id, ask);
        if (!decision) {
          Add({LineKind::kNeedsApproval, ticket->id, name, "the prepaid incidents ran out: charged only once approved", 1,
               "incidents", 0, 0, p.currency});
        } else if (*decision == ApprovalDecision::kApproved) {
          Add({LineKind::kPayAsYouGo, ticket->id, name,
               ask ? "per incident after the prepaid incidents, approved by billing"
                   : "per incident after the prepaid incidents",
               1, "incidents", p.per_incident, p.per_incident, p.currency});
        }
      }
    }
    std::int64_t total = 0, left = 0;
    for (const auto& block : blocks_) {
      if (block.unit != p.block_unit) continue;
      total = SaturatingAdd(total, block.quantity);
      left = SaturatingAdd(left, block.remaining);
    }
    out_.usage.low_balance = out_.usage.low_balance ||
                             (total > 0 && SaturatingMultiply(left, 100) <= SaturatingMultiply(total, in_.low_balance_percent));
  }

  // Out-of-scope work is charged at the quote the customer accepted, whatever the plan.
  void OutOfScope() {
    auto by_ticket = BillableWorkByTicket([&](const RatedEntry& entry) {
      const auto* ticket = TicketOf(entry.ticket);
      return ticket != nullptr && ticket->scope == "out_of_scope_billable";
    });
    for (auto& [id, work] : by_ticket) {
      const auto* ticket = TicketOf(work.ticket);
      Quote quote = ticket->quote;
      std::string rule = "out of scope at the accepted quote";
      if (quote.currency.empty()) {
        // No quote was accepted: a billing clerk decides. Approved, it is charged at the terms of
        // the plan the work falls under, as if quoted.
        const Plan* plan = PlanOn(work.first_day);
        const auto decision = Decision(work.ticket, true);
        std::optional<Quote> terms;
        if (plan != nullptr) {
          if (auto quoted = QuoteOutOfScope(*plan); quoted && quoted->hourly_rate > 0) terms = *quoted;
        }
        if (decision == ApprovalDecision::kRejected) continue;
        if (decision != ApprovalDecision::kApproved || !terms) {
          const auto minutes = work.normal + work.after_hours;
          Add({LineKind::kNeedsApproval, work.ticket, TicketName(ticket, work.ticket) + ": " + Minutes(minutes),
               "out of scope without an accepted quote: not charged", minutes, "minutes", 0, 0,
               plan != nullptr ? plan->pricing.currency : in_.default_currency, work.entries});
          continue;
        }
        quote = *terms;
        rule = "out of scope, approved by billing at the plan's out-of-scope terms";
      }
      // The quote has no after-hours rate: all minutes at its rate.
      Work all = work;
      all.normal += all.after_hours;
      all.after_hours = 0;
      const auto minutes = RoundWork(all, quote.increment_minutes, quote.minimum_minutes).total();
      out_.usage.billable_minutes += minutes;
      TimeLines(LineKind::kOutOfScope, work, minutes, quote.hourly_rate, quote.currency,
                RoundingRule(rule.c_str(), quote.increment_minutes, quote.minimum_minutes), TicketName(ticket, work.ticket),
                "");
    }
  }

  const RatingInput& in_;
  std::map<std::int64_t, const RatedTicket*> tickets_;
  std::vector<PrepaidBlock> blocks_;
  Rating out_;
};

}  // namespace

std::optional<BillingPeriod> ParseBillingPeriod(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0, month = 0;
  for (int i = 0; i < 7; ++i) {
    if (i == 4) continue;
    const char c = text[static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return std::nullopt;
    (i < 4 ? year : month) = (i < 4 ? year : month) * 10 + (c - '0');
  }
  if (year < 2000 || year > 2099 || month < 1 || month > 12) return std::nullopt;  // the years tierdesk keeps
  return BillingPeriod{year, month};
}

std::string FormatBillingPeriod(BillingPeriod period) {
  std::string out = std::to_string(period.year) + "-";
  if (period.month < 10) out += '0';
  return out + std::to_string(period.month);
}

BillingPeriod NextPeriod(BillingPeriod period) {
  return period.month == 12 ? BillingPeriod{period.year + 1, 1} : BillingPeriod{period.year, period.month + 1};
}

Day FirstDay(BillingPeriod period) {
  using namespace std::chrono;
  const year_month_day ymd{year{period.year}, month{static_cast<unsigned>(period.month)}, day{1}};
  return sys_days(ymd).time_since_epoch().count();
}

Day LastDay(BillingPeriod period) { return FirstDay(NextPeriod(period)) - 1; }

BillingPeriod PeriodOf(Day d) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{d}}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month()))};
}

std::string_view ToString(LineKind kind) { return kLineKindNames.Name(kind); }
std::optional<LineKind> ParseLineKind(std::string_view text) { return kLineKindNames.Parse(text); }
std::string_view ToString(CostKind kind) { return kCostKindNames.Name(kind); }
std::string_view ToString(ApprovalDecision decision) { return kDecisionNames.Name(decision); }
std::optional<ApprovalDecision> ParseApprovalDecision(std::string_view text) { return kDecisionNames.Parse(text); }
std::optional<CostKind> ParseCostKind(std::string_view text) { return kCostKindNames.Parse(text); }

std::int64_t RoundUpMinutes(std::int64_t minutes, int increment) {
  if (increment <= 1 || minutes <= 0) return std::max<std::int64_t>(minutes, 0);
  return (minutes + increment - 1) / increment * increment;
}

std::int64_t MinutesAmount(std::int64_t minutes, std::int64_t hourly_rate, int percent) {
  // ÷ 60 minutes ÷ 100 percent, in 128 bits: no input overflows.
  return MultiplyDivideRounded(minutes, hourly_rate, percent, 6000);
}

std::int64_t HourlyPrice(std::int64_t hourly_rate, int percent) {
  if (percent == 100) return hourly_rate;
  return MultiplyDivideRounded(hourly_rate, percent, 100);
}

Result<std::int64_t> AfterHoursMinutes(const BusinessCalendar* service_hours, Activity activity,
                                       std::int64_t worked_at, std::int64_t minutes) {
  if (activity == Activity::kCallOut || activity == Activity::kAfterHours) return minutes;
  if (service_hours == nullptr || minutes <= 0) return 0;
  minutes = std::min<std::int64_t>(minutes, kMaxTimeEntryMinutes);
  const std::int64_t end = worked_at + minutes * 60;
  const auto clamp = [&](std::int64_t t) {
    return std::clamp(t, service_hours->range_start(), service_hours->range_end());
  };
  const std::int64_t from = clamp(worked_at), to = clamp(end);
  const auto open = TD_TRY(service_hours->BusinessTimeBetween(from, to));
  const std::int64_t outside = (from - worked_at) + (end - to);
  const std::int64_t closed_seconds = minutes * 60 - open - outside;
  return std::clamp<std::int64_t>((closed_seconds + 30) / 60, 0, minutes);
}

std::int64_t Prorate(std::int64_t amount, std::int64_t days, std::int64_t days_in_month) {
  if (days >= days_in_month) return amount;
  return MultiplyDivideRounded(amount, days, 2, 2 * days_in_month);
}

Rating Rate(const RatingInput& input) { return Rater(input).Run(); }

std::map<std::string, std::int64_t> Totals(const std::vector<ChargeLine>& lines) {
  std::map<std::string, std::int64_t> totals;
  for (const auto& line : lines) {
    if (!line.currency.empty()) {
      auto& total = totals[line.currency];
      total = SaturatingAdd(total, line.amount);
    }
  }
  return totals;
}

std::vector<ChargeLine> Adjustments(BillingPeriod closed, const std::vector<ChargeLine>& charged,
                                    const std::vector<ChargeLine>& now) {
  // A source: what was charged, for which ticket, at which price. Adjustments count for the kind
  // they correct.
  using Key = std::tuple<std::string, std::int64_t, std::int64_t, std::string, std::string>;
  struct Sum {
    std::int64_t charged = 0, now = 0, charged_quantity = 0, now_quantity = 0;
    const ChargeLine* example = nullptr;
  };
  std::map<Key, Sum> sums;
  auto key = [](const ChargeLine& line) {
    std::string kind(ToString(line.kind));
    if (line.kind == LineKind::kAdjustment) kind = line.rule.substr(0, line.rule.find(':'));
    return Key{kind, line.ticket.value, line.unit_price, line.unit, line.currency};
  };
  const std::string period = FormatBillingPeriod(closed);
  for (const auto& line : charged) {
    if (line.kind == LineKind::kAdjustment && line.adjusts != period) continue;
    auto& sum = sums[key(line)];
    sum.charged = SaturatingAdd(sum.charged, line.amount);
    sum.charged_quantity = SaturatingAdd(sum.charged_quantity, line.quantity);
    if (sum.example == nullptr) sum.example = &line;
  }
  for (const auto& line : now) {
    auto& sum = sums[key(line)];
    sum.now = SaturatingAdd(sum.now, line.amount);
    sum.now_quantity = SaturatingAdd(sum.now_quantity, line.quantity);
    sum.example = &line;
  }
  std::vector<ChargeLine> out;
  for (const auto& [k, sum] : sums) {
    if (sum.now == sum.charged && sum.now_quantity == sum.charged_quantity) continue;
    const auto& [kind, ticket, unit_price, unit, currency] = k;
    ChargeLine line;
    line.kind = LineKind::kAdjustment;
    line.ticket = TicketId{ticket};
    line.description = "correction to " + period + ": " + sum.example->description + " (was " +
                       std::to_string(sum.charged_quantity) + " " + unit + ", now " +
                       std::to_string(sum.now_quantity) + ")";
    line.rule = kind + ": changed after " + period + " was closed";
    line.quantity = SaturatingAdd(sum.now_quantity, -sum.charged_quantity);
    line.unit = unit;
    line.unit_price = unit_price;
    line.amount = SaturatingAdd(sum.now, -sum.charged);
    // Lines that reconcile sum to a difference that does; one frozen before lines had to (a
    // quantity in minutes at an hourly price) is corrected as one part at its amount.
    if (SaturatingMultiply(line.quantity, line.unit_price) != line.amount) {
      line.quantity = 1;
      line.unit_price = line.amount;
    }
    line.currency = currency;
    line.adjusts = period;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace tierdesk::core
