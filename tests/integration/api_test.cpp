// The REST API over real HTTP on 127.0.0.1, against the real server, store and adapters.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() : client(server.port) {}

  std::string Token(const std::string& member) { return server.world[member].token; }

  json::object CreateTicket(const std::string& member, const std::string& extra = "") {
    std::string body = R"({"service":"m365","category":"technical","severity":"moderate",)"
                       R"("fields":{"tenant_domain":"alpha.example"},)"
                       R"("subject":"Outlook keeps asking for a password","description":"Since 9:00 today")";
    body += extra + "}";
    auto result = client.PostJson("/api/v1/tickets", body, Token(member));
    EXPECT_EQ(result.status, 201) << result.body;
    return Parse(result).as_object();
  }

  TestServer server;
  HttpClient client;
};

TEST_F(ApiTest, LoginGivesABearerTokenForMe) {
  auto login = client.PostJson("/api/v1/auth/login",
                               R"({"email":"REQ_A1@alpha.example","password":"password-req_a1-123"})");
  ASSERT_EQ(login.status, 200) << login.body;
  const auto body = Parse(login).as_object();
  const std::string token(body.at("token").as_string());
  EXPECT_EQ(token.rfind("tdk_", 0), 0u);
  EXPECT_EQ(body.at("user").at("role").as_string(), "requester");
  auto me = client.Get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(Parse(me).at("email").as_string(), "req_a1@alpha.example");
  EXPECT_EQ(Parse(me).at("organization").at("name").as_string(), "Customer Alpha");

  auto wrong = client.PostJson("/api/v1/auth/login", R"({"email":"req_a1@alpha.example","password":"nope-nope-nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.Header("content-type"), "application/problem+json");
  EXPECT_EQ(Parse(wrong).at("type").as_string(), "/problems/unauthenticated");
  auto unknown = client.PostJson("/api/v1/auth/login", R"({"email":"ghost@alpha.example","password":"nope-nope-nope"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(Parse(unknown).at("detail"), Parse(wrong).at("detail")) << "must not reveal which addresses exist";
  EXPECT_EQ(client.Get("/api/v1/me", "tdk_forged").status, 401);
  EXPECT_EQ(client.Get("/api/v1/me").status, 401);
}

TEST_F(ApiTest, LoginIsThrottledAfterRepeatedFailures) {
  const std::string bad = R"({"email":"req_a2@alpha.example","password":"wrong-password-1"})";
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.PostJson("/api/v1/auth/login", bad).status, 401);
  auto blocked = client.PostJson("/api/v1/auth/login",
                                 R"({"email":"req_a2@alpha.example","password":"password-req_a2-123"})");
  EXPECT_EQ(blocked.status, 429) << "even the right password waits out the window";
  EXPECT_EQ(blocked.Header("retry-after"), "900");
  EXPECT_EQ(Parse(blocked).at("type").as_string(), "/problems/too-many-requests");
  auto other = client.PostJson("/api/v1/auth/login",
                               R"({"email":"req_a1@alpha.example","password":"password-req_a1-123"})");
  EXPECT_EQ(other.status, 200) << "other accounts are not locked out";
}

