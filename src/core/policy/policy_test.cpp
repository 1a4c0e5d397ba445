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
      {Action::kReadVendorQueue, {0, 0, 1, 1, 1, 0, 0, 0}},
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
    Viewer viewer;
  };
  const Expected table[] = {
      {Role::kRequester, TicketScope::Kind::kRequester, Viewer::kCustomer},
      {Role::kCustomerAdmin, TicketScope::Kind::kCustomer, Viewer::kCustomer},
      {Role::kAgent, TicketScope::Kind::kAll, Viewer::kPartner},
      {Role::kSupervisor, TicketScope::Kind::kAll, Viewer::kPartner},
      {Role::kAdmin, TicketScope::Kind::kAll, Viewer::kPartner},
      {Role::kBilling, TicketScope::Kind::kAll, Viewer::kPartner},
      {Role::kProviderAgent, TicketScope::Kind::kProvider, Viewer::kProvider},
      {Role::kResellerAgent, TicketScope::Kind::kReseller, Viewer::kReseller},
  };
  for (const auto& row : table) {
    const auto scope = TicketScopeFor(ActorFor(row.role));
    EXPECT_EQ(scope.kind, row.kind) << ToString(row.role);
    EXPECT_EQ(scope.viewer, row.viewer) << ToString(row.role);
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

TEST(Policy, UserAddressesOfCustomerAdminsStayAtTheirDomainsAndTellNothingOfOthers) {
  Organization own{OrgId{20}, OrgKind::kCustomer, "Own", OrgId{1}, {"own.example"}, "", "", "", "", {}};
  const Actor customer_admin = ActorFor(Role::kCustomerAdmin);
  const Actor admin = ActorFor(Role::kAdmin);
  auto code = [&](const Actor& actor, const char* email, AddressFacts facts) {
    const auto checked = CheckUserAddress(actor, own, email, facts);
    return checked ? std::string("ok") : checked.error().type.empty() ? std::string(ErrorCodeName(checked.error().code))
                                                                      : checked.error().type;
  };
  const OrgId other{21};
  // The refused answer is one Error for every reason.
  const auto refused = CheckUserAddress(customer_admin, own, "x@elsewhere.example", {}).error();
  EXPECT_EQ(refused.code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(refused.fields.size(), 1u);
  EXPECT_EQ(refused.fields[0].field, "email");
  const auto exists_elsewhere = CheckUserAddress(customer_admin, own, "x@own.example", {{}, other, false}).error();
  EXPECT_EQ(exists_elsewhere.message, refused.message);
  EXPECT_EQ(exists_elsewhere.fields[0].message, refused.fields[0].message);
  // {domain owner, existing user's organisation, any_domain} → answer
  EXPECT_EQ(code(customer_admin, "x@own.example", {own.id, {}, false}), "ok");
  EXPECT_EQ(code(customer_admin, "x@own.example", {own.id, own.id, false}), "duplicate");
  EXPECT_EQ(code(customer_admin, "x@partner.example", {OrgId{1}, {}, false}), "invalid_argument");
  EXPECT_EQ(code(customer_admin, "x@partner.example", {OrgId{1}, OrgId{1}, false}), "invalid_argument");
  EXPECT_EQ(code(customer_admin, "x@gmail.example", {{}, {}, false}), "invalid_argument");
  EXPECT_EQ(code(customer_admin, "x@gmail.example", {{}, {}, true}), "ok");
  EXPECT_EQ(code(customer_admin, "x@gmail.example", {{}, other, true}), "invalid_argument");
  EXPECT_EQ(code(customer_admin, "x@partner.example", {OrgId{1}, {}, true}), "invalid_argument");
  EXPECT_EQ(code(customer_admin, "x@sub.own.example", {{}, {}, false}), "invalid_argument") << "exact domains";
  // The partner's admins are the partner: any address, and a taken one is a duplicate wherever it is.
  EXPECT_EQ(code(admin, "x@gmail.example", {{}, {}, false}), "ok");
  EXPECT_EQ(code(admin, "x@partner.example", {OrgId{1}, other, false}), "duplicate");
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

// Issue 13, finding 8: a provider sees its own cost but never the partner's price.
TEST(Policy, MoneyEachRoleSees) {
  const OrgId own{20};  // ActorFor's organisation
  const OrgId other{21};
  struct Row {
    Role role;
    bool prices, own_cost, other_cost;
  };
  const Row rows[] = {
      {Role::kRequester, true, false, false},    {Role::kCustomerAdmin, true, false, false},
      {Role::kAgent, true, true, true},          {Role::kSupervisor, true, true, true},
      {Role::kAdmin, true, true, true},          {Role::kBilling, true, true, true},
      {Role::kProviderAgent, false, true, false}, {Role::kResellerAgent, true, false, false},
  };
  for (const auto& row : rows) {
    const auto view = MoneyViewFor(ActorFor(row.role));
    EXPECT_EQ(view.prices, row.prices) << ToString(row.role);
    EXPECT_EQ(view.MaySeeCost(own), row.own_cost) << ToString(row.role);
    EXPECT_EQ(view.MaySeeCost(other), row.other_cost) << ToString(row.role);
    EXPECT_FALSE(view.MaySeeCost(OrgId{}) && !view.all_costs) << ToString(row.role);
  }
}

}  // namespace
}  // namespace tierdesk::core
