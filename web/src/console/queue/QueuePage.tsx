// The queue: saved views with counts, a table of tickets by next SLA due, keyboard navigation
// (j/k, Enter, x) and bulk actions on the selection. Live: a ticket event reloads the list.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { clockLabel, severityLabel } from '../../shared/labels';
import { Link, navigate } from '../../shared/router';
import { me } from '../../shared/session';
import { registerShortcut } from '../../shared/shortcuts';
import { onTicketEvent } from '../../shared/stream';
import { Button, DataTable, errorText, Loading, Notice, SlaClock, type Column } from '../../shared/ui';
import { markPainted } from '../../shared/marks';
import { assignableUsers, orgName, teams, teamsOf, userName, users } from '../directory';
import { consoleStatus, viewLabel } from '../labels';
import { ConsolePage } from '../layout';
import { capabilitiesOf } from '../roles';
import type { ConsoleRoute } from '../routes';
import { nextClock } from '../slaPick';
import type { Page, Role, Ticket, TicketStatus, User } from '../types';
import { isValidTag, runBulk, summarise, type BulkAction, type BulkSummary } from './bulk';
import { saveQueueContext } from './queueContext';
import {
  countOf,
  defaultSort,
  defaultView,
  PAGE_SIZE,
  SORT_KEYS,
  viewPath,
  viewRequest,
  viewsFor,
  type SortKey,
  type ViewCount,
  type ViewId,
} from './views';

type QueueRoute = Extract<ConsoleRoute, { page: 'queue' }>;

const STATUSES: TicketStatus[] = ['open', 'pending_customer', 'pending_vendor', 'resolved', 'closed'];

function sortLabel(sort: SortKey): string {
  switch (sort) {
    case 'next_due':
      return t('console.sort.next_due');
    case '-updated':
      return t('console.sort.updated_desc');
    case 'updated':
      return t('console.sort.updated_asc');
    case '-created':
      return t('console.sort.created_desc');
    case 'created':
      return t('console.sort.created_asc');
  }
}

/**
 * Counts of each view, asked one at a time after the queue itself has loaded: one list of up to
 * 200 per view, and for views the client filters (no API filter), up to five such pages.
 */
function useViewCounts(views: ViewId[], userId: number, teamId: number | null, enabled: boolean, generation: number) {
  const [counts, setCounts] = useState<Partial<Record<ViewId, ViewCount>>>({});
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    (async () => {
      for (const view of views) {
        if (view === 'search') continue;
        let cursor: string | null = null;
        let total: ViewCount = { count: 0, more: false };
        try {
          for (let page = 0; page < 5; page++) {
            const request = viewRequest(view, { userId, teamId }, { limit: 200, cursor });
            if (!request.possible) break;
            const answer: Page<Ticket> = await api<Page<Ticket>>('GET', `/tickets?${request.query}`, undefined, { signal: controller.signal });
            const count = countOf(answer.items, answer.next_cursor, request.keep);
            total = { count: total.count + count.count, more: count.more };
            cursor = answer.next_cursor;
            if (!cursor || !request.keep) break;
          }
          if (controller.signal.aborted) return;
          setCounts((c) => ({ ...c, [view]: total }));
        } catch {
          if (controller.signal.aborted) return;
        }
      }
    })();
    return () => controller.abort();
  }, [views.join(','), userId, teamId, enabled, generation]);
  return counts;
}

function countText(count: ViewCount | undefined): string {
  if (!count) return '';
  return count.more ? t('console.queue.count_more', { count: count.count }) : String(count.count);
}

