#include "adapters/vendor/http_client.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <charconv>
#include <ctime>
#include <thread>

namespace tierdesk::adapters::vendor {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Target {
  bool tls = false;
  std::string host;
  std::string port;
  std::string path;  // with the query
};

Result<Target> ParseUrl(const std::string& url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return Fail(Error::InvalidArgument("not a URL: " + url));
  Target target;
  const auto scheme = parsed->scheme();
  if (scheme != "http" && scheme != "https") return Fail(Error::InvalidArgument("not an http(s) URL: " + url));
  target.tls = scheme == "https";
  target.host = parsed->host();
  if (target.host.empty()) return Fail(Error::InvalidArgument("no host in " + url));
  target.port = parsed->has_port() ? std::string(parsed->port()) : (target.tls ? "443" : "80");
  target.path = std::string(parsed->encoded_path());
  if (target.path.empty()) target.path = "/";
  if (parsed->has_query()) target.path += "?" + std::string(parsed->encoded_query());
  return target;
}

http::request<http::string_body> BuildRequest(const HttpRequest& request, const Target& target) {
  http::request<http::string_body> out;
  out.method_string(request.method);
  out.target(target.path);
  out.version(11);
  const bool default_port = target.port == (target.tls ? "443" : "80");
  out.set(http::field::host, default_port ? target.host : target.host + ":" + target.port);
  out.set(http::field::user_agent, "tierdesk");
  out.set(http::field::connection, "close");
  for (const auto& [name, value] : request.headers) out.set(name, value);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
    out.body() = request.body;
    out.prepare_payload();
  }
  return out;
}

HttpResponse ToResponse(http::response<http::string_body>& in) {
  HttpResponse out;
  out.status = static_cast<int>(in.result_int());
  for (const auto& field : in) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    out.headers[name] = std::string(field.value());
  }
  out.body = std::move(in.body());
  return out;
}

template <class Stream>
asio::awaitable<void> Exchange(Stream& stream, const http::request<http::string_body>& request,
                               http::response_parser<http::string_body>& parser) {
  beast::flat_buffer buffer;
  co_await http::async_write(stream, request, asio::use_awaitable);
  co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
}

std::string Describe(const boost::system::error_code& error, const Target& target) {
  if (error == beast::error::timeout) return "no answer from " + target.host + " in time";
  return target.host + ": " + error.message();
}

}  // namespace

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {}

Result<HttpResponse> HttpClient::Send(const HttpRequest& request) const {
  const Target target = TD_TRY(ParseUrl(request.url));
  const auto outgoing = BuildRequest(request, target);
  asio::io_context io;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  if (target.tls) {
    boost::system::error_code error;
    tls.set_verify_mode(asio::ssl::verify_peer, error);
    if (!error) {
      if (options_.ca_file.empty()) {
        tls.set_default_verify_paths(error);
      } else {
        tls.load_verify_file(options_.ca_file, error);
      }
    }
    if (error) return Fail(Error::Unavailable("cannot load trusted certificates: " + error.message()));
    tls.set_verify_callback(asio::ssl::host_name_verification(target.host));
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(options_.body_limit);
  std::exception_ptr failure;
  auto run = [&]() -> asio::awaitable<void> {
    tcp::resolver resolver(io);
    beast::tcp_stream tcp(io);
    tcp.expires_after(options_.timeout);  // one deadline for the whole exchange
    const auto endpoints = co_await resolver.async_resolve(target.host, target.port, asio::use_awaitable);
    co_await tcp.async_connect(endpoints, asio::use_awaitable);
    if (!target.tls) {
      co_await Exchange(tcp, outgoing, parser);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp), tls);
    // SSL_set_tlsext_host_name, spelled out: the macro casts in the old style.
    if (SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(target.host.c_str())) != 1) {
      throw boost::system::system_error(asio::error::invalid_argument, "cannot set the TLS server name");
    }
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    co_await Exchange(stream, outgoing, parser);
  };
  asio::co_spawn(io, run(), [&](std::exception_ptr error) { failure = error; });
  io.run();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const boost::system::system_error& error) {
      return Fail(Error::Unavailable(Describe(error.code(), target)));
    } catch (const std::exception& error) {
      return Fail(Error::Unavailable(target.host + ": " + error.what()));
    }
  }
  auto response = parser.release();
  return ToResponse(response);
}

bool IsRetryable(int status) { return status == 429 || (status >= 500 && status <= 599); }

std::chrono::milliseconds RetryWait(const RetryPolicy& policy, int next_attempt, const std::string& retry_after,
                                    std::chrono::system_clock::time_point now) {
  using std::chrono::milliseconds;
  if (!retry_after.empty()) {
    std::int64_t seconds = 0;
    const auto* end = retry_after.data() + retry_after.size();
    const auto [stop, ec] = std::from_chars(retry_after.data(), end, seconds);
    if (ec == std::errc() && stop == end && seconds >= 0) {
      return std::min(milliseconds(seconds * 1000), policy.max_wait);
    }
    std::tm when{};  // an HTTP date: "Wed, 21 Oct 2026 07:28:00 GMT"
    if (const char* rest = strptime(retry_after.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &when);
        rest != nullptr && *rest == '\0') {
      const auto at = std::chrono::system_clock::from_time_t(timegm(&when));
      const auto wait = std::chrono::duration_cast<milliseconds>(at - now);
      return std::clamp(wait, milliseconds(0), policy.max_wait);
    }
  }
  const int doublings = std::clamp(next_attempt - 2, 0, 20);
  return std::min(policy.base_wait * (std::int64_t{1} << doublings), policy.max_wait);
}

bool SleepFor(std::chrono::milliseconds wait) {
  std::this_thread::sleep_for(wait);
  return true;
}

Result<HttpResponse> SendWithRetry(const HttpClient& client, const HttpRequest& request, const RetryPolicy& policy,
                                   const Sleeper& sleep) {
  for (int attempt = 1;; ++attempt) {
    auto response = client.Send(request);
    const bool last = attempt >= policy.max_attempts;
    if (response && (!IsRetryable(response->status) || last)) return response;
    if (!response && (last || response.error().code != ErrorCode::kUnavailable)) return response;
    const std::string retry_after = response ? response->Header("retry-after") : std::string();
    if (!sleep(RetryWait(policy, attempt + 1, retry_after, std::chrono::system_clock::now()))) return response;
  }
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  auto encode = [](const std::string& text) {
    std::string out;
    for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
        out += static_cast<char>(c);
      } else if (c == ' ') {
        out += '+';
      } else {
        constexpr char kHex[] = "0123456789ABCDEF";
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  };
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += encode(name) + "=" + encode(value);
  }
  return out;
}

std::string NewUuid() {
  static const bool ready = sodium_init() >= 0;
  TD_ASSERT(ready, "libsodium initialises");
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

}  // namespace tierdesk::adapters::vendor
