// The OpenAPI document names exactly the routes the server has.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "adapters/http/openapi.hpp"
#include "support/world.hpp"

namespace tierdesk::testing {
namespace {

// Routes that are not part of the API and are not in docs/openapi.json (kWebFaceRoutes): the web
// faces' pages and the static files of the built front end. They are what a browser loads,
// not operations a program calls; they answer HTML, redirects and files, never JSON; and OpenAPI
// cannot spell their catch-all `{rest...}` (a path parameter never holds a '/'). docs/api.md
// ("The web faces") describes them. Everything else the server routes, the printable support
// statement and the operations endpoints included, is documented.

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
  for (const auto& route : routed) {
    if (kWebFaceRoutes.count(route)) {
      EXPECT_FALSE(documented.count(route)) << route << " is a page of the web faces, not an API operation";
      continue;
    }
    EXPECT_TRUE(documented.count(route)) << route << " is missing from docs/openapi.json";
  }
  for (const auto& entry : documented) EXPECT_TRUE(routed.count(entry)) << entry << " is documented but not served";
  // The exclusions name routes that exist, and only pages.
  for (const auto& page : kWebFaceRoutes) {
    EXPECT_TRUE(routed.count(page)) << page << " is excluded above but not served";
    EXPECT_EQ(page.find(" /api/"), std::string::npos) << page << ": an API route cannot be excluded";
  }
}

}  // namespace
}  // namespace tierdesk::testing
