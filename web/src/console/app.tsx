// The console: loads the signed-in user, then shows the page the address names.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { t } from '../shared/i18n';
import { route } from '../shared/router';
import { loadMe, me } from '../shared/session';
import { errorText, Loading, Notice } from '../shared/ui';
import { ensureDirectory } from './directory';
import { lazyPage } from './lazy';
import { ForbiddenPage, NotFoundPage, useGlobalShortcuts } from './layout';
import { QueuePage } from './queue/QueuePage';
import { capabilitiesOf, isConsoleRole } from './roles';
import { parseRoute } from './routes';
import { TicketPage } from './ticket/TicketPage';
import { refreshTimer } from './timerStore';
import type { Role } from './types';
import { VendorCasesPage } from './vendor/VendorCasesPage';

const AdminArea = lazyPage(() => import('./admin/AdminArea'));
const BillingPage = lazyPage(() => import('./billing/BillingPage'));
const DashboardsPage = lazyPage(() => import('./dashboards/DashboardsPage'));

export function App() {
  const [error, setError] = useState<unknown>(null);
  useGlobalShortcuts();

  useEffect(() => {
    loadMe()
      .then((user) => {
        if (user.role === 'requester' || user.role === 'customer_admin') {
          window.location.replace('/portal');
          return;
        }
        const role = user.role as Role;
        void ensureDirectory({ teams: capabilitiesOf(role).readTeams });
        if (capabilitiesOf(role).logTime) void refreshTimer();
      })
      .catch((e: unknown) => {
        // A 401 already went to the sign-in page.
        if (!(e instanceof ApiError && e.status === 401)) setError(e);
      });
  }, []);

  const user = me.value;
  if (error) {
    return (
      <main id="main" class="site-main">
        <h1>{t('console.brand')}</h1>
        <Notice kind="error">{errorText(error)}</Notice>
      </main>
    );
  }
  if (!user) {
    return (
      <main id="main" class="site-main">
        <Loading />
      </main>
    );
  }
  if (!isConsoleRole(user.role)) {
    return (
      <main id="main" class="site-main">
        <h1>{t('console.brand')}</h1>
        <Notice kind="error">{t('console.forbidden.text')}</Notice>
      </main>
    );
  }
  const role = user.role as Role;
  const can = capabilitiesOf(role);
  const r = parseRoute(route.value.path, route.value.query);
  switch (r.page) {
    case 'queue':
      return <QueuePage route={r} />;
    case 'ticket':
      return <TicketPage key={r.id} id={r.id} />;
    case 'vendor-cases':
      return can.vendorQueue ? <VendorCasesPage /> : <ForbiddenPage />;
    case 'admin':
      return can.admin ? <AdminArea section={r.section} item={r.item} /> : <ForbiddenPage />;
    case 'billing':
      return can.readBilling ? <BillingPage period={r.period} /> : <ForbiddenPage />;
    case 'dashboards':
      return can.dashboards ? <DashboardsPage /> : <ForbiddenPage />;
    default:
      return <NotFoundPage />;
  }
}
