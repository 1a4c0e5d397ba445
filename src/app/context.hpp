// app/context.hpp
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "app/calendar/calendar_cache.hpp"
#include "app/offering/terms_cache.hpp"
#include "app/routing/rule_cache.hpp"
#include "core/common/time.hpp"
#include "core/ports/blob_store.hpp"
#include "core/ports/secrets.hpp"
#include "core/ports/store.hpp"
#include "core/ports/vendor.hpp"

namespace tierdesk::app {

struct Limits {
  std::int64_t attachment_max_bytes = 25 * 1024 * 1024;
  std::chrono::hours session_lifetime{12};
  int sla_warning_percent = 75;  // the SLA watch warns when a clock has used this much of its target
};

// The ports every use case runs against. Use cases are functions of (context, actor, input):
// they load through the ports, decide with the core, and save through the ports.
struct AppContext {
  core::Store& store;
  const Clock& clock;
  const core::PasswordHasher& passwords;
  const core::TokenMinter& tokens;
  core::BlobStore& blobs;
  Limits limits;
  const core::ZoneDatabase& zones;
  calendar::CalendarCache& calendars;
  const core::Digester& digest;
  offering::TermsCache& terms;
  routing::RuleCache& rules;
  const core::ConnectorSetup& connectors;  // which Microsoft connectors the configuration turns on
};

// If-Match: kPreconditionFailed unless the caller's version (when given) is the stored one.
inline Status CheckVersion(std::optional<std::int64_t> expected, std::int64_t current, std::string_view what) {
  if (!expected || *expected == current) return Ok();
  return Fail(Error::PreconditionFailed("the " + std::string(what) + " was changed by someone else; reload it"));
}

// Optional replay protection for creates (the HTTP Idempotency-Key header).
struct IdempotencyInput {
  std::string key;           // empty: none
  std::string request_hash;  // hex SHA-256 of what was asked
};

}  // namespace tierdesk::app
