// core/org/organization.hpp
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tierdesk::core {

// partner: the one operator of this tierdesk; reseller: a two-tier CSP indirect reseller under
// the partner; customer: under the partner or a reseller; provider: an outsourced support entity.
enum class OrgKind { kPartner, kReseller, kCustomer, kProvider };
std::string_view ToString(OrgKind kind);
std::optional<OrgKind> ParseOrgKind(std::string_view text);

struct Organization {
  OrgId id;
  OrgKind kind = OrgKind::kCustomer;
  std::string name;
  OrgId parent_id;                   // customers: partner or reseller; resellers/providers: partner
  std::vector<std::string> domains;  // e-mail domains, lower case, for mail routing
  std::string tenant_id;             // Microsoft Entra tenant id (GUID), customers only
  std::string country;               // ISO 3166-1 alpha-2
  std::string locale;                // BCP 47, e.g. "en", "ko-KR"
  std::string time_zone;             // IANA name
  Timestamp created_at;
  std::int64_t version = 1;                 // bumped by every change; the ETag
  std::optional<Timestamp> deactivated_at = {};  // set: deactivated (no sign-in, no new tickets)

  bool active() const { return !deactivated_at.has_value(); }
};

// What a caller asks for; validated by ValidateNewOrganization.
struct NewOrganization {
  OrgKind kind = OrgKind::kCustomer;
  std::string name;
  std::optional<OrgId> parent_id;
  std::vector<std::string> domains;
  std::string tenant_id;
  std::string country;
  std::string locale;
  std::string time_zone;
};

// Checks field shapes and normalises (trims the name, lower-cases domains and tenant id,
// upper-cases the country). The parent's kind is checked by CheckParentKind, which needs the
// parent loaded; whether the time zone is in the tz database, by the use case (the database lives
// outside the core).
Status ValidateNewOrganization(NewOrganization& org);
Status CheckParentKind(OrgKind child, OrgKind parent);

// The shapes of the fields an organisation and its patches share. `errors` names the API fields.
bool IsCountryCode(std::string_view code);  // an assigned ISO 3166-1 alpha-2 code, in capitals
bool IsLanguageTag(std::string_view tag);   // BCP 47 shape: language[-script][-region][-variant]...
bool IsTimeZoneName(std::string_view name);  // IANA shape; the tz database decides whether it exists

// A partial change of an organisation (PATCH /organizations/{id}). An engaged optional changes the
// field; an empty string clears an optional text. Only a customer moves (parent_id: the partner or
// a reseller); the partner is never deactivated.
struct OrganizationPatch {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> domains;  // replaces the list
  std::optional<std::string> tenant_id;
  std::optional<std::string> country;
  std::optional<std::string> locale;
  std::optional<std::string> time_zone;
  std::optional<OrgId> parent_id;
  std::optional<bool> active;

  bool empty() const {
    return !name && !domains && !tenant_id && !country && !locale && !time_zone && !parent_id && !active;
  }
};

// One changed field, for the audit event.
struct OrganizationChange {
  std::string field;
  std::string before;
  std::string after;
};

// Applies and validates a patch (shapes as ValidateNewOrganization; the new parent's kind is the
// caller's to check with CheckParentKind); `now` stamps a deactivation. Returns what changed,
// possibly nothing; on kInvalidArgument the organisation is untouched.
Result<std::vector<OrganizationChange>> ApplyOrganizationPatch(Organization& org, OrganizationPatch patch,
                                                               Timestamp now);

// New tickets are refused for a deactivated customer: kConflict, type organization-deactivated.
Status CheckOrganizationActive(const Organization& org);

}  // namespace tierdesk::core
