// The console's frame around every page: the partner's name, the signed-in user, navigation by
// role, search, the running timer, language, shortcuts and sign out.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { roleLabel } from '../shared/labels';
import { navigate, route, Link } from '../shared/router';
import { me, signOut } from '../shared/session';
import { Button, LanguageSwitch, Page, ShortcutsButton, type NavItem } from '../shared/ui';
import { registerShortcut } from '../shared/shortcuts';
import { organizations, partnerName } from './directory';
import { capabilitiesOf } from './roles';
import { runningTimer, TimerBadge } from './timerStore';
import type { Role } from './types';

/** The header's search box, focused by "/". */
export const searchInput: { current: HTMLInputElement | null } = { current: null };

export function navFor(role: Role): NavItem[] {
  const can = capabilitiesOf(role);
  const path = route.value.path;
  const items: NavItem[] = [
    {
      href: '/console',
      label: t('console.nav.queue'),
      current: path === '/console' || path.startsWith('/console/queue') || path.startsWith('/console/search') || path.startsWith('/console/tickets'),
    },
  ];
  if (can.vendorQueue) items.push({ href: '/console/vendor-cases', label: t('console.nav.vendor_cases') });
  if (can.readBilling) items.push({ href: '/console/billing', label: t('console.nav.billing') });
  if (can.dashboards) items.push({ href: '/console/dashboards', label: t('console.nav.dashboards') });
  if (can.admin) items.push({ href: '/console/admin', label: t('console.nav.admin') });
  return items;
}

function SearchForm() {
  const [text, setText] = useState(route.value.query.get('q') ?? '');
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    searchInput.current = ref.current;
    return () => {
      if (searchInput.current === ref.current) searchInput.current = null;
    };
  }, []);
  return (
    <form
      role="search"
      class="console-search"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) navigate(`/console/search?q=${encodeURIComponent(text.trim())}`);
      }}
    >
      <label for="console-search" class="visually-hidden">
        {t('console.search.label')}
      </label>
      <input
        id="console-search"
        ref={ref}
        type="search"
        value={text}
        placeholder={t('console.search.placeholder')}
        aria-keyshortcuts="/"
        maxLength={200}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <Button type="submit">{t('console.search.button')}</Button>
    </form>
  );
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const off = [
      registerShortcut('/', 'console.shortcut.search', () => searchInput.current?.focus()),
      registerShortcut('g q', 'console.shortcut.go_queue', () => navigate('/console')),
    ];
    return () => off.forEach((f) => f());
  }, []);
}

export interface ConsolePageProps {
  title: string;
  titleActions?: ComponentChildren;
  children?: ComponentChildren;
  wide?: boolean;
}

export function ConsolePage(props: ConsolePageProps) {
  const user = me.value;
  const role = (user?.role ?? 'agent') as Role;
  const ownOrg = user ? organizations.value.get(user.organization_id)?.name ?? user.organization?.name : '';
  const partner = partnerName.value || (user?.organization?.kind === 'partner' ? user.organization.name : '');
  return (
    <Page
      title={props.title}
      titleActions={props.titleActions}
      brand={
        <>
          <span class="brand__name">{partner || 'Tierdesk'}</span>
          <span class="brand__face"> · {t('console.brand')}</span>
        </>
      }
      brandHref="/console"
      nav={navFor(role)}
      mainClass={props.wide ? 'site-main console-main console-main--wide' : 'site-main console-main'}
      actions={
        <>
          <SearchForm />
          {runningTimer.value && <TimerBadge />}
          {user && (
            <span class="console-user">
              <span class="console-user__name">{user.name}</span>
              <span class="console-user__meta">
                {roleLabel(user.role)}
                {ownOrg && ownOrg !== partner ? ` · ${ownOrg}` : ''}
              </span>
            </span>
          )}
          <LanguageSwitch />
          <ShortcutsButton />
          <Button variant="link" onClick={() => void signOut()}>
            {t('common.sign_out')}
          </Button>
        </>
      }
    >
      {props.children}
    </Page>
  );
}

export function NotFoundPage() {
  return (
    <ConsolePage title={t('console.not_found.title')}>
      <p>{t('common.error.not_found')}</p>
      <p>
        <Link href="/console">{t('console.not_found.back')}</Link>
      </p>
    </ConsolePage>
  );
}

export function ForbiddenPage() {
  return (
    <ConsolePage title={t('console.forbidden.title')}>
      <p>{t('console.forbidden.text')}</p>
      <p>
        <Link href="/console">{t('console.not_found.back')}</Link>
      </p>
    </ConsolePage>
  );
}
