#include "core/sla/sla.hpp"

#include <algorithm>
#include <charconv>

#include "core/common/enum_names.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<ClockKind, 3> kKindNames{{{
    {ClockKind::kFirstResponse, "first_response"},
    {ClockKind::kNextResponse, "next_response"},
    {ClockKind::kResolution, "resolution"},
}}};

constexpr EnumNames<ClockState, 4> kStateNames{{{
    {ClockState::kRunning, "running"},
    {ClockState::kPaused, "paused"},
    {ClockState::kMet, "met"},
    {ClockState::kBreached, "breached"},
}}};

bool Ends(TicketStatus status) {
  return status == TicketStatus::kResolved || status == TicketStatus::kClosed;
}

void Pause(SlaClock& clock, UnixMillis at) {
  if (!clock.running_since) return;
  if (at > *clock.running_since) clock.runs.emplace_back(*clock.running_since, at);
  clock.running_since.reset();
}

void SetRunning(SlaClock& clock, bool running, UnixMillis at) {
  if (!clock.active()) return;
  if (running && !clock.running_since) clock.running_since = at;
  if (!running) Pause(clock, at);
}

void Stop(SlaClock& clock, UnixMillis at) {
  if (!clock.active()) return;
  Pause(clock, at);
  clock.stopped_at = at;
}

void Begin(SlaClock& clock, bool running, UnixMillis at) {
  clock.started_at = at;
  clock.stopped_at.reset();
  clock.runs.clear();
  clock.running_since.reset();
  clock.warned = false;
  clock.breach_raised = false;
  if (running) clock.running_since = at;
}

constexpr std::int64_t kMillisPerMinute = 60'000;

// Counts a clock's time in milliseconds: open time of the service hours, or wall-clock time. The
// calendar's instant arithmetic is the one the API's next-open and add use, so a due time equals
// what `add` answers for the same start and target.
class Meter {
 public:
  Meter(const Target& target, const BusinessCalendar* hours)
      : hours_(target.basis == Target::Basis::kBusiness ? hours : nullptr) {}

  Result<std::int64_t> Between(UnixMillis a, UnixMillis b) const {
    if (!hours_) return b - a;
    return TD_TRY(hours_->BusinessTimeBetween(FromUnixMillis(a), FromUnixMillis(b))).count();
  }
  Result<UnixMillis> Add(UnixMillis start, std::int64_t millis) const {
    if (!hours_) return start + millis;
    return ToUnixMillis(TD_TRY(hours_->AddBusinessTime(FromUnixMillis(start), std::chrono::milliseconds(millis))));
  }
  // Whether the millisecond at `at` counts (always, for calendar time).
  Result<bool> Counts(UnixMillis at) const {
    if (!hours_) return true;
    return TD_TRY(Between(at, at + 1)) > 0;
  }

 private:
  const BusinessCalendar* hours_;
};

// The instant at which the clock had consumed `amount`, if it has or (running) will.
Result<std::optional<UnixMillis>> InstantAt(const SlaClock& clock, const Meter& meter,
                                             std::int64_t amount) {
  std::int64_t counted = 0;
  for (const auto& [from, to] : clock.runs) {
    const auto span = TD_TRY(meter.Between(from, to));
    if (counted + span >= amount) return std::optional(TD_TRY(meter.Add(from, amount - counted)));
    counted += span;
  }
  if (clock.running_since) return std::optional(TD_TRY(meter.Add(*clock.running_since, amount - counted)));
  return std::optional<UnixMillis>();
}

