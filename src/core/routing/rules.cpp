#include "core/routing/rules.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <iterator>
#include <limits>

#include <re2/re2.h>

#include "core/common/enum_names.hpp"
#include "core/common/text.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<RuleOp, 9> kOpNames{{{
    {RuleOp::kEq, "eq"},
    {RuleOp::kNe, "ne"},
    {RuleOp::kIn, "in"},
    {RuleOp::kContains, "contains"},
    {RuleOp::kRegex, "regex"},
    {RuleOp::kGt, "gt"},
    {RuleOp::kLt, "lt"},
    {RuleOp::kInside, "inside"},
    {RuleOp::kOutside, "outside"},
}}};

constexpr EnumNames<RuleActionKind, 8> kActionNames{{{
    {RuleActionKind::kSetTeam, "set_team"},
    {RuleActionKind::kSetAssignee, "set_assignee"},
    {RuleActionKind::kSetProvider, "set_provider"},
    {RuleActionKind::kSetSeverity, "set_severity"},
    {RuleActionKind::kAddTags, "add_tags"},
    {RuleActionKind::kSetScope, "set_scope"},
    {RuleActionKind::kAddNote, "add_note"},
    {RuleActionKind::kNotify, "notify"},
}}};

// How a field is read and compared.
enum class Field {
  kService, kCategory, kSeverity, kStatus, kChannel,
  kCustomer, kReseller, kSubscription, kTeam, kAssignee, kProvider,
  kCountry, kLocale, kTimeZone,
  kTags, kSubject, kBody, kTicketField, kTime,
};
enum class Kind { kNumber, kString, kText, kTags, kTime };

struct FieldInfo {
  std::string_view name;
  Field field;
  Kind kind;
};
constexpr FieldInfo kFields[] = {
    {"service", Field::kService, Kind::kString},     {"category", Field::kCategory, Kind::kNumber},
    {"severity", Field::kSeverity, Kind::kNumber},   {"status", Field::kStatus, Kind::kNumber},
    {"channel", Field::kChannel, Kind::kNumber},     {"customer_id", Field::kCustomer, Kind::kNumber},
    {"reseller_id", Field::kReseller, Kind::kNumber}, {"subscription_id", Field::kSubscription, Kind::kNumber},
    {"team_id", Field::kTeam, Kind::kNumber},        {"assignee_id", Field::kAssignee, Kind::kNumber},
    {"provider_id", Field::kProvider, Kind::kNumber}, {"customer.country", Field::kCountry, Kind::kString},
    {"customer.locale", Field::kLocale, Kind::kString}, {"customer.time_zone", Field::kTimeZone, Kind::kString},
    {"tags", Field::kTags, Kind::kTags},             {"subject", Field::kSubject, Kind::kText},
    {"body", Field::kBody, Kind::kText},             {"time", Field::kTime, Kind::kTime},
};
constexpr std::string_view kFieldPrefix = "fields.";

std::optional<FieldInfo> FindField(std::string_view name) {
  for (const auto& info : kFields) {
    if (info.name == name) return info;
  }
  if (name.size() > kFieldPrefix.size() && name.substr(0, kFieldPrefix.size()) == kFieldPrefix) {
    return FieldInfo{name, Field::kTicketField, Kind::kString};
  }
  return std::nullopt;
}

bool Allowed(Kind kind, RuleOp op) {
  switch (kind) {
    case Kind::kNumber: return op == RuleOp::kEq || op == RuleOp::kNe || op == RuleOp::kIn || op == RuleOp::kGt || op == RuleOp::kLt;
    case Kind::kString:
    case Kind::kText: return op == RuleOp::kEq || op == RuleOp::kNe || op == RuleOp::kIn || op == RuleOp::kContains || op == RuleOp::kRegex;
    case Kind::kTags: return op == RuleOp::kEq || op == RuleOp::kNe || op == RuleOp::kIn || op == RuleOp::kContains;
    case Kind::kTime: return op == RuleOp::kInside || op == RuleOp::kOutside;
  }
  return false;
}

