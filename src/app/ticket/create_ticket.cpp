#include "app/ticket/ticket.hpp"

#include "app/offering/statement.hpp"
#include "app/routing/routing.hpp"
#include "app/sla/sla.hpp"

namespace tierdesk::app::ticket {

Status CheckNewTicket(NewTicket& input) {
  std::vector<FieldError> errors;
  core::ValidateSubject(input.subject, errors);
  core::ValidateBody("description", input.description, errors);
  core::NormaliseTags(input.tags, errors);
  core::ValidateFields(input.fields, errors);
  if (!core::IsServiceCode(input.service)) errors.push_back({"service", "is not a service code"});
  if (!errors.empty()) return Fail(Error::InvalidArgument("the ticket is not valid", errors));
  return Ok();
}

Result<DraftTicket> BuildDraft(const AppContext& ctx, core::ReadTx& tx, const core::Actor& actor, NewTicket& input,
                               Timestamp now) {
  TD_CHECK(CheckNewTicket(input));
  DraftTicket draft;
  core::Ticket& t = draft.ticket;
  if (input.customer_id) {
    auto customer = tx.GetOrganization(*input.customer_id);
    if (!customer) return Fail(Error::NotFound("customer"));
    TD_CHECK(core::CheckCreateTicketFor(actor, *customer));
    TD_CHECK(core::CheckOrganizationActive(*customer));
    draft.customer = std::move(*customer);
  }
  const auto service = TD_TRY(tx.FindService(input.service));
  if (!service) return Fail(Error::InvalidArgument("unknown service", {{"service", "is not a known service"}}));
  if (draft.customer) {
    const core::Organization& customer = *draft.customer;
    t.customer_id = customer.id;
    if (customer.parent_id.valid()) {
      const auto parent = TD_TRY(tx.GetOrganization(customer.parent_id));
      if (parent.kind == core::OrgKind::kReseller) t.reseller_id = parent.id;
    }
  }
  // A reseller's customer's ticket is the reseller's until it hands it up; rules see that.
  t.holder = t.reseller_id.valid() ? core::Holder::kReseller : core::Holder::kPartner;
  t.requester_id = actor.user_id;
  if (input.requester_id && *input.requester_id != actor.user_id) {
    auto requester = tx.GetUser(*input.requester_id);
    if (!requester || requester->organization_id != t.customer_id) {
      return Fail(Error::InvalidArgument("the requester is not a user of this customer",
                                         {{"requester_id", "is not a user of the customer"}}));
    }
    t.requester_id = requester->id;
  }
  if (input.subscription_id) {
    auto subscription = tx.GetSubscription(*input.subscription_id);
    if (!subscription || subscription->customer_id != t.customer_id) {
      return Fail(Error::InvalidArgument("the subscription is not the customer's",
                                         {{"subscription_id", "is not a subscription of the customer"}}));
    }
    TD_CHECK(core::CheckSubscriptionForTicket(*subscription, input.category == core::Category::kTechnical));
    t.subscription_id = subscription->id;
  }
  // The customer's terms decide the scope (the caller enforces refusals and quotes).
  if (draft.customer) {
    const auto terms = TD_TRY(offering::CurrentTerms(ctx, tx, t.customer_id));
    draft.preview = ScopePreview{core::DecideScope(terms.plan ? &*terms.plan : nullptr, input.service, input.category),
                                 terms.agreement, terms.plan};
    t.statement_hash = terms.statement_hash;
    t.scope = std::string(core::ToString(draft.preview.decision.kind));
    if (draft.preview.agreement) t.agreement_id = draft.preview.agreement->id;
    if (draft.preview.plan) {
      t.plan_id = draft.preview.plan->id;
      t.plan_version = draft.preview.plan->version;
    }
  }
  t.channel = input.channel.value_or(core::Channel::kApi);
  t.service = input.service;
  t.category = input.category;
  t.severity = input.severity;
  t.subject = input.subject;
  t.status = core::TicketStatus::kNew;
  t.tags = input.tags;
  t.fields = input.fields;
  // Fields given must be right (a GUID, the customer's subscription); missing ones may come later.
  TD_CHECK(routing::CheckFieldValues(tx, *service, t));
  t.version = 1;
  t.created_at = now;
  t.updated_at = now;
  return draft;
}

Result<CreatedTicket> CreateTicket(const AppContext& ctx, const core::Actor& actor, NewTicket input,
                                   const IdempotencyInput& idempotency) {
  TD_CHECK(core::Require(actor, core::Action::kCreateTicket));
  const bool customer_role = core::IsCustomerRole(actor.role);
  if (customer_role) {
    if (input.customer_id && *input.customer_id != actor.org_id) {
      return Fail(Error::NotFound("customer"));
    }
    input.customer_id = actor.org_id;
    if (input.requester_id && *input.requester_id != actor.user_id &&
        actor.role == core::Role::kRequester) {
      return Fail(Error::PermissionDenied("a requester opens tickets for themself"));
    }
  } else if (!input.customer_id) {
    return Fail(Error::InvalidArgument("the ticket needs a customer", {{"customer_id", "is required"}}));
  }
  // Checked before the Idempotency-Key is looked up: a retry is checked like a new request.
  TD_CHECK(CheckNewTicket(input));

  const auto scope = core::TicketScopeFor(actor);
  const Timestamp now = ctx.clock.Now();
  CreatedTicket created;
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    if (!idempotency.key.empty()) {
      if (auto earlier = TD_TRY(tx.FindIdempotency(actor.user_id, idempotency.key))) {
        if (earlier->request_hash != idempotency.request_hash || earlier->resource != "ticket") {
          return Fail(Error::InvalidArgument(
              "this Idempotency-Key was used with a different request", {{"Idempotency-Key", "reused"}}));
        }
        created.ticket = TD_TRY(tx.GetTicket(scope, TicketId{earlier->resource_id}));
        sla::Evaluator evaluator(ctx, tx, now);
        created.sla = TD_TRY(evaluator.Evaluate(created.ticket));
        created.underpinning = TD_TRY(evaluator.EvaluateUnderpinning(created.ticket));
        created.replayed = true;
        return Ok();
      }
    }
    auto draft = TD_TRY(BuildDraft(ctx, tx, actor, input, now));
    const ScopePreview& preview = draft.preview;
    core::Ticket& t = created.ticket;
    t = std::move(draft.ticket);
    // Refusals and unaccepted quotes stop here.
    switch (preview.decision.kind) {
      case core::ScopeKind::kInScope: break;
      case core::ScopeKind::kRefused:
        return Fail(Error{ErrorCode::kInvalidArgument, preview.decision.reason, {}, {}, "out-of-scope-refused"});
      case core::ScopeKind::kOutOfScopeBillable:
        if (!input.accept_charges || !core::Matches(*input.accept_charges, *preview.decision.quote)) {
          return Fail(Error{ErrorCode::kInvalidArgument,
                            preview.decision.reason + "; to go ahead, send accept_charges with the quoted currency and hourly rate",
                            {}, {{"accept_charges", "must echo the quote"}}, "charges-not-accepted"});
        }
        t.quote_currency = preview.decision.quote->currency;
        t.quote_hourly_rate = preview.decision.quote->hourly_rate;
        t.quote_increment_minutes = preview.decision.quote->increment_minutes;
        t.quote_minimum_minutes = preview.decision.quote->minimum_minutes;
        break;
    }
    // Routing rules may set the team, assignee, provider, severity, tags and scope; the clocks
    // start with the severity they leave.
    const auto routed = TD_TRY(
        routing::RunRules(ctx, tx, t, input.description, core::RuleTrigger::kCreate, now, {}, &*draft.customer));
    // A plan delivered by a provider routes every ticket there, whatever the rules said.
    const auto delivered = routing::RouteByPlanDelivery(preview.plan ? &*preview.plan : nullptr, t, actor.user_id, now);
    sla::Evaluator evaluator(ctx, tx, now);
    t.sla = core::StartClocks(core::SlaTermsFor(preview.plan ? &*preview.plan : nullptr, t.severity), t.status,
                              evaluator.clock_now());
    auto settled = TD_TRY(routing::SettleRouting(ctx, tx, t, nullptr, actor.user_id, now));
    created.sla = TD_TRY(evaluator.Refresh(t));
    created.underpinning = TD_TRY(evaluator.EvaluateUnderpinning(t));
    TD_CHECK(tx.InsertTicket(t));
    core::Message description;
    description.ticket_id = t.id;
    description.author_id = actor.user_id;
    description.author_org_id = actor.org_id;
    description.kind = core::MessageKind::kCustomerReply;
    description.body = input.description;
    description.created_at = now;
    TD_CHECK(tx.InsertMessage(description));
    core::Event event{0, t.id, actor.user_id, "ticket.created", "", "", t.subject, false, now};
    TD_CHECK(tx.AppendEvent(event));
    TD_CHECK(routing::RecordRuleRun(tx, t, routed, now));
    if (delivered) settled.insert(settled.begin(), *delivered);
    TD_CHECK(routing::AppendEvents(tx, t.id, std::move(settled)));
    if (!idempotency.key.empty()) {
      TD_CHECK(tx.InsertIdempotency({actor.user_id, idempotency.key, idempotency.request_hash,
                                     "ticket", t.id.value, 0, now}));
    }
    return Ok();
  }));
  return created;
}

}  // namespace tierdesk::app::ticket
