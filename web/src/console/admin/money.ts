// Money in forms: people type major units ("1,500.50"), the API takes minor units (150050).
import { currencyExponent } from '../../shared/format';

/** "1,500.50" USD -> 150050; "150,000" KRW -> 150000; null when it is not an amount. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.trim().replace(/[,\s_]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const exp = currencyExponent(currency || 'XXX');
  const [whole, fraction = ''] = cleaned.replace('-', '').split('.');
  if (fraction.length > exp) return null;
  const minor = Number(whole) * 10 ** exp + Number((fraction + '0'.repeat(exp)).slice(0, exp) || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return cleaned.startsWith('-') ? -minor : minor;
}

/** 150050 USD -> "1500.50"; 150000 KRW -> "150000" (what the input shows for editing). */
export function moneyInput(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '';
  const exp = currencyExponent(currency || 'XXX');
  if (exp === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 10 ** exp)}.${String(abs % 10 ** exp).padStart(exp, '0')}`;
}

/** A whole number from a form field, or null. */
export function parseInteger(text: string): number | null {
  const s = text.trim();
  if (!/^-?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** "a.example, b.example" -> ["a.example", "b.example"] */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
}
