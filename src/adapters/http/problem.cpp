#include "adapters/http/problem.hpp"

#include <boost/json.hpp>

#include "adapters/http/security_headers.hpp"

namespace tierdesk::adapters::http {
namespace {

struct ProblemKind {
  int status;
  const char* slug;
  const char* title;
};

ProblemKind KindFor(const Error& error) {
  // Finer types that carry their own status.
  if (error.type == "malformed-json") return {400, "malformed-json", "Malformed JSON"};
  if (error.type == "malformed-multipart") return {400, "malformed-multipart", "Malformed multipart body"};
  if (error.type == "invalid-parameter") return {400, "invalid-parameter", "Invalid query parameter"};
  if (error.type == "query-too-expensive") return {422, "query-too-expensive", "Query too expensive"};
  if (error.type == "unsupported-media-type") {
    return {415, "unsupported-media-type", "Unsupported media type"};
  }
  switch (error.code) {
    case ErrorCode::kInvalidArgument: return {422, "validation", "The request is not valid"};
    case ErrorCode::kNotFound: return {404, "not-found", "Not found"};
    case ErrorCode::kPermissionDenied: return {403, "forbidden", "Forbidden"};
    case ErrorCode::kConflict: return {409, "conflict", "Conflict"};
    case ErrorCode::kPreconditionFailed: return {412, "precondition-failed", "Precondition failed"};
    case ErrorCode::kUnauthenticated: return {401, "unauthenticated", "Authentication required"};
    case ErrorCode::kTooManyRequests: return {429, "too-many-requests", "Too many requests"};
    case ErrorCode::kTooLarge: return {413, "payload-too-large", "Payload too large"};
    case ErrorCode::kUnavailable: return {503, "unavailable", "Service unavailable"};
    case ErrorCode::kInternal: return {500, "internal", "Internal error"};
  }
  return {500, "internal", "Internal error"};
}

Response Build(int status, std::string_view slug, std::string_view title, std::string_view detail,
               std::string_view instance, const std::vector<FieldError>& fields,
               const boost::json::object* extensions = nullptr) {
  boost::json::object body;
  body["type"] = "/problems/" + std::string(slug);
  body["title"] = title;
  body["status"] = status;
  body["detail"] = detail;
  if (!instance.empty()) body["instance"] = instance;
  if (!fields.empty()) {
    boost::json::array errors;
    for (const auto& field : fields) {
      errors.push_back(boost::json::object{{"field", field.field}, {"message", field.message}});
    }
    body["errors"] = std::move(errors);
  }
  if (extensions != nullptr) {
    for (const auto& [key, value] : *extensions) body[key] = value;
  }
  Response response;
  response.status = status;
  response.content_type = "application/problem+json";
  response.body = boost::json::serialize(body);
  if (status == 401) response.SetHeader("WWW-Authenticate", "Bearer realm=\"tierdesk\"");
  SetBaseHeaders(response);  // also for the answers the server gives before any route runs
  return response;
}

Response FromError(const Error& error, std::string_view instance, const boost::json::object* extensions) {
  const ProblemKind kind = KindFor(error);
  const std::string_view slug = error.type.empty() ? kind.slug : std::string_view(error.type);
  // Internal details (error.detail) are for logs only, never for clients.
  const std::string detail = error.code == ErrorCode::kInternal ? "an internal error occurred; it was logged"
                                                                 : error.message;
  Response response = Build(kind.status, slug, kind.title, detail, instance, error.fields, extensions);
  // When to come back: what the error says (the sign-in throttle's window, a busy server), else a
  // throttled client waits out the longest window there is (15 minutes).
  if (error.retry_after_seconds > 0) {
    response.SetHeader("Retry-After", std::to_string(error.retry_after_seconds));
  } else if (kind.status == 429) {
    response.SetHeader("Retry-After", "900");
  }
  return response;
}

}  // namespace

int HttpStatusFor(const Error& error) { return KindFor(error).status; }


Response ProblemResponse(const Error& error, std::string_view instance) {
  return FromError(error, instance, nullptr);
}

Response ProblemResponse(const Error& error, std::string_view instance, const boost::json::object& extensions) {
  return FromError(error, instance, &extensions);
}

Response ProblemResponse(int status, std::string_view slug, std::string_view title,
                         std::string_view detail, std::string_view instance) {
  return Build(status, slug, title, detail, instance, {});
}

}  // namespace tierdesk::adapters::http
