#include "adapters/http/api.hpp"

#include "adapters/http/handlers/common.hpp"
#include "adapters/http/security_headers.hpp"
#include "app/billing/billing.hpp"

namespace tierdesk::adapters::http {

Api::Api(app::AppContext app, ApiOptions options)
    : services_(new ApiServices{app, options, {}, app::auth::LoginThrottle(options.login_limits), {},
                                app::auth::VerificationGate(options.verification)}) {
  handlers::RegisterAuthRoutes(router_, *services_);
  handlers::RegisterAccountRoutes(router_, *services_);
  handlers::RegisterDirectoryRoutes(router_, *services_);
  handlers::RegisterOrganizationRoutes(router_, *services_);
  handlers::RegisterTicketRoutes(router_, *services_);
  handlers::RegisterConversationRoutes(router_, *services_);
  handlers::RegisterCalendarRoutes(router_, *services_);
  handlers::RegisterOfferingRoutes(router_, *services_);
  handlers::RegisterStatementRoutes(router_, *services_);
  handlers::RegisterRoutingRoutes(router_, *services_);
  handlers::RegisterWorkRoutes(router_, *services_);
  handlers::RegisterVendorRoutes(router_, *services_);
  handlers::RegisterBillingRoutes(router_, *services_);
  handlers::RegisterStreamRoutes(router_, *services_);
  handlers::RegisterWebRoutes(router_, *services_);
  handlers::RegisterOperationsRoutes(router_, *services_, router_);
  // Pages may style themselves only with these inline stylesheets, admitted by their hashes.
  std::vector<std::string> styles;
  for (const std::string_view style : {handlers::kSupportStatementStyle, app::billing::kStatementStyle}) {
    styles.push_back(services_->app.digest.Sha256Hex(style));
  }
  html_policy_ = HtmlContentSecurityPolicy(styles);
}

namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}
bool StartsWith(std::string_view text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

Response Api::Handle(const Request& request, std::string_view& matched_route) {
  Matched matched = Prepare(request);
  matched_route = matched.pattern;
  return Run(matched, request);
}

Matched Api::Prepare(const Request& head) {
  Matched matched = router_.Match(head);
  router_.Authenticate(
      matched, head,
      [this](std::string_view token) { return services_->authenticator.Authenticate(services_->app, token); },
      [this](std::string_view token) { return handlers::CsrfTokenOf(*services_, token); });
  return matched;
}

Response Api::Run(Matched& matched, const Request& request) {
  Response response = router_.Run(matched, request);
  SetSecurityHeaders(response, html_policy_);  // every routed answer, by its content type
  return response;
}

std::int64_t Api::BodyLimitFor(const Request& head, const Matched& matched) const {
  if (matched.route < 0) return 0;
  if (matched.auth == Auth::kPublic) return services_->options.public_body_max;
  if (head.method == "POST" && EndsWith(head.path, "/attachments")) {
    return services_->app.limits.attachment_max_bytes + 64 * 1024;  // room for multipart framing
  }
  return services_->options.json_body_max;
}

ClientAddress Api::ClientOf(const Request& head) const {
  return ResolveClientAddress(head, services_->options.trusted_proxies);
}

std::string Api::ConnectionKey(const std::string& peer) const {
  if (services_->options.trusted_proxies.Contains(peer)) return {};
  Request bare;
  bare.remote_address = peer;
  return ResolveClientAddress(bare, services_->options.trusted_proxies).network;
}

Lane Api::LaneFor(const Request& head) {
  if (head.method != "GET" && head.method != "HEAD") return Lane::kWrite;
  const std::string_view path = head.path;
  // Lists and searches of tickets, the queue of vendor cases, reports, billing and the audit trail
  // may scan many rows.
  if (path == "/api/v1/tickets" || path == "/api/v1/audit-events" || path == "/api/v1/vendor-cases" ||
      StartsWith(path, "/api/v1/reports/") ||
      StartsWith(path, "/api/v1/billing/")) {
    return Lane::kHeavy;
  }
  return Lane::kRead;
}

}  // namespace tierdesk::adapters::http
