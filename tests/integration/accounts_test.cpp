// Day one for a partner, the user half (issue "Day one for a partner" §1), over real HTTP against
// the real server: changing users with If-Match, roles nobody may grant, deactivation that cuts a
// user (or its organisation) off at once and reactivation that restores it, deletion only of
// records nothing refers to, logout, personal tokens (named, expiring, listed without secrets,
// revoked), changing and resetting passwords under the one policy, the audit trail of all of it,
// and the command line's `token list|revoke` and `user reset-password` against a running server.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>

#include <csignal>
#include <set>

#include "app/auth/auth.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

class Accounts : public ::testing::Test {
 protected:
  Accounts() : client(server.port) {}

  const Member& M(const std::string& name) const { return server.world[name]; }
  std::string UserUrl(const std::string& name) const {
    return "/api/v1/users/" + std::to_string(M(name).user.id.value);
  }
  HttpResult Delete(const std::string& url, const std::string& token) {
    return client.Send("DELETE", url, {}, {{"Authorization", "Bearer " + token}});
  }
  HttpResult Login(const std::string& email, const std::string& password) {
    return client.PostJson("/api/v1/auth/login", R"({"email":")" + email + R"(","password":")" + password + R"("})");
  }
  std::string Session(const std::string& email, const std::string& password) {
    auto login = Login(email, password);
    EXPECT_EQ(login.status, 200) << email << " " << login.body;
    return login.status == 200 ? std::string(Parse(login).at("token").as_string()) : std::string();
  }
  static std::string PasswordOf(const std::string& member) {
    return member == "admin" ? "admin-password-123" : "password-" + member + "-123";
  }
  // The audit log's actions (with the subject's id in `after`), oldest first.
  std::vector<std::pair<std::string, std::string>> Audit() {
    std::vector<std::pair<std::string, std::string>> out;
    auto page = client.Get("/api/v1/audit-events?limit=1000", M("admin").token);
    EXPECT_EQ(page.status, 200) << page.body;
    for (const auto& event : Items(page.body)) {
      out.emplace_back(std::string(event.at("action").as_string()), std::string(event.at("after").as_string()));
    }
    return out;
  }
  bool Audited(const std::string& action, std::int64_t subject) {
    for (const auto& [name, after] : Audit()) {
      if (name == action && after == std::to_string(subject)) return true;
    }
    return false;
  }
  static void ExpectProblem(const HttpResult& result, int status, const std::string& type, const std::string& field = {}) {
    EXPECT_EQ(result.status, status) << result.body;
    EXPECT_EQ(result.Header("content-type"), "application/problem+json") << result.body;
    if (result.status != status || result.Header("content-type") != "application/problem+json") return;
    const auto body = Parse(result).as_object();
    EXPECT_EQ(body.at("type").as_string(), "/problems/" + type) << result.body;
    if (!field.empty()) {
      ASSERT_TRUE(body.contains("errors")) << result.body;
      EXPECT_EQ(body.at("errors").as_array().at(0).at("field").as_string(), field) << result.body;
    }
  }
  // Writes organizations.deactivated_at directly, as the organisation endpoints will.
  void SetOrganizationDeactivated(OrgId org, bool deactivated) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((server.app.dir.path + "/tierdesk.db").c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    const std::string sql = "UPDATE organizations SET deactivated_at = " +
                            std::string(deactivated ? "1767225600000" : "NULL") + " WHERE id = " + std::to_string(org.value);
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
  }

  TestServer server;
  HttpClient client;
};

