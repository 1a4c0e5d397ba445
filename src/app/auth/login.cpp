#include <algorithm>

#include "app/auth/auth.hpp"
#include "core/common/text.hpp"
#include "core/policy/accounts.hpp"

namespace tierdesk::app::auth {
namespace {

// A known client stays known this long after its last successful sign-in.
constexpr auto kKnownFor = std::chrono::hours(24 * 90);
constexpr std::size_t kMaxEmail = 320;

// A device cookie as we issue it: "tdd_" and 43 base64url characters; anything else is ignored.
bool IsDeviceToken(std::string_view text) {
  if (text.size() != 47 || text.substr(0, 4) != "tdd_") return false;
  return std::all_of(text.begin() + 4, text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// The audit log's record of one verified sign-in: the account in `after` (empty for an unknown
// address, whose attempted text goes to `before` when it looks like an address), the client's
// address beside it.
core::Event SignInEvent(bool ok, const std::optional<core::UserCredentials>& found, const std::string& email,
                        const std::string& client_address, Timestamp now) {
  core::Event event = core::DirectoryEvent(ok ? found->user.id : UserId{}, ok ? "user.signed_in" : "user.sign_in_failed",
                                           "user", 0, now);
  event.after = found ? std::to_string(found->user.id.value) : "";
  if (!found && email.size() <= 254 && LooksLikeEmail(email)) event.before = email;
  event.client_address = client_address;
  return event;
}

}  // namespace

Result<LoginResult> Login(const AppContext& ctx, LoginThrottle& throttle, VerificationGate& gate, LoginInput input) {
  const std::string email = ToLowerAscii(TrimAscii(input.email));
  if (email.empty() || input.password.empty()) {
    std::vector<FieldError> fields;
    if (email.empty()) fields.push_back({"email", "is required"});
    if (input.password.empty()) fields.push_back({"password", "is required"});
    return Fail(Error::InvalidArgument("e-mail and password are required", fields));
  }
  const bool device_presented = IsDeviceToken(input.device_token);
  const std::string device_hash = device_presented ? ctx.tokens.HashToken(input.device_token) : std::string();

  // Who is asked for, and whether this client is one the account knows: read before anything
  // is verified, so the throttle can choose the bucket.
  std::optional<core::UserCredentials> found;
  core::KnownClient known;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    if (email.size() <= kMaxEmail) found = TD_TRY(tx.FindUserByEmail(email));
    if (found) known = TD_TRY(tx.FindKnownClient(found->user.id, input.remote_address, device_hash, ctx.clock.Now() - kKnownFor));
    return Ok();
  }));

  LoginThrottle::Keys keys;
  if (known.device) {
    keys.account = "k:" + std::to_string(found->user.id.value) + ":d:" + device_hash;
    keys.account_limit = throttle.limits().per_known_client;
  } else {
    keys.network = "n:" + input.network;
    if (known.address) {
      keys.account = "k:" + std::to_string(found->user.id.value) + ":a:" + input.remote_address;
      keys.account_limit = throttle.limits().per_known_client;
    } else {
      keys.account = "e:" + (email.size() <= kMaxEmail ? email : std::string("#too-long"));
      keys.account_limit = throttle.limits().per_account;
    }
  }
  auto reservation = TD_TRY(throttle.Reserve(std::move(keys), ctx.clock.Now()));

  bool ok = false;
  {
    auto slot = TD_TRY(gate.Enter());  // given back uncounted to the throttle when busy
    if (found && core::MaySignIn(found->user, found->organization_active) && !found->password_hash.empty()) {
      ok = ctx.passwords.Verify(found->password_hash, input.password);
    } else {
      // Spend the same time on unknown addresses, so timing does not tell which exist.
      static const std::string kDummyHash = ctx.passwords.Hash("tierdesk-no-such-user").value_or("");
      (void)ctx.passwords.Verify(kDummyHash, input.password);
    }
  }
  const Timestamp now = ctx.clock.Now();
  if (!ok) {
    reservation.Failed(now);
    auto event = SignInEvent(false, found, email, input.remote_address, now);
    TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) { return tx.AppendEvent(event); }));
    return Fail(Error::Unauthenticated("the e-mail address or the password is wrong"));
  }
  reservation.Succeeded(now);
  LoginResult result{ctx.tokens.NewToken(), found->user, now + ctx.limits.session_lifetime, input.device_token};
  // A cookie this account does not know is replaced, never adopted: nobody can plant a device id.
  if (!known.device) result.device_token = "tdd_" + ctx.tokens.NewToken().substr(4);
  core::TokenRecord record;
  record.user_id = found->user.id;
  record.kind = core::TokenKind::kSession;
  record.name = "login";
  record.token_hash = ctx.tokens.HashToken(result.token);
  record.created_at = now;
  record.expires_at = result.expires_at;
  auto event = SignInEvent(true, found, email, input.remote_address, now);
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertToken(record));
    TD_CHECK(tx.RememberClient(found->user.id, input.remote_address, ctx.tokens.HashToken(result.device_token), now));
    return tx.AppendEvent(event);
  }));
  return result;
}

}  // namespace tierdesk::app::auth
