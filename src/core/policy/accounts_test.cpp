#include "core/policy/accounts.hpp"

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

Organization Org(std::int64_t id, OrgKind kind) {
  Organization org;
  org.id = OrgId{id};
  org.kind = kind;
  org.parent_id = OrgId{1};
  return org;
}

const Organization kPartner = Org(1, OrgKind::kPartner);
const Organization kCustomerA = Org(2, OrgKind::kCustomer);
const Organization kCustomerB = Org(3, OrgKind::kCustomer);

User UserOf(std::int64_t id, const Organization& org, Role role) {
  User user;
  user.id = UserId{id};
  user.organization_id = org.id;
  user.role = role;
  return user;
}
Actor ActorOf(const User& user, const Organization& org) { return Actor{user.id, org.id, org.kind, user.role}; }

UserPatch RolePatch(Role role) {
  UserPatch patch;
  patch.role = role;
  return patch;
}

TEST(Accounts, RoleRanksOrderWhatEachMayGrant) {
  EXPECT_LT(RoleRank(Role::kRequester), RoleRank(Role::kCustomerAdmin));
  EXPECT_LT(RoleRank(Role::kCustomerAdmin), RoleRank(Role::kAgent));
  EXPECT_EQ(RoleRank(Role::kAgent), RoleRank(Role::kBilling));
  EXPECT_LT(RoleRank(Role::kAgent), RoleRank(Role::kSupervisor));
  EXPECT_LT(RoleRank(Role::kSupervisor), RoleRank(Role::kAdmin));
}

