// A billing period: the preview per customer (lines, costs, totals), the work that needs
// approval and the decisions taken, closing the period (with a confirmation), the CSV export and
// each customer's printable statement.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { formatMinutes } from '../../shared/format';
import { t } from '../../shared/i18n';
import { Link, navigate } from '../../shared/router';
import { me } from '../../shared/session';
import { useResource } from '../../shared/resource';
import { Button, DataTable, DateTime, Loading, Money, Notice } from '../../shared/ui';
import { ConfirmButton, Done, ProblemNotice, Section, useAction } from '../common';
import { orgName, userName } from '../directory';
import { ConsolePage } from '../layout';
import { capabilitiesOf } from '../roles';
import { previousPeriod, shiftPeriod } from '../routes';
import type { Approval, ChargeLine, Role, Statement } from '../types';
import { approvalRows, periodTotals, type ApprovalRow } from './billing';

function Totals({ totals }: { totals: Record<string, number> }) {
  const entries = Object.entries(totals);
  if (entries.length === 0) return <span class="muted">—</span>;
  return (
    <>
      {entries.map(([currency, amount], i) => (
        <span key={currency}>
          {i > 0 && ' · '}
          <Money minor={amount} currency={currency} />
        </span>
      ))}
    </>
  );
}

function kindLabel(kind: string): string {
  switch (kind) {
    case 'included':
      return t('console.billing.kind.included');
    case 'incident':
      return t('console.billing.kind.incident');
    case 'hourly':
      return t('console.billing.kind.hourly');
    case 'monthly_fee':
      return t('console.billing.kind.monthly_fee');
    case 'overage':
      return t('console.billing.kind.overage');
    case 'prepaid_purchase':
      return t('console.billing.kind.prepaid_purchase');
    case 'prepaid_draw':
      return t('console.billing.kind.prepaid_draw');
    case 'pay_as_you_go':
      return t('console.billing.kind.pay_as_you_go');
    case 'needs_approval':
      return t('console.billing.kind.needs_approval');
    case 'out_of_scope':
      return t('console.billing.kind.out_of_scope');
    case 'adjustment':
      return t('console.billing.kind.adjustment');
    default:
      return kind;
  }
}

export default function BillingPage({ period }: { period: string | null }) {
  useEffect(() => {
    if (!period) navigate(`/console/billing/${previousPeriod(new Date())}`, { replace: true });
  }, [period]);
  if (!period) return <ConsolePage title={t('console.billing.title')}>{<Loading />}</ConsolePage>;
  return <Period key={period} period={period} />;
}

