import { describe, expect, it } from 'vitest';
import { clockDisplay, isCounting, needsResync, remainingAfter, RESYNC_SECONDS, usedShare, type SlaClockJson } from './sla';

const clock = (over: Partial<SlaClockJson> = {}): SlaClockJson => ({
  state: 'running',
  target_minutes: 60,
  basis: 'business',
  due_at: '2026-11-30T01:00:00.000Z',
  consumed_seconds: 1800,
  paused_seconds: 0,
  remaining_seconds: 1800,
  stopped_at: null,
  cycle: 0,
  counting: true,
  ...over,
});

describe('SLA clock countdown', () => {
  it('counts down one second per second while counting', () => {
    expect(remainingAfter(clock(), 0)).toBe(1800);
    expect(remainingAfter(clock(), 10)).toBe(1790);
    expect(remainingAfter(clock(), 10.9)).toBe(1790);
    expect(clockDisplay(clock(), 5)).toEqual({ kind: 'counting', remaining: 1795 });
  });

  it('does not count outside service hours (running but not counting)', () => {
    const c = clock({ counting: false });
    expect(isCounting(c)).toBe(false);
    expect(remainingAfter(c, 100)).toBe(1800);
    expect(clockDisplay(c, 100)).toEqual({ kind: 'waiting', remaining: 1800 });
  });

  it('does not count while paused, and says so', () => {
    const c = clock({ state: 'paused', counting: false, due_at: null });
    expect(clockDisplay(c, 500)).toEqual({ kind: 'paused', remaining: 1800 });
  });

  it('a server without `counting` counts a running clock', () => {
    const c = clock();
    delete c.counting;
    expect(isCounting(c)).toBe(true);
    expect(isCounting({ ...c, state: 'paused' })).toBe(false);
  });

  it('passing zero locally shows breached with the time over', () => {
    expect(clockDisplay(clock({ remaining_seconds: 3 }), 5)).toEqual({ kind: 'breached', overdue: 2, counting: true });
  });

  it('a breached clock keeps counting its overdue time while running', () => {
    const c = clock({ state: 'breached', remaining_seconds: -120 });
    expect(clockDisplay(c, 30)).toEqual({ kind: 'breached', overdue: 150, counting: true });
    expect(clockDisplay({ ...c, counting: false }, 30)).toEqual({ kind: 'breached', overdue: 120, counting: false });
  });

  it('met and absent clocks', () => {
    expect(clockDisplay(clock({ state: 'met', counting: false }), 99)).toEqual({ kind: 'met' });
    expect(clockDisplay(null, 0)).toEqual({ kind: 'none' });
    expect(clockDisplay(clock({ target_minutes: 0 }), 0)).toEqual({ kind: 'none' });
  });

  it('asks the server again at zero and every 60 seconds', () => {
    const c = clock({ remaining_seconds: 10 });
    expect(needsResync(c, 9)).toBe(false);
    expect(needsResync(c, 10)).toBe(true);
    expect(needsResync(clock(), RESYNC_SECONDS - 1)).toBe(false);
    expect(needsResync(clock(), RESYNC_SECONDS)).toBe(true);
    expect(needsResync(clock({ counting: false, remaining_seconds: 1 }), 30)).toBe(false);
    expect(needsResync(clock({ state: 'met' }), 600)).toBe(false);
    expect(needsResync(null, 600)).toBe(false);
  });

  it('share of the target used', () => {
    expect(usedShare(clock(), 1800)).toBe(0.5);
    expect(usedShare(clock(), -600)).toBeCloseTo(70 / 60);
  });
});
