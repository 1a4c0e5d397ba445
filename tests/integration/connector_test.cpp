// The Microsoft connectors against a loopback stub that follows Microsoft's documented request and
// response shapes: Entra ID client-credentials tokens, the Azure Support API and the Partner
// Center service request API, with 401, 429 and Retry-After, 500, slow answers and timeouts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include "adapters/vendor/http_client.hpp"
#include "adapters/vendor/microsoft.hpp"
#include "support/microsoft_stub.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;
using adapters::vendor::AzureSupportConnector;
using adapters::vendor::ConnectorOptions;
using adapters::vendor::HttpClient;
using adapters::vendor::HttpOptions;
using adapters::vendor::PartnerCenterConnector;
using std::chrono::milliseconds;
using ::testing::ElementsAre;

constexpr const char* kSubscription = "9f4c1e2a-1111-4222-8333-444455556666";
constexpr const char* kProblem =
    "/providers/Microsoft.Support/services/06bfd9d3-516b-d5c6-5802-169c800dec89/problemClassifications/"
    "e12e3d1d-7fa0-af33-c6d0-3c50df9658a3";

class ConnectorTest : public ::testing::Test {
 protected:
  ConnectorOptions Options(const std::string& scope) {
    ConnectorOptions options;
    options.base_url = stub.BaseUrl();
    options.credentials = {stub.BaseUrl(), MicrosoftStub::kTenant, MicrosoftStub::kClientId, MicrosoftStub::kSecret,
                           scope};
    options.retry.max_attempts = 4;
    return options;
  }
  // Waits are recorded, not slept: the tests check what the connector would wait.
  adapters::vendor::Sleeper Recorder() {
    return [this](milliseconds wait) {
      waits.push_back(wait);
      return true;
    };
  }
  AzureSupportConnector Azure() {
    return AzureSupportConnector(http, Options("https://management.azure.com/.default"), Recorder());
  }
  PartnerCenterConnector PartnerCenter() {
    return PartnerCenterConnector(http, Options("https://api.partnercenter.microsoft.com/.default"), Recorder());
  }

  static core::NewRemoteCase NewCase(const std::string& name) {
    core::NewRemoteCase request;
    request.name = name;
    request.subscription_id = kSubscription;
    request.problem_classification = kProblem;
    request.severity = core::Severity::kCritical;
    request.title = "VMs in West Europe do not start";
    request.description = "Since 09:00 UTC no VM in the scale set starts; the activity log shows allocation failures.";
    request.contact = {"Ada Lovelace", "ada@partner.example", "+82 2 555 0100"};
    return request;
  }

  MicrosoftStub stub;
  HttpClient http{HttpOptions{milliseconds(1500), {}, 1u << 20}};
  std::vector<milliseconds> waits;
};

core::VendorCase AtRef(const std::string& remote_ref) {
  core::VendorCase vendor_case;
  vendor_case.remote_ref = remote_ref;
  return vendor_case;
}

core::VendorCase Numbered(const std::string& case_number) {
  core::VendorCase vendor_case;
  vendor_case.case_number = case_number;
  return vendor_case;
}

// A version 4 UUID in lower-case hex: 8-4-4-4-12, version nibble 4, variant 8 to b.
bool IsUuid4(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return text[14] == '4' && std::string_view("89ab").find(text[19]) != std::string_view::npos;
}

std::string Query(const StubRequest& request) { return request.target.substr(request.target.find('?') + 1); }

TEST_F(ConnectorTest, AzureOpensACaseWithTheDocumentedShapeAndAClientCredentialsToken) {
  auto azure = Azure();
  const auto opened = azure.Open(NewCase("tierdesk-case-1"));
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->case_number.size(), 13u);
  EXPECT_EQ(opened->remote_ref,
            std::string("/subscriptions/") + kSubscription + "/providers/Microsoft.Support/supportTickets/tierdesk-case-1");
  EXPECT_EQ(opened->status, core::VendorCaseStatus::kOpen);

  const auto tokens = stub.Requests("POST", std::string("/") + MicrosoftStub::kTenant + "/oauth2/v2.0/token");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_THAT(tokens[0].body, ::testing::HasSubstr("grant_type=client_credentials"));
  EXPECT_THAT(tokens[0].body, ::testing::HasSubstr("scope=https%3A%2F%2Fmanagement.azure.com%2F.default"));

  const auto puts = stub.Requests("PUT", "/subscriptions/");
  ASSERT_EQ(puts.size(), 1u);
  EXPECT_EQ(Query(puts[0]), "api-version=2020-04-01");
  EXPECT_EQ(puts[0].Header("authorization"), "Bearer token-1");
  const auto body = json::parse(puts[0].body).at("properties");
  EXPECT_EQ(body.at("severity").as_string(), "critical");
  EXPECT_EQ(body.at("serviceId").as_string(),
            "/providers/Microsoft.Support/services/06bfd9d3-516b-d5c6-5802-169c800dec89");
  EXPECT_EQ(body.at("contactDetails").at("firstName").as_string(), "Ada");
  EXPECT_EQ(body.at("contactDetails").at("lastName").as_string(), "Lovelace");
  EXPECT_EQ(body.at("contactDetails").at("primaryEmailAddress").as_string(), "ada@partner.example");

  // The token is kept for the next call.
  ASSERT_TRUE(azure.Read(AtRef(opened->remote_ref)));
  EXPECT_EQ(stub.TokensIssued(), 1);
}

