// Hostile and broken input: each gets its documented problem response, the server keeps serving,
// and nothing already stored changes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

struct Snapshot {
  std::string ticket_a1;
  std::size_t tickets = 0;
  bool operator==(const Snapshot&) const = default;
};

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override { before_ = Take(); }
  void TearDown() override {
    HttpClient probe(server_->port);
    EXPECT_EQ(probe.Get("/healthz").status, 200) << "the server must keep serving";
    EXPECT_EQ(Take(), before_) << "bad input changed stored data";
  }

  static Snapshot Take() {
    HttpClient c(server_->port);
    Snapshot s;
    s.ticket_a1 = c.Get("/api/v1/tickets/" + std::to_string(server_->world.ticket_a1.value), Agent()).body;
    s.tickets = json::parse(c.Get("/api/v1/tickets?limit=200", Agent()).body).at("items").as_array().size();
    return s;
  }
  static const std::string& Agent() { return server_->world["agent"].token; }
  static const std::string& Customer() { return server_->world["req_a1"].token; }

  // Expects a problem of this status and type; returns the parsed body.
  static json::object ExpectProblem(const HttpResult& result, int status, const std::string& type) {
    EXPECT_EQ(result.status, status) << result.body;
    EXPECT_EQ(result.Header("content-type"), "application/problem+json") << result.body;
    std::error_code ec;
    auto body = json::parse(result.body, ec);
    if (ec || !body.is_object()) {
      ADD_FAILURE() << "problem body is not JSON: " << result.body;
      return {};
    }
    EXPECT_EQ(body.at("type").as_string(), "/problems/" + type);
    EXPECT_EQ(body.at("status").as_int64(), status);
    return body.as_object();
  }

  HttpResult Post(const std::string& body, const std::string& target = "/api/v1/tickets") {
    HttpClient c(server_->port);
    return c.PostJson(target, body, Customer());
  }

  static inline TestServer* server_ = nullptr;
  Snapshot before_;
};

constexpr const char* kValid =
    R"({"service":"azure","category":"technical","severity":"minimal","subject":"s","description":"d"})";

TEST_F(BadInput, MalformedAndTruncatedJson) {
  ExpectProblem(Post(R"({"service":"azure","subj)"), 400, "malformed-json");
  ExpectProblem(Post("{"), 400, "malformed-json");
  ExpectProblem(Post("not json at all"), 400, "malformed-json");
  ExpectProblem(Post(""), 400, "malformed-json");
  ExpectProblem(Post(std::string(kValid) + "trailing"), 400, "malformed-json");
  ExpectProblem(Post(std::string(200, '[') + std::string(200, ']')), 400, "malformed-json");
  ExpectProblem(Post("[1,2,3]"), 422, "validation");
}

TEST_F(BadInput, WrongTypesAndUnknownFieldsNameTheField) {
  auto body = ExpectProblem(
      Post(R"({"service":"azure","category":"technical","severity":"minimal","subject":5,"description":"d"})"), 422,
      "validation");
  EXPECT_EQ(body.at("errors").at(0).at("field").as_string(), "subject");
  body = ExpectProblem(Post(R"({"service":"azure","category":"technical","severity":"urgent","subject":"s","description":"d","tags":"x","bogus":1})"),
                       422, "validation");
  std::set<std::string> fields;
  for (const auto& e : body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"severity", "tags", "bogus"}));
  body = ExpectProblem(Post(R"({"customer_id":"1","service":"azure","category":"technical","severity":"minimal","subject":"s","description":"d"})"),
                       422, "validation");
  EXPECT_EQ(body.at("errors").at(0).at("field").as_string(), "customer_id");
  ExpectProblem(Post(R"({"service":"nosuch","category":"technical","severity":"minimal","subject":"s","description":"d"})"),
                422, "validation");
}

TEST_F(BadInput, InvalidUtf8AndControlCharacters) {
  ExpectProblem(Post("{\"service\":\"azure\",\"category\":\"technical\",\"severity\":\"minimal\",\"subject\":\"bad \xC3\x28\",\"description\":\"d\"}"),
                400, "malformed-json");
  auto body = ExpectProblem(Post(R"({"service":"azure","category":"technical","severity":"minimal","subject":"a\u0001b","description":"d"})"),
                            422, "validation");
  EXPECT_EQ(body.at("errors").at(0).at("field").as_string(), "subject");
  body = ExpectProblem(Post(R"({"service":"azure","category":"technical","severity":"minimal","subject":"s","description":"nul\u0000byte"})"),
                       422, "validation");
  EXPECT_EQ(body.at("errors").at(0).at("field").as_string(), "description");
  ExpectProblem(Post(R"({"service":"azure","category":"technical","severity":"minimal","subject":"\ud800","description":"d"})"),
                400, "malformed-json");
}

