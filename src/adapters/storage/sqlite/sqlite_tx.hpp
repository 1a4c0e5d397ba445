// adapters/storage/sqlite/sqlite_tx.hpp
#pragma once

#include "adapters/storage/sqlite/search_query.hpp"

#include "adapters/storage/sqlite/connection.hpp"
#include "core/ports/store.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tierdesk::adapters::sqlite {

// ReadTx and WriteTx over one connection. Read connections are handed out as ReadTx only.
class SqliteTx final : public core::WriteTx {
 public:
  explicit SqliteTx(Connection& connection) : db_(connection) {}

  Result<core::Organization> GetOrganization(OrgId id) override;
  Result<std::vector<core::Organization>> ListOrganizations(const core::OrgScope& scope) override;
  Result<std::optional<core::Organization>> FindPartner() override;
  Result<std::optional<core::Organization>> FindOrganizationByDomain(std::string_view domain) override;
  Result<core::User> GetUser(UserId id) override;
  Result<std::optional<core::UserCredentials>> FindUserByEmail(std::string_view email) override;
  Result<std::vector<core::User>> ListUsers(const core::UserScope& scope) override;
  Result<std::optional<core::TokenOwner>> FindToken(std::string_view token_hash, Timestamp now) override;
  Result<core::UserCredentials> GetUserCredentials(UserId id) override;
  Result<std::vector<core::TokenRecord>> ListTokens(UserId user, Timestamp now) override;
  Result<core::TokenRecord> GetToken(TokenId id) override;
  Result<std::vector<TeamId>> ListUserTeams(UserId user) override;
  Result<std::optional<core::PasswordReset>> FindPasswordReset(std::string_view token_hash) override;
  Result<std::vector<std::string>> ListUserReferences(UserId user) override;
  Result<core::KnownClient> FindKnownClient(UserId user, std::string_view address, std::string_view device_hash,
                                            Timestamp since) override;
  Result<std::vector<core::Team>> ListTeams() override;
  Result<core::Team> GetTeam(TeamId id) override;
  Result<std::vector<core::Service>> ListServices() override;
  Result<std::optional<core::Service>> FindService(std::string_view code) override;
  Result<std::vector<core::Subscription>> ListSubscriptions(const core::OrgScope& scope) override;
  Result<core::Subscription> GetSubscription(SubscriptionId id) override;
  Result<std::vector<core::SubscriptionHistoryEntry>> ListSubscriptionHistory(SubscriptionId id) override;
  Result<std::vector<std::string>> ListOrganizationReferences(OrgId id) override;
  Result<core::Ticket> GetTicket(const core::TicketScope& scope, TicketId id) override;
  Result<core::TicketPage> ListTickets(const core::TicketScope& scope,
                                       const core::TicketQuery& query) override;
  Result<std::vector<core::Message>> ListMessages(const core::TicketScope& scope, TicketId id) override;
  Result<std::vector<core::Event>> ListEvents(const core::TicketScope& scope, TicketId id) override;
  Result<std::vector<core::Attachment>> ListAttachments(const core::TicketScope& scope,
                                                        TicketId id) override;
  Result<core::Attachment> GetAttachment(const core::TicketScope& scope, TicketId ticket,
                                         AttachmentId id) override;
  Result<std::vector<core::Calendar>> ListCalendars() override;
  Result<core::Calendar> GetCalendar(CalendarId id) override;
  Result<std::vector<Reference>> CalendarReferences(CalendarId id) override;
  Result<std::vector<Reference>> CompetencyReferences(CompetencyId id) override;
  Result<std::vector<Reference>> EntitlementReferences(EntitlementId id) override;
  Status InsertCalendar(core::Calendar& calendar) override;
  Status UpdateCalendar(const core::Calendar& calendar, std::int64_t expected_version) override;
  Status DeleteCalendar(CalendarId id) override;
  Result<std::vector<core::Plan>> ListPlans() override;
  Result<core::Plan> GetPlan(PlanId id, std::int64_t version) override;
  Status InsertPlan(core::Plan& plan, Timestamp at) override;
  Status AddPlanVersion(const core::Plan& plan, Timestamp at) override;
  Result<std::vector<core::Agreement>> ListAgreements(OrgId customer) override;
  Result<core::Agreement> GetAgreement(AgreementId id) override;
  Status InsertAgreement(core::Agreement& agreement) override;
  Status UpdateAgreementEnd(AgreementId id, std::optional<core::Day> end) override;
  Result<std::int64_t> TermsVersion() override;
  Result<core::PartnerSettings> GetPartnerSettings() override;
  Status PutPartnerSettings(const core::PartnerSettings& settings) override;
  Result<std::vector<core::Event>> ListAllEvents(std::int64_t after_id, int limit) override;
  Result<std::int64_t> LatestEventId() override;
  Result<std::optional<core::IdempotencyRecord>> FindIdempotency(UserId user,
                                                                 std::string_view key) override;
  Result<std::int64_t> CountTickets() override;
  Result<std::vector<TicketId>> ListSlaWatchDue(Timestamp now, int limit) override;
  Result<std::vector<TicketId>> ListLiveTickets(TicketId after, int limit) override;
  Result<std::vector<core::OutboxEntry>> ListOutbox(std::int64_t after_id, int limit) override;
  Result<std::optional<std::string>> GetJobState(std::string_view name) override;
  Result<std::vector<core::Rule>> ListRules() override;
  Result<std::unordered_map<UserId, std::int64_t>> CountLiveTicketsByAssignee(
      const std::vector<UserId>& users) override;
  Result<std::optional<core::ProviderContract>> GetProviderContract(OrgId provider) override;
  Result<std::vector<core::TimeEntry>> ListTimeEntries(TicketId ticket, OrgId org) override;
  Result<core::TimeEntry> GetTimeEntry(std::int64_t id) override;
  Result<std::vector<core::PeriodEntry>> ListPeriodEntries(Timestamp from, Timestamp to, OrgId customer) override;
  Result<std::vector<core::PeriodTicket>> ListPeriodTickets(Timestamp from, Timestamp to, OrgId customer) override;
  Result<std::vector<core::PrepaidPurchase>> ListPrepaidPurchases(OrgId customer) override;
  Result<std::vector<core::ClosedPeriod>> ListClosedPeriods(OrgId customer) override;
  Result<std::vector<core::BilledLine>> ListBilledLines(OrgId customer, std::string_view period) override;
  Result<std::vector<core::BilledCost>> ListBilledCosts(OrgId customer, std::string_view period) override;
  Result<std::vector<core::BilledDraw>> ListBlockDraws(OrgId customer) override;
  Result<std::vector<std::pair<OrgId, std::string>>> ListBillingChanges() override;
  Result<std::vector<core::BillingApproval>> ListBillingApprovals(OrgId customer, std::string_view period) override;
  Result<std::optional<core::Timer>> FindTimer(UserId user) override;
  Result<std::vector<core::Event>> ListEscalationEvents(Timestamp from, Timestamp to, std::int64_t after_id,
                                                        int limit) override;
  Result<std::vector<core::ChecklistMark>> ListChecklistMarks(TicketId ticket) override;
  Result<core::Rule> GetRule(RuleId id) override;
  Result<std::int64_t> RulesVersion() override;

