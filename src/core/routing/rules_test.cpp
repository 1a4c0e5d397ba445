// Routing rules: every condition operator and action, ordering, stop-processing and loop
// protection, each against a ticket built for the case.
#include "core/routing/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

namespace tierdesk::core {
namespace {

Ticket Sample() {
  Ticket t;
  t.id = TicketId{42};
  t.customer_id = OrgId{7};
  t.reseller_id = OrgId{3};
  t.subscription_id = SubscriptionId{11};
  t.service = "azure";
  t.category = Category::kTechnical;
  t.severity = Severity::kModerate;
  t.status = TicketStatus::kNew;
  t.channel = Channel::kEmail;
  t.subject = "VM in Korea Central fails to START";
  t.tags = {"compute", "vip"};
  t.fields = {{"subscription_id", "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182"}};
  return t;
}

Organization Customer() {
  Organization org;
  org.id = OrgId{7};
  org.country = "KR";
  org.locale = "ko-KR";
  org.time_zone = "Asia/Seoul";
  return org;
}

Rule RuleWith(std::vector<RuleCondition> conditions, std::vector<RuleAction> actions = {{RuleActionKind::kAddTags, {"matched"}}}) {
  static std::int64_t next = 1;
  Rule rule;
  rule.id = RuleId{next++};
  rule.name = "rule " + std::to_string(rule.id.value);
  rule.position = rule.id.value;
  rule.conditions = std::move(conditions);
  rule.actions = std::move(actions);
  return rule;
}

// Does a single rule with this one condition fire on the sample ticket?
bool Fires(const std::string& field, RuleOp op, std::vector<std::string> values, Ticket ticket = Sample()) {
  auto set = RuleSet::Compile({RuleWith({{field, op, std::move(values)}})});
  EXPECT_TRUE(set) << field << " " << ToString(op) << ": " << (set ? "" : set.error().message);
  if (!set) return false;
  const Organization customer = Customer();
  RuleContext context;
  context.customer = &customer;
  context.body = "Allocation failed with error code AllocationFailed; correlation id 1234";
  context.now = 1'000;
  context.calendar_open = [](CalendarId id, UnixSeconds) { return id == CalendarId{1}; };
  return !set->Run(ticket, context, RuleTrigger::kCreate).fired.empty();
}

TEST(RuleConditions, EveryOperatorOnEveryKindOfField) {
  struct Case {
    std::string field;
    RuleOp op;
    std::vector<std::string> values;
    bool fires;
  };
  const std::vector<Case> cases = {
      // enumerations
      {"service", RuleOp::kEq, {"azure"}, true},
      {"service", RuleOp::kNe, {"azure"}, false},
      {"service", RuleOp::kIn, {"m365", "azure"}, true},
      {"service", RuleOp::kIn, {"m365", "d365"}, false},
      {"service", RuleOp::kContains, {"zur"}, true},
      {"service", RuleOp::kRegex, {"^az"}, true},
      {"category", RuleOp::kEq, {"technical"}, true},
      {"category", RuleOp::kIn, {"billing", "subscription"}, false},
      {"status", RuleOp::kEq, {"new"}, true},
      {"channel", RuleOp::kNe, {"portal"}, true},
      // severity orders by urgency
      {"severity", RuleOp::kEq, {"moderate"}, true},
      {"severity", RuleOp::kGt, {"minimal"}, true},
      {"severity", RuleOp::kGt, {"moderate"}, false},
      {"severity", RuleOp::kLt, {"critical"}, true},
      {"severity", RuleOp::kLt, {"moderate"}, false},
      // ids: "" is none
      {"customer_id", RuleOp::kEq, {"7"}, true},
      {"customer_id", RuleOp::kIn, {"1", "2", "7"}, true},
      {"customer_id", RuleOp::kGt, {"7"}, false},
      {"customer_id", RuleOp::kLt, {"8"}, true},
      {"reseller_id", RuleOp::kEq, {"3"}, true},
      {"reseller_id", RuleOp::kNe, {""}, true},
      {"provider_id", RuleOp::kEq, {""}, true},
      {"team_id", RuleOp::kEq, {""}, true},
      {"assignee_id", RuleOp::kNe, {""}, false},
      {"subscription_id", RuleOp::kEq, {"11"}, true},
      // customer attributes
      {"customer.country", RuleOp::kEq, {"KR"}, true},
      {"customer.country", RuleOp::kIn, {"DE", "US"}, false},
      {"customer.locale", RuleOp::kRegex, {"^ko"}, true},
      {"customer.time_zone", RuleOp::kContains, {"Seoul"}, true},
      // tags
      {"tags", RuleOp::kEq, {"vip"}, true},
      {"tags", RuleOp::kEq, {"VIP"}, true},
      {"tags", RuleOp::kNe, {"vip"}, false},
      {"tags", RuleOp::kIn, {"storage", "compute"}, true},
      {"tags", RuleOp::kContains, {"comp"}, true},
      {"tags", RuleOp::kContains, {"stor"}, false},
      // text, case-insensitive
      {"subject", RuleOp::kContains, {"fails to start"}, true},
      {"subject", RuleOp::kEq, {"vm in korea central fails to start"}, true},
      {"subject", RuleOp::kNe, {"something else"}, true},
      {"subject", RuleOp::kRegex, {"korea\\s+central"}, true},
      {"subject", RuleOp::kRegex, {"KOREA\\s+\\w+"}, true},
      {"subject", RuleOp::kRegex, {"(japan|korea) central"}, true},
      {"subject", RuleOp::kRegex, {"japan|fails"}, true},
      {"subject", RuleOp::kRegex, {"vmx?\\s"}, true},
      {"subject", RuleOp::kRegex, {"star+t"}, true},
      {"subject", RuleOp::kRegex, {"^vm in"}, true},
      {"subject", RuleOp::kRegex, {"^in korea"}, false},
      {"subject", RuleOp::kRegex, {"fails\\.to"}, false},
      {"subject", RuleOp::kRegex, {"centra[lx] \\D"}, true},
      {"subject", RuleOp::kRegex, {"start$"}, true},
      {"body", RuleOp::kContains, {"allocationfailed"}, true},
      {"body", RuleOp::kRegex, {"correlation id \\d+"}, true},
      {"body", RuleOp::kContains, {"quota"}, false},
      // per-service fields
      {"fields.subscription_id", RuleOp::kRegex, {"^[0-9a-f]{8}-"}, true},
      {"fields.subscription_id", RuleOp::kEq, {""}, false},
      {"fields.tenant_domain", RuleOp::kEq, {""}, true},
      // time against a calendar (calendar 1 is open, 2 closed)
      {"time", RuleOp::kInside, {"1"}, true},
      {"time", RuleOp::kInside, {"2"}, false},
      {"time", RuleOp::kOutside, {"2"}, true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Fires(c.field, c.op, c.values), c.fires) << c.field << " " << ToString(c.op) << " " << c.values.front();
  }
}

TEST(RuleConditions, TimeConditionsNeedACalendarLookup) {
  auto set = RuleSet::Compile({RuleWith({{"time", RuleOp::kOutside, {"1"}}})});
  ASSERT_TRUE(set);
  Ticket t = Sample();
  EXPECT_TRUE(set->Run(t, RuleContext{}, RuleTrigger::kCreate).fired.empty()) << "no lookup: never";
}

TEST(RuleConditions, AllOrAny) {
  const RuleCondition yes{"service", RuleOp::kEq, {"azure"}};
  const RuleCondition no{"service", RuleOp::kEq, {"m365"}};
  auto run = [](Rule rule) {
    auto set = RuleSet::Compile({std::move(rule)});
    Ticket t = Sample();
    return !set->Run(t, {}, RuleTrigger::kCreate).fired.empty();
  };
  Rule all = RuleWith({yes, no});
  EXPECT_FALSE(run(all));
  Rule any = RuleWith({yes, no});
  any.match_all = false;
  EXPECT_TRUE(run(any));
  Rule none_any = RuleWith({no, no});
  none_any.match_all = false;
  EXPECT_FALSE(run(none_any));
  EXPECT_TRUE(run(RuleWith({}))) << "no conditions: always";
}

TEST(RuleConditions, TextSearchesFindNeedlesAnywhereInAnyCase) {
  // The subject is "VM in Korea Central fails to START"; letter-pair filtering must never hide
  // a match at the start, the end, across words or in capitals, nor let a near miss through.
  for (const char* needle : {"vm", "start", "vm in", "korea central", "S TO ST", "a", "central fails"}) {
    EXPECT_TRUE(Fires("subject", RuleOp::kContains, {needle})) << needle;
  }
  for (const char* needle : {"starts", "vm  in", "korean", "fails to stop", "zz", "tart!"}) {
    EXPECT_FALSE(Fires("subject", RuleOp::kContains, {needle})) << needle;
  }
  EXPECT_TRUE(Fires("body", RuleOp::kContains, {"allocationfailed"}));
  EXPECT_TRUE(Fires("body", RuleOp::kRegex, {"error code [a-z]+failed"}));
  EXPECT_FALSE(Fires("body", RuleOp::kRegex, {"error code [a-z]+succeeded"}));
  // Field values: a regex's required literal is checked ignoring case before the regex runs.
  EXPECT_TRUE(Fires("fields.subscription_id", RuleOp::kRegex, {"^6E8F0A4B-"}));
  EXPECT_FALSE(Fires("fields.subscription_id", RuleOp::kRegex, {"^7e8f0a4b-"}));
  // Conditions run cheapest first, which never changes what a rule decides.
  auto set = RuleSet::Compile({RuleWith({{"subject", RuleOp::kRegex, {"korea"}},
                                         {"body", RuleOp::kContains, {"correlation"}},
                                         {"severity", RuleOp::kEq, {"critical"}}})});
  ASSERT_TRUE(set);
  Ticket ticket = Sample();
  RuleContext context;
  context.body = "correlation id 1";
  EXPECT_TRUE(set->Run(ticket, context, RuleTrigger::kCreate).fired.empty()) << "moderate, not critical";
  ticket.severity = Severity::kCritical;
  EXPECT_EQ(set->Run(ticket, context, RuleTrigger::kCreate).fired.size(), 1u);
}

TEST(RuleSets, AChangeLateInAPassReachesEveryEarlierReaderInTheNextPass) {
  // Rule 1 reads tags (waits for "escalate"), rule 2 reads severity (waits for critical), rule 3
  // sets critical, rule 4 adds "escalate" once critical: a chain back and forth over two fields.
  Rule wants_tag = RuleWith({{"tags", RuleOp::kEq, {"escalate"}}}, {{RuleActionKind::kSetTeam, {"9"}}});
  Rule wants_critical = RuleWith({{"severity", RuleOp::kEq, {"critical"}}}, {{RuleActionKind::kAddTags, {"urgent"}}});
  Rule makes_critical = RuleWith({{"service", RuleOp::kEq, {"azure"}}}, {{RuleActionKind::kSetSeverity, {"critical"}}});
  Rule tags_critical = RuleWith({{"severity", RuleOp::kEq, {"critical"}}, {"tags", RuleOp::kEq, {"urgent"}}},
                                {{RuleActionKind::kAddTags, {"escalate"}}});
  auto set = RuleSet::Compile({wants_tag, wants_critical, makes_critical, tags_critical});
  ASSERT_TRUE(set);
  Ticket ticket = Sample();
  RuleContext context;
  const auto run = set->Run(ticket, context, RuleTrigger::kCreate);
  EXPECT_EQ(run.fired, (std::vector<RuleId>{makes_critical.id, wants_critical.id, tags_critical.id, wants_tag.id}));
  EXPECT_EQ(ticket.team_id, TeamId{9});
  EXPECT_FALSE(run.loop_limit_reached);
}

TEST(RuleActions, EachActionChangesTheTicketAndSaysWhichRule) {
  Rule rule = RuleWith({}, {{RuleActionKind::kSetTeam, {"5"}},
                            {RuleActionKind::kSetAssignee, {"9"}},
                            {RuleActionKind::kSetProvider, {"4"}},
                            {RuleActionKind::kSetSeverity, {"critical"}},
                            {RuleActionKind::kAddTags, {"Escalated", "vip"}},
                            {RuleActionKind::kSetScope, {"out_of_scope_billable"}},
                            {RuleActionKind::kAddNote, {"Customer is on the premium plan"}},
                            {RuleActionKind::kNotify, {"vip.ticket"}}});
  rule.name = "Azure VIP";
  auto set = RuleSet::Compile({rule});
  ASSERT_TRUE(set) << set.error().message;
  Ticket t = Sample();
  const auto run = set->Run(t, {}, RuleTrigger::kCreate);
  EXPECT_EQ(t.team_id, TeamId{5});
  EXPECT_EQ(t.assignee_id, UserId{9});
  EXPECT_EQ(t.provider_id, OrgId{4});
  EXPECT_EQ(t.severity, Severity::kCritical);
  EXPECT_EQ(t.tags, (std::vector<std::string>{"compute", "escalated", "vip"}));
  EXPECT_EQ(t.scope, "out_of_scope_billable");
  ASSERT_EQ(run.changes.size(), 6u);
  for (const auto& change : run.changes) {
    EXPECT_EQ(change.rule, rule.id);
    EXPECT_EQ(change.rule_name, "Azure VIP");
  }
  EXPECT_EQ(run.changes[0].change.field, "team_id");
  EXPECT_EQ(run.changes[0].change.before, "");
  EXPECT_EQ(run.changes[0].change.after, "5");
  EXPECT_EQ(run.changes[3].change.before, "moderate");
  EXPECT_EQ(run.changes[4].change.after, "compute,escalated,vip");
  ASSERT_EQ(run.notes.size(), 1u);
  EXPECT_EQ(run.notes[0].text, "Customer is on the premium plan");
  ASSERT_EQ(run.notifications.size(), 1u);
  EXPECT_EQ(run.notifications[0].text, "vip.ticket");

  // Clearing: an empty id.
  auto clear = RuleSet::Compile({RuleWith({}, {{RuleActionKind::kSetAssignee, {""}}})});
  ASSERT_TRUE(clear);
  const auto cleared = clear->Run(t, {}, RuleTrigger::kUpdate);
  EXPECT_FALSE(t.assignee_id.valid());
  EXPECT_EQ(cleared.changes.at(0).change.before, "9");
}

// Two-tier CSP: while the reseller holds a ticket, a rule routes it to a provider only when it
// says so (provider_before_hand_up); its other actions act either way.
TEST(RuleActions, AProviderWaitsForTheHandUpUnlessTheRuleSaysSo) {
  const Rule plain = RuleWith({}, {{RuleActionKind::kSetProvider, {"4"}}, {RuleActionKind::kSetTeam, {"5"}}});
  Rule explicit_rule = plain;
  explicit_rule.provider_before_hand_up = true;
  struct Case {
    const Rule* rule;
    Holder holder;
    bool routed;
  };
  const Case cases[] = {
      {&plain, Holder::kReseller, false},
      {&plain, Holder::kPartner, true},
      {&explicit_rule, Holder::kReseller, true},
      {&explicit_rule, Holder::kPartner, true},
  };
  for (const auto& c : cases) {
    auto set = RuleSet::Compile({*c.rule});
    ASSERT_TRUE(set) << set.error().message;
    for (const auto trigger : {RuleTrigger::kCreate, RuleTrigger::kUpdate}) {
      Ticket t = Sample();
      t.holder = c.holder;
      const auto run = set->Run(t, {}, trigger);
      const auto explicitly = c.rule->provider_before_hand_up;
      EXPECT_EQ(t.provider_id, c.routed ? OrgId{4} : OrgId{}) << explicitly << " " << ToString(c.holder);
      EXPECT_EQ(t.team_id, TeamId{5});
      EXPECT_EQ(run.changes.size(), c.routed ? 2u : 1u);
      ASSERT_EQ(run.held.size(), c.routed ? 0u : 1u);
      if (!c.routed) {
        EXPECT_NE(run.held[0].text.find("set_provider 4 waits"), std::string::npos);
      }
    }
  }
  // Clearing a provider is never held.
  auto clear = RuleSet::Compile({RuleWith({}, {{RuleActionKind::kSetProvider, {""}}})});
  ASSERT_TRUE(clear);
  Ticket t = Sample();
  t.holder = Holder::kReseller;
  t.provider_id = OrgId{4};
  EXPECT_TRUE(clear->Run(t, {}, RuleTrigger::kUpdate).held.empty());
  EXPECT_FALSE(t.provider_id.valid());
}

TEST(RuleSets, RunInPositionOrderAndLaterRulesSeeEarlierChanges) {
  Rule second = RuleWith({{"team_id", RuleOp::kEq, {"5"}}}, {{RuleActionKind::kSetAssignee, {"9"}}});
  second.position = 20;
  Rule first = RuleWith({{"service", RuleOp::kEq, {"azure"}}}, {{RuleActionKind::kSetTeam, {"5"}}});
  first.position = 10;
  auto set = RuleSet::Compile({second, first});
  ASSERT_TRUE(set);
  Ticket t = Sample();
  const auto run = set->Run(t, {}, RuleTrigger::kCreate);
  EXPECT_EQ(run.fired, (std::vector<RuleId>{first.id, second.id}));
  EXPECT_EQ(t.assignee_id, UserId{9});
  EXPECT_EQ(run.passes, 2) << "a second pass finds nothing new";
}

TEST(RuleSets, AnEarlierRuleGetsASecondChanceAfterALaterChange) {
  // Position 1 looks at the team that position 2 sets: it fires on the second pass.
  Rule looks = RuleWith({{"team_id", RuleOp::kEq, {"5"}}}, {{RuleActionKind::kAddTags, {"azure-team"}}});
  looks.position = 1;
  Rule sets = RuleWith({}, {{RuleActionKind::kSetTeam, {"5"}}});
  sets.position = 2;
  auto set = RuleSet::Compile({looks, sets});
  Ticket t = Sample();
  const auto run = set->Run(t, {}, RuleTrigger::kCreate);
  EXPECT_EQ(run.fired, (std::vector<RuleId>{sets.id, looks.id}));
  EXPECT_TRUE(std::binary_search(t.tags.begin(), t.tags.end(), "azure-team"));
}

TEST(RuleSets, StopProcessingEndsTheRun) {
  Rule stopper = RuleWith({{"service", RuleOp::kEq, {"azure"}}}, {{RuleActionKind::kSetTeam, {"5"}}});
  stopper.position = 1;
  stopper.stop = true;
  Rule after = RuleWith({}, {{RuleActionKind::kSetTeam, {"6"}}});
  after.position = 2;
  auto set = RuleSet::Compile({stopper, after});
  Ticket t = Sample();
  const auto run = set->Run(t, {}, RuleTrigger::kCreate);
  EXPECT_EQ(run.fired, std::vector<RuleId>{stopper.id});
  EXPECT_EQ(t.team_id, TeamId{5});
  // When the stopper does not match, the next rule runs.
  t.service = "m365";
  t.team_id = TeamId{};
  EXPECT_EQ(set->Run(t, {}, RuleTrigger::kCreate).fired, std::vector<RuleId>{after.id});
}

TEST(RuleSets, RulesThatUndoEachOtherStopAfterEachFiredOnce) {
  // A sets severity critical when minimal... and B sets it minimal when critical: a loop if
  // rules could fire again. Each fires once, then the run ends.
  Rule a = RuleWith({{"severity", RuleOp::kEq, {"moderate"}}}, {{RuleActionKind::kSetSeverity, {"critical"}}});
  Rule b = RuleWith({{"severity", RuleOp::kEq, {"critical"}}}, {{RuleActionKind::kSetSeverity, {"moderate"}}});
  auto set = RuleSet::Compile({a, b});
  Ticket t = Sample();
  const auto run = set->Run(t, {}, RuleTrigger::kCreate);
  EXPECT_EQ(run.fired.size(), 2u);
  EXPECT_EQ(t.severity, Severity::kModerate);
  EXPECT_LE(run.passes, RuleSet::kMaxPasses);

  // A chain longer than the pass limit is cut off and says so.
  std::vector<Rule> chain;
  for (int i = 0; i < 12; ++i) {
    Rule step = RuleWith({{"team_id", RuleOp::kEq, {i == 0 ? std::string() : std::to_string(i)}}},
                         {{RuleActionKind::kSetTeam, {std::to_string(i + 1)}}});
    step.position = 100 - i;  // each rule sits before the one it enables: one step per pass
    chain.push_back(step);
  }
  auto long_set = RuleSet::Compile(chain);
  ASSERT_TRUE(long_set);
  Ticket u = Sample();
  const auto long_run = long_set->Run(u, {}, RuleTrigger::kCreate);
  EXPECT_TRUE(long_run.loop_limit_reached);
  EXPECT_EQ(long_run.passes, RuleSet::kMaxPasses);
  EXPECT_EQ(u.team_id, TeamId{RuleSet::kMaxPasses});
}

TEST(RuleSets, OnUpdateOnlyRulesWatchingAChangedFieldAreAsked) {
  Rule critical = RuleWith({{"severity", RuleOp::kEq, {"critical"}}}, {{RuleActionKind::kSetTeam, {"5"}}});
  Rule on_team = RuleWith({{"team_id", RuleOp::kEq, {"5"}}}, {{RuleActionKind::kAddTags, {"escalated"}}});
  Rule always = RuleWith({}, {{RuleActionKind::kNotify, {"updated"}}});
  auto set = RuleSet::Compile({critical, on_team, always});
  ASSERT_TRUE(set);
  Ticket t = Sample();
  t.severity = Severity::kCritical;
  // The subject changed: the severity rule is not asked, although it would match.
  EXPECT_EQ(set->Run(t, {}, RuleTrigger::kUpdate, {"subject"}).fired, std::vector<RuleId>{always.id});
  // The severity changed: it fires, and the team it sets makes the team rule worth asking.
  EXPECT_EQ(set->Run(t, {}, RuleTrigger::kUpdate, {"severity"}).fired,
            (std::vector<RuleId>{critical.id, on_team.id, always.id}));
  // At creation every rule is asked.
  Ticket fresh = Sample();
  fresh.severity = Severity::kCritical;
  EXPECT_EQ(set->Run(fresh, {}, RuleTrigger::kCreate).fired.size(), 3u);
}

TEST(RuleSets, TriggersAndDisabledRules) {
  Rule create_only = RuleWith({}, {{RuleActionKind::kAddTags, {"created"}}});
  create_only.on_update = false;
  Rule disabled = RuleWith({}, {{RuleActionKind::kAddTags, {"never"}}});
  disabled.enabled = false;
  auto set = RuleSet::Compile({create_only, disabled});
  ASSERT_TRUE(set);
  EXPECT_EQ(set->size(), 1u);
  Ticket t = Sample();
  EXPECT_TRUE(set->Run(t, {}, RuleTrigger::kUpdate).fired.empty());
  EXPECT_EQ(set->Run(t, {}, RuleTrigger::kCreate).fired.size(), 1u);
}

TEST(RuleStorage, ConditionsAndActionsRoundTrip) {
  const std::vector<RuleCondition> conditions = {{"service", RuleOp::kIn, {"azure", "m365"}},
                                                 {"subject", RuleOp::kRegex, {"a|b, c"}},
                                                 {"reseller_id", RuleOp::kEq, {""}}};
  const std::vector<RuleAction> actions = {{RuleActionKind::kAddTags, {"vip", "azure"}},
                                           {RuleActionKind::kAddNote, {"Line one\nline two"}},
                                           {RuleActionKind::kSetAssignee, {""}}};
  const auto c = DecodeConditions(EncodeConditions(conditions));
  ASSERT_TRUE(c);
  ASSERT_EQ(c->size(), 3u);
  EXPECT_EQ((*c)[0].values, (std::vector<std::string>{"azure", "m365"}));
  EXPECT_EQ((*c)[1].op, RuleOp::kRegex);
  EXPECT_EQ((*c)[2].values, std::vector<std::string>{""});
  const auto a = DecodeActions(EncodeActions(actions));
  ASSERT_TRUE(a);
  ASSERT_EQ(a->size(), 3u);
  EXPECT_EQ((*a)[1].values.front(), "Line one\nline two");
  EXPECT_EQ((*a)[2].values, std::vector<std::string>{""});
  EXPECT_TRUE(DecodeConditions("")->empty());
  EXPECT_FALSE(DecodeConditions("service\x1f" "sometimes\x1f" "azure"));
  EXPECT_FALSE(DecodeActions("explode\x1f" "1"));
}

TEST(RuleValidation, NamesEveryBadPart) {
  Rule rule = RuleWith({{"colour", RuleOp::kEq, {"red"}},
                        {"severity", RuleOp::kContains, {"crit"}},
                        {"severity", RuleOp::kEq, {"urgent"}},
                        {"subject", RuleOp::kRegex, {"(unclosed"}},
                        {"service", RuleOp::kEq, {"a", "b"}},
                        {"time", RuleOp::kInside, {"x"}},
                        {"status", RuleOp::kGt, {"new"}}},
                       {{RuleActionKind::kSetTeam, {"-1"}},
                        {RuleActionKind::kSetSeverity, {"urgent"}},
                        {RuleActionKind::kAddTags, {"bad tag!"}},
                        {RuleActionKind::kSetScope, {"sometimes"}},
                        {RuleActionKind::kAddNote, {""}}});
  rule.name = " ";
  const auto status = ValidateRule(rule);
  ASSERT_FALSE(status);
  std::set<std::string> fields;
  for (const auto& e : status.error().fields) fields.insert(e.field);
  for (const char* expected : {"name", "conditions[0].field", "conditions[1].op", "conditions[2].values",
                               "conditions[3].values", "conditions[4].values", "conditions[5].values",
                               "conditions[6].op", "actions[0].values", "actions[1].values", "actions[2].values",
                               "actions[3].values", "actions[4].values"}) {
    EXPECT_TRUE(fields.count(expected)) << expected;
  }
  EXPECT_FALSE(RuleSet::Compile({rule}));
  Rule no_actions = RuleWith({});
  no_actions.actions.clear();
  EXPECT_FALSE(ValidateRule(no_actions));
}


// Does a body-regex rule fire on this text? (The body is the one text a customer controls whole.)
bool BodyMatches(const std::string& pattern, const std::string& body) {
  auto set = RuleSet::Compile({RuleWith({{"body", RuleOp::kRegex, {pattern}}})});
  EXPECT_TRUE(set) << pattern << ": " << (set ? "" : set.error().message);
  if (!set) return false;
  Ticket ticket = Sample();
  RuleContext context;
  context.body = body;
  return !set->Run(ticket, context, RuleTrigger::kCreate).fired.empty();
}

TEST(RuleRegexes, RunInLinearTimeOnTextsThatOverflowedABacktrackingEngine) {
  // std::regex recursed once per character here and overflowed the stack (issue 13, finding 1).
  const std::string filler(40'000, 'x');
  EXPECT_TRUE(BodyMatches("refund.*urgent", "refund " + filler + " urgent"));
  EXPECT_FALSE(BodyMatches("refund.*urgent", "refund " + filler + " calm"));
  EXPECT_TRUE(BodyMatches("(error|fail).*(vm|server)", "error " + filler + " on the VM"));
  EXPECT_FALSE(BodyMatches("(error|fail).*(vm|server)", "error " + filler));
  // The classic exponential case for backtracking engines.
  EXPECT_FALSE(BodyMatches("(x+x+)+y", std::string(60'000, 'x')));
  EXPECT_TRUE(BodyMatches("(x+x+)+y", std::string(60'000, 'x') + "y"));
}

TEST(RuleRegexes, AreCaseInsensitiveBeyondAsciiWithoutTheLiteralShortcutHidingAMatch) {
  EXPECT_TRUE(BodyMatches("Korea\\s+CENTRAL", "vm in korea   central"));
  EXPECT_TRUE(BodyMatches("\\d{4}-\\d{2}", "ticket 2026-12"));
  EXPECT_FALSE(BodyMatches("\\D{4}-", "2026-12"));
  // RE2 folds the Kelvin sign to k and the long s to s: the required literal ("kelvins") must not
  // reject a text that only an engine with Unicode folding matches.
  EXPECT_TRUE(BodyMatches("kelvins", "\u212Aelvin\u017F"));
  EXPECT_TRUE(BodyMatches("서울.*장애", "서울 리전 장애 발생"));
  EXPECT_TRUE(BodyMatches("\\x41BC", "xabcx"));
  EXPECT_TRUE(BodyMatches("\\pLz", "az"));
  EXPECT_FALSE(BodyMatches("\\pLz", "1z"));
  EXPECT_TRUE(BodyMatches("\\QA.B\\E", "a.b"));
  EXPECT_FALSE(BodyMatches("\\QA.B\\E", "axb"));
  EXPECT_TRUE(BodyMatches("[]a]x", "]x"));
  // Found in review: a '{' that is no repetition hides a top-level alternation; a POSIX class
  // inside a class; a non-ASCII letter RE2 folds to an ASCII one.
  EXPECT_TRUE(BodyMatches("urgent{|refund", "refund please"));
  EXPECT_TRUE(BodyMatches("abc{|x", "x"));
  EXPECT_TRUE(BodyMatches("vm[[:space:]]failure", "vm failure"));
  EXPECT_TRUE(BodyMatches("\u212Aelvin", "kelvin"));
  EXPECT_TRUE(BodyMatches("a{2,3}b", "xaab"));
  // Found by rules_fuzz: a quantifier after a flag group repeats the atom before it.
  EXPECT_TRUE(BodyMatches("C(?i)*1?i?", ""));
  EXPECT_TRUE(BodyMatches("x(?s)+y", "xxy"));
  EXPECT_FALSE(BodyMatches("a{2,3}b", "xab"));
}

TEST(RuleRegexes, AreRefusedWhenSavedIfInvalidUnsupportedOrTooComplex) {
  const auto refused = [](const std::string& pattern) {
    return !ValidateRule(RuleWith({{"body", RuleOp::kRegex, {pattern}}}));
  };
  EXPECT_TRUE(refused("(unclosed"));
  EXPECT_TRUE(refused("(a)\\1"));          // back-references need backtracking
  EXPECT_TRUE(refused("(?=lookahead)"));   // so do look-arounds
  EXPECT_TRUE(refused("a{1001}"));         // repetition beyond RE2's limit
  EXPECT_TRUE(refused("(\\w{100}){100}")); // within the text limit, beyond the program budget
  EXPECT_TRUE(refused("[\\p{L}\\p{N}]{500}"));
  EXPECT_FALSE(refused("(error|fail).*(vm|server)"));
  EXPECT_FALSE(refused("^[0-9a-f]{8}-[0-9a-f]{4}-"));
  const auto error = ValidateRule(RuleWith({{"body", RuleOp::kRegex, {"(\\w{100}){100}"}}}));
  ASSERT_FALSE(error);
  ASSERT_FALSE(error.error().fields.empty());
  EXPECT_EQ(error.error().fields.front().field, "conditions[0].values");
}


TEST(RuleRegexes, AStoredRuleThisVersionRefusesIsLeftOutWithoutStoppingTheOthers) {
  // A rule saved while regexes ran in std::regex may use a look-ahead RE2 cannot run.
  Rule old = RuleWith({{"body", RuleOp::kRegex, {"^(?!test).*outage"}}});
  Rule good = RuleWith({{"body", RuleOp::kContains, {"outage"}}}, {{RuleActionKind::kAddTags, {"outage"}}});
  EXPECT_FALSE(RuleSet::Compile({old, good}));
  auto set = RuleSet::Compile({old, good}, RuleSet::InvalidRules::kSkip);
  ASSERT_TRUE(set);
  EXPECT_EQ(set->size(), 1u);
  ASSERT_EQ(set->skipped().size(), 1u);
  EXPECT_EQ(set->skipped().front(), old.id);
  Ticket ticket = Sample();
  RuleContext context;
  context.body = "a production outage";
  EXPECT_EQ(set->Run(ticket, context, RuleTrigger::kCreate).fired, std::vector<RuleId>{good.id});
}


TEST(RuleRegexes, APatternThatDefeatsTheDfaLooksAtABoundedPrefixOfTheText) {
  // [ab]*a[ab]{999}c makes RE2's DFA give up and run its NFA: time is text × program size.
  const std::string pattern = "[ab]*a[ab]{999}c";
  std::string text;
  for (int i = 0; i < 100'000; ++i) text += "ab"[(i * 7919 / 13) % 2];
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(BodyMatches(pattern, text + "c"));  // past the budget: not seen
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  EXPECT_EQ(RegexTextBudget(1), 64u * 1024);
  EXPECT_EQ(RegexTextBudget(5000), 3200u);
  EXPECT_TRUE(BodyMatches("refund", std::string(60'000, 'x') + " refund"));   // small pattern: 64 KiB
  EXPECT_FALSE(BodyMatches("refund", std::string(70'000, 'x') + " refund"));  // beyond it
}

TEST(RuleTargets, ADeadTargetDoesNotActAndTheRunSaysWhy) {
  auto set = RuleSet::Compile({RuleWith({}, {{RuleActionKind::kSetProvider, {"10"}},
                                             {RuleActionKind::kSetAssignee, {"5"}},
                                             {RuleActionKind::kAddTags, {"routed"}}})});
  ASSERT_TRUE(set);
  RuleContext context;
  context.refuse_target = [](RuleActionKind kind, std::int64_t id) -> std::optional<std::string> {
    if (kind == RuleActionKind::kSetProvider && id == 10) return "the organisation no longer exists";
    return std::nullopt;
  };
  Ticket ticket = Sample();
  ticket.holder = Holder::kPartner;
  const auto run = set->Run(ticket, context, RuleTrigger::kCreate);
  EXPECT_FALSE(ticket.provider_id.valid()) << "a deleted provider's id never routes";
  EXPECT_EQ(ticket.assignee_id, UserId{5}) << "a live target still acts";
  EXPECT_TRUE(std::binary_search(ticket.tags.begin(), ticket.tags.end(), std::string("routed")));
  ASSERT_EQ(run.held.size(), 1u);
  EXPECT_EQ(run.held[0].text, "set_provider 10 does not act: the organisation no longer exists");
  // Without the lookup (no store), every target acts as before.
  Ticket other = Sample();
  other.holder = Holder::kPartner;
  set->Run(other, RuleContext{}, RuleTrigger::kCreate);
  EXPECT_EQ(other.provider_id, OrgId{10});
}

TEST(RuleTargets, ReferencesNameEveryRuleThatNamesTheIdInAConditionOrAnAction) {
  std::vector<Rule> rules = {
      RuleWith({{"customer_id", RuleOp::kIn, {"3", "4"}}}),
      RuleWith({}, {{RuleActionKind::kSetProvider, {"4"}}}),
      RuleWith({{"assignee_id", RuleOp::kEq, {"4"}}}, {{RuleActionKind::kSetAssignee, {"9"}}}),
      RuleWith({{"subscription_id", RuleOp::kEq, {"4"}}}),  // a subscription, not an organisation
  };
  rules[0].name = "Contoso";
  const auto orgs = RuleReferencesTo(rules, RuleTarget::kOrganization, 4);
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0], "the rule " + std::to_string(rules[0].id.value) + " \"Contoso\"");
  EXPECT_EQ(RuleReferencesTo(rules, RuleTarget::kUser, 4).size(), 1u);
  EXPECT_EQ(RuleReferencesTo(rules, RuleTarget::kUser, 9).size(), 1u);
  EXPECT_TRUE(RuleReferencesTo(rules, RuleTarget::kOrganization, 9).empty());
}

}  // namespace
}  // namespace tierdesk::core
