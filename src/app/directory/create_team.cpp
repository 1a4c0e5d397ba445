#include "app/directory/directory.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::directory {

Result<core::Team> CreateTeam(const AppContext& ctx, const core::Actor& actor, NewTeam input) {
  TD_CHECK(core::Require(actor, core::Action::kManageTeams));
  core::Team team{{}, std::string(TrimAscii(input.name)), input.members, ctx.clock.Now()};
  if (team.name.empty() || CodePointCount(team.name) > 100 || !IsValidUtf8(team.name) ||
      !HasNoControlCharacters(team.name, AllowNewlines::kNo)) {
    return Fail(Error::InvalidArgument("the team is not valid",
                                       {{"name", "must be 1 to 100 characters, one line"}}));
  }
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    for (const auto member : team.members) {
      auto user = tx.GetUser(member);
      if (!user || !core::IsPartnerStaff(user->role)) {
        return Fail(Error::InvalidArgument("team members are partner staff",
                                           {{"members", "holds an id that is not partner staff"}}));
      }
    }
    TD_CHECK(tx.InsertTeam(team));
    auto event = core::DirectoryEvent(actor.user_id, "team.created", "team", team.id.value, team.created_at);
    return tx.AppendEvent(event);
  }));
  return team;
}

Result<std::vector<core::Team>> ListTeams(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kReadDirectory));
  return core::ReadValue<std::vector<core::Team>>(ctx.store,
                                                  [](core::ReadTx& tx) { return tx.ListTeams(); });
}

}  // namespace tierdesk::app::directory
