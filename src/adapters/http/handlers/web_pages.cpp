// The web faces: the sign-in pages, the customer portal and the agent console, built by Vite into
// web/dist and served from memory (docs/web.md). Every page is the same few static files; the
// pages ask the API for everything they show, so what a role sees is what the API lets it see.
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "adapters/http/handlers/common.hpp"
#include "adapters/http/security_headers.hpp"
#include "adapters/log/log.hpp"
#include "core/common/text.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::adapters::http::handlers {

namespace {

namespace fs = std::filesystem;

// What a built front end may weigh in all: the budgets are far below (web/README.md); this only
// keeps a wrong --web-root from reading a whole disk into memory.
constexpr std::uintmax_t kMostBytes = 64ull * 1024 * 1024;

struct Asset {
  std::string content_type;
  std::string body;
  std::string gzip;  // the build's precompressed copy (name.gz), if there is one
};

std::string_view ContentTypeOf(const fs::path& path) {
  static const std::map<std::string, std::string_view, std::less<>> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".woff2", "font/woff2"},
      {".json", "application/json"},         {".txt", "text/plain; charset=utf-8"},
      {".ico", "image/x-icon"},              {".webp", "image/webp"}};
  const auto found = kTypes.find(path.extension().string());
  return found == kTypes.end() ? std::string_view("application/octet-stream") : found->second;
}

std::optional<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

// The built files by their path below the root ("portal.html", "assets/portal-1a2b.js").
class WebAssets {
 public:
  static std::shared_ptr<const WebAssets> Load(const std::string& root) {
    auto assets = std::make_shared<WebAssets>();
    if (root.empty()) return assets;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
      log::Warn("web", {{"detail", "the web root is not a directory; pages answer 503"}, {"web_root", root}});
      return assets;
    }
    std::uintmax_t total = 0;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const auto relative = fs::relative(it->path(), root, ec).generic_string();
      if (ec || relative.starts_with(".") || relative.find("/.") != std::string::npos) continue;  // .vite/manifest
      total += it->file_size(ec);
      if (total > kMostBytes) {
        log::Warn("web", {{"detail", "the web root holds more than 64 MiB; pages answer 503"}, {"web_root", root}});
        return std::make_shared<WebAssets>();
      }
      auto bytes = ReadWhole(it->path());
      if (!bytes) continue;
      if (relative.ends_with(".gz")) {
        assets->files_[relative.substr(0, relative.size() - 3)].gzip = std::move(*bytes);
      } else {
        auto& asset = assets->files_[relative];
        asset.content_type = ContentTypeOf(it->path());
        asset.body = std::move(*bytes);
      }
    }
    std::erase_if(assets->files_, [](const auto& entry) { return entry.second.content_type.empty(); });
    log::Info("web", {{"web_root", root}, {"files", std::to_string(assets->files_.size())}});
    return assets;
  }

  const Asset* Find(std::string_view relative) const {
    const auto found = files_.find(relative);
    return found == files_.end() ? nullptr : &found->second;
  }

 private:
  std::map<std::string, Asset, std::less<>> files_;
};

// Whether Accept-Encoding takes gzip (RFC 9110, 12.5.3): `gzip` (or `x-gzip`; else `*`) named with
// a weight above zero. Codings are case-insensitive; `gzip;q=0` refuses it.
bool AcceptsGzip(const Request& request) {
  const auto accept = request.Header("accept-encoding");
  if (!accept) return false;
  std::optional<bool> gzip, any;
  std::string_view rest = *accept;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string coding = ToLowerAscii(TrimAscii(item.substr(0, semi)));
    bool wanted = true;
    for (std::string_view params = semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1);
         !params.empty();) {
      const auto next = params.find(';');
      const std::string_view param = TrimAscii(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        const std::string_view weight = TrimAscii(param.substr(2));
        wanted = weight.find_first_not_of("0.") != std::string_view::npos;  // "0", "0.0", "0.000": not at all
      }
    }
    if (coding == "gzip" || coding == "x-gzip") gzip = gzip.value_or(false) || wanted;
    if (coding == "*") any = wanted;
  }
  return gzip ? *gzip : any.value_or(false);
}

