// adapters/http/problem.hpp
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

#include "adapters/http/message.hpp"
#include "core/common/result.hpp"

namespace tierdesk::adapters::http {

// The one mapping from error kinds to HTTP (RFC 9457 problem details). Each kind of problem
// has a stable type, "/problems/<slug>", listed in docs/api.md.
int HttpStatusFor(const Error& error);
Response ProblemResponse(const Error& error, std::string_view instance = {});
// The same, with extension members added to the body (RFC 9457 §3.2), e.g. a quote.
Response ProblemResponse(const Error& error, std::string_view instance, const boost::json::object& extensions);
// For problems that arise in the HTTP layer itself (405, 415, 431, ...).
Response ProblemResponse(int status, std::string_view slug, std::string_view title,
                         std::string_view detail, std::string_view instance = {});

}  // namespace tierdesk::adapters::http
