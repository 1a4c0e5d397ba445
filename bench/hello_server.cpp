// bench/hello_server.cpp
//
// The ceiling for tierdesk's HTTP layer: a bare Beast HTTP/1.1 keep-alive server on one thread,
// written in the same coroutine style as adapters/http/server.cpp, that answers every request
// with {"ok":true}. Usage: hello_server PORT (0 picks a free one). Prints "PORT <n>" once it
// listens, then serves until SIGINT or SIGTERM.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

constexpr std::string_view kBody = R"({"ok":true})";

void LogFailure(std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hello_server: %s\n", e.what());
  }
}

http::response<http::string_body> HandleRequest(const http::request<http::string_body>& request) {
  http::response<http::string_body> response{http::status::ok, request.version()};
  response.set(http::field::server, "hello");
  response.set(http::field::content_type, "application/json");
  response.keep_alive(request.keep_alive());
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    response.result(http::status::method_not_allowed);
  }
  response.body() = kBody;
  response.prepare_payload();
  return response;
}

// The session owns its stream; the parameter is taken by value (coroutine rule, STYLE.md 6.8).
net::awaitable<void> Session(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  while (true) {
    stream.expires_after(std::chrono::seconds(30));
    http::request<http::string_body> request;
    auto [read_error, read_bytes] =
        co_await http::async_read(stream, buffer, request, net::as_tuple(net::use_awaitable));
    if (read_error) break;  // end of stream, timeout or a reset: all just end the session
    auto response = HandleRequest(request);
    auto [write_error, written] =
        co_await http::async_write(stream, response, net::as_tuple(net::use_awaitable));
    if (write_error || !response.keep_alive()) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

net::awaitable<void> Listen(tcp::acceptor acceptor) {
  while (true) {
    auto [error, socket] = co_await acceptor.async_accept(net::as_tuple(net::use_awaitable));
    if (error == net::error::operation_aborted) co_return;
    if (error) continue;
    socket.set_option(tcp::no_delay(true));
    net::co_spawn(acceptor.get_executor(), Session(beast::tcp_stream(std::move(socket))),
                  LogFailure);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: hello_server PORT   (0 picks a free port)\n");
    return 2;
  }
  char* end = nullptr;
  const long port = std::strtol(argv[1], &end, 10);
  if (*end != '\0' || port < 0 || port > 65535) {
    std::fprintf(stderr, "hello_server: '%s' is not a port\n", argv[1]);
    return 2;
  }
  try {
    net::io_context ioc(1);
    tcp::acceptor acceptor(ioc);
    const tcp::endpoint endpoint{net::ip::make_address("127.0.0.1"),
                                 static_cast<unsigned short>(port)};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(net::socket_base::max_listen_connections);
    std::printf("PORT %u\n", static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);

    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&ioc](const boost::system::error_code&, int) { ioc.stop(); });
    net::co_spawn(ioc, Listen(std::move(acceptor)), LogFailure);
    ioc.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hello_server: %s\n", e.what());
    return 1;
  }
  return 0;
}
