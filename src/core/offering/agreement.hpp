// core/offering/agreement.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/offering/plan.hpp"

namespace tierdesk::core {

// A civil date as days since 1970-01-01 (the partner's calendar days).
using Day = std::int64_t;
std::optional<Day> ParseDay(std::string_view text);  // YYYY-MM-DD
std::string FormatDay(Day day);

// A customer on one version of a plan, from a date to a date (both inclusive; no end date: until
// further notice), with per-customer overrides and prepaid balances. DESIGN.md §4 Agreement.
struct Agreement {
  struct Overrides {
    std::optional<std::int64_t> hourly_rate;   // minor units, the plan's currency
    std::optional<std::int64_t> per_incident;
    std::optional<std::int64_t> monthly_fee;
    std::optional<std::array<SeverityTargets, 3>> targets;
  };
  AgreementId id;
  OrgId customer_id;
  PlanId plan_id;
  std::int64_t plan_version = 1;
  Day start = 0;
  std::optional<Day> end;
  Overrides overrides;
  std::int64_t prepaid_minutes = 0;    // opening balances of prepaid blocks
  std::int64_t prepaid_incidents = 0;
  Timestamp created_at;

  bool ActiveOn(Day day) const { return start <= day && (!end || day <= *end); }
};

Status ValidateAgreement(const Agreement& agreement);

// A customer's agreements must tile time without overlaps or gaps: at most one is active on any
// day, and a new one starts the day after the previous ends (or ends the day before the first
// starts). `others` are the customer's other agreements. kConflict names the agreement in the way.
Status CheckAgreementFits(const std::vector<Agreement>& others, const Agreement& candidate);

// The agreement active on a day, if any.
std::optional<Agreement> ActiveAgreement(const std::vector<Agreement>& agreements, Day day);

// The plan's terms as they apply to this customer: the overrides laid over the signed version.
Plan EffectivePlan(const Plan& signed_version, const Agreement& agreement);

}  // namespace tierdesk::core
