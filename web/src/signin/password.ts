// Client-side checks of a new password before it is sent (the server applies the full policy:
// common passwords, the e-mail address; its message is shown next to the field).
import { t } from '../shared/i18n';

export const MIN_PASSWORD_BYTES = 12;
export const MAX_PASSWORD_BYTES = 1024;

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The error for the new-password field, or '' when it may be sent. */
export function newPasswordError(password: string): string {
  if (!password) return t('signin.password.required');
  const bytes = utf8Length(password);
  if (bytes < MIN_PASSWORD_BYTES) return t('signin.password.too_short', { min: MIN_PASSWORD_BYTES });
  if (bytes > MAX_PASSWORD_BYTES) return t('signin.password.too_long', { max: MAX_PASSWORD_BYTES });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(password)) return t('signin.password.control');
  if (password.trim() === '') return t('signin.password.blank');
  return '';
}

export function confirmError(password: string, confirm: string): string {
  if (!confirm) return t('signin.password.confirm_required');
  return password === confirm ? '' : t('signin.password.mismatch');
}

/**
 * The server's field messages are English fragments ("is wrong", "is one of the most common
 * passwords; choose another"): say them in the user's language, keeping the server's reason.
 */
export function serverPasswordErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...errors };
  if (out.current_password) out.current_password = t('signin.error.current_wrong');
  if (out.new_password) out.new_password = newPasswordRuleText(out.new_password);
  if (out.token) out.token = t('signin.reset.token_invalid');
  return out;
}

/** The policy rule the server names (core/user/password.cpp), in the user's language. */
export function newPasswordRuleText(message: string): string {
  if (message.includes('most common')) return t('signin.password.common');
  if (message.includes('e-mail address')) return t('signin.password.email');
  if (message.includes('one character repeated')) return t('signin.password.repeated');
  if (message.includes('white space')) return t('signin.password.blank');
  if (message.includes('control characters')) return t('signin.password.control');
  if (message.includes('12 to 1024')) return t('signin.password.too_short', { min: MIN_PASSWORD_BYTES });
  if (message.includes('differ from the current')) return t('signin.password.same');
  return t('signin.password.refused', { reason: message });
}

/**
 * The client-side errors of the "new password twice" fields (`new_password`, `confirm`); with
 * `current` (changing a known password), the new one must also differ from it.
 */
export function newPasswordErrors(password: string, confirm: string, current?: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const p = newPasswordError(password);
  if (p) errors.new_password = p;
  else if (current !== undefined && password === current) errors.new_password = t('signin.password.same');
  const c = confirmError(password, confirm);
  if (c) errors.confirm = c;
  return errors;
}
