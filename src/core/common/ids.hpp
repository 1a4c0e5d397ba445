// core/common/ids.hpp
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace tierdesk {

// A strongly typed 64-bit identifier. Outside the process ids are plain JSON integers;
// a ticket's id is also its number.
template <class Tag>
struct Id {
  std::int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

using OrgId = Id<struct OrgTag>;
using UserId = Id<struct UserTag>;
using TeamId = Id<struct TeamTag>;
using TicketId = Id<struct TicketTag>;
using MessageId = Id<struct MessageTag>;
using AttachmentId = Id<struct AttachmentTag>;
using SubscriptionId = Id<struct SubscriptionTag>;
using TokenId = Id<struct TokenTag>;
using CalendarId = Id<struct CalendarTag>;
using PlanId = Id<struct PlanTag>;
using AgreementId = Id<struct AgreementTag>;
using RuleId = Id<struct RuleTag>;
using EntitlementId = Id<struct EntitlementTag>;
using CompetencyId = Id<struct CompetencyTag>;
using VendorCaseId = Id<struct VendorCaseTag>;
using VendorIncidentId = Id<struct VendorIncidentTag>;

}  // namespace tierdesk

template <class Tag>
struct std::hash<tierdesk::Id<Tag>> {
  std::size_t operator()(tierdesk::Id<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
