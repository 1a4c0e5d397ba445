// Statements for accounting (CSV) and for people (printable HTML, English or Korean).
#include <array>

#include "app/billing/billing.hpp"
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

// 123456 USD → "1,234.56"; 150000 KRW → "150,000". Negative amounts keep their sign.
std::string Money(std::int64_t amount, const std::string& currency) {
  const int digits = currency.empty() ? 2 : core::MinorUnits(currency);
  std::int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  const bool negative = amount < 0;
  const std::uint64_t value = negative ? static_cast<std::uint64_t>(-(amount + 1)) + 1 : static_cast<std::uint64_t>(amount);
  const std::string whole = std::to_string(value / static_cast<std::uint64_t>(scale));
  std::string out;
  if (negative) out.push_back('-');
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(whole[i]);
  }
  if (digits > 0) {
    const std::string fraction = std::to_string(value % static_cast<std::uint64_t>(scale));
    out.push_back('.');
    out.append(static_cast<std::size_t>(digits) - fraction.size(), '0');
    out.append(fraction);
  }
  return out;
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
  if (!korean) return unit;
  if (unit == "minutes") return "분";
  if (unit == "incidents") return "건";
  if (unit == "days") return "일";
  if (unit == "blocks") return "블록";
  return unit;
}

}  // namespace

std::string StatementsCsv(const std::vector<Statement>& statements) {
  std::string out =
      "customer_id,customer,period,status,line,kind,ticket_id,description,rule,quantity,unit,unit_price,amount,"
      "currency,adjusts\r\n";
  for (const auto& s : statements) {
    int number = 0;
    for (const auto& line : s.lines) {
      const std::array<std::string, 15> fields = {
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
          line.adjusts};
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
  for (const auto& line : s.lines) {
    out += "<tr><td>" + HtmlEscape(line.description) + "</td><td>" + HtmlEscape(line.rule) + "</td><td class=\"n\">" +
           std::to_string(line.quantity) + " " + UnitName(line.unit, korean) + "</td><td class=\"n\">" +
           (line.unit_price != 0 ? Money(line.unit_price, line.currency) : std::string()) + "</td><td class=\"n\">" +
           HtmlEscape(line.currency) + " " + Money(line.amount, line.currency) + "</td></tr>\n";
  }
  out += "</tbody>\n<tfoot>\n";
  for (const auto& [currency, total] : s.totals) {
    out += std::string("<tr><td colspan=\"4\">") + w.total + "</td><td class=\"n\">" + HtmlEscape(currency) + " " +
           Money(total, currency) + "</td></tr>\n";
  }
  return out + "</tfoot>\n</table>\n<p><small>" + w.note + "</small></p>\n</body>\n</html>\n";
}

}  // namespace tierdesk::app::billing