TEST_F(ApiTest, CustomerOpensATicketWithDescriptionAndHistory) {
  auto created = client.PostJson(
      "/api/v1/tickets",
      R"({"service":"azure","category":"technical","severity":"critical","subject":"VM down",)"
      R"("description":"vm-erp-01 fails to start","fields":{"subscription_id":"6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182"},"tags":["VIP","vip"]})",
      Token("req_a1"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto ticket = Parse(created).as_object();
  const auto id = ticket.at("id").as_int64();
  EXPECT_EQ(created.Header("location"), "/api/v1/tickets/" + std::to_string(id));
  EXPECT_EQ(created.Header("etag"), "\"v1\"");
  EXPECT_EQ(ticket.at("customer_id").as_int64(), server.world.customer_a.id.value);
  EXPECT_EQ(ticket.at("requester_id").as_int64(), server.world["req_a1"].user.id.value);
  EXPECT_EQ(ticket.at("status").as_string(), "new");
  EXPECT_EQ(ticket.at("number").as_int64(), id);
  EXPECT_EQ(ticket.at("tags").as_array().size(), 1u);
  EXPECT_EQ(ticket.at("fields").at("subscription_id").as_string(), "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182");

  auto fetched = client.Get(created.Header("location"), Token("agent"));
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(Parse(fetched).at("subject").as_string(), "VM down");
  auto messages = Parse(client.Get("/api/v1/tickets/" + std::to_string(id) + "/messages", Token("req_a1")));
  ASSERT_EQ(messages.at("items").as_array().size(), 1u);
  EXPECT_EQ(messages.at("items").at(0).at("body").as_string(), "vm-erp-01 fails to start");
  EXPECT_EQ(messages.at("items").at(0).at("kind").as_string(), "customer_reply");
  auto events = Parse(client.Get("/api/v1/tickets/" + std::to_string(id) + "/events", Token("req_a1")));
  EXPECT_EQ(events.at("items").at(0).at("action").as_string(), "ticket.created");
}

TEST_F(ApiTest, StaffMustNameTheCustomer) {
  auto result = client.PostJson("/api/v1/tickets",
                                R"({"service":"azure","category":"technical","severity":"minimal","subject":"x","description":"y"})",
                                Token("agent"));
  ASSERT_EQ(result.status, 422);
  EXPECT_EQ(Parse(result).at("errors").at(0).at("field").as_string(), "customer_id");
  auto ok = client.PostJson("/api/v1/tickets",
                            Json({{"customer_id", std::to_string(server.world.customer_b.id.value)},
                                  {"requester_id", std::to_string(server.world["req_b1"].user.id.value)},
                                  {"channel", "\"phone\""}, {"service", "\"d365\""}, {"category", "\"billing\""},
                                  {"severity", "\"minimal\""}, {"subject", "\"Invoice question\""},
                                  {"description", "\"Called in about the invoice\""}}),
                            Token("agent"));
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Parse(ok).at("channel").as_string(), "phone");
  EXPECT_EQ(Parse(ok).at("requester_id").as_int64(), server.world["req_b1"].user.id.value);
  auto foreign_requester = client.PostJson(
      "/api/v1/tickets",
      Json({{"customer_id", std::to_string(server.world.customer_b.id.value)},
            {"requester_id", std::to_string(server.world["req_a1"].user.id.value)}, {"service", "\"d365\""},
            {"category", "\"billing\""}, {"severity", "\"minimal\""}, {"subject", "\"x\""}, {"description", "\"y\""}}),
      Token("agent"));
  EXPECT_EQ(foreign_requester.status, 422);
}

TEST_F(ApiTest, PatchNeedsAFreshETagAndRecordsHistory) {
  const auto id = std::to_string(CreateTicket("req_a1").at("id").as_int64());
  const auto team = client.PostJson("/api/v1/teams", R"({"name":"Microsoft 365"})", Token("admin"));
  ASSERT_EQ(team.status, 201) << team.body;
  const auto team_id = Parse(team).at("id").as_int64();
  auto patched = client.PatchJson("/api/v1/tickets/" + id,
                                  R"({"status":"open","severity":"critical","team_id":)" + std::to_string(team_id) +
                                      R"(,"assignee_id":)" + std::to_string(server.world["agent"].user.id.value) + "}",
                                  Token("agent"), {{"If-Match", "\"v1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Header("etag"), "\"v2\"");
  EXPECT_EQ(Parse(patched).at("severity").as_string(), "critical");
  auto stale = client.PatchJson("/api/v1/tickets/" + id, R"({"severity":"minimal"})", Token("agent"),
                                {{"If-Match", "\"v1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(Parse(stale).at("type").as_string(), "/problems/precondition-failed");
  EXPECT_EQ(Parse(client.Get("/api/v1/tickets/" + id, Token("agent"))).at("severity").as_string(), "critical");

  auto events = Parse(client.Get("/api/v1/tickets/" + id + "/events", Token("agent"))).at("items").as_array();
  std::set<std::string> fields;
  for (const auto& e : events) {
    if (e.at("action").as_string() == "ticket.updated") fields.insert(std::string(e.at("field").as_string()));
    if (e.at("field").as_string() == "status") {
      EXPECT_EQ(e.at("before").as_string(), "new");
      EXPECT_EQ(e.at("after").as_string(), "open");
      EXPECT_EQ(e.at("actor_id").as_int64(), server.world["agent"].user.id.value);
    }
  }
  EXPECT_EQ(fields, (std::set<std::string>{"status", "severity", "team_id", "assignee_id"}));
  auto unassign = client.PatchJson("/api/v1/tickets/" + id, R"({"assignee_id":null})", Token("agent"));
  ASSERT_EQ(unassign.status, 200);
  EXPECT_TRUE(Parse(unassign).at("assignee_id").is_null());
  EXPECT_EQ(client.PatchJson("/api/v1/tickets/" + id, R"({"assignee_id":)" +
                                 std::to_string(server.world["req_a1"].user.id.value) + "}", Token("agent")).status,
            422) << "a customer cannot be the assignee";
}

TEST_F(ApiTest, LifecycleRulesAndRepliesMoveTheStatus) {
  const auto id = std::to_string(CreateTicket("req_a1").at("id").as_int64());
  auto reply = client.PostJson("/api/v1/tickets/" + id + "/messages", R"({"body":"We are on it"})", Token("agent"));
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(Parse(reply).at("kind").as_string(), "public_reply");
  EXPECT_EQ(Parse(client.Get("/api/v1/tickets/" + id, Token("agent"))).at("status").as_string(), "open");
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + id, R"({"status":"resolved"})", Token("agent")).status, 200);
  auto customer = client.PostJson("/api/v1/tickets/" + id + "/messages", R"({"body":"Still broken"})", Token("req_a1"));
  ASSERT_EQ(customer.status, 201);
  EXPECT_EQ(Parse(customer).at("kind").as_string(), "customer_reply");
  EXPECT_EQ(Parse(client.Get("/api/v1/tickets/" + id, Token("agent"))).at("status").as_string(), "open");
  EXPECT_EQ(client.PatchJson("/api/v1/tickets/" + id, R"({"severity":"critical"})", Token("req_a1")).status, 403);
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + id, R"({"status":"resolved"})", Token("req_a1")).status, 200);
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + id, R"({"status":"closed"})", Token("agent")).status, 200);
  auto reopen = client.PatchJson("/api/v1/tickets/" + id, R"({"status":"open"})", Token("agent"));
  EXPECT_EQ(reopen.status, 409);
  EXPECT_EQ(Parse(reopen).at("type").as_string(), "/problems/invalid-transition");
  auto late = client.PostJson("/api/v1/tickets/" + id + "/messages", R"({"body":"hello?"})", Token("req_a1"));
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(Parse(late).at("type").as_string(), "/problems/ticket-closed");
  auto note = client.PostJson("/api/v1/tickets/" + id + "/messages", R"({"body":"x","visibility":"internal"})",
                              Token("req_a1"));
  EXPECT_EQ(note.status, 403) << "customers cannot write internal notes";
}