TEST_F(ConnectorTest, AStubThatFailsTheFirstTwoCallsStillYieldsExactlyOneCase) {
  stub.FailNext(2, {500, "", milliseconds(0), false});
  const auto opened = Azure().Open(NewCase("tierdesk-case-2"));
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(stub.Requests("PUT", "/subscriptions/").size(), 3u);
  EXPECT_EQ(stub.AzureTickets().size(), 1u);
  EXPECT_EQ(waits, (std::vector<milliseconds>{milliseconds(500), milliseconds(1000)}));  // backing off
}

TEST_F(ConnectorTest, AnAnswerLostAfterMicrosoftOpenedTheCaseIsRetriedWithoutASecondCase) {
  stub.FailNext(1, {503, "", milliseconds(0), true});
  auto azure = Azure();
  const auto opened = azure.Open(NewCase("tierdesk-case-3"));
  ASSERT_TRUE(opened) << opened.error().message;
  const auto tickets = stub.AzureTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets.begin()->second.number, opened->case_number);
  // Opening again with the same name (a crash before the number was saved) finds the same case.
  const auto again = azure.Open(NewCase("tierdesk-case-3"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->case_number, opened->case_number);
  EXPECT_EQ(stub.AzureTickets().size(), 1u);
}

TEST_F(ConnectorTest, TooManyRequestsWaitsAsLongAsRetryAfterSays) {
  stub.FailNext(1, {429, "7", milliseconds(0), false});
  const auto opened = Azure().Open(NewCase("tierdesk-case-4"));
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_THAT(waits, ElementsAre(milliseconds(7000)));
}

