// adapters/http/router.hpp
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "adapters/http/message.hpp"

namespace tierdesk::adapters::http {

using Handler = std::function<Response(Call&)>;
enum class Auth { kRequired, kPublic };
// Turns a bearer token into an actor; the router calls it once per authenticated request.
using Authenticate = std::function<Result<core::Actor>(std::string_view token)>;

struct RouteInfo {
  std::string method;
  std::string pattern;  // "/api/v1/tickets/{id}"
};

// Matches method and path to a handler. Unknown paths are 404, known paths with another method
// 405 with Allow. Authentication happens here, in one place, before any handler runs.
class Router {
 public:
  void Add(std::string method, std::string pattern, Auth auth, Handler handler);
  // Sets matched_pattern (for metrics) to the route's pattern, or "unmatched"; the view stays
  // valid as long as the router.
  Response Dispatch(const Request& request, const Authenticate& authenticate,
                    std::string_view& matched_pattern) const;
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
