#include "core/user/user.hpp"

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

Status ValidateNewUser(NewUser& user) {
  std::vector<FieldError> errors;
  user.email = ToLowerAscii(TrimAscii(user.email));
  if (!LooksLikeEmail(user.email)) errors.push_back({"email", "must be an e-mail address"});
  const auto name = TrimAscii(user.name);
  if (name.empty()) {
    errors.push_back({"name", "must not be empty"});
  } else if (CodePointCount(name) > 200 || !HasNoControlCharacters(name, AllowNewlines::kNo)) {
    errors.push_back({"name", "must be at most 200 characters, without control characters"});
  }
  user.name = std::string(name);
  if (!user.password.empty()) {
    if (auto password = CheckPassword(user.password, user.email); !password) {
      for (auto& field : password.error().fields) errors.push_back(std::move(field));
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the user is not valid", errors));
  return Ok();
}

}  // namespace tierdesk::core
