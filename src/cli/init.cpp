#include <cstdio>

#include "app/setup/setup.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace tierdesk::cli {

void AddInitCommand(CLI::App& app, Run& run) {
  auto* command = app.add_subcommand("init", "Create the data directory, the database, the partner and its first admin");
  auto options = std::make_shared<CommonOptions>();
  auto input = std::make_shared<app::setup::InitInput>();
  input->partner_name = "My CSP Partner";
  input->admin_name = "Administrator";
  AddCommonFlags(*command, *options);
  command->add_option("--admin-email", input->admin_email, "E-mail address of the first admin")->required();
  command->add_option("--admin-name", input->admin_name, "Name of the first admin");
  command->add_option("--partner-name", input->partner_name, "Name of the partner organisation");
  command->add_option("--time-zone", input->time_zone, "The partner's IANA time zone");
  command->callback([&run, options, input] {
    run = [options, input]() -> int {
      auto config = LoadConfig(options->config_file, options->overrides);
      if (!config) return Report(config.error());
      auto password = ReadSecret("TIERDESK_ADMIN_PASSWORD", "Password for the first admin: ");
      if (!password) return Report(password.error());
      input->admin_password = *password;
      auto runtime = OpenRuntime(*config);
      if (!runtime) return Report(runtime.error());
      auto result = app::setup::InitPartner((*runtime)->Context(), *input);
      if (!result) return Report(result.error());
      std::printf("Initialised %s in %s; admin %s can log in now.\n", result->partner.name.c_str(),
                  config->data_dir.c_str(), result->admin.email.c_str());
      return 0;
    };
  });
}

}  // namespace tierdesk::cli
