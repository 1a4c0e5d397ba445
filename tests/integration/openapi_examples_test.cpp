// Every documented request example is accepted by the real server, and the server's refusals of
// missing fields match the schemas' `required` lists.
//
// For each operation of docs/openapi.json with a request body, on a fresh server and world:
//  - the operation must document an example for each body media type (missing: the test fails,
//    naming the operation);
//  - each field a schema requires (at the top and in nested objects the example has) is dropped in
//    turn: the server must refuse with 400 or 422 and a problem;
//  - the example, with its path parameters and id fields replaced by real ids (Seeded::body), its
//    `current_password` by the caller's, and the fields kBodySubstitutes names by live values (a
//    reset token, the ticket with work to approve), is sent by a member allowed to call it (kCallers, else the partner admin), with
//    no bearer token when the operation is open (`security: []`): the server must answer 2xx;
//  - on another fresh server the example cut down to the required fields is accepted too, so a
//    field the server needs cannot be documented as optional.
// Ids and secrets in the documented examples are placeholders; Seeded::path, kPathOverrides,
// Seeded::body and kBodySubstitutes say what replaces them.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adapters/http/openapi.hpp"
#include "adapters/vendor/microsoft.hpp"
#include "app/auth/auth.hpp"
#include "app/vendor/vendor.hpp"
#include "support/http_client.hpp"
#include "support/microsoft_stub.hpp"
#include "support/partner_center_stub.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

// Who sends an operation's example, when the partner admin may not (or is not the natural caller).
const std::map<std::string, std::string> kCallers = {
    {"createTicket", "req_a1"},      // a customer opens a ticket without naming the customer
    {"handBackTicket", "provider"},  // on the ticket routed to the provider
    {"handUpTicket", "reseller"},    // on the reseller's customer's ticket
};

// A fresh server with a world and the objects the documented operations act on.
struct Seeded {
  std::unique_ptr<TestServer> server;
  std::unique_ptr<HttpClient> client;
  std::map<std::string, std::string> path;  // "<segment>/{<param>}" -> value
  std::map<std::string, json::value> body;  // id field name -> what replaces the example's id
  std::string reset_token;                  // a live password reset for req_a1
  std::int64_t approval_ticket = 0;         // customer A's ticket with work that needs approval
  std::string approval_period;              // the month that work was done in
  std::int64_t subscription = 0;            // customer A's
};

std::int64_t CreatedId(const HttpResult& result, const std::string& what) {
  EXPECT_TRUE(result.status == 201 || result.status == 200) << "seeding " << what << ": " << result.status << " "
                                                            << result.body;
  std::error_code ec;
  auto value = json::parse(result.body, ec);
  if (ec || !value.is_object() || !value.as_object().contains("id")) return 0;
  return value.at("id").as_int64();
}

// The month before `month` ("YYYY-MM").
std::string MonthBefore(const std::string& month) {
  int year = std::stoi(month.substr(0, 4));
  int number = std::stoi(month.substr(5, 2)) - 1;
  if (number == 0) {
    number = 12;
    --year;
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, number);
  return buffer;
}

