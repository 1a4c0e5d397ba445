// adapters/http/metrics.hpp
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "core/ports/store.hpp"

namespace tierdesk::adapters::http {

// Request counters and latency histogram, rendered in the Prometheus text format. Thread-safe.
class Metrics {
 public:
  // route must outlive the Metrics (the router's patterns do).
  void RecordRequest(std::string_view route, std::string_view method, int status,
                     std::chrono::microseconds duration);
  void ConnectionOpened() { open_connections_.fetch_add(1); }
  void ConnectionClosed() { open_connections_.fetch_sub(1); }
  void ConnectionRefused() { refused_connections_.fetch_add(1); }
  std::string Render(const core::StoreStats& store) const;

 private:
  static constexpr std::array<double, 12> kBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  mutable std::mutex mutex_;
  // (route, method, status) -> count. Views into the router's patterns and kMethods.
  std::map<std::tuple<std::string_view, std::string_view, int>, std::uint64_t> requests_;
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> latency_buckets_{};
  std::atomic<std::uint64_t> latency_count_{0};
  std::atomic<std::uint64_t> latency_sum_us_{0};
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::int64_t> refused_connections_{0};
};

}  // namespace tierdesk::adapters::http
