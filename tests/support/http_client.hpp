// tests/support/http_client.hpp
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace tierdesk::testing {

struct HttpResult {
  int status = 0;                              // 0: no response (connection failed or closed)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A blocking TCP connection with 30 s (or the given) send and receive timeouts; -1 on failure.
int OpenSocket(std::uint16_t port, const std::string& host = "127.0.0.1", int timeout_seconds = 30);
// Sends a request head, then up to body_bytes of filler as fast as the server takes it, without
// reading; returns the status of what the server answered (0: nothing).
int SendHeadAndFloodBody(std::uint16_t port, const std::string& head, std::size_t body_bytes);

// A small blocking HTTP/1.1 client over POSIX sockets, independent of the server's transport
// library. Keeps one connection alive and reconnects when the server closes it.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port, std::string host = "127.0.0.1");
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult Send(const std::string& method, const std::string& target, const std::string& body = {},
                  const std::map<std::string, std::string>& headers = {});
  HttpResult Get(const std::string& target, const std::string& token = {});
  HttpResult PostJson(const std::string& target, const std::string& json, const std::string& token = {},
                      std::map<std::string, std::string> headers = {});
  HttpResult PatchJson(const std::string& target, const std::string& json, const std::string& token = {},
                       std::map<std::string, std::string> headers = {});
  // Writes the bytes as they are and reads one response (for malformed requests).
  HttpResult SendRaw(const std::string& bytes);

 private:
  bool Connect();
  void Close();
  HttpResult ReadResponse(bool head);

  std::uint16_t port_;
  std::string host_;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace tierdesk::testing