std::unique_ptr<Seeded> Seed(MicrosoftStub& stub) {
  static int case_counter = 0;
  auto s = std::make_unique<Seeded>();
  s->server = std::make_unique<TestServer>();
  s->client = std::make_unique<HttpClient>(s->server->port);
  auto& c = *s->client;
  const auto& w = s->server->world;
  const auto& admin = w["admin"].token;
  const auto id = [](auto value) { return std::to_string(value); };

  const auto calendar = CreatedId(
      c.PostJson("/api/v1/calendars",
                 R"({"name":"Seed hours","time_zone":"Asia/Seoul","intervals":[{"day":"mon","start":"09:00","end":"18:00"}]})",
                 admin),
      "calendar");
  const auto plan = CreatedId(
      c.PostJson("/api/v1/plans",
                 R"({"name":"Seed prepaid","coverage":[{"service":"azure","category":"technical"},)"
                 R"({"service":"m365","category":"technical"}],"channels":[{"kind":"portal"}],)"
                 R"("pricing":{"model":"prepaid_block","currency":"KRW","block_unit":"hours","block_size":10,)"
                 R"("block_price":1000000,"hourly_rate":120000,"when_exhausted":"needs_approval"}})",
                 admin),
      "plan");
  const auto agreement = CreatedId(
      c.PostJson("/api/v1/agreements",
                 R"({"customer_id":)" + id(w.customer_a.id.value) + R"(,"plan_id":)" + id(plan) +
                     R"(,"start_date":"2020-01-01"})",
                 admin),
      "agreement");
  const auto team = CreatedId(c.PostJson("/api/v1/teams", R"({"name":"Seed L2","tier":2})", admin), "team");
  const auto rule = CreatedId(
      c.PostJson("/api/v1/rules", R"({"name":"Seed rule","actions":[{"action":"add_tags","values":["seed"]}]})", admin),
      "rule");
  const auto competency = CreatedId(
      c.PostJson("/api/v1/competencies",
                 R"({"level":"gold","area":"Seed","valid_from":"2020-01-01","expires_on":"2099-12-31"})", admin),
      "competency");
  const auto entitlement = CreatedId(
      c.PostJson("/api/v1/entitlements", R"({"kind":"csp_technical","name":"Seed CSP","valid_from":"2020-01-01"})",
                 admin),
      "entitlement");
  const auto incident = CreatedId(
      c.PostJson("/api/v1/vendor-incidents", R"({"reference":"SEED-1","title":"Seed incident","service":"azure"})",
                 admin),
      "incident");
  const std::string a1 = id(w.ticket_a1.value);
  // Customer A has bought no block of the seeded plan, which asks first: this work needs approval.
  // It was done two hours ago, so the documented correction to 60 minutes still ends before now.
  const auto worked_at = s->server->app.clock.Now() - std::chrono::hours(2);
  const auto entry = CreatedId(c.PostJson("/api/v1/tickets/" + a1 + "/time",
                                          R"({"minutes":30,"note":"seed","worked_at":")" + FormatTimestamp(worked_at) + R"("})",
                                          admin),
                               "time entry");
  s->approval_ticket = w.ticket_a1.value;
  s->approval_period = PartnerMonth(*s->server, worked_at);
  s->subscription = CreatedId(
      c.PostJson("/api/v1/subscriptions",
                 R"({"customer_id":)" + id(w.customer_a.id.value) +
                     R"(,"service":"azure","subscription_id":"0b7e3a52-9c1d-4f6e-8a2b-5d4c3e2f1a09","name":"Seed Azure"})",
                 admin),
      "subscription");
  auto reset = app::auth::IssuePasswordReset(s->server->app.Context(), w["req_a1"].user.email, w["admin"].user.id);
  EXPECT_TRUE(reset) << "seeding password reset: " << (reset ? "" : reset.error().message);
  if (reset) s->reset_token = reset->token;
  EXPECT_EQ(c.Send("PUT", "/api/v1/services/azure/requirements",
                   R"({"checklist":[{"key":"collected_logs","text":"Collected the activity log"}]})",
                   {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}})
                .status,
            200);
  auto timer = c.PostJson("/api/v1/tickets/" + a1 + "/timer/start", "{}", admin);
  EXPECT_TRUE(timer.status == 200 || timer.status == 201) << "seeding timer: " << timer.body;

  // A case with Microsoft on a Microsoft 365 ticket, and the update Microsoft wrote on it.
  const auto vendor_ticket = CreatedId(
      c.PostJson("/api/v1/tickets",
                 R"({"service":"m365","category":"technical","severity":"moderate","subject":"Seed vendor",)"
                 R"("description":"Mail stops","fields":{"tenant_domain":"alpha.example"}})",
                 w["req_a1"].token),
      "vendor ticket");
  const std::string case_number = "61612229" + std::to_string(1000000 + ++case_counter);
  const auto vendor_case = CreatedId(
      c.PostJson("/api/v1/tickets/" + id(vendor_ticket) + "/escalations",
                 R"({"connector":"partner_center","case_number":")" + case_number + R"("})", admin),
      "vendor case");
  stub.AddServiceRequest(case_number, {json::value(2), json::value(1), "Mail", MicrosoftStub::kTenant,
                                       {json::object{{"createdByName", "Microsoft Support"},
                                                     {"createdDate", "2026-11-24T08:30:00"},
                                                     {"text", "Microsoft is looking at the mail flow."}}}});
  StubbedPartnerCenter partner_center(stub);
  const core::VendorConnectors connectors = partner_center.Connectors();
  EXPECT_TRUE(app::vendor::SyncVendorCases(s->server->app.Context(), connectors));
  std::int64_t update = 0;
  auto messages = c.Get("/api/v1/tickets/" + id(vendor_ticket) + "/messages", admin);
  if (messages.status == 200) {
    for (const auto& message : Items(messages.body)) {
      if (message.at("kind") == "vendor_update") update = message.at("id").as_int64();
    }
  }
  EXPECT_NE(update, 0) << "seeding: no vendor update";

  s->path = {
      {"tickets/{id}", a1},
      {"calendars/{id}", id(calendar)},
      {"plans/{id}", id(plan)},
      {"agreements/{id}", id(agreement)},
      {"rules/{id}", id(rule)},
      {"services/{code}", "azure"},
      {"checklist/{key}", "collected_logs"},
      {"teams/{id}", id(team)},
      {"users/{id}", id(w["agent"].user.id.value)},
      {"providers/{id}", id(w.provider.id.value)},
      {"competencies/{id}", id(competency)},
      {"entitlements/{id}", id(entitlement)},
      {"vendor-cases/{id}", id(vendor_case)},
      {"vendor-incidents/{id}", id(incident)},
      {"messages/{message_id}", id(update)},
      {"periods/{period}", MonthBefore(PartnerMonth(*s->server, s->server->app.clock.Now()))},
      {"customers/{id}", id(w.customer_a.id.value)},
      {"time/{entry_id}", id(entry)},
      {"organizations/{id}", id(w.customer_a.id.value)},
      {"subscriptions/{id}", id(s->subscription)},
      {"vendor ticket", id(vendor_ticket)},
  };
  s->body = {
      {"customer_id", json::value(w.customer_b.id.value)},
      {"organization_id", json::value(w.customer_a.id.value)},
      {"parent_id", json::value(w.reseller.id.value)},
      {"plan_id", json::value(plan)},
      {"default_plan_id", json::value(plan)},
      {"team_id", json::value(team)},
      {"assignee_id", json::value(w["agent"].user.id.value)},
      {"provider_id", json::value(w.provider.id.value)},
      {"requester_id", json::value(w["req_a1"].user.id.value)},
      {"support_contact_id", json::value(w["admin_a"].user.id.value)},
      {"service_hours_calendar_id", json::value(calendar)},
      {"hours_calendar_id", json::value(calendar)},
      {"shift_calendar_id", json::value(calendar)},
      {"entitlement_id", json::value(entitlement)},
      {"competency_id", json::value(competency)},
      {"ticket_ids", json::array{w.ticket_a1.value}},
      {"members", json::array{w["agent"].user.id.value}},
  };
  return s;
}

