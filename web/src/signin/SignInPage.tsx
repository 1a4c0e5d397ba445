import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../shared/api';
import { formatDuration } from '../shared/format';
import { t } from '../shared/i18n';
import { route, safeNext } from '../shared/router';
import type { User } from '../shared/session';
import { Button, Field, Notice, errorText } from '../shared/ui';
import { AuthLayout } from './App';
import { AuthForm, useAuthForm } from './forms';

interface LoginAnswer {
  csrf_token: string;
  expires_at: string;
  user: User;
}

/** Where to go after signing in: `next` when it is a path of this site, else "/" (by role). */
export function destinationAfterSignIn(query: URLSearchParams): string {
  return safeNext(query.get('next')) ?? '/';
}

export function SignInPage() {
  const query = route.value.query;
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [password, setPassword] = useState('');
  const form = useAuthForm();
  const { busy, setBusy, error, setError, fieldErrors, setFieldErrors } = form;
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const passwordRef = useRef<HTMLInputElement>(null);

  // While throttled, count the wait down and keep the button off.
  useEffect(() => {
    if (waitUntil <= Date.now()) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);
  const waitSeconds = Math.max(0, Math.ceil((waitUntil - now) / 1000));

  const reason = query.get('reason');
  const notice =
    reason === 'password_changed'
      ? t('signin.notice.password_changed')
      : reason === 'password_reset'
        ? t('signin.notice.password_reset')
        : reason === 'signed_out'
          ? t('signin.notice.signed_out')
          : query.get('next')
            ? t('signin.notice.session_ended')
            : '';

  const submit = async (event: Event) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!email.trim()) errors.email = t('signin.error.email_required');
    if (!password) errors.password = t('signin.error.password_required');
    if (!form.check(errors)) return;
    setBusy(true);
    try {
      await api<LoginAnswer>('POST', '/auth/login', { email: email.trim(), password, session: 'cookie' }, { noAuthRedirect: true });
      window.location.assign(destinationAfterSignIn(query));
      return;
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.status === 401) {
        setError(t('signin.error.wrong'));
        passwordRef.current?.focus();
      } else if (err instanceof ApiError && (err.status === 429 || err.status === 503)) {
        const seconds = err.retryAfter ?? 60;
        setWaitUntil(Date.now() + seconds * 1000);
        setNow(Date.now());
        setError(
          err.status === 429
            ? t('signin.error.throttled', { time: formatDuration(seconds) })
            : t('signin.error.busy', { time: formatDuration(seconds) }),
        );
      } else if (err instanceof ApiError && err.status === 422) {
        setFieldErrors(err.errors);
        setError(errorText(err));
      } else {
        setError(errorText(err));
      }
    }
    setBusy(false);
  };

  return (
    <AuthLayout title={t('signin.title')}>
      {notice && !error && <Notice kind="info">{notice}</Notice>}
      <AuthForm error={error} onSubmit={submit}>
        <Field
          label={t('signin.email')}
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onValue={setEmail}
          error={fieldErrors.email}
          required
          controlProps={{ autoFocus: !email, inputMode: 'email', spellcheck: false, autoCapitalize: 'none' }}
        />
        <Field label={t('signin.password')} error={fieldErrors.password} required>
          {(a11y) => (
            <input
              {...a11y}
              ref={passwordRef}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              autoFocus={!!email}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy} disabled={waitSeconds > 0}>
          {waitSeconds > 0 ? t('signin.wait', { time: formatDuration(waitSeconds) }) : busy ? t('signin.signing_in') : t('signin.submit')}
        </Button>
      </AuthForm>
      <div class="auth-links">
        <a href="/reset">{t('signin.have_reset_token')}</a>
      </div>
      <p class="muted">{t('signin.forgot_help')}</p>
    </AuthLayout>
  );
}
