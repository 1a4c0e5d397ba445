// Vendor escalation: the partner's entitlements and competencies, and a ticket's escalation options.
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>

#include "adapters/http/handlers/common.hpp"
#include "app/vendor/vendor.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

// A day field "YYYY-MM-DD"; required or absent.
std::optional<core::Day> ReadDay(ObjectReader& reader, const char* key, bool required) {
  const auto text = reader.String(key, required);
  if (!text) return std::nullopt;
  const auto day = core::ParseDay(*text);
  if (!day) reader.AddError(key, "must be a date such as 2026-12-31");
  return day;
}

Result<core::Competency> ReadCompetency(const json::object& body) {
  ObjectReader reader(body);
  core::Competency c;
  c.level = reader.Enum<core::CompetencyLevel>("level", core::ParseCompetencyLevel, true).value_or(core::CompetencyLevel::kGold);
  c.area = reader.String("area", true).value_or("");
  c.cloud = reader.Bool("cloud").value_or(true);
  c.valid_from = ReadDay(reader, "valid_from", true).value_or(0);
  c.expires_on = ReadDay(reader, "expires_on", true).value_or(0);
  TD_CHECK(reader.Finish());
  return c;
}

Result<core::Entitlement> ReadEntitlement(const json::object& body) {
  ObjectReader reader(body);
  core::Entitlement e;
  e.kind = reader.String("kind", true).value_or("");
  e.name = reader.String("name", true).value_or("");
  for (const auto& name : reader.StringArray("categories").value_or(std::vector<std::string>{})) {
    const auto category = core::ParseCategory(name);
    if (!category) {
      reader.AddError("categories", "are billing, subscription or technical");
      break;
    }
    e.categories.push_back(*category);
  }
  e.products = reader.Enum<core::ProductCoverage>("products", core::ParseProductCoverage).value_or(core::ProductCoverage::kCloud);
  e.services = reader.StringArray("services").value_or(std::vector<std::string>{});
  e.valid_from = ReadDay(reader, "valid_from", true).value_or(0);
  e.valid_to = ReadDay(reader, "valid_to", false);
  e.unit = reader.Enum<core::CapacityUnit>("unit", core::ParseCapacityUnit).value_or(core::CapacityUnit::kUnlimited);
  e.capacity = reader.Int("capacity").value_or(0);
  e.consumed = reader.Int("consumed").value_or(0);
  e.currency = reader.String("currency").value_or("");
  e.unit_cost = reader.Int("unit_cost").value_or(0);
  e.contract_id = reader.String("contract_id").value_or("");
  e.access_id = reader.String("access_id").value_or("");
  e.competency_id = CompetencyId{reader.NullableId("competency_id").value_or(0)};
  TD_CHECK(reader.Finish());
  return e;
}

json::value DayOrNull(const std::optional<core::Day>& day) {
  return day ? json::value(core::FormatDay(*day)) : json::value(nullptr);
}

json::value IdOrNull(std::int64_t id) { return id > 0 ? json::value(id) : json::value(nullptr); }

json::value ToJson(const core::Competency& c) {
  return json::object{{"id", c.id.value},
                      {"level", core::ToString(c.level)},
                      {"area", c.area},
                      {"cloud", c.cloud},
                      {"valid_from", core::FormatDay(c.valid_from)},
                      {"expires_on", core::FormatDay(c.expires_on)},
                      {"version", c.version},
                      {"created_at", FormatTimestamp(c.created_at)},
                      {"updated_at", FormatTimestamp(c.updated_at)}};
}

json::value ToJson(const core::Entitlement& e) {
  json::array categories;
  for (const auto c : e.categories) categories.emplace_back(core::ToString(c));
  json::array services;
  for (const auto& s : e.services) services.emplace_back(s);
  const auto left = e.Left();
  return json::object{{"id", e.id.value},
                      {"kind", e.kind},
                      {"name", e.name},
                      {"categories", std::move(categories)},
                      {"products", core::ToString(e.products)},
                      {"services", std::move(services)},
                      {"valid_from", core::FormatDay(e.valid_from)},
                      {"valid_to", DayOrNull(e.valid_to)},
                      {"unit", core::ToString(e.unit)},
                      {"capacity", e.capacity},
                      {"consumed", e.consumed},
                      {"left", left ? json::value(*left) : json::value(nullptr)},
                      {"currency", e.currency},
                      {"unit_cost", e.unit_cost},
                      {"contract_id", e.contract_id},
                      {"access_id", e.access_id},
                      {"competency_id", IdOrNull(e.competency_id.value)},
                      {"version", e.version},
                      {"created_at", FormatTimestamp(e.created_at)},
                      {"updated_at", FormatTimestamp(e.updated_at)}};
}

