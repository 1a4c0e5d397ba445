#include "core/offering/agreement.hpp"

#include <algorithm>
#include <cstdio>

#include "core/calendar/calendar.hpp"

namespace tierdesk::core {

std::optional<Day> ParseDay(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(text.substr(0, 4)));
  m = std::stoi(std::string(text.substr(5, 2)));
  d = std::stoi(std::string(text.substr(8, 2)));
  if (!IsValidCivilDate(y, m, d)) return std::nullopt;
  return DaysFromCivil(y, m, d);
}

std::string FormatDay(Day day) {
  const auto ymd = std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buffer;
}

Status ValidateAgreement(const Agreement& agreement) {
  std::vector<FieldError> errors;
  if (agreement.end && *agreement.end < agreement.start) errors.push_back({"end_date", "must not be before start_date"});
  for (const auto amount : {agreement.overrides.hourly_rate, agreement.overrides.per_incident, agreement.overrides.monthly_fee}) {
    if (amount && (*amount < 0 || *amount > kMaxMoneyAmount)) {
      errors.push_back({"overrides", "prices are 0 to 10^12 minor units"});
      break;
    }
  }
  if (agreement.prepaid_minutes < 0 || agreement.prepaid_incidents < 0) {
    errors.push_back({"prepaid", "balances are never negative"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the agreement is not valid", errors));
  return Ok();
}

Status CheckAgreementFits(const std::vector<Agreement>& others, const Agreement& candidate) {
  constexpr Day kOpen = INT64_MAX;
  const Day candidate_end = candidate.end.value_or(kOpen);
  Day first = kOpen, last = INT64_MIN;
  for (const auto& other : others) {
    if (other.id == candidate.id) continue;
    const Day other_end = other.end.value_or(kOpen);
    if (candidate.start <= other_end && other.start <= candidate_end) {
      return Fail(Error::Conflict("the customer already has agreement " + std::to_string(other.id.value) + " from " +
                                      FormatDay(other.start) + (other.end ? " to " + FormatDay(*other.end) : " with no end") +
                                      "; agreements may not overlap",
                                  "agreement-overlap"));
    }
    first = std::min(first, other.start);
    last = std::max(last, other_end);
  }
  if (first == kOpen) return Ok();  // the customer's first agreement
  const bool follows = last != kOpen && candidate.start == last + 1;
  const bool precedes = candidate.end && *candidate.end + 1 == first;
  if (!follows && !precedes) {
    return Fail(Error::Conflict(
        "agreements may not leave a gap: the customer's agreements run from " + FormatDay(first) +
            (last == kOpen ? " with no end" : " to " + FormatDay(last)) + "; a new one starts the day after or ends the day before",
        "agreement-gap"));
  }
  return Ok();
}

std::optional<Agreement> ActiveAgreement(const std::vector<Agreement>& agreements, Day day) {
  for (const auto& agreement : agreements) {
    if (agreement.ActiveOn(day)) return agreement;
  }
  return std::nullopt;
}

Plan EffectivePlan(const Plan& signed_version, const Agreement& agreement) {
  Plan plan = signed_version;
  const auto& o = agreement.overrides;
  if (o.hourly_rate) plan.pricing.hourly_rate = *o.hourly_rate;
  if (o.per_incident) plan.pricing.per_incident = *o.per_incident;
  if (o.monthly_fee) plan.pricing.monthly_fee = *o.monthly_fee;
  if (o.targets) plan.targets = *o.targets;
  return plan;
}

}  // namespace tierdesk::core
