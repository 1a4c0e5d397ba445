// SLA clocks against hand-worked timelines. Times in comments are local (Asia/Seoul, KST, UTC+9,
// no DST) unless they say otherwise; the service hours are Mon–Fri 09:00–18:00.
#include "core/sla/sla.hpp"

#include <gtest/gtest.h>

#include "adapters/tz/zone_loader.hpp"

namespace tierdesk::core {
namespace {

// Clocks count in milliseconds.
constexpr std::int64_t kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute, kDay = 24 * kHour;
constexpr int kWarnAt = 75;

// 2026-11-23 is a Monday. Local Seoul time as UTC milliseconds.
UnixMillis Kst(int month, int day, int hour, int minute = 0, int second = 0, int millis = 0) {
  return DaysFromCivil(2026, month, day) * kDay + (hour - 9) * kHour + minute * kMinute + second * kSecond + millis;
}

CalendarSpec SeoulOffice() {
  CalendarSpec spec;
  spec.time_zone = "Asia/Seoul";
  for (int weekday = 0; weekday < 5; ++weekday) spec.intervals.push_back({weekday, 9 * 3600, 18 * 3600});
  return spec;
}

BusinessCalendar Build(const CalendarSpec& spec) {
  static const auto zone = adapters::tz::LoadZone("Asia/Seoul", 2020, 2032);
  auto built = BusinessCalendar::Build(spec, *zone, 2024, 2030);
  EXPECT_TRUE(built);
  return std::move(*built);
}

Target Business(std::int64_t minutes) { return {minutes, Target::Basis::kBusiness}; }
Target Wall(std::int64_t minutes) { return {minutes, Target::Basis::kCalendar}; }

SlaTerms Terms(Target first, Target next, Target resolution, bool pause_vendor = true) {
  return {{first, next, resolution}, CalendarId{1}, pause_vendor};
}

ClockReport Clock(const SlaClocks& sla, const BusinessCalendar* hours, UnixMillis now, ClockKind kind) {
  const auto report = EvaluateSla(sla, hours, now, kWarnAt);
  EXPECT_TRUE(report);
  const auto& clock = report->clocks[static_cast<std::size_t>(kind)];
  EXPECT_TRUE(clock.has_value()) << ToString(kind);
  return clock.value_or(ClockReport{});
}

TEST(SlaClocks, FridayEveningCriticalTicketInSeoul) {
  const auto hours = Build(SeoulOffice());
  // Critical: first response in 1 business hour, resolution in 8.
  auto sla = StartClocks(Terms(Business(60), Business(60), Business(480)), TicketStatus::kNew, Kst(11, 27, 19, 30));

  // Saturday noon: nothing consumed; first response due Monday 10:00, resolution Monday 17:00.
  auto first = Clock(sla, &hours, Kst(11, 28, 12), ClockKind::kFirstResponse);
  EXPECT_EQ(first.state, ClockState::kRunning);
  EXPECT_EQ(first.consumed, 0);
  EXPECT_EQ(first.remaining, kHour);
  EXPECT_EQ(first.paused, 0);
  EXPECT_EQ(first.due_at, Kst(11, 30, 10));
  EXPECT_EQ(first.warn_at, Kst(11, 30, 9, 45));
  EXPECT_EQ(Clock(sla, &hours, Kst(11, 28, 12), ClockKind::kResolution).due_at, Kst(11, 30, 17));

  // Monday 10:30, still unanswered: breached by half an hour.
  const auto late = EvaluateSla(sla, &hours, Kst(11, 30, 10, 30), kWarnAt).value();
  EXPECT_TRUE(late.breached);
  EXPECT_EQ(late.clocks[0]->state, ClockState::kBreached);
  EXPECT_EQ(late.clocks[0]->remaining, -30 * kMinute);
  EXPECT_EQ(late.next_due, Kst(11, 30, 10));
  // The watch raises the breach once (the warning it missed is absorbed), then nothing more.
  auto alerts = TakeAlerts(sla, late);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, ClockKind::kFirstResponse);
  EXPECT_TRUE(alerts[0].breached);
  EXPECT_EQ(alerts[0].at, Kst(11, 30, 10));
  EXPECT_TRUE(TakeAlerts(sla, EvaluateSla(sla, &hours, Kst(11, 30, 10, 31), kWarnAt).value()).empty());

