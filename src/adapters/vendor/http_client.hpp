// adapters/vendor/http_client.hpp
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"

namespace tierdesk::adapters::vendor {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // http:// or https://
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string Header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpOptions {
  std::chrono::milliseconds timeout{30'000};  // the whole exchange: resolve, connect, TLS, request, response
  std::string ca_file;                        // empty: the system's trusted certificates
  std::size_t body_limit = 16u << 20;
};

// One blocking HTTP/1.1 exchange per call over Boost.Beast, on a fresh connection, TLS verified
// against the trusted certificates and the host name for https. Thread-safe. Errors: kUnavailable
// for anything in transport (name, connection, TLS, timeout), with what went wrong.
class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) const;

 private:
  HttpOptions options_;
};

// When to try again (pure). Retries go to transport failures, 429 and 5xx, never to other 4xx;
// the wait is Retry-After when the server gave one (seconds or an HTTP date, at most max_wait),
// else exponential from base_wait, doubled per attempt, at most max_wait.
struct RetryPolicy {
  int max_attempts = 4;
  std::chrono::milliseconds base_wait{500};
  std::chrono::milliseconds max_wait{60'000};
};
bool IsRetryable(int status);
// The wait before attempt `next_attempt` (2, 3, ...) after a response with this Retry-After value
// (empty: none), at `now` (for HTTP dates).
std::chrono::milliseconds RetryWait(const RetryPolicy& policy, int next_attempt, const std::string& retry_after,
                                    std::chrono::system_clock::time_point now);

// Waits between attempts; false: stop trying (the server is shutting down).
using Sleeper = std::function<bool(std::chrono::milliseconds)>;
bool SleepFor(std::chrono::milliseconds wait);

// Sends, and sends again the very same request (same headers, so the same request ids) while
// the answer is retryable, attempts remain and the sleeper lets it. The last answer or failure
// is returned.
Result<HttpResponse> SendWithRetry(const HttpClient& client, const HttpRequest& request, const RetryPolicy& policy,
                                   const Sleeper& sleep);

// application/x-www-form-urlencoded, for token requests.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);
// A fresh random UUID (v4), for MS-RequestId and MS-CorrelationId.
std::string NewUuid();

}  // namespace tierdesk::adapters::vendor
