// core/policy/policy.hpp
#pragma once

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/org/organization.hpp"
#include "core/ticket/ticket.hpp"
#include "core/user/user.hpp"

namespace tierdesk::core {

// The authenticated caller. Every use case runs for one.
struct Actor {
  UserId user_id;
  OrgId org_id;
  OrgKind org_kind = OrgKind::kCustomer;
  Role role = Role::kRequester;
};

// The slice of tickets an actor may see. It is derived from the actor alone (never from request
// input) and the storage adapters turn it into one WHERE clause, so every read is scoped in
// one place.
struct TicketScope {
  enum class Kind {
    kAll,           // partner staff
    kCustomer,      // customer admin: customer_id = org
    kRequester,     // requester: requester_id = user
    kReseller,      // reseller agent: reseller_id = org
    kProvider,      // provider agent: provider_id = org
  };
  Kind kind = Kind::kRequester;
  OrgId org;
  UserId user;
  // Whether internal notes (and their events and attachments) are visible.
  bool include_internal = false;
  // Provider agents: of the internal items only those shared with the provider or made by its
  // own people (shared notes, its own notes, their events and attachments).
  bool shared_internal = false;
};
TicketScope TicketScopeFor(const Actor& actor);
// Every ticket, internal items included: for tierdesk's own background passes (SLA watch, vendor
// sync, billing), never for a request.
inline TicketScope SystemScope() { return {TicketScope::Kind::kAll, {}, {}, true, false}; }

// The organisations an actor may see.
struct OrgScope {
  enum class Kind { kAll, kSelfAndChildren, kSelf };
  Kind kind = Kind::kSelf;
  OrgId org;
};
OrgScope OrgScopeFor(const Actor& actor);
bool OrgInScope(const OrgScope& scope, const Organization& org);

// The users an actor may see: partner staff all; resellers their organisation and their
// customers'; customer admins and provider agents their organisation; requesters themselves.
struct UserScope {
  OrgScope orgs;
  UserId only_user;  // valid: just this user (requesters)
};
UserScope UserScopeFor(const Actor& actor);

enum class Action {
  kCreateTicket,
  kUpdateTicket,
  kPostPublicMessage,
  kPostInternalNote,
  kUploadAttachment,
  kManageOrganizations,
  kManageUsers,
  kManageTeams,
  kManageServices,
  kManageSubscriptions,
  kReadDirectory,  // teams, services
  kReadAuditLog,   // the whole history, every tenant
  kManageCalendars,
  kManagePlans,
  kManageRules,  // routing rules: admins and supervisors
  kReadRules,    // partner staff (not billing)
  kManageProviders,   // providers' contracts (underpinning targets, cost rate): admins
  kReadProviders,     // partner staff
  kLogTime,           // time worked on a ticket: whoever works tickets
  kEscalateInternally,  // L1 -> L2 -> L3: partner agents, supervisors, admins
  kReadReports,       // supervisors and admins
  kSetAvailability,   // away and shift of an agent: the agent, supervisors and admins
  kManageEntitlements,  // vendor entitlements and competencies: admins
  kReadEntitlements,    // partner staff
  kEscalateToVendor,    // escalation options and vendor cases: partner agents, supervisors, admins
  kReadBilling,         // every customer's charges, costs and margins: admins, supervisors, billing clerks
  kCloseBilling,        // closing periods, prepaid blocks, corrections after a close: admins, billing clerks
  kReadOwnUsage,        // a customer's own usage and charges so far: customer admins
};
bool Allows(Role role, Action action);
Status Require(const Actor& actor, Action action);

// May the actor open a ticket for this customer? Customers: their own organisation; partner
// staff (not billing): any customer; reseller agents: their own customers.
Status CheckCreateTicketFor(const Actor& actor, const Organization& customer);

// Which attributes the actor may change. Customer roles may only mark their ticket resolved
// (or reopen it); provider and reseller agents may not move a ticket between partner teams or
// route it to a provider.
Status CheckPatchAllowed(const Actor& actor, const TicketPatch& patch);

// May the actor create a user with this role in this organisation?
Status CheckCreateUser(const Actor& actor, const Organization& target_org, Role role);

}  // namespace tierdesk::core