TEST_F(BadInput, WrongMediaTypeAndOversizedRequests) {
  HttpClient c(server_->port);
  ExpectProblem(c.Send("POST", "/api/v1/tickets", kValid,
                       {{"Authorization", "Bearer " + Customer()}, {"Content-Type", "text/plain"}}),
                415, "unsupported-media-type");
  ExpectProblem(c.Send("POST", "/api/v1/tickets", kValid, {{"Authorization", "Bearer " + Customer()}}), 415,
                "unsupported-media-type");
  const std::string huge = R"({"service":"azure","subject":")" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  ExpectProblem(Post(huge), 413, "payload-too-large");
  auto long_header = c.Send("GET", "/healthz", {}, {{"X-Padding", std::string(16 * 1024, 'h')}});
  ExpectProblem(long_header, 431, "header-too-large");
  const std::string long_subject(251, 's');
  ExpectProblem(Post(R"({"service":"azure","category":"technical","severity":"minimal","subject":")" + long_subject +
                     R"(","description":"d"})"),
                422, "validation");
}

TEST_F(BadInput, SqlMetaCharactersAreJustText) {
  const std::string subject = R"('; DROP TABLE tickets; -- " OR 1=1 %_ \)";
  json::object request{{"service", "azure"}, {"category", "technical"}, {"severity", "minimal"},
                       {"subject", subject}, {"description", "Robert'); DROP TABLE messages;--"}};
  auto created = Post(json::serialize(request));
  ASSERT_EQ(created.status, 201) << created.body;
  HttpClient c(server_->port);
  auto stored = json::parse(c.Get(created.Header("location"), Agent()).body);
  EXPECT_EQ(stored.at("subject").as_string(), subject);
  auto search = c.Get("/api/v1/tickets?q=%27%3B%20DROP%20TABLE%20tickets%3B%20--%20%22%20OR%201%3D1", Agent());
  EXPECT_EQ(search.status, 200) << search.body;
  for (const char* hostile : {"%22", "NEAR(a%20b)", "*", "a%20OR%20b", "col%3Avalue", "%5E", "-x"}) {
    EXPECT_EQ(c.Get(std::string("/api/v1/tickets?q=") + hostile, Agent()).status, 200) << hostile;
  }
  EXPECT_EQ(c.Get("/api/v1/tickets?tag=%27%20OR%201%3D1", Agent()).status, 200);
  before_ = Take();  // the one ticket this test meant to store
}

TEST_F(BadInput, QueryParametersAreChecked) {
  HttpClient c(server_->port);
  auto body = ExpectProblem(c.Get("/api/v1/tickets?limit=1000000", Agent()), 400, "invalid-parameter");
  EXPECT_EQ(body.at("errors").at(0).at("field").as_string(), "limit");
  ExpectProblem(c.Get("/api/v1/tickets?limit=0", Agent()), 400, "invalid-parameter");
  ExpectProblem(c.Get("/api/v1/tickets?limit=-5", Agent()), 400, "invalid-parameter");
  ExpectProblem(c.Get("/api/v1/tickets?limit=99999999999999999999999", Agent()), 400, "invalid-parameter");
  ExpectProblem(c.Get("/api/v1/tickets?status=bogus", Agent()), 400, "invalid-parameter");
  ExpectProblem(c.Get("/api/v1/tickets?updated_since=yesterday", Agent()), 400, "invalid-parameter");
  ExpectProblem(c.Get("/api/v1/tickets?sort=subject", Agent()), 400, "invalid-parameter");
  ExpectProblem(c.Get("/api/v1/tickets?colour=red", Agent()), 400, "invalid-parameter");
  // Forged cursors: garbage, valid base64 of garbage, and one made for another sort order.
  ExpectProblem(c.Get("/api/v1/tickets?cursor=!!!", Agent()), 400, "invalid-parameter");
  ExpectProblem(c.Get("/api/v1/tickets?cursor=aGVsbG8", Agent()), 400, "invalid-parameter");
  auto page = json::parse(c.Get("/api/v1/tickets?limit=1", Agent()).body);
  const std::string cursor(page.at("next_cursor").as_string());
  EXPECT_EQ(c.Get("/api/v1/tickets?limit=1&cursor=" + cursor, Agent()).status, 200);
  ExpectProblem(c.Get("/api/v1/tickets?sort=updated&cursor=" + cursor, Agent()), 400, "invalid-parameter");
  ExpectProblem(c.Get("/api/v1/tickets?cursor=" + std::string(300, 'A'), Agent()), 400, "invalid-parameter");
}

