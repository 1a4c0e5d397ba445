#include "support/stub_server.hpp"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace tierdesk::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct StubServer::State {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::ssl::context tls{asio::ssl::context::tls_server};
};

namespace {

template <class Stream>
void Serve(Stream& socket, const StubServer::Handler& handler) {
  boost::beast::flat_buffer buffer;
  boost::system::error_code error;
  for (;;) {
    http::request<http::string_body> in;
    http::read(socket, buffer, in, error);
    if (error) return;
    StubRequest request;
    request.method = std::string(in.method_string());
    request.target = std::string(in.target());
    for (const auto& field : in) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      request.headers[name] = std::string(field.value());
    }
    request.body = in.body();
    const StubResponse answer = handler(request);
    if (answer.delay.count() > 0) std::this_thread::sleep_for(answer.delay);
    http::response<http::string_body> out;
    out.version(11);
    out.result(static_cast<unsigned>(answer.status));
    for (const auto& [name, value] : answer.headers) out.set(name, value);
    if (!answer.body.empty()) out.set(http::field::content_type, "application/json");
    out.body() = answer.body;
    out.keep_alive(in.keep_alive());
    out.prepare_payload();
    http::write(socket, out, error);
    if (error || !in.keep_alive()) return;
  }
}

}  // namespace

StubServer::StubServer(Handler handler, std::optional<TlsFiles> tls)
    : handler_(std::move(handler)), tls_(tls.has_value()), state_(std::make_unique<State>()) {
  if (tls) {
    state_->tls.use_certificate_chain_file(tls->certificate);
    state_->tls.use_private_key_file(tls->private_key, asio::ssl::context::pem);
  }
  const tcp::endpoint loopback(asio::ip::make_address("127.0.0.1"), 0);
  state_->acceptor.open(loopback.protocol());
  state_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  state_->acceptor.bind(loopback);
  state_->acceptor.listen();
  port_ = state_->acceptor.local_endpoint().port();
  acceptor_ = std::jthread([this] { Accept(); });
}

StubServer::~StubServer() {
  stopping_ = true;
  {  // wake the blocking accept
    boost::system::error_code ignored;
    tcp::socket poke(state_->io);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
  }
  acceptor_.join();
  std::lock_guard lock(mutex_);
  connections_.clear();  // joins each
}

void StubServer::Accept() {
  while (!stopping_) {
    boost::system::error_code error;
    tcp::socket socket(state_->io);
    state_->acceptor.accept(socket, error);
    if (error || stopping_) continue;
    std::lock_guard lock(mutex_);
    connections_.emplace_back([this, s = std::move(socket)]() mutable {
      if (!tls_) return Serve(s, handler_);
      asio::ssl::stream<tcp::socket> stream(std::move(s), state_->tls);
      boost::system::error_code handshake;
      stream.handshake(asio::ssl::stream_base::server, handshake);
      if (!handshake) Serve(stream, handler_);
    });
  }
}

}  // namespace tierdesk::testing
