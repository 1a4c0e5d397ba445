// core/offering/statement.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/calendar.hpp"
#include "core/offering/agreement.hpp"
#include "core/offering/plan.hpp"
#include "core/org/organization.hpp"
#include "core/org/partner_settings.hpp"

namespace tierdesk::core {

enum class Language { kEnglish, kKorean };
// "ko", "ko-KR", ... → Korean; anything else English.
Language LanguageFor(std::string_view locale);

// Everything a customer's support statement is made from. Loaded by the app layer; the
// statement is never written by hand, so the promise and what is enforced cannot drift.
struct StatementTerms {
  Organization customer;
  Organization partner;
  PartnerSettings settings;
  std::optional<Agreement> agreement;
  std::optional<Plan> plan;                  // effective terms (overrides applied)
  std::optional<Calendar> service_hours;     // absent: 24x7
  std::vector<Calendar> channel_calendars;   // those the channels name
  std::vector<std::pair<std::string, std::string>> service_names;  // code → name
  std::optional<Organization> provider;      // outsourced or resold delivery
};

// The text that identifies a statement version: every term, in a fixed order, language-free.
// Its SHA-256 is the statement's version hash.
std::string CanonicalStatementTerms(const StatementTerms& terms);

struct StatementLine {
  std::string label;
  std::string text;
};

// The statement in words, section by section, in one language. `now` picks the next holidays.
struct SupportStatementText {
  std::string title;
  std::vector<std::pair<std::string, std::vector<StatementLine>>> sections;  // heading → lines
};
SupportStatementText RenderStatement(const StatementTerms& terms, Language language, std::int64_t now,
                                     const ZoneRules& customer_zone);

// Money in minor units, e.g. "KRW 120,000" or "EUR 95.00".
std::string FormatMoney(std::int64_t minor, std::string_view currency);
// What a worked example costs under hourly pricing: billed minutes for a given length of work.
std::int64_t BilledMinutes(const Pricing& pricing, std::int64_t worked_minutes);

}  // namespace tierdesk::core