TEST_F(Accounts, AdminChangesAUserWithIfMatchAndTheAuditLogSaysWhat) {
  auto read = client.Get(UserUrl("agent"), M("admin").token);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.Header("etag"), "\"v1\"");
  auto team = client.PostJson("/api/v1/teams", R"({"name":"Accounts team"})", M("admin").token);
  ASSERT_EQ(team.status, 201) << team.body;
  const auto team_id = Parse(team).at("id").as_int64();
  auto changed = client.PatchJson(UserUrl("agent"),
                                  R"({"name":"Agent Renamed","role":"supervisor","teams":[)" + std::to_string(team_id) + "]}",
                                  M("admin").token, {{"If-Match", "\"v1\""}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Header("etag"), "\"v2\"");
  const auto user = Parse(changed).as_object();
  EXPECT_EQ(user.at("name").as_string(), "Agent Renamed");
  EXPECT_EQ(user.at("role").as_string(), "supervisor");
  EXPECT_EQ(user.at("version").as_int64(), 2);
  EXPECT_EQ(user.at("teams").as_array().at(0).as_int64(), team_id);
  // The new role applies to the user's next request: supervisors manage calendars, agents do not.
  EXPECT_EQ(client.PostJson("/api/v1/calendars",
                            R"({"name":"Sup hours","time_zone":"Asia/Seoul","intervals":[{"day":"mon","start":"09:00","end":"18:00"}]})",
                            M("agent").token).status, 201);
  // The team lists its new member.
  EXPECT_NE(client.Get("/api/v1/teams", M("admin").token).body.find(std::to_string(M("agent").user.id.value)),
            std::string::npos);
  // The old ETag is stale now.
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"name":"Lost update"})", M("admin").token, {{"If-Match", "\"v1\""}}),
                412, "precondition-failed");
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"name":"Lost update"})", M("admin").token, {{"If-Match", "v2"}}),
                412, "precondition-failed");
  EXPECT_EQ(Parse(client.Get(UserUrl("agent"), M("admin").token)).at("name").as_string(), "Agent Renamed");
  EXPECT_TRUE(Audited("user.updated", M("agent").user.id.value));
}

TEST_F(Accounts, BadInputIsAProblemNamingTheField) {
  const std::string& admin = M("admin").token;
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"email":"not-an-address"})", admin), 422, "validation", "email");
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"role":"emperor"})", admin), 422, "validation", "role");
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"teams":[987654]})", admin), 422, "validation", "teams");
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"teams":"all"})", admin), 422, "validation", "teams");
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"active":"no"})", admin), 422, "validation", "active");
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"nickname":"x"})", admin), 422, "validation", "nickname");
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({})", admin), 422, "validation");
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"name":)", admin), 400, "malformed-json");
  // A role that does not fit the organisation, and teams for a customer's user.
  ExpectProblem(client.PatchJson(UserUrl("req_a1"), R"({"role":"agent"})", admin), 422, "validation", "role");
  ExpectProblem(client.PatchJson(UserUrl("req_a1"), R"({"teams":[1]})", admin), 422, "validation", "teams");
  // Someone else's address: 409 duplicate for the admin.
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"email":")" + M("billing").user.email + R"("})", admin), 409,
                "duplicate", "email");
  ExpectProblem(client.PatchJson("/api/v1/users/99999", R"({"name":"Nobody"})", admin), 404, "not-found");
  // Tokens: bad expiry, bad name; password change without fields.
  ExpectProblem(client.PostJson("/api/v1/auth/tokens", R"({"name":"x","current_password":"admin-password-123","expires_at":"tomorrow"})", admin), 422, "validation",
                "expires_at");
  ExpectProblem(client.PostJson("/api/v1/auth/tokens", R"({"name":"x","current_password":"admin-password-123","expires_at":"2001-01-01T00:00:00Z"})", admin), 422,
                "validation", "expires_at");
  ExpectProblem(client.PostJson("/api/v1/auth/tokens", R"({"name":"line\nbreak","current_password":"admin-password-123"})", admin), 422, "validation", "name");
  ExpectProblem(client.PostJson("/api/v1/auth/tokens", R"({})", admin), 422, "validation", "name");
  ExpectProblem(client.PostJson("/api/v1/auth/password", R"({"new_password":"a brand new passphrase 7"})", admin), 422,
                "validation", "current_password");
  ExpectProblem(client.Get("/api/v1/auth/tokens?user_id=abc", admin), 400, "invalid-parameter", "user_id");
  ExpectProblem(client.PostJson("/api/v1/auth/password-reset", R"({"token":"tdr_x","new_password":"a brand new passphrase 7"})"),
                422, "validation", "token");
}

