#include "adapters/vendor/microsoft.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

namespace tierdesk::adapters::vendor {
namespace {

namespace json = boost::json;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A member as text, whatever its case in Microsoft's answer ("title" or "Title").
std::string Text(const json::value& object, std::string_view name) {
  if (!object.is_object()) return {};
  for (const auto& [key, value] : object.as_object()) {
    if (Lower(key) == Lower(name) && value.is_string()) return std::string(value.as_string());
  }
  return {};
}

const json::value* Member(const json::value& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  for (const auto& [key, value] : object.as_object()) {
    if (Lower(key) == Lower(name)) return &value;
  }
  return nullptr;
}

std::optional<Timestamp> TimeOf(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (auto parsed = ParseTimestamp(text)) return parsed;
  return ParseTimestamp(text + "Z");  // Partner Center writes UTC without a zone
}

// Microsoft's error bodies: Azure {"error":{"code","message"}}, Partner Center {"code","description"}.
std::string ErrorText(const std::string& body) {
  boost::system::error_code ec;
  const auto parsed = json::parse(body, ec);
  if (ec) return body.substr(0, 200);
  if (const auto* error = Member(parsed, "error"); error != nullptr && error->is_object()) {
    return Text(*error, "code") + ": " + Text(*error, "message");
  }
  if (auto description = Text(parsed, "description"); !description.empty()) return description;
  return body.substr(0, 200);
}

std::string_view AzureSeverity(core::Severity severity) {
  switch (severity) {
    case core::Severity::kCritical: return "critical";
    case core::Severity::kModerate: return "moderate";
    case core::Severity::kMinimal: return "minimal";
  }
  return "moderate";
}

// "Ada Lovelace" → ("Ada", "Lovelace"); Azure wants both names.
std::pair<std::string, std::string> SplitName(const std::string& name) {
  const auto space = name.rfind(' ');
  if (space == std::string::npos) return {name, name};
  return {name.substr(0, space), name.substr(space + 1)};
}

std::string ServiceOf(const std::string& problem_classification) {
  const auto at = problem_classification.find("/problemClassifications/");
  return at == std::string::npos ? std::string() : problem_classification.substr(0, at);
}

}  // namespace

// ---- Entra ID tokens --------------------------------------------------------------------------

EntraTokenSource::EntraTokenSource(const HttpClient& client, EntraCredentials credentials, RetryPolicy retry,
                                   Sleeper sleep)
    : client_(client), credentials_(std::move(credentials)), retry_(retry), sleep_(std::move(sleep)) {}

Result<std::string> EntraTokenSource::Token() {
  std::lock_guard lock(mutex_);
  if (!token_.empty() && std::chrono::steady_clock::now() < expires_) return token_;
  HttpRequest request;
  request.method = "POST";
  request.url = credentials_.token_url + "/" + credentials_.tenant_id + "/oauth2/v2.0/token";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  request.body = FormEncode({{"grant_type", "client_credentials"},
                             {"client_id", credentials_.client_id},
                             {"client_secret", credentials_.client_secret},
                             {"scope", credentials_.scope}});
  const auto response = TD_TRY(SendWithRetry(client_, request, retry_, sleep_));
  if (response.status == 400 || response.status == 401) {
    boost::system::error_code ec;
    const auto body = json::parse(response.body, ec);
    const auto why = ec ? std::string() : Text(body, "error_description");
    return Fail(Error{ErrorCode::kUnauthenticated, "Microsoft refused the application's credentials",
                      why.substr(0, why.find('\n')), {}, {}});
  }
  if (response.status != 200) {
    return Fail(Error::Unavailable("the token service answered " + std::to_string(response.status)));
  }
  boost::system::error_code ec;
  const auto body = json::parse(response.body, ec);
  const auto token = ec ? std::string() : Text(body, "access_token");
  if (token.empty()) return Fail(Error::Unavailable("the token service gave no access token"));
  std::int64_t lifetime = 3600;
  if (const auto* expires_in = Member(body, "expires_in")) {
    if (expires_in->is_int64()) lifetime = expires_in->as_int64();
    if (expires_in->is_string()) lifetime = std::atoll(expires_in->as_string().c_str());
  }
  token_ = token;
  expires_ = std::chrono::steady_clock::now() + std::chrono::seconds(std::max<std::int64_t>(lifetime - 60, 0));
  return token_;
}

void EntraTokenSource::Forget() {
  std::lock_guard lock(mutex_);
  token_.clear();
}

// ---- Calls ------------------------------------------------------------------------------------

MicrosoftApi::MicrosoftApi(const HttpClient& client, ConnectorOptions options, Sleeper sleep)
    : client_(client),
      options_(std::move(options)),
      sleep_(std::move(sleep)),
      tokens_(client, options_.credentials, options_.retry, sleep_) {}

Result<json::value> MicrosoftApi::Call(const std::string& method, const std::string& path, const std::string& body,
                                       std::vector<std::pair<std::string, std::string>> headers) {
  HttpRequest request;
  request.method = method;
  request.url = options_.base_url + path;
  request.body = body;
  headers.emplace_back("Accept", "application/json");
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  Result<HttpResponse> response = Fail(Error::Internal("not sent"));
  for (int round = 0; round < 2; ++round) {  // a second round with a fresh token after a 401
    request.headers = headers;
    request.headers.emplace_back("Authorization", "Bearer " + TD_TRY(tokens_.Token()));
    response = SendWithRetry(client_, request, options_.retry, sleep_);
    if (!response || response->status != 401) break;
    tokens_.Forget();
  }
  if (!response) return Fail(response.error());
  const int status = response->status;
  const std::string what = method + " " + path;
  if (status == 401 || status == 403) {
    return Fail(Error{ErrorCode::kUnauthenticated, "Microsoft refused the application's credentials",
                      what + ": " + ErrorText(response->body), {}, {}});
  }
  if (status == 404) return Fail(Error::NotFound("Microsoft has no such case (" + what + ")"));
  if (IsRetryable(status)) {
    return Fail(Error::Unavailable("Microsoft kept answering " + std::to_string(status) + " to " + what));
  }
  if (status < 200 || status > 299) {
    return Fail(Error::InvalidArgument("Microsoft refused " + what + ": " + ErrorText(response->body)));
  }
  if (response->body.empty()) return json::value();
  boost::system::error_code ec;
  auto parsed = json::parse(response->body, ec);
  if (ec) return Fail(Error::Unavailable("Microsoft's answer to " + what + " is not JSON"));
  return parsed;
}

// ---- Azure Support ----------------------------------------------------------------------------

std::optional<core::VendorCaseStatus> ParseAzureTicketStatus(std::string_view status) {
  const auto text = Lower(status);
  if (text == "open" || text == "updating") return core::VendorCaseStatus::kOpen;
  if (text == "closed") return core::VendorCaseStatus::kClosed;
  if (text.find("wait") != std::string::npos) return core::VendorCaseStatus::kAttentionNeeded;
  return std::nullopt;
}

AzureSupportConnector::AzureSupportConnector(const HttpClient& client, ConnectorOptions options, Sleeper sleep)
    : api_(client, std::move(options), std::move(sleep)) {}

namespace {

std::string ApiVersion() { return std::string("?api-version=") + AzureSupportConnector::kApiVersion; }

core::RemoteCase AzureCase(const json::value& ticket) {
  core::RemoteCase remote;
  remote.remote_ref = Text(ticket, "id");
  if (const auto* properties = Member(ticket, "properties")) {
    remote.case_number = Text(*properties, "supportTicketId");
    remote.status = ParseAzureTicketStatus(Text(*properties, "status"));
  }
  return remote;
}

}  // namespace

Result<core::RemoteCase> AzureSupportConnector::Open(const core::NewRemoteCase& request) {
  const auto [first, last] = SplitName(request.contact.name);
  json::object contact{{"firstName", first},
                       {"lastName", last},
                       {"primaryEmailAddress", request.contact.email},
                       {"preferredContactMethod", "email"},
                       {"preferredTimeZone", "UTC"},
                       {"preferredSupportLanguage", "en-US"},
                       {"country", "usa"}};
  if (!request.contact.phone.empty()) contact["phoneNumber"] = request.contact.phone;
  const json::object body{{"properties",
                           json::object{{"title", request.title},
                                        {"description", request.description},
                                        {"serviceId", ServiceOf(request.problem_classification)},
                                        {"problemClassificationId", request.problem_classification},
                                        {"severity", AzureSeverity(request.severity)},
                                        {"advancedDiagnosticConsent", "No"},
                                        {"contactDetails", contact}}}};
  const std::string path = "/subscriptions/" + request.subscription_id +
                           "/providers/Microsoft.Support/supportTickets/" + request.name;
  auto ticket = TD_TRY(api_.Call("PUT", path + ApiVersion(), json::serialize(body)));
  auto remote = AzureCase(ticket);
  if (remote.remote_ref.empty()) remote.remote_ref = path;
  if (remote.case_number.empty()) {  // accepted, still being created: read it back
    ticket = TD_TRY(api_.Call("GET", remote.remote_ref + ApiVersion(), ""));
    remote = AzureCase(ticket);
    if (remote.remote_ref.empty()) remote.remote_ref = path;
  }
  if (remote.case_number.empty()) return Fail(Error::Unavailable("Microsoft has not numbered the case yet"));
  return remote;
}

Result<core::RemoteCase> AzureSupportConnector::Read(const core::VendorCase& vendor_case) {
  if (vendor_case.remote_ref.empty()) return Fail(Error::NotFound("the case was not opened through Azure Support"));
  auto remote = AzureCase(TD_TRY(api_.Call("GET", vendor_case.remote_ref + ApiVersion(), "")));
  if (remote.remote_ref.empty()) remote.remote_ref = vendor_case.remote_ref;
  std::string next = vendor_case.remote_ref + "/communications" + ApiVersion();
  for (int page = 0; page < 50 && !next.empty(); ++page) {
    const auto list = TD_TRY(api_.Call("GET", next, ""));
    next.clear();
    if (const auto* items = Member(list, "value"); items != nullptr && items->is_array()) {
      for (const auto& item : items->as_array()) {
        const auto* properties = Member(item, "properties");
        if (properties == nullptr) continue;
        // inbound: from the partner to Microsoft (the portal or tierdesk); outbound: Microsoft's.
        if (Lower(Text(*properties, "communicationDirection")) == "inbound") continue;
        remote.notes.push_back({Text(item, "name"), Text(*properties, "sender"), Text(*properties, "body"),
                                TimeOf(Text(*properties, "createdDate"))});
      }
    }
    // nextLink is absolute; only a link under our base is followed.
    const auto link = Text(list, "nextLink");
    if (const auto at = link.find(vendor_case.remote_ref); at != std::string::npos) next = link.substr(at);
  }
  return remote;
}

Status AzureSupportConnector::AddNote(const core::VendorCase& vendor_case, const core::OutboundNote& note) {
  if (vendor_case.remote_ref.empty()) return Fail(Error::NotFound("the case was not opened through Azure Support"));
  const json::object body{{"properties", json::object{{"subject", "Update from " + note.author},
                                                      {"body", note.text},
                                                      {"sender", vendor_case.contact.email}}}};
  TD_CHECK(api_.Call("PUT", vendor_case.remote_ref + "/communications/" + note.request_id + ApiVersion(),
                     json::serialize(body)));
  return Ok();
}

// ---- Partner Center ---------------------------------------------------------------------------

std::optional<core::Severity> ParseServiceRequestSeverity(const json::value& value) {
  if (value.is_int64()) {
    switch (value.as_int64()) {
      case 1: return core::Severity::kCritical;
      case 2: return core::Severity::kModerate;
      case 3: return core::Severity::kMinimal;
      default: return std::nullopt;
    }
  }
  if (!value.is_string()) return std::nullopt;
  const auto text = Lower(value.as_string());
  if (text == "critical") return core::Severity::kCritical;
  if (text == "moderate") return core::Severity::kModerate;
  if (text == "minimal") return core::Severity::kMinimal;
  return std::nullopt;
}

std::optional<core::VendorCaseStatus> ParseServiceRequestStatus(const json::value& value) {
  if (value.is_int64()) {
    switch (value.as_int64()) {
      case 1: return core::VendorCaseStatus::kOpen;
      case 2: return core::VendorCaseStatus::kClosed;
      case 3: return core::VendorCaseStatus::kAttentionNeeded;
      default: return std::nullopt;
    }
  }
  if (!value.is_string()) return std::nullopt;
  const auto text = Lower(value.as_string());
  if (text == "open") return core::VendorCaseStatus::kOpen;
  if (text == "closed") return core::VendorCaseStatus::kClosed;
  if (text == "attention_needed" || text == "attentionneeded") return core::VendorCaseStatus::kAttentionNeeded;
  return std::nullopt;
}

Result<ServiceRequest> ParseServiceRequest(const json::value& value) {
  ServiceRequest request;
  request.id = Text(value, "id");
  if (const auto* id = Member(value, "id"); id != nullptr && id->is_int64()) request.id = std::to_string(id->as_int64());
  if (request.id.empty()) return Fail(Error::Unavailable("Microsoft's service request has no id"));
  request.title = Text(value, "title");
  if (const auto* severity = Member(value, "severity")) request.severity = ParseServiceRequestSeverity(*severity);
  if (const auto* status = Member(value, "status")) request.status = ParseServiceRequestStatus(*status);
  if (const auto* notes = Member(value, "notes"); notes != nullptr && notes->is_array()) {
    for (const auto& note : notes->as_array()) {
      const auto created = Text(note, "createdDate");
      const auto author = Text(note, "createdByName");
      const auto text = Text(note, "text");
      request.notes.push_back({created + "|" + author + "|" + text.substr(0, 64), author, text, TimeOf(created)});
    }
  }
  return request;
}

PartnerCenterConnector::PartnerCenterConnector(const HttpClient& client, ConnectorOptions options, Sleeper sleep)
    : api_(client, std::move(options), std::move(sleep)) {}

namespace {

std::vector<std::pair<std::string, std::string>> RequestIds(std::string request_id) {
  return {{"MS-RequestId", std::move(request_id)}, {"MS-CorrelationId", NewUuid()}};
}

core::RemoteCase ToRemote(ServiceRequest request) {
  core::RemoteCase remote;
  remote.case_number = std::move(request.id);
  remote.status = request.status;
  remote.notes = std::move(request.notes);
  return remote;
}

}  // namespace

Result<core::RemoteCase> PartnerCenterConnector::Open(const core::NewRemoteCase&) {
  return Fail(Error::InvalidArgument(
      "Partner Center no longer takes new service requests: open the case in the Partner Center portal and record "
      "its number"));
}

Result<core::RemoteCase> PartnerCenterConnector::Read(const core::VendorCase& vendor_case) {
  if (vendor_case.case_number.empty()) return Fail(Error::NotFound("the case has no Microsoft case number yet"));
  const auto body = TD_TRY(api_.Call("GET", "/v1/servicerequests/" + vendor_case.case_number, "", RequestIds(NewUuid())));
  return ToRemote(TD_TRY(ParseServiceRequest(body)));
}

Status PartnerCenterConnector::AddNote(const core::VendorCase& vendor_case, const core::OutboundNote& note) {
  if (vendor_case.case_number.empty()) return Fail(Error::NotFound("the case has no Microsoft case number yet"));
  const json::object body{{"newNote", json::object{{"text", note.text}}}};
  TD_CHECK(api_.Call("PATCH", "/v1/servicerequests/" + vendor_case.case_number, json::serialize(body),
                     RequestIds(note.request_id)));
  return Ok();
}

Result<std::vector<ServiceRequest>> PartnerCenterConnector::CustomerRequests(const std::string& tenant_id) {
  const auto body =
      TD_TRY(api_.Call("GET", "/v1/customers/" + tenant_id + "/servicerequests", "", RequestIds(NewUuid())));
  std::vector<ServiceRequest> requests;
  if (const auto* items = Member(body, "items"); items != nullptr && items->is_array()) {
    for (const auto& item : items->as_array()) requests.push_back(TD_TRY(ParseServiceRequest(item)));
  }
  return requests;
}

}  // namespace tierdesk::adapters::vendor
