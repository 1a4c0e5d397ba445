#include "adapters/http/security_headers.hpp"

#include <cstdint>

namespace tierdesk::adapters::http {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string* Find(Response& response, std::string_view name) {
  for (auto& [key, value] : response.headers) {
    if (SameName(key, name)) return &value;
  }
  return nullptr;
}

void SetUnlessPresent(Response& response, std::string_view name, std::string_view value) {
  if (Find(response, name) == nullptr) response.SetHeader(std::string(name), std::string(value));
}

bool IsHtml(const Response& response) {
  const std::string_view type = response.content_type;
  return type.size() >= 9 && SameName(type.substr(0, 9), "text/html");
}

// CSP spells a hash as base64 of the digest's bytes (RFC 4648, padded).
std::string HexToBase64(std::string_view hex) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto nibble = [](char c) -> std::uint32_t {
    if (c >= '0' && c <= '9') return static_cast<std::uint32_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<std::uint32_t>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<std::uint32_t>(c - 'A' + 10);
    return 0;
  };
  std::vector<std::uint32_t> bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back((nibble(hex[i]) << 4) | nibble(hex[i + 1]));
  }
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t left = bytes.size() - i;
    const std::uint32_t chunk =
        (bytes[i] << 16) | (left > 1 ? bytes[i + 1] << 8 : 0) | (left > 2 ? bytes[i + 2] : 0);
    out += kAlphabet[(chunk >> 18) & 63];
    out += kAlphabet[(chunk >> 12) & 63];
    out += left > 1 ? kAlphabet[(chunk >> 6) & 63] : '=';
    out += left > 2 ? kAlphabet[chunk & 63] : '=';
  }
  return out;
}

}  // namespace

void SetBaseHeaders(Response& response) {
  SetUnlessPresent(response, "X-Content-Type-Options", "nosniff");
  SetUnlessPresent(response, "Cache-Control", "no-store");
}

void SetSecurityHeaders(Response& response, std::string_view html_policy) {
  SetBaseHeaders(response);
  if (!IsHtml(response)) return;
  SetUnlessPresent(response, "Content-Security-Policy", html_policy);
  SetUnlessPresent(response, "X-Frame-Options", "DENY");
  SetUnlessPresent(response, "Referrer-Policy", "no-referrer");
}

std::string HtmlContentSecurityPolicy(const std::vector<std::string>& style_sha256_hex) {
  std::string styles;
  for (const auto& hex : style_sha256_hex) styles += " 'sha256-" + HexToBase64(hex) + "'";
  if (styles.empty()) styles = " 'none'";
  return "default-src 'none'; style-src" + styles +
         "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
}

}  // namespace tierdesk::adapters::http