TEST_F(ConnectorTest, RetryAfterAsAnHttpDateAndBackoffAreCapped) {
  adapters::vendor::RetryPolicy policy;
  const auto now = std::chrono::system_clock::from_time_t(1'795'000'000);  // 2026-11-18T11:06:40Z
  EXPECT_EQ(adapters::vendor::RetryWait(policy, 2, "Wed, 18 Nov 2026 11:07:10 GMT", now), milliseconds(30'000));
  EXPECT_EQ(adapters::vendor::RetryWait(policy, 2, "Wed, 18 Nov 2026 11:00:00 GMT", now), milliseconds(0));
  EXPECT_EQ(adapters::vendor::RetryWait(policy, 2, "86400", now), policy.max_wait);
  EXPECT_EQ(adapters::vendor::RetryWait(policy, 2, "soon", now), milliseconds(500));  // unreadable: backoff
  EXPECT_EQ(adapters::vendor::RetryWait(policy, 4, "", now), milliseconds(2000));
  EXPECT_EQ(adapters::vendor::RetryWait(policy, 30, "", now), policy.max_wait);
  EXPECT_TRUE(adapters::vendor::IsRetryable(429));
  EXPECT_TRUE(adapters::vendor::IsRetryable(503));
  EXPECT_FALSE(adapters::vendor::IsRetryable(400));
  EXPECT_FALSE(adapters::vendor::IsRetryable(409));
}

TEST_F(ConnectorTest, ServerErrorsThatDoNotStopEndAsUnavailableAfterTheLastAttempt) {
  stub.FailNext(10, {500, "", milliseconds(0), false});
  const auto opened = Azure().Open(NewCase("tierdesk-case-5"));
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(opened.error().message, ::testing::HasSubstr("kept answering 500"));
  EXPECT_EQ(stub.Requests("PUT", "/subscriptions/").size(), 4u);
  EXPECT_TRUE(stub.AzureTickets().empty());
}

TEST_F(ConnectorTest, ASleeperThatSaysStopEndsTheRetriesAtOnce) {
  stub.FailNext(10, {503, "", milliseconds(0), false});
  int waits_asked = 0;
  AzureSupportConnector azure(http, Options("https://management.azure.com/.default"), [&](milliseconds) {
    ++waits_asked;
    return false;  // shutting down
  });
  const auto opened = azure.Open(NewCase("tierdesk-case-stop"));
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(waits_asked, 1);
  EXPECT_EQ(stub.Requests("PUT", "/subscriptions/").size(), 1u);
}

TEST_F(ConnectorTest, ARefusedRequestIsNotRetriedAndSaysWhyInMicrosoftsWords) {
  auto request = NewCase("tierdesk-case-6");
  request.contact.email.clear();
  const auto opened = Azure().Open(request);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(opened.error().message, ::testing::HasSubstr("contactDetails.primaryEmailAddress is required"));
  EXPECT_EQ(stub.Requests("PUT", "/subscriptions/").size(), 1u);
  EXPECT_TRUE(waits.empty());
}

TEST_F(ConnectorTest, AnExpiredTokenIsReplacedOnceAndRefusedCredentialsAreUnauthenticated) {
  auto azure = Azure();
  ASSERT_TRUE(azure.Open(NewCase("tierdesk-case-7")));
  stub.ExpireTokens();
  const auto read = azure.Read(AtRef(std::string("/subscriptions/") + kSubscription + "/providers/Microsoft.Support/supportTickets/tierdesk-case-7"));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(stub.TokensIssued(), 2);

  stub.ExpireTokens();
  stub.RejectCredentials(true);
  const auto refused = azure.Open(NewCase("tierdesk-case-8"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  EXPECT_THAT(refused.error().detail, ::testing::HasSubstr("AADSTS7000215"));
  EXPECT_EQ(stub.AzureTickets().size(), 1u);  // refused: no second case
}

TEST_F(ConnectorTest, ASlowAnswerWithinTheTimeoutIsTakenAndOneBeyondItTimesOutAndIsRetried) {
  stub.FailNext(1, {200, "", milliseconds(300), false});
  ASSERT_TRUE(Azure().Open(NewCase("tierdesk-case-9")));
  EXPECT_TRUE(waits.empty());

  stub.FailNext(1, {200, "", milliseconds(2500), false});  // the client gives up at 1.5 s
  const auto opened = Azure().Open(NewCase("tierdesk-case-10"));
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(waits.size(), 1u);
  EXPECT_EQ(stub.AzureTickets().size(), 2u);  // the slow call created it; the retry found it

  stub.FailNext(4, {200, "", milliseconds(2500), false});
  const auto timed_out = Azure().Open(NewCase("tierdesk-case-11"));
  ASSERT_FALSE(timed_out);
  EXPECT_EQ(timed_out.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(timed_out.error().message, ::testing::HasSubstr("in time"));
}

TEST_F(ConnectorTest, NothingListeningAndHttpsToAPlainServerAreUnavailableNotACrash) {
  const HttpClient client(HttpOptions{milliseconds(1000), {}, 1u << 20});
  const auto refused = client.Send({"GET", "http://127.0.0.1:1/nothing", {}, {}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  auto https = stub.BaseUrl();
  https.replace(0, 4, "https");
  const auto handshake = client.Send({"GET", https + "/v1/servicerequests/1", {}, {}});
  ASSERT_FALSE(handshake);
  EXPECT_EQ(handshake.error().code, ErrorCode::kUnavailable);
  const auto bad = client.Send({"GET", "ftp://example/x", {}, {}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ConnectorTest, AzureReadsStatusAndMicrosoftsCommunicationsAcrossPagesAndSendsNotesOnce) {
  auto azure = Azure();
  const auto opened = azure.Open(NewCase("tierdesk-case-12"));
  ASSERT_TRUE(opened);
  core::VendorCase vendor_case;
  vendor_case.remote_ref = opened->remote_ref;
  vendor_case.contact.email = "ada@partner.example";
  stub.AddAzureReply("tierdesk-case-12", "msg-1", "We are looking at the allocation failures.");
  stub.FailNext(1, {500, "", milliseconds(0), true});  // the note is taken, the answer lost
  ASSERT_TRUE(azure.AddNote(vendor_case, {"note-7f3a", "Ada Lovelace", "It happens in zone 2 only."}));
  stub.AddAzureReply("tierdesk-case-12", "msg-2", "Please send the scale set's resource id.");
  stub.AddAzureReply("tierdesk-case-12", "msg-3", "Thanks, the fix is rolling out.");
  stub.SetAzureStatus("tierdesk-case-12", "Waiting for customer response");

  const auto read = azure.Read(vendor_case);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->status, core::VendorCaseStatus::kAttentionNeeded);
  std::vector<std::string> keys;
  for (const auto& note : read->notes) keys.push_back(note.key);
  EXPECT_THAT(keys, ElementsAre("msg-1", "msg-2", "msg-3"));  // ours (inbound) not among them
  EXPECT_EQ(read->notes[1].text, "Please send the scale set's resource id.");
  EXPECT_GE(stub.Requests("GET", opened->remote_ref + "/communications").size(), 2u);  // two pages
  EXPECT_EQ(stub.AzureTickets().at("tierdesk-case-12").communications.size(), 4u);  // the note once
}

TEST_F(ConnectorTest, PartnerCenterReadsByIdWithRequestIdsAndTakesSeverityAndStatusAsTextOrNumbers) {
  stub.AddServiceRequest("616122292874576", {json::value("Critical"), json::value("attentionNeeded"),
                                             "Exchange Online mail flow", MicrosoftStub::kTenant,
                                             {json::object{{"createdByName", "Microsoft Support"},
                                                           {"createdDate", "2026-11-24T08:30:00.123"},
                                                           {"text", "Please confirm the affected domain."}}}});
  stub.AddServiceRequest("616122292874577", {json::value(3), json::value(2), "Teams meetings", "another-tenant", {}});
  auto partner_center = PartnerCenter();
  const auto read = partner_center.Read(Numbered("616122292874576"));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->status, core::VendorCaseStatus::kAttentionNeeded);
  ASSERT_EQ(read->notes.size(), 1u);
  EXPECT_EQ(read->notes[0].author, "Microsoft Support");
  EXPECT_EQ(FormatTimestamp(*read->notes[0].created_at), "2026-11-24T08:30:00.123Z");

  const auto get = stub.Requests("GET", "/v1/servicerequests/616122292874576");
  ASSERT_EQ(get.size(), 1u);
  EXPECT_TRUE(IsUuid4(get[0].Header("ms-requestid"))) << get[0].Header("ms-requestid");
  EXPECT_TRUE(IsUuid4(get[0].Header("ms-correlationid"))) << get[0].Header("ms-correlationid");
  EXPECT_FALSE(IsUuid4("3e0c6a52-5d0f-5c59-9a55-0b8d2f1f6a01"));
  EXPECT_EQ(get[0].Header("authorization"), "Bearer token-1");

  const auto closed = partner_center.Read(Numbered("616122292874577"));
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, core::VendorCaseStatus::kClosed);

  const auto missing = partner_center.Read(Numbered("999"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(ConnectorTest, PartnerCenterParsesEverySeverityAndStatusSpelling) {
  using adapters::vendor::ParseServiceRequestSeverity;
  using adapters::vendor::ParseServiceRequestStatus;
  EXPECT_EQ(ParseServiceRequestSeverity(json::value("critical")), core::Severity::kCritical);
  EXPECT_EQ(ParseServiceRequestSeverity(json::value("Moderate")), core::Severity::kModerate);
  EXPECT_EQ(ParseServiceRequestSeverity(json::value(3)), core::Severity::kMinimal);
  EXPECT_EQ(ParseServiceRequestSeverity(json::value("unknown")), std::nullopt);
  EXPECT_EQ(ParseServiceRequestSeverity(json::value(0)), std::nullopt);
  EXPECT_EQ(ParseServiceRequestStatus(json::value("open")), core::VendorCaseStatus::kOpen);
  EXPECT_EQ(ParseServiceRequestStatus(json::value(1)), core::VendorCaseStatus::kOpen);
  EXPECT_EQ(ParseServiceRequestStatus(json::value("attention_needed")), core::VendorCaseStatus::kAttentionNeeded);
  EXPECT_EQ(ParseServiceRequestStatus(json::value(3)), core::VendorCaseStatus::kAttentionNeeded);
  EXPECT_EQ(ParseServiceRequestStatus(json::value("Closed")), core::VendorCaseStatus::kClosed);
  EXPECT_EQ(ParseServiceRequestStatus(json::value("none")), std::nullopt);
  EXPECT_EQ(ParseServiceRequestStatus(json::value(true)), std::nullopt);
}

TEST_F(ConnectorTest, PartnerCenterListsACustomersRequestsAndAddsANoteOnceAcrossRetries) {
  stub.AddServiceRequest("616122292874576", {json::value(1), json::value("open"), "Mail flow", MicrosoftStub::kTenant, {}});
  stub.AddServiceRequest("616122292874578", {json::value(2), json::value(1), "Licences", MicrosoftStub::kTenant, {}});
  stub.AddServiceRequest("616122292874579", {json::value(2), json::value(1), "Someone else's", "another-tenant", {}});
  auto partner_center = PartnerCenter();
  const auto listed = partner_center.CustomerRequests(MicrosoftStub::kTenant);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "616122292874576");
  EXPECT_EQ((*listed)[0].severity, core::Severity::kCritical);
  EXPECT_EQ((*listed)[1].title, "Licences");

  stub.FailNext(2, {503, "1", milliseconds(0), true});  // taken twice, both answers lost
  ASSERT_TRUE(partner_center.AddNote(Numbered("616122292874576"),
                                     {"3e0c6a52-5d0f-4c59-9a55-0b8d2f1f6a01", "Ada", "The customer confirmed zone 2."}));
  const auto patches = stub.Requests("PATCH", "/v1/servicerequests/616122292874576");
  ASSERT_EQ(patches.size(), 3u);
  for (const auto& patch : patches) {
    EXPECT_EQ(patch.Header("ms-requestid"), "3e0c6a52-5d0f-4c59-9a55-0b8d2f1f6a01");
    EXPECT_EQ(json::parse(patch.body).at("newNote").at("text").as_string(), "The customer confirmed zone 2.");
  }
  EXPECT_EQ(stub.ServiceRequests().at("616122292874576").notes.size(), 1u);
  EXPECT_THAT(waits, ElementsAre(milliseconds(1000), milliseconds(1000)));

  const auto open = partner_center.Open(NewCase("x"));
  ASSERT_FALSE(open);
  EXPECT_THAT(open.error().message, ::testing::HasSubstr("no longer takes new service requests"));
}

// ---- TLS: Microsoft's endpoints are verified, by their certificate and their name -------------

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* tmp = std::getenv("TMPDIR");
    dir_ = new std::string((tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + std::string("/td-tls-") +
                           std::to_string(::getpid()));
    std::filesystem::create_directories(*dir_);
    // One certificate for the address the stub listens on, one for another name.
    for (const auto& [name, subject] : {std::pair{"right", "IP:127.0.0.1"}, std::pair{"wrong", "DNS:other.example"}}) {
      const std::string command = std::string("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 ") +
                                  "-nodes -days 2 -subj /CN=tierdesk-test -addext subjectAltName=" + subject +
                                  " -keyout " + *dir_ + "/" + name + ".key -out " + *dir_ + "/" + name +
                                  ".crt 2>/dev/null";
      ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static TlsFiles Files(const std::string& name) { return {*dir_ + "/" + name + ".crt", *dir_ + "/" + name + ".key"}; }
  static StubResponse Hello(const StubRequest&) { return {200, {}, R"({"hello":"tls"})", milliseconds(0)}; }

  static std::string* dir_;
};
std::string* TlsTest::dir_ = nullptr;

TEST_F(TlsTest, AnUntrustedCertificateIsRefused) {
  StubServer server(Hello, Files("right"));
  const HttpClient client(HttpOptions{milliseconds(2000), {}, 1u << 20});  // the system's trusted roots
  const auto answer = client.Send({"GET", server.BaseUrl() + "/v1/servicerequests/1", {}, {}});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(answer.error().message, ::testing::HasSubstr("certificate verify failed"));
}

TEST_F(TlsTest, ATrustedCertificateForTheRightNameIsTaken) {
  StubServer server(Hello, Files("right"));
  const HttpClient client(HttpOptions{milliseconds(2000), Files("right").certificate, 1u << 20});
  const auto answer = client.Send({"GET", server.BaseUrl() + "/v1/servicerequests/1", {}, {}});
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, R"({"hello":"tls"})");
}

TEST_F(TlsTest, ATrustedCertificateForAnotherNameIsRefused) {
  StubServer server(Hello, Files("wrong"));
  const HttpClient client(HttpOptions{milliseconds(2000), Files("wrong").certificate, 1u << 20});
  const auto answer = client.Send({"GET", server.BaseUrl() + "/v1/servicerequests/1", {}, {}});
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(answer.error().message, ::testing::HasSubstr("certificate verify failed"));
}

}  // namespace
}  // namespace tierdesk::testing
