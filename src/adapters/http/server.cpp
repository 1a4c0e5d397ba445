#include "adapters/http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "adapters/http/problem.hpp"
#include "adapters/log/log.hpp"

namespace tierdesk::adapters::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

namespace {

using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// One client connection. Owned by its coroutine; the server keeps a weak reference so that a
// stop can close it while it waits for the next request.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  std::atomic<bool> busy{false};
};

// Converts Beast's request into the transport-free Request. false: the target is malformed.
bool Convert(BeastRequest& in, const std::string& remote, std::string request_id, Request& out) {
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  auto parsed = boost::urls::parse_origin_form(in.target());
  if (!parsed) return false;
  out.path = parsed->path();
  for (const auto& param : parsed->params()) out.query.emplace(param.key, param.value);
  out.headers.reserve(8);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool joined = false;
    for (auto& [key, value] : out.headers) {
      if (key == name) {
        value += ", ";
        value += field.value();
        joined = true;
      }
    }
    if (!joined) out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.body = std::move(in.body());
  out.remote_address = remote;
  out.request_id = std::move(request_id);
  return true;
}

BeastResponse ToBeast(Response&& response, unsigned version, bool keep_alive, bool head,
                      const std::string& request_id) {
  BeastResponse out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::server, "tierdesk");
  out.set(bhttp::field::content_type, response.content_type);
  out.set("X-Request-Id", request_id);
  for (const auto& [name, value] : response.headers) out.set(name, value);
  out.keep_alive(keep_alive);
  out.body() = std::move(response.body);
  out.prepare_payload();
  if (head) out.body().clear();
  return out;
}

std::string ValidRequestId(std::string_view incoming) {
  if (incoming.empty() || incoming.size() > 64) return {};
  for (const char c : incoming) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return {};
  }
  return std::string(incoming);
}

struct Handled {
  Response response;
  std::string_view route = "unmatched";  // a view into the router's table
};

Handled HandleSafely(Api& api, const Request& request) {
  Handled handled;
  try {
    handled.response = api.Handle(request, handled.route);
  } catch (const std::exception& e) {
    log::Error("handler threw", {{"request_id", request.request_id}, {"error", e.what()}});
    handled.response = ProblemResponse(Error::Internal("internal error", e.what()), request.path);
  }
  return handled;
}

// Runs a request on the worker pool; the caller's coroutine resumes on its own executor.
net::awaitable<Handled> HandleOnWorker(Api* api, std::shared_ptr<const Request> request) {
  co_return HandleSafely(*api, *request);
}

}  // namespace

struct Server::Impl {
  Impl(Api& api_in, ServerOptions options_in)
      : api(api_in),
        options(std::move(options_in)),
        ioc(options.io_threads),
        workers(static_cast<std::size_t>(std::max(1, options.worker_threads))),
        acceptor(ioc) {
    std::random_device random;
    request_prefix = std::to_string(random() % 100000) + "-";
  }