// Per operation, path values other than the seeded defaults.
const std::map<std::string, std::function<std::map<std::string, std::string>(const Seeded&)>> kPathOverrides = {
    {"handBackTicket", [](const Seeded& s) { return std::map<std::string, std::string>{{"tickets/{id}", std::to_string(s.server->world.ticket_routed.value)}}; }},
    {"handUpTicket", [](const Seeded& s) { return std::map<std::string, std::string>{{"tickets/{id}", std::to_string(s.server->world.ticket_c1.value)}}; }},
    {"publishVendorUpdate", [](const Seeded& s) { return std::map<std::string, std::string>{{"tickets/{id}", s.path.at("vendor ticket")}}; }},
    // The month of the seeded work that needs approval (open: nothing was closed).
    {"decideBillingApproval", [](const Seeded& s) { return std::map<std::string, std::string>{{"periods/{period}", s.approval_period}}; }},
};

// Per operation, top-level body fields replaced whatever their type (secrets, and ids other than
// Seeded::body's), given the seeded world and the caller. The example must have each field.
using BodyFields = std::map<std::string, json::value>;
const std::map<std::string, std::function<BodyFields(const Seeded&, const std::string& caller)>> kBodySubstitutes = {
    {"resetPassword", [](const Seeded& s, const std::string&) { return BodyFields{{"token", json::value(s.reset_token)}}; }},
    {"decideBillingApproval", [](const Seeded& s, const std::string&) {
       return BodyFields{{"customer_id", json::value(s.server->world.customer_a.id.value)},
                         {"ticket_id", json::value(s.approval_ticket)}};
     }},
    // The subscription is customer A's; it moves to another customer.
    {"transferSubscription", [](const Seeded& s, const std::string&) {
       return BodyFields{{"customer_id", json::value(s.server->world.customer_b.id.value)}};
     }},
};

