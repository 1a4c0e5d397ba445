// core/ports/store.hpp
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/billing/ledger.hpp"
#include "core/calendar/calendar.hpp"
#include "core/common/ids.hpp"
#include "core/common/references.hpp"
#include "core/offering/agreement.hpp"
#include "core/offering/plan.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/org/organization.hpp"
#include "core/org/partner_settings.hpp"
#include "core/org/subscription.hpp"
#include "core/policy/policy.hpp"
#include "core/routing/requirements.hpp"
#include "core/routing/rules.hpp"
#include "core/routing/work.hpp"
#include "core/ticket/message.hpp"
#include "core/ticket/ticket.hpp"
#include "core/user/user.hpp"
#include "core/vendor/entitlement.hpp"
#include "core/vendor/vendor_case.hpp"

namespace tierdesk::core {

struct Team {
  TeamId id;
  std::string name;
  std::vector<UserId> members;
  Timestamp created_at;
  Assignment assignment = Assignment::kManual;
  int tier = 0;            // 0: outside the escalation ladder; 1..3: L1..L3
  UserId last_assigned = {};  // round robin's position
};

struct Service {
  std::string code;  // azure, m365, d365, or one an admin adds
  std::string name;
  bool builtin = false;
  // What tickets for it must carry; until an admin sets them, DefaultRequirements(code).
  ServiceRequirements requirements = {};
};

// A ticked diagnostic checklist item of a ticket: who ticked it and when.
struct ChecklistMark {
  std::string key;
  UserId done_by;
  Timestamp done_at;
};

struct UserCredentials {
  User user;
  std::string password_hash;  // empty: password login disabled
  bool organization_active = true;  // false: the user's organisation is deactivated
};

// Whether a client signing in is one the user signed in from before: from this IP address, or
// with this device (the browser or program that keeps the sign-in device cookie).
struct KnownClient {
  bool address = false;
  bool device = false;
};

enum class TokenKind { kSession, kPersonal };

struct TokenRecord {
  TokenId id;
  UserId user_id;
  TokenKind kind = TokenKind::kSession;
  std::string name;
  std::string token_hash;  // hex SHA-256 of the bearer token; the token itself is never stored
  Timestamp created_at;
  std::optional<Timestamp> expires_at;
  std::optional<Timestamp> revoked_at = {};
  std::optional<Timestamp> last_used_at = {};  // coarse: refreshed at most every few minutes
};

// An admin-issued, one-time password reset (only the token's hash is stored).
struct PasswordReset {
  std::int64_t id = 0;
  UserId user_id;
  std::string token_hash;
  UserId created_by;  // invalid: the command line or the mail channel
  Timestamp created_at;
  Timestamp expires_at;
  std::optional<Timestamp> used_at;
};

// The caller behind a bearer token.
struct TokenOwner {
  User user;
  OrgKind org_kind = OrgKind::kCustomer;
  TokenId token_id = {};
  std::optional<Timestamp> last_used_at = {};
};

// kNextDue: the earliest due time of a running SLA clock first; tickets without one last.
enum class TicketSort { kCreatedDesc, kCreatedAsc, kUpdatedDesc, kUpdatedAsc, kNextDue };

// Keyset position: the sort key (ms since epoch, or the id for created order; for kNextDue the
// due time, or INT64_MAX for none) and the id.
struct PageCursor {
  std::int64_t key = 0;
  std::int64_t id = 0;
};

struct TicketQuery {
  std::optional<TicketStatus> status;
  std::optional<OrgId> customer;
  std::optional<TeamId> team;
  std::optional<UserId> assignee;
  std::optional<Severity> severity;
  std::optional<std::string> service;
  std::optional<Category> category;
  std::optional<std::string> tag;
  std::optional<Timestamp> updated_since;
  // SLA: breached (a clock is past due, or stopped or paused after its due time), or the next
  // due time of a running clock lies within [now, now + due_within].
  bool sla_breached = false;
  std::optional<std::chrono::minutes> sla_due_within;
  Timestamp now;  // for the SLA filters
  std::string text;  // full-text query over subjects and visible messages; empty: none
  TicketSort sort = TicketSort::kCreatedDesc;
  int limit = 50;    // 1..200, checked by the caller
  std::optional<PageCursor> after;
};

struct TicketPage {
  std::vector<Ticket> items;
  std::optional<PageCursor> next;
};

// A notification waiting for delivery: one per event that someone should hear about now.
struct OutboxEntry {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::string topic;  // sla.warning, sla.breached
  TicketId ticket_id;
  Timestamp created_at;
  std::optional<Timestamp> delivered_at;
  int attempts = 0;
};

struct IdempotencyRecord {
  UserId user_id;
  std::string key;
  std::string request_hash;  // hex SHA-256 of method, path and body
  std::string resource;      // "ticket" or "message"
  std::int64_t resource_id = 0;
  std::int64_t parent_id = 0;  // for messages: the ticket
  Timestamp created_at;
};

// Reads. Every ticket read takes the caller's TicketScope: an object outside it is kNotFound,
// exactly as if it did not exist. Implementations are used from one thread at a time.
class ReadTx {
 public:
  virtual ~ReadTx() = default;

