#include "core/offering/plan.hpp"

#include <algorithm>
#include <charconv>

#include "core/common/enum_names.hpp"
#include "core/common/money.hpp"
#include "core/common/text.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<Pricing::Model, 5> kModelNames{{{
    {Pricing::Model::kIncluded, "included"},
    {Pricing::Model::kPerIncident, "per_incident"},
    {Pricing::Model::kHourly, "hourly"},
    {Pricing::Model::kMonthlyFee, "monthly_fee"},
    {Pricing::Model::kPrepaidBlock, "prepaid_block"},
}}};
constexpr EnumNames<Plan::Delivery, 3> kDeliveryNames{{{
    {Plan::Delivery::kInHouse, "in_house"},
    {Plan::Delivery::kOutsourced, "outsourced"},
    {Plan::Delivery::kResold, "resold"},
}}};
constexpr EnumNames<ContactChannel::Kind, 4> kContactNames{{{
    {ContactChannel::Kind::kPortal, "portal"},
    {ContactChannel::Kind::kEmail, "email"},
    {ContactChannel::Kind::kPhone, "phone"},
    {ContactChannel::Kind::kChat, "chat"},
}}};

constexpr EnumNames<Target::Basis, 2> kBasisNames{{{
    {Target::Basis::kBusiness, "business"},
    {Target::Basis::kCalendar, "calendar"},
}}};
constexpr EnumNames<Pricing::BlockUnit, 2> kBlockUnitNames{{{
    {Pricing::BlockUnit::kHours, "hours"},
    {Pricing::BlockUnit::kIncidents, "incidents"},
}}};
constexpr EnumNames<Pricing::WhenExhausted, 2> kWhenExhaustedNames{{{
    {Pricing::WhenExhausted::kPayAsYouGo, "pay_as_you_go"},
    {Pricing::WhenExhausted::kNeedsApproval, "needs_approval"},
}}};
constexpr EnumNames<Plan::OutOfScope, 2> kOutOfScopeNames{{{
    {Plan::OutOfScope::kRefuse, "refuse"},
    {Plan::OutOfScope::kBillable, "billable"},
}}};

bool IsPhoneNumber(std::string_view text) {
  if (text.size() < 3 || text.size() > 32) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')';
  });
}

}  // namespace

std::string_view ToString(Pricing::Model model) { return kModelNames.Name(model); }
std::optional<Pricing::Model> ParsePricingModel(std::string_view t) { return kModelNames.Parse(t); }
std::string_view ToString(Plan::Delivery delivery) { return kDeliveryNames.Name(delivery); }
std::optional<Plan::Delivery> ParseDelivery(std::string_view t) { return kDeliveryNames.Parse(t); }
std::string_view ToString(ContactChannel::Kind kind) { return kContactNames.Name(kind); }
std::optional<ContactChannel::Kind> ParseContactKind(std::string_view t) { return kContactNames.Parse(t); }
std::string_view ToString(Target::Basis basis) { return kBasisNames.Name(basis); }
std::optional<Target::Basis> ParseBasis(std::string_view t) { return kBasisNames.Parse(t); }
std::string_view ToString(Pricing::BlockUnit unit) { return kBlockUnitNames.Name(unit); }
std::optional<Pricing::BlockUnit> ParseBlockUnit(std::string_view t) { return kBlockUnitNames.Parse(t); }
std::string_view ToString(Pricing::WhenExhausted when) { return kWhenExhaustedNames.Name(when); }
std::optional<Pricing::WhenExhausted> ParseWhenExhausted(std::string_view t) { return kWhenExhaustedNames.Parse(t); }
std::string_view ToString(Plan::OutOfScope policy) { return kOutOfScopeNames.Name(policy); }
std::optional<Plan::OutOfScope> ParseOutOfScope(std::string_view t) { return kOutOfScopeNames.Parse(t); }

