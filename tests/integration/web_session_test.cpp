// Browser sessions and the web faces, over real HTTP against the real server (docs/security.md,
// "Sessions"): the cookies a browser signs in with and their flags, the CSRF check on every
// request that changes something, sign-out and expiry, the pages and their Content-Security-
// Policy, the built assets, the live event stream and the scope preview the portal asks before a
// ticket is sent.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adapters/http/client_address.hpp"
#include "app/setup/setup.hpp"
#include "app/ticket/ticket.hpp"
#include "core/user/user.hpp"
#include "support/http_client.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

// The policy of every page of the web faces, word for word (security_headers.hpp).
constexpr char kWebPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
constexpr std::int64_t kSessionSeconds = 12 * 3600;

// One Set-Cookie header, taken apart: the cookie, and its attributes by lower-case name (a flag
// such as HttpOnly has the value "").
struct SetCookie {
  std::string name;
  std::string value;
  std::map<std::string, std::string> attributes;
  bool Has(const std::string& attribute) const { return attributes.count(attribute) > 0; }
  std::string At(const std::string& attribute) const {
    const auto found = attributes.find(attribute);
    return found == attributes.end() ? std::string() : found->second;
  }
};

std::string Trim(std::string text) {
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

SetCookie ParseSetCookie(const std::string& header) {
  SetCookie cookie;
  std::size_t start = 0;
  bool first = true;
  while (start <= header.size()) {
    auto end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    const std::string part = Trim(header.substr(start, end - start));
    const auto equals = part.find('=');
    std::string name = part.substr(0, equals);
    const std::string value = equals == std::string::npos ? std::string() : part.substr(equals + 1);
    if (first) {
      cookie.name = name;
      cookie.value = value;
      first = false;
    } else if (!name.empty()) {
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      cookie.attributes[name] = value;
    }
    start = end + 1;
  }
  return cookie;
}

// The answer's Set-Cookie for `name`; fails the test when there is none or more than one.
SetCookie CookieOf(const HttpResult& result, const std::string& name) {
  std::vector<SetCookie> found;
  for (const auto& header : result.set_cookies) {
    auto cookie = ParseSetCookie(header);
    if (cookie.name == name) found.push_back(cookie);
  }
  EXPECT_EQ(found.size(), 1u) << "Set-Cookie " << name << " in " << ::testing::PrintToString(result.set_cookies);
  return found.empty() ? SetCookie{} : found.front();
}

// A signed-in browser: its two cookies, sent back as a browser would.
struct Browser {
  std::string session;
  std::string csrf;
  HttpResult answer;  // the sign-in's

  std::string Cookie() const { return "tierdesk_session=" + session + "; tierdesk_csrf=" + csrf; }
  // The headers of a request from the browser's page: the cookies, JSON, and X-CSRF-Token as the
  // page's script adds it on unsafe requests (`csrf`: the value sent; nullopt: no header at all).
  std::map<std::string, std::string> Headers(std::optional<std::string> csrf_header) const {
    std::map<std::string, std::string> headers{{"Cookie", Cookie()}, {"Content-Type", "application/json"}};
    if (csrf_header) headers["X-CSRF-Token"] = *csrf_header;
    return headers;
  }
  std::map<std::string, std::string> Headers() const { return Headers(csrf); }
};

HttpResult CookieSignIn(HttpClient& client, const std::string& email, const std::string& password,
                        std::map<std::string, std::string> headers = {}) {
  return client.PostJson("/api/v1/auth/login",
                         json::serialize(json::object{{"email", email}, {"password", password}, {"session", "cookie"}}),
                         "", std::move(headers));
}

Browser SignIn(HttpClient& client, const Member& member, std::map<std::string, std::string> headers = {}) {
  Browser browser;
  browser.answer = CookieSignIn(client, member.user.email, member.password, std::move(headers));
  EXPECT_EQ(browser.answer.status, 200) << member.user.email << ": " << browser.answer.body;
  for (const auto& header : browser.answer.set_cookies) {
    const auto cookie = ParseSetCookie(header);
    if (cookie.name == "tierdesk_session") browser.session = cookie.value;
    if (cookie.name == "tierdesk_csrf") browser.csrf = cookie.value;
  }
  EXPECT_FALSE(browser.session.empty());
  EXPECT_FALSE(browser.csrf.empty());
  return browser;
}

HttpResult GetAs(HttpClient& client, const std::string& target, const Browser& browser,
                 std::map<std::string, std::string> headers = {}) {
  headers["Cookie"] = browser.Cookie();
  return client.Send("GET", target, {}, headers);
}

std::string ProblemType(const HttpResult& result) {
  std::error_code ec;
  const auto value = json::parse(result.body, ec);
  if (ec || !value.is_object() || !value.as_object().contains("type")) return {};
  return std::string(value.at("type").as_string());
}

// The test world, its server serving a miniature web front end (TestWebRoot), and a client.
struct WebServer {
  explicit WebServer(adapters::http::ApiOptions options = {}, bool with_web_root = true) {
    if (with_web_root) options.web_root = web.dir.path;
    server = std::make_unique<TestServer>(options);
    client = std::make_unique<HttpClient>(server->port);
  }
  const World& w() const { return server->world; }
  HttpClient& c() { return *client; }

  TestWebRoot web;
  std::unique_ptr<TestServer> server;
  std::unique_ptr<HttpClient> client;
};

adapters::http::TrustedProxies Proxies(const std::string& list) {
  auto parsed = adapters::http::TrustedProxies::Parse(list);
  EXPECT_TRUE(parsed);
  return parsed.value_or(adapters::http::TrustedProxies{});
}

std::int64_t IdOf(const HttpResult& result) {
  std::error_code ec;
  const auto value = json::parse(result.body, ec);
  if (ec || !value.is_object() || !value.as_object().contains("id")) return 0;
  return value.at("id").as_int64();
}

// ---- Cookies -----------------------------------------------------------------------------------

TEST(WebSession, CookieSignInSetsStrictHttpOnlyCookiesAndAnswersNoBearerToken) {
  WebServer s;
  const auto& member = s.w()["req_a1"];
  const auto browser = SignIn(s.c(), member);
  const auto& answer = browser.answer;

  // The body: the CSRF token and the user, never the session token.
  const auto body = Parse(answer).as_object();
  EXPECT_FALSE(body.contains("token")) << answer.body;
  EXPECT_FALSE(body.contains("token_type")) << answer.body;
  EXPECT_EQ(answer.body.find(browser.session), std::string::npos) << "the session token is in the body";
  ASSERT_TRUE(body.contains("csrf_token"));
  EXPECT_EQ(body.at("csrf_token").as_string(), browser.csrf);
  EXPECT_NE(browser.csrf, browser.session);
  EXPECT_EQ(body.at("user").at("email").as_string(), member.user.email);
  EXPECT_TRUE(body.contains("expires_at"));
  EXPECT_EQ(answer.Header("cache-control"), "no-store");

  // tierdesk_session: HttpOnly, SameSite=Strict, Path=/, Max-Age the session's 12 hours; not
  // Secure on a server that is not told it is reached over https.
  const auto session = CookieOf(answer, "tierdesk_session");
  EXPECT_TRUE(session.Has("httponly"));
  EXPECT_EQ(session.At("samesite"), "Strict");
  EXPECT_EQ(session.At("path"), "/");
  const auto max_age = std::atoll(session.At("max-age").c_str());
  EXPECT_LE(max_age, kSessionSeconds);
  EXPECT_GE(max_age, kSessionSeconds - 60);
  EXPECT_FALSE(session.Has("secure"));
  EXPECT_FALSE(session.Has("domain")) << "a Domain attribute would share the cookie with subdomains";
  // tierdesk_csrf: the same, but readable by the page's script.
  const auto csrf = CookieOf(answer, "tierdesk_csrf");
  EXPECT_FALSE(csrf.Has("httponly"));
  EXPECT_EQ(csrf.At("samesite"), "Strict");
  EXPECT_EQ(csrf.At("path"), "/");
  EXPECT_EQ(csrf.At("max-age"), session.At("max-age"));
  EXPECT_FALSE(csrf.Has("secure"));
  EXPECT_FALSE(csrf.Has("domain"));
  // The sign-in's device cookie is set as before.
  EXPECT_EQ(CookieOf(answer, "tierdesk_device").At("path"), "/api/v1/auth");

  // The cookie alone signs the browser in.
  auto me = GetAs(s.c(), "/api/v1/me", browser);
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(Parse(me).at("email").as_string(), member.user.email);
  // The session token cannot be read from any answer a page's script gets.
  EXPECT_EQ(me.body.find(browser.session), std::string::npos);

  // Programs keep bearer tokens; anything else is refused, naming the field.
  auto bearer = s.c().PostJson("/api/v1/auth/login",
                               R"({"email":")" + member.user.email + R"(","password":")" + member.password +
                                   R"(","session":"bearer"})");
  EXPECT_EQ(bearer.status, 200);
  EXPECT_TRUE(Parse(bearer).as_object().contains("token"));
  for (const auto& header : bearer.set_cookies) {
    EXPECT_NE(ParseSetCookie(header).name, "tierdesk_session") << "a bearer sign-in sets no session cookie";
  }
  auto other = s.c().PostJson("/api/v1/auth/login",
                              R"({"email":")" + member.user.email + R"(","password":")" + member.password +
                                  R"(","session":"jwt"})");
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_NE(other.body.find("session"), std::string::npos);
  // A wrong password by a browser: 401, and no cookie.
  auto wrong = CookieSignIn(s.c(), member.user.email, "not-the-password-123");
  EXPECT_EQ(wrong.status, 401);
  for (const auto& header : wrong.set_cookies) {
    EXPECT_NE(ParseSetCookie(header).name, "tierdesk_session");
  }
}

