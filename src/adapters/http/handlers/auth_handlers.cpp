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

json::value SettingsJson(const core::PartnerSettings& s) {
  json::array order;
  for (const auto& kind : s.escalation_order) order.emplace_back(kind);
  return json::object{{"default_plan_id", s.default_plan.valid() ? json::value(s.default_plan.value) : json::value(nullptr)},
                      {"support_email", s.support_email},
                      {"support_phone", s.support_phone},
                      {"support_website", s.support_website},
                      {"escalation_order", std::move(order)},
                      {"escalation_minutes_per_case", s.escalation_minutes_per_case},
                      {"internal_hourly_cost", s.internal_hourly_cost},
                      {"internal_cost_currency", s.internal_cost_currency},
                      {"prepaid_low_balance_percent", s.prepaid_low_balance_percent},
                      {"customer_users_any_domain", s.customer_users_any_domain}};
}

// The sign-in device cookie: not a credential (a password is still needed), only what tells
// the throttle this browser or program signed in to the account before.
constexpr std::string_view kDeviceCookie = "tierdesk_device";

std::string DeviceCookie(const Request& request) {
  const auto header = request.Header("cookie");
  if (!header) return {};
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view pair = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > kDeviceCookie.size() && pair.substr(0, kDeviceCookie.size()) == kDeviceCookie &&
        pair[kDeviceCookie.size()] == '=') {
      return std::string(pair.substr(kDeviceCookie.size() + 1));
    }
  }
  return {};
}

}  // namespace

void RegisterAuthRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/auth/login", Auth::kPublic, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::auth::LoginInput input;
      input.email = reader.String("email", true).value_or("");
      input.password = reader.String("password", true).value_or("");
      TD_CHECK(reader.Finish());
      const auto client = ResolveClientAddress(call.request, services.options.trusted_proxies);
      input.remote_address = client.address;
      input.network = client.network;
      input.device_token = DeviceCookie(call.request);
      auto result = TD_TRY(app::auth::Login(services.app, services.throttle, services.verification_gate, std::move(input)));
      Response response = JsonResponse(200, json::object{{"token", result.token},
                                                         {"token_type", "Bearer"},
                                                         {"expires_at", FormatTimestamp(result.expires_at)},
                                                         {"user", ToJson(result.user)}});
      response.SetHeader("Set-Cookie", std::string(kDeviceCookie) + "=" + result.device_token +
                                           "; Path=/api/v1/auth; Max-Age=31536000; Secure; HttpOnly; SameSite=Strict");
      return response;
    });
  });

  router.Add("GET", "/api/v1/partner/settings", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const auto s = TD_TRY(app::org::GetPartnerSettings(services.app, call.actor));
      return JsonResponse(200, SettingsJson(s));
    });
  });
  router.Add("PATCH", "/api/v1/partner/settings", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto settings = TD_TRY(app::org::GetPartnerSettings(services.app, call.actor));
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      if (auto plan = reader.NullableId("default_plan_id")) settings.default_plan = PlanId{*plan};
      if (auto email = reader.String("support_email")) settings.support_email = *email;
      if (auto phone = reader.String("support_phone")) settings.support_phone = *phone;
      if (auto website = reader.String("support_website")) settings.support_website = *website;
      if (auto order = reader.StringArray("escalation_order")) settings.escalation_order = *order;
      if (auto minutes = reader.Int("escalation_minutes_per_case")) settings.escalation_minutes_per_case = *minutes;
      if (auto cost = reader.Int("internal_hourly_cost")) settings.internal_hourly_cost = *cost;
      if (auto currency = reader.String("internal_cost_currency")) settings.internal_cost_currency = *currency;
      if (auto any = reader.Bool("customer_users_any_domain")) settings.customer_users_any_domain = *any;
      if (auto percent = reader.Int("prepaid_low_balance_percent")) {
        settings.prepaid_low_balance_percent = static_cast<int>(std::clamp<std::int64_t>(*percent, -1, 101));
      }
      TD_CHECK(reader.Finish());
      const auto s = TD_TRY(app::org::UpdatePartnerSettings(services.app, call.actor, settings));
      return JsonResponse(200, SettingsJson(s));
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