  virtual Result<Organization> GetOrganization(OrgId id) = 0;
  virtual Result<std::vector<Organization>> ListOrganizations(const OrgScope& scope) = 0;
  virtual Result<std::optional<Organization>> FindPartner() = 0;
  virtual Result<std::optional<Organization>> FindOrganizationByDomain(std::string_view domain) = 0;

  virtual Result<User> GetUser(UserId id) = 0;
  virtual Result<std::optional<UserCredentials>> FindUserByEmail(std::string_view email) = 0;
  virtual Result<std::vector<User>> ListUsers(const UserScope& scope) = 0;
  // The owner of a token with this hash that is unexpired and not revoked, whose user is active
  // and whose organisation is not deactivated; else nothing. Read from the database every time
  // (no cache), so a revocation or deactivation applies to the next request.
  virtual Result<std::optional<TokenOwner>> FindToken(std::string_view token_hash, Timestamp now) = 0;
  // A user with its password hash and whether its organisation is active; kNotFound.
  virtual Result<UserCredentials> GetUserCredentials(UserId id) = 0;
  // A user's tokens that are neither revoked nor expired at `now`, newest first.
  virtual Result<std::vector<TokenRecord>> ListTokens(UserId user, Timestamp now) = 0;
  // Any token by id (revoked and expired ones too); kNotFound.
  virtual Result<TokenRecord> GetToken(TokenId id) = 0;
  // The teams a user is a member of, by id.
  virtual Result<std::vector<TeamId>> ListUserTeams(UserId user) = 0;
  // The reset whose token hashes to this, used or not, expired or not.
  virtual Result<std::optional<PasswordReset>> FindPasswordReset(std::string_view token_hash) = 0;
  // What refers to a user record, other than its own credentials (tokens, known clients,
  // password resets), as "<table>.<column>" with a count, e.g. "tickets.requester_id (3)";
  // empty: nothing, the record may be deleted.
  virtual Result<std::vector<std::string>> ListUserReferences(UserId user) = 0;
  // Whether the user signed in successfully from this client address, and with the device whose
  // cookie hashes to device_hash (empty: none presented), at or after `since`.
  virtual Result<KnownClient> FindKnownClient(UserId user, std::string_view address, std::string_view device_hash,
                                              Timestamp since) = 0;

  virtual Result<std::vector<Team>> ListTeams() = 0;
  virtual Result<Team> GetTeam(TeamId id) = 0;
  // A team (its `members` left empty) with its members as users (active, away, shift), by id,
  // in one read: what automatic assignment needs on every new ticket.
  struct TeamRoster {
    Team team;
    std::vector<User> members;
  };
  virtual Result<TeamRoster> GetTeamRoster(TeamId id) = 0;
  virtual Result<std::vector<Service>> ListServices() = 0;
  virtual Result<std::optional<Service>> FindService(std::string_view code) = 0;
  virtual Result<std::vector<Subscription>> ListSubscriptions(const OrgScope& scope) = 0;
  virtual Result<Subscription> GetSubscription(SubscriptionId id) = 0;
  // A subscription's history, oldest first.
  virtual Result<std::vector<SubscriptionHistoryEntry>> ListSubscriptionHistory(SubscriptionId id) = 0;
  // What still refers to an organisation, as "<count> <what>" lines ("3 tickets", "1 user");
  // empty: nothing, it may be deleted.
  virtual Result<std::vector<std::string>> ListOrganizationReferences(OrgId id) = 0;

