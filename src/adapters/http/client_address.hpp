// adapters/http/client_address.hpp
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http/message.hpp"
#include "core/common/result.hpp"

namespace tierdesk::adapters::http {

// The reverse proxies whose X-Forwarded-For the server believes: IP addresses and CIDR ranges,
// IPv4 and IPv6 ("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8"). Empty: nobody's, the default.
class TrustedProxies {
 public:
  // Entries separated by commas or spaces. kInvalidArgument names the first entry that is not an
  // address or a range.
  static Result<TrustedProxies> Parse(std::string_view list);
  bool Contains(std::string_view address) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as ::ffff:a.b.c.d
    int prefix = 128;
  };
  std::vector<Range> ranges_;
};

struct ClientAddress {
  std::string address;  // canonical text (203.0.113.7, 2001:db8::1); IPv4-mapped IPv6 as IPv4
  std::string network;  // what per-client limits count: the IPv4 address, or the IPv6 /64
};

// The one place that says who the client is. The TCP peer (Request::remote_address), unless
// the peer is a trusted proxy: then X-Forwarded-For is read from the right, skipping trusted
// proxies, and the first address that is not one is the client (entries to its left were
// written by the client and are never believed). If every entry is a trusted proxy, the
// leftmost is the client; an entry that is not an IP address (optionally with a port) stops the
// walk and the last trusted hop is the client. Other headers (Forwarded, X-Real-IP) are ignored.
ClientAddress ResolveClientAddress(const Request& request, const TrustedProxies& proxies);

}  // namespace tierdesk::adapters::http
