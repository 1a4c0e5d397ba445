// Dates, money and durations in the current locale and the viewer's time zone (the user's
// organisation's time_zone from /me, else the browser's).
import { signal } from '@preact/signals';
import { intlLocale, locale, type Locale } from './i18n';

function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The viewer's IANA time zone. session.loadMe() sets it from the organisation. */
export const timeZone = signal<string>(browserZone());

export function setTimeZone(zone: string | null | undefined): void {
  if (!zone) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    timeZone.value = zone;
  } catch {
    // an unknown zone name: keep the browser's
  }
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `iso` as the options say, in the locale and time zone given or current; '' when it is no time. */
function formatIso(iso: string | null | undefined, options: Intl.DateTimeFormatOptions, zone?: string, l?: Locale): string {
  const d = parse(iso);
  if (!d) return '';
  return new Intl.DateTimeFormat(intlLocale(l ?? locale.value), { ...options, timeZone: zone ?? timeZone.value }).format(d);
}

export function formatDateTime(iso: string | null | undefined, zone?: string, l?: Locale): string {
  return formatIso(iso, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, zone, l);
}

export function formatDate(iso: string | null | undefined, zone?: string, l?: Locale): string {
  return formatIso(iso, { year: 'numeric', month: 'short', day: 'numeric' }, zone, l);
}

/** A full, unambiguous form for tooltips: date, time, zone name. */
export function formatDateTimeLong(iso: string | null | undefined, zone?: string, l?: Locale): string {
  return formatIso(iso, { dateStyle: 'full', timeStyle: 'long' }, zone, l);
}

/** Seconds from now: negative is the past ("5 minutes ago"), positive the future ("in 2 hours"). */
export function formatRelative(seconds: number, l?: Locale): string {
  const rtf = new Intl.RelativeTimeFormat(intlLocale(l ?? locale.value), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['week', 7 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (abs >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(Math.trunc(seconds), 'second');
}

/** Seconds between now and an instant (negative: past). */
export function secondsFromNow(iso: string, now: number = Date.now()): number {
  const d = parse(iso);
  return d ? Math.round((d.getTime() - now) / 1000) : 0;
}

/** Minor-unit exponent of a currency (ISO 4217): KRW and JPY have none, most have two. */
export function currencyExponent(currency: string): number {
  switch (currency.toUpperCase()) {
    case 'KRW':
    case 'JPY':
    case 'VND':
    case 'CLP':
    case 'ISK':
    case 'PYG':
    case 'UGX':
      return 0;
    case 'BHD':
    case 'KWD':
    case 'OMR':
    case 'JOD':
    case 'TND':
      return 3;
    default:
      return 2;
  }
}

/** An amount in minor units (cents; won) as money: formatMoney(150000, 'KRW') -> "₩150,000". */
export function formatMoney(minor: number, currency: string, l?: Locale): string {
  const exp = currencyExponent(currency);
  const amount = minor / 10 ** exp;
  try {
    return new Intl.NumberFormat(intlLocale(l ?? locale.value), {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    }).format(amount);
  } catch {
    return `${amount.toFixed(exp)} ${currency}`;
  }
}

/** A duration: "2h 05m" / "2시간 5분"; under an hour with seconds: "4m 09s" / "4분 9초", "15m". */
export function formatDuration(seconds: number, l?: Locale): string {
  const lang = l ?? locale.value;
  const sign = seconds < 0 ? '-' : '';
  const total = Math.floor(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (lang === 'ko') {
    if (h > 0) return `${sign}${h}시간${m > 0 ? ` ${m}분` : ''}`;
    if (m > 0) return `${sign}${m}분${s > 0 ? ` ${s}초` : ''}`;
    return `${sign}${s}초`;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${sign}${h}h ${pad(m)}m`;
  if (m > 0) return s > 0 ? `${sign}${m}m ${pad(s)}s` : `${sign}${m}m`;
  return `${sign}${s}s`;
}

/** Minutes as a duration without seconds: "1h 30m", "15m" / "1시간 30분", "15분". */
export function formatMinutes(minutes: number, l?: Locale): string {
  const lang = l ?? locale.value;
  const sign = minutes < 0 ? '-' : '';
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (lang === 'ko') return h > 0 ? `${sign}${h}시간${m > 0 ? ` ${m}분` : ''}` : `${sign}${m}분`;
  return h > 0 ? `${sign}${h}h ${String(m).padStart(2, '0')}m` : `${sign}${m}m`;
}

/** A byte count: "1.2 MB". */
export function formatBytes(bytes: number, l?: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(intlLocale(l ?? locale.value), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export function formatNumber(n: number, l?: Locale): string {
  return new Intl.NumberFormat(intlLocale(l ?? locale.value)).format(n);
}