class Document {
 public:
  Document() {
    std::error_code ec;
    root_ = json::parse(adapters::http::OpenApiDocument(), ec);
  }
  const json::value& Root() const { return root_; }
  // Follows local $refs ("#/components/...").
  const json::value& Resolve(const json::value& value) const {
    const json::value* current = &value;
    for (int hops = 0; hops < 16 && current->is_object() && current->as_object().contains("$ref"); ++hops) {
      std::string ref(current->at("$ref").as_string());
      if (ref.rfind("#/", 0) != 0) break;
      current = &root_.at_pointer(ref.substr(1));
    }
    return *current;
  }

 private:
  json::value root_;
};

struct Operation {
  std::string method, path, id;
  std::string media_type;  // the one sent
  json::value example;
  json::value schema;
  bool open = false;  // `security: []`: sent without a bearer token
};

// Replaces the example's id fields (integers, or arrays of integers) with real ids.
void ReplaceIds(json::value& value, const std::map<std::string, json::value>& ids) {
  if (value.is_array()) {
    for (auto& item : value.as_array()) ReplaceIds(item, ids);
    return;
  }
  if (!value.is_object()) return;
  for (auto& [key, field] : value.as_object()) {
    auto it = ids.find(std::string(key));
    const bool is_id = field.is_int64() || field.is_uint64() || (field.is_array() && !field.as_array().empty() &&
                                                                  field.as_array().front().is_int64());
    if (it != ids.end() && is_id) {
      field = it->second;
    } else {
      ReplaceIds(field, ids);
    }
  }
}

// Fields a schema cannot call required because another field decides whether they are needed
// (each operation's description says when); the cut-down example keeps them wherever they occur.
const std::map<std::string, std::set<std::string>> kConditionallyRequired = {
    {"createCalendar", {"intervals"}},  // unless always_open
    {"replaceCalendar", {"intervals"}},
    {"createPlan", {"address", "hourly_rate"}},  // an e-mail channel's address; an hourly plan's rate
    {"replacePlan", {"address", "hourly_rate"}},
};

// The example with only what the schema requires (and at least `minProperties` fields), at every
// level the example reaches, plus the operation's conditionally required fields.
json::value Minimal(const Document& doc, const json::value& example, const json::value& schema_in,
                    const std::set<std::string>& keep) {
  const auto& schema = doc.Resolve(schema_in);
  if (example.is_object() && schema.is_object()) {
    std::set<std::string> required;
    if (const auto* list = schema.as_object().if_contains("required")) {
      for (const auto& name : list->as_array()) required.insert(std::string(name.as_string()));
    }
    std::size_t at_least = 0;
    if (const auto* min = schema.as_object().if_contains("minProperties")) at_least = static_cast<std::size_t>(min->to_number<std::int64_t>());
    const auto* properties = schema.as_object().if_contains("properties");
    json::object out;
    for (const auto& [key, field] : example.as_object()) {
      const std::string name(key);
      if (!required.count(name) && !keep.count(name) && out.size() >= at_least) continue;
      const auto* property = properties ? properties->as_object().if_contains(key) : nullptr;
      out[key] = property ? Minimal(doc, field, *property, keep) : field;
    }
    return out;
  }
  if (example.is_array() && schema.is_object() && schema.as_object().contains("items")) {
    json::array out;
    for (const auto& item : example.as_array()) out.push_back(Minimal(doc, item, schema.at("items"), keep));
    return out;
  }
  return example;
}

// Each body that lacks one required field: (field path, body).
void DropEach(const Document& doc, const json::value& whole, json::value& here, const json::value& schema_in,
              const std::string& prefix, std::vector<std::pair<std::string, json::value>>& out) {
  const auto& schema = doc.Resolve(schema_in);
  if (!schema.is_object()) return;
  if (here.is_array() && schema.as_object().contains("items") && !here.as_array().empty()) {
    DropEach(doc, whole, here.as_array()[0], schema.at("items"), prefix + "[0]", out);
    return;
  }
  if (!here.is_object()) return;
  if (const auto* list = schema.as_object().if_contains("required")) {
    for (const auto& name : list->as_array()) {
      const std::string key(name.as_string());
      if (!here.as_object().contains(key)) continue;
      json::value saved = here.at(key);
      here.as_object().erase(key);
      out.emplace_back(prefix + key, whole);
      here.as_object()[key] = std::move(saved);
    }
  }
  if (const auto* properties = schema.as_object().if_contains("properties")) {
    for (auto& [key, field] : here.as_object()) {
      if (const auto* property = properties->as_object().if_contains(key)) {
        DropEach(doc, whole, field, *property, prefix + std::string(key) + ".", out);
      }
    }
  }
}

