#include "core/policy/policy.hpp"

namespace tierdesk::core {

TicketScope TicketScopeFor(const Actor& actor) {
  TicketScope scope;
  scope.org = actor.org_id;
  scope.user = actor.user_id;
  scope.viewer = ViewerFor(actor.role);
  switch (actor.role) {
    case Role::kRequester: scope.kind = TicketScope::Kind::kRequester; break;
    case Role::kCustomerAdmin: scope.kind = TicketScope::Kind::kCustomer; break;
    case Role::kResellerAgent: scope.kind = TicketScope::Kind::kReseller; break;
    case Role::kProviderAgent: scope.kind = TicketScope::Kind::kProvider; break;
    case Role::kAgent:
    case Role::kSupervisor:
    case Role::kAdmin:
    case Role::kBilling: scope.kind = TicketScope::Kind::kAll; break;
  }
  return scope;
}

OrgScope OrgScopeFor(const Actor& actor) {
  if (IsPartnerStaff(actor.role)) return {OrgScope::Kind::kAll, actor.org_id};
  if (actor.role == Role::kResellerAgent) return {OrgScope::Kind::kSelfAndChildren, actor.org_id};
  return {OrgScope::Kind::kSelf, actor.org_id};
}

bool OrgInScope(const OrgScope& scope, const Organization& org) {
  switch (scope.kind) {
    case OrgScope::Kind::kAll: return true;
    case OrgScope::Kind::kSelfAndChildren: return org.id == scope.org || org.parent_id == scope.org;
    case OrgScope::Kind::kSelf: return org.id == scope.org;
  }
  return false;
}

UserScope UserScopeFor(const Actor& actor) {
  UserScope scope{OrgScopeFor(actor), {}};
  if (actor.role == Role::kRequester) scope.only_user = actor.user_id;
  return scope;
}

bool Allows(Role role, Action action) {
  switch (action) {
    case Action::kCreateTicket:
      return role != Role::kBilling && role != Role::kProviderAgent;
    case Action::kUpdateTicket:
    case Action::kPostPublicMessage:
    case Action::kUploadAttachment:
      return role != Role::kBilling;
    case Action::kPostInternalNote:
      return !IsCustomerRole(role) && role != Role::kBilling;
    case Action::kManageOrganizations:
      return role == Role::kAdmin;
    case Action::kManageUsers:
      return role == Role::kAdmin || role == Role::kCustomerAdmin;
    case Action::kManageTeams:
    case Action::kManageServices:
      return role == Role::kAdmin || role == Role::kSupervisor;
    case Action::kManageSubscriptions:
      return role == Role::kAdmin || role == Role::kAgent || role == Role::kSupervisor;
    case Action::kReadDirectory:
      return !IsCustomerRole(role);
    case Action::kManagePlans:
      return role == Role::kAdmin;
    case Action::kManageRules:
      return role == Role::kAdmin || role == Role::kSupervisor;
    case Action::kReadRules:
      return role == Role::kAdmin || role == Role::kSupervisor || role == Role::kAgent;
    case Action::kManageCalendars:
      return role == Role::kAdmin || role == Role::kSupervisor;
    case Action::kReadAuditLog:
    case Action::kReadReports:
      return role == Role::kAdmin || role == Role::kSupervisor;
    case Action::kManageProviders:
      return role == Role::kAdmin;
    case Action::kReadProviders:
      return IsPartnerStaff(role);
    case Action::kLogTime:
      return !IsCustomerRole(role) && role != Role::kBilling;
    case Action::kEscalateInternally:
    case Action::kSetAvailability:
    case Action::kEscalateToVendor:
    case Action::kReadVendorQueue:
      return role == Role::kAgent || role == Role::kSupervisor || role == Role::kAdmin;
    case Action::kManageEntitlements:
      return role == Role::kAdmin;
    case Action::kReadEntitlements:
      return IsPartnerStaff(role);
    case Action::kReadBilling:
      return role == Role::kAdmin || role == Role::kSupervisor || role == Role::kBilling;
    case Action::kCloseBilling:
      return role == Role::kAdmin || role == Role::kBilling;
    case Action::kReadOwnUsage:
      return role == Role::kCustomerAdmin;
  }
  return false;
}

Status Require(const Actor& actor, Action action) {
  if (Allows(actor.role, action)) return Ok();
  return Fail(Error::PermissionDenied("the role " + std::string(ToString(actor.role)) +
                                      " may not do this"));
}

Status CheckCreateTicketFor(const Actor& actor, const Organization& customer) {
  TD_CHECK(Require(actor, Action::kCreateTicket));
  if (customer.kind != OrgKind::kCustomer) {
    return Fail(Error::InvalidArgument("tickets belong to customers",
                                       {{"customer_id", "is not a customer"}}));
  }
  if (IsCustomerRole(actor.role) && customer.id != actor.org_id) {
    return Fail(Error::NotFound("customer"));
  }
  if (actor.role == Role::kResellerAgent && customer.parent_id != actor.org_id) {
    return Fail(Error::NotFound("customer"));
  }
  return Ok();
}

Status CheckPatchAllowed(const Actor& actor, const TicketPatch& patch) {
  TD_CHECK(Require(actor, Action::kUpdateTicket));
  if (IsCustomerRole(actor.role)) {
    const bool only_status = patch.status && !patch.severity && !patch.category && !patch.subject &&
                             !patch.team_id && !patch.assignee_id && !patch.provider_id && !patch.tags &&
                             !patch.fields;
    const bool allowed_status = patch.status && (*patch.status == TicketStatus::kResolved ||
                                                 *patch.status == TicketStatus::kOpen);
    if (!only_status || !allowed_status) {
      return Fail(Error::PermissionDenied(
          "customers may only mark their ticket resolved or reopen it"));
    }
  }
  if ((actor.role == Role::kProviderAgent || actor.role == Role::kResellerAgent) && patch.team_id) {
    return Fail(Error::PermissionDenied("only the partner assigns its teams"));
  }
  if (!IsPartnerStaff(actor.role) && patch.provider_id) {
    return Fail(Error::PermissionDenied("only the partner routes tickets to providers"));
  }
  return Ok();
}

Status CheckUserAddress(const Actor& actor, const Organization& target_org, std::string_view email,
                        const AddressFacts& facts) {
  auto taken = [] {
    Error error = Error::Conflict("a user with this e-mail address exists already", "duplicate");
    error.fields = {{"email", "is taken"}};
    return Fail(std::move(error));
  };
  if (actor.role != Role::kCustomerAdmin) {
    if (facts.existing_user_org.valid()) return taken();
    return Ok();
  }
  if (facts.existing_user_org.valid() && facts.existing_user_org == target_org.id) return taken();
  const auto at = email.rfind('@');
  const std::string_view domain = at == std::string_view::npos ? std::string_view() : email.substr(at + 1);
  bool allowed = false;
  for (const auto& own : target_org.domains) allowed = allowed || own == domain;
  if (!allowed && facts.any_domain) allowed = !facts.domain_owner.valid() || facts.domain_owner == target_org.id;
  if (!allowed || facts.existing_user_org.valid()) {
    // One answer for every refused address: a wrong domain, another organisation's domain, and an
    // address some other tenant's user has all read the same.
    return Fail(Error::InvalidArgument(
        "this e-mail address is not available for a user of this organisation",
        {{"email", "is not available here; use another address at one of the organisation's domains"}}));
  }
  return Ok();
}

Status CheckCreateUser(const Actor& actor, const Organization& target_org, Role role) {
  TD_CHECK(Require(actor, Action::kManageUsers));
  if (actor.role == Role::kCustomerAdmin) {
    if (target_org.id != actor.org_id) return Fail(Error::NotFound("organization"));
    if (!IsCustomerRole(role)) {
      return Fail(Error::PermissionDenied("a customer admin may add only customer users"));
    }
  }
  if (!RoleFitsOrgKind(role, target_org.kind)) {
    return Fail(Error::InvalidArgument(
        "the role " + std::string(ToString(role)) + " does not belong in a " +
            std::string(ToString(target_org.kind)),
        {{"role", "does not fit the organisation's kind"}}));
  }
  return Ok();
}

MoneyView MoneyViewFor(const Actor& actor) {
  MoneyView view;
  switch (actor.role) {
    case Role::kAgent:
    case Role::kSupervisor:
    case Role::kAdmin:
    case Role::kBilling:
      view.prices = true;
      view.all_costs = true;
      break;
    case Role::kResellerAgent:
    case Role::kRequester:
    case Role::kCustomerAdmin:
      view.prices = true;
      break;
    case Role::kProviderAgent:
      view.own_costs = actor.org_id;
      break;
  }
  return view;
}

}  // namespace tierdesk::core
