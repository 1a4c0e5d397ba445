import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, signInUrl } from '../shared/api';
import { t } from '../shared/i18n';
import { loadMe, me, isPortalRole } from '../shared/session';
import { Button, Field, Loading, Notice, errorText } from '../shared/ui';
import { AuthLayout } from './App';
import { confirmError, newPasswordError, serverPasswordErrors } from './password';

interface ChangeAnswer {
  changed: boolean;
  revoked_sessions: number;
}

/** After a change: is this session still valid? (the server keeps it, but says so only by /me). */
async function sessionStillValid(): Promise<boolean> {
  try {
    await api('GET', '/me', undefined, { noAuthRedirect: true });
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return false;
    return true;
  }
}

export function ChangePasswordPage() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<ChangeAnswer | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    loadMe().catch((err) => setLoadError(err));
  }, []);

  const user = me.value;
  const home = user && isPortalRole(user.role) ? '/portal' : user ? '/console' : '/';

  const submit = async (event: Event) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!current) errors.current_password = t('signin.error.password_required');
    const p = newPasswordError(password);
    if (p) errors.new_password = p;
    else if (password === current) errors.new_password = t('signin.password.same');
    const c = confirmError(password, confirm);
    if (c) errors.confirm = c;
    setFieldErrors(errors);
    setError('');
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const answer = await api<ChangeAnswer>('POST', '/auth/password', { current_password: current, new_password: password });
      setCurrent('');
      setPassword('');
      setConfirm('');
      if (!(await sessionStillValid())) {
        window.location.assign(`/signin?reason=password_changed&next=${encodeURIComponent(home)}`);
        return;
      }
      setDone(answer);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setFieldErrors(serverPasswordErrors(err.errors));
      setError(err instanceof ApiError && err.status === 429 ? t('signin.error.throttled_plain') : errorText(err));
    }
    setBusy(false);
  };

  if (loadError) {
    return (
      <AuthLayout title={t('signin.change.title')}>
        <Notice kind="error">{errorText(loadError)}</Notice>
        <p>
          <a href={signInUrl()}>{t('signin.title')}</a>
        </p>
      </AuthLayout>
    );
  }
  if (!user) {
    return (
      <AuthLayout title={t('signin.change.title')}>
        <Loading />
      </AuthLayout>
    );
  }

  if (done) {
    return (
      <AuthLayout title={t('signin.change.title')}>
        <Notice kind="success">
          <p>{t('signin.change.done')}</p>
          {done.revoked_sessions > 0 && <p>{t('signin.change.revoked', { count: done.revoked_sessions })}</p>}
        </Notice>
        <p>
          <a class="btn btn--primary" href={home}>
            {t('signin.change.back')}
          </a>
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('signin.change.title')}>
      <p>{t('signin.change.intro', { email: user.email })}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={submit} noValidate>
        {/* The account's address, for password managers. */}
        <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <Field
          label={t('signin.current_password')}
          type="password"
          name="current_password"
          autoComplete="current-password"
          value={current}
          onValue={setCurrent}
          error={fieldErrors.current_password}
          required
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
        <div class="button-row">
          <Button type="submit" variant="primary" busy={busy}>
            {t('signin.change.submit')}
          </Button>
          <a class="btn btn--secondary" href={home}>
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </AuthLayout>
  );
}