  // The reply at 10:40 stops it; it stays breached (answered late).
  OnAgentReply(sla, Kst(11, 30, 10, 40));
  first = Clock(sla, &hours, Kst(12, 1, 12), ClockKind::kFirstResponse);
  EXPECT_EQ(first.state, ClockState::kBreached);
  EXPECT_EQ(first.consumed, 100 * kMinute);
  EXPECT_EQ(first.stopped_at, Kst(11, 30, 10, 40));
}

TEST(SlaClocks, ALiveCountdownTicksOnlyWhileBusinessTimePasses) {
  const auto hours = Build(SeoulOffice());
  auto sla = StartClocks(Terms(Business(60), Business(60), Wall(480)), TicketStatus::kNew, Kst(11, 27, 17, 30));
  // Friday 17:59:59.500 counts; 18:00 (closed) and Saturday do not; Monday 09:00 does again.
  EXPECT_TRUE(Clock(sla, &hours, Kst(11, 27, 17, 59, 59, 500), ClockKind::kFirstResponse).counting);
  EXPECT_FALSE(Clock(sla, &hours, Kst(11, 27, 18), ClockKind::kFirstResponse).counting);
  EXPECT_FALSE(Clock(sla, &hours, Kst(11, 28, 12), ClockKind::kFirstResponse).counting);
  EXPECT_TRUE(Clock(sla, &hours, Kst(11, 30, 9), ClockKind::kFirstResponse).counting);
  // Calendar time passes on Saturday too; a breached clock that still runs keeps counting.
  EXPECT_TRUE(Clock(sla, &hours, Kst(11, 28, 12), ClockKind::kResolution).counting);
  EXPECT_TRUE(Clock(sla, &hours, Kst(11, 30, 11), ClockKind::kFirstResponse).counting);
  // Answered: the first-response clock stops and no longer counts.
  OnAgentReply(sla, Kst(11, 30, 9, 10));
  EXPECT_FALSE(Clock(sla, &hours, Kst(11, 30, 9, 20), ClockKind::kFirstResponse).counting);
}

TEST(SlaClocks, AnswerOnTimeIsMet) {
  const auto hours = Build(SeoulOffice());
  auto sla = StartClocks(Terms(Business(60), Business(60), Business(480)), TicketStatus::kNew, Kst(11, 27, 19, 30));
  OnAgentReply(sla, Kst(11, 30, 10));  // exactly at the due time
  const auto first = Clock(sla, &hours, Kst(12, 3, 12), ClockKind::kFirstResponse);
  EXPECT_EQ(first.state, ClockState::kMet);
  EXPECT_EQ(first.remaining, 0);
  const auto report = EvaluateSla(sla, &hours, Kst(11, 30, 10), kWarnAt).value();
  EXPECT_FALSE(report.breached);
}

TEST(SlaClocks, TicketPausedOverAWeekend) {
  // Resolution in 24 hours of calendar time. Opened Friday 10:00; waiting for the customer from
  // Friday 16:00 until the customer answers on Monday 09:00.
  auto sla = StartClocks(Terms(Wall(240), Wall(240), Wall(24 * 60)), TicketStatus::kNew, Kst(11, 27, 10));
  OnAgentReply(sla, Kst(11, 27, 11));
  OnStatusChange(sla, TicketStatus::kNew, TicketStatus::kOpen, Kst(11, 27, 11));
  OnStatusChange(sla, TicketStatus::kOpen, TicketStatus::kPendingCustomer, Kst(11, 27, 16));

  // Sunday noon: paused after 6 hours; no due time while paused.
  auto resolution = Clock(sla, nullptr, Kst(11, 29, 12), ClockKind::kResolution);
  EXPECT_EQ(resolution.state, ClockState::kPaused);
  EXPECT_EQ(resolution.consumed, 6 * kHour);
  EXPECT_EQ(resolution.paused, 44 * kHour);
  EXPECT_EQ(resolution.due_at, std::nullopt);
  const auto sunday = EvaluateSla(sla, nullptr, Kst(11, 29, 12), kWarnAt).value();
  EXPECT_EQ(sunday.next_due, std::nullopt);
  EXPECT_EQ(sunday.watch_at, std::nullopt);  // nothing can happen while paused

  // Monday 09:00 the customer answers: the ticket reopens and 18 hours remain, due Tuesday 03:00.
  OnStatusChange(sla, TicketStatus::kPendingCustomer, TicketStatus::kOpen, Kst(11, 30, 9));
  OnCustomerReply(sla, TicketStatus::kOpen, Kst(11, 30, 9));
  resolution = Clock(sla, nullptr, Kst(11, 30, 12), ClockKind::kResolution);
  EXPECT_EQ(resolution.state, ClockState::kRunning);
  EXPECT_EQ(resolution.consumed, 9 * kHour);
  EXPECT_EQ(resolution.paused, 65 * kHour);
  EXPECT_EQ(resolution.remaining, 15 * kHour);
  EXPECT_EQ(resolution.due_at, Kst(12, 1, 3));
  // The customer's answer started a next response: 4 hours, due 13:00.
  const auto next = Clock(sla, nullptr, Kst(11, 30, 12), ClockKind::kNextResponse);
  EXPECT_EQ(next.cycle, 1);
  EXPECT_EQ(next.due_at, Kst(11, 30, 13));
}

TEST(SlaClocks, PausedOverAWeekendInBusinessHoursLosesNothing) {
  const auto hours = Build(SeoulOffice());
  // 16 business hours. Friday 09:00–17:00 counts 8; pending Friday 17:00 to Tuesday 09:00 (the
  // Monday open hours are paused, not counted); 8 remain from Tuesday 09:00: due Tuesday 17:00.
  auto sla = StartClocks(Terms(Business(60), Business(60), Business(16 * 60)), TicketStatus::kOpen, Kst(11, 27, 9));
  OnStatusChange(sla, TicketStatus::kOpen, TicketStatus::kPendingCustomer, Kst(11, 27, 17));
  OnStatusChange(sla, TicketStatus::kPendingCustomer, TicketStatus::kOpen, Kst(12, 1, 9));
  const auto resolution = Clock(sla, &hours, Kst(12, 1, 10), ClockKind::kResolution);
  EXPECT_EQ(resolution.consumed, 9 * kHour);
  EXPECT_EQ(resolution.paused, (7 + 24 * 3 + 9) * kHour);
  EXPECT_EQ(resolution.due_at, Kst(12, 1, 17));
}

TEST(SlaClocks, SeverityRaisedMidway) {
  const auto hours = Build(SeoulOffice());
  // Opened Monday 09:00 as minimal: resolution in 16 business hours (9 on Monday, 7 on Tuesday),
  // due Tuesday 16:00.
  auto sla = StartClocks(Terms(Business(8 * 60), Business(8 * 60), Business(16 * 60)), TicketStatus::kNew,
                         Kst(11, 23, 9));
  EXPECT_EQ(Clock(sla, &hours, Kst(11, 23, 12), ClockKind::kResolution).due_at, Kst(11, 24, 16));

  // Monday 12:00 raised to critical (4 business hours): the 3 hours consumed stay; due 13:00.
  const auto critical = Terms(Business(60), Business(60), Business(4 * 60));
  Retarget(sla, critical, TicketStatus::kNew, Kst(11, 23, 12));
  auto resolution = Clock(sla, &hours, Kst(11, 23, 12), ClockKind::kResolution);
  EXPECT_EQ(resolution.consumed, 3 * kHour);
  EXPECT_EQ(resolution.remaining, kHour);
  EXPECT_EQ(resolution.due_at, Kst(11, 23, 13));
  EXPECT_EQ(resolution.state, ClockState::kRunning);
  // First response: 1 hour from 09:00 was due 10:00; it is breached the moment the target shrinks.
  EXPECT_EQ(Clock(sla, &hours, Kst(11, 23, 12), ClockKind::kFirstResponse).state, ClockState::kBreached);
  EXPECT_EQ(Clock(sla, &hours, Kst(11, 23, 12), ClockKind::kFirstResponse).due_at, Kst(11, 23, 10));

  // Lowered back to minimal at 14:00: 5 hours consumed of 16, still due Tuesday 16:00.
  Retarget(sla, Terms(Business(8 * 60), Business(8 * 60), Business(16 * 60)), TicketStatus::kNew, Kst(11, 23, 14));
  resolution = Clock(sla, &hours, Kst(11, 23, 14), ClockKind::kResolution);
  EXPECT_EQ(resolution.consumed, 5 * kHour);
  EXPECT_EQ(resolution.due_at, Kst(11, 24, 16));
}

TEST(SlaClocks, HolidayInsertedAfterTheTicketWasOpened) {
  // Opened Friday 16:00 with 8 business hours to resolve: 2 on Friday, 6 on Monday, due Monday 15:00.
  auto sla = StartClocks(Terms(Business(60), Business(60), Business(8 * 60)), TicketStatus::kOpen, Kst(11, 27, 16));
  const auto before = Build(SeoulOffice());
  EXPECT_EQ(Clock(sla, &before, Kst(11, 28, 12), ClockKind::kResolution).due_at, Kst(11, 30, 15));

  // On Saturday the partner declares Monday a holiday: the same clock is now due Tuesday 15:00,
  // and the two hours consumed on Friday are still there.
  auto spec = SeoulOffice();
  spec.holidays.push_back({2026, 11, 30, 0, 86400, "Company day"});
  const auto after = Build(spec);
  const auto resolution = Clock(sla, &after, Kst(11, 28, 12), ClockKind::kResolution);
  EXPECT_EQ(resolution.due_at, Kst(12, 1, 15));
  EXPECT_EQ(resolution.consumed, 2 * kHour);
}

TEST(SlaClocks, NextResponseCyclesWithCustomerReplies) {
  auto sla = StartClocks(Terms(Wall(60), Wall(120), Wall(24 * 60)), TicketStatus::kNew, Kst(11, 23, 9));
  // While first response is open, a customer follow-up starts nothing.
  OnCustomerReply(sla, TicketStatus::kNew, Kst(11, 23, 9, 10));
  EXPECT_FALSE(EvaluateSla(sla, nullptr, Kst(11, 23, 9, 20), kWarnAt)->clocks[1].has_value());
  OnAgentReply(sla, Kst(11, 23, 9, 30));
  EXPECT_EQ(Clock(sla, nullptr, Kst(11, 23, 10), ClockKind::kFirstResponse).state, ClockState::kMet);

  OnCustomerReply(sla, TicketStatus::kOpen, Kst(11, 23, 10));
  OnCustomerReply(sla, TicketStatus::kOpen, Kst(11, 23, 11));  // a second message does not restart it
  auto next = Clock(sla, nullptr, Kst(11, 23, 11), ClockKind::kNextResponse);
  EXPECT_EQ(next.cycle, 1);
  EXPECT_EQ(next.due_at, Kst(11, 23, 12));
  // Missed: breached at 12:00, raised once.
  auto alerts = TakeAlerts(sla, EvaluateSla(sla, nullptr, Kst(11, 23, 12, 5), kWarnAt).value());
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].cycle, 1);
  OnAgentReply(sla, Kst(11, 23, 12, 10));

  // The next customer message starts cycle 2 with fresh alert marks; the ticket stays breached.
  OnCustomerReply(sla, TicketStatus::kOpen, Kst(11, 23, 13));
  EXPECT_EQ(sla[ClockKind::kNextResponse].earlier_breaches, 1);
  EXPECT_TRUE(EvaluateSla(sla, nullptr, Kst(11, 23, 13), kWarnAt)->breached);
  next = Clock(sla, nullptr, Kst(11, 23, 14, 31), ClockKind::kNextResponse);
  EXPECT_EQ(next.cycle, 2);
  EXPECT_EQ(next.state, ClockState::kRunning);
  alerts = TakeAlerts(sla, EvaluateSla(sla, nullptr, Kst(11, 23, 14, 31), kWarnAt).value());
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_FALSE(alerts[0].breached);  // 75% of 2 hours: the warning at 14:30
  EXPECT_EQ(alerts[0].at, Kst(11, 23, 14, 30));
  EXPECT_EQ(alerts[0].cycle, 2);
}

