// Billing periods: loading what a month's rating needs, previewing, closing, usage and margins.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "app/billing/billing.hpp"
#include "app/ticket/ticket.hpp"
#include "core/calendar/zone.hpp"
#include "core/common/money.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::billing {
namespace {

using core::BillingPeriod;
using core::Day;

// A month of the partner's calendar and the UTC instants it spans.
struct Frame {
  BillingPeriod period;
  std::string name;
  Day first = 0;
  Day last = 0;
  Timestamp from;  // the first day's local midnight
  Timestamp to;    // the next month's
};

Timestamp MidnightOf(const core::ZoneRules& zone, Day day) {
  const std::int64_t local = day * 86400;
  const std::int64_t utc = local - zone.OffsetAt(local - zone.OffsetAt(local));
  return Timestamp(std::chrono::seconds(utc));
}

Day DayOf(const core::ZoneRules& zone, Timestamp at) {
  return zone.LocalDay(std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count());
}

Frame FrameOf(const core::ZoneRules& zone, BillingPeriod period) {
  Frame frame{period, core::FormatBillingPeriod(period), core::FirstDay(period), core::LastDay(period), {}, {}};
  frame.from = MidnightOf(zone, frame.first);
  frame.to = MidnightOf(zone, frame.last + 1);
  return frame;
}

Result<BillingPeriod> ParsePeriod(std::string_view text) {
  const auto period = core::ParseBillingPeriod(text);
  if (!period) {
    return Fail(Error::InvalidArgument("not a billing period", {{"period", "is a month from 2000-01 to 2099-12: YYYY-MM"}}));
  }
  return *period;
}

// What rating a month needs, for one customer or every customer, loaded in one transaction.
class Loader {
 public:
  Loader(const AppContext& ctx, core::ReadTx& tx, const core::ZoneRules& zone)
      : ctx_(ctx), tx_(tx), zone_(zone) {}

  // Loads what every month shares: of one customer, or of all.
  Status Init(std::optional<OrgId> only) {
    const OrgId filter = only.value_or(OrgId{});
    settings_ = TD_TRY(tx_.GetPartnerSettings());
    if (settings_.default_plan.valid()) {
      if (auto plan = tx_.GetPlan(settings_.default_plan, 0)) default_currency_ = plan->pricing.currency;
    }
    if (only) {
      auto org = TD_TRY(tx_.GetOrganization(*only));
      if (org.kind != core::OrgKind::kCustomer) return Fail(Error::NotFound("customer"));
      customers_.emplace(org.id.value, std::move(org));
    } else {
      for (auto& org : TD_TRY(tx_.ListOrganizations(core::OrgScope{core::OrgScope::Kind::kAll, {}}))) {
        if (org.kind == core::OrgKind::kCustomer) customers_.emplace(org.id.value, std::move(org));
      }
    }
    for (auto& agreement : TD_TRY(tx_.ListAgreements(filter))) {
      agreements_[agreement.customer_id.value].push_back(std::move(agreement));
    }
    for (auto& closed : TD_TRY(tx_.ListClosedPeriods(filter))) {
      closed_.emplace(std::make_pair(closed.customer.value, closed.period), closed.closed_at);
    }
    draws_ = TD_TRY(tx_.ListBlockDraws(filter));
    for (auto& purchase : TD_TRY(tx_.ListPrepaidPurchases(filter))) purchases_[purchase.customer.value].push_back(purchase);
    for (auto& entitlement : TD_TRY(tx_.ListEntitlements())) entitlements_.emplace(entitlement.id.value, entitlement);
    return Ok();
  }

  bool IsClosed(OrgId customer, const std::string& period) const { return closed_.count({customer.value, period}) > 0; }
  std::optional<Timestamp> ClosedAt(OrgId customer, const std::string& period) const {
    const auto it = closed_.find({customer.value, period});
    return it == closed_.end() ? std::nullopt : std::optional<Timestamp>(it->second);
  }
  const core::Organization* Customer(OrgId id) const {
    const auto it = customers_.find(id.value);
    return it == customers_.end() ? nullptr : &it->second;
  }
  const core::PartnerSettings& settings() const { return settings_; }

