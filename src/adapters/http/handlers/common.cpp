#include "adapters/http/handlers/common.hpp"

#include <array>
#include <charconv>

#include "core/common/text.hpp"

namespace tierdesk::adapters::http::handlers {

namespace {

constexpr const char* kSeverities[] = {"critical", "moderate", "minimal"};

core::Target ReadTarget(ObjectReader& parent, const char* key, const std::string& prefix) {
  core::Target target;
  if (const auto* object = parent.Object(key)) {
    ObjectReader reader(*object, prefix + key + ".");
    target.minutes = reader.Int("minutes", true).value_or(0);
    target.basis = reader.Enum<core::Target::Basis>("basis", core::ParseBasis).value_or(core::Target::Basis::kBusiness);
    parent.Absorb(reader);
  }
  return target;
}

boost::json::value TargetJson(const core::Target& t) {
  return boost::json::object{{"minutes", t.minutes}, {"basis", core::ToString(t.basis)}};
}

}  // namespace

std::optional<std::array<core::SeverityTargets, 3>> ReadSeverityTargets(ObjectReader& reader, const char* key,
                                                                        const std::string& prefix) {
  const auto* targets = reader.Object(key);
  if (targets == nullptr) return std::nullopt;
  const std::string base = prefix + key + ".";
  ObjectReader by_severity(*targets, base);
  std::array<core::SeverityTargets, 3> values{};
  for (std::size_t s = 0; s < values.size(); ++s) {
    if (const auto* object = by_severity.Object(kSeverities[s])) {
      const std::string at = base + kSeverities[s] + ".";
      ObjectReader severity(*object, at);
      values[s] = {ReadTarget(severity, "first_response", at), ReadTarget(severity, "next_response", at),
                   ReadTarget(severity, "resolution", at)};
      by_severity.Absorb(severity);
    }
  }
  reader.Absorb(by_severity);
  return values;
}

boost::json::value SeverityTargetsJson(const std::array<core::SeverityTargets, 3>& targets) {
  boost::json::object out;
  for (std::size_t s = 0; s < targets.size(); ++s) {
    out[kSeverities[s]] = boost::json::object{{"first_response", TargetJson(targets[s].first_response)},
                                              {"next_response", TargetJson(targets[s].next_response)},
                                              {"resolution", TargetJson(targets[s].resolution)}};
  }
  return out;
}

std::optional<std::int64_t> ParsePositive(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

Result<std::int64_t> PathId(const Call& call, std::size_t index, const char* what) {
  const std::string& text = call.params.at(index);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return Fail(Error::NotFound(what));
  }
  return value;
}

Status RequireJson(const Request& request) {
  const auto type = request.Header("content-type");
  if (type) {
    const auto lowered = ToLowerAscii(*type);
    const auto media = TrimAscii(std::string_view(lowered).substr(0, lowered.find(';')));
    if (media == "application/json" || media == "application/merge-patch+json") return Ok();
  }
  return Fail(Error{ErrorCode::kInvalidArgument, "send the body as application/json", {}, {},
                    "unsupported-media-type"});
}

Result<boost::json::object> JsonBody(const Request& request) {
  TD_CHECK(RequireJson(request));
  return ParseObject(request);
}

Error BadParameter(std::string name, std::string message) {
  return Error{ErrorCode::kInvalidArgument, "a query parameter is not valid", {},
               {{std::move(name), std::move(message)}}, "invalid-parameter"};
}

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
}

std::string CsrfTokenOf(const ApiServices& services, std::string_view session_token) {
  std::string input = "tierdesk csrf v1\n";
  input += session_token;
  return services.app.digest.Sha256Hex(input);
}

CookieFlags CookieFlagsFor(const ApiServices& services, const Request& request) {
  if (services.options.secure_cookies) return {true};
  const auto proto = request.Header("x-forwarded-proto");
  return {proto && *proto == "https" && services.options.trusted_proxies.Contains(request.remote_address)};
}

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3F];
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::array<int, 256> table{};
  table.fill(-1);
  for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = i;
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = table[static_cast<unsigned char>(c)];
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace tierdesk::adapters::http::handlers
