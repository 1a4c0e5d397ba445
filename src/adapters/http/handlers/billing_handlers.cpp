// Billing: periods (preview, close, statements, export), usage, margins, prepaid blocks, time
// corrections and timers.
#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "app/billing/billing.hpp"

namespace tierdesk::adapters::http::handlers {
namespace {

namespace json = boost::json;

// ?customer_id=: absent, or a positive id (400 otherwise).
Result<std::optional<OrgId>> CustomerParam(const Call& call) {
  const auto text = call.request.Query("customer_id");
  if (!text) return std::optional<OrgId>();
  const auto id = ParsePositive(*text);
  if (!id) return Fail(BadParameter("customer_id", "is a customer's id"));
  return std::optional<OrgId>(OrgId{*id});
}

json::value StatementsJson(const std::string& period, const std::vector<app::billing::Statement>& statements,
                           bool with_costs) {
  json::array items;
  for (const auto& s : statements) items.push_back(ToJson(s, with_costs));
  return json::object{{"period", period}, {"items", std::move(items)}};
}

Response Text(std::string content_type, std::string body, std::string filename = {}) {
  Response response;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  if (!filename.empty()) response.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return response;
}

// ?format=json (default), csv or html (one statement only).
Result<std::string> FormatParam(const Call& call, bool html_allowed) {
  const std::string format(call.request.Query("format").value_or("json"));
  if (format == "json" || format == "csv" || (html_allowed && format == "html")) return format;
  return Fail(BadParameter("format", html_allowed ? "is json, csv or html" : "is json or csv"));
}

json::object ApprovalJson(const core::BillingApproval& a) {
  return json::object{{"id", a.id},
                      {"customer_id", a.customer.value},
                      {"period", a.period},
                      {"ticket_id", a.ticket.value},
                      {"decision", core::ToString(a.decision)},
                      {"note", a.note},
                      {"decided_by", IdOrNull(a.decided_by.value)},
                      {"decided_at", FormatTimestamp(a.decided_at)}};
}

json::object TimerJson(const core::Timer& timer) {
  return json::object{{"ticket_id", timer.ticket.value}, {"started_at", FormatTimestamp(timer.started_at)}};
}

}  // namespace

void RegisterBillingRoutes(Router& router, ApiServices& services) {
  router.Add("GET", "/api/v1/billing/periods/{period}/preview", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto customer = TD_TRY(CustomerParam(call));
      const auto statements = TD_TRY(app::billing::Preview(services.app, call.actor, call.params.at(0), customer));
      return JsonResponse(200, StatementsJson(call.params.at(0), statements, true));
    });
  });
  router.Add("POST", "/api/v1/billing/periods/{period}/close", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      std::optional<OrgId> customer;
      if (!call.request.Body().empty()) {
        const auto body = TD_TRY(JsonBody(call.request));
        ObjectReader reader(body);
        if (const auto id = reader.Int("customer_id")) customer = OrgId{*id};
        TD_CHECK(reader.Finish());
      }
      const auto closed = TD_TRY(app::billing::Close(services.app, call.actor, call.params.at(0), customer));
      json::object out = StatementsJson(call.params.at(0), closed.statements, true).as_object();
      out["closed_now"] = closed.closed_now;
      return JsonResponse(200, out);
    });
  });
  router.Add("GET", "/api/v1/billing/periods/{period}/export", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto format = TD_TRY(FormatParam(call, false));
      const auto customer = TD_TRY(CustomerParam(call));
      const auto statements = TD_TRY(app::billing::Preview(services.app, call.actor, call.params.at(0), customer));
      if (format == "csv") {
        return Text("text/csv; charset=utf-8", app::billing::StatementsCsv(statements),
                    "tierdesk-" + call.params.at(0) + ".csv");
      }
      return JsonResponse(200, StatementsJson(call.params.at(0), statements, true));
    });
  });
  router.Add("GET", "/api/v1/billing/periods/{period}/statements/{customer_id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const OrgId customer{TD_TRY(PathId(call, 1, "customer"))};
      const auto format = TD_TRY(FormatParam(call, true));
      const std::string language(call.request.Query("lang").value_or(""));
      if (!language.empty() && language != "en" && language != "ko") return Fail(BadParameter("lang", "is en or ko"));
      const auto statement = TD_TRY(app::billing::CustomerStatement(services.app, call.actor, call.params.at(0), customer));
      if (format == "csv") return Text("text/csv; charset=utf-8", app::billing::StatementsCsv({statement}));
      if (format == "html") {
        const std::string lang = language.empty() ? (statement.locale.rfind("ko", 0) == 0 ? "ko" : "en") : language;
        return Text("text/html; charset=utf-8", app::billing::StatementHtml(statement, lang));
      }
      return JsonResponse(200, ToJson(statement, core::Allows(call.actor.role, core::Action::kReadBilling)));
    });
  });
  router.Add("GET", "/api/v1/customers/{id}/billing-statements", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const OrgId customer{TD_TRY(PathId(call, 0, "customer"))};
      json::array items;
      for (const auto& closed : TD_TRY(app::billing::ListIssuedStatements(services.app, call.actor, customer))) {
        const std::string url = "/api/v1/billing/periods/" + closed.period + "/statements/" +
                                std::to_string(customer.value);
        items.push_back(json::object{{"period", closed.period},
                                     {"closed_at", FormatTimestamp(closed.closed_at)},
                                     {"html", url + "?format=html"},
                                     {"csv", url + "?format=csv"}});
      }
      return JsonResponse(200, json::object{{"items", std::move(items)}});
    });
  });
  router.Add("POST", "/api/v1/billing/periods/{period}/approvals", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::billing::NewApproval input;
      input.customer = OrgId{reader.Int("customer_id", true).value_or(0)};
      input.ticket = TicketId{reader.Int("ticket_id", true).value_or(0)};
      input.decision = reader.Enum<core::ApprovalDecision>("decision", core::ParseApprovalDecision, true)
                           .value_or(core::ApprovalDecision::kApproved);
      input.note = reader.String("note").value_or("");
      TD_CHECK(reader.Finish());
      const auto approval =
          TD_TRY(app::billing::DecideApproval(services.app, call.actor, call.params.at(0), std::move(input)));
      return JsonResponse(201, ApprovalJson(approval));
    });
  });
  router.Add("GET", "/api/v1/billing/periods/{period}/approvals", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto customer = TD_TRY(CustomerParam(call));
      json::array items;
      for (const auto& a : TD_TRY(app::billing::ListApprovals(services.app, call.actor, call.params.at(0), customer))) {
        items.push_back(ApprovalJson(a));
      }
      return JsonResponse(200, json::object{{"period", call.params.at(0)}, {"items", std::move(items)}});
    });
  });
  router.Add("GET", "/api/v1/billing/usage", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto customer = TD_TRY(CustomerParam(call));
      const auto usage = TD_TRY(app::billing::CurrentUsage(services.app, call.actor, customer));
      return JsonResponse(200, ToJson(usage, false));
    });
  });
  router.Add("GET", "/api/v1/reports/margin", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto period = call.request.Query("period");
      if (!period) return Fail(BadParameter("period", "is required: YYYY-MM"));
      json::array items;
      for (const auto& row : TD_TRY(app::billing::Margin(services.app, call.actor, *period))) {
        items.push_back(json::object{{"customer_id", row.customer.value},
                                     {"customer", row.customer_name},
                                     {"currency", row.currency},
                                     {"revenue", row.revenue},
                                     {"internal_cost", row.internal_cost},
                                     {"provider_cost", row.provider_cost},
                                     {"vendor_cost", row.vendor_cost},
                                     {"margin", row.margin()}});
      }
      return JsonResponse(200, json::object{{"period", std::string(*period)}, {"items", std::move(items)}});
    });
  });
  router.Add("POST", "/api/v1/customers/{id}/prepaid-blocks", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      app::billing::NewPrepaidBlock input;
      input.customer = OrgId{TD_TRY(PathId(call, 0, "customer"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      input.quantity = reader.Int("blocks");
      input.purchased_on = reader.String("purchased_on");
      TD_CHECK(reader.Finish());
      const auto block = TD_TRY(app::billing::SellPrepaidBlock(services.app, call.actor, std::move(input)));
      return JsonResponse(201, json::object{{"id", block.id},
                                            {"customer_id", block.customer.value},
                                            {"unit", core::ToString(block.unit)},
                                            {"quantity", block.quantity},
                                            {"left", block.quantity},
                                            {"price", block.price},
                                            {"currency", block.currency},
                                            {"purchased_on", core::FormatDay(block.purchased_on)}});
    });
  });
  router.Add("GET", "/api/v1/customers/{id}/prepaid-blocks", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const OrgId customer{TD_TRY(PathId(call, 0, "customer"))};
      json::array items;
      for (const auto& b : TD_TRY(app::billing::ListPrepaidBlocks(services.app, call.actor, customer))) {
        items.push_back(json::object{{"id", b.block.id},
                                     {"customer_id", b.block.customer.value},
                                     {"unit", core::ToString(b.block.unit)},
                                     {"quantity", b.block.quantity},
                                     {"left", b.left},
                                     {"price", b.block.price},
                                     {"currency", b.block.currency},
                                     {"purchased_on", core::FormatDay(b.block.purchased_on)}});
      }
      return JsonResponse(200, json::object{{"items", std::move(items)}});
    });
  });
  router.Add("POST", "/api/v1/tickets/{id}/timer/start", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      return JsonResponse(201, TimerJson(TD_TRY(app::billing::StartTimer(services.app, call.actor, id))));
    });
  });
  router.Add("POST", "/api/v1/tickets/{id}/timer/stop", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      app::billing::StopInput input;
      if (!call.request.Body().empty()) {
        const auto body = TD_TRY(JsonBody(call.request));
        ObjectReader reader(body);
        input.note = reader.String("note").value_or("");
        input.billable = reader.Bool("billable").value_or(true);
        input.activity = reader.Enum<core::Activity>("activity", core::ParseLoggedActivity).value_or(core::Activity::kRemote);
        TD_CHECK(reader.Finish());
      }
      const auto entry = TD_TRY(app::billing::StopTimer(services.app, call.actor, id, std::move(input)));
      return JsonResponse(201, TimeEntryJson(entry, call.actor));
    });
  });
  router.Add("GET", "/api/v1/me/timer", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto timer = TD_TRY(app::billing::RunningTimer(services.app, call.actor));
      return JsonResponse(200, json::object{{"timer", timer ? json::value(TimerJson(*timer)) : json::value(nullptr)}});
    });
  });
  router.Add("PATCH", "/api/v1/tickets/{id}/time/{entry_id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      const auto entry_id = TD_TRY(PathId(call, 1, "time entry"));
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::billing::TimePatch patch;
      patch.minutes = reader.Int("minutes");
      patch.note = reader.String("note");
      patch.billable = reader.Bool("billable");
      patch.activity = reader.Enum<core::Activity>("activity", core::ParseLoggedActivity);
      if (auto worked_at = reader.String("worked_at")) {
        patch.worked_at = ParseTimestamp(*worked_at);
        if (!patch.worked_at) reader.AddError("worked_at", "must be an RFC 3339 instant");
      }
      TD_CHECK(reader.Finish());
      const auto entry = TD_TRY(app::billing::EditTimeEntry(services.app, call.actor, id, entry_id, std::move(patch),
                                                            ReadIfMatchVersion(call.request)));
      Response response = JsonResponse(200, TimeEntryJson(entry, call.actor));
      response.SetHeader("ETag", "\"v" + std::to_string(entry.version) + "\"");
      return response;
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