  // Every input of the month for the customers asked for, by customer.
  Result<std::map<std::int64_t, core::RatingInput>> Inputs(const Frame& frame, std::optional<OrgId> only) {
    const OrgId filter = only.value_or(OrgId{});
    std::map<std::int64_t, core::RatingInput> inputs;
    auto input_for = [&](OrgId customer) -> core::RatingInput& {
      auto [it, inserted] = inputs.try_emplace(customer.value);
      if (inserted) {
        it->second.customer = customer;
        it->second.period = frame.period;
        it->second.internal_cost_currency = settings_.internal_cost_currency;
        it->second.internal_hourly_cost = settings_.internal_hourly_cost;
        it->second.low_balance_percent = settings_.prepaid_low_balance_percent;
        it->second.default_currency = default_currency_;
      }
      return it->second;
    };
    for (const auto& [customer, list] : agreements_) {
      if (filter.valid() && customer != filter.value) continue;
      for (const auto& agreement : list) {
        const Day first = std::max(agreement.start, frame.first);
        const Day last = agreement.end ? std::min(*agreement.end, frame.last) : frame.last;
        if (first > last) continue;
        const auto signed_version = TD_TRY(Plan(agreement.plan_id, agreement.plan_version));
        input_for(agreement.customer_id).segments.push_back(
            {agreement.id, core::EffectivePlan(signed_version, agreement), first, last});
      }
    }
    for (auto& ticket : TD_TRY(tx_.ListPeriodTickets(frame.from, frame.to, filter))) {
      // A customer without an agreement is charged only for work it accepted a quote for.
      if (!inputs.count(ticket.customer.value) && ticket.scope != "out_of_scope_billable") continue;
      core::RatedTicket rated;
      rated.id = ticket.id;
      rated.subject = std::move(ticket.subject);
      rated.scope = std::move(ticket.scope);
      rated.quote = std::move(ticket.quote);
      if (ticket.first_resolved_at) rated.resolved_on = DayOf(zone_, *ticket.first_resolved_at);
      input_for(ticket.customer).tickets.push_back(std::move(rated));
    }
    // Every ticket with time in the month is among the month's tickets: it says whose time it is.
    std::unordered_map<std::int64_t, core::RatingInput*> owner;
    for (auto& [customer, input] : inputs) {
      for (const auto& ticket : input.tickets) owner.emplace(ticket.id.value, &input);
    }
    for (auto& e : TD_TRY(tx_.ListPeriodEntries(frame.from, frame.to, filter))) {
      const auto it = owner.find(e.ticket.value);
      if (it == owner.end()) continue;
      it->second->entries.push_back({e.id, e.ticket, e.minutes, e.billable, e.activity, DayOf(zone_, e.worked_at),
                                     e.by_provider, std::move(e.cost_currency), e.cost_amount,
                                     e.after_hours_minutes});
    }
    // The latest decision on each ticket's work that needs approval.
    for (const auto& approval : TD_TRY(tx_.ListBillingApprovals(filter, frame.name))) {
      if (const auto it = inputs.find(approval.customer.value); it != inputs.end()) {
        it->second.decisions[approval.ticket.value] = approval.decision;
      }
    }
    for (auto& [customer, input] : inputs) {
      input.blocks = Blocks(OrgId{customer}, frame);
      std::sort(input.segments.begin(), input.segments.end(),
                [](const core::AgreementSegment& a, const core::AgreementSegment& b) { return a.first < b.first; });
    }
    TD_CHECK(VendorCosts(frame, inputs));
    return inputs;
  }

 private:
  Result<core::Plan> Plan(PlanId id, std::int64_t version) {
    const auto key = std::make_pair(id.value, version);
    if (const auto it = plans_.find(key); it != plans_.end()) return it->second;
    auto plan = TD_TRY(tx_.GetPlan(id, version));
    plans_.emplace(key, plan);
    return plan;
  }

