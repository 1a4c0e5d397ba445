// Vendor cases: escalating a ticket to Microsoft and following the case to its close.
#include <algorithm>

#include "app/ticket/ticket.hpp"
#include "app/vendor/internal.hpp"
#include "app/vendor/vendor.hpp"
#include "core/common/text.hpp"

namespace tierdesk::app::vendor {
namespace {

constexpr std::size_t kMaxText = 200;

void CheckLine(std::string& text, const char* field, std::vector<FieldError>& errors) {
  text = std::string(TrimAscii(text));
  if (text.size() > kMaxText || !IsValidUtf8(text) || !HasNoControlCharacters(text, AllowNewlines::kNo)) {
    errors.push_back({field, "is one line of at most 200 characters"});
  }
}

// Every option's reasons, as the problem's field errors: "options.premier" → "Premier ... exhausted".
Error NotEligible(std::string message, const std::vector<const core::EscalationOption*>& options) {
  std::vector<FieldError> reasons;
  for (const auto* option : options) {
    for (const auto& reason : option->reasons) {
      reasons.push_back({"options." + option->kind + (option->entitlement_id.valid()
                                                           ? "." + std::to_string(option->entitlement_id.value)
                                                           : std::string()),
                         reason});
    }
  }
  return Error{ErrorCode::kInvalidArgument, std::move(message), {}, std::move(reasons), "escalation-not-eligible"};
}

bool IsProblemClassification(std::string_view topic) {
  constexpr std::string_view kPrefix = "/providers/Microsoft.Support/services/";
  return topic.substr(0, kPrefix.size()) == kPrefix && topic.find("/problemClassifications/") != std::string_view::npos &&
         topic.find_first_of(" ?#") == std::string_view::npos;
}

}  // namespace

std::string SubscriptionOf(const core::Ticket& ticket) {
  const auto it = ticket.fields.find("subscription_id");
  return it == ticket.fields.end() ? std::string() : it->second;
}

// What the manual connector's summary says of a ticket, the same for each of its cases.
Result<core::CaseFacts> FactsOf(core::ReadTx& tx, const core::Ticket& ticket) {
  core::CaseFacts facts;
  facts.subject = ticket.subject;
  const auto customer = TD_TRY(tx.GetOrganization(ticket.customer_id));
  facts.customer = customer.name;
  facts.tenant_id = customer.tenant_id;
  facts.subscription_id = SubscriptionOf(ticket);
  core::TicketScope public_only;  // the description is the first message the customer can read
  public_only.kind = core::TicketScope::Kind::kAll;
  public_only.viewer = core::Viewer::kCustomer;
  for (const auto& message : TD_TRY(tx.ListMessages(public_only, ticket.id))) {
    if (message.kind == core::MessageKind::kCustomerReply || message.kind == core::MessageKind::kPublicReply) {
      facts.description = message.body;
      break;
    }
  }
  if (const auto service = TD_TRY(tx.FindService(ticket.service))) {
    const auto marks = TD_TRY(tx.ListChecklistMarks(ticket.id));
    for (const auto* item : core::ChecklistFor(service->requirements, ticket.category)) {
      const bool done = std::any_of(marks.begin(), marks.end(), [&](const core::ChecklistMark& m) { return m.key == item->key; });
      if (done) facts.steps_taken.push_back(item->text);
    }
  }
  return facts;
}

Result<core::CaseSummary> Summarise(core::ReadTx& tx, const core::VendorCase& vendor_case, const core::Ticket& ticket) {
  return core::ManualSummary(vendor_case, ticket, TD_TRY(FactsOf(tx, ticket)));
}

// With Microsoft now: the case is submitted, Microsoft's first-response clock starts.
void Submit(core::VendorCase& vendor_case, Timestamp now) {
  vendor_case.status = core::VendorCaseStatus::kSubmitted;
  vendor_case.submitted_at = now;
  vendor_case.first_response_due = core::VendorFirstResponseDue(vendor_case.severity, now);
}

Status WaitOnVendor(const AppContext& ctx, core::WriteTx& tx, core::Ticket& ticket, UserId actor, Timestamp now) {
  if (ticket.status == core::TicketStatus::kResolved || ticket.status == core::TicketStatus::kClosed) return Ok();
  return ticket::MoveStatus(ctx, tx, ticket, core::TicketStatus::kPendingVendor, actor, "escalated to Microsoft", now);
}

Status MoveCase(const AppContext& ctx, core::WriteTx& tx, CaseMove move) {
  core::VendorCase& vendor_case = move.vendor_case;
  core::Ticket& ticket = move.ticket;
  const core::VendorCaseStatus from = vendor_case.status;
  if (move.to == from) return Ok();
  if (!core::IsAllowedVendorTransition(from, move.to)) {
    return Fail(Error::Conflict("a vendor case cannot move from " + std::string(core::ToString(from)) + " to " +
                                    std::string(core::ToString(move.to)),
                                "invalid-transition"));
  }
  if (move.to != core::VendorCaseStatus::kClosed && vendor_case.case_number.empty()) {
    return Fail(Error::InvalidArgument("Microsoft's case number comes first",
                                       {{"case_number", "is required once the case is with Microsoft"}}));
  }
  // Microsoft's first answer moves a submitted case on (to open, attention needed or closed).
  if (from == core::VendorCaseStatus::kSubmitted && !vendor_case.first_responded_at) {
    vendor_case.first_responded_at = move.now;
  }
  switch (move.to) {
    case core::VendorCaseStatus::kSubmitted:
      Submit(vendor_case, move.now);
      TD_CHECK(WaitOnVendor(ctx, tx, ticket, move.actor, move.now));
      break;
    case core::VendorCaseStatus::kOpen:
      vendor_case.status = move.to;
      TD_CHECK(WaitOnVendor(ctx, tx, ticket, move.actor, move.now));
      break;
    case core::VendorCaseStatus::kAttentionNeeded: {
      vendor_case.status = move.to;
      if (ticket.status == core::TicketStatus::kPendingVendor) {
        TD_CHECK(ticket::MoveStatus(ctx, tx, ticket, core::TicketStatus::kOpen, move.actor,
                                    "Microsoft needs the partner", move.now));
      }
      // The assignee's cue (notifications are sent from events).
      core::Event needed{0, ticket.id, move.actor, "vendor_case.attention_needed", "assignee", "",
                         ticket.assignee_id.valid() ? std::to_string(ticket.assignee_id.value) : std::string(), true,
                         move.now};
      needed.via = move.via;
      TD_CHECK(tx.AppendEvent(needed));
      break;
    }
    case core::VendorCaseStatus::kClosed: {
      vendor_case.status = move.to;
      vendor_case.closed_at = move.now;
      // A draft never reached Microsoft: it consumes nothing. Microsoft closing a case on an
      // hourly entitlement leaves the hours to the agent, who records them on the closed case.
      if (vendor_case.entitlement.valid() && from != core::VendorCaseStatus::kDraft) {
        const auto entitlement = TD_TRY(tx.GetEntitlement(vendor_case.entitlement));
        if (entitlement.unit == core::CapacityUnit::kHours && !move.consumed_minutes && move.by_microsoft) {
          core::Event due{0, ticket.id, move.actor, "vendor_case.consumption_needed", "vendor_case", "",
                          std::to_string(vendor_case.id.value), true, move.now};
          due.via = move.via;
          TD_CHECK(tx.AppendEvent(due));
        } else {
          TD_CHECK(RecordConsumption(tx, vendor_case, move.consumed_minutes, move.now));
        }
      }
      bool others_with_vendor = false;
      for (const auto& other : TD_TRY(tx.ListVendorCases(ticket.id))) {
        others_with_vendor = others_with_vendor || (other.id != vendor_case.id && core::IsWithVendor(other.status));
      }
      if (!others_with_vendor && ticket.status == core::TicketStatus::kPendingVendor) {
        TD_CHECK(ticket::MoveStatus(ctx, tx, ticket, core::TicketStatus::kOpen, move.actor,
                                    "the vendor case is closed", move.now));
      }
      break;
    }
    case core::VendorCaseStatus::kDraft: break;  // never allowed as a target
  }
  core::Event moved{0, ticket.id, move.actor, "vendor_case.updated", "status", std::string(core::ToString(from)),
                    std::string(core::ToString(vendor_case.status)), true, move.now};
  moved.via = move.via;
  return tx.AppendEvent(moved);
}

Status RecordConsumption(core::WriteTx& tx, core::VendorCase& vendor_case, std::optional<std::int64_t> minutes,
                         Timestamp now) {
  auto entitlement = TD_TRY(tx.GetEntitlement(vendor_case.entitlement));
  vendor_case.consumed = TD_TRY(core::ConsumptionOnClose(entitlement.unit, minutes));
  if (vendor_case.consumed == 0) return Ok();
  const auto entitlement_version = entitlement.version;
  entitlement.consumed += vendor_case.consumed;
  entitlement.version += 1;
  entitlement.updated_at = now;
  return tx.UpdateEntitlement(entitlement, entitlement_version);
}

Result<VendorCaseView> Escalate(const AppContext& ctx, const core::Actor& actor, TicketId id, EscalationInput input) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateToVendor));
  std::vector<FieldError> errors;
  CheckLine(input.support_topic, "support_topic", errors);
  CheckLine(input.case_number, "case_number", errors);
  if (input.connector != "manual" && input.connector != "azure_support" && input.connector != "partner_center") {
    errors.push_back({"connector", "is manual, azure_support or partner_center"});
  }
  if (input.connector == "azure_support") {
    if (!input.case_number.empty()) {
      errors.push_back({"case_number", "comes from Microsoft when tierdesk opens the case through Azure Support"});
    }
    if (!IsProblemClassification(input.support_topic)) {
      errors.push_back({"support_topic", "is the Azure problem classification to open the case under: "
                                         "/providers/Microsoft.Support/services/{service}/problemClassifications/{id}"});
    }
  }
  if (input.contact) {
    CheckLine(input.contact->name, "contact.name", errors);
    CheckLine(input.contact->email, "contact.email", errors);
    CheckLine(input.contact->phone, "contact.phone", errors);
    if (input.contact->name.empty()) errors.push_back({"contact.name", "is required"});
    if (input.contact->email.empty() && input.contact->phone.empty()) {
      errors.push_back({"contact", "needs an e-mail address or a phone number"});
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the escalation is not valid", std::move(errors)));
  // A case for a connector the configuration leaves off would never be opened or followed: it
  // would sit in draft or submitted with nothing to say why. Refused, naming what to set.
  if (const auto& missing = ctx.connectors.MissingFor(input.connector); !missing.empty()) {
    std::vector<FieldError> settings;
    std::string listed;
    for (const auto& setting : missing) {
      settings.push_back({"connector", "needs " + setting});
      listed += (listed.empty() ? "" : ", ") + setting;
    }
    return Fail(Error{ErrorCode::kConflict,
                      "the " + input.connector +
                          " connector is not configured, so tierdesk could not follow this case with Microsoft; "
                          "the operator sets " + listed + ", or escalate with the manual connector",
                      {}, std::move(settings), "connector-not-configured"});
  }
  const auto scope = core::TicketScopeFor(actor);
  const Timestamp now = ctx.clock.Now();
  VendorCaseView view;
  core::VendorCase& vendor_case = view.vendor_case;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    core::Ticket ticket = TD_TRY(tx.GetTicket(scope, id));
    if (ticket.status == core::TicketStatus::kResolved || ticket.status == core::TicketStatus::kClosed) {
      return Fail(Error::Conflict("a " + std::string(core::ToString(ticket.status)) +
                                      " ticket is not escalated; reopen it first",
                                  "invalid-transition"));
    }
    const auto options = TD_TRY(OptionsFor(ctx, tx, ticket));
    const core::EscalationOption* chosen = nullptr;
    if (input.entitlement) {
      for (const auto& option : options) {
        if (option.entitlement_id == *input.entitlement) chosen = &option;
      }
      if (chosen == nullptr) {
        return Fail(Error::InvalidArgument("no such entitlement", {{"entitlement_id", "is not an entitlement"}}));
      }
      if (!chosen->eligible) {
        return Fail(NotEligible("this ticket may not take " + core::PathTitle(chosen->kind) + " (" + chosen->name + ")",
                                {chosen}));
      }
    } else {
      for (const auto& option : options) {
        if (option.preferred) chosen = &option;
      }
      if (chosen == nullptr) {
        std::vector<const core::EscalationOption*> all;
        for (const auto& option : options) all.push_back(&option);
        return Fail(NotEligible("no escalation path is open to this ticket", all));
      }
    }
    if (input.connector == "azure_support" && SubscriptionOf(ticket).empty()) {
      return Fail(Error::InvalidArgument("an Azure case is opened for a subscription",
                                         {{"fields.subscription_id", "is required to open the case through Azure Support"}}));
    }
    vendor_case.ticket_id = id;
    vendor_case.connector = input.connector;
    vendor_case.kind = chosen->kind;
    vendor_case.entitlement = chosen->entitlement_id;
    vendor_case.severity = input.severity.value_or(ticket.severity);
    vendor_case.support_topic = input.support_topic;
    if (input.contact) {
      vendor_case.contact = *input.contact;
    } else {
      const auto me = TD_TRY(tx.GetUser(actor.user_id));
      vendor_case.contact = {me.name, me.email, TD_TRY(tx.GetPartnerSettings()).support_phone};
    }
    vendor_case.case_number = input.case_number;
    vendor_case.share_case_number = input.share_case_number;
    vendor_case.created_by = actor.user_id;
    vendor_case.created_at = vendor_case.updated_at = now;
    if (!vendor_case.case_number.empty()) Submit(vendor_case, now);
    TD_CHECK(tx.InsertVendorCase(vendor_case));
    core::Event created{0, id, actor.user_id, "vendor_case.created", "vendor_case", "",
                        std::to_string(vendor_case.id.value), true, now};
    created.via = core::PathTitle(vendor_case.kind) + " (" + chosen->name + ")";
    TD_CHECK(tx.AppendEvent(created));
    if (core::IsWithVendor(vendor_case.status)) TD_CHECK(WaitOnVendor(ctx, tx, ticket, actor.user_id, now));
    view.summary = TD_TRY(Summarise(tx, vendor_case, ticket));
    view.now = now;
    return Ok();
  }));
  return view;
}

