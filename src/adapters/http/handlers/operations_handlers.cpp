#include "adapters/http/handlers/common.hpp"
#include "adapters/http/openapi.hpp"

namespace tierdesk::adapters::http::handlers {

void RegisterOperationsRoutes(Router& router, ApiServices& services, const Router&) {
  router.Add("GET", "/healthz", Auth::kPublic, [](Call&) {
    Response response;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "ok\n";
    return response;
  });
  router.Add("GET", "/readyz", Auth::kPublic, [&services](Call& call) {
    Status ready = services.app.store.CheckReady();
    if (!ready) {
      return ProblemResponse(503, "not-ready", "Not ready", ready.error().message, call.request.path);
    }
    Response response;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "ready\n";
    return response;
  });
  router.Add("GET", "/metrics", Auth::kPublic, [&services](Call&) {
    Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = services.metrics.Render(services.app.store.Stats());
    return response;
  });
  router.Add("GET", "/api/v1/openapi.json", Auth::kPublic, [](Call&) {
    Response response;
    response.body = std::string(OpenApiDocument());
    return response;
  });
}

}  // namespace tierdesk::adapters::http::handlers
