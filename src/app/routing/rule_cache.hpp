// app/routing/rule_cache.hpp
#pragma once

#include <memory>
#include <mutex>

#include "core/ports/store.hpp"
#include "core/routing/rules.hpp"

namespace tierdesk::app::routing {

// The compiled rules, rebuilt when the store's rules version moves (any process). Thread-safe.
class RuleCache {
 public:
  Result<std::shared_ptr<const core::RuleSet>> Get(core::ReadTx& tx);

 private:
  std::mutex mutex_;
  std::int64_t version_ = -1;
  std::shared_ptr<const core::RuleSet> rules_;
};

}  // namespace tierdesk::app::routing