Result<VendorCaseView> UpdateVendorCase(const AppContext& ctx, const core::Actor& actor, VendorCaseId id,
                                        VendorCasePatch patch, std::optional<std::int64_t> expected_version) {
  TD_CHECK(core::Require(actor, core::Action::kEscalateToVendor));
  std::vector<FieldError> errors;
  if (patch.case_number) CheckLine(*patch.case_number, "case_number", errors);
  if (!errors.empty()) return Fail(Error::InvalidArgument("the vendor case is not valid", std::move(errors)));
  const auto scope = core::TicketScopeFor(actor);
  const Timestamp now = ctx.clock.Now();
  VendorCaseView view;
  core::VendorCase& vendor_case = view.vendor_case;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    vendor_case = TD_TRY(tx.GetVendorCase(id));
    core::Ticket ticket = TD_TRY(tx.GetTicket(scope, vendor_case.ticket_id));
    TD_CHECK(CheckVersion(expected_version, vendor_case.version, "vendor case"));
    const core::VendorCase loaded = vendor_case;
    if (patch.case_number) vendor_case.case_number = *patch.case_number;
    if (patch.share_case_number) vendor_case.share_case_number = *patch.share_case_number;
    // Recording the case number of a draft submits it.
    auto status = patch.status;
    if (!status && loaded.status == core::VendorCaseStatus::kDraft && !vendor_case.case_number.empty()) {
      status = core::VendorCaseStatus::kSubmitted;
    }
    if (status && *status != loaded.status) {
      TD_CHECK(MoveCase(ctx, tx, {vendor_case, ticket, *status, patch.consumed_minutes, actor.user_id,
                                  "vendor case " + std::to_string(id.value), false, now}));
    } else if (patch.consumed_minutes && loaded.status == core::VendorCaseStatus::kClosed && loaded.consumed == 0 &&
               loaded.entitlement.valid()) {
      // The hours of a case Microsoft closed, recorded afterwards.
      TD_CHECK(RecordConsumption(tx, vendor_case, patch.consumed_minutes, now));
    }
    vendor_case.version = loaded.version + 1;
    vendor_case.updated_at = now;
    TD_CHECK(tx.UpdateVendorCase(vendor_case, loaded.version));
    view.summary = TD_TRY(Summarise(tx, vendor_case, ticket));
    view.now = now;
    return Ok();
  }));
  return view;
}

