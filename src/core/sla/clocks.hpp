// core/sla/clocks.hpp
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/ids.hpp"
#include "core/offering/target.hpp"

namespace tierdesk::core {

// A ticket's SLA clocks (DESIGN.md §4 Ticket): first response, next response and resolution.
//
// A clock keeps the spans in which it ran, not a running total: what it consumed is always
// measured again over those spans in the current service-hours calendar. So a severity change
// (a new target) or a holiday added afterwards moves the due time without losing time already
// consumed or paused. All instants here are UTC milliseconds, as exact as the instants that move
// the clocks (a ticket created at 03:59:11.123 starts its clocks then, not a second earlier).
using UnixMillis = std::int64_t;
using UnixSeconds = std::int64_t;  // whole seconds, where only seconds are asked (routing's time checks)

enum class ClockKind { kFirstResponse, kNextResponse, kResolution };
inline constexpr std::array<ClockKind, 3> kClockKinds = {
    ClockKind::kFirstResponse, ClockKind::kNextResponse, ClockKind::kResolution};
std::string_view ToString(ClockKind kind);
std::optional<ClockKind> ParseClockKind(std::string_view text);

struct SlaClock {
  Target target;  // minutes == 0: the plan sets no target, and the clock never starts
  std::optional<UnixMillis> started_at;     // none: not started (this cycle)
  std::optional<UnixMillis> stopped_at;     // met, or answered late: counting is over
  std::optional<UnixMillis> running_since;  // counting now, since then
  std::vector<std::pair<UnixMillis, UnixMillis>> runs;  // earlier running spans [from, to)
  int cycle = 0;               // next response: one cycle per customer reply awaiting an answer
  bool warned = false;         // sla.warning was raised for this cycle
  bool breach_raised = false;  // sla.breached was raised for this cycle
  int earlier_breaches = 0;    // next response: earlier cycles whose breach was raised

  bool active() const { return started_at && !stopped_at; }
  bool operator==(const SlaClock&) const = default;
};

struct SlaClocks {
  CalendarId hours;                     // the plan's service hours; invalid: 24x7
  bool pause_in_pending_vendor = true;
  std::array<SlaClock, 3> clocks;       // by ClockKind

  SlaClock& operator[](ClockKind kind) { return clocks[static_cast<std::size_t>(kind)]; }
  const SlaClock& operator[](ClockKind kind) const { return clocks[static_cast<std::size_t>(kind)]; }
  bool empty() const;  // no clock has a target
  bool operator==(const SlaClocks&) const = default;
};

}  // namespace tierdesk::core