  net::awaitable<void> Accept() {
    while (!stopping.load()) {
      // Several network threads need a strand per connection; one thread serialises by itself.
      net::any_io_executor executor = options.io_threads > 1 ? net::any_io_executor(net::make_strand(ioc))
                                                             : net::any_io_executor(ioc.get_executor());
      auto [ec, socket] = co_await acceptor.async_accept(executor, net::as_tuple(net::use_awaitable));
      if (ec) {
        if (ec == net::error::operation_aborted || stopping.load()) break;
        log::Warn("accept failed", {{"error", ec.message()}});
        continue;
      }
      socket.set_option(tcp::no_delay(true));
      auto connection = std::make_shared<Connection>(std::move(socket));
      Register(connection);
      net::co_spawn(executor, Session(connection), [this](std::exception_ptr error) {
        if (error) {
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            log::Error("session failed", {{"error", e.what()}});
          }
        }
      });
    }
  }

  void Register(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(connections_mutex);
    connections.emplace(connection.get(), connection);
    api.metrics().ConnectionOpened();
  }

  void Unregister(Connection* connection) {
    std::lock_guard lock(connections_mutex);
    connections.erase(connection);
    api.metrics().ConnectionClosed();
  }

  // Answers a request we will not read to the end, then closes with a lingering close: half-close
  // and drain what the client is still sending, so its kernel does not reset the connection
  // (which would destroy the answer) before it reads it.
  net::awaitable<void> WriteProblem(Connection& c, unsigned version, int status, const char* slug,
                                    const char* title, const char* detail) {
    const std::string id = NextRequestId();
    auto response = ToBeast(ProblemResponse(status, slug, title, detail), version, false, false, id);
    c.stream.expires_after(std::chrono::seconds(10));
    auto [write_ec, written] = co_await bhttp::async_write(c.stream, response, net::as_tuple(net::use_awaitable));
    if (write_ec) co_return;
    boost::system::error_code ignored;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    c.stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16384> sink{};
    std::size_t drained = 0;
    while (drained < 64u * 1024 * 1024) {
      auto [ec, n] = co_await c.stream.async_read_some(net::buffer(sink), net::as_tuple(net::use_awaitable));
      if (ec) break;
      drained += n;
    }
  }

  std::string NextRequestId() { return request_prefix + std::to_string(next_request_id.fetch_add(1)); }

  net::awaitable<void> Session(std::shared_ptr<Connection> connection) {
    Connection& c = *connection;
    beast::flat_buffer buffer;
    std::string remote;
    {
      boost::system::error_code ec;
      auto endpoint = c.stream.socket().remote_endpoint(ec);
      if (!ec) remote = endpoint.address().to_string();
    }
    while (!stopping.load()) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(options.header_limit);
      // The route's limit is known only after the header; Beast would check Content-Length
      // against whatever limit is set while it parses the header.
      parser.body_limit(boost::none);
      c.stream.expires_after(options.idle_timeout);
      auto [ec, read] = co_await bhttp::async_read_header(c.stream, buffer, parser,
                                                           net::as_tuple(net::use_awaitable));
      if (ec == bhttp::error::header_limit) {
        co_await WriteProblem(c, 11, 431, "header-too-large", "Request header fields too large",
                              "the request headers are larger than the server accepts");
        break;
      }
      if (ec) {
        if (ec != bhttp::error::end_of_stream && ec != net::error::operation_aborted &&
            ec != beast::error::timeout && ec != net::error::eof && ec != net::error::connection_reset &&
            ec != net::error::bad_descriptor) {
          co_await WriteProblem(c, 11, 400, "malformed-request", "Malformed request",
                                "the request is not valid HTTP/1.1");
        }
        break;
      }
      c.busy.store(true);
      bool too_large = false;
      {
        const auto& header = parser.get();
        std::string_view target(header.target().data(), header.target().size());
        const std::string_view method(header.method_string().data(), header.method_string().size());
        const auto limit = static_cast<std::uint64_t>(api.BodyLimitFor(method, target.substr(0, target.find('?'))));
        parser.body_limit(limit);
        too_large = parser.content_length() && *parser.content_length() > limit;
        if (!too_large && bhttp::token_list{header[bhttp::field::expect]}.exists("100-continue")) {
          bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, header.version()};
          co_await bhttp::async_write(c.stream, go_on, net::as_tuple(net::use_awaitable));
        }
      }
      if (too_large) {
        co_await WriteProblem(c, parser.get().version(), 413, "payload-too-large", "Payload too large",
                              "the request body is larger than this route accepts");
        break;
      }
      if (parser.content_length().value_or(0) > 1024 * 1024) {
        c.stream.expires_after(std::chrono::seconds(120));  // room for a large upload
      }
      auto [body_ec, body_read] = co_await bhttp::async_read(c.stream, buffer, parser,
                                                             net::as_tuple(net::use_awaitable));
      const unsigned version = parser.get().version();
      if (body_ec == bhttp::error::body_limit) {
        co_await WriteProblem(c, version, 413, "payload-too-large", "Payload too large",
                              "the request body is larger than this route accepts");
        break;
      }
      if (body_ec) {
        if (body_ec != net::error::operation_aborted && body_ec != beast::error::timeout &&
            body_ec != bhttp::error::end_of_stream && body_ec != net::error::eof) {
          co_await WriteProblem(c, version, 400, "malformed-request", "Malformed request",
                                "the request body could not be read");
        }
        break;
      }
      in_flight.fetch_add(1);
      const auto started = std::chrono::steady_clock::now();
      BeastRequest beast_request = parser.release();
      const bool keep_alive = beast_request.keep_alive() && !stopping.load();
      const bool head = beast_request.method() == bhttp::verb::head;
      std::string request_id = ValidRequestId(beast_request["x-request-id"]);
      if (request_id.empty()) request_id = NextRequestId();
      auto request = std::make_shared<Request>();
      Handled handled;
      if (!Convert(beast_request, remote, request_id, *request)) {
        handled.response = ProblemResponse(400, "malformed-request", "Malformed request",
                                           "the request target is not valid");
        handled.route = "unmatched";
      } else if (request->method == "GET" || request->method == "HEAD") {
        handled = HandleSafely(api, *request);
      } else {
        handled = co_await net::co_spawn(workers, HandleOnWorker(&api, request), net::use_awaitable);
      }
      const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - started);
      api.metrics().RecordRequest(handled.route, request->method, handled.response.status, elapsed);
      if (options.access_log) {
        log::Info("request", {{"request_id", request_id},
                              {"method", request->method},
                              {"path", request->path},
                              {"route", std::string(handled.route)},
                              {"status", std::to_string(handled.response.status)},
                              {"duration_us", std::to_string(elapsed.count())}});
      }
      auto response = ToBeast(std::move(handled.response), version, keep_alive, head, request_id);
      auto [write_ec, written] = co_await bhttp::async_write(c.stream, response,
                                                             net::as_tuple(net::use_awaitable));
      in_flight.fetch_sub(1);
      c.busy.store(false);
      if (write_ec || !keep_alive) break;
    }
    boost::system::error_code ignored;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    c.stream.close();
    Unregister(&c);
  }

  Api& api;
  ServerOptions options;
  net::io_context ioc;
  net::thread_pool workers;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::atomic<bool> stopped{false};
  std::atomic<int> in_flight{0};
  std::atomic<std::uint64_t> next_request_id{1};
  std::string request_prefix;
  std::mutex connections_mutex;
  std::map<Connection*, std::weak_ptr<Connection>> connections;
};