std::vector<Operation> OperationsWithBodies(const Document& doc, std::vector<std::string>& missing) {
  std::vector<Operation> out;
  for (const auto& [path, item] : doc.Root().at("paths").as_object()) {
    for (const auto& [method, op_value] : item.as_object()) {
      if (!op_value.is_object() || !op_value.as_object().contains("requestBody")) continue;
      const auto& op = op_value.as_object();
      std::string upper(method);
      for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      const std::string name = upper + " " + std::string(path);
      const auto& body = doc.Resolve(op.at("requestBody"));
      std::optional<Operation> chosen;
      for (const auto& [media_type, media] : body.at("content").as_object()) {
        const json::value* example = media.as_object().if_contains("example");
        if (example == nullptr) {
          if (const auto* examples = media.as_object().if_contains("examples")) {
            if (!examples->as_object().empty()) {
              example = doc.Resolve(examples->as_object().begin()->value()).as_object().if_contains("value");
            }
          }
        }
        if (example == nullptr) {
          missing.push_back(name + " (" + std::string(media_type) + ")");
          continue;
        }
        if (!chosen || media_type == "application/json") {
          const auto* schema = media.as_object().if_contains("schema");
          const auto* security = op.if_contains("security");
          chosen = Operation{upper,
                             std::string(path),
                             op.contains("operationId") ? std::string(op.at("operationId").as_string()) : name,
                             std::string(media_type),
                             *example,
                             schema ? *schema : json::value(json::object{}),
                             security != nullptr && security->is_array() && security->as_array().empty()};
        }
      }
      if (chosen) out.push_back(std::move(*chosen));
    }
  }
  return out;
}

// The path with each {param} replaced by the seeded value for "<segment before>/{param}".
std::optional<std::string> Concrete(const std::string& path, const std::map<std::string, std::string>& values,
                                    std::string& unknown) {
  std::string out;
  std::string previous;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const auto slash = path.find('/', pos);
    const std::string segment = path.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
    if (!segment.empty() && segment.front() == '{') {
      auto it = values.find(previous + "/" + segment);
      if (it == values.end()) {
        unknown = previous + "/" + segment;
        return std::nullopt;
      }
      out += it->second;
    } else {
      out += segment;
    }
    previous = segment;
    if (slash == std::string::npos) break;
    out += '/';
    pos = slash + 1;
  }
  return out;
}

std::optional<std::string> Target(const Operation& op, const Seeded& s, std::string& unknown) {
  auto values = s.path;
  if (auto it = kPathOverrides.find(op.id); it != kPathOverrides.end()) {
    for (const auto& [key, value] : it->second(s)) values[key] = value;
  }
  return Concrete(op.path, values, unknown);
}

HttpResult Send(Seeded& s, const Operation& op, const std::string& target, const json::value& body,
                const std::string& token) {
  std::map<std::string, std::string> headers;
  if (!op.open) headers["Authorization"] = "Bearer " + token;
  if (op.method == "PUT" || op.method == "PATCH") {
    auto current = s.client->Get(target, token);
    if (current.status == 200 && !current.Header("etag").empty()) headers["If-Match"] = current.Header("etag");
  }
  if (op.media_type == "multipart/form-data") {
    const std::string boundary = "tierdeskexampleboundary";
    std::string payload;
    for (const auto& [key, value] : body.as_object()) {
      payload += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + std::string(key) + "\"";
      if (key == "file") payload += "; filename=\"example.txt\"\r\nContent-Type: text/plain";
      payload += "\r\n\r\n" + (value.is_string() ? std::string(value.as_string()) : json::serialize(value)) + "\r\n";
    }
    payload += "--" + boundary + "--\r\n";
    headers["Content-Type"] = "multipart/form-data; boundary=" + boundary;
    return s.client->Send(op.method, target, payload, headers);
  }
  if (op.media_type.find("json") == std::string::npos) {
    headers["Content-Type"] = "text/plain";
    const std::string raw = body.is_string() ? std::string(body.as_string()) : json::serialize(body);
    return s.client->Send(op.method, target + "?filename=example.txt", raw, headers);
  }
  headers["Content-Type"] = op.media_type;
  return s.client->Send(op.method, target, json::serialize(body), headers);
}

