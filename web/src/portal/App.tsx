import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { t } from '../shared/i18n';
import { match, navigate, route } from '../shared/router';
import { isPortalRole, loadMe, me, signOut } from '../shared/session';
import { registerShortcut } from '../shared/shortcuts';
import { Button, ErrorNotice, LanguageSwitch, Loading, Page, ShortcutsButton, type NavItem } from '../shared/ui';
import { TicketsPage } from './TicketsPage';
import { NewTicketPage } from './NewTicketPage';
import { TicketPage } from './TicketPage';
import { StatementPage } from './StatementPage';
import { UsagePage } from './UsagePage';
import { PeoplePage } from './PeoplePage';

export function isCustomerAdmin(): boolean {
  return me.value?.role === 'customer_admin';
}

/** The portal's frame around a page: header with organisation, user, language, account links. */
export function PortalPage(props: { title: string; titleActions?: ComponentChildren; children?: ComponentChildren }) {
  const user = me.value;
  const admin = isCustomerAdmin();
  const path = route.value.path;
  const nav: NavItem[] = [
    { href: '/portal', label: admin ? t('portal.nav.org_tickets') : t('portal.nav.tickets'), current: path === '/portal' || path.startsWith('/portal/tickets') },
    { href: '/portal/new', label: t('portal.nav.new') },
    { href: '/portal/statement', label: t('portal.nav.statement') },
  ];
  if (admin) {
    nav.push({ href: '/portal/usage', label: t('portal.nav.usage') });
    nav.push({ href: '/portal/people', label: t('portal.nav.people') });
  }
  return (
    <Page
      title={props.title}
      titleActions={props.titleActions}
      brand={user?.organization.name ?? 'Tierdesk'}
      brandHref="/portal"
      nav={nav}
      actions={
        <>
          {user && (
            <span class="who">{t('common.signed_in_as', { name: user.name })}</span>
          )}
          <LanguageSwitch />
          <a href="/account/password">{t('common.change_password')}</a>
          <ShortcutsButton />
          <Button variant="secondary" onClick={() => void signOut()}>
            {t('common.sign_out')}
          </Button>
        </>
      }
    >
      {props.children}
    </Page>
  );
}

function Routes() {
  const path = route.value.path.replace(/\/+$/, '') || '/';
  if (path === '/portal') return <TicketsPage />;
  if (path === '/portal/new') return <NewTicketPage />;
  const ticket = match('/portal/tickets/:id', path);
  if (ticket && /^\d+$/.test(ticket.id!)) return <TicketPage id={Number(ticket.id)} />;
  if (path === '/portal/statement') return <StatementPage />;
  if (path === '/portal/usage') return <UsagePage />;
  if (path === '/portal/people') return <PeoplePage />;
  return (
    <PortalPage title={t('common.error.not_found')}>
      <p>
        <a href="/portal">{t('portal.nav.tickets')}</a>
      </p>
    </PortalPage>
  );
}

export function App() {
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    loadMe()
      .then((user) => {
        // Partner, reseller and provider staff work in the console.
        if (!isPortalRole(user.role)) window.location.replace('/console');
      })
      .catch(setError);
    const off = [
      registerShortcut('n', 'portal.shortcut.new', () => navigate('/portal/new')),
      registerShortcut('g t', 'portal.shortcut.tickets', () => navigate('/portal')),
      registerShortcut('g s', 'portal.shortcut.statement', () => navigate('/portal/statement')),
    ];
    return () => off.forEach((f) => f());
  }, []);

  if (error) {
    return (
      <main class="site-main">
        <h1>Tierdesk</h1>
        <ErrorNotice error={error} />
      </main>
    );
  }
  if (!me.value || !isPortalRole(me.value.role)) {
    return (
      <main class="site-main">
        <Loading />
      </main>
    );
  }
  return <Routes />;
}
