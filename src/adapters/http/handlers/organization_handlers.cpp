// Changing organisations, the partner's own settings and subscriptions after they were created.
#include <algorithm>

#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "app/directory/directory.hpp"
#include "app/org/org.hpp"
#include "app/org/partner.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

std::string VersionTag(std::int64_t version) { return "\"v" + std::to_string(version) + "\""; }

Response OrganizationResponse(const core::Organization& org) {
  Response response = JsonResponse(200, ToJson(org));
  response.SetHeader("ETag", VersionTag(org.version));
  return response;
}

Response SubscriptionResponse(const app::directory::SubscriptionView& view) {
  json::value body = ToJson(view.subscription);
  json::array history;
  for (const auto& line : view.history) {
    history.push_back(json::object{{"id", line.id},
                                   {"action", line.action},
                                   {"field", line.field},
                                   {"before", line.before},
                                   {"after", line.after},
                                   {"actor_id", IdOrNull(line.actor_id.value)},
                                   {"reason", line.reason},
                                   {"created_at", FormatTimestamp(line.created_at)}});
  }
  body.as_object()["history"] = std::move(history);
  Response response = JsonResponse(200, body);
  response.SetHeader("ETag", VersionTag(view.subscription.version));
  return response;
}

// The partner's profile fields a body may carry, read into a patch.
void ReadProfile(ObjectReader& reader, core::OrganizationPatch& patch) {
  patch.name = reader.String("name");
  patch.domains = reader.StringArray("domains");
  patch.country = reader.String("country");
  patch.locale = reader.String("locale");
  patch.time_zone = reader.String("time_zone");
}

json::value SettingsJson(const app::org::PartnerView& view) {
  const auto& s = view.settings;
  json::array order;
  for (const auto& kind : s.escalation_order) order.emplace_back(kind);
  json::array domains;
  for (const auto& domain : view.partner.domains) domains.emplace_back(domain);
  return json::object{{"name", view.partner.name},
                      {"domains", std::move(domains)},
                      {"country", view.partner.country},
                      {"locale", view.partner.locale},
                      {"time_zone", view.partner.time_zone},
                      {"default_plan_id", s.default_plan.valid() ? json::value(s.default_plan.value) : json::value(nullptr)},
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

}  // namespace

void RegisterOrganizationRoutes(Router& router, ApiServices& services) {
  router.Add("PATCH", "/api/v1/organizations/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const OrgId id{TD_TRY(PathId(call, 0, "organization"))};
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      core::OrganizationPatch patch;
      ReadProfile(reader, patch);
      patch.tenant_id = reader.String("tenant_id");
      if (auto parent = reader.Int("parent_id")) patch.parent_id = OrgId{*parent};
      patch.active = reader.Bool("active");
      TD_CHECK(reader.Finish());
      return OrganizationResponse(TD_TRY(app::org::UpdateOrganization(services.app, call.actor, id, std::move(patch),
                                                                      ReadIfMatchVersion(call.request))));
    });
  });
  router.Add("DELETE", "/api/v1/organizations/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const OrgId id{TD_TRY(PathId(call, 0, "organization"))};
      TD_CHECK(app::org::DeleteOrganization(services.app, call.actor, id));
      return NoContent();
    });
  });

  router.Add("GET", "/api/v1/partner/settings", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      return JsonResponse(200, SettingsJson(TD_TRY(app::org::GetPartnerView(services.app, call.actor))));
    });
  });
  router.Add("PATCH", "/api/v1/partner/settings", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto settings = TD_TRY(app::org::GetPartnerSettings(services.app, call.actor));
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      core::OrganizationPatch profile;
      ReadProfile(reader, profile);
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
      return JsonResponse(200, SettingsJson(TD_TRY(app::org::UpdatePartnerSettings(services.app, call.actor, settings,
                                                                                   std::move(profile)))));
    });
  });

  router.Add("GET", "/api/v1/subscriptions/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const SubscriptionId id{TD_TRY(PathId(call, 0, "subscription"))};
      return SubscriptionResponse(TD_TRY(app::directory::GetSubscription(services.app, call.actor, id)));
    });
  });
  router.Add("PATCH", "/api/v1/subscriptions/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const SubscriptionId id{TD_TRY(PathId(call, 0, "subscription"))};
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      core::SubscriptionPatch patch;
      patch.name = reader.String("name");
      patch.service = reader.String("service");
      patch.new_commerce = reader.Bool("new_commerce");
      if (auto contact = reader.Int("support_contact_id")) patch.support_contact_id = OrgId{*contact};
      TD_CHECK(reader.Finish());
      return SubscriptionResponse(TD_TRY(app::directory::UpdateSubscription(services.app, call.actor, id, std::move(patch),
                                                                            ReadIfMatchVersion(call.request))));
    });
  });
  router.Add("POST", "/api/v1/subscriptions/{id}/cancel", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const SubscriptionId id{TD_TRY(PathId(call, 0, "subscription"))};
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      auto reason = reader.String("reason").value_or("");
      TD_CHECK(reader.Finish());
      return SubscriptionResponse(TD_TRY(app::directory::CancelSubscription(services.app, call.actor, id, std::move(reason),
                                                                            ReadIfMatchVersion(call.request))));
    });
  });
  router.Add("POST", "/api/v1/subscriptions/{id}/transfer", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const SubscriptionId id{TD_TRY(PathId(call, 0, "subscription"))};
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      const OrgId customer{reader.Int("customer_id", true).value_or(0)};
      auto reason = reader.String("reason").value_or("");
      TD_CHECK(reader.Finish());
      return SubscriptionResponse(TD_TRY(app::directory::TransferSubscription(
          services.app, call.actor, id, customer, std::move(reason), ReadIfMatchVersion(call.request))));
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
