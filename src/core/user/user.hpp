// core/user/user.hpp
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/org/organization.hpp"

namespace tierdesk::core {

// DESIGN.md §2. Which organisation kind each role belongs to is fixed by RoleFitsOrgKind.
enum class Role {
  kRequester,
  kCustomerAdmin,
  kAgent,
  kSupervisor,
  kAdmin,
  kBilling,
  kProviderAgent,
  kResellerAgent,
};
std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view text);

bool IsCustomerRole(Role role);
bool IsPartnerStaff(Role role);
bool RoleFitsOrgKind(Role role, OrgKind kind);

struct User {
  UserId id;
  OrgId organization_id;
  std::string email;  // lower case, unique
  std::string name;
  Role role = Role::kRequester;
  bool active = true;
  Timestamp created_at;
  // Agents' availability for automatic assignment: away members get nothing; with a shift
  // calendar, only while it is open.
  bool away = false;
  CalendarId shift_calendar = {};
  // Starts at 1; every change through UpdateUser adds 1 (ETag "v<n>", If-Match).
  std::int64_t version = 1;
};

struct NewUser {
  OrgId organization_id;
  std::string email;
  std::string name;
  Role role = Role::kRequester;
  std::string password;  // empty: the user cannot log in with a password (API tokens only)
};

// Field shapes; normalises the e-mail. The password, when given, must pass CheckPassword
// (core/user/password.hpp) for this e-mail address.
Status ValidateNewUser(NewUser& user);

// A change to a user (PATCH /api/v1/users/{id}); absent fields stay as they are. `teams`
// replaces the user's team memberships. `active` false deactivates (the user signs in to nothing
// and its tokens stop working at once), true reactivates.
struct UserPatch {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<Role> role;
  std::optional<std::vector<TeamId>> teams;
  std::optional<bool> active;

  bool empty() const { return !name && !email && !role && !teams && !active; }
};
// Field shapes, as for a new user; normalises the e-mail and the name and sorts and dedups the
// teams. kInvalidArgument naming each field at fault (an empty patch names none).
Status ValidateUserPatch(UserPatch& patch);

}  // namespace tierdesk::core
