#include "core/offering/statement.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/offering/scope.hpp"

namespace tierdesk::core {
namespace {

// The catalogue: one entry per phrase, English then Korean.
struct Phrase {
  const char* en;
  const char* ko;
};
const char* Say(Language language, const Phrase& phrase) { return language == Language::kKorean ? phrase.ko : phrase.en; }

constexpr Phrase kTitle{"Support statement", "지원 안내서"};
constexpr Phrase kSectionPlan{"Your support plan", "지원 플랜"};
constexpr Phrase kSectionCoverage{"What is covered", "지원 범위"};
constexpr Phrase kSectionHours{"Service hours", "서비스 시간"};
constexpr Phrase kSectionContact{"How to reach us", "연락 방법"};
constexpr Phrase kSectionSeverity{"Severity levels and response targets", "심각도와 응답 목표"};
constexpr Phrase kSectionPrices{"Prices", "가격"};
constexpr Phrase kSectionDelivery{"Who provides your support", "지원 제공자"};
constexpr Phrase kSectionEscalation{"Escalation to Microsoft", "Microsoft로의 에스컬레이션"};
constexpr Phrase kPlan{"Plan", "플랜"};
constexpr Phrase kPeriod{"Agreement", "계약 기간"};
constexpr Phrase kUntilFurther{"until further notice", "별도 통지 시까지"};
constexpr Phrase kNoPlan{"No support plan is set up yet: every request is accepted.",
                         "아직 지원 플랜이 없습니다. 모든 요청을 접수합니다."};
constexpr Phrase kEverything{"All services and request types", "모든 서비스와 요청 유형"};
constexpr Phrase kOutOfScopeRefuse{"Requests outside this scope are not accepted.", "지원 범위 밖의 요청은 접수하지 않습니다."};
constexpr Phrase kOutOfScopeBillable{"Requests outside this scope are accepted at", "지원 범위 밖의 요청은 다음 요금으로 접수합니다:"};
constexpr Phrase kAlwaysOpen{"24 hours a day, 7 days a week", "연중무휴 24시간"};
constexpr Phrase kTimesIn{"Times in", "시간대"};
constexpr Phrase kNextHolidays{"Next holidays", "다가오는 휴일"};
constexpr Phrase kNone{"none", "없음"};
constexpr Phrase kServiceHoursOnly{"during service hours", "서비스 시간 중"};
constexpr Phrase kPortal{"Portal", "포털"};
constexpr Phrase kEmail{"E-mail", "이메일"};
constexpr Phrase kPhone{"Phone", "전화"};
constexpr Phrase kChat{"Chat", "채팅"};
constexpr Phrase kSeverity{"Severity", "심각도"};
constexpr Phrase kFirstResponse{"First response", "최초 응답"};
constexpr Phrase kNextResponse{"Next response", "후속 응답"};
constexpr Phrase kResolution{"Resolution", "해결"};
constexpr Phrase kNoTarget{"no target", "목표 없음"};
constexpr Phrase kWebsite{"Website", "웹사이트"};
constexpr Phrase kVersion{"Version", "버전"};
constexpr Phrase kCritical{"Critical (A): business stopped or severely degraded",
                           "긴급(A): 업무 중단 또는 심각한 저하"};
constexpr Phrase kModerate{"Moderate (B): business impaired, a workaround may exist",
                           "보통(B): 업무에 지장, 우회 방법이 있을 수 있음"};
constexpr Phrase kMinimal{"Minimal (C): little impact, questions and requests", "낮음(C): 영향이 적은 문의와 요청"};
constexpr Phrase kIncluded{"Support is included in your licences: no charge.", "지원은 라이선스에 포함되어 있어 추가 요금이 없습니다."};
constexpr Phrase kPerIncident{"Per request", "요청당"};
constexpr Phrase kHourly{"Per hour of work", "작업 시간당"};
constexpr Phrase kRounding{"billed in steps of", "청구 단위"};
constexpr Phrase kMinimum{"minimum per request", "요청당 최소"};
constexpr Phrase kExample{"Example", "예시"};
constexpr Phrase kMinutes{"minutes", "분"};
constexpr Phrase kBilledAs{"of work is billed as", "작업은 다음과 같이 청구됩니다:"};
constexpr Phrase kAfterHours{"Outside service hours the rate is multiplied by", "서비스 시간 외에는 요금에 다음 배율이 적용됩니다:"};
constexpr Phrase kMonthly{"Monthly fee", "월 요금"};
constexpr Phrase kIncludedHours{"including", "포함 시간"};
constexpr Phrase kOverage{"then per hour", "초과 시 시간당"};
constexpr Phrase kPrepaid{"Prepaid block", "선불 블록"};
constexpr Phrase kHours{"hours", "시간"};
constexpr Phrase kIncidents{"requests", "건"};
constexpr Phrase kWhenUsedUp{"When the block is used up", "블록 소진 시"};
constexpr Phrase kPayAsYouGo{"work continues at the hourly rate", "시간당 요금으로 계속 지원합니다"};
constexpr Phrase kNeedsApproval{"we ask for your approval before going on", "계속하기 전에 승인을 요청합니다"};
constexpr Phrase kDeliveredByPartner{"Support is provided by", "지원 제공"};
constexpr Phrase kDeliveredOnBehalf{"on behalf of", "대행:"};
constexpr Phrase kCommercial{"Billing and subscription problems we cannot solve go to Microsoft's commercial support, at no charge to you.",
                             "해결하지 못한 청구 및 구독 문제는 Microsoft 상용 문제 지원으로 전달되며 고객에게 추가 비용은 없습니다."};
constexpr Phrase kTechnical{"Technical problems we cannot solve go to Microsoft's technical support through our partner support entitlements. You always deal with us; Microsoft does not take requests from CSP customers directly.",
                            "해결하지 못한 기술 문제는 당사의 파트너 지원 계약을 통해 Microsoft 기술 지원으로 에스컬레이션됩니다. 고객은 항상 당사와 연락하며, Microsoft는 CSP 고객의 요청을 직접 받지 않습니다."};
constexpr Phrase kCategoryBilling{"billing", "청구"};
constexpr Phrase kCategorySubscription{"subscriptions", "구독 관리"};
constexpr Phrase kCategoryTechnical{"technical problems", "기술 문제"};
constexpr const char* kDaysEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr const char* kDaysKo[] = {"월", "화", "수", "목", "금", "토", "일"};

std::string Clock(int seconds) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", seconds / 3600 % 24 + (seconds == 86400 ? 24 : 0), seconds / 60 % 60);
  return buffer;
}

std::string CategoryName(Category category, Language l) {
  switch (category) {
    case Category::kBilling: return Say(l, kCategoryBilling);
    case Category::kSubscription: return Say(l, kCategorySubscription);
    case Category::kTechnical: return Say(l, kCategoryTechnical);
  }
  return "";
}

std::string ServiceName(const StatementTerms& terms, const std::string& code) {
  for (const auto& [c, name] : terms.service_names) {
    if (c == code) return name;
  }
  return code;
}

// "1 hour", "2 hours"; Korean counts without a plural ("1시간", "2시간").
std::string Count(std::int64_t n, Language l, const char* one, const char* many, const char* korean) {
  if (l == Language::kKorean) return std::to_string(n) + korean;
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A contact's identity for de-duplication: its kind and its address as people compare them
// (e-mail case-insensitively, phone numbers by their digits).
std::string ContactKey(std::string_view kind, std::string_view address) {
  std::string key = std::string(kind) + " ";
  for (const char c : address) {
    if (kind == "phone") {
      if ((c >= '0' && c <= '9') || c == '+') key += c;
    } else if (c != ' ') {
      key += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return key;
}

std::string WeeklyText(const CalendarSpec& spec, Language l) {
  std::string out;
  for (const auto& interval : spec.intervals) {
    if (!out.empty()) out += ", ";
    out += std::string(l == Language::kKorean ? kDaysKo[interval.weekday] : kDaysEn[interval.weekday]) + " " +
           Clock(interval.start) + "–" + Clock(interval.end == 0 ? 86400 : interval.end);
  }
  return out;
}

std::string DayText(std::int64_t days) {
  const auto ymd = std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buffer;
}

// The next few holidays on or after today (local to the calendar's zone).
std::vector<std::string> NextHolidays(const CalendarSpec& spec, std::int64_t today, std::size_t count) {
  std::vector<std::pair<std::int64_t, std::string>> upcoming;
  const auto ymd = std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{today}}};
  const int year = int(ymd.year());
  for (int y = year; y <= year + 1; ++y) {
    for (const auto& h : spec.holidays) {
      if ((h.year != 0 && h.year != y) || !IsValidCivilDate(y, h.month, h.day)) continue;
      const auto day = DaysFromCivil(y, h.month, h.day);
      if (day < today) continue;
      std::string text = DayText(day) + " " + h.name;
      if (h.start != 0 || h.end != 86400) text += " (" + Clock(h.start) + "–" + Clock(h.end) + ")";
      upcoming.emplace_back(day, text);
    }
  }
  std::sort(upcoming.begin(), upcoming.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < upcoming.size() && i < count; ++i) out.push_back(upcoming[i].second);
  return out;
}

}  // namespace

std::string TargetDurationText(const Target& target, std::int64_t business_day_minutes, Language l) {
  const std::int64_t minutes = target.minutes;
  if (minutes <= 0) return Say(l, kNoTarget);
  std::string out;
  const auto add = [&out](const std::string& part) { out += (out.empty() ? "" : " ") + part; };
  if (target.basis == Target::Basis::kBusiness) {
    if (business_day_minutes > 0 && minutes % business_day_minutes == 0) {
      return Count(minutes / business_day_minutes, l, "business day", "business days", "영업일");
    }
    // Korean says the basis once, in front: "업무 시간 기준 1시간 30분".
    if (l == Language::kKorean) out = "업무 시간 기준";
    if (minutes >= 60) add(Count(minutes / 60, l, "business hour", "business hours", "시간"));
    if (minutes % 60 != 0) {
      add(minutes < 60 ? Count(minutes, l, "business minute", "business minutes", "분")
                       : Count(minutes % 60, l, "minute", "minutes", "분"));
    }
    return out;
  }
  if (minutes >= 1440) add(Count(minutes / 1440, l, "day", "days", "일"));
  if (minutes % 1440 >= 60) add(Count(minutes % 1440 / 60, l, "hour", "hours", "시간"));
  if (minutes % 60 != 0) add(Count(minutes % 60, l, "minute", "minutes", "분"));
  return out;
}

std::int64_t BusinessDayMinutes(const CalendarSpec& spec) {
  if (spec.always_open) return 1440;
  std::array<std::int64_t, 7> open_seconds{};
  for (const auto& interval : spec.intervals) {
    if (interval.weekday < 0 || interval.weekday > 6) return 0;
    // An interval that ends at or before its start runs past midnight; it counts for its first day.
    const std::int64_t length = interval.end > interval.start ? interval.end - interval.start
                                                              : 86400 - interval.start + interval.end;
    open_seconds[static_cast<std::size_t>(interval.weekday)] += length;
  }
  std::int64_t day = 0;
  for (const auto seconds : open_seconds) {
    if (seconds == 0) continue;
    if (day != 0 && seconds != day) return 0;
    day = seconds;
  }
  return day % 60 == 0 ? day / 60 : 0;
}

std::vector<StatementLine> SectionLines(const StatementSection& section) {
  std::vector<StatementLine> lines = section.lines;
  if (!section.table) return lines;
  const auto& columns = section.table->columns;
  for (const auto& row : section.table->rows) {
    if (row.empty()) continue;
    std::string text;
    for (std::size_t column = 1; column < row.size() && column < columns.size(); ++column) {
      text += (text.empty() ? "" : "; ") + columns[column] + ": " + row[column];
    }
    lines.push_back({row.front(), text});
  }
  return lines;
}

std::int64_t BilledMinutes(const Pricing& pricing, std::int64_t worked_minutes) {
  const std::int64_t step = std::max(1, pricing.increment_minutes);
  const std::int64_t rounded = (worked_minutes + step - 1) / step * step;
  return std::max<std::int64_t>(rounded, pricing.minimum_minutes);
}

std::string CanonicalStatementTerms(const StatementTerms& t) {
  std::string out = "customer " + std::to_string(t.customer.id.value) + " " + t.customer.name + "\ntz " +
                    t.customer.time_zone + "\npartner " + t.partner.name + "\nprofile " + t.settings.support_email + " " +
                    t.settings.support_phone + " " + t.settings.support_website + "\n";
  if (t.agreement) {
    out += "agreement " + std::to_string(t.agreement->id.value) + " " + std::to_string(t.agreement->start) + " " +
           (t.agreement->end ? std::to_string(*t.agreement->end) : "-") + "\n";
  }
  if (t.plan) out += "plan " + std::to_string(t.plan->id.value) + " " + std::to_string(t.plan->version) + "\n" + EncodePlan(*t.plan);
  if (t.service_hours) out += "hours " + EncodeCalendarSpec(t.service_hours->spec);
  for (const auto& c : t.channel_calendars) out += "channel_hours " + std::to_string(c.id.value) + "\n" + EncodeCalendarSpec(c.spec);
  for (const auto& [code, name] : t.service_names) out += "service " + code + " " + name + "\n";
  if (t.provider) out += "provider " + t.provider->name + "\n";
  return out;
}

SupportStatementText RenderStatement(const StatementTerms& t, Language l, std::int64_t now, const ZoneRules& customer_zone) {
  SupportStatementText s;
  s.title = std::string(Say(l, kTitle)) + " — " + t.customer.name;
  s.version_label = Say(l, kVersion);
  const Plan* plan = t.plan ? &*t.plan : nullptr;

  std::vector<StatementLine> plan_lines;
  if (plan) {
    // The partner's words in the reader's language, else in English, marked as such.
    const std::optional<Language> name_language =
        l != Language::kEnglish && plan->name_ko.empty() ? std::optional(Language::kEnglish) : std::nullopt;
    const std::optional<Language> description_language =
        l != Language::kEnglish && plan->description_ko.empty() ? std::optional(Language::kEnglish) : std::nullopt;
    plan_lines.push_back(
        {Say(l, kPlan), PlanName(*plan, l) + " (v" + std::to_string(plan->version) + ")", name_language});
    if (const auto& description = PlanDescription(*plan, l); !description.empty()) {
      plan_lines.push_back({"", description, description_language});
    }
    if (t.agreement) {
      plan_lines.push_back({Say(l, kPeriod), DayText(t.agreement->start) + " – " +
                                                 (t.agreement->end ? DayText(*t.agreement->end) : Say(l, kUntilFurther))});
    }
  } else {
    plan_lines.push_back({"", Say(l, kNoPlan)});
  }
  s.sections.push_back({Say(l, kSectionPlan), std::move(plan_lines), std::nullopt});

  std::vector<StatementLine> coverage;
  if (plan) {
    for (const auto& c : plan->coverage) coverage.push_back({ServiceName(t, c.service), CategoryName(c.category, l)});
    if (plan->out_of_scope == Plan::OutOfScope::kRefuse) {
      coverage.push_back({"", Say(l, kOutOfScopeRefuse)});
    } else {
      coverage.push_back({"", std::string(Say(l, kOutOfScopeBillable)) + " " +
                                  FormatMoney(plan->out_of_scope_hourly_rate, plan->pricing.currency) + " / h"});
    }
  } else {
    coverage.push_back({"", Say(l, kEverything)});
  }
  s.sections.push_back({Say(l, kSectionCoverage), std::move(coverage), std::nullopt});

  std::vector<StatementLine> hours;
  if (!t.service_hours || t.service_hours->spec.always_open) {
    hours.push_back({"", Say(l, kAlwaysOpen)});
  } else {
    const auto& spec = t.service_hours->spec;
    hours.push_back({std::string(Say(l, kTimesIn)) + " " + spec.time_zone, WeeklyText(spec, l)});
    const auto holidays = NextHolidays(spec, customer_zone.LocalDay(now), 5);
    std::string list;
    for (const auto& h : holidays) list += (list.empty() ? "" : "; ") + h;
    hours.push_back({Say(l, kNextHolidays), list.empty() ? std::string(Say(l, kNone)) : list});
  }
  if (t.customer.time_zone != "" && t.service_hours && t.service_hours->spec.time_zone != t.customer.time_zone) {
    hours.push_back({"", "(" + t.customer.time_zone + ")"});
  }
  s.sections.push_back({Say(l, kSectionHours), std::move(hours), std::nullopt});

  std::vector<StatementLine> contact;
  const bool around_the_clock = !t.service_hours || t.service_hours->spec.always_open;
  auto channel_hours = [&](CalendarId id) -> std::string {
    if (!id.valid()) return Say(l, around_the_clock ? kAlwaysOpen : kServiceHoursOnly);
    for (const auto& c : t.channel_calendars) {
      if (c.id == id) return c.spec.always_open ? std::string(Say(l, kAlwaysOpen)) : c.name + ": " + WeeklyText(c.spec, l);
    }
    return Say(l, kServiceHoursOnly);
  };
  // Each contact once: the plan's channel (with its hours) wins over the same address in the
  // partner's support profile, and two channels of one address are one.
  std::vector<std::string> listed;
  const auto add_contact = [&](std::string_view kind, const std::string& address, const Phrase& label, std::string text) {
    auto key = ContactKey(kind, address);
    if (std::find(listed.begin(), listed.end(), key) != listed.end()) return;
    listed.push_back(std::move(key));
    contact.push_back({Say(l, label), std::move(text)});
  };
  if (plan) {
    for (const auto& ch : plan->channels) {
      // The partner receives e-mail and calls only where its profile gives an address and a number
      // (tierdesk has no mail intake of its own yet); the portal is tierdesk's, a chat is the plan's URL.
      if (ch.kind == ContactChannel::Kind::kEmail && t.settings.support_email.empty()) continue;
      if (ch.kind == ContactChannel::Kind::kPhone && t.settings.support_phone.empty()) continue;
      const Phrase& kind = ch.kind == ContactChannel::Kind::kPortal  ? kPortal
                           : ch.kind == ContactChannel::Kind::kEmail ? kEmail
                           : ch.kind == ContactChannel::Kind::kPhone ? kPhone
                                                                     : kChat;
      add_contact(ToString(ch.kind), ch.address, kind,
                  (ch.address.empty() ? std::string() : ch.address + ", ") + channel_hours(ch.hours));
    }
  }
  if (!t.settings.support_email.empty()) add_contact("email", t.settings.support_email, kEmail, t.settings.support_email);
  if (!t.settings.support_phone.empty()) add_contact("phone", t.settings.support_phone, kPhone, t.settings.support_phone);
  if (!t.settings.support_website.empty()) {
    add_contact("web", t.settings.support_website, kWebsite, t.settings.support_website);
  }
  s.sections.push_back({Say(l, kSectionContact), std::move(contact), std::nullopt});

  StatementTable severities{{Say(l, kSeverity), Say(l, kFirstResponse), Say(l, kNextResponse), Say(l, kResolution)}, {}};
  // Business time in 24x7 service hours is calendar time, and reads as such.
  const std::int64_t business_day = around_the_clock ? 1440 : BusinessDayMinutes(t.service_hours->spec);
  const auto duration = [&](Target target) {
    if (around_the_clock) target.basis = Target::Basis::kCalendar;
    return TargetDurationText(target, business_day, l);
  };
  const Phrase* meanings[] = {&kCritical, &kModerate, &kMinimal};
  for (std::size_t i = 0; i < 3; ++i) {
    std::vector<std::string> row = {Say(l, *meanings[i])};
    if (plan) {
      const auto& st = plan->targets[i];
      for (const auto* target : {&st.first_response, &st.next_response, &st.resolution}) row.push_back(duration(*target));
    } else {
      row.insert(row.end(), 3, Say(l, kNoTarget));
    }
    severities.rows.push_back(std::move(row));
  }
  s.sections.push_back({Say(l, kSectionSeverity), {}, std::move(severities)});

  std::vector<StatementLine> prices;
  if (!plan || plan->pricing.model == Pricing::Model::kIncluded) {
    prices.push_back({"", Say(l, kIncluded)});
  } else {
    const auto& p = plan->pricing;
    const auto money = [&](std::int64_t minor) { return FormatMoney(minor, p.currency); };
    const auto hourly_example = [&] {
      const std::int64_t billed = BilledMinutes(p, 50);
      prices.push_back({Say(l, kExample), std::string("50 ") + Say(l, kMinutes) + " " + Say(l, kBilledAs) + " " +
                                              std::to_string(billed) + " " + Say(l, kMinutes) + " = " +
                                              money(p.hourly_rate * billed / 60)});
    };
    switch (p.model) {
      case Pricing::Model::kIncluded: break;
      case Pricing::Model::kPerIncident: prices.push_back({Say(l, kPerIncident), money(p.per_incident)}); break;
      case Pricing::Model::kHourly:
        prices.push_back({Say(l, kHourly), money(p.hourly_rate) + "; " + Say(l, kRounding) + " " +
                                               std::to_string(p.increment_minutes) + " " + Say(l, kMinutes) + ", " +
                                               Say(l, kMinimum) + " " + std::to_string(p.minimum_minutes) + " " + Say(l, kMinutes)});
        hourly_example();
        break;
      case Pricing::Model::kMonthlyFee:
        prices.push_back({Say(l, kMonthly), money(p.monthly_fee) + ", " + Say(l, kIncludedHours) + " " +
                                                std::to_string(p.included_minutes / 60) + " " + Say(l, kHours) + "; " +
                                                Say(l, kOverage) + " " + money(p.overage_hourly_rate)});
        break;
      case Pricing::Model::kPrepaidBlock:
        prices.push_back({Say(l, kPrepaid), std::to_string(p.block_size) + " " +
                                                Say(l, p.block_unit == Pricing::BlockUnit::kHours ? kHours : kIncidents) +
                                                " = " + money(p.block_price)});
        prices.push_back({Say(l, kWhenUsedUp), Say(l, p.when_exhausted == Pricing::WhenExhausted::kPayAsYouGo ? kPayAsYouGo
                                                                                                               : kNeedsApproval)});
        if (p.hourly_rate > 0) prices.push_back({Say(l, kHourly), money(p.hourly_rate)});
        break;
    }
    if (p.after_hours_percent > 100) {
      char factor[16];
      std::snprintf(factor, sizeof factor, "%d.%02d", p.after_hours_percent / 100, p.after_hours_percent % 100);
      prices.push_back({"", std::string(Say(l, kAfterHours)) + " " + factor});
    }
  }
  s.sections.push_back({Say(l, kSectionPrices), std::move(prices), std::nullopt});

  std::vector<StatementLine> delivery;
  if (plan && plan->delivery == Plan::Delivery::kOutsourced && t.provider) {
    delivery.push_back({Say(l, kDeliveredByPartner), t.provider->name + " " + Say(l, kDeliveredOnBehalf) + " " + t.partner.name});
  } else {
    delivery.push_back({Say(l, kDeliveredByPartner), t.partner.name});  // resold support: the partner stays the contact
  }
  s.sections.push_back({Say(l, kSectionDelivery), std::move(delivery), std::nullopt});
  s.sections.push_back({Say(l, kSectionEscalation),
                        std::vector<StatementLine>{{"", Say(l, kCommercial)}, {"", Say(l, kTechnical)}},
                        std::nullopt});
  return s;
}

}  // namespace tierdesk::core
