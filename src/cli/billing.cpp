#include <cstdio>

#include <boost/json.hpp>

#include "adapters/http/json_io.hpp"
#include "app/billing/billing.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace tierdesk::cli {
namespace {

struct BillingOptions {
  CommonOptions common;
  std::string period;
  std::string format = "csv";
  std::int64_t customer = 0;
};

void AddPeriodFlags(CLI::App& command, BillingOptions& options) {
  AddCommonFlags(command, options.common);
  command.add_option("--period", options.period, "The month, YYYY-MM (the partner's calendar)")->required();
  command.add_option("--customer", options.customer, "One customer's id (default: every customer)");
}

// Runs fn with the operator's (admin) authority over an open runtime.
template <class F>
int WithOperator(const BillingOptions& options, F&& fn) {
  auto config = LoadConfig(options.common.config_file, options.common.overrides);
  if (!config) return Report(config.error());
  auto runtime = OpenRuntime(*config);
  if (!runtime) return Report(runtime.error());
  auto actor = OperatorActor(**runtime);
  if (!actor) return Report(actor.error());
  return fn((*runtime)->Context(), *actor);
}

std::optional<OrgId> CustomerOf(const BillingOptions& options) {
  return options.customer > 0 ? std::optional<OrgId>(OrgId{options.customer}) : std::nullopt;
}

void Print(const std::vector<app::billing::Statement>& statements, const std::string& period, const std::string& format) {
  if (format == "csv") {
    std::fputs(app::billing::StatementsCsv(statements).c_str(), stdout);
    return;
  }
  boost::json::array items;
  for (const auto& statement : statements) items.push_back(adapters::http::ToJson(statement, true));
  std::printf("%s\n", boost::json::serialize(boost::json::object{{"period", period}, {"items", std::move(items)}}).c_str());
}

}  // namespace

void AddBillingCommand(CLI::App& app, Run& run) {
  auto* billing = app.add_subcommand("billing", "Billing periods: export statements, close a month");
  billing->require_subcommand(1);

  auto* export_command = billing->add_subcommand(
      "export", "Print a month's statements (open months as rated now, closed ones as frozen)");
  auto export_options = std::make_shared<BillingOptions>();
  AddPeriodFlags(*export_command, *export_options);
  export_command->add_option("--format", export_options->format, "csv (default) or json")
      ->check(CLI::IsMember({"csv", "json"}));
  export_command->callback([&run, export_options] {
    run = [export_options]() -> int {
      return WithOperator(*export_options, [&](const app::AppContext& ctx, const core::Actor& actor) {
        auto statements = app::billing::Preview(ctx, actor, export_options->period, CustomerOf(*export_options));
        if (!statements) return Report(statements.error());
        Print(*statements, export_options->period, export_options->format);
        return 0;
      });
    };
  });

  auto* close_command = billing->add_subcommand("close", "Close a month: freeze its lines (closing twice changes nothing)");
  auto close_options = std::make_shared<BillingOptions>();
  AddPeriodFlags(*close_command, *close_options);
  close_command->callback([&run, close_options] {
    run = [close_options]() -> int {
      return WithOperator(*close_options, [&](const app::AppContext& ctx, const core::Actor& actor) {
        auto closed = app::billing::Close(ctx, actor, close_options->period, CustomerOf(*close_options));
        if (!closed) return Report(closed.error());
        std::printf("%s: %d statement(s) closed now, %zu in all\n", close_options->period.c_str(), closed->closed_now,
                    closed->statements.size());
        return 0;
      });
    };
  });
}

}  // namespace tierdesk::cli
