// app/offering/terms_cache.hpp
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/offering/agreement.hpp"
#include "core/offering/plan.hpp"

namespace tierdesk::app::offering {

// A customer's terms as ticket creation needs them (the agreement active today, the effective
// plan, the statement's version hash), cached per customer. An entry is good for one terms
// version (the store's TermsVersion) and one partner-local day. Thread-safe.
class TermsCache {
 public:
  struct Terms {
    std::optional<core::Agreement> agreement;
    std::optional<core::Plan> plan;
    std::string statement_hash;
  };
  std::optional<Terms> Find(OrgId customer, std::int64_t version, core::Day day);
  void Store(OrgId customer, std::int64_t version, core::Day day, Terms terms);

  // The partner's time zone name for a terms version (organisations are terms too).
  std::optional<std::string> PartnerZone(std::int64_t version);
  void StorePartnerZone(std::int64_t version, std::string zone);

 private:
  struct Entry {
    std::int64_t version = -1;
    core::Day day = 0;
    Terms terms;
  };
  std::mutex mutex_;
  std::unordered_map<OrgId, Entry> entries_;
  std::int64_t zone_version_ = -1;
  std::string zone_;
};

}  // namespace tierdesk::app::offering
