#include <chrono>
#include <cstdio>
#include <fstream>

#include "app/setup/setup.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace tierdesk::cli {

void AddDemoCommand(CLI::App& app, Run& run) {
  auto* command = app.add_subcommand("demo", "Fill an empty data directory with a realistic demo partner");
  auto options = std::make_shared<CommonOptions>();
  auto demo = std::make_shared<app::setup::DemoOptions>();
  AddCommonFlags(*command, *options);
  command->add_option("--tickets", demo->tickets, "How many tickets to generate")->check(CLI::Range(0, 100'000'000));
  command->callback([&run, options, demo] {
    run = [options, demo]() -> int {
      auto config = LoadConfig(options->config_file, options->overrides);
      if (!config) return Report(config.error());
      auto runtime = OpenRuntime(*config);
      if (!runtime) return Report(runtime.error());
      const auto started = std::chrono::steady_clock::now();
      auto result = app::setup::SeedDemo((*runtime)->Context(), *demo);
      if (!result) return Report(result.error());
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::string text = "Demo logins (password for all: " + demo->password + "):\n";
      for (const auto& login : result->logins) {
        char line[256];
        std::snprintf(line, sizeof line, "  %-34s %-15s %s\n", login.email.c_str(), login.role.c_str(),
                      login.organization.c_str());
        text += line;
      }
      std::printf("Created the demo with %lld tickets in %.1f s.\n%s",
                  static_cast<long long>(result->tickets), seconds, text.c_str());
      std::ofstream(config->data_dir + "/demo-logins.txt") << text;
      return 0;
    };
  });
}

}  // namespace tierdesk::cli
