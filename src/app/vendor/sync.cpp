// Notes with Microsoft both ways, and the vendor sync that opens, reads and writes to cases
// through the connectors. Network calls happen between transactions, never inside one.
#include <algorithm>

#include "app/ticket/ticket.hpp"
#include "app/vendor/internal.hpp"
#include "app/vendor/vendor.hpp"

namespace tierdesk::app::vendor {
namespace {

// A random request id in UUID form (Partner Center's MS-RequestId; an Azure communication's name).
std::string NewRequestId(const AppContext& ctx) {
  std::string hex = ctx.tokens.HashToken(ctx.tokens.NewToken()).substr(0, 32);
  hex[12] = '4';
  hex[16] = "89ab"[hex[16] % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

std::string Via(const core::VendorCase& vendor_case) {
  return "Microsoft case " + (vendor_case.case_number.empty() ? "#" + std::to_string(vendor_case.id.value)
                                                               : vendor_case.case_number);
}

// The name the Azure case is opened under: fixed for the case, so opening again finds it.
std::string RemoteName(const core::VendorCase& vendor_case) {
  return "tierdesk-" + std::to_string(vendor_case.id.value) + "-" +
         std::to_string(ToUnixMillis(vendor_case.created_at) / 1000);
}

bool Known(const std::vector<core::VendorNote>& known, const core::RemoteNote& note) {
  return std::any_of(known.begin(), known.end(), [&](const core::VendorNote& k) {
    if (k.direction == core::NoteDirection::kFromVendor) return k.key == note.key;
    return k.key == note.key || k.body == note.text;  // ours, read back
  });
}

// Keeps what went wrong on the case, for the agent (and the next pass).
Status RecordFailure(const AppContext& ctx, VendorCaseId id, const Error& error) {
  return ctx.store.Write([&](core::WriteTx& tx) -> Status {
    auto vendor_case = TD_TRY(tx.GetVendorCase(id));
    const std::string text = error.message;
    if (vendor_case.sync_error == text) return Ok();
    const auto loaded = vendor_case.version;
    vendor_case.sync_error = text;
    vendor_case.version += 1;
    vendor_case.updated_at = ctx.clock.Now();
    return tx.UpdateVendorCase(vendor_case, loaded);
  });
}

// After Open: the case has Microsoft's number and is submitted; the ticket waits on Microsoft.
Status RecordOpened(const AppContext& ctx, VendorCaseId id, const core::RemoteCase& remote) {
  return ctx.store.Write([&](core::WriteTx& tx) -> Status {
    auto vendor_case = TD_TRY(tx.GetVendorCase(id));
    if (vendor_case.status != core::VendorCaseStatus::kDraft) return Ok();  // done meanwhile
    auto ticket = TD_TRY(tx.GetTicket(core::SystemScope(), vendor_case.ticket_id));
    const Timestamp now = ctx.clock.Now();
    const auto loaded = vendor_case.version;
    vendor_case.case_number = remote.case_number;
    vendor_case.remote_ref = remote.remote_ref;
    vendor_case.sync_error.clear();
    vendor_case.synced_at = now;
    TD_CHECK(MoveCase(ctx, tx, {vendor_case, ticket, core::VendorCaseStatus::kSubmitted, std::nullopt, UserId{},
                                "opened through the Azure Support API as " + remote.case_number, true, now}));
    vendor_case.version = loaded + 1;
    vendor_case.updated_at = now;
    return tx.UpdateVendorCase(vendor_case, loaded);
  });
}

// After Read: Microsoft's new notes on the ticket, its status on the case and the ticket.
Status RecordRead(const AppContext& ctx, VendorCaseId id, const core::RemoteCase& remote, SyncPass& pass) {
  SyncPass counted;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    counted = {};
    auto vendor_case = TD_TRY(tx.GetVendorCase(id));
    auto ticket = TD_TRY(tx.GetTicket(core::SystemScope(), vendor_case.ticket_id));
    const Timestamp now = ctx.clock.Now();
    const auto loaded = vendor_case.version;
    auto known = TD_TRY(tx.ListVendorNotes(id));
    for (const auto& note : remote.notes) {
      if (note.text.empty() || Known(known, note)) continue;
      core::Message message;
      message.ticket_id = ticket.id;
      message.kind = core::MessageKind::kVendorUpdate;
      message.body = note.text;
      message.created_at = now;
      TD_CHECK(tx.InsertMessage(message));
      core::Event added{0, ticket.id, UserId{}, "message.added", "vendor_update", "", std::to_string(message.id.value),
                        true, now};
      added.via = Via(vendor_case);
      TD_CHECK(tx.AppendEvent(added));
      core::VendorNote stored;
      stored.vendor_case = id;
      stored.direction = core::NoteDirection::kFromVendor;
      stored.key = note.key;
      stored.author = note.author.empty() ? "Microsoft" : note.author;
      stored.body = note.text;
      stored.message = message.id;
      stored.sent_at = note.created_at;
      stored.created_at = now;
      TD_CHECK(tx.InsertVendorNote(stored));
      known.push_back(stored);
      ++counted.notes_in;
    }
    if (remote.status && *remote.status != vendor_case.status &&
        core::IsAllowedVendorTransition(vendor_case.status, *remote.status)) {
      TD_CHECK(MoveCase(ctx, tx, {vendor_case, ticket, *remote.status, std::nullopt, UserId{}, Via(vendor_case), true,
                                  now}));
      ++counted.moved;
    }
    vendor_case.sync_error.clear();
    vendor_case.synced_at = now;
    vendor_case.version = loaded + 1;
    vendor_case.updated_at = now;
    return tx.UpdateVendorCase(vendor_case, loaded);
  }));
  pass.notes_in += counted.notes_in;
  pass.moved += counted.moved;
  return Ok();
}

Result<core::NewRemoteCase> NewCaseFor(const AppContext& ctx, const core::VendorCase& vendor_case) {
  return core::ReadValue<core::NewRemoteCase>(ctx.store, [&](core::ReadTx& tx) -> Result<core::NewRemoteCase> {
    const auto ticket = TD_TRY(tx.GetTicket(core::SystemScope(), vendor_case.ticket_id));
    const auto summary = TD_TRY(Summarise(tx, vendor_case, ticket));
    core::NewRemoteCase request;
    request.name = RemoteName(vendor_case);
    request.subscription_id = SubscriptionOf(ticket);
    request.problem_classification = vendor_case.support_topic;
    request.severity = vendor_case.severity;
    request.title = summary.title;
    request.description = summary.text;
    request.contact = vendor_case.contact;
    return request;
  });
}

Status SendNote(const AppContext& ctx, const core::VendorConnectors& connectors, core::VendorNote note,
                SyncPass& pass) {
  const auto vendor_case = TD_TRY(core::ReadValue<core::VendorCase>(
      ctx.store, [&](core::ReadTx& tx) { return tx.GetVendorCase(note.vendor_case); }));
  const auto connector = connectors.find(vendor_case.connector);
  // A case not yet with Microsoft, or whose connector is not configured, keeps its notes.
  if (connector == connectors.end() || vendor_case.case_number.empty()) return Ok();
  const auto sent = connector->second->AddNote(vendor_case, {note.key, note.author, note.body});
  note.attempts += 1;
  if (sent) {
    note.sent_at = ctx.clock.Now();
    note.last_error.clear();
    ++pass.notes_out;
  } else {
    note.last_error = sent.error().message;
    ++pass.failures;
  }
  return ctx.store.Write([&](core::WriteTx& tx) { return tx.UpdateVendorNote(note); });
}

}  // namespace

