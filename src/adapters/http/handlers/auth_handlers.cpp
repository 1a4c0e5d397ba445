#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "app/auth/auth.hpp"
#include "app/org/org.hpp"
#include "app/user/user.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

void RegisterAuthRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/auth/login", Auth::kPublic, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::auth::LoginInput input;
      input.email = reader.String("email", true).value_or("");
      input.password = reader.String("password", true).value_or("");
      TD_CHECK(reader.Finish());
      input.remote_address = call.request.remote_address;
      auto result = TD_TRY(app::auth::Login(services.app, services.throttle, std::move(input)));
      return JsonResponse(200, json::object{{"token", result.token},
                                            {"token_type", "Bearer"},
                                            {"expires_at", FormatTimestamp(result.expires_at)},
                                            {"user", ToJson(result.user)}});
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
