// adapters/http/handlers/common.hpp
#pragma once

#include <array>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "adapters/http/api.hpp"
#include "adapters/http/json_io.hpp"
#include "adapters/http/problem.hpp"
#include "adapters/http/session_cookie.hpp"
#include "app/ticket/ticket.hpp"
#include "core/offering/plan.hpp"

namespace tierdesk::adapters::http::handlers {

inline Response Problem(const Error& error, const Call& call) {
  return ProblemResponse(error, call.request.path);
}

// A positive integer path parameter; anything else is the same 404 as a missing object.
Result<std::int64_t> PathId(const Call& call, std::size_t index, const char* what);
// A decimal integer > 0 and nothing else (query parameters, cursors).
std::optional<std::int64_t> ParsePositive(std::string_view text);
// 415 unless the body is declared application/json.
Status RequireJson(const Request& request);
// Parses the JSON body after checking its media type.
Result<boost::json::object> JsonBody(const Request& request);
// The 400 "invalid-parameter" problem for a query parameter, naming it.
Error BadParameter(std::string name, std::string message);
// Standard wrapper: run fn, turning an error into its problem response.
template <class F>
Response Guard(const Call& call, F&& fn) {
  Result<Response> result = fn();
  if (!result) return Problem(result.error(), call);
  return std::move(*result);
}

// The Idempotency-Key header, checked and hashed (empty key: none).
Result<app::IdempotencyInput> ReadIdempotency(const Request& request);
// If-Match: "v<n>", W/"v<n>" or *; anything else never matches (version 0).
std::optional<std::int64_t> ReadIfMatchVersion(const Request& request);

// A new ticket as POST /api/v1/tickets takes it (also the dry run's "ticket"); `prefix` names
// nested fields in errors.
Result<app::ticket::NewTicket> ReadNewTicket(const boost::json::object& body, const std::string& prefix = {});

// Targets by severity as plans, agreements and providers' contracts spell them:
// {"critical": {"first_response": {"minutes": 60, "basis": "calendar"}, "next_response": ...,
// "resolution": ...}, "moderate": ..., "minimal": ...}. Absent: none. Errors name
// prefix + key + ".<severity>.<clock>.<field>".
std::optional<std::array<core::SeverityTargets, 3>> ReadSeverityTargets(ObjectReader& reader, const char* key,
                                                                        const std::string& prefix);
boost::json::value SeverityTargetsJson(const std::array<core::SeverityTargets, 3>& targets);

// Browser sessions (session_cookie.hpp): the CSRF token that belongs to a session token, and the
// cookie flags for this request (Secure when configured, or when a trusted proxy says the client
// came over https).
std::string CsrfTokenOf(const ApiServices& services, std::string_view session_token);
CookieFlags CookieFlagsFor(const ApiServices& services, const Request& request);

std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

void RegisterAuthRoutes(Router& router, ApiServices& services);
// Users' changes, deactivation and deletion; logout, personal tokens, passwords.
void RegisterAccountRoutes(Router& router, ApiServices& services);
void RegisterDirectoryRoutes(Router& router, ApiServices& services);
void RegisterOrganizationRoutes(Router& router, ApiServices& services);  // changes, partner settings, subscriptions
void RegisterTicketRoutes(Router& router, ApiServices& services);
void RegisterConversationRoutes(Router& router, ApiServices& services);
void RegisterOfferingRoutes(Router& router, ApiServices& services);  // plans and agreements
void RegisterStatementRoutes(Router& router, ApiServices& services);
// The support statement page's only style, inline; admitted by its hash in the page's CSP.
extern const std::string_view kSupportStatementStyle;
void RegisterCalendarRoutes(Router& router, ApiServices& services);
void RegisterRoutingRoutes(Router& router, ApiServices& services);  // rules, service requirements, checklists
void RegisterWorkRoutes(Router& router, ApiServices& services);  // hand-up, escalation, providers, time
void RegisterVendorRoutes(Router& router, ApiServices& services);  // entitlements, competencies, options
void RegisterBillingRoutes(Router& router, ApiServices& services);  // periods, usage, margins, blocks, timers
// A time entry as the API shows it: minutes, cost and price fixed when it was logged; the cost and
// price as the viewer may see them (core::MoneyViewFor), else null.
boost::json::object TimeEntryJson(const core::TimeEntry& entry, const core::Actor& viewer);
void RegisterOperationsRoutes(Router& router, ApiServices& services, const Router& all_routes);
// The live stream of ticket events (GET /api/v1/stream), scoped to the viewer.
void RegisterStreamRoutes(Router& router, ApiServices& services);
// The web faces: the sign-in pages, the portal and the console (web_pages.cpp).
void RegisterWebRoutes(Router& router, ApiServices& services);
// 302 to the sign-in page, which comes back to this request's path and query once signed in.
Response SignInRedirect(const Request& request);

}  // namespace tierdesk::adapters::http::handlers
