// Statements for accounting (CSV) and for people (printable HTML, English or Korean).
#include <array>

#include "app/billing/billing.hpp"
#include "core/common/money.hpp"
#include "core/common/text.hpp"
#include "core/offering/plan.hpp"

namespace tierdesk::app::billing {
namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

struct Words {
  const char* title;
  const char* customer;
  const char* period;
  const char* status_open;
  const char* status_closed;
  const char* description;
  const char* rule;
  const char* quantity;
  const char* unit_price;
  const char* amount;
  const char* total;
  const char* nothing;
  const char* note;
};
constexpr Words kEnglish{"Support statement", "Customer", "Period", "Charges so far (the period is open)",
                         "Closed", "Description", "Terms applied", "Quantity", "Unit price", "Amount", "Total",
                         "No charges in this period.",
                         "Amounts in the plan's currency. Lines without an amount record usage covered by your plan."};
constexpr Words kKorean{"지원 청구서", "고객", "기간", "현재까지의 청구 (기간 진행 중)", "마감됨", "내역", "적용 조건",
                        "수량", "단가", "금액", "합계", "이 기간에 청구된 내역이 없습니다.",
                        "금액은 요금제의 통화 기준입니다. 금액이 없는 행은 요금제에 포함된 사용량입니다."};

std::string UnitName(const std::string& unit, bool korean) {
  static constexpr std::array<std::array<std::string_view, 3>, 8> kUnits = {{
      {"minutes", "minutes", "분"},
      {"hours", "hours", "시간"},
      {"hour_part", "part of an hour", "시간 일부"},
      {"months", "months", "개월"},
      {"month_part", "part of a month", "개월 일부"},
      {"incidents", "incidents", "건"},
      {"days", "days", "일"},
      {"blocks", "blocks", "블록"},
  }};
  for (const auto& names : kUnits) {
    if (names[0] == unit) return std::string(names[korean ? 2 : 1]);
  }
  return HtmlEscape(unit);
}

}  // namespace

std::string StatementsCsv(const std::vector<Statement>& statements) {
  std::string out =
      "customer_id,customer,period,status,line,kind,ticket_id,description,rule,quantity,unit,unit_price,amount,"
      "currency,adjusts,unit_price_text,amount_text\r\n";
  for (const auto& s : statements) {
    int number = 0;
    for (const auto& line : s.lines) {
      const std::array<std::string, 17> fields = {
          std::to_string(s.customer.value),
          CsvField(s.customer_name),
          s.period,
          s.closed ? "closed" : "open",
          std::to_string(++number),
          std::string(core::ToString(line.kind)),
          line.ticket.valid() ? std::to_string(line.ticket.value) : std::string(),
          CsvField(line.description),
          CsvField(line.rule),
          std::to_string(line.quantity),
          line.unit,
          std::to_string(line.unit_price),
          std::to_string(line.amount),
          line.currency,
          line.adjusts,
          CsvField(core::FormatMoney(line.unit_price, line.currency)),
          CsvField(core::FormatMoney(line.amount, line.currency))};
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        out += fields[i];
      }
      out += "\r\n";
    }
  }
  return out;
}

std::string StatementHtml(const Statement& s, std::string_view language) {
  const bool korean = language == "ko";
  const Words& w = korean ? kKorean : kEnglish;
  std::string out = std::string("<!doctype html>\n<html lang=\"") + (korean ? "ko" : "en") +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + w.title + " " + HtmlEscape(s.customer_name) + " " +
                    s.period +
                    "</title>\n<style>" + std::string(kStatementStyle) + "</style>\n</head>\n<body>\n";
  out += std::string("<h1>") + w.title + "</h1>\n<p>" + w.customer + ": <strong>" + HtmlEscape(s.customer_name) + "</strong><br>" +
         w.period + ": <strong>" + s.period + "</strong><br>" + (s.closed ? w.status_closed : w.status_open) + "</p>\n";
  if (s.lines.empty()) return out + "<p>" + w.nothing + "</p>\n</body>\n</html>\n";
  out += std::string("<table>\n<thead><tr><th>") + w.description + "</th><th>" + w.rule + "</th><th class=\"n\">" +
         w.quantity + "</th><th class=\"n\">" + w.unit_price + "</th><th class=\"n\">" + w.amount +
         "</th></tr></thead>\n<tbody>\n";
  // Every line shows quantity × unit price = amount, each amount through core::FormatMoney.
  for (const auto& line : s.lines) {
    out += "<tr><td>" + HtmlEscape(line.description) + "</td><td>" + HtmlEscape(line.rule) + "</td><td class=\"n\">" +
           std::to_string(line.quantity) + " " + UnitName(line.unit, korean) + "</td><td class=\"n\">" +
           HtmlEscape(core::FormatMoney(line.unit_price, line.currency)) + "</td><td class=\"n\">" +
           HtmlEscape(core::FormatMoney(line.amount, line.currency)) + "</td></tr>\n";
  }
  out += "</tbody>\n<tfoot>\n";
  for (const auto& [currency, total] : s.totals) {
    out += std::string("<tr><td colspan=\"4\">") + w.total + "</td><td class=\"n\">" +
           HtmlEscape(core::FormatMoney(total, currency)) + "</td></tr>\n";
  }
  return out + "</tfoot>\n</table>\n<p><small>" + w.note + "</small></p>\n</body>\n</html>\n";
}

}  // namespace tierdesk::app::billing
