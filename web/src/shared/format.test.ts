import { afterEach, describe, expect, it } from 'vitest';
import { currencyExponent, formatDate, formatDateTime, formatDuration, formatMinutes, formatMoney, formatRelative, secondsFromNow, setTimeZone, timeZone } from './format';

afterEach(() => {
  timeZone.value = 'UTC';
});

describe('formatMoney', () => {
  it('KRW has no decimals (minor unit = won)', () => {
    expect(currencyExponent('KRW')).toBe(0);
    for (const l of ['en', 'ko'] as const) {
      const text = formatMoney(150000, 'KRW', l);
      expect(text).toMatch(/150,000/);
      expect(text).toMatch(/₩/);
      expect(text).not.toMatch(/[.]\d/);
    }
  });

  it('USD has two decimals (minor unit = cent)', () => {
    expect(formatMoney(14999, 'USD', 'en')).toMatch(/149\.99/);
    expect(formatMoney(14999, 'USD', 'ko')).toMatch(/149\.99/);
    expect(formatMoney(100, 'USD', 'en')).toMatch(/1\.00/);
  });

  it('JPY has none, negative amounts keep their sign', () => {
    expect(formatMoney(5000, 'JPY', 'en')).toMatch(/5,000/);
    expect(formatMoney(-150, 'USD', 'en')).toMatch(/-.*1\.50/);
  });
});

describe('dates in the viewer\'s time zone', () => {
  const iso = '2026-11-30T16:30:00.000Z';

  it('UTC and Asia/Seoul show different local times and days', () => {
    expect(formatDateTime(iso, 'UTC', 'en')).toMatch(/30 Nov 2026.*16:30/);
    expect(formatDateTime(iso, 'Asia/Seoul', 'en')).toMatch(/1 Dec 2026.*01:30/);
    expect(formatDateTime(iso, 'Asia/Seoul', 'ko')).toMatch(/2026년 12월 1일.*01:30/);
  });

  it('uses the viewer zone set from the organisation', () => {
    setTimeZone('Asia/Seoul');
    expect(timeZone.value).toBe('Asia/Seoul');
    expect(formatDate(iso, undefined, 'en')).toMatch(/1 Dec 2026/);
    setTimeZone('Not/AZone');
    expect(timeZone.value).toBe('Asia/Seoul');
  });

  it('a date in 2099 (the last covered year) crosses into 2100 in Seoul', () => {
    const late = '2099-12-31T15:00:00.000Z';
    expect(formatDate(late, 'UTC', 'en')).toMatch(/31 Dec 2099/);
    expect(formatDate(late, 'Asia/Seoul', 'en')).toMatch(/1 Jan 2100/);
    expect(formatDateTime('2099-06-15T03:00:00Z', 'Asia/Seoul', 'ko')).toMatch(/2099년 6월 15일.*12:00/);
  });

  it('empty or broken input gives an empty string', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });
});

describe('durations and relative times', () => {
  it('hours and minutes, in English and Korean', () => {
    expect(formatDuration(2 * 3600 + 5 * 60, 'en')).toBe('2h 05m');
    expect(formatDuration(2 * 3600 + 5 * 60, 'ko')).toBe('2시간 5분');
    expect(formatDuration(3 * 3600, 'ko')).toBe('3시간');
    expect(formatDuration(4 * 60 + 9, 'en')).toBe('4m 09s');
    expect(formatDuration(4 * 60 + 9, 'ko')).toBe('4분 9초');
    expect(formatDuration(59, 'en')).toBe('59s');
    expect(formatDuration(-90, 'en')).toBe('-1m 30s');
    expect(formatDuration(15 * 60, 'en')).toBe('15m');
    expect(formatMinutes(15, 'en')).toBe('15m');
    expect(formatMinutes(90, 'ko')).toBe('1시간 30분');
    expect(formatMinutes(0, 'en')).toBe('0m');
  });

  it('relative times', () => {
    expect(formatRelative(-300, 'en')).toBe('5 minutes ago');
    expect(formatRelative(7200, 'ko')).toBe('2시간 후');
    expect(secondsFromNow('2026-01-01T00:01:00Z', Date.parse('2026-01-01T00:00:00Z'))).toBe(60);
  });
});
