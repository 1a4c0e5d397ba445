#include "adapters/http/metrics.hpp"

#include <fmt/format.h>

namespace tierdesk::adapters::http {

namespace {
// Methods get a static name, so the counters' keys never point into a request.
std::string_view InternMethod(std::string_view method) {
  static constexpr std::string_view kMethods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  for (const auto known : kMethods) {
    if (known == method) return known;
  }
  return "OTHER";
}
}  // namespace

void Metrics::RecordRequest(std::string_view route, std::string_view method, int status,
                            std::chrono::microseconds duration) {
  {
    std::lock_guard lock(mutex_);
    ++requests_[{route, InternMethod(method), status}];
  }
  const double seconds = static_cast<double>(duration.count()) / 1e6;
  std::size_t bucket = 0;
  while (bucket < kBounds.size() && seconds > kBounds[bucket]) ++bucket;
  latency_buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  latency_count_.fetch_add(1, std::memory_order_relaxed);
  latency_sum_us_.fetch_add(static_cast<std::uint64_t>(duration.count()), std::memory_order_relaxed);
}

std::string Metrics::Render(const core::StoreStats& store) const {
  std::string out;
  out += "# HELP tierdesk_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE tierdesk_http_requests_total counter\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out += fmt::format("tierdesk_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                         route, method, status, count);
    }
  }
  out += "# HELP tierdesk_http_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE tierdesk_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    cumulative += latency_buckets_[i].load();
    out += fmt::format("tierdesk_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBounds[i], cumulative);
  }
  cumulative += latency_buckets_[kBounds.size()].load();
  out += fmt::format("tierdesk_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("tierdesk_http_request_duration_seconds_sum {}\n",
                     static_cast<double>(latency_sum_us_.load()) / 1e6);
  out += fmt::format("tierdesk_http_request_duration_seconds_count {}\n", latency_count_.load());
  out += "# HELP tierdesk_http_open_connections Open client connections.\n";
  out += "# TYPE tierdesk_http_open_connections gauge\n";
  out += fmt::format("tierdesk_http_open_connections {}\n", open_connections_.load());
  out += "# HELP tierdesk_http_refused_connections_total Connections closed at once for being over a limit.\n";
  out += "# TYPE tierdesk_http_refused_connections_total counter\n";
  out += fmt::format("tierdesk_http_refused_connections_total {}\n", refused_connections_.load());
  out += "# HELP tierdesk_db_commit_batch_size Writes committed together by the group commit.\n";
  out += "# TYPE tierdesk_db_commit_batch_size histogram\n";
  cumulative = 0;
  for (std::size_t i = 0; i < store.batch_bucket_bounds.size(); ++i) {
    cumulative += store.batch_buckets[i];
    out += fmt::format("tierdesk_db_commit_batch_size_bucket{{le=\"{}\"}} {}\n",
                       store.batch_bucket_bounds[i], cumulative);
  }
  if (!store.batch_buckets.empty()) cumulative += store.batch_buckets.back();
  out += fmt::format("tierdesk_db_commit_batch_size_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("tierdesk_db_commit_batch_size_sum {}\n", store.jobs);
  out += fmt::format("tierdesk_db_commit_batch_size_count {}\n", store.commits);
  return out;
}

}  // namespace tierdesk::adapters::http
