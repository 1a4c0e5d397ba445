#include "core/billing/rating.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>

#include "core/common/enum_names.hpp"

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

constexpr EnumNames<CostKind, 3> kCostKindNames{{{
    {CostKind::kInternal, "internal"},
    {CostKind::kProvider, "provider"},
    {CostKind::kVendor, "vendor"},
}}};

std::string Minutes(std::int64_t minutes) { return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes"); }

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

  // Per ticket and kind: what its time cost the partner.
  void Costs() {
    std::map<std::tuple<std::int64_t, CostKind, std::string>, std::pair<std::int64_t, std::int64_t>> sums;
    for (const auto& entry : in_.entries) {
      if (entry.by_provider) {
        if (entry.cost_currency.empty()) continue;
        auto& sum = sums[{entry.ticket.value, CostKind::kProvider, entry.cost_currency}];
        sum.first += entry.minutes;
        sum.second += entry.cost_amount;
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

  // The segment's in-scope billable work by ticket, in the order it began.
  std::vector<Work> WorkIn(const AgreementSegment& segment) const {
    std::map<std::int64_t, Work> by_ticket;
    for (const auto& entry : in_.entries) {
      if (!entry.billable || entry.day < segment.first || entry.day > segment.last || !InScope(entry.ticket)) continue;
      auto [it, inserted] = by_ticket.try_emplace(entry.ticket.value);
      Work& work = it->second;
      if (inserted) {
        work.ticket = entry.ticket;
        work.first_day = entry.day;
      }
      work.first_day = std::min(work.first_day, entry.day);
      (entry.activity == Activity::kAfterHours ? work.after_hours : work.normal) += entry.minutes;
      work.entries.push_back(entry.id);
    }
    std::vector<Work> out;
    for (auto& [id, work] : by_ticket) {
      std::sort(work.entries.begin(), work.entries.end());
      out.push_back(std::move(work));
    }
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
    const auto* ticket = TicketOf(work.ticket);
    if (minutes.normal > 0) {
      Add({kind, work.ticket, what + TicketName(ticket, work.ticket) + ": " + Minutes(minutes.normal), rule,
           minutes.normal, "minutes", rate, MinutesAmount(minutes.normal, rate), pricing.currency, work.entries});
    }
    if (minutes.after_hours > 0) {
      const auto after_rate = MinutesAmount(60, rate, pricing.after_hours_percent);
      Add({kind, work.ticket,
           what + TicketName(ticket, work.ticket) + ": " + Minutes(minutes.after_hours) + " after hours", rule +
               ", after hours at " + std::to_string(pricing.after_hours_percent) + "%",
           minutes.after_hours, "minutes", after_rate,
           MinutesAmount(minutes.after_hours, rate, pricing.after_hours_percent), pricing.currency, work.entries});
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
    ChargeLine fee{LineKind::kMonthlyFee, TicketId{}, segment.plan.name + ", " + FormatDay(segment.first) + " to " +
                                                          FormatDay(segment.last),
                   days == month ? "monthly fee" : "monthly fee, prorated by days: " + std::to_string(days) + " of " +
                                                       std::to_string(month),
                   days, "days", p.monthly_fee, Prorate(p.monthly_fee, days, month), p.currency};
    Add(std::move(fee));
    std::int64_t included = p.included_minutes * days / month;  // rounded down
    out_.usage.included_minutes += included;
    const auto rule = RoundingRule("overage", p.increment_minutes, 0);
    for (const auto& w : work) {
      auto minutes = RoundWork(w, p.increment_minutes, 0);
      out_.usage.billable_minutes += minutes.total();
      // Included hours are drawn first, normal minutes before after-hours ones.
      const auto drawn = std::min(included, minutes.total());
      included -= drawn;
      out_.usage.included_used += drawn;
      if (drawn > 0) UsageLine(LineKind::kIncluded, w, drawn, "included hours of the monthly fee", p.currency);
      Rounded over = minutes;
      const auto from_normal = std::min(drawn, over.normal);
      over.normal -= from_normal;
      over.after_hours -= drawn - from_normal;
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
        // What the blocks could not cover: after-hours minutes last.
        Rounded rest{std::min(left, minutes.normal), 0};
        rest.after_hours = left - rest.normal;
        if (ask) {
          UsageLine(LineKind::kNeedsApproval, w, left, "the prepaid hours ran out: charged only once approved", p.currency);
        } else {
          Charge(LineKind::kPayAsYouGo, w, rest, p.hourly_rate, p, rule, "beyond the prepaid hours: ");
        }
      }
    } else {
      for (const auto& w : work) out_.usage.billable_minutes += RoundWork(w, p.increment_minutes, 0).total();
      for (const auto* ticket : IncidentsIn(segment)) {
        ++out_.usage.incidents;
        if (Draw(Pricing::BlockUnit::kIncidents, 1, nullptr, ticket->id, p.currency) == 0) continue;
        const auto name = TicketName(ticket, ticket->id) + ", resolved " + FormatDay(*ticket->resolved_on);
        if (ask) {
          Add({LineKind::kNeedsApproval, ticket->id, name, "the prepaid incidents ran out: charged only once approved", 1,
               "incidents", 0, 0, p.currency});
        } else {
          Add({LineKind::kPayAsYouGo, ticket->id, name, "per incident after the prepaid incidents", 1, "incidents",
               p.per_incident, p.per_incident, p.currency});
        }
      }
    }
    std::int64_t total = 0, left = 0;
    for (const auto& block : blocks_) {
      if (block.unit != p.block_unit) continue;
      total += block.quantity;
      left += block.remaining;
    }
    out_.usage.low_balance = out_.usage.low_balance || (total > 0 && left * 100 <= total * in_.low_balance_percent);
  }

  // Out-of-scope work is charged at the quote the customer accepted, whatever the plan.
  void OutOfScope() {
    std::map<std::int64_t, Work> by_ticket;
    for (const auto& entry : in_.entries) {
      const auto* ticket = TicketOf(entry.ticket);
      if (!entry.billable || ticket == nullptr || ticket->scope != "out_of_scope_billable") continue;
      Work& work = by_ticket[entry.ticket.value];
      work.ticket = entry.ticket;
      (entry.activity == Activity::kAfterHours ? work.after_hours : work.normal) += entry.minutes;
      work.entries.push_back(entry.id);
    }
    for (auto& [id, work] : by_ticket) {
      std::sort(work.entries.begin(), work.entries.end());
      const auto* ticket = TicketOf(work.ticket);
      const Quote& quote = ticket->quote;
      if (quote.currency.empty()) {
        const auto minutes = work.normal + work.after_hours;
        Add({LineKind::kNeedsApproval, work.ticket, TicketName(ticket, work.ticket) + ": " + Minutes(minutes),
             "out of scope without an accepted quote: not charged", minutes, "minutes", 0, 0, "", work.entries});
        continue;
      }
      // The quote has no after-hours rate: all minutes at its rate.
      Work all = work;
      all.normal += all.after_hours;
      all.after_hours = 0;
      const auto minutes = RoundWork(all, quote.increment_minutes, quote.minimum_minutes).total();
      out_.usage.billable_minutes += minutes;
      Add({LineKind::kOutOfScope, work.ticket, TicketName(ticket, work.ticket) + ": " + Minutes(minutes),
           RoundingRule("out of scope at the accepted quote", quote.increment_minutes, quote.minimum_minutes), minutes,
           "minutes", quote.hourly_rate, MinutesAmount(minutes, quote.hourly_rate), quote.currency, work.entries});
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
  if (year < 1970 || year > 9999 || month < 1 || month > 12) return std::nullopt;
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
std::optional<CostKind> ParseCostKind(std::string_view text) { return kCostKindNames.Parse(text); }

std::int64_t RoundUpMinutes(std::int64_t minutes, int increment) {
  if (increment <= 1 || minutes <= 0) return std::max<std::int64_t>(minutes, 0);
  return (minutes + increment - 1) / increment * increment;
}

std::int64_t MinutesAmount(std::int64_t minutes, std::int64_t hourly_rate, int percent) {
  const std::int64_t scaled = minutes * hourly_rate * percent;  // ÷ 60 minutes ÷ 100 percent
  return (scaled + 3000) / 6000;
}

std::int64_t Prorate(std::int64_t amount, std::int64_t days, std::int64_t days_in_month) {
  if (days >= days_in_month) return amount;
  return (amount * days * 2 + days_in_month) / (2 * days_in_month);
}

Rating Rate(const RatingInput& input) { return Rater(input).Run(); }

std::map<std::string, std::int64_t> Totals(const std::vector<ChargeLine>& lines) {
  std::map<std::string, std::int64_t> totals;
  for (const auto& line : lines) {
    if (!line.currency.empty()) totals[line.currency] += line.amount;
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
    sum.charged += line.amount;
    sum.charged_quantity += line.quantity;
    if (sum.example == nullptr) sum.example = &line;
  }
  for (const auto& line : now) {
    auto& sum = sums[key(line)];
    sum.now += line.amount;
    sum.now_quantity += line.quantity;
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
    line.quantity = sum.now_quantity - sum.charged_quantity;
    line.unit = unit;
    line.unit_price = unit_price;
    line.amount = sum.now - sum.charged;
    line.currency = currency;
    line.adjusts = period;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace tierdesk::core
