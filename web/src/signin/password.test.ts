import { beforeAll, describe, expect, it } from 'vitest';
import { locale, registerCatalogue } from '../shared/i18n';
import en from '../i18n/signin.en.json';
import ko from '../i18n/signin.ko.json';
import { confirmError, newPasswordError, newPasswordRuleText, serverPasswordErrors, utf8Length } from './password';
import { destinationAfterSignIn } from './SignInPage';

beforeAll(() => {
  registerCatalogue('signin', en, ko);
  locale.value = 'en';
});

describe('new password checks', () => {
  it('counts UTF-8 bytes as the server does', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('비밀번호')).toBe(12);
    expect(newPasswordError('비밀번호')).toBe('');
    expect(newPasswordError('short')).toBe('Use at least 12 characters.');
    expect(newPasswordError('tab\tinside password')).toMatch(/tabs/);
    expect(newPasswordError('')).toBe('Enter a new password.');
  });

  it('the confirmation must match', () => {
    expect(confirmError('a long password', 'a long password')).toBe('');
    expect(confirmError('a long password', 'another one')).toBe('The two passwords are not the same.');
  });

  it("the server's rule messages are said in the user's language", () => {
    expect(newPasswordRuleText('is one of the most common passwords; choose another')).toMatch(/most common/);
    locale.value = 'ko';
    expect(newPasswordRuleText('is one of the most common passwords; choose another')).toBe('너무 흔한 비밀번호입니다. 다른 비밀번호를 사용하세요.');
    expect(serverPasswordErrors({ current_password: 'is wrong' }).current_password).toBe('현재 비밀번호가 올바르지 않습니다.');
    expect(newPasswordRuleText('a rule nobody knows')).toBe('사용할 수 없는 비밀번호입니다(a rule nobody knows).');
    locale.value = 'en';
  });
});

describe('after sign-in', () => {
  it('goes to next only when it is a path of this site', () => {
    expect(destinationAfterSignIn(new URLSearchParams('next=%2Fportal%2Ftickets%2F7'))).toBe('/portal/tickets/7');
    expect(destinationAfterSignIn(new URLSearchParams('next=https://evil.example/'))).toBe('/');
    expect(destinationAfterSignIn(new URLSearchParams('next=//evil.example'))).toBe('/');
    expect(destinationAfterSignIn(new URLSearchParams(''))).toBe('/');
  });
});
