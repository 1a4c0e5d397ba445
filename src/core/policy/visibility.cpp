#include "core/policy/visibility.hpp"

#include "core/common/enum_names.hpp"

#include <algorithm>
#include <string_view>

namespace tierdesk::core {
namespace {

// ticket.updated, by the attribute that changed. Customers deal with the partner alone: whom it
// outsources to, who holds the ticket and which agreement the SLA watch chose stay with those
// who work it. Everything a customer's own ticket view shows is public.
Reach FieldReach(std::string_view field) {
  constexpr std::string_view kPublicFields[] = {"status",  "severity", "category",
                                                "subject", "tags",     "fields",
                                                "scope",   "team_id",  "assignee_id"};
  constexpr std::string_view kWorkerFields[] = {"provider_id", "holder", "agreement_id"};
  if (std::find(std::begin(kPublicFields), std::end(kPublicFields), field) !=
      std::end(kPublicFields)) {
    return Reach::kPublic;
  }
  if (std::find(std::begin(kWorkerFields), std::end(kWorkerFields), field) !=
      std::end(kWorkerFields)) {
    return Reach::kWorkers;
  }
  return Reach::kPartner;
}

struct ActionReach {
  std::string_view action;
  Reach reach;
};

// Actions whose reach does not depend on the field or the item. Vendor cases
// (vendor_case.*), rules' notifications (rule.notify), billing (billing.*) and any action not
// listed reach the partner alone.
// clang-format off
constexpr ActionReach kActions[] = {
    {"ticket.created",         Reach::kPublic},
    {"vendor_incident.linked", Reach::kPublic},
    {"ticket.handed_back",     Reach::kWorkers},
    {"ticket.handed_up",       Reach::kWorkers},
    {"ticket.escalated",       Reach::kWorkers},
    {"checklist.ticked",       Reach::kWorkers},
    {"checklist.unticked",     Reach::kWorkers},
    {"time.logged",            Reach::kWorkers},
    {"time.edited",            Reach::kWorkers},
    {"sla.warning",            Reach::kWorkers},
    {"sla.breached",           Reach::kWorkers},
};
// clang-format on

// Actions whose `via` is a reason given by people working the ticket, or a Microsoft incident's
// title: shown to whoever sees the event. Any other `via` names the partner's set-up.
constexpr std::string_view kViaShown[] = {"ticket.handed_back",     "ticket.handed_up",
                                          "ticket.escalated",       "time.edited",
                                          "vendor_incident.linked", "vendor_incident.updated"};

}  // namespace

Viewer ViewerFor(Role role) {
  switch (role) {
    case Role::kRequester:
    case Role::kCustomerAdmin:
      return Viewer::kCustomer;
    case Role::kProviderAgent:
      return Viewer::kProvider;
    case Role::kResellerAgent:
      return Viewer::kReseller;
    case Role::kAgent:
    case Role::kSupervisor:
    case Role::kAdmin:
    case Role::kBilling:
      return Viewer::kPartner;
  }
  return Viewer::kCustomer;
}

namespace {
constexpr EnumNames<Viewer, 4> kViewerNames{{{
    {Viewer::kCustomer, "customer"},
    {Viewer::kProvider, "provider"},
    {Viewer::kReseller, "reseller"},
    {Viewer::kPartner, "partner"},
}}};
constexpr EnumNames<Reach, 3> kReachNames{{{
    {Reach::kPublic, "public"},
    {Reach::kWorkers, "workers"},
    {Reach::kPartner, "partner"},
}}};
}  // namespace

std::string_view ToString(Viewer viewer) { return kViewerNames.Name(viewer); }
std::string_view ToString(Reach reach) { return kReachNames.Name(reach); }

Reach MessageReach(MessageKind kind) {
  switch (kind) {
    case MessageKind::kCustomerReply:
    case MessageKind::kPublicReply:
    case MessageKind::kSystem:
      return Reach::kPublic;
    case MessageKind::kInternalNote:
      return Reach::kWorkers;
    case MessageKind::kVendorUpdate:
      return Reach::kPartner;
  }
  return Reach::kPartner;
}

Reach EventReach(const Event& event) {
  const std::string_view action = event.action;
  if (action == "ticket.updated") return FieldReach(event.field);
  if (action == "message.added") {
    const auto kind = ParseMessageKind(event.field);
    return kind ? MessageReach(*kind) : Reach::kPartner;
  }
  if (action == "attachment.added") return event.internal ? Reach::kWorkers : Reach::kPublic;
  // An update the partner did not show to customers is its own word on Microsoft's incident.
  if (action == "vendor_incident.updated") return event.internal ? Reach::kPartner : Reach::kPublic;
  for (const auto& entry : kActions) {
    if (entry.action == action) return entry.reach;
  }
  return Reach::kPartner;
}

Reach AttachmentReach(const Attachment& attachment) {
  return attachment.internal ? Reach::kWorkers : Reach::kPublic;
}

bool Reaches(Viewer viewer, Reach reach, bool shared) {
  switch (reach) {
    case Reach::kPublic:
      return true;
    case Reach::kWorkers:
      return viewer == Viewer::kPartner || viewer == Viewer::kReseller ||
             (viewer == Viewer::kProvider && shared);
    case Reach::kPartner:
      return viewer == Viewer::kPartner;
  }
  return false;
}

bool SeesResellerItem(Viewer viewer, OrgId reader_org, Reach reach, OrgId author_reseller) {
  if (viewer != Viewer::kReseller || reach != Reach::kWorkers || !author_reseller.valid()) return true;
  return author_reseller == reader_org;
}

bool SeesMessage(Viewer viewer, const Message& message) {
  return Reaches(viewer, MessageReach(message.kind), message.shared_with_provider);
}

bool SeesAttachment(Viewer viewer, const Attachment& attachment) {
  return Reaches(viewer, AttachmentReach(attachment), attachment.shared);
}

std::optional<Event> ViewEvent(Viewer viewer, Event event) {
  if (!Reaches(viewer, EventReach(event), event.shared)) return std::nullopt;
  if (viewer != Viewer::kPartner &&
      std::find(std::begin(kViaShown), std::end(kViaShown), std::string_view(event.action)) ==
          std::end(kViaShown)) {
    event.via.clear();
  }
  return event;
}

Access MessageAccess(Viewer viewer, MessageKind kind) {
  const Reach reach = MessageReach(kind);
  if (Reaches(viewer, reach, false)) return Access::kAll;
  if (Reaches(viewer, reach, true)) return Access::kShared;
  return Access::kNone;
}

}  // namespace tierdesk::core