Result<core::VendorNote> AddVendorNote(const AppContext& ctx, const core::Actor& actor, VendorCaseId id,
                                       std::string body) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateToVendor));
  std::vector<FieldError> errors;
  core::ValidateBody("body", body, errors);
  if (!errors.empty()) return Fail(Error::InvalidArgument("the note is not valid", std::move(errors)));
  const auto scope = core::TicketScopeFor(actor);
  core::VendorNote note;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto vendor_case = TD_TRY(tx.GetVendorCase(id));
    auto ticket = TD_TRY(tx.GetTicket(scope, vendor_case.ticket_id));
    if (vendor_case.connector == "manual") {
      return Fail(Error::Conflict("this case is followed by hand: write the note in Microsoft's portal", "manual-case"));
    }
    if (vendor_case.status == core::VendorCaseStatus::kClosed) {
      return Fail(Error::Conflict("the case is closed at Microsoft", "invalid-transition"));
    }
    const Timestamp now = ctx.clock.Now();
    const auto me = TD_TRY(tx.GetUser(actor.user_id));
    core::Message message;
    message.kind = core::MessageKind::kVendorUpdate;
    message.body = body;
    TD_CHECK(ticket::WriteMessage(ctx, tx, actor, ticket, message, now));
    note.vendor_case = id;
    note.direction = core::NoteDirection::kToVendor;
    note.key = NewRequestId(ctx);
    note.author = me.name;
    note.body = std::move(body);
    note.message = message.id;
    note.created_at = now;
    return tx.InsertVendorNote(note);
  }));
  return note;
}

