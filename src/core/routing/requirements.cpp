#include "core/routing/requirements.hpp"

#include <algorithm>
#include <set>

#include "core/common/enum_names.hpp"
#include "core/common/text.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<FieldRequirement::Format, 4> kFormatNames{{{
    {FieldRequirement::Format::kText, "text"},
    {FieldRequirement::Format::kGuid, "guid"},
    {FieldRequirement::Format::kDomain, "domain"},
    {FieldRequirement::Format::kUrl, "url"},
}}};

bool AppliesTo(const std::vector<Category>& categories, Category category) {
  return categories.empty() || std::find(categories.begin(), categories.end(), category) != categories.end();
}

// https://host[:port][/path], host a domain name.
bool IsHttpsUrl(std::string_view text) {
  constexpr std::string_view kScheme = "https://";
  if (text.size() > 2000 || text.substr(0, kScheme.size()) != kScheme) return false;
  text.remove_prefix(kScheme.size());
  const auto end = text.find_first_of(":/?#");
  return IsDomainName(text.substr(0, end));
}

bool Matches(FieldRequirement::Format format, std::string_view value) {
  switch (format) {
    case FieldRequirement::Format::kText: return !TrimAscii(value).empty();
    case FieldRequirement::Format::kGuid: return IsGuid(value);
    case FieldRequirement::Format::kDomain: return IsDomainName(ToLowerAscii(value));
    case FieldRequirement::Format::kUrl: return IsHttpsUrl(ToLowerAscii(value));
  }
  return false;
}

std::string_view Expected(FieldRequirement::Format format) {
  switch (format) {
    case FieldRequirement::Format::kText: return "must not be blank";
    case FieldRequirement::Format::kGuid: return "must be a GUID such as 6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182";
    case FieldRequirement::Format::kDomain: return "must be a domain name such as contoso.onmicrosoft.com";
    case FieldRequirement::Format::kUrl: return "must be an https URL such as https://contoso.crm5.dynamics.com";
  }
  return "is not valid";
}

FieldRequirement Field(std::string name, std::string label, FieldRequirement::Format format,
                       std::vector<Category> categories, std::string group = {}, bool customer_subscription = false) {
  return {std::move(name), std::move(label), format, std::move(categories), std::move(group), customer_subscription};
}

}  // namespace

std::string_view ToString(FieldRequirement::Format format) { return kFormatNames.Name(format); }
std::optional<FieldRequirement::Format> ParseFieldFormat(std::string_view text) { return kFormatNames.Parse(text); }

namespace {

ServiceRequirements BuildDefaults(std::string_view service) {
  using F = FieldRequirement::Format;
  const std::vector<Category> technical = {Category::kTechnical};
  const std::vector<Category> commercial = {Category::kBilling, Category::kSubscription};
  ServiceRequirements r;
  // Billing and subscription requests name what they are about, for every service.
  r.fields.push_back(Field("subscription_id", "Subscription ID", F::kGuid, commercial, "billing_reference", true));
  r.fields.push_back(Field("invoice_reference", "Invoice number", F::kText, commercial, "billing_reference"));
  if (service == "azure") {
    r.fields.push_back(Field("subscription_id", "Azure subscription ID", F::kGuid, technical, "", true));
    r.checklist = {{"checked_service_health", "Checked Azure service health and Resource Health", technical},
                   {"reproduced", "Reproduced the problem or saw it in the customer's portal", technical},
                   {"collected_correlation_id", "Collected the correlation or activity id of the failing operation", technical}};
  } else if (service == "m365") {
    r.fields.push_back(Field("tenant_domain", "Tenant domain", F::kDomain, technical, "tenant"));
    r.fields.push_back(Field("tenant_id", "Tenant ID", F::kGuid, technical, "tenant"));
    r.checklist = {{"checked_service_health", "Checked Microsoft 365 service health", technical},
                   {"reproduced_with_admin_rights", "Reproduced with admin rights", technical},
                   {"checked_licences", "Checked the users' licences", technical}};
  } else if (service == "d365") {
    r.fields.push_back(Field("environment_url", "Environment URL", F::kUrl, technical));
    r.checklist = {{"checked_service_health", "Checked Dynamics 365 service health", technical},
                   {"reproduced", "Reproduced in the customer's environment", technical}};
  }
  r.checklist.push_back({"checked_invoice", "Compared the charge with the invoice and the price list", commercial});
  return r;
}

// Built once, at start-up: every ticket creation reads a service's requirements.
const ServiceRequirements kAzureDefaults = BuildDefaults("azure");
const ServiceRequirements kM365Defaults = BuildDefaults("m365");
const ServiceRequirements kD365Defaults = BuildDefaults("d365");
const ServiceRequirements kOtherDefaults = BuildDefaults("");

}  // namespace

