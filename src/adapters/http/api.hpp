// adapters/http/api.hpp
#pragma once

#include <memory>
#include <string>

#include "adapters/http/client_address.hpp"
#include "adapters/http/message.hpp"
#include "adapters/http/metrics.hpp"
#include "adapters/http/router.hpp"
#include "app/auth/auth.hpp"
#include "app/context.hpp"

namespace tierdesk::adapters::http {

struct ApiOptions {
  std::int64_t json_body_max = 1024 * 1024;  // bytes; attachments have their own limit
  std::int64_t public_body_max = 16 * 1024;  // bytes, on routes open without a token (sign-in)
  // Sign-in: whose X-Forwarded-For names the client (ResolveClientAddress), the failure limits,
  // and how many password verifications run at once.
  TrustedProxies trusted_proxies = {};
  app::auth::LoginThrottle::Limits login_limits = {};
  app::auth::VerificationGate::Limits verification = {};
  // Browser sessions: mark the cookies Secure (set it when clients reach tierdesk over https; a
  // trusted proxy's X-Forwarded-Proto: https does the same per request).
  bool secure_cookies = false;
  // The built web front end (web/dist): the sign-in pages, the portal and the console. Empty: the
  // pages answer 503 and say how to build them.
  std::string web_root;
};

// Everything the handlers share. Built once; handlers reach it by reference.
struct ApiServices {
  app::AppContext app;
  ApiOptions options;
  app::auth::Authenticator authenticator;
  app::auth::LoginThrottle throttle;
  Metrics metrics;
  app::auth::VerificationGate verification_gate;
};

// Where the server runs a request: reads of one thing, reads that may scan (lists, searches,
// reports, billing), and writes (which wait for a group commit). Each has its own threads, so a
// slow search never holds up a ticket read, and no request runs on the network thread.
enum class Lane { kRead, kHeavy, kWrite };

// The REST API: every route, transport-free. The server feeds it Requests.
class Api {
 public:
  Api(app::AppContext app, ApiOptions options);
  // Match, authenticate and run in one call (requests without a body, and tests).
  Response Handle(const Request& request, std::string_view& matched_route);

  // The two halves the server uses for requests with a body: Prepare on the headers (route,
  // token; reads the store, so never on the network thread), then Run with the body read.
  Matched Prepare(const Request& head);
  Response Run(Matched& matched, const Request& request);
  // The largest body the matched route takes: attachments, JSON, or the small public limit.
  std::int64_t BodyLimitFor(const Request& head, const Matched& matched) const;
  // Which threads serve the request (decided on the method, path and query alone).
  static Lane LaneFor(const Request& head);
  // Who the client is, behind the configured trusted proxies (ResolveClientAddress).
  ClientAddress ClientOf(const Request& head) const;
  // What the per-address connection limit counts for a TCP peer: its network (an IPv6 peer's
  // /64), or "" for a trusted proxy, which carries many clients.
  std::string ConnectionKey(const std::string& peer) const;

  const Router& router() const { return router_; }
  Metrics& metrics() { return services_->metrics; }

 private:
  std::unique_ptr<ApiServices> services_;
  Router router_;
  std::string html_policy_;  // the Content-Security-Policy of every HTML page (security_headers.hpp)
};

}  // namespace tierdesk::adapters::http