TEST_F(Accounts, NobodyGrantsARoleAboveTheirOwnAndCustomerAdminsStayHome) {
  // A customer admin promotes its own requester to customer admin, but not further.
  auto promoted = client.PatchJson(UserUrl("req_a1"), R"({"role":"customer_admin"})", M("admin_a").token);
  EXPECT_EQ(promoted.status, 200) << promoted.body;
  ExpectProblem(client.PatchJson(UserUrl("req_a2"), R"({"role":"admin"})", M("admin_a").token), 403, "forbidden");
  ExpectProblem(client.PatchJson(UserUrl("req_a2"), R"({"teams":[]})", M("admin_a").token), 403, "forbidden");
  // Another organisation's users do not exist for it.
  ExpectProblem(client.PatchJson(UserUrl("req_b1"), R"({"active":false})", M("admin_a").token), 404, "not-found");
  ExpectProblem(Delete(UserUrl("req_b1"), M("admin_a").token), 404, "not-found");
  // Staff who are not admins manage nobody; nobody demotes or deactivates themselves.
  ExpectProblem(client.PatchJson(UserUrl("agent"), R"({"role":"admin"})", M("supervisor").token), 403, "forbidden");
  ExpectProblem(client.PatchJson(UserUrl("admin"), R"({"role":"agent"})", M("admin").token), 422, "validation", "role");
  ExpectProblem(client.PatchJson(UserUrl("admin"), R"({"active":false})", M("admin").token), 422, "validation", "active");
  // A customer admin may give an address only at its organisation's domains.
  ExpectProblem(client.PatchJson(UserUrl("req_a2"), R"({"email":"someone@bravo.example"})", M("admin_a").token), 422,
                "validation", "email");
  EXPECT_EQ(client.PatchJson(UserUrl("req_a2"), R"({"email":"renamed@alpha.example"})", M("admin_a").token).status, 200);
}

TEST_F(Accounts, DeactivationCutsAUserOffAtOnceAndReactivationRestoresIt) {
  const std::string session = Session(M("req_a1").user.email, PasswordOf("req_a1"));
  ASSERT_EQ(client.Get("/api/v1/me", session).status, 200);
  ASSERT_EQ(client.Get("/api/v1/me", M("req_a1").token).status, 200);
  auto off = client.PatchJson(UserUrl("req_a1"), R"({"active":false})", M("admin_a").token);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_FALSE(Parse(off).at("active").as_bool());
  // The very next request, with either token, is refused; so is signing in.
  ExpectProblem(client.Get("/api/v1/me", session), 401, "unauthenticated");
  ExpectProblem(client.Get("/api/v1/me", M("req_a1").token), 401, "unauthenticated");
  ExpectProblem(Login(M("req_a1").user.email, PasswordOf("req_a1")), 401, "unauthenticated");
  EXPECT_TRUE(Audited("user.deactivated", M("req_a1").user.id.value));
  auto on = client.PatchJson(UserUrl("req_a1"), R"({"active":true})", M("admin_a").token);
  ASSERT_EQ(on.status, 200) << on.body;
  // Sessions ended with the deactivation for good; personal tokens were only blocked.
  ExpectProblem(client.Get("/api/v1/me", session), 401, "unauthenticated");
  EXPECT_EQ(client.Get("/api/v1/me", M("req_a1").token).status, 200);
  EXPECT_EQ(Login(M("req_a1").user.email, PasswordOf("req_a1")).status, 200);
  EXPECT_TRUE(Audited("user.reactivated", M("req_a1").user.id.value));
}

