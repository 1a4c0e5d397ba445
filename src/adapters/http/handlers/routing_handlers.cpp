#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "app/routing/routing.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

// Reads a rule strictly; every field error names its full path.
Result<core::Rule> ReadRule(const json::object& body) {
  ObjectReader reader(body);
  core::Rule rule;
  rule.name = reader.String("name", true).value_or("");
  rule.position = reader.Int("position").value_or(0);
  rule.enabled = reader.Bool("enabled").value_or(true);
  rule.stop = reader.Bool("stop").value_or(false);
  rule.provider_before_hand_up = reader.Bool("provider_before_hand_up").value_or(false);
  const auto match = reader.String("match").value_or("all");
  if (match != "all" && match != "any") {
    return Fail(Error::InvalidArgument("the rule is not valid", {{"match", "is all or any"}}));
  }
  rule.match_all = match == "all";
  if (auto run_on = reader.StringArray("run_on")) {
    rule.on_create = std::find(run_on->begin(), run_on->end(), "create") != run_on->end();
    rule.on_update = std::find(run_on->begin(), run_on->end(), "update") != run_on->end();
    for (const auto& trigger : *run_on) {
      if (trigger != "create" && trigger != "update") {
        return Fail(Error::InvalidArgument("the rule is not valid", {{"run_on", "names create and/or update"}}));
      }
    }
  }
  if (const auto* conditions = reader.ObjectArray("conditions")) {
    for (std::size_t i = 0; i < conditions->size(); ++i) {
      ObjectReader item((*conditions)[i].as_object(), "conditions[" + std::to_string(i) + "].");
      core::RuleCondition condition;
      condition.field = item.String("field", true).value_or("");
      condition.op = item.Enum<core::RuleOp>("op", core::ParseRuleOp, true).value_or(core::RuleOp::kEq);
      condition.values = item.StringArray("values").value_or(std::vector<std::string>{});
      if (auto value = item.String("value")) condition.values.push_back(*value);
      rule.conditions.push_back(std::move(condition));
      reader.Absorb(item);
    }
  }
  if (const auto* actions = reader.ObjectArray("actions")) {
    for (std::size_t i = 0; i < actions->size(); ++i) {
      ObjectReader item((*actions)[i].as_object(), "actions[" + std::to_string(i) + "].");
      core::RuleAction action;
      action.kind = item.Enum<core::RuleActionKind>("action", core::ParseRuleActionKind, true)
                        .value_or(core::RuleActionKind::kSetTeam);
      action.values = item.StringArray("values").value_or(std::vector<std::string>{});
      if (auto value = item.String("value")) action.values.push_back(*value);
      rule.actions.push_back(std::move(action));
      reader.Absorb(item);
    }
  }
  TD_CHECK(reader.Finish());
  return rule;
}

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

json::object RuleJson(const core::Rule& rule) {
  json::array conditions;
  for (const auto& c : rule.conditions) {
    conditions.push_back(json::object{{"field", c.field}, {"op", core::ToString(c.op)}, {"values", Strings(c.values)}});
  }
  json::array actions;
  for (const auto& a : rule.actions) {
    actions.push_back(json::object{{"action", core::ToString(a.kind)}, {"values", Strings(a.values)}});
  }
  json::array run_on;
  if (rule.on_create) run_on.emplace_back("create");
  if (rule.on_update) run_on.emplace_back("update");
  return json::object{{"id", rule.id.value},
                      {"name", rule.name},
                      {"position", rule.position},
                      {"enabled", rule.enabled},
                      {"match", rule.match_all ? "all" : "any"},
                      {"conditions", std::move(conditions)},
                      {"actions", std::move(actions)},
                      {"stop", rule.stop},
                      {"provider_before_hand_up", rule.provider_before_hand_up},
                      {"run_on", std::move(run_on)},
                      {"version", rule.version},
                      {"created_at", FormatTimestamp(rule.created_at)},
                      {"updated_at", FormatTimestamp(rule.updated_at)}};
}

Response RuleResponse(int status, const core::Rule& rule) {
  Response response = JsonResponse(status, RuleJson(rule));
  response.SetHeader("ETag", "\"v" + std::to_string(rule.version) + "\"");
  return response;
}

