// adapters/http/server.hpp
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "adapters/http/api.hpp"

namespace tierdesk::adapters::http {

// Limits that keep one client from exhausting the server (docs/security.md lists them).
struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;         // 0: any free port (tests)
  int io_threads = 1;                // network threads: they parse and write, never run a handler
  int read_threads = 4;              // reads of one thing (a ticket, its messages)
  int heavy_threads = 2;             // lists, searches, reports, billing
  int worker_threads = 64;           // writes (they wait on group commits)
  int max_connections = 2048;        // open connections, in all
  int max_connections_per_address = 256;  // open connections from one client address
  int heavy_per_address = 4;         // lists and searches one address may have queued or running
  std::chrono::seconds idle_timeout{30};   // to receive a whole request header
  std::chrono::seconds body_timeout{15};   // to receive a body, plus 1 s per 128 KiB (at most 300 s)
  std::uint32_t header_limit = 16 * 1024;
  std::int64_t spool_above = 1024 * 1024;  // bodies larger than this go to a file, not to memory
  std::string spool_dir;             // where (empty: the system's temporary directory)
  bool access_log = true;
};

// HTTP/1.1 keep-alive server over the Api. The network threads only parse and write: every
// request runs on a pool for its lane (Api::LaneFor), so a slow search never holds up a ticket
// read or /healthz. A request with a body is matched and authenticated on its headers first:
// without a valid token nothing reads, parses or stores the body.
class Server {
 public:
  Server(Api& api, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads; returns the port bound.
  Result<std::uint16_t> Start();
  // Graceful stop: no new connections, requests in flight finish (up to `grace`), idle
  // connections close. Idempotent; safe from any thread but a server thread.
  void Stop(std::chrono::seconds grace = std::chrono::seconds(10));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tierdesk::adapters::http
