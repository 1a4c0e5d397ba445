#include "adapters/http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

#include "adapters/http/problem.hpp"
#include "adapters/log/log.hpp"

namespace tierdesk::adapters::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

namespace {

using BeastResponse = bhttp::response<bhttp::string_body>;
using HeadParser = bhttp::request_parser<bhttp::empty_body>;

// One client connection. Owned by its coroutine; the server keeps a weak reference so that a
// stop can close it while it waits for the next request.
struct Connection {
  Connection(tcp::socket socket, std::string address, std::string limit_key)
      : stream(std::move(socket)), remote(std::move(address)), key(std::move(limit_key)) {}
  beast::tcp_stream stream;
  std::string remote;
  std::string key;  // what the per-address connection limit counts ("": not counted)
  std::atomic<bool> busy{false};
};

// A large body spooled to an unlinked file and mapped read-only: its pages belong to the page
// cache, not to the heap, and vanish with the mapping.
class MappedBody final : public SpooledBody {
 public:
  MappedBody(void* data, std::size_t size) : data_(data), size_(size) {}
  ~MappedBody() override {
    if (data_ != nullptr) munmap(data_, size_);
  }
  MappedBody(const MappedBody&) = delete;
  MappedBody& operator=(const MappedBody&) = delete;
  std::string_view View() const override { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_;
  std::size_t size_;
};

// Converts Beast's request header into the transport-free Request (without its body). false:
// the target is malformed, or its path hides a '/' in a percent-escape (%2F would otherwise be
// decoded into a separator before the router splits the path).
bool Convert(const bhttp::request_header<>& in, const std::string& remote, std::string request_id, Request& out) {
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  auto parsed = boost::urls::parse_origin_form(in.target());
  if (!parsed) return false;
  const std::string_view encoded = parsed->encoded_path();
  for (std::size_t at = encoded.find('%'); at != std::string_view::npos; at = encoded.find('%', at + 1)) {
    const std::string_view escape = encoded.substr(at, 3);
    if (escape == "%2F" || escape == "%2f") return false;
  }
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
  for (const auto& [name, value] : response.headers) out.insert(name, value);  // Set-Cookie repeats
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

Response Internal(const Request& request, const std::exception& e) {
  log::Error("handler threw", {{"request_id", request.request_id}, {"error", e.what()}});
  return ProblemResponse(Error::Internal("internal error", e.what()), request.path);
}

// The pool-side halves of a request. Coroutine parameters are copies, so nothing they use can
// go away while they wait for their pool.
net::awaitable<Handled> HandleOnPool(Api* api, std::shared_ptr<const Request> request) {
  Handled handled;
  try {
    handled.response = api->Handle(*request, handled.route);
  } catch (const std::exception& e) {
    handled.response = Internal(*request, e);
  }
  co_return handled;
}

net::awaitable<Matched> PrepareOnPool(Api* api, std::shared_ptr<const Request> head) {
  Matched matched;
  try {
    matched = api->Prepare(*head);
  } catch (const std::exception& e) {
    matched.answer = Internal(*head, e);
  }
  co_return matched;
}

net::awaitable<Response> RunOnPool(Api* api, std::shared_ptr<Matched> matched, std::shared_ptr<const Request> request) {
  try {
    co_return api->Run(*matched, *request);
  } catch (const std::exception& e) {
    co_return Internal(*request, e);
  }
}

net::awaitable<std::optional<std::string>> PollOnPool(std::shared_ptr<ResponseStream> stream) {
  try {
    co_return stream->Poll();
  } catch (const std::exception& e) {
    log::Error("stream poll threw", {{"error", e.what()}});
    co_return std::nullopt;
  }
}

// Streams (Server-Sent Events): how often they are polled, how long one may be quiet before a
// comment line keeps proxies from closing it (and tells the server the client is gone), and how
// long one runs before the server ends it (the client reconnects with Last-Event-ID, so the
// credential and scope are looked at afresh and no connection lives for ever).
constexpr auto kStreamPoll = std::chrono::milliseconds(500);
constexpr auto kStreamQuiet = std::chrono::seconds(15);
constexpr auto kLongestStream = std::chrono::minutes(10);

// A counter per client address, bounded by a limit; thread-safe.
class PerAddress {
 public:
  bool TryAdd(const std::string& address, int limit) {
    std::lock_guard lock(mutex_);
    int& count = counts_[address];
    if (count >= limit) {
      if (count == 0) counts_.erase(address);
      return false;
    }
    ++count;
    return true;
  }
  void Remove(const std::string& address) {
    std::lock_guard lock(mutex_);
    const auto it = counts_.find(address);
    if (it != counts_.end() && --it->second <= 0) counts_.erase(it);
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, int> counts_;
};

// Runs a function when it goes out of scope, also when a co_await throws: the counters a
// request holds are given back on every path.
template <class F>
class Finally {
 public:
  explicit Finally(F fn) : fn_(std::move(fn)) {}
  ~Finally() { fn_(); }
  Finally(const Finally&) = delete;
  Finally& operator=(const Finally&) = delete;

 private:
  F fn_;
};

// The whole body must arrive within this time: slow senders cannot hold a connection forever.
std::chrono::seconds BodyDeadline(std::chrono::seconds base, const boost::optional<std::uint64_t>& length) {
  const auto extra = static_cast<std::int64_t>(length.value_or(8u * 1024 * 1024) / (128u * 1024));
  return std::min(std::chrono::seconds(300), base + std::chrono::seconds(extra));
}

std::chrono::seconds BodyDeadline(std::chrono::seconds base, std::size_t size) {
  return BodyDeadline(base, boost::optional<std::uint64_t>(size));
}

// A file for one spooled body: created and unlinked at once, so nothing is left behind.
int OpenSpoolFile(const std::string& dir) {
  std::string path = (dir.empty() ? std::filesystem::temp_directory_path().string() : dir) + "/tierdesk-body-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd >= 0) unlink(path.c_str());
  return fd;
}

}  // namespace

struct Server::Impl {
  Impl(Api& api_in, ServerOptions options_in)
      : api(api_in),
        options(std::move(options_in)),
        ioc(options.io_threads),
        read_pool(static_cast<std::size_t>(std::max(1, options.read_threads))),
        heavy_pool(static_cast<std::size_t>(std::max(1, options.heavy_threads))),
        write_pool(static_cast<std::size_t>(std::max(1, options.worker_threads))),
        acceptor(ioc) {
    std::random_device random;
    request_prefix = std::to_string(random() % 100000) + "-";
  }

  net::thread_pool& PoolFor(Lane lane) {
    switch (lane) {
      case Lane::kRead: return read_pool;
      case Lane::kHeavy: return heavy_pool;
      case Lane::kWrite: return write_pool;
    }
    return write_pool;
  }

  // Over a connection limit: a short answer written without waiting, then the socket closes.
  static void Refuse(tcp::socket& socket, int status, const char* slug, const char* detail) {
    const std::string body = std::string(R"({"type":"/problems/)") + slug + R"(","title":"Too many connections","status":)" +
                             std::to_string(status) + R"(,"detail":")" + detail + R"("})";
    const std::string text = "HTTP/1.1 " + std::to_string(status) +
                             (status == 429 ? " Too Many Requests" : " Service Unavailable") +
                             "\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\nConnection: close\r\n"
                             "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n"
                             "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    boost::system::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(net::buffer(text), ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }

  net::awaitable<void> Accept() {
    while (!stopping.load()) {
      // Several network threads need a strand per connection; one thread serialises by itself.
      net::any_io_executor executor = options.io_threads > 1 ? net::any_io_executor(net::make_strand(ioc))
                                                             : net::any_io_executor(ioc.get_executor());
      auto [ec, socket] = co_await acceptor.async_accept(executor, net::as_tuple(net::use_awaitable));
      if (ec) {
        if (ec == net::error::operation_aborted || stopping.load()) break;
        // Out of file descriptors: wait for connections to close instead of spinning.
        const auto now = std::chrono::steady_clock::now();
        if (now - last_accept_warning > std::chrono::seconds(10)) {
          last_accept_warning = now;
          log::Warn("accept failed", {{"error", ec.message()}});
        }
        net::steady_timer pause(co_await net::this_coro::executor, std::chrono::milliseconds(100));
        co_await pause.async_wait(net::as_tuple(net::use_awaitable));
        continue;
      }
      std::string remote;
      {
        boost::system::error_code endpoint_ec;
        auto endpoint = socket.remote_endpoint(endpoint_ec);
        if (!endpoint_ec) remote = endpoint.address().to_string();
      }
      if (open_connections.load() >= options.max_connections) {
        api.metrics().ConnectionRefused();
        Refuse(socket, 503, "too-many-connections", "the server has as many connections as it serves");
        continue;
      }
      // Counted by the client's network (an IPv6 client: its /64); a trusted proxy is not capped
      // here, as it carries many clients (the total still applies).
      std::string key = api.ConnectionKey(remote);
      if (!key.empty() && !per_address_connections.TryAdd(key, options.max_connections_per_address)) {
        api.metrics().ConnectionRefused();
        Refuse(socket, 429, "too-many-connections", "this address has as many connections as one client may");
        continue;
      }
      socket.set_option(tcp::no_delay(true));
      auto connection = std::make_shared<Connection>(std::move(socket), remote, std::move(key));
      Register(connection);
      net::co_spawn(executor, Session(connection), [](std::exception_ptr error) {
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
    open_connections.fetch_add(1);
    api.metrics().ConnectionOpened();
  }

  void Unregister(Connection* connection) {
    if (!connection->key.empty()) per_address_connections.Remove(connection->key);
    std::lock_guard lock(connections_mutex);
    connections.erase(connection);
    open_connections.fetch_sub(1);
    api.metrics().ConnectionClosed();
  }

  // Answers a request whose body we will not read to the end, then closes with a lingering
  // close: half-close and drain (at most 2 s, into a fixed buffer) what the client is still
  // sending, so its kernel does not reset the connection before it reads the answer.
  net::awaitable<void> AnswerAndClose(Connection& c, BeastResponse response) {
    response.keep_alive(false);
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

  net::awaitable<void> WriteProblem(Connection& c, unsigned version, int status, const char* slug,
                                    const char* title, const char* detail) {
    co_await AnswerAndClose(c, ToBeast(ProblemResponse(status, slug, title, detail), version, false, false,
                                       NextRequestId()));
  }

  std::string NextRequestId() { return request_prefix + std::to_string(next_request_id.fetch_add(1)); }

  // Reads the body the head announced, into memory or (large) into a mapped file. false: the
  // connection is answered and done.
  net::awaitable<bool> ReadBody(Connection& c, beast::flat_buffer& buffer, HeadParser& head_parser,
                                std::uint64_t limit, Request& request) {
    const auto length = head_parser.content_length();
    const unsigned version = head_parser.get().version();
    c.stream.expires_after(BodyDeadline(options.body_timeout, length));
    boost::system::error_code ec;
    // Large bodies go to a file: announced as large, or chunked to a route that takes large ones.
    const auto spool_above = static_cast<std::uint64_t>(options.spool_above);
    if (length ? *length > spool_above : limit > spool_above) {
      bhttp::request_parser<bhttp::file_body> parser(std::move(head_parser));
      parser.body_limit(limit);
      const int fd = OpenSpoolFile(options.spool_dir);
      if (fd < 0) {
        co_await WriteProblem(c, version, 503, "unavailable", "Service unavailable", "the upload could not be stored");
        co_return false;
      }
      beast::file file;
      file.native_handle(fd);
      parser.get().body().reset(std::move(file), ec);
      if (!ec) std::tie(ec, std::ignore) = co_await bhttp::async_read(c.stream, buffer, parser, net::as_tuple(net::use_awaitable));
      if (!ec) {
        const int spooled = parser.get().body().file().native_handle();
        struct stat info {};
        const std::size_t size = fstat(spooled, &info) == 0 ? static_cast<std::size_t>(info.st_size) : 0;
        void* data = nullptr;
        if (size > 0) {
          data = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, spooled, 0);
          if (data == MAP_FAILED) {
            co_await WriteProblem(c, version, 503, "unavailable", "Service unavailable", "the upload could not be read back");
            co_return false;
          }
        }
        request.spooled = std::make_shared<MappedBody>(data, size);
      }
    } else {
      bhttp::request_parser<bhttp::string_body> parser(std::move(head_parser));
      parser.body_limit(limit);
      std::tie(ec, std::ignore) = co_await bhttp::async_read(c.stream, buffer, parser, net::as_tuple(net::use_awaitable));
      if (!ec) request.body = std::move(parser.get().body());
    }
    if (ec == bhttp::error::body_limit) {
      co_await WriteProblem(c, version, 413, "payload-too-large", "Payload too large",
                            "the request body is larger than this route accepts");
      co_return false;
    }
    if (ec) {
      if (ec == beast::error::timeout) {
        co_await WriteProblem(c, version, 408, "request-timeout", "Request timeout",
                              "the request body did not arrive in time");
      } else if (ec != net::error::operation_aborted && ec != bhttp::error::end_of_stream && ec != net::error::eof &&
                 ec != net::error::connection_reset) {
        co_await WriteProblem(c, version, 400, "malformed-request", "Malformed request",
                              "the request body could not be read");
      }
      co_return false;
    }
    co_return true;
  }

  // Runs one request on its lane's pool. A request with a body is matched and authenticated on
  // its headers first (on the read pool), and its body read only if it would be served. false:
  // the body could not be read and the connection is answered and done.
  net::awaitable<bool> Serve(Connection& c, beast::flat_buffer& buffer, HeadParser& head_parser, Lane lane,
                             std::shared_ptr<Request> request, Handled& handled, bool& answered_early) {
    const bool has_body = head_parser.chunked() || head_parser.content_length().value_or(0) > 0;
    if (!has_body) {
      handled = co_await net::co_spawn(PoolFor(lane), HandleOnPool(&api, request), net::use_awaitable);
      co_return true;
    }
    auto matched = std::make_shared<Matched>(
        co_await net::co_spawn(read_pool, PrepareOnPool(&api, request), net::use_awaitable));
    handled.route = matched->pattern;
    const auto limit = static_cast<std::uint64_t>(api.BodyLimitFor(*request, *matched));
    if (matched->answer) {
      handled.response = std::move(*matched->answer);
      answered_early = true;
      co_return true;
    }
    if (head_parser.content_length() && *head_parser.content_length() > limit) {
      handled.response = ProblemResponse(413, "payload-too-large", "Payload too large",
                                         "the request body is larger than this route accepts", request->path);
      answered_early = true;
      co_return true;
    }
    const auto& header = head_parser.get();
    if (bhttp::token_list{header[bhttp::field::expect]}.exists("100-continue")) {
      bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, header.version()};
      co_await bhttp::async_write(c.stream, go_on, net::as_tuple(net::use_awaitable));
    }
    if (!co_await ReadBody(c, buffer, head_parser, limit, *request)) co_return false;
    handled.response = co_await net::co_spawn(PoolFor(lane), RunOnPool(&api, matched, request), net::use_awaitable);
    co_return true;
  }

  // Writes a streaming answer: its head, its body so far, then what the stream yields each poll,
  // until the stream ends, the client goes away, the server stops or kLongestStream has passed.
  // No Content-Length and Connection: close, so the body ends when the connection does.
  net::awaitable<void> WriteStream(Connection& c, BeastResponse response, std::shared_ptr<ResponseStream> stream) {
    std::string text = "HTTP/1.1 200 OK\r\n";
    for (const auto& field : response) {
      if (field.name() == bhttp::field::content_length || field.name() == bhttp::field::connection) continue;
      text.append(field.name_string()).append(": ").append(field.value()).append("\r\n");
    }
    text += "Connection: close\r\n\r\n";
    text += response.body();
    net::steady_timer timer(c.stream.get_executor());
    const auto started = std::chrono::steady_clock::now();
    auto written_at = started;
    while (true) {
      if (!text.empty()) {
        c.stream.expires_after(std::chrono::seconds(30));
        auto [ec, n] = co_await net::async_write(c.stream, net::buffer(text), net::as_tuple(net::use_awaitable));
        if (ec) co_return;
        written_at = std::chrono::steady_clock::now();
      }
      timer.expires_after(kStreamPoll);
      co_await timer.async_wait(net::as_tuple(net::use_awaitable));
      const auto now = std::chrono::steady_clock::now();
      if (stopping.load() || now - started >= kLongestStream) co_return;
      auto next = co_await net::co_spawn(read_pool, PollOnPool(stream), net::use_awaitable);
      if (!next) co_return;
      text = std::move(*next);
      if (text.empty() && now - written_at >= kStreamQuiet) text = ": keep-alive\n\n";
    }
  }

  net::awaitable<void> Session(std::shared_ptr<Connection> connection) {
    Connection& c = *connection;
    Finally close([this, &c] {
      boost::system::error_code ignored;
      c.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      c.stream.close();
      Unregister(&c);
    });
    beast::flat_buffer buffer;
    while (!stopping.load()) {
      HeadParser head_parser;
      head_parser.header_limit(options.header_limit);
      // The route's limit is known only after the header (and the token): no body limit yet.
      head_parser.body_limit(boost::none);
      c.stream.expires_after(options.idle_timeout);
      auto [ec, read] = co_await bhttp::async_read_header(c.stream, buffer, head_parser,
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
      in_flight.fetch_add(1);
      Finally done([this, &c] {
        in_flight.fetch_sub(1);
        c.busy.store(false);
      });
      const auto started = std::chrono::steady_clock::now();
      const auto& header = head_parser.get();
      const unsigned version = header.version();
      const bool keep_alive = header.keep_alive() && !stopping.load();
      const bool head = header.method() == bhttp::verb::head;
      const bool has_body = head_parser.chunked() || head_parser.content_length().value_or(0) > 0;
      std::string request_id = ValidRequestId(header["x-request-id"]);
      if (request_id.empty()) request_id = NextRequestId();
      auto request = std::make_shared<Request>();
      Handled handled;
      bool answered_early = false;  // the body was not read: answer, then close
      if (!Convert(header, c.remote, request_id, *request)) {
        handled.response = ProblemResponse(400, "malformed-request", "Malformed request",
                                           "the request target is not valid");
        answered_early = has_body;
      } else {
        const Lane lane = Api::LaneFor(*request);
        // Lists and searches are counted per client (behind a trusted proxy: the forwarded one).
        const std::string client = lane == Lane::kHeavy ? api.ClientOf(*request).network : std::string();
        if (!client.empty() && !heavy_per_address.TryAdd(client, options.heavy_per_address)) {
          Error busy = Error::TooManyRequests(
              "this address has as many lists and searches running as one client may; retry when one is done");
          busy.retry_after_seconds = 1;
          handled.response = ProblemResponse(busy, request->path);
          answered_early = has_body;
        } else {
          Finally release([this, &client] {
            if (!client.empty()) heavy_per_address.Remove(client);
          });
          if (!co_await Serve(c, buffer, head_parser, lane, request, handled, answered_early)) break;
        }
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
      auto stream = std::move(handled.response.stream);
      auto response = ToBeast(std::move(handled.response), version, keep_alive && !answered_early, head, request_id);
      if (stream && !answered_early && !head && response.result() == bhttp::status::ok) {
        co_await WriteStream(c, std::move(response), std::move(stream));
        break;
      }
      if (answered_early) {
        co_await AnswerAndClose(c, std::move(response));
        break;
      }
      // The answer gets its own deadline, by its size (a slow reader cannot hold it forever).
      c.stream.expires_after(BodyDeadline(options.body_timeout, response.body().size()));
      auto [write_ec, written] = co_await bhttp::async_write(c.stream, response,
                                                             net::as_tuple(net::use_awaitable));
      if (write_ec || !keep_alive) break;
    }
  }

  Api& api;
  ServerOptions options;
  net::io_context ioc;
  net::thread_pool read_pool;
  net::thread_pool heavy_pool;
  net::thread_pool write_pool;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::atomic<bool> stopped{false};
  std::atomic<int> in_flight{0};
  std::atomic<int> open_connections{0};
  PerAddress per_address_connections;
  PerAddress heavy_per_address;
  std::atomic<std::uint64_t> next_request_id{1};
  std::chrono::steady_clock::time_point last_accept_warning{};
  std::string request_prefix;
  std::mutex connections_mutex;
  std::map<Connection*, std::weak_ptr<Connection>> connections;
};

Server::Server(Api& api, ServerOptions options) : impl_(new Impl(api, std::move(options))) {}

Server::~Server() { Stop(); }

Result<std::uint16_t> Server::Start() {
  Impl& s = *impl_;
  // File descriptors: the soft limit raised to the hard one, and room kept beyond the
  // connections for the database, spooled bodies and attachments.
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
    if (files.rlim_cur < files.rlim_max) {
      files.rlim_cur = files.rlim_max;
      (void)setrlimit(RLIMIT_NOFILE, &files);
      (void)getrlimit(RLIMIT_NOFILE, &files);
    }
    constexpr rlim_t kReserve = 256;
    const rlim_t usable = files.rlim_cur > kReserve + 16 ? files.rlim_cur - kReserve : 16;
    if (usable < static_cast<rlim_t>(s.options.max_connections)) {
      s.options.max_connections = static_cast<int>(usable);
      log::Warn("fewer connections than configured: the file descriptor limit is low",
                {{"max_connections", std::to_string(s.options.max_connections)}});
    }
  }
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
  s.read_pool.join();
  s.heavy_pool.join();
  s.write_pool.join();
}

}  // namespace tierdesk::adapters::http
