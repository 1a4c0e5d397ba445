// Dashboards: SLA compliance by team and severity, backlog by age, escalations to Microsoft per
// path per month, entitlement burn-down with projected exhaustion, and margin by customer. Each
// chart has a table with the same numbers beside it. Reads go one after another (the server
// serves at most four list and report reads per client at once).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { currencyExponent, formatMinutes, formatMoney, timeZone } from '../../shared/format';
import { t } from '../../shared/i18n';
import { severityLabel } from '../../shared/labels';
import { me } from '../../shared/session';
import { DataTable, Loading, Money } from '../../shared/ui';
import { ProblemNotice, Section, YesNo } from '../common';
import { teamName } from '../directory';
import { ConsolePage } from '../layout';
import { capabilitiesOf } from '../roles';
import { previousPeriod, shiftPeriod } from '../routes';
import type { EntitlementReportRow, MarginRow, Page, Role, Ticket, VendorEscalationRow } from '../types';
import { Chart } from './Chart';
import { AGE_BUCKETS, backlogByAge, burnDown, escalationsPivot, marginByCurrency, SEVERITIES, slaCompliance, toMajor } from './charts';

/** Runs reads one at a time. */
function serial() {
  let chain: Promise<unknown> = Promise.resolve();
  return <T,>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task, task);
    chain = run.catch(() => undefined);
    return run;
  };
}

