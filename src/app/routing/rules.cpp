#include "app/routing/routing.hpp"

#include <charconv>

namespace tierdesk::app::routing {
namespace {

// What the core cannot check alone: the teams, users and providers a rule names exist.
Status CheckReferences(core::ReadTx& tx, const core::Rule& rule) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < rule.actions.size(); ++i) {
    const auto& action = rule.actions[i];
    const std::string field = "actions[" + std::to_string(i) + "].values";
    const bool names_id = action.kind == core::RuleActionKind::kSetTeam ||
                          action.kind == core::RuleActionKind::kSetAssignee ||
                          action.kind == core::RuleActionKind::kSetProvider;
    if (!names_id || action.values.empty() || action.values.front().empty()) continue;  // "": clear
    std::int64_t id = 0;
    const auto& text = action.values.front();
    std::from_chars(text.data(), text.data() + text.size(), id);  // ValidateRule checked the digits
    switch (action.kind) {
      case core::RuleActionKind::kSetTeam:
        if (!tx.GetTeam(TeamId{id})) errors.push_back({field, "no such team"});
        break;
      case core::RuleActionKind::kSetAssignee: {
        auto user = tx.GetUser(UserId{id});
        if (!user || !core::IsPartnerStaff(user->role) || !user->active) {
          errors.push_back({field, "is not an active member of the partner's staff"});
        }
        break;
      }
      case core::RuleActionKind::kSetProvider: {
        auto org = tx.GetOrganization(OrgId{id});
        if (!org || org->kind != core::OrgKind::kProvider) errors.push_back({field, "is not a provider organisation"});
        break;
      }
      default: break;
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the rule is not valid", errors));
  return Ok();
}

// How history names the rule that acted.
std::string Via(RuleId rule, const std::string& name) { return "rule " + std::to_string(rule.value) + ": " + name; }

}  // namespace

Result<std::shared_ptr<const core::RuleSet>> RuleCache::Get(core::ReadTx& tx) {
  const auto version = TD_TRY(tx.RulesVersion());
  {
    std::lock_guard lock(mutex_);
    if (rules_ && version_ == version) return rules_;
  }
  // Stored rules this version refuses (saved before user regexes moved to RE2) are left out
  // rather than failing every ticket; editing such a rule shows why it is refused.
  auto compiled = std::make_shared<const core::RuleSet>(
      TD_TRY(core::RuleSet::Compile(TD_TRY(tx.ListRules()), core::RuleSet::InvalidRules::kSkip)));
  std::lock_guard lock(mutex_);
  if (version >= version_) {
    version_ = version;
    rules_ = compiled;
  }
  return compiled;
}

Result<std::vector<core::Rule>> ListRules(const AppContext& ctx, const core::Actor& actor) {
  TD_CHECK(core::Require(actor, core::Action::kReadRules));
  return core::ReadValue<std::vector<core::Rule>>(ctx.store, [](core::ReadTx& tx) { return tx.ListRules(); });
}

Result<core::Rule> GetRule(const AppContext& ctx, const core::Actor& actor, RuleId id) {
  TD_CHECK(core::Require(actor, core::Action::kReadRules));
  return core::ReadValue<core::Rule>(ctx.store, [&](core::ReadTx& tx) { return tx.GetRule(id); });
}

Result<core::Rule> CreateRule(const AppContext& ctx, const core::Actor& actor, core::Rule rule) {
  TD_CHECK(core::Require(actor, core::Action::kManageRules));
  TD_CHECK(core::ValidateRule(rule));
  const Timestamp now = ctx.clock.Now();
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(CheckReferences(tx, rule));
    rule.version = 1;
    rule.created_at = now;
    rule.updated_at = now;
    TD_CHECK(tx.InsertRule(rule));
    auto event = core::DirectoryEvent(actor.user_id, "rule.created", "rule", rule.id.value, now);
    return tx.AppendEvent(event);
  }));
  return rule;
}

Result<core::Rule> ReplaceRule(const AppContext& ctx, const core::Actor& actor, RuleId id, core::Rule rule,
                               std::optional<std::int64_t> expected_version) {
  TD_CHECK(core::Require(actor, core::Action::kManageRules));
  TD_CHECK(core::ValidateRule(rule));
  const Timestamp now = ctx.clock.Now();
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    const auto current = TD_TRY(tx.GetRule(id));
    TD_CHECK(CheckVersion(expected_version, current.version, "rule"));
    TD_CHECK(CheckReferences(tx, rule));
    rule.id = id;
    rule.version = current.version + 1;
    rule.created_at = current.created_at;
    rule.updated_at = now;
    TD_CHECK(tx.UpdateRule(rule, current.version));
    auto event = core::DirectoryEvent(actor.user_id, "rule.updated", "rule", id.value, now);
    event.before = std::to_string(current.version);
    return tx.AppendEvent(event);
  }));
  return rule;
}

Status DeleteRule(const AppContext& ctx, const core::Actor& actor, RuleId id) {
  TD_CHECK(core::Require(actor, core::Action::kManageRules));
  const Timestamp now = ctx.clock.Now();
  return ctx.store.Write([&](core::WriteTx& tx) -> Status {
    TD_CHECK(tx.DeleteRule(id));
    auto event = core::DirectoryEvent(actor.user_id, "rule.deleted", "rule", id.value, now);
    return tx.AppendEvent(event);
  });
}

