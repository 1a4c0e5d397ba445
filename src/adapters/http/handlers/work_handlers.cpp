// Who works a ticket: the two-tier hand-up, internal escalation and its report, providers'
// contracts, and time logged with its cost and price.
#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "app/routing/routing.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

Result<std::string> ReadReason(const Request& request) {
  const auto body = TD_TRY(JsonBody(request));
  ObjectReader reader(body);
  auto reason = reader.String("reason", true).value_or("");
  TD_CHECK(reader.Finish());
  return reason;
}

json::value Money(const std::string& currency, std::int64_t hourly_rate, std::int64_t amount) {
  if (currency.empty()) return nullptr;
  return json::object{{"currency", currency}, {"hourly_rate", hourly_rate}, {"amount", amount}};
}


Response ContractResponse(int status, const core::ProviderContract& c) {
  Response response = JsonResponse(status, json::object{{"provider_id", c.provider.value},
                                                        {"currency", c.currency},
                                                        {"hourly_cost", c.hourly_cost},
                                                        {"hours_calendar_id", IdOrNull(c.hours.value)},
                                                        {"targets", SeverityTargetsJson(c.targets)},
                                                        {"version", c.version},
                                                        {"updated_at", FormatTimestamp(c.updated_at)}});
  response.SetHeader("ETag", "\"v" + std::to_string(c.version) + "\"");
  return response;
}

json::object TicketRoutingJson(const core::Ticket& t) {
  return json::object{{"id", t.id.value},
                      {"holder", core::ToString(t.holder)},
                      {"team_id", IdOrNull(t.team_id.value)},
                      {"assignee_id", IdOrNull(t.assignee_id.value)},
                      {"provider_id", IdOrNull(t.provider_id.value)},
                      {"version", t.version}};
}

Result<Timestamp> ReadInstant(const Request& request, const char* name, Timestamp fallback) {
  const auto text = request.Query(name);
  if (!text) return fallback;
  const auto parsed = ParseTimestamp(*text);
  if (!parsed) return Fail(BadParameter(name, "must be an RFC 3339 instant such as 2026-11-01T00:00:00Z"));
  return *parsed;
}

}  // namespace

json::object TimeEntryJson(const core::TimeEntry& e, const core::Actor& viewer) {
  const auto money = core::MoneyViewFor(viewer);
  return json::object{{"id", e.id},
                      {"ticket_id", e.ticket_id.value},
                      {"user_id", e.user_id.value},
                      {"organization_id", e.org_id.value},
                      {"minutes", e.minutes},
                      {"note", e.note},
                      {"cost", money.MaySeeCost(e.org_id) ? Money(e.cost_currency, e.cost_hourly_rate, e.cost_amount)
                                                          : json::value(nullptr)},
                      {"price", money.prices ? Money(e.price_currency, e.price_hourly_rate, e.price_amount)
                                             : json::value(nullptr)},
                      {"billable", e.billable},
                      {"activity", core::ToString(e.activity)},
                      {"after_hours_minutes", e.after_hours_minutes},
                      {"version", e.version},
                      {"worked_at", FormatTimestamp(e.worked_at)},
                      {"created_at", FormatTimestamp(e.created_at)},
                      {"updated_at", FormatTimestamp(e.updated_at)}};
}

void RegisterWorkRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/tickets/{id}/handup", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      auto reason = TD_TRY(ReadReason(call.request));
      const auto ticket = TD_TRY(app::routing::HandUp(services.app, call.actor, id, std::move(reason)));
      return JsonResponse(200, TicketRoutingJson(ticket));
    });
  });
  router.Add("POST", "/api/v1/tickets/{id}/escalate", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      const TeamId team{reader.Int("team_id", true).value_or(0)};
      auto reason = reader.String("reason", true).value_or("");
      TD_CHECK(reader.Finish());
      const auto ticket =
          TD_TRY(app::routing::EscalateInternally(services.app, call.actor, id, team, std::move(reason)));
      return JsonResponse(200, TicketRoutingJson(ticket));
    });
  });
  router.Add("GET", "/api/v1/reports/escalations", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      // By default up to and including this millisecond: an escalation just made is in it.
      const Timestamp now = services.app.clock.Now() + std::chrono::milliseconds(1);
      const auto to = TD_TRY(ReadInstant(call.request, "to", now));
      const auto from = TD_TRY(ReadInstant(call.request, "from", to - std::chrono::days(30)));
      std::int64_t after = 0;
      if (const auto cursor = call.request.Query("cursor")) {
        const auto value = ParsePositive(*cursor);
        if (!value) return Fail(BadParameter("cursor", "is not a cursor this report gave out"));
        after = *value;
      }
      int limit = 200;
      if (const auto text = call.request.Query("limit")) {
        const auto value = ParsePositive(*text);
        if (!value || *value > 1000) return Fail(BadParameter("limit", "must be an integer from 1 to 1000"));
        limit = static_cast<int>(*value);
      }
      const auto report = TD_TRY(app::routing::ReportEscalations(services.app, call.actor, from, to, after, limit));
      json::array items;
      for (const auto& r : report.items) {
        items.push_back(json::object{{"event_id", r.event_id},
                                     {"ticket_id", r.ticket.value},
                                     {"from_team_id", IdOrNull(r.from_team.value)},
                                     {"to_team_id", r.to_team.value},
                                     {"from_tier", r.from_tier},
                                     {"to_tier", r.to_tier},
                                     {"actor_id", IdOrNull(r.actor.value)},
                                     {"reason", r.reason},
                                     {"at", FormatTimestamp(r.at)}});
      }
      json::array by_tiers;
      for (const auto& [tiers, count] : report.by_tiers) {
        by_tiers.push_back(json::object{{"from_tier", tiers.first}, {"to_tier", tiers.second}, {"count", count}});
      }
      return JsonResponse(200, json::object{{"from", FormatTimestamp(from)},
                                            {"to", FormatTimestamp(to)},
                                            {"items", std::move(items)},
                                            {"by_tiers", std::move(by_tiers)},
                                            {"next_cursor", report.next_after ? json::value(std::to_string(*report.next_after))
                                                                              : json::value(nullptr)}});
    });
  });

  router.Add("GET", "/api/v1/providers/{id}/contract", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const OrgId id{TD_TRY(PathId(call, 0, "provider"))};
      return ContractResponse(200, TD_TRY(app::routing::GetProviderContract(services.app, call.actor, id)));
    });
  });
  router.Add("PUT", "/api/v1/providers/{id}/contract", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      core::ProviderContract contract;
      contract.provider = OrgId{TD_TRY(PathId(call, 0, "provider"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      contract.currency = reader.String("currency", true).value_or("");
      contract.hourly_cost = reader.Int("hourly_cost", true).value_or(0);
      if (auto hours = reader.NullableId("hours_calendar_id")) contract.hours = CalendarId{*hours};
      if (auto targets = ReadSeverityTargets(reader, "targets", "")) contract.targets = *targets;
      TD_CHECK(reader.Finish());
      const auto saved = TD_TRY(app::routing::PutProviderContract(services.app, call.actor, contract,
                                                                  ReadIfMatchVersion(call.request)));
      return ContractResponse(200, saved);
    });
  });

  router.Add("POST", "/api/v1/tickets/{id}/time", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::routing::NewTimeEntry input;
      input.minutes = reader.Int("minutes", true).value_or(0);
      input.note = reader.String("note").value_or("");
      input.billable = reader.Bool("billable").value_or(true);
      input.activity = reader.Enum<core::Activity>("activity", core::ParseLoggedActivity).value_or(core::Activity::kRemote);
      if (auto worked_at = reader.String("worked_at")) {
        input.worked_at = ParseTimestamp(*worked_at);
        if (!input.worked_at) reader.AddError("worked_at", "must be an RFC 3339 instant");
      }
      TD_CHECK(reader.Finish());
      const auto entry = TD_TRY(app::routing::LogTime(services.app, call.actor, id, std::move(input)));
      return JsonResponse(201, TimeEntryJson(entry, call.actor));
    });
  });
  router.Add("GET", "/api/v1/tickets/{id}/time", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      json::array items;
      std::int64_t minutes = 0;
      for (const auto& entry : TD_TRY(app::routing::ListTime(services.app, call.actor, id))) {
        minutes += entry.minutes;
        items.push_back(TimeEntryJson(entry, call.actor));
      }
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"total_minutes", minutes}});
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
