#include "support/microsoft_stub.hpp"

#include <boost/json.hpp>

#include "core/common/text.hpp"
#include "core/common/time.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

StubResponse Answer(int status, const json::value& body) { return {status, {}, json::serialize(body), {}}; }

StubResponse AzureError(int status, const std::string& code, const std::string& message) {
  return Answer(status, json::object{{"error", json::object{{"code", code}, {"message", message}}}});
}

StubResponse PartnerCenterError(int status, const std::string& code, const std::string& description) {
  return Answer(status, json::object{{"code", code}, {"description", description}});
}

std::vector<std::string> Parts(std::string_view text, char separator) {
  std::vector<std::string> parts;
  for (const auto part : Split(text, separator)) parts.emplace_back(part);
  return parts;
}

std::string Now() { return FormatTimestamp(SystemClock().Now()); }

// "/a/b?x=1&y=2" → path "/a/b", query {"x": "1", "y": "2"}.
std::pair<std::string, std::map<std::string, std::string>> SplitTarget(const std::string& target) {
  const auto mark = target.find('?');
  std::map<std::string, std::string> query;
  if (mark != std::string::npos) {
    for (const auto& pair : Parts(target.substr(mark + 1), '&')) {
      const auto eq = pair.find('=');
      query[pair.substr(0, eq)] = eq == std::string::npos ? std::string() : pair.substr(eq + 1);
    }
  }
  return {target.substr(0, mark), query};
}

const json::value* Find(const json::value& value, std::initializer_list<const char*> path) {
  const json::value* at = &value;
  for (const char* key : path) {
    if (!at->is_object()) return nullptr;
    at = at->as_object().if_contains(key);
    if (at == nullptr) return nullptr;
  }
  return at;
}

bool HasText(const json::value& value, std::initializer_list<const char*> path) {
  const auto* at = Find(value, path);
  return at != nullptr && at->is_string() && !at->as_string().empty();
}

json::value TicketJson(const MicrosoftStub::AzureTicket& ticket) {
  const auto& properties = ticket.body.at("properties");
  return json::object{{"id", "/subscriptions/" + ticket.subscription + "/providers/Microsoft.Support/supportTickets/" +
                                 ticket.name},
                      {"name", ticket.name},
                      {"type", "Microsoft.Support/supportTickets"},
                      {"properties", json::object{{"supportTicketId", ticket.number},
                                                  {"title", properties.at("title")},
                                                  {"description", properties.at("description")},
                                                  {"severity", properties.at("severity")},
                                                  {"serviceId", properties.at("serviceId")},
                                                  {"problemClassificationId", properties.at("problemClassificationId")},
                                                  {"status", ticket.status},
                                                  {"createdDate", Now()},
                                                  {"modifiedDate", Now()}}}};
}

json::value ServiceRequestJson(const std::string& id, const MicrosoftStub::ServiceRequest& request) {
  json::array notes;
  for (const auto& note : request.notes) notes.push_back(note);
  return json::object{{"id", id},
                      {"title", request.title},
                      {"description", "As opened in the Partner Center portal"},
                      {"severity", request.severity},
                      {"status", request.status},
                      {"supportTopicId", "32444671"},
                      {"notes", notes},
                      {"createdDate", "2026-11-20T09:00:00"},
                      {"lastModifiedDate", "2026-11-24T09:00:00"},
                      {"attributes", json::object{{"objectType", "ServiceRequest"}}}};
}

}  // namespace

MicrosoftStub::MicrosoftStub() : server_([this](const StubRequest& request) { return Handle(request); }) {}

void MicrosoftStub::FailNext(int count, Fault fault) {
  std::lock_guard lock(mutex_);
  for (int i = 0; i < count; ++i) faults_.push_back(fault);
}

void MicrosoftStub::RejectCredentials(bool reject) {
  std::lock_guard lock(mutex_);
  reject_credentials_ = reject;
}

void MicrosoftStub::ExpireTokens() {
  std::lock_guard lock(mutex_);
  valid_tokens_.clear();
}

void MicrosoftStub::AddServiceRequest(const std::string& id, ServiceRequest request) {
  std::lock_guard lock(mutex_);
  service_requests_[id] = std::move(request);
}

void MicrosoftStub::SetAzureStatus(const std::string& name, const std::string& status) {
  std::lock_guard lock(mutex_);
  azure_.at(name).status = status;
}

void MicrosoftStub::AddAzureReply(const std::string& name, const std::string& communication, const std::string& body) {
  std::lock_guard lock(mutex_);
  auto& ticket = azure_.at(name);
  ticket.communications.push_back(json::object{
      {"id", "/subscriptions/" + ticket.subscription + "/providers/Microsoft.Support/supportTickets/" + name +
                 "/communications/" + communication},
      {"name", communication},
      {"type", "Microsoft.Support/communications"},
      {"properties", json::object{{"communicationType", "web"},
                                  {"communicationDirection", "outbound"},
                                  {"sender", "support@microsoft.example"},
                                  {"subject", "Update on your case"},
                                  {"body", body},
                                  {"createdDate", Now()}}}});
}