  // The customer's prepaid blocks bought by the month's end, with what closed earlier months
  // left of them; an agreement's opening balance is a block of its own (a negative id).
  std::vector<core::PrepaidBlock> Blocks(OrgId customer, const Frame& frame) const {
    std::vector<core::PrepaidBlock> blocks;
    if (const auto it = agreements_.find(customer.value); it != agreements_.end()) {
      for (const auto& agreement : it->second) {
        if (agreement.start > frame.last) continue;
        if (agreement.prepaid_minutes > 0) {
          blocks.push_back({-agreement.id.value, core::Pricing::BlockUnit::kHours, agreement.prepaid_minutes,
                            agreement.prepaid_minutes, agreement.start, 0, ""});
        }
        if (agreement.prepaid_incidents > 0) {
          blocks.push_back({-agreement.id.value, core::Pricing::BlockUnit::kIncidents, agreement.prepaid_incidents,
                            agreement.prepaid_incidents, agreement.start, 0, ""});
        }
      }
    }
    if (const auto it = purchases_.find(customer.value); it != purchases_.end()) {
      for (const auto& p : it->second) {
        if (p.purchased_on > frame.last) continue;
        blocks.push_back({p.id, p.unit, p.quantity, p.quantity, p.purchased_on, p.price, p.currency});
      }
    }
    std::stable_sort(blocks.begin(), blocks.end(), [](const core::PrepaidBlock& a, const core::PrepaidBlock& b) {
      return a.purchased_on < b.purchased_on;
    });
    for (const auto& draw : draws_) {
      if (draw.customer != customer || draw.period >= frame.name) continue;
      for (auto& block : blocks) {
        if (block.id == draw.draw.block) block.remaining -= draw.draw.quantity;
      }
    }
    return blocks;
  }

  // Microsoft's time at the entitlement's cost, for the cases closed in the month.
  Status VendorCosts(const Frame& frame, std::map<std::int64_t, core::RatingInput>& inputs) {
    for (const auto& vendor_case : TD_TRY(tx_.ListVendorCasesSince(frame.from))) {
      if (!vendor_case.closed_at || *vendor_case.closed_at >= frame.to || *vendor_case.closed_at < frame.from ||
          vendor_case.consumed <= 0 || !vendor_case.entitlement.valid()) {
        continue;
      }
      const auto entitlement = entitlements_.find(vendor_case.entitlement.value);
      if (entitlement == entitlements_.end()) continue;
      const auto ticket = TD_TRY(tx_.GetTicket(core::SystemScope(), vendor_case.ticket_id));
      const auto input = inputs.find(ticket.customer_id.value);
      if (input == inputs.end()) continue;
      const auto& e = entitlement->second;
      const bool hours = e.unit == core::CapacityUnit::kHours;
      const std::int64_t amount =
          hours ? core::MinutesAmount(vendor_case.consumed, e.unit_cost) : core::SaturatingMultiply(vendor_case.consumed, e.unit_cost);
      input->second.vendor_costs.push_back(
          {ticket.id,
           "Microsoft case " + vendor_case.case_number + " on " + e.name + ": " +
               (hours ? std::to_string(vendor_case.consumed) + " minutes" : std::to_string(vendor_case.consumed) + " incident(s)"),
           e.currency, amount});
    }
    return Ok();
  }

