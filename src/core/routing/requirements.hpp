// core/routing/requirements.hpp
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/ticket/ticket.hpp"

namespace tierdesk::core {

// What a service needs to know about a ticket (DESIGN.md §4 Service): per category, the fields a
// ticket must carry and how each is checked, and the diagnostic checklist agents work through.
struct FieldRequirement {
  enum class Format { kText, kGuid, kDomain, kUrl };
  std::string name;   // the ticket field: subscription_id, tenant_domain, environment_url, ...
  std::string label;  // as people read it: "Azure subscription ID"
  Format format = Format::kText;
  std::vector<Category> categories;  // empty: every category
  // Fields sharing a group satisfy each other: a tenant domain or a tenant id. Empty: alone.
  std::string group;
  // A GUID that must be one of the customer's subscriptions of this service, when the customer
  // has any registered.
  bool customer_subscription = false;
};

struct ChecklistItem {
  std::string key;   // stable: checked_service_health
  std::string text;  // "Checked Microsoft 365 service health"
  std::vector<Category> categories;  // empty: every category
};

struct ServiceRequirements {
  std::vector<FieldRequirement> fields;
  std::vector<ChecklistItem> checklist;
};

// The seeded requirements of the built-in services: Azure (subscription id, a GUID of the
// customer's), Microsoft 365 (tenant domain or tenant id), Dynamics 365 (environment URL), and for
// billing and subscription requests the subscription or an invoice reference; with checklists.
const ServiceRequirements& DefaultRequirements(std::string_view service);

// Shape checks of an admin's requirements (names, labels, keys; no duplicates).
Status ValidateRequirements(const ServiceRequirements& requirements);

// The requirements that apply to a category.
std::vector<const FieldRequirement*> FieldsFor(const ServiceRequirements& requirements, Category category);
std::vector<const ChecklistItem*> ChecklistFor(const ServiceRequirements& requirements, Category category);

// Values that are present but wrong: a malformed GUID, domain or URL, or a subscription that is
// not the customer's. `customer_subscriptions` are the customer's subscription GUIDs of this
// service (lower case); empty: not known, not checked. Errors name fields.<name>.
std::vector<FieldError> CheckFieldValues(const ServiceRequirements& requirements, Category category,
                                         const TicketFields& fields,
                                         const std::vector<std::string>& customer_subscriptions);
// Required fields that are missing (a group counts as present when one of its fields is): the
// field and its label ("Tenant domain or Tenant ID" for a group).
struct MissingField {
  std::string field;
  std::string label;
};
std::vector<MissingField> MissingRequired(const ServiceRequirements& requirements, Category category,
                                          const TicketFields& fields);
// The same as errors: fields.<name> "<label> is required".
std::vector<FieldError> MissingFields(const ServiceRequirements& requirements, Category category,
                                      const TicketFields& fields);

std::string_view ToString(FieldRequirement::Format format);
std::optional<FieldRequirement::Format> ParseFieldFormat(std::string_view text);

// Storage form (the core has no JSON library).
std::string EncodeRequirements(const ServiceRequirements& requirements);
Result<ServiceRequirements> DecodeRequirements(std::string_view text);

}  // namespace tierdesk::core