TEST(SlaClocks, WarningThenBreachEachOnce) {
  auto sla = StartClocks(Terms(Wall(60), Wall(60), Wall(0)), TicketStatus::kNew, Kst(11, 23, 9));
  auto report = EvaluateSla(sla, nullptr, Kst(11, 23, 9), kWarnAt).value();
  EXPECT_EQ(report.watch_at, Kst(11, 23, 9, 45));
  EXPECT_TRUE(TakeAlerts(sla, report).empty());

  report = EvaluateSla(sla, nullptr, Kst(11, 23, 9, 45), kWarnAt).value();
  auto alerts = TakeAlerts(sla, report);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_FALSE(alerts[0].breached);
  report = EvaluateSla(sla, nullptr, Kst(11, 23, 9, 50), kWarnAt).value();
  EXPECT_EQ(report.watch_at, Kst(11, 23, 10) + 1);  // next: the breach, one millisecond after due
  EXPECT_TRUE(TakeAlerts(sla, report).empty());
  // Exactly at the due time it is not yet breached.
  EXPECT_TRUE(TakeAlerts(sla, EvaluateSla(sla, nullptr, Kst(11, 23, 10), kWarnAt).value()).empty());
  alerts = TakeAlerts(sla, EvaluateSla(sla, nullptr, Kst(11, 23, 10) + 1, kWarnAt).value());
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_TRUE(alerts[0].breached);
  report = EvaluateSla(sla, nullptr, Kst(11, 23, 11), kWarnAt).value();
  EXPECT_EQ(report.watch_at, std::nullopt);
  EXPECT_TRUE(TakeAlerts(sla, report).empty());
  // No resolution target: that clock does not exist.
  EXPECT_FALSE(report.clocks[2].has_value());
}