json::value ToJson(const core::EscalationOption& o) {
  json::array reasons;
  for (const auto& r : o.reasons) reasons.emplace_back(r);
  return json::object{{"entitlement_id", IdOrNull(o.entitlement_id.value)},
                      {"kind", o.kind},
                      {"title", core::PathTitle(o.kind)},
                      {"name", o.name},
                      {"eligible", o.eligible},
                      {"reason", o.reasons.empty() ? json::value(nullptr) : json::value(o.reasons.front())},
                      {"reasons", std::move(reasons)},
                      {"unit", core::ToString(o.unit)},
                      {"left", o.left ? json::value(*o.left) : json::value(nullptr)},
                      {"currency", o.currency},
                      {"marginal_cost", o.marginal_cost},
                      {"preferred", o.preferred}};
}

json::value TimeOrNull(const std::optional<Timestamp>& t) {
  return t ? json::value(FormatTimestamp(*t)) : json::value(nullptr);
}

json::value ToJson(const app::vendor::VendorCaseView& view) {
  const auto& c = view.vendor_case;
  return json::object{{"id", c.id.value},
                      {"ticket_id", c.ticket_id.value},
                      {"kind", c.kind},
                      {"title", core::PathTitle(c.kind)},
                      {"entitlement_id", IdOrNull(c.entitlement.value)},
                      {"connector", c.connector},
                      {"case_number", c.case_number},
                      {"severity", core::ToString(c.severity)},
                      {"support_topic", c.support_topic},
                      {"contact", json::object{{"name", c.contact.name}, {"email", c.contact.email}, {"phone", c.contact.phone}}},
                      {"status", core::ToString(c.status)},
                      {"share_case_number", c.share_case_number},
                      {"submitted_at", TimeOrNull(c.submitted_at)},
                      {"first_response_due", TimeOrNull(c.first_response_due)},
                      {"vendor_first_response",
                       json::object{{"due", TimeOrNull(c.first_response_due)},
                                    {"met_at", TimeOrNull(c.first_responded_at)},
                                    {"state", core::ToString(core::VendorFirstResponse(c, view.now))}}},
                      {"closed_at", TimeOrNull(c.closed_at)},
                      {"consumed", c.consumed},
                      {"sync", json::object{{"synced_at", TimeOrNull(c.synced_at)},
                                            {"error", c.sync_error.empty() ? json::value(nullptr)
                                                                           : json::value(c.sync_error)}}},
                      {"created_by", c.created_by.value},
                      {"version", c.version},
                      {"created_at", FormatTimestamp(c.created_at)},
                      {"updated_at", FormatTimestamp(c.updated_at)},
                      {"summary", json::object{{"title", view.summary.title},
                                               {"text", view.summary.text},
                                               {"portal_url", view.summary.portal_url}}}};
}

// What a customer (or anyone outside the partner) may know of a case.
json::value ToJson(const app::vendor::CustomerCaseView& c) {
  return json::object{{"id", c.id.value},
                      {"status", c.with_vendor ? "escalated_to_microsoft" : "closed"},
                      {"description", c.with_vendor ? "Escalated to Microsoft" : "Microsoft's case is closed"},
                      {"case_number", c.case_number ? json::value(*c.case_number) : json::value(nullptr)},
                      {"escalated_at", FormatTimestamp(c.created_at)},
                      {"closed_at", TimeOrNull(c.closed_at)}};
}

Response CaseResponse(int status, const app::vendor::VendorCaseView& view) {
  Response response = JsonResponse(status, ToJson(view));
  response.SetHeader("ETag", "\"v" + std::to_string(view.vendor_case.version) + "\"");
  return response;
}