TEST(WebSession, CookiesAreSecureOnlyWhenConfiguredOrATrustedProxySaysHttps) {
  const auto secure_flags = [](const HttpResult& answer) {
    return std::make_pair(CookieOf(answer, "tierdesk_session").Has("secure"),
                          CookieOf(answer, "tierdesk_csrf").Has("secure"));
  };
  const std::pair<bool, bool> both{true, true}, neither{false, false};
  {
    // Not configured, no trusted proxy: a client's own X-Forwarded-Proto changes nothing.
    WebServer s;
    const auto& m = s.w()["agent"];
    EXPECT_EQ(secure_flags(SignIn(s.c(), m).answer), neither);
    EXPECT_EQ(secure_flags(SignIn(s.c(), m, {{"X-Forwarded-Proto", "https"}}).answer), neither);
  }
  {
    // secure_cookies: always Secure, also when the cookies are cleared.
    adapters::http::ApiOptions options;
    options.secure_cookies = true;
    WebServer s(options);
    const auto& m = s.w()["agent"];
    const auto browser = SignIn(s.c(), m);
    EXPECT_EQ(secure_flags(browser.answer), both);
    auto logout = s.c().Send("POST", "/api/v1/auth/logout", "{}", browser.Headers());
    EXPECT_EQ(logout.status, 200) << logout.body;
    EXPECT_EQ(secure_flags(logout), both);
  }
  {
    // The test's loopback peer is a trusted proxy: its X-Forwarded-Proto decides, per request.
    adapters::http::ApiOptions options;
    options.trusted_proxies = Proxies("127.0.0.1");
    WebServer s(options);
    const auto& m = s.w()["agent"];
    EXPECT_EQ(secure_flags(SignIn(s.c(), m, {{"X-Forwarded-Proto", "https"}}).answer), both);
    EXPECT_EQ(secure_flags(SignIn(s.c(), m, {{"X-Forwarded-Proto", "http"}}).answer), neither);
    EXPECT_EQ(secure_flags(SignIn(s.c(), m).answer), neither);
  }
  {
    // A trusted proxy elsewhere: the peer is not it, so its header is the client's word.
    adapters::http::ApiOptions options;
    options.trusted_proxies = Proxies("10.0.0.0/8");
    WebServer s(options);
    EXPECT_EQ(secure_flags(SignIn(s.c(), s.w()["agent"], {{"X-Forwarded-Proto", "https"}}).answer), neither);
  }
}

// ---- CSRF --------------------------------------------------------------------------------------

