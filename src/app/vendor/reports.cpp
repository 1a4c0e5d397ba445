// Reports on the partner's vendor support: entitlement burn-down, what expires soon, and
// escalations per path per month.
#include "app/ticket/ticket.hpp"
#include "app/vendor/vendor.hpp"

namespace tierdesk::app::vendor {
namespace {

bool IsMonth(const std::string& text) {
  return text.size() == 7 && text[4] == '-' && core::ParseDay(text + "-01").has_value();
}

}  // namespace

Result<std::vector<BurnDownRow>> EntitlementBurnDown(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kReadReports));
  return core::ReadValue<std::vector<BurnDownRow>>(ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<BurnDownRow>> {
    const core::Day today = TD_TRY(ticket::PartnerToday(ctx, tx, TD_TRY(tx.TermsVersion())));
    const Timestamp since = ctx.clock.Now() - std::chrono::days(core::kBurnWindowDays);
    std::unordered_map<std::int64_t, std::int64_t> used;
    for (const auto& c : TD_TRY(tx.ListVendorCasesSince(since))) {
      if (c.closed_at && *c.closed_at >= since && c.entitlement.valid()) used[c.entitlement.value] += c.consumed;
    }
    std::vector<BurnDownRow> rows;
    for (auto& e : TD_TRY(tx.ListEntitlements())) {
      const auto recent = used.contains(e.id.value) ? used[e.id.value] : 0;
      rows.push_back({std::move(e), {}});
      rows.back().burn = core::BurnDownOf(rows.back().entitlement, recent, today);
    }
    return rows;
  });
}

Result<std::vector<core::Expiring>> Expiring(const AppContext& ctx, const core::Actor& actor, std::int64_t days) {
  TD_CHECK(core::Require(actor, core::Action::kReadReports));
  return core::ReadValue<std::vector<core::Expiring>>(ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::Expiring>> {
    const core::Day today = TD_TRY(ticket::PartnerToday(ctx, tx, TD_TRY(tx.TermsVersion())));
    return core::ExpiringWithin(TD_TRY(tx.ListEntitlements()), TD_TRY(tx.ListCompetencies()), today, days);
  });
}

Result<std::vector<core::PathMonth>> EscalationsPerPath(const AppContext& ctx, const core::Actor& actor,
                                                        std::optional<std::string> from, std::optional<std::string> to) {
  TD_CHECK(core::Require(actor, core::Action::kReadReports));
  std::vector<FieldError> errors;
  if (from && !IsMonth(*from)) errors.push_back({"from", "must be a month such as 2026-01"});
  if (to && !IsMonth(*to)) errors.push_back({"to", "must be a month such as 2026-12"});
  if (!errors.empty()) return Fail(Error::InvalidArgument("the period is not valid", std::move(errors)));
  return core::ReadValue<std::vector<core::PathMonth>>(ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::PathMonth>> {
    const core::Day today = TD_TRY(ticket::PartnerToday(ctx, tx, TD_TRY(tx.TermsVersion())));
    const std::string last = to.value_or(core::MonthOf(today));
    const std::string first = from.value_or(core::MonthOf(today - 365 + 31));
    if (last < first) {
      return Fail(Error::InvalidArgument("the period is not valid", {{"to", "is not before from"}}));
    }
    // A month's cases were all opened after the day before it began in any zone.
    const auto start = core::DaysFromCivil(std::stoi(first.substr(0, 4)), std::stoi(first.substr(5, 2)), 1) - 1;
    const Timestamp since{std::chrono::sys_days{std::chrono::days{start}}};
    const auto zone = TD_TRY(ticket::PartnerZone(ctx, tx));
    return core::EscalationsByPathAndMonth(TD_TRY(tx.ListVendorCasesSince(since)), *zone, first, last);
  });
}

}  // namespace tierdesk::app::vendor
