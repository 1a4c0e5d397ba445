// core/org/partner_settings.hpp
#pragma once

#include <string>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"

namespace tierdesk::core {

// The partner's own settings. The support profile (e-mail, phone, website) is what Microsoft
// shows CSP customers in their admin portals (DESIGN.md §1.1).
struct PartnerSettings {
  PlanId default_plan;  // handles customers without an active agreement; invalid: none
  std::string support_email;
  std::string support_phone;
  std::string support_website;
};

Status ValidatePartnerSettings(const PartnerSettings& settings);

}  // namespace tierdesk::core