  const AppContext& ctx_;
  core::ReadTx& tx_;
  const core::ZoneRules& zone_;
  core::PartnerSettings settings_;
  std::map<std::int64_t, core::Organization> customers_;
  std::map<std::int64_t, std::vector<core::Agreement>> agreements_;
  std::map<std::pair<std::int64_t, std::string>, Timestamp> closed_;  // (customer, period) → when
  std::vector<core::BilledDraw> draws_;
  std::map<std::int64_t, std::vector<core::PrepaidPurchase>> purchases_;
  std::map<std::int64_t, core::Entitlement> entitlements_;
  std::map<std::pair<std::int64_t, std::int64_t>, core::Plan> plans_;
  std::string default_currency_ = "USD";
};

Statement Frozen(const Loader& loader, OrgId customer, const std::string& period,
                 std::vector<core::BilledLine> lines, std::vector<core::BilledCost> costs) {
  Statement statement;
  statement.customer = customer;
  if (const auto* org = loader.Customer(customer)) {
    statement.customer_name = org->name;
    statement.locale = org->locale;
  }
  statement.period = period;
  statement.closed = true;
  statement.closed_at = loader.ClosedAt(customer, period);
  for (auto& line : lines) {
    if (line.period == period) statement.lines.push_back(std::move(line.line));
  }
  for (auto& cost : costs) statement.costs.push_back(std::move(cost.cost));
  statement.totals = core::Totals(statement.lines);
  return statement;
}

// The adjustments an open month makes to the customer's closed months whose work changed.
Result<std::vector<core::ChargeLine>> AdjustmentsFor(core::ReadTx& tx, const core::ZoneRules& zone, Loader& loader,
                                                     OrgId customer,
                                                     const Frame& open,
                                                     const std::vector<std::pair<OrgId, std::string>>& changes) {
  std::vector<core::ChargeLine> out;
  for (const auto& [changed_customer, period_name] : changes) {
    if (changed_customer != customer || period_name >= open.name || !loader.IsClosed(customer, period_name)) continue;
    const auto period = core::ParseBillingPeriod(period_name);
    if (!period) continue;
    const Frame frame = FrameOf(zone, *period);
    auto inputs = TD_TRY(loader.Inputs(frame, customer));
    const auto now = inputs.count(customer.value) ? core::Rate(inputs.at(customer.value)).lines
                                                   : std::vector<core::ChargeLine>{};
    std::vector<core::ChargeLine> charged;
    for (auto& billed : TD_TRY(tx.ListBilledLines(customer, period_name))) charged.push_back(std::move(billed.line));
    for (auto& line : core::Adjustments(*period, charged, now)) out.push_back(std::move(line));
  }
  return out;
}

// Every statement of a month: frozen ones as they were closed, open ones rated now.
Result<std::vector<Statement>> Statements(const AppContext& ctx, core::ReadTx& tx, std::string_view period_text,
                                          std::optional<OrgId> customer) {
  const auto period = TD_TRY(ParsePeriod(period_text));
  const auto zone = TD_TRY(ticket::PartnerZone(ctx, tx));
  Loader loader(ctx, tx, *zone);
  TD_CHECK(loader.Init(customer));
  const Frame frame = FrameOf(*zone, period);
  const auto changes = TD_TRY(tx.ListBillingChanges());
  auto inputs = TD_TRY(loader.Inputs(frame, customer));
  // Closed statements exist even where nothing would be rated now.
  std::map<std::int64_t, std::vector<core::BilledLine>> frozen_lines;
  std::map<std::int64_t, std::vector<core::BilledCost>> frozen_costs;
  for (auto& line : TD_TRY(tx.ListBilledLines(customer.value_or(OrgId{}), frame.name))) {
    frozen_lines[line.customer.value].push_back(std::move(line));
  }
  for (auto& cost : TD_TRY(tx.ListBilledCosts(customer.value_or(OrgId{}), frame.name))) {
    frozen_costs[cost.customer.value].push_back(std::move(cost));
  }
  std::set<std::int64_t> ids;
  for (const auto& [id, input] : inputs) ids.insert(id);
  for (const auto& [id, lines] : frozen_lines) ids.insert(id);
  std::vector<Statement> out;
  for (const auto id : ids) {
    const OrgId org{id};
    if (loader.IsClosed(org, frame.name)) {
      out.push_back(Frozen(loader, org, frame.name, std::move(frozen_lines[id]), std::move(frozen_costs[id])));
      continue;
    }
    auto rating = core::Rate(inputs[id]);
    for (auto& line : TD_TRY(AdjustmentsFor(tx, *zone, loader, org, frame, changes))) {
      rating.lines.push_back(std::move(line));
    }
    Statement statement;
    statement.customer = org;
    if (const auto* customer_org = loader.Customer(org)) {
      statement.customer_name = customer_org->name;
      statement.locale = customer_org->locale;
    }
    statement.period = frame.name;
    statement.lines = std::move(rating.lines);
    statement.costs = std::move(rating.costs);
    statement.totals = core::Totals(statement.lines);
    statement.usage = rating.usage;
    statement.draws = std::move(rating.draws);
    out.push_back(std::move(statement));
  }
  return out;
}

std::string PeriodNameOf(const core::ZoneRules& zone, Timestamp at) {
  return core::FormatBillingPeriod(core::PeriodOf(DayOf(zone, at)));
}

// The customer a billing route names in its path: 404 unless it is a customer organisation the
// actor sees. Anything else (the partner, a reseller, a provider, no organisation) answers alike.
Status CheckVisibleCustomer(core::ReadTx& tx, const core::Actor& actor, OrgId id) {
  auto org = tx.GetOrganization(id);
  if (!org && org.error().code != ErrorCode::kNotFound) return Fail(std::move(org.error()));
  if (!org || org->kind != core::OrgKind::kCustomer || !core::OrgInScope(core::OrgScopeFor(actor), *org)) {
    return Fail(Error::NotFound("customer"));
  }
  return Ok();
}

}  // namespace

