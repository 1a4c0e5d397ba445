#include "app/auth/auth.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::auth {

Result<CreatedToken> CreatePersonalToken(const AppContext& ctx, std::string_view email,
                                         std::string name) {
  const std::string normalised = ToLowerAscii(TrimAscii(email));
  auto found = TD_TRY(core::ReadValue<std::optional<core::UserCredentials>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.FindUserByEmail(normalised); }));
  if (!found) return Fail(Error::NotFound("user " + normalised));
  CreatedToken created{ctx.tokens.NewToken(), {}};
  created.record.user_id = found->user.id;
  created.record.kind = core::TokenKind::kPersonal;
  created.record.name = name.empty() ? "personal" : std::move(name);
  created.record.token_hash = ctx.tokens.HashToken(created.token);
  created.record.created_at = ctx.clock.Now();
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertToken(created.record));
    auto event = core::DirectoryEvent(found->user.id, "token.created", "user", found->user.id.value,
                                      created.record.created_at);
    return tx.AppendEvent(event);
  }));
  return created;
}

}  // namespace tierdesk::app::auth
