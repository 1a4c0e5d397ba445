#include "core/routing/work.hpp"

#include <algorithm>

#include "core/common/enum_names.hpp"
#include "core/common/money.hpp"
#include "core/offering/plan.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<Assignment, 3> kAssignmentNames{{{
    {Assignment::kManual, "manual"},
    {Assignment::kRoundRobin, "round_robin"},
    {Assignment::kLeastOpen, "least_open"},
}}};

constexpr EnumNames<Activity, 4> kActivityNames{{{
    {Activity::kRemote, "remote"},
    {Activity::kOnSite, "on_site"},
    {Activity::kCallOut, "call_out"},
    {Activity::kAfterHours, "after_hours"},
}}};

}  // namespace

std::string_view ToString(Activity activity) { return kActivityNames.Name(activity); }
std::optional<Activity> ParseActivity(std::string_view text) { return kActivityNames.Parse(text); }
std::optional<Activity> ParseLoggedActivity(std::string_view text) {
  const auto activity = kActivityNames.Parse(text);
  if (activity == Activity::kAfterHours) return std::nullopt;
  return activity;
}

std::string_view ToString(Assignment assignment) { return kAssignmentNames.Name(assignment); }
std::optional<Assignment> ParseAssignment(std::string_view text) { return kAssignmentNames.Parse(text); }

std::optional<UserId> PickAssignee(Assignment assignment, std::vector<AssignmentCandidate> candidates,
                                   UserId last) {
  std::erase_if(candidates, [](const AssignmentCandidate& c) { return !c.eligible; });
  if (assignment == Assignment::kManual || candidates.empty()) return std::nullopt;
  std::sort(candidates.begin(), candidates.end(),
            [](const AssignmentCandidate& a, const AssignmentCandidate& b) { return a.id < b.id; });
  if (assignment == Assignment::kRoundRobin) {
    // The first member after the last one served, wrapping around.
    for (const auto& c : candidates) {
      if (c.id.value > last.value) return c.id;
    }
    return candidates.front().id;
  }
  const auto fewest = std::min_element(
      candidates.begin(), candidates.end(),
      [](const AssignmentCandidate& a, const AssignmentCandidate& b) { return a.open_tickets < b.open_tickets; });
  return fewest->id;
}

Status ValidateProviderContract(const ProviderContract& contract) {
  std::vector<FieldError> errors;
  if (!IsCurrencyCode(contract.currency)) errors.push_back({"currency", "must be an ISO 4217 code such as KRW or EUR"});
  if (contract.hourly_cost < 0 || contract.hourly_cost > kMaxMoneyAmount) {
    errors.push_back({"hourly_cost", "is 0 to 10^12 minor units"});
  }
  ValidateTargets(contract.targets, errors);
  for (std::size_t s = 0; s < contract.targets.size(); ++s) {
    if (contract.targets[s].next_response.minutes != 0) {
      errors.push_back({"targets", "a provider's targets are first response and resolution"});
      break;
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the provider contract is not valid", std::move(errors)));
  return Ok();
}

void CheckWorkedAt(Timestamp worked_at, std::int64_t minutes, Timestamp ticket_opened, Timestamp now,
                   std::vector<FieldError>& errors) {
  // Minutes are checked on their own (1 to 1440); clamped here so that none overflows.
  const std::chrono::minutes span{std::clamp<std::int64_t>(minutes, 0, kMaxTimeEntryMinutes)};
  if (worked_at + span > now + kWorkClockSkew) {
    errors.push_back({"worked_at", "the work (worked_at plus its minutes) ends no later than now"});
  }
  if (worked_at < ticket_opened - kWorkBeforeOpenedGrace) {
    errors.push_back({"worked_at", "is at most 24 hours before the ticket was opened"});
  }
}

std::int64_t AmountFor(std::int64_t minutes, std::int64_t hourly_rate) {
  return MultiplyDivideRounded(minutes, hourly_rate, 60);
}

}  // namespace tierdesk::core