  virtual Result<Ticket> GetTicket(const TicketScope& scope, TicketId id) = 0;
  virtual Result<TicketPage> ListTickets(const TicketScope& scope, const TicketQuery& query) = 0;
  // Messages, events and attachments of a ticket the caller may see, each as core/policy/
  // visibility.hpp decides for scope.viewer: only the messages and files that reach it, events
  // through ViewEvent (hidden or trimmed). An attachment that does not reach the viewer is
  // kNotFound. The ticket itself is checked against the scope. ListTickets' full-text search
  // counts a hit in an internal message only where the viewer reads every message of the ticket.
  virtual Result<std::vector<Message>> ListMessages(const TicketScope& scope, TicketId id) = 0;
  virtual Result<std::vector<Event>> ListEvents(const TicketScope& scope, TicketId id) = 0;
  virtual Result<std::vector<Attachment>> ListAttachments(const TicketScope& scope, TicketId id) = 0;
  virtual Result<Attachment> GetAttachment(const TicketScope& scope, TicketId ticket,
                                           AttachmentId id) = 0;

  virtual Result<std::vector<Calendar>> ListCalendars() = 0;
  virtual Result<Calendar> GetCalendar(CalendarId id) = 0;
  // What refers to a record, so that deleting it can be refused (empty: nothing does), in id
  // order by kind. A calendar: plans (any stored version, by service or a channel's hours: old
  // versions still bind agreements and tickets), users (shifts), providers (contract hours) and
  // rules (time conditions). A competency: entitlements. An entitlement: vendor cases.
  virtual Result<std::vector<Reference>> CalendarReferences(CalendarId id) = 0;
  virtual Result<std::vector<Reference>> CompetencyReferences(CompetencyId id) = 0;
  virtual Result<std::vector<Reference>> EntitlementReferences(EntitlementId id) = 0;

  // Plans at their current version, or one plan at a given version (0: the current one).
  virtual Result<std::vector<Plan>> ListPlans() = 0;
  virtual Result<Plan> GetPlan(PlanId id, std::int64_t version) = 0;

  // Agreements, oldest first; a customer's only, or (invalid customer) everyone's.
  virtual Result<std::vector<Agreement>> ListAgreements(OrgId customer) = 0;
  virtual Result<Agreement> GetAgreement(AgreementId id) = 0;

  // A number that changes whenever plans, agreements, calendars, partner settings, services or
  // organisations change (in any process): the key for caches of customers' terms.
  virtual Result<std::int64_t> TermsVersion() = 0;

  // Defaults (nothing set) until PutPartnerSettings was called.
  virtual Result<PartnerSettings> GetPartnerSettings() = 0;

  // The whole history, oldest first, after the given event id: the audit log.
  virtual Result<std::vector<Event>> ListAllEvents(std::int64_t after_id, int limit) = 0;
  // The id of the newest event (0 when there is none): where a live stream starts.
  virtual Result<std::int64_t> LatestEventId() = 0;

  virtual Result<std::optional<IdempotencyRecord>> FindIdempotency(UserId user,
                                                                    std::string_view key) = 0;
  virtual Result<std::int64_t> CountTickets() = 0;

  // Tickets whose SLA watch time has come (sla_watch_at <= now), earliest first.
  virtual Result<std::vector<TicketId>> ListSlaWatchDue(Timestamp now, int limit) = 0;
  // Tickets whose clocks may still count (new, open, pending_*), by id after `after`.
  virtual Result<std::vector<TicketId>> ListLiveTickets(TicketId after, int limit) = 0;
  // The outbox in id order after `after_id`, delivered entries included.
  virtual Result<std::vector<OutboxEntry>> ListOutbox(std::int64_t after_id, int limit) = 0;
  // A background job's saved progress, by name.
  virtual Result<std::optional<std::string>> GetJobState(std::string_view name) = 0;

