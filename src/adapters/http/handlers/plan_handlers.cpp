#include <boost/json.hpp>

#include <charconv>

#include "adapters/http/handlers/common.hpp"
#include "app/offering/agreement.hpp"
#include "app/offering/plan.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;


namespace {

// `names` or `descriptions`: the plan's words in languages besides English, {"ko": "..."}. The
// English is `name` and `description` themselves, and stands in where a language has none.
void ReadTranslations(ObjectReader& reader, const char* key, std::string& korean) {
  const auto* translations = reader.Object(key);
  if (translations == nullptr) return;
  ObjectReader item(*translations, std::string(key) + ".");
  if (translations->contains("en")) {
    item.String("en");
    item.AddError(std::string(key) + ".en", std::string("the English is the plan's ") +
                                                (std::string_view(key) == "names" ? "name" : "description"));
  }
  korean = item.String("ko").value_or("");
  reader.Absorb(item);
}

json::object TranslationsJson(const std::string& korean) {
  json::object out;
  if (!korean.empty()) out["ko"] = korean;
  return out;
}

// Reads a plan's terms strictly; every field error names its full path.
Result<core::Plan> ReadPlan(const json::object& body) {
  ObjectReader reader(body);
  core::Plan plan;
  plan.name = reader.String("name", true).value_or("");
  plan.description = reader.String("description").value_or("");
  ReadTranslations(reader, "names", plan.name_ko);
  ReadTranslations(reader, "descriptions", plan.description_ko);
  if (auto id = reader.NullableId("service_hours_calendar_id")) plan.service_hours = CalendarId{*id};
  if (const auto* coverage = reader.ObjectArray("coverage")) {
    for (std::size_t i = 0; i < coverage->size(); ++i) {
      ObjectReader item((*coverage)[i].as_object(), "coverage[" + std::to_string(i) + "].");
      core::Plan::Coverage entry;
      entry.service = item.String("service", true).value_or("");
      entry.category = item.Enum<core::Category>("category", core::ParseCategory, true).value_or(core::Category::kTechnical);
      plan.coverage.push_back(entry);
      reader.Absorb(item);
    }
  }
  if (const auto* channels = reader.ObjectArray("channels")) {
    for (std::size_t i = 0; i < channels->size(); ++i) {
      ObjectReader item((*channels)[i].as_object(), "channels[" + std::to_string(i) + "].");
      core::ContactChannel channel;
      channel.kind = item.Enum<core::ContactChannel::Kind>("kind", core::ParseContactKind, true)
                         .value_or(core::ContactChannel::Kind::kPortal);
      channel.address = item.String("address").value_or("");
      if (auto id = item.NullableId("hours_calendar_id")) channel.hours = CalendarId{*id};
      plan.channels.push_back(channel);
      reader.Absorb(item);
    }
  }
  if (auto targets = ReadSeverityTargets(reader, "targets", "")) plan.targets = *targets;
  plan.pause_in_pending_vendor = reader.Bool("pause_in_pending_vendor").value_or(true);
  if (const auto* pricing = reader.Object("pricing", true)) {
    ObjectReader p(*pricing, "pricing.");
    auto& out = plan.pricing;
    out.model = p.Enum<core::Pricing::Model>("model", core::ParsePricingModel, true).value_or(core::Pricing::Model::kIncluded);
    out.currency = p.String("currency", true).value_or("");
    out.per_incident = p.Int("per_incident").value_or(0);
    out.hourly_rate = p.Int("hourly_rate").value_or(0);
    out.increment_minutes = static_cast<int>(std::clamp<std::int64_t>(p.Int("increment_minutes").value_or(15), -1, 100000));
    out.minimum_minutes = static_cast<int>(std::clamp<std::int64_t>(p.Int("minimum_minutes").value_or(0), -1, 100000));
    out.after_hours_percent = static_cast<int>(std::clamp<std::int64_t>(p.Int("after_hours_percent").value_or(100), -1, 100000));
    out.monthly_fee = p.Int("monthly_fee").value_or(0);
    out.included_minutes = p.Int("included_minutes").value_or(0);
    out.overage_hourly_rate = p.Int("overage_hourly_rate").value_or(0);
    out.block_unit = p.Enum<core::Pricing::BlockUnit>("block_unit", core::ParseBlockUnit).value_or(core::Pricing::BlockUnit::kHours);
    out.block_size = p.Int("block_size").value_or(0);
    out.block_price = p.Int("block_price").value_or(0);
    out.when_exhausted = p.Enum<core::Pricing::WhenExhausted>("when_exhausted", core::ParseWhenExhausted)
                             .value_or(core::Pricing::WhenExhausted::kPayAsYouGo);
    reader.Absorb(p);
  }
  if (const auto* delivery = reader.Object("delivery")) {
    ObjectReader d(*delivery, "delivery.");
    plan.delivery = d.Enum<core::Plan::Delivery>("mode", core::ParseDelivery, true).value_or(core::Plan::Delivery::kInHouse);
    if (auto id = d.NullableId("provider_id")) plan.provider = OrgId{*id};
    plan.provider_hourly_cost = d.Int("provider_hourly_cost").value_or(0);
    reader.Absorb(d);
  }
  if (const auto* out_of_scope = reader.Object("out_of_scope")) {
    ObjectReader o(*out_of_scope, "out_of_scope.");
    plan.out_of_scope = o.Enum<core::Plan::OutOfScope>("policy", core::ParseOutOfScope, true).value_or(core::Plan::OutOfScope::kRefuse);
    plan.out_of_scope_hourly_rate = o.Int("hourly_rate").value_or(0);
    reader.Absorb(o);
  }
  TD_CHECK(reader.Finish());
  return plan;
}

// Prices and the provider's cost only as core::MoneyViewFor lets the viewer see them (else null).
json::value PlanJson(const core::Plan& plan, const core::Actor& viewer) {
  const auto money = core::MoneyViewFor(viewer);
  json::array coverage;
  for (const auto& c : plan.coverage) coverage.push_back(json::object{{"service", c.service}, {"category", core::ToString(c.category)}});
  json::array channels;
  for (const auto& ch : plan.channels) {
    channels.push_back(json::object{{"kind", core::ToString(ch.kind)}, {"address", ch.address},
                                    {"hours_calendar_id", IdOrNull(ch.hours.value)}});
  }
  const auto& p = plan.pricing;
  return json::object{
      {"id", plan.id.value},
      {"version", plan.version},
      {"name", plan.name},
      {"description", plan.description},
      {"names", TranslationsJson(plan.name_ko)},
      {"descriptions", TranslationsJson(plan.description_ko)},
      {"service_hours_calendar_id", IdOrNull(plan.service_hours.value)},
      {"coverage", std::move(coverage)},
      {"channels", std::move(channels)},
      {"targets", SeverityTargetsJson(plan.targets)},
      {"pause_in_pending_vendor", plan.pause_in_pending_vendor},
      {"pricing", !money.prices ? json::value(nullptr) : json::value(json::object{{"model", core::ToString(p.model)},
                               {"currency", p.currency},
                               {"per_incident", p.per_incident},
                               {"hourly_rate", p.hourly_rate},
                               {"increment_minutes", p.increment_minutes},
                               {"minimum_minutes", p.minimum_minutes},
                               {"after_hours_percent", p.after_hours_percent},
                               {"monthly_fee", p.monthly_fee},
                               {"included_minutes", p.included_minutes},
                               {"overage_hourly_rate", p.overage_hourly_rate},
                               {"block_unit", core::ToString(p.block_unit)},
                               {"block_size", p.block_size},
                               {"block_price", p.block_price},
                               {"when_exhausted", core::ToString(p.when_exhausted)},
                               {"minor_units", core::MinorUnits(p.currency)}})},
      {"delivery", json::object{{"mode", core::ToString(plan.delivery)},
                                {"provider_id", IdOrNull(plan.provider.value)},
                                {"provider_hourly_cost", money.MaySeeCost(plan.provider)
                                                            ? json::value(plan.provider_hourly_cost)
                                                            : json::value(nullptr)}}},
      {"out_of_scope", json::object{{"policy", core::ToString(plan.out_of_scope)},
                                    {"hourly_rate", money.prices ? json::value(plan.out_of_scope_hourly_rate)
                                                                 : json::value(nullptr)}}}};
}

Response PlanResponse(int status, const core::Plan& plan, const core::Actor& viewer) {
  Response response = JsonResponse(status, PlanJson(plan, viewer));
  response.SetHeader("ETag", "\"v" + std::to_string(plan.version) + "\"");
  return response;
}

// {customer_id, plan_id, plan_version?, start_date, end_date?, overrides?, prepaid_minutes?,
// prepaid_incidents?}
Result<core::Agreement> ReadAgreement(const json::object& body) {
  ObjectReader reader(body);
  core::Agreement agreement;
  agreement.customer_id = OrgId{reader.Int("customer_id", true).value_or(0)};
  agreement.plan_id = PlanId{reader.Int("plan_id", true).value_or(0)};
  agreement.plan_version = reader.Int("plan_version").value_or(0);
  const auto start = reader.String("start_date", true);
  if (start) {
    if (auto day = core::ParseDay(*start)) {
      agreement.start = *day;
    } else {
      reader.AddError("start_date", "must be a date such as 2026-12-01");
    }
  }
  if (const auto end = reader.String("end_date")) {
    if (auto day = core::ParseDay(*end)) {
      agreement.end = *day;
    } else {
      reader.AddError("end_date", "must be a date such as 2027-11-30, or null");
    }
  }
  if (const auto* overrides = reader.Object("overrides")) {
    ObjectReader o(*overrides, "overrides.");
    agreement.overrides.hourly_rate = o.Int("hourly_rate");
    agreement.overrides.per_incident = o.Int("per_incident");
    agreement.overrides.monthly_fee = o.Int("monthly_fee");
    agreement.overrides.targets = ReadSeverityTargets(o, "targets", "overrides.");
    reader.Absorb(o);
  }
  agreement.prepaid_minutes = reader.Int("prepaid_minutes").value_or(0);
  agreement.prepaid_incidents = reader.Int("prepaid_incidents").value_or(0);
  TD_CHECK(reader.Finish());
  return agreement;
}

json::value OptionalAmount(const std::optional<std::int64_t>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::value AgreementJson(const core::Agreement& a) {
  json::value targets = a.overrides.targets ? SeverityTargetsJson(*a.overrides.targets) : json::value(nullptr);
  return json::object{{"id", a.id.value},
                      {"customer_id", a.customer_id.value},
                      {"plan_id", a.plan_id.value},
                      {"plan_version", a.plan_version},
                      {"start_date", core::FormatDay(a.start)},
                      {"end_date", a.end ? json::value(core::FormatDay(*a.end)) : json::value(nullptr)},
                      {"overrides", json::object{{"hourly_rate", OptionalAmount(a.overrides.hourly_rate)},
                                                 {"per_incident", OptionalAmount(a.overrides.per_incident)},
                                                 {"monthly_fee", OptionalAmount(a.overrides.monthly_fee)},
                                                 {"targets", std::move(targets)}}},
                      {"prepaid_minutes", a.prepaid_minutes},
                      {"prepaid_incidents", a.prepaid_incidents},
                      {"created_at", FormatTimestamp(a.created_at)}};
}

}  // namespace

void RegisterOfferingRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/agreements", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto input = TD_TRY(ReadAgreement(TD_TRY(JsonBody(call.request))));
      auto agreement = TD_TRY(app::offering::CreateAgreement(services.app, call.actor, std::move(input)));
      Response response = JsonResponse(201, AgreementJson(agreement));
      response.SetHeader("Location", "/api/v1/agreements/" + std::to_string(agreement.id.value));
      return response;
    });
  });
  router.Add("GET", "/api/v1/agreements", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      std::optional<OrgId> customer;
      for (const auto& [name, value] : call.request.query) {
        std::int64_t id = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
        if (name != "customer_id" || ec != std::errc() || end != value.data() + value.size() || id < 1) {
          return Fail(BadParameter(name, name == "customer_id" ? "must be an organisation id" : "is not a known parameter"));
        }
        customer = OrgId{id};
      }
      json::array items;
      for (const auto& a : TD_TRY(app::offering::ListAgreements(services.app, call.actor, customer))) {
        items.push_back(AgreementJson(a));
      }
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
    });
  });
  router.Add("GET", "/api/v1/agreements/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const AgreementId id{TD_TRY(PathId(call, 0, "agreement"))};
      return JsonResponse(200, AgreementJson(TD_TRY(app::offering::GetAgreement(services.app, call.actor, id))));
    });
  });
  router.Add("PATCH", "/api/v1/agreements/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const AgreementId id{TD_TRY(PathId(call, 0, "agreement"))};
      const auto body = TD_TRY(JsonBody(call.request));
      ObjectReader reader(body);
      std::optional<core::Day> end;
      const auto* value = body.if_contains("end_date");
      if (value == nullptr) reader.AddError("end_date", "is required (null removes the end)");
      if (const auto text = reader.String("end_date")) {
        end = core::ParseDay(*text);
        if (!end) reader.AddError("end_date", "must be a date such as 2027-11-30, or null");
      }
      TD_CHECK(reader.Finish());
      return JsonResponse(200, AgreementJson(TD_TRY(app::offering::SetAgreementEnd(services.app, call.actor, id, end))));
    });
  });

  router.Add("POST", "/api/v1/plans", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto terms = TD_TRY(ReadPlan(TD_TRY(JsonBody(call.request))));
      auto plan = TD_TRY(app::offering::CreatePlan(services.app, call.actor, std::move(terms)));
      Response response = PlanResponse(201, plan, call.actor);
      response.SetHeader("Location", "/api/v1/plans/" + std::to_string(plan.id.value));
      return response;
    });
  });
  router.Add("GET", "/api/v1/plans", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      json::array items;
      for (const auto& plan : TD_TRY(app::offering::ListPlans(services.app, call.actor))) items.push_back(PlanJson(plan, call.actor));
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
    });
  });
  router.Add("GET", "/api/v1/plans/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const PlanId id{TD_TRY(PathId(call, 0, "plan"))};
      std::int64_t version = 0;
      for (const auto& [name, value] : call.request.query) {
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
        if (name != "version" || ec != std::errc() || end != value.data() + value.size() || version < 1) {
          return Fail(BadParameter(name, name == "version" ? "must be a version number" : "is not a known parameter"));
        }
      }
      return PlanResponse(200, TD_TRY(app::offering::GetPlan(services.app, call.actor, id, version)), call.actor);
    });
  });
  router.Add("PUT", "/api/v1/plans/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const PlanId id{TD_TRY(PathId(call, 0, "plan"))};
      auto terms = TD_TRY(ReadPlan(TD_TRY(JsonBody(call.request))));
      auto plan = TD_TRY(app::offering::ReplacePlan(services.app, call.actor, id, std::move(terms),
                                                    ReadIfMatchVersion(call.request)));
      return PlanResponse(200, plan, call.actor);
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
