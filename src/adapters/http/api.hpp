// adapters/http/api.hpp
#pragma once

#include <memory>
#include <string>

#include "adapters/http/message.hpp"
#include "adapters/http/metrics.hpp"
#include "adapters/http/router.hpp"
#include "app/auth/auth.hpp"
#include "app/context.hpp"

namespace tierdesk::adapters::http {

struct ApiOptions {
  std::int64_t json_body_max = 1024 * 1024;  // bytes; attachments have their own limit
};

// Everything the handlers share. Built once; handlers reach it by reference.
struct ApiServices {
  app::AppContext app;
  ApiOptions options;
  app::auth::Authenticator authenticator;
  app::auth::LoginThrottle throttle;
  Metrics metrics;
};

// The REST API: every route, transport-free. The server feeds it Requests.
class Api {
 public:
  Api(app::AppContext app, ApiOptions options);
  Response Handle(const Request& request, std::string_view& matched_route);
  // The largest body a request to this path may carry.
  std::int64_t BodyLimitFor(std::string_view method, std::string_view path) const;
  const Router& router() const { return router_; }
  Metrics& metrics() { return services_->metrics; }

 private:
  std::unique_ptr<ApiServices> services_;
  Router router_;
};

}  // namespace tierdesk::adapters::http
