#include "core/user/user.hpp"

#include <algorithm>

#include "core/common/enum_names.hpp"
#include "core/common/text.hpp"
#include "core/user/password.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<Role, 8> kRoleNames{{{
    {Role::kRequester, "requester"},
    {Role::kCustomerAdmin, "customer_admin"},
    {Role::kAgent, "agent"},
    {Role::kSupervisor, "supervisor"},
    {Role::kAdmin, "admin"},
    {Role::kBilling, "billing"},
    {Role::kProviderAgent, "provider_agent"},
    {Role::kResellerAgent, "reseller_agent"},
}}};

}  // namespace

std::string_view ToString(Role role) { return kRoleNames.Name(role); }
std::optional<Role> ParseRole(std::string_view text) { return kRoleNames.Parse(text); }

bool IsCustomerRole(Role role) { return role == Role::kRequester || role == Role::kCustomerAdmin; }

bool IsPartnerStaff(Role role) {
  return role == Role::kAgent || role == Role::kSupervisor || role == Role::kAdmin ||
         role == Role::kBilling;
}

bool RoleFitsOrgKind(Role role, OrgKind kind) {
  switch (role) {
    case Role::kRequester:
    case Role::kCustomerAdmin: return kind == OrgKind::kCustomer;
    case Role::kProviderAgent: return kind == OrgKind::kProvider;
    case Role::kResellerAgent: return kind == OrgKind::kReseller;
    case Role::kAgent:
    case Role::kSupervisor:
    case Role::kAdmin:
    case Role::kBilling: return kind == OrgKind::kPartner;
  }
  return false;
}

namespace {

void CheckEmail(std::string& email, std::vector<FieldError>& errors) {
  email = ToLowerAscii(TrimAscii(email));
  if (email.size() > 254 || !LooksLikeEmail(email)) errors.push_back({"email", "must be an e-mail address"});
}

void CheckName(std::string& text, std::vector<FieldError>& errors) {
  const auto name = TrimAscii(text);
  if (name.empty()) {
    errors.push_back({"name", "must not be empty"});
  } else if (CodePointCount(name) > 200 || !HasNoControlCharacters(name, AllowNewlines::kNo)) {
    errors.push_back({"name", "must be at most 200 characters, without control characters"});
  }
  text = std::string(name);
}

}  // namespace

Status ValidateUserPatch(UserPatch& patch) {
  std::vector<FieldError> errors;
  if (patch.empty()) return Fail(Error::InvalidArgument("the patch changes nothing"));
  if (patch.email) CheckEmail(*patch.email, errors);
  if (patch.name) CheckName(*patch.name, errors);
  if (patch.teams) {
    auto& teams = *patch.teams;
    if (teams.size() > 100) errors.push_back({"teams", "must list at most 100 teams"});
    std::sort(teams.begin(), teams.end());
    teams.erase(std::unique(teams.begin(), teams.end()), teams.end());
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the change is not valid", errors));
  return Ok();
}

Status ValidateNewUser(NewUser& user) {
  std::vector<FieldError> errors;
  CheckEmail(user.email, errors);
  CheckName(user.name, errors);
  if (!user.password.empty()) {
    if (auto password = CheckPassword(user.password, user.email); !password) {
      for (auto& field : password.error().fields) errors.push_back(std::move(field));
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the user is not valid", errors));
  return Ok();
}

}  // namespace tierdesk::core