  Status InsertOrganization(core::Organization& org) override;
  Status UpdateOrganization(const core::Organization& org, std::int64_t expected_version) override;
  Status DeleteOrganization(OrgId id) override;
  Status SetCustomerReseller(OrgId customer, OrgId reseller) override;
  Status InsertUser(core::User& user, std::string_view password_hash) override;
  Status InsertToken(core::TokenRecord& token) override;
  Status RememberClient(UserId user, std::string_view address, std::string_view device_hash, Timestamp at) override;
  Status UpdateUser(const core::User& user, std::int64_t expected_version, Timestamp at) override;
  Status SetUserTeams(UserId user, const std::vector<TeamId>& teams) override;
  Status SetPasswordHash(UserId user, std::string_view password_hash) override;
  Status RevokeToken(TokenId id, Timestamp at) override;
  Result<std::int64_t> RevokeSessions(UserId user, TokenId except, Timestamp at) override;
  Result<std::int64_t> RevokeTokens(UserId user, Timestamp at) override;
  Result<std::int64_t> RevokeOrganizationSessions(OrgId org, Timestamp at) override;
  Status TouchToken(TokenId id, Timestamp at) override;
  Status InsertPasswordReset(core::PasswordReset& reset) override;
  Status UsePasswordReset(std::int64_t id, Timestamp at) override;
  Status DeleteUser(UserId user) override;
  Status InsertTeam(core::Team& team) override;
  Status UpdateTeam(const core::Team& team) override;
  Status SetTeamCursor(TeamId team, UserId last_assigned) override;
  Result<TeamRoster> GetTeamRoster(TeamId id) override;
  Status UpdateUserAvailability(UserId user, bool away, CalendarId shift_calendar) override;
  Status PutProviderContract(const core::ProviderContract& contract) override;
  Status InsertTimeEntry(core::TimeEntry& entry) override;
  Status UpdateTimeEntry(const core::TimeEntry& entry, std::int64_t expected_version) override;
  Status InsertPrepaidPurchase(core::PrepaidPurchase& purchase) override;
  Status InsertClosedPeriod(const core::ClosedPeriod& period) override;
  Status InsertBilledLines(OrgId customer, std::string_view period, const std::vector<core::ChargeLine>& lines) override;
  Status InsertBilledCosts(OrgId customer, std::string_view period, const std::vector<core::CostLine>& costs) override;
  Status InsertBlockDraws(OrgId customer, std::string_view period, const std::vector<core::BlockDraw>& draws) override;
  Status MarkBillingChanged(OrgId customer, std::string_view period) override;
  Status ClearBillingChanged(OrgId customer, std::string_view period) override;
  Status InsertBillingApproval(core::BillingApproval& approval) override;
  Status PutTimer(const core::Timer& timer) override;
  Status DeleteTimer(UserId user) override;
  Status InsertService(const core::Service& service) override;
  Status InsertSubscription(core::Subscription& subscription) override;
  Status UpdateSubscription(const core::Subscription& subscription, std::int64_t expected_version) override;
  Status AppendSubscriptionHistory(core::SubscriptionHistoryEntry& entry) override;
  Status InsertTicket(core::Ticket& ticket) override;
  Status UpdateTicket(const core::Ticket& ticket, std::int64_t expected_version) override;
  Status TouchTicket(TicketId id, Timestamp at) override;
  Status SaveTicketSla(const core::Ticket& ticket) override;
  Status InsertOutbox(core::OutboxEntry& entry) override;
  Status PutJobState(std::string_view name, std::string_view value) override;
  Status InsertRule(core::Rule& rule) override;
  Status UpdateServiceRequirements(std::string_view code, const core::ServiceRequirements& requirements) override;
  Status PutChecklistMark(TicketId ticket, const core::ChecklistMark& mark) override;
  Status DeleteChecklistMark(TicketId ticket, std::string_view key) override;
  Status UpdateRule(const core::Rule& rule, std::int64_t expected_version) override;
  Status DeleteRule(RuleId id) override;
  Status InsertMessage(core::Message& message) override;
  Status InsertAttachment(core::Attachment& attachment) override;
  Status AppendEvent(core::Event& event) override;
  Status InsertIdempotency(const core::IdempotencyRecord& record) override;

