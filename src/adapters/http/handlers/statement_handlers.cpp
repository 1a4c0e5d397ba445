#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "core/common/text.hpp"
#include "app/offering/statement.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

// ?lang= when given, else the customer's locale: the statement is the customer's document, so
// it reads in the customer's language whoever opens it.
Result<core::Language> LanguageOf(const Request& request, const core::Organization& customer) {
  const auto lang = request.Query("lang");
  if (!lang) return core::LanguageFor(customer.locale);
  if (const auto language = core::ParseLanguageCode(*lang)) return *language;
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

std::string LangAttribute(const std::optional<core::Language>& language) {
  return language ? std::string(" lang=\"") + std::string(core::LanguageCode(*language)) + "\"" : std::string();
}

// The printable page: one <main> with the title and a <section> per heading, labelled lines as a
// definition list, lines of their own as paragraphs, tables with scoped headers, the version in
// the footer. No script and no style attribute: the page's only style is kSupportStatementStyle,
// which its Content-Security-Policy admits by hash.
std::string StatementPage(const Rendered& rendered) {
  const auto& text = rendered.text;
  std::string html = std::string("<!doctype html>\n<html lang=\"") + std::string(core::LanguageCode(rendered.language)) +
                     "\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                     "<title>" + HtmlEscape(text.title) + "</title><style>" + std::string(kSupportStatementStyle) +
                     "</style></head><body>\n<main>\n<h1>" + HtmlEscape(text.title) + "</h1>\n";
  for (const auto& section : text.sections) {
    html += "<section><h2>" + HtmlEscape(section.heading) + "</h2>\n";
    bool in_list = false;
    for (const auto& line : section.lines) {
      if (line.label.empty()) {
        if (in_list) html += "</dl>\n";
        in_list = false;
        html += "<p" + LangAttribute(line.language) + ">" + HtmlEscape(line.text) + "</p>\n";
        continue;
      }
      if (!in_list) html += "<dl>";
      in_list = true;
      html += "<dt>" + HtmlEscape(line.label) + "</dt><dd" + LangAttribute(line.language) + ">" + HtmlEscape(line.text) +
              "</dd>\n";
    }
    if (in_list) html += "</dl>\n";
    if (section.table && !section.table->columns.empty()) {
      const auto& table = *section.table;
      html += "<table><thead><tr>";
      for (const auto& column : table.columns) html += "<th scope=\"col\">" + HtmlEscape(column) + "</th>";
      html += "</tr></thead>\n<tbody>\n";
      for (const auto& row : table.rows) {
        html += "<tr>";
        for (std::size_t cell = 0; cell < row.size(); ++cell) {
          html += cell == 0 ? "<th scope=\"row\">" + HtmlEscape(row[cell]) + "</th>" : "<td>" + HtmlEscape(row[cell]) + "</td>";
        }
        html += "</tr>\n";
      }
      html += "</tbody></table>\n";
    }
    html += "</section>\n";
  }
  html += "</main>\n<footer><p>" + HtmlEscape(text.version_label) + ": <code>" +
          HtmlEscape(rendered.statement.version_hash) + "</code></p></footer>\n</body></html>\n";
  return html;
}

}  // namespace

// Contrast: every colour on white is at least 7:1 (#1b1b1b, #4a4a4a); rules are decoration.
const std::string_view kSupportStatementStyle =
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
    "color:#1b1b1b;background:#fff}h1{font-size:1.6rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;"
    "margin-top:2rem}dt{font-weight:600}dd{margin:0 0 .5rem 0}table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #ccc}"
    "thead th{border-bottom:2px solid #1b1b1b}footer{color:#4a4a4a;font-size:.85rem;margin:3rem auto 2rem;"
    "max-width:46rem;padding:0 1rem}code{overflow-wrap:anywhere}"
    "@media print{body,footer{margin:0;padding:0}}";

void RegisterStatementRoutes(Router& router, ApiServices& services) {
  router.Add("GET", "/api/v1/customers/{id}/support-statement", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto rendered = TD_TRY(Render(services, call));
      json::array sections;
      for (const auto& section : rendered.text.sections) {
        json::array items;
        for (const auto& line : core::SectionLines(section)) {
          items.push_back(json::object{{"label", line.label}, {"text", line.text}});
        }
        sections.push_back(json::object{{"heading", section.heading}, {"lines", std::move(items)}});
      }
      const auto& terms = rendered.statement.terms;
      Response response = JsonResponse(
          200, json::object{{"customer_id", terms.customer.id.value},
                            {"language", core::LanguageCode(rendered.language)},
                            {"version_hash", rendered.statement.version_hash},
                            {"plan", terms.plan ? json::value(json::object{{"id", terms.plan->id.value},
                                                                           {"version", terms.plan->version},
                                                                           {"name", core::PlanName(*terms.plan, rendered.language)}})
                                                : json::value(nullptr)},
                            {"agreement_id", terms.agreement ? json::value(terms.agreement->id.value) : json::value(nullptr)},
                            {"title", rendered.text.title},
                            {"sections", std::move(sections)},
                            {"html", "/support/" + std::to_string(terms.customer.id.value)}});
      response.SetHeader("ETag", "\"" + rendered.statement.version_hash + "\"");
      return response;
    });
  });
  // The printable statement is a page as well as an API answer: a signed-out browser is sent to
  // sign in and comes back; any other client gets the API's 401.
  router.Add("GET", "/support/{id}", Auth::kOptional, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      if (!call.actor.user_id.valid()) {
        const auto accept = call.request.Header("accept");
        if (accept && accept->find("text/html") != std::string_view::npos) return SignInRedirect(call.request);
        return Fail(Error::Unauthenticated("sign in, or send a valid bearer token"));
      }
      auto rendered = TD_TRY(Render(services, call));
      Response response;
      response.content_type = "text/html; charset=utf-8";
      response.body = StatementPage(rendered);
      response.SetHeader("ETag", "\"" + rendered.statement.version_hash + "\"");
      return response;  // its Content-Security-Policy and other headers: Api::Run
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
