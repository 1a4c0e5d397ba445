#include "app/auth/auth.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::auth {

int LoginThrottle::Count(const std::string& key, Timestamp now) {
  auto it = windows_.find(key);
  if (it == windows_.end()) return 0;
  if (now - it->second.started > limits_.window) {
    windows_.erase(it);
    return 0;
  }
  return it->second.failures;
}

void LoginThrottle::Bump(const std::string& key, Timestamp now) {
  auto& window = windows_[key];
  if (window.failures == 0 || now - window.started > limits_.window) window = {0, now};
  ++window.failures;
}

bool LoginThrottle::Blocked(const std::string& email, const std::string& address, Timestamp now) {
  std::lock_guard lock(mutex_);
  return Count("e:" + email, now) >= limits_.per_email ||
         Count("a:" + address, now) >= limits_.per_address;
}

void LoginThrottle::RecordFailure(const std::string& email, const std::string& address,
                                  Timestamp now) {
  std::lock_guard lock(mutex_);
  if (windows_.size() > 100'000) windows_.clear();  // bounded memory under a spray of names
  Bump("e:" + email, now);
  Bump("a:" + address, now);
}

void LoginThrottle::RecordSuccess(const std::string& email) {
  std::lock_guard lock(mutex_);
  windows_.erase("e:" + email);
}

Result<LoginResult> Login(const AppContext& ctx, LoginThrottle& throttle, LoginInput input) {
  const std::string email = ToLowerAscii(TrimAscii(input.email));
  if (email.empty() || input.password.empty()) {
    std::vector<FieldError> fields;
    if (email.empty()) fields.push_back({"email", "is required"});
    if (input.password.empty()) fields.push_back({"password", "is required"});
    return Fail(Error::InvalidArgument("e-mail and password are required", fields));
  }
  const Timestamp now = ctx.clock.Now();
  if (throttle.Blocked(email, input.remote_address, now)) {
    return Fail(Error::TooManyRequests("too many failed logins; try again in 15 minutes"));
  }
  auto found = TD_TRY(core::ReadValue<std::optional<core::UserCredentials>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.FindUserByEmail(email); }));
  bool ok = false;
  if (found && found->user.active && !found->password_hash.empty()) {
    ok = ctx.passwords.Verify(found->password_hash, input.password);
  } else {
    // Spend the same time on unknown addresses, so timing does not tell which exist.
    static const std::string kDummyHash = ctx.passwords.Hash("tierdesk-no-such-user").value_or("");
    (void)ctx.passwords.Verify(kDummyHash, input.password);
  }
  if (!ok) {
    throttle.RecordFailure(email, input.remote_address, now);
    return Fail(Error::Unauthenticated("the e-mail address or the password is wrong"));
  }
  throttle.RecordSuccess(email);
  LoginResult result{ctx.tokens.NewToken(), found->user, now + ctx.limits.session_lifetime};
  core::TokenRecord record;
  record.user_id = found->user.id;
  record.kind = core::TokenKind::kSession;
  record.name = "login";
  record.token_hash = ctx.tokens.HashToken(result.token);
  record.created_at = now;
  record.expires_at = result.expires_at;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) { return tx.InsertToken(record); }));
  return result;
}

}  // namespace tierdesk::app::auth