  Result<std::vector<core::Entitlement>> ListEntitlements() override;
  Result<core::Entitlement> GetEntitlement(EntitlementId id) override;
  Result<std::vector<core::Competency>> ListCompetencies() override;
  Result<core::Competency> GetCompetency(CompetencyId id) override;
  Status InsertEntitlement(core::Entitlement& entitlement) override;
  Status UpdateEntitlement(const core::Entitlement& entitlement, std::int64_t expected_version) override;
  Status DeleteEntitlement(EntitlementId id) override;
  Status InsertCompetency(core::Competency& competency) override;
  Status UpdateCompetency(const core::Competency& competency, std::int64_t expected_version) override;
  Status DeleteCompetency(CompetencyId id) override;
  Result<std::vector<core::VendorCase>> ListVendorCases(TicketId ticket) override;
  Result<core::VendorCase> GetVendorCase(VendorCaseId id) override;
  Result<std::vector<core::VendorCase>> ListVendorCasesSince(Timestamp since) override;
  Status InsertVendorCase(core::VendorCase& vendor_case) override;
  Status UpdateVendorCase(const core::VendorCase& vendor_case, std::int64_t expected_version) override;
  Result<std::vector<core::VendorCase>> ListSyncedVendorCases() override;
  Result<std::vector<core::VendorQueueItem>> ListVendorQueue(const core::TicketScope& scope,
                                                             const core::VendorCaseQuery& query) override;
  Result<std::vector<core::VendorNote>> ListVendorNotes(VendorCaseId id) override;
  Result<std::vector<core::VendorNote>> ListUnsentVendorNotes() override;
  Result<std::optional<core::VendorNote>> FindVendorNoteByMessage(MessageId message) override;
  Status InsertVendorNote(core::VendorNote& note) override;
  Status UpdateVendorNote(const core::VendorNote& note) override;
  Result<std::vector<core::VendorIncident>> ListVendorIncidents() override;
  Result<core::VendorIncident> GetVendorIncident(VendorIncidentId id) override;
  Result<std::vector<core::VendorIncident>> ListIncidentsOfTicket(TicketId ticket) override;
  Result<std::vector<core::IncidentUpdate>> ListIncidentUpdates(VendorIncidentId id) override;
  Status InsertVendorIncident(core::VendorIncident& incident) override;
  Status SetIncidentStatus(VendorIncidentId id, core::IncidentStatus status, Timestamp at) override;
  Result<bool> LinkIncidentTicket(VendorIncidentId id, TicketId ticket, Timestamp at) override;
  Status InsertIncidentUpdate(core::IncidentUpdate& update) override;

  // Search documents are written when the batch's jobs are done, not inside each job: FTS5 writes
  // its pending terms out as a new segment at every SAVEPOINT and RELEASE, so indexing inside the
  // jobs' savepoints cost a segment, and the merges behind it, per job. Until WriteSearch, a
  // job's documents are not found by a search in the same transaction.
  void KeepJobSearch() { search_kept_ = search_.size(); }  // the job succeeded
  void DropJobSearch() { search_.resize(search_kept_); }  // the job was rolled back
  Status WriteSearch();  // writes every kept document; call with no savepoint open

 private:
  struct SearchDocument {
    std::int64_t rowid = 0;
    std::string text;
  };

  Status IndexText(TicketId ticket, std::string_view text, bool internal);
  Status CheckTicketVisible(const core::TicketScope& scope, TicketId id);
  Status LoadDomains(core::Organization& org);

  Connection& db_;
  std::vector<SearchDocument> search_;
  std::size_t search_kept_ = 0;
};

}  // namespace tierdesk::adapters::sqlite
