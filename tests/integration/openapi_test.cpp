// The OpenAPI document names exactly the routes the server has.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "adapters/http/openapi.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

TEST(OpenApi, DocumentsEveryRouteAndNoOther) {
  std::error_code ec;
  const auto document = boost::json::parse(adapters::http::OpenApiDocument(), ec);
  ASSERT_FALSE(ec) << "docs/openapi.json is not valid JSON";
  EXPECT_EQ(document.at("openapi").as_string().subview().substr(0, 3), "3.1");
  std::set<std::string> documented;
  for (const auto& [path, item] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      std::string upper(method);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(upper + " " + std::string(path));
      EXPECT_TRUE(operation.as_object().contains("responses")) << upper << " " << path;
    }
  }
  TestApp app;
  adapters::http::Api api(app.Context(), {});
  std::set<std::string> routed;
  for (const auto& route : api.router().Routes()) routed.insert(route.method + " " + route.pattern);
  for (const auto& route : routed) EXPECT_TRUE(documented.count(route)) << route << " is missing from docs/openapi.json";
  for (const auto& entry : documented) EXPECT_TRUE(routed.count(entry)) << entry << " is documented but not served";
}

}  // namespace
}  // namespace tierdesk::testing
