#include <algorithm>

#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "app/directory/directory.hpp"
#include "app/org/org.hpp"
#include "app/user/user.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

template <class T>
Response ItemsResponse(const std::vector<T>& items) {
  json::array array;
  for (const auto& item : items) array.push_back(ToJson(item));
  return JsonResponse(200, json::object{{"items", std::move(array)}, {"next_cursor", nullptr}});
}

Response Created(const json::value& value, const std::string& location) {
  Response response = JsonResponse(201, value);
  response.SetHeader("Location", location);
  return response;
}

}  // namespace

void RegisterDirectoryRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/organizations", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      core::NewOrganization input;
      input.kind = reader.Enum<core::OrgKind>("kind", core::ParseOrgKind, true).value_or(core::OrgKind::kCustomer);
      input.name = reader.String("name", true).value_or("");
      if (auto parent = reader.Int("parent_id")) input.parent_id = OrgId{*parent};
      input.domains = reader.StringArray("domains").value_or(std::vector<std::string>{});
      input.tenant_id = reader.String("tenant_id").value_or("");
      input.country = reader.String("country").value_or("");
      input.locale = reader.String("locale").value_or("");
      input.time_zone = reader.String("time_zone").value_or("");
      TD_CHECK(reader.Finish());
      auto org = TD_TRY(app::org::CreateOrganization(services.app, call.actor, std::move(input)));
      return Created(ToJson(org), "/api/v1/organizations/" + std::to_string(org.id.value));
    });
  });
  router.Add("GET", "/api/v1/organizations", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      return ItemsResponse(TD_TRY(app::org::ListOrganizations(services.app, call.actor)));
    });
  });
  router.Add("GET", "/api/v1/organizations/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const OrgId id{TD_TRY(PathId(call, 0, "organization"))};
      const auto org = TD_TRY(app::org::GetOrganization(services.app, call.actor, id));
      Response response = JsonResponse(200, ToJson(org));
      response.SetHeader("ETag", "\"v" + std::to_string(org.version) + "\"");
      return response;
    });
  });

  router.Add("POST", "/api/v1/users", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      core::NewUser input;
      input.organization_id = OrgId{reader.Int("organization_id", true).value_or(0)};
      input.email = reader.String("email", true).value_or("");
      input.name = reader.String("name", true).value_or("");
      input.role = reader.Enum<core::Role>("role", core::ParseRole, true).value_or(core::Role::kRequester);
      input.password = reader.String("password").value_or("");
      TD_CHECK(reader.Finish());
      auto user = TD_TRY(app::user::CreateUser(services.app, call.actor, std::move(input), &services.verification_gate));
      return Created(ToJson(user), "/api/v1/users/" + std::to_string(user.id.value));
    });
  });
  router.Add("GET", "/api/v1/users", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      return ItemsResponse(TD_TRY(app::user::ListUsers(services.app, call.actor)));
    });
  });
  router.Add("GET", "/api/v1/users/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const UserId id{TD_TRY(PathId(call, 0, "user"))};
      const auto user = TD_TRY(app::user::GetUser(services.app, call.actor, id));
      Response response = JsonResponse(200, ToJson(user));
      response.SetHeader("ETag", "\"v" + std::to_string(user.version) + "\"");  // for PATCH's If-Match
      return response;
    });
  });

  router.Add("POST", "/api/v1/teams", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::directory::NewTeam input;
      input.name = reader.String("name", true).value_or("");
      for (const auto id : reader.IdArray("members").value_or(std::vector<std::int64_t>{})) {
        input.members.push_back(UserId{id});
      }
      input.assignment = reader.Enum<core::Assignment>("assignment", core::ParseAssignment).value_or(core::Assignment::kManual);
      input.tier = static_cast<int>(std::clamp<std::int64_t>(reader.Int("tier").value_or(0), -1, 99));
      TD_CHECK(reader.Finish());
      auto team = TD_TRY(app::directory::CreateTeam(services.app, call.actor, std::move(input)));
      return JsonResponse(201, ToJson(team));
    });
  });
  router.Add("PATCH", "/api/v1/teams/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TeamId id{TD_TRY(PathId(call, 0, "team"))};
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::directory::TeamPatch patch;
      patch.name = reader.String("name");
      if (auto members = reader.IdArray("members")) {
        patch.members.emplace();
        for (const auto member : *members) patch.members->push_back(UserId{member});
      }
      patch.assignment = reader.Enum<core::Assignment>("assignment", core::ParseAssignment);
      if (auto tier = reader.Int("tier")) patch.tier = static_cast<int>(std::clamp<std::int64_t>(*tier, -1, 99));
      TD_CHECK(reader.Finish());
      return JsonResponse(200, ToJson(TD_TRY(app::directory::UpdateTeam(services.app, call.actor, id, std::move(patch)))));
    });
  });
  router.Add("PATCH", "/api/v1/users/{id}/availability", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const UserId id{TD_TRY(PathId(call, 0, "user"))};
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::directory::Availability input;
      input.away = reader.Bool("away");
      if (auto calendar = reader.NullableId("shift_calendar_id")) input.shift_calendar = CalendarId{*calendar};
      TD_CHECK(reader.Finish());
      return JsonResponse(200, ToJson(TD_TRY(app::directory::SetAvailability(services.app, call.actor, id, input))));
    });
  });
  router.Add("GET", "/api/v1/teams", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      return ItemsResponse(TD_TRY(app::directory::ListTeams(services.app, call.actor)));
    });
  });

  router.Add("POST", "/api/v1/services", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      core::Service input;
      input.code = reader.String("code", true).value_or("");
      input.name = reader.String("name", true).value_or("");
      TD_CHECK(reader.Finish());
      auto service = TD_TRY(app::directory::CreateService(services.app, call.actor, std::move(input)));
      return JsonResponse(201, ToJson(service));
    });
  });
  router.Add("GET", "/api/v1/services", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      return ItemsResponse(TD_TRY(app::directory::ListServices(services.app, call.actor)));
    });
  });

  router.Add("POST", "/api/v1/subscriptions", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      app::directory::NewSubscription input;
      input.customer_id = OrgId{reader.Int("customer_id", true).value_or(0)};
      input.service = reader.String("service", true).value_or("");
      input.external_id = reader.String("subscription_id", true).value_or("");
      input.name = reader.String("name", true).value_or("");
      if (auto contact = reader.Int("support_contact_id")) input.support_contact_id = OrgId{*contact};
      input.new_commerce = reader.Bool("new_commerce").value_or(true);
      TD_CHECK(reader.Finish());
      auto subscription = TD_TRY(app::directory::CreateSubscription(services.app, call.actor, std::move(input)));
      return JsonResponse(201, ToJson(subscription));
    });
  });
  router.Add("GET", "/api/v1/subscriptions", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      return ItemsResponse(TD_TRY(app::directory::ListSubscriptions(services.app, call.actor)));
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
