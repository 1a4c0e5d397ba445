// app/setup/setup.hpp
#pragma once

#include <vector>

#include "app/context.hpp"

namespace tierdesk::app::setup {

struct InitInput {
  std::string partner_name;
  std::string admin_email;
  std::string admin_name;
  std::string admin_password;
  std::string time_zone = "UTC";
};
struct InitResult {
  core::Organization partner;
  core::User admin;
};
// Creates the partner organisation and its first admin. kConflict if done already.
Result<InitResult> InitPartner(const AppContext& ctx, InitInput input);

}  // namespace tierdesk::app::setup

namespace tierdesk::app::setup {

struct DemoOptions {
  std::int64_t tickets = 300;
  std::string password = "tierdesk-demo-2026";
  std::uint64_t seed = 42;
};
struct DemoLogin {
  std::string email;
  std::string role;
  std::string organization;
};
struct DemoResult {
  std::vector<DemoLogin> logins;
  std::int64_t tickets = 0;
};
// A realistic CSP partner: teams, a reseller, a provider, five customers with subscriptions,
// users of every role and `tickets` tickets with conversations, written in large batches.
// kConflict if the database has a partner already.
Result<DemoResult> SeedDemo(const AppContext& ctx, const DemoOptions& options);

}  // namespace tierdesk::app::setup