TEST(WebSession, UnsafeRequestsByCookieWithoutTheRightCsrfTokenAreRefusedAndChangeNothing) {
  WebServer s;
  auto& c = s.c();
  const auto& w = s.w();
  const auto customer = SignIn(c, w["req_a1"]);
  const auto other_session = SignIn(c, w["req_a1"]);  // the same user's second browser
  const auto admin = SignIn(c, w["admin"]);
  const std::string a1 = std::to_string(w.ticket_a1.value);
  const auto& admin_token = w["admin"].token;

  const auto calendar = IdOf(c.PostJson(
      "/api/v1/calendars",
      R"({"name":"Office","time_zone":"Asia/Seoul","intervals":[{"day":"mon","start":"09:00","end":"18:00"}]})",
      admin_token));
  ASSERT_NE(calendar, 0);
  const std::string calendar_url = "/api/v1/calendars/" + std::to_string(calendar);
  std::int64_t admin_token_id = 0;
  for (const auto& token : Items(c.Get("/api/v1/auth/tokens", admin_token).body)) {
    if (token.at("current").as_bool()) admin_token_id = token.at("id").as_int64();
  }
  ASSERT_NE(admin_token_id, 0);

  // What each request would change, read back with a bearer token.
  const auto ticket_count = [&] { return Items(c.Get("/api/v1/tickets", w["req_a1"].token).body).size(); };
  const auto message_count = [&] {
    return Items(c.Get("/api/v1/tickets/" + a1 + "/messages", admin_token).body).size();
  };
  const auto attachment_count = [&] {
    return Items(c.Get("/api/v1/tickets/" + a1 + "/attachments", admin_token).body).size();
  };
  const auto ticket_state = [&] { return c.Get("/api/v1/tickets/" + a1, admin_token).body; };
  const auto calendar_state = [&] { return c.Get(calendar_url, admin_token).body; };
  const auto state = [&] {
    return std::make_tuple(ticket_count(), message_count(), attachment_count(), ticket_state(), calendar_state(),
                           c.Get("/api/v1/me", admin_token).status, GetAs(c, "/api/v1/me", customer).status);
  };
  const auto before = state();
  ASSERT_EQ(std::get<5>(before), 200);
  ASSERT_EQ(std::get<6>(before), 200);

  struct Unsafe {
    std::string what;
    const Browser* browser;
    std::string method, target, body, content_type;
  };
  const std::vector<Unsafe> requests = {
      {"open a ticket", &customer, "POST", "/api/v1/tickets",
       R"({"service":"azure","category":"technical","severity":"minimal","subject":"zcsrfprobe","description":"x"})",
       "application/json"},
      {"reply", &customer, "POST", "/api/v1/tickets/" + a1 + "/messages", R"({"body":"zcsrfprobe"})",
       "application/json"},
      {"upload", &customer, "POST", "/api/v1/tickets/" + a1 + "/attachments?filename=x.txt", "zcsrfprobe",
       "text/plain"},
      {"change a ticket", &admin, "PATCH", "/api/v1/tickets/" + a1, R"({"subject":"zcsrfprobe"})",
       "application/merge-patch+json"},
      {"replace a calendar", &admin, "PUT", calendar_url,
       R"({"name":"zcsrfprobe","time_zone":"Asia/Seoul","always_open":true})", "application/json"},
      {"revoke a token", &admin, "DELETE", "/api/v1/auth/tokens/" + std::to_string(admin_token_id), "", ""},
      {"sign out", &customer, "POST", "/api/v1/auth/logout", "{}", "application/json"},
  };
  for (const auto& request : requests) {
    // No header, an empty one, a made-up one, the other session's (valid for that session only),
    // the session token itself, and the right one in other letters.
    std::string upper = request.browser->csrf;
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const std::vector<std::optional<std::string>> wrong = {
        std::nullopt, std::string(), std::string(64, '0'), other_session.csrf, request.browser->session, upper};
    for (const auto& header : wrong) {
      if (header && *header == request.browser->csrf) continue;  // (a token of digits only)
      auto headers = request.browser->Headers(header);
      if (request.content_type.empty()) {
        headers.erase("Content-Type");
      } else {
        headers["Content-Type"] = request.content_type;
      }
      headers["If-Match"] = "\"v1\"";
      auto answer = c.Send(request.method, request.target, request.body, headers);
      SCOPED_TRACE(request.what + " with X-CSRF-Token " + (header ? "'" + *header + "'" : "missing"));
      EXPECT_EQ(answer.status, 403) << answer.body;
      EXPECT_EQ(answer.Header("content-type"), "application/problem+json");
      EXPECT_EQ(ProblemType(answer), "/problems/csrf");
    }
  }
  // A cross-site form cannot set the header, and a cookie named like it is not it.
  auto cookie_only = c.Send("POST", "/api/v1/tickets/" + a1 + "/messages", R"({"body":"zcsrfprobe"})",
                            {{"Cookie", customer.Cookie() + "; X-CSRF-Token=" + customer.csrf},
                             {"Content-Type", "application/json"}});
  EXPECT_EQ(cookie_only.status, 403);
  EXPECT_EQ(state(), before) << "a refused request changed something";

  // Reads need no token; the right token lets the change through.
  EXPECT_EQ(GetAs(c, "/api/v1/tickets/" + a1, customer).status, 200);
  auto reply = c.Send("POST", "/api/v1/tickets/" + a1 + "/messages", R"({"body":"with the token"})",
                      customer.Headers());
  EXPECT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(message_count(), std::get<1>(before) + 1);
  auto renamed = c.Send("PUT", calendar_url, R"({"name":"Renamed","time_zone":"Asia/Seoul","always_open":true})",
                        admin.Headers());
  EXPECT_EQ(renamed.status, 200) << renamed.body;
  auto logout = c.Send("POST", "/api/v1/auth/logout", "{}", customer.Headers());
  EXPECT_EQ(logout.status, 200) << logout.body;
  EXPECT_EQ(GetAs(c, "/api/v1/me", customer).status, 401);
  EXPECT_EQ(GetAs(c, "/api/v1/me", other_session).status, 200) << "only the session signed out ends";
}

TEST(WebSession, BearerRequestsNeedNoCsrfTokenAndNeverFallBackToTheCookie) {
  WebServer s;
  auto& c = s.c();
  const auto& w = s.w();
  const std::string messages = "/api/v1/tickets/" + std::to_string(w.ticket_a1.value) + "/messages";
  const auto browser = SignIn(c, w["req_a1"]);

  EXPECT_EQ(c.PostJson(messages, R"({"body":"by a program"})", w["req_a1"].token).status, 201);
  // A bearer token and a cookie: the bearer token is the credential, so no CSRF token is needed.
  auto both = c.Send("POST", messages, R"({"body":"program in a browser"})",
                     {{"Authorization", "Bearer " + w["req_a1"].token}, {"Cookie", browser.Cookie()},
                      {"Content-Type", "application/json"}});
  EXPECT_EQ(both.status, 201) << both.body;
  // A wrong bearer token is refused even beside a valid cookie (and with the right CSRF token):
  // an Authorization header is never exchanged for the cookie.
  for (const std::string& authorization : {std::string("Bearer tdk_wrong"), std::string("Basic YTpi")}) {
    auto refused = c.Send("POST", messages, R"({"body":"x"})",
                          {{"Authorization", authorization}, {"Cookie", browser.Cookie()},
                           {"X-CSRF-Token", browser.csrf}, {"Content-Type", "application/json"}});
    EXPECT_EQ(refused.status, 401) << authorization;
    auto read = c.Send("GET", "/api/v1/me", {}, {{"Authorization", authorization}, {"Cookie", browser.Cookie()}});
    EXPECT_EQ(read.status, 401) << authorization;
  }
  // The CSRF token is no credential on its own.
  auto csrf_only = c.Send("GET", "/api/v1/me", {},
                          {{"Cookie", "tierdesk_csrf=" + browser.csrf}, {"X-CSRF-Token", browser.csrf}});
  EXPECT_EQ(csrf_only.status, 401);
}

// ---- Signing out and expiry --------------------------------------------------------------------