Result<app::vendor::EscalationInput> ReadEscalation(const json::object& body) {
  ObjectReader reader(body);
  app::vendor::EscalationInput input;
  if (body.contains("entitlement_id")) {
    input.entitlement = EntitlementId{reader.NullableId("entitlement_id").value_or(0)};
  }
  input.severity = reader.Enum<core::Severity>("severity", core::ParseSeverity);
  input.support_topic = reader.String("support_topic").value_or("");
  input.case_number = reader.String("case_number").value_or("");
  input.share_case_number = reader.Bool("share_case_number").value_or(false);
  input.connector = reader.String("connector").value_or("manual");
  if (const auto* contact = reader.Object("contact")) {
    ObjectReader inner(*contact, "contact.");
    core::VendorContact c;
    c.name = inner.String("name").value_or("");
    c.email = inner.String("email").value_or("");
    c.phone = inner.String("phone").value_or("");
    reader.Absorb(inner);
    input.contact = std::move(c);
  }
  TD_CHECK(reader.Finish());
  return input;
}

Result<app::vendor::VendorCasePatch> ReadCasePatch(const json::object& body) {
  ObjectReader reader(body);
  app::vendor::VendorCasePatch patch;
  patch.case_number = reader.String("case_number");
  patch.status = reader.Enum<core::VendorCaseStatus>("status", core::ParseVendorCaseStatus);
  patch.share_case_number = reader.Bool("share_case_number");
  patch.consumed_minutes = reader.Int("consumed_minutes");
  TD_CHECK(reader.Finish());
  if (!patch.case_number && !patch.status && !patch.share_case_number && !patch.consumed_minutes) {
    return Fail(Error::InvalidArgument("nothing to change", {{"status", "or case_number or share_case_number is needed"}}));
  }
  return patch;
}

json::value ToJson(const core::VendorNote& note) {
  const bool to_vendor = note.direction == core::NoteDirection::kToVendor;
  return json::object{
      {"id", note.id},
      {"vendor_case_id", note.vendor_case.value},
      {"direction", core::ToString(note.direction)},
      {"author", note.author},
      {"body", note.body},
      {"message_id", IdOrNull(note.message.value)},
      {"state", to_vendor ? (note.sent_at ? "sent" : "waiting") : (note.published.valid() ? "published" : "internal")},
      {"sent_at", TimeOrNull(note.sent_at)},
      {"attempts", note.attempts},
      {"last_error", note.last_error.empty() ? json::value(nullptr) : json::value(note.last_error)},
      {"published_message_id", IdOrNull(note.published.value)},
      {"created_at", FormatTimestamp(note.created_at)}};
}

json::value ToJson(const core::VendorIncident& incident) {
  json::array tickets;
  for (const auto t : incident.tickets) tickets.emplace_back(t.value);
  return json::object{{"id", incident.id.value},
                      {"reference", incident.reference},
                      {"title", incident.title},
                      {"service", incident.service},
                      {"status", core::ToString(incident.status)},
                      {"ticket_ids", std::move(tickets)},
                      {"version", incident.version},
                      {"created_at", FormatTimestamp(incident.created_at)},
                      {"updated_at", FormatTimestamp(incident.updated_at)}};
}

json::value ToJson(const app::vendor::IncidentView& view) {
  json::object out = ToJson(view.incident).as_object();
  json::array updates;
  for (const auto& u : view.updates) {
    updates.push_back(json::object{{"id", u.id},
                                   {"body", u.body},
                                   {"status", core::ToString(u.status)},
                                   {"shown_to_customers", u.shown_to_customers},
                                   {"author_id", u.author.value},
                                   {"created_at", FormatTimestamp(u.created_at)}});
  }
  out["updates"] = std::move(updates);
  return out;
}

template <class T>
Response Versioned(int status, const T& value) {
  Response response = JsonResponse(status, ToJson(value));
  response.SetHeader("ETag", "\"v" + std::to_string(value.version) + "\"");
  return response;
}

