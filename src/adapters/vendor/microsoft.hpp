// adapters/vendor/microsoft.hpp
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "adapters/vendor/http_client.hpp"
#include "core/ports/vendor.hpp"

namespace tierdesk::adapters::vendor {

// An Entra ID application (client credentials): tokens come from
// {token_url}/{tenant_id}/oauth2/v2.0/token for the given scope.
struct EntraCredentials {
  std::string token_url = "https://login.microsoftonline.com";
  std::string tenant_id;
  std::string client_id;
  std::string client_secret;
  std::string scope;
};

struct ConnectorOptions {
  std::string base_url;
  EntraCredentials credentials;
  RetryPolicy retry;
};

// Bearer tokens for one application and scope, kept until a minute before they expire.
// Thread-safe.
class EntraTokenSource {
 public:
  EntraTokenSource(const HttpClient& client, EntraCredentials credentials, RetryPolicy retry, Sleeper sleep);
  Result<std::string> Token();
  void Forget();  // after a 401: the next Token() asks again

 private:
  const HttpClient& client_;
  EntraCredentials credentials_;
  RetryPolicy retry_;
  Sleeper sleep_;
  std::mutex mutex_;
  std::string token_;
  std::chrono::steady_clock::time_point expires_{};
};

// What both connectors share: authorised calls with retries, one fresh token after a 401, and
// Microsoft's error bodies turned into errors.
class MicrosoftApi {
 public:
  MicrosoftApi(const HttpClient& client, ConnectorOptions options, Sleeper sleep);
  // base_url + path; extra headers are sent on every attempt unchanged.
  Result<boost::json::value> Call(const std::string& method, const std::string& path, const std::string& body,
                                  std::vector<std::pair<std::string, std::string>> headers = {});

 private:
  const HttpClient& client_;
  ConnectorOptions options_;
  Sleeper sleep_;
  EntraTokenSource tokens_;
};

// Azure technical cases through the Azure Support REST API: opened with
// PUT /subscriptions/{s}/providers/Microsoft.Support/supportTickets/{name}, read with GET, their
// communications listed, and notes added as communications (PUT .../communications/{name}).
class AzureSupportConnector final : public core::VendorConnector {
 public:
  static constexpr const char* kApiVersion = "2020-04-01";
  AzureSupportConnector(const HttpClient& client, ConnectorOptions options, Sleeper sleep = SleepFor);
  std::string_view Name() const override { return "azure_support"; }
  bool CanOpen() const override { return true; }
  Result<core::RemoteCase> Open(const core::NewRemoteCase& request) override;
  Result<core::RemoteCase> Read(const core::VendorCase& vendor_case) override;
  Status AddNote(const core::VendorCase& vendor_case, const core::OutboundNote& note) override;

 private:
  MicrosoftApi api_;
};

// A Partner Center service request as the API shows it.
struct ServiceRequest {
  std::string id;
  std::string title;
  std::optional<core::Severity> severity;  // absent: unknown
  std::optional<core::VendorCaseStatus> status;  // absent: none
  std::vector<core::RemoteNote> notes;
};

// Cases opened in a portal, followed through the Partner Center API: read by id
// (GET /v1/servicerequests/{id}), a customer's listed (GET /v1/customers/{tenant}/servicerequests)
// and notes added (PATCH /v1/servicerequests/{id} with newNote). Every call carries
// MS-RequestId (the same on each retry) and MS-CorrelationId.
class PartnerCenterConnector final : public core::VendorConnector {
 public:
  PartnerCenterConnector(const HttpClient& client, ConnectorOptions options, Sleeper sleep = SleepFor);
  std::string_view Name() const override { return "partner_center"; }
  bool CanOpen() const override { return false; }  // Microsoft stopped taking new requests here in 2020
  Result<core::RemoteCase> Open(const core::NewRemoteCase& request) override;
  Result<core::RemoteCase> Read(const core::VendorCase& vendor_case) override;
  Status AddNote(const core::VendorCase& vendor_case, const core::OutboundNote& note) override;
  Result<std::vector<ServiceRequest>> CustomerRequests(const std::string& tenant_id);

 private:
  MicrosoftApi api_;
};

// Partner Center gives severity and status as strings or as integers (pure; nullopt for
// unknown/none or anything else).
std::optional<core::Severity> ParseServiceRequestSeverity(const boost::json::value& value);
std::optional<core::VendorCaseStatus> ParseServiceRequestStatus(const boost::json::value& value);
Result<ServiceRequest> ParseServiceRequest(const boost::json::value& value);
// Azure's support ticket status ("Open", "Closed", "Waiting for customer response", ...).
std::optional<core::VendorCaseStatus> ParseAzureTicketStatus(std::string_view status);

}  // namespace tierdesk::adapters::vendor