TEST(SlaClocks, ReopeningResumesResolutionAndKeepsItsMarks) {
  auto sla = StartClocks(Terms(Wall(60), Wall(60), Wall(120)), TicketStatus::kNew, Kst(11, 23, 9));
  OnAgentReply(sla, Kst(11, 23, 9, 10));
  OnStatusChange(sla, TicketStatus::kNew, TicketStatus::kOpen, Kst(11, 23, 9, 10));
  OnStatusChange(sla, TicketStatus::kOpen, TicketStatus::kResolved, Kst(11, 23, 10));
  auto resolution = Clock(sla, nullptr, Kst(11, 23, 12), ClockKind::kResolution);
  EXPECT_EQ(resolution.state, ClockState::kMet);
  EXPECT_EQ(resolution.consumed, kHour);

  // Reopened next day at 09:00: an hour remains, due 10:00; the day in between is paused time.
  OnStatusChange(sla, TicketStatus::kResolved, TicketStatus::kOpen, Kst(11, 24, 9));
  resolution = Clock(sla, nullptr, Kst(11, 24, 9, 30), ClockKind::kResolution);
  EXPECT_EQ(resolution.state, ClockState::kRunning);
  EXPECT_EQ(resolution.due_at, Kst(11, 24, 10));
  EXPECT_EQ(resolution.paused, 23 * kHour);
  EXPECT_EQ(resolution.consumed, 90 * kMinute);
}

