// Accounts: changing, deactivating and deleting users; signing out; personal tokens; passwords.
#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "app/auth/auth.hpp"
#include "app/user/user.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

json::value OptionalTime(const std::optional<Timestamp>& at) {
  return at ? json::value(FormatTimestamp(*at)) : json::value(nullptr);
}

// A token as the API shows it: never its secret or its hash.
json::object TokenJson(const core::TokenRecord& token, std::string_view current_hash) {
  return json::object{{"id", token.id.value},
                      {"user_id", token.user_id.value},
                      {"kind", token.kind == core::TokenKind::kPersonal ? "personal" : "session"},
                      {"name", token.name},
                      {"created_at", FormatTimestamp(token.created_at)},
                      {"expires_at", OptionalTime(token.expires_at)},
                      {"last_used_at", OptionalTime(token.last_used_at)},
                      {"revoked_at", OptionalTime(token.revoked_at)},
                      {"current", !current_hash.empty() && token.token_hash == current_hash}};
}

Response UserResponse(const app::user::UpdatedUser& updated) {
  json::value out = ToJson(updated.user);
  json::array teams;
  for (const auto team : updated.teams) teams.emplace_back(team.value);
  out.as_object()["teams"] = std::move(teams);
  Response response = JsonResponse(200, out);
  response.SetHeader("ETag", "\"v" + std::to_string(updated.user.version) + "\"");
  return response;
}

}  // namespace

void RegisterAccountRoutes(Router& router, ApiServices& services) {
  router.Add("PATCH", "/api/v1/users/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const UserId id{TD_TRY(PathId(call, 0, "user"))};
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      core::UserPatch patch;
      patch.name = reader.String("name");
      patch.email = reader.String("email");
      patch.role = reader.Enum<core::Role>("role", core::ParseRole);
      if (auto teams = reader.IdArray("teams")) {
        patch.teams.emplace();
        for (const auto team : *teams) patch.teams->push_back(TeamId{team});
      }
      patch.active = reader.Bool("active");
      TD_CHECK(reader.Finish());
      return UserResponse(TD_TRY(app::user::UpdateUser(services.app, call.actor, id, std::move(patch),
                                                       ReadIfMatchVersion(call.request))));
    });
  });
  router.Add("DELETE", "/api/v1/users/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const UserId id{TD_TRY(PathId(call, 0, "user"))};
      TD_CHECK(app::user::DeleteUser(services.app, call.actor, id));
      return NoContent();
    });
  });

  router.Add("POST", "/api/v1/auth/logout", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto token = TD_TRY(app::auth::Logout(services.app, call.actor, CredentialOf(call.request).token));
      Response response = JsonResponse(200, TokenJson(token, {}));
      if (CredentialOf(call.request).from_cookie) {
        const auto flags = CookieFlagsFor(services, call.request);
        response.SetHeader("Set-Cookie", ExpiredCookie(kSessionCookie, flags));
        response.SetHeader("Set-Cookie", ExpiredCookie(kCsrfCookie, flags));
      }
      return response;
    });
  });
  router.Add("POST", "/api/v1/auth/password", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::auth::PasswordChange input;
      input.current_password = reader.String("current_password", true).value_or("");
      input.new_password = reader.String("new_password", true).value_or("");
      TD_CHECK(reader.Finish());
      input.bearer_token = std::string(CredentialOf(call.request).token);
      const auto revoked = TD_TRY(app::auth::ChangePassword(services.app, services.throttle, services.verification_gate,
                                                            call.actor, std::move(input)));
      return JsonResponse(200, json::object{{"changed", true}, {"revoked_sessions", revoked}});
    });
  });
  router.Add("POST", "/api/v1/auth/password-reset", Auth::kPublic, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      const auto token = reader.String("token", true).value_or("");
      auto password = reader.String("new_password", true).value_or("");
      TD_CHECK(reader.Finish());
      const auto user = TD_TRY(app::auth::ResetPassword(services.app, services.verification_gate, token, std::move(password)));
      return JsonResponse(200, json::object{{"user_id", user.id.value}, {"email", user.email}});
    });
  });

  router.Add("GET", "/api/v1/auth/tokens", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      UserId owner = call.actor.user_id;
      for (const auto& [name, value] : call.request.query) {
        if (name != "user_id") return Fail(BadParameter(name, "is not a parameter of this list"));
        const auto id = ParsePositive(value);
        if (!id) return Fail(BadParameter(name, "must be a user id"));
        owner = UserId{*id};
      }
      const auto tokens = TD_TRY(app::auth::ListTokens(services.app, call.actor, owner));
      const std::string current = services.app.tokens.HashToken(CredentialOf(call.request).token);
      json::array items;
      for (const auto& token : tokens) items.push_back(TokenJson(token, current));
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
    });
  });
  router.Add("POST", "/api/v1/auth/tokens", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      auto name = reader.String("name", true).value_or("");
      const auto current_password = reader.String("current_password", true).value_or("");
      std::optional<Timestamp> expires_at;
      if (auto text = reader.String("expires_at")) {
        expires_at = ParseTimestamp(*text);
        if (!expires_at) reader.AddError("expires_at", "must be an RFC 3339 time such as 2027-01-01T00:00:00Z");
      }
      TD_CHECK(reader.Finish());
      auto created = TD_TRY(app::auth::CreateOwnToken(services.app, services.throttle, services.verification_gate,
                                                              call.actor, current_password, std::move(name), expires_at));
      json::object out = TokenJson(created.record, {});
      out["token"] = created.token;
      return JsonResponse(201, out);
    });
  });
  router.Add("DELETE", "/api/v1/auth/tokens/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TokenId id{TD_TRY(PathId(call, 0, "token"))};
      TD_TRY(app::auth::RevokeToken(services.app, call.actor, id));
      return NoContent();
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
