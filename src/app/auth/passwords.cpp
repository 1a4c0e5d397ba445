#include <functional>
#include <optional>

#include "app/auth/auth.hpp"
#include "core/common/text.hpp"
#include "core/policy/accounts.hpp"
#include "core/user/password.hpp"

namespace tierdesk::app::auth {
namespace {

// What a reset token looks like as issued: "tdr_" and 43 base64url characters. Anything else is
// refused without a lookup.
bool LooksLikeResetToken(std::string_view text) { return text.size() == 47 && text.substr(0, 4) == "tdr_"; }

Error BadResetToken() {
  return Error::InvalidArgument("the reset token is unknown, used or expired",
                                {{"token", "is unknown, used or expired; ask an admin for a new one"}});
}

// The one password policy (core::CheckPassword), its errors naming the API's field.
Status CheckNewPassword(std::string_view password, std::string_view email) {
  auto checked = core::CheckPassword(password, email);
  if (checked) return Ok();
  Error error = std::move(checked).error();
  for (auto& field : error.fields) {
    if (field.field == "password") field.field = "new_password";
  }
  return Fail(std::move(error));
}

}  // namespace

Status VerifyCurrentPassword(const AppContext& ctx, LoginThrottle& throttle, VerificationGate& gate,
                             const core::Actor& actor, std::string_view current_password,
                             const std::function<Status()>& while_verified) {
  if (current_password.empty()) {
    return Fail(Error::InvalidArgument("the current password is required", {{"current_password", "is required"}}));
  }
  auto found = TD_TRY(core::ReadValue<core::UserCredentials>(
      ctx.store, [&](core::ReadTx& tx) { return tx.GetUserCredentials(actor.user_id); }));
  // Someone holding a stolen session must not get to try passwords at leisure: the same
  // per-account failure limit as a sign-in from a stranger.
  LoginThrottle::Keys keys;
  keys.account = "password:" + std::to_string(actor.user_id.value);
  keys.account_limit = throttle.limits().per_account;
  auto reservation = TD_TRY(throttle.Reserve(std::move(keys), ctx.clock.Now()));
  auto slot = TD_TRY(gate.Enter());
  const bool ok = !found.password_hash.empty() && ctx.passwords.Verify(found.password_hash, current_password);
  if (!ok) {
    reservation.Failed(ctx.clock.Now());
    return Fail(Error::InvalidArgument("the current password is wrong", {{"current_password", "is wrong"}}));
  }
  reservation.Succeeded(ctx.clock.Now());
  return while_verified ? while_verified() : Ok();
}

Result<std::int64_t> ChangePassword(const AppContext& ctx, LoginThrottle& throttle, VerificationGate& gate,
                                    const core::Actor& actor, PasswordChange input) {
  if (input.current_password.empty()) {
    return Fail(Error::InvalidArgument("the current password is required", {{"current_password", "is required"}}));
  }
  auto found = TD_TRY(core::ReadValue<core::UserCredentials>(
      ctx.store, [&](core::ReadTx& tx) { return tx.GetUserCredentials(actor.user_id); }));
  TD_CHECK(CheckNewPassword(input.new_password, found.user.email));
  if (input.new_password == input.current_password) {
    return Fail(Error::InvalidArgument("the new password is the current one",
                                       {{"new_password", "must differ from the current password"}}));
  }
  std::string hash;
  // The new hash is computed in the same verification slot.
  TD_CHECK(VerifyCurrentPassword(ctx, throttle, gate, actor, input.current_password, [&]() -> Status {
    hash = TD_TRY(ctx.passwords.Hash(input.new_password));
    return Ok();
  }));
  const std::string own_hash = ctx.tokens.HashToken(input.bearer_token);
  const Timestamp now = ctx.clock.Now();
  std::int64_t revoked = 0;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto own = TD_TRY(tx.FindToken(own_hash, now));
    TD_CHECK(tx.SetPasswordHash(actor.user_id, hash));
    revoked = TD_TRY(tx.RevokeSessions(actor.user_id, own ? own->token_id : TokenId{}, now));
    auto event = core::DirectoryEvent(actor.user_id, "user.password_changed", "user", actor.user_id.value, now);
    event.before = std::to_string(revoked) + " other sessions revoked";
    return tx.AppendEvent(event);
  }));
  return revoked;
}

Result<IssuedReset> IssuePasswordReset(const AppContext& ctx, std::string_view email, UserId issued_by) {
  const std::string normalised = ToLowerAscii(TrimAscii(email));
  auto found = TD_TRY(core::ReadValue<std::optional<core::UserCredentials>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.FindUserByEmail(normalised); }));
  if (!found) return Fail(Error::NotFound("user " + normalised));
  if (!core::MaySignIn(found->user, found->organization_active)) {
    return Fail(Error::Conflict("the user or its organisation is deactivated; reactivate it first"));
  }
  IssuedReset issued;
  issued.token = "tdr_" + ctx.tokens.NewToken().substr(4);
  issued.user = found->user;
  issued.reset.user_id = found->user.id;
  issued.reset.token_hash = ctx.tokens.HashToken(issued.token);
  issued.reset.created_by = issued_by;
  issued.reset.created_at = ctx.clock.Now();
  issued.reset.expires_at = issued.reset.created_at + kPasswordResetLifetime;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertPasswordReset(issued.reset));
    auto event = core::DirectoryEvent(issued_by, "user.password_reset_issued", "user", found->user.id.value,
                                      issued.reset.created_at);
    return tx.AppendEvent(event);
  }));
  return issued;
}

Result<core::User> ResetPassword(const AppContext& ctx, VerificationGate& gate, std::string_view token,
                                 std::string new_password) {
  if (!LooksLikeResetToken(token)) return Fail(BadResetToken());
  const std::string token_hash = ctx.tokens.HashToken(token);
  std::optional<core::PasswordReset> reset;
  std::optional<core::UserCredentials> owner;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    reset = TD_TRY(tx.FindPasswordReset(token_hash));
    if (reset) owner = TD_TRY(tx.GetUserCredentials(reset->user_id));
    return Ok();
  }));
  const Timestamp now = ctx.clock.Now();
  if (!reset || reset->used_at || reset->expires_at <= now || !owner ||
      !core::MaySignIn(owner->user, owner->organization_active)) {
    return Fail(BadResetToken());
  }
  // The token is good: only now does the password cost a hash.
  TD_CHECK(CheckNewPassword(new_password, owner->user.email));
  std::string hash;
  {
    auto slot = TD_TRY(gate.Enter());
    hash = TD_TRY(ctx.passwords.Hash(new_password));
  }
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    if (auto used = tx.UsePasswordReset(reset->id, now); !used) return Fail(BadResetToken());
    TD_CHECK(tx.SetPasswordHash(owner->user.id, hash));
    // Whoever forced the reset may hold a session or have minted a personal token: both go.
    const auto revoked = TD_TRY(tx.RevokeTokens(owner->user.id, now));
    auto event = core::DirectoryEvent(owner->user.id, "user.password_reset", "user", owner->user.id.value, now);
    event.before = std::to_string(revoked) + " sessions and personal tokens revoked";
    return tx.AppendEvent(event);
  }));
  return owner->user;
}

}  // namespace tierdesk::app::auth