std::optional<std::int64_t> ParseId(std::string_view text) {
  if (text.empty()) return 0;  // none
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// Severity compares by urgency: critical > moderate > minimal.
std::int64_t Urgency(Severity severity) { return 2 - static_cast<std::int64_t>(severity); }

// Enumerations and ids as numbers; nullopt when the text is not a value of the field.
std::optional<std::int64_t> NumberOf(Field field, std::string_view text) {
  switch (field) {
    case Field::kCategory:
      if (const auto v = ParseCategory(text)) return static_cast<std::int64_t>(*v);
      return std::nullopt;
    case Field::kSeverity:
      if (const auto v = ParseSeverity(text)) return Urgency(*v);
      return std::nullopt;
    case Field::kStatus:
      if (const auto v = ParseTicketStatus(text)) return static_cast<std::int64_t>(*v);
      return std::nullopt;
    case Field::kChannel:
      if (const auto v = ParseChannel(text)) return static_cast<std::int64_t>(*v);
      return std::nullopt;
    default: return ParseId(text);
  }
}

std::int64_t NumberOf(Field field, const Ticket& t) {
  switch (field) {
    case Field::kCategory: return static_cast<std::int64_t>(t.category);
    case Field::kSeverity: return Urgency(t.severity);
    case Field::kStatus: return static_cast<std::int64_t>(t.status);
    case Field::kChannel: return static_cast<std::int64_t>(t.channel);
    case Field::kCustomer: return t.customer_id.value;
    case Field::kReseller: return t.reseller_id.value;
    case Field::kSubscription: return t.subscription_id.value;
    case Field::kTeam: return t.team_id.value;
    case Field::kAssignee: return t.assignee_id.value;
    case Field::kProvider: return t.provider_id.value;
    default: return 0;
  }
}

// The customer's attributes and the service; ticket fields are looked up by their key.
std::string_view StringOf(Field field, const Ticket& t, const RuleContext& context) {
  switch (field) {
    case Field::kService: return t.service;
    case Field::kCountry: return context.customer ? std::string_view(context.customer->country) : std::string_view();
    case Field::kLocale: return context.customer ? std::string_view(context.customer->locale) : std::string_view();
    case Field::kTimeZone: return context.customer ? std::string_view(context.customer->time_zone) : std::string_view();
    default: return {};
  }
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Does the text contain the (lower-case) needle, ignoring ASCII case? Lets a regex's required
// literal reject a field value before anything is lower-cased or allocated.
bool ContainsIgnoringCase(std::string_view haystack, std::string_view lower_needle) {
  if (lower_needle.empty()) return true;
  if (haystack.size() < lower_needle.size()) return false;
  const std::size_t last = haystack.size() - lower_needle.size();
  for (std::size_t i = 0; i <= last; ++i) {
    std::size_t k = 0;
    while (k < lower_needle.size() && LowerAscii(haystack[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return true;
  }
  return false;
}

// Equality of the short values rules compare (service codes, countries, tags): the lengths
// differ for most pairs, and a plain loop beats a call to memcmp for the rest.
bool SameText(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// A substring every match must contain, found without a regex engine: the longest run of plain
// characters at the top level of a pattern with no top-level alternation. Empty if unknown.
// Lets most texts be rejected by a substring search before the regex runs. Conservative: an
// escape it does not know (\Q, \p{..}, \x.., octal), a flag group, a class with a nested '[' (POSIX
// classes), a '{' that is no counted repetition, and any non-ASCII character (RE2 folds the
// Kelvin sign to k) end or abandon the run, never add to it; the rules fuzzer checks that every
// match contains the literal.
std::string RequiredLiteral(std::string_view pattern) {
  std::string best;
  std::string run;
  int depth = 0;
  const auto end_run = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
  };
  const auto quantified = [&](std::size_t at) {
    const char c = at < pattern.size() ? pattern[at] : '\0';
    return c == '?' || c == '*' || c == '{';
  };
  // The end of a counted repetition starting at `at` ({n}, {n,}, {n,m}), or npos if it is none
  // (RE2 then reads the '{' as a plain character).
  const auto repetition_end = [&](std::size_t at) {
    std::size_t i = at + 1;
    const auto digits = [&] {
      const std::size_t start = i;
      while (i < pattern.size() && pattern[i] >= '0' && pattern[i] <= '9') ++i;
      return i > start;
    };
    if (!digits()) return std::string_view::npos;
    if (i < pattern.size() && pattern[i] == ',') {
      ++i;
      (void)digits();
    }
    return i < pattern.size() && pattern[i] == '}' ? i : std::string_view::npos;
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    const char next = i + 1 < pattern.size() ? pattern[i + 1] : '\0';
    if (static_cast<unsigned char>(c) >= 0x80) {
      end_run();
      continue;
    }
    if (c == '\\') {
      const char escaped = next;
      ++i;
      const bool punctuation = escaped != '\0' && std::string_view(".^$|?*+()[]{}\\/-").find(escaped) != std::string_view::npos;
      if (depth == 0 && punctuation && !quantified(i + 1)) {
        run += escaped;
        if (i + 1 < pattern.size() && pattern[i + 1] == '+') end_run();
        continue;
      }
      end_run();
      if (escaped == 'Q' || escaped == 'E') return {};  // quoted text: not worth parsing here
      // Skip the escape's argument: \p{Greek} \pL \x{41} \x41, octal \101.
      if ((escaped == 'p' || escaped == 'P' || escaped == 'x') && i + 1 < pattern.size()) {
        if (pattern[i + 1] == '{') {
          while (i + 1 < pattern.size() && pattern[i] != '}') ++i;
        } else {
          i += escaped == 'x' ? 2 : 1;
        }
      } else if (escaped >= '0' && escaped <= '9') {
        while (i + 1 < pattern.size() && pattern[i + 1] >= '0' && pattern[i + 1] <= '9') ++i;
      }
      continue;
    }
    if (c == '|' && depth == 0) return {};
    // A flag group, (?i) or (?-s:...), is not an atom: "C(?i)*" repeats the C. Not worth parsing.
    if (c == '(' && next == '?' && i + 2 < pattern.size() && pattern[i + 2] != ':' && pattern[i + 2] != 'P') {
      return {};
    }
    if (c == '(') {
      ++depth;
      end_run();
      continue;
    }
    if (c == ')') {
      --depth;
      end_run();
      continue;
    }
    if (c == '[') {  // a class: skip to its end (a ']' first in the class is a member)
      end_run();
      ++i;
      if (i < pattern.size() && pattern[i] == '^') ++i;
      if (i < pattern.size() && pattern[i] == ']') ++i;
      for (; i < pattern.size() && pattern[i] != ']'; ++i) {
        if (pattern[i] == '[') return {};  // [[:space:]] and the like
        if (pattern[i] == '\\') ++i;
      }
      continue;
    }
    if (c == '{') {  // a counted repetition's digits are not text; another '{' is not worth it
      end_run();
      if (const auto end = repetition_end(i); end != std::string_view::npos) i = end;
      continue;
    }
    const bool special = std::string_view(".^$?*+}").find(c) != std::string_view::npos;
    if (depth != 0 || special || quantified(i + 1)) {
      end_run();
      continue;
    }
    run += c;
    if (next == '+') end_run();
  }
  end_run();
  return best;
}

// User regexes run in RE2: linear time in the text, memory bounded by max_mem, and a program
// size checked when the rule is saved. Case-insensitive, matched against lower-cased text.
constexpr std::int64_t kRegexMaxMemory = 1 << 20;
constexpr int kRegexMaxProgram = 5000;

RE2::Options RegexOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_never_capture(true);
  options.set_max_mem(kRegexMaxMemory);
  return options;
}

// The compiled pattern, or why it is refused.
Result<std::shared_ptr<const RE2>> CompileRegex(std::string_view pattern) {
  auto regex = std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), RegexOptions());
  if (!regex->ok()) {
    return Fail(Error::InvalidArgument("not a valid regular expression: " + regex->error()));
  }
  if (regex->ProgramSize() > kRegexMaxProgram) {
    return Fail(Error::InvalidArgument("the regular expression is too complex (program size " +
                                       std::to_string(regex->ProgramSize()) + ", at most " +
                                       std::to_string(kRegexMaxProgram) + ")"));
  }
  return regex;
}

// Looks at the first RegexTextBudget bytes of the text only.
bool Search(const RE2& regex, std::string_view text) {
  text = text.substr(0, RegexTextBudget(regex.ProgramSize()));
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), regex);
}

}  // namespace