TEST_F(Accounts, ADeactivatedOrganisationsUsersCannotSignInOrUseTokens) {
  const std::string session = Session(M("admin_b").user.email, PasswordOf("admin_b"));
  SetOrganizationDeactivated(server.world.customer_b.id, true);
  for (const auto* member : {"admin_b", "req_b1"}) {
    ExpectProblem(client.Get("/api/v1/me", M(member).token), 401, "unauthenticated");
    ExpectProblem(Login(M(member).user.email, PasswordOf(member)), 401, "unauthenticated");
  }
  ExpectProblem(client.Get("/api/v1/me", session), 401, "unauthenticated");
  EXPECT_EQ(client.Get("/api/v1/me", M("admin_a").token).status, 200) << "other organisations are untouched";
  // A reset cannot be issued for, or used by, such a user either.
  auto issued = app::auth::IssuePasswordReset(server.app.Context(), M("req_b1").user.email);
  ASSERT_FALSE(issued);
  EXPECT_EQ(issued.error().code, ErrorCode::kConflict);
  SetOrganizationDeactivated(server.world.customer_b.id, false);
  EXPECT_EQ(client.Get("/api/v1/me", M("req_b1").token).status, 200);
  EXPECT_EQ(client.Get("/api/v1/me", session).status, 200);
  EXPECT_EQ(Login(M("req_b1").user.email, PasswordOf("req_b1")).status, 200);
}

TEST_F(Accounts, OnlyAUserNothingRefersToIsDeleted) {
  auto created = client.PostJson("/api/v1/users",
                                 R"({"organization_id":)" + std::to_string(server.world.customer_a.id.value) +
                                     R"(,"email":"mistake@alpha.example","name":"Typo","role":"requester"})",
                                 M("admin_a").token);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = Parse(created).at("id").as_int64();
  const std::string url = "/api/v1/users/" + std::to_string(id);
  // Its own credentials go with it; nothing else refers to it.
  ASSERT_TRUE(app::auth::IssuePasswordReset(server.app.Context(), "mistake@alpha.example"));
  auto deleted = Delete(url, M("admin_a").token);
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  ExpectProblem(client.Get(url, M("admin").token), 404, "not-found");
  EXPECT_TRUE(Audited("user.deleted", id));
  // A requester with tickets: 409 naming what refers to it.
  auto refused = Delete(UserUrl("req_a1"), M("admin").token);
  ExpectProblem(refused, 409, "in-use");
  EXPECT_NE(refused.body.find("tickets.requester_id"), std::string::npos) << refused.body;
  EXPECT_EQ(client.Get(UserUrl("req_a1"), M("admin").token).status, 200);
}

TEST_F(Accounts, LogoutEndsOnlyTheSessionItWasSentWith) {
  const std::string first = Session(M("agent").user.email, PasswordOf("agent"));
  const std::string second = Session(M("agent").user.email, PasswordOf("agent"));
  auto out = client.PostJson("/api/v1/auth/logout", "", first);
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(Parse(out).at("kind").as_string(), "session");
  ExpectProblem(client.Get("/api/v1/me", first), 401, "unauthenticated");
  ExpectProblem(client.PostJson("/api/v1/auth/logout", "", first), 401, "unauthenticated");
  EXPECT_EQ(client.Get("/api/v1/me", second).status, 200);
  EXPECT_EQ(client.Get("/api/v1/me", M("agent").token).status, 200);
  EXPECT_TRUE(Audited("user.signed_out", M("agent").user.id.value));
}

