#include "core/vendor/entitlement.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/common/enum_names.hpp"
#include "core/offering/plan.hpp"
#include "core/routing/work.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<CapacityUnit, 3> kUnitNames{{{
    {CapacityUnit::kUnlimited, "unlimited"},
    {CapacityUnit::kHours, "hours"},
    {CapacityUnit::kIncidents, "incidents"},
}}};

constexpr EnumNames<ProductCoverage, 2> kCoverageNames{{{
    {ProductCoverage::kCloud, "cloud"},
    {ProductCoverage::kAll, "all"},
}}};

constexpr EnumNames<CompetencyLevel, 2> kLevelNames{{{
    {CompetencyLevel::kGold, "gold"},
    {CompetencyLevel::kSilver, "silver"},
}}};

constexpr std::int64_t kMaxCapacity = 1'000'000'000;
constexpr std::int64_t kMaxCost = 1'000'000'000'000;
constexpr std::size_t kMaxName = 100;

bool Covers(const std::vector<Category>& categories, Category category) {
  return std::find(categories.begin(), categories.end(), category) != categories.end();
}

// "billing and subscription", "technical", "billing, subscription and technical"
std::string CategoryList(const std::vector<Category>& categories) {
  std::vector<Category> sorted = categories;
  std::sort(sorted.begin(), sorted.end());
  std::string text;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) text += i + 1 == sorted.size() ? " and " : ", ";
    text += ToString(sorted[i]);
  }
  return text;
}

// 40 hours as "40", 90 minutes as "1.5", 20 minutes as "0.33".
std::string Hours(std::int64_t minutes) {
  std::string text = std::to_string(minutes / 60);
  const std::int64_t hundredths = ((minutes % 60) * 100 + 30) / 60;
  if (hundredths == 0) return text;
  std::string fraction = hundredths < 10 ? "0" + std::to_string(hundredths) : std::to_string(hundredths);
  while (fraction.back() == '0') fraction.pop_back();
  return text + "." + fraction;
}

std::string Quantity(CapacityUnit unit, std::int64_t amount) {
  return unit == CapacityUnit::kHours ? Hours(amount) : std::to_string(amount);
}

const Competency* FindCompetency(const std::vector<Competency>& competencies, CompetencyId id) {
  for (const auto& c : competencies) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::int64_t MarginalCost(const Entitlement& e, const EscalationPreference& preference) {
  if (e.unit == CapacityUnit::kHours) return AmountFor(preference.minutes_per_case, e.unit_cost);
  return e.unit_cost;
}

// Why this ticket may not take this path today; empty: it may.
std::vector<std::string> Reasons(const EscalationTicket& ticket, const Entitlement& e,
                                 const std::vector<Competency>& competencies, Day today) {
  std::vector<std::string> reasons;
  const std::string title = PathTitle(e.kind);
  if (ticket.reseller_held && ticket.service == "azure") {
    reasons.push_back(
        "an Azure support request is opened by the subscription's provider, not by a reseller: the "
        "reseller hands the ticket up first");
  }
  if (!Covers(e.categories, ticket.category)) {
    reasons.push_back(title + " covers " + CategoryList(e.categories) + " problems only");
  }
  if (!e.services.empty() &&
      std::find(e.services.begin(), e.services.end(), ticket.service) == e.services.end()) {
    reasons.push_back(e.name + " does not cover the service " + ticket.service);
  }
  if (ticket.on_premises && e.products == ProductCoverage::kCloud) {
    reasons.push_back(title + " covers cloud products only; this is an on-premises product");
  }
  if (today < e.valid_from) {
    reasons.push_back(e.name + " is valid from " + FormatDay(e.valid_from));
  } else if (e.valid_to && *e.valid_to < today) {
    reasons.push_back(e.name + " expired " + FormatDay(*e.valid_to));
  }
  if (e.kind == kSignaturePath) {
    const Competency* competency = FindCompetency(competencies, e.competency_id);
    const std::string needs = title + " needs an active Gold or Silver competency; ";
    if (competency == nullptr) {
      reasons.push_back(needs + "none is recorded");
    } else if (competency->expires_on < today) {
      reasons.push_back(needs + "yours expired " + FormatDay(competency->expires_on));
    } else if (today < competency->valid_from) {
      reasons.push_back(needs + "yours is valid from " + FormatDay(competency->valid_from));
    }
  }
  if (const auto left = e.Left(); left && *left == 0) {
    reasons.push_back(e.name + " exhausted: 0 of " + Quantity(e.unit, e.capacity) + " " +
                      std::string(ToString(e.unit)) + " left");
  }
  for (const auto& label : ticket.missing_fields) {
    reasons.push_back("Microsoft needs the ticket's " + label + ", which is missing");
  }
  return reasons;
}

}  // namespace

