#include <algorithm>

#include "app/user/user.hpp"
#include "core/common/text.hpp"
#include "core/policy/accounts.hpp"
#include "core/routing/rules.hpp"

namespace tierdesk::app::user {
namespace {

std::string JoinWith(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : std::string(separator)) + part;
  return out;
}

std::string JoinTeams(const std::vector<TeamId>& teams) {
  std::string out;
  for (const auto team : teams) out += (out.empty() ? "" : ",") + std::to_string(team.value);
  return out.empty() ? "none" : out;
}

struct Loaded {
  core::User user;
  core::Organization org;
  std::vector<TeamId> teams;
};

Result<Loaded> Load(core::ReadTx& tx, UserId id) {
  Loaded loaded;
  loaded.user = TD_TRY(tx.GetUser(id));
  loaded.org = TD_TRY(tx.GetOrganization(loaded.user.organization_id));
  loaded.teams = TD_TRY(tx.ListUserTeams(id));
  return loaded;
}

}  // namespace

Result<UpdatedUser> GetUserWithTeams(const AppContext& ctx, const core::Actor& actor, UserId id) {
  auto loaded = TD_TRY(core::ReadValue<Loaded>(ctx.store, [&](core::ReadTx& tx) { return Load(tx, id); }));
  TD_CHECK(core::CheckUserInScope(actor, loaded.user, loaded.org));
  return UpdatedUser{std::move(loaded.user), std::move(loaded.teams)};
}

Result<UpdatedUser> UpdateUser(const AppContext& ctx, const core::Actor& actor, UserId id, core::UserPatch patch,
                               std::optional<std::int64_t> expected_version) {
  TD_CHECK(core::ValidateUserPatch(patch));
  auto loaded = TD_TRY(core::ReadValue<Loaded>(ctx.store, [&](core::ReadTx& tx) { return Load(tx, id); }));
  TD_CHECK(core::CheckUpdateUser(actor, loaded.user, loaded.org, patch));
  const Timestamp now = ctx.clock.Now();
  UpdatedUser result;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    // Decided again in the writing transaction, on what is stored now.
    auto current = TD_TRY(Load(tx, id));
    TD_CHECK(CheckVersion(expected_version, current.user.version, "user"));
    TD_CHECK(core::CheckUpdateUser(actor, current.user, current.org, patch));
    core::User next = current.user;
    std::vector<std::string> changes;
    if (patch.name && *patch.name != next.name) {
      next.name = *patch.name;
      changes.emplace_back("name");
    }
    if (patch.email && *patch.email != next.email) {
      TD_CHECK(detail::CheckAddress(tx, actor, current.org, *patch.email));
      changes.push_back("email: " + next.email + " -> " + *patch.email);
      next.email = *patch.email;
    }
    if (patch.role && *patch.role != next.role) {
      changes.push_back("role: " + std::string(core::ToString(next.role)) + " -> " + std::string(core::ToString(*patch.role)));
      next.role = *patch.role;
    }
    if (!core::IsPartnerStaff(next.role) && !current.teams.empty() && !patch.teams) {
      return Fail(Error::InvalidArgument("only partner staff are members of teams",
                                         {{"teams", "must be emptied (\"teams\": []) for a role outside the partner's staff"}}));
    }
    const bool teams_change = patch.teams && *patch.teams != current.teams;
    if (teams_change) {
      std::vector<FieldError> unknown;
      for (const auto team : *patch.teams) {
        if (auto found = tx.GetTeam(team); !found) {
          if (found.error().code != ErrorCode::kNotFound) return Fail(std::move(found).error());
          unknown.push_back({"teams", "team " + std::to_string(team.value) + " does not exist"});
        }
      }
      if (!unknown.empty()) return Fail(Error::InvalidArgument("a team does not exist", std::move(unknown)));
      changes.push_back("teams: " + JoinTeams(current.teams) + " -> " + JoinTeams(*patch.teams));
    }
    const bool active_change = patch.active && *patch.active != next.active;
    if (active_change) next.active = *patch.active;
    result.user = next;
    result.teams = teams_change ? *patch.teams : current.teams;
    if (changes.empty() && !active_change) return Ok();  // nothing to write
    next.version = current.user.version + 1;
    TD_CHECK(tx.UpdateUser(next, current.user.version, now));
    if (teams_change) TD_CHECK(tx.SetUserTeams(id, *patch.teams));
    result.user = next;
    if (!changes.empty()) {
      auto event = core::DirectoryEvent(actor.user_id, "user.updated", "user", id.value, now);
      event.via = JoinWith(changes, "; ");
      TD_CHECK(tx.AppendEvent(event));
    }
    if (active_change) {
      // A deactivated user's sessions end for good; its personal tokens are only refused while it
      // is deactivated (core::ReadTx::FindToken) and work again once it is reactivated.
      if (!next.active) (void)TD_TRY(tx.RevokeSessions(id, TokenId{}, now));
      auto event = core::DirectoryEvent(actor.user_id, next.active ? "user.reactivated" : "user.deactivated", "user",
                                        id.value, now);
      TD_CHECK(tx.AppendEvent(event));
    }
    return Ok();
  }));
  return result;
}

Status DeleteUser(const AppContext& ctx, const core::Actor& actor, UserId id) {
  const Timestamp now = ctx.clock.Now();
  return ctx.store.Write([&](core::WriteTx& tx) -> Status {
    // Permission and references are decided in the transaction that deletes, so a concurrent
    // change of role, organisation or references cannot slip in between.
    const auto loaded = TD_TRY(Load(tx, id));
    TD_CHECK(core::CheckDeleteUser(actor, loaded.user, loaded.org));
    auto references = TD_TRY(tx.ListUserReferences(id));
    // Routing rules name users in their conditions and actions, not by a column.
    for (auto& rule : core::RuleReferencesTo(TD_TRY(tx.ListRules()), core::RuleTarget::kUser, id.value)) {
      references.push_back(std::move(rule));
    }
    if (!references.empty()) {
      Error error = Error::Conflict("the user is still referred to by " + JoinWith(references, ", ") +
                                        "; deactivate it instead (PATCH with \"active\": false)",
                                    "in-use");
      return Fail(std::move(error));
    }
    TD_CHECK(tx.DeleteUser(id));
    auto event = core::DirectoryEvent(actor.user_id, "user.deleted", "user", id.value, now);
    event.before = loaded.user.email;
    return tx.AppendEvent(event);
  });
}

}  // namespace tierdesk::app::user