TEST_F(Accounts, ChangingAPasswordRevokesTheOtherSessions) {
  const std::string email = M("req_a2").user.email;
  const std::string here = Session(email, PasswordOf("req_a2"));
  const std::string elsewhere = Session(email, PasswordOf("req_a2"));
  ExpectProblem(client.PostJson("/api/v1/auth/password",
                                R"({"current_password":"wrong-password-123","new_password":"a brand new passphrase 7"})", here),
                422, "validation", "current_password");
  // The one policy: short, common, the user's own address.
  for (const std::string& weak : std::vector<std::string>{"short", "Password2024!", email}) {
    ExpectProblem(client.PostJson("/api/v1/auth/password",
                                  R"({"current_password":")" + PasswordOf("req_a2") + R"(","new_password":")" + weak + R"("})",
                                  here),
                  422, "validation", "new_password");
  }
  auto changed = client.PostJson("/api/v1/auth/password",
                                 R"({"current_password":")" + PasswordOf("req_a2") +
                                     R"(","new_password":"a brand new passphrase 7"})",
                                 here);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Parse(changed).at("revoked_sessions").as_int64(), 1);
  EXPECT_EQ(client.Get("/api/v1/me", here).status, 200) << "the session that changed it stays";
  ExpectProblem(client.Get("/api/v1/me", elsewhere), 401, "unauthenticated");
  EXPECT_EQ(client.Get("/api/v1/me", M("req_a2").token).status, 200) << "personal tokens are kept";
  ExpectProblem(Login(email, PasswordOf("req_a2")), 401, "unauthenticated");
  EXPECT_EQ(Login(email, "a brand new passphrase 7").status, 200);
  EXPECT_TRUE(Audited("user.password_changed", M("req_a2").user.id.value));
}

TEST_F(Accounts, AResetTokenSetsAPasswordOnceBeforeItExpires) {
  const std::string email = M("req_b1").user.email;
  const std::string session = Session(email, PasswordOf("req_b1"));
  auto issued = app::auth::IssuePasswordReset(server.app.Context(), email);
  ASSERT_TRUE(issued);
  const std::string body = R"({"token":")" + issued->token + R"(","new_password":"reset passphrase number 9"})";
  // A weak password does not spend the token.
  ExpectProblem(client.PostJson("/api/v1/auth/password-reset",
                                R"({"token":")" + issued->token + R"(","new_password":"qwertyuiop123"})"),
                422, "validation", "new_password");
  auto reset = client.PostJson("/api/v1/auth/password-reset", body);
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(Parse(reset).at("email").as_string(), email);
  ExpectProblem(client.Get("/api/v1/me", session), 401, "unauthenticated");
  EXPECT_EQ(Login(email, "reset passphrase number 9").status, 200);
  ExpectProblem(client.PostJson("/api/v1/auth/password-reset", body), 422, "validation", "token");  // once only
  EXPECT_TRUE(Audited("user.password_reset", M("req_b1").user.id.value));
  // A newer reset spends the older one; one a day old has expired.
  auto old = app::auth::IssuePasswordReset(server.app.Context(), email);
  auto newer = app::auth::IssuePasswordReset(server.app.Context(), email);
  ASSERT_TRUE(old && newer);
  ExpectProblem(client.PostJson("/api/v1/auth/password-reset",
                                R"({"token":")" + old->token + R"(","new_password":"reset passphrase number 10"})"),
                422, "validation", "token");
  server.app.clock.Advance(std::chrono::hours(25));
  ExpectProblem(client.PostJson("/api/v1/auth/password-reset",
                                R"({"token":")" + newer->token + R"(","new_password":"reset passphrase number 10"})"),
                422, "validation", "token");
}