const ServiceRequirements& DefaultRequirements(std::string_view service) {
  if (service == "azure") return kAzureDefaults;
  if (service == "m365") return kM365Defaults;
  if (service == "d365") return kD365Defaults;
  return kOtherDefaults;
}

Status ValidateRequirements(const ServiceRequirements& r) {
  std::vector<FieldError> errors;
  if (r.fields.size() > 50) errors.push_back({"fields", "at most 50"});
  if (r.checklist.size() > 50) errors.push_back({"checklist", "at most 50"});
  const auto text_ok = [](const std::string& text) {
    return !TrimAscii(text).empty() && text.size() <= 200 && IsValidUtf8(text) &&
           HasNoControlCharacters(text, AllowNewlines::kNo);
  };
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    const auto& f = r.fields[i];
    const std::string at = "fields[" + std::to_string(i) + "].";
    if (!IsFieldName(f.name)) errors.push_back({at + "name", "is 1 to 64 of a-z 0-9 _, starting with a letter"});
    if (!text_ok(f.label)) errors.push_back({at + "label", "is 1 to 200 characters, one line"});
    if (!f.group.empty() && !IsFieldName(f.group)) errors.push_back({at + "group", "is 1 to 64 of a-z 0-9 _"});
    if (f.customer_subscription && f.format != FieldRequirement::Format::kGuid) {
      errors.push_back({at + "customer_subscription", "applies to GUID fields only"});
    }
  }
  std::set<std::string> keys;
  for (std::size_t i = 0; i < r.checklist.size(); ++i) {
    const auto& item = r.checklist[i];
    const std::string at = "checklist[" + std::to_string(i) + "].";
    if (!IsFieldName(item.key)) errors.push_back({at + "key", "is 1 to 64 of a-z 0-9 _, starting with a letter"});
    if (!text_ok(item.text)) errors.push_back({at + "text", "is 1 to 200 characters, one line"});
    for (const auto category : item.categories) {
      // The same key may serve different categories, never the same one twice.
      if (!keys.insert(item.key + "/" + std::string(ToString(category))).second) {
        errors.push_back({at + "key", "is used twice for " + std::string(ToString(category))});
      }
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the requirements are not valid", std::move(errors)));
  return Ok();
}

std::vector<const FieldRequirement*> FieldsFor(const ServiceRequirements& r, Category category) {
  std::vector<const FieldRequirement*> out;
  for (const auto& f : r.fields) {
    if (AppliesTo(f.categories, category)) out.push_back(&f);
  }
  return out;
}

std::vector<const ChecklistItem*> ChecklistFor(const ServiceRequirements& r, Category category) {
  std::vector<const ChecklistItem*> out;
  for (const auto& item : r.checklist) {
    if (AppliesTo(item.categories, category)) out.push_back(&item);
  }
  return out;
}

std::vector<FieldError> CheckFieldValues(const ServiceRequirements& r, Category category, const TicketFields& fields,
                                         const std::vector<std::string>& customer_subscriptions) {
  std::vector<FieldError> errors;
  for (const auto* f : FieldsFor(r, category)) {
    const auto it = fields.find(f->name);
    if (it == fields.end() || TrimAscii(it->second).empty()) continue;  // absent: MissingFields says so
    if (!Matches(f->format, it->second)) {
      errors.push_back({"fields." + f->name, std::string(Expected(f->format))});
    } else if (f->customer_subscription && !customer_subscriptions.empty() &&
               std::find(customer_subscriptions.begin(), customer_subscriptions.end(), ToLowerAscii(it->second)) ==
                   customer_subscriptions.end()) {
      errors.push_back({"fields." + f->name, "is not a subscription of this customer"});
    }
  }
  return errors;
}

std::vector<MissingField> MissingRequired(const ServiceRequirements& r, Category category, const TicketFields& fields) {
  const auto present = [&](const std::string& name) {
    const auto it = fields.find(name);
    return it != fields.end() && !TrimAscii(it->second).empty();
  };
  const auto applicable = FieldsFor(r, category);
  std::vector<MissingField> missing;
  std::set<std::string> groups_reported;
  for (const auto* f : applicable) {
    if (present(f->name)) continue;
    if (f->group.empty()) {
      missing.push_back({f->name, f->label});
      continue;
    }
    const bool satisfied = std::any_of(applicable.begin(), applicable.end(), [&](const FieldRequirement* other) {
      return other->group == f->group && present(other->name);
    });
    if (satisfied || !groups_reported.insert(f->group).second) continue;
    std::string labels;
    for (const auto* other : applicable) {
      if (other->group != f->group) continue;
      labels += (labels.empty() ? "" : " or ") + other->label;
    }
    missing.push_back({f->name, labels});
  }
  return missing;
}

std::vector<FieldError> MissingFields(const ServiceRequirements& r, Category category, const TicketFields& fields) {
  std::vector<FieldError> errors;
  for (auto& m : MissingRequired(r, category, fields)) errors.push_back({"fields." + m.field, m.label + " is required"});
  return errors;
}

namespace {

constexpr char kUnit = '\x1f';
constexpr char kRecord = '\x1e';

std::string Categories(const std::vector<Category>& categories) {
  std::string out;
  for (const auto c : categories) out += (out.empty() ? "" : ",") + std::string(ToString(c));
  return out;
}

std::optional<std::vector<Category>> ParseCategories(std::string_view text) {
  std::vector<Category> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto category = ParseCategory(text.substr(0, comma));
    if (!category) return std::nullopt;
    out.push_back(*category);
    text.remove_prefix(comma == std::string_view::npos ? text.size() : comma + 1);
  }
  return out;
}

}  // namespace

