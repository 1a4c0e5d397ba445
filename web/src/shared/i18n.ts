// Translations: flat JSON catalogues per face (common, signin, portal, console) in English and
// Korean, in web/src/i18n/<face>.<lang>.json. A face registers its catalogues once in its main.tsx:
//
//   import en from '../i18n/portal.en.json';
//   import ko from '../i18n/portal.ko.json';
//   registerCatalogue('portal', en, ko);
//
// t(key, {name}) reads the current locale signal, so a component that calls t() re-renders when
// the language changes. The language is the user's choice (localStorage), else the organisation's
// locale (applyOrganizationLocale, from /me), else the browser's. <html lang> follows it.
// web/src/i18n/catalogue.test.ts checks that every literal key given to t() exists in both languages.
import { signal } from '@preact/signals';
import commonEn from '../i18n/common.en.json';
import commonKo from '../i18n/common.ko.json';

export type Locale = 'en' | 'ko';
export type Face = 'common' | 'signin' | 'portal' | 'console';
export type Catalogue = Record<string, string>;

export const LOCALES: readonly Locale[] = ['en', 'ko'];
export const LOCALE_STORAGE_KEY = 'tierdesk.locale';

const catalogues: Record<Locale, Catalogue> = { en: { ...commonEn }, ko: { ...commonKo } };
const registered = new Set<Face>(['common']);

export function registerCatalogue(face: Face, en: Catalogue, ko: Catalogue): void {
  Object.assign(catalogues.en, en);
  Object.assign(catalogues.ko, ko);
  registered.add(face);
}

/** The same, as a hook-like name for components (idempotent). */
export function useCatalogue(face: Face, en: Catalogue, ko: Catalogue): void {
  if (!registered.has(face)) registerCatalogue(face, en, ko);
}

/** 'ko', 'ko-KR', 'ko_KR' -> 'ko'; anything else -> 'en' (or null when it says nothing). */
export function toLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower === 'ko' || lower.startsWith('ko-') || lower.startsWith('ko_')) return 'ko';
  if (lower === 'en' || lower.startsWith('en-') || lower.startsWith('en_')) return 'en';
  return null;
}

function storedChoice(): Locale | null {
  try {
    return toLocale(globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  const langs = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  for (const tag of langs) {
    const l = toLocale(tag);
    if (l) return l;
  }
  return 'en';
}

export const locale = signal<Locale>(storedChoice() ?? browserLocale());

function applyToDocument(l: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}
applyToDocument(locale.value);

/** The user's choice: remembered in this browser. */
export function setLocale(l: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, l);
  } catch {
    // storage unavailable (private mode): the choice lasts for this page
  }
  locale.value = l;
  applyToDocument(l);
}

/** The organisation's locale from /me, unless the user chose a language here. */
export function applyOrganizationLocale(tag: string | null | undefined): void {
  if (storedChoice()) return;
  const l = toLocale(tag);
  if (l && l !== locale.value) {
    locale.value = l;
    applyToDocument(l);
  }
}

/** BCP 47 tag for Intl formatting. */
export function intlLocale(l: Locale = locale.value): string {
  return l === 'ko' ? 'ko-KR' : 'en-GB';
}

/** Replace {name} placeholders. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function t(key: string, params?: Record<string, string | number>): string {
  const l = locale.value;
  const text = catalogues[l][key] ?? catalogues.en[key];
  if (text === undefined) {
    if (import.meta.env?.DEV) console.warn(`i18n: missing key ${key}`);
    return key;
  }
  return interpolate(text, params);
}

/** Whether a key exists (for optional, server-driven keys such as a status name). */
export function hasKey(key: string): boolean {
  return key in catalogues.en;
}

/** t(key) when the key exists, else the fallback (server values with no translation). */
export function tOr(key: string, fallback: string, params?: Record<string, string | number>): string {
  return hasKey(key) ? t(key, params) : fallback;
}
