// The running timer (POST timer/start, timer/stop, GET /me/timer) and time entries.

/** Elapsed time as a stopwatch reads: "4:07", "1:02:03". Negative counts as zero. */
export function formatElapsed(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** Milliseconds a timer started at `startedAt` has run at `now`. */
export function elapsedSince(startedAt: string, now: number): number {
  const start = Date.parse(startedAt);
  return Number.isNaN(start) ? 0 : Math.max(0, now - start);
}

/** Whole minutes the server will log when the timer stops now (at least 1). */
export function minutesToLog(milliseconds: number): number {
  return Math.max(1, Math.round(milliseconds / 60000));
}

/** A duration in minutes split into hours and minutes, for "2 h 05 min". */
export function splitMinutes(minutes: number): { hours: number; minutes: number } {
  const m = Math.max(0, Math.round(minutes));
  return { hours: Math.floor(m / 60), minutes: m % 60 };
}

/**
 * Reads the time-logging form's duration: "45", "1:30", "1h30", "1h 30m", "90m", "2h".
 * Returns minutes, or null when it is not a duration of 1 to 1440 minutes.
 */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!s) return null;
  let minutes: number;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{1,4})$/))) minutes = Number(m[1]);
  else if ((m = s.match(/^(\d{1,2}):(\d{2})$/))) minutes = Number(m[1]) * 60 + Number(m[2]);
  else if ((m = s.match(/^(\d{1,2})(?:h|시간)(?:(\d{1,3})(?:m|min|분)?)?$/))) minutes = Number(m[1]) * 60 + Number(m[2] ?? 0);
  else if ((m = s.match(/^(\d{1,4})(?:m|min|분)$/))) minutes = Number(m[1]);
  else return null;
  return minutes >= 1 && minutes <= 1440 ? minutes : null;
}

/**
 * The `worked_at` to send for a start given as a local datetime-local value ("2026-11-24T10:30"),
 * or undefined when the field is empty (the server then uses now minus the minutes).
 */
export function workedAtFromLocal(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