TEST_F(Accounts, PersonalTokensAreNamedExpireAndAreListedWithoutSecrets) {
  const std::string& agent = M("agent").token;
  const auto expires = FormatTimestamp(server.app.clock.Now() + std::chrono::hours(2));
  auto created = client.PostJson("/api/v1/auth/tokens",
                                 R"({"name":"crm sync","current_password":"password-agent-123","expires_at":")" + expires + R"("})",
                                 agent);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto token = Parse(created).as_object();
  const std::string secret(token.at("token").as_string());
  EXPECT_EQ(token.at("name").as_string(), "crm sync");
  EXPECT_EQ(token.at("expires_at").as_string(), expires);
  EXPECT_EQ(client.Get("/api/v1/me", secret).status, 200);
  auto listed = client.Get("/api/v1/auth/tokens", secret);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find(secret.substr(4)), std::string::npos) << "no secret in a list";
  EXPECT_EQ(listed.body.find("token_hash"), std::string::npos);
  bool found = false;
  for (const auto& item : Items(listed.body)) {
    if (item.at("id").as_int64() != token.at("id").as_int64()) continue;
    found = true;
    EXPECT_TRUE(item.at("current").as_bool());
    EXPECT_TRUE(item.at("last_used_at").is_string()) << "its use was recorded";
  }
  EXPECT_TRUE(found) << listed.body;
  // It expires.
  server.app.clock.Advance(std::chrono::hours(3));
  ExpectProblem(client.Get("/api/v1/me", secret), 401, "unauthenticated");
  // Revoking: an admin revokes a staff member's token; the agent cannot revoke the admin's.
  auto another = Parse(client.PostJson("/api/v1/auth/tokens", R"({"name":"second","current_password":"password-agent-123"})", agent));
  const auto another_id = std::to_string(another.at("id").as_int64());
  auto admin_tokens = Items(client.Get("/api/v1/auth/tokens", M("admin").token).body);
  ASSERT_FALSE(admin_tokens.empty());
  ExpectProblem(Delete("/api/v1/auth/tokens/" + std::to_string(admin_tokens.at(0).at("id").as_int64()), agent), 404,
                "not-found");
  EXPECT_EQ(client.Get("/api/v1/me", M("admin").token).status, 200);
  EXPECT_EQ(client.Get("/api/v1/auth/tokens?user_id=" + std::to_string(M("agent").user.id.value), M("admin").token).status,
            200);
  EXPECT_EQ(Delete("/api/v1/auth/tokens/" + another_id, M("admin").token).status, 204);
  ExpectProblem(client.Get("/api/v1/me", std::string(another.at("token").as_string())), 401, "unauthenticated");
  ExpectProblem(Delete("/api/v1/auth/tokens/99999", agent), 404, "not-found");
  EXPECT_TRUE(Audited("token.revoked", M("agent").user.id.value));
}

TEST_F(Accounts, DeactivatingAnOrganisationEndsItsUsersSessionsAndBlocksTheirPersonalTokens) {
  const std::string session = Session(M("admin_b").user.email, PasswordOf("admin_b"));
  const std::string org_url = "/api/v1/organizations/" + std::to_string(server.world.customer_b.id.value);
  ASSERT_EQ(client.PatchJson(org_url, R"({"active":false})", M("admin").token).status, 200);
  ExpectProblem(client.Get("/api/v1/me", session), 401, "unauthenticated");
  ExpectProblem(client.Get("/api/v1/me", M("admin_b").token), 401, "unauthenticated");
  ASSERT_EQ(client.PatchJson(org_url, R"({"active":true})", M("admin").token).status, 200);
  ExpectProblem(client.Get("/api/v1/me", session), 401, "unauthenticated");
  EXPECT_EQ(client.Get("/api/v1/me", M("admin_b").token).status, 200) << "personal tokens come back";
  EXPECT_EQ(Login(M("admin_b").user.email, PasswordOf("admin_b")).status, 200);
}

