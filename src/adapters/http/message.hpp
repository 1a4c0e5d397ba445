// adapters/http/message.hpp
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/result.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::adapters::http {

// A request body the server spooled to a file (large uploads), mapped read-only.
class SpooledBody {
 public:
  virtual ~SpooledBody() = default;
  virtual std::string_view View() const = 0;
};

// A parsed HTTP request, free of any transport library. Header names are lower case.
struct Request {
  std::string method;
  std::string target;  // as received
  std::string path;    // decoded, without the query
  std::multimap<std::string, std::string> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case, repeats joined
  std::string body;                            // small bodies; see Body()
  std::shared_ptr<const SpooledBody> spooled;  // large bodies, spooled to disk
  std::string remote_address;
  std::string request_id;

  std::string_view Body() const { return spooled ? spooled->View() : std::string_view(body); }
  std::optional<std::string_view> Header(std::string_view name) const;
  std::optional<std::string_view> Query(std::string_view name) const;
};

// A response that goes on after its head: a Server-Sent Events stream. The server writes the
// head (and the body, if any), then calls Poll on a read thread about twice a second and writes
// what it returns, until Poll returns nothing (the stream is over), the client goes away, the
// server stops, or the stream has run for its longest time (the client reconnects with
// Last-Event-ID). Poll is never called from two threads at once.
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  virtual std::optional<std::string> Poll() = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::shared_ptr<ResponseStream> stream;  // set: the body is only the stream's beginning

  void SetHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// What a handler sees: the request, the path parameters, and (on authenticated routes) the
// actor, resolved once by the router before any handler runs.
struct Call {
  const Request& request;
  std::vector<std::string> params;  // path parameters in order, e.g. {id} in /tickets/{id}
  core::Actor actor;
};

}  // namespace tierdesk::adapters::http