TEST(WebSession, LogoutClearsTheCookiesAndTheCookieStopsWorking) {
  WebServer s;
  auto& c = s.c();
  const auto browser = SignIn(c, s.w()["agent"]);
  EXPECT_EQ(GetAs(c, "/console", browser).status, 200);

  auto logout = c.Send("POST", "/api/v1/auth/logout", "{}", browser.Headers());
  ASSERT_EQ(logout.status, 200) << logout.body;
  EXPECT_EQ(Parse(logout).at("kind").as_string(), "session");
  for (const char* name : {"tierdesk_session", "tierdesk_csrf"}) {
    const auto cleared = CookieOf(logout, name);
    EXPECT_EQ(cleared.value, "") << name;
    EXPECT_EQ(cleared.At("max-age"), "0") << name;
    EXPECT_EQ(cleared.At("path"), "/") << name;
    EXPECT_EQ(cleared.At("samesite"), "Strict") << name;
  }
  EXPECT_TRUE(CookieOf(logout, "tierdesk_session").Has("httponly"));

  // A browser that kept the old cookie anyway is signed out.
  auto me = GetAs(c, "/api/v1/me", browser);
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(ProblemType(me), "/problems/unauthenticated");
  auto page = GetAs(c, "/console/tickets", browser);
  EXPECT_EQ(page.status, 302);
  EXPECT_EQ(page.Header("location"), "/signin?next=/console/tickets");
  EXPECT_EQ(c.Send("POST", "/api/v1/auth/logout", "{}", browser.Headers()).status, 401);

  // A bearer logout clears no cookie (it has none).
  auto bearer = c.PostJson("/api/v1/auth/logout", "{}", s.w()["req_b1"].token);
  EXPECT_EQ(bearer.status, 200);
  EXPECT_TRUE(bearer.set_cookies.empty()) << ::testing::PrintToString(bearer.set_cookies);
}

TEST(WebSession, ExpiredOrRevokedSessionCookiesAre401OnTheApiAndSignInOnPages) {
  WebServer s;
  auto& c = s.c();
  const auto& w = s.w();
  const auto refused = [&](const Browser& browser, const std::string& why) {
    auto me = GetAs(c, "/api/v1/me", browser);
    EXPECT_EQ(me.status, 401) << why;
    EXPECT_EQ(me.Header("content-type"), "application/problem+json") << why;
    auto portal = GetAs(c, "/portal/tickets/3?tab=files", browser);
    EXPECT_EQ(portal.status, 302) << why;
    EXPECT_EQ(portal.Header("location"), "/signin?next=/portal/tickets/3%3Ftab%3Dfiles") << why;
    EXPECT_EQ(portal.body.find("td-page-portal"), std::string::npos) << why;
    auto home = GetAs(c, "/", browser);
    EXPECT_EQ(home.Header("location"), "/signin") << why;
    SseStream stream(s.server->port, "/api/v1/stream", {{"Cookie", browser.Cookie()}});
    EXPECT_EQ(stream.head().status, 401) << why;
  };

  // Revoked by its owner from another client (the session is one of the user's tokens).
  const auto revoked = SignIn(c, w["req_a1"]);
  EXPECT_EQ(GetAs(c, "/portal", revoked).status, 200);
  std::int64_t session_id = 0;
  for (const auto& token : Items(c.Get("/api/v1/auth/tokens", w["req_a1"].token).body)) {
    if (token.at("kind") == "session" && token.at("revoked_at").is_null()) session_id = token.at("id").as_int64();
  }
  ASSERT_NE(session_id, 0);
  auto revoke = c.Send("DELETE", "/api/v1/auth/tokens/" + std::to_string(session_id), {},
                       {{"Authorization", "Bearer " + w["req_a1"].token}});
  EXPECT_EQ(revoke.status, 204) << revoke.body;
  refused(revoked, "revoked");

  // Ended by deactivating the user.
  const auto deactivated = SignIn(c, w["req_a2"]);
  EXPECT_EQ(c.PatchJson("/api/v1/users/" + std::to_string(w["req_a2"].user.id.value), R"({"active":false})",
                        w["admin"].token)
                .status,
            200);
  refused(deactivated, "deactivated");

  // Expired: twelve hours later.
  const auto expired = SignIn(c, w["req_b1"]);
  EXPECT_EQ(GetAs(c, "/api/v1/me", expired).status, 200);
  s.server->app.clock.Advance(std::chrono::hours(12) + std::chrono::minutes(1));
  refused(expired, "expired");
}

// ---- Pages -------------------------------------------------------------------------------------

TEST(WebSession, EveryHtmlPageCarriesTheWebPolicyAndOtherAnswersKeepTheirOwn) {
  WebServer s;
  auto& c = s.c();
  const auto& w = s.w();
  const auto customer = SignIn(c, w["req_a1"]);
  const auto agent = SignIn(c, w["agent"]);
  struct Page {
    std::string target;
    const Browser* browser;
    std::string body;
  };
  const std::vector<Page> pages = {
      {"/signin", nullptr, TestWebRoot::kSigninPage},
      {"/signin?next=/console", nullptr, TestWebRoot::kSigninPage},
      {"/reset", nullptr, TestWebRoot::kSigninPage},
      {"/account", nullptr, TestWebRoot::kSigninPage},
      {"/account/reset/tdr_x", nullptr, TestWebRoot::kSigninPage},
      {"/signin", &customer, TestWebRoot::kSigninPage},
      {"/portal", &customer, TestWebRoot::kPortalPage},
      {"/portal/", &customer, TestWebRoot::kPortalPage},
      {"/portal/tickets/12?tab=files", &customer, TestWebRoot::kPortalPage},
      {"/console", &agent, TestWebRoot::kConsolePage},
      {"/console/queue/mine", &agent, TestWebRoot::kConsolePage},
  };
  for (const auto& page : pages) {
    auto answer = page.browser ? GetAs(c, page.target, *page.browser) : c.Get(page.target);
    SCOPED_TRACE(page.target);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.body, page.body);
    EXPECT_EQ(answer.Header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(answer.Header("content-security-policy"), kWebPolicy);
    EXPECT_EQ(answer.Header("x-frame-options"), "DENY");
    EXPECT_EQ(answer.Header("referrer-policy"), "no-referrer");
    EXPECT_EQ(answer.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(answer.Header("cache-control"), "no-store");
    EXPECT_TRUE(answer.set_cookies.empty()) << "a page sets no cookie";
    // HEAD answers the same head.
    auto head = page.browser ? c.Send("HEAD", page.target, {}, {{"Cookie", page.browser->Cookie()}})
                             : c.Send("HEAD", page.target);
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.Header("content-security-policy"), kWebPolicy);
  }

  // The printable statements keep their own policy: no script at all, their one inline
  // stylesheet by hash. The support statement works with the cookie.
  const std::string a = std::to_string(w.customer_a.id.value);
  for (const auto& answer : {GetAs(c, "/support/" + a, customer), c.Get("/support/" + a, w["agent"].token),
                             c.Get("/api/v1/billing/periods/2026-10/statements/" + a + "?format=html",
                                   w["admin"].token)}) {
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.Header("content-type").rfind("text/html", 0), 0u);
    const auto policy = answer.Header("content-security-policy");
    EXPECT_EQ(policy.rfind("default-src 'none'; style-src 'sha256-", 0), 0u) << policy;
    EXPECT_EQ(policy.find("script-src"), std::string::npos) << policy;
    EXPECT_EQ(answer.Header("x-frame-options"), "DENY");
  }

  // Problems, redirects, assets and the API are not HTML: no page policy, and never an HTML body.
  for (const auto& answer : {c.Get("/assets/missing.js"), c.Get("/api/v1/me"), c.Get("/portal/x"),
                             GetAs(c, "/console", customer), c.Get("/no/such/page")}) {
    EXPECT_EQ(answer.Header("content-type").find("text/html"), std::string::npos) << answer.status;
    EXPECT_TRUE(answer.Header("content-security-policy").empty()) << answer.status;
  }
  auto missing = c.Get("/assets/missing.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Header("content-type"), "application/problem+json");
}

