// The SLA clock logic behind <SlaClock>, as pure functions (tested in sla.test.ts).
//
// A ticket's `sla` (GET /api/v1/tickets/{id}) holds one report per clock kind (first_response,
// next_response, resolution; null when not started or without a target), each with `state`
// (running | paused | met | breached), `remaining_seconds` of business time (negative when over),
// `due_at`, and `counting` (true while the clock runs and its business time passes right now).
// Between fetches the clock counts down locally, one second per second, only while `counting`;
// it asks for a re-fetch when it reaches zero and every 60 seconds.

export type ClockState = 'running' | 'paused' | 'met' | 'breached';
export type ClockKind = 'first_response' | 'next_response' | 'resolution';
export const CLOCK_KINDS: readonly ClockKind[] = ['first_response', 'next_response', 'resolution'];

export interface SlaClockJson {
  state: ClockState;
  target_minutes: number;
  basis?: string;
  due_at: string | null;
  consumed_seconds?: number;
  paused_seconds?: number;
  remaining_seconds: number;
  stopped_at?: string | null;
  cycle?: number;
  counting?: boolean;
  warning_reached?: boolean;
}

export interface SlaReportJson {
  first_response: SlaClockJson | null;
  next_response: SlaClockJson | null;
  resolution: SlaClockJson | null;
  next_due_at: string | null;
  breached: boolean;
}

/** What the clock shows: a word (never a colour alone) and the seconds left (negative: overdue). */
export type ClockDisplay =
  | { kind: 'none' }
  | { kind: 'met' }
  | { kind: 'paused'; remaining: number }
  | { kind: 'waiting'; remaining: number } // running, outside service hours: not counting now
  | { kind: 'counting'; remaining: number }
  | { kind: 'breached'; overdue: number; counting: boolean };

export const RESYNC_SECONDS = 60;

/** Whether the clock's business time passes now (`counting`; older servers: state running). */
export function isCounting(clock: SlaClockJson | null | undefined): boolean {
  if (!clock) return false;
  if (clock.state !== 'running' && clock.state !== 'breached') return false;
  if (typeof clock.counting === 'boolean') return clock.counting;
  return clock.state === 'running';
}

/** Remaining business seconds `elapsed` wall seconds after the clock was fetched. */
export function remainingAfter(clock: SlaClockJson, elapsed: number): number {
  const base = clock.remaining_seconds;
  return isCounting(clock) ? base - Math.max(0, Math.floor(elapsed)) : base;
}

export function clockDisplay(clock: SlaClockJson | null | undefined, elapsed: number): ClockDisplay {
  if (!clock || clock.target_minutes <= 0) return { kind: 'none' };
  if (clock.state === 'met') return { kind: 'met' };
  const remaining = remainingAfter(clock, elapsed);
  const counting = isCounting(clock);
  if (clock.state === 'breached' || remaining < 0) return { kind: 'breached', overdue: -Math.min(0, remaining), counting };
  if (clock.state === 'paused') return { kind: 'paused', remaining };
  return counting ? { kind: 'counting', remaining } : { kind: 'waiting', remaining };
}

/**
 * Whether to re-fetch the ticket: every RESYNC_SECONDS, and when a counting clock reaches zero
 * (the server then says breached or not).
 */
export function needsResync(clock: SlaClockJson | null | undefined, elapsed: number): boolean {
  if (!clock || clock.state === 'met') return false;
  if (elapsed >= RESYNC_SECONDS) return true;
  if (!isCounting(clock) || clock.state === 'breached') return false;
  return clock.remaining_seconds > 0 && remainingAfter(clock, elapsed) <= 0;
}

/** Share of the target already used (0..1+), for a bar. */
export function usedShare(clock: SlaClockJson, remaining: number): number {
  const target = clock.target_minutes * 60;
  if (target <= 0) return 0;
  return Math.max(0, (target - remaining) / target);
}
