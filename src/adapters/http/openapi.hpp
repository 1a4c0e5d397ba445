// adapters/http/openapi.hpp
#pragma once

#include <string_view>

namespace tierdesk::adapters::http {

// docs/openapi.json, compiled in at build time.
std::string_view OpenApiDocument();

}  // namespace tierdesk::adapters::http
