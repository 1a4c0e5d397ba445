// bench/loadgen.cpp
//
// A small HTTP/1.1 load generator: one thread, N keep-alive connections, each a coroutine that
// sends a request, reads the whole response and sends the next one (no pipelining). Requests
// that complete inside the measured window (after --warmup, for --duration seconds) count for
// the rate and the latency percentiles.
//
//   loadgen --port 8080 --connections 64 --duration 5
//           --path-template '/api/v1/tickets/{rand:1:1000000}' --header 'authorization: Bearer X'
//   loadgen --port 8080 --method POST --body-file ticket.json --path-template /api/v1/tickets
//   loadgen --port 8080 --once --path-template /readyz      (one request; prints the body)
//
// Output, one line of "name value" pairs: requests_per_s, p50_us, p90_us, p99_us, max_us,
// requests, non2xx, errors, duration_s, connections, all_requests (warm-up and drain included),
// cpu_s (this process's user+system CPU over the whole run), statuses (code:count,...).
//
// The response reader is deliberately minimal so that the generator costs the shared CPU
// little: it understands Content-Length framing (and bodiless 1xx/204/304) only. A chunked or
// close-delimited response counts as an error.

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio.hpp>
#include <sys/resource.h>

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  int connections = 1;
  double duration = 5.0;
  double warmup = 1.0;
  std::string method = "GET";
  std::vector<std::string> path_templates;
  std::vector<std::string> headers;
  std::string body;
  std::string body_file;
  std::string content_type = "application/json";
  std::uint64_t seed = 1;
  int show_non2xx = 0;
  bool once = false;
};

// A path template: literal text with {rand:LO:HI} placeholders (a uniform integer in [LO, HI]).
struct Piece {
  std::string literal;
  bool random = false;
  std::int64_t low = 0;
  std::int64_t high = 0;
};
using PathTemplate = std::vector<Piece>;

bool ParseTemplate(const std::string& text, PathTemplate& out) {
  std::size_t position = 0;
  while (position < text.size()) {
    const auto open = text.find("{rand:", position);
    if (open == std::string::npos) {
      out.push_back({text.substr(position)});
      break;
    }
    if (open > position) out.push_back({text.substr(position, open - position)});
    const auto close = text.find('}', open);
    if (close == std::string::npos) return false;
    const std::string range = text.substr(open + 6, close - open - 6);
    const auto colon = range.find(':');
    if (colon == std::string::npos) return false;
    Piece piece;
    piece.random = true;
    try {
      piece.low = std::stoll(range.substr(0, colon));
      piece.high = std::stoll(range.substr(colon + 1));
    } catch (const std::exception&) {
      return false;
    }
    if (piece.low > piece.high) return false;
    out.push_back(std::move(piece));
    position = close + 1;
  }
  return true;
}

struct Stats {
  std::uint64_t all_requests = 0;
  std::vector<std::int64_t> latencies_ns;
  std::uint64_t non2xx = 0;
  std::uint64_t errors = 0;
  std::map<int, std::uint64_t> statuses;
};

// Shared by the connection coroutines. Everything runs on one thread: no locks.
struct State {
  explicit State(net::io_context& ioc) : hard_stop(ioc) {}

  Options options;
  std::vector<PathTemplate> templates;
  std::string request_tail;  // " HTTP/1.1\r\n" + headers + "\r\n" + body
  tcp::endpoint endpoint;
  Clock::time_point measure_start;
  Clock::time_point measure_end;
  bool stopping = false;
  std::mt19937_64 random;
  std::size_t next_template = 0;
  Stats stats;
  std::vector<tcp::socket*> sockets;
  int active = 0;
  int shown_non2xx = 0;
  net::steady_timer hard_stop;
  std::string once_output;
  int once_status = 0;
};

std::string NextRequest(State& state) {
  const PathTemplate& path = state.templates[state.next_template];
  state.next_template = (state.next_template + 1) % state.templates.size();
  std::string request = state.options.method;
  request += ' ';
  for (const Piece& piece : path) {
    if (piece.random) {
      std::uniform_int_distribution<std::int64_t> pick(piece.low, piece.high);
      request += std::to_string(pick(state.random));
    } else {
      request += piece.literal;
    }
  }
  request += state.request_tail;
  return request;
}

