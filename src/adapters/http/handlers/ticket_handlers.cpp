#include <boost/json.hpp>

#include <charconv>

#include "adapters/crypto/sodium.hpp"
#include "adapters/http/handlers/common.hpp"
#include "app/ticket/ticket.hpp"
#include "core/common/text.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

Result<app::ticket::NewTicket> ReadNewTicket(const json::object& body, const std::string& prefix) {
  ObjectReader reader(body, prefix);
  app::ticket::NewTicket input;
  if (auto id = reader.Int("customer_id")) input.customer_id = OrgId{*id};
  if (auto id = reader.Int("requester_id")) input.requester_id = UserId{*id};
  if (auto id = reader.Int("subscription_id")) input.subscription_id = SubscriptionId{*id};
  input.channel = reader.Enum<core::Channel>("channel", core::ParseChannel);
  input.service = reader.String("service", true).value_or("");
  input.category = reader.Enum<core::Category>("category", core::ParseCategory, true).value_or(core::Category::kTechnical);
  input.severity = reader.Enum<core::Severity>("severity", core::ParseSeverity, true).value_or(core::Severity::kModerate);
  input.subject = reader.String("subject", true).value_or("");
  input.description = reader.String("description", true).value_or("");
  input.fields = reader.StringMap("fields").value_or(core::TicketFields{});
  input.tags = reader.StringArray("tags").value_or(std::vector<std::string>{});
  if (const auto* accept = reader.Object("accept_charges")) {
    ObjectReader charges(*accept, prefix + "accept_charges.");
    input.accept_charges = core::AcceptedCharges{charges.String("currency", true).value_or(""),
                                                 charges.Int("hourly_rate", true).value_or(-1)};
    reader.Absorb(charges);
  }
  TD_CHECK(reader.Finish());
  return input;
}

Result<app::IdempotencyInput> ReadIdempotency(const Request& request) {
  app::IdempotencyInput input;
  const auto key = request.Header("idempotency-key");
  if (!key) return input;
  bool printable = !key->empty() && key->size() <= 255;
  for (const char c : *key) printable = printable && c > 0x20 && c < 0x7F;
  if (!printable) {
    return Fail(Error::InvalidArgument("the Idempotency-Key header is not valid",
                                       {{"Idempotency-Key", "is 1 to 255 printable ASCII characters"}}));
  }
  input.key = std::string(*key);
  input.request_hash = crypto::Sha256Hex(request.method + "\n" + request.path + "\n" + std::string(request.Body()));
  return input;
}

