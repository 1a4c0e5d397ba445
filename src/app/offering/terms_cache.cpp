#include "app/offering/terms_cache.hpp"

namespace tierdesk::app::offering {

std::optional<TermsCache::Terms> TermsCache::Find(OrgId customer, std::int64_t version, core::Day day) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(customer);
  if (it == entries_.end() || it->second.version != version || it->second.day != day) return std::nullopt;
  return it->second.terms;
}

void TermsCache::Store(OrgId customer, std::int64_t version, core::Day day, Terms terms) {
  std::lock_guard lock(mutex_);
  if (entries_.size() > 100'000) entries_.clear();  // bounded: terms are rebuilt on demand
  entries_[customer] = Entry{version, day, std::move(terms)};
}

std::optional<std::string> TermsCache::PartnerZone(std::int64_t version) {
  std::lock_guard lock(mutex_);
  if (zone_version_ != version) return std::nullopt;
  return zone_;
}

void TermsCache::StorePartnerZone(std::int64_t version, std::string zone) {
  std::lock_guard lock(mutex_);
  zone_version_ = version;
  zone_ = std::move(zone);
}

}  // namespace tierdesk::app::offering
