// tests/support/world.hpp
#pragma once

#include <boost/json/array.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "adapters/blob/fs_blob_store.hpp"
#include "adapters/crypto/sodium.hpp"
#include "adapters/tz/zone_loader.hpp"
#include "adapters/http/api.hpp"
#include "adapters/http/server.hpp"
#include "support/http_client.hpp"
#include "app/context.hpp"

namespace tierdesk::testing {

// A fresh directory under $TMPDIR, removed with everything in it on destruction.
struct TempDir {
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path;
};

// The system's time, which a test can move forward (SLA clocks need time to pass).
class TestClock final : public Clock {
 public:
  Timestamp Now() const override {
    return SystemClock().Now() + std::chrono::milliseconds(offset_ms_.load());
  }
  void Advance(std::chrono::milliseconds by) { offset_ms_ += by.count(); }

 private:
  std::atomic<std::int64_t> offset_ms_{0};
};

// The real adapters (SQLite, libsodium at minimum cost, files) in a temporary directory.
class TestApp {
 public:
  TestApp();
  // Closes the database and opens it again, as a restart would.
  void Reopen();
  std::chrono::milliseconds search_budget{1000};  // takes effect at the next Reopen
  app::AppContext Context() {
    return app::AppContext{*store, clock, passwords, tokens, *blobs, limits, zones, calendars, digest, terms, rules, connectors};
  }

  TempDir dir;
  std::unique_ptr<core::Store> store;
  TestClock clock;
  adapters::crypto::SodiumPasswordHasher passwords{adapters::crypto::HashCost::kMinimum};
  adapters::crypto::SodiumTokenMinter tokens;
  std::unique_ptr<adapters::blob::FsBlobStore> blobs;
  app::Limits limits;
  adapters::tz::TzZoneDatabase zones;
  app::calendar::CalendarCache calendars;
  adapters::crypto::SodiumDigester digest;
  app::offering::TermsCache terms;
  app::routing::RuleCache rules;
  // Every connector counts as configured: tests that sync pass their own connectors. A test that
  // wants one off fills in what it lacks before its requests.
  core::ConnectorSetup connectors;
};

struct Member {
  core::User user;
  core::Actor actor;
  std::string token;
  std::string password;  // what the member signs in with
};

// Every kind of tenant, every role, and tickets whose subjects carry unique marker words, so a
// test can search any response body for another tenant's data.
struct World {
  core::Organization partner, reseller, provider, customer_a, customer_b, customer_c;
  core::Organization reseller2, provider2, customer_d;  // a second reseller (with customer D) and provider
  std::map<std::string, Member> members;  // see kMemberNames
  // routed: B's ticket with the provider; routed2: A's (opened by admin_a) with provider2.
  TicketId ticket_a1, ticket_a2, ticket_b1, ticket_c1, ticket_routed, ticket_d1, ticket_routed2;
  AttachmentId attachment_a1, attachment_a1_internal, attachment_b1;
  std::map<std::int64_t, std::string> subject_marker;  // ticket id -> marker word in its subject
  std::string internal_marker = "zsecretnote";         // only in internal notes and attachments
  std::string shared_marker = "zsharednote";           // only in a note shared with the provider (routed)

  const Member& operator[](const std::string& name) const { return members.at(name); }
};

// admin, supervisor, agent, billing (partner); reseller, reseller2 (reseller agents); provider,
// provider2 (provider agents); admin_a, req_a1, req_a2 (customer A); admin_b, req_b1 (customer B);
// req_c1 (customer C, under the reseller); req_d1 (customer D, under reseller2).
extern const std::vector<std::string> kMemberNames;

World BuildWorld(TestApp& app);

// The routes of the web faces' pages and the static files of the built front end
// (handlers/web_pages.cpp): what a browser loads, not API operations (docs/api.md, "The web faces").
inline const std::set<std::string> kWebFaceRoutes = {
    "GET /",
    "GET /signin",
    "GET /reset",
    "GET /account/{rest...}",
    "GET /portal/{rest...}",
    "GET /console/{rest...}",
    "GET /assets/{rest...}",
    "GET /favicon.ico",
};

// A built web front end in miniature, for ApiOptions::web_root: signin.html, portal.html and
// console.html (each a tiny page naming itself: kSigninPage, ...), assets/x.js (kAssetScript) with
// its precompressed sibling assets/x.js.gz (kAssetScriptGzip, a real gzip of it), and
// assets/site.css (kAssetStyle) without one.
struct TestWebRoot {
  TestWebRoot();
  TempDir dir;
  static const std::string kSigninPage, kPortalPage, kConsolePage, kAssetScript, kAssetScriptGzip, kAssetStyle;
};

// TestApp + World + the real HTTP server on 127.0.0.1, port 0.
class TestServer {
 public:
  explicit TestServer(std::int64_t attachment_max_bytes = 1024 * 1024,
                      std::chrono::milliseconds search_budget = std::chrono::milliseconds(1000));
  // With these API options (a web root, secure cookies, trusted proxies).
  explicit TestServer(const adapters::http::ApiOptions& api_options);
  ~TestServer();
  std::uint16_t port = 0;
  TestApp app;
  World world;
  std::unique_ptr<adapters::http::Api> api;
  std::unique_ptr<adapters::http::Server> server;

 private:
  void Start(const adapters::http::ApiOptions& api_options);
};

// The billing period ("YYYY-MM") an instant falls in: its month in the partner's time zone, as
// the server decides periods (the test world's partner is in Asia/Seoul, not UTC).
std::string PartnerMonth(const TestServer& server, Timestamp at);

// A response body as JSON; a body that is not JSON fails the test (and gives null).
boost::json::value Parse(const HttpResult& result);

// GET target as a member; expects 200 and returns the body as a JSON object (empty on failure).
boost::json::object GetObject(HttpClient& client, const std::string& target, const std::string& token);

// The "items" array of a list response, by value (a reference into a temporary would dangle).
boost::json::array Items(const std::string& body);

// Shortcuts for JSON in tests.
std::string Json(std::initializer_list<std::pair<std::string, std::string>> raw_fields);

}  // namespace tierdesk::testing