json::object RunJson(const app::routing::RuleTest& test) {
  json::array fired;
  for (const auto id : test.run.fired) fired.emplace_back(id.value);
  json::array changes;
  for (const auto& c : test.run.changes) {
    changes.push_back(json::object{{"rule_id", c.rule.value}, {"rule", c.rule_name}, {"field", c.change.field},
                                   {"before", c.change.before}, {"after", c.change.after}});
  }
  const auto messages = [](const std::vector<core::RuleMessage>& list) {
    json::array out;
    for (const auto& m : list) out.push_back(json::object{{"rule_id", m.rule.value}, {"rule", m.rule_name}, {"text", m.text}});
    return out;
  };
  const auto& t = test.ticket;
  json::array tags;
  for (const auto& tag : t.tags) tags.emplace_back(tag);
  return json::object{{"fired", std::move(fired)},
                      {"changes", std::move(changes)},
                      {"notes", messages(test.run.notes)},
                      {"notifications", messages(test.run.notifications)},
                      {"held", messages(test.run.held)},
                      {"passes", test.run.passes},
                      {"loop_limit_reached", test.run.loop_limit_reached},
                      {"ticket", json::object{{"customer_id", IdOrNull(t.customer_id.value)},
                                              {"reseller_id", IdOrNull(t.reseller_id.value)},
                                              {"service", t.service},
                                              {"category", core::ToString(t.category)},
                                              {"severity", core::ToString(t.severity)},
                                              {"subject", t.subject},
                                              {"team_id", IdOrNull(t.team_id.value)},
                                              {"assignee_id", IdOrNull(t.assignee_id.value)},
                                              {"provider_id", IdOrNull(t.provider_id.value)},
                                              {"holder", core::ToString(t.holder)},
                                              {"scope", t.scope},
                                              {"tags", std::move(tags)}}}};
}

std::vector<core::Category> ReadCategories(ObjectReader& reader, const std::string& at, std::vector<FieldError>& errors) {
  std::vector<core::Category> categories;
  for (const auto& name : reader.StringArray("categories").value_or(std::vector<std::string>{})) {
    if (const auto category = core::ParseCategory(name)) {
      categories.push_back(*category);
    } else {
      errors.push_back({at + "categories", "'" + name + "' is not billing, subscription or technical"});
    }
  }
  return categories;
}

Result<core::ServiceRequirements> ReadRequirements(const json::object& body) {
  ObjectReader reader(body);
  core::ServiceRequirements requirements;
  std::vector<FieldError> errors;
  if (const auto* fields = reader.ObjectArray("fields")) {
    for (std::size_t i = 0; i < fields->size(); ++i) {
      const std::string at = "fields[" + std::to_string(i) + "].";
      ObjectReader item((*fields)[i].as_object(), at);
      core::FieldRequirement field;
      field.name = item.String("name", true).value_or("");
      field.label = item.String("label", true).value_or("");
      field.format = item.Enum<core::FieldRequirement::Format>("format", core::ParseFieldFormat)
                         .value_or(core::FieldRequirement::Format::kText);
      field.categories = ReadCategories(item, at, errors);
      field.group = item.String("group").value_or("");
      field.customer_subscription = item.Bool("customer_subscription").value_or(false);
      requirements.fields.push_back(std::move(field));
      reader.Absorb(item);
    }
  }
  if (const auto* checklist = reader.ObjectArray("checklist")) {
    for (std::size_t i = 0; i < checklist->size(); ++i) {
      const std::string at = "checklist[" + std::to_string(i) + "].";
      ObjectReader item((*checklist)[i].as_object(), at);
      core::ChecklistItem entry;
      entry.key = item.String("key", true).value_or("");
      entry.text = item.String("text", true).value_or("");
      entry.categories = ReadCategories(item, at, errors);
      requirements.checklist.push_back(std::move(entry));
      reader.Absorb(item);
    }
  }
  TD_CHECK(reader.Finish());
  if (!errors.empty()) return Fail(Error::InvalidArgument("the requirements are not valid", std::move(errors)));
  return requirements;
}

