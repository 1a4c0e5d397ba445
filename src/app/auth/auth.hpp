// app/auth/auth.hpp
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::auth {

// Counts failed sign-ins in fixed windows (from the first failure) and decides, before any
// password is verified, whether an attempt may go ahead. Thread-safe; in memory, per process.
//
// Every attempt is counted against two buckets, reserved atomically before verification (a
// reservation counts as a failure until it ends, so N parallel attempts beyond a limit are
// refused without being verified):
//   - its client network (the IPv4 address, or the IPv6 /64): at most `per_address` failures;
//     a client presenting a device cookie the account knows is not counted here;
//   - its account: clients the account does not know share one bucket of `per_account` failures
//     (a stranger who fails there soft-blocks only other strangers); each client the account
//     knows (an address it signed in from, or a device cookie it signed in with, in the last 90
//     days) has its own bucket of `per_known_client` failures, so nobody elsewhere can lock the
//     owner out of a client the owner uses.
// A success clears the account bucket it used; the network bucket only expires.
class LoginThrottle {
 public:
  struct Limits {
    int per_address = 20;
    int per_account = 5;
    int per_known_client = 5;
    std::chrono::seconds window{15 * 60};
    std::size_t max_buckets = 200'000;  // beyond it (after dropping expired ones) idle buckets make room
  };
  struct Keys {
    std::string network;  // empty: not counted per client network
    std::string account;  // the account bucket's key
    int account_limit = 5;
  };

  LoginThrottle() = default;
  explicit LoginThrottle(Limits limits) : limits_(limits) {}
  const Limits& limits() const { return limits_; }

  // One reserved attempt. End it with Succeeded or Failed; destroyed without either, it is
  // given back uncounted (the attempt never reached verification).
  class Reservation {
   public:
    Reservation(Reservation&& other) noexcept;
    Reservation& operator=(Reservation&&) = delete;
    Reservation(const Reservation&) = delete;
    ~Reservation();
    void Succeeded(Timestamp now);
    void Failed(Timestamp now);

   private:
    friend class LoginThrottle;
    Reservation(LoginThrottle* owner, Keys keys) : owner_(owner), keys_(std::move(keys)) {}
    LoginThrottle* owner_;
    Keys keys_;
  };
  // kTooManyRequests (retry_after_seconds: until the blocking window ends) when a bucket is full.
  Result<Reservation> Reserve(Keys keys, Timestamp now);

 private:
  enum class Outcome { kCancelled, kSucceeded, kFailed };
  struct Bucket {
    int failures = 0;
    int in_flight = 0;
    Timestamp started;  // of the window, at the first failure
  };
  void End(const Keys& keys, Outcome outcome, Timestamp now);
  Bucket* Find(const std::string& key, Timestamp now);
  void DropExpired(Timestamp now);

  Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Timestamp last_sweep_;
};

// Caps concurrent password verifications server-wide: Argon2id takes tens of MiB and a core for
// each. Up to `slots` run at once; up to `queue` more wait, each at most `max_wait`; anyone else
// is turned away at once. Thread-safe.
class VerificationGate {
 public:
  struct Limits {
    int slots = 0;  // 0: one per hardware thread
    int queue = 16;
    std::chrono::milliseconds max_wait{5000};
  };
  VerificationGate() : VerificationGate(Limits{}) {}
  explicit VerificationGate(Limits limits);
  int slots() const { return slots_; }

  // Holds a slot while it lives.
  class Slot {
   public:
    explicit Slot(VerificationGate* gate) : gate_(gate) {}
    Slot(Slot&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)) {}
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    ~Slot();

   private:
    VerificationGate* gate_;
  };
  // kUnavailable with retry_after_seconds = 1 when every slot is busy and the queue is full, or
  // the wait ran out.
  Result<Slot> Enter();

 private:
  int slots_;
  Limits limits_;
  std::mutex mutex_;
  std::condition_variable freed_;
  int active_ = 0;
  int waiting_ = 0;
};

struct LoginInput {
  std::string email;
  std::string password;
  std::string remote_address;  // the client's address (adapters/http resolves proxies)
  std::string network;         // what is throttled per client: the address, or its IPv6 /64
  std::string device_token;    // the sign-in device cookie, if the client sent one
};
struct LoginResult {
  std::string token;
  core::User user;
  Timestamp expires_at;
  std::string device_token;  // for the client to keep (a cookie) and send with its next sign-in
};
// Signs in with e-mail and password. Before verifying, reserves the attempt with the throttle
// (kTooManyRequests) and a verification slot (kUnavailable). Writes `user.signed_in` or
// `user.sign_in_failed` with the client address to the audit log; attempts refused before
// verification are not written.
Result<LoginResult> Login(const AppContext& ctx, LoginThrottle& throttle, VerificationGate& gate, LoginInput input);

