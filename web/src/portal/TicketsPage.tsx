import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, query } from '../shared/api';
import { t } from '../shared/i18n';
import { Link, route, setQuery } from '../shared/router';
import { me } from '../shared/session';
import { onTicketEvent } from '../shared/stream';
import { Button, ButtonLink, type Column, DataTable, DateTime, ErrorNotice, Field, Loading, optionBy, SlaClock, type SortState } from '../shared/ui';
import { severityLabel } from '../shared/labels';
import { PortalPage, isCustomerAdmin } from './App';
import { statusLabel } from './labels';
import { usePeople } from './people';
import { STATUSES, type Page, type Ticket } from './types';

/** The server's sort for a column and direction (created, updated, next_due). */
export function serverSort(sort: SortState): string {
  if (sort.key === 'sla') return 'next_due';
  const base = sort.key === 'updated' ? 'updated' : 'created';
  return sort.dir === 'desc' ? `-${base}` : base;
}

export function sortFromServer(value: string | null): SortState {
  switch (value) {
    case 'created':
      return { key: 'created', dir: 'asc' };
    case '-updated':
      return { key: 'updated', dir: 'desc' };
    case 'updated':
      return { key: 'updated', dir: 'asc' };
    case 'next_due':
      return { key: 'sla', dir: 'asc' };
    default:
      return { key: 'created', dir: 'desc' };
  }
}

export function TicketsPage() {
  const q = route.value.query;
  const status = q.get('status') ?? '';
  const search = q.get('q') ?? '';
  const sortParam = q.get('sort');
  const sort = sortFromServer(sortParam);
  const admin = isCustomerAdmin();
  const people = usePeople();

  const [items, setItems] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [searchText, setSearchText] = useState(search);
  const [announce, setAnnounce] = useState('');

  const params = useMemo(
    () => ({ status, q: search, sort: serverSort(sort), limit: 50 }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [status, search, sortParam],
  );

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api<Page<Ticket>>('GET', `/tickets${query(params)}`, undefined, { signal: controller.signal })
      .then((page) => {
        setItems(page.items);
        setCursor(page.next_cursor);
        setError(null);
        setLoading(false);
      })
      .catch((err) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      });
    return () => controller.abort();
  }, [params, generation]);

  // Live: a change to a ticket re-reads the list (at most every 2 s).
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const off = onTicketEvent(() => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        setGeneration((g) => g + 1);
        setAnnounce(t('portal.tickets.updated_live'));
      }, 2000);
    });
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const more = async () => {
    if (!cursor) return;
    try {
      const page = await api<Page<Ticket>>('GET', `/tickets${query({ ...params, cursor })}`);
      setItems((old) => [...old, ...page.items]);
      setCursor(page.next_cursor);
    } catch (err) {
      setError(err);
    }
  };

  const columns: Column<Ticket>[] = [
    { key: 'number', label: t('portal.tickets.number'), render: (r) => <span>#{r.number}</span>, class: 'num' },
    {
      key: 'subject',
      label: t('portal.tickets.subject'),
      rowHeader: true,
      render: (r) => <Link href={`/portal/tickets/${r.id}`}>{r.subject}</Link>,
    },
    { key: 'status', label: t('portal.tickets.status'), render: (r) => <span class={`badge badge--${r.status}`}>{statusLabel(r.status)}</span> },
    {
      key: 'sla',
      label: t('portal.tickets.first_response'),
      sortable: true,
      render: (r) =>
        r.sla.first_response ? <SlaClock clock={r.sla.first_response} compact /> : <span class="muted">{t('portal.tickets.no_target')}</span>,
    },
    { key: 'severity', label: t('portal.tickets.severity'), render: (r) => severityLabel(r.severity) },
  ];
  if (admin) {
    columns.push({
      key: 'requester',
      label: t('portal.tickets.requester'),
      render: (r) => people.get(r.requester_id)?.name ?? (r.requester_id === me.value?.id ? me.value?.name : `#${r.requester_id}`),
    });
  }
  columns.push(
    { key: 'created', label: t('portal.tickets.created'), sortable: true, class: 'nowrap', render: (r) => <DateTime iso={r.created_at} /> },
    { key: 'updated', label: t('portal.tickets.updated'), sortable: true, class: 'nowrap', render: (r) => <DateTime iso={r.updated_at} /> },
  );

  const statusOptions = [{ value: '', label: t('portal.tickets.all_statuses') }, ...STATUSES.map(optionBy(statusLabel))];

  return (
    <PortalPage
      title={admin ? t('portal.tickets.title_org') : t('portal.tickets.title')}
      titleActions={
        <ButtonLink href="/portal/new" variant="primary">
          {t('portal.tickets.new')}
        </ButtonLink>
      }
    >
      <form
        class="toolbar"
        role="search"
        aria-label={t('portal.tickets.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ q: searchText.trim() || null });
        }}
      >
        <Field label={t('portal.tickets.status')} as="select" value={status} options={statusOptions} onValue={(v) => setQuery({ status: v || null })} />
        <Field label={t('portal.tickets.search')} type="search" value={searchText} onValue={setSearchText} controlProps={{ maxLength: 200 }} />
        <Button type="submit">{t('portal.tickets.search_button')}</Button>
        {(status || search) && (
          <Button
            variant="link"
            onClick={() => {
              setSearchText('');
              setQuery({ status: null, q: null });
            }}
          >
            {t('portal.tickets.clear')}
          </Button>
        )}
      </form>
      <p class="visually-hidden" role="status">
        {announce}
      </p>
      <ErrorNotice error={error} />
      {loading && items.length === 0 ? (
        <Loading />
      ) : (
        <DataTable
          caption={admin ? t('portal.tickets.caption_org') : t('portal.tickets.caption')}
          captionHidden
          columns={columns}
          rows={items}
          rowKey={(r) => r.id}
          sort={sort}
          onSort={(s) => setQuery({ sort: serverSort(s) === '-created' ? null : serverSort(s) })}
          empty={
            status || search ? (
              t('portal.tickets.none_filtered')
            ) : (
              <>
                {t('portal.tickets.none')} <Link href="/portal/new">{t('portal.tickets.new')}</Link>
              </>
            )
          }
        />
      )}
      {cursor && (
        <Button onClick={() => void more()}>{t('portal.tickets.more')}</Button>
      )}
    </PortalPage>
  );
}