Result<RuleTest> TestRules(const AppContext& ctx, const core::Actor& actor, const ticket::NewTicket& input,
                           core::RuleTrigger trigger) {
  TD_CHECK(core::Require(actor, core::Action::kReadRules));
  const Timestamp now = ctx.clock.Now();
  RuleTest test;
  ticket::NewTicket normalised = input;
  TD_CHECK(ctx.store.Read([&](core::ReadTx& tx) -> Status {
    // The same draft ticket creation builds, so a rule matches the dry run as it matches the real one.
    auto draft = TD_TRY(ticket::BuildDraft(ctx, tx, actor, normalised, now));
    test.ticket = std::move(draft.ticket);
    const core::Organization* customer = draft.customer ? &*draft.customer : nullptr;
    test.run = TD_TRY(RunRules(ctx, tx, test.ticket, normalised.description, trigger, now, {}, customer));
    return Ok();
  }));
  return test;
}

Result<core::RuleRun> RunRules(const AppContext& ctx, core::ReadTx& tx, core::Ticket& ticket, std::string_view body,
                               core::RuleTrigger trigger, Timestamp now,
                               const std::vector<std::string>& changed_fields, const core::Organization* customer) {
  const auto rules = TD_TRY(ctx.rules.Get(tx));
  if (rules->size() == 0) return core::RuleRun{};
  std::optional<core::Organization> loaded;
  if (!customer && ticket.customer_id.valid()) {
    if (auto org = tx.GetOrganization(ticket.customer_id)) loaded = std::move(*org);
    customer = loaded ? &*loaded : nullptr;
  }
  core::RuleContext context;
  context.customer = customer;
  // The target an action names is looked up at run time: deleted, deactivated or of the wrong
  // kind since the rule was saved, it does not act (RuleRun::held says why).
  context.refuse_target = [&tx](core::RuleActionKind kind, std::int64_t id) -> std::optional<std::string> {
    switch (kind) {
      case core::RuleActionKind::kSetTeam:
        if (!tx.GetTeam(TeamId{id})) return "the team no longer exists";
        return std::nullopt;
      case core::RuleActionKind::kSetAssignee: {
        auto user = tx.GetUser(UserId{id});
        if (!user) return "the user no longer exists";
        if (!core::IsPartnerStaff(user->role)) return "the user is not a member of the partner's staff";
        if (!user->active) return "the user is deactivated";
        auto org = tx.GetOrganization(user->organization_id);
        if (!org || !org->active()) return "the user's organisation is deactivated";
        return std::nullopt;
      }
      case core::RuleActionKind::kSetProvider: {
        auto org = tx.GetOrganization(OrgId{id});
        if (!org) return "the organisation no longer exists";
        if (org->kind != core::OrgKind::kProvider) return "the organisation is not a provider";
        if (!org->active()) return "the provider is deactivated";
        return std::nullopt;
      }
      default: return std::nullopt;
    }
  };
  context.body = body;
  context.now = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  // Built calendars come from the cache, checked against the terms version (read once).
  std::optional<std::int64_t> terms_version;
  context.calendar_open = [&ctx, &tx, &terms_version](CalendarId id, core::UnixSeconds at) {
    if (!terms_version) {
      const auto version = tx.TermsVersion();
      if (!version) return false;
      terms_version = *version;
    }
    auto built = ctx.calendars.GetAsOf(id, *terms_version, ctx.zones, [&] { return tx.GetCalendar(id); });
    return built && (*built)->IsOpen(at);
  };
  return rules->Run(ticket, context, trigger, changed_fields);
}

Status RecordRuleRun(core::WriteTx& tx, const core::Ticket& ticket, const core::RuleRun& run, Timestamp now) {
  for (const auto& change : run.changes) {
    core::Event event{0, ticket.id, UserId{}, "ticket.updated", change.change.field, change.change.before,
                      change.change.after, false, now};
    event.via = Via(change.rule, change.rule_name);
    TD_CHECK(tx.AppendEvent(event));
  }
  for (const auto& note : run.notes) {
    core::Message message;
    message.ticket_id = ticket.id;
    message.kind = core::MessageKind::kInternalNote;
    message.body = note.text;
    message.created_at = now;
    TD_CHECK(tx.InsertMessage(message));
    core::Event event{0, ticket.id, UserId{}, "message.added", "internal_note", "", std::to_string(message.id.value),
                      true, now};
    event.via = Via(note.rule, note.rule_name);
    TD_CHECK(tx.AppendEvent(event));
  }
  for (const auto& notification : run.notifications) {
    core::Event event{0, ticket.id, UserId{}, "rule.notify", "", "", notification.text, true, now};
    event.via = Via(notification.rule, notification.rule_name);
    TD_CHECK(tx.AppendEvent(event));
    core::OutboxEntry entry{0, event.id, "rule.notify", ticket.id, now, std::nullopt, 0};
    TD_CHECK(tx.InsertOutbox(entry));
  }
  return Ok();
}

}  // namespace tierdesk::app::routing