std::vector<StubRequest> MicrosoftStub::Requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<StubRequest> MicrosoftStub::Requests(const std::string& method, const std::string& path_prefix) const {
  std::vector<StubRequest> out;
  for (auto& request : Requests()) {
    if (request.method == method && request.target.rfind(path_prefix, 0) == 0) out.push_back(std::move(request));
  }
  return out;
}

int MicrosoftStub::TokensIssued() const {
  std::lock_guard lock(mutex_);
  return tokens_issued_;
}

std::map<std::string, MicrosoftStub::AzureTicket> MicrosoftStub::AzureTickets() const {
  std::lock_guard lock(mutex_);
  return azure_;
}

std::map<std::string, MicrosoftStub::ServiceRequest> MicrosoftStub::ServiceRequests() const {
  std::lock_guard lock(mutex_);
  return service_requests_;
}

StubResponse MicrosoftStub::Handle(const StubRequest& request) {
  std::lock_guard lock(mutex_);
  requests_.push_back(request);
  const auto [path, query] = SplitTarget(request.target);
  if (path.ends_with("/oauth2/v2.0/token")) return Token(request);
  const auto auth = request.Header("authorization");
  if (auth.rfind("Bearer ", 0) != 0 || valid_tokens_.count(auth.substr(7)) == 0) {
    return AzureError(401, "InvalidAuthenticationToken", "The access token is invalid or has expired.");
  }
  std::optional<Fault> fault;
  if (!faults_.empty()) {
    fault = faults_.front();
    faults_.pop_front();
  }
  auto faulty = [&] {
    StubResponse answer = AzureError(fault->status, "ServerError", "try again later");
    if (!fault->retry_after.empty()) answer.headers.emplace_back("Retry-After", fault->retry_after);
    answer.delay = fault->delay;
    return answer;
  };
  if (fault && !fault->after_work && fault->status != 200) return faulty();
  StubResponse answer = path.rfind("/subscriptions/", 0) == 0 ? Azure(request, path)
                        : path.rfind("/v1/", 0) == 0          ? PartnerCenter(request, path)
                                                              : AzureError(404, "NotFound", "no such route");
  if (fault && fault->after_work) return faulty();
  if (fault) answer.delay = fault->delay;  // status 200: the right answer, late
  return answer;
}

StubResponse MicrosoftStub::Token(const StubRequest& request) {
  const std::string expected_path = std::string("/") + kTenant + "/oauth2/v2.0/token";
  if (request.target != expected_path) {
    return Answer(400, json::object{{"error", "invalid_request"},
                                    {"error_description", "AADSTS90002: Tenant not found."}});
  }
  std::map<std::string, std::string> form;
  for (const auto& pair : Parts(request.body, '&')) {
    const auto eq = pair.find('=');
    form[pair.substr(0, eq)] = eq == std::string::npos ? std::string() : pair.substr(eq + 1);
  }
  if (request.Header("content-type") != "application/x-www-form-urlencoded" ||
      form["grant_type"] != "client_credentials" || form["scope"].empty()) {
    return Answer(400, json::object{{"error", "invalid_request"},
                                    {"error_description", "AADSTS900144: The request body must contain grant_type."}});
  }
  if (reject_credentials_ || form["client_id"] != kClientId || form["client_secret"] != kSecret) {
    return Answer(401, json::object{{"error", "invalid_client"},
                                    {"error_description", "AADSTS7000215: Invalid client secret provided."}});
  }
  ++tokens_issued_;
  const std::string token = "token-" + std::to_string(tokens_issued_);
  valid_tokens_.insert(token);
  return Answer(200, json::object{{"token_type", "Bearer"}, {"expires_in", 3599}, {"access_token", token}});
}

