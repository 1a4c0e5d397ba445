#include <algorithm>

#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "app/auth/auth.hpp"
#include "app/org/org.hpp"
#include "app/org/partner.hpp"
#include "app/user/user.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

// The sign-in device cookie: not a credential (a password is still needed), only what tells
// the throttle this browser or program signed in to the account before.
constexpr std::string_view kDeviceCookie = "tierdesk_device";

}  // namespace

void RegisterAuthRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/auth/login", Auth::kPublic, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::auth::LoginInput input;
      input.email = reader.String("email", true).value_or("");
      input.password = reader.String("password", true).value_or("");
      // "cookie": a browser's sign-in; the session token goes into an HttpOnly cookie, never into
      // the body, and the answer carries the session's CSRF token instead.
      const auto session = reader.String("session", false).value_or("bearer");
      TD_CHECK(reader.Finish());
      if (session != "bearer" && session != "cookie") {
        return Fail(Error::InvalidArgument("session is bearer or cookie", {{"session", "must be bearer or cookie"}}));
      }
      const auto client = ResolveClientAddress(call.request, services.options.trusted_proxies);
      input.remote_address = client.address;
      input.network = client.network;
      input.device_token = std::string(CookieValue(call.request, kDeviceCookie).value_or(""));
      auto result = TD_TRY(app::auth::Login(services.app, services.throttle, services.verification_gate, std::move(input)));
      const auto flags = CookieFlagsFor(services, call.request);
      Response response;
      if (session == "cookie") {
        const auto csrf = CsrfTokenOf(services, result.token);
        const auto now = services.app.clock.Now();
        response = JsonResponse(200, json::object{{"csrf_token", csrf},
                                                  {"expires_at", FormatTimestamp(result.expires_at)},
                                                  {"user", ToJson(result.user)}});
        response.SetHeader("Set-Cookie", SessionCookie(result.token, now, result.expires_at, flags));
        response.SetHeader("Set-Cookie", CsrfCookie(csrf, now, result.expires_at, flags));
      } else {
        response = JsonResponse(200, json::object{{"token", result.token},
                                                  {"token_type", "Bearer"},
                                                  {"expires_at", FormatTimestamp(result.expires_at)},
                                                  {"user", ToJson(result.user)}});
      }
      response.SetHeader("Set-Cookie", std::string(kDeviceCookie) + "=" + result.device_token +
                                           "; Path=/api/v1/auth; Max-Age=31536000; Secure; HttpOnly; SameSite=Strict");
      return response;
    });
  });

  router.Add("GET", "/api/v1/partner/support-profile", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto profile = TD_TRY(app::org::GetSupportProfile(services.app, call.actor));
      return JsonResponse(200, json::object{{"name", profile.name},
                                            {"email", profile.settings.support_email},
                                            {"phone", profile.settings.support_phone},
                                            {"website", profile.settings.support_website}});
    });
  });

  router.Add("GET", "/api/v1/me", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto user = TD_TRY(app::user::GetUser(services.app, call.actor, call.actor.user_id));
      auto org = TD_TRY(app::org::GetOrganization(services.app, call.actor, call.actor.org_id));
      json::value out = ToJson(user);
      out.as_object()["organization"] = ToJson(org);
      return JsonResponse(200, out);
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
