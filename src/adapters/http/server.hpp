// adapters/http/server.hpp
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "adapters/http/api.hpp"

namespace tierdesk::adapters::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;         // 0: any free port (tests)
  int io_threads = 1;                // network threads
  int worker_threads = 64;           // threads that run writes (they wait on group commits)
  std::chrono::seconds idle_timeout{30};
  std::uint32_t header_limit = 16 * 1024;
  bool access_log = true;
};

// HTTP/1.1 keep-alive server over the Api. GET requests run on the network threads; everything
// else runs on the worker pool, so requests waiting for a group commit never block the network.
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
