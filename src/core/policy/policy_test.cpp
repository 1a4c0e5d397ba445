#include "core/policy/policy.hpp"

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

Actor ActorFor(Role role) {
  OrgKind kind = OrgKind::kPartner;
  if (IsCustomerRole(role)) kind = OrgKind::kCustomer;
  if (role == Role::kProviderAgent) kind = OrgKind::kProvider;
  if (role == Role::kResellerAgent) kind = OrgKind::kReseller;
  return Actor{UserId{10}, OrgId{20}, kind, role};
}

constexpr Role kRoles[] = {Role::kRequester,  Role::kCustomerAdmin, Role::kAgent,
                           Role::kSupervisor, Role::kAdmin,         Role::kBilling,
                           Role::kProviderAgent, Role::kResellerAgent};

TEST(Policy, ActionTable) {
  // Columns: requester, customer_admin, agent, supervisor, admin, billing, provider, reseller.
  struct Row {
    Action action;
    bool allowed[8];
  };
  const Row table[] = {
      {Action::kCreateTicket, {1, 1, 1, 1, 1, 0, 0, 1}},
      {Action::kUpdateTicket, {1, 1, 1, 1, 1, 0, 1, 1}},
      {Action::kPostPublicMessage, {1, 1, 1, 1, 1, 0, 1, 1}},
      {Action::kPostInternalNote, {0, 0, 1, 1, 1, 0, 1, 1}},
      {Action::kUploadAttachment, {1, 1, 1, 1, 1, 0, 1, 1}},
      {Action::kManageOrganizations, {0, 0, 0, 0, 1, 0, 0, 0}},
      {Action::kManageUsers, {0, 1, 0, 0, 1, 0, 0, 0}},
      {Action::kManageTeams, {0, 0, 0, 1, 1, 0, 0, 0}},
      {Action::kManageServices, {0, 0, 0, 1, 1, 0, 0, 0}},
      {Action::kManageSubscriptions, {0, 0, 1, 1, 1, 0, 0, 0}},
      {Action::kReadDirectory, {0, 0, 1, 1, 1, 1, 1, 1}},
      {Action::kReadAuditLog, {0, 0, 0, 1, 1, 0, 0, 0}},
      {Action::kManageCalendars, {0, 0, 0, 1, 1, 0, 0, 0}},
      {Action::kManagePlans, {0, 0, 0, 0, 1, 0, 0, 0}},
      {Action::kManageRules, {0, 0, 0, 1, 1, 0, 0, 0}},
      {Action::kReadRules, {0, 0, 1, 1, 1, 0, 0, 0}},
  };
  for (const auto& row : table) {
    for (int i = 0; i < 8; ++i) {
      EXPECT_EQ(Allows(kRoles[i], row.action), row.allowed[i])
          << ToString(kRoles[i]) << " action " << static_cast<int>(row.action);
    }
  }
}

TEST(Policy, TicketScopes) {
  struct Expected {
    Role role;
    TicketScope::Kind kind;
    bool internal;
  };
  const Expected table[] = {
      {Role::kRequester, TicketScope::Kind::kRequester, false},
      {Role::kCustomerAdmin, TicketScope::Kind::kCustomer, false},
      {Role::kAgent, TicketScope::Kind::kAll, true},
      {Role::kSupervisor, TicketScope::Kind::kAll, true},
      {Role::kAdmin, TicketScope::Kind::kAll, true},
      {Role::kBilling, TicketScope::Kind::kAll, true},
      {Role::kProviderAgent, TicketScope::Kind::kProvider, false},
      {Role::kResellerAgent, TicketScope::Kind::kReseller, true},
  };
  for (const auto& row : table) {
    const auto scope = TicketScopeFor(ActorFor(row.role));
    EXPECT_EQ(scope.kind, row.kind) << ToString(row.role);
    EXPECT_EQ(scope.include_internal, row.internal) << ToString(row.role);
    EXPECT_EQ(scope.shared_internal, row.role == Role::kProviderAgent) << ToString(row.role);
    EXPECT_EQ(scope.org, OrgId{20});
    EXPECT_EQ(scope.user, UserId{10});
  }
}

