#include "core/vendor/entitlement.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace tierdesk::core {
namespace {

Day D(std::string_view text) { return *ParseDay(text); }

const Day kToday = D("2026-11-24");

// The partner's contracts, one per path kind, all in force today.
struct Holdings {
  std::vector<Entitlement> entitlements;
  std::vector<Competency> competencies;
};

Holdings Valid() {
  Holdings h;
  Competency gold;
  gold.id = CompetencyId{1};
  gold.level = CompetencyLevel::kGold;
  gold.area = "Cloud Platform";
  gold.valid_from = D("2025-07-01");
  gold.expires_on = D("2027-06-30");
  h.competencies.push_back(gold);

  auto add = [&](std::int64_t id, std::string_view kind, std::string name, ProductCoverage products,
                 CapacityUnit unit, std::int64_t capacity, std::int64_t unit_cost) {
    Entitlement e;
    e.id = EntitlementId{id};
    e.kind = std::string(kind);
    e.name = std::move(name);
    e.categories = DefaultCategories(kind);
    e.products = products;
    e.valid_from = D("2026-01-01");
    e.valid_to = D("2026-12-31");
    e.unit = unit;
    e.capacity = capacity;
    e.currency = unit_cost > 0 ? "USD" : "";
    e.unit_cost = unit_cost;
    if (kind == kSignaturePath) e.competency_id = CompetencyId{1};
    h.entitlements.push_back(e);
  };
  add(10, kCspTechnicalPath, "CSP technical entitlement", ProductCoverage::kCloud, CapacityUnit::kUnlimited, 0, 0);
  add(11, kPremierPath, "Premier contract", ProductCoverage::kAll, CapacityUnit::kHours, 40 * 60, 25'000);
  add(12, kAdvancedPath, "Advanced contract", ProductCoverage::kCloud, CapacityUnit::kIncidents, 20, 50'000);
  add(13, kSignaturePath, "Signature entitlement", ProductCoverage::kCloud, CapacityUnit::kUnlimited, 0, 0);
  add(14, kProductIncidentsPath, "Product incidents", ProductCoverage::kAll, CapacityUnit::kIncidents, 5, 49'900);
  return h;
}

enum class State { kValid, kExpired, kExhausted, kNotYetValid, kCompetencyExpired, kOnPremises, kResellerHeldAzure };

const std::map<State, std::string_view> kStateNames = {
    {State::kValid, "valid"},
    {State::kExpired, "expired"},
    {State::kExhausted, "exhausted"},
    {State::kNotYetValid, "not yet valid"},
    {State::kCompetencyExpired, "competency expired"},
    {State::kOnPremises, "on-premises product"},
    {State::kResellerHeldAzure, "reseller-held Azure ticket"},
};

// Puts every entitlement (and the ticket) into one state.
void Apply(State state, Holdings& h, EscalationTicket& ticket) {
  for (auto& e : h.entitlements) {
    switch (state) {
      case State::kExpired: e.valid_to = D("2026-06-30"); break;
      case State::kExhausted: e.consumed = e.capacity; break;
      case State::kNotYetValid: e.valid_from = D("2027-01-01"); e.valid_to = D("2027-12-31"); break;
      default: break;
    }
  }
  if (state == State::kCompetencyExpired) h.competencies[0].expires_on = D("2026-06-30");
  if (state == State::kOnPremises) ticket.on_premises = true;
  if (state == State::kResellerHeldAzure) ticket.reseller_held = true;
}

const std::string kReseller =
    "an Azure support request is opened by the subscription's provider, not by a reseller: the reseller "
    "hands the ticket up first";

// What each path says about a ticket of each category when everything is in force.
const std::map<std::string, std::map<Category, std::vector<std::string>>> kByCategory = {
    {"commercial",
     {{Category::kBilling, {}},
      {Category::kSubscription, {}},
      {Category::kTechnical, {"commercial support covers billing and subscription problems only"}}}},
    {"csp_technical",
     {{Category::kBilling, {"the CSP technical entitlement covers technical problems only"}},
      {Category::kSubscription, {"the CSP technical entitlement covers technical problems only"}},
      {Category::kTechnical, {}}}},
    {"premier",
     {{Category::kBilling, {"Premier Support for Partners covers technical problems only"}},
      {Category::kSubscription, {"Premier Support for Partners covers technical problems only"}},
      {Category::kTechnical, {}}}},
    {"advanced",
     {{Category::kBilling, {"Advanced Support for Partners covers technical problems only"}},
      {Category::kSubscription, {"Advanced Support for Partners covers technical problems only"}},
      {Category::kTechnical, {}}}},
    {"signature",
     {{Category::kBilling, {"Signature Cloud Support covers technical problems only"}},
      {Category::kSubscription, {"Signature Cloud Support covers technical problems only"}},
      {Category::kTechnical, {}}}},
    {"product_incidents",
     {{Category::kBilling, {"Product Support Incidents covers technical problems only"}},
      {Category::kSubscription, {"Product Support Incidents covers technical problems only"}},
      {Category::kTechnical, {}}}},
};

// What each path says in each state, apart from what the category adds. The built-in commercial
// path has no dates, capacity or competency, so only the ticket's own states reach it.
const std::map<std::string, std::map<State, std::vector<std::string>>> kByState = {
    {"commercial",
     {{State::kValid, {}},
      {State::kExpired, {}},
      {State::kExhausted, {}},
      {State::kNotYetValid, {}},
      {State::kCompetencyExpired, {}},
      {State::kOnPremises, {}},
      {State::kResellerHeldAzure, {kReseller}}}},
    {"csp_technical",
     {{State::kValid, {}},
      {State::kExpired, {"CSP technical entitlement expired 2026-06-30"}},
      {State::kExhausted, {}},  // unlimited
      {State::kNotYetValid, {"CSP technical entitlement is valid from 2027-01-01"}},
      {State::kCompetencyExpired, {}},
      {State::kOnPremises, {"the CSP technical entitlement covers cloud products only; this is an on-premises product"}},
      {State::kResellerHeldAzure, {kReseller}}}},
    {"premier",
     {{State::kValid, {}},
      {State::kExpired, {"Premier contract expired 2026-06-30"}},
      {State::kExhausted, {"Premier contract exhausted: 0 of 40 hours left"}},
      {State::kNotYetValid, {"Premier contract is valid from 2027-01-01"}},
      {State::kCompetencyExpired, {}},
      {State::kOnPremises, {}},  // all products
      {State::kResellerHeldAzure, {kReseller}}}},
    {"advanced",
     {{State::kValid, {}},
      {State::kExpired, {"Advanced contract expired 2026-06-30"}},
      {State::kExhausted, {"Advanced contract exhausted: 0 of 20 incidents left"}},
      {State::kNotYetValid, {"Advanced contract is valid from 2027-01-01"}},
      {State::kCompetencyExpired, {}},
      {State::kOnPremises, {"Advanced Support for Partners covers cloud products only; this is an on-premises product"}},
      {State::kResellerHeldAzure, {kReseller}}}},
    {"signature",
     {{State::kValid, {}},
      {State::kExpired, {"Signature entitlement expired 2026-06-30"}},
      {State::kExhausted, {}},  // unlimited with a cloud competency
      {State::kNotYetValid, {"Signature entitlement is valid from 2027-01-01"}},
      {State::kCompetencyExpired,
       {"Signature Cloud Support needs an active Gold or Silver competency; yours expired 2026-06-30"}},
      {State::kOnPremises, {"Signature Cloud Support covers cloud products only; this is an on-premises product"}},
      {State::kResellerHeldAzure, {kReseller}}}},
    {"product_incidents",
     {{State::kValid, {}},
      {State::kExpired, {"Product incidents expired 2026-06-30"}},
      {State::kExhausted, {"Product incidents exhausted: 0 of 5 incidents left"}},
      {State::kNotYetValid, {"Product incidents is valid from 2027-01-01"}},
      {State::kCompetencyExpired, {}},
      {State::kOnPremises, {}},
      {State::kResellerHeldAzure, {kReseller}}}},
};

// Every path kind × category × state: the reasons are the state's reseller reason first, then
// the category's, then the state's others, in that order; eligible exactly when there are none.
TEST(EscalationEligibility, EveryPathKindCategoryAndStateGivesItsReasons) {
  int rows = 0;
  for (const auto& [state, state_name] : kStateNames) {
    for (const Category category : {Category::kBilling, Category::kSubscription, Category::kTechnical}) {
      Holdings h = Valid();
      EscalationTicket ticket;
      ticket.category = category;
      ticket.service = "azure";
      Apply(state, h, ticket);
      const auto options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
      ASSERT_EQ(options.size(), 6u);
      for (const auto& option : options) {
        const auto& by_state = kByState.at(option.kind).at(state);
        const auto& by_category = kByCategory.at(option.kind).at(category);
        std::vector<std::string> expected;
        const bool reseller = state == State::kResellerHeldAzure;
        if (reseller) expected.push_back(kReseller);
        expected.insert(expected.end(), by_category.begin(), by_category.end());
        if (!reseller) expected.insert(expected.end(), by_state.begin(), by_state.end());
        EXPECT_EQ(option.reasons, expected) << option.kind << " / " << ToString(category) << " / " << state_name;
        EXPECT_EQ(option.eligible, expected.empty()) << option.kind << " / " << ToString(category) << " / " << state_name;
        ++rows;
      }
    }
  }
  EXPECT_EQ(rows, 6 * 3 * 7);
}

TEST(EscalationEligibility, CommercialNeedsNoConfigurationAndIsFree) {
  EscalationTicket ticket;
  ticket.category = Category::kBilling;
  ticket.service = "m365";
  const auto options = EscalationOptions(ticket, {}, {}, kToday, {});
  ASSERT_EQ(options.size(), 1u);
  EXPECT_EQ(options[0].kind, "commercial");
  EXPECT_FALSE(options[0].entitlement_id.valid());
  EXPECT_TRUE(options[0].eligible);
  EXPECT_TRUE(options[0].preferred);
  EXPECT_EQ(options[0].marginal_cost, 0);
  EXPECT_FALSE(options[0].left);

  ticket.category = Category::kTechnical;
  const auto technical = EscalationOptions(ticket, {}, {}, kToday, {});
  EXPECT_FALSE(technical[0].eligible);
  EXPECT_FALSE(technical[0].preferred);
}

TEST(EscalationEligibility, SignatureWithoutACompetencyOnRecordSaysSo) {
  Holdings h = Valid();
  h.competencies.clear();
  EscalationTicket ticket;
  ticket.service = "azure";
  const auto options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
  EXPECT_EQ(options[4].reasons, std::vector<std::string>{
                                    "Signature Cloud Support needs an active Gold or Silver competency; none is recorded"});
  h = Valid();
  h.competencies[0].valid_from = D("2027-01-01");
  h.competencies[0].expires_on = D("2027-12-31");
  const auto later = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
  EXPECT_EQ(later[4].reasons, std::vector<std::string>{
                                  "Signature Cloud Support needs an active Gold or Silver competency; yours is valid "
                                  "from 2027-01-01"});
}

TEST(EscalationEligibility, MissingFieldsAndUncoveredServicesBarEveryPath) {
  Holdings h = Valid();
  h.entitlements[1].services = {"m365", "d365"};
  EscalationTicket ticket;
  ticket.service = "azure";
  ticket.missing_fields = {"Azure subscription ID"};
  const auto options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
  for (const auto& option : options) {
    EXPECT_FALSE(option.eligible) << option.kind;
    EXPECT_EQ(option.reasons.back(), "Microsoft needs the ticket's Azure subscription ID, which is missing");
  }
  EXPECT_EQ(options[2].reasons.front(), "Premier contract does not cover the service azure");
}

TEST(EscalationEligibility, HoursLeftAreShownInHoursAndPartlyUsedContractsStayEligible) {
  Holdings h = Valid();
  h.entitlements[1].consumed = 40 * 60 - 90;
  EscalationTicket ticket;
  ticket.service = "azure";
  auto options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
  EXPECT_TRUE(options[2].eligible);
  EXPECT_EQ(options[2].left, 90);
  h.entitlements[1].consumed = 40 * 60 + 30;  // recorded over the capacity: nothing left, not less
  options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
  EXPECT_EQ(options[2].left, 0);
  h.entitlements[1].capacity = 90;
  h.entitlements[1].consumed = 90;
  options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
  EXPECT_EQ(options[2].reasons, std::vector<std::string>{"Premier contract exhausted: 0 of 1.5 hours left"});
  h.entitlements[1].capacity = 20;
  h.entitlements[1].consumed = 20;
  options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
  EXPECT_EQ(options[2].reasons, std::vector<std::string>{"Premier contract exhausted: 0 of 0.33 hours left"});
}

// Marginal cost: an incident's price, or the partner's minutes per case at the hourly rate.
TEST(EscalationPreferenceTest, TheCheapestEligiblePathIsPreferredUnlessThePartnerOrdersThem) {
  Holdings h = Valid();
  EscalationTicket ticket;
  ticket.service = "azure";
  auto preferred = [](const std::vector<EscalationOption>& options) {
    std::string kind;
    int count = 0;
    for (const auto& o : options) {
      if (o.preferred) {
        kind = o.kind;
        ++count;
      }
    }
    EXPECT_LE(count, 1);
    return kind;
  };
  auto options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
  EXPECT_EQ(options[2].marginal_cost, 25'000);  // one hour of Premier
  EXPECT_EQ(options[3].marginal_cost, 50'000);  // one Advanced incident
  // csp_technical and signature are free; csp_technical is listed first.
  EXPECT_EQ(preferred(options), "csp_technical");

  h.entitlements.erase(h.entitlements.begin());  // no CSP technical entitlement
  h.entitlements.erase(h.entitlements.begin() + 2);  // nor Signature
  options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, {});
  EXPECT_EQ(preferred(options), "premier");  // 25,000 for an hour against 49,900 and 50,000

  EscalationPreference three_hours;
  three_hours.minutes_per_case = 180;
  options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, three_hours);
  EXPECT_EQ(options[1].marginal_cost, 75'000);
  EXPECT_EQ(preferred(options), "product_incidents");

  EscalationPreference ordered;
  ordered.order = {"advanced", "premier"};
  options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, ordered);
  EXPECT_EQ(preferred(options), "advanced");

  h.entitlements[1].consumed = h.entitlements[1].capacity;  // Advanced exhausted: the next named
  options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, ordered);
  EXPECT_EQ(preferred(options), "premier");

  ticket.on_premises = true;
  ticket.missing_fields = {"Azure subscription ID"};
  options = EscalationOptions(ticket, h.entitlements, h.competencies, kToday, ordered);
  EXPECT_EQ(preferred(options), "");
}

TEST(EntitlementValidation, NamesEachBadField) {
  Entitlement e;
  e.kind = "Premier!";
  e.unit = CapacityUnit::kHours;
  e.capacity = 0;
  e.unit_cost = 100;
  e.valid_from = D("2026-01-01");
  e.valid_to = D("2025-12-31");
  e.services = {"Azure Cloud"};
  e.categories = {Category::kTechnical, Category::kTechnical};
  auto status = ValidateEntitlement(e);
  ASSERT_FALSE(status);
  std::vector<std::string> fields;
  for (const auto& f : status.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"kind", "name", "categories", "services", "valid_to", "capacity",
                                              "currency"}));

  Entitlement signature = Valid().entitlements[3];
  signature.competency_id = {};
  status = ValidateEntitlement(signature);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().fields.at(0).field, "competency_id");

