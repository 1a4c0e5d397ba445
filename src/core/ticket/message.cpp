#include "core/ticket/message.hpp"

#include "core/common/enum_names.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<MessageKind, 5> kMessageKindNames{{{
    {MessageKind::kCustomerReply, "customer_reply"},
    {MessageKind::kPublicReply, "public_reply"},
    {MessageKind::kInternalNote, "internal_note"},
    {MessageKind::kSystem, "system"},
    {MessageKind::kVendorUpdate, "vendor_update"},
}}};

}  // namespace

std::string_view ToString(MessageKind kind) { return kMessageKindNames.Name(kind); }
std::optional<MessageKind> ParseMessageKind(std::string_view t) { return kMessageKindNames.Parse(t); }

}  // namespace tierdesk::core