std::size_t RegexTextBudget(int program_size) {
  constexpr std::size_t kSteps = 16'000'000;  // instructions × bytes: about 0.1 s in RE2's NFA
  constexpr std::size_t kMaxText = 64 * 1024;
  return std::min(kMaxText, kSteps / static_cast<std::size_t>(std::max(program_size, 1)));
}

std::string_view ToString(RuleOp op) { return kOpNames.Name(op); }
std::optional<RuleOp> ParseRuleOp(std::string_view text) { return kOpNames.Parse(text); }
std::string_view ToString(RuleActionKind kind) { return kActionNames.Name(kind); }
std::optional<RuleActionKind> ParseRuleActionKind(std::string_view text) { return kActionNames.Parse(text); }

// A condition with its field resolved and its values parsed.
struct CompiledCondition {
  Field field = Field::kService;
  Kind kind = Kind::kString;
  RuleOp op = RuleOp::kEq;
  std::string name;                    // fields.<name>
  std::string field_key;               // <name> of fields.<name>: the ticket's fields map key
  std::vector<std::int64_t> numbers;   // sorted
  std::vector<std::string> strings;    // sorted; lower case for text and tags
  std::shared_ptr<const RE2> regex;
  std::string literal;  // regex: a substring every match contains
  CalendarId calendar;
  // Text conditions: the first and last letter pairs of the substring searched for (the needle
  // of contains, a regex's literal), to reject texts that lack them without a search.
  bool filtered = false;
  std::uint16_t first_pair = 0;
  std::uint16_t last_pair = 0;
};