function Period({ period }: { period: string }) {
  const role = (me.value?.role ?? 'billing') as Role;
  const can = capabilitiesOf(role);
  const preview = useResource((signal) => api<{ period: string; items: Statement[] }>('GET', `/billing/periods/${period}/preview`, undefined, { signal }), [period]);
  const approvals = useResource((signal) => api<{ items: Approval[] }>('GET', `/billing/periods/${period}/approvals`, undefined, { signal }), [period]);
  const [month, setMonth] = useState(period);
  const close = useAction();
  const statements = preview.data?.items ?? [];
  const allClosed = statements.length > 0 && statements.every((s) => s.status === 'closed');
  const reload = () => {
    preview.reload();
    approvals.reload();
  };

  return (
    <ConsolePage title={t('console.billing.period_title', { period })} wide>
      <nav class="period-nav" aria-label={t('console.billing.periods')}>
        <Link href={`/console/billing/${shiftPeriod(period, -1)}`}>← {shiftPeriod(period, -1)}</Link>
        <Link href={`/console/billing/${shiftPeriod(period, 1)}`}>{shiftPeriod(period, 1)} →</Link>
        <form
          class="inline-field"
          onSubmit={(e) => {
            e.preventDefault();
            if (/^\d{4}-\d{2}$/.test(month)) navigate(`/console/billing/${month}`);
          }}
        >
          <label for="billing-month">{t('console.billing.go_to')}</label>
          <input id="billing-month" type="month" value={month} onInput={(e) => setMonth(e.currentTarget.value)} min="2000-01" max="2099-12" />
          <Button type="submit">{t('console.billing.go')}</Button>
        </form>
        <a class="btn btn--secondary" href={`/api/v1/billing/periods/${period}/export?format=csv`} download={`tierdesk-${period}.csv`}>
          {t('console.billing.export_csv')}
        </a>
      </nav>
      <ProblemNotice error={preview.error} />
      {!preview.data && !preview.error && <Loading />}
      {preview.data && (
        <>
          <Section id="summary" title={t('console.billing.summary')}>
            <p>
              {allClosed ? t('console.billing.closed') : t('console.billing.open')} ·{' '}
              <span>
                {t('console.billing.grand_total')} <Totals totals={periodTotals(statements)} />
              </span>
            </p>
            {can.closeBilling && !allClosed && (
              <>
                <ConfirmButton
                  label={t('console.billing.close')}
                  title={t('console.billing.close_title', { period })}
                  text={<p>{t('console.billing.close_text', { period, count: statements.length })}</p>}
                  variant="primary"
                  busy={close.busy}
                  onConfirm={async () => {
                    await close.run(async () => {
                      const r = await api<{ closed_now: number }>('POST', `/billing/periods/${period}/close`, {});
                      reload();
                      return r;
                    }, t('console.billing.close_done'));
                  }}
                />
              </>
            )}
            <Done text={close.done} />
            <ProblemNotice error={close.error} />
            <DataTable
              caption={t('console.billing.statements')}
              rows={statements}
              rowKey={(s) => s.customer_id}
              empty={t('console.billing.no_statements')}
              columns={[
                { key: 'customer', label: t('console.billing.customer'), rowHeader: true, render: (s) => <a href={`#statement-${s.customer_id}`}>{s.customer}</a>, sortValue: (s) => s.customer },
                { key: 'status', label: t('console.billing.status'), render: (s) => (s.status === 'closed' ? t('console.billing.status_closed') : t('console.billing.status_open')) },
                { key: 'lines', label: t('console.billing.lines'), render: (s) => s.lines.length, class: 'num' },
                { key: 'approval', label: t('console.billing.to_approve'), render: (s) => s.lines.filter((l) => l.kind === 'needs_approval').length, class: 'num' },
                { key: 'total', label: t('console.billing.total'), render: (s) => <Totals totals={s.totals} /> },
                {
                  key: 'statement',
                  label: t('console.billing.statement'),
                  render: (s) => (
                    <>
                      <a href={`/api/v1/billing/periods/${period}/statements/${s.customer_id}?format=html`} target="_blank" rel="noopener">
                        {t('console.billing.statement_html')}
                      </a>
                      {' · '}
                      <a href={`/api/v1/billing/periods/${period}/statements/${s.customer_id}?format=html&lang=en`} target="_blank" rel="noopener">
                        EN
                      </a>
                      {' · '}
                      <a href={`/api/v1/billing/periods/${period}/statements/${s.customer_id}?format=html&lang=ko`} target="_blank" rel="noopener" lang="ko">
                        한국어
                      </a>
                      {' · '}
                      <a href={`/api/v1/billing/periods/${period}/statements/${s.customer_id}?format=csv`} download>
                        CSV
                      </a>
                    </>
                  ),
                },
              ]}
            />
          </Section>
          <Approvals period={period} statements={statements} decisions={approvals.data?.items ?? []} canDecide={can.closeBilling} onDecided={reload} error={approvals.error} />
          {statements.map((s) => (
            <StatementDetail key={s.customer_id} statement={s} />
          ))}
        </>
      )}
    </ConsolePage>
  );
}

