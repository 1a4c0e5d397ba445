#include "app/directory/directory.hpp"
#include "core/common/text.hpp"

#include <algorithm>

namespace tierdesk::app::directory {

namespace {

Status CheckTeamShape(const core::Team& team) {
  std::vector<FieldError> errors;
  if (team.name.empty() || CodePointCount(team.name) > 100 || !IsValidUtf8(team.name) ||
      !HasNoControlCharacters(team.name, AllowNewlines::kNo)) {
    errors.push_back({"name", "must be 1 to 100 characters, one line"});
  }
  if (team.tier < 0 || team.tier > core::kMaxTier) errors.push_back({"tier", "is 0 (none) or 1 to 3"});
  if (!errors.empty()) return Fail(Error::InvalidArgument("the team is not valid", std::move(errors)));
  return Ok();
}

Status CheckMembers(core::ReadTx& tx, const core::Team& team) {
  for (const auto member : team.members) {
    auto user = tx.GetUser(member);
    if (!user || !core::IsPartnerStaff(user->role)) {
      return Fail(Error::InvalidArgument("team members are partner staff",
                                         {{"members", "holds an id that is not partner staff"}}));
    }
  }
  return Ok();
}

}  // namespace

Result<core::Team> CreateTeam(const AppContext& ctx, const core::Actor& actor, NewTeam input) {
  TD_CHECK(core::Require(actor, core::Action::kManageTeams));
  core::Team team{{}, std::string(TrimAscii(input.name)), input.members, ctx.clock.Now()};
  team.assignment = input.assignment;
  team.tier = input.tier;
  TD_CHECK(CheckTeamShape(team));
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(CheckMembers(tx, team));
    TD_CHECK(tx.InsertTeam(team));
    auto event = core::DirectoryEvent(actor.user_id, "team.created", "team", team.id.value, team.created_at);
    return tx.AppendEvent(event);
  }));
  return team;
}

Result<core::Team> UpdateTeam(const AppContext& ctx, const core::Actor& actor, TeamId id, TeamPatch patch) {
  TD_CHECK(core::Require(actor, core::Action::kManageTeams));
  core::Team team;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    team = TD_TRY(tx.GetTeam(id));
    if (patch.name) team.name = std::string(TrimAscii(*patch.name));
    if (patch.members) {
      team.members = std::move(*patch.members);
      std::sort(team.members.begin(), team.members.end());
      team.members.erase(std::unique(team.members.begin(), team.members.end()), team.members.end());
    }
    if (patch.assignment) team.assignment = *patch.assignment;
    if (patch.tier) team.tier = *patch.tier;
    TD_CHECK(CheckTeamShape(team));
    TD_CHECK(CheckMembers(tx, team));
    TD_CHECK(tx.UpdateTeam(team));
    auto event = core::DirectoryEvent(actor.user_id, "team.updated", "team", team.id.value, ctx.clock.Now());
    return tx.AppendEvent(event);
  }));
  return team;
}

Result<core::User> SetAvailability(const AppContext& ctx, const core::Actor& actor, UserId id, Availability input) {
  TD_CHECK(core::Require(actor, core::Action::kSetAvailability));
  if (actor.role == core::Role::kAgent && id != actor.user_id) {
    return Fail(Error::PermissionDenied("agents set their own availability"));
  }
  core::User user;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    auto found = tx.GetUser(id);
    if (!found || !core::IsPartnerStaff(found->role)) return Fail(Error::NotFound("user"));
    user = std::move(*found);
    if (input.away) user.away = *input.away;
    if (input.shift_calendar) {
      if (input.shift_calendar->valid() && !tx.GetCalendar(*input.shift_calendar)) {
        return Fail(Error::InvalidArgument("no such calendar", {{"shift_calendar_id", "does not exist"}}));
      }
      user.shift_calendar = *input.shift_calendar;
    }
    TD_CHECK(tx.UpdateUserAvailability(user.id, user.away, user.shift_calendar));
    auto event = core::DirectoryEvent(actor.user_id, "user.availability", "user", user.id.value, ctx.clock.Now());
    event.via = user.away ? "away" : "available";
    return tx.AppendEvent(event);
  }));
  return user;
}

Result<std::vector<core::Team>> ListTeams(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kReadDirectory));
  return core::ReadValue<std::vector<core::Team>>(ctx.store,
                                                  [](core::ReadTx& tx) { return tx.ListTeams(); });
}

}  // namespace tierdesk::app::directory
