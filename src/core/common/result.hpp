// core/common/result.hpp
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace tierdesk {

// The kinds of failure every layer understands. Each edge maps them once:
// adapters/http/problem.cpp to HTTP statuses, cli/runtime.cpp (ExitCodeFor) to exit codes.
enum class ErrorCode {
  kInvalidArgument,     // the input breaks a rule (422; 400/415 for the finer types in problem.cpp)
  kNotFound,            // absent, or outside the caller's tenant scope (404)
  kPermissionDenied,    // visible, but the caller may not do this (403)
  kConflict,            // the state forbids it: duplicate, invalid transition (409)
  kPreconditionFailed,  // a stale version (412)
  kUnauthenticated,     // no or bad credentials (401)
  kTooManyRequests,     // throttled (429)
  kTooLarge,            // over a configured size limit (413)
  kUnavailable,         // a dependency is down; retrying may help (503)
  kInternal,            // a bug or an unexpected environment failure (500)
};

// One field-level complaint in a validation error.
struct FieldError {
  std::string field;    // JSON pointer-ish name: "subject", "fields.subscription_id"
  std::string message;  // safe to show clients
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;              // safe to show clients
  std::string detail;               // logs only: SQL text, errno, ...
  std::vector<FieldError> fields;   // validation details, shown to clients
  std::string type;                 // optional finer problem type, e.g. "invalid-transition"
  // kTooManyRequests, kUnavailable: when to try again, in seconds (the HTTP Retry-After); 0: unsaid.
  std::int64_t retry_after_seconds = 0;

  static Error InvalidArgument(std::string message, std::vector<FieldError> fields = {});
  static Error NotFound(std::string what);
  static Error PermissionDenied(std::string message);
  static Error Conflict(std::string message, std::string type = {});
  static Error PreconditionFailed(std::string message);
  static Error Unauthenticated(std::string message);
  static Error TooManyRequests(std::string message);
  static Error TooLarge(std::string message);
  static Error Unavailable(std::string message, std::string detail = {});
  static Error Internal(std::string message, std::string detail = {});
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

inline tl::unexpected<Error> Fail(Error error) { return tl::unexpected<Error>(std::move(error)); }
inline Status Ok() { return {}; }

const char* ErrorCodeName(ErrorCode code);

}  // namespace tierdesk

#define TD_CONCAT_INNER_(a, b) a##b
#define TD_CONCAT_(a, b) TD_CONCAT_INNER_(a, b)

// Unwraps a Result or returns its error from the enclosing function. Not for coroutines.
#define TD_TRY(expr) TD_TRY_IMPL_(expr, TD_CONCAT_(td_r_, __COUNTER__))
#define TD_TRY_IMPL_(expr, name)                                         \
  __extension__({                                                        \
    auto&& name = (expr);                                                \
    if (!name) {                                                         \
      return ::tierdesk::Fail(std::move(name).error());                  \
    }                                                                    \
    std::move(name).value();                                             \
  })

// Returns the error of a Status-returning expression from the enclosing function.
#define TD_CHECK(expr) TD_CHECK_IMPL_(expr, TD_CONCAT_(td_s_, __COUNTER__))
#define TD_CHECK_IMPL_(expr, name)                                       \
  do {                                                                   \
    auto&& name = (expr);                                                \
    if (!name) {                                                         \
      return ::tierdesk::Fail(std::move(name).error());                  \
    }                                                                    \
  } while (false)

// A belief about the program, not about input; stays on in release builds.
#define TD_ASSERT(cond, why) \
  ((cond) ? static_cast<void>(0) : ::tierdesk::AssertFail(#cond, why, __FILE__, __LINE__))

namespace tierdesk {
[[noreturn]] void AssertFail(const char* condition, const char* why, const char* file, int line);
}  // namespace tierdesk