// Letter pairs of a text, hashed into 4096 bits: a text lacking a pair of the needle cannot
// contain it. Built once per run for the subject and the body.
std::uint16_t PairKey(char a, char b) {
  return static_cast<std::uint16_t>(((static_cast<unsigned>(static_cast<unsigned char>(a)) << 5) ^
                                     static_cast<unsigned char>(b)) & 0xFFFu);
}

struct PairSet {
  std::array<std::uint64_t, 64> bits{};
  explicit PairSet(std::string_view text) {
    for (std::size_t i = 1; i < text.size(); ++i) {
      const auto key = PairKey(text[i - 1], text[i]);
      bits[key >> 6] |= std::uint64_t{1} << (key & 63u);
    }
  }
  bool Has(std::uint16_t key) const { return (bits[key >> 6] >> (key & 63u)) & 1u; }
};

// A rough relative cost of testing a condition: numbers, then short strings, tags, text
// searches, a calendar lookup, a regex.
int Cost(const CompiledCondition& c) {
  if (c.op == RuleOp::kRegex) return 5;
  switch (c.kind) {
    case Kind::kNumber: return 0;
    case Kind::kString: return 1;
    case Kind::kTags: return 2;
    case Kind::kText: return 3;
    case Kind::kTime: return 4;
  }
  return 5;
}

struct RuleSet::Compiled {
  Rule rule;
  std::vector<CompiledCondition> conditions;
  std::uint32_t reads = 0;  // bit per Field the conditions look at
};

namespace {
std::uint32_t Bit(Field field) { return std::uint32_t{1} << static_cast<unsigned>(field); }
}  // namespace

