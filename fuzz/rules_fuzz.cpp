// libFuzzer target: routing rules with a user's regular expression over a customer's text.
// Input: the pattern, a newline, then the ticket body. Properties checked beyond "no crash, no
// sanitizer report, bounded time": a pattern ValidateRule accepts compiles, and the rule fires
// exactly when RE2 alone finds the pattern in the text (the shortcuts before the engine, required
// literals and letter pairs, never hide a match nor invent one), on the part of the text the
// rule's budget lets it see.
#include <re2/re2.h>

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/common/text.hpp"
#include "core/routing/rules.hpp"

using namespace tierdesk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string pattern(input.substr(0, newline));
  const std::string body(input.substr(newline + 1));

  for (const char* field : {"body", "subject", "fields.note"}) {
    core::Rule rule;
    rule.id = RuleId{1};
    rule.name = "fuzz";
    rule.conditions = {{field, core::RuleOp::kRegex, {pattern}}};
    rule.actions = {{core::RuleActionKind::kAddTags, {"matched"}}};
    const bool valid = static_cast<bool>(core::ValidateRule(rule));
    auto set = core::RuleSet::Compile({rule});
    if (valid != static_cast<bool>(set)) std::abort();  // validation and compilation agree
    if (!set) continue;

    core::Ticket ticket;
    ticket.subject = body;
    ticket.fields = {{"note", body}};
    core::RuleContext context;
    context.body = body;
    const bool fired = !set->Run(ticket, context, core::RuleTrigger::kCreate).fired.empty();

    // The reference: RE2 with the same options, on the text as the rule sees it (subject and
    // body lower-cased; field values as they are).
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    options.set_never_capture(true);
    options.set_max_mem(1 << 20);
    const RE2 reference(pattern, options);
    if (!reference.ok()) std::abort();  // the rule accepted what RE2 refuses
    std::string seen = std::string_view(field) == "fields.note" ? body : ToLowerAscii(body);
    seen.resize(std::min(seen.size(), core::RegexTextBudget(reference.ProgramSize())));
    if (fired != RE2::PartialMatch(seen, reference)) std::abort();
  }
  return 0;
}
