import { useState } from 'preact/hooks';
import { api, ApiError } from '../shared/api';
import { t } from '../shared/i18n';
import { route } from '../shared/router';
import { Button, Field, Notice, errorText } from '../shared/ui';
import { AuthLayout } from './App';
import { confirmError, newPasswordError, serverPasswordErrors } from './password';

interface ResetAnswer {
  user_id: number;
  email: string;
}

export function ResetPage() {
  const [token, setToken] = useState(route.value.query.get('token') ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<ResetAnswer | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!token.trim()) errors.token = t('signin.reset.token_required');
    const p = newPasswordError(password);
    if (p) errors.new_password = p;
    const c = confirmError(password, confirm);
    if (c) errors.confirm = c;
    setFieldErrors(errors);
    setError('');
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const answer = await api<ResetAnswer>('POST', '/auth/password-reset', { token: token.trim(), new_password: password }, { noAuthRedirect: true });
      setDone(answer);
      setPassword('');
      setConfirm('');
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setFieldErrors(serverPasswordErrors(err.errors));
      setError(err instanceof ApiError && err.status === 429 ? t('signin.error.throttled_plain') : errorText(err));
    }
    setBusy(false);
  };

  if (done) {
    return (
      <AuthLayout title={t('signin.reset.title')}>
        <Notice kind="success">{t('signin.reset.done', { email: done.email })}</Notice>
        <p>
          <a class="btn btn--primary" href={`/signin?reason=password_reset&email=${encodeURIComponent(done.email)}`}>
            {t('signin.reset.go_sign_in')}
          </a>
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('signin.reset.title')}>
      <p>{t('signin.reset.intro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={submit} noValidate>
        <Field
          label={t('signin.reset.token')}
          hint={t('signin.reset.token_hint')}
          name="token"
          value={token}
          onValue={setToken}
          error={fieldErrors.token}
          required
          autoComplete="one-time-code"
          controlProps={{ spellcheck: false, autoCapitalize: 'none' }}
        />
        <Field
          label={t('signin.new_password')}
          hint={t('signin.password.rules')}
          type="password"
          name="new_password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          error={fieldErrors.new_password}
          required
        />
        <Field
          label={t('signin.confirm_password')}
          type="password"
          name="confirm"
          autoComplete="new-password"
          value={confirm}
          onValue={setConfirm}
          error={fieldErrors.confirm}
          required
        />
        <Button type="submit" variant="primary" busy={busy}>
          {t('signin.reset.submit')}
        </Button>
      </form>
      <div class="auth-links">
        <a href="/signin">{t('signin.back_to_sign_in')}</a>
      </div>
    </AuthLayout>
  );
}
