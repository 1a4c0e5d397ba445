// tests/support/http_client.hpp
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tierdesk::testing {

struct HttpResult {
  int status = 0;                              // 0: no response (connection failed or closed)
  std::map<std::string, std::string> headers;  // lower-case names; a repeated header: its last value
  std::vector<std::string> set_cookies;        // every Set-Cookie value, in order
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

// One Server-Sent Events block as the stream sent it: its `id:`, `event:` and `data:` fields (each
// empty when the block had none; a block of only `id:` moves the client's Last-Event-ID).
struct SseEvent {
  std::string id;
  std::string event;
  std::string data;
};

// A GET of an event stream over its own connection, read as it arrives (text/event-stream).
// Comments (`: ...`) and `retry:` lines are counted, not returned.
class SseStream {
 public:
  SseStream(std::uint16_t port, const std::string& target, const std::map<std::string, std::string>& headers);
  ~SseStream();
  SseStream(const SseStream&) = delete;
  SseStream& operator=(const SseStream&) = delete;

  // The answer's status and headers (status 0: none within 5 s). Not a stream (not 200): the whole
  // answer, body included.
  const HttpResult& head() const { return head_; }
  // Reads until `done` holds for the events read by this call, the server ends the stream, or the
  // timeout passes; returns the events this call read.
  std::vector<SseEvent> Read(std::chrono::milliseconds timeout,
                             const std::function<bool(const std::vector<SseEvent>&)>& done = {});
  // Whether the server closed the connection.
  bool ended() const { return ended_; }
  int comments() const { return comments_; }
  // Closes the connection (the client goes away).
  void Close();

 private:
  bool Fill(std::chrono::steady_clock::time_point deadline);
  void Parse(std::vector<SseEvent>& out);

  int fd_ = -1;
  HttpResult head_;
  std::string buffer_;
  SseEvent pending_;
  bool pending_has_field_ = false;
  bool ended_ = false;
  int comments_ = 0;
};

}  // namespace tierdesk::testing