Result<std::vector<Statement>> Preview(const AppContext& ctx, const core::Actor& actor, std::string_view period,
                                       std::optional<OrgId> customer) {
  TD_CHECK(core::Require(actor, core::Action::kReadBilling));
  return core::ReadValue<std::vector<Statement>>(
      ctx.store, [&](core::ReadTx& tx) { return Statements(ctx, tx, period, customer); });
}

Result<Closed> Close(const AppContext& ctx, const core::Actor& actor, std::string_view period_text,
                     std::optional<OrgId> customer) {
  TD_CHECK(core::Require(actor, core::Action::kCloseBilling));
  const auto period = TD_TRY(ParsePeriod(period_text));
  Closed closed;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    closed = {};
    const auto zone = TD_TRY(ticket::PartnerZone(ctx, tx));
    const Frame frame = FrameOf(*zone, period);
    const Timestamp now = ctx.clock.Now();
    if (now < frame.to) {
      return Fail(Error::Conflict(frame.name + " is not over yet: it closes from " + core::FormatDay(frame.last + 1),
                                  "period-not-over"));
    }
    closed.statements = TD_TRY(Statements(ctx, tx, frame.name, customer));
    for (auto& statement : closed.statements) {
      if (statement.closed) continue;
      TD_CHECK(tx.InsertClosedPeriod({statement.customer, frame.name, now, actor.user_id}));
      TD_CHECK(tx.InsertBilledLines(statement.customer, frame.name, statement.lines));
      TD_CHECK(tx.InsertBilledCosts(statement.customer, frame.name, statement.costs));
      TD_CHECK(tx.InsertBlockDraws(statement.customer, frame.name, statement.draws));
      for (const auto& line : statement.lines) {
        if (!line.adjusts.empty()) TD_CHECK(tx.ClearBillingChanged(statement.customer, line.adjusts));
      }
      statement.closed = true;
      statement.closed_at = now;
      ++closed.closed_now;
    }
    return Ok();
  }));
  return closed;
}

Result<Statement> CurrentUsage(const AppContext& ctx, const core::Actor& actor, std::optional<OrgId> customer) {
  OrgId who;
  if (core::Allows(actor.role, core::Action::kReadOwnUsage)) {
    if (customer && *customer != actor.org_id) return Fail(Error::NotFound("customer"));
    who = actor.org_id;
  } else {
    TD_CHECK(core::Require(actor, core::Action::kReadBilling));
    if (!customer) return Fail(Error::InvalidArgument("whose usage?", {{"customer_id", "is required"}}));
    who = *customer;
  }
  return core::ReadValue<Statement>(ctx.store, [&](core::ReadTx& tx) -> Result<Statement> {
    const auto zone = TD_TRY(ticket::PartnerZone(ctx, tx));
    const auto period = PeriodNameOf(*zone, ctx.clock.Now());
    auto statements = TD_TRY(Statements(ctx, tx, period, who));
    Statement statement;
    statement.usage = core::Usage{};  // nothing yet: zeros, the same shape as a month with work
    if (!statements.empty()) statement = std::move(statements.front());
    if (!statement.usage) statement.usage = core::Usage{};
    statement.customer = who;
    statement.period = period;
    statement.costs.clear();  // the partner's, never the customer's
    return statement;
  });
}

Result<std::vector<MarginRow>> Margin(const AppContext& ctx, const core::Actor& actor, std::string_view period) {
  TD_CHECK(core::Require(actor, core::Action::kReadBilling));
  const auto statements = TD_TRY(Preview(ctx, actor, period, std::nullopt));
  std::vector<MarginRow> rows;
  for (const auto& statement : statements) {
    std::map<std::string, MarginRow> by_currency;
    auto row = [&](const std::string& currency) -> MarginRow& {
      auto [it, inserted] = by_currency.try_emplace(currency);
      if (inserted) {
        it->second.customer = statement.customer;
        it->second.customer_name = statement.customer_name;
        it->second.currency = currency;
      }
      return it->second;
    };
    for (const auto& [currency, total] : statement.totals) row(currency).revenue += total;
    for (const auto& cost : statement.costs) {
      auto& r = row(cost.currency);
      (cost.kind == core::CostKind::kInternal ? r.internal_cost
       : cost.kind == core::CostKind::kProvider ? r.provider_cost
                                                : r.vendor_cost) += cost.amount;
    }
    for (auto& [currency, r] : by_currency) rows.push_back(std::move(r));
  }
  return rows;
}

