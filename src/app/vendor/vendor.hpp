// app/vendor/vendor.hpp
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "app/context.hpp"
#include "core/policy/policy.hpp"
#include "core/ports/vendor.hpp"
#include "core/vendor/entitlement.hpp"
#include "core/vendor/reports.hpp"
#include "core/vendor/vendor_case.hpp"

namespace tierdesk::app::vendor {

// The partner's vendor entitlements and competencies (DESIGN.md §4 Entitlement). Admins manage
// them; partner staff read them; nobody outside the partner sees them. Replace takes the
// version from If-Match (kPreconditionFailed when stale); consumption is set by vendor cases,
// not by a replace (a replace keeps what was consumed).
Result<core::Competency> CreateCompetency(const AppContext& ctx, const core::Actor& actor, core::Competency input);
Result<core::Competency> ReplaceCompetency(const AppContext& ctx, const core::Actor& actor, CompetencyId id,
                                           core::Competency input, std::optional<std::int64_t> expected_version);
Status DeleteCompetency(const AppContext& ctx, const core::Actor& actor, CompetencyId id);
Result<std::vector<core::Competency>> ListCompetencies(const AppContext& ctx, const core::Actor& actor);
Result<core::Competency> GetCompetency(const AppContext& ctx, const core::Actor& actor, CompetencyId id);

Result<core::Entitlement> CreateEntitlement(const AppContext& ctx, const core::Actor& actor, core::Entitlement input);
Result<core::Entitlement> ReplaceEntitlement(const AppContext& ctx, const core::Actor& actor, EntitlementId id,
                                             core::Entitlement input, std::optional<std::int64_t> expected_version);
Status DeleteEntitlement(const AppContext& ctx, const core::Actor& actor, EntitlementId id);
Result<std::vector<core::Entitlement>> ListEntitlements(const AppContext& ctx, const core::Actor& actor);
Result<core::Entitlement> GetEntitlement(const AppContext& ctx, const core::Actor& actor, EntitlementId id);

// Every escalation path for a ticket the actor can see, with eligibility, reasons and cost, as of
// today in the partner's time zone.
Result<std::vector<core::EscalationOption>> EscalationOptions(const AppContext& ctx, const core::Actor& actor,
                                                              TicketId id);

// The same, inside a transaction, for a ticket already loaded in the actor's scope.
Result<std::vector<core::EscalationOption>> OptionsFor(const AppContext& ctx, core::ReadTx& tx,
                                                       const core::Ticket& ticket);

// ---- Vendor cases ----------------------------------------------------------------------------

struct EscalationInput {
  // Absent: the preferred eligible path. Engaged with an invalid id: the built-in commercial path.
  std::optional<EntitlementId> entitlement;
  std::optional<core::Severity> severity;  // default: the ticket's
  std::string support_topic;
  std::optional<core::VendorContact> contact;  // default: the escalating agent and the partner's support phone
  std::string case_number;  // given: Microsoft has the case already (submitted)
  bool share_case_number = false;
  // manual: the agent opens the case in Microsoft's portal and records its number here.
  // partner_center: the same, and the vendor sync follows the case through the Partner Center API.
  // azure_support: the vendor sync opens the case through the Azure Support API (the ticket needs
  // its subscription_id, support_topic the Azure problem classification) and follows it there.
  std::string connector = "manual";
};

// A case as partner staff see it, with the manual connector's summary.
struct VendorCaseView {
  core::VendorCase vendor_case;
  core::CaseSummary summary;
  Timestamp now;  // when it was read: Microsoft's first-response clock is evaluated at this time
};

// Escalates a ticket to Microsoft through an eligible path. None eligible (or the one asked for
// not eligible): kInvalidArgument of type "escalation-not-eligible" with every reason. A case
// with a case number is submitted at once and the ticket waits on the vendor (pending_vendor).
Result<VendorCaseView> Escalate(const AppContext& ctx, const core::Actor& actor, TicketId ticket,
                                EscalationInput input);

struct VendorCasePatch {
  std::optional<std::string> case_number;
  std::optional<core::VendorCaseStatus> status;
  std::optional<bool> share_case_number;
  std::optional<std::int64_t> consumed_minutes;  // closing a case on an hourly entitlement
};
// Records Microsoft's case number and status. submitted (or open again): the ticket waits on the
// vendor; attention_needed: the ticket goes back to open for its assignee; closed: the
// entitlement's consumption is recorded and the ticket goes back to open when no other case is
// with Microsoft.
Result<VendorCaseView> UpdateVendorCase(const AppContext& ctx, const core::Actor& actor, VendorCaseId id,
                                        VendorCasePatch patch, std::optional<std::int64_t> expected_version);
Result<VendorCaseView> GetVendorCase(const AppContext& ctx, const core::Actor& actor, VendorCaseId id);

// A ticket's cases. Partner staff get them whole; everyone else who sees the ticket gets what a
// customer may know: that it is with Microsoft, when, and the case number where the partner
// shares it (never the path, entitlement, contact or cost).
struct CustomerCaseView {
  VendorCaseId id;
  bool with_vendor = false;
  std::optional<std::string> case_number;
  Timestamp created_at;
  std::optional<Timestamp> closed_at;
};
struct TicketCases {
  std::vector<VendorCaseView> full;       // partner staff
  std::vector<CustomerCaseView> redacted;  // everyone else
  bool is_full = false;
};
Result<TicketCases> ListVendorCases(const AppContext& ctx, const core::Actor& actor, TicketId ticket);

// The queue of cases with Microsoft across tickets, oldest escalation first, for those who follow
// them up (agents, supervisors, admins; core::Action::kReadVendorQueue). min_age: only cases
// escalated at least that long ago. query.limit is 1 to 200; next is the cursor of the next page.
struct VendorQueuePage {
  std::vector<core::VendorQueueItem> items;
  std::optional<VendorCaseId> next;
  Timestamp now;  // ages and Microsoft's first-response clocks are as of this time
};
Result<VendorQueuePage> ListVendorQueue(const AppContext& ctx, const core::Actor& actor, core::VendorCaseQuery query,
                                        std::optional<std::chrono::hours> min_age = std::nullopt);

// ---- Notes both ways, and the vendor sync ------------------------------------------------------

// A note for Microsoft on a case a connector follows: stored at once with its request id and an
// internal vendor_update message on the ticket, sent by the vendor sync (so a note outlives
// Microsoft being down and is never sent twice). A manual case: kConflict (write in the portal).
Result<core::VendorNote> AddVendorNote(const AppContext& ctx, const core::Actor& actor, VendorCaseId id,
                                       std::string body);
Result<std::vector<core::VendorNote>> ListVendorNotes(const AppContext& ctx, const core::Actor& actor, VendorCaseId id);

// Publishes a note from Microsoft (a vendor_update message) to the customer as the agent's own
// public reply, with the text as it is or as the agent edited it. Once per note (kConflict).
Result<core::Message> PublishVendorUpdate(const AppContext& ctx, const core::Actor& actor, TicketId ticket,
                                          MessageId message, std::optional<std::string> body);

// One pass of the vendor sync: every case a configured connector follows is opened (azure_support
// drafts) or read; Microsoft's new notes become internal vendor_update messages; its status moves
// the case and the ticket (MoveCase); notes waiting for Microsoft are sent. A case whose connector
// fails keeps the error on the case (sync_error) and is tried again next pass.
struct SyncPass {
  int opened = 0;
  int read = 0;
  int notes_in = 0;
  int notes_out = 0;
  int moved = 0;
  int failures = 0;
};
// stopping (optional) is asked before each case: true ends the pass early (the server stops).
Result<SyncPass> SyncVendorCases(const AppContext& ctx, const core::VendorConnectors& connectors,
                                 const std::function<bool()>& stopping = {});

// ---- Vendor incidents -------------------------------------------------------------------------

// Partner agents, supervisors and admins record incidents, link tickets and post updates; partner
// staff read them. A reference Microsoft already used is kConflict.
Result<core::VendorIncident> CreateIncident(const AppContext& ctx, const core::Actor& actor, core::VendorIncident input);
Result<std::vector<core::VendorIncident>> ListIncidents(const AppContext& ctx, const core::Actor& actor);
struct IncidentView {
  core::VendorIncident incident;
  std::vector<core::IncidentUpdate> updates;
};
Result<IncidentView> GetIncident(const AppContext& ctx, const core::Actor& actor, VendorIncidentId id);
// Links tickets (each must exist); each newly linked ticket gets an event. Returns the incident.
Result<core::VendorIncident> LinkTickets(const AppContext& ctx, const core::Actor& actor, VendorIncidentId id,
                                         const std::vector<TicketId>& tickets);
// One update fanned out to every linked ticket as a vendor_incident.updated event (internal unless
// shown to customers), and the incident's status set. Returns how many tickets were told.
struct IncidentUpdateInput {
  std::string body;
  std::optional<core::IncidentStatus> status;  // default: unchanged
  bool shown_to_customers = true;
};
Result<std::size_t> PostIncidentUpdate(const AppContext& ctx, const core::Actor& actor, VendorIncidentId id,
                                       IncidentUpdateInput input);
// The incidents linked to a ticket the actor can see (Microsoft's public references, for anyone
// who sees the ticket).
Result<std::vector<core::VendorIncident>> TicketIncidents(const AppContext& ctx, const core::Actor& actor, TicketId id);

// ---- Reports (supervisors and admins) -------------------------------------------------------

struct BurnDownRow {
  core::Entitlement entitlement;
  core::BurnDown burn;  // burn.entitlement points into this row
};
Result<std::vector<BurnDownRow>> EntitlementBurnDown(const AppContext& ctx, const core::Actor& actor);
Result<std::vector<core::Expiring>> Expiring(const AppContext& ctx, const core::Actor& actor, std::int64_t days);
// Months "YYYY-MM", inclusive; default: the last twelve months to this one.
Result<std::vector<core::PathMonth>> EscalationsPerPath(const AppContext& ctx, const core::Actor& actor,
                                                        std::optional<std::string> from, std::optional<std::string> to);

}  // namespace tierdesk::app::vendor
