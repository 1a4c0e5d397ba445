#include "app/auth/auth.hpp"
#include "core/common/text.hpp"
#include "core/policy/accounts.hpp"

namespace tierdesk::app::auth {
namespace {

constexpr auto kLongestLife = std::chrono::hours(24 * 3660);

Status CheckTokenName(std::string& name) {
  name = std::string(TrimAscii(name));
  if (name.empty()) name = "personal";
  if (CodePointCount(name) > 100 || !HasNoControlCharacters(name, AllowNewlines::kNo)) {
    return Fail(Error::InvalidArgument("the token's name is not valid",
                                       {{"name", "must be at most 100 characters, without control characters"}}));
  }
  return Ok();
}

Result<CreatedToken> InsertPersonalToken(const AppContext& ctx, UserId actor, UserId owner, std::string name,
                                         std::optional<Timestamp> expires_at) {
  TD_CHECK(CheckTokenName(name));
  const Timestamp now = ctx.clock.Now();
  if (expires_at && (*expires_at <= now || *expires_at > now + kLongestLife)) {
    return Fail(Error::InvalidArgument("the expiry is not valid",
                                       {{"expires_at", "must lie in the future, at most 10 years ahead"}}));
  }
  CreatedToken created{ctx.tokens.NewToken(), {}};
  created.record.user_id = owner;
  created.record.kind = core::TokenKind::kPersonal;
  created.record.name = std::move(name);
  created.record.token_hash = ctx.tokens.HashToken(created.token);
  created.record.created_at = now;
  created.record.expires_at = expires_at;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertToken(created.record));
    auto event = core::DirectoryEvent(actor, "token.created", "user", owner.value, created.record.created_at);
    event.before = std::to_string(created.record.id.value);  // which token
    return tx.AppendEvent(event);
  }));
  return created;
}

}  // namespace

Result<CreatedToken> CreatePersonalToken(const AppContext& ctx, std::string_view email, std::string name,
                                         std::optional<Timestamp> expires_at) {
  const std::string normalised = ToLowerAscii(TrimAscii(email));
  auto found = TD_TRY(core::ReadValue<std::optional<core::UserCredentials>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.FindUserByEmail(normalised); }));
  if (!found) return Fail(Error::NotFound("user " + normalised));
  return InsertPersonalToken(ctx, found->user.id, found->user.id, std::move(name), expires_at);
}

Result<CreatedToken> CreateOwnToken(const AppContext& ctx, LoginThrottle& throttle, VerificationGate& gate,
                                    const core::Actor& actor, std::string_view current_password, std::string name,
                                    std::optional<Timestamp> expires_at) {
  TD_CHECK(CheckTokenName(name));
  TD_CHECK(VerifyCurrentPassword(ctx, throttle, gate, actor, current_password));
  return InsertPersonalToken(ctx, actor.user_id, actor.user_id, std::move(name), expires_at);
}

}  // namespace tierdesk::app::auth
