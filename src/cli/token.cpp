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
      auto runtime = OpenRuntime(options->config_file, options->overrides);
      if (!runtime) return Report(runtime.error());
      auto created = app::auth::CreatePersonalToken((*runtime)->Context(), *email, *name);
      if (!created) return Report(created.error());
      std::printf("%s\n", created->token.c_str());
      return 0;
    };
  });

  // Lists a user's live tokens (never their secrets): id, kind, name, created, expires, last used.
  auto* list = token->add_subcommand("list", "List a user's live tokens (sessions and personal tokens)");
  auto list_options = std::make_shared<CommonOptions>();
  auto list_email = std::make_shared<std::string>();
  AddCommonFlags(*list, *list_options);
  list->add_option("--email", *list_email, "The user's e-mail address")->required();
  list->callback([&run, list_options, list_email] {
    run = [list_options, list_email]() -> int {
      auto runtime = OpenRuntime(list_options->config_file, list_options->overrides);
      if (!runtime) return Report(runtime.error());
      auto tokens = app::auth::ListTokensOf((*runtime)->Context(), *list_email);
      if (!tokens) return Report(tokens.error());
      const auto time = [](const std::optional<Timestamp>& at) { return at ? FormatTimestamp(*at) : std::string("-"); };
      for (const auto& record : *tokens) {
        std::printf("%lld\t%s\t%s\tcreated %s\texpires %s\tlast used %s\n", static_cast<long long>(record.id.value),
                    record.kind == core::TokenKind::kPersonal ? "personal" : "session", record.name.c_str(),
                    FormatTimestamp(record.created_at).c_str(), time(record.expires_at).c_str(),
                    time(record.last_used_at).c_str());
      }
      return 0;
    };
  });

  // Revokes a token by id: it stops working at once, in every running server.
  auto* revoke = token->add_subcommand("revoke", "Revoke a token by id (see token list); it stops working at once");
  auto revoke_options = std::make_shared<CommonOptions>();
  auto id = std::make_shared<std::int64_t>(0);
  AddCommonFlags(*revoke, *revoke_options);
  revoke->add_option("--id", *id, "The token's id")->required()->check(CLI::PositiveNumber);
  revoke->callback([&run, revoke_options, id] {
    run = [revoke_options, id]() -> int {
      auto runtime = OpenRuntime(revoke_options->config_file, revoke_options->overrides);
      if (!runtime) return Report(runtime.error());
      auto revoked = app::auth::RevokeTokenAsOperator((*runtime)->Context(), TokenId{*id});
      if (!revoked) return Report(revoked.error());
      std::printf("token %lld revoked\n", static_cast<long long>(revoked->id.value));
      return 0;
    };
  });
}

}  // namespace tierdesk::cli
