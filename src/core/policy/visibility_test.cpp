#include "core/policy/visibility.hpp"

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

constexpr Role kRoles[] = {Role::kRequester,     Role::kCustomerAdmin, Role::kAgent,
                           Role::kSupervisor,    Role::kAdmin,         Role::kBilling,
                           Role::kProviderAgent, Role::kResellerAgent};

Event MakeEvent(std::string action, std::string field, bool internal = false, bool shared = false,
                std::string via = "") {
  Event event{1,        TicketId{7}, UserId{3}, std::move(action), std::move(field),
              "before", "after",     internal,  Timestamp{}};
  event.via = std::move(via);
  event.shared = shared;
  return event;
}

TEST(Visibility, ViewerByRole) {
  const Viewer expected[] = {Viewer::kCustomer, Viewer::kCustomer, Viewer::kPartner,
                             Viewer::kPartner,  Viewer::kPartner,  Viewer::kPartner,
                             Viewer::kProvider, Viewer::kReseller};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(ViewerFor(kRoles[i]), expected[i]) << ToString(kRoles[i]);
}

// Every kind of history event against every role. Columns: requester, customer_admin, agent,
// supervisor, admin, billing, provider_agent, reseller_agent. The stored `internal` mark is set
// the wrong way on purpose where it must not matter: the kind decides.
TEST(Visibility, EventTable) {
  struct Row {
    Event event;
    bool sees[8];
  };
  const Row table[] = {
      {MakeEvent("ticket.created", ""), {1, 1, 1, 1, 1, 1, 1, 1}},
      // ticket.updated, by field, whoever or whatever made the change (issue 13, finding 5: a
      // rule that sets the provider wrote the event as public).
      {MakeEvent("ticket.updated", "status"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "status", true), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "severity"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "category"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "subject"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "tags"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "fields"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "scope"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "team_id"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "assignee_id", true), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("ticket.updated", "provider_id"), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("ticket.updated", "provider_id", false, false,
                 "rule 6: German Dynamics 365 to GlobalSupport"),
       {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("ticket.updated", "holder"), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("ticket.updated", "agreement_id"), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("ticket.updated", "something_new"), {0, 0, 1, 1, 1, 1, 0, 0}},
      // message.added, as the message's kind; shared notes reach the provider.
      {MakeEvent("message.added", "customer_reply"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("message.added", "public_reply"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("message.added", "system"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("message.added", "internal_note", true), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("message.added", "internal_note", false), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("message.added", "internal_note", true, true), {0, 0, 1, 1, 1, 1, 1, 1}},
      // Issue 13, finding 4: Microsoft's notes and the partner's are the partner's alone, even
      // when marked shared.
      {MakeEvent("message.added", "vendor_update", true), {0, 0, 1, 1, 1, 1, 0, 0}},
      {MakeEvent("message.added", "vendor_update", false, true), {0, 0, 1, 1, 1, 1, 0, 0}},
      {MakeEvent("message.added", "no_such_kind"), {0, 0, 1, 1, 1, 1, 0, 0}},
      // Attachments: their own visibility.
      {MakeEvent("attachment.added", ""), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("attachment.added", "", true), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("attachment.added", "", true, true), {0, 0, 1, 1, 1, 1, 1, 1}},
      // The work on the ticket.
      {MakeEvent("ticket.handed_back", "provider_id", true), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("ticket.handed_up", "holder", true), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("ticket.escalated", "team_id", true), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("checklist.ticked", "step"), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("checklist.unticked", "step"), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("time.logged", "minutes", true), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("time.logged", "minutes", true, true), {0, 0, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("time.edited", "minutes", true, true), {0, 0, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("sla.warning", "first_response", true), {0, 0, 1, 1, 1, 1, 0, 1}},
      {MakeEvent("sla.breached", "resolution", true), {0, 0, 1, 1, 1, 1, 0, 1}},
      // Microsoft: cases are the partner's; a service incident is everyone's unless the partner
      // keeps an update to itself.
      {MakeEvent("vendor_case.created", "vendor_case", false, true,
                 "Signature Cloud Support (Gold)"),
       {0, 0, 1, 1, 1, 1, 0, 0}},
      {MakeEvent("vendor_case.updated", "status", true), {0, 0, 1, 1, 1, 1, 0, 0}},
      {MakeEvent("vendor_case.attention_needed", "assignee", true), {0, 0, 1, 1, 1, 1, 0, 0}},
      {MakeEvent("vendor_case.consumption_needed", "vendor_case", true), {0, 0, 1, 1, 1, 1, 0, 0}},
      {MakeEvent("vendor_incident.linked", "vendor_incident"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("vendor_incident.updated", "vendor_incident"), {1, 1, 1, 1, 1, 1, 1, 1}},
      {MakeEvent("vendor_incident.updated", "vendor_incident", true), {0, 0, 1, 1, 1, 1, 0, 0}},
      // The partner's own business.
      {MakeEvent("rule.notify", "", true), {0, 0, 1, 1, 1, 1, 0, 0}},
      {MakeEvent("billing.low_balance", "prepaid", true), {0, 0, 1, 1, 1, 1, 0, 0}},
      {MakeEvent("something.new", ""), {0, 0, 1, 1, 1, 1, 0, 0}},
  };
  for (const auto& row : table) {
    for (int i = 0; i < 8; ++i) {
      const auto seen = ViewEvent(ViewerFor(kRoles[i]), row.event);
      EXPECT_EQ(seen.has_value(), row.sees[i])
          << ToString(kRoles[i]) << " " << row.event.action << " " << row.event.field
          << (row.event.internal ? " internal" : "") << (row.event.shared ? " shared" : "");
    }
  }
}

// `via` names the partner's set-up (rules, plans, assignment, vendor paths): the partner's alone,
// unless it is a reason people working the ticket gave or an incident's title.
TEST(Visibility, ViaIsThePartnersUnlessItIsAReason) {
  const auto via_for = [](Role role, const Event& event) {
    const auto seen = ViewEvent(ViewerFor(role), event);
    return seen ? seen->via : std::string("<hidden>");
  };
  const Event by_rule =
      MakeEvent("ticket.updated", "team_id", false, false, "rule 4: Azure to the Azure team");
  EXPECT_EQ(via_for(Role::kAgent, by_rule), "rule 4: Azure to the Azure team");
  EXPECT_EQ(via_for(Role::kBilling, by_rule), "rule 4: Azure to the Azure team");
  for (const Role role :
       {Role::kRequester, Role::kCustomerAdmin, Role::kProviderAgent, Role::kResellerAgent}) {
    EXPECT_EQ(via_for(role, by_rule), "") << ToString(role);
  }
  const Event assigned =
      MakeEvent("ticket.updated", "assignee_id", false, false, "assignment: round_robin in Azure");
  EXPECT_EQ(via_for(Role::kRequester, assigned), "");
  const Event escalated_to_microsoft =
      MakeEvent("ticket.updated", "status", false, false, "escalated to Microsoft");
  EXPECT_EQ(via_for(Role::kRequester, escalated_to_microsoft), "");
  const Event rule_note =
      MakeEvent("message.added", "internal_note", true, false, "rule 9: Critical needs a call");
  EXPECT_EQ(via_for(Role::kResellerAgent, rule_note), "");
  EXPECT_EQ(via_for(Role::kSupervisor, rule_note), "rule 9: Critical needs a call");

  const Event handed_up =
      MakeEvent("ticket.handed_up", "holder", true, false, "hand-up: needs Azure engineers");
  EXPECT_EQ(via_for(Role::kResellerAgent, handed_up), "hand-up: needs Azure engineers");
  EXPECT_EQ(via_for(Role::kRequester, handed_up), "<hidden>");
  const Event incident =
      MakeEvent("vendor_incident.updated", "vendor_incident", false, false, "Mail delivery delays");
  EXPECT_EQ(via_for(Role::kRequester, incident), "Mail delivery delays");
}

TEST(Visibility, ViewEventKeepsEverythingElse) {
  const Event event = MakeEvent("ticket.updated", "status", false, false, "rule 1: x");
  const auto seen = ViewEvent(Viewer::kCustomer, event);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->id, event.id);
  EXPECT_EQ(seen->ticket_id, event.ticket_id);
  EXPECT_EQ(seen->actor_id, event.actor_id);
  EXPECT_EQ(seen->action, event.action);
  EXPECT_EQ(seen->field, event.field);
  EXPECT_EQ(seen->before, event.before);
  EXPECT_EQ(seen->after, event.after);
}

// Messages by kind. Columns as in the event table.
TEST(Visibility, MessageTable) {
  struct Row {
    MessageKind kind;
    bool shared;
    bool sees[8];
  };
  const Row table[] = {
      {MessageKind::kCustomerReply, false, {1, 1, 1, 1, 1, 1, 1, 1}},
      {MessageKind::kPublicReply, false, {1, 1, 1, 1, 1, 1, 1, 1}},
      {MessageKind::kSystem, false, {1, 1, 1, 1, 1, 1, 1, 1}},
      {MessageKind::kInternalNote, false, {0, 0, 1, 1, 1, 1, 0, 1}},
      {MessageKind::kInternalNote, true, {0, 0, 1, 1, 1, 1, 1, 1}},
      {MessageKind::kVendorUpdate, false, {0, 0, 1, 1, 1, 1, 0, 0}},
      {MessageKind::kVendorUpdate, true, {0, 0, 1, 1, 1, 1, 0, 0}},
  };
  for (const auto& row : table) {
    Message message;
    message.kind = row.kind;
    message.shared_with_provider = row.shared;
    for (int i = 0; i < 8; ++i) {
      EXPECT_EQ(SeesMessage(ViewerFor(kRoles[i]), message), row.sees[i])
          << ToString(kRoles[i]) << " " << ToString(row.kind) << (row.shared ? " shared" : "");
    }
  }
}

// What storage turns into SQL says the same as SeesMessage, for every kind and viewer.
TEST(Visibility, MessageAccessAgreesWithSeesMessage) {
  for (const Viewer viewer :
       {Viewer::kCustomer, Viewer::kProvider, Viewer::kReseller, Viewer::kPartner}) {
    for (const MessageKind kind : kMessageKinds) {
      Message unshared;
      unshared.kind = kind;
      Message shared = unshared;
      shared.shared_with_provider = true;
      const Access access = MessageAccess(viewer, kind);
      EXPECT_EQ(access == Access::kAll, SeesMessage(viewer, unshared))
          << ToString(viewer) << " " << ToString(kind);
      EXPECT_EQ(access != Access::kNone, SeesMessage(viewer, shared))
          << ToString(viewer) << " " << ToString(kind);
    }
  }
  EXPECT_EQ(MessageAccess(Viewer::kReseller, MessageKind::kInternalNote), Access::kAll);
  EXPECT_EQ(MessageAccess(Viewer::kReseller, MessageKind::kVendorUpdate), Access::kNone);
  EXPECT_EQ(MessageAccess(Viewer::kProvider, MessageKind::kInternalNote), Access::kShared);
}

TEST(Visibility, KindListCoversEveryKind) {
  for (const auto* name :
       {"customer_reply", "public_reply", "internal_note", "system", "vendor_update"}) {
    const auto kind = ParseMessageKind(name);
    ASSERT_TRUE(kind) << name;
    EXPECT_NE(std::find(kMessageKinds.begin(), kMessageKinds.end(), *kind), kMessageKinds.end())
        << name;
  }
}

TEST(Visibility, Attachments) {
  Attachment file;
  EXPECT_TRUE(SeesAttachment(Viewer::kCustomer, file));
  file.internal = true;
  EXPECT_FALSE(SeesAttachment(Viewer::kCustomer, file));
  EXPECT_FALSE(SeesAttachment(Viewer::kProvider, file));
  EXPECT_TRUE(SeesAttachment(Viewer::kReseller, file));
  EXPECT_TRUE(SeesAttachment(Viewer::kPartner, file));
  file.shared = true;
  EXPECT_TRUE(SeesAttachment(Viewer::kProvider, file));
  EXPECT_FALSE(SeesAttachment(Viewer::kCustomer, file));
}

TEST(Visibility, AResellersInternalWorkReachesThatResellerOnly) {
  const OrgId mine{3}, other{8};
  EXPECT_TRUE(SeesResellerItem(Viewer::kReseller, mine, Reach::kWorkers, mine));
  EXPECT_FALSE(SeesResellerItem(Viewer::kReseller, mine, Reach::kWorkers, other));
  EXPECT_TRUE(SeesResellerItem(Viewer::kReseller, mine, Reach::kWorkers, OrgId{})) << "the partner's or a provider's";
  EXPECT_TRUE(SeesResellerItem(Viewer::kReseller, mine, Reach::kPublic, other)) << "public items are everyone's";
  EXPECT_TRUE(SeesResellerItem(Viewer::kPartner, OrgId{1}, Reach::kWorkers, other));
}

}  // namespace
}  // namespace tierdesk::core
