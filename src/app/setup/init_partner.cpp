#include "app/setup/setup.hpp"
#include "app/org/org.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::setup {

Result<InitResult> InitPartner(const AppContext& ctx, InitInput input) {
  core::NewUser admin{{}, input.admin_email, input.admin_name, core::Role::kAdmin, input.admin_password};
  TD_CHECK(core::ValidateNewUser(admin));
  if (admin.password.empty()) {
    return Fail(Error::InvalidArgument("the first admin needs a password", {{"password", "is required"}}));
  }
  const std::string name(TrimAscii(input.partner_name));
  if (name.empty() || !IsValidUtf8(name) || !HasNoControlCharacters(name, AllowNewlines::kNo)) {
    return Fail(Error::InvalidArgument("the partner needs a name", {{"name", "is required"}}));
  }
  // The partner's fields are checked as any organisation's, and the time zone against the tz
  // database, before anything is stored: a zone refused later would fail every new ticket.
  {
    core::OrganizationPatch profile;
    profile.time_zone = input.time_zone;
    core::Organization probe{{}, core::OrgKind::kPartner, name, {}, {}, "", "", "en", "", ctx.clock.Now()};
    TD_CHECK(core::ApplyOrganizationPatch(probe, profile, probe.created_at));
    input.time_zone = probe.time_zone;
    if (input.time_zone.empty()) {
      return Fail(Error::InvalidArgument("the partner needs a time zone", {{"time_zone", "is required"}}));
    }
    TD_CHECK(org::CheckTimeZoneKnown(ctx, input.time_zone));
  }
  const std::string hash = TD_TRY(ctx.passwords.Hash(admin.password));
  const Timestamp now = ctx.clock.Now();
  InitResult result;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    if (TD_TRY(tx.FindPartner())) return Fail(Error::Conflict("tierdesk is initialised already"));
    result.partner = core::Organization{{}, core::OrgKind::kPartner, name, {}, {}, "", "", "en",
                                        input.time_zone, now};
    TD_CHECK(tx.InsertOrganization(result.partner));
    result.admin = core::User{{}, result.partner.id, admin.email, admin.name, core::Role::kAdmin, true, now};
    TD_CHECK(tx.InsertUser(result.admin, hash));
    auto event = core::DirectoryEvent(result.admin.id, "partner.initialised", "organization",
                                      result.partner.id.value, now);
    return tx.AppendEvent(event);
  }));
  return result;
}

}  // namespace tierdesk::app::setup
