// app/offering/plan.hpp
#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::offering {

// Admins create plans; every later change is a new version (agreements keep theirs).
Result<core::Plan> CreatePlan(const AppContext& ctx, const core::Actor& actor, core::Plan terms);
// expected_version (If-Match) → kPreconditionFailed when stale.
Result<core::Plan> ReplacePlan(const AppContext& ctx, const core::Actor& actor, PlanId id, core::Plan terms,
                               std::optional<std::int64_t> expected_version);
Result<std::vector<core::Plan>> ListPlans(const AppContext& ctx, const core::Actor& actor);
// version 0: the current one.
Result<core::Plan> GetPlan(const AppContext& ctx, const core::Actor& actor, PlanId id, std::int64_t version);

}  // namespace tierdesk::app::offering
