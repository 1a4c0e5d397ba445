// app/offering/agreement.hpp
#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::offering {

// Admins sign customers onto a plan version (0: the current one). The customer's agreements
// must tile time: no overlaps, no gaps (kConflict says which agreement is in the way).
Result<core::Agreement> CreateAgreement(const AppContext& ctx, const core::Actor& actor, core::Agreement input);
// Ends an agreement on a day (or reopens it with no end); the same tiling rules hold.
Result<core::Agreement> SetAgreementEnd(const AppContext& ctx, const core::Actor& actor, AgreementId id,
                                        std::optional<core::Day> end);
// Partner staff see every agreement, reseller agents their customers', customer users their own
// organisation's; provider agents none. Outside the scope is kNotFound.
Result<std::vector<core::Agreement>> ListAgreements(const AppContext& ctx, const core::Actor& actor,
                                                    std::optional<OrgId> customer);
Result<core::Agreement> GetAgreement(const AppContext& ctx, const core::Actor& actor, AgreementId id);

}  // namespace tierdesk::app::offering
