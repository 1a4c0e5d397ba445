// The live stream of ticket events: GET /api/v1/stream (Server-Sent Events).
#include <boost/json.hpp>

#include "adapters/http/handlers/common.hpp"
#include "adapters/log/log.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

// How many events one poll reads, how far behind a reconnecting client may be before it is told
// to reload instead of being sent every event it missed, and how often the credential is checked
// again (a revoked session, a deactivated user or organisation ends the stream within this time).
constexpr int kEventsPerPoll = 200;
constexpr std::int64_t kLongestReplay = 1000;
constexpr auto kReauthenticateEvery = std::chrono::seconds(15);

// One viewer's stream. What it sends is what GET /tickets/{id}/events shows the viewer
// (app::ticket::ListEventsSince asks the same scope and visibility), one SSE event per ticket
// event: `id: <event id>`, `event: ticket`, `data: <the event as the API shows it>`.
class TicketEventStream final : public ResponseStream {
 public:
  TicketEventStream(ApiServices& services, core::Actor actor, std::string token, std::int64_t cursor)
      : services_(services), actor_(actor), token_(std::move(token)), cursor_(cursor),
        checked_at_(std::chrono::steady_clock::now()) {}

  std::optional<std::string> Poll() override {
    const auto now = std::chrono::steady_clock::now();
    if (now - checked_at_ >= kReauthenticateEvery) {
      auto actor = services_.authenticator.Authenticate(services_.app, token_);
      if (!actor || actor->user_id != actor_.user_id) return std::nullopt;
      actor_ = *actor;  // a changed role or organisation scopes what follows
      checked_at_ = now;
    }
    auto since = app::ticket::ListEventsSince(services_.app, actor_, cursor_, kEventsPerPoll);
    if (!since) {
      log::Warn("stream", {{"error", since.error().message}});
      return std::string();  // try again on the next poll
    }
    std::string out;
    for (const auto& event : since->events) {
      out += "id: " + std::to_string(event.id) + "\nevent: ticket\ndata: " + json::serialize(ToJson(event)) + "\n\n";
    }
    if (since->cursor != cursor_ && (since->events.empty() || since->events.back().id != since->cursor)) {
      out += "id: " + std::to_string(since->cursor) + "\n\n";  // moves Last-Event-ID past unseen events
    }
    cursor_ = since->cursor;
    return out;
  }

 private:
  ApiServices& services_;
  core::Actor actor_;
  std::string token_;
  std::int64_t cursor_;
  std::chrono::steady_clock::time_point checked_at_;
};

}  // namespace

void RegisterStreamRoutes(Router& router, ApiServices& services) {
  router.Add("GET", "/api/v1/stream", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const std::int64_t latest = TD_TRY(app::ticket::LatestEventId(services.app));
      std::int64_t cursor = latest;
      bool reset = false;
      // Last-Event-ID: where a reconnecting EventSource left off (?after= for clients that
      // cannot set headers). Too far behind, or ahead of the log: start now and say "reset".
      std::optional<std::string_view> last = call.request.Header("last-event-id");
      if (!last) last = call.request.Query("after");
      if (last && !last->empty()) {
        const auto value = ParsePositive(*last);
        if (!value && *last != "0") return Fail(BadParameter("Last-Event-ID", "must be an event id"));
        const std::int64_t after = value.value_or(0);
        if (after > latest || latest - after > kLongestReplay) {
          reset = true;
        } else {
          cursor = after;
        }
      }
      Response response;
      response.status = 200;
      response.content_type = "text/event-stream; charset=utf-8";
      response.SetHeader("X-Accel-Buffering", "no");  // proxies must pass events on at once
      // retry: how long an EventSource waits before it reconnects after the stream ends.
      response.body = "retry: 1000\n";
      if (reset) response.body += "id: " + std::to_string(cursor) + "\nevent: reset\ndata: {}\n\n";
      response.body += ": connected\n\n";
      response.stream = std::make_shared<TicketEventStream>(services, call.actor,
                                                            std::string(CredentialOf(call.request).token), cursor);
      return response;
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
