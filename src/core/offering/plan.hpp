// core/offering/plan.hpp
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/language.hpp"
#include "core/common/money.hpp"
#include "core/common/result.hpp"
#include "core/offering/target.hpp"
#include "core/ticket/ticket.hpp"

namespace tierdesk::core {

struct ContactChannel {
  enum class Kind { kPortal, kEmail, kPhone, kChat };
  Kind kind = Kind::kPortal;
  std::string address;  // e-mail address, phone number or URL; empty for the portal
  CalendarId hours;     // invalid: the plan's service hours
};

// Prices are integers in minor units of one ISO 4217 currency; rates are per hour.
struct Pricing {
  enum class Model { kIncluded, kPerIncident, kHourly, kMonthlyFee, kPrepaidBlock };
  enum class BlockUnit { kHours, kIncidents };
  enum class WhenExhausted { kPayAsYouGo, kNeedsApproval };

  Model model = Model::kIncluded;
  std::string currency = "USD";
  std::int64_t per_incident = 0;
  std::int64_t hourly_rate = 0;
  int increment_minutes = 15;      // hourly work is rounded up to this
  int minimum_minutes = 0;         // per ticket
  int after_hours_percent = 100;   // rate multiplier outside service hours
  std::int64_t monthly_fee = 0;
  std::int64_t included_minutes = 0;
  std::int64_t overage_hourly_rate = 0;
  BlockUnit block_unit = BlockUnit::kHours;
  std::int64_t block_size = 0;     // hours or incidents per block
  std::int64_t block_price = 0;
  WhenExhausted when_exhausted = WhenExhausted::kPayAsYouGo;
};

// A support offering (DESIGN.md §4 Plan). Plans in use are versioned, never edited in place.
struct Plan {
  struct Coverage {
    std::string service;  // a service code
    Category category = Category::kTechnical;
  };
  enum class Delivery { kInHouse, kOutsourced, kResold };
  enum class OutOfScope { kRefuse, kBillable };

  PlanId id;
  std::int64_t version = 1;
  std::string name;                         // English, and every other language's fallback
  std::string description;
  std::string name_ko;                      // Korean; empty: customers reading Korean see the English
  std::string description_ko;
  CalendarId service_hours;                 // invalid: 24x7
  std::vector<Coverage> coverage;           // services × categories inside the baseline scope
  std::vector<ContactChannel> channels;
  std::array<SeverityTargets, 3> targets;   // by Severity: critical, moderate, minimal
  bool pause_in_pending_vendor = true;      // SLA clocks stop while Microsoft holds the ticket
  Pricing pricing;
  Delivery delivery = Delivery::kInHouse;
  OrgId provider;                           // outsourced or resold: the provider
  std::int64_t provider_hourly_cost = 0;    // what the provider charges the partner
  OutOfScope out_of_scope = OutOfScope::kRefuse;
  std::int64_t out_of_scope_hourly_rate = 0;

  const SeverityTargets& TargetsFor(Severity severity) const {
    return targets[static_cast<std::size_t>(severity)];
  }
};

// The plan's name and description in a language, each the English where the partner gave none.
const std::string& PlanName(const Plan& plan, Language language);
const std::string& PlanDescription(const Plan& plan, Language language);

// Checks every part and names each bad field as the API spells it. Amounts are 0 to
// kMaxMoneyAmount (10^12 minor units); included minutes and block sizes 0 to kMaxPlanQuantity.
inline constexpr std::int64_t kMaxPlanQuantity = 1'000'000'000;
Status ValidatePlan(const Plan& plan);
// Targets by severity (critical, moderate, minimal): each 0 (none) to a year of minutes; an
// error per bad severity, named "targets.<severity>".
void ValidateTargets(const std::array<SeverityTargets, 3>& targets, std::vector<FieldError>& errors);

// Is (service, category) inside the plan's baseline scope?
bool Covers(const Plan& plan, std::string_view service, Category category);

// What an out-of-scope request will cost, shown before the customer accepts it.
struct Quote {
  std::string currency;
  std::int64_t hourly_rate = 0;   // minor units
  int increment_minutes = 15;
  int minimum_minutes = 0;
};
// kConflict when the plan refuses out-of-scope work.
Result<Quote> QuoteOutOfScope(const Plan& plan);

// A compact, line-based text form of a plan's terms for storage (the core has no JSON library).
// The id and version are not part of it: they are the storage's keys.
std::string EncodePlan(const Plan& plan);
Result<Plan> DecodePlan(std::string_view text);
// Targets alone, in the same "target" lines (e.g. a provider's underpinning targets).
std::string EncodeTargets(const std::array<SeverityTargets, 3>& targets);
Result<std::array<SeverityTargets, 3>> DecodeTargets(std::string_view text);

// ISO 4217: three upper-case letters. Minor units: core/common/money.hpp.
bool IsCurrencyCode(std::string_view code);

std::string_view ToString(Pricing::Model model);
std::optional<Pricing::Model> ParsePricingModel(std::string_view text);
std::string_view ToString(Plan::Delivery delivery);
std::optional<Plan::Delivery> ParseDelivery(std::string_view text);
std::string_view ToString(ContactChannel::Kind kind);
std::optional<ContactChannel::Kind> ParseContactKind(std::string_view text);
std::string_view ToString(Target::Basis basis);
std::optional<Target::Basis> ParseBasis(std::string_view text);
std::string_view ToString(Pricing::BlockUnit unit);
std::optional<Pricing::BlockUnit> ParseBlockUnit(std::string_view text);
std::string_view ToString(Pricing::WhenExhausted when);
std::optional<Pricing::WhenExhausted> ParseWhenExhausted(std::string_view text);
std::string_view ToString(Plan::OutOfScope policy);
std::optional<Plan::OutOfScope> ParseOutOfScope(std::string_view text);

}  // namespace tierdesk::core
