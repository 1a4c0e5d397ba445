#include "core/org/partner_settings.hpp"

#include <algorithm>
#include <set>

#include "core/common/text.hpp"
#include "core/offering/plan.hpp"
#include "core/vendor/entitlement.hpp"

namespace tierdesk::core {

Status ValidatePartnerSettings(const PartnerSettings& settings) {
  std::vector<FieldError> errors;
  if (!settings.support_email.empty() && !LooksLikeEmail(settings.support_email)) {
    errors.push_back({"support_email", "must be an e-mail address"});
  }
  const auto& phone = settings.support_phone;
  if (!phone.empty() && (phone.size() > 32 || !std::all_of(phone.begin(), phone.end(), [](char c) {
                           return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')';
                         }))) {
    errors.push_back({"support_phone", "must be a phone number such as +82 2 1234 5678"});
  }
  const auto& site = settings.support_website;
  if (!site.empty() && (site.rfind("https://", 0) != 0 || site.size() > 200 ||
                        !HasNoControlCharacters(site, AllowNewlines::kNo) || site.find(' ') != std::string::npos)) {
    errors.push_back({"support_website", "must be an https:// address"});
  }
  if (settings.escalation_order.size() > 20) errors.push_back({"escalation_order", "names at most 20 path kinds"});
  const auto& order = settings.escalation_order;
  if (!std::all_of(order.begin(), order.end(), [](const std::string& kind) { return IsPathKind(kind); }) ||
      std::set<std::string>(order.begin(), order.end()).size() != order.size()) {
    errors.push_back({"escalation_order", "names path kinds such as premier or advanced, each once"});
  }
  if (settings.escalation_minutes_per_case < 1 || settings.escalation_minutes_per_case > 6000) {
    errors.push_back({"escalation_minutes_per_case", "is 1 to 6000 minutes"});
  }
  if (settings.internal_hourly_cost < 0 || settings.internal_hourly_cost > 100'000'000'000) {
    errors.push_back({"internal_hourly_cost", "is 0 or more minor units"});
  }
  if (!settings.internal_cost_currency.empty() && !IsCurrencyCode(settings.internal_cost_currency)) {
    errors.push_back({"internal_cost_currency", "is an ISO 4217 code such as USD or KRW"});
  }
  if (settings.internal_hourly_cost > 0 && settings.internal_cost_currency.empty()) {
    errors.push_back({"internal_cost_currency", "is required with an internal hourly cost"});
  }
  if (settings.prepaid_low_balance_percent < 0 || settings.prepaid_low_balance_percent > 100) {
    errors.push_back({"prepaid_low_balance_percent", "is 0 to 100"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the settings are not valid", errors));
  return Ok();
}

}  // namespace tierdesk::core
