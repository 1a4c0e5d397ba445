// bench/rules_bench.cpp: routing rules on one core. 200 rules of the kinds a CSP partner writes
// (service × category to teams, VIP customers, keywords in subjects and bodies, regexes on
// fields, countries to providers, after-hours routing, severity notifications), run over a
// pool of varied tickets as at creation. Target: at least 200,000 ticket evaluations per second.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "core/routing/rules.hpp"

namespace {

using namespace tierdesk;
using core::Rule;
using core::RuleActionKind;
using core::RuleOp;

std::vector<Rule> RealisticRules() {
  std::vector<Rule> rules;
  std::int64_t id = 0;
  auto add = [&](std::string name, std::vector<core::RuleCondition> conditions, std::vector<core::RuleAction> actions,
                 bool all = true) {
    Rule rule;
    rule.id = RuleId{++id};
    rule.name = std::move(name);
    rule.position = id * 10;
    rule.match_all = all;
    rule.conditions = std::move(conditions);
    rule.actions = std::move(actions);
    rules.push_back(std::move(rule));
  };
  const char* services[] = {"azure", "m365", "d365"};
  const char* categories[] = {"billing", "subscription", "technical"};
  // 9: service × category to a team.
  for (int s = 0; s < 3; ++s) {
    for (int c = 0; c < 3; ++c) {
      add(std::string("route ") + services[s] + " " + categories[c],
          {{"service", RuleOp::kEq, {services[s]}}, {"category", RuleOp::kEq, {categories[c]}}},
          {{RuleActionKind::kSetTeam, {std::to_string(1 + s * 3 + c)}}});
    }
  }
  // 50: VIP customers, each with a list of ids.
  for (int i = 0; i < 50; ++i) {
    std::vector<std::string> ids;
    for (int k = 0; k < 20; ++k) ids.push_back(std::to_string(1000 + i * 20 + k));
    add("vip group " + std::to_string(i), {{"customer_id", RuleOp::kIn, ids}, {"severity", RuleOp::kGt, {"minimal"}}},
        {{RuleActionKind::kAddTags, {"vip"}}});
  }
  // 40: keywords in the subject or the body.
  const char* keywords[] = {"outage", "down", "invoice", "refund", "licence", "sign-in", "mfa", "quota",
                            "throttl", "certificate", "dns", "vpn", "backup", "restore", "latency", "timeout",
                            "teams", "sharepoint", "onedrive", "exchange"};
  for (int i = 0; i < 40; ++i) {
    const char* word = keywords[i % 20];
    add(std::string("keyword ") + word + (i < 20 ? " subject" : " body"),
        {{i < 20 ? "subject" : "body", RuleOp::kContains, {word}}}, {{RuleActionKind::kAddTags, {std::string("kw-") + std::to_string(i)}}});
  }
  // 10: regular expressions on subjects and fields.
  for (int i = 0; i < 5; ++i) {
    add("error code " + std::to_string(i), {{"subject", RuleOp::kRegex, {"(error|code)\\s*" + std::to_string(i) + "\\d{3}"}}},
        {{RuleActionKind::kAddTags, {"error-code"}}});
    add("sandbox subscription " + std::to_string(i), {{"fields.subscription_id", RuleOp::kRegex, {"^0000000" + std::to_string(i)}}},
        {{RuleActionKind::kSetSeverity, {"minimal"}}});
  }
  // 20: countries to providers.
  const char* countries[] = {"DE", "AT", "CH", "FR", "IE", "GB", "US", "CA", "JP", "SG"};
  for (int i = 0; i < 20; ++i) {
    add(std::string("country ") + countries[i % 10] + " " + services[i % 3],
        {{"customer.country", RuleOp::kEq, {countries[i % 10]}}, {"service", RuleOp::kEq, {services[i % 3]}}},
        {{RuleActionKind::kSetProvider, {std::to_string(500 + i)}}});
  }
  // 10: after hours.
  for (int i = 0; i < 10; ++i) {
    add("after hours " + std::to_string(i), {{"time", RuleOp::kOutside, {std::to_string(1 + i % 3)}}, {"severity", RuleOp::kEq, {"critical"}}},
        {{RuleActionKind::kNotify, {"after-hours.critical"}}});
  }
  // 30: tags and channels.
  for (int i = 0; i < 30; ++i) {
    add("tag " + std::to_string(i), {{"tags", RuleOp::kEq, {"kw-" + std::to_string(i)}}, {"channel", RuleOp::kIn, {"email", "portal"}}},
        {{RuleActionKind::kAddTags, {"triaged"}}}, i % 2 == 0);
  }
  // 31: resellers, subscriptions, severity notifications.
  for (int i = 0; i < 31; ++i) {
    add("reseller " + std::to_string(i), {{"reseller_id", RuleOp::kEq, {std::to_string(200 + i)}}, {"status", RuleOp::kEq, {"new"}}},
        {{RuleActionKind::kAddNote, {"Reseller-owned customer: keep the reseller informed."}}});
  }
  return rules;
}

std::vector<core::Ticket> RandomTickets() {
  std::mt19937_64 random(11);
  const char* services[] = {"azure", "m365", "d365"};
  const char* subjects[] = {"VM in Korea Central fails to start after resize", "Users cannot sign in after MFA rollout",
                            "Unexpected charges on the November invoice", "Teams meeting recordings missing",
                            "Mail to external domains delayed by hours", "Error 4012 when exporting the report",
                            "SharePoint site storage quota exceeded", "Certificate does not bind to custom domain"};
  std::vector<core::Ticket> tickets;
  for (int i = 0; i < 1024; ++i) {
    core::Ticket t;
    t.id = TicketId{i + 1};
    t.customer_id = OrgId{static_cast<std::int64_t>(900 + random() % 1400)};
    if (random() % 4 == 0) t.reseller_id = OrgId{static_cast<std::int64_t>(200 + random() % 40)};
    t.service = services[random() % 3];
    t.category = static_cast<core::Category>(random() % 3);
    t.severity = static_cast<core::Severity>(random() % 3);
    t.channel = static_cast<core::Channel>(random() % 4);
    t.subject = subjects[random() % 8];
    t.fields["subscription_id"] = (random() % 10 == 0 ? "00000001-" : "6e8f0a4b-") + std::string("5c7d-4e9f-9a2b-3d4e5f607182");
    tickets.push_back(std::move(t));
  }
  return tickets;
}

void BM_RunRules(benchmark::State& state) {
  const auto rules = core::RuleSet::Compile(RealisticRules());
  if (!rules) {
    state.SkipWithError(rules.error().message.c_str());
    return;
  }
  const auto tickets = RandomTickets();
  std::vector<core::Organization> customers(3);
  const char* countries[] = {"KR", "DE", "US"};
  for (int i = 0; i < 3; ++i) customers[static_cast<std::size_t>(i)].country = countries[i];
  const std::string body = "Since this morning the service is down for everyone; we restarted twice. Correlation id 0f3c.";
  std::size_t i = 0;
  core::Ticket scratch;
  for (auto _ : state) {
    scratch = tickets[i & 1023];
    core::RuleContext context;
    context.customer = &customers[i % 3];
    context.body = body;
    context.now = 1'795'000'000 + static_cast<std::int64_t>(i % 86'400);
    context.calendar_open = [](CalendarId calendar, core::UnixSeconds t) { return (t / 3600 + calendar.value) % 24 < 9; };
    benchmark::DoNotOptimize(rules->Run(scratch, context, core::RuleTrigger::kCreate));
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["rules"] = static_cast<double>(rules->size());
}
BENCHMARK(BM_RunRules);

}  // namespace

BENCHMARK_MAIN();