TEST(Accounts, CustomerAdminManagesOnlyItsOwnOrganisationsCustomerUsers) {
  const User admin_a = UserOf(10, kCustomerA, Role::kCustomerAdmin);
  const Actor actor = ActorOf(admin_a, kCustomerA);
  const User req_a = UserOf(11, kCustomerA, Role::kRequester);
  const User req_b = UserOf(12, kCustomerB, Role::kRequester);
  const User agent = UserOf(13, kPartner, Role::kAgent);
  EXPECT_TRUE(CheckUpdateUser(actor, req_a, kCustomerA, RolePatch(Role::kCustomerAdmin)));
  EXPECT_EQ(CheckUpdateUser(actor, req_b, kCustomerB, RolePatch(Role::kRequester)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(CheckUpdateUser(actor, agent, kPartner, RolePatch(Role::kAgent)).error().code, ErrorCode::kNotFound);
  // Above its own role: refused whatever the organisation would take.
  EXPECT_EQ(CheckUpdateUser(actor, req_a, kCustomerA, RolePatch(Role::kAdmin)).error().code,
            ErrorCode::kPermissionDenied);
  UserPatch teams;
  teams.teams = std::vector<TeamId>{};
  EXPECT_EQ(CheckUpdateUser(actor, req_a, kCustomerA, teams).error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(CheckDeleteUser(actor, req_a, kCustomerA));
  EXPECT_EQ(CheckDeleteUser(actor, req_b, kCustomerB).error().code, ErrorCode::kNotFound);
}

TEST(Accounts, RolesMustFitTheOrganisationAndNobodyDemotesOrDeactivatesThemselves) {
  const User admin = UserOf(1, kPartner, Role::kAdmin);
  const Actor actor = ActorOf(admin, kPartner);
  const User agent = UserOf(2, kPartner, Role::kAgent);
  EXPECT_TRUE(CheckUpdateUser(actor, agent, kPartner, RolePatch(Role::kSupervisor)));
  EXPECT_EQ(CheckUpdateUser(actor, agent, kPartner, RolePatch(Role::kRequester)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(CheckUpdateUser(actor, admin, kPartner, RolePatch(Role::kAgent)).error().fields.at(0).field, "role");
  UserPatch off;
  off.active = false;
  EXPECT_EQ(CheckUpdateUser(actor, admin, kPartner, off).error().fields.at(0).field, "active");
  EXPECT_TRUE(CheckUpdateUser(actor, agent, kPartner, off));
  EXPECT_EQ(CheckDeleteUser(actor, admin, kPartner).error().code, ErrorCode::kInvalidArgument);
  // Teams are for partner staff.
  UserPatch teams;
  teams.teams = std::vector<TeamId>{TeamId{4}};
  const User requester = UserOf(3, kCustomerA, Role::kRequester);
  EXPECT_TRUE(CheckUpdateUser(actor, agent, kPartner, teams));
  EXPECT_EQ(CheckUpdateUser(actor, requester, kCustomerA, teams).error().fields.at(0).field, "teams");
}

TEST(Accounts, OnlyAdminsAndCustomerAdminsManageOthers) {
  const User supervisor = UserOf(5, kPartner, Role::kSupervisor);
  const User agent = UserOf(6, kPartner, Role::kAgent);
  const Actor actor = ActorOf(supervisor, kPartner);
  EXPECT_EQ(CheckUpdateUser(actor, agent, kPartner, RolePatch(Role::kAgent)).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CheckDeleteUser(actor, agent, kPartner).error().code, ErrorCode::kPermissionDenied);
}

TEST(Accounts, WhoManagesWhoseTokens) {
  const User admin = UserOf(1, kPartner, Role::kAdmin);
  const User agent = UserOf(2, kPartner, Role::kAgent);
  const User supervisor = UserOf(3, kPartner, Role::kSupervisor);
  const User admin_a = UserOf(10, kCustomerA, Role::kCustomerAdmin);
  const User req_a = UserOf(11, kCustomerA, Role::kRequester);
  const User req_b = UserOf(12, kCustomerB, Role::kRequester);
  // Everyone their own.
  for (const auto& [user, org] : {std::pair{admin, kPartner}, std::pair{agent, kPartner}, std::pair{req_a, kCustomerA}}) {
    EXPECT_TRUE(CheckManageCredentials(ActorOf(user, org), user, org));
  }
  // An admin anyone's; a customer admin its organisation's; staff nobody else's.
  EXPECT_TRUE(CheckManageCredentials(ActorOf(admin, kPartner), agent, kPartner));
  EXPECT_TRUE(CheckManageCredentials(ActorOf(admin, kPartner), req_b, kCustomerB));
  EXPECT_TRUE(CheckManageCredentials(ActorOf(admin_a, kCustomerA), req_a, kCustomerA));
  EXPECT_EQ(CheckManageCredentials(ActorOf(admin_a, kCustomerA), req_b, kCustomerB).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(CheckManageCredentials(ActorOf(supervisor, kPartner), agent, kPartner).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(CheckManageCredentials(ActorOf(req_a, kCustomerA), admin_a, kCustomerA).error().code,
            ErrorCode::kNotFound);  // a requester sees only itself
}

TEST(Accounts, SigningInNeedsAnActiveUserInAnActiveOrganisation) {
  User user = UserOf(1, kCustomerA, Role::kRequester);
  EXPECT_TRUE(MaySignIn(user, true));
  EXPECT_FALSE(MaySignIn(user, false));
  user.active = false;
  EXPECT_FALSE(MaySignIn(user, true));
}

TEST(Accounts, UserPatchesAreValidatedLikeNewUsers) {
  UserPatch empty;
  EXPECT_EQ(ValidateUserPatch(empty).error().code, ErrorCode::kInvalidArgument);
  UserPatch bad;
  bad.email = "not an address";
  bad.name = "  ";
  const auto error = ValidateUserPatch(bad).error();
  ASSERT_EQ(error.fields.size(), 2u);
  EXPECT_EQ(error.fields[0].field, "email");
  EXPECT_EQ(error.fields[1].field, "name");
  UserPatch good;
  good.email = "  New@Example.COM ";
  good.teams = std::vector<TeamId>{TeamId{3}, TeamId{1}, TeamId{3}};
  ASSERT_TRUE(ValidateUserPatch(good));
  EXPECT_EQ(*good.email, "new@example.com");
  EXPECT_EQ(good.teams->size(), 2u);
}

}  // namespace
}  // namespace tierdesk::core