std::string EncodeRequirements(const ServiceRequirements& r) {
  std::string out;
  const auto record = [&](std::initializer_list<std::string_view> parts) {
    if (!out.empty()) out += kRecord;
    bool first = true;
    for (const auto part : parts) {
      if (!first) out += kUnit;
      out += part;
      first = false;
    }
  };
  for (const auto& f : r.fields) {
    record({"f", f.name, f.label, ToString(f.format), Categories(f.categories), f.group, f.customer_subscription ? "1" : "0"});
  }
  for (const auto& item : r.checklist) record({"c", item.key, item.text, Categories(item.categories)});
  return out;
}

Result<ServiceRequirements> DecodeRequirements(std::string_view text) {
  ServiceRequirements r;
  if (text.empty()) return r;
  for (const auto line : Split(text, kRecord)) {
    const auto parts = Split(line, kUnit);
    const auto bad = [&] { return Fail(Error::Internal("stored service requirements are not readable", std::string(line))); };
    if (parts[0] == "f" && parts.size() == 7) {
      const auto format = ParseFieldFormat(parts[3]);
      const auto categories = ParseCategories(parts[4]);
      if (!format || !categories) return bad();
      r.fields.push_back({std::string(parts[1]), std::string(parts[2]), *format, *categories, std::string(parts[5]),
                          parts[6] == "1"});
    } else if (parts[0] == "c" && parts.size() == 4) {
      const auto categories = ParseCategories(parts[3]);
      if (!categories) return bad();
      r.checklist.push_back({std::string(parts[1]), std::string(parts[2]), *categories});
    } else {
      return bad();
    }
  }
  return r;
}

}  // namespace tierdesk::core
