// core/policy/policy.hpp
#pragma once

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/org/organization.hpp"
#include "core/policy/visibility.hpp"
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
  // Who looks: which of a visible ticket's messages, files and events it sees is decided by
  // core/policy/visibility.hpp for this viewer (storage filters and search ask it too). The
  // default, a customer, sees only what is public.
  Viewer viewer = Viewer::kCustomer;
};
TicketScope TicketScopeFor(const Actor& actor);
// Every ticket, internal items included: for tierdesk's own background passes (SLA watch, vendor
// sync, billing), never for a request.
inline TicketScope SystemScope() { return {TicketScope::Kind::kAll, {}, {}, Viewer::kPartner}; }

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
  // The queue of cases with Microsoft across tickets: those who escalate and follow cases
  // (partner agents, supervisors, admins). Vendor work is the partner's alone, so customers,
  // providers and resellers never see it, not even for their own tickets (they see a ticket's
  // escalation in its redacted form); billing clerks do not work cases.
  kReadVendorQueue,
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

// What the store knows of a new user's (normalised) e-mail address, read in the transaction
// that inserts the user.
struct AddressFacts {
  OrgId domain_owner;       // the organisation that holds the address's domain; invalid: none
  OrgId existing_user_org;  // the organisation of the user who has the address; invalid: nobody
  bool any_domain = false;  // PartnerSettings::customer_users_any_domain
};
// May the actor give this address to a new user of target_org? Customer admins: only at one of
// their organisation's domains (with any_domain: at any domain no other organisation holds), and
// an address another tenant's user has is refused exactly like an address at a wrong domain (one
// 422, one message), so the answer never tells whether it exists elsewhere; their own
// organisation's users they can list, so a duplicate there is the usual 409 `duplicate`. Partner
// admins (the partner itself) may use any address; a taken one is 409 `duplicate`.
Status CheckUserAddress(const Actor& actor, const Organization& target_org, std::string_view email,
                        const AddressFacts& facts);

// The money behind the work that an actor may see, wherever it appears (time entries, plans, a
// ticket's out-of-scope quote). Prices are what the partner charges its customers: a plan's
// pricing and out-of-scope rate, a quote, a time entry's `price`. Costs are what a provider charges
// the partner: a contract's or a resold plan's hourly cost, a time entry's `cost`.
// - partner staff: every price and every cost;
// - reseller agents: prices (they read their customers' terms and statements), no cost;
// - provider agents: their own organisation's costs, never a price;
// - customer roles: the prices of their own terms (the only ones their routes reach), no cost.
struct MoneyView {
  bool prices = false;
  bool all_costs = false;
  OrgId own_costs;  // valid: the costs of this organisation (a provider's own)

  bool MaySeeCost(OrgId owner) const { return all_costs || (own_costs.valid() && owner == own_costs); }
};
MoneyView MoneyViewFor(const Actor& actor);

}  // namespace tierdesk::core
