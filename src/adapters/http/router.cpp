#include "adapters/http/router.hpp"

#include "adapters/http/problem.hpp"
#include "adapters/http/session_cookie.hpp"

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
  params.clear();
  const bool takes_rest = !route.segments.empty() && route.segments.back().ends_with("...}");
  if (takes_rest) {
    // "/portal/{rest...}" matches "/portal" and everything below it; the rest is one parameter.
    const std::size_t fixed = route.segments.size() - 1;
    if (segments.size() < fixed) return false;
    for (std::size_t i = 0; i < fixed; ++i) {
      if (route.segments[i] != segments[i]) return false;
    }
    std::string rest;
    for (std::size_t i = fixed; i < segments.size(); ++i) {
      if (i > fixed) rest += '/';
      rest += segments[i];
    }
    params.push_back(std::move(rest));
    return true;
  }
  if (route.segments.size() != segments.size()) return false;
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

Matched Router::Match(const Request& request) const {
  Matched matched;
  const auto segments = Split(request.path);
  const std::string_view method = request.method == "HEAD" ? std::string_view("GET") : request.method;
  std::string allowed;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& route = routes_[i];
    if (!Match(route, segments, matched.params)) continue;
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
    matched.route = static_cast<int>(i);
    matched.pattern = route.pattern;
    matched.auth = route.auth;
    return matched;
  }
  matched.params.clear();
  if (!allowed.empty()) {
    Response response = ProblemResponse(405, "method-not-allowed", "Method not allowed",
                                        request.method + " is not allowed here; use " + allowed,
                                        request.path);
    response.SetHeader("Allow", allowed);
    matched.answer = std::move(response);
  } else {
    matched.answer = ProblemResponse(404, "not-found", "Not found", "no such resource", request.path);
  }
  return matched;
}

void Router::Authenticate(Matched& matched, const Request& request, const http::Authenticate& authenticate,
                          const CsrfTokenFor& csrf_token_for) const {
  if (matched.route < 0 || matched.auth == Auth::kPublic || matched.answer) return;
  const Credential credential = CredentialOf(request);
  if (credential.from_cookie && IsUnsafeMethod(request.method) &&
      !CsrfHeaderMatches(request, csrf_token_for(credential.token))) {
    matched.answer = ProblemResponse(403, "csrf", "CSRF token missing or wrong",
                                     "a request signed in by the session cookie that changes something must "
                                     "send the session's CSRF token (the tierdesk_csrf cookie) in X-CSRF-Token",
                                     request.path);
    return;
  }
  if (matched.auth == Auth::kOptional && credential.token.empty()) return;
  auto actor = authenticate(credential.token);
  if (!actor) {
    if (matched.auth == Auth::kRequired) matched.answer = ProblemResponse(actor.error(), request.path);
    return;
  }
  matched.actor = *actor;
}

Response Router::Run(Matched& matched, const Request& request) const {
  if (matched.answer) return std::move(*matched.answer);
  Call call{request, std::move(matched.params), matched.actor};
  return routes_[static_cast<std::size_t>(matched.route)].handler(call);
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const auto& route : routes_) out.push_back({route.method, route.pattern});
  return out;
}

}  // namespace tierdesk::adapters::http
