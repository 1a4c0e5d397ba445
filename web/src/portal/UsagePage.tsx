import { api } from '../shared/api';
import { formatMinutes, formatMoney, formatNumber } from '../shared/format';
import { locale, t } from '../shared/i18n';
import { Link } from '../shared/router';
import { me } from '../shared/session';
import { useResource } from '../shared/resource';
import { DataTable, DateTime, Details, ErrorNotice, Loading, Money, Notice, type Column } from '../shared/ui';
import { PortalPage, isCustomerAdmin } from './App';
import { lineKindLabel, unitLabel } from './labels';
import type { BillingLine, PrepaidBlock, UsageJson } from './types';

/** A closed period's statement (GET /api/v1/customers/{id}/billing-statements). */
interface IssuedStatement {
  period: string;
  closed_at: string;
  html: string;
  csv: string;
}

export function UsagePage() {
  const admin = isCustomerAdmin();
  const customer = me.value!.organization.id;
  const usage = useResource((signal) => (admin ? api<UsageJson>('GET', '/billing/usage', undefined, { signal }) : Promise.resolve(null)), [admin]);
  const statements = useResource(
    (signal) =>
      admin
        ? api<{ items: IssuedStatement[] }>('GET', `/customers/${customer}/billing-statements`, undefined, { signal })
        : Promise.resolve({ items: [] }),
    [admin, customer],
  );
  const blocks = useResource(
    (signal) => (admin ? api<{ items: PrepaidBlock[] }>('GET', `/customers/${customer}/prepaid-blocks`, undefined, { signal }) : Promise.resolve({ items: [] })),
    [admin, customer],
  );

  if (!admin) {
    return (
      <PortalPage title={t('portal.usage.title')}>
        <Notice kind="info">{t('portal.admin_only')}</Notice>
      </PortalPage>
    );
  }

  const u = usage.data;
  const lineColumns: Column<BillingLine>[] = [
    { key: 'kind', label: t('portal.usage.kind'), render: (l) => lineKindLabel(l.kind) },
    { key: 'ticket', label: t('portal.usage.ticket'), render: (l) => (l.ticket_id ? <Link href={`/portal/tickets/${l.ticket_id}`}>#{l.ticket_id}</Link> : '—') },
    { key: 'description', label: t('portal.usage.description'), render: (l) => l.description },
    { key: 'quantity', label: t('portal.usage.quantity'), class: 'num', render: (l) => unitLabel(l.unit, l.quantity) },
    { key: 'unit_price', label: t('portal.usage.unit_price'), class: 'num', render: (l) => <Money minor={l.unit_price} currency={l.currency} /> },
    { key: 'amount', label: t('portal.usage.amount'), class: 'num', render: (l) => <Money minor={l.amount} currency={l.currency} /> },
  ];
  const blockColumns: Column<PrepaidBlock>[] = [
    { key: 'purchased_on', label: t('portal.usage.purchased_on'), render: (b) => <DateTime iso={b.purchased_on} dateOnly zone="UTC" />, sortValue: (b) => b.purchased_on },
    { key: 'unit', label: t('portal.usage.block_unit'), render: (b) => (b.unit === 'incidents' ? t('portal.usage.unit_incidents') : t('portal.usage.unit_hours')) },
    { key: 'quantity', label: t('portal.usage.bought'), class: 'num', render: (b) => blockAmount(b, b.quantity), sortValue: (b) => b.quantity },
    { key: 'left', label: t('portal.usage.left'), class: 'num', render: (b) => blockAmount(b, b.left), sortValue: (b) => b.left },
    { key: 'price', label: t('portal.usage.price'), class: 'num', render: (b) => <Money minor={b.price} currency={b.currency} /> },
  ];

  return (
    <PortalPage title={t('portal.usage.title')}>
      <ErrorNotice error={usage.error} />
      {!u && !usage.error && <Loading />}
      {u && (
        <>
          <p>{t('portal.usage.period', { period: u.period })}</p>
          {u.usage?.low_balance && <Notice kind="warning">{t('portal.usage.low_balance')}</Notice>}
          {u.usage && (
            <section class="panel" aria-labelledby="usage-summary">
              <h2 id="usage-summary">{t('portal.usage.summary')}</h2>
              <Details
                items={[
                  [t('portal.usage.billable_minutes'), formatMinutes(u.usage.billable_minutes)],
                  [
                    t('portal.usage.included_used'),
                    u.usage.included_minutes > 0
                      ? t('portal.usage.of', { used: formatMinutes(u.usage.included_minutes_used), total: formatMinutes(u.usage.included_minutes) })
                      : t('portal.usage.none_included'),
                  ],
                  [t('portal.usage.incidents'), formatNumber(u.usage.incidents)],
                  [t('portal.usage.prepaid_hours_left'), formatMinutes(u.usage.prepaid_minutes_left)],
                  [t('portal.usage.prepaid_incidents_left'), formatNumber(u.usage.prepaid_incidents_left)],
                ]}
              />
            </section>
          )}
          <section aria-labelledby="lines-heading">
            <h2 id="lines-heading">{t('portal.usage.lines')}</h2>
            <DataTable caption={t('portal.usage.lines')} captionHidden columns={lineColumns} rows={u.lines} rowKey={(l) => `${l.kind}-${l.ticket_id}-${l.description}-${l.amount}`} empty={t('portal.usage.no_lines')} />
            {Object.keys(u.totals).length > 0 && (
              <Details items={Object.entries(u.totals).map(([currency, total]) => [t('portal.usage.total', { currency }), <strong>{formatMoney(total, currency)}</strong>])} />
            )}
          </section>
        </>
      )}
      <section aria-labelledby="blocks-heading">
        <h2 id="blocks-heading">{t('portal.usage.blocks')}</h2>
        <ErrorNotice error={blocks.error} />
        {blocks.data && (
          <DataTable
            caption={t('portal.usage.blocks')}
            captionHidden
            columns={blockColumns}
            rows={blocks.data.items}
            rowKey={(b) => b.id}
            defaultSort={{ key: 'purchased_on', dir: 'desc' }}
            empty={t('portal.usage.no_blocks')}
          />
        )}
      </section>
      <section aria-labelledby="issued-statements">
        <h2 id="issued-statements">{t('portal.usage.statements')}</h2>
        {statements.data && statements.data.items.length === 0 && <p class="muted">{t('portal.usage.no_statements')}</p>}
        {statements.data && statements.data.items.length > 0 && (
          <ul>
            {statements.data.items.map((issued) => (
              <li key={issued.period}>
                <a href={`${issued.html}&lang=${locale.value}`} target="_blank" rel="noopener">
                  {t('portal.usage.statement_of', { period: issued.period })}
                </a>{' '}
                (<a href={issued.csv}>{t('portal.usage.statement_csv')}</a>)
              </li>
            ))}
          </ul>
        )}
      </section>
    </PortalPage>
  );
}

function blockAmount(block: PrepaidBlock, n: number): string {
  // Hours blocks count minutes.
  return block.unit === 'incidents' ? t('portal.unit.incidents', { n }) : formatMinutes(n);
}