StubResponse MicrosoftStub::Azure(const StubRequest& request, const std::string& path) {
  const auto query = SplitTarget(request.target).second;
  if (query.count("api-version") == 0 || query.at("api-version") != "2020-04-01") {
    return AzureError(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
  }
  // /subscriptions/{s}/providers/Microsoft.Support/supportTickets/{name}[/communications[/{c}]]
  const auto parts = Parts(path.substr(1), '/');
  if (parts.size() < 6 || parts[2] != "providers" || parts[3] != "Microsoft.Support" || parts[4] != "supportTickets") {
    return AzureError(404, "NotFound", "no such route");
  }
  const std::string& subscription = parts[1];
  const std::string& name = parts[5];
  auto ticket = azure_.find(name);
  if (parts.size() == 6 && request.method == "PUT") {
    if (ticket != azure_.end()) return Answer(200, TicketJson(ticket->second));  // the same name: the same case
    boost::system::error_code ec;
    const auto body = json::parse(request.body, ec);
    if (ec) return AzureError(400, "InvalidRequestContent", "The request content is not valid JSON.");
    for (const auto* field : {"title", "description", "serviceId", "problemClassificationId", "severity"}) {
      if (!HasText(body, {"properties", field})) {
        return AzureError(400, "BadRequest", std::string("properties.") + field + " is required");
      }
    }
    for (const auto* field : {"firstName", "lastName", "primaryEmailAddress", "preferredContactMethod",
                              "preferredTimeZone", "preferredSupportLanguage", "country"}) {
      if (!HasText(body, {"properties", "contactDetails", field})) {
        return AzureError(400, "BadRequest", std::string("properties.contactDetails.") + field + " is required");
      }
    }
    const std::string severity(body.at("properties").at("severity").as_string());
    if (severity != "minimal" && severity != "moderate" && severity != "critical" &&
        severity != "highestcriticalimpact") {
      return AzureError(400, "BadRequest", "properties.severity is not a severity");
    }
    AzureTicket created{name, subscription, "261124" + std::to_string(1000000 + ++next_number_), "Open", body, {}};
    ticket = azure_.emplace(name, std::move(created)).first;
    return Answer(201, TicketJson(ticket->second));
  }
  if (ticket == azure_.end() || ticket->second.subscription != subscription) {
    return AzureError(404, "ResourceNotFound", "The support ticket was not found.");
  }
  if (parts.size() == 6 && request.method == "GET") return Answer(200, TicketJson(ticket->second));
  if (parts.size() == 7 && parts[6] == "communications" && request.method == "GET") {
    // Two to a page, with Azure's absolute nextLink.
    std::size_t from = 0;
    if (const auto it = query.find("$skiptoken"); it != query.end()) {
      from = std::stoul(it->second);
    }
    const auto& all = ticket->second.communications;
    json::array page;
    for (std::size_t i = from; i < all.size() && i < from + 2; ++i) page.push_back(all[i]);
    json::object list{{"value", page}};
    if (from + 2 < all.size()) {
      list["nextLink"] = BaseUrl() + path + "?api-version=2020-04-01&$skiptoken=" + std::to_string(from + 2);
    }
    return Answer(200, list);
  }
  if (parts.size() == 8 && parts[6] == "communications" && request.method == "PUT") {
    for (const auto& existing : ticket->second.communications) {
      if (existing.at("name").as_string() == parts[7]) return Answer(200, existing);
    }
    boost::system::error_code ec;
    const auto body = json::parse(request.body, ec);
    if (ec || !HasText(body, {"properties", "subject"}) || !HasText(body, {"properties", "body"})) {
      return AzureError(400, "BadRequest", "properties.subject and properties.body are required");
    }
    json::value communication = json::object{
        {"id", path},
        {"name", parts[7]},
        {"type", "Microsoft.Support/communications"},
        {"properties", json::object{{"communicationType", "web"},
                                    {"communicationDirection", "inbound"},
                                    {"sender", Find(body, {"properties", "sender"}) ? body.at("properties").at("sender")
                                                                                    : json::value("")},
                                    {"subject", body.at("properties").at("subject")},
                                    {"body", body.at("properties").at("body")},
                                    {"createdDate", Now()}}}};
    ticket->second.communications.push_back(communication);
    return Answer(201, communication);
  }
  return AzureError(405, "MethodNotAllowed", "not here");
}

StubResponse MicrosoftStub::PartnerCenter(const StubRequest& request, const std::string& path) {
  if (request.Header("ms-requestid").empty() || request.Header("ms-correlationid").empty()) {
    return PartnerCenterError(400, "400001", "MS-RequestId and MS-CorrelationId are expected");
  }
  const auto parts = Parts(path.substr(1), '/');  // v1/servicerequests/{id} or v1/customers/{t}/servicerequests
  if (parts.size() == 4 && parts[1] == "customers" && parts[3] == "servicerequests" && request.method == "GET") {
    json::array items;
    for (const auto& [id, sr] : service_requests_) {
      if (sr.customer == parts[2]) items.push_back(ServiceRequestJson(id, sr));
    }
    const auto count = items.size();
    return Answer(200, json::object{{"totalCount", count},
                                    {"items", items},
                                    {"attributes", json::object{{"objectType", "Collection"}}}});
  }
  if (parts.size() != 3 || parts[1] != "servicerequests") return PartnerCenterError(404, "404", "no such route");
  const auto it = service_requests_.find(parts[2]);
  if (it == service_requests_.end()) return PartnerCenterError(404, "600009", "Service request not found.");
  if (request.method == "GET") return Answer(200, ServiceRequestJson(it->first, it->second));
  if (request.method == "PATCH") {
    boost::system::error_code ec;
    const auto body = json::parse(request.body, ec);
    if (ec || !HasText(body, {"newNote", "text"})) return PartnerCenterError(400, "400002", "newNote.text is required");
    // A request id seen before is the same request again: the note is not added twice.
    if (patch_request_ids_.insert(request.Header("ms-requestid")).second) {
      it->second.notes.push_back(json::object{{"createdByName", kClientId},
                                              {"createdDate", "2026-11-24T10:00:00"},
                                              {"text", body.at("newNote").at("text")}});
    }
    return Answer(200, ServiceRequestJson(it->first, it->second));
  }
  return PartnerCenterError(405, "405", "not here");
}

}  // namespace tierdesk::testing