bool IsPathKind(std::string_view kind) {
  if (kind.empty() || kind.size() > 40 || kind.front() < 'a' || kind.front() > 'z') return false;
  return std::all_of(kind.begin(), kind.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string PathTitle(std::string_view kind) {
  if (kind == kCommercialPath) return "commercial support";
  if (kind == kCspTechnicalPath) return "the CSP technical entitlement";
  if (kind == kPremierPath) return "Premier Support for Partners";
  if (kind == kAdvancedPath) return "Advanced Support for Partners";
  if (kind == kSignaturePath) return "Signature Cloud Support";
  if (kind == kProductIncidentsPath) return "Product Support Incidents";
  return std::string(kind);
}

std::string_view ToString(CapacityUnit unit) { return kUnitNames.Name(unit); }
std::optional<CapacityUnit> ParseCapacityUnit(std::string_view text) { return kUnitNames.Parse(text); }
std::string_view ToString(ProductCoverage coverage) { return kCoverageNames.Name(coverage); }
std::optional<ProductCoverage> ParseProductCoverage(std::string_view text) { return kCoverageNames.Parse(text); }
std::string_view ToString(CompetencyLevel level) { return kLevelNames.Name(level); }
std::optional<CompetencyLevel> ParseCompetencyLevel(std::string_view text) { return kLevelNames.Parse(text); }

Status ValidateCompetency(const Competency& competency) {
  std::vector<FieldError> errors;
  if (competency.area.empty() || competency.area.size() > kMaxName) errors.push_back({"area", "is 1 to 100 characters"});
  if (competency.expires_on < competency.valid_from) errors.push_back({"expires_on", "is on or after valid_from"});
  if (!errors.empty()) return Fail(Error::InvalidArgument("the competency is not valid", std::move(errors)));
  return Ok();
}

std::optional<std::int64_t> Entitlement::Left() const {
  if (unit == CapacityUnit::kUnlimited) return std::nullopt;
  return std::max<std::int64_t>(0, capacity - consumed);
}

Status ValidateEntitlement(const Entitlement& e) {
  std::vector<FieldError> errors;
  if (!IsPathKind(e.kind)) {
    errors.push_back({"kind", "is 1 to 40 of a-z, 0-9 and _, starting with a letter"});
  } else if (e.kind == kCommercialPath) {
    errors.push_back({"kind", "commercial support is built in and needs no entitlement"});
  }
  if (e.name.empty() || e.name.size() > kMaxName) errors.push_back({"name", "is 1 to 100 characters"});
  if (e.categories.empty()) errors.push_back({"categories", "names at least one category"});
  if (std::set<Category>(e.categories.begin(), e.categories.end()).size() != e.categories.size()) {
    errors.push_back({"categories", "names each category once"});
  }
  for (const auto& service : e.services) {
    if (!IsServiceCode(service)) {
      errors.push_back({"services", "are service codes such as azure or m365"});
      break;
    }
  }
  if (e.valid_to && *e.valid_to < e.valid_from) errors.push_back({"valid_to", "is on or after valid_from"});
  if (e.unit != CapacityUnit::kUnlimited && (e.capacity <= 0 || e.capacity > kMaxCapacity)) {
    errors.push_back({"capacity", "is 1 to 10^9 (minutes for hours, or incidents)"});
  }
  if (e.consumed < 0 || e.consumed > kMaxCapacity) errors.push_back({"consumed", "is 0 to 10^9"});
  if (e.unit_cost < 0 || e.unit_cost > kMaxCost) errors.push_back({"unit_cost", "is 0 to 10^12 minor units"});
  if (!e.currency.empty() && !IsCurrencyCode(e.currency)) {
    errors.push_back({"currency", "must be an ISO 4217 code such as KRW or USD"});
  } else if (e.currency.empty() && e.unit_cost > 0) {
    errors.push_back({"currency", "is required when the entitlement has a cost"});
  }
  if (e.contract_id.size() > kMaxName) errors.push_back({"contract_id", "is at most 100 characters"});
  if (e.access_id.size() > kMaxName) errors.push_back({"access_id", "is at most 100 characters"});
  if (e.kind == kSignaturePath && !e.competency_id.valid()) {
    errors.push_back({"competency_id", "Signature Cloud Support depends on a competency"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the entitlement is not valid", std::move(errors)));
  return Ok();
}

std::vector<Category> DefaultCategories(std::string_view kind) {
  if (kind == kCommercialPath) return {Category::kBilling, Category::kSubscription};
  return {Category::kTechnical};
}

Entitlement BuiltInCommercial() {
  Entitlement e;
  e.kind = std::string(kCommercialPath);
  e.name = "Commercial support";
  e.categories = DefaultCategories(kCommercialPath);
  e.products = ProductCoverage::kAll;
  e.unit = CapacityUnit::kUnlimited;
  return e;
}

std::vector<EscalationOption> EscalationOptions(const EscalationTicket& ticket,
                                                const std::vector<Entitlement>& entitlements,
                                                const std::vector<Competency>& competencies, Day today,
                                                const EscalationPreference& preference) {
  std::vector<EscalationOption> options;
  options.reserve(entitlements.size() + 1);
  auto add = [&](const Entitlement& e) {
    EscalationOption option;
    option.entitlement_id = e.id;
    option.kind = e.kind;
    option.name = e.name;
    option.reasons = Reasons(ticket, e, competencies, today);
    option.eligible = option.reasons.empty();
    option.unit = e.unit;
    option.left = e.Left();
    option.currency = e.currency;
    option.marginal_cost = MarginalCost(e, preference);
    options.push_back(std::move(option));
  };
  add(BuiltInCommercial());
  for (const auto& e : entitlements) add(e);

  auto rank = [&](std::size_t i) {
    const auto& o = options[i];
    const auto named = std::find(preference.order.begin(), preference.order.end(), o.kind);
    return std::make_tuple(named - preference.order.begin(), o.marginal_cost, i);
  };
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (options[i].eligible && (!best || rank(i) < rank(*best))) best = i;
  }
  if (best) options[*best].preferred = true;
  return options;
}

}  // namespace tierdesk::core