// Resolves bearer tokens to actors. There is no cache: every request reads the token, its user
// and its organisation (one indexed query, core::ReadTx::FindToken), so a logout, a revoked
// token, a deactivated user or organisation and a password change apply to the very next request,
// whichever process (server, command line) made the change. A token's last use is written at most
// once every kTouchEvery. Thread-safe.
class Authenticator {
 public:
  static constexpr std::chrono::minutes kTouchEvery{5};
  Result<core::Actor> Authenticate(const AppContext& ctx, std::string_view bearer_token);
};

struct CreatedToken {
  std::string token;  // shown once
  core::TokenRecord record;
};
// A personal API token for a user (operator command): no expiry unless given. The user must
// exist (kNotFound); `name` is 1 to 100 characters without control characters ("personal" if
// empty).
Result<CreatedToken> CreatePersonalToken(const AppContext& ctx, std::string_view email, std::string name,
                                         std::optional<Timestamp> expires_at = std::nullopt);

// The caller's own personal token (POST /api/v1/auth/tokens). The caller's current password must
// verify, as for ChangePassword (kInvalidArgument naming `current_password`; throttled per account),
// so a stolen session cannot mint a credential that outlives it. expires_at, when given, must lie in
// the future and at most 10 years ahead (kInvalidArgument naming it). Writes `token.created`.
Result<CreatedToken> CreateOwnToken(const AppContext& ctx, LoginThrottle& throttle, VerificationGate& gate,
                                    const core::Actor& actor, std::string_view current_password, std::string name,
                                    std::optional<Timestamp> expires_at);

// Checks the caller's current password (kInvalidArgument naming `current_password` when missing or
// wrong); failures count 5 per account per 15 minutes, and the check takes a verification slot,
// held while `while_verified` (if set) runs.
Status VerifyCurrentPassword(const AppContext& ctx, LoginThrottle& throttle, VerificationGate& gate,
                             const core::Actor& actor, std::string_view current_password,
                             const std::function<Status()>& while_verified = {});

// The live (unrevoked, unexpired) tokens of a user, newest first, never their secrets: one's own,
// or another's as core::CheckManageCredentials allows (kNotFound / kPermissionDenied).
Result<std::vector<core::TokenRecord>> ListTokens(const AppContext& ctx, const core::Actor& actor, UserId owner);

// Revokes a token of one's own or of someone whose credentials the actor manages; a token the
// actor may not manage, or that does not exist, is kNotFound. Writes `token.revoked`.
Result<core::TokenRecord> RevokeToken(const AppContext& ctx, const core::Actor& actor, TokenId id);

// The command line's view: tokens by the owner's e-mail address, and revocation by id, without an
// actor (the operator on the server machine may do anything). Events have no actor.
Result<std::vector<core::TokenRecord>> ListTokensOf(const AppContext& ctx, std::string_view email);
Result<core::TokenRecord> RevokeTokenAsOperator(const AppContext& ctx, TokenId id);

// Ends the session (or personal token) the request was made with: it stops working at once.
// Writes `user.signed_out`.
Result<core::TokenRecord> Logout(const AppContext& ctx, const core::Actor& actor, std::string_view bearer_token);

// Changes the caller's own password: the current one must verify (attempts are throttled per
// account, 5 failures per 15 minutes, and take a verification slot), the new one passes
// core::CheckPassword. Every other session of the user is revoked (personal tokens are kept; the
// session making the request stays signed in). Writes `user.password_changed`. Returns how many
// sessions were revoked.
struct PasswordChange {
  std::string current_password;
  std::string new_password;
  std::string bearer_token;  // the request's own token, which stays valid
};
Result<std::int64_t> ChangePassword(const AppContext& ctx, LoginThrottle& throttle, VerificationGate& gate,
                                    const core::Actor& actor, PasswordChange input);

// An admin-issued one-time password reset for the user with this e-mail address, valid for
// kPasswordResetLifetime; issuing one spends any earlier unused one. The token is returned once
// (to print, or for the mail channel to send) and only its hash is kept. kNotFound for an unknown
// address; kConflict for a deactivated user or organisation. `issued_by` is invalid for the
// command line and the mail channel. Writes `user.password_reset_issued`.
constexpr std::chrono::hours kPasswordResetLifetime{24};
struct IssuedReset {
  std::string token;
  core::PasswordReset reset;
  core::User user;
};
Result<IssuedReset> IssuePasswordReset(const AppContext& ctx, std::string_view email, UserId issued_by = {});

// Consumes a reset token: sets the new password (core::CheckPassword), spends the token and
// revokes every session of the user (personal tokens are kept). An unknown, used or expired token,
// or one whose user or organisation is deactivated, is kInvalidArgument naming `token` (one answer
// for all). The password is hashed only once the token is accepted, inside `gate`. Writes
// `user.password_reset`.
Result<core::User> ResetPassword(const AppContext& ctx, VerificationGate& gate, std::string_view token,
                                 std::string new_password);

}  // namespace tierdesk::app::auth