export function QueuePage({ route }: { route: QueueRoute }) {
  const user = me.value!;
  const role = user.role as Role;
  const can = capabilitiesOf(role);
  const myTeams = teamsOf(user.id);
  const view: ViewId = route.view ?? defaultView(role);
  const sort: SortKey = route.sort ?? defaultSort(view);
  const teamId = route.team ?? myTeams[0]?.id ?? teams.value[0]?.id ?? null;
  const views = viewsFor(role, myTeams.length > 0 || teams.value.length > 0);

  const [rows, setRows] = useState<Ticket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [current, setCurrent] = useState(0);
  const [generation, setGeneration] = useState(0);
  const [countGeneration, setCountGeneration] = useState(0);
  const [live, setLive] = useState('');
  const firstLoad = useRef(true);

  const request = viewRequest(view, { userId: user.id, teamId, q: route.q }, { sort });
  const here = viewPath(view, { sort, team: route.team, q: route.q });

  // The list: one request per page.
  useEffect(() => {
    if (!request.possible) {
      setRows([]);
      setCursor(null);
      setLoading(false);
      return undefined;
    }
    const controller = new AbortController();
    setLoading(true);
    api<Page<Ticket>>('GET', `/tickets?${request.query}`, undefined, { signal: controller.signal })
      .then((page) => {
        const items = request.keep ? page.items.filter(request.keep) : page.items;
        setRows(items);
        setCursor(page.next_cursor);
        setError(null);
        setLoading(false);
        if (!firstLoad.current) setLive(t('console.queue.updated_live', { count: items.length }));
        else markPainted('td:queue-ready');
        firstLoad.current = false;
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
  }, [request.query, generation]);

  // A new view: start at the top with nothing selected.
  useEffect(() => {
    setSelected(new Set());
    setCurrent(0);
    firstLoad.current = true;
  }, [view, sort, teamId, route.q]);

  // The ticket view's [ and ] follow the queue as shown.
  useEffect(() => {
    saveQueueContext({ path: here, ids: rows.map((r) => r.id) });
  }, [rows, here]);

  // Live: any ticket event may add, move or drop a row.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let countTimer: ReturnType<typeof setTimeout> | undefined;
    const off = onTicketEvent(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setGeneration((g) => g + 1), 400);
      if (!countTimer) countTimer = setTimeout(() => {
        countTimer = undefined;
        setCountGeneration((g) => g + 1);
      }, 15000);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
      if (countTimer) clearTimeout(countTimer);
    };
  }, []);

  const counts = useViewCounts(views, user.id, teamId, !loading, countGeneration);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const next = viewRequest(view, { userId: user.id, teamId, q: route.q }, { sort, cursor });
      const page = await api<Page<Ticket>>('GET', `/tickets?${next.query}`);
      const items = next.keep ? page.items.filter(next.keep) : page.items;
      setRows((r) => [...r, ...items.filter((i) => !r.some((x) => x.id === i.id))]);
      setCursor(page.next_cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  // Keyboard: j/k move, x selects, Enter opens (the focused row's link).
  const focusRow = useCallback((index: number) => {
    const links = document.querySelectorAll<HTMLAnchorElement>('a[data-queue-row]');
    const link = links[index];
    if (link) {
      link.focus();
      link.scrollIntoView({ block: 'nearest' });
    }
  }, []);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const currentRef = useRef(current);
  currentRef.current = current;
  useEffect(() => {
    const move = (step: number) => {
      const count = rowsRef.current.length;
      if (count === 0) return;
      const focused = document.activeElement?.getAttribute('data-queue-row');
      const base = focused !== null && focused !== undefined ? Number(focused) : currentRef.current - step;
      const next = Math.min(count - 1, Math.max(0, base + step));
      setCurrent(next);
      focusRow(next);
    };
    const off = [
      registerShortcut('j', 'console.shortcut.next_row', () => move(1)),
      registerShortcut('k', 'console.shortcut.previous_row', () => move(-1)),
      registerShortcut('x', 'console.shortcut.select_row', () => {
        const focused = document.activeElement?.getAttribute('data-queue-row');
        const index = focused !== null && focused !== undefined ? Number(focused) : currentRef.current;
        const row = rowsRef.current[index];
        if (row) toggle(row.id);
      }),
      registerShortcut('o', 'console.shortcut.open_row', () => {
        const row = rowsRef.current[currentRef.current];
        if (row) navigate(`/console/tickets/${row.id}`);
      }),
    ];
    return () => off.forEach((f) => f());
  }, []);

  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)));

  const columns: Column<Ticket>[] = useMemo(
    () => [
      ...(can.updateTicket
        ? [
            {
              key: 'select',
              label: (
                <>
                  <input
                    type="checkbox"
                    id="queue-select-all"
                    checked={allSelected}
                    onChange={toggleAll}
                    aria-label={t('console.queue.select_all')}
                  />
                </>
              ),
              class: 'col-select',
              render: (r: Ticket) => (
                <input
                  type="checkbox"
                  checked={selected.has(r.id)}
                  onChange={() => toggle(r.id)}
                  aria-label={t('console.queue.select_ticket', { id: r.id, subject: r.subject })}
                />
              ),
            },
          ]
        : []),
      {
        key: 'subject',
        label: t('console.queue.col.subject'),
        rowHeader: true,
        render: (r: Ticket) => {
          const index = rows.indexOf(r);
          return (
            <>
              <span class="ticket-number">#{r.id}</span>{' '}
              <Link href={`/console/tickets/${r.id}`} data-queue-row={String(index)} onFocus={() => setCurrent(index)}>
                {r.subject}
              </Link>
            </>
          );
        },
      },
      { key: 'customer', label: t('console.queue.col.customer'), render: (r: Ticket) => orgName(r.customer_id) },
      { key: 'status', label: t('console.queue.col.status'), render: (r: Ticket) => <span class={`status status--${r.status}`}>{consoleStatus(r.status)}</span> },
      {
        key: 'severity',
        label: t('console.queue.col.severity'),
        render: (r: Ticket) => <span class={`severity severity--${r.severity}`}>{severityLabel(r.severity)}</span>,
      },
      {
        key: 'assignee',
        label: t('console.queue.col.assignee'),
        render: (r: Ticket) => (r.assignee_id ? userName(r.assignee_id) : <span class="muted">{t('console.unassigned')}</span>),
      },
      {
        key: 'due',
        label: t('console.queue.col.next_due'),
        render: (r: Ticket) => {
          const next = nextClock(r.sla);
          return next ? <SlaClock clock={next.clock} label={clockLabel(next.name)} compact /> : <span class="muted">—</span>;
        },
      },
    ],
    [rows, selected, allSelected, can.updateTicket, users.value, teams.value],
  );

  const title = view === 'search' ? t('console.queue.search_title', { q: route.q }) : viewLabel(view);

  return (
    <ConsolePage title={title} wide>
      <div class="queue-layout">
        <nav class="queue-views" aria-label={t('console.queue.views')}>
          <ul>
            {views.map((v) => (
              <li key={v}>
                <Link href={viewPath(v, { team: v === 'team' ? route.team : null })} aria-current={v === view ? 'page' : undefined}>
                  <span>{viewLabel(v)}</span>
                  {counts[v] && (
                    <span class="queue-count">
                      <span class="visually-hidden">: </span>
                      {countText(counts[v])}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="queue-main">
          <div class="queue-toolbar">
            {view === 'team' && (
              <label class="inline-field">
                <span>{t('console.queue.team')}</span>
                <select value={teamId ?? ''} onChange={(e) => navigate(viewPath('team', { team: Number(e.currentTarget.value), sort: route.sort ?? undefined }))}>
                  {(myTeams.length > 0 ? myTeams : teams.value).map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label class="inline-field">
              <span>{t('console.queue.sort')}</span>
              <select value={sort} onChange={(e) => navigate(viewPath(view, { sort: e.currentTarget.value as SortKey, team: route.team, q: route.q }), { replace: true })}>
                <OptionsOf values={SORT_KEYS} label={sortLabel} />
              </select>
            </label>
            <Button onClick={() => setGeneration((g) => g + 1)}>{t('console.queue.refresh')}</Button>
            <p class="queue-hint">{t('console.queue.keyboard_hint')}</p>
          </div>
          <div class="visually-hidden" role="status" aria-live="polite">
            {live}
          </div>
          {can.updateTicket && selected.size > 0 && (
            <BulkBar
              role={role}
              me={user.id}
              tickets={rows.filter((r) => selected.has(r.id))}
              onDone={() => {
                setGeneration((g) => g + 1);
              }}
              onClear={() => setSelected(new Set())}
            />
          )}
          {error ? <Notice kind="error">{errorText(error)}</Notice> : null}
          {!request.possible && view === 'team' && <Notice>{t('console.queue.no_team')}</Notice>}
          {!request.possible && view === 'search' && <Notice>{t('console.queue.search_empty')}</Notice>}
          {loading && rows.length === 0 ? (
            <Loading />
          ) : (
            <DataTable
              caption={t('console.queue.caption', { view: title, count: rows.length })}
              captionHidden
              columns={columns}
              rows={rows}
              rowKey={(r) => r.id}
              rowClass={(r) => {
                const classes = [];
                if (selected.has(r.id)) classes.push('is-selected');
                if (rows.indexOf(r) === current) classes.push('is-current');
                if (r.sla?.breached) classes.push('is-breached');
                return classes.join(' ') || undefined;
              }}
              empty={t('console.queue.empty')}
            />
          )}
          <div class="queue-footer">
            <span>{t('console.queue.showing', { count: rows.length })}</span>
            {cursor && (
              <Button onClick={() => void loadMore()} busy={loadingMore}>
                {t('console.queue.load_more')}
              </Button>
            )}
            {rows.length < PAGE_SIZE && cursor && <span class="muted">{t('console.queue.filtered_hint')}</span>}
          </div>
        </div>
      </div>
    </ConsolePage>
  );
}

function assigneeChoices(role: Role, myOrgId: number): User[] {
  if (role === 'provider_agent' || role === 'reseller_agent') {
    return [...users.value.values()].filter((u) => u.active && u.organization_id === myOrgId && u.role === role);
  }
  return assignableUsers(null);
}

function BulkBar(props: { role: Role; me: number; tickets: Ticket[]; onDone: () => void; onClear: () => void }) {
  const [assignee, setAssignee] = useState(String(props.me));
  const [status, setStatus] = useState<TicketStatus>('pending_customer');
  const [tag, setTag] = useState('');
  const [tagError, setTagError] = useState('');
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  const myOrg = me.value?.organization_id ?? 0;

  const run = async (action: BulkAction) => {
    setBusy(true);
    setSummary(null);
    const results = await runBulk(props.tickets, action, (id, body, ifMatch) => api('PATCH', `/tickets/${id}`, body, { ifMatch }));
    setSummary(summarise(results));
    setBusy(false);
    props.onDone();
  };

  return (
    <section class="bulk-bar" aria-labelledby="bulk-title">
      <h2 id="bulk-title" class="bulk-bar__title">
        {t('console.bulk.selected', { count: props.tickets.length })}
      </h2>
      <BulkForm
        controlId="bulk-assignee"
        label={t('console.bulk.assign_to')}
        submit={t('console.bulk.assign')}
        busy={busy}
        onSubmit={() => void run({ kind: 'assign', assigneeId: assignee === '' ? null : Number(assignee) })}
      >
        <select id="bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)}>
          <option value={String(props.me)}>{t('console.bulk.me')}</option>
          <option value="">{t('console.unassigned')}</option>
          {assigneeChoices(props.role, myOrg)
            .filter((u) => u.id !== props.me)
            .map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}
              </option>
            ))}
        </select>
      </BulkForm>
      <BulkForm controlId="bulk-status" label={t('console.bulk.status')} submit={t('console.bulk.set_status')} busy={busy} onSubmit={() => void run({ kind: 'status', status })}>
        <select id="bulk-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as TicketStatus)}>
          <OptionsOf values={STATUSES} label={consoleStatus} />
        </select>
      </BulkForm>
      <BulkForm
        controlId="bulk-tag"
        label={t('console.bulk.tag')}
        submit={t('console.bulk.add_tag')}
        busy={busy}
        onSubmit={() => {
          if (!isValidTag(tag)) {
            setTagError(t('console.bulk.tag_invalid'));
            return;
          }
          setTagError('');
          void run({ kind: 'tag', tag });
        }}
        after={
          tagError && (
            <p id="bulk-tag-error" class="field__error">
              {tagError}
            </p>
          )
        }
      >
        <input
          id="bulk-tag"
          value={tag}
          maxLength={64}
          aria-invalid={tagError ? 'true' : undefined}
          aria-describedby={tagError ? 'bulk-tag-error' : undefined}
          onInput={(e) => setTag(e.currentTarget.value)}
        />
      </BulkForm>
      <Button variant="link" onClick={props.onClear}>
        {t('console.bulk.clear')}
      </Button>
      {summary && <BulkReport summary={summary} />}
    </section>
  );
}

/** The <option>s of a select: each value, labelled by `label`. */
function OptionsOf<T extends string>({ values, label }: { values: readonly T[]; label: (value: T) => string }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}

/** One action of the bulk bar: a labelled control (`children`, with id `controlId`) and its button. */
function BulkForm(props: { controlId: string; label: string; submit: string; busy: boolean; onSubmit: () => void; children: ComponentChildren; after?: ComponentChildren }) {
  return (
    <form
      class="bulk-bar__action"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <label for={props.controlId}>{props.label}</label>
      {props.children}
      <Button type="submit" busy={props.busy}>
        {props.submit}
      </Button>
      {props.after}
    </form>
  );
}

function BulkReport({ summary }: { summary: BulkSummary }) {
  const kind = summary.failed.length === 0 ? 'success' : 'warning';
  return (
    <Notice kind={kind} title={t('console.bulk.report', { changed: summary.changed, unchanged: summary.unchanged, failed: summary.failed.length })}>
      {summary.failed.length > 0 && (
        <ul class="bulk-failures">
          {summary.failed.map((f) => (
            <li key={f.id}>
              <Link href={`/console/tickets/${f.id}`}>
                #{f.id} {f.subject}
              </Link>
              {': '}
              {f.type === 'precondition-failed' ? t('console.bulk.changed_meanwhile') : f.error}
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}