Status ValidateRule(const Rule& rule) {
  std::vector<FieldError> errors;
  if (TrimAscii(rule.name).empty() || rule.name.size() > 200) errors.push_back({"name", "is 1 to 200 characters"});
  if (rule.conditions.size() > 50) errors.push_back({"conditions", "at most 50"});
  if (rule.actions.empty() || rule.actions.size() > 20) errors.push_back({"actions", "1 to 20 actions"});
  if (!rule.on_create && !rule.on_update) errors.push_back({"run_on", "names create, update or both"});
  for (std::size_t i = 0; i < rule.conditions.size(); ++i) {
    const auto& c = rule.conditions[i];
    const std::string at = "conditions[" + std::to_string(i) + "].";
    const auto info = FindField(c.field);
    if (!info) {
      errors.push_back({at + "field", "is not a field rules can look at"});
      continue;
    }
    if (!Allowed(info->kind, c.op)) {
      errors.push_back({at + "op", std::string(ToString(c.op)) + " does not apply to " + c.field});
      continue;
    }
    if (c.values.empty() || (c.op != RuleOp::kIn && c.values.size() != 1) || c.values.size() > 100) {
      errors.push_back({at + "values", c.op == RuleOp::kIn ? "1 to 100 values" : "exactly one value"});
      continue;
    }
    for (const auto& value : c.values) {
      if (value.size() > 1000 || !IsValidUtf8(value) || !HasNoControlCharacters(value, AllowNewlines::kNo)) {
        errors.push_back({at + "values", "at most 1000 characters each, one line"});
      } else if (info->kind == Kind::kNumber && !NumberOf(info->field, value)) {
        errors.push_back({at + "values", "'" + value + "' is not a value of " + c.field});
      } else if (info->kind == Kind::kTime && (!ParseId(value) || *ParseId(value) == 0)) {
        errors.push_back({at + "values", "is a calendar id"});
      } else if (c.op == RuleOp::kRegex) {
        if (auto regex = CompileRegex(value); !regex) errors.push_back({at + "values", regex.error().message});
      }
    }
    if ((c.op == RuleOp::kGt || c.op == RuleOp::kLt) &&
        (info->field == Field::kCategory || info->field == Field::kStatus || info->field == Field::kChannel)) {
      errors.push_back({at + "op", "gt and lt compare ids and severity only"});
    }
  }
  for (std::size_t i = 0; i < rule.actions.size(); ++i) {
    const auto& a = rule.actions[i];
    const std::string at = "actions[" + std::to_string(i) + "].values";
    const bool many = a.kind == RuleActionKind::kAddTags;
    if (a.values.empty() || (!many && a.values.size() != 1)) {
      errors.push_back({at, many ? "one or more tags" : "exactly one value"});
      continue;
    }
    if (!std::all_of(a.values.begin(), a.values.end(), [](const std::string& v) {
          return IsValidUtf8(v) && HasNoControlCharacters(v, AllowNewlines::kYes);
        })) {
      errors.push_back({at, "holds no control characters"});
      continue;
    }
    switch (a.kind) {
      case RuleActionKind::kSetTeam:
      case RuleActionKind::kSetAssignee:
      case RuleActionKind::kSetProvider:
        if (!ParseId(a.values[0])) errors.push_back({at, "is an id, or empty to clear"});
        break;
      case RuleActionKind::kSetSeverity:
        if (!ParseSeverity(a.values[0])) errors.push_back({at, "is critical, moderate or minimal"});
        break;
      case RuleActionKind::kAddTags: {
        std::vector<std::string> tags = a.values;
        std::vector<FieldError> tag_errors;
        NormaliseTags(tags, tag_errors);
        if (!tag_errors.empty()) errors.push_back({at, tag_errors.front().message});
        break;
      }
      case RuleActionKind::kSetScope:
        if (a.values[0] != "in_scope" && a.values[0] != "out_of_scope_billable") {
          errors.push_back({at, "is in_scope or out_of_scope_billable"});
        }
        break;
      case RuleActionKind::kAddNote:
      case RuleActionKind::kNotify:
        if (TrimAscii(a.values[0]).empty() || a.values[0].size() > 10'000) errors.push_back({at, "is 1 to 10000 characters"});
        break;
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the rule is not valid", std::move(errors)));
  return Ok();
}

namespace {

constexpr char kUnit = '\x1f';    // between the parts of a record
constexpr char kRecord = '\x1e';  // between records

std::string Join(std::string_view head, const std::vector<std::string>& values) {
  std::string out(head);
  for (const auto& value : values) {
    out += kUnit;
    out += value;
  }
  return out;
}

}  // namespace

std::vector<std::string> RuleReferencesTo(const std::vector<Rule>& rules, RuleTarget target, std::int64_t id) {
  const auto names = [&](const std::vector<std::string>& values) {
    return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return ParseId(v) == id; });
  };
  std::vector<std::string> out;
  for (const auto& rule : rules) {
    bool refers = false;
    for (const auto& c : rule.conditions) {
      const bool field = target == RuleTarget::kOrganization
                             ? (c.field == "customer_id" || c.field == "reseller_id" || c.field == "provider_id")
                             : c.field == "assignee_id";
      refers = refers || (field && names(c.values));
    }
    for (const auto& a : rule.actions) {
      const bool kind = a.kind == (target == RuleTarget::kOrganization ? RuleActionKind::kSetProvider
                                                                        : RuleActionKind::kSetAssignee);
      refers = refers || (kind && names(a.values));
    }
    if (refers) out.push_back("the rule " + std::to_string(rule.id.value) + " \"" + rule.name + "\"");
  }
  return out;
}

std::string EncodeConditions(const std::vector<RuleCondition>& conditions) {
  std::string out;
  for (const auto& c : conditions) {
    if (!out.empty()) out += kRecord;
    out += Join(c.field + kUnit + std::string(ToString(c.op)), c.values);
  }
  return out;
}

Result<std::vector<RuleCondition>> DecodeConditions(std::string_view text) {
  std::vector<RuleCondition> conditions;
  if (text.empty()) return conditions;
  for (const auto record : Split(text, kRecord)) {
    const auto parts = Split(record, kUnit);
    const auto op = parts.size() >= 2 ? ParseRuleOp(parts[1]) : std::nullopt;
    if (!op) return Fail(Error::Internal("a stored rule condition is not readable", std::string(record)));
    RuleCondition c{std::string(parts[0]), *op, {}};
    for (std::size_t i = 2; i < parts.size(); ++i) c.values.emplace_back(parts[i]);
    conditions.push_back(std::move(c));
  }
  return conditions;
}

std::string EncodeActions(const std::vector<RuleAction>& actions) {
  std::string out;
  for (const auto& a : actions) {
    if (!out.empty()) out += kRecord;
    out += Join(ToString(a.kind), a.values);
  }
  return out;
}

Result<std::vector<RuleAction>> DecodeActions(std::string_view text) {
  std::vector<RuleAction> actions;
  if (text.empty()) return actions;
  for (const auto record : Split(text, kRecord)) {
    const auto parts = Split(record, kUnit);
    const auto kind = ParseRuleActionKind(parts[0]);
    if (!kind) return Fail(Error::Internal("a stored rule action is not readable", std::string(record)));
    RuleAction a{*kind, {}};
    for (std::size_t i = 1; i < parts.size(); ++i) a.values.emplace_back(parts[i]);
    actions.push_back(std::move(a));
  }
  return actions;
}

Result<RuleSet> RuleSet::Compile(std::vector<Rule> rules, InvalidRules invalid) {
  std::stable_sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) {
    return std::pair(a.position, a.id) < std::pair(b.position, b.id);
  });
  RuleSet set;
  for (auto& rule : rules) {
    if (!rule.enabled) continue;
    if (auto valid = ValidateRule(rule); !valid) {
      if (invalid == InvalidRules::kSkip) {
        set.skipped_.push_back(rule.id);
        continue;
      }
      auto error = valid.error();
      error.message = "rule '" + rule.name + "': " + error.message;
      return Fail(std::move(error));
    }
    auto compiled = std::make_shared<Compiled>();
    for (const auto& c : rule.conditions) {
      const auto info = *FindField(c.field);
      CompiledCondition out;
      out.field = info.field;
      out.kind = info.kind;
      out.op = c.op;
      out.name = c.field;
      if (info.field == Field::kTicketField) out.field_key = c.field.substr(kFieldPrefix.size());
      for (const auto& value : c.values) {
        if (info.kind == Kind::kNumber) out.numbers.push_back(*NumberOf(info.field, value));
        if (info.kind == Kind::kText || info.kind == Kind::kTags) out.strings.push_back(ToLowerAscii(value));
        if (info.kind == Kind::kString) out.strings.push_back(value);
        if (info.kind == Kind::kTime) out.calendar = CalendarId{*ParseId(value)};
      }
      std::sort(out.numbers.begin(), out.numbers.end());
      std::sort(out.strings.begin(), out.strings.end());
      if (c.op == RuleOp::kRegex) {
        out.regex = *CompileRegex(c.values[0]);  // ValidateRule compiled it
        out.literal = ToLowerAscii(RequiredLiteral(c.values[0]));
      }
      const std::string_view needle = c.op == RuleOp::kRegex ? std::string_view(out.literal)
                                      : c.op == RuleOp::kContains && !out.strings.empty() ? std::string_view(out.strings.front())
                                                                                          : std::string_view();
      if (info.kind == Kind::kText && needle.size() >= 2) {
        out.filtered = true;
        out.first_pair = PairKey(needle[0], needle[1]);
        out.last_pair = PairKey(needle[needle.size() - 2], needle[needle.size() - 1]);
      }
      compiled->reads |= Bit(out.field);
      compiled->conditions.push_back(std::move(out));
    }
    // Conditions are pure, so their order does not change the result (all: every one holds;
    // any: one does); the cheap ones go first so a failing one spares the text searches,
    // calendar lookups and regexes.
    std::stable_sort(compiled->conditions.begin(), compiled->conditions.end(),
                     [](const CompiledCondition& a, const CompiledCondition& b) { return Cost(a) < Cost(b); });
    for (auto& action : rule.actions) {
      if (action.kind != RuleActionKind::kAddTags) continue;
      std::vector<FieldError> ignored;  // ValidateRule accepted them
      NormaliseTags(action.values, ignored);
    }
    set.reads_.push_back(compiled->reads);
    compiled->rule = std::move(rule);
    set.rules_.push_back(std::move(compiled));
  }
  return set;
}

