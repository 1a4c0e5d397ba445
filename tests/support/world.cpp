#include "support/world.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "adapters/storage/sqlite/sqlite_store.hpp"
#include "app/org/org.hpp"
#include "app/setup/setup.hpp"
#include "app/ticket/ticket.hpp"
#include "app/user/user.hpp"
#include "app/auth/auth.hpp"

namespace tierdesk::testing {

const std::vector<std::string> kMemberNames = {"admin",   "supervisor", "agent",     "billing", "reseller",
                                               "reseller2", "provider", "provider2", "admin_a", "req_a1",
                                               "req_a2",  "admin_b",    "req_b1",    "req_c1",  "req_d1"};

namespace {

template <class T>
T Must(Result<T> result, const char* what) {
  if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().message + " " + result.error().detail);
  return std::move(*result);
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/tierdesk-test-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

TestApp::TestApp() {
  if (!adapters::crypto::InitSodium()) throw std::runtime_error("libsodium");
  Reopen();
  blobs = std::make_unique<adapters::blob::FsBlobStore>(dir.path + "/attachments");
}

void TestApp::Reopen() {
  store.reset();
  adapters::sqlite::SqliteOptions options;
  options.path = dir.path + "/tierdesk.db";
  options.synchronous = "NORMAL";
  options.search_budget = search_budget;
  store = Must(adapters::sqlite::OpenSqliteStore(options), "open store");
}

World BuildWorld(TestApp& test_app) {
  auto ctx = test_app.Context();
  World w;
  const std::string admin_password = "admin-password-123";
  auto init = Must(app::setup::InitPartner(ctx, {"Partner Co", "admin@partner.example", "Admin",
                                                 admin_password, "Asia/Seoul"}),
                   "init");
  w.partner = init.partner;
  const core::Actor root{init.admin.id, w.partner.id, core::OrgKind::kPartner, core::Role::kAdmin};
  auto org = [&](core::OrgKind kind, const char* name, std::optional<OrgId> parent, const char* domain) {
    core::NewOrganization input{kind, name, parent, {domain}, "", "KR", "ko-KR", "Asia/Seoul"};
    return Must(app::org::CreateOrganization(ctx, root, input), name);
  };
  w.reseller = org(core::OrgKind::kReseller, "Reseller Co", std::nullopt, "reseller.example");
  w.provider = org(core::OrgKind::kProvider, "Provider Co", std::nullopt, "provider.example");
  w.customer_a = org(core::OrgKind::kCustomer, "Customer Alpha", std::nullopt, "alpha.example");
  w.customer_b = org(core::OrgKind::kCustomer, "Customer Bravo", std::nullopt, "bravo.example");
  w.customer_c = org(core::OrgKind::kCustomer, "Customer Charlie", w.reseller.id, "charlie.example");
  w.reseller2 = org(core::OrgKind::kReseller, "Reseller Two", std::nullopt, "reseller2.example");
  w.provider2 = org(core::OrgKind::kProvider, "Provider Two", std::nullopt, "provider2.example");
  w.customer_d = org(core::OrgKind::kCustomer, "Customer Delta", w.reseller2.id, "delta-world.example");

  auto member = [&](const std::string& name, const core::Organization& in, core::Role role) {
    Member m;
    if (name == "admin") {
      m.user = init.admin;
      m.password = admin_password;
    } else {
      const std::string domain = in.domains.empty() ? "partner.example" : in.domains.front();
      m.password = "password-" + name + "-123";
      core::NewUser input{in.id, name + "@" + domain, "User " + name, role, m.password};
      m.user = Must(app::user::CreateUser(ctx, root, input), name.c_str());
    }
    m.actor = core::Actor{m.user.id, in.id, in.kind, role};
    m.token = Must(app::auth::CreatePersonalToken(ctx, m.user.email, "test"), "token").token;
    w.members[name] = m;
  };
  member("admin", w.partner, core::Role::kAdmin);
  member("supervisor", w.partner, core::Role::kSupervisor);
  member("agent", w.partner, core::Role::kAgent);
  member("billing", w.partner, core::Role::kBilling);
  member("reseller", w.reseller, core::Role::kResellerAgent);
  member("provider", w.provider, core::Role::kProviderAgent);
  member("admin_a", w.customer_a, core::Role::kCustomerAdmin);
  member("req_a1", w.customer_a, core::Role::kRequester);
  member("req_a2", w.customer_a, core::Role::kRequester);
  member("admin_b", w.customer_b, core::Role::kCustomerAdmin);
  member("req_b1", w.customer_b, core::Role::kRequester);
  member("req_c1", w.customer_c, core::Role::kRequester);
  member("reseller2", w.reseller2, core::Role::kResellerAgent);
  member("provider2", w.provider2, core::Role::kProviderAgent);
  member("req_d1", w.customer_d, core::Role::kRequester);

  auto ticket = [&](const std::string& who, const std::string& marker) {
    app::ticket::NewTicket input;
    input.service = "azure";
    input.subject = "Problem " + marker;
    input.description = "Description of " + marker + " for the partner";
    input.tags = {"isolation"};
    auto created = Must(app::ticket::CreateTicket(ctx, w[who].actor, input), marker.c_str());
    w.subject_marker[created.ticket.id.value] = marker;
    Must(app::ticket::AddMessage(ctx, w["agent"].actor, created.ticket.id,
                                 {"Internal " + w.internal_marker + " about " + marker,
                                  app::ticket::Visibility::kInternal}),
         "note");
    return created.ticket.id;
  };
  w.ticket_a1 = ticket("req_a1", "zalphaone");
  w.ticket_a2 = ticket("req_a2", "zalphatwo");
  w.ticket_b1 = ticket("req_b1", "zbravoone");
  w.ticket_c1 = ticket("req_c1", "zcharlieone");
  w.ticket_routed = ticket("req_b1", "zroutedbravo");
  w.ticket_d1 = ticket("req_d1", "zdeltaone");
  w.ticket_routed2 = ticket("admin_a", "zroutedalpha");
  auto route = [&](TicketId id, OrgId provider) {
    core::TicketPatch patch;
    patch.provider_id = provider;
    Must(app::ticket::UpdateTicket(ctx, w["admin"].actor, id, patch, std::nullopt), "route");
  };
  route(w.ticket_routed, w.provider.id);
  route(w.ticket_routed2, w.provider2.id);
  app::ticket::NewMessage shared{"Shared " + w.shared_marker + " for the provider", app::ticket::Visibility::kInternal,
                                 true};
  Must(app::ticket::AddMessage(ctx, w["agent"].actor, w.ticket_routed, shared), "shared note");
  auto attach = [&](const std::string& who, TicketId id, const std::string& content, app::ticket::Visibility v) {
    return Must(app::ticket::AddAttachment(ctx, w[who].actor, id, {"report.txt", "text/plain", content, v}),
                "attachment")
        .id;
  };
  w.attachment_a1 = attach("req_a1", w.ticket_a1, "public attachment zalphaone", app::ticket::Visibility::kPublic);
  w.attachment_a1_internal =
      attach("agent", w.ticket_a1, "internal attachment " + w.internal_marker, app::ticket::Visibility::kInternal);
  w.attachment_b1 = attach("req_b1", w.ticket_b1, "public attachment zbravoone", app::ticket::Visibility::kPublic);
  return w;
}

const std::string TestWebRoot::kSigninPage = "<!doctype html><title>td-page-signin</title><p>td-page-signin</p>\n";
const std::string TestWebRoot::kPortalPage = "<!doctype html><title>td-page-portal</title><p>td-page-portal</p>\n";
const std::string TestWebRoot::kConsolePage = "<!doctype html><title>td-page-console</title><p>td-page-console</p>\n";
const std::string TestWebRoot::kAssetScript = "console.log(\"td-asset-x\");\n";
// gzip -9n of kAssetScript (Python's gzip module, mtime 0).
const std::string TestWebRoot::kAssetScriptGzip = std::string(
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff\x4b\xce\xcf\x2b\xce\xcf\x49\xd5\xcb\xc9\x4f\xd7\x50\x2a\x49\xd1"
    "\x4d\x2c\x2e\x4e\x2d\xd1\xad\x50\xd2\xb4\xe6\x02\x00\x78\x46\x77\x99\x1b\x00\x00\x00",
    47);
const std::string TestWebRoot::kAssetStyle = "body { color: #111; } /* td-asset-style */\n";

TestWebRoot::TestWebRoot() {
  const auto write = [this](const std::string& relative, const std::string& bytes) {
    const std::filesystem::path path = std::filesystem::path(dir.path) / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    if (!out) throw std::runtime_error("cannot write " + path.string());
  };
  write("signin.html", kSigninPage);
  write("portal.html", kPortalPage);
  write("console.html", kConsolePage);
  write("assets/x.js", kAssetScript);
  write("assets/x.js.gz", kAssetScriptGzip);
  write("assets/site.css", kAssetStyle);
}

TestServer::TestServer(std::int64_t attachment_max_bytes, std::chrono::milliseconds search_budget) {
  if (search_budget != app.search_budget) {
    app.search_budget = search_budget;
    app.Reopen();
  }
  world = BuildWorld(app);
  app.limits.attachment_max_bytes = attachment_max_bytes;
  Start({});
}

TestServer::TestServer(const adapters::http::ApiOptions& api_options) {
  world = BuildWorld(app);
  app.limits.attachment_max_bytes = 1024 * 1024;
  Start(api_options);
}

void TestServer::Start(const adapters::http::ApiOptions& api_options) {
  api = std::make_unique<adapters::http::Api>(app.Context(), api_options);
  adapters::http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.worker_threads = 8;
  options.access_log = false;
  options.header_limit = 8 * 1024;
  server = std::make_unique<adapters::http::Server>(*api, options);
  port = Must(server->Start(), "start server");
}

TestServer::~TestServer() { server->Stop(); }

std::string PartnerMonth(const TestServer& server, Timestamp at) {
  const auto zone = Must(server.app.zones.Load(server.world.partner.time_zone), "partner zone");
  const auto utc = std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count();
  const Timestamp local{std::chrono::seconds(zone->ToLocal(utc))};
  return FormatTimestamp(local).substr(0, 7);  // the local time written as if it were UTC
}

boost::json::value Parse(const HttpResult& result) {
  std::error_code ec;
  auto value = boost::json::parse(result.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << result.body;
  return value;
}

boost::json::object GetObject(HttpClient& client, const std::string& target, const std::string& token) {
  auto result = client.Get(target, token);
  EXPECT_EQ(result.status, 200) << target << ": " << result.body;
  auto value = Parse(result);
  return value.is_object() ? value.as_object() : boost::json::object{};
}

boost::json::array Items(const std::string& body) {
  std::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec || !value.is_object() || !value.as_object().contains("items")) {
    throw std::runtime_error("not a list response: " + body.substr(0, 300));
  }
  return value.as_object().at("items").as_array();
}

std::string Json(std::initializer_list<std::pair<std::string, std::string>> raw_fields) {
  std::string out = "{";
  for (const auto& [key, raw] : raw_fields) {
    if (out.size() > 1) out += ',';
    out += "\"" + key + "\":" + raw;
  }
  return out + "}";
}

}  // namespace tierdesk::testing