bool IsCurrencyCode(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool Covers(const Plan& plan, std::string_view service, Category category) {
  return std::any_of(plan.coverage.begin(), plan.coverage.end(),
                     [&](const Plan::Coverage& c) { return c.service == service && c.category == category; });
}

Result<Quote> QuoteOutOfScope(const Plan& plan) {
  if (plan.out_of_scope == Plan::OutOfScope::kRefuse) {
    return Fail(Error::Conflict("this support plan does not cover the request and takes no paid extra work",
                                "out-of-scope-refused"));
  }
  return Quote{plan.pricing.currency, plan.out_of_scope_hourly_rate, plan.pricing.increment_minutes,
               plan.pricing.minimum_minutes};
}

const std::string& PlanName(const Plan& plan, Language language) {
  return language == Language::kKorean && !plan.name_ko.empty() ? plan.name_ko : plan.name;
}

const std::string& PlanDescription(const Plan& plan, Language language) {
  return language == Language::kKorean && !plan.description_ko.empty() ? plan.description_ko : plan.description;
}

namespace {

bool IsPlanName(std::string_view text) {
  const auto name = TrimAscii(text);
  return !name.empty() && IsValidUtf8(name) && CodePointCount(name) <= 100 &&
         HasNoControlCharacters(name, AllowNewlines::kNo);
}

bool IsPlanDescription(std::string_view text) {
  return IsValidUtf8(text) && CodePointCount(text) <= 2000 && HasNoControlCharacters(text, AllowNewlines::kYes);
}

}  // namespace

Status ValidatePlan(const Plan& plan) {
  std::vector<FieldError> errors;
  if (!IsPlanName(plan.name)) errors.push_back({"name", "must be 1 to 100 characters, one line"});
  if (!IsPlanDescription(plan.description)) errors.push_back({"description", "must be at most 2000 characters"});
  // Translations are optional (empty: the English stands in), but one given is a real name.
  if (!plan.name_ko.empty() && !IsPlanName(plan.name_ko)) {
    errors.push_back({"names.ko", "must be 1 to 100 characters, one line"});
  }
  if (!IsPlanDescription(plan.description_ko)) errors.push_back({"descriptions.ko", "must be at most 2000 characters"});
  if (plan.coverage.empty()) errors.push_back({"coverage", "a plan covers at least one service and category"});
  for (const auto& c : plan.coverage) {
    if (!IsServiceCode(c.service)) {
      errors.push_back({"coverage", "'" + c.service + "' is not a service code"});
      break;
    }
  }
  if (plan.channels.empty()) errors.push_back({"channels", "a plan tells customers at least one way to reach support"});
  for (const auto& channel : plan.channels) {
    const bool ok = channel.kind == ContactChannel::Kind::kPortal ||
                    (channel.kind == ContactChannel::Kind::kEmail && LooksLikeEmail(channel.address)) ||
                    (channel.kind == ContactChannel::Kind::kPhone && IsPhoneNumber(channel.address)) ||
                    (channel.kind == ContactChannel::Kind::kChat && !channel.address.empty() &&
                     channel.address.size() <= 200 && HasNoControlCharacters(channel.address, AllowNewlines::kNo));
    if (!ok) {
      errors.push_back({"channels", "an e-mail channel needs an address, a phone channel a number, a chat channel a URL"});
      break;
    }
  }
  ValidateTargets(plan.targets, errors);
  const Pricing& p = plan.pricing;
  if (!IsCurrencyCode(p.currency)) errors.push_back({"pricing.currency", "must be an ISO 4217 code such as KRW or EUR"});
  // Money is 0 to 10^12 minor units and quantities 0 to 10^9, so no charge can overflow.
  const std::pair<const char*, std::int64_t> amounts[] = {
      {"pricing.per_incident", p.per_incident},
      {"pricing.hourly_rate", p.hourly_rate},
      {"pricing.monthly_fee", p.monthly_fee},
      {"pricing.overage_hourly_rate", p.overage_hourly_rate},
      {"pricing.block_price", p.block_price},
      {"delivery.provider_hourly_cost", plan.provider_hourly_cost},
      {"out_of_scope.hourly_rate", plan.out_of_scope_hourly_rate}};
  for (const auto& [field, amount] : amounts) {
    if (amount < 0 || amount > kMaxMoneyAmount) errors.push_back({field, "is 0 to 10^12 minor units"});
  }
  for (const auto& [field, quantity] : {std::pair<const char*, std::int64_t>{"pricing.included_minutes", p.included_minutes},
                                        {"pricing.block_size", p.block_size}}) {
    if (quantity < 0 || quantity > kMaxPlanQuantity) errors.push_back({field, "is 0 to 10^9"});
  }
  if (p.increment_minutes < 1 || p.increment_minutes > 60) {
    errors.push_back({"pricing.increment_minutes", "must be 1 to 60"});
  }
  if (p.minimum_minutes < 0 || p.minimum_minutes > 480) errors.push_back({"pricing.minimum_minutes", "must be 0 to 480"});
  if (p.after_hours_percent < 100 || p.after_hours_percent > 500) {
    errors.push_back({"pricing.after_hours_percent", "must be 100 to 500"});
  }
  switch (p.model) {
    case Pricing::Model::kIncluded: break;
    case Pricing::Model::kPerIncident:
      if (p.per_incident <= 0) errors.push_back({"pricing.per_incident", "a per-incident plan states its price"});
      break;
    case Pricing::Model::kHourly:
      if (p.hourly_rate <= 0) errors.push_back({"pricing.hourly_rate", "an hourly plan states its rate"});
      break;
    case Pricing::Model::kMonthlyFee:
      if (p.monthly_fee <= 0) errors.push_back({"pricing.monthly_fee", "a monthly plan states its fee"});
      if (p.included_minutes > 0 && p.overage_hourly_rate <= 0) {
        errors.push_back({"pricing.overage_hourly_rate", "included hours need an overage rate"});
      }
      break;
    case Pricing::Model::kPrepaidBlock:
      if (p.block_size <= 0 || p.block_price <= 0) {
        errors.push_back({"pricing.block_size", "a prepaid block states its size and price"});
      }
      if (p.when_exhausted == Pricing::WhenExhausted::kPayAsYouGo && p.hourly_rate <= 0 && p.per_incident <= 0) {
        errors.push_back({"pricing.hourly_rate", "pay-as-you-go after a block needs a rate"});
      }
      break;
  }
  if (plan.delivery != Plan::Delivery::kInHouse && !plan.provider.valid()) {
    errors.push_back({"provider_id", "an outsourced or resold plan names its provider"});
  }
  if (plan.delivery == Plan::Delivery::kInHouse && plan.provider.valid()) {
    errors.push_back({"provider_id", "an in-house plan has no provider"});
  }
  if (plan.out_of_scope == Plan::OutOfScope::kBillable && plan.out_of_scope_hourly_rate <= 0) {
    errors.push_back({"out_of_scope_hourly_rate", "billable out-of-scope work states its rate"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument("the plan is not valid", errors));
  return Ok();
}

namespace {

std::string Escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

std::string Unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out += next == 'n' ? '\n' : next == 'r' ? '\r' : next;
    } else {
      out += text[i];
    }
  }
  return out;
}

char BasisChar(Target::Basis basis) { return basis == Target::Basis::kBusiness ? 'b' : 'c'; }

// Splits off the next space-separated word.
std::string_view NextWord(std::string_view& rest) {
  const auto space = rest.find(' ');
  const auto word = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  return word;
}

bool NextInt(std::string_view& rest, std::int64_t& out) {
  const auto word = NextWord(rest);
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), out);
  return ec == std::errc() && end == word.data() + word.size() && !word.empty();
}

}  // namespace

