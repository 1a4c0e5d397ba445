// core/org/partner_settings.hpp
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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
  // How escalation paths are ranked (core::EscalationPreference): the kinds named here first, in
  // this order; within them and after them the cheapest, an hourly path costed at this many
  // minutes per case.
  std::vector<std::string> escalation_order = {};
  std::int64_t escalation_minutes_per_case = 60;
  // Billing: what an hour of the partner's own people costs it (for margins; 0: not counted), and
  // the share of a customer's prepaid blocks below which its balance is low.
  std::int64_t internal_hourly_cost = 0;
  std::string internal_cost_currency = {};
  int prepaid_low_balance_percent = 20;
  // Users of customer organisations: false (the default), only addresses at their organisation's
  // own domains; true, any address at a domain no other organisation holds (core::CheckUserAddress).
  bool customer_users_any_domain = false;
};

Status ValidatePartnerSettings(const PartnerSettings& settings);

}  // namespace tierdesk::core
