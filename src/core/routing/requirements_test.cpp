// Service requirements: what each seeded service asks of a ticket, as a table of cases.
#include "core/routing/requirements.hpp"

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

std::string Join(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "; ") + e.field + ": " + e.message;
  return out;
}

TEST(ServiceRequirements, SeededFieldChecksAsATable) {
  const std::vector<std::string> subscriptions = {"6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182"};
  struct Case {
    std::string service;
    Category category;
    TicketFields fields;
    std::string bad;      // CheckFieldValues, joined ("" = none)
    std::string missing;  // MissingFields, joined ("" = none)
  };
  const std::vector<Case> cases = {
      // Azure technical: a GUID that is one of the customer's subscriptions.
      {"azure", Category::kTechnical, {{"subscription_id", "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182"}}, "", ""},
      {"azure", Category::kTechnical, {{"subscription_id", "6E8F0A4B-5C7D-4E9F-9A2B-3D4E5F607182"}}, "", ""},
      {"azure", Category::kTechnical, {}, "", "fields.subscription_id: Azure subscription ID is required"},
      {"azure", Category::kTechnical, {{"subscription_id", "  "}}, "", "fields.subscription_id: Azure subscription ID is required"},
      {"azure", Category::kTechnical, {{"subscription_id", "6e8f0a4b5c7d4e9f9a2b3d4e5f607182"}},
       "fields.subscription_id: must be a GUID such as 6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182", ""},
      {"azure", Category::kTechnical, {{"subscription_id", "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f60718z"}},
       "fields.subscription_id: must be a GUID such as 6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182", ""},
      {"azure", Category::kTechnical, {{"subscription_id", "00000000-0000-0000-0000-000000000001"}},
       "fields.subscription_id: is not a subscription of this customer", ""},
      // Microsoft 365 technical: a tenant domain or a tenant id.
      {"m365", Category::kTechnical, {{"tenant_domain", "contoso.onmicrosoft.com"}}, "", ""},
      {"m365", Category::kTechnical, {{"tenant_id", "3b5c7d1e-2f4a-4b6c-8d9e-0a1b2c3d4e5f"}}, "", ""},
      {"m365", Category::kTechnical, {}, "", "fields.tenant_domain: Tenant domain or Tenant ID is required"},
      {"m365", Category::kTechnical, {{"tenant_domain", "not a domain"}},
       "fields.tenant_domain: must be a domain name such as contoso.onmicrosoft.com", ""},
      // Dynamics 365 technical: an https environment URL.
      {"d365", Category::kTechnical, {{"environment_url", "https://contoso.crm5.dynamics.com"}}, "", ""},
      {"d365", Category::kTechnical, {{"environment_url", "http://contoso.crm5.dynamics.com"}},
       "fields.environment_url: must be an https URL such as https://contoso.crm5.dynamics.com", ""},
      {"d365", Category::kTechnical, {}, "", "fields.environment_url: Environment URL is required"},
      // Billing and subscription requests: the subscription or an invoice number, for any service.
      {"m365", Category::kBilling, {{"invoice_reference", "G012345678"}}, "", ""},
      {"d365", Category::kSubscription, {{"subscription_id", "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182"}}, "", ""},
      {"azure", Category::kBilling, {}, "", "fields.subscription_id: Subscription ID or Invoice number is required"},
      {"azure", Category::kBilling, {{"subscription_id", "00000000-0000-0000-0000-000000000001"}},
       "fields.subscription_id: is not a subscription of this customer", ""},
      // An added service with no requirements asks nothing technical.
      {"intune", Category::kTechnical, {}, "", ""},
  };
  for (const auto& c : cases) {
    const auto requirements = DefaultRequirements(c.service);
    EXPECT_EQ(Join(CheckFieldValues(requirements, c.category, c.fields, subscriptions)), c.bad)
        << c.service << " " << ToString(c.category);
    EXPECT_EQ(Join(MissingFields(requirements, c.category, c.fields)), c.missing) << c.service << " " << ToString(c.category);
  }
  // Subscriptions unknown for the customer: any well-formed GUID passes.
  EXPECT_TRUE(CheckFieldValues(DefaultRequirements("azure"), Category::kTechnical,
                               {{"subscription_id", "00000000-0000-0000-0000-000000000001"}}, {})
                  .empty());
}

TEST(ServiceRequirements, ChecklistsFollowTheCategory) {
  const auto azure = DefaultRequirements("azure");
  const auto technical = ChecklistFor(azure, Category::kTechnical);
  ASSERT_EQ(technical.size(), 3u);
  EXPECT_EQ(technical[0]->key, "checked_service_health");
  const auto billing = ChecklistFor(azure, Category::kBilling);
  ASSERT_EQ(billing.size(), 1u);
  EXPECT_EQ(billing[0]->key, "checked_invoice");
}

TEST(ServiceRequirements, ValidationAndStorage) {
  for (const char* service : {"azure", "m365", "d365", "other"}) {
    const auto requirements = DefaultRequirements(service);
    EXPECT_TRUE(ValidateRequirements(requirements)) << service;
    const auto decoded = DecodeRequirements(EncodeRequirements(requirements));
    ASSERT_TRUE(decoded) << service;
    EXPECT_EQ(EncodeRequirements(*decoded), EncodeRequirements(requirements)) << service;
    EXPECT_EQ(decoded->fields.size(), requirements.fields.size());
  }
  ServiceRequirements bad;
  bad.fields.push_back({"Bad Name", "", FieldRequirement::Format::kText, {}, "", true});
  bad.checklist.push_back({"same", "One", {Category::kTechnical}});
  bad.checklist.push_back({"same", "Two", {Category::kTechnical}});
  const auto status = ValidateRequirements(bad);
  ASSERT_FALSE(status);
  std::string fields;
  for (const auto& e : status.error().fields) fields += e.field + " ";
  EXPECT_EQ(fields, "fields[0].name fields[0].label fields[0].customer_subscription checklist[1].key ");
  EXPECT_TRUE(DecodeRequirements("")->fields.empty());
  EXPECT_FALSE(DecodeRequirements("x\x1f" "y"));
}

}  // namespace
}  // namespace tierdesk::core
