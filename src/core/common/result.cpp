#include "core/common/result.hpp"

#include <cstdio>
#include <cstdlib>

namespace tierdesk {

Error Error::InvalidArgument(std::string message, std::vector<FieldError> fields) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), {}, std::move(fields), {}};
}
Error Error::NotFound(std::string what) {
  return Error{ErrorCode::kNotFound, std::move(what) + " not found", {}, {}, {}};
}
Error Error::PermissionDenied(std::string message) {
  return Error{ErrorCode::kPermissionDenied, std::move(message), {}, {}, {}};
}
Error Error::Conflict(std::string message, std::string type) {
  return Error{ErrorCode::kConflict, std::move(message), {}, {}, std::move(type)};
}
Error Error::PreconditionFailed(std::string message) {
  return Error{ErrorCode::kPreconditionFailed, std::move(message), {}, {}, {}};
}
Error Error::Unauthenticated(std::string message) {
  return Error{ErrorCode::kUnauthenticated, std::move(message), {}, {}, {}};
}
Error Error::TooManyRequests(std::string message) {
  return Error{ErrorCode::kTooManyRequests, std::move(message), {}, {}, {}};
}
Error Error::TooLarge(std::string message) {
  return Error{ErrorCode::kTooLarge, std::move(message), {}, {}, {}};
}
Error Error::Unavailable(std::string message, std::string detail) {
  return Error{ErrorCode::kUnavailable, std::move(message), std::move(detail), {}, {}};
}
Error Error::Internal(std::string message, std::string detail) {
  return Error{ErrorCode::kInternal, std::move(message), std::move(detail), {}, {}};
}

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPreconditionFailed: return "precondition_failed";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kTooManyRequests: return "too_many_requests";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

void AssertFail(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "tierdesk: assertion failed at %s:%d: %s (%s)\n", file, line, condition, why);
  std::abort();
}

}  // namespace tierdesk