  virtual Result<std::vector<ChecklistMark>> ListChecklistMarks(TicketId ticket) = 0;

  // Routing rules in running order (position, then id), disabled ones included.
  virtual Result<std::vector<Rule>> ListRules() = 0;
  // Live tickets (new, open, pending_*) assigned to each of these users; absent: none.
  virtual Result<std::unordered_map<UserId, std::int64_t>> CountLiveTicketsByAssignee(
      const std::vector<UserId>& users) = 0;
  virtual Result<std::optional<ProviderContract>> GetProviderContract(OrgId provider) = 0;
  // Time logged on a ticket, oldest first; only one organisation's when org is valid.
  virtual Result<std::vector<TimeEntry>> ListTimeEntries(TicketId ticket, OrgId org) = 0;
  virtual Result<TimeEntry> GetTimeEntry(std::int64_t id) = 0;
  // Billing: the time worked in [from, to) (in no particular order) and the tickets with time in
  // it or first resolved in it (by customer, then id), of one customer or (invalid) every customer.
  virtual Result<std::vector<PeriodEntry>> ListPeriodEntries(Timestamp from, Timestamp to, OrgId customer) = 0;
  virtual Result<std::vector<PeriodTicket>> ListPeriodTickets(Timestamp from, Timestamp to, OrgId customer) = 0;
  // Prepaid blocks bought, closed periods, and what closed periods froze, of one customer or
  // (invalid) every customer; lines of a period include the adjustments later periods made to it.
  virtual Result<std::vector<PrepaidPurchase>> ListPrepaidPurchases(OrgId customer) = 0;
  virtual Result<std::vector<ClosedPeriod>> ListClosedPeriods(OrgId customer) = 0;
  virtual Result<std::vector<BilledLine>> ListBilledLines(OrgId customer, std::string_view period) = 0;
  virtual Result<std::vector<BilledCost>> ListBilledCosts(OrgId customer, std::string_view period) = 0;
  virtual Result<std::vector<BilledDraw>> ListBlockDraws(OrgId customer) = 0;
  // Closed periods whose work changed after they were closed (customer, period).
  virtual Result<std::vector<std::pair<OrgId, std::string>>> ListBillingChanges() = 0;
  // Decisions on work that needs approval, in the order they were made: one customer's (invalid:
  // everyone's) in one period.
  virtual Result<std::vector<BillingApproval>> ListBillingApprovals(OrgId customer, std::string_view period) = 0;
  virtual Result<std::optional<Timer>> FindTimer(UserId user) = 0;
  // Internal escalations (ticket.escalated events) in [from, to), oldest first, after the given
  // event id.
  virtual Result<std::vector<Event>> ListEscalationEvents(Timestamp from, Timestamp to, std::int64_t after_id,
                                                          int limit) = 0;
  // The partner's vendor entitlements and competencies (core/vendor), in id order.
  virtual Result<std::vector<Entitlement>> ListEntitlements() = 0;
  virtual Result<Entitlement> GetEntitlement(EntitlementId id) = 0;
  virtual Result<std::vector<Competency>> ListCompetencies() = 0;
  virtual Result<Competency> GetCompetency(CompetencyId id) = 0;
  // A ticket's vendor cases, oldest first.
  virtual Result<std::vector<VendorCase>> ListVendorCases(TicketId ticket) = 0;
  virtual Result<VendorCase> GetVendorCase(VendorCaseId id) = 0;
  // Every vendor case opened or closed at or after `since`, oldest first (for reports).
  virtual Result<std::vector<VendorCase>> ListVendorCasesSince(Timestamp since) = 0;
  // The cases a connector follows (connector not manual, not closed), oldest first.
  virtual Result<std::vector<VendorCase>> ListSyncedVendorCases() = 0;
  // The queue of cases across tickets in the scope, filtered, in id order (oldest escalation
  // first) after query.after, at most query.limit.
  virtual Result<std::vector<VendorQueueItem>> ListVendorQueue(const TicketScope& scope,
                                                               const VendorCaseQuery& query) = 0;
  // A case's notes both ways, oldest first; notes waiting to go to Microsoft, oldest first; the
  // note behind a ticket message.
  virtual Result<std::vector<VendorNote>> ListVendorNotes(VendorCaseId id) = 0;
  virtual Result<std::vector<VendorNote>> ListUnsentVendorNotes() = 0;
  virtual Result<std::optional<VendorNote>> FindVendorNoteByMessage(MessageId message) = 0;
  // Vendor incidents, newest first; GetVendorIncident fills in the linked tickets.
  virtual Result<std::vector<VendorIncident>> ListVendorIncidents() = 0;
  virtual Result<VendorIncident> GetVendorIncident(VendorIncidentId id) = 0;
  virtual Result<std::vector<VendorIncident>> ListIncidentsOfTicket(TicketId ticket) = 0;
  virtual Result<std::vector<IncidentUpdate>> ListIncidentUpdates(VendorIncidentId id) = 0;
  virtual Result<Rule> GetRule(RuleId id) = 0;
  // A number that every change to a rule moves (any process): the key of compiled rule sets.
  virtual Result<std::int64_t> RulesVersion() = 0;
};

// Writes, inside one transaction. Inserts fill in the id. A failed call leaves the transaction
// usable; the job that made it is rolled back alone (see Store::Write).
class WriteTx : public ReadTx {
 public:
  virtual Status InsertOrganization(Organization& org) = 0;
  // Writes every field but kind and created_at (domains replaced, deactivated_at set or cleared)
  // with org.version, if the stored version is expected_version (else kPreconditionFailed). A
  // domain another organisation holds is kConflict naming domains.
  virtual Status UpdateOrganization(const Organization& org, std::int64_t expected_version) = 0;
  // Only when ListOrganizationReferences is empty; else kConflict.
  virtual Status DeleteOrganization(OrgId id) = 0;
  // A customer moved (core::ApplyOrganizationPatch): every one of its tickets, closed ones
  // included, carries the new reseller (invalid: none), so tenancy follows the customer.
  virtual Status SetCustomerReseller(OrgId customer, OrgId reseller) = 0;
  virtual Status InsertUser(User& user, std::string_view password_hash) = 0;
  virtual Status InsertToken(TokenRecord& token) = 0;
  // A successful sign-in's client address and device (device_hash empty: none), seen `at`. Keeps
  // the 20 most recently seen addresses and the 20 most recent devices of each user.
  virtual Status RememberClient(UserId user, std::string_view address, std::string_view device_hash, Timestamp at) = 0;
  // Name, e-mail, role, active and version, if the stored version is expected_version (else
  // kPreconditionFailed); deactivated_at is set to `at` when active turns false and cleared when it
  // turns true. A taken e-mail address is kConflict (type "duplicate", field "email").
  virtual Status UpdateUser(const User& user, std::int64_t expected_version, Timestamp at) = 0;
  // Replaces the user's team memberships.
  virtual Status SetUserTeams(UserId user, const std::vector<TeamId>& teams) = 0;
  virtual Status SetPasswordHash(UserId user, std::string_view password_hash) = 0;
  // Revokes one live token (kNotFound if it does not exist, is revoked already or has expired), or
  // every session token of a user but `except`, or every session and personal token of a user, or
  // every session token of an organisation's users; the last three return how many were revoked.
  virtual Status RevokeToken(TokenId id, Timestamp at) = 0;
  virtual Result<std::int64_t> RevokeSessions(UserId user, TokenId except, Timestamp at) = 0;
  virtual Result<std::int64_t> RevokeTokens(UserId user, Timestamp at) = 0;
  virtual Result<std::int64_t> RevokeOrganizationSessions(OrgId org, Timestamp at) = 0;
  virtual Status TouchToken(TokenId id, Timestamp at) = 0;
  // Stores a reset and spends every earlier unused reset of the same user.
  virtual Status InsertPasswordReset(PasswordReset& reset) = 0;
  // Marks a reset used; kConflict if it was used already (two racing consumers: one wins).
  virtual Status UsePasswordReset(std::int64_t id, Timestamp at) = 0;
  // Deletes a user with its own credentials (tokens, known clients, password resets). Anything
  // else still referring to it is kConflict (type "in-use"); callers ask ListUserReferences first.
  virtual Status DeleteUser(UserId user) = 0;
  virtual Status InsertTeam(Team& team) = 0;
  // Name, members, assignment, tier and round robin's position. A taken name is kConflict.
  virtual Status UpdateTeam(const Team& team) = 0;
  // Round robin's position alone.
  virtual Status SetTeamCursor(TeamId team, UserId last_assigned) = 0;
  virtual Status UpdateUserAvailability(UserId user, bool away, CalendarId shift_calendar) = 0;
  // Inserts or replaces; contract.version must be the stored version + 1 (1 for a new one),
  // else kPreconditionFailed.
  virtual Status PutProviderContract(const ProviderContract& contract) = 0;
  virtual Status InsertTimeEntry(TimeEntry& entry) = 0;
  // Writes entry.version if the stored one is expected_version, else kPreconditionFailed.
  virtual Status UpdateTimeEntry(const TimeEntry& entry, std::int64_t expected_version) = 0;
  virtual Status InsertPrepaidPurchase(PrepaidPurchase& purchase) = 0;
  // A period closed already: kConflict.
  virtual Status InsertClosedPeriod(const ClosedPeriod& period) = 0;
  virtual Status InsertBilledLines(OrgId customer, std::string_view period, const std::vector<ChargeLine>& lines) = 0;
  virtual Status InsertBilledCosts(OrgId customer, std::string_view period, const std::vector<CostLine>& costs) = 0;
  virtual Status InsertBlockDraws(OrgId customer, std::string_view period, const std::vector<BlockDraw>& draws) = 0;
  virtual Status MarkBillingChanged(OrgId customer, std::string_view period) = 0;
  virtual Status ClearBillingChanged(OrgId customer, std::string_view period) = 0;
  virtual Status InsertBillingApproval(BillingApproval& approval) = 0;
  virtual Status PutTimer(const Timer& timer) = 0;
  virtual Status DeleteTimer(UserId user) = 0;
  virtual Status InsertService(const Service& service) = 0;
  // kNotFound for an unknown code.
  virtual Status UpdateServiceRequirements(std::string_view code, const ServiceRequirements& requirements) = 0;
  // Ticks (replacing an earlier tick of the same item) or unticks a checklist item.
  virtual Status PutChecklistMark(TicketId ticket, const ChecklistMark& mark) = 0;
  virtual Status DeleteChecklistMark(TicketId ticket, std::string_view key) = 0;
  virtual Status InsertSubscription(Subscription& subscription) = 0;
  // Writes subscription.version if the stored version is expected_version, else kPreconditionFailed.
  virtual Status UpdateSubscription(const Subscription& subscription, std::int64_t expected_version) = 0;
  virtual Status AppendSubscriptionHistory(SubscriptionHistoryEntry& entry) = 0;
  virtual Status InsertTicket(Ticket& ticket) = 0;
  // Writes the ticket if its stored version is expected_version; else kPreconditionFailed.
  virtual Status UpdateTicket(const Ticket& ticket, std::int64_t expected_version) = 0;
  // Sets updated_at of a ticket (a message or attachment was added).
  virtual Status TouchTicket(TicketId id, Timestamp at) = 0;
  // Writes a ticket's SLA clocks, its provider's underpinning clocks and their summary columns,
  // and updated_at if later; leaves the version alone (a reply or the SLA watch changed clocks,
  // not attributes).
  virtual Status SaveTicketSla(const Ticket& ticket) = 0;
  virtual Status InsertOutbox(OutboxEntry& entry) = 0;
  virtual Status PutJobState(std::string_view name, std::string_view value) = 0;
  // Rules: a taken name is kConflict; UpdateRule writes rule.version if the stored version is
  // expected_version (else kPreconditionFailed).
  virtual Status InsertRule(Rule& rule) = 0;
  virtual Status UpdateRule(const Rule& rule, std::int64_t expected_version) = 0;
  virtual Status DeleteRule(RuleId id) = 0;
  virtual Status InsertMessage(Message& message) = 0;
  virtual Status InsertAttachment(Attachment& attachment) = 0;
  virtual Status AppendEvent(Event& event) = 0;
  // Calendars: a taken name is kConflict; a stale version kPreconditionFailed.
  virtual Status InsertCalendar(Calendar& calendar) = 0;
  virtual Status UpdateCalendar(const Calendar& calendar, std::int64_t expected_version) = 0;
  virtual Status DeleteCalendar(CalendarId id) = 0;
  // Plans: InsertPlan stores version 1; AddPlanVersion stores plan.version, which must be the
  // current version + 1 (else kPreconditionFailed). A taken name is kConflict.
  virtual Status InsertPlan(Plan& plan, Timestamp at) = 0;
  virtual Status AddPlanVersion(const Plan& plan, Timestamp at) = 0;
  virtual Status InsertAgreement(Agreement& agreement) = 0;
  // Only the end day of an agreement ever changes.
  virtual Status UpdateAgreementEnd(AgreementId id, std::optional<Day> end) = 0;
  virtual Status PutPartnerSettings(const PartnerSettings& settings) = 0;
  // Entitlements (a taken name is kConflict) and competencies (deleting one a signature
  // entitlement depends on is kConflict). Updates write the object's version if the stored one
  // is expected_version, else kPreconditionFailed.
  virtual Status InsertEntitlement(Entitlement& entitlement) = 0;
  virtual Status UpdateEntitlement(const Entitlement& entitlement, std::int64_t expected_version) = 0;
  virtual Status DeleteEntitlement(EntitlementId id) = 0;
  virtual Status InsertCompetency(Competency& competency) = 0;
  virtual Status UpdateCompetency(const Competency& competency, std::int64_t expected_version) = 0;
  virtual Status DeleteCompetency(CompetencyId id) = 0;
  virtual Status InsertVendorCase(VendorCase& vendor_case) = 0;
  // Writes vendor_case.version if the stored version is expected_version, else kPreconditionFailed.
  virtual Status UpdateVendorCase(const VendorCase& vendor_case, std::int64_t expected_version) = 0;
  // A (case, direction, key) stored already is kConflict.
  virtual Status InsertVendorNote(VendorNote& note) = 0;
  virtual Status UpdateVendorNote(const VendorNote& note) = 0;
  // A taken reference is kConflict. Linking a ticket twice changes nothing (false: it was linked).
  virtual Status InsertVendorIncident(VendorIncident& incident) = 0;
  virtual Status SetIncidentStatus(VendorIncidentId id, IncidentStatus status, Timestamp at) = 0;
  virtual Result<bool> LinkIncidentTicket(VendorIncidentId id, TicketId ticket, Timestamp at) = 0;
  virtual Status InsertIncidentUpdate(IncidentUpdate& update) = 0;
  // kConflict if (user, key) exists already.
  virtual Status InsertIdempotency(const IdempotencyRecord& record) = 0;
};

struct StoreStats {
  std::uint64_t commits = 0;
  std::uint64_t jobs = 0;
  // Batch-size histogram: counts of batches with size <= 1, 2, 4, ..., 512, and more.
  std::vector<std::uint64_t> batch_buckets;
  std::vector<std::uint64_t> batch_bucket_bounds;
};

// The database. Thread-safe.
class Store {
 public:
  virtual ~Store() = default;

  // Runs fn on a pooled read connection. Each statement sees committed data.
  virtual Status Read(const std::function<Status(ReadTx&)>& fn) = 0;

  // Hands fn to the single writer, which runs many callers' jobs in one transaction (group
  // commit), each inside its own savepoint: a job that fails is rolled back alone. Returns only
  // after the transaction holding the job is durable, or with the job's error. kUnavailable if
  // the commit itself failed: then nothing of the job was stored.
  virtual Status Write(std::function<Status(WriteTx&)> fn) = 0;

  // Database reachable and migrations applied.
  virtual Status CheckReady() = 0;
  virtual StoreStats Stats() const = 0;
};

template <class T, class F>
Result<T> ReadValue(Store& store, F&& fn) {
  std::optional<T> out;
  TD_CHECK(store.Read([&](ReadTx& tx) -> Status {
    out.emplace(TD_TRY(fn(tx)));
    return Ok();
  }));
  return std::move(*out);
}

}  // namespace tierdesk::core
