// app/org/partner.hpp
#pragma once

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::org {

// Partner staff read the settings; admins change them (the default plan must exist).
Result<core::PartnerSettings> GetPartnerSettings(const AppContext& ctx, const core::Actor& actor);
Result<core::PartnerSettings> UpdatePartnerSettings(const AppContext& ctx, const core::Actor& actor,
                                                    core::PartnerSettings settings);

// The support contact Microsoft shows customers; every signed-in user may read it.
struct SupportProfile {
  std::string name;
  core::PartnerSettings settings;
};
Result<SupportProfile> GetSupportProfile(const AppContext& ctx, const core::Actor& actor);

}  // namespace tierdesk::app::org
