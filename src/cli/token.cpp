#include <cstdio>

#include "app/auth/auth.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace tierdesk::cli {

void AddTokenCommand(CLI::App& app, Run& run) {
  auto* token = app.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  auto* create = token->add_subcommand("create", "Create a personal API token for a user; prints it once");
  auto options = std::make_shared<CommonOptions>();
  auto email = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>("personal");
  AddCommonFlags(*create, *options);
  create->add_option("--email", *email, "The user's e-mail address")->required();
  create->add_option("--name", *name, "A label for the token");
  create->callback([&run, options, email, name] {
    run = [options, email, name]() -> int {
      auto config = LoadConfig(options->config_file, options->overrides);
      if (!config) return Report(config.error());
      auto runtime = OpenRuntime(*config);
      if (!runtime) return Report(runtime.error());
      auto created = app::auth::CreatePersonalToken((*runtime)->Context(), *email, *name);
      if (!created) return Report(created.error());
      std::printf("%s\n", created->token.c_str());
      return 0;
    };
  });
}

}  // namespace tierdesk::cli