Server::Server(Api& api, ServerOptions options) : impl_(new Impl(api, std::move(options))) {}

Server::~Server() { Stop(); }

Result<std::uint16_t> Server::Start() {
  Impl& s = *impl_;
  boost::system::error_code ec;
  const auto address = net::ip::make_address(s.options.host, ec);
  if (ec) return Fail(Error::InvalidArgument("listen address " + s.options.host + " is not an IP address"));
  const tcp::endpoint endpoint{address, s.options.port};
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(Error::Unavailable("cannot listen on " + s.options.host + ":" +
                                   std::to_string(s.options.port) + ": " + ec.message()));
  }
  const auto port = s.acceptor.local_endpoint().port();
  net::co_spawn(s.ioc, s.Accept(), [](std::exception_ptr error) {
    if (error) log::Error("the acceptor stopped with an error");
  });
  for (int i = 0; i < std::max(1, s.options.io_threads); ++i) {
    s.threads.emplace_back([&s] { s.ioc.run(); });
  }
  return port;
}

void Server::Stop(std::chrono::seconds grace) {
  Impl& s = *impl_;
  if (s.stopped.exchange(true)) return;
  s.stopping.store(true);
  net::post(s.ioc, [&s] {
    boost::system::error_code ignored;
    s.acceptor.close(ignored);
  });
  // Close idle connections; busy ones finish their request and then close.
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    std::vector<std::shared_ptr<Connection>> idle;
    {
      std::lock_guard lock(s.connections_mutex);
      if (s.connections.empty() && s.in_flight.load() == 0) break;
      for (auto& [raw, weak] : s.connections) {
        if (auto connection = weak.lock(); connection && !connection->busy.load()) idle.push_back(connection);
      }
    }
    for (auto& connection : idle) {
      net::post(connection->stream.get_executor(), [connection] {
        boost::system::error_code ignored;  // the session may have closed it meanwhile
        if (!connection->busy.load()) connection->stream.socket().cancel(ignored);
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  s.ioc.stop();
  for (auto& thread : s.threads) {
    if (thread.joinable()) thread.join();
  }
  s.workers.join();
}

}  // namespace tierdesk::adapters::http
