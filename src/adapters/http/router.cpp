#include "adapters/http/router.hpp"

#include "adapters/http/problem.hpp"

namespace tierdesk::adapters::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Auth auth, Handler handler) {
  std::vector<std::string> segments;
  for (auto s : Split(pattern)) segments.emplace_back(s);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), auth,
                     std::move(handler)});
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& segments,
                   std::vector<std::string>& params) {
  if (route.segments.size() != segments.size()) return false;
  params.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& expected = route.segments[i];
    if (!expected.empty() && expected.front() == '{') {
      if (segments[i].empty()) return false;
      params.emplace_back(segments[i]);
    } else if (expected != segments[i]) {
      return false;
    }
  }
  return true;
}

Response Router::Dispatch(const Request& request, const Authenticate& authenticate,
                          std::string_view& matched_pattern) const {
  const auto segments = Split(request.path);
  const std::string_view method = request.method == "HEAD" ? std::string_view("GET") : request.method;
  std::vector<std::string> params;
  std::string allowed;
  for (const auto& route : routes_) {
    if (!Match(route, segments, params)) continue;
    if (route.method != method) {
      if (route.method == "GET" && allowed.find("HEAD") == std::string::npos) {
        allowed += allowed.empty() ? "GET, HEAD" : ", GET, HEAD";
        continue;
      }
      if (allowed.find(route.method) == std::string::npos) {
        allowed += allowed.empty() ? route.method : ", " + route.method;
      }
      continue;
    }
    matched_pattern = route.pattern;
    Call call{request, params, {}};
    if (route.auth == Auth::kRequired) {
      std::string_view token;
      if (auto header = request.Header("authorization")) {
        if (header->size() > 7 && (header->substr(0, 7) == "Bearer " || header->substr(0, 7) == "bearer ")) {
          token = header->substr(7);
        }
      }
      auto actor = authenticate(token);
      if (!actor) return ProblemResponse(actor.error(), request.path);
      call.actor = *actor;
    }
    return route.handler(call);
  }
  matched_pattern = "unmatched";
  if (!allowed.empty()) {
    Response response = ProblemResponse(405, "method-not-allowed", "Method not allowed",
                                        request.method + " is not allowed here; use " + allowed,
                                        request.path);
    response.SetHeader("Allow", allowed);
    return response;
  }
  return ProblemResponse(404, "not-found", "Not found", "no such resource", request.path);
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const auto& route : routes_) out.push_back({route.method, route.pattern});
  return out;
}

}  // namespace tierdesk::adapters::http
