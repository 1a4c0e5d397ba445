import { useState } from 'preact/hooks';
import { api } from '../shared/api';
import { t } from '../shared/i18n';
import { route } from '../shared/router';
import { Button, Field, Notice } from '../shared/ui';
import { AuthLayout } from './App';
import { AuthForm, NewPasswordFields, showPasswordFailure, useAuthForm } from './forms';
import { newPasswordErrors } from './password';

interface ResetAnswer {
  user_id: number;
  email: string;
}

export function ResetPage() {
  const [token, setToken] = useState(route.value.query.get('token') ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useAuthForm();
  const { busy, setBusy, error, fieldErrors } = form;
  const [done, setDone] = useState<ResetAnswer | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!token.trim()) errors.token = t('signin.reset.token_required');
    if (!form.check({ ...errors, ...newPasswordErrors(password, confirm) })) return;
    setBusy(true);
    try {
      const answer = await api<ResetAnswer>('POST', '/auth/password-reset', { token: token.trim(), new_password: password }, { noAuthRedirect: true });
      setDone(answer);
      setPassword('');
      setConfirm('');
    } catch (err) {
      showPasswordFailure(err, form);
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
      <AuthForm error={error} onSubmit={submit}>
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
        <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={fieldErrors} />
        <Button type="submit" variant="primary" busy={busy}>
          {t('signin.reset.submit')}
        </Button>
      </AuthForm>
      <div class="auth-links">
        <a href="/signin">{t('signin.back_to_sign_in')}</a>
      </div>
    </AuthLayout>
  );
}
