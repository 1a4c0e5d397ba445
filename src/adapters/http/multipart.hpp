// adapters/http/multipart.hpp
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace tierdesk::adapters::http {

struct FormPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string_view body;  // a view into the parsed body
};

// Parses a multipart/form-data body (RFC 7578). content_type is the request's Content-Type
// header, which carries the boundary. Malformed input is kInvalidArgument.
Result<std::vector<FormPart>> ParseMultipart(const std::string& content_type, std::string_view body);

}  // namespace tierdesk::adapters::http
