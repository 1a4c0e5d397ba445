// app/auth/auth.hpp
#pragma once

#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "app/context.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::auth {

// Counts failed logins per e-mail and per remote address in a sliding window; thread-safe.
class LoginThrottle {
 public:
  struct Limits {
    int per_email = 5;
    int per_address = 20;
    std::chrono::minutes window{15};
  };
  LoginThrottle() = default;
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  bool Blocked(const std::string& email, const std::string& address, Timestamp now);
  void RecordFailure(const std::string& email, const std::string& address, Timestamp now);
  void RecordSuccess(const std::string& email);

 private:
  struct Window {
    int failures = 0;
    Timestamp started;
  };
  int Count(const std::string& key, Timestamp now);
  void Bump(const std::string& key, Timestamp now);

  Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

struct LoginInput {
  std::string email;
  std::string password;
  std::string remote_address;
};
struct LoginResult {
  std::string token;
  core::User user;
  Timestamp expires_at;
};
Result<LoginResult> Login(const AppContext& ctx, LoginThrottle& throttle, LoginInput input);

// Resolves bearer tokens to actors, with a short-lived cache in front of the store.
class Authenticator {
 public:
  Authenticator() : Authenticator(std::chrono::seconds(10)) {}
  explicit Authenticator(std::chrono::seconds cache_ttl) : ttl_(cache_ttl) {}
  Result<core::Actor> Authenticate(const AppContext& ctx, std::string_view bearer_token);

 private:
  struct Entry {
    core::Actor actor;
    Timestamp fetched_at;
  };
  std::chrono::seconds ttl_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> cache_;
};

struct CreatedToken {
  std::string token;  // shown once
  core::TokenRecord record;
};
// A personal API token for a user (operator command; no expiry).
Result<CreatedToken> CreatePersonalToken(const AppContext& ctx, std::string_view email,
                                         std::string name);

}  // namespace tierdesk::app::auth