TEST(SlaClocks, PendingVendorPausesWhereThePlanSaysSo) {
  for (const bool pause : {true, false}) {
    auto sla = StartClocks(Terms(Wall(60), Wall(60), Wall(600), pause), TicketStatus::kOpen, Kst(11, 23, 9));
    OnStatusChange(sla, TicketStatus::kOpen, TicketStatus::kPendingVendor, Kst(11, 23, 10));
    const auto resolution = Clock(sla, nullptr, Kst(11, 23, 12), ClockKind::kResolution);
    EXPECT_EQ(resolution.state, pause ? ClockState::kPaused : ClockState::kRunning) << pause;
    EXPECT_EQ(resolution.consumed, pause ? kHour : 3 * kHour) << pause;
  }
}

TEST(SlaClocks, AClockWithoutTargetNeverStarts) {
  const auto sla = StartClocks(SlaTermsFor(nullptr, Severity::kCritical), TicketStatus::kNew, Kst(11, 23, 9));
  EXPECT_TRUE(sla.empty());
  const auto report = EvaluateSla(sla, nullptr, Kst(11, 30, 9), kWarnAt).value();
  EXPECT_FALSE(report.breached);
  EXPECT_EQ(report.watch_at, std::nullopt);
  EXPECT_EQ(EncodeSla(sla), "");
}