Result<core::PrepaidPurchase> SellPrepaidBlock(const AppContext& ctx, const core::Actor& actor, NewPrepaidBlock input) {
  TD_CHECK(core::Require(actor, core::Action::kCloseBilling));
  core::PrepaidPurchase purchase;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(CheckVisibleCustomer(tx, actor, input.customer));
    const auto zone = TD_TRY(ticket::PartnerZone(ctx, tx));
    const Day today = DayOf(*zone, ctx.clock.Now());
    Day on = today;
    if (input.purchased_on) {
      const auto parsed = core::ParseDay(*input.purchased_on);
      if (!parsed) return Fail(Error::InvalidArgument("the block is not valid", {{"purchased_on", "is a date: YYYY-MM-DD"}}));
      on = *parsed;
    }
    const auto agreement = core::ActiveAgreement(TD_TRY(tx.ListAgreements(input.customer)), on);
    if (!agreement) {
      return Fail(Error::Conflict("the customer has no agreement on " + core::FormatDay(on), "no-agreement"));
    }
    const auto plan = core::EffectivePlan(TD_TRY(tx.GetPlan(agreement->plan_id, agreement->plan_version)), *agreement);
    if (plan.pricing.model != core::Pricing::Model::kPrepaidBlock) {
      return Fail(Error::Conflict("the customer's plan " + plan.name + " sells no prepaid blocks", "not-prepaid"));
    }
    const std::int64_t blocks = input.quantity.value_or(1);
    if (blocks < 1 || blocks > 100) {
      return Fail(Error::InvalidArgument("the block is not valid", {{"quantity", "is 1 to 100 blocks"}}));
    }
    // A block is charged in the month it is bought: not a closed one.
    const auto month = core::FormatBillingPeriod(core::PeriodOf(on));
    for (const auto& closed_period : TD_TRY(tx.ListClosedPeriods(input.customer))) {
      if (closed_period.period == month) return Fail(Error::Conflict(month + " is closed for this customer", "period-closed"));
    }
    if (blocks * plan.pricing.block_price > core::kMaxMoneyAmount) {
      return Fail(Error::InvalidArgument("the block is not valid",
                                         {{"quantity", "the sale's price is at most 10^12 minor units"}}));
    }
    const bool hours = plan.pricing.block_unit == core::Pricing::BlockUnit::kHours;
    purchase.customer = input.customer;
    purchase.unit = plan.pricing.block_unit;
    purchase.quantity = blocks * plan.pricing.block_size * (hours ? 60 : 1);
    purchase.price = blocks * plan.pricing.block_price;
    purchase.currency = plan.pricing.currency;
    purchase.purchased_on = on;
    purchase.created_by = actor.user_id;
    purchase.created_at = ctx.clock.Now();
    return tx.InsertPrepaidPurchase(purchase);
  }));
  return purchase;
}

namespace {

// A customer's own admins read its billing; everyone else needs kReadBilling (a customer's other
// people learn nothing, not even that the customer exists).
Status RequireCustomerBilling(const core::Actor& actor, OrgId customer) {
  if (core::Allows(actor.role, core::Action::kReadOwnUsage) && actor.org_id == customer) return Ok();
  if (core::IsCustomerRole(actor.role)) return Fail(Error::NotFound("customer"));
  return core::Require(actor, core::Action::kReadBilling);
}

}  // namespace

Result<Statement> CustomerStatement(const AppContext& ctx, const core::Actor& actor, std::string_view period,
                                    OrgId customer) {
  TD_CHECK(RequireCustomerBilling(actor, customer));
  const bool staff = core::Allows(actor.role, core::Action::kReadBilling);
  return core::ReadValue<Statement>(ctx.store, [&](core::ReadTx& tx) -> Result<Statement> {
    TD_CHECK(CheckVisibleCustomer(tx, actor, customer));
    auto statements = TD_TRY(Statements(ctx, tx, period, customer));
    if (!staff && (statements.empty() || !statements.front().closed)) {
      return Fail(Error::NotFound("statement (the period is not closed yet)"));
    }
    if (!statements.empty()) return std::move(statements.front());
    Statement empty;
    empty.customer = customer;
    empty.period = std::string(period);
    return empty;
  });
}