  Entitlement commercial = BuiltInCommercial();
  status = ValidateEntitlement(commercial);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().fields.at(0).field, "kind");

  for (const auto& valid : Valid().entitlements) EXPECT_TRUE(ValidateEntitlement(valid)) << valid.kind;
  Entitlement own = Valid().entitlements[1];
  own.kind = "unified_support";  // an admin's own path kind
  EXPECT_TRUE(ValidateEntitlement(own));
  EXPECT_EQ(PathTitle("unified_support"), "unified_support");
}

TEST(CompetencyValidation, NeedsAnAreaAndAnOrderedPeriod) {
  Competency c;
  c.valid_from = D("2026-01-01");
  c.expires_on = D("2025-01-01");
  auto status = ValidateCompetency(c);
  ASSERT_FALSE(status);
  ASSERT_EQ(status.error().fields.size(), 2u);
  EXPECT_EQ(status.error().fields[0].field, "area");
  EXPECT_EQ(status.error().fields[1].field, "expires_on");
  c.area = "Cloud Platform";
  c.expires_on = D("2026-12-31");
  EXPECT_TRUE(ValidateCompetency(c));
  EXPECT_TRUE(c.ActiveOn(D("2026-12-31")));
  EXPECT_FALSE(c.ActiveOn(D("2027-01-01")));
  EXPECT_EQ(ParseCompetencyLevel("silver"), CompetencyLevel::kSilver);
  EXPECT_EQ(ParseCapacityUnit("incidents"), CapacityUnit::kIncidents);
  EXPECT_EQ(ParseProductCoverage("all"), ProductCoverage::kAll);
  EXPECT_FALSE(ParseProductCoverage("on_premises"));
}

}  // namespace
}  // namespace tierdesk::core
