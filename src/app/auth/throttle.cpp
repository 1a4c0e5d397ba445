#include <algorithm>
#include <thread>

#include "app/auth/auth.hpp"

namespace tierdesk::app::auth {

// ---- LoginThrottle -------------------------------------------------------------------------

LoginThrottle::Reservation::Reservation(Reservation&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), keys_(std::move(other.keys_)) {}

LoginThrottle::Reservation::~Reservation() {
  if (owner_ != nullptr) owner_->End(keys_, Outcome::kCancelled, Timestamp{});
}

void LoginThrottle::Reservation::Succeeded(Timestamp now) {
  if (owner_ != nullptr) std::exchange(owner_, nullptr)->End(keys_, Outcome::kSucceeded, now);
}

void LoginThrottle::Reservation::Failed(Timestamp now) {
  if (owner_ != nullptr) std::exchange(owner_, nullptr)->End(keys_, Outcome::kFailed, now);
}

LoginThrottle::Bucket* LoginThrottle::Find(const std::string& key, Timestamp now) {
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return nullptr;
  Bucket& bucket = it->second;
  if (bucket.failures > 0 && now - bucket.started >= limits_.window) bucket.failures = 0;  // a new window
  return &bucket;
}

void LoginThrottle::DropExpired(Timestamp now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const bool expired = it->second.failures == 0 || now - it->second.started >= limits_.window;
    it = expired && it->second.in_flight == 0 ? buckets_.erase(it) : std::next(it);
  }
  last_sweep_ = now;
}

Result<LoginThrottle::Reservation> LoginThrottle::Reserve(Keys keys, Timestamp now) {
  std::lock_guard lock(mutex_);
  std::int64_t wait_seconds = 0;  // > 0: refused
  auto check = [&](const std::string& key, int limit) {
    if (key.empty()) return;
    const Bucket* bucket = Find(key, now);
    if (bucket == nullptr || bucket->failures + bucket->in_flight < limit) return;
    // Full: with failures, until the window ends; with only attempts in flight, a moment.
    const auto left = bucket->failures >= limit
                          ? std::chrono::ceil<std::chrono::seconds>(bucket->started + limits_.window - now).count()
                          : std::int64_t{1};
    wait_seconds = std::max<std::int64_t>({wait_seconds, left, 1});
  };
  check(keys.network, limits_.per_address);
  check(keys.account, keys.account_limit);
  if (wait_seconds == 0) {
    std::size_t fresh = buckets_.count(keys.account) == 0 ? 1u : 0u;
    if (!keys.network.empty() && buckets_.count(keys.network) == 0) ++fresh;
    if (buckets_.size() + fresh > limits_.max_buckets && now - last_sweep_ >= std::chrono::seconds(1)) {
      DropExpired(now);
    }
    // Memory stays bounded under a spray of names, and nobody is refused for it: beyond the cap,
    // idle buckets make room (a stranger's count may be forgotten early; no owner is locked out).
    for (auto it = buckets_.begin(); buckets_.size() + fresh > limits_.max_buckets && it != buckets_.end();) {
      it = it->second.in_flight == 0 ? buckets_.erase(it) : std::next(it);
    }
  }
  if (wait_seconds > 0) {
    Error error = Error::TooManyRequests("too many failed sign-ins; try again later");
    error.retry_after_seconds = wait_seconds;
    return Fail(std::move(error));
  }
  if (!keys.network.empty()) ++buckets_[keys.network].in_flight;
  ++buckets_[keys.account].in_flight;
  return Reservation(this, std::move(keys));
}

void LoginThrottle::End(const Keys& keys, Outcome outcome, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto settle = [&](const std::string& key, bool clear_on_success) {
    if (key.empty()) return;
    auto it = buckets_.find(key);
    if (it == buckets_.end()) return;
    Bucket& bucket = it->second;
    --bucket.in_flight;
    if (outcome == Outcome::kFailed) {
      if (bucket.failures == 0 || now - bucket.started >= limits_.window) bucket = {0, bucket.in_flight, now};
      ++bucket.failures;
    } else if (outcome == Outcome::kSucceeded && clear_on_success) {
      bucket.failures = 0;
    }
    if (bucket.failures == 0 && bucket.in_flight == 0) buckets_.erase(it);
  };
  settle(keys.network, false);
  settle(keys.account, true);
}

// ---- VerificationGate ----------------------------------------------------------------------

VerificationGate::VerificationGate(Limits limits)
    : slots_(limits.slots > 0 ? limits.slots : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))),
      limits_(limits) {}

VerificationGate::Slot::~Slot() {
  if (gate_ == nullptr) return;
  {
    std::lock_guard lock(gate_->mutex_);
    --gate_->active_;
  }
  gate_->freed_.notify_one();
}

Result<VerificationGate::Slot> VerificationGate::Enter() {
  std::unique_lock lock(mutex_);
  auto busy = [] {
    Error error = Error::Unavailable("too many sign-ins at once; try again in a moment");
    error.retry_after_seconds = 1;
    return Fail(std::move(error));
  };
  if (active_ >= slots_) {
    if (waiting_ >= limits_.queue) return busy();
    ++waiting_;
    const bool freed = freed_.wait_for(lock, limits_.max_wait, [this] { return active_ < slots_; });
    --waiting_;
    if (!freed) return busy();
  }
  ++active_;
  return Slot(this);
}

}  // namespace tierdesk::app::auth