Result<std::vector<core::ClosedPeriod>> ListIssuedStatements(const AppContext& ctx, const core::Actor& actor,
                                                             OrgId customer) {
  TD_CHECK(RequireCustomerBilling(actor, customer));
  return core::ReadValue<std::vector<core::ClosedPeriod>>(
      ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::ClosedPeriod>> {
        TD_CHECK(CheckVisibleCustomer(tx, actor, customer));
        auto periods = TD_TRY(tx.ListClosedPeriods(customer));
        std::sort(periods.begin(), periods.end(),
                  [](const core::ClosedPeriod& a, const core::ClosedPeriod& b) { return a.period > b.period; });
        return periods;
      });
}

Result<std::vector<BlockBalance>> ListPrepaidBlocks(const AppContext& ctx, const core::Actor& actor, OrgId customer) {
  TD_CHECK(RequireCustomerBilling(actor, customer));
  return core::ReadValue<std::vector<BlockBalance>>(ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<BlockBalance>> {
    TD_CHECK(CheckVisibleCustomer(tx, actor, customer));
    std::vector<BlockBalance> out;
    const auto draws = TD_TRY(tx.ListBlockDraws(customer));
    for (auto& purchase : TD_TRY(tx.ListPrepaidPurchases(customer))) {
      BlockBalance balance{purchase, purchase.quantity};
      for (const auto& draw : draws) {
        if (draw.draw.block == purchase.id) balance.left -= draw.draw.quantity;
      }
      out.push_back(std::move(balance));
    }
    return out;
  });
}

Result<CustomerMonth> MonthOf(const AppContext& ctx, core::ReadTx& tx, OrgId customer, Timestamp at) {
  const auto zone = TD_TRY(ticket::PartnerZone(ctx, tx));
  CustomerMonth month{PeriodNameOf(*zone, at), false};
  for (const auto& closed : TD_TRY(tx.ListClosedPeriods(customer))) month.closed = month.closed || closed.period == month.name;
  return month;
}

Status CheckPeriodOpen(const AppContext& ctx, core::ReadTx& tx, OrgId customer, Timestamp worked_at) {
  const auto month = TD_TRY(MonthOf(ctx, tx, customer, worked_at));
  if (!month.closed) return Ok();
  return Fail(Error::Conflict(month.name + " is closed for this customer: its time is corrected by a billing clerk",
                              "period-closed"));
}

Result<core::BillingApproval> DecideApproval(const AppContext& ctx, const core::Actor& actor, std::string_view period_text,
                                             NewApproval input) {
  TD_CHECK(core::Require(actor, core::Action::kCloseBilling));
  const auto period = TD_TRY(ParsePeriod(period_text));
  input.note = std::string(TrimAscii(input.note));
  if (input.note.size() > 2000 || !IsValidUtf8(input.note) || !HasNoControlCharacters(input.note, AllowNewlines::kYes)) {
    return Fail(Error::InvalidArgument("the decision is not valid", {{"note", "is at most 2000 characters"}}));
  }
  core::BillingApproval approval;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(CheckVisibleCustomer(tx, actor, input.customer));
    auto ticket = tx.GetTicket(core::SystemScope(), input.ticket);
    if (!ticket && ticket.error().code != ErrorCode::kNotFound) return Fail(std::move(ticket.error()));
    if (!ticket || ticket->customer_id != input.customer) return Fail(Error::NotFound("ticket"));
    const auto zone = TD_TRY(ticket::PartnerZone(ctx, tx));
    Loader loader(ctx, tx, *zone);
    TD_CHECK(loader.Init(input.customer));
    const Frame frame = FrameOf(*zone, period);
    auto inputs = TD_TRY(loader.Inputs(frame, input.customer));
    const auto it = inputs.find(input.customer.value);
    const auto rating = it == inputs.end() ? core::Rating{} : core::Rate(it->second);
    if (std::find(rating.approvable.begin(), rating.approvable.end(), input.ticket) == rating.approvable.end()) {
      return Fail(Error::Conflict("ticket " + std::to_string(input.ticket.value) + " has no work that needs approval in " +
                                      frame.name,
                                  "nothing-to-approve"));
    }
    if (input.decision == core::ApprovalDecision::kApproved) {
      it->second.decisions[input.ticket.value] = input.decision;
      for (const auto& line : core::Rate(it->second).lines) {
        if (line.kind == core::LineKind::kNeedsApproval && line.ticket == input.ticket) {
          return Fail(Error::Conflict("the customer's terms set no price for this work: quote it on the ticket instead",
                                      "no-rate"));
        }
      }
    }
    std::string before;
    for (const auto& earlier : TD_TRY(tx.ListBillingApprovals(input.customer, frame.name))) {
      if (earlier.ticket == input.ticket) before = std::string(core::ToString(earlier.decision));
    }
    const Timestamp now = ctx.clock.Now();
    approval = {0, input.customer, frame.name, input.ticket, input.decision, input.note, actor.user_id, now};
    TD_CHECK(tx.InsertBillingApproval(approval));
    // A closed period is never rewritten: what its work comes to now is charged as an adjustment
    // in the next period that closes.
    const bool closed = loader.IsClosed(input.customer, frame.name);
    if (closed) TD_CHECK(tx.MarkBillingChanged(input.customer, frame.name));
    const bool approved = input.decision == core::ApprovalDecision::kApproved;
    core::Event event{0, input.ticket, actor.user_id, approved ? "billing.approved" : "billing.rejected",
                      "needs_approval", before, std::string(core::ToString(input.decision)), true, now};
    event.via = "work in " + frame.name + (closed ? " (closed: charged as an adjustment)" : "") +
                (input.note.empty() ? "" : ": " + input.note);
    return tx.AppendEvent(event);
  }));
  return approval;
}

