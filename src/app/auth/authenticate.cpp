#include "app/auth/auth.hpp"

namespace tierdesk::app::auth {

Result<core::Actor> Authenticator::Authenticate(const AppContext& ctx, std::string_view bearer) {
  if (bearer.empty() || bearer.size() > 200) {
    return Fail(Error::Unauthenticated("a bearer token is required"));
  }
  const std::string hash = ctx.tokens.HashToken(bearer);
  const Timestamp now = ctx.clock.Now();
  {
    std::shared_lock lock(mutex_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && now - it->second.fetched_at < ttl_) return it->second.actor;
  }
  auto owner = TD_TRY(core::ReadValue<std::optional<core::TokenOwner>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.FindToken(hash, now); }));
  if (!owner) return Fail(Error::Unauthenticated("the token is unknown or expired"));
  core::Actor actor{owner->user.id, owner->user.organization_id, owner->org_kind, owner->user.role};
  std::unique_lock lock(mutex_);
  if (cache_.size() > 10'000) cache_.clear();
  cache_[hash] = Entry{actor, now};
  return actor;
}

}  // namespace tierdesk::app::auth