// The operation's example with real ids and secrets of the seeded world (Seeded::body, kBodySubstitutes).
json::value Prepared(const Operation& op, const Seeded& s, const std::string& caller) {
  json::value example = op.example;
  ReplaceIds(example, s.body);
  // Operations that check the caller's password again (changePassword, createToken) get the real one.
  if (example.is_object() && example.as_object().contains("current_password")) {
    example.as_object()["current_password"] = json::value(s.server->world[caller].password);
  }
  if (auto it = kBodySubstitutes.find(op.id); it != kBodySubstitutes.end()) {
    for (const auto& [field, value] : it->second(s, caller)) {
      if (!example.is_object() || !example.as_object().contains(field)) {
        ADD_FAILURE() << "the example has no `" << field << "` to substitute";
        continue;
      }
      example.as_object()[field] = value;
    }
  }
  return example;
}

bool IsProblem(const HttpResult& result) {
  return result.Header("content-type").find("application/problem+json") != std::string::npos;
}

TEST(OpenApiExamples, EveryRequestBodyHasAnExampleTheServerAcceptsAndRequiredFieldsMatch) {
  Document doc;
  ASSERT_TRUE(doc.Root().is_object()) << "docs/openapi.json is not valid JSON";
  std::vector<std::string> missing;
  const auto operations = OperationsWithBodies(doc, missing);
  for (const auto& name : missing) ADD_FAILURE() << name << " has a request body but no example";
  ASSERT_FALSE(operations.empty());
  MicrosoftStub stub;
  for (const auto& op : operations) {
    SCOPED_TRACE(op.id + ": " + op.method + " " + op.path + " (" + op.media_type + ")");
    auto seeded = Seed(stub);
    auto& s = *seeded;
    std::string unknown;
    const auto target = Target(op, s, unknown);
    if (!target) {
      ADD_FAILURE() << "no seeded value for path parameter " << unknown << "; add one to Seed()";
      continue;
    }
    const auto caller = kCallers.count(op.id) ? kCallers.at(op.id) : std::string("admin");
    const auto& token = s.server->world[caller].token;
    json::value example = Prepared(op, s, caller);

    // Each required field dropped: refused, before anything changes.
    std::vector<std::pair<std::string, json::value>> drops;
    DropEach(doc, example, example, op.schema, "", drops);
    for (const auto& [field, body] : drops) {
      auto refused = Send(s, op, *target, body, token);
      EXPECT_TRUE(refused.status == 400 || refused.status == 422)
          << "without the required `" << field << "` the server answered " << refused.status << " " << refused.body;
      EXPECT_TRUE(IsProblem(refused)) << field << ": " << refused.Header("content-type");
    }

    auto accepted = Send(s, op, *target, example, token);
    EXPECT_GE(accepted.status, 200) << json::serialize(example);
    EXPECT_LT(accepted.status, 300) << "as " << caller << ": " << json::serialize(example) << "\n-> " << accepted.body;

    // Only the required fields: accepted too (a field the server needs is documented as required).
    const auto keep = kConditionallyRequired.count(op.id) ? kConditionallyRequired.at(op.id) : std::set<std::string>{};
    const auto minimal = Minimal(doc, example, op.schema, keep);
    if (minimal != example && op.media_type.find("json") != std::string::npos) {
      auto fresh = Seed(stub);
      const auto fresh_minimal = Minimal(doc, Prepared(op, *fresh, caller), op.schema, keep);  // its own secrets
      auto again = Send(*fresh, op, Target(op, *fresh, unknown).value_or(*target), fresh_minimal,
                        fresh->server->world[caller].token);
      EXPECT_TRUE(again.status >= 200 && again.status < 300)
          << "the required fields alone: " << json::serialize(fresh_minimal) << "\n-> " << again.status << " "
          << again.body;
    }
  }
}

}  // namespace
}  // namespace tierdesk::testing
