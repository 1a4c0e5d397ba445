// The caller's running timer (one per user): GET /api/v1/me/timer, shown in the header and on
// its ticket.
import { signal } from '@preact/signals';
import { createElement } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../shared/api';
import { t } from '../shared/i18n';
import { Link } from '../shared/router';
import { elapsedSince, formatElapsed } from './ticket/timer';
import type { Timer } from './types';

export const runningTimer = signal<Timer | null>(null);

export async function refreshTimer(): Promise<void> {
  try {
    const answer = await api<{ timer: Timer | null }>('GET', '/me/timer');
    runningTimer.value = answer.timer;
  } catch {
    // the timer is a convenience: no badge when it cannot be read
  }
}

/** Re-renders every second while mounted. */
export function useTick(active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

export function TimerBadge() {
  const timer = runningTimer.value;
  const now = useTick(timer !== null);
  if (!timer) return null;
  const elapsed = formatElapsed(elapsedSince(timer.started_at, now));
  return createElement(
    Link,
    { href: `/console/tickets/${timer.ticket_id}`, class: 'timer-badge' },
    t('console.timer.badge', { id: timer.ticket_id, time: elapsed }),
  );
}