TEST_F(ApiTest, IdempotencyKeyReplaysTheFirstAnswer) {
  const std::string body = R"({"service":"azure","category":"billing","severity":"minimal","subject":"Invoice","description":"Why?"})";
  auto first = client.PostJson("/api/v1/tickets", body, Token("req_b1"), {{"Idempotency-Key", "order-42"}});
  ASSERT_EQ(first.status, 201);
  auto again = client.PostJson("/api/v1/tickets", body, Token("req_b1"), {{"Idempotency-Key", "order-42"}});
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  EXPECT_EQ(Parse(again).at("id"), Parse(first).at("id"));
  EXPECT_EQ(again.Header("location"), first.Header("location"));
  auto other_body = client.PostJson("/api/v1/tickets", R"({"service":"azure","category":"billing","severity":"minimal","subject":"Other","description":"Why?"})",
                                    Token("req_b1"), {{"Idempotency-Key", "order-42"}});
  EXPECT_EQ(other_body.status, 422);
  auto list = Parse(client.Get("/api/v1/tickets?q=invoice", Token("req_b1")));
  EXPECT_EQ(list.at("items").as_array().size(), 1u) << "the replay created nothing";
  auto other_user = client.PostJson("/api/v1/tickets", body, Token("admin_b"), {{"Idempotency-Key", "order-42"}});
  EXPECT_EQ(other_user.status, 201);
  EXPECT_NE(Parse(other_user).at("id"), Parse(first).at("id")) << "keys are per user";

  const std::string target = first.Header("location") + "/messages";
  auto message = client.PostJson(target, R"({"body":"More details"})", Token("req_b1"), {{"Idempotency-Key", "m-1"}});
  ASSERT_EQ(message.status, 201);
  auto message_again = client.PostJson(target, R"({"body":"More details"})", Token("req_b1"), {{"Idempotency-Key", "m-1"}});
  EXPECT_EQ(message_again.Header("idempotent-replayed"), "true");
  EXPECT_EQ(Parse(message_again).at("id"), Parse(message).at("id"));
  EXPECT_EQ(Parse(client.Get(target, Token("req_b1"))).at("items").as_array().size(), 2u);
}

TEST_F(ApiTest, ListFiltersSortsAndPaginates) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 7; ++i) {
    ids.push_back(CreateTicket("req_a2", i % 2 == 0 ? R"(,"tags":["even"])" : "").at("id").as_int64());
  }
  ASSERT_EQ(client.PatchJson("/api/v1/tickets/" + std::to_string(ids[2]), R"({"status":"open","severity":"critical"})",
                             Token("agent")).status, 200);
  auto ids_of = [&](const std::string& query, const std::string& member) {
    std::vector<std::int64_t> out;
    auto result = client.Get("/api/v1/tickets" + query, Token(member));
    EXPECT_EQ(result.status, 200) << result.body;
    for (const auto& item : Items(result.body)) out.push_back(item.at("id").as_int64());
    return out;
  };
  std::vector<std::int64_t> seen;
  std::string cursor;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = Parse(client.Get("/api/v1/tickets?limit=3" + cursor, Token("req_a2")));
    for (const auto& item : page.at("items").as_array()) seen.push_back(item.at("id").as_int64());
    if (page.at("next_cursor").is_null()) break;
    cursor = "&cursor=" + std::string(page.at("next_cursor").as_string());
  }
  EXPECT_EQ(seen.size(), 8u);  // seven here and the world's one
  EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
  EXPECT_EQ(ids_of("?tag=even", "req_a2").size(), 4u);
  EXPECT_EQ(ids_of("?status=open&severity=critical", "req_a2"), std::vector<std::int64_t>{ids[2]});
  EXPECT_EQ(ids_of("?sort=-updated&limit=1", "req_a2"), std::vector<std::int64_t>{ids[2]});
  EXPECT_EQ(ids_of("?service=m365&category=technical", "req_a2").size(), 7u);
  EXPECT_EQ(ids_of("?customer_id=" + std::to_string(server.world.customer_a.id.value) + "&limit=200", "agent").size(), 10u);
  EXPECT_TRUE(ids_of("?updated_since=2999-01-01T00:00:00Z", "req_a2").empty());
  EXPECT_EQ(ids_of("?q=password&sort=created", "req_a2").front(), ids[0]);
}

