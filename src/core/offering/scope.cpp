#include "core/offering/scope.hpp"

#include "core/common/enum_names.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<ScopeKind, 3> kScopeNames{{{
    {ScopeKind::kInScope, "in_scope"},
    {ScopeKind::kOutOfScopeBillable, "out_of_scope_billable"},
    {ScopeKind::kRefused, "refused"},
}}};

}  // namespace

std::string_view ToString(ScopeKind kind) { return kScopeNames.Name(kind); }
std::optional<ScopeKind> ParseScopeKind(std::string_view text) { return kScopeNames.Parse(text); }

ScopeDecision DecideScope(const Plan* plan, std::string_view service, Category category) {
  if (plan == nullptr || Covers(*plan, service, category)) return {};
  const std::string what = std::string(ToString(category)) + " requests for " + std::string(service);
  if (plan->out_of_scope == Plan::OutOfScope::kRefuse) {
    return {ScopeKind::kRefused, std::nullopt, "your support plan '" + plan->name + "' does not cover " + what};
  }
  return {ScopeKind::kOutOfScopeBillable, QuoteOutOfScope(*plan).value_or(Quote{}),
          "your support plan '" + plan->name + "' does not cover " + what + "; we can help at the quoted rate"};
}

bool Matches(const AcceptedCharges& accepted, const Quote& quote) {
  return accepted.currency == quote.currency && accepted.hourly_rate == quote.hourly_rate;
}

}  // namespace tierdesk::core
