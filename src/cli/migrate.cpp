#include <cstdio>

#include "adapters/storage/sqlite/sqlite_store.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace tierdesk::cli {

void AddMigrateCommand(CLI::App& app, Run& run) {
  auto* command = app.add_subcommand("migrate", "Apply pending database migrations and print the schema version");
  auto options = std::make_shared<CommonOptions>();
  AddCommonFlags(*command, *options);
  command->callback([&run, options] {
    run = [options]() -> int {
      auto config = LoadConfig(options->config_file, options->overrides);
      if (!config) return Report(config.error());
      auto runtime = OpenRuntime(*config);  // opening migrates
      if (!runtime) return Report(runtime.error());
      auto version = adapters::sqlite::MigrateSqlite(config->DatabasePath());
      if (!version) return Report(version.error());
      std::printf("schema version %d\n", *version);
      return 0;
    };
  });
}

}  // namespace tierdesk::cli