json::object ChecklistJson(const app::routing::TicketChecklist& checklist) {
  json::array missing;
  for (const auto& m : checklist.missing) missing.push_back(json::object{{"field", m.field}, {"message", m.message}});
  json::array items;
  for (const auto& item : checklist.items) {
    items.push_back(json::object{
        {"key", item.key},
        {"text", item.text},
        {"done", item.mark.has_value()},
        {"done_by", item.mark ? IdOrNull(item.mark->done_by.value) : json::value(nullptr)},
        {"done_at", item.mark ? json::value(FormatTimestamp(item.mark->done_at)) : json::value(nullptr)}});
  }
  return json::object{{"missing_fields", std::move(missing)}, {"items", std::move(items)}};
}

}  // namespace

void RegisterRoutingRoutes(Router& router, ApiServices& services) {
  router.Add("PUT", "/api/v1/services/{code}/requirements", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto requirements = TD_TRY(ReadRequirements(TD_TRY(JsonBody(call.request))));
      auto service = TD_TRY(app::routing::SetServiceRequirements(services.app, call.actor, call.params.at(0),
                                                                 std::move(requirements)));
      return JsonResponse(200, ToJson(service));
    });
  });
  router.Add("POST", "/api/v1/tickets/{id}/handback", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      auto reason = reader.String("reason", true).value_or("");
      TD_CHECK(reader.Finish());
      const auto ticket = TD_TRY(app::routing::HandBack(services.app, call.actor, id, std::move(reason)));
      return JsonResponse(200, json::object{{"id", ticket.id.value},
                                            {"provider_id", nullptr},
                                            {"assignee_id", IdOrNull(ticket.assignee_id.value)},
                                            {"version", ticket.version}});
    });
  });
  router.Add("GET", "/api/v1/tickets/{id}/checklist", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      return JsonResponse(200, ChecklistJson(TD_TRY(app::routing::GetTicketChecklist(services.app, call.actor, id))));
    });
  });
  router.Add("PUT", "/api/v1/tickets/{id}/checklist/{key}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      const auto done = reader.Bool("done");
      TD_CHECK(reader.Finish());
      if (!done) return Fail(Error::InvalidArgument("the change is not valid", {{"done", "is required: true or false"}}));
      return JsonResponse(200, ChecklistJson(TD_TRY(app::routing::MarkChecklistItem(services.app, call.actor, id,
                                                                                    call.params.at(1), *done))));
    });
  });
  router.Add("GET", "/api/v1/rules", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      json::array items;
      for (const auto& rule : TD_TRY(app::routing::ListRules(services.app, call.actor))) items.push_back(RuleJson(rule));
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
    });
  });
  router.Add("POST", "/api/v1/rules", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto input = TD_TRY(ReadRule(TD_TRY(JsonBody(call.request))));
      auto rule = TD_TRY(app::routing::CreateRule(services.app, call.actor, std::move(input)));
      Response response = RuleResponse(201, rule);
      response.SetHeader("Location", "/api/v1/rules/" + std::to_string(rule.id.value));
      return response;
    });
  });
  router.Add("POST", "/api/v1/rules/test", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      const auto trigger = reader.String("trigger").value_or("create");
      const auto* ticket = reader.Object("ticket", true);
      TD_CHECK(reader.Finish());
      if (trigger != "create" && trigger != "update") {
        return Fail(Error::InvalidArgument("the test is not valid", {{"trigger", "is create or update"}}));
      }
      auto input = TD_TRY(ReadNewTicket(*ticket, "ticket."));
      auto test = TD_TRY(app::routing::TestRules(services.app, call.actor, input,
                                                 trigger == "create" ? core::RuleTrigger::kCreate : core::RuleTrigger::kUpdate));
      return JsonResponse(200, RunJson(test));
    });
  });
  router.Add("GET", "/api/v1/rules/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const RuleId id{TD_TRY(PathId(call, 0, "rule"))};
      return RuleResponse(200, TD_TRY(app::routing::GetRule(services.app, call.actor, id)));
    });
  });
  router.Add("PUT", "/api/v1/rules/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const RuleId id{TD_TRY(PathId(call, 0, "rule"))};
      auto input = TD_TRY(ReadRule(TD_TRY(JsonBody(call.request))));
      return RuleResponse(200, TD_TRY(app::routing::ReplaceRule(services.app, call.actor, id, std::move(input),
                                                                ReadIfMatchVersion(call.request))));
    });
  });
  router.Add("DELETE", "/api/v1/rules/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const RuleId id{TD_TRY(PathId(call, 0, "rule"))};
      TD_CHECK(app::routing::DeleteRule(services.app, call.actor, id));
      return NoContent();
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
