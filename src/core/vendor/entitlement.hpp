// core/vendor/entitlement.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/offering/agreement.hpp"
#include "core/ticket/ticket.hpp"

namespace tierdesk::core {

// Escalation to Microsoft (DESIGN.md §1 and §1.1). A path is the way a case reaches the vendor;
// which ones a partner may take depends on the entitlements it holds. Paths are data: the kinds
// below are the ones Microsoft has offered partners, and an admin may define another (any
// lower-case name), which then covers what its entitlement says it covers.
inline constexpr std::string_view kCommercialPath = "commercial";
inline constexpr std::string_view kCspTechnicalPath = "csp_technical";
inline constexpr std::string_view kPremierPath = "premier";
inline constexpr std::string_view kAdvancedPath = "advanced";
inline constexpr std::string_view kSignaturePath = "signature";
inline constexpr std::string_view kProductIncidentsPath = "product_incidents";

// A path kind's name: 1 to 40 of a-z 0-9 _, starting with a letter.
bool IsPathKind(std::string_view kind);
// How people read a kind: "Premier Support for Partners"; an admin's own kind reads as itself.
std::string PathTitle(std::string_view kind);

enum class CapacityUnit { kUnlimited, kHours, kIncidents };
std::string_view ToString(CapacityUnit unit);
std::optional<CapacityUnit> ParseCapacityUnit(std::string_view text);

// Which products an entitlement covers: cloud services only, or on-premises products too.
enum class ProductCoverage { kCloud, kAll };
std::string_view ToString(ProductCoverage coverage);
std::optional<ProductCoverage> ParseProductCoverage(std::string_view text);

enum class CompetencyLevel { kGold, kSilver };
std::string_view ToString(CompetencyLevel level);
std::optional<CompetencyLevel> ParseCompetencyLevel(std::string_view text);

// A Microsoft competency the partner holds; Signature Cloud Support depends on one.
struct Competency {
  CompetencyId id;
  CompetencyLevel level = CompetencyLevel::kGold;
  std::string area;   // "Cloud Platform", "Cloud Productivity", "Data Center", ...
  bool cloud = true;  // a cloud competency (Signature: unlimited incidents) or not (counted)
  Day valid_from = 0;
  Day expires_on = 0;  // the last day it holds
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;

  bool ActiveOn(Day day) const { return valid_from <= day && day <= expires_on; }
};
Status ValidateCompetency(const Competency& competency);

// A vendor support contract the partner holds (DESIGN.md §4 Entitlement). Capacity and
// consumption count minutes for hours and whole incidents for incidents; cost is per hour or
// per incident in minor units of `currency`.
struct Entitlement {
  EntitlementId id;  // invalid: the built-in commercial path
  std::string kind;
  std::string name;  // "Premier 2026"
  std::vector<Category> categories;  // what it covers
  ProductCoverage products = ProductCoverage::kCloud;
  std::vector<std::string> services;  // service codes; empty: every service
  Day valid_from = 0;
  std::optional<Day> valid_to;  // the last day it holds; none: open-ended
  CapacityUnit unit = CapacityUnit::kUnlimited;
  std::int64_t capacity = 0;  // minutes or incidents; unused when unlimited
  std::int64_t consumed = 0;  // minutes or incidents
  std::string currency;       // ISO 4217; empty: free
  std::int64_t unit_cost = 0;  // per hour or per incident
  std::string contract_id;     // Microsoft's contract id, where it needs one
  std::string access_id;       // Microsoft's access id (Premier, Advanced)
  CompetencyId competency_id;  // signature: the competency it depends on
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;

  // What is left, in the capacity's unit (never negative); unlimited: none.
  std::optional<std::int64_t> Left() const;
};
// Shape checks; the FieldError names are the API's. A signature entitlement names a competency.
Status ValidateEntitlement(const Entitlement& entitlement);
// Covers what its kind covers when the admin gave no categories: commercial billing and
// subscriptions, every other kind technical problems.
std::vector<Category> DefaultCategories(std::string_view kind);
// Commercial support, open to every CSP partner without configuration: billing and
// subscriptions, every product, unlimited, free.
Entitlement BuiltInCommercial();

// What the eligibility needs to know of a ticket.
struct EscalationTicket {
  Category category = Category::kTechnical;
  std::string service;     // azure, m365, ...
  bool on_premises = false;  // the product is on-premises software, not a cloud service
  bool reseller_held = false;  // a two-tier reseller holds it (it has not handed it up)
  std::vector<std::string> missing_fields;  // labels of required fields the ticket lacks
};

// One path as the options list shows it.
struct EscalationOption {
  EntitlementId entitlement_id;  // invalid: built-in commercial
  std::string kind;
  std::string name;
  bool eligible = false;
  std::vector<std::string> reasons;  // why not, in words; empty when eligible
  CapacityUnit unit = CapacityUnit::kUnlimited;
  std::optional<std::int64_t> left;  // minutes or incidents; none: unlimited
  std::string currency;              // empty: no cost
  std::int64_t marginal_cost = 0;    // what one more case costs, minor units
  bool preferred = false;            // the path an escalation without an explicit one takes
};

// How the partner ranks eligible paths: the kinds it names come first, in its order; the rest
// follow. Within each, the cheapest marginal cost first (amounts are compared as they are: a
// partner keeps its vendor contracts in one currency), then the order of the list. An hourly
// path's marginal cost is `minutes_per_case` at its rate.
struct EscalationPreference {
  std::vector<std::string> order;
  std::int64_t minutes_per_case = 60;
};

// Every path the partner has (the built-in commercial one first, then `entitlements`), each
// with whether this ticket may take it today and why not. The best eligible option by the
// preference, if any, is marked preferred.
std::vector<EscalationOption> EscalationOptions(const EscalationTicket& ticket,
                                                const std::vector<Entitlement>& entitlements,
                                                const std::vector<Competency>& competencies, Day today,
                                                const EscalationPreference& preference);

}  // namespace tierdesk::core
