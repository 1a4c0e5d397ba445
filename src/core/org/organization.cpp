#include "core/org/organization.hpp"

#include <algorithm>

#include "core/common/enum_names.hpp"
#include "core/common/text.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<OrgKind, 4> kOrgKindNames{{{
    {OrgKind::kPartner, "partner"},
    {OrgKind::kReseller, "reseller"},
    {OrgKind::kCustomer, "customer"},
    {OrgKind::kProvider, "provider"},
}}};

bool IsTimeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '/' || c == '_' || c == '-' || c == '+';
  });
}

bool IsLocale(std::string_view locale) {
  if (locale.size() < 2 || locale.size() > 35) return false;
  return std::all_of(locale.begin(), locale.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

std::string_view ToString(OrgKind kind) { return kOrgKindNames.Name(kind); }
std::optional<OrgKind> ParseOrgKind(std::string_view text) { return kOrgKindNames.Parse(text); }

Status ValidateNewOrganization(NewOrganization& org) {
  std::vector<FieldError> errors;
  const auto name = TrimAscii(org.name);
  if (name.empty()) {
    errors.push_back({"name", "must not be empty"});
  } else if (CodePointCount(name) > 200) {
    errors.push_back({"name", "must be at most 200 characters"});
  } else if (!HasNoControlCharacters(name, AllowNewlines::kNo)) {
    errors.push_back({"name", "must not contain control characters"});
  }
  org.name = std::string(name);
  for (auto& domain : org.domains) {
    domain = ToLowerAscii(TrimAscii(domain));
    if (!IsDomainName(domain)) errors.push_back({"domains", "'" + domain + "' is not a domain name"});
  }
  std::sort(org.domains.begin(), org.domains.end());
  org.domains.erase(std::unique(org.domains.begin(), org.domains.end()), org.domains.end());
  if (!org.tenant_id.empty()) {
    org.tenant_id = ToLowerAscii(org.tenant_id);
    if (!IsGuid(org.tenant_id)) errors.push_back({"tenant_id", "must be a GUID"});
  }
  if (!org.country.empty()) {
    const bool ok = org.country.size() == 2 && std::all_of(org.country.begin(), org.country.end(),
                                                           [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!ok) errors.push_back({"country", "must be an ISO 3166-1 alpha-2 code such as KR"});
  }
  if (!org.locale.empty() && !IsLocale(org.locale)) {
    errors.push_back({"locale", "must be a language tag such as en or ko-KR"});
  }
  if (!org.time_zone.empty() && !IsTimeZoneName(org.time_zone)) {
    errors.push_back({"time_zone", "must be an IANA time zone name such as Asia/Seoul"});
  }
  if (org.kind != OrgKind::kCustomer && !org.tenant_id.empty()) {
    errors.push_back({"tenant_id", "only customers carry a Microsoft tenant id"});
  }
  if (org.kind == OrgKind::kPartner) {
    errors.push_back({"kind", "the partner organisation is created by 'tierdesk init'"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the organisation is not valid", errors));
  return Ok();
}

Status CheckParentKind(OrgKind child, OrgKind parent) {
  const bool ok = (child == OrgKind::kCustomer &&
                   (parent == OrgKind::kPartner || parent == OrgKind::kReseller)) ||
                  ((child == OrgKind::kReseller || child == OrgKind::kProvider) &&
                   parent == OrgKind::kPartner);
  if (!ok) {
    return Fail(Error::InvalidArgument(
        "a " + std::string(ToString(child)) + " cannot sit under a " + std::string(ToString(parent)),
        {{"parent_id", "has the wrong kind of organisation"}}));
  }
  return Ok();
}

}  // namespace tierdesk::core