TEST_F(Accounts, AStolenSessionCannotMintATokenThatOutlivesAPasswordReset) {
  const std::string email = M("req_a1").user.email;
  const std::string session = Session(email, PasswordOf("req_a1"));
  // Without the current password, or with a wrong one, no token.
  ExpectProblem(client.PostJson("/api/v1/auth/tokens", R"({"name":"backdoor"})", session), 422, "validation",
                "current_password");
  ExpectProblem(client.PostJson("/api/v1/auth/tokens", R"({"name":"backdoor","current_password":"guess-guess-123"})", session),
                422, "validation", "current_password");
  auto minted = client.PostJson("/api/v1/auth/tokens",
                                R"({"name":"script","current_password":")" + PasswordOf("req_a1") + R"("})", session);
  ASSERT_EQ(minted.status, 201) << minted.body;
  const std::string personal(Parse(minted).at("token").as_string());
  ASSERT_EQ(client.Get("/api/v1/me", personal).status, 200);
  // Recovery: a reset revokes every session and every personal token of the user.
  auto issued = app::auth::IssuePasswordReset(server.app.Context(), email);
  ASSERT_TRUE(issued);
  auto reset = client.PostJson("/api/v1/auth/password-reset",
                               R"({"token":")" + issued->token + R"(","new_password":"recovered passphrase 42"})");
  ASSERT_EQ(reset.status, 200) << reset.body;
  ExpectProblem(client.Get("/api/v1/me", session), 401, "unauthenticated");
  ExpectProblem(client.Get("/api/v1/me", personal), 401, "unauthenticated");
  ExpectProblem(client.Get("/api/v1/me", M("req_a1").token), 401, "unauthenticated");
  EXPECT_EQ(Login(email, "recovered passphrase 42").status, 200);
}

TEST_F(Accounts, RevokingARevokedOrExpiredTokenIsNotFoundAndWritesNothing) {
  const std::string& agent = M("agent").token;
  auto made = Parse(client.PostJson("/api/v1/auth/tokens", R"({"name":"once","current_password":"password-agent-123"})", agent));
  const std::string url = "/api/v1/auth/tokens/" + std::to_string(made.at("id").as_int64());
  const auto revocations = [&] {
    int count = 0;
    for (const auto& [action, after] : Audit()) count += action == "token.revoked" ? 1 : 0;
    return count;
  };
  EXPECT_EQ(Delete(url, agent).status, 204);
  const int after_first = revocations();
  ExpectProblem(Delete(url, agent), 404, "not-found");
  EXPECT_EQ(revocations(), after_first) << "no second token.revoked event";
  const auto expires = FormatTimestamp(server.app.clock.Now() + std::chrono::hours(1));
  auto short_lived = Parse(client.PostJson(
      "/api/v1/auth/tokens", R"({"name":"short","current_password":"password-agent-123","expires_at":")" + expires + R"("})",
      agent));
  server.app.clock.Advance(std::chrono::hours(2));
  ExpectProblem(Delete("/api/v1/auth/tokens/" + std::to_string(short_lived.at("id").as_int64()), agent), 404, "not-found");
  EXPECT_EQ(revocations(), after_first);
}

TEST_F(Accounts, AUserARoutingRuleNamesIsNotDeletedAndIdsAreNeverReused) {
  auto created = client.PostJson("/api/v1/users",
                                 R"({"organization_id":)" + std::to_string(server.world.partner.id.value) +
                                     R"(,"email":"temp@partner.example","name":"Temp","role":"agent"})",
                                 M("admin").token);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = Parse(created).at("id").as_int64();
  const std::string url = "/api/v1/users/" + std::to_string(id);
  auto rule = client.PostJson("/api/v1/rules",
                              R"({"name":"To temp","conditions":[{"field":"service","op":"eq","values":["m365"]}],)"
                              R"("actions":[{"action":"set_assignee","values":[")" + std::to_string(id) + R"("]}]})",
                              M("admin").token);
  ASSERT_EQ(rule.status, 201) << rule.body;
  const std::string rule_url = "/api/v1/rules/" + std::to_string(Parse(rule).at("id").as_int64());
  auto refused = Delete(url, M("admin").token);
  ExpectProblem(refused, 409, "in-use");
  EXPECT_NE(refused.body.find("To temp"), std::string::npos) << refused.body;
  ASSERT_EQ(Delete(rule_url, M("admin").token).status, 204);
  ASSERT_EQ(Delete(url, M("admin").token).status, 204);
  // The next user gets a new id, never the deleted one.
  auto next = client.PostJson("/api/v1/users",
                              R"({"organization_id":)" + std::to_string(server.world.partner.id.value) +
                                  R"(,"email":"newcomer@partner.example","name":"Newcomer","role":"agent"})",
                              M("admin").token);
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_GT(Parse(next).at("id").as_int64(), id);
}

