// Which of a ticket's clocks the queue shows in its "next SLA due" column.
import type { SlaClockJson, SlaJson } from './types';

export type ClockName = 'first_response' | 'next_response' | 'resolution';
const NAMES: readonly ClockName[] = ['first_response', 'next_response', 'resolution'];

/**
 * The clock that decides what is due next: a breached clock still running first (late ones are
 * the most urgent), else the running clock with the least time left, else a paused one, else none.
 */
export function nextClock(sla: SlaJson | null | undefined): { name: ClockName; clock: SlaClockJson } | null {
  if (!sla) return null;
  const live = NAMES.map((name) => ({ name, clock: sla[name] })).filter(
    (x): x is { name: ClockName; clock: SlaClockJson } => x.clock !== null && x.clock !== undefined && x.clock.state !== 'met',
  );
  const rank = (c: SlaClockJson) => (c.state === 'breached' && c.stopped_at === null ? 0 : c.state === 'running' ? 1 : c.state === 'paused' ? 2 : 3);
  live.sort((a, b) => rank(a.clock) - rank(b.clock) || a.clock.remaining_seconds - b.clock.remaining_seconds);
  return live[0] ?? null;
}