/** Every page of a ticket list, up to `maxPages` of 200. */
async function allTickets(query: string, maxPages = 10): Promise<{ items: Ticket[]; complete: boolean }> {
  const items: Ticket[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const q = `${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const answer: Page<Ticket> = await api<Page<Ticket>>('GET', `/tickets?${q}`);
    items.push(...answer.items);
    cursor = answer.next_cursor;
    if (!cursor) return { items, complete: true };
  }
  return { items, complete: false };
}

function todayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function bucketLabel(key: string): string {
  switch (key) {
    case 'lt1d':
      return t('console.dash.age.lt1d');
    case '1to3d':
      return t('console.dash.age.1to3d');
    case '3to7d':
      return t('console.dash.age.3to7d');
    case '7to30d':
      return t('console.dash.age.7to30d');
    default:
      return t('console.dash.age.gt30d');
  }
}

interface Loaded<T> {
  data?: T;
  error?: unknown;
}

export default function DashboardsPage() {
  const role = (me.value?.role ?? 'supervisor') as Role;
  const can = capabilitiesOf(role);
  const [period, setPeriod] = useState(previousPeriod(new Date()));
  const [recent, setRecent] = useState<Loaded<{ items: Ticket[]; complete: boolean }>>({});
  const [live, setLive] = useState<Loaded<{ items: Ticket[]; complete: boolean }>>({});
  const [escalations, setEscalations] = useState<Loaded<VendorEscalationRow[]>>({});
  const [entitlements, setEntitlements] = useState<Loaded<EntitlementReportRow[]>>({});
  const [margin, setMargin] = useState<Loaded<MarginRow[]>>({});

  useEffect(() => {
    const queue = serial();
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    void queue(() => allTickets(`updated_since=${encodeURIComponent(since)}&sort=-updated`)).then(
      (data) => setRecent({ data }),
      (error: unknown) => setRecent({ error }),
    );
    void queue(async () => {
      const parts = [];
      for (const s of ['new', 'open', 'pending_customer', 'pending_vendor'] as const) parts.push(await allTickets(`status=${s}&sort=created`, 5));
      return { items: parts.flatMap((p) => p.items), complete: parts.every((p) => p.complete) };
    }).then(
      (data) => setLive({ data }),
      (error: unknown) => setLive({ error }),
    );
    if (can.readReports) {
      void queue(() => api<{ items: VendorEscalationRow[] }>('GET', '/reports/vendor-escalations')).then(
        (r) => setEscalations({ data: r.items }),
        (error: unknown) => setEscalations({ error }),
      );
      void queue(() => api<{ items: EntitlementReportRow[] }>('GET', '/reports/entitlements')).then(
        (r) => setEntitlements({ data: r.items }),
        (error: unknown) => setEntitlements({ error }),
      );
    }
  }, []);

  useEffect(() => {
    if (!can.readBilling) return;
    setMargin({});
    api<{ items: MarginRow[] }>('GET', `/reports/margin?period=${period}`).then(
      (r) => setMargin({ data: r.items }),
      (error: unknown) => setMargin({ error }),
    );
  }, [period]);

  return (
    <ConsolePage title={t('console.dash.title')} wide>
      <p>{t('console.dash.intro')}</p>
      <ComplianceSection loaded={recent} />
      <BacklogSection loaded={live} />
      {can.readReports && <EscalationsSection loaded={escalations} />}
      {can.readReports && <BurnDownSection loaded={entitlements} />}
      {can.readBilling && <MarginSection loaded={margin} period={period} onPeriod={setPeriod} />}
    </ConsolePage>
  );
}

function Pending({ loaded }: { loaded: Loaded<unknown> }) {
  if (loaded.error) return <ProblemNotice error={loaded.error} />;
  if (loaded.data === undefined) return <Loading />;
  return null;
}

function ComplianceSection({ loaded }: { loaded: Loaded<{ items: Ticket[]; complete: boolean }> }) {
  const table = useMemo(() => (loaded.data ? slaCompliance(loaded.data.items) : null), [loaded.data]);
  const chart = useMemo(() => {
    if (!table) return null;
    return {
      x: table.teams.map((_, i) => i),
      categories: table.teams.map((id) => (id === null ? t('console.dash.no_team') : teamName(id))),
      series: SEVERITIES.map((s) => ({ label: severityLabel(s), kind: 'bar' as const, values: table.teams.map((id) => table.cells.get(id)![s].percent) })),
    };
  }, [table]);
  return (
    <Section id="dash-compliance" title={t('console.dash.compliance')}>
      <Pending loaded={loaded} />
      {loaded.data && table && chart && (
        <>
          <p class="chart-legend-note">
            {t('console.dash.compliance_note', { count: loaded.data.items.length })}
            {!loaded.data.complete && ` ${t('console.dash.truncated')}`}
          </p>
          <div class="chart-block">
            <Chart xLabel={t('console.ticket.team')} label={t('console.dash.compliance_chart')} x={chart.x} categories={chart.categories} series={chart.series} formatY={(v) => `${Math.round(v)}%`} />
            <DataTable
              caption={t('console.dash.compliance')}
              rows={table.teams}
              rowKey={(id) => String(id)}
              columns={[
                { key: 'team', label: t('console.ticket.team'), rowHeader: true, render: (id) => (id === null ? t('console.dash.no_team') : teamName(id)) },
                ...SEVERITIES.map((s) => ({
                  key: s,
                  label: severityLabel(s),
                  class: 'num',
                  render: (id: number | null) => {
                    const c = table.cells.get(id)![s];
                    return c.percent === null ? '—' : t('console.dash.percent_of', { percent: c.percent, met: c.met, total: c.met + c.breached });
                  },
                })),
              ]}
            />
          </div>
        </>
      )}
    </Section>
  );
}

function BacklogSection({ loaded }: { loaded: Loaded<{ items: Ticket[]; complete: boolean }> }) {
  const counts = useMemo(() => (loaded.data ? backlogByAge(loaded.data.items, Date.now()) : null), [loaded.data]);
  const chart = useMemo(
    () =>
      counts && {
        x: AGE_BUCKETS.map((_, i) => i),
        categories: AGE_BUCKETS.map((b) => bucketLabel(b.key)),
        series: SEVERITIES.map((s) => ({ label: severityLabel(s), kind: 'bar' as const, values: counts[s] })),
      },
    [counts],
  );
  return (
    <Section id="dash-backlog" title={t('console.dash.backlog')}>
      <Pending loaded={loaded} />
      {loaded.data && counts && chart && (
        <>
          <p class="chart-legend-note">
            {t('console.dash.backlog_note', { count: loaded.data.items.length })}
            {!loaded.data.complete && ` ${t('console.dash.truncated')}`}
          </p>
          <div class="chart-block">
            <Chart xLabel={t('console.dash.age')} label={t('console.dash.backlog_chart')} x={chart.x} categories={chart.categories} series={chart.series} />
            <DataTable
              caption={t('console.dash.backlog')}
              rows={AGE_BUCKETS.map((b, i) => ({ key: b.key, i }))}
              rowKey={(r) => r.key}
              columns={[
                { key: 'age', label: t('console.dash.age'), rowHeader: true, render: (r) => bucketLabel(r.key) },
                ...SEVERITIES.map((s) => ({ key: s, label: severityLabel(s), class: 'num', render: (r: { i: number }) => counts[s][r.i] })),
                { key: 'total', label: t('console.dash.total'), class: 'num', render: (r) => SEVERITIES.reduce((sum, s) => sum + counts[s][r.i]!, 0) },
              ]}
            />
          </div>
        </>
      )}
    </Section>
  );
}

function EscalationsSection({ loaded }: { loaded: Loaded<VendorEscalationRow[]> }) {
  const pivot = useMemo(() => (loaded.data ? escalationsPivot(loaded.data) : null), [loaded.data]);
  const chart = useMemo(
    () =>
      pivot && {
        x: pivot.months.map((_, i) => i),
        categories: pivot.months,
        series: pivot.kinds.map((k) => ({ label: k.title, kind: 'line' as const, values: k.cases })),
      },
    [pivot],
  );
  return (
    <Section id="dash-escalations" title={t('console.dash.escalations')}>
      <Pending loaded={loaded} />
      {pivot && chart && pivot.months.length === 0 && <p class="muted">{t('console.dash.no_escalations')}</p>}
      {pivot && chart && pivot.months.length > 0 && (
        <div class="chart-block">
          <Chart xLabel={t('console.dash.month')} label={t('console.dash.escalations_chart')} x={chart.x} categories={chart.categories} series={chart.series} />
          <DataTable
            caption={t('console.dash.escalations')}
            rows={pivot.months.map((m, i) => ({ m, i }))}
            rowKey={(r) => r.m}
            columns={[
              { key: 'month', label: t('console.dash.month'), rowHeader: true, render: (r) => r.m },
              ...pivot.kinds.map((k) => ({ key: k.kind, label: k.title, class: 'num', render: (r: { i: number }) => k.cases[r.i] })),
            ]}
          />
        </div>
      )}
    </Section>
  );
}

function BurnDownSection({ loaded }: { loaded: Loaded<EntitlementReportRow[]> }) {
  const data = useMemo(() => (loaded.data ? burnDown(loaded.data, todayIn(timeZone.value)) : null), [loaded.data]);
  const left = (r: EntitlementReportRow, v: number | null) => (v === null ? t('console.unit.unlimited') : r.unit === 'hours' ? formatMinutes(v) : String(v));
  return (
    <Section id="dash-burndown" title={t('console.dash.burndown')}>
      <Pending loaded={loaded} />
      {loaded.data && data && (
        <>
          <p class="chart-legend-note">{t('console.dash.burndown_note')}</p>
          <div class="chart-block">
            {data.series.length > 0 ? (
              <Chart xLabel={t('console.dash.day')} label={t('console.dash.burndown_chart')} x={data.x} time series={data.series.map((s) => ({ label: `${s.name} (${s.unit === 'hours' ? t('console.unit.hours') : t('console.unit.incidents')})`, kind: 'line', values: s.values }))} />
            ) : (
              <p class="muted">{t('console.dash.no_limited')}</p>
            )}
            <DataTable
              caption={t('console.dash.burndown')}
              rows={loaded.data}
              rowKey={(r) => r.entitlement_id}
              columns={[
                { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (r) => r.name },
                { key: 'left', label: t('console.entitlement.left'), render: (r) => left(r, r.left) },
                { key: 'used', label: t('console.dash.used_90'), render: (r) => (r.unit === 'hours' ? formatMinutes(r.used_last_90_days) : r.used_last_90_days) },
                { key: 'exhaustion', label: t('console.dash.exhaustion'), render: (r) => r.projected_exhaustion ?? '—' },
                { key: 'valid_to', label: t('console.entitlement.valid_to'), render: (r) => r.valid_to ?? '—' },
                { key: 'before', label: t('console.dash.runs_out_first'), render: (r) => <YesNo value={r.runs_out_before_expiry} /> },
              ]}
            />
          </div>
        </>
      )}
    </Section>
  );
}

function MarginSection({ loaded, period, onPeriod }: { loaded: Loaded<MarginRow[]>; period: string; onPeriod: (p: string) => void }) {
  const charts = useMemo(() => (loaded.data ? marginByCurrency(loaded.data) : null), [loaded.data]);
  return (
    <Section id="dash-margin" title={t('console.dash.margin', { period })}>
      <p class="period-nav">
        <button type="button" class="btn btn--link" onClick={() => onPeriod(shiftPeriod(period, -1))}>
          ← {shiftPeriod(period, -1)}
        </button>
        <button type="button" class="btn btn--link" onClick={() => onPeriod(shiftPeriod(period, 1))}>
          {shiftPeriod(period, 1)} →
        </button>
      </p>
      <Pending loaded={loaded} />
      {charts && charts.length === 0 && <p class="muted">{t('console.dash.no_margin')}</p>}
      {charts?.map((c) => (
        <div class="chart-block" key={c.currency}>
          <Chart
            xLabel={t('console.billing.customer')}
            label={t('console.dash.margin_chart', { currency: c.currency })}
            x={c.customers.map((_, i) => i)}
            categories={c.customers}
            series={[
              { label: t('console.dash.revenue'), kind: 'bar', values: c.revenue.map((v) => toMajor(v, c.currency)) },
              { label: t('console.dash.cost'), kind: 'bar', values: c.cost.map((v) => toMajor(v, c.currency)) },
              { label: t('console.dash.margin_value'), kind: 'bar', values: c.margin.map((v) => toMajor(v, c.currency)) },
            ]}
            formatY={(v) => formatMoney(Math.round(v * 10 ** currencyExponent(c.currency)), c.currency)}
          />
          <DataTable
            caption={t('console.dash.margin_table', { currency: c.currency })}
            rows={(loaded.data ?? []).filter((r) => r.currency === c.currency)}
            rowKey={(r) => `${r.customer_id}-${r.currency}`}
            columns={[
              { key: 'customer', label: t('console.billing.customer'), rowHeader: true, render: (r) => r.customer, sortValue: (r) => r.customer },
              { key: 'revenue', label: t('console.dash.revenue'), class: 'num', render: (r) => <Money minor={r.revenue} currency={r.currency} />, sortValue: (r) => r.revenue },
              { key: 'cost', label: t('console.dash.cost'), class: 'num', render: (r) => <Money minor={r.internal_cost + r.provider_cost + r.vendor_cost} currency={r.currency} /> },
              { key: 'margin', label: t('console.dash.margin_value'), class: 'num', render: (r) => <Money minor={r.margin} currency={r.currency} />, sortValue: (r) => r.margin },
            ]}
          />
        </div>
      ))}
    </Section>
  );
}