bool HeaderNameIs(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

std::string_view HeaderValue(std::string_view line, std::size_t name_length) {
  std::string_view value = line.substr(name_length + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

struct ResponseHead {
  int status = 0;
  std::size_t header_bytes = 0;
  std::size_t body_bytes = 0;
  bool close = false;
};

// Parses a complete header block (ending in CRLF CRLF). false: malformed or unsupported framing.
bool ParseHead(std::string_view head, ResponseHead& out) {
  if (head.size() < 12 || head.substr(0, 5) != "HTTP/") return false;
  const auto space = head.find(' ');
  if (space == std::string_view::npos || space + 4 > head.size()) return false;
  int status = 0;
  for (std::size_t i = space + 1; i < space + 4; ++i) {
    if (head[i] < '0' || head[i] > '9') return false;
    status = status * 10 + (head[i] - '0');
  }
  out.status = status;
  out.close = head.substr(0, 8) == "HTTP/1.0";
  bool has_length = false;
  std::size_t position = head.find("\r\n") + 2;
  while (position < head.size()) {
    const auto end = head.find("\r\n", position);
    if (end == std::string_view::npos || end == position) break;
    const std::string_view line = head.substr(position, end - position);
    position = end + 2;
    if (HeaderNameIs(line, "content-length")) {
      const auto value = HeaderValue(line, 14);
      std::size_t length = 0;
      for (const char c : value) {
        if (c < '0' || c > '9') return false;
        length = length * 10 + static_cast<std::size_t>(c - '0');
      }
      out.body_bytes = length;
      has_length = true;
    } else if (HeaderNameIs(line, "transfer-encoding")) {
      return false;  // chunked: not supported (see the file comment)
    } else if (HeaderNameIs(line, "connection")) {
      const auto value = HeaderValue(line, 10);
      out.close = value.size() == 5 && (value[0] == 'c' || value[0] == 'C');
    }
  }
  const bool bodiless = status < 200 || status == 204 || status == 304;
  if (!has_length && !bodiless) return false;
  if (bodiless) out.body_bytes = 0;
  return true;
}

void LogFailure(std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "loadgen: %s\n", e.what());
  }
}

void Record(State& state, const ResponseHead& head, std::string_view body,
            Clock::time_point started, Clock::time_point finished) {
  const bool success = head.status >= 200 && head.status < 300;
  ++state.stats.all_requests;
  if (state.options.once) {
    state.once_status = head.status;
    state.once_output = std::string(body);
    return;
  }
  if (!success && state.shown_non2xx < state.options.show_non2xx) {
    ++state.shown_non2xx;
    std::fprintf(stderr, "loadgen: HTTP %d: %.*s\n", head.status,
                 static_cast<int>(std::min<std::size_t>(body.size(), 400)), body.data());
  }
  if (finished < state.measure_start || finished > state.measure_end) return;
  state.stats.latencies_ns.push_back(
      std::chrono::duration_cast<std::chrono::nanoseconds>(finished - started).count());
  ++state.stats.statuses[head.status];
  if (!success) ++state.stats.non2xx;
}

void CountError(State& state, const char* what, const boost::system::error_code& error) {
  if (state.stopping) return;  // the hard stop closes sockets on purpose
  const auto now = Clock::now();
  if (now >= state.measure_start && now <= state.measure_end) ++state.stats.errors;
  static int shown = 0;
  if (shown < 5) {
    ++shown;
    std::fprintf(stderr, "loadgen: %s: %s\n", what,
                 error ? error.message().c_str() : "bad response");
  }
}

// One keep-alive connection. Owns its socket; reconnects after an error or "Connection: close".
net::awaitable<void> Client(std::shared_ptr<State> state, std::size_t index) {
  auto executor = co_await net::this_coro::executor;
  std::string buffer(16 * 1024, '\0');
  std::size_t filled = 0;
  while (!state->stopping) {
    tcp::socket socket(executor);
    state->sockets[index] = &socket;
    auto [connect_error] =
        co_await socket.async_connect(state->endpoint, net::as_tuple(net::use_awaitable));
    if (connect_error) {
      CountError(*state, "connect", connect_error);
      state->sockets[index] = nullptr;
      if (state->options.once) break;
      net::steady_timer pause(executor, std::chrono::milliseconds(50));
      co_await pause.async_wait(net::as_tuple(net::use_awaitable));
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    filled = 0;
    bool reconnect = false;
    while (!state->stopping && !reconnect) {
      const std::string request = NextRequest(*state);
      const auto started = Clock::now();
      auto [write_error, written] = co_await net::async_write(socket, net::buffer(request),
                                                              net::as_tuple(net::use_awaitable));
      if (write_error) {
        CountError(*state, "write", write_error);
        break;
      }
      ResponseHead head;
      bool have_head = false;
      while (true) {
        if (!have_head) {
          const auto end = std::string_view(buffer.data(), filled).find("\r\n\r\n");
          if (end != std::string_view::npos) {
            if (!ParseHead(std::string_view(buffer.data(), end + 4), head)) {
              CountError(*state, "response", {});
              reconnect = true;
              break;
            }
            head.header_bytes = end + 4;
            have_head = true;
          }
        }
        if (have_head && filled >= head.header_bytes + head.body_bytes) break;
        if (filled == buffer.size()) buffer.resize(buffer.size() * 2);
        auto [read_error, read] = co_await socket.async_read_some(
            net::buffer(buffer.data() + filled, buffer.size() - filled),
            net::as_tuple(net::use_awaitable));
        if (read_error) {
          CountError(*state, "read", read_error);
          reconnect = true;
          break;
        }
        filled += read;
      }
      if (reconnect) break;
      const auto finished = Clock::now();
      const std::size_t total = head.header_bytes + head.body_bytes;
      Record(*state, head, std::string_view(buffer.data() + head.header_bytes, head.body_bytes),
             started, finished);
      std::memmove(buffer.data(), buffer.data() + total, filled - total);
      filled -= total;
      if (state->options.once) {
        state->stopping = true;
        break;
      }
      if (finished >= state->measure_end) state->stopping = true;
      reconnect = head.close;
    }
    state->sockets[index] = nullptr;
    if (state->options.once) break;
  }
  if (--state->active == 0) state->hard_stop.cancel();
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::int64_t Percentile(const std::vector<std::int64_t>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  // Nearest rank: the smallest value with at least this fraction of the samples at or below it.
  auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"HTTP/1.1 keep-alive load generator"};
  app.add_option("--host", options.host, "Server address")->capture_default_str();
  app.add_option("--port", options.port, "Server port")->required();
  app.add_option("--connections,-c", options.connections, "Concurrent connections")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();
  app.add_option("--duration,-d", options.duration, "Measured seconds")->capture_default_str();
  app.add_option("--warmup", options.warmup, "Unmeasured seconds before")->capture_default_str();
  app.add_option("--method,-m", options.method, "Request method")->capture_default_str();
  app.add_option("--path-template,--path,-p", options.path_templates,
                 "Request target; {rand:LO:HI} is a random integer. Repeat to round-robin.")
      ->required();
  app.add_option("--header,-H", options.headers, "A header line 'name: value'; repeatable");
  auto* body = app.add_option("--body", options.body, "Request body");
  app.add_option("--body-file", options.body_file, "Request body from a file")
      ->excludes(body)
      ->check(CLI::ExistingFile);
  app.add_option("--content-type", options.content_type, "Content-Type when there is a body")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Random seed")->capture_default_str();
  app.add_option("--show-non2xx", options.show_non2xx, "Print up to this many non-2xx bodies");
  app.add_flag("--once", options.once,
               "Send one request, print the body; exit 0 on a 2xx status, 1 otherwise");
  CLI11_PARSE(app, argc, argv);

  net::io_context ioc(1);
  auto state = std::make_shared<State>(ioc);
  for (const auto& text : options.path_templates) {
    PathTemplate parsed;
    if (!ParseTemplate(text, parsed) || text.empty() || text.front() != '/') {
      std::fprintf(stderr, "loadgen: bad path template '%s'\n", text.c_str());
      return 2;
    }
    state->templates.push_back(std::move(parsed));
  }
  if (!options.body_file.empty()) {
    std::ifstream file(options.body_file, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    options.body = content.str();
  }
  if (options.once) options.connections = 1;
  state->request_tail = " HTTP/1.1\r\nHost: " + options.host + ":" + std::to_string(options.port) +
                        "\r\nUser-Agent: tierdesk-loadgen\r\n";
  for (const auto& header : options.headers) state->request_tail += header + "\r\n";
  const bool has_body = !options.body.empty() || options.method == "POST" ||
                        options.method == "PUT" || options.method == "PATCH";
  if (has_body) {
    state->request_tail += "Content-Type: " + options.content_type +
                           "\r\nContent-Length: " + std::to_string(options.body.size()) + "\r\n";
  }
  state->request_tail += "\r\n" + options.body;
  state->random.seed(options.seed);

  boost::system::error_code error;
  const auto address = net::ip::make_address(options.host, error);
  if (error) {
    std::fprintf(stderr, "loadgen: '%s' is not an IP address\n", options.host.c_str());
    return 2;
  }
  state->endpoint = tcp::endpoint(address, options.port);
  state->options = options;

  const auto begin = Clock::now();
  const auto as_duration = [](double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  };
  state->measure_start = options.once ? begin : begin + as_duration(options.warmup);
  state->measure_end = options.once ? begin + std::chrono::seconds(10)
                                    : state->measure_start + as_duration(options.duration);
  // Requests still out when the window ends get two more seconds, then their sockets close.
  state->hard_stop.expires_at(state->measure_end + std::chrono::seconds(2));
  state->hard_stop.async_wait([state](const boost::system::error_code& ec) {
    if (ec) return;
    state->stopping = true;
    for (tcp::socket* socket : state->sockets) {
      if (socket != nullptr) {
        boost::system::error_code ignored;
        socket->close(ignored);
      }
    }
  });

  state->sockets.assign(static_cast<std::size_t>(options.connections), nullptr);
  state->active = options.connections;
  for (std::size_t i = 0; i < static_cast<std::size_t>(options.connections); ++i) {
    net::co_spawn(ioc, Client(state, i), LogFailure);
  }
  ioc.run();

  if (options.once) {
    std::printf("%s\n", state->once_output.c_str());
    if (state->once_status == 0) return 1;
    std::fprintf(stderr, "HTTP %d\n", state->once_status);
    return state->once_status >= 200 && state->once_status < 300 ? 0 : 1;
  }

  auto& latencies = state->stats.latencies_ns;
  std::sort(latencies.begin(), latencies.end());
  const double window =
      std::chrono::duration<double>(state->measure_end - state->measure_start).count();
  auto micros = [](std::int64_t ns) { return static_cast<double>(ns) / 1000.0; };
  std::string statuses;
  for (const auto& [status, count] : state->stats.statuses) {
    if (!statuses.empty()) statuses += ',';
    statuses += std::to_string(status) + ":" + std::to_string(count);
  }
  std::printf(
      "requests_per_s %.1f p50_us %.0f p90_us %.0f p99_us %.0f max_us %.0f requests %zu "
      "non2xx %" PRIu64 " errors %" PRIu64 " duration_s %.2f connections %d all_requests %" PRIu64
      " cpu_s %.2f statuses %s\n",
      static_cast<double>(latencies.size()) / window, micros(Percentile(latencies, 0.50)),
      micros(Percentile(latencies, 0.90)), micros(Percentile(latencies, 0.99)),
      micros(latencies.empty() ? 0 : latencies.back()), latencies.size(), state->stats.non2xx,
      state->stats.errors, window, options.connections, state->stats.all_requests, CpuSeconds(),
      statuses.empty() ? "-" : statuses.c_str());
  return 0;
}
