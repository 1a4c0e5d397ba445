// Hostile input against the real server (issue "Hold under attack"): a customer's text that
// overflowed a backtracking regex engine, searches built to stall the server, bodies from
// clients without a token, too many connections, escaped slashes in paths.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <chrono>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

class Attack : public ::testing::Test {
 protected:
  TestServer server;
  HttpClient client{server.port};
  std::string Token(const std::string& member) { return server.world[member].token; }

  json::object CreateTicket(const std::string& member, const std::string& description, int expected = 201) {
    json::object body{{"service", "azure"}, {"category", "technical"}, {"severity", "moderate"},
                      {"subject", "Refund question"}, {"description", description}};
    auto result = client.PostJson("/api/v1/tickets", json::serialize(body), Token(member));
    EXPECT_EQ(result.status, expected) << result.body.substr(0, 400);
    return result.status == expected && expected == 201 ? Parse(result).as_object() : json::object{};
  }
};

TEST_F(Attack, ARegexRuleOverACustomersLongTextNeitherCrashesNorStalls) {
  for (const char* pattern : {"refund.*urgent", "(error|fail).*(vm|server)"}) {
    json::object rule{{"name", std::string("regex ") + pattern},
                      {"conditions", json::array{json::object{{"field", "body"}, {"op", "regex"}, {"values", json::array{pattern}}}}},
                      {"actions", json::array{json::object{{"action", "add_tags"}, {"values", json::array{"regex-hit"}}}}}};
    auto created = client.PostJson("/api/v1/rules", json::serialize(rule), Token("admin"));
    ASSERT_EQ(created.status, 201) << created.body;
  }
  const std::string filler(40'000, 'x');
  const auto started = Clock::now();
  auto hit = CreateTicket("req_a1", "refund " + filler + " urgent");
  auto miss = CreateTicket("req_a1", "refund " + filler + " later");
  auto second = CreateTicket("req_a1", "fail " + filler + " server");
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
  const auto tags = [](const json::object& ticket) { return json::serialize(ticket.at("tags")); };
  EXPECT_NE(tags(hit).find("regex-hit"), std::string::npos) << tags(hit);
  EXPECT_EQ(tags(miss).find("regex-hit"), std::string::npos) << tags(miss);
  EXPECT_NE(tags(second).find("regex-hit"), std::string::npos);
  EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST_F(Attack, RegexesANonBacktrackingEngineCannotRunAreRefusedWhenSaved) {
  for (const char* pattern : {"(a)\\\\1", "(?=x)y", "(\\\\w{100}){100}", "(unclosed"}) {
    const std::string body = std::string(R"({"name":"bad","conditions":[{"field":"body","op":"regex","values":[")") +
                             pattern + R"("]}],"actions":[{"action":"add_tags","values":["x"]}]})";
    auto result = client.PostJson("/api/v1/rules", body, Token("admin"));
    EXPECT_EQ(result.status, 422) << pattern << ": " << result.body;
    EXPECT_NE(result.body.find("conditions[0].values"), std::string::npos) << result.body;
  }
}

TEST_F(Attack, SearchesPastTheLanguagesLimitsAreRefusedBeforeTheyRun) {
  std::string many_prefixes;
  for (char c = 'a'; c <= 'z'; ++c) many_prefixes += std::string(1, c) + "*%20";
  const auto refused = [&](const std::string& q) {
    auto result = client.Get("/api/v1/tickets?q=" + q, Token("req_a1"));
    EXPECT_EQ(result.status, 400) << q << ": " << result.body;
    EXPECT_NE(result.body.find("/problems/invalid-parameter"), std::string::npos) << result.body;
    EXPECT_NE(result.body.find("\"field\":\"q\""), std::string::npos) << result.body;
  };
  refused(many_prefixes);                    // 26 one-letter prefixes (the stall that was reported)
  refused("ab*");                            // a prefix shorter than three letters
  refused("abc*%20def*%20ghi*");             // more than two prefixes
  refused("one%20two%20three%20four%20five%20six%20seven%20eight%20nine");  // more than eight words
  refused(std::string(201, 'a'));            // longer than 200 bytes
  refused("a-b*");                           // punctuation in a prefix splits into a shorter prefix
  refused("the.the.the.the.the.the.the.the.the.the.the.the.the.the.the.the.the");  // a 17-word phrase
  auto accepted = client.Get("/api/v1/tickets?q=zalph*%20problem", Token("req_a1"));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Items(accepted.body).size(), 1u) << accepted.body;
}