Result<ClockReport> EvaluateClock(const SlaClock& clock, ClockKind kind, const BusinessCalendar* hours,
                                  UnixMillis now, int warn_percent) {
  const Meter meter(clock.target, hours);
  ClockReport report;
  report.kind = kind;
  report.target = clock.target;
  report.cycle = clock.cycle;
  report.stopped_at = clock.stopped_at;
  const std::int64_t target = clock.target.minutes * kMillisPerMinute;
  std::int64_t wall = 0;
  for (const auto& [from, to] : clock.runs) {
    report.consumed += TD_TRY(meter.Between(from, to));
    wall += to - from;
  }
  if (clock.running_since) {
    const UnixMillis from = std::min(*clock.running_since, now);
    report.consumed += TD_TRY(meter.Between(from, now));
    wall += now - from;
  }
  report.paused = std::max<std::int64_t>(0, clock.stopped_at.value_or(now) - *clock.started_at - wall);
  report.remaining = target - report.consumed;
  report.due_at = TD_TRY(InstantAt(clock, meter, target));
  report.warn_at = TD_TRY(InstantAt(clock, meter, std::max<std::int64_t>(1, target * warn_percent / 100)));

  // Until when the clock ran: now, or the end of its last span.
  const UnixMillis ran_until = clock.running_since ? now
                                : clock.runs.empty() ? *clock.started_at
                                                     : clock.runs.back().second;
  report.warning_reached = report.warn_at && *report.warn_at <= ran_until;
  if (report.due_at && *report.due_at < ran_until) report.state = ClockState::kBreached;
  else if (clock.stopped_at) report.state = ClockState::kMet;
  else if (clock.running_since) report.state = ClockState::kRunning;
  else report.state = ClockState::kPaused;
  report.counting = clock.running_since && !clock.stopped_at && *clock.running_since <= now && TD_TRY(meter.Counts(now));
  return report;
}

void Earliest(std::optional<UnixMillis>& slot, UnixMillis candidate) {
  if (!slot || candidate < *slot) slot = candidate;
}

// Storage form -------------------------------------------------------------------------------

std::string_view NextWord(std::string_view& rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const auto end = rest.find(' ');
  const auto word = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  return word;
}

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string Optional(const std::optional<UnixMillis>& value) {
  return value ? std::to_string(*value) : "-";
}

bool ParseOptional(std::string_view word, std::optional<UnixMillis>& out) {
  if (word == "-") {
    out.reset();
    return true;
  }
  out = ParseInt(word);
  return out.has_value();
}

bool ParseRuns(std::string_view word, std::vector<std::pair<UnixMillis, UnixMillis>>& runs) {
  if (word == "-") return true;
  while (!word.empty()) {
    const auto comma = word.find(',');
    const auto run = word.substr(0, comma);
    word.remove_prefix(comma == std::string_view::npos ? word.size() : comma + 1);
    const auto colon = run.find(':');
    if (colon == std::string_view::npos) return false;
    const auto from = ParseInt(run.substr(0, colon));
    const auto to = ParseInt(run.substr(colon + 1));
    if (!from || !to || *to < *from) return false;
    runs.emplace_back(*from, *to);
  }
  return true;
}

}  // namespace

std::string_view ToString(ClockKind kind) { return kKindNames.Name(kind); }
std::optional<ClockKind> ParseClockKind(std::string_view text) { return kKindNames.Parse(text); }
std::string_view ToString(ClockState state) { return kStateNames.Name(state); }

bool SlaClocks::empty() const {
  return std::all_of(clocks.begin(), clocks.end(), [](const SlaClock& c) { return c.target.minutes == 0; });
}

SlaTerms SlaTermsFor(const Plan* plan, Severity severity) {
  if (!plan) return {};
  return {plan->TargetsFor(severity), plan->service_hours, plan->pause_in_pending_vendor};
}

bool ClocksCount(TicketStatus status, bool pause_in_pending_vendor) {
  switch (status) {
    case TicketStatus::kNew:
    case TicketStatus::kOpen: return true;
    case TicketStatus::kPendingVendor: return !pause_in_pending_vendor;
    case TicketStatus::kPendingCustomer:
    case TicketStatus::kResolved:
    case TicketStatus::kClosed: return false;
  }
  return false;
}

SlaClocks StartClocks(const SlaTerms& terms, TicketStatus status, UnixMillis at) {
  SlaClocks sla;
  Retarget(sla, terms, status, at);
  const bool running = ClocksCount(status, sla.pause_in_pending_vendor);
  for (const auto kind : {ClockKind::kFirstResponse, ClockKind::kResolution}) {
    if (sla[kind].target.minutes > 0) Begin(sla[kind], running, at);
  }
  return sla;
}

