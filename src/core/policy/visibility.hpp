// core/policy/visibility.hpp
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "core/ticket/message.hpp"
#include "core/user/user.hpp"

namespace tierdesk::core {

// What each role sees of a ticket's messages, files and history is decided here, once, by the
// kind of item and the viewer's role, never by who or what made the item. Storage filters (SQL),
// search and every route that returns a ticket's items ask these functions; nothing else decides.

// Who looks, as far as a ticket's items go. Derived from the role alone.
enum class Viewer {
  kCustomer,  // requester, customer_admin
  kProvider,  // provider_agent: the outsourced provider the ticket is routed to
  kReseller,  // reseller_agent: the two-tier reseller that owns the ticket's customer
  kPartner,   // agent, supervisor, admin, billing: the partner sees everything
};
Viewer ViewerFor(Role role);
std::string_view ToString(Viewer viewer);

// How far an item reaches, widest first.
enum class Reach {
  kPublic,   // everyone who sees the ticket, customers included
  kWorkers,  // those who work the ticket: partner staff and reseller agents, and provider agents
             // when the item is shared with their provider (a shared note, their own work)
  kPartner,  // partner staff alone: Microsoft (vendor cases, their notes, entitlements, the
             // path taken), billing, the partner's rules' notifications, anything unknown
};
std::string_view ToString(Reach reach);

// Messages reach by kind: customer_reply, public_reply and system are public, internal_note
// reaches the workers, vendor_update the partner alone.
Reach MessageReach(MessageKind kind);

// Events reach by action and, for ticket.updated, by field; message.added as the message's kind.
// The stored `internal` mark counts only where it is the item's own visibility (an internal
// attachment, a vendor incident update not shown to customers); it never widens anything.
// Unknown actions and fields reach the partner alone.
Reach EventReach(const Event& event);

// Attachments: public, or (uploaded as internal) the workers'.
Reach AttachmentReach(const Attachment& attachment);

// Whether an item of this reach reaches the viewer; `shared`: the item is shared with the
// ticket's provider (or was made by it).
bool Reaches(Viewer viewer, Reach reach, bool shared);

// Internal items (reach kWorkers: internal notes and files, time logged, hand-up reasons, ...)
// made by a reseller's people reach the partner's staff and that reseller alone, never another
// reseller (the one a customer moved to). `author_reseller`: the author's organisation when it is
// a reseller, else invalid; `reader_org`: the viewer's organisation. Storage asks this beside
// SeesMessage, SeesAttachment and ViewEvent for a reseller viewer.
bool SeesResellerItem(Viewer viewer, OrgId reader_org, Reach reach, OrgId author_reseller);

bool SeesMessage(Viewer viewer, const Message& message);
bool SeesAttachment(Viewer viewer, const Attachment& attachment);

// The event as the viewer may see it, or nothing. Outside the partner `via` is removed, since it
// names the partner's own set-up (rules, plans, assignment strategies, teams' tiers, vendor
// paths), except where it is the reason given by people who work the ticket (hand-back, hand-up,
// tier escalation) or the title of a Microsoft incident the viewer is shown.
std::optional<Event> ViewEvent(Viewer viewer, Event event);

// Which messages of a kind reach the viewer: none, those shared with its provider, or all. What
// storage turns into SQL (a list of kinds, never a list of exceptions, so a kind it does not
// know stays hidden).
enum class Access { kNone, kShared, kAll };
Access MessageAccess(Viewer viewer, MessageKind kind);

inline constexpr std::array kMessageKinds = {MessageKind::kCustomerReply, MessageKind::kPublicReply,
                                             MessageKind::kInternalNote, MessageKind::kSystem,
                                             MessageKind::kVendorUpdate};

}  // namespace tierdesk::core
