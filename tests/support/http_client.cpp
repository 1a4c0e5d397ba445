#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace tierdesk::testing {

namespace {

// The status line and header fields of a response head (without the blank line after it).
void ParseHead(const std::string& head_text, HttpResult& result) {
  result.headers.clear();
  result.set_cookies.clear();
  const auto first_line_end = head_text.find("\r\n");
  const std::string status_line = head_text.substr(0, first_line_end);
  const auto space = status_line.find(' ');
  result.status = space == std::string::npos ? 0 : std::atoi(status_line.c_str() + space + 1);
  std::size_t position = first_line_end == std::string::npos ? head_text.size() : first_line_end + 2;
  while (position < head_text.size()) {
    auto end = head_text.find("\r\n", position);
    if (end == std::string::npos) end = head_text.size();
    const std::string line = head_text.substr(position, end - position);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::size_t value_start = colon + 1;
      while (value_start < line.size() && line[value_start] == ' ') ++value_start;
      result.headers[name] = line.substr(value_start);
      if (name == "set-cookie") result.set_cookies.push_back(line.substr(value_start));
    }
    position = end + 2;
  }
}

}  // namespace

HttpClient::HttpClient(std::uint16_t port, std::string host) : port_(port), host_(std::move(host)) {}
HttpClient::~HttpClient() { Close(); }

int OpenSocket(std::uint16_t port, const std::string& host, int timeout_seconds) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  ::inet_pton(AF_INET, host.c_str(), &address.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval timeout{timeout_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  return fd;
}

int SendHeadAndFloodBody(std::uint16_t port, const std::string& head, std::size_t body_bytes) {
  const int fd = OpenSocket(port, "127.0.0.1", 5);
  if (fd < 0) return 0;
  (void)::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  const std::string chunk(256 * 1024, 'x');
  for (std::size_t sent = 0; sent < body_bytes;) {
    const auto n = ::send(fd, chunk.data(), std::min(chunk.size(), body_bytes - sent), MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string response(1024, '\0');
  const auto n = ::recv(fd, response.data(), response.size(), 0);
  ::close(fd);
  if (n > 12 && response.rfind("HTTP/1.1 ", 0) == 0) return std::stoi(response.substr(9, 3));
  return 0;
}

bool HttpClient::Connect() {
  if (fd_ >= 0) return true;
  fd_ = OpenSocket(port_, host_, 30);
  if (fd_ < 0) return false;
  buffer_.clear();
  return true;
}

void HttpClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

HttpResult HttpClient::ReadResponse(bool head) {
  HttpResult result;
  auto fill = [this]() -> bool {
    char chunk[65536];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  };
  while (true) {
    std::size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) {
        Close();
        return result;
      }
    }
    const std::string head_text = buffer_.substr(0, header_end);
    buffer_.erase(0, header_end + 4);
    ParseHead(head_text, result);
    if (result.status >= 100 && result.status < 200) continue;  // interim responses
    break;
  }
  std::size_t length = 0;
  if (!head) length = static_cast<std::size_t>(std::atoll(result.Header("content-length").c_str()));
  while (buffer_.size() < length) {
    if (!fill()) {
      Close();
      result.status = 0;
      return result;
    }
  }
  result.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  if (result.Header("connection") == "close") Close();
  return result;
}

HttpResult HttpClient::SendRaw(const std::string& bytes) {
  Close();
  if (!Connect()) return {};
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading everything
    sent += static_cast<std::size_t>(n);
  }
  HttpResult result = ReadResponse(false);
  Close();
  return result;
}

HttpResult HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                            const std::map<std::string, std::string>& headers) {
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + "\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += "\r\n";
  request += body;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!Connect()) return {};
    std::size_t sent = 0;
    bool failed = false;
    while (sent < request.size()) {
      const auto n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        failed = true;
        break;
      }
      sent += static_cast<std::size_t>(n);
    }
    // Even when sending failed, the server may have answered early (413, 431): read it.
    HttpResult result = ReadResponse(method == "HEAD");
    if (result.status != 0 || !failed) {
      if (result.status != 0) return result;
    }
    Close();  // a kept-alive connection the server closed meanwhile: try once more, fresh
  }
  return {};
}

HttpResult HttpClient::Get(const std::string& target, const std::string& token) {
  std::map<std::string, std::string> headers;
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  return Send("GET", target, {}, headers);
}

HttpResult HttpClient::PostJson(const std::string& target, const std::string& json, const std::string& token,
                                std::map<std::string, std::string> headers) {
  headers["Content-Type"] = "application/json";
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  return Send("POST", target, json, headers);
}

HttpResult HttpClient::PatchJson(const std::string& target, const std::string& json, const std::string& token,
                                 std::map<std::string, std::string> headers) {
  headers["Content-Type"] = "application/json";
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  return Send("PATCH", target, json, headers);
}

SseStream::SseStream(std::uint16_t port, const std::string& target,
                     const std::map<std::string, std::string>& headers) {
  fd_ = OpenSocket(port, "127.0.0.1", 5);
  if (fd_ < 0) {
    ended_ = true;
    return;
  }
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    Close();
    return;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill(deadline)) return;
  }
  ParseHead(buffer_.substr(0, header_end), head_);
  buffer_.erase(0, header_end + 4);
  if (head_.status != 200) {
    const auto length = static_cast<std::size_t>(std::atoll(head_.Header("content-length").c_str()));
    while (buffer_.size() < length && Fill(deadline)) {
    }
    head_.body = buffer_.substr(0, std::min(length, buffer_.size()));
    Close();
  }
}

SseStream::~SseStream() { Close(); }

void SseStream::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ended_ = true;
}

bool SseStream::Fill(std::chrono::steady_clock::time_point deadline) {
  if (fd_ < 0) return false;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd waiting{fd_, POLLIN, 0};
  if (::poll(&waiting, 1, static_cast<int>(left.count())) <= 0) return false;
  char chunk[16384];
  const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n <= 0) {
    Close();
    return false;
  }
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

void SseStream::Parse(std::vector<SseEvent>& out) {
  std::size_t end;
  while ((end = buffer_.find('\n')) != std::string::npos) {
    std::string line = buffer_.substr(0, end);
    buffer_.erase(0, end + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (pending_has_field_) out.push_back(std::move(pending_));
      pending_ = {};
      pending_has_field_ = false;
      continue;
    }
    if (line.front() == ':') {
      ++comments_;
      continue;
    }
    const auto colon = line.find(':');
    const std::string field = line.substr(0, colon);
    std::string value = colon == std::string::npos ? std::string() : line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (field == "id") {
      pending_.id = value;
    } else if (field == "event") {
      pending_.event = value;
    } else if (field == "data") {
      pending_.data += pending_.data.empty() ? value : "\n" + value;
    } else {
      continue;  // retry:, or a field nobody knows
    }
    pending_has_field_ = true;
  }
}

std::vector<SseEvent> SseStream::Read(std::chrono::milliseconds timeout,
                                      const std::function<bool(const std::vector<SseEvent>&)>& done) {
  std::vector<SseEvent> out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    Parse(out);
    if (done && done(out)) break;
    if (!Fill(deadline)) {
      Parse(out);
      break;
    }
  }
  return out;
}

}  // namespace tierdesk::testing
