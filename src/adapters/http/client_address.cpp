#include "adapters/http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

#include "core/common/text.hpp"

namespace tierdesk::adapters::http {
namespace {

using Bytes = std::array<std::uint8_t, 16>;
constexpr std::size_t kMaxHops = 32;  // X-Forwarded-For entries looked at, from the right

bool IsV4Mapped(const Bytes& b) {
  return std::all_of(b.begin(), b.begin() + 10, [](std::uint8_t x) { return x == 0; }) && b[10] == 0xFF &&
         b[11] == 0xFF;
}

// An IP address alone: "203.0.113.7", "2001:db8::1", "fe80::1%eth0" (the zone is dropped).
std::optional<Bytes> ParseIp(std::string_view text) {
  if (const auto zone = text.find('%'); zone != std::string_view::npos) text = text.substr(0, zone);
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buffer[INET6_ADDRSTRLEN] = {};
  std::memcpy(buffer, text.data(), text.size());
  Bytes bytes{};
  in_addr v4{};
  if (::inet_pton(AF_INET, buffer, &v4) == 1) {
    bytes[10] = bytes[11] = 0xFF;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return bytes;
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, buffer, &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
  }
  return std::nullopt;
}

// As proxies write X-Forwarded-For entries: an address, "[v6]", "[v6]:port" or "v4:port".
std::optional<Bytes> ParseHop(std::string_view text) {
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return ParseIp(text.substr(1, close - 1));
  }
  if (auto plain = ParseIp(text)) return plain;
  const auto colon = text.rfind(':');
  if (colon != std::string_view::npos && text.find(':') == colon) return ParseIp(text.substr(0, colon));
  return std::nullopt;
}

std::string Format(const Bytes& bytes) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (IsV4Mapped(bytes)) {
    in_addr v4{};
    std::memcpy(&v4, bytes.data() + 12, 4);
    ::inet_ntop(AF_INET, &v4, buffer, sizeof buffer);
  } else {
    in6_addr v6{};
    std::memcpy(&v6, bytes.data(), 16);
    ::inet_ntop(AF_INET6, &v6, buffer, sizeof buffer);
  }
  return buffer;
}

ClientAddress Describe(const Bytes& bytes) {
  ClientAddress out{Format(bytes), {}};
  if (IsV4Mapped(bytes)) {
    out.network = out.address;
  } else {
    Bytes prefix = bytes;
    std::fill(prefix.begin() + 8, prefix.end(), std::uint8_t{0});
    out.network = Format(prefix) + "/64";
  }
  return out;
}


}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view list) {
  TrustedProxies out;
  std::size_t start = 0;
  while (start < list.size()) {
    auto end = list.find_first_of(", \t", start);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view entry = list.substr(start, end - start);
    start = end + 1;
    if (entry.empty()) continue;
    auto bad = [&] {
      return Fail(Error::InvalidArgument("'" + std::string(entry) +
                                         "' is not an IP address or a range such as 10.0.0.0/8 or fd00::/8"));
    };
    const auto slash = entry.find('/');
    auto address = ParseIp(entry.substr(0, slash));
    if (!address) return bad();
    Range range{*address, 128};
    if (slash != std::string_view::npos) {
      const auto bits = entry.substr(slash + 1);
      int prefix = -1;
      const auto [ptr, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
      const int max = IsV4Mapped(*address) ? 32 : 128;
      if (ec != std::errc() || ptr != bits.data() + bits.size() || prefix < 0 || prefix > max) return bad();
      range.prefix = IsV4Mapped(*address) ? prefix + 96 : prefix;
    }
    out.ranges_.push_back(range);
  }
  return out;
}

bool TrustedProxies::Contains(std::string_view address) const {
  const auto bytes = ParseIp(address);
  if (!bytes) return false;
  for (const auto& range : ranges_) {
    bool inside = true;
    for (int bit = 0; bit < range.prefix && inside; ++bit) {
      const auto index = static_cast<std::size_t>(bit / 8);
      const auto mask = static_cast<std::uint8_t>(0x80u >> static_cast<unsigned>(bit % 8));
      inside = (((*bytes)[index] ^ range.bytes[index]) & mask) == 0;
    }
    if (inside) return true;
  }
  return false;
}

ClientAddress ResolveClientAddress(const Request& request, const TrustedProxies& proxies) {
  const auto peer = ParseIp(request.remote_address);
  if (!peer) return {request.remote_address, request.remote_address};
  ClientAddress client = Describe(*peer);
  if (proxies.empty() || !proxies.Contains(client.address)) return client;
  const auto header = request.Header("x-forwarded-for");
  if (!header) return client;
  // From the right: each entry was appended by the hop after it; trust stops at the first
  // entry that is not a trusted proxy.
  std::string_view rest = *header;
  for (std::size_t hops = 0; !rest.empty() && hops < kMaxHops; ++hops) {
    const auto comma = rest.rfind(',');
    const std::string_view entry = TrimAscii(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    const auto hop = ParseHop(entry);
    if (!hop) break;  // not an address: the last trusted hop is as far as we can see
    client = Describe(*hop);
    if (!proxies.Contains(client.address)) break;
  }
  return client;
}

}  // namespace tierdesk::adapters::http
