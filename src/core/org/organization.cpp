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

// ISO 3166-1 alpha-2, every assigned code (as the tz database's iso3166.tab lists them).
constexpr std::string_view kCountryCodes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV "
    "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES "
    "ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE "
    "IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY "
    "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU "
    "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM "
    "SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE "
    "VG VI VN VU WF WS YE YT ZA ZM ZW";

bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string ToUpper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Checks and normalises the fields every organisation has; `errors` names the API fields.
void CheckProfile(OrgKind kind, std::string& name, std::vector<std::string>& domains, std::string& tenant_id,
                  std::string& country, std::string& locale, std::string& time_zone,
                  std::vector<FieldError>& errors) {
  name = std::string(TrimAscii(name));
  if (name.empty()) {
    errors.push_back({"name", "must not be empty"});
  } else if (!IsValidUtf8(name)) {
    errors.push_back({"name", "must be UTF-8"});
  } else if (CodePointCount(name) > 200) {
    errors.push_back({"name", "must be at most 200 characters"});
  } else if (!HasNoControlCharacters(name, AllowNewlines::kNo)) {
    errors.push_back({"name", "must not contain control characters"});
  }
  if (domains.size() > 100) errors.push_back({"domains", "holds at most 100 domains"});
  for (auto& domain : domains) {
    domain = ToLowerAscii(TrimAscii(domain));
    if (!IsDomainName(domain)) errors.push_back({"domains", "'" + domain + "' is not a domain name"});
  }
  std::sort(domains.begin(), domains.end());
  domains.erase(std::unique(domains.begin(), domains.end()), domains.end());
  tenant_id = ToLowerAscii(TrimAscii(tenant_id));
  if (!tenant_id.empty() && !IsGuid(tenant_id)) {
    errors.push_back({"tenant_id", "must be a GUID such as 7f9a1b5c-6d8e-4f0a-8b3c-4e5f60718293"});
  }
  if (kind != OrgKind::kCustomer && !tenant_id.empty()) {
    errors.push_back({"tenant_id", "only customers carry a Microsoft tenant id"});
  }
  country = ToUpper(TrimAscii(country));
  if (!country.empty() && !IsCountryCode(country)) {
    errors.push_back({"country", "must be an ISO 3166-1 alpha-2 code such as KR"});
  }
  locale = std::string(TrimAscii(locale));
  if (!locale.empty() && !IsLanguageTag(locale)) {
    errors.push_back({"locale", "must be a language tag such as en or ko-KR"});
  }
  time_zone = std::string(TrimAscii(time_zone));
  if (!time_zone.empty() && !IsTimeZoneName(time_zone)) {
    errors.push_back({"time_zone", "must be an IANA time zone name such as Asia/Seoul"});
  }
}

std::string JoinDomains(const std::vector<std::string>& domains) {
  std::string out;
  for (const auto& domain : domains) out += (out.empty() ? "" : ",") + domain;
  return out;
}

}  // namespace

std::string_view ToString(OrgKind kind) { return kOrgKindNames.Name(kind); }
std::optional<OrgKind> ParseOrgKind(std::string_view text) { return kOrgKindNames.Parse(text); }

Status ValidateNewOrganization(NewOrganization& org) {
  std::vector<FieldError> errors;
  CheckProfile(org.kind, org.name, org.domains, org.tenant_id, org.country, org.locale, org.time_zone, errors);
  if (org.kind == OrgKind::kPartner) {
    errors.push_back({"kind", "the partner organisation is created by 'tierdesk init'"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the organisation is not valid", errors));
  return Ok();
}

bool IsCountryCode(std::string_view code) {
  if (code.size() != 2 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return false;
  }
  for (std::size_t at = 0; at + 2 <= kCountryCodes.size(); at += 3) {
    if (kCountryCodes.substr(at, 2) == code) return true;
  }
  return false;
}

bool IsLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 35) return false;
  std::size_t index = 0;
  while (!tag.empty()) {
    const auto dash = tag.find('-');
    const std::string_view part = tag.substr(0, dash);
    if (part.empty() || part.size() > 8 || !std::all_of(part.begin(), part.end(), [](char c) { return IsAlpha(c) || IsDigit(c); })) {
      return false;
    }
    // The first subtag is the language: two or three letters.
    if (index == 0 && (part.size() < 2 || part.size() > 3 || !std::all_of(part.begin(), part.end(), IsAlpha))) {
      return false;
    }
    ++index;
    if (dash == std::string_view::npos) break;
    tag.remove_prefix(dash + 1);
    if (tag.empty()) return false;  // a trailing '-'
  }
  return true;
}

bool IsTimeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/' ||
      name.find("..") != std::string_view::npos || name.find("//") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return IsAlpha(c) || IsDigit(c) || c == '/' || c == '_' || c == '-' || c == '+';
  });
}

Result<std::vector<OrganizationChange>> ApplyOrganizationPatch(Organization& org, OrganizationPatch patch,
                                                               Timestamp now) {
  Organization next = org;
  if (patch.name) next.name = *patch.name;
  if (patch.domains) next.domains = *patch.domains;
  if (patch.tenant_id) next.tenant_id = *patch.tenant_id;
  if (patch.country) next.country = *patch.country;
  if (patch.locale) next.locale = *patch.locale;
  if (patch.time_zone) next.time_zone = *patch.time_zone;
  std::vector<FieldError> errors;
  CheckProfile(next.kind, next.name, next.domains, next.tenant_id, next.country, next.locale, next.time_zone, errors);
  if (patch.parent_id && *patch.parent_id != org.parent_id) {
    if (org.kind != OrgKind::kCustomer) {
      errors.push_back({"parent_id", "only customers move between the partner and a reseller"});
    } else if (!patch.parent_id->valid()) {
      errors.push_back({"parent_id", "a customer sits under the partner or a reseller"});
    } else {
      next.parent_id = *patch.parent_id;
    }
  }
  if (patch.active) {
    if (org.kind == OrgKind::kPartner && !*patch.active) {
      errors.push_back({"active", "the partner organisation is never deactivated"});
    } else if (*patch.active) {
      next.deactivated_at.reset();
    } else if (!org.deactivated_at) {
      next.deactivated_at = now;
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the change is not valid", std::move(errors)));
  std::vector<OrganizationChange> changes;
  const auto note = [&](std::string field, const std::string& before, const std::string& after) {
    if (before != after) changes.push_back({std::move(field), before, after});
  };
  note("name", org.name, next.name);
  note("domains", JoinDomains(org.domains), JoinDomains(next.domains));
  note("tenant_id", org.tenant_id, next.tenant_id);
  note("country", org.country, next.country);
  note("locale", org.locale, next.locale);
  note("time_zone", org.time_zone, next.time_zone);
  note("parent_id", org.parent_id.valid() ? std::to_string(org.parent_id.value) : "",
       next.parent_id.valid() ? std::to_string(next.parent_id.value) : "");
  note("active", org.active() ? "true" : "false", next.active() ? "true" : "false");
  org = std::move(next);
  return changes;
}

Status CheckOrganizationActive(const Organization& org) {
  if (org.active()) return Ok();
  return Fail(Error::Conflict("the organisation " + org.name + " is deactivated; it opens no new tickets",
                              "organization-deactivated"));
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