namespace {

// The rest of a "target" line: the severity's index, then minutes and basis of first response,
// next response and resolution.
bool DecodeTargetLine(std::string_view rest, std::array<SeverityTargets, 3>& targets) {
  std::int64_t index = 0;
  if (!NextInt(rest, index) || index < 0 || index > 2) return false;
  auto& t = targets[static_cast<std::size_t>(index)];
  for (auto* target : {&t.first_response, &t.next_response, &t.resolution}) {
    std::int64_t minutes = 0;
    if (!NextInt(rest, minutes)) return false;
    target->minutes = minutes;
    target->basis = NextWord(rest) == "c" ? Target::Basis::kCalendar : Target::Basis::kBusiness;
  }
  return true;
}

}  // namespace

void ValidateTargets(const std::array<SeverityTargets, 3>& targets, std::vector<FieldError>& errors) {
  const char* severity_names[] = {"critical", "moderate", "minimal"};
  for (std::size_t s = 0; s < targets.size(); ++s) {
    for (const auto* target : {&targets[s].first_response, &targets[s].next_response, &targets[s].resolution}) {
      if (target->minutes < 0 || target->minutes > 525'600) {
        errors.push_back({std::string("targets.") + severity_names[s], "targets are 0 (none) to 525600 minutes"});
        break;
      }
    }
  }
}