TEST_F(Attack, AnAnonymousBodyIsRefusedOnItsHeadersWithoutBeingRead) {
  const std::string head = "POST /api/v1/tickets/" + std::to_string(server.world.ticket_a1.value) +
                           "/attachments HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                           "Content-Length: 26214400\r\n\r\n";
  const int upload = SendHeadAndFloodBody(server.port, head, 25u * 1024 * 1024);
  EXPECT_EQ(upload, 401);
  // A bad token is refused the same way, and so is a body too large for a JSON route.
  const int bad_token = SendHeadAndFloodBody(
      server.port,
      "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\nContent-Type: application/json\r\n"
      "Content-Length: 10485760\r\n\r\n",
      10u * 1024 * 1024);
  EXPECT_EQ(bad_token, 401);
  const int too_large = SendHeadAndFloodBody(
      server.port,
      "POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Token("req_a1") +
          "\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n",
      10u * 1024 * 1024);
  EXPECT_EQ(too_large, 413);
  // Sign-in takes no more than a small body.
  const int login = SendHeadAndFloodBody(
      server.port, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n",
      1024 * 1024);
  EXPECT_EQ(login, 413);
  EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST(AttackUpload, ALargeUploadWithATokenIsSpooledAndStoredWhole) {
  TestServer server(8 * 1024 * 1024);
  HttpClient client(server.port);
  const auto Token = [&](const std::string& member) { return server.world[member].token; };
  std::string bytes(3 * 1024 * 1024, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 7919) % 251);
  auto result = client.Send("POST",
                            "/api/v1/tickets/" + std::to_string(server.world.ticket_a1.value) +
                                "/attachments?filename=dump.bin",
                            bytes, {{"Authorization", "Bearer " + Token("req_a1")}, {"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(result.status, 201) << result.body;
  const auto location = result.Header("location");
  auto back = client.Get(location, Token("req_a1"));
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.body.size(), bytes.size());
  EXPECT_TRUE(back.body == bytes);

  // The same bytes sent chunked (no length announced) are spooled the same way.
  std::string chunked = "POST /api/v1/tickets/" + std::to_string(server.world.ticket_a1.value) +
                        "/attachments?filename=chunked.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                        Token("req_a1") + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (std::size_t at = 0; at < bytes.size(); at += 65536) {
    const std::size_t n = std::min<std::size_t>(65536, bytes.size() - at);
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", n);
    chunked += size;
    chunked.append(bytes, at, n);
    chunked += "\r\n";
  }
  chunked += "0\r\n\r\n";
  HttpClient raw(server.port);
  auto sent = raw.SendRaw(chunked);
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto again = client.Get(sent.Header("location"), Token("req_a1"));
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(again.body == bytes);
}

TEST_F(Attack, AnEscapedSlashInAPathIsNotARouteSeparator) {
  const std::string id = std::to_string(server.world.ticket_a1.value);
  auto plain = client.Get("/api/v1/tickets/" + id + "/messages", Token("req_a1"));
  EXPECT_EQ(plain.status, 200);
  for (const std::string& path : {"/api/v1/tickets/" + id + "%2Fmessages", "/api/v1/tickets/" + id + "%2fmessages",
                                 "/api/v1/tickets%2F" + id}) {
    auto result = client.Get(path, Token("req_a1"));
    EXPECT_EQ(result.status, 400) << path << ": " << result.body;
    EXPECT_NE(result.body.find("/problems/malformed-request"), std::string::npos) << result.body;
  }
}

TEST_F(Attack, ListsAndSearchesFromOneAddressAreCappedAndReadsStillAnswer) {
  // Many parallel lists from one address: some are told to retry, none stalls a ticket read.
  std::atomic<int> ok{0};
  std::atomic<int> retry{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&] {
      HttpClient own(server.port);
      for (int k = 0; k < 20; ++k) {
        auto result = own.Get("/api/v1/tickets?q=problem&limit=200", Token("agent"));
        if (result.status == 200) ++ok;
        else if (result.status == 429 && result.Header("retry-after") == "1") ++retry;
        else ++other;
      }
    });
  }
  HttpClient reader(server.port);
  for (int k = 0; k < 50; ++k) {
    EXPECT_EQ(reader.Get("/api/v1/tickets/" + std::to_string(server.world.ticket_a1.value), Token("req_a1")).status, 200);
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(ok.load() + retry.load(), 240);
}


