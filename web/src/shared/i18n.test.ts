import { describe, expect, it } from 'vitest';
import { hasKey, interpolate, locale, registerCatalogue, t, toLocale } from './i18n';

describe('i18n', () => {
  it('maps locale tags to the two languages', () => {
    expect(toLocale('ko-KR')).toBe('ko');
    expect(toLocale('ko')).toBe('ko');
    expect(toLocale('en-US')).toBe('en');
    expect(toLocale('de-DE')).toBeNull();
    expect(toLocale('')).toBeNull();
  });

  it('interpolates {name} placeholders and leaves unknown ones', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('translates in the current locale, falls back to English, then to the key', () => {
    registerCatalogue('portal', { 'x.only_en': 'Only English', 'x.both': 'Hello {name}' }, { 'x.both': '{name}님 안녕하세요' });
    locale.value = 'ko';
    expect(t('x.both', { name: '민지' })).toBe('민지님 안녕하세요');
    expect(t('x.only_en')).toBe('Only English');
    expect(t('x.nothing')).toBe('x.nothing');
    locale.value = 'en';
    expect(t('x.both', { name: 'Minji' })).toBe('Hello Minji');
    expect(hasKey('common.sign_out')).toBe(true);
  });
});
