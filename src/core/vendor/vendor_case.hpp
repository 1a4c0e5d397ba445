// core/vendor/vendor_case.hpp
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/vendor/entitlement.hpp"

namespace tierdesk::core {

// A case with Microsoft for a ticket (DESIGN.md §4 Vendor case). draft: prepared, not yet with
// Microsoft; submitted: Microsoft has it (a case number is known); open: Microsoft is working
// it; attention_needed: Microsoft waits on the partner; closed: done, consumption recorded.
enum class VendorCaseStatus { kDraft, kSubmitted, kOpen, kAttentionNeeded, kClosed };
std::string_view ToString(VendorCaseStatus status);
std::optional<VendorCaseStatus> ParseVendorCaseStatus(std::string_view text);
// Forward along draft → submitted → open ⇄ attention_needed, and to closed from anywhere but
// closed.
bool IsAllowedVendorTransition(VendorCaseStatus from, VendorCaseStatus to);
// With Microsoft and not closed: the ticket waits on the vendor.
bool IsWithVendor(VendorCaseStatus status);

// The partner's own contact for the case: Microsoft talks to the partner, never to its customer.
struct VendorContact {
  std::string name;
  std::string email;
  std::string phone;
};

struct VendorCase {
  VendorCaseId id;
  TicketId ticket_id;
  std::string kind;            // the path taken
  EntitlementId entitlement;   // invalid: the built-in commercial path
  std::string connector = "manual";
  std::string case_number;     // Microsoft's, once known
  Severity severity = Severity::kModerate;  // Microsoft's A, B, C
  std::string support_topic;
  VendorContact contact;
  VendorCaseStatus status = VendorCaseStatus::kDraft;
  bool share_case_number = false;  // the customer may see the case number
  std::optional<Timestamp> submitted_at;
  std::optional<Timestamp> first_response_due;  // Microsoft's own target, from submission
  std::optional<Timestamp> first_responded_at;  // when Microsoft first answered (left submitted)
  std::optional<Timestamp> closed_at;
  std::int64_t consumed = 0;  // minutes or incidents recorded against the entitlement on close
  // Connectors that talk to Microsoft (azure_support, partner_center): where the case is found
  // there (Azure: the support ticket's resource id), when it was last read, and what went wrong
  // the last time (empty: nothing).
  std::string remote_ref = {};
  std::optional<Timestamp> synced_at = {};
  std::string sync_error = {};
  UserId created_by;
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};

// The queue of cases with Microsoft across tickets (GET /vendor-cases), oldest first: what a
// supervisor or agent follows up. Filters combine (all must hold).
struct VendorCaseQuery {
  std::vector<VendorCaseStatus> statuses = {};  // empty: every status but closed
  std::vector<std::string> kinds = {};          // the paths taken; empty: any
  std::optional<Timestamp> escalated_before = {};  // escalated at or before (a minimum age); none: any
  std::optional<bool> sync_error = {};  // true: the last sync failed; false: it did not; none: either
  VendorCaseId after = {};              // the page starts after this case (the cursor)
  int limit = 50;
};
// One case of the queue with what the supervisor needs of its ticket.
struct VendorQueueItem {
  VendorCase vendor_case;
  std::string subject;
  OrgId customer_id;
  std::string customer_name;
};

// A note on a vendor case, either way. from_vendor: read from Microsoft by a connector (its key
// is Microsoft's), shown on the ticket as an internal vendor_update message an agent may publish.
// to_vendor: written by an agent, sent by the vendor sync; its key is the request id every
// attempt reuses, and sent_at stays empty until Microsoft took it.
enum class NoteDirection { kFromVendor, kToVendor };
std::string_view ToString(NoteDirection direction);
std::optional<NoteDirection> ParseNoteDirection(std::string_view text);

struct VendorNote {
  std::int64_t id = 0;
  VendorCaseId vendor_case;
  NoteDirection direction = NoteDirection::kFromVendor;
  std::string key;
  std::string author;
  std::string body;
  MessageId message;    // the ticket's vendor_update message
  MessageId published;  // the public reply it was published as (from_vendor)
  std::optional<Timestamp> sent_at;  // to_vendor: when Microsoft took it
  std::int64_t attempts = 0;
  std::string last_error = {};
  Timestamp created_at;
};

// Microsoft's first-response targets under the CSP technical entitlement (DESIGN.md §1.1):
// 2 hours for critical, 4 for moderate, 8 for minimal, counted around the clock.
Timestamp VendorFirstResponseDue(Severity severity, Timestamp submitted);

// Microsoft's first response on a case, tracked like an SLA clock: none before submission,
// running while submitted, met when Microsoft answered by the due time, breached when it
// answered late or has not answered and the time is past.
enum class VendorClockState { kNone, kRunning, kMet, kBreached };
std::string_view ToString(VendorClockState state);
VendorClockState VendorFirstResponse(const VendorCase& vendor_case, Timestamp now);

// What closing a case consumes of its entitlement: the minutes worked for hours, one incident
// for incidents, nothing for unlimited ones. Hours need 1 to 100,000 minutes.
Result<std::int64_t> ConsumptionOnClose(CapacityUnit unit, std::optional<std::int64_t> minutes);

// The manual connector: a summary ready to paste into Microsoft's form, and where that form is.
struct CaseSummary {
  std::string title;
  std::string text;
  std::string portal_url;
};
struct CaseFacts {
  std::string subject;
  std::string description;   // the ticket's first message
  std::string customer;      // the customer's name
  std::string tenant_id;
  std::string subscription_id;  // Azure only
  std::vector<std::string> steps_taken;  // checklist items ticked
};
CaseSummary ManualSummary(const VendorCase& vendor_case, const Ticket& ticket, const CaseFacts& facts);

// One Microsoft service incident (e.g. "EX512345" in the Microsoft 365 service health) that touches
// many customers at once: the partner links each affected ticket and posts each update once.
enum class IncidentStatus { kActive, kResolved };
std::string_view ToString(IncidentStatus status);
std::optional<IncidentStatus> ParseIncidentStatus(std::string_view text);

struct VendorIncident {
  VendorIncidentId id;
  std::string reference;  // Microsoft's id
  std::string title;
  std::string service;
  IncidentStatus status = IncidentStatus::kActive;
  std::vector<TicketId> tickets;  // linked, in id order (filled where asked for)
  std::int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
};
// reference: 1 to 64 of A-Z a-z 0-9 - _ .; title: 1 to 200 characters; service: a service code.
Status ValidateVendorIncident(const VendorIncident& incident);

struct IncidentUpdate {
  std::int64_t id = 0;
  VendorIncidentId incident;
  std::string body;
  IncidentStatus status = IncidentStatus::kActive;  // the incident's status with this update
  bool shown_to_customers = true;
  UserId author;
  Timestamp created_at;
};

}  // namespace tierdesk::core