TEST(WebSession, PagesSendTheSignedOutToSignInAndEachSideToItsOwnFace) {
  WebServer s;
  auto& c = s.c();
  const auto& w = s.w();
  const auto redirect = [&](const HttpResult& answer, const std::string& location, const std::string& what) {
    EXPECT_EQ(answer.status, 302) << what << ": " << answer.body;
    EXPECT_EQ(answer.Header("location"), location) << what;
    for (const auto* page : {&TestWebRoot::kPortalPage, &TestWebRoot::kConsolePage}) {
      EXPECT_EQ(answer.body.find(*page), std::string::npos) << what << " sent a page with its redirect";
    }
  };
  // Signed out: the sign-in page, coming back to where the browser was.
  redirect(c.Get("/"), "/signin", "/");
  redirect(c.Get("/portal"), "/signin?next=/portal", "/portal");
  redirect(c.Get("/console/tickets/7?sort=-created&q=a%20b"),
           "/signin?next=/console/tickets/7%3Fsort%3D-created%26q%3Da%2520b", "/console with a query");
  redirect(c.Get("/portal/%3Cscript%3E"), "/signin?next=/portal/%253Cscript%253E", "an encoded path stays encoded");
  // The printable statement: a browser signs in and comes back; a program gets the API's 401.
  const std::string statement = "/support/" + std::to_string(w.customer_a.id.value);
  redirect(c.Send("GET", statement, {}, {{"Accept", "text/html,application/xhtml+xml"}}),
           "/signin?next=" + statement, "the printable statement in a browser");
  EXPECT_EQ(c.Get(statement).status, 401);
  EXPECT_EQ(c.Get(statement, "tdk_forged").status, 401);
  // A credential that does not sign in is as good as none.
  redirect(c.Send("GET", "/console", {}, {{"Cookie", "tierdesk_session=tdk_forged"}}), "/signin?next=/console",
           "a forged cookie");
  redirect(c.Get("/console", "tdk_forged"), "/signin?next=/console", "a forged bearer token");

  // Signed in: each side to its own face, never the other's code.
  for (const auto& name : kMemberNames) {
    const bool customer = core::IsCustomerRole(w[name].actor.role);
    const auto browser = SignIn(c, w[name]);
    redirect(GetAs(c, "/", browser), customer ? "/portal" : "/console", name + " /");
    const auto own = GetAs(c, customer ? "/portal/tickets" : "/console/tickets", browser);
    EXPECT_EQ(own.status, 200) << name;
    EXPECT_EQ(own.body, customer ? TestWebRoot::kPortalPage : TestWebRoot::kConsolePage) << name;
    redirect(GetAs(c, customer ? "/console/tickets" : "/portal/tickets", browser), customer ? "/portal" : "/console",
             name + " on the other face");
    // The sign-in pages are for everyone.
    EXPECT_EQ(GetAs(c, "/signin", browser).status, 200) << name;
  }
  // Only GET: a page is not a form target.
  auto post = c.Send("POST", "/portal", "{}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(c.Get("/favicon.ico").status, 204);
}

TEST(WebSession, WithoutAWebRootPagesSayHowToBuildThem) {
  WebServer s({}, false);
  auto& c = s.c();
  for (const std::string target : {"/signin", "/reset", "/account/x"}) {
    auto answer = c.Get(target);
    EXPECT_EQ(answer.status, 503) << target;
    EXPECT_EQ(ProblemType(answer), "/problems/web-not-built") << target;
    EXPECT_NE(answer.body.find("--web-root"), std::string::npos) << answer.body;
  }
  const auto customer = SignIn(c, s.w()["req_a1"]);
  EXPECT_EQ(ProblemType(GetAs(c, "/portal", customer)), "/problems/web-not-built");
  EXPECT_EQ(c.Get("/portal").status, 302) << "signed out: the sign-in page first";
  EXPECT_EQ(c.Get("/assets/x.js").status, 404);
  // The API is served as ever.
  EXPECT_EQ(GetAs(c, "/api/v1/me", customer).status, 200);
}

TEST(WebSession, AssetsAreImmutableAndGzippedOnlyWhenTheClientAcceptsIt) {
  WebServer s;
  auto& c = s.c();
  const std::string immutable = "public, max-age=31536000, immutable";
  const auto expect_plain = [&](const HttpResult& answer, const std::string& body, const std::string& what) {
    EXPECT_EQ(answer.status, 200) << what;
    EXPECT_EQ(answer.body, body) << what;
    EXPECT_TRUE(answer.Header("content-encoding").empty()) << what;
    EXPECT_EQ(answer.Header("cache-control"), immutable) << what;
  };
  // Accepted: the build's precompressed copy, byte for byte.
  for (const std::string accept : {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8, *;q=0.1", "GZIP"}) {
    auto answer = c.Send("GET", "/assets/x.js", {}, {{"Accept-Encoding", accept}});
    EXPECT_EQ(answer.status, 200) << accept;
    EXPECT_EQ(answer.Header("content-encoding"), "gzip") << accept;
    EXPECT_EQ(answer.body, TestWebRoot::kAssetScriptGzip) << accept;
    EXPECT_EQ(answer.Header("content-type"), "text/javascript; charset=utf-8") << accept;
    EXPECT_EQ(answer.Header("cache-control"), immutable) << accept;
    EXPECT_NE(answer.Header("vary").find("Accept-Encoding"), std::string::npos) << accept;
    EXPECT_EQ(answer.Header("x-content-type-options"), "nosniff");
  }
  // Not accepted: the file itself.
  expect_plain(c.Get("/assets/x.js"), TestWebRoot::kAssetScript, "no Accept-Encoding");
  for (const std::string accept : {"identity", "br", "deflate", "gzip;q=0", "gzip; q=0.000, identity", "x-gzipped"}) {
    expect_plain(c.Send("GET", "/assets/x.js", {}, {{"Accept-Encoding", accept}}), TestWebRoot::kAssetScript, accept);
  }
  // No precompressed copy: the file itself, whatever is accepted.
  auto style = c.Send("GET", "/assets/site.css", {}, {{"Accept-Encoding", "gzip"}});
  expect_plain(style, TestWebRoot::kAssetStyle, "site.css");
  EXPECT_EQ(style.Header("content-type"), "text/css; charset=utf-8");
  // The copy is not a file of its own, and assets need no session.
  EXPECT_EQ(c.Get("/assets/x.js.gz").status, 404);
  EXPECT_EQ(c.Get("/assets/").status, 404);
  EXPECT_EQ(c.Get("/assets").status, 404);
}

TEST(WebSession, PathTraversalFindsNothingOutsideTheAssets) {
  WebServer s;
  auto& c = s.c();
  // Every variant names a file by a path the built front end does not have: 404. A '/' hidden in
  // %2F is refused before any route is looked at (400), as on every path (docs/security.md).
  const std::vector<std::pair<std::string, int>> attempts = {
      {"/assets/../../etc/passwd", 404},
      {"/assets/../../../../../../etc/passwd", 404},
      {"/assets/%2e%2e/%2e%2e/etc/passwd", 404},
      {"/assets/%2E%2E/%2E%2E/%2E%2E/etc/passwd", 404},
      {"/assets/%252e%252e/%252e%252e/etc/passwd", 404},
      {"/assets/.%2e/.%2e/etc/passwd", 404},
      {"/assets/../signin.html", 404},
      {"/assets/%2e%2e/portal.html", 404},
      {"/assets/../console.html", 404},
      {"/assets//etc/passwd", 404},
      {"/assets/x.js%00.png", 404},
      {"/assets/..%5c..%5cetc%5cpasswd", 404},
      {"/assets/..%2F..%2Fetc%2Fpasswd", 400},
      {"/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400},
  };
  for (const auto& [target, status] : attempts) {
    auto answer = c.Get(target);
    EXPECT_EQ(answer.status, status) << target << ": " << answer.body;
    EXPECT_EQ(answer.body.find("root:"), std::string::npos) << target;
    for (const auto* page : {&TestWebRoot::kSigninPage, &TestWebRoot::kPortalPage, &TestWebRoot::kConsolePage}) {
      EXPECT_EQ(answer.body.find(*page), std::string::npos) << target;
    }
  }
}

// ---- The live stream ---------------------------------------------------------------------------

// The `ticket` events of a read, parsed.
std::vector<json::object> TicketEvents(const std::vector<SseEvent>& events) {
  std::vector<json::object> out;
  for (const auto& event : events) {
    if (event.event != "ticket") continue;
    std::error_code ec;
    auto value = json::parse(event.data, ec);
    EXPECT_FALSE(ec) << event.data;
    if (ec || !value.is_object()) continue;
    EXPECT_EQ(event.id, std::to_string(value.at("id").as_int64())) << "the SSE id is the event's id";
    out.push_back(value.as_object());
  }
  return out;
}

// Whether the read holds the message.added event of the message `message_id`.
bool HasMessage(const std::vector<SseEvent>& events, std::int64_t message_id) {
  for (const auto& event : TicketEvents(events)) {
    if (event.at("action") == "message.added" && std::string(event.at("after").as_string()) == std::to_string(message_id)) return true;
  }
  return false;
}

TEST(WebSession, TheStreamDeliversANewReplyToTheAgentWithinTwoSeconds) {
  WebServer s;
  auto& c = s.c();
  const auto& w = s.w();
  const auto agent = SignIn(c, w["agent"]);
  SseStream stream(s.server->port, "/api/v1/stream", {{"Cookie", agent.Cookie()}});
  ASSERT_EQ(stream.head().status, 200) << stream.head().body;
  EXPECT_EQ(stream.head().Header("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(stream.head().Header("cache-control"), "no-store");
  EXPECT_EQ(stream.head().Header("x-accel-buffering"), "no");
  EXPECT_TRUE(stream.head().Header("content-length").empty());
  // Nothing old is replayed to a stream opened without Last-Event-ID.
  EXPECT_TRUE(TicketEvents(stream.Read(milliseconds(1200))).empty());
  EXPECT_GE(stream.comments(), 1) << "the stream says it is connected";

  for (int round = 0; round < 3; ++round) {
    auto reply = c.PostJson("/api/v1/tickets/" + std::to_string(w.ticket_a1.value) + "/messages",
                            R"({"body":"Any news?"})", w["req_a1"].token);
    ASSERT_EQ(reply.status, 201) << reply.body;
    const auto message = IdOf(reply);
    const auto sent = std::chrono::steady_clock::now();
    const auto events = stream.Read(seconds(2), [&](const auto& read) { return HasMessage(read, message); });
    const auto waited = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - sent);
    ASSERT_TRUE(HasMessage(events, message)) << "round " << round << ": nothing within 2 s";
    EXPECT_LT(waited.count(), 2000);
    for (const auto& event : TicketEvents(events)) {
      if (event.at("action") != "message.added") continue;
      EXPECT_EQ(event.at("ticket_id").as_int64(), w.ticket_a1.value);
      EXPECT_EQ(event.at("field"), "customer_reply");
      EXPECT_TRUE(event.contains("created_at"));
    }
  }
  EXPECT_FALSE(stream.ended());
}

TEST(WebSession, TheStreamResumesAfterLastEventIdWithoutDuplicates) {
  WebServer s;
  auto& c = s.c();
  const auto& w = s.w();
  const auto agent = SignIn(c, w["agent"]);
  const std::string messages = "/api/v1/tickets/" + std::to_string(w.ticket_b1.value) + "/messages";
  const auto reply = [&](const std::string& body, const std::string& token) {
    auto answer = c.PostJson(messages, json::serialize(json::object{{"body", body}}), token);
    EXPECT_EQ(answer.status, 201) << answer.body;
    return IdOf(answer);
  };

  std::string last_id;
  {
    SseStream first(s.server->port, "/api/v1/stream", {{"Cookie", agent.Cookie()}});
    ASSERT_EQ(first.head().status, 200);
    first.Read(milliseconds(700));
    const auto m1 = reply("one", w["req_b1"].token);
    const auto m2 = reply("two", w["req_b1"].token);
    const auto read = first.Read(seconds(5), [&](const auto& events) { return HasMessage(events, m2); });
    ASSERT_TRUE(HasMessage(read, m1) && HasMessage(read, m2));
    for (const auto& event : read) {
      if (!event.id.empty()) last_id = event.id;  // what an EventSource keeps as Last-Event-ID
    }
  }  // the browser loses its connection

  const auto m3 = reply("three, while the agent was away", w["req_b1"].token);
  const auto m4 = reply("four", w["req_b1"].token);
  const auto note = c.PostJson(messages, R"({"body":"internal","visibility":"internal"})", w["agent"].token);
  ASSERT_EQ(note.status, 201);

  for (const std::string how : {"header", "query"}) {
    SCOPED_TRACE(how);
    std::map<std::string, std::string> headers{{"Cookie", agent.Cookie()}};
    std::string target = "/api/v1/stream";
    if (how == "header") {
      headers["Last-Event-ID"] = last_id;
    } else {
      target += "?after=" + last_id;
    }
    SseStream again(s.server->port, target, headers);
    ASSERT_EQ(again.head().status, 200);
    const auto read = again.Read(seconds(5), [&](const auto& events) {
      return HasMessage(events, m3) && HasMessage(events, m4) && HasMessage(events, IdOf(note));
    });
    EXPECT_TRUE(HasMessage(read, m3) && HasMessage(read, m4) && HasMessage(read, IdOf(note)))
        << "the events missed while away are sent";
    std::int64_t previous = std::stoll(last_id);
    for (const auto& event : TicketEvents(read)) {
      const auto id = event.at("id").as_int64();
      EXPECT_GT(id, previous) << "an event at or before Last-Event-ID, or out of order: " << json::serialize(event);
      previous = id;
    }
    for (const auto& event : read) EXPECT_NE(event.event, "reset");
  }
}

TEST(WebSession, ARevokedSessionsStreamEndsAndAnUnsignedStreamNeverStarts) {
  WebServer s;
  auto& c = s.c();
  const auto& w = s.w();
  SseStream anonymous(s.server->port, "/api/v1/stream", {});
  EXPECT_EQ(anonymous.head().status, 401);
  EXPECT_EQ(anonymous.head().Header("content-type"), "application/problem+json");
  SseStream malformed(s.server->port, "/api/v1/stream", {{"Authorization", "Bearer " + w["agent"].token},
                                                         {"Last-Event-ID", "yesterday"}});
  EXPECT_EQ(malformed.head().status, 400);

  const auto agent = SignIn(c, w["agent"]);
  SseStream stream(s.server->port, "/api/v1/stream", {{"Cookie", agent.Cookie()}});
  ASSERT_EQ(stream.head().status, 200);
  stream.Read(milliseconds(600));
  auto logout = c.Send("POST", "/api/v1/auth/logout", "{}", agent.Headers());
  ASSERT_EQ(logout.status, 200);
  const auto revoked_at = std::chrono::steady_clock::now();
  // The stream checks its credential again every 15 s: it ends within that, and a reconnect is 401.
  stream.Read(seconds(25), [](const auto&) { return false; });
  EXPECT_TRUE(stream.ended()) << "the stream of a revoked session is still open";
  EXPECT_LT(std::chrono::steady_clock::now() - revoked_at, seconds(17));
  SseStream again(s.server->port, "/api/v1/stream", {{"Cookie", agent.Cookie()}});
  EXPECT_EQ(again.head().status, 401);
}

// ---- The demo: too far behind, and the scope preview --------------------------------------------

// The demo installation (tierdesk demo) behind the real server.
struct DemoServer {
  DemoServer() {
    app::setup::DemoOptions options;
    options.tickets = 300;
    auto seeded = app::setup::SeedDemo(app.Context(), options);
    EXPECT_TRUE(seeded) << (seeded ? "" : seeded.error().message);
    api = std::make_unique<adapters::http::Api>(app.Context(), adapters::http::ApiOptions{});
    adapters::http::ServerOptions server_options;
    server_options.host = "127.0.0.1";
    server_options.port = 0;
    server_options.access_log = false;
    server = std::make_unique<adapters::http::Server>(*api, server_options);
    auto started = server->Start();
    EXPECT_TRUE(started);
    port = started.value_or(0);
    client = std::make_unique<HttpClient>(port);
    auto login = client->PostJson("/api/v1/auth/login",
                                  R"({"email":"admin@hanbit-cloud.example","password":"tierdesk-demo-2026"})");
    admin_token = std::string(Parse(login).at("token").as_string());
    for (const auto& org : Items(client->Get("/api/v1/organizations", admin_token).body)) {
      orgs[std::string(org.at("name").as_string())] = org.at("id").as_int64();
    }
  }
  ~DemoServer() { server->Stop(); }
  Browser SignInAs(const std::string& email) {
    Member member;
    member.user.email = email;
    member.password = "tierdesk-demo-2026";
    return SignIn(*client, member);
  }
  std::string Org(const std::string& name) const {
    EXPECT_TRUE(orgs.count(name)) << name;
    return orgs.count(name) ? std::to_string(orgs.at(name)) : "0";
  }

  TestApp app;
  std::unique_ptr<adapters::http::Api> api;
  std::unique_ptr<adapters::http::Server> server;
  std::uint16_t port = 0;
  std::unique_ptr<HttpClient> client;
  std::string admin_token;
  std::map<std::string, std::int64_t> orgs;  // by name
};

TEST(WebSession, TheStreamSaysResetWhenTooFarBehindOrAheadOfTheLog) {
  DemoServer demo;
  const auto agent = demo.SignInAs("agent@hanbit-cloud.example");  // (a sign-in is an event too)
  const auto latest = app::ticket::LatestEventId(demo.app.Context());
  ASSERT_TRUE(latest);
  ASSERT_GT(*latest, 1001) << "the demo has too few events for this test";
  const auto first_block = [&](const std::string& last_event_id) {
    SseStream stream(demo.port, "/api/v1/stream", {{"Cookie", agent.Cookie()}, {"Last-Event-ID", last_event_id}});
    EXPECT_EQ(stream.head().status, 200) << last_event_id;
    auto read = stream.Read(seconds(3), [](const auto& events) { return !events.empty(); });
    return read.empty() ? SseEvent{} : read.front();
  };
  // More than 1,000 events behind, or ahead of the log: start from now and say so.
  for (const auto& behind : {std::string("1"), std::to_string(*latest - 1001), std::to_string(*latest + 50)}) {
    const auto event = first_block(behind);
    EXPECT_EQ(event.event, "reset") << "Last-Event-ID " << behind;
    EXPECT_EQ(event.id, std::to_string(*latest)) << "Last-Event-ID " << behind;
    EXPECT_EQ(event.data, "{}");
  }
  // Within reach: the events since, no reset.
  const auto event = first_block(std::to_string(*latest - 50));
  EXPECT_EQ(event.event, "ticket");
  EXPECT_GT(std::stoll(event.id), *latest - 50);
  // After a reset the stream goes on from now.
  SseStream stream(demo.port, "/api/v1/stream", {{"Cookie", agent.Cookie()}, {"Last-Event-ID", "1"}});
  ASSERT_EQ(stream.head().status, 200);
  stream.Read(milliseconds(700));
  const auto customer = demo.SignInAs("user@seoul-logistics.example");
  auto opened = demo.client->Send(
      "POST", "/api/v1/tickets",
      R"({"service":"azure","category":"technical","severity":"minimal","subject":"After the reset","description":"x"})",
      customer.Headers());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const auto read = stream.Read(seconds(3), [&](const auto& events) { return !TicketEvents(events).empty(); });
  const auto events = TicketEvents(read);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().at("ticket_id").as_int64(), IdOf(opened));
  EXPECT_EQ(events.front().at("action"), "ticket.created");
}

TEST(WebSession, ThePreviewAnswersByTheDemoPlansAsTicketCreationWould) {
  DemoServer demo;
  auto& c = *demo.client;
  const auto preview = [&](const Browser& browser, const std::string& query) {
    return GetAs(c, "/api/v1/tickets/preview?" + query, browser);
  };
  // Busan Marine Tech is on "Business hours, billed hourly": everything but Dynamics 365
  // technical work, which it takes at 180,000 KRW an hour.
  const auto busan = demo.SignInAs("user@busan-marine.example");
  auto billable = preview(busan, "service=d365&category=technical");
  ASSERT_EQ(billable.status, 200) << billable.body;
  const auto answer = Parse(billable).as_object();
  EXPECT_EQ(answer.at("scope"), "out_of_scope_billable");
  EXPECT_FALSE(answer.at("reason").as_string().empty());
  EXPECT_EQ(std::string(answer.at("support_statement").as_string()), "/support/" + demo.Org("Busan Marine Tech"));
  ASSERT_TRUE(answer.contains("quote"));
  const auto quote = answer.at("quote").as_object();
  EXPECT_EQ(quote.at("currency"), "KRW");
  EXPECT_EQ(quote.at("hourly_rate").as_int64(), 180000);
  EXPECT_GT(quote.at("increment_minutes").as_int64(), 0);
  EXPECT_GE(quote.at("minimum_minutes").as_int64(), 0);
  auto covered = preview(busan, "service=azure&category=technical");
  ASSERT_EQ(covered.status, 200);
  EXPECT_EQ(Parse(covered).at("scope"), "in_scope");
  EXPECT_FALSE(Parse(covered).as_object().contains("quote"));

  // Creating the billable ticket needs the quote accepted, exactly as previewed.
  const std::string ticket =
      R"({"service":"d365","category":"technical","severity":"minimal","subject":"Custom workflow","description":"x")";
  auto unaccepted = c.Send("POST", "/api/v1/tickets", ticket + "}", busan.Headers());
  EXPECT_EQ(unaccepted.status, 422);
  EXPECT_EQ(ProblemType(unaccepted), "/problems/charges-not-accepted");
  EXPECT_EQ(Parse(unaccepted).at("quote").as_object(), quote);
  auto accepted = c.Send("POST", "/api/v1/tickets",
                         ticket + R"(,"accept_charges":{"currency":"KRW","hourly_rate":180000}})", busan.Headers());
  EXPECT_EQ(accepted.status, 201) << accepted.body;

  // Harbor Health Clinics is on "Basic": Azure technical work is refused, with the reason.
  const auto harbor = demo.SignInAs("user@harbor-health.example");
  auto refused = preview(harbor, "service=azure&category=technical");
  ASSERT_EQ(refused.status, 200);
  EXPECT_EQ(Parse(refused).at("scope"), "refused");
  EXPECT_FALSE(Parse(refused).at("reason").as_string().empty());
  EXPECT_FALSE(Parse(refused).as_object().contains("quote"));
  auto refused_create = c.Send("POST", "/api/v1/tickets",
                               R"({"service":"azure","category":"technical","severity":"minimal","subject":"VM down",)"
                               R"("description":"x"})",
                               harbor.Headers());
  EXPECT_EQ(ProblemType(refused_create), "/problems/out-of-scope-refused");
  EXPECT_EQ(Parse(preview(harbor, "service=m365&category=technical")).at("scope"), "in_scope");
  // Seoul Logistics is on "Premium 24x7": everything is in scope.
  const auto seoul = demo.SignInAs("user@seoul-logistics.example");
  EXPECT_EQ(Parse(preview(seoul, "service=d365&category=technical")).at("scope"), "in_scope");

  // Staff and the reseller preview for a customer they may see; anyone else's is 404.
  const auto agent = demo.SignInAs("agent@hanbit-cloud.example");
  auto for_busan = preview(agent, "service=d365&category=technical&customer_id=" + demo.Org("Busan Marine Tech"));
  EXPECT_EQ(for_busan.status, 200);
  EXPECT_EQ(Parse(for_busan).at("quote").as_object(), quote);
  const auto reseller = demo.SignInAs("reseller@daejeon-it.example");
  EXPECT_EQ(preview(reseller, "service=m365&category=technical&customer_id=" + demo.Org("Jeju Resort Hotels")).status,
            200);
  for (const auto& [browser, customer] : std::vector<std::pair<const Browser*, std::string>>{
           {&reseller, "Busan Marine Tech"}, {&busan, "Harbor Health Clinics"}, {&harbor, "Busan Marine Tech"}}) {
    auto outside = preview(*browser, "service=azure&category=technical&customer_id=" + demo.Org(customer));
    EXPECT_EQ(outside.status, 404) << customer;
    EXPECT_EQ(outside.body.find("quote"), std::string::npos);
  }
  // What creation would refuse, the preview refuses too: staff must say whose terms, a provider
  // or reseller organisation opens no tickets, an unknown service has no terms, and a billing
  // clerk opens no tickets at all.
  auto whose = preview(agent, "service=azure&category=technical");
  EXPECT_EQ(whose.status, 400) << whose.body;
  auto provider_org = preview(agent, "service=azure&category=technical&customer_id=" + demo.Org("GlobalSupport Outsourcing"));
  EXPECT_EQ(provider_org.status, 422) << provider_org.body;
  EXPECT_EQ(provider_org.body.find("quote"), std::string::npos);
  auto unknown = preview(busan, "service=sap&category=technical");
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.body.find("quote"), std::string::npos);
  const auto billing = demo.SignInAs("billing@hanbit-cloud.example");
  EXPECT_EQ(preview(billing, "service=azure&category=technical&customer_id=" + demo.Org("Busan Marine Tech")).status, 403);
  // Malformed questions.
  for (const std::string query : {"category=technical", "service=azure", "service=azure&category=hardware",
                                  "service=azure&category=technical&customer_id=x",
                                  "service=azure&category=technical&colour=red"}) {
    auto bad = preview(busan, query);
    EXPECT_EQ(bad.status, 400) << query;
    EXPECT_EQ(ProblemType(bad), "/problems/invalid-parameter") << query;
  }
  EXPECT_EQ(c.Get("/api/v1/tickets/preview?service=azure&category=technical").status, 401);
}

}  // namespace
}  // namespace tierdesk::testing
