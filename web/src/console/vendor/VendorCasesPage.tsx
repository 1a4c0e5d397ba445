// The queue of cases with Microsoft across tickets (GET /api/v1/vendor-cases): oldest escalation
// first, filtered by status, path, age and sync errors, which live in the address.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { severityLabel } from '../../shared/labels';
import { Link, navigate, route } from '../../shared/router';
import { onTicketEvent } from '../../shared/stream';
import { Button, DataTable, DateTime, Loading } from '../../shared/ui';
import { ProblemNotice } from '../common';
import { caseStatusLabel, vendorResponseLabel } from '../labels';
import { ConsolePage } from '../layout';
import type { Page, VendorCaseStatus, VendorQueueItem } from '../types';

const STATUSES: VendorCaseStatus[] = ['draft', 'submitted', 'open', 'attention_needed', 'closed'];

/** The API query of the page's filters (the same names as the address's). */
export function vendorQueueQuery(query: URLSearchParams, cursor?: string | null): string {
  const out = new URLSearchParams();
  for (const name of ['status', 'path', 'min_age_hours', 'sync_error']) {
    const value = query.get(name);
    if (value) out.set(name, value);
  }
  out.set('limit', '50');
  if (cursor) out.set('cursor', cursor);
  return out.toString();
}

export function VendorCasesPage() {
  const query = route.value.query;
  const [items, setItems] = useState<VendorQueueItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [statuses, setStatuses] = useState<string[]>((query.get('status') ?? '').split(',').filter(Boolean));
  const [path, setPath] = useState(query.get('path') ?? '');
  const [age, setAge] = useState(query.get('min_age_hours') ?? '');
  const [syncError, setSyncError] = useState(query.get('sync_error') ?? '');
  const apiQuery = vendorQueueQuery(query);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api<Page<VendorQueueItem>>('GET', `/vendor-cases?${apiQuery}`, undefined, { signal: controller.signal })
      .then((page) => {
        setItems(page.items);
        setCursor(page.next_cursor);
        setError(null);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
  }, [apiQuery, generation]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onTicketEvent((e) => {
      if (!e.action.startsWith('vendor_case') && e.field !== 'status') return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setGeneration((g) => g + 1), 500);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, []);

  const more = async () => {
    try {
      const page = await api<Page<VendorQueueItem>>('GET', `/vendor-cases?${vendorQueueQuery(query, cursor)}`);
      setItems((x) => [...x, ...page.items]);
      setCursor(page.next_cursor);
    } catch (e) {
      setError(e);
    }
  };

  const apply = (e: Event) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (statuses.length) q.set('status', statuses.join(','));
    if (path.trim()) q.set('path', path.trim());
    if (age.trim()) q.set('min_age_hours', age.trim());
    if (syncError) q.set('sync_error', syncError);
    const s = q.toString();
    navigate(`/console/vendor-cases${s ? `?${s}` : ''}`);
  };

  return (
    <ConsolePage title={t('console.vendor_queue.title')} wide>
      <form class="filters" onSubmit={apply}>
        <fieldset>
          <legend>{t('console.vendor_queue.status')}</legend>
          {STATUSES.map((s) => (
            <label key={s} class="inline-check">
              <input
                type="checkbox"
                checked={statuses.includes(s)}
                onChange={(e) => setStatuses((x) => (e.currentTarget.checked ? [...x, s] : x.filter((y) => y !== s)))}
              />
              {caseStatusLabel(s)}
            </label>
          ))}
          <p class="field__hint">{t('console.vendor_queue.status_hint')}</p>
        </fieldset>
        <label class="inline-field">
          <span>{t('console.vendor_queue.path')}</span>
          <input value={path} onInput={(e) => setPath(e.currentTarget.value)} placeholder="premier,commercial" />
        </label>
        <label class="inline-field">
          <span>{t('console.vendor_queue.min_age')}</span>
          <input type="number" min={1} max={87600} value={age} onInput={(e) => setAge(e.currentTarget.value)} />
        </label>
        <label class="inline-field">
          <span>{t('console.vendor_queue.sync')}</span>
          <select value={syncError} onChange={(e) => setSyncError(e.currentTarget.value)}>
            <option value="">{t('console.vendor_queue.sync_any')}</option>
            <option value="true">{t('console.vendor_queue.sync_failed')}</option>
            <option value="false">{t('console.vendor_queue.sync_ok')}</option>
          </select>
        </label>
        <Button type="submit">{t('console.filters.apply')}</Button>
      </form>
      <ProblemNotice error={error} />
      {loading && items.length === 0 ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('console.vendor_queue.caption', { count: items.length })}
          rows={items}
          rowKey={(c) => c.id}
          empty={t('console.vendor_queue.empty')}
          columns={[
            {
              key: 'case',
              label: t('console.vendor_queue.col.case'),
              rowHeader: true,
              render: (c) => (
                <>
                  {t('console.vendor_queue.case_id', { id: c.id })}
                  {c.case_number && <span class="muted"> · {c.case_number}</span>}
                </>
              ),
            },
            {
              key: 'ticket',
              label: t('console.vendor_queue.col.ticket'),
              render: (c) => (
                <Link href={`/console/tickets/${c.ticket_id}`}>
                  #{c.ticket_id} {c.subject}
                </Link>
              ),
            },
            { key: 'customer', label: t('console.vendor_queue.col.customer'), render: (c) => c.customer, sortValue: (c) => c.customer },
            { key: 'path', label: t('console.vendor_queue.col.path'), render: (c) => c.title, sortValue: (c) => c.title },
            { key: 'status', label: t('console.vendor_queue.col.status'), render: (c) => caseStatusLabel(c.status), sortValue: (c) => c.status },
            { key: 'severity', label: t('console.vendor_queue.col.severity'), render: (c) => severityLabel(c.severity) },
            {
              key: 'age',
              label: t('console.vendor_queue.col.age'),
              render: (c) => (
                <>
                  {t('console.vendor_queue.age_hours', { hours: c.age_hours })} <span class="muted">(<DateTime iso={c.escalated_at} />)</span>
                </>
              ),
              sortValue: (c) => c.age_hours,
            },
            {
              key: 'response',
              label: t('console.vendor_queue.col.first_response'),
              render: (c) => (
                <>
                  {vendorResponseLabel(c.vendor_first_response.state)}
                  {c.vendor_first_response.due && c.vendor_first_response.state === 'running' && (
                    <>
                      {' · '}
                      <DateTime iso={c.vendor_first_response.due} />
                    </>
                  )}
                </>
              ),
            },
            {
              key: 'sync',
              label: t('console.vendor_queue.col.sync'),
              render: (c) => (c.sync.error ? <span class="text-error">{t('console.vendor.sync_error', { error: c.sync.error })}</span> : c.connector),
            },
          ]}
        />
      )}
      {cursor && <Button onClick={() => void more()}>{t('console.queue.load_more')}</Button>}
    </ConsolePage>
  );
}
