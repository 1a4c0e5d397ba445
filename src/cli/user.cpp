#include <cstdio>

#include "app/auth/auth.hpp"
#include "app/user/user.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace tierdesk::cli {

void AddUserCommand(CLI::App& app, Run& run) {
  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Add a user (password from TIERDESK_USER_PASSWORD, else asked)");
  auto options = std::make_shared<CommonOptions>();
  auto input = std::make_shared<core::NewUser>();
  auto role = std::make_shared<std::string>();
  auto org = std::make_shared<std::int64_t>(0);
  auto no_password = std::make_shared<bool>(false);
  AddCommonFlags(*add, *options);
  add->add_option("--email", input->email, "E-mail address")->required();
  add->add_option("--name", input->name, "Full name")->required();
  add->add_option("--role", *role, "requester, customer_admin, agent, supervisor, admin, billing, "
                                   "provider_agent or reseller_agent")->required();
  add->add_option("--organization", *org, "Organisation id (default: the partner)");
  add->add_flag("--no-password", *no_password, "Create without a password (API tokens only)");
  add->callback([&run, options, input, role, org, no_password] {
    run = [options, input, role, org, no_password]() -> int {
      auto parsed_role = core::ParseRole(*role);
      if (!parsed_role) return Report(Error::InvalidArgument("unknown role '" + *role + "'"));
      input->role = *parsed_role;
      auto runtime = OpenRuntime(options->config_file, options->overrides);
      if (!runtime) return Report(runtime.error());
      auto actor = OperatorActor(**runtime);
      if (!actor) return Report(actor.error());
      input->organization_id = *org > 0 ? OrgId{*org} : actor->org_id;
      if (!*no_password) {
        auto password = ReadSecret("TIERDESK_USER_PASSWORD", "Password: ");
        if (!password) return Report(password.error());
        if (password->empty()) return Report(Error::InvalidArgument("the password is empty; use --no-password for none"));
        input->password = *password;
      }
      auto created = app::user::CreateUser((*runtime)->Context(), *actor, *input);
      if (!created) return Report(created.error());
      std::printf("user %lld %s (%s)\n", static_cast<long long>(created->id.value), created->email.c_str(),
                  std::string(core::ToString(created->role)).c_str());
      return 0;
    };
  });

  // An admin-issued one-time reset: prints the token, which POST /api/v1/auth/password-reset takes
  // with the new password.
  auto* reset = user->add_subcommand("reset-password",
                                     "Issue a one-time password reset token for a user (valid 24 hours); prints it");
  auto reset_options = std::make_shared<CommonOptions>();
  auto reset_email = std::make_shared<std::string>();
  AddCommonFlags(*reset, *reset_options);
  reset->add_option("email", *reset_email, "The user's e-mail address")->required();
  reset->callback([&run, reset_options, reset_email] {
    run = [reset_options, reset_email]() -> int {
      auto runtime = OpenRuntime(reset_options->config_file, reset_options->overrides);
      if (!runtime) return Report(runtime.error());
      auto issued = app::auth::IssuePasswordReset((*runtime)->Context(), *reset_email);
      if (!issued) return Report(issued.error());
      std::printf("%s\n", issued->token.c_str());
      std::fprintf(stderr, "reset token for %s, valid until %s; POST it with the new password to "
                   "/api/v1/auth/password-reset\n", issued->user.email.c_str(),
                   FormatTimestamp(issued->reset.expires_at).c_str());
      return 0;
    };
  });
}

}  // namespace tierdesk::cli