Result<VendorCaseView> GetVendorCase(const AppContext& ctx, const core::Actor& actor, VendorCaseId id) {
  TD_CHECK(core::Require(actor, core::Action::kReadEntitlements));
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<VendorCaseView>(ctx.store, [&](core::ReadTx& tx) -> Result<VendorCaseView> {
    VendorCaseView view;
    view.vendor_case = TD_TRY(tx.GetVendorCase(id));
    const auto ticket = TD_TRY(tx.GetTicket(scope, view.vendor_case.ticket_id));
    view.summary = TD_TRY(Summarise(tx, view.vendor_case, ticket));
    view.now = ctx.clock.Now();
    return view;
  });
}

Result<TicketCases> ListVendorCases(const AppContext& ctx, const core::Actor& actor, TicketId id) {
  const auto scope = core::TicketScopeFor(actor);
  return core::ReadValue<TicketCases>(ctx.store, [&](core::ReadTx& tx) -> Result<TicketCases> {
    const auto ticket = TD_TRY(tx.GetTicket(scope, id));
    TicketCases cases;
    cases.is_full = core::Allows(actor.role, core::Action::kReadEntitlements);
    const auto all = TD_TRY(tx.ListVendorCases(id));
    if (cases.is_full) {
      if (all.empty()) return cases;
      const auto facts = TD_TRY(FactsOf(tx, ticket));  // one ticket: its facts serve every case
      const Timestamp now = ctx.clock.Now();
      for (const auto& vendor_case : all) {
        cases.full.push_back({vendor_case, core::ManualSummary(vendor_case, ticket, facts), now});
      }
      return cases;
    }
    for (const auto& vendor_case : all) {
      if (vendor_case.status == core::VendorCaseStatus::kDraft) continue;  // not with Microsoft yet
      CustomerCaseView shown;
      shown.id = vendor_case.id;
      shown.with_vendor = core::IsWithVendor(vendor_case.status);
      if (vendor_case.share_case_number) shown.case_number = vendor_case.case_number;
      shown.created_at = vendor_case.submitted_at.value_or(vendor_case.created_at);
      shown.closed_at = vendor_case.closed_at;
      cases.redacted.push_back(std::move(shown));
    }
    return cases;
  });
}

Result<VendorQueuePage> ListVendorQueue(const AppContext& ctx, const core::Actor& actor, core::VendorCaseQuery query,
                                        std::optional<std::chrono::hours> min_age) {
  TD_CHECK(core::Require(actor, core::Action::kReadVendorQueue));
  if (query.limit < 1 || query.limit > 200) {
    return Fail(Error::InvalidArgument("limit is 1 to 200", {{"limit", "must be 1 to 200"}}));
  }
  VendorQueuePage page;
  page.now = ctx.clock.Now();
  if (min_age) query.escalated_before = page.now - *min_age;
  const auto scope = core::TicketScopeFor(actor);
  const std::size_t limit = static_cast<std::size_t>(query.limit);
  query.limit += 1;  // one more tells whether a next page exists
  page.items = TD_TRY(core::ReadValue<std::vector<core::VendorQueueItem>>(
      ctx.store, [&](core::ReadTx& tx) { return tx.ListVendorQueue(scope, query); }));
  if (page.items.size() > limit) {
    page.items.resize(limit);
    page.next = page.items.back().vendor_case.id;
  }
  return page;
}

}  // namespace tierdesk::app::vendor
