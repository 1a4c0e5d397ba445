import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, signInUrl } from '../shared/api';
import { t } from '../shared/i18n';
import { loadMe, me, isPortalRole } from '../shared/session';
import { Button, Field, Loading, Notice, errorText } from '../shared/ui';
import { AuthLayout } from './App';
import { AuthForm, NewPasswordFields, showPasswordFailure, useAuthForm } from './forms';
import { newPasswordErrors } from './password';

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
  const form = useAuthForm();
  const { busy, setBusy, error, fieldErrors } = form;
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
    if (!form.check({ ...errors, ...newPasswordErrors(password, confirm, current) })) return;
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
      showPasswordFailure(err, form);
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
      <AuthForm error={error} onSubmit={submit}>
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
        <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={fieldErrors} />
        <div class="button-row">
          <Button type="submit" variant="primary" busy={busy}>
            {t('signin.change.submit')}
          </Button>
          <a class="btn btn--secondary" href={home}>
            {t('common.cancel')}
          </a>
        </div>
      </AuthForm>
    </AuthLayout>
  );
}
