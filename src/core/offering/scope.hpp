// core/offering/scope.hpp
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/offering/plan.hpp"

namespace tierdesk::core {

enum class ScopeKind { kInScope, kOutOfScopeBillable, kRefused };
std::string_view ToString(ScopeKind kind);
std::optional<ScopeKind> ParseScopeKind(std::string_view text);

// What a plan says about a request for (service, category). No plan at all (no agreement and no
// default plan): everything is in scope, as before offerings were configured.
struct ScopeDecision {
  ScopeKind kind = ScopeKind::kInScope;
  std::optional<Quote> quote;  // billable: the price to accept
  std::string reason;          // refused or billable: why, in words for the customer
};
ScopeDecision DecideScope(const Plan* plan, std::string_view service, Category category);

// The customer's acceptance must echo the quote exactly.
struct AcceptedCharges {
  std::string currency;
  std::int64_t hourly_rate = 0;
};
bool Matches(const AcceptedCharges& accepted, const Quote& quote);

}  // namespace tierdesk::core
