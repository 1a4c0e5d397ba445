// core/offering/statement.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/calendar.hpp"
#include "core/common/language.hpp"
#include "core/offering/agreement.hpp"
#include "core/offering/plan.hpp"
#include "core/org/organization.hpp"
#include "core/org/partner_settings.hpp"

namespace tierdesk::core {

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
  std::string label;  // empty: a line of its own
  std::string text;
  // Set when the text is in another language than the statement: a plan's name or description
  // the partner gave only in English, shown on a Korean statement.
  std::optional<Language> language = std::nullopt;
};

// A grid read by its headers: `columns` heads each column (the first heads the row headers);
// each row is its header, then one cell per further column.
struct StatementTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

struct StatementSection {
  std::string heading;
  std::vector<StatementLine> lines;
  std::optional<StatementTable> table;  // after the lines
};

// The statement in words, section by section, in one language. `now` picks the next holidays.
// Every contact appears once; channels the partner cannot receive on are left out (an e-mail
// channel needs the partner's support e-mail address, a phone channel its support phone number;
// the portal and chat always); targets read as days, hours and minutes.
struct SupportStatementText {
  std::string title;
  std::vector<StatementSection> sections;
  std::string version_label;  // what labels the version hash: "Version", "버전"
};
SupportStatementText RenderStatement(const StatementTerms& terms, Language language, std::int64_t now,
                                     const ZoneRules& customer_zone);
// A section as lines alone: a table's rows become lines labelled by their headers, each cell
// named by its column ("First response: 4 business hours; ...").
std::vector<StatementLine> SectionLines(const StatementSection& section);

// A target's length as a customer reads it. Calendar time in days of 24 hours, hours and minutes:
// "1 day 2 hours", "4 hours", "1일 2시간". Business time in business days when
// `business_day_minutes` (the length of every open day of the service hours, 0 when they differ)
// divides it ("2 business days", "2영업일"), else in business hours and minutes ("4 business
// hours", "업무 시간 기준 4시간"). Zero: "no target".
std::string TargetDurationText(const Target& target, std::int64_t business_day_minutes, Language language);
// The open minutes of each open weekday when all are equal, else 0; 1440 for 24x7.
std::int64_t BusinessDayMinutes(const CalendarSpec& spec);

// Money in minor units ("KRW 120,000", "EUR 95.00"): core::FormatMoney in core/common/money.hpp.
// What a worked example costs under hourly pricing: billed minutes for a given length of work.
std::int64_t BilledMinutes(const Pricing& pricing, std::int64_t worked_minutes);

}  // namespace tierdesk::core