TEST(SlaClocks, StorageFormRoundTrips) {
  auto sla = StartClocks(Terms(Business(60), Wall(120), Business(480), false), TicketStatus::kNew, Kst(11, 23, 9));
  OnAgentReply(sla, Kst(11, 23, 9, 30));
  OnCustomerReply(sla, TicketStatus::kOpen, Kst(11, 23, 10));
  OnStatusChange(sla, TicketStatus::kOpen, TicketStatus::kPendingCustomer, Kst(11, 23, 11));
  OnStatusChange(sla, TicketStatus::kPendingCustomer, TicketStatus::kOpen, Kst(11, 23, 12));
  sla[ClockKind::kResolution].warned = true;
  const auto text = EncodeSla(sla);
  const auto decoded = DecodeSla(text);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(EncodeSla(*decoded), text);
  EXPECT_EQ((*decoded)[ClockKind::kResolution].runs, sla[ClockKind::kResolution].runs);
  EXPECT_EQ((*decoded)[ClockKind::kNextResponse].cycle, 1);
  EXPECT_FALSE(decoded->pause_in_pending_vendor);
  EXPECT_FALSE(DecodeSla("resolution 60 x - - - 0 0 0 0 -\n"));
  EXPECT_FALSE(DecodeSla("resolution 60 b 5 - - 0 0 0 0 9:3\n"));
  EXPECT_TRUE(DecodeSla("resolution 60 b 5 - - 0 0 0 0 3:9\n"));
  EXPECT_FALSE(DecodeSla("mystery 1\n"));
}

TEST(SlaClocks, StoredSecondsFromBeforeMillisecondsAreScaled) {
  const auto legacy = DecodeSla("resolution 60 b 5 - - 0 0 0 0 3:9\n");
  ASSERT_TRUE(legacy);
  EXPECT_EQ((*legacy)[ClockKind::kResolution].started_at, 5000);
  ASSERT_EQ((*legacy)[ClockKind::kResolution].runs.size(), 1u);
  EXPECT_EQ((*legacy)[ClockKind::kResolution].runs[0], std::make_pair(UnixMillis{3000}, UnixMillis{9000}));
  const auto current = DecodeSla("millis\nresolution 60 b 5 - - 0 0 0 0 3:9\n");
  ASSERT_TRUE(current);
  EXPECT_EQ((*current)[ClockKind::kResolution].started_at, 5);
}

// Milliseconds count: a ticket opened at 16:00:00.500 has its due time half a second later than
// one opened at 16:00:00, and each equals the calendar's add for the same start and target.
TEST(SlaClocks, DueTimesKeepMillisecondsAndEqualTheCalendarsAdd) {
  const auto hours = Build(SeoulOffice());
  const auto add = [&hours](UnixMillis start, std::int64_t minutes) {
    return ToUnixMillis(hours.AddBusinessTime(FromUnixMillis(start), std::chrono::minutes(minutes)).value());
  };
  struct Case {
    UnixMillis opened;
    UnixMillis due;  // resolution, 8 business hours
  } cases[] = {
      // Friday 16:00:00.500 in hours: 2 h Friday, 6 h Monday, 15:00:00.500 Monday.
      {Kst(11, 27, 16, 0, 0, 500), Kst(11, 30, 15, 0, 0, 500)},
      // Friday 19:30:00.500, closed: counting starts Monday 09:00:00.000, so due at 17:00 sharp.
      {Kst(11, 27, 19, 30, 0, 500), Kst(11, 30, 17)},
      // Friday 17:59:59.250: 750 ms on Friday, the rest from Monday 09:00: due 16:59:59.250.
      {Kst(11, 27, 17, 59, 59, 250), Kst(11, 30, 16, 59, 59, 250)},
  };
  for (const auto& c : cases) {
    const auto sla = StartClocks(Terms(Business(60), Business(60), Business(480)), TicketStatus::kNew, c.opened);
    const auto resolution = Clock(sla, &hours, c.opened, ClockKind::kResolution);
    EXPECT_EQ(resolution.due_at, c.due) << c.opened;
    EXPECT_EQ(resolution.due_at, add(c.opened, 480)) << c.opened;
    EXPECT_EQ(Clock(sla, &hours, c.opened, ClockKind::kFirstResponse).due_at, add(c.opened, 60)) << c.opened;
  }
  // Consumed time is exact too: from Friday 17:59:59.250 to Monday 09:00:00.100 is 850 ms.
  const auto sla = StartClocks(Terms(Business(60), Business(60), Business(480)), TicketStatus::kNew,
                               Kst(11, 27, 17, 59, 59, 250));
  EXPECT_EQ(Clock(sla, &hours, Kst(11, 30, 9, 0, 0, 100), ClockKind::kResolution).consumed, 850);
}

}  // namespace
}  // namespace tierdesk::core