TEST(AttackBudget, ASearchPastItsReadBudgetIsInterruptedWithADocumentedProblem) {
  TestServer server(1024 * 1024, std::chrono::milliseconds(0));  // every search is past its deadline
  HttpClient client(server.port);
  for (int i = 0; i < 40; ++i) {
    auto created = client.PostJson("/api/v1/tickets", R"({"service":"azure","category":"technical","severity":"minimal","subject":"Another problem","description":"The problem again"})",
                                   server.world["req_a1"].token);
    ASSERT_EQ(created.status, 201) << created.body;
  }
  auto result = client.Get("/api/v1/tickets?q=problem&limit=200", server.world["agent"].token);
  EXPECT_EQ(result.status, 422) << result.body;
  EXPECT_NE(result.body.find("/problems/query-too-expensive"), std::string::npos) << result.body;
  // Reads without a search are not affected, and the connection goes on serving.
  EXPECT_EQ(client.Get("/api/v1/tickets", server.world["agent"].token).status, 200);
  EXPECT_EQ(client.Get("/healthz").status, 200);
}


TEST(AttackConnections, OneAddressGetsNoMoreThanItsShareOfConnections) {
  TestServer server;
  adapters::http::ServerOptions options;
  options.port = 0;
  options.access_log = false;
  options.max_connections_per_address = 3;
  options.max_connections = 5;
  adapters::http::Server capped(*server.api, options);
  const auto port = capped.Start();
  ASSERT_TRUE(port);
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) held.push_back(OpenSocket(*port, "127.0.0.1", 5));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the server has accepted them
  // The fourth from the same address is answered at once and closed.
  const int fourth = OpenSocket(*port, "127.0.0.1", 5);
  ASSERT_GE(fourth, 0);
  std::string answer(1024, '\0');
  const auto n = recv(fourth, answer.data(), answer.size(), 0);
  ASSERT_GT(n, 0);
  answer.resize(static_cast<std::size_t>(n));
  EXPECT_EQ(answer.rfind("HTTP/1.1 429", 0), 0u) << answer;
  EXPECT_NE(answer.find("/problems/too-many-connections"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Retry-After: 1"), std::string::npos) << answer;
  close(fourth);
  // Once one closes, the address may connect again and is served.
  close(held.back());
  held.pop_back();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  HttpClient client(*port);
  EXPECT_EQ(client.Get("/healthz").status, 200);
  for (const int fd : held) close(fd);
  capped.Stop(std::chrono::seconds(2));
}


TEST(AttackConnections, ConnectionsAreCountedByNetworkAndNotForATrustedProxy) {
  TestApp app;
  adapters::http::ApiOptions options;
  options.trusted_proxies = *adapters::http::TrustedProxies::Parse("10.0.0.1, fd00::/8");
  adapters::http::Api api(app.Context(), options);
  // One IPv6 /64 is one client, whatever its interface ids.
  EXPECT_EQ(api.ConnectionKey("2001:db8:1:2::1"), api.ConnectionKey("2001:db8:1:2:ffff::9"));
  EXPECT_NE(api.ConnectionKey("2001:db8:1:2::1"), api.ConnectionKey("2001:db8:1:3::1"));
  EXPECT_EQ(api.ConnectionKey("203.0.113.7"), "203.0.113.7");
  // A trusted proxy carries many clients: the total limit applies to it, not the per-address one.
  EXPECT_EQ(api.ConnectionKey("10.0.0.1"), "");
  EXPECT_EQ(api.ConnectionKey("fd00::5"), "");
}

}  // namespace
}  // namespace tierdesk::testing