TEST(Policy, CreateTicketForCustomers) {
  Organization own{OrgId{20}, OrgKind::kCustomer, "Own", OrgId{1}, {}, "", "", "", "", {}};
  Organization other{OrgId{21}, OrgKind::kCustomer, "Other", OrgId{1}, {}, "", "", "", "", {}};
  Organization resold{OrgId{22}, OrgKind::kCustomer, "Resold", OrgId{20}, {}, "", "", "", "", {}};
  Organization provider{OrgId{23}, OrgKind::kProvider, "P", OrgId{1}, {}, "", "", "", "", {}};
  EXPECT_TRUE(CheckCreateTicketFor(ActorFor(Role::kRequester), own));
  EXPECT_EQ(CheckCreateTicketFor(ActorFor(Role::kRequester), other).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(CheckCreateTicketFor(ActorFor(Role::kAgent), other));
  EXPECT_EQ(CheckCreateTicketFor(ActorFor(Role::kAgent), provider).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(CheckCreateTicketFor(ActorFor(Role::kResellerAgent), resold));
  EXPECT_EQ(CheckCreateTicketFor(ActorFor(Role::kResellerAgent), other).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(CheckCreateTicketFor(ActorFor(Role::kBilling), other).error().code, ErrorCode::kPermissionDenied);
}

TEST(Policy, CustomersMayOnlyResolveOrReopen) {
  TicketPatch resolve;
  resolve.status = TicketStatus::kResolved;
  TicketPatch severity;
  severity.severity = Severity::kCritical;
  TicketPatch both = resolve;
  both.tags = std::vector<std::string>{"x"};
  for (const Role role : {Role::kRequester, Role::kCustomerAdmin}) {
    EXPECT_TRUE(CheckPatchAllowed(ActorFor(role), resolve));
    EXPECT_EQ(CheckPatchAllowed(ActorFor(role), severity).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(CheckPatchAllowed(ActorFor(role), both).error().code, ErrorCode::kPermissionDenied);
  }
  TicketPatch team;
  team.team_id = TeamId{3};
  EXPECT_TRUE(CheckPatchAllowed(ActorFor(Role::kAgent), team));
  EXPECT_FALSE(CheckPatchAllowed(ActorFor(Role::kProviderAgent), team));
  EXPECT_FALSE(CheckPatchAllowed(ActorFor(Role::kResellerAgent), team));
  EXPECT_FALSE(CheckPatchAllowed(ActorFor(Role::kBilling), severity));
}

TEST(Policy, CreateUserRules) {
  Organization own{OrgId{20}, OrgKind::kCustomer, "Own", OrgId{1}, {}, "", "", "", "", {}};
  Organization other{OrgId{21}, OrgKind::kCustomer, "Other", OrgId{1}, {}, "", "", "", "", {}};
  Organization partner{OrgId{1}, OrgKind::kPartner, "Partner", {}, {}, "", "", "", "", {}};
  const Actor customer_admin = ActorFor(Role::kCustomerAdmin);
  EXPECT_TRUE(CheckCreateUser(customer_admin, own, Role::kRequester));
  EXPECT_EQ(CheckCreateUser(customer_admin, own, Role::kAgent).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(CheckCreateUser(customer_admin, other, Role::kRequester).error().code, ErrorCode::kNotFound);
  const Actor admin = ActorFor(Role::kAdmin);
  EXPECT_TRUE(CheckCreateUser(admin, partner, Role::kAgent));
  EXPECT_EQ(CheckCreateUser(admin, partner, Role::kRequester).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(CheckCreateUser(ActorFor(Role::kAgent), own, Role::kRequester).error().code,
            ErrorCode::kPermissionDenied);
}

TEST(Policy, OrganisationScopes) {
  Organization self{OrgId{20}, OrgKind::kReseller, "R", OrgId{1}, {}, "", "", "", "", {}};
  Organization child{OrgId{30}, OrgKind::kCustomer, "C", OrgId{20}, {}, "", "", "", "", {}};
  Organization stranger{OrgId{31}, OrgKind::kCustomer, "S", OrgId{1}, {}, "", "", "", "", {}};
  const auto reseller = OrgScopeFor(ActorFor(Role::kResellerAgent));
  EXPECT_TRUE(OrgInScope(reseller, self));
  EXPECT_TRUE(OrgInScope(reseller, child));
  EXPECT_FALSE(OrgInScope(reseller, stranger));
  EXPECT_FALSE(OrgInScope(OrgScopeFor(ActorFor(Role::kRequester)), child));
  EXPECT_TRUE(OrgInScope(OrgScopeFor(ActorFor(Role::kBilling)), stranger));
}

}  // namespace
}  // namespace tierdesk::core