void OnStatusChange(SlaClocks& sla, TicketStatus from, TicketStatus to, UnixMillis at) {
  if (Ends(to)) {
    for (auto& clock : sla.clocks) Stop(clock, at);
    return;
  }
  SlaClock& resolution = sla[ClockKind::kResolution];
  if (Ends(from) && resolution.started_at && resolution.stopped_at) resolution.stopped_at.reset();
  const bool running = ClocksCount(to, sla.pause_in_pending_vendor);
  for (auto& clock : sla.clocks) SetRunning(clock, running, at);
}

void OnAgentReply(SlaClocks& sla, UnixMillis at) {
  Stop(sla[ClockKind::kFirstResponse], at);
  Stop(sla[ClockKind::kNextResponse], at);
}

void OnCustomerReply(SlaClocks& sla, TicketStatus status, UnixMillis at) {
  if (sla[ClockKind::kFirstResponse].active()) return;
  SlaClock& next = sla[ClockKind::kNextResponse];
  if (next.target.minutes == 0 || next.active()) return;
  next.cycle += 1;
  if (next.breach_raised) next.earlier_breaches += 1;
  Begin(next, ClocksCount(status, sla.pause_in_pending_vendor), at);
}

void Retarget(SlaClocks& sla, const SlaTerms& terms, TicketStatus status, UnixMillis at) {
  sla.hours = terms.hours;
  sla.pause_in_pending_vendor = terms.pause_in_pending_vendor;
  sla[ClockKind::kFirstResponse].target = terms.targets.first_response;
  sla[ClockKind::kNextResponse].target = terms.targets.next_response;
  sla[ClockKind::kResolution].target = terms.targets.resolution;
  if (Ends(status)) return;
  const bool running = ClocksCount(status, sla.pause_in_pending_vendor);
  for (auto& clock : sla.clocks) SetRunning(clock, running, at);
}

Result<SlaReport> EvaluateSla(const SlaClocks& sla, const BusinessCalendar* hours, UnixMillis now,
                              int warn_percent) {
  SlaReport report;
  for (const auto kind : kClockKinds) {
    const SlaClock& clock = sla[kind];
    if (clock.target.minutes <= 0 || !clock.started_at) continue;
    const auto r = TD_TRY(EvaluateClock(clock, kind, hours, now, warn_percent));
    if (r.state == ClockState::kBreached || clock.earlier_breaches > 0) report.breached = true;
    if (clock.running_since && r.due_at) Earliest(report.next_due, *r.due_at);
    if (!clock.breach_raised && r.due_at && (clock.running_since || r.state == ClockState::kBreached)) {
      Earliest(report.watch_at, *r.due_at + 1);
    }
    if (!clock.warned && !clock.stopped_at && r.warn_at && (clock.running_since || r.warning_reached)) {
      Earliest(report.watch_at, *r.warn_at);
    }
    report.clocks[static_cast<std::size_t>(kind)] = r;
  }
  return report;
}

void StoreSummary(Ticket& ticket, const SlaReport& report) {
  const auto instant = [](const std::optional<UnixMillis>& s) -> std::optional<Timestamp> {
    if (!s) return std::nullopt;
    return FromUnixMillis(*s);
  };
  ticket.sla_due_at = instant(report.next_due);
  ticket.sla_watch_at = instant(report.watch_at);
  ticket.sla_breached = false;
  for (const auto kind : kClockKinds) {
    const auto& clock = report.clocks[static_cast<std::size_t>(kind)];
    const SlaClock& c = ticket.sla[kind];
    if ((clock && clock->state == ClockState::kBreached && !c.running_since) || c.earlier_breaches > 0) {
      ticket.sla_breached = true;
    }
  }
}