Result<std::vector<core::VendorNote>> ListVendorNotes(const AppContext& ctx, const core::Actor& actor,
                                                      VendorCaseId id) {
  TD_CHECK(core::Require(actor, core::Action::kReadEntitlements));
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<std::vector<core::VendorNote>>(
      ctx.store, [&](core::ReadTx& tx) -> Result<std::vector<core::VendorNote>> {
        const auto vendor_case = TD_TRY(tx.GetVendorCase(id));
        TD_TRY(tx.GetTicket(scope, vendor_case.ticket_id));
        return tx.ListVendorNotes(id);
      });
}

Result<core::Message> PublishVendorUpdate(const AppContext& ctx, const core::Actor& actor, TicketId id,
                                          MessageId message_id, std::optional<std::string> body) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateToVendor));
  std::vector<FieldError> errors;
  if (body) core::ValidateBody("body", *body, errors);
  if (!errors.empty()) return Fail(Error::InvalidArgument("the reply is not valid", std::move(errors)));
  const auto scope = core::TicketScopeFor(actor);
  core::Message reply;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    auto ticket = TD_TRY(tx.GetTicket(scope, id));
    auto note = TD_TRY(tx.FindVendorNoteByMessage(message_id));
    if (!note || note->direction != core::NoteDirection::kFromVendor) {
      return Fail(Error::NotFound("vendor update"));
    }
    const auto vendor_case = TD_TRY(tx.GetVendorCase(note->vendor_case));
    if (vendor_case.ticket_id != id) return Fail(Error::NotFound("vendor update"));
    if (note->published.valid()) {
      return Fail(Error::Conflict("this update was published as message " + std::to_string(note->published.value),
                                  "duplicate"));
    }
    if (ticket.status == core::TicketStatus::kClosed) {
      return Fail(Error::Conflict("the ticket is closed; open a follow-up ticket", "ticket-closed"));
    }
    reply.kind = core::MessageKind::kPublicReply;
    reply.body = body.value_or(note->body);
    TD_CHECK(ticket::WriteMessage(ctx, tx, actor, ticket, reply, ctx.clock.Now()));
    note->published = reply.id;
    return tx.UpdateVendorNote(*note);
  }));
  return reply;
}

Result<SyncPass> SyncVendorCases(const AppContext& ctx, const core::VendorConnectors& connectors,
                                 const std::function<bool()>& stopping) {
  const auto stop = [&] { return stopping && stopping(); };
  SyncPass pass;
  // Notes first, so that reading a case afterwards finds them at Microsoft and knows them as ours.
  const auto unsent = TD_TRY(core::ReadValue<std::vector<core::VendorNote>>(
      ctx.store, [](core::ReadTx& tx) { return tx.ListUnsentVendorNotes(); }));
  for (const auto& note : unsent) {
    if (stop()) return pass;
    TD_CHECK(SendNote(ctx, connectors, note, pass));
  }

  const auto cases = TD_TRY(core::ReadValue<std::vector<core::VendorCase>>(
      ctx.store, [](core::ReadTx& tx) { return tx.ListSyncedVendorCases(); }));
  for (const auto& vendor_case : cases) {
    if (stop()) return pass;
    const auto found = connectors.find(vendor_case.connector);
    if (found == connectors.end()) {
      ++pass.failures;
      TD_CHECK(RecordFailure(ctx, vendor_case.id,
                             Error::Unavailable("the " + vendor_case.connector + " connector is not configured")));
      continue;
    }
    core::VendorConnector& connector = *found->second;
    if (vendor_case.status == core::VendorCaseStatus::kDraft) {
      if (!connector.CanOpen()) continue;  // the agent records the number of the case opened in the portal
      const auto request = TD_TRY(NewCaseFor(ctx, vendor_case));
      const auto opened = connector.Open(request);
      if (!opened) {
        ++pass.failures;
        TD_CHECK(RecordFailure(ctx, vendor_case.id, opened.error()));
        continue;
      }
      TD_CHECK(RecordOpened(ctx, vendor_case.id, *opened));
      ++pass.opened;
      continue;
    }
    const auto read = connector.Read(vendor_case);
    if (!read) {
      ++pass.failures;
      TD_CHECK(RecordFailure(ctx, vendor_case.id, read.error()));
      continue;
    }
    TD_CHECK(RecordRead(ctx, vendor_case.id, *read, pass));
    ++pass.read;
  }
  return pass;
}

}  // namespace tierdesk::app::vendor
