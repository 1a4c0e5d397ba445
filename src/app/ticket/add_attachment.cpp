#include "app/ticket/ticket.hpp"
#include "core/common/text.hpp"
#include "core/ticket/filename.hpp"

namespace tierdesk::app::ticket {
namespace {

bool IsMediaType(std::string_view type) {
  const auto slash = type.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == type.size() || type.size() > 127) {
    return false;
  }
  for (std::size_t i = 0; i < type.size(); ++i) {
    const char c = type[i];
    const bool token = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '+' ||
                       c == '.' || c == '_';
    if (!token && !(c == '/' && i == slash)) return false;
  }
  return true;
}

}  // namespace

Result<core::Attachment> AddAttachment(const AppContext& ctx, const core::Actor& actor,
                                       TicketId id, NewAttachment input) {
  const bool internal = input.visibility == Visibility::kInternal;
  TD_CHECK(core::Require(actor, core::Action::kUploadAttachment));
  if (internal) TD_CHECK(core::Require(actor, core::Action::kPostInternalNote));
  if (static_cast<std::int64_t>(input.bytes.size()) > ctx.limits.attachment_max_bytes) {
    return Fail(Error::TooLarge("the attachment is larger than " +
                                std::to_string(ctx.limits.attachment_max_bytes) + " bytes"));
  }
  std::string content_type = ToLowerAscii(TrimAscii(input.content_type));
  if (const auto semicolon = content_type.find(';'); semicolon != std::string::npos) {
    content_type = std::string(TrimAscii(content_type.substr(0, semicolon)));
  }
  if (!IsMediaType(content_type)) content_type = "application/octet-stream";

  const auto scope = core::TicketScopeFor(actor);
  // Check visibility and state before storing any bytes, so nobody can fill the disk through
  // others' tickets and a refused upload leaves nothing behind.
  const auto current = TD_TRY(GetTicket(ctx, actor, id)).ticket;
  if (current.status == core::TicketStatus::kClosed) {
    return Fail(Error::Conflict("the ticket is closed; open a follow-up ticket", "ticket-closed"));
  }
  const auto blob = TD_TRY(ctx.blobs.Put(input.bytes));
  core::Attachment attachment;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto ticket = TD_TRY(tx.GetTicket(scope, id));
    if (ticket.status == core::TicketStatus::kClosed) {
      return Fail(Error::Conflict("the ticket is closed; open a follow-up ticket", "ticket-closed"));
    }
    const Timestamp now = ctx.clock.Now();
    attachment = core::Attachment{{}, id, {}, blob.sha256, blob.size, content_type,
                                  core::SanitizeFilename(input.filename), actor.user_id, internal, now};
    // A provider's own internal files stay visible to it.
    attachment.shared = internal && actor.org_kind == core::OrgKind::kProvider;
    TD_CHECK(tx.InsertAttachment(attachment));
    core::Event event{0, id, actor.user_id, "attachment.added", "", "", attachment.filename,
                      internal, now};
    event.shared = attachment.shared;
    TD_CHECK(tx.AppendEvent(event));
    return tx.TouchTicket(id, now);
  }));
  return attachment;
}

Result<std::vector<core::Attachment>> ListAttachments(const AppContext& ctx,
                                                      const core::Actor& actor, TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<std::vector<core::Attachment>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListAttachments(scope, id); });
}

Result<AttachmentContent> GetAttachment(const AppContext& ctx, const core::Actor& actor,
                                        TicketId ticket, AttachmentId id) {
  const auto scope = core::TicketScopeFor(actor);
  auto attachment = TD_TRY(core::ReadValue<core::Attachment>(
      ctx.store, [&](core::ReadTx& tx) { return tx.GetAttachment(scope, ticket, id); }));
  auto bytes = TD_TRY(ctx.blobs.Get(attachment.sha256));
  return AttachmentContent{std::move(attachment), std::move(bytes)};
}

}  // namespace tierdesk::app::ticket