namespace {

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Lower-cased subject and body with their letter pairs, made once per run (rules never change
// them). A regex's required literal may only reject an ASCII text: RE2 folds case beyond ASCII
// (the Kelvin sign matches k, the long s matches s), which lower-casing ASCII does not.
struct Texts {
  Texts(std::string s, std::string b)
      : subject(std::move(s)), body(std::move(b)), subject_pairs(subject), body_pairs(body),
        subject_ascii(IsAscii(subject)), body_ascii(IsAscii(body)) {}
  std::string subject;
  std::string body;
  PairSet subject_pairs;
  PairSet body_pairs;
  bool subject_ascii;
  bool body_ascii;
};

bool Holds(const CompiledCondition& c, const Ticket& t, const RuleContext& context, const Texts& texts) {
  switch (c.kind) {
    case Kind::kNumber: {
      const std::int64_t v = NumberOf(c.field, t);
      switch (c.op) {
        case RuleOp::kEq: return v == c.numbers.front();
        case RuleOp::kNe: return v != c.numbers.front();
        case RuleOp::kIn:
          // Outside the list's range is the common case (a VIP list of a few customers).
          return v >= c.numbers.front() && v <= c.numbers.back() &&
                 std::binary_search(c.numbers.begin(), c.numbers.end(), v);
        case RuleOp::kGt: return v > c.numbers.front();
        case RuleOp::kLt: return v < c.numbers.front();
        default: return false;
      }
    }
    case Kind::kString:
    case Kind::kText: {
      std::string_view v;
      bool ascii = true;  // regex: may the required literal reject the value?
      if (c.kind == Kind::kText) {
        const bool subject = c.field == Field::kSubject;
        ascii = subject ? texts.subject_ascii : texts.body_ascii;
        if (c.filtered && (ascii || c.op != RuleOp::kRegex)) {
          const PairSet& pairs = subject ? texts.subject_pairs : texts.body_pairs;
          if (!pairs.Has(c.first_pair) || !pairs.Has(c.last_pair)) return false;  // contains and regex only
        }
        v = subject ? texts.subject : texts.body;
      } else if (c.field == Field::kTicketField) {
        const auto it = t.fields.find(c.field_key);
        if (it != t.fields.end()) v = it->second;
      } else {
        v = StringOf(c.field, t, context);
      }
      switch (c.op) {
        case RuleOp::kEq: return SameText(v, c.strings.front());
        case RuleOp::kNe: return !SameText(v, c.strings.front());
        case RuleOp::kIn: return std::binary_search(c.strings.begin(), c.strings.end(), v);
        case RuleOp::kContains: return Contains(v, c.strings.front());
        case RuleOp::kRegex: {
          if (c.kind == Kind::kText) {
            return (!ascii || Contains(v, c.literal)) && Search(*c.regex, v);
          }
          return (!IsAscii(v) || ContainsIgnoringCase(v, c.literal)) && Search(*c.regex, v);
        }
        default: return false;
      }
    }
    case Kind::kTags: {
      // A ticket has a handful of tags: a linear scan (length first) beats a binary search.
      const auto has = [&](const std::string& tag) {
        return std::any_of(t.tags.begin(), t.tags.end(), [&](const std::string& own) { return SameText(own, tag); });
      };
      switch (c.op) {
        case RuleOp::kEq: return has(c.strings.front());
        case RuleOp::kNe: return !has(c.strings.front());
        case RuleOp::kIn: return std::any_of(c.strings.begin(), c.strings.end(), has);
        case RuleOp::kContains:
          return std::any_of(t.tags.begin(), t.tags.end(), [&](const std::string& tag) { return Contains(tag, c.strings.front()); });
        default: return false;
      }
    }
    case Kind::kTime: {
      if (!context.calendar_open) return false;
      const bool open = context.calendar_open(c.calendar, context.now);
      return c.op == RuleOp::kInside ? open : !open;
    }
  }
  return false;
}

std::string IdText(std::int64_t id) { return id > 0 ? std::to_string(id) : std::string(); }

// Applies one action; records what changed.
void Apply(const Rule& rule, const RuleAction& action, const RuleContext& context, Ticket& t, RuleRun& run) {
  const auto change = [&](std::string field, std::string before, std::string after) {
    if (before != after) run.changes.push_back({rule.id, rule.name, {std::move(field), std::move(before), std::move(after)}});
  };
  const std::string& value = action.values.front();
  if (action.kind == RuleActionKind::kSetTeam || action.kind == RuleActionKind::kSetAssignee ||
      action.kind == RuleActionKind::kSetProvider) {
    // A target deleted, deactivated or of the wrong kind since the rule was saved never acts:
    // an id must not come to mean someone else.
    const std::int64_t target = ParseId(value).value_or(0);
    if (target > 0 && context.refuse_target) {
      if (auto reason = context.refuse_target(action.kind, target)) {
        run.held.push_back({rule.id, rule.name,
                            std::string(ToString(action.kind)) + " " + IdText(target) + " does not act: " + *reason});
        return;
      }
    }
  }
  switch (action.kind) {
    case RuleActionKind::kSetTeam: {
      const TeamId next{ParseId(value).value_or(0)};
      change("team_id", IdText(t.team_id.value), IdText(next.value));
      t.team_id = next;
      break;
    }
    case RuleActionKind::kSetAssignee: {
      const UserId next{ParseId(value).value_or(0)};
      change("assignee_id", IdText(t.assignee_id.value), IdText(next.value));
      t.assignee_id = next;
      break;
    }
    case RuleActionKind::kSetProvider: {
      const OrgId next{ParseId(value).value_or(0)};
      if (next.valid() && t.holder == Holder::kReseller && !rule.provider_before_hand_up) {
        run.held.push_back({rule.id, rule.name,
                            "set_provider " + IdText(next.value) +
                                " waits: the reseller holds the ticket until it hands it up"});
        break;
      }
      change("provider_id", IdText(t.provider_id.value), IdText(next.value));
      t.provider_id = next;
      break;
    }
    case RuleActionKind::kSetSeverity: {
      const Severity next = ParseSeverity(value).value_or(t.severity);
      change("severity", std::string(ToString(t.severity)), std::string(ToString(next)));
      t.severity = next;
      break;
    }
    case RuleActionKind::kAddTags: {
      // The action's tags were normalised when the rules were compiled; the ticket's are sorted.
      const bool all_present = std::all_of(action.values.begin(), action.values.end(), [&](const std::string& tag) {
        return std::binary_search(t.tags.begin(), t.tags.end(), tag);
      });
      if (all_present) break;
      std::vector<std::string> tags;
      tags.reserve(t.tags.size() + action.values.size());
      std::set_union(t.tags.begin(), t.tags.end(), action.values.begin(), action.values.end(), std::back_inserter(tags));
      if (tags.size() > kMaxTags) tags.resize(kMaxTags);
      change("tags", JoinTags(t.tags), JoinTags(tags));
      t.tags = std::move(tags);
      break;
    }
    case RuleActionKind::kSetScope:
      change("scope", t.scope, value);
      t.scope = value;
      break;
    case RuleActionKind::kAddNote: run.notes.push_back({rule.id, rule.name, value}); break;
    case RuleActionKind::kNotify: run.notifications.push_back({rule.id, rule.name, value}); break;
  }
}

}  // namespace

namespace {

// The field bits of attribute names as history spells them ("fields" covers every fields.<name>).
std::uint32_t ChangedBits(const std::vector<std::string>& changed) {
  std::uint32_t bits = 0;
  for (const auto& name : changed) {
    if (name == "fields") {
      bits |= Bit(Field::kTicketField);
    } else if (const auto info = FindField(name)) {
      bits |= Bit(info->field);
    }
  }
  return bits;
}

}  // namespace

RuleRun RuleSet::Run(Ticket& ticket, const RuleContext& context, RuleTrigger trigger,
                     const std::vector<std::string>& changed_fields) const {
  RuleRun run;
  // On an update, the fields whose change makes a rule worth asking.
  std::uint32_t watched = ChangedBits(changed_fields);
  const Texts texts{ToLowerAscii(ticket.subject), ToLowerAscii(context.body)};
  // A rule that did not match need not be asked again until a field it reads has changed:
  // stamps say when each field last changed and when each rule was last evaluated (-1: never;
  // kFired: it fired, and never runs again in this run).
  constexpr int kFired = std::numeric_limits<int>::max();
  std::vector<int> evaluated_at(rules_.size(), -1);
  std::array<int, 32> changed_at{};
  int stamp = 0;
  // Fields changed during the previous pass and this one so far: a rule evaluated before
  // reading none of them cannot be stale.
  std::uint32_t dirty = 0;
  std::uint32_t changed_last_pass = 0;
  bool changed = true;
  while (changed) {
    if (run.passes == kMaxPasses) {
      run.loop_limit_reached = true;
      break;
    }
    ++run.passes;
    changed = false;
    dirty = changed_last_pass;
    changed_last_pass = 0;
    for (std::size_t i = 0; i < rules_.size(); ++i) {
      if (evaluated_at[i] == kFired) continue;
      if (evaluated_at[i] >= 0 && (reads_[i] & dirty) == 0) continue;
      const Compiled& compiled = *rules_[i];
      const Rule& rule = compiled.rule;
      if (trigger == RuleTrigger::kCreate ? !rule.on_create : !rule.on_update) continue;
      if (trigger == RuleTrigger::kUpdate && !compiled.conditions.empty() && (compiled.reads & watched) == 0) continue;
      if (evaluated_at[i] >= 0) {
        bool stale = false;
        for (std::uint32_t bits = compiled.reads; bits != 0 && !stale; bits &= bits - 1) {
          stale = changed_at[static_cast<std::size_t>(std::countr_zero(bits))] > evaluated_at[i];
        }
        if (!stale) continue;
      }
      evaluated_at[i] = stamp;
      bool matches = rule.match_all || compiled.conditions.empty();
      for (const auto& condition : compiled.conditions) {
        const bool holds = Holds(condition, ticket, context, texts);
        if (rule.match_all != holds) {
          matches = holds;
          break;
        }
      }
      if (!matches) continue;
      evaluated_at[i] = kFired;
      run.fired.push_back(rule.id);
      const std::size_t before = run.changes.size();
      for (const auto& action : rule.actions) Apply(rule, action, context, ticket, run);
      for (std::size_t k = before; k < run.changes.size(); ++k) {
        ++stamp;
        if (const auto info = FindField(run.changes[k].change.field)) {
          changed_at[static_cast<std::size_t>(info->field)] = stamp;
          watched |= Bit(info->field);
          dirty |= Bit(info->field);
          changed_last_pass |= Bit(info->field);
        }
      }
      changed = changed || run.changes.size() != before;
      if (rule.stop) return run;
    }
  }
  return run;
}

}  // namespace tierdesk::core