std::string EncodeTargets(const std::array<SeverityTargets, 3>& targets) {
  std::string out;
  for (std::size_t s = 0; s < targets.size(); ++s) {
    const auto& t = targets[s];
    out += "target " + std::to_string(s);
    for (const auto* target : {&t.first_response, &t.next_response, &t.resolution}) {
      out += " " + std::to_string(target->minutes) + " " + BasisChar(target->basis);
    }
    out += "\n";
  }
  return out;
}

Result<std::array<SeverityTargets, 3>> DecodeTargets(std::string_view text) {
  std::array<SeverityTargets, 3> targets{};
  while (!text.empty()) {
    const auto line_end = text.find('\n');
    std::string_view rest = text.substr(0, line_end);
    text = line_end == std::string_view::npos ? std::string_view() : text.substr(line_end + 1);
    if (rest.empty()) continue;
    if (NextWord(rest) != "target" || !DecodeTargetLine(rest, targets)) {
      return Fail(Error::Internal("stored targets cannot be read", std::string(rest)));
    }
  }
  return targets;
}

std::string EncodePlan(const Plan& plan) {
  const Pricing& p = plan.pricing;
  std::string out;
  out += "name " + Escape(plan.name) + "\n";
  out += "description " + Escape(plan.description) + "\n";
  // Only when given, so the terms (and statement hashes) of plans without them stay as they were.
  if (!plan.name_ko.empty()) out += "name_ko " + Escape(plan.name_ko) + "\n";
  if (!plan.description_ko.empty()) out += "description_ko " + Escape(plan.description_ko) + "\n";
  out += "service_hours " + std::to_string(plan.service_hours.value) + "\n";
  for (const auto& c : plan.coverage) out += "coverage " + c.service + " " + std::string(ToString(c.category)) + "\n";
  for (const auto& ch : plan.channels) {
    out += "channel " + std::string(ToString(ch.kind)) + " " + std::to_string(ch.hours.value) + " " + Escape(ch.address) + "\n";
  }
  out += EncodeTargets(plan.targets);
  out += std::string("pause_vendor ") + (plan.pause_in_pending_vendor ? "1" : "0") + "\n";
  out += "pricing " + std::string(ToString(p.model)) + " " + p.currency + " " + std::to_string(p.per_incident) + " " +
         std::to_string(p.hourly_rate) + " " + std::to_string(p.increment_minutes) + " " +
         std::to_string(p.minimum_minutes) + " " + std::to_string(p.after_hours_percent) + " " +
         std::to_string(p.monthly_fee) + " " + std::to_string(p.included_minutes) + " " +
         std::to_string(p.overage_hourly_rate) + " " + (p.block_unit == Pricing::BlockUnit::kHours ? "hours" : "incidents") +
         " " + std::to_string(p.block_size) + " " + std::to_string(p.block_price) + " " +
         (p.when_exhausted == Pricing::WhenExhausted::kPayAsYouGo ? "payg" : "approval") + "\n";
  out += "delivery " + std::string(ToString(plan.delivery)) + " " + std::to_string(plan.provider.value) + " " +
         std::to_string(plan.provider_hourly_cost) + "\n";
  out += std::string("out_of_scope ") + (plan.out_of_scope == Plan::OutOfScope::kRefuse ? "refuse" : "billable") + " " +
         std::to_string(plan.out_of_scope_hourly_rate) + "\n";
  return out;
}

