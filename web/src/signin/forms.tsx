// What the sign-in, reset and change-password forms share: their state (busy, the form's error,
// per-field errors), the error notice above the form, the "new password twice" fields and how a
// refused password is shown.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { t } from '../shared/i18n';
import { Field, Notice, errorText } from '../shared/ui';
import { serverPasswordErrors } from './password';

export interface AuthFormState {
  busy: boolean;
  setBusy: (busy: boolean) => void;
  error: string;
  setError: (error: string) => void;
  fieldErrors: Record<string, string>;
  setFieldErrors: (errors: Record<string, string>) => void;
  /** Show the client-side field errors and clear the form's error; true when the form may be sent. */
  check: (errors: Record<string, string>) => boolean;
}

export function useAuthForm(): AuthFormState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const check = (errors: Record<string, string>) => {
    setFieldErrors(errors);
    setError('');
    return Object.keys(errors).length === 0;
  };
  return { busy, setBusy, error, setError, fieldErrors, setFieldErrors, check };
}

/** The form's error (if any) above a form the browser does not validate itself. */
export function AuthForm({ error, onSubmit, children }: { error: string; onSubmit: (event: Event) => void; children: ComponentChildren }) {
  return (
    <>
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </>
  );
}

/** A refused new password: the server's field messages in the user's language, and the form's error. */
export function showPasswordFailure(err: unknown, form: AuthFormState): void {
  if (err instanceof ApiError && err.status === 422) form.setFieldErrors(serverPasswordErrors(err.errors));
  form.setError(err instanceof ApiError && err.status === 429 ? t('signin.error.throttled_plain') : errorText(err));
}

/** The new password and its confirmation (fields `new_password` and `confirm`). */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
}: {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <Field
        label={t('signin.new_password')}
        hint={t('signin.password.rules')}
        type="password"
        name="new_password"
        autoComplete="new-password"
        value={password}
        onValue={onPassword}
        error={errors.new_password}
        required
      />
      <Field
        label={t('signin.confirm_password')}
        type="password"
        name="confirm"
        autoComplete="new-password"
        value={confirm}
        onValue={onConfirm}
        error={errors.confirm}
        required
      />
    </>
  );
}
