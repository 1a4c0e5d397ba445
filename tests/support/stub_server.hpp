// tests/support/stub_server.hpp
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace tierdesk::testing {

struct StubRequest {
  std::string method;
  std::string target;  // path and query
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string Header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct StubResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds delay{0};  // waited before answering
};

// A certificate and its private key, PEM files, for a server that speaks TLS.
struct TlsFiles {
  std::string certificate;
  std::string private_key;
};

// An HTTP/1.1 server on 127.0.0.1 and a free port (over TLS when given the files), answering each
// request with the handler's response on its own thread. Stops (and joins) when destroyed.
class StubServer {
 public:
  using Handler = std::function<StubResponse(const StubRequest&)>;
  explicit StubServer(Handler handler, std::optional<TlsFiles> tls = std::nullopt);
  ~StubServer();
  StubServer(const StubServer&) = delete;
  StubServer& operator=(const StubServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string BaseUrl() const { return (tls_ ? "https" : "http") + std::string("://127.0.0.1:") + std::to_string(port_); }

 private:
  struct State;
  void Accept();

  Handler handler_;
  bool tls_ = false;
  std::unique_ptr<State> state_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<std::jthread> connections_;
  std::jthread acceptor_;
};

}  // namespace tierdesk::testing