Response Serve(const Request& request, const Asset& asset, std::string_view cache_control) {
  Response response;
  response.content_type = asset.content_type;
  if (!asset.gzip.empty() && AcceptsGzip(request)) {
    response.body = asset.gzip;
    response.SetHeader("Content-Encoding", "gzip");
  } else {
    response.body = asset.body;
  }
  response.SetHeader("Vary", "Accept-Encoding");
  response.SetHeader("Cache-Control", std::string(cache_control));
  if (asset.content_type.starts_with("text/html")) {
    response.SetHeader("Content-Security-Policy", std::string(kWebAppContentSecurityPolicy));
  }
  return response;
}

Response NotBuilt(const Request& request) {
  return ProblemResponse(503, "web-not-built", "The web front end is not built",
                         "this server has no built pages: run `make run` (which builds web/ into web/dist), or "
                         "start it with --web-root pointing at a built web/dist",
                         request.path);
}

Response Redirect(std::string location) {
  Response response;
  response.status = 302;
  response.content_type = "text/plain; charset=utf-8";
  response.SetHeader("Location", std::move(location));
  response.body = "";
  return response;
}

// The request's own path and query, percent-encoded for a query parameter (the sign-in page's
// `next`, which it follows only when it is a path of this origin).
std::string NextParameter(const Request& request) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char byte : request.target) {
    const auto c = static_cast<unsigned char>(byte);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

Response SignInRedirect(const Request& request) { return Redirect("/signin?next=" + NextParameter(request)); }

namespace {

bool IsCustomer(const core::Actor& actor) { return core::IsCustomerRole(actor.role); }

// A face's page for a signed-in person of the right side; the sign-in page for nobody; the other
// face for the other side. The pages hold no data (the scripts under /assets are public, as in
// any single-page application): everything they show comes from the API, scoped to the session.
Response Face(const Call& call, const WebAssets& assets, bool portal) {
  if (!call.actor.user_id.valid()) return SignInRedirect(call.request);
  if (IsCustomer(call.actor) != portal) return Redirect(portal ? "/console" : "/portal");
  const Asset* page = assets.Find(portal ? "portal.html" : "console.html");
  if (page == nullptr) return NotBuilt(call.request);
  return Serve(call.request, *page, "no-store");
}

}  // namespace

void RegisterWebRoutes(Router& router, ApiServices& services) {
  std::shared_ptr<const WebAssets> assets = WebAssets::Load(services.options.web_root);

  router.Add("GET", "/", Auth::kOptional, [](Call& call) {
    if (!call.actor.user_id.valid()) return Redirect("/signin");
    return Redirect(IsCustomer(call.actor) ? "/portal" : "/console");
  });
  for (const char* pattern : {"/signin", "/reset", "/account/{rest...}"}) {
    router.Add("GET", pattern, Auth::kPublic, [assets](Call& call) {
      const Asset* page = assets->Find("signin.html");
      return page == nullptr ? NotBuilt(call.request) : Serve(call.request, *page, "no-store");
    });
  }
  router.Add("GET", "/portal/{rest...}", Auth::kOptional,
             [assets](Call& call) { return Face(call, *assets, true); });
  router.Add("GET", "/console/{rest...}", Auth::kOptional,
             [assets](Call& call) { return Face(call, *assets, false); });
  // Scripts, styles and images: their names carry a hash of their content, so they never change.
  router.Add("GET", "/assets/{rest...}", Auth::kPublic, [assets](Call& call) {
    const Asset* asset = assets->Find("assets/" + call.params[0]);
    if (asset == nullptr) return ProblemResponse(404, "not-found", "Not found", "no such file", call.request.path);
    return Serve(call.request, *asset, "public, max-age=31536000, immutable");
  });
  router.Add("GET", "/favicon.ico", Auth::kPublic, [](Call&) {
    Response response = NoContent();
    response.SetHeader("Cache-Control", "public, max-age=86400");
    return response;
  });
}

}  // namespace tierdesk::adapters::http::handlers