TEST_F(ApiTest, AttachmentsUploadAndDownloadSafely) {
  const auto id = std::to_string(CreateTicket("req_a1").at("id").as_int64());
  const std::string boundary = "XyZ123";
  const std::string content = std::string("%PDF-1.4 fake\x00\x01\x02 bytes", 22);
  std::string multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/invoice 11\xEC\x9B\x94.pdf\"\r\n"
                          "Content-Type: application/pdf\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
  auto uploaded = client.Send("POST", "/api/v1/tickets/" + id + "/attachments", multipart,
                              {{"Authorization", "Bearer " + Token("req_a1")},
                               {"Content-Type", "multipart/form-data; boundary=" + boundary}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const auto attachment = Parse(uploaded);
  EXPECT_EQ(attachment.at("filename").as_string(), "invoice 11\xEC\x9B\x94.pdf");
  EXPECT_EQ(attachment.at("size").as_int64(), 22);
  EXPECT_EQ(attachment.at("content_type").as_string(), "application/pdf");
  auto download = client.Get(std::string(attachment.at("url").as_string()), Token("agent"));
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, content);
  EXPECT_EQ(download.Header("content-type"), "application/pdf");
  EXPECT_EQ(download.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(download.Header("content-disposition"),
            "attachment; filename=\"invoice 11___.pdf\"; filename*=UTF-8''invoice%2011%EC%9B%94.pdf");

  auto raw = client.Send("POST", "/api/v1/tickets/" + id + "/attachments?filename=..%2F..%2Fboot.ini", "hello",
                         {{"Authorization", "Bearer " + Token("agent")}, {"Content-Type", "text/html"}});
  ASSERT_EQ(raw.status, 201) << raw.body;
  EXPECT_EQ(Parse(raw).at("filename").as_string(), "boot.ini");
  auto too_big = client.Send("POST", "/api/v1/tickets/" + id + "/attachments?filename=big.bin",
                             std::string(1024 * 1024 + 1, 'x'),
                             {{"Authorization", "Bearer " + Token("agent")}, {"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(too_big.status, 413);
  auto list = Parse(client.Get("/api/v1/tickets/" + id + "/attachments", Token("req_a1")));
  EXPECT_EQ(list.at("items").as_array().size(), 2u);
}

TEST_F(ApiTest, DirectoryIsManagedByAdmins) {
  auto org = client.PostJson("/api/v1/organizations",
                             R"({"kind":"customer","name":"Delta Corp","domains":["Delta.Example"],)"
                             R"("tenant_id":"7F9A1B5C-6D8E-4F0A-8B3C-4E5F60718293","country":"KR","locale":"ko-KR","time_zone":"Asia/Seoul"})",
                             Token("admin"));
  ASSERT_EQ(org.status, 201) << org.body;
  EXPECT_EQ(Parse(org).at("domains").at(0).as_string(), "delta.example");
  EXPECT_EQ(Parse(org).at("tenant_id").as_string(), "7f9a1b5c-6d8e-4f0a-8b3c-4e5f60718293");
  EXPECT_EQ(Parse(org).at("parent_id").as_int64(), server.world.partner.id.value);
  const auto org_id = Parse(org).at("id").as_int64();
  EXPECT_EQ(client.PostJson("/api/v1/organizations", R"({"kind":"customer","name":"Dup","domains":["delta.example"]})",
                            Token("admin")).status, 409);
  EXPECT_EQ(client.PostJson("/api/v1/organizations", R"({"kind":"customer","name":"X"})", Token("agent")).status, 403);
  auto invalid = client.PostJson("/api/v1/organizations", R"({"kind":"partner","name":"","tenant_id":"nope"})", Token("admin"));
  ASSERT_EQ(invalid.status, 422);
  EXPECT_GE(Parse(invalid).at("errors").as_array().size(), 3u);
  auto user = client.PostJson("/api/v1/users",
                              R"({"organization_id":)" + std::to_string(org_id) +
                                  R"(,"email":"it@delta.example","name":"Delta IT","role":"customer_admin","password":"a-long-password"})",
                              Token("admin"));
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_EQ(client.PostJson("/api/v1/users", R"({"organization_id":)" + std::to_string(org_id) +
                                R"(,"email":"it@delta.example","name":"Again","role":"requester"})", Token("admin")).status, 409);
  auto login = client.PostJson("/api/v1/auth/login", R"({"email":"it@delta.example","password":"a-long-password"})");
  ASSERT_EQ(login.status, 200);
  auto subscription = client.PostJson("/api/v1/subscriptions",
                                      R"({"customer_id":)" + std::to_string(org_id) +
                                          R"(,"service":"azure","subscription_id":"11111111-2222-3333-4444-555555555555","name":"Delta prod"})",
                                      Token("agent"));
  ASSERT_EQ(subscription.status, 201) << subscription.body;
  const std::string delta_token(Parse(login).at("token").as_string());
  auto mine = Parse(client.Get("/api/v1/subscriptions", delta_token));
  ASSERT_EQ(mine.at("items").as_array().size(), 1u);
  EXPECT_TRUE(Parse(client.Get("/api/v1/subscriptions", Token("req_a1"))).at("items").as_array().empty());
  auto service = client.PostJson("/api/v1/services", R"({"code":"defender","name":"Microsoft Defender"})", Token("supervisor"));
  ASSERT_EQ(service.status, 201);
  auto services = Parse(client.Get("/api/v1/services", Token("req_a1"))).at("items").as_array();
  EXPECT_EQ(services.size(), 4u);
  EXPECT_EQ(client.PostJson("/api/v1/services", R"({"code":"Bad Code","name":"x"})", Token("admin")).status, 422);
}

TEST_F(ApiTest, TheAuditLogRecordsDirectoryChanges) {
  auto org = client.PostJson("/api/v1/organizations", R"({"kind":"provider","name":"Audit Provider"})", Token("admin"));
  ASSERT_EQ(org.status, 201);
  const auto org_id = Parse(org).at("id").as_int64();
  std::vector<json::value> events;
  std::string after;
  for (int pages = 0; pages < 50; ++pages) {
    auto page = client.Get("/api/v1/audit-events?limit=7" + after, Token("supervisor"));
    ASSERT_EQ(page.status, 200) << page.body;
    const auto body = Parse(page);
    for (const auto& e : body.at("items").as_array()) events.push_back(e);
    if (body.at("next_cursor").is_null()) break;
    after = "&after=" + std::string(body.at("next_cursor").as_string());
  }
  bool found = false;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i > 0) {
      EXPECT_GT(events[i].at("id").as_int64(), events[i - 1].at("id").as_int64());
    }
    if (events[i].at("action").as_string() == "organization.created" &&
        events[i].at("after").as_string() == std::to_string(org_id)) {
      found = true;
      EXPECT_EQ(events[i].at("actor_id").as_int64(), server.world["admin"].user.id.value);
      EXPECT_TRUE(events[i].at("ticket_id").is_null());
    }
  }
  EXPECT_TRUE(found) << "the new organisation is not in the audit log";
  EXPECT_EQ(client.Get("/api/v1/audit-events?limit=0", Token("admin")).status, 400);
}

TEST_F(ApiTest, CalendarsComputeBusinessTimeAcrossWeekendsAndHolidays) {
  const std::string body = R"({"name":"Seoul office","time_zone":"Asia/Seoul",
    "intervals":[{"day":"mon","start":"09:00","end":"18:00"},{"day":"tue","start":"09:00","end":"18:00"},
                 {"day":"wed","start":"09:00","end":"18:00"},{"day":"thu","start":"09:00","end":"18:00"},
                 {"day":"fri","start":"09:00","end":"18:00"}],
    "holidays":[{"date":"2026-12-25","name":"Christmas"},{"date":"01-01","name":"New Year"},
                {"date":"2026-12-31","start":"13:00","name":"Year end, afternoon"}]})";
  auto created = client.PostJson("/api/v1/calendars", body, Token("admin"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("etag"), "\"v1\"");
  const auto calendar = Parse(created);
  EXPECT_EQ(calendar.at("intervals").as_array().size(), 5u);
  EXPECT_EQ(calendar.at("holidays").at(1).at("date").as_string(), "01-01");
  EXPECT_TRUE(calendar.at("holidays").at(1).at("yearly").as_bool());
  EXPECT_EQ(calendar.at("holidays").at(2).at("start").as_string(), "13:00");
  const std::string url = created.Header("location");
  // A critical ticket on Friday evening: two business hours are due Monday 11:00 KST.
  auto due = client.Get(url + "/add?start=2026-11-27T19:30:00%2B09:00&minutes=120", Token("agent"));
  ASSERT_EQ(due.status, 200) << due.body;
  EXPECT_EQ(Parse(due).at("result").as_string(), "2026-11-30T02:00:00.000Z");
  auto next = client.Get(url + "/next-open?at=2026-11-27T19:30:00%2B09:00", Token("agent"));
  EXPECT_EQ(Parse(next).at("next_open").as_string(), "2026-11-30T00:00:00.000Z");
  // Thursday 24 December 17:00 plus two hours skips Christmas: Monday 28th 10:00 KST.
  due = client.Get(url + "/add?start=2026-12-24T17:00:00%2B09:00&minutes=120", Token("agent"));
  EXPECT_EQ(Parse(due).at("result").as_string(), "2026-12-28T01:00:00.000Z");
  // 31 December closes at 13:00 and 1 January (every year) is a holiday.
  due = client.Get(url + "/add?start=2026-12-31T12:00:00%2B09:00&minutes=120", Token("agent"));
  EXPECT_EQ(Parse(due).at("result").as_string(), "2027-01-04T01:00:00.000Z");

  auto replaced = client.Send("PUT", url, R"({"name":"Seoul office 24x7","time_zone":"Asia/Seoul","always_open":true})",
                              {{"Authorization", "Bearer " + Token("supervisor")}, {"Content-Type", "application/json"},
                               {"If-Match", "\"v1\""}});
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(replaced.Header("etag"), "\"v2\"");
  due = client.Get(url + "/add?start=2026-11-27T19:30:00%2B09:00&minutes=120", Token("agent"));
  EXPECT_EQ(Parse(due).at("result").as_string(), "2026-11-27T12:30:00.000Z") << "the new version is used at once";
  auto stale = client.Send("PUT", url, body, {{"Authorization", "Bearer " + Token("admin")},
                                              {"Content-Type", "application/json"}, {"If-Match", "\"v1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(client.PostJson("/api/v1/calendars", R"({"name":"Seoul office 24x7","time_zone":"UTC","always_open":true})",
                            Token("admin")).status, 409);

  auto bad = client.PostJson("/api/v1/calendars",
                             R"({"name":"Bad","time_zone":"Mars/Olympus","intervals":[{"day":"funday","start":"25:00","end":"x"}],)"
                             R"("holidays":[{"date":"2026-02-30"}]})",
                             Token("admin"));
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_GE(Parse(bad).at("errors").as_array().size(), 4u);
  auto unknown_zone = client.PostJson("/api/v1/calendars", R"({"name":"Mars","time_zone":"Mars/Olympus","always_open":true})", Token("admin"));
  EXPECT_EQ(unknown_zone.status, 422);
  EXPECT_EQ(Parse(unknown_zone).at("errors").at(0).at("field").as_string(), "time_zone");
  EXPECT_EQ(client.Get(url + "/add?start=yesterday&minutes=5", Token("agent")).status, 400);
  EXPECT_EQ(client.Get(url + "/add?start=2026-11-27T10:00:00Z&minutes=-5", Token("agent")).status, 400);
  EXPECT_EQ(client.Get(url + "/next-open?at=1970-01-01T00:00:00Z", Token("agent")).status, 422);
  EXPECT_EQ(client.Send("DELETE", url, {}, {{"Authorization", "Bearer " + Token("admin")}}).status, 204);
  EXPECT_EQ(client.Get(url, Token("admin")).status, 404);
}

TEST_F(ApiTest, PlansAreVersionedNotEditedInPlace) {
  auto calendar = client.PostJson("/api/v1/calendars",
                                  R"({"name":"Plan hours","time_zone":"Asia/Seoul","intervals":[{"day":"mon","start":"09:00","end":"18:00"}]})",
                                  Token("admin"));
  ASSERT_EQ(calendar.status, 201);
  const auto calendar_id = std::to_string(Parse(calendar).at("id").as_int64());
  const std::string provider = std::to_string(server.world.provider.id.value);
  const std::string body = R"({"name":"Business hours, hourly","description":"Billed per started quarter hour.",
    "service_hours_calendar_id":)" + calendar_id + R"(,
    "coverage":[{"service":"azure","category":"technical"},{"service":"m365","category":"technical"}],
    "channels":[{"kind":"portal"},{"kind":"email","address":"support@partner.example"},{"kind":"phone","address":"+82 2 1234 5678","hours_calendar_id":)" + calendar_id + R"(}],
    "targets":{"critical":{"first_response":{"minutes":60},"resolution":{"minutes":480,"basis":"calendar"}}},
    "pricing":{"model":"hourly","currency":"KRW","hourly_rate":120000,"increment_minutes":15,"minimum_minutes":30,"after_hours_percent":150},
    "out_of_scope":{"policy":"billable","hourly_rate":180000}})";
  auto created = client.PostJson("/api/v1/plans", body, Token("admin"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("etag"), "\"v1\"");
  const auto plan = Parse(created);
  EXPECT_EQ(plan.at("pricing").at("hourly_rate").as_int64(), 120000);
  EXPECT_EQ(plan.at("pricing").at("minor_units").as_int64(), 0);
  EXPECT_EQ(plan.at("targets").at("critical").at("resolution").at("basis").as_string(), "calendar");
  EXPECT_EQ(plan.at("targets").at("minimal").at("first_response").at("minutes").as_int64(), 0);
  EXPECT_EQ(plan.at("channels").at(2).at("hours_calendar_id").as_int64(), std::stoll(calendar_id));
  const std::string url = created.Header("location");

  std::string resold = body;
  resold.replace(resold.find(R"("out_of_scope")"), 0, R"("delivery":{"mode":"resold","provider_id":)" + provider +
                                                         R"(,"provider_hourly_cost":70000},)");
  auto next = client.Send("PUT", url, resold, {{"Authorization", "Bearer " + Token("admin")},
                                               {"Content-Type", "application/json"}, {"If-Match", "\"v1\""}});
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(Parse(next).at("version").as_int64(), 2);
  EXPECT_EQ(Parse(next).at("delivery").at("provider_id").as_int64(), server.world.provider.id.value);
  auto first = client.Get(url + "?version=1", Token("agent"));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Parse(first).at("delivery").at("mode").as_string(), "in_house") << "version 1 is unchanged";
  EXPECT_EQ(client.Get(url + "?version=3", Token("agent")).status, 404);
  EXPECT_EQ(client.Send("PUT", url, body, {{"Authorization", "Bearer " + Token("admin")},
                                           {"Content-Type", "application/json"}, {"If-Match", "\"v1\""}}).status, 412);

  // Shape first: an unknown nested field is named by its path.
  auto unknown = client.PostJson("/api/v1/plans",
                                 R"({"name":"Bad","coverage":[{"service":"azure","category":"technical"}],)"
                                 R"("channels":[{"kind":"portal"}],"pricing":{"model":"included","currency":"KRW","bogus":1}})",
                                 Token("admin"));
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(Parse(unknown).at("errors").at(0).at("field").as_string(), "pricing.bogus");
  // Then the domain rules.
  auto invalid = client.PostJson("/api/v1/plans",
                                 R"({"name":"Bad","coverage":[{"service":"azure","category":"technical"}],)"
                                 R"("channels":[{"kind":"email","address":"nope"}],"pricing":{"model":"hourly","currency":"krw"}})",
                                 Token("admin"));
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  std::set<std::string> fields;
  const auto invalid_body = Parse(invalid);  // the loop must not range over a temporary
  for (const auto& e : invalid_body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"channels", "pricing.currency", "pricing.hourly_rate"})) << invalid.body;
  auto references = client.PostJson("/api/v1/plans",
                                    R"({"name":"Refs","service_hours_calendar_id":999999,"coverage":[{"service":"nosuch","category":"technical"}],)"
                                    R"("channels":[{"kind":"portal"}],"pricing":{"model":"included","currency":"KRW"},)"
                                    R"("delivery":{"mode":"outsourced","provider_id":)" + std::to_string(server.world.customer_a.id.value) + "}}",
                                    Token("admin"));
  ASSERT_EQ(references.status, 422) << references.body;
  fields.clear();
  const auto references_body = Parse(references);
  for (const auto& e : references_body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"service_hours_calendar_id", "coverage", "provider_id"}));
  EXPECT_EQ(client.PostJson("/api/v1/plans", body, Token("admin")).status, 409) << "the name is taken";
}

