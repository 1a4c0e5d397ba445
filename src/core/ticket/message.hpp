// core/ticket/message.hpp
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/common/ids.hpp"
#include "core/common/time.hpp"

namespace tierdesk::core {

// vendor_update: a note on the ticket's case with Microsoft, either way (core/vendor VendorNote).
enum class MessageKind { kCustomerReply, kPublicReply, kInternalNote, kSystem, kVendorUpdate };
std::string_view ToString(MessageKind kind);
std::optional<MessageKind> ParseMessageKind(std::string_view text);

// Internal notes and vendor updates are not public (an agent publishes a vendor update as a reply
// of its own). Who sees which is core/policy/visibility.hpp's to say: internal notes reach those
// who work the ticket, vendor updates the partner alone.
inline bool IsInternal(MessageKind kind) {
  return kind == MessageKind::kInternalNote || kind == MessageKind::kVendorUpdate;
}

struct Message {
  MessageId id;
  TicketId ticket_id;
  UserId author_id;
  OrgId author_org_id;
  MessageKind kind = MessageKind::kPublicReply;
  std::string body;  // plain text
  std::string email_message_id;  // RFC 5322 Message-ID, for threading (e-mail channel)
  Timestamp created_at;
  // An internal note the partner shares with the provider the ticket is routed to. A provider's
  // own notes are visible to it and the partner; customers never see internal notes.
  bool shared_with_provider = false;
};

struct Attachment {
  AttachmentId id;
  TicketId ticket_id;
  MessageId message_id;  // optional: the message it came with
  std::string sha256;    // lower-case hex; names the stored blob
  std::int64_t size = 0;
  std::string content_type;
  std::string filename;  // sanitised
  UserId uploaded_by;
  bool internal = false;  // uploaded with an internal note: hidden from customers
  Timestamp created_at;
  bool shared = false;    // internal, but shared with the ticket's provider (or uploaded by it)
};

// One entry of a ticket's append-only history. One event per changed attribute.
struct Event {
  std::int64_t id = 0;
  TicketId ticket_id;
  UserId actor_id;         // invalid for the system
  std::string action;      // ticket.created, ticket.updated, message.added, attachment.added
  std::string field;       // for ticket.updated: which attribute
  std::string before;
  std::string after;
  // Marks stored with the event. Who sees it is decided by core/policy/visibility.hpp from the
  // action and field; `internal` counts there only where it is the item's own visibility (an
  // internal attachment, an incident update not shown to customers) and never widens anything.
  bool internal = false;
  Timestamp created_at;
  std::string via = {};    // what made the change for the actor, e.g. "rule 4: Azure to the Azure team"
  bool shared = false;     // internal, but visible to the ticket's provider (its own work, shared notes)
  std::string client_address = {};  // sign-in events: the client's IP address (audit log only)
};

// A history event about something other than a ticket (an organisation, a user, ...): the
// action says what happened ("user.created"), field names the kind of object and after its id.
inline Event DirectoryEvent(UserId actor, std::string action, std::string kind, std::int64_t id,
                            Timestamp at) {
  return Event{0, TicketId{}, actor, std::move(action), std::move(kind), "", std::to_string(id), false, at};
}

}  // namespace tierdesk::core