TEST_F(BadInput, PathsThatAreNotIdsAreNotFound) {
  HttpClient c(server_->port);
  for (const char* id : {"abc", "-1", "0", "1.5", "99999999999999999999", "%2e%2e", "1%00"}) {
    ExpectProblem(c.Get(std::string("/api/v1/tickets/") + id, Agent()), 404, "not-found");
  }
  ExpectProblem(c.Get("/api/v1/tickets/1/../../etc/passwd", Agent()), 404, "not-found");
  ExpectProblem(c.Get("/api/v1/tickets/999999", Agent()), 404, "not-found");
  ExpectProblem(c.Get("/api/v1/tickets/" + std::to_string(server_->world.ticket_a1.value) + "/attachments/abc", Agent()),
                404, "not-found");
}

TEST_F(BadInput, EmptyPatchesAndBadIfMatch) {
  HttpClient c(server_->port);
  const std::string target = "/api/v1/tickets/" + std::to_string(server_->world.ticket_a1.value);
  ExpectProblem(c.PatchJson(target, "{}", Agent()), 422, "validation");
  ExpectProblem(c.PatchJson(target, R"({"status":"open"})", Agent(), {{"If-Match", "garbage"}}), 412,
                "precondition-failed");
  ExpectProblem(c.PatchJson(target, R"({"status":"open"})", Agent(), {{"If-Match", "\"v999\""}}), 412,
                "precondition-failed");
  ExpectProblem(c.PatchJson(target, R"({"team_id":424242})", Agent()), 422, "validation");
  ExpectProblem(c.PatchJson(target, R"({"team_id":"x"})", Agent()), 422, "validation");
  ExpectProblem(c.PatchJson(target, R"({"status":"bogus"})", Agent()), 422, "validation");
  ExpectProblem(c.Send("POST", target + "/messages", R"({"body":"x"})",
                       {{"Authorization", "Bearer " + Agent()}, {"Content-Type", "application/json"},
                        {"Idempotency-Key", std::string(300, 'k')}}),
                422, "validation");
}

TEST_F(BadInput, BrokenHttpAndMultipart) {
  HttpClient c(server_->port);
  auto garbage = c.SendRaw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(garbage.status, 400);
  auto bad_version = c.SendRaw("GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(bad_version.status == 400 || bad_version.status == 505) << bad_version.status;
  auto bad_target = c.SendRaw("GET nothing-like-a-path HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(bad_target.status == 400 || bad_target.status == 404) << bad_target.status;
  const std::string target = "/api/v1/tickets/" + std::to_string(server_->world.ticket_a2.value) + "/attachments";
  ExpectProblem(c.Send("POST", target, "--b\r\nno end",
                       {{"Authorization", "Bearer " + Agent()}, {"Content-Type", "multipart/form-data; boundary=b"}}),
                400, "malformed-multipart");
  ExpectProblem(c.Send("POST", target, "x",
                       {{"Authorization", "Bearer " + Agent()}, {"Content-Type", "multipart/form-data"}}),
                400, "malformed-multipart");
  ExpectProblem(c.Send("POST", target, "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n",
                       {{"Authorization", "Bearer " + Agent()}, {"Content-Type", "multipart/form-data; boundary=b"}}),
                422, "validation");
}

TEST_F(BadInput, AuthenticationProblems) {
  HttpClient c(server_->port);
  ExpectProblem(c.Get("/api/v1/tickets"), 401, "unauthenticated");
  ExpectProblem(c.Send("GET", "/api/v1/tickets", {}, {{"Authorization", "Basic dXNlcjpwYXNz"}}), 401, "unauthenticated");
  ExpectProblem(c.Get("/api/v1/tickets", std::string(500, 'x')), 401, "unauthenticated");
  ExpectProblem(c.PostJson("/api/v1/auth/login", R"({"email":"x@y.example"})"), 422, "validation");
}

}  // namespace
}  // namespace tierdesk::testing