TEST_F(ApiTest, AgreementsTileTimeWithoutGapsOrOverlaps) {
  auto plan = client.PostJson("/api/v1/plans",
                              R"({"name":"Tiled","coverage":[{"service":"azure","category":"technical"}],)"
                              R"("channels":[{"kind":"portal"}],"pricing":{"model":"hourly","currency":"EUR","hourly_rate":9500}})",
                              Token("admin"));
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string plan_id = std::to_string(Parse(plan).at("id").as_int64());
  const std::string customer = std::to_string(server.world.customer_b.id.value);
  auto agreement = [&](const std::string& start, const std::string& end) {
    return client.PostJson("/api/v1/agreements",
                           R"({"customer_id":)" + customer + R"(,"plan_id":)" + plan_id + R"(,"start_date":")" + start + R"(")" +
                               (end.empty() ? "" : R"(,"end_date":")" + end + R"(")") + R"(,"prepaid_minutes":600})",
                           Token("admin"));
  };
  auto first = agreement("2026-01-01", "2026-06-30");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(Parse(first).at("plan_version").as_int64(), 1);
  EXPECT_EQ(Parse(first).at("prepaid_minutes").as_int64(), 600);
  auto overlap = agreement("2026-06-30", "");
  EXPECT_EQ(overlap.status, 409);
  EXPECT_EQ(Parse(overlap).at("type").as_string(), "/problems/agreement-overlap");
  EXPECT_NE(Parse(overlap).at("detail").as_string().find("2026-06-30"), std::string::npos) << overlap.body;
  auto gap = agreement("2026-07-02", "");
  EXPECT_EQ(gap.status, 409);
  EXPECT_EQ(Parse(gap).at("type").as_string(), "/problems/agreement-gap");
  auto second = agreement("2026-07-01", "");
  ASSERT_EQ(second.status, 201) << second.body;
  // Closing the open one and following it with a third.
  EXPECT_EQ(client.PatchJson(second.Header("location"), R"({"end_date":"2026-12-31"})", Token("admin")).status, 200);
  EXPECT_EQ(agreement("2027-01-01", "").status, 201);
  EXPECT_EQ(client.PatchJson(first.Header("location"), R"({"end_date":"2026-05-31"})", Token("admin")).status, 409)
      << "shortening the first would open a gap";
  EXPECT_EQ(client.PatchJson(first.Header("location"), R"({"end_date":"2025-12-31"})", Token("admin")).status, 422)
      << "an end before the start";
  EXPECT_EQ(client.PatchJson(first.Header("location"), R"({})", Token("admin")).status, 422);
  auto list = client.Get("/api/v1/agreements?customer_id=" + customer, Token("agent"));
  EXPECT_EQ(Items(list.body).size(), 3u);
  EXPECT_EQ(client.PostJson("/api/v1/agreements",
                            R"({"customer_id":)" + std::to_string(server.world.provider.id.value) + R"(,"plan_id":)" + plan_id +
                                R"(,"start_date":"2026-01-01"})",
                            Token("admin")).status, 422) << "agreements are with customers";
  EXPECT_EQ(client.PostJson("/api/v1/agreements",
                            R"({"customer_id":)" + customer + R"(,"plan_id":)" + plan_id + R"(,"plan_version":9,"start_date":"2030-01-01"})",
                            Token("admin")).status, 422) << "no such version";
  EXPECT_EQ(client.PostJson("/api/v1/agreements",
                            R"({"customer_id":)" + customer + R"(,"plan_id":)" + plan_id + R"(,"start_date":"2026-13-01"})",
                            Token("admin")).status, 422);
}

