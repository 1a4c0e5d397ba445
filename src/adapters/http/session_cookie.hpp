// adapters/http/session_cookie.hpp
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/http/message.hpp"
#include "core/common/time.hpp"

namespace tierdesk::adapters::http {

// Browsers sign in with a cookie; programs keep bearer tokens (docs/security.md, "Sessions").
//
// - `tierdesk_session` carries the session token itself: HttpOnly, so no script reads it;
//   SameSite=Strict, so no other site's page sends it; Path=/; Secure when configured (behind TLS).
// - `tierdesk_csrf` carries the request token of that session, readable by the page's script, which
//   echoes it in `X-CSRF-Token` on every unsafe request (POST, PUT, PATCH, DELETE). It is derived
//   from the session token (CsrfTokenFor), so nobody without the session token can compute it, and
//   a page of another origin can neither read the cookie nor set the header.
inline constexpr std::string_view kSessionCookie = "tierdesk_session";
inline constexpr std::string_view kCsrfCookie = "tierdesk_csrf";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

// The value of one cookie of the request's Cookie header, or nothing.
std::optional<std::string_view> CookieValue(const Request& request, std::string_view name);

// The credential a request carries: the bearer token of its Authorization header when it has
// one (programs), else the session cookie (browsers). `from_cookie` says which.
struct Credential {
  std::string_view token;
  bool from_cookie = false;
};
Credential CredentialOf(const Request& request);

bool IsUnsafeMethod(std::string_view method);

// Whether the request's X-CSRF-Token is the one derived from its session token, compared in
// constant time.
bool CsrfHeaderMatches(const Request& request, std::string_view expected);

// The Set-Cookie values that sign a browser in until `expires_at`, and those that sign it out.
struct CookieFlags {
  bool secure = false;
};
std::string SessionCookie(std::string_view token, Timestamp now, Timestamp expires_at, CookieFlags flags);
std::string CsrfCookie(std::string_view csrf_token, Timestamp now, Timestamp expires_at, CookieFlags flags);
std::string ExpiredCookie(std::string_view name, CookieFlags flags);

}  // namespace tierdesk::adapters::http
