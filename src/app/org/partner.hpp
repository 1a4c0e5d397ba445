// app/org/partner.hpp
#pragma once

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::org {

// Partner staff read the settings; admins change them (the default plan must exist).
Result<core::PartnerSettings> GetPartnerSettings(const AppContext& ctx, const core::Actor& actor);

// The settings with the partner organisation's own profile (name, domains, country, locale, time
// zone), as PATCH /partner/settings shows and changes them.
struct PartnerView {
  core::Organization partner;
  core::PartnerSettings settings;
};
Result<PartnerView> GetPartnerView(const AppContext& ctx, const core::Actor& actor);
// Admins: every field is validated (the time zone against the tz database) before anything is
// stored; the profile patch may name name, domains, country, locale and time_zone only. One audit
// event for the settings, one for a changed profile.
Result<PartnerView> UpdatePartnerSettings(const AppContext& ctx, const core::Actor& actor,
                                          core::PartnerSettings settings, core::OrganizationPatch profile = {});

// The support contact Microsoft shows customers; every signed-in user may read it.
struct SupportProfile {
  std::string name;
  core::PartnerSettings settings;
};
Result<SupportProfile> GetSupportProfile(const AppContext& ctx, const core::Actor& actor);

}  // namespace tierdesk::app::org
