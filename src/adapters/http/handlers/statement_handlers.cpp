#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "core/common/text.hpp"
#include "app/offering/statement.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

Result<core::Language> LanguageOf(const Request& request, const core::Organization& customer) {
  const auto lang = request.Query("lang");
  if (!lang) return core::LanguageFor(customer.locale);
  if (*lang == "en") return core::Language::kEnglish;
  if (*lang == "ko") return core::Language::kKorean;
  return Fail(BadParameter("lang", "must be en or ko"));
}

struct Rendered {
  app::offering::Statement statement;
  core::SupportStatementText text;
  core::Language language;
};

Result<Rendered> Render(ApiServices& services, const Call& call) {
  const OrgId customer{TD_TRY(PathId(call, 0, "customer"))};
  auto statement = TD_TRY(app::offering::GetSupportStatement(services.app, call.actor, customer));
  const auto language = TD_TRY(LanguageOf(call.request, statement.terms.customer));
  const auto zone = TD_TRY(services.app.zones.Load(statement.terms.customer.time_zone.empty() ? "UTC"
                                                                                               : statement.terms.customer.time_zone));
  const auto now = std::chrono::floor<std::chrono::seconds>(services.app.clock.Now()).time_since_epoch().count();
  auto text = core::RenderStatement(statement.terms, language, now, *zone);
  return Rendered{std::move(statement), std::move(text), language};
}

}  // namespace

const std::string_view kSupportStatementStyle =
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.5;"
    "color:#1b1b1b}h1{font-size:1.6rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:2rem}"
    "dt{font-weight:600}dd{margin:0 0 .5rem 0}footer{color:#666;font-size:.8rem;margin-top:3rem}"
    "@media print{body{margin:0}}";

void RegisterStatementRoutes(Router& router, ApiServices& services) {
  router.Add("GET", "/api/v1/customers/{id}/support-statement", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto rendered = TD_TRY(Render(services, call));
      json::array sections;
      for (const auto& [heading, lines] : rendered.text.sections) {
        json::array items;
        for (const auto& line : lines) items.push_back(json::object{{"label", line.label}, {"text", line.text}});
        sections.push_back(json::object{{"heading", heading}, {"lines", std::move(items)}});
      }
      const auto& terms = rendered.statement.terms;
      Response response = JsonResponse(
          200, json::object{{"customer_id", terms.customer.id.value},
                            {"language", rendered.language == core::Language::kKorean ? "ko" : "en"},
                            {"version_hash", rendered.statement.version_hash},
                            {"plan", terms.plan ? json::value(json::object{{"id", terms.plan->id.value},
                                                                           {"version", terms.plan->version},
                                                                           {"name", terms.plan->name}})
                                                : json::value(nullptr)},
                            {"agreement_id", terms.agreement ? json::value(terms.agreement->id.value) : json::value(nullptr)},
                            {"title", rendered.text.title},
                            {"sections", std::move(sections)},
                            {"html", "/support/" + std::to_string(terms.customer.id.value)}});
      response.SetHeader("ETag", "\"" + rendered.statement.version_hash + "\"");
      return response;
    });
  });
  router.Add("GET", "/support/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto rendered = TD_TRY(Render(services, call));
      const char* lang = rendered.language == core::Language::kKorean ? "ko" : "en";
      std::string html = std::string("<!doctype html>\n<html lang=\"") + lang + "\"><head><meta charset=\"utf-8\">" +
                         "<title>" + HtmlEscape(rendered.text.title) + "</title>" +
                         "<style>" + std::string(kSupportStatementStyle) + "</style></head><body>\n<h1>" +
                         HtmlEscape(rendered.text.title) + "</h1>\n";
      for (const auto& [heading, lines] : rendered.text.sections) {
        html += "<section><h2>" + HtmlEscape(heading) + "</h2><dl>\n";
        for (const auto& line : lines) {
          if (!line.label.empty()) html += "<dt>" + HtmlEscape(line.label) + "</dt>";
          html += "<dd>" + HtmlEscape(line.text) + "</dd>\n";
        }
        html += "</dl></section>\n";
      }
      html += "<footer>" + HtmlEscape(rendered.statement.version_hash) + "</footer>\n</body></html>\n";
      Response response;
      response.content_type = "text/html; charset=utf-8";
      response.body = std::move(html);
      response.SetHeader("ETag", "\"" + rendered.statement.version_hash + "\"");
      return response;  // its Content-Security-Policy and other headers: Api::Run
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
