// adapters/http/router.hpp
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adapters/http/message.hpp"

namespace tierdesk::adapters::http {

using Handler = std::function<Response(Call&)>;
// kRequired: the API (401 without a valid credential). kOptional: pages, which sign a browser in
// or send it to the sign-in page themselves: the actor is set when the request carries a valid
// credential and left empty (no user) otherwise. kPublic: nobody is looked up.
enum class Auth { kRequired, kOptional, kPublic };
// Turns a token (bearer or session cookie) into an actor; called once per authenticated request.
using Authenticate = std::function<Result<core::Actor>(std::string_view token)>;
// The CSRF token that belongs to a session token (session_cookie.hpp).
using CsrfTokenFor = std::function<std::string(std::string_view token)>;

struct RouteInfo {
  std::string method;
  std::string pattern;  // "/api/v1/tickets/{id}"; a last segment "{rest...}" takes what remains
};

// A request matched to its route, before its body is read: the server authenticates on the
// headers alone, so nobody without a valid token can make it read, store or parse a body.
struct Matched {
  int route = -1;                      // index into the table; -1: `answer` is the response
  std::vector<std::string> params;     // path parameters in order
  std::string_view pattern = "unmatched";  // a view into the table (metrics), valid as long as it
  Auth auth = Auth::kPublic;
  core::Actor actor;                   // set by Authenticate on kRequired routes
  std::optional<Response> answer;      // 404, 405, 401: answered without a handler
};

// Matches method and path to a handler. Unknown paths are 404, known paths with another method
// 405 with Allow. Authentication happens here, in one place, before any handler runs.
class Router {
 public:
  void Add(std::string method, std::string pattern, Auth auth, Handler handler);
  // Finds the route for the request's method and path (the body is not looked at).
  Matched Match(const Request& request) const;
  // On kRequired and kOptional routes: resolves the credential (CredentialOf: the bearer token,
  // else the session cookie) to the actor. A request signed in by cookie that changes something
  // must carry the session's CSRF token in X-CSRF-Token, checked before the credential is looked
  // up: 403 `csrf` otherwise. On kRequired routes a missing or invalid credential is the 401 answer.
  void Authenticate(Matched& matched, const Request& request, const http::Authenticate& authenticate,
                    const CsrfTokenFor& csrf_token_for) const;
  // Runs the matched route's handler (or returns the answer already decided).
  Response Run(Matched& matched, const Request& request) const;
  std::vector<RouteInfo> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Auth auth;
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& segments,
                    std::vector<std::string>& params);
  std::vector<Route> routes_;
};

}  // namespace tierdesk::adapters::http
