// app/vendor/vendor.hpp
#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"
#include "core/vendor/entitlement.hpp"

namespace tierdesk::app::vendor {

// The partner's vendor entitlements and competencies (DESIGN.md §4 Entitlement). Admins manage
// them; partner staff read them; nobody outside the partner sees them. Replace takes the
// version from If-Match (kPreconditionFailed when stale); consumption is set by vendor cases,
// not by a replace (a replace keeps what was consumed).
Result<core::Competency> CreateCompetency(const AppContext& ctx, const core::Actor& actor, core::Competency input);
Result<core::Competency> ReplaceCompetency(const AppContext& ctx, const core::Actor& actor, CompetencyId id,
                                           core::Competency input, std::optional<std::int64_t> expected_version);
Status DeleteCompetency(const AppContext& ctx, const core::Actor& actor, CompetencyId id);
Result<std::vector<core::Competency>> ListCompetencies(const AppContext& ctx, const core::Actor& actor);
Result<core::Competency> GetCompetency(const AppContext& ctx, const core::Actor& actor, CompetencyId id);

Result<core::Entitlement> CreateEntitlement(const AppContext& ctx, const core::Actor& actor, core::Entitlement input);
Result<core::Entitlement> ReplaceEntitlement(const AppContext& ctx, const core::Actor& actor, EntitlementId id,
                                             core::Entitlement input, std::optional<std::int64_t> expected_version);
Status DeleteEntitlement(const AppContext& ctx, const core::Actor& actor, EntitlementId id);
Result<std::vector<core::Entitlement>> ListEntitlements(const AppContext& ctx, const core::Actor& actor);
Result<core::Entitlement> GetEntitlement(const AppContext& ctx, const core::Actor& actor, EntitlementId id);

// Every escalation path for a ticket the actor can see, with eligibility, reasons and cost, as of
// today in the partner's time zone.
Result<std::vector<core::EscalationOption>> EscalationOptions(const AppContext& ctx, const core::Actor& actor,
                                                              TicketId id);

}  // namespace tierdesk::app::vendor