TEST_F(ApiTest, EveryTicketIsScopedByTheCustomersTerms) {
  // Nothing configured: everything is in scope.
  auto before = client.PostJson("/api/v1/tickets", R"({"service":"d365","category":"billing","severity":"minimal","subject":"Before plans","description":"x"})",
                                Token("req_a1"));
  ASSERT_EQ(before.status, 201) << before.body;
  EXPECT_EQ(Parse(before).at("scope").as_string(), "in_scope");
  EXPECT_TRUE(Parse(before).at("plan").is_null());

  auto plan_body = [](const std::string& name, const std::string& out_of_scope) {
    return R"({"name":")" + name + R"(","coverage":[{"service":"m365","category":"technical"}],"channels":[{"kind":"portal"}],)"
           R"("pricing":{"model":"included","currency":"KRW","increment_minutes":30,"minimum_minutes":60},"out_of_scope":)" + out_of_scope + "}";
  };
  auto strict = client.PostJson("/api/v1/plans", plan_body("Strict", R"({"policy":"refuse"})"), Token("admin"));
  auto billable = client.PostJson("/api/v1/plans", plan_body("Billable", R"({"policy":"billable","hourly_rate":150000})"), Token("admin"));
  ASSERT_EQ(strict.status, 201) << strict.body;
  ASSERT_EQ(billable.status, 201) << billable.body;
  const std::string strict_id = std::to_string(Parse(strict).at("id").as_int64());
  const std::string billable_id = std::to_string(Parse(billable).at("id").as_int64());
  // Customer A has an agreement on the strict plan; everyone else falls to the default (billable) plan.
  ASSERT_EQ(client.PostJson("/api/v1/agreements",
                            R"({"customer_id":)" + std::to_string(server.world.customer_a.id.value) + R"(,"plan_id":)" + strict_id +
                                R"(,"start_date":"2020-01-01"})",
                            Token("admin")).status, 201);
  ASSERT_EQ(client.PatchJson("/api/v1/partner/settings",
                             R"({"default_plan_id":)" + billable_id + R"(,"support_email":"support@partner.example",)"
                             R"("support_phone":"+82 2 1234 5678","support_website":"https://partner.example/support"})",
                             Token("admin")).status, 200);
  auto profile = Parse(client.Get("/api/v1/partner/support-profile", Token("req_b1")));
  EXPECT_EQ(profile.at("email").as_string(), "support@partner.example");
  EXPECT_EQ(profile.at("name").as_string(), "Partner Co");
  EXPECT_EQ(client.PatchJson("/api/v1/partner/settings", R"({"support_website":"http://insecure.example"})", Token("admin")).status, 422);

  const std::string covered = R"({"service":"m365","category":"technical","severity":"moderate","subject":"Covered","description":"x"})";
  const std::string uncovered = R"({"service":"azure","category":"technical","severity":"moderate","subject":"Not covered","description":"x")";
  auto in_scope = client.PostJson("/api/v1/tickets", covered, Token("req_a1"));
  ASSERT_EQ(in_scope.status, 201);
  EXPECT_EQ(Parse(in_scope).at("scope").as_string(), "in_scope");
  EXPECT_EQ(Parse(in_scope).at("plan").at("id").as_int64(), std::stoll(strict_id));
  EXPECT_FALSE(Parse(in_scope).at("agreement_id").is_null());

  auto refused = client.PostJson("/api/v1/tickets", uncovered + "}", Token("req_a1"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Parse(refused).at("type").as_string(), "/problems/out-of-scope-refused");
  EXPECT_NE(Parse(refused).at("detail").as_string().find("'Strict' does not cover technical requests for azure"), std::string::npos)
      << refused.body;

  auto unaccepted = client.PostJson("/api/v1/tickets", uncovered + "}", Token("req_b1"));
  ASSERT_EQ(unaccepted.status, 422) << unaccepted.body;
  EXPECT_EQ(Parse(unaccepted).at("type").as_string(), "/problems/charges-not-accepted");
  EXPECT_EQ(Parse(unaccepted).at("quote").at("hourly_rate").as_int64(), 150000);
  EXPECT_EQ(Parse(unaccepted).at("quote").at("currency").as_string(), "KRW");
  auto wrong_price = client.PostJson("/api/v1/tickets", uncovered + R"(,"accept_charges":{"currency":"KRW","hourly_rate":100000}})",
                                     Token("req_b1"));
  EXPECT_EQ(wrong_price.status, 422);
  auto accepted = client.PostJson("/api/v1/tickets", uncovered + R"(,"accept_charges":{"currency":"KRW","hourly_rate":150000}})",
                                  Token("req_b1"));
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_EQ(Parse(accepted).at("scope").as_string(), "out_of_scope_billable");
  EXPECT_EQ(Parse(accepted).at("quote").at("minimum_minutes").as_int64(), 60);
  EXPECT_TRUE(Parse(accepted).at("agreement_id").is_null()) << "handled by the default plan";
  auto refetched = client.Get(accepted.Header("location"), Token("agent"));
  EXPECT_EQ(Parse(refetched).at("quote").at("hourly_rate").as_int64(), 150000) << "the quote is stored on the ticket";
}

TEST_F(ApiTest, TheSupportStatementSaysEverythingInBothLanguages) {
  auto calendar = client.PostJson("/api/v1/calendars",
                                  R"({"name":"Seoul business hours","time_zone":"Asia/Seoul",)"
                                  R"("intervals":[{"day":"mon","start":"09:00","end":"18:00"},{"day":"fri","start":"09:00","end":"17:00"}],)"
                                  R"("holidays":[{"date":"12-25","name":"Christmas Day"}]})",
                                  Token("admin"));
  ASSERT_EQ(calendar.status, 201) << calendar.body;
  const auto calendar_id = std::to_string(Parse(calendar).at("id").as_int64());
  auto plan = client.PostJson("/api/v1/plans",
                              R"({"name":"Business Hourly","service_hours_calendar_id":)" + calendar_id + R"(,)"
                              R"("coverage":[{"service":"m365","category":"technical"},{"service":"azure","category":"billing"}],)"
                              R"("channels":[{"kind":"email","address":"help@partner.example"},{"kind":"phone","address":"+82 2 555 0100"}],)"
                              R"("targets":{"critical":{"first_response":{"minutes":60},"resolution":{"minutes":480}}},)"
                              R"("pricing":{"model":"hourly","currency":"KRW","hourly_rate":120000,"increment_minutes":15,"minimum_minutes":30,"after_hours_percent":150},)"
                              R"("delivery":{"mode":"outsourced","provider_id":)" + std::to_string(server.world.provider.id.value) + R"(},)"
                              R"("out_of_scope":{"policy":"billable","hourly_rate":180000}})",
                              Token("admin"));
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string customer = std::to_string(server.world.customer_a.id.value);
  ASSERT_EQ(client.PostJson("/api/v1/agreements",
                            R"({"customer_id":)" + customer + R"(,"plan_id":)" + std::to_string(Parse(plan).at("id").as_int64()) +
                                R"(,"start_date":"2020-01-01"})",
                            Token("admin")).status, 201);
  // The partner takes mail and calls (else the plan's e-mail and phone channels are not offered).
  ASSERT_EQ(client.PatchJson("/api/v1/partner/settings",
                             R"({"support_website":"https://partner.example/help","support_email":"help@partner.example",)"
                             R"("support_phone":"+82 2 555 0100"})",
                             Token("admin")).status, 200);

  auto english = client.Get("/api/v1/customers/" + customer + "/support-statement?lang=en", Token("req_a1"));
  ASSERT_EQ(english.status, 200) << english.body;
  const std::string en = english.body;
  for (const char* expected : {"Support statement", "Business Hourly", "Microsoft 365", "technical problems", "Microsoft Azure",
                               "billing", "Asia/Seoul", "Mon 09:00–18:00", "Fri 09:00–17:00", "Christmas Day",
                               "help@partner.example", "+82 2 555 0100", "https://partner.example/help",
                               "Critical (A)", "First response: 1 business hour", "Resolution: 8 business hours",
                               "KRW 120,000", "billed in steps of 15 minutes", "50 minutes of work is billed as 60 minutes = KRW 120,000",
                               "1.50", "KRW 180,000", "Provider Co on behalf of Partner Co", "commercial support", "technical support"}) {
    EXPECT_NE(en.find(expected), std::string::npos) << "missing: " << expected;
  }
  auto korean = client.Get("/api/v1/customers/" + customer + "/support-statement", Token("req_a1"));
  ASSERT_EQ(korean.status, 200);
  EXPECT_EQ(Parse(korean).at("language").as_string(), "ko") << "the customer's locale is ko-KR";
  for (const char* expected : {"지원 안내서", "지원 범위", "서비스 시간", "연락 방법", "심각도와 응답 목표", "가격", "지원 제공자",
                               "Microsoft로의 에스컬레이션", "긴급(A)", "최초 응답", "KRW 120,000", "월 09:00–18:00", "Christmas Day"}) {
    EXPECT_NE(korean.body.find(expected), std::string::npos) << "missing: " << expected;
  }
  const std::string hash(Parse(english).at("version_hash").as_string());
  EXPECT_EQ(Parse(korean).at("version_hash").as_string(), hash) << "one version, two languages";
  EXPECT_EQ(hash.size(), 64u);

  auto page = client.Get("/support/" + customer + "?lang=ko", Token("admin_a"));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<html lang=\"ko\">"), std::string::npos);
  EXPECT_NE(page.body.find("지원 안내서"), std::string::npos);
  EXPECT_NE(page.body.find(hash), std::string::npos);
  EXPECT_EQ(client.Get("/support/" + customer + "?lang=fr", Token("admin_a")).status, 400);

  // New tickets record the statement in force; a change of terms makes a new version.
  auto ticket = client.PostJson("/api/v1/tickets", R"({"service":"m365","category":"technical","severity":"minimal","subject":"Hash","description":"x"})",
                                Token("req_a1"));
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  EXPECT_EQ(Parse(ticket).at("statement_hash").as_string(), hash);
  ASSERT_EQ(client.PatchJson("/api/v1/partner/settings", R"({"support_phone":"+82 2 555 0199"})", Token("admin")).status, 200);
  auto changed = client.Get("/api/v1/customers/" + customer + "/support-statement", Token("req_a1"));
  EXPECT_NE(Parse(changed).at("version_hash").as_string(), hash);
  auto later = client.PostJson("/api/v1/tickets", R"({"service":"m365","category":"technical","severity":"minimal","subject":"Hash 2","description":"x"})",
                               Token("req_a1"));
  EXPECT_EQ(Parse(later).at("statement_hash"), Parse(changed).at("version_hash"));
  auto refused_link = client.PostJson("/api/v1/tickets", R"({"service":"d365","category":"technical","severity":"minimal","subject":"Out","description":"x"})",
                                      Token("req_a1"));
  ASSERT_EQ(refused_link.status, 422);
  EXPECT_EQ(Parse(refused_link).at("type").as_string(), "/problems/charges-not-accepted");
}

TEST_F(ApiTest, OperationsEndpoints) {
  auto health = client.Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(client.Get("/readyz").status, 200);
  client.Get("/api/v1/tickets", Token("agent"));
  auto metrics = client.Get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("tierdesk_http_requests_total{route=\"/api/v1/tickets\",method=\"GET\",status=\"200\"}"),
            std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("tierdesk_http_request_duration_seconds_bucket{le=\"+Inf\"}"), std::string::npos);
  EXPECT_NE(metrics.body.find("tierdesk_db_commit_batch_size_count"), std::string::npos);
  EXPECT_NE(metrics.body.find("tierdesk_http_open_connections 1"), std::string::npos);
  auto traced = client.Send("GET", "/healthz", {}, {{"X-Request-Id", "trace-abc.1"}});
  EXPECT_EQ(traced.Header("x-request-id"), "trace-abc.1");
  EXPECT_FALSE(client.Get("/healthz").Header("x-request-id").empty());
  auto head = client.Send("HEAD", "/healthz");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  auto wrong_method = client.Send("DELETE", "/api/v1/tickets", {}, {{"Authorization", "Bearer " + Token("agent")}});
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.Header("allow"), "POST, GET, HEAD");
  EXPECT_EQ(client.Get("/api/v1/nothing-here").status, 404);
}

}  // namespace
}  // namespace tierdesk::testing