// The command line runs in another process than the server: a revocation it makes must still
// apply to the server's very next request (no cache), and a reset it prints must work.
TEST(AccountsCli, TokenListRevokeAndResetPasswordAgainstARunningServer) {
  const std::map<std::string, std::string> env = {{"TIERDESK_PASSWORD_HASH", "minimum"},
                                                  {"TIERDESK_ACCESS_LOG", "false"},
                                                  {"TIERDESK_ADMIN_PASSWORD", "admin-password-123"}};
  TempDir dir;
  auto init = RunCommand({TierdeskBinary(), "init", "--data-dir", dir.path, "--admin-email", "root@partner.example",
                          "--partner-name", "CLI Partner"},
                         env);
  ASSERT_EQ(init.exit_code, 0) << init.output;
  auto made = RunCommand({TierdeskBinary(), "token", "create", "--data-dir", dir.path, "--email", "root@partner.example",
                          "--name", "ops"},
                         env);
  ASSERT_EQ(made.exit_code, 0) << made.output;
  const std::string token = made.output.substr(0, made.output.find('\n'));
  ChildProcess serve({TierdeskBinary(), "serve", "--data-dir", dir.path, "--listen", "127.0.0.1:0"}, env,
                     dir.path + "/serve.log");
  ASSERT_TRUE(serve.WaitForOutput("serving on", seconds(30))) << serve.Output();
  const std::string marker = "serving on http://127.0.0.1:";
  const auto output = serve.Output();
  HttpClient client(static_cast<std::uint16_t>(std::stoi(output.substr(output.find(marker) + marker.size()))));
  ASSERT_EQ(client.Get("/api/v1/me", token).status, 200);

  auto listed = RunCommand({TierdeskBinary(), "token", "list", "--data-dir", dir.path, "--email", "root@partner.example"}, env);
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("personal\tops"), std::string::npos) << listed.output;
  EXPECT_EQ(listed.output.find(token.substr(4)), std::string::npos) << "no secret printed";
  const std::string id = listed.output.substr(0, listed.output.find('\t'));
  auto revoked = RunCommand({TierdeskBinary(), "token", "revoke", "--data-dir", dir.path, "--id", id}, env);
  ASSERT_EQ(revoked.exit_code, 0) << revoked.output;
  EXPECT_EQ(client.Get("/api/v1/me", token).status, 401) << "revoked from another process, refused at once";
  EXPECT_NE(RunCommand({TierdeskBinary(), "token", "revoke", "--data-dir", dir.path, "--id", "99999"}, env).exit_code, 0);

  auto reset = RunCommand({TierdeskBinary(), "user", "reset-password", "--data-dir", dir.path, "root@partner.example"}, env);
  ASSERT_EQ(reset.exit_code, 0) << reset.output;
  const std::string reset_token = reset.output.substr(reset.output.find("tdr_"), 47);
  auto used = client.PostJson("/api/v1/auth/password-reset",
                              R"({"token":")" + reset_token + R"(","new_password":"operator reset passphrase 1"})");
  EXPECT_EQ(used.status, 200) << used.body;
  EXPECT_EQ(client.PostJson("/api/v1/auth/login", R"({"email":"root@partner.example","password":"operator reset passphrase 1"})")
                .status,
            200);
  EXPECT_NE(RunCommand({TierdeskBinary(), "user", "reset-password", "--data-dir", dir.path, "nobody@x.example"}, env).exit_code,
            0);
  serve.Signal(SIGTERM);
  EXPECT_EQ(serve.Wait(seconds(30)), 0);
}

}  // namespace
}  // namespace tierdesk::testing
