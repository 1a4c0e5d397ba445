// app/user/user.hpp
#pragma once

#include <optional>
#include <string>
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

// PATCH /api/v1/users/{id}: what core::CheckUpdateUser allows (nobody grants a role above their
// own; customer admins only their organisation's customer users; teams by partner admins, for
// partner staff), a changed e-mail address as CreateUser checks it, teams that exist (else
// kInvalidArgument naming `teams`). `expected_version` (If-Match) must be the stored version, else
// kPreconditionFailed. A patch that changes nothing writes nothing. Deactivating (`active`
// false) cuts the user off at once: sign-in and every token it holds are refused until it is
// reactivated. Writes `user.updated` (the changes in `via`) and `user.deactivated` /
// `user.reactivated`.
struct UpdatedUser {
  core::User user;
  std::vector<TeamId> teams;
};
Result<UpdatedUser> UpdateUser(const AppContext& ctx, const core::Actor& actor, UserId id, core::UserPatch patch,
                               std::optional<std::int64_t> expected_version);
// A user and its teams, as GetUser sees them.
Result<UpdatedUser> GetUserWithTeams(const AppContext& ctx, const core::Actor& actor, UserId id);

// Deletes a user record that nothing refers to (core::CheckDeleteUser decides who may). Anything
// that still refers to it (tickets, messages, history, time, teams, ...) is kConflict of type
// "in-use" whose message names each; deactivate such a user instead. Writes `user.deleted`.
Status DeleteUser(const AppContext& ctx, const core::Actor& actor, UserId id);

namespace detail {
// Whether the actor may give a user of `target` this address, decided from what the store holds
// (core::CheckUserAddress: own domains, the partner's setting, nothing told about other tenants).
Status CheckAddress(core::ReadTx& tx, const core::Actor& actor, const core::Organization& target,
                    const std::string& email);
}  // namespace detail

}  // namespace tierdesk::app::user
