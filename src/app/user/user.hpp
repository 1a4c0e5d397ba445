// app/user/user.hpp
#pragma once

#include <vector>

#include "app/auth/auth.hpp"
#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::user {

// Admins add anyone; customer admins add users to their own organisation, at addresses
// core::CheckUserAddress allows (answers that never tell whether an address exists elsewhere).
// The password, when given, passes core::CheckPassword.
// A password is hashed only once the address is accepted, inside `gate` (the server's limit on
// concurrent Argon2 runs; the command line passes none).
Result<core::User> CreateUser(const AppContext& ctx, const core::Actor& actor, core::NewUser input,
                              auth::VerificationGate* gate = nullptr);
Result<std::vector<core::User>> ListUsers(const AppContext& ctx, const core::Actor& actor);
Result<core::User> GetUser(const AppContext& ctx, const core::Actor& actor, UserId id);

}  // namespace tierdesk::app::user
