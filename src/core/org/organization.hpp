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

// Checks field shapes and normalises (lower-cases domains and tenant id). The parent's kind is
// checked by CheckParentKind, which needs the parent loaded.
Status ValidateNewOrganization(NewOrganization& org);
Status CheckParentKind(OrgKind child, OrgKind parent);

}  // namespace tierdesk::core