Result<std::vector<core::BillingApproval>> ListApprovals(const AppContext& ctx, const core::Actor& actor,
                                                         std::string_view period_text, std::optional<OrgId> customer) {
  TD_CHECK(core::Require(actor, core::Action::kReadBilling));
  const auto period = TD_TRY(ParsePeriod(period_text));
  return core::ReadValue<std::vector<core::BillingApproval>>(
      ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::BillingApproval>> {
        if (customer) TD_CHECK(CheckVisibleCustomer(tx, actor, *customer));
        return tx.ListBillingApprovals(customer.value_or(OrgId{}), core::FormatBillingPeriod(period));
      });
}

Status AfterTimeLogged(const AppContext& ctx, core::WriteTx& tx, const core::Ticket& ticket,
                       const core::TimeEntry& entry) {
  if (!entry.billable) return Ok();
  const auto zone = TD_TRY(ticket::PartnerZone(ctx, tx));
  // Only a prepaid agreement has a balance: anything else is done here, before the month is read.
  const auto agreement =
      core::ActiveAgreement(TD_TRY(tx.ListAgreements(ticket.customer_id)), DayOf(*zone, entry.worked_at));
  if (!agreement || TD_TRY(tx.GetPlan(agreement->plan_id, agreement->plan_version)).pricing.model !=
                        core::Pricing::Model::kPrepaidBlock) {
    return Ok();
  }
  Loader loader(ctx, tx, *zone);
  TD_CHECK(loader.Init(ticket.customer_id));
  const Frame frame = FrameOf(*zone, core::PeriodOf(DayOf(*zone, entry.worked_at)));
  auto inputs = TD_TRY(loader.Inputs(frame, ticket.customer_id));
  const auto it = inputs.find(ticket.customer_id.value);
  if (it == inputs.end()) return Ok();
  auto& input = it->second;
  const auto usage = core::Rate(input).usage;
  std::erase_if(input.entries, [&](const core::RatedEntry& e) { return e.id == entry.id; });
  const bool low_before = core::Rate(input).usage.low_balance;
  if (!usage.low_balance || low_before) return Ok();
  core::Event low{0, ticket.id, entry.user_id, "billing.low_balance", "prepaid", "",
                  std::to_string(usage.prepaid_minutes_left) + " minutes, " + std::to_string(usage.prepaid_incidents_left) +
                      " incidents left",
                  true, ctx.clock.Now()};
  low.via = "the customer's prepaid blocks are at or below " + std::to_string(loader.settings().prepaid_low_balance_percent) + "%";
  return tx.AppendEvent(low);
}

}  // namespace tierdesk::app::billing
