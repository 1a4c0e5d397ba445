// adapters/http/security_headers.hpp
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/http/message.hpp"

namespace tierdesk::adapters::http {

// The headers that protect clients, decided here for every response (docs/security.md):
// - every response: `X-Content-Type-Options: nosniff`, and `Cache-Control: no-store` unless the
//   handler chose another (every answer is for one caller, carries a token, or changes by the
//   second, so nothing is stored by browsers or shared caches by default);
// - HTML pages besides: the policy given (see HtmlContentSecurityPolicy), `X-Frame-Options: DENY`
//   and `Referrer-Policy: no-referrer`.
// Headers the handler already set are kept: only a route that serves content other than its own
// pages sets its own policy (attachment downloads: `sandbox`). Header names compare
// case-insensitively.
void SetSecurityHeaders(Response& response, std::string_view html_policy);
// The headers of every response alone (for answers that are never HTML: problems).
void SetBaseHeaders(Response& response);

// A page's Content-Security-Policy: nothing loads, runs, frames the page or is posted elsewhere;
// styles are only the inline stylesheets whose SHA-256 (hex) is listed, never 'unsafe-inline'.
std::string HtmlContentSecurityPolicy(const std::vector<std::string>& style_sha256_hex);

// The policy of the web faces (the sign-in pages, the portal, the console): scripts, styles,
// images and connections from this origin alone; no inline script or style, no eval, no plugin,
// no framing, no <base>, forms post only here.
inline constexpr std::string_view kWebAppContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

}  // namespace tierdesk::adapters::http