Result<Plan> DecodePlan(std::string_view text) {
  Plan plan;
  const auto corrupt = [](std::string_view what) {
    return Fail(Error::Internal("a stored plan cannot be read", std::string(what)));
  };
  while (!text.empty()) {
    const auto line_end = text.find('\n');
    std::string_view rest = text.substr(0, line_end);
    text = line_end == std::string_view::npos ? std::string_view() : text.substr(line_end + 1);
    const auto key = NextWord(rest);
    std::int64_t a = 0, b = 0, c = 0;
    if (key == "name") {
      plan.name = Unescape(rest);
    } else if (key == "description") {
      plan.description = Unescape(rest);
    } else if (key == "name_ko") {
      plan.name_ko = Unescape(rest);
    } else if (key == "description_ko") {
      plan.description_ko = Unescape(rest);
    } else if (key == "service_hours") {
      if (!NextInt(rest, a)) return corrupt(key);
      plan.service_hours = CalendarId{a};
    } else if (key == "coverage") {
      const auto service = NextWord(rest);
      const auto category = ParseCategory(rest);
      if (!category) return corrupt(key);
      plan.coverage.push_back({std::string(service), *category});
    } else if (key == "channel") {
      const auto kind = ParseContactKind(NextWord(rest));
      if (!kind || !NextInt(rest, a)) return corrupt(key);
      plan.channels.push_back({*kind, Unescape(rest), CalendarId{a}});
    } else if (key == "target") {
      if (!DecodeTargetLine(rest, plan.targets)) return corrupt(key);
    } else if (key == "pause_vendor") {
      plan.pause_in_pending_vendor = rest == "1";
    } else if (key == "pricing") {
      Pricing& p = plan.pricing;
      const auto model = ParsePricingModel(NextWord(rest));
      if (!model) return corrupt(key);
      p.model = *model;
      p.currency = std::string(NextWord(rest));
      std::int64_t values[8] = {};
      for (auto& value : values) {
        if (!NextInt(rest, value)) return corrupt(key);
      }
      p.per_incident = values[0];
      p.hourly_rate = values[1];
      p.increment_minutes = static_cast<int>(values[2]);
      p.minimum_minutes = static_cast<int>(values[3]);
      p.after_hours_percent = static_cast<int>(values[4]);
      p.monthly_fee = values[5];
      p.included_minutes = values[6];
      p.overage_hourly_rate = values[7];
      p.block_unit = NextWord(rest) == "hours" ? Pricing::BlockUnit::kHours : Pricing::BlockUnit::kIncidents;
      if (!NextInt(rest, b) || !NextInt(rest, c)) return corrupt(key);
      p.block_size = b;
      p.block_price = c;
      p.when_exhausted = rest == "payg" ? Pricing::WhenExhausted::kPayAsYouGo : Pricing::WhenExhausted::kNeedsApproval;
    } else if (key == "delivery") {
      const auto delivery = ParseDelivery(NextWord(rest));
      if (!delivery || !NextInt(rest, a) || !NextInt(rest, c)) return corrupt(key);
      plan.delivery = *delivery;
      plan.provider = OrgId{a};
      plan.provider_hourly_cost = c;
    } else if (key == "out_of_scope") {
      plan.out_of_scope = NextWord(rest) == "billable" ? Plan::OutOfScope::kBillable : Plan::OutOfScope::kRefuse;
      if (!NextInt(rest, a)) return corrupt(key);
      plan.out_of_scope_hourly_rate = a;
    } else if (!key.empty()) {
      return corrupt(key);
    }
  }
  return plan;
}

}  // namespace tierdesk::core