namespace {

// The price a billable request must accept, as the API shows it.
json::object QuoteJson(const core::Quote& quote) {
  return json::object{{"currency", quote.currency},
                      {"hourly_rate", quote.hourly_rate},
                      {"increment_minutes", quote.increment_minutes},
                      {"minimum_minutes", quote.minimum_minutes}};
}

std::string SortName(core::TicketSort sort) {
  switch (sort) {
    case core::TicketSort::kCreatedDesc: return "-created";
    case core::TicketSort::kCreatedAsc: return "created";
    case core::TicketSort::kUpdatedDesc: return "-updated";
    case core::TicketSort::kUpdatedAsc: return "updated";
    case core::TicketSort::kNextDue: return "next_due";
  }
  return "-created";
}

std::string EncodeCursor(core::TicketSort sort, const core::PageCursor& cursor) {
  return Base64UrlEncode("c1|" + SortName(sort) + "|" + std::to_string(cursor.key) + "|" +
                         std::to_string(cursor.id));
}

std::optional<core::PageCursor> DecodeCursor(core::TicketSort sort, std::string_view text) {
  if (text.size() > 200) return std::nullopt;
  const auto decoded = Base64UrlDecode(text);
  if (!decoded) return std::nullopt;
  const std::string prefix = "c1|" + SortName(sort) + "|";
  if (decoded->compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  const std::string_view rest = std::string_view(*decoded).substr(prefix.size());
  const auto bar = rest.find('|');
  if (bar == std::string_view::npos) return std::nullopt;
  const auto key = ParsePositive(rest.substr(0, bar));
  const auto id = ParsePositive(rest.substr(bar + 1));
  if (!key || !id) return std::nullopt;
  return core::PageCursor{*key, *id};
}

// Reads the list filters; an unknown or malformed parameter is a 400 naming it.
Result<core::TicketQuery> ParseTicketQuery(const Request& request) {
  core::TicketQuery query;
  auto bad = [](std::string name, std::string message) {
    return Fail(BadParameter(std::move(name), std::move(message)));
  };
  std::optional<std::string> cursor;
  for (const auto& [name, value] : request.query) {
    if (name == "status") {
      query.status = core::ParseTicketStatus(value);
      if (!query.status) return bad(name, "is not a ticket status");
    } else if (name == "customer_id" || name == "customer") {
      auto id = ParsePositive(value);
      if (!id) return bad(name, "must be an organisation id");
      query.customer = OrgId{*id};
    } else if (name == "team_id" || name == "team") {
      auto id = ParsePositive(value);
      if (!id) return bad(name, "must be a team id");
      query.team = TeamId{*id};
    } else if (name == "assignee_id" || name == "assignee") {
      auto id = ParsePositive(value);
      if (!id) return bad(name, "must be a user id");
      query.assignee = UserId{*id};
    } else if (name == "severity") {
      query.severity = core::ParseSeverity(value);
      if (!query.severity) return bad(name, "must be critical, moderate or minimal");
    } else if (name == "service") {
      if (!core::IsServiceCode(value)) return bad(name, "is not a service code");
      query.service = value;
    } else if (name == "category") {
      query.category = core::ParseCategory(value);
      if (!query.category) return bad(name, "must be billing, subscription or technical");
    } else if (name == "tag") {
      if (value.empty() || value.size() > 64) return bad(name, "is not a tag");
      query.tag = ToLowerAscii(value);
    } else if (name == "updated_since") {
      query.updated_since = ParseTimestamp(value);
      if (!query.updated_since) return bad(name, "must be an RFC 3339 time such as 2026-11-24T09:00:00Z");
    } else if (name == "sla") {
      constexpr std::string_view kDueWithin = "due_within:";
      if (value == "breached") {
        query.sla_breached = true;
      } else if (value.rfind(kDueWithin, 0) == 0) {
        const auto minutes = ParsePositive(std::string_view(value).substr(kDueWithin.size()));
        if (!minutes || *minutes > 525'600) return bad(name, "due_within takes 1 to 525600 minutes");
        query.sla_due_within = std::chrono::minutes(*minutes);
      } else {
        return bad(name, "must be breached or due_within:<minutes>");
      }
    } else if (name == "q") {
      query.text = value;  // the search language and its limits: core/ticket/search.hpp
    } else if (name == "sort") {
      if (value == "-created") query.sort = core::TicketSort::kCreatedDesc;
      else if (value == "created") query.sort = core::TicketSort::kCreatedAsc;
      else if (value == "-updated") query.sort = core::TicketSort::kUpdatedDesc;
      else if (value == "updated") query.sort = core::TicketSort::kUpdatedAsc;
      else if (value == "next_due") query.sort = core::TicketSort::kNextDue;
      else return bad(name, "must be one of -created, created, -updated, updated, next_due");
    } else if (name == "limit") {
      auto limit = ParsePositive(value);
      if (!limit || *limit > 200) return bad(name, "must be an integer from 1 to 200");
      query.limit = static_cast<int>(*limit);
    } else if (name == "cursor") {
      cursor = value;
    } else {
      return bad(name, "is not a known parameter");
    }
  }
  if (cursor) {
    query.after = DecodeCursor(query.sort, *cursor);
    if (!query.after) return bad("cursor", "is not a cursor this list gave out (it also fixes the sort)");
  }
  return query;
}

Response TicketResponse(int status, const core::Ticket& ticket, const core::SlaReport& sla,
                        const core::SlaReport& underpinning, const core::Actor& viewer) {
  Response response = JsonResponse(status, ToJson(ticket, sla, underpinning, viewer));
  response.SetHeader("ETag", ETagFor(ticket));
  return response;
}

Response TicketResponse(int status, const app::ticket::TicketView& view, const core::Actor& viewer) {
  return TicketResponse(status, view.ticket, view.sla, view.underpinning, viewer);
}

}  // namespace

// If-Match: "v<n>", W/"v<n>" or *. Anything else can never match: version 0, so the use case
// answers 412 once it has found the ticket (and 404 if there is none).
std::optional<std::int64_t> ReadIfMatchVersion(const Request& request) {
  const auto header = request.Header("if-match");
  if (!header || *header == "*") return std::optional<std::int64_t>();
  std::string_view tag = *header;
  if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
  if (tag.size() >= 4 && tag.front() == '"' && tag.back() == '"' && tag[1] == 'v') {
    if (auto version = ParsePositive(tag.substr(2, tag.size() - 3))) {
      return std::optional<std::int64_t>(*version);
    }
  }
  return std::int64_t{0};
}

void RegisterTicketRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/tickets", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      const auto idempotency = TD_TRY(ReadIdempotency(call.request));
      auto input = TD_TRY(ReadNewTicket(body));
      const auto service = input.service;
      const auto category = input.category;
      const auto customer = input.customer_id.value_or(call.actor.org_id);
      auto created = app::ticket::CreateTicket(services.app, call.actor, std::move(input), idempotency);
      if (!created && created.error().type == "charges-not-accepted") {
        // The answer carries the quote the request must accept.
        auto preview = app::ticket::PreviewScope(services.app, call.actor, customer, service, category);
        if (preview && preview->decision.quote) {
          return ProblemResponse(created.error(), call.request.path,
                                 json::object{{"quote", QuoteJson(*preview->decision.quote)}});
        }
      }
      if (!created && created.error().type == "out-of-scope-refused") {
        return ProblemResponse(created.error(), call.request.path,
                               json::object{{"support_statement", "/support/" + std::to_string(customer.value)}});
      }
      if (!created) return Fail(std::move(created).error());
      Response response = TicketResponse(201, created->ticket, created->sla, created->underpinning, call.actor);
      response.SetHeader("Location", "/api/v1/tickets/" + std::to_string(created->ticket.id.value));
      if (created->replayed) response.SetHeader("Idempotent-Replayed", "true");
      return response;
    });
  });

  router.Add("GET", "/api/v1/tickets", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto query = TD_TRY(ParseTicketQuery(call.request));
      auto page = TD_TRY(app::ticket::ListTickets(services.app, call.actor, query));
      json::array items;
      items.reserve(page.items.size());
      for (const auto& view : page.items) {
        items.push_back(ToJson(view.ticket, view.sla, view.underpinning, call.actor));
      }
      json::value next = page.next ? json::value(EncodeCursor(query.sort, *page.next)) : json::value(nullptr);
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
    });
  });

  // What a new ticket for (service, category) would meet under the customer's terms today, before
  // it is sent: in scope, billable (with the quote to accept) or refused (with the reason). Before
  // /tickets/{id}, so "preview" is never read as an id.
  router.Add("GET", "/api/v1/tickets/preview", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      std::string service;
      std::optional<core::Category> category;
      std::optional<OrgId> customer;
      for (const auto& [name, value] : call.request.query) {
        if (name == "service") {
          service = value;
        } else if (name == "category") {
          category = core::ParseCategory(value);
          if (!category) return Fail(BadParameter(name, "must be billing, subscription or technical"));
        } else if (name == "customer_id") {
          const auto id = ParsePositive(value);
          if (!id) return Fail(BadParameter(name, "must be an organisation id"));
          customer = OrgId{*id};
        } else {
          return Fail(BadParameter(name, "unknown parameter"));
        }
      }
      if (service.empty()) return Fail(BadParameter("service", "is required"));
      if (!customer && !core::IsCustomerRole(call.actor.role)) {
        return Fail(BadParameter("customer_id", "is required: whose terms to preview"));
      }
      const OrgId whose = customer.value_or(call.actor.org_id);
      if (!category) return Fail(BadParameter("category", "is required"));
      const auto preview = TD_TRY(app::ticket::PreviewScope(services.app, call.actor, whose, service, *category));
      const auto& decision = preview.decision;
      json::object out{{"scope", core::ToString(decision.kind)},
                       {"reason", decision.reason},
                       {"support_statement", "/support/" + std::to_string(whose.value)}};
      if (decision.quote) {
        out["quote"] = QuoteJson(*decision.quote);
      }
      return JsonResponse(200, out);
    });
  });

  router.Add("GET", "/api/v1/tickets/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      return TicketResponse(200, TD_TRY(app::ticket::GetTicket(services.app, call.actor, id)), call.actor);
    });
  });

  router.Add("PATCH", "/api/v1/tickets/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      auto body = TD_TRY(JsonBody(call.request));
      const auto expected_version = ReadIfMatchVersion(call.request);
      ObjectReader reader(body);
      core::TicketPatch patch;
      patch.status = reader.Enum<core::TicketStatus>("status", core::ParseTicketStatus);
      patch.severity = reader.Enum<core::Severity>("severity", core::ParseSeverity);
      patch.category = reader.Enum<core::Category>("category", core::ParseCategory);
      patch.subject = reader.String("subject");
      if (auto team = reader.NullableId("team_id")) patch.team_id = TeamId{*team};
      if (auto assignee = reader.NullableId("assignee_id")) patch.assignee_id = UserId{*assignee};
      if (auto provider = reader.NullableId("provider_id")) patch.provider_id = OrgId{*provider};
      patch.tags = reader.StringArray("tags");
      patch.fields = reader.StringMap("fields");
      TD_CHECK(reader.Finish());
      if (patch.empty()) {
        return Fail(Error::InvalidArgument("the change is empty; name at least one field"));
      }
      return TicketResponse(200, TD_TRY(app::ticket::UpdateTicket(services.app, call.actor, id, std::move(patch),
                                                                  expected_version)),
                            call.actor);
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
