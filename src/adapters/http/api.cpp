#include "adapters/http/api.hpp"

#include "adapters/http/handlers/common.hpp"

namespace tierdesk::adapters::http {

Api::Api(app::AppContext app, ApiOptions options)
    : services_(new ApiServices{app, options, {}, {}, {}}) {
  handlers::RegisterAuthRoutes(router_, *services_);
  handlers::RegisterDirectoryRoutes(router_, *services_);
  handlers::RegisterTicketRoutes(router_, *services_);
  handlers::RegisterConversationRoutes(router_, *services_);
  handlers::RegisterCalendarRoutes(router_, *services_);
  handlers::RegisterOfferingRoutes(router_, *services_);
  handlers::RegisterStatementRoutes(router_, *services_);
  handlers::RegisterRoutingRoutes(router_, *services_);
  handlers::RegisterWorkRoutes(router_, *services_);
  handlers::RegisterVendorRoutes(router_, *services_);
  handlers::RegisterBillingRoutes(router_, *services_);
  handlers::RegisterOperationsRoutes(router_, *services_, router_);
}

Response Api::Handle(const Request& request, std::string_view& matched_route) {
  auto authenticate = [this](std::string_view token) {
    return services_->authenticator.Authenticate(services_->app, token);
  };
  return router_.Dispatch(request, authenticate, matched_route);
}

std::int64_t Api::BodyLimitFor(std::string_view method, std::string_view path) const {
  if (method == "POST" && path.size() > 12 && path.substr(path.size() - 12) == "/attachments") {
    return services_->app.limits.attachment_max_bytes + 64 * 1024;  // room for multipart framing
  }
  return services_->options.json_body_max;
}

}  // namespace tierdesk::adapters::http
