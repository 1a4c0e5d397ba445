import { route } from '../shared/router';
import { Page, LanguageSwitch } from '../shared/ui';
import { t } from '../shared/i18n';
import type { ComponentChildren } from 'preact';
import { SignInPage } from './SignInPage';
import { ResetPage } from './ResetPage';
import { ChangePasswordPage } from './ChangePasswordPage';

export function App() {
  const path = route.value.path.replace(/\/+$/, '') || '/';
  if (path === '/signin') return <SignInPage />;
  if (path === '/reset') return <ResetPage />;
  if (path === '/account/password' || path === '/account') return <ChangePasswordPage />;
  return (
    <AuthLayout title={t('common.error.not_found')}>
      <p>
        <a href="/signin">{t('signin.title')}</a>
      </p>
    </AuthLayout>
  );
}

/** The narrow page every sign-in screen uses: the brand, the language switch, one card. */
export function AuthLayout({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <Page title={title} brand="Tierdesk" mainClass="site-main--narrow" actions={<LanguageSwitch />}>
      <div class="auth-card">{children}</div>
    </Page>
  );
}
