#include "adapters/http/handlers/common.hpp"

#include <array>
#include <charconv>

#include "core/common/text.hpp"

namespace tierdesk::adapters::http::handlers {

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