std::vector<SlaAlert> TakeAlerts(SlaClocks& sla, const SlaReport& report) {
  std::vector<SlaAlert> alerts;
  for (const auto kind : kClockKinds) {
    const auto& r = report.clocks[static_cast<std::size_t>(kind)];
    if (!r) continue;
    SlaClock& clock = sla[kind];
    if (r->state == ClockState::kBreached && !clock.breach_raised) {
      alerts.push_back({kind, true, clock.cycle, *r->due_at});
      clock.breach_raised = true;
      clock.warned = true;
    } else if (r->warning_reached && !clock.warned && !clock.stopped_at) {
      alerts.push_back({kind, false, clock.cycle, *r->warn_at});
      clock.warned = true;
    }
  }
  return alerts;
}

std::string EncodeSla(const SlaClocks& sla) {
  if (sla.empty()) return {};
  // "millis": instants are milliseconds; text written before this line existed has seconds.
  std::string out = "millis\nhours " + std::to_string(sla.hours.value) + "\npause_vendor " +
                    (sla.pause_in_pending_vendor ? "1" : "0") + "\n";
  for (const auto kind : kClockKinds) {
    const SlaClock& c = sla[kind];
    out += std::string(ToString(kind)) + " " + std::to_string(c.target.minutes) + " " +
           (c.target.basis == Target::Basis::kBusiness ? "b" : "c") + " " + Optional(c.started_at) + " " +
           Optional(c.stopped_at) + " " + Optional(c.running_since) + " " + std::to_string(c.cycle) + " " +
           (c.warned ? "1" : "0") + " " + (c.breach_raised ? "1" : "0") + " " +
           std::to_string(c.earlier_breaches) + " ";
    if (c.runs.empty()) out += "-";
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
      if (i > 0) out += ",";
      out += std::to_string(c.runs[i].first) + ":" + std::to_string(c.runs[i].second);
    }
    out += "\n";
  }
  return out;
}

Result<SlaClocks> DecodeSla(std::string_view text) {
  SlaClocks sla;
  bool millis = false;
  const auto bad = [](std::string_view line) {
    return Fail(Error::Internal("stored SLA clocks are not readable", std::string(line)));
  };
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (line.empty()) continue;
    std::string_view rest = line;
    const auto head = NextWord(rest);
    if (head == "millis") {
      millis = true;
    } else if (head == "hours") {
      const auto id = ParseInt(NextWord(rest));
      if (!id) return bad(line);
      sla.hours = CalendarId{*id};
    } else if (head == "pause_vendor") {
      sla.pause_in_pending_vendor = NextWord(rest) == "1";
    } else if (const auto kind = ParseClockKind(head)) {
      SlaClock& c = sla[*kind];
      const auto minutes = ParseInt(NextWord(rest));
      const auto basis = NextWord(rest);
      if (!minutes || (basis != "b" && basis != "c")) return bad(line);
      c.target = {*minutes, basis == "b" ? Target::Basis::kBusiness : Target::Basis::kCalendar};
      if (!ParseOptional(NextWord(rest), c.started_at) || !ParseOptional(NextWord(rest), c.stopped_at) ||
          !ParseOptional(NextWord(rest), c.running_since)) {
        return bad(line);
      }
      const auto cycle = ParseInt(NextWord(rest));
      const auto warned = NextWord(rest);
      const auto breached = NextWord(rest);
      const auto earlier = ParseInt(NextWord(rest));
      if (!cycle || !earlier || !ParseRuns(NextWord(rest), c.runs)) return bad(line);
      c.earlier_breaches = static_cast<int>(*earlier);
      c.cycle = static_cast<int>(*cycle);
      c.warned = warned == "1";
      c.breach_raised = breached == "1";
    } else {
      return bad(line);
    }
  }
  if (!millis) {
    // Stored in whole seconds before clocks kept milliseconds.
    const auto scale = [](std::optional<UnixMillis>& t) {
      if (t) *t *= 1000;
    };
    for (auto& c : sla.clocks) {
      scale(c.started_at);
      scale(c.stopped_at);
      scale(c.running_since);
      for (auto& [from, to] : c.runs) {
        from *= 1000;
        to *= 1000;
      }
    }
  }
  return sla;
}

}  // namespace tierdesk::core
