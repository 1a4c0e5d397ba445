// app/user/user.hpp
#pragma once

#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::user {

// Admins add anyone; customer admins add users to their own organisation, at addresses
// core::CheckUserAddress allows (answers that never tell whether an address exists elsewhere).
// The password, when given, passes core::CheckPassword.
Result<core::User> CreateUser(const AppContext& ctx, const core::Actor& actor, core::NewUser input);
Result<std::vector<core::User>> ListUsers(const AppContext& ctx, const core::Actor& actor);
Result<core::User> GetUser(const AppContext& ctx, const core::Actor& actor, UserId id);

}  // namespace tierdesk::app::user
