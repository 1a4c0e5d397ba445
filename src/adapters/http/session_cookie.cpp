#include "adapters/http/session_cookie.hpp"

#include <algorithm>

#include "core/common/text.hpp"

namespace tierdesk::adapters::http {
namespace {

std::string Attributes(Timestamp now, Timestamp expires_at, CookieFlags flags) {
  const auto seconds = std::max<std::int64_t>(
      0, std::chrono::duration_cast<std::chrono::seconds>(expires_at - now).count());
  return "; Path=/; Max-Age=" + std::to_string(seconds) + "; SameSite=Strict" + (flags.secure ? "; Secure" : "");
}

}  // namespace

std::optional<std::string_view> CookieValue(const Request& request, std::string_view name) {
  const auto header = request.Header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto end = rest.find_first_of(";,");  // repeated Cookie headers arrive joined by ", "
    const std::string_view pair = TrimAscii(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || TrimAscii(pair.substr(0, equals)) != name) continue;
    std::string_view value = TrimAscii(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return value;
  }
  return std::nullopt;
}

Credential CredentialOf(const Request& request) {
  if (const auto header = request.Header("authorization")) {
    if (header->size() > 7 && (header->substr(0, 7) == "Bearer " || header->substr(0, 7) == "bearer ")) {
      return {header->substr(7), false};
    }
    return {};  // another scheme: no credential, and the cookie is not looked at either
  }
  if (const auto cookie = CookieValue(request, kSessionCookie); cookie && !cookie->empty()) {
    return {*cookie, true};
  }
  return {};
}

bool IsUnsafeMethod(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool CsrfHeaderMatches(const Request& request, std::string_view expected) {
  const auto header = request.Header(kCsrfHeader);
  if (!header || expected.empty() || header->size() != expected.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    difference |= static_cast<unsigned char>((*header)[i] ^ expected[i]);
  }
  return difference == 0;
}

std::string SessionCookie(std::string_view token, Timestamp now, Timestamp expires_at, CookieFlags flags) {
  return std::string(kSessionCookie) + "=" + std::string(token) + Attributes(now, expires_at, flags) + "; HttpOnly";
}

std::string CsrfCookie(std::string_view csrf_token, Timestamp now, Timestamp expires_at, CookieFlags flags) {
  return std::string(kCsrfCookie) + "=" + std::string(csrf_token) + Attributes(now, expires_at, flags);
}

std::string ExpiredCookie(std::string_view name, CookieFlags flags) {
  return std::string(name) + "=; Path=/; Max-Age=0; SameSite=Strict" + (flags.secure ? "; Secure" : "") +
         (name == kSessionCookie ? "; HttpOnly" : "");
}

}  // namespace tierdesk::adapters::http
