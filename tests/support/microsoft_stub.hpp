// tests/support/microsoft_stub.hpp
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "support/stub_server.hpp"

namespace tierdesk::testing {

// Microsoft as tierdesk's connectors meet it, on loopback, following the documented request and
// response shapes: the Entra ID token endpoint (client credentials), the Azure Support API
// (supportTickets and their communications, api-version 2020-04-01) and the Partner Center
// service request API. Faults are scripted per call: an HTTP status (with Retry-After), a
// delay, or an answer lost after the work was done.
class MicrosoftStub {
 public:
  static constexpr const char* kTenant = "00000000-0000-4000-8000-00000000aaaa";
  static constexpr const char* kClientId = "tierdesk-app";
  static constexpr const char* kSecret = "s3cret";

  struct Fault {
    int status = 500;
    std::string retry_after;
    std::chrono::milliseconds delay{0};
    bool after_work = false;  // do the work, then answer with the fault (the answer is lost)
  };
  struct AzureTicket {
    std::string name;
    std::string subscription;
    std::string number;
    std::string status = "Open";
    boost::json::value body;  // what was PUT
    std::vector<boost::json::value> communications;
  };
  struct ServiceRequest {
    boost::json::value severity;  // as Microsoft writes it: a string or an integer
    boost::json::value status;
    std::string title;
    std::string customer;  // tenant id
    std::vector<boost::json::value> notes;
  };

  MicrosoftStub();
  std::string BaseUrl() const { return server_.BaseUrl(); }

  // The next `count` API calls (not token requests) meet this fault.
  void FailNext(int count, Fault fault);
  void RejectCredentials(bool reject);    // the token endpoint answers 401 invalid_client
  void ExpireTokens();                    // every token issued so far is refused from now on

  void AddServiceRequest(const std::string& id, ServiceRequest request);
  void SetAzureStatus(const std::string& name, const std::string& status);
  void AddAzureReply(const std::string& name, const std::string& communication, const std::string& body);

  // What happened, for the tests to look at.
  std::vector<StubRequest> Requests() const;
  std::vector<StubRequest> Requests(const std::string& method, const std::string& path_prefix) const;
  int TokensIssued() const;
  std::map<std::string, AzureTicket> AzureTickets() const;
  std::map<std::string, ServiceRequest> ServiceRequests() const;

 private:
  StubResponse Handle(const StubRequest& request);
  StubResponse Token(const StubRequest& request);
  StubResponse Azure(const StubRequest& request, const std::string& path);
  StubResponse PartnerCenter(const StubRequest& request, const std::string& path);

  mutable std::mutex mutex_;
  std::deque<Fault> faults_;
  bool reject_credentials_ = false;
  int tokens_issued_ = 0;
  std::set<std::string> valid_tokens_;
  std::vector<StubRequest> requests_;
  std::map<std::string, AzureTicket> azure_;
  int next_number_ = 0;
  std::map<std::string, ServiceRequest> service_requests_;
  std::set<std::string> patch_request_ids_;
  StubServer server_;  // last: stopped first, before the state it reads
};

}  // namespace tierdesk::testing