function Approvals({ period, statements, decisions, canDecide, onDecided, error }: { period: string; statements: Statement[]; decisions: Approval[]; canDecide: boolean; onDecided: () => void; error: unknown }) {
  const rows = approvalRows(statements, decisions);
  return (
    <Section id="approvals" title={t('console.billing.approvals')}>
      <p>{t('console.billing.approvals_intro')}</p>
      <ProblemNotice error={error} />
      <DataTable
        caption={t('console.billing.to_approve')}
        rows={rows}
        rowKey={(r) => `${r.customer_id}-${r.ticket_id}`}
        empty={t('console.billing.nothing_to_approve')}
        columns={[
          { key: 'customer', label: t('console.billing.customer'), rowHeader: true, render: (r) => r.customer },
          { key: 'ticket', label: t('console.billing.ticket'), render: (r) => (r.ticket_id ? <Link href={`/console/tickets/${r.ticket_id}`}>#{r.ticket_id}</Link> : '—') },
          { key: 'what', label: t('console.billing.description'), render: (r) => r.description },
          { key: 'minutes', label: t('console.billing.quantity'), render: (r) => (r.unit === 'minutes' ? formatMinutes(r.quantity) : `${r.quantity} ${r.unit}`) },
          { key: 'decision', label: t('console.billing.last_decision'), render: (r) => (r.decision ? `${r.decision.decision === 'approved' ? t('console.billing.approved') : t('console.billing.rejected')}` : '—') },
          ...(canDecide ? [{ key: 'act', label: t('console.billing.decide'), render: (r: ApprovalRow) => <Decide period={period} row={r} onDecided={onDecided} /> }] : []),
        ]}
      />
      <h3>{t('console.billing.decisions')}</h3>
      <DataTable
        caption={t('console.billing.decisions')}
        captionHidden
        rows={decisions}
        rowKey={(d) => d.id}
        empty={t('console.billing.no_decisions')}
        columns={[
          { key: 'when', label: t('console.billing.decided_at'), render: (d) => <DateTime iso={d.decided_at} />, sortValue: (d) => d.decided_at },
          { key: 'customer', label: t('console.billing.customer'), render: (d) => orgName(d.customer_id) },
          { key: 'ticket', label: t('console.billing.ticket'), render: (d) => <Link href={`/console/tickets/${d.ticket_id}`}>#{d.ticket_id}</Link> },
          { key: 'decision', label: t('console.billing.decision'), render: (d) => (d.decision === 'approved' ? t('console.billing.approved') : t('console.billing.rejected')) },
          { key: 'by', label: t('console.billing.decided_by'), render: (d) => (d.decided_by ? userName(d.decided_by) : '—') },
          { key: 'note', label: t('console.billing.note'), render: (d) => d.note },
        ]}
      />
    </Section>
  );
}

function Decide({ period, row, onDecided }: { period: string; row: ApprovalRow; onDecided: () => void }) {
  const [note, setNote] = useState('');
  const action = useAction();
  const decide = async (decision: 'approved' | 'rejected') => {
    const ok = await action.run(() => api('POST', `/billing/periods/${period}/approvals`, { customer_id: row.customer_id, ticket_id: row.ticket_id, decision, note }));
    if (ok) onDecided();
  };
  const id = `note-${row.customer_id}-${row.ticket_id}`;
  return (
    <div class="decide">
      <label for={id} class="visually-hidden">
        {t('console.billing.note_for', { id: row.ticket_id })}
      </label>
      <input id={id} value={note} placeholder={t('console.billing.note')} onInput={(e) => setNote(e.currentTarget.value)} />{' '}
      <Button variant="primary" busy={action.busy} onClick={() => void decide('approved')}>
        {t('console.billing.approve')}
      </Button>{' '}
      <Button busy={action.busy} onClick={() => void decide('rejected')}>
        {t('console.billing.reject')}
      </Button>
      <ProblemNotice error={action.error} />
    </div>
  );
}

function StatementDetail({ statement: s }: { statement: Statement }) {
  return (
    <Section id={`statement-${s.customer_id}`} title={t('console.billing.statement_of', { customer: s.customer })}>
      <details>
        <summary>
          {t('console.billing.show_lines', { count: s.lines.length })} · <Totals totals={s.totals} />
        </summary>
        <DataTable
          caption={t('console.billing.lines_of', { customer: s.customer })}
          rows={s.lines}
          rowKey={(l: ChargeLine) => `${l.kind}-${l.ticket_id}-${l.description}-${l.unit_price}-${l.amount}`}
          empty={t('console.billing.no_lines')}
          columns={[
            { key: 'kind', label: t('console.billing.kind'), render: (l) => kindLabel(l.kind) },
            { key: 'ticket', label: t('console.billing.ticket'), render: (l) => (l.ticket_id ? <Link href={`/console/tickets/${l.ticket_id}`}>#{l.ticket_id}</Link> : '—') },
            { key: 'description', label: t('console.billing.description'), render: (l) => l.description },
            { key: 'rule', label: t('console.billing.rule'), render: (l) => l.rule },
            { key: 'qty', label: t('console.billing.quantity'), render: (l) => `${l.quantity} ${l.unit}`, class: 'num' },
            { key: 'price', label: t('console.billing.unit_price'), render: (l) => <Money minor={l.unit_price} currency={l.currency} />, class: 'num' },
            { key: 'amount', label: t('console.billing.amount'), render: (l) => <Money minor={l.amount} currency={l.currency} />, class: 'num' },
          ]}
        />
        {s.costs && s.costs.length > 0 && (
          <DataTable
            caption={t('console.billing.costs_of', { customer: s.customer })}
            rows={s.costs}
            rowKey={(c) => `${c.kind}-${c.ticket_id}-${c.description}-${c.amount}`}
            columns={[
              { key: 'kind', label: t('console.billing.kind'), render: (c) => c.kind },
              { key: 'ticket', label: t('console.billing.ticket'), render: (c) => (c.ticket_id ? `#${c.ticket_id}` : '—') },
              { key: 'description', label: t('console.billing.description'), render: (c) => c.description },
              { key: 'amount', label: t('console.billing.amount'), render: (c) => <Money minor={c.amount} currency={c.currency} />, class: 'num' },
            ]}
          />
        )}
        {s.usage && (
          <div>
            {t('console.billing.usage', {
              billable: formatMinutes(s.usage.billable_minutes),
              included: formatMinutes(s.usage.included_minutes_used),
              of: formatMinutes(s.usage.included_minutes),
              incidents: s.usage.incidents,
            })}
            {s.usage.low_balance && <Notice kind="warning">{t('console.billing.low_balance')}</Notice>}
          </div>
        )}
      </details>
    </Section>
  );
}

