import { describe, expect, it } from 'vitest';
import { elapsedSince, formatElapsed, minutesToLog, parseDuration, splitMinutes } from './ticket/timer';

describe('timer', () => {
  it('reads like a stopwatch', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(4_000)).toBe('0:04');
    expect(formatElapsed(247_999)).toBe('4:07');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
    expect(formatElapsed(-5_000)).toBe('0:00');
  });

  it('measures from the server start time', () => {
    expect(elapsedSince('2026-11-24T03:00:00.000Z', Date.parse('2026-11-24T03:01:30.000Z'))).toBe(90_000);
    expect(elapsedSince('not a time', 0)).toBe(0);
  });

  it('logs at least a minute, rounded', () => {
    expect(minutesToLog(10_000)).toBe(1);
    expect(minutesToLog(89_000)).toBe(1);
    expect(minutesToLog(91_000)).toBe(2);
  });

  it('splits minutes', () => {
    expect(splitMinutes(125)).toEqual({ hours: 2, minutes: 5 });
  });

  it('reads durations people type', () => {
    expect(parseDuration('45')).toBe(45);
    expect(parseDuration('1:30')).toBe(90);
    expect(parseDuration('1h30')).toBe(90);
    expect(parseDuration('1h 30m')).toBe(90);
    expect(parseDuration('2h')).toBe(120);
    expect(parseDuration('90m')).toBe(90);
    expect(parseDuration('1시간 30분')).toBe(90);
    expect(parseDuration('0')).toBeNull();
    expect(parseDuration('1441')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
  });
});