// The queue's filters; an unknown or malformed parameter is a 400 naming it. Lists (status, path)
// are comma-separated or repeated.
struct QueueRequest {
  core::VendorCaseQuery query;
  std::optional<std::chrono::hours> min_age;
};
Result<QueueRequest> ParseQueueQuery(const Request& request) {
  QueueRequest out;
  auto bad = [](std::string name, std::string message) {
    return Fail(BadParameter(std::move(name), std::move(message)));
  };
  const auto each = [](std::string_view value, auto&& take) {
    for (std::size_t start = 0; start <= value.size();) {
      const auto comma = value.find(',', start);
      const auto end = comma == std::string_view::npos ? value.size() : comma;
      if (!take(value.substr(start, end - start))) return false;
      start = end + 1;
    }
    return true;
  };
  for (const auto& [name, value] : request.query) {
    if (name == "status") {
      const bool ok = each(value, [&](std::string_view part) {
        const auto status = core::ParseVendorCaseStatus(part);
        if (status) out.query.statuses.push_back(*status);
        return status.has_value();
      });
      if (!ok) return bad(name, "lists draft, submitted, open, attention_needed or closed");
    } else if (name == "path") {
      const bool ok = each(value, [&](std::string_view part) {
        const bool valid = !part.empty() && part.size() <= 40 && std::all_of(part.begin(), part.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
        if (valid) out.query.kinds.emplace_back(part);
        return valid;
      });
      if (!ok) return bad(name, "lists path kinds such as commercial, premier or csp_technical");
    } else if (name == "min_age_hours") {
      const auto hours = ParsePositive(value);
      if (!hours || *hours > 87'600) return bad(name, "must be an integer from 1 to 87600");
      out.min_age = std::chrono::hours(*hours);
    } else if (name == "sync_error") {
      if (value != "true" && value != "false") return bad(name, "must be true or false");
      out.query.sync_error = value == "true";
    } else if (name == "limit") {
      const auto limit = ParsePositive(value);
      if (!limit || *limit > 200) return bad(name, "must be an integer from 1 to 200");
      out.query.limit = static_cast<int>(*limit);
    } else if (name == "cursor") {
      const auto decoded = value.size() <= 200 ? Base64UrlDecode(value) : std::nullopt;
      constexpr std::string_view kPrefix = "vc1|";
      const auto id = decoded && decoded->rfind(kPrefix, 0) == 0
                          ? ParsePositive(std::string_view(*decoded).substr(kPrefix.size()))
                          : std::nullopt;
      if (!id) return bad(name, "is not a cursor this list gave out");
      out.query.after = VendorCaseId{*id};
    } else {
      return bad(name, "is not a known parameter");
    }
  }
  return out;
}

json::value ToJson(const core::VendorQueueItem& item, Timestamp now) {
  const auto& c = item.vendor_case;
  const auto age = std::chrono::duration_cast<std::chrono::hours>(now - c.created_at).count();
  return json::object{{"id", c.id.value},
                      {"ticket_id", c.ticket_id.value},
                      {"subject", item.subject},
                      {"customer_id", item.customer_id.value},
                      {"customer", item.customer_name},
                      {"kind", c.kind},
                      {"title", core::PathTitle(c.kind)},
                      {"entitlement_id", IdOrNull(c.entitlement.value)},
                      {"connector", c.connector},
                      {"status", core::ToString(c.status)},
                      {"case_number", c.case_number},
                      {"severity", core::ToString(c.severity)},
                      {"escalated_at", FormatTimestamp(c.created_at)},
                      {"age_hours", age < 0 ? 0 : age},
                      {"submitted_at", TimeOrNull(c.submitted_at)},
                      {"vendor_first_response",
                       json::object{{"due", TimeOrNull(c.first_response_due)},
                                    {"met_at", TimeOrNull(c.first_responded_at)},
                                    {"state", core::ToString(core::VendorFirstResponse(c, now))}}},
                      {"sync", json::object{{"synced_at", TimeOrNull(c.synced_at)},
                                            {"error", c.sync_error.empty() ? json::value(nullptr)
                                                                           : json::value(c.sync_error)}}},
                      {"version", c.version}};
}

}  // namespace

void RegisterVendorRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/competencies", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto input = TD_TRY(ReadCompetency(TD_TRY(JsonBody(call.request))));
      auto competency = TD_TRY(app::vendor::CreateCompetency(services.app, call.actor, std::move(input)));
      Response response = Versioned(201, competency);
      response.SetHeader("Location", "/api/v1/competencies/" + std::to_string(competency.id.value));
      return response;
    });
  });
  router.Add("GET", "/api/v1/competencies", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      json::array items;
      for (const auto& c : TD_TRY(app::vendor::ListCompetencies(services.app, call.actor))) items.push_back(ToJson(c));
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
    });
  });
  router.Add("GET", "/api/v1/competencies/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const CompetencyId id{TD_TRY(PathId(call, 0, "competency"))};
      return Versioned(200, TD_TRY(app::vendor::GetCompetency(services.app, call.actor, id)));
    });
  });
  router.Add("PUT", "/api/v1/competencies/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const CompetencyId id{TD_TRY(PathId(call, 0, "competency"))};
      auto input = TD_TRY(ReadCompetency(TD_TRY(JsonBody(call.request))));
      return Versioned(200, TD_TRY(app::vendor::ReplaceCompetency(services.app, call.actor, id, std::move(input),
                                                                 ReadIfMatchVersion(call.request))));
    });
  });
  router.Add("DELETE", "/api/v1/competencies/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const CompetencyId id{TD_TRY(PathId(call, 0, "competency"))};
      TD_CHECK(app::vendor::DeleteCompetency(services.app, call.actor, id));
      return NoContent();
    });
  });
  router.Add("POST", "/api/v1/entitlements", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto input = TD_TRY(ReadEntitlement(TD_TRY(JsonBody(call.request))));
      auto entitlement = TD_TRY(app::vendor::CreateEntitlement(services.app, call.actor, std::move(input)));
      Response response = Versioned(201, entitlement);
      response.SetHeader("Location", "/api/v1/entitlements/" + std::to_string(entitlement.id.value));
      return response;
    });
  });
  router.Add("GET", "/api/v1/entitlements", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      json::array items;
      for (const auto& e : TD_TRY(app::vendor::ListEntitlements(services.app, call.actor))) items.push_back(ToJson(e));
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
    });
  });
  router.Add("GET", "/api/v1/entitlements/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const EntitlementId id{TD_TRY(PathId(call, 0, "entitlement"))};
      return Versioned(200, TD_TRY(app::vendor::GetEntitlement(services.app, call.actor, id)));
    });
  });
  router.Add("PUT", "/api/v1/entitlements/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const EntitlementId id{TD_TRY(PathId(call, 0, "entitlement"))};
      auto input = TD_TRY(ReadEntitlement(TD_TRY(JsonBody(call.request))));
      return Versioned(200, TD_TRY(app::vendor::ReplaceEntitlement(services.app, call.actor, id, std::move(input),
                                                                  ReadIfMatchVersion(call.request))));
    });
  });
  router.Add("DELETE", "/api/v1/entitlements/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const EntitlementId id{TD_TRY(PathId(call, 0, "entitlement"))};
      TD_CHECK(app::vendor::DeleteEntitlement(services.app, call.actor, id));
      return NoContent();
    });
  });
  router.Add("GET", "/api/v1/tickets/{id}/escalation-options", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      json::array items;
      for (const auto& o : TD_TRY(app::vendor::EscalationOptions(services.app, call.actor, id))) {
        items.push_back(ToJson(o));
      }
      return JsonResponse(200, json::object{{"items", std::move(items)}});
    });
  });
  router.Add("POST", "/api/v1/tickets/{id}/escalations", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      auto input = TD_TRY(ReadEscalation(TD_TRY(JsonBody(call.request))));
      auto view = TD_TRY(app::vendor::Escalate(services.app, call.actor, id, std::move(input)));
      Response response = CaseResponse(201, view);
      response.SetHeader("Location", "/api/v1/vendor-cases/" + std::to_string(view.vendor_case.id.value));
      return response;
    });
  });
  router.Add("GET", "/api/v1/tickets/{id}/escalations", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      const auto cases = TD_TRY(app::vendor::ListVendorCases(services.app, call.actor, id));
      json::array items;
      for (const auto& c : cases.full) items.push_back(ToJson(c));
      for (const auto& c : cases.redacted) items.push_back(ToJson(c));
      return JsonResponse(200, json::object{{"items", std::move(items)}});
    });
  });
  router.Add("GET", "/api/v1/vendor-cases", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      // Who may read the queue is decided before its filters are read: a 403 says nothing of them.
      TD_CHECK(core::Require(call.actor, core::Action::kReadVendorQueue));
      auto request = TD_TRY(ParseQueueQuery(call.request));
      const auto page =
          TD_TRY(app::vendor::ListVendorQueue(services.app, call.actor, std::move(request.query), request.min_age));
      json::array items;
      for (const auto& item : page.items) items.push_back(ToJson(item, page.now));
      return JsonResponse(200, json::object{{"items", std::move(items)},
                                            {"next_cursor", page.next ? json::value(Base64UrlEncode(
                                                                            "vc1|" + std::to_string(page.next->value)))
                                                                      : json::value(nullptr)}});
    });
  });
  router.Add("GET", "/api/v1/vendor-cases/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const VendorCaseId id{TD_TRY(PathId(call, 0, "vendor case"))};
      return CaseResponse(200, TD_TRY(app::vendor::GetVendorCase(services.app, call.actor, id)));
    });
  });
  router.Add("PATCH", "/api/v1/vendor-cases/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const VendorCaseId id{TD_TRY(PathId(call, 0, "vendor case"))};
      auto patch = TD_TRY(ReadCasePatch(TD_TRY(JsonBody(call.request))));
      return CaseResponse(200, TD_TRY(app::vendor::UpdateVendorCase(services.app, call.actor, id, std::move(patch),
                                                                   ReadIfMatchVersion(call.request))));
    });
  });
  router.Add("POST", "/api/v1/vendor-cases/{id}/notes", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const VendorCaseId id{TD_TRY(PathId(call, 0, "vendor case"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      auto text = reader.String("body", true).value_or("");
      TD_CHECK(reader.Finish());
      const auto note = TD_TRY(app::vendor::AddVendorNote(services.app, call.actor, id, std::move(text)));
      Response response = JsonResponse(201, ToJson(note));
      response.SetHeader("Location", "/api/v1/vendor-cases/" + std::to_string(id.value) + "/notes");
      return response;
    });
  });
  router.Add("GET", "/api/v1/vendor-cases/{id}/notes", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const VendorCaseId id{TD_TRY(PathId(call, 0, "vendor case"))};
      json::array items;
      for (const auto& note : TD_TRY(app::vendor::ListVendorNotes(services.app, call.actor, id))) {
        items.push_back(ToJson(note));
      }
      return JsonResponse(200, json::object{{"items", std::move(items)}});
    });
  });
  router.Add("POST", "/api/v1/tickets/{id}/messages/{message_id}/publish", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      const MessageId message{TD_TRY(PathId(call, 1, "message"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      auto text = reader.String("body");
      TD_CHECK(reader.Finish());
      const auto reply = TD_TRY(app::vendor::PublishVendorUpdate(services.app, call.actor, id, message, std::move(text)));
      Response response = JsonResponse(201, http::ToJson(reply));
      response.SetHeader("Location", "/api/v1/tickets/" + std::to_string(id.value) + "/messages");
      return response;
    });
  });
  router.Add("POST", "/api/v1/vendor-incidents", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      core::VendorIncident input;
      input.reference = reader.String("reference", true).value_or("");
      input.title = reader.String("title", true).value_or("");
      input.service = reader.String("service", true).value_or("");
      TD_CHECK(reader.Finish());
      auto incident = TD_TRY(app::vendor::CreateIncident(services.app, call.actor, std::move(input)));
      Response response = JsonResponse(201, ToJson(incident));
      response.SetHeader("Location", "/api/v1/vendor-incidents/" + std::to_string(incident.id.value));
      return response;
    });
  });
  router.Add("GET", "/api/v1/vendor-incidents", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      json::array items;
      for (const auto& i : TD_TRY(app::vendor::ListIncidents(services.app, call.actor))) items.push_back(ToJson(i));
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
    });
  });
  router.Add("GET", "/api/v1/vendor-incidents/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const VendorIncidentId id{TD_TRY(PathId(call, 0, "vendor incident"))};
      return JsonResponse(200, ToJson(TD_TRY(app::vendor::GetIncident(services.app, call.actor, id))));
    });
  });
  router.Add("POST", "/api/v1/vendor-incidents/{id}/tickets", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const VendorIncidentId id{TD_TRY(PathId(call, 0, "vendor incident"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      const auto ids = reader.IdArray("ticket_ids");
      if (!ids) reader.AddError("ticket_ids", "is required");
      TD_CHECK(reader.Finish());
      std::vector<TicketId> tickets;
      for (const auto t : *ids) tickets.emplace_back(t);
      return JsonResponse(200, ToJson(TD_TRY(app::vendor::LinkTickets(services.app, call.actor, id, tickets))));
    });
  });
  router.Add("POST", "/api/v1/vendor-incidents/{id}/updates", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const VendorIncidentId id{TD_TRY(PathId(call, 0, "vendor incident"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::vendor::IncidentUpdateInput input;
      input.body = reader.String("body", true).value_or("");
      input.status = reader.Enum<core::IncidentStatus>("status", core::ParseIncidentStatus);
      input.shown_to_customers = reader.Bool("shown_to_customers").value_or(true);
      TD_CHECK(reader.Finish());
      const auto told = TD_TRY(app::vendor::PostIncidentUpdate(services.app, call.actor, id, std::move(input)));
      return JsonResponse(201, json::object{{"tickets_told", told}});
    });
  });
  router.Add("GET", "/api/v1/tickets/{id}/vendor-incidents", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      json::array items;
      for (auto i : TD_TRY(app::vendor::TicketIncidents(services.app, call.actor, id))) {
        i.tickets.clear();  // other customers' tickets are not this ticket's business
        json::object item = ToJson(i).as_object();
        item.erase("ticket_ids");
        items.push_back(std::move(item));
      }
      return JsonResponse(200, json::object{{"items", std::move(items)}});
    });
  });
  router.Add("GET", "/api/v1/reports/entitlements", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      json::array items;
      for (const auto& row : TD_TRY(app::vendor::EntitlementBurnDown(services.app, call.actor))) {
        const auto& e = row.entitlement;
        const auto left = e.Left();
        items.push_back(json::object{
            {"entitlement_id", e.id.value},
            {"kind", e.kind},
            {"name", e.name},
            {"unit", core::ToString(e.unit)},
            {"capacity", e.unit == core::CapacityUnit::kUnlimited ? json::value(nullptr) : json::value(e.capacity)},
            {"consumed", e.consumed},
            {"left", left ? json::value(*left) : json::value(nullptr)},
            {"used_last_90_days", row.burn.used_recently},
            {"valid_to", DayOrNull(e.valid_to)},
            {"projected_exhaustion", DayOrNull(row.burn.projected_exhaustion)},
            {"runs_out_before_expiry", row.burn.runs_out_before_expiry}});
      }
      return JsonResponse(200, json::object{{"items", std::move(items)}});
    });
  });
  router.Add("GET", "/api/v1/reports/expiring", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      std::int64_t days = 30;
      if (const auto text = call.request.Query("days")) {
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), days);
        if (ec != std::errc() || end != text->data() + text->size() || days < 0 || days > 366) {
          return Fail(BadParameter("days", "must be a whole number of days, 0 to 366"));
        }
      }
      json::array items;
      for (const auto& x : TD_TRY(app::vendor::Expiring(services.app, call.actor, days))) {
        items.push_back(json::object{{"what", x.what},
                                     {"id", x.id},
                                     {"name", x.name},
                                     {"last_day", core::FormatDay(x.last_day)},
                                     {"days_left", x.days_left}});
      }
      return JsonResponse(200, json::object{{"days", days}, {"items", std::move(items)}});
    });
  });
  router.Add("GET", "/api/v1/reports/vendor-escalations", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto optional = [&](const char* name) -> std::optional<std::string> {
        if (auto v = call.request.Query(name)) return std::string(*v);
        return std::nullopt;
      };
      json::array items;
      for (const auto& row : TD_TRY(app::vendor::EscalationsPerPath(services.app, call.actor, optional("from"), optional("to")))) {
        items.push_back(json::object{{"month", row.month}, {"kind", row.kind}, {"title", core::PathTitle(row.kind)},
                                     {"cases", row.cases}});
      }
      return JsonResponse(200, json::object{{"items", std::move(items)}});
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
