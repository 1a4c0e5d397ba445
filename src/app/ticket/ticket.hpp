// app/ticket/ticket.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/offering/scope.hpp"
#include "core/policy/policy.hpp"
#include "core/sla/sla.hpp"

namespace tierdesk::app::ticket {

struct NewTicket {
  std::optional<OrgId> customer_id;  // implied for customer roles
  std::optional<UserId> requester_id;  // staff opening on behalf of a customer user
  std::optional<SubscriptionId> subscription_id;
  std::optional<core::Channel> channel;
  std::string service;
  core::Category category = core::Category::kTechnical;
  core::Severity severity = core::Severity::kModerate;
  std::string subject;
  std::string description;
  core::TicketFields fields;
  std::vector<std::string> tags;
  // Out-of-scope billable requests must echo the quoted price (see PreviewScope).
  std::optional<core::AcceptedCharges> accept_charges;
};

// A ticket with its SLA clocks evaluated at the time of the request.
struct TicketView {
  core::Ticket ticket;
  core::SlaReport sla;
  core::SlaReport underpinning;  // the provider's own targets, while it holds the ticket
};

struct TicketViewPage {
  std::vector<TicketView> items;
  std::optional<core::PageCursor> next;
};

struct CreatedTicket {
  core::Ticket ticket;
  core::SlaReport sla;
  core::SlaReport underpinning;
  bool replayed = false;  // an earlier request with the same Idempotency-Key made it
};

// What a request for (service, category) by this customer falls under today: the customer's
// active agreement, else the partner's default plan, else nothing (in scope).
struct ScopePreview {
  core::ScopeDecision decision;
  std::optional<core::Agreement> agreement;
  std::optional<core::Plan> plan;  // the effective terms (overrides applied)
};
// Today in the partner's time zone, the calendar agreements run in (the zone name is cached per
// terms version).
Result<core::Day> PartnerToday(const AppContext& ctx, core::ReadTx& tx, std::int64_t terms_version);
// The partner's time zone (UTC when it has none), its name cached per terms version.
Result<std::shared_ptr<const core::ZoneRules>> PartnerZone(const AppContext& ctx, core::ReadTx& tx,
                                                           std::int64_t terms_version);
Result<std::shared_ptr<const core::ZoneRules>> PartnerZone(const AppContext& ctx, core::ReadTx& tx);

Result<ScopePreview> PreviewScope(const AppContext& ctx, core::ReadTx& tx, OrgId customer, std::string_view service,
                                  core::Category category);
Result<ScopePreview> PreviewScope(const AppContext& ctx, const core::Actor& actor, OrgId customer,
                                  std::string_view service, core::Category category);

// Checks a new ticket's own fields and normalises them in place: the subject and tags trimmed,
// tags lower-cased, sorted and unique. kInvalidArgument naming each field at fault.
Status CheckNewTicket(NewTicket& input);

// The ticket a NewTicket describes, as rules first see it: the input checked and normalised
// (CheckNewTicket), the customer (CheckCreateTicketFor), its reseller and so the holder, the
// requester, the subscription, the service's field checks, and the scope, agreement and plan the
// customer's terms give today (refusals and quotes are the caller's to enforce). Ticket creation
// and the rules' dry run both build their ticket here, so a rule matches both alike. Without a
// customer_id (a dry run may leave it out) the draft has no customer and no terms.
struct DraftTicket {
  core::Ticket ticket;
  std::optional<core::Organization> customer;
  ScopePreview preview;
};
Result<DraftTicket> BuildDraft(const AppContext& ctx, core::ReadTx& tx, const core::Actor& actor, NewTicket& input,
                               Timestamp now);

// Opens a ticket: its description becomes the first message, and history records the creation,
// all in one transaction. Out of scope, the plan refuses (kInvalidArgument, type
// "out-of-scope-refused") or quotes (without matching accept_charges: type "charges-not-accepted").
Result<CreatedTicket> CreateTicket(const AppContext& ctx, const core::Actor& actor, NewTicket input,
                                   const IdempotencyInput& idempotency = {});

Result<TicketView> GetTicket(const AppContext& ctx, const core::Actor& actor, TicketId id);

// The query's `now` (for the SLA filters) is set here.
Result<TicketViewPage> ListTickets(const AppContext& ctx, const core::Actor& actor, core::TicketQuery query);

// A ticket may move to open only with the fields its service requires: else kInvalidArgument
// of type "missing-fields" naming each.
Status RequireFields(core::ReadTx& tx, const core::Ticket& ticket);

// Applies a patch. expected_version (If-Match) → kPreconditionFailed when stale. A status or
// severity change moves the SLA clocks (pause, resume, stop; new targets).
Result<TicketView> UpdateTicket(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                  core::TicketPatch patch,
                                  std::optional<std::int64_t> expected_version);

// Moves a ticket loaded in a write to `status` as the consequence of something else (a vendor
// case): the SLA and underpinning clocks pause or resume, the holder settles, and one
// ticket.updated event records it with `via`. No change when it has that status already.
Status MoveStatus(const AppContext& ctx, core::WriteTx& tx, core::Ticket& ticket, core::TicketStatus status,
                  UserId actor, std::string via, Timestamp now);

enum class Visibility { kPublic, kInternal };
struct NewMessage {
  std::string body;
  Visibility visibility = Visibility::kPublic;
  bool shared_with_provider = false;  // internal notes by the partner: shown to the ticket's provider
};
struct CreatedMessage {
  core::Message message;
  bool replayed = false;
};
// Writes a message by the actor on a ticket loaded in a write, with what it causes: its event,
// the status it moves the ticket to, and the clocks it answers or starts (as AddMessage says).
// m carries kind, body and shared_with_provider; the rest is filled in.
Status WriteMessage(const AppContext& ctx, core::WriteTx& tx, const core::Actor& actor, core::Ticket& ticket,
                    core::Message& m, Timestamp now);

// Customer replies reopen a resolved or pending ticket and start a next-response clock; the
// first public agent reply opens a new one; public agent replies meet response clocks. Closed
// tickets take no messages.
Result<CreatedMessage> AddMessage(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                  NewMessage input, const IdempotencyInput& idempotency = {});
Result<std::vector<core::Message>> ListMessages(const AppContext& ctx, const core::Actor& actor,
                                                TicketId id);
Result<std::vector<core::Event>> ListEvents(const AppContext& ctx, const core::Actor& actor,
                                            TicketId id);
// The live stream: the events after `after_id` the actor may see, oldest first, each exactly as
// ListEvents shows it (the same scope and visibility, decided in the core), from at most `limit`
// events read. `cursor` is the last event id read, seen or not: where the next call goes on.
struct EventsSince {
  std::vector<core::Event> events;
  std::int64_t cursor = 0;
};
Result<EventsSince> ListEventsSince(const AppContext& ctx, const core::Actor& actor, std::int64_t after_id,
                                    int limit);
// The id of the newest event (0: none), where a stream without a Last-Event-ID starts.
Result<std::int64_t> LatestEventId(const AppContext& ctx);
// The audit log: every event of every tenant, oldest first (admins and supervisors).
Result<std::vector<core::Event>> ListAuditEvents(const AppContext& ctx, const core::Actor& actor,
                                                 std::int64_t after_id, int limit);

struct NewAttachment {
  std::string filename;
  std::string content_type;
  std::string_view bytes;  // valid for the call (a view of the request body)
  Visibility visibility = Visibility::kPublic;
};
Result<core::Attachment> AddAttachment(const AppContext& ctx, const core::Actor& actor,
                                       TicketId id, NewAttachment input);
Result<std::vector<core::Attachment>> ListAttachments(const AppContext& ctx,
                                                      const core::Actor& actor, TicketId id);
struct AttachmentContent {
  core::Attachment attachment;
  std::string bytes;
};
Result<AttachmentContent> GetAttachment(const AppContext& ctx, const core::Actor& actor,
                                        TicketId ticket, AttachmentId id);

}  // namespace tierdesk::app::ticket
