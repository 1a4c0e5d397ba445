import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, apiWithEtag, newIdempotencyKey } from '../shared/api';
import { formatBytes, formatMoney, formatMinutes } from '../shared/format';
import { t } from '../shared/i18n';
import { categoryLabel, clockLabel, severityLabel } from '../shared/labels';
import { Link, route, setQuery } from '../shared/router';
import { me } from '../shared/session';
import { onTicketEvent } from '../shared/stream';
import { Button, DateTime, Details, Dialog, ErrorNotice, Field, Loading, Notice, SlaClock, errorText } from '../shared/ui';
import { CLOCK_KINDS } from '../shared/sla';
import { PortalPage } from './App';
import { statusLabel } from './labels';
import { FilePicker, MAX_FILE_BYTES, uploadAll } from './NewTicketPage';
import { usePeople, useServiceLabels } from './people';
import type { Attachment, CustomerCase, Message, Ticket, VendorIncident } from './types';

interface TicketData {
  ticket: Ticket;
  etag: string;
  messages: Message[];
  attachments: Attachment[];
  cases: CustomerCase[];
  incidents: VendorIncident[];
}

/** What a customer may do with a ticket's status (PATCH: only resolved or open). */
export function statusActions(status: string): ('resolve' | 'reopen')[] {
  if (status === 'resolved') return ['reopen'];
  if (status === 'closed') return [];
  return ['resolve'];
}

async function loadTicket(id: number, signal?: AbortSignal): Promise<TicketData> {
  const optional = <T,>(p: Promise<{ items: T[] }>) => p.then((r) => r.items).catch(() => [] as T[]);
  const [{ data: ticket, etag }, messages, attachments, cases, incidents] = await Promise.all([
    apiWithEtag<Ticket>(`/tickets/${id}`, { signal }),
    api<{ items: Message[] }>('GET', `/tickets/${id}/messages`, undefined, { signal }).then((r) => r.items),
    optional(api<{ items: Attachment[] }>('GET', `/tickets/${id}/attachments`, undefined, { signal })),
    optional(api<{ items: CustomerCase[] }>('GET', `/tickets/${id}/escalations`, undefined, { signal })),
    optional(api<{ items: VendorIncident[] }>('GET', `/tickets/${id}/vendor-incidents`, undefined, { signal })),
  ]);
  return { ticket, etag, messages, attachments, cases, incidents };
}

export function TicketPage({ id }: { id: number }) {
  const [data, setData] = useState<TicketData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announce, setAnnounce] = useState('');
  const people = usePeople();
  const seenMessages = useRef<number>(-1);
  const lastLoad = useRef(0);
  const created = route.value.query.get('created');
  const uploadFailed = route.value.query.get('upload_failed');

  const reload = useCallback(
    async (signal?: AbortSignal) => {
      lastLoad.current = Date.now();
      try {
        const next = await loadTicket(id, signal);
        if (signal?.aborted) return;
        if (seenMessages.current >= 0 && next.messages.length > seenMessages.current) {
          const newest = next.messages[next.messages.length - 1]!;
          setAnnounce(newest.author_id === me.value?.id ? t('portal.ticket.reply_sent') : t('portal.ticket.new_reply'));
        }
        seenMessages.current = next.messages.length;
        setData(next);
        setError(null);
      } catch (err) {
        if (signal?.aborted) return;
        setError(err);
      }
    },
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    seenMessages.current = -1;
    setData(null);
    void reload(controller.signal);
    return () => controller.abort();
  }, [id]);

  // Live updates: a new reply, a status change, an escalation appear without reloading the page.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onTicketEvent((e) => {
      if (e.ticket_id !== id) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void reload(), 300);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [id, reload]);

  if (error && !data) {
    return (
      <PortalPage title={t('portal.ticket.title', { number: id })}>
        <ErrorNotice error={error} />
        <p>
          <Link href="/portal">{t('portal.ticket.back')}</Link>
        </p>
      </PortalPage>
    );
  }
  if (!data) {
    return (
      <PortalPage title={t('portal.ticket.title', { number: id })}>
        <Loading />
      </PortalPage>
    );
  }

  // The SLA clocks ask for the server's view at zero and every minute; one fetch answers them all.
  const resync = () => {
    if (Date.now() - lastLoad.current > 5000) void reload();
  };
  const { ticket } = data;
  const authorName = (m: Message): string => {
    if (m.kind === 'system') return t('portal.author.system');
    if (m.author_id !== null && m.author_id === me.value?.id) return t('portal.author.you');
    if (m.author_id !== null && people.has(m.author_id)) return people.get(m.author_id)!.name;
    if (m.kind === 'customer_reply') return t('portal.author.your_org');
    return t('portal.author.support');
  };

  return (
    <PortalPage title={`#${ticket.number} ${ticket.subject}`}>
      <p class="visually-hidden" role="status">
        {announce}
      </p>
      {created && (
        <Notice kind="success">
          <p>{t('portal.ticket.created', { number: ticket.number })}</p>
        </Notice>
      )}
      {uploadFailed && <Notice kind="warning">{t('portal.ticket.upload_failed', { names: uploadFailed })}</Notice>}
      {(created || uploadFailed) && (
        <p>
          <Button variant="link" onClick={() => setQuery({ created: null, upload_failed: null })}>
            {t('common.close')}
          </Button>
        </p>
      )}
      <ErrorNotice error={error} />
      <div class="layout-2">
        <div>
          <Conversation messages={data.messages} authorName={authorName} />
          <ReplyForm ticket={ticket} onSent={() => void reload()} />
        </div>
        <aside>
          <TicketSummary data={data} onChanged={() => void reload()} onResync={resync} />
        </aside>
      </div>
    </PortalPage>
  );
}

function Conversation({ messages, authorName }: { messages: Message[]; authorName: (m: Message) => string }) {
  return (
    <section aria-labelledby="conversation-heading">
      <h2 id="conversation-heading">{t('portal.ticket.conversation')}</h2>
      {messages.length === 0 ? (
        <p class="muted">{t('portal.ticket.no_messages')}</p>
      ) : (
        <ol class="conversation">
          {messages.map((m) => (
            <li key={m.id} class={`message${m.author_id !== null && m.author_id === me.value?.id ? ' message--mine' : ''}`}>
              <article aria-label={t('portal.ticket.message_from', { name: authorName(m) })}>
                <div class="message__meta">
                  <span class="message__author">{authorName(m)}</span>
                  <DateTime iso={m.created_at} />
                </div>
                <div class="message__body">{m.body}</div>
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ReplyForm({ ticket, onSent }: { ticket: Ticket; onSent: () => void }) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [done, setDone] = useState('');
  const key = useRef(newIdempotencyKey());

  if (ticket.status === 'closed') {
    return (
      <Notice kind="info">
        <p>{t('portal.ticket.closed_note')}</p>
        <p>
          <Link href={`/portal/new?service=${encodeURIComponent(ticket.service)}&category=${ticket.category}`}>{t('portal.ticket.new_follow_up')}</Link>
        </p>
      </Notice>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setError('');
    setDone('');
    if (!body.trim() && files.length === 0) {
      setFieldError(t('portal.ticket.reply_required'));
      return;
    }
    if (files.some((f) => f.size > MAX_FILE_BYTES)) {
      setFieldError(t('portal.files.too_big_short'));
      return;
    }
    setFieldError('');
    setBusy(true);
    try {
      if (body.trim()) {
        await api<Message>('POST', `/tickets/${ticket.id}/messages`, { body: body.trim(), visibility: 'public' }, { idempotencyKey: key.current });
      }
      const failed = await uploadAll(ticket.id, files);
      key.current = newIdempotencyKey();
      setBody('');
      setFiles([]);
      if (failed.length > 0) setError(t('portal.ticket.upload_failed', { names: failed.join(', ') }));
      else setDone(t('portal.ticket.reply_sent'));
      onSent();
    } catch (err) {
      setError(errorText(err));
    }
    setBusy(false);
  };

  return (
    <section aria-labelledby="reply-heading" class="panel">
      <h2 id="reply-heading">{t('portal.ticket.reply')}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
      <form onSubmit={submit} noValidate>
        <Field
          label={t('portal.ticket.reply_label')}
          as="textarea"
          rows={6}
          value={body}
          onValue={setBody}
          error={fieldError}
          hint={ticket.status === 'resolved' ? t('portal.ticket.reply_reopens') : undefined}
        />
        <FilePicker files={files} onChange={setFiles} label={t('portal.ticket.attach')} />
        <Button type="submit" variant="primary" busy={busy}>
          {t('portal.ticket.send')}
        </Button>
      </form>
    </section>
  );
}

function TicketSummary({ data, onChanged, onResync }: { data: TicketData; onChanged: () => void; onResync: () => void }) {
  const { ticket } = data;
  const [confirm, setConfirm] = useState<'resolve' | 'reopen' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const change = async (action: 'resolve' | 'reopen') => {
    setBusy(true);
    setError('');
    try {
      await api<Ticket>('PATCH', `/tickets/${ticket.id}`, { status: action === 'resolve' ? 'resolved' : 'open' }, { ifMatch: data.etag });
      setConfirm(null);
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setError(t('common.error.conflict'));
        onChanged();
      } else {
        setError(errorText(err));
      }
      setConfirm(null);
    }
    setBusy(false);
  };

  const labels = useServiceLabels(ticket.service);
  const actions = statusActions(ticket.status);
  const activeCase = data.cases.find((c) => c.status === 'escalated_to_microsoft');
  const anyCase = activeCase ?? data.cases[0];

  return (
    <>
      <section class="panel" aria-labelledby="status-heading">
        <h2 id="status-heading">{t('portal.ticket.status_heading')}</h2>
        <p>
          <span class={`badge badge--${ticket.status}`}>{statusLabel(ticket.status)}</span>
        </p>
        {error && <Notice kind="error">{error}</Notice>}
        {actions.includes('resolve') && (
          <Button onClick={() => setConfirm('resolve')} disabled={busy}>
            {t('portal.ticket.resolve')}
          </Button>
        )}
        {actions.includes('reopen') && (
          <Button onClick={() => setConfirm('reopen')} disabled={busy}>
            {t('portal.ticket.reopen')}
          </Button>
        )}
        <Dialog
          open={confirm !== null}
          onClose={() => setConfirm(null)}
          title={confirm === 'reopen' ? t('portal.ticket.reopen') : t('portal.ticket.resolve')}
          footer={
            <>
              <Button onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
              <Button variant="primary" busy={busy} onClick={() => confirm && void change(confirm)}>
                {confirm === 'reopen' ? t('portal.ticket.reopen') : t('portal.ticket.resolve')}
              </Button>
            </>
          }
        >
          <p>{confirm === 'reopen' ? t('portal.ticket.reopen_confirm') : t('portal.ticket.resolve_confirm')}</p>
        </Dialog>
      </section>

      {anyCase && (
        <section class="panel" aria-labelledby="ms-heading">
          <h2 id="ms-heading">{t('portal.ticket.microsoft')}</h2>
          {activeCase ? (
            <p>
              <strong>{t('portal.ticket.escalated')}</strong>
            </p>
          ) : (
            <p>{t('portal.ticket.ms_closed')}</p>
          )}
          <Details
            items={[
              [t('portal.ticket.case_number'), anyCase.case_number ? <code>{anyCase.case_number}</code> : <span class="muted">{t('portal.ticket.case_number_none')}</span>],
              [t('portal.ticket.escalated_at'), <DateTime iso={anyCase.escalated_at} />],
              ...(anyCase.closed_at ? ([[t('portal.ticket.ms_closed_at'), <DateTime iso={anyCase.closed_at} />]] as [string, ComponentChildren][]) : []),
            ]}
          />
        </section>
      )}

      {data.incidents.length > 0 && (
        <section class="panel" aria-labelledby="incident-heading">
          <h2 id="incident-heading">{t('portal.ticket.incidents')}</h2>
          <ul>
            {data.incidents.map((i) => (
              <li key={i.id}>
                <code>{i.reference}</code> {i.title} <span class="muted">({i.status})</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="panel" aria-labelledby="sla-heading">
        <h2 id="sla-heading">{t('portal.ticket.sla')}</h2>
        <ul class="plain-list">
          {CLOCK_KINDS.map((kind) =>
            ticket.sla[kind] ? (
              <li key={kind}>
                <SlaClock clock={ticket.sla[kind]} label={clockLabel(kind)} onResync={onResync} />
              </li>
            ) : null,
          )}
        </ul>
        {!CLOCK_KINDS.some((k) => ticket.sla[k]) && <p class="muted">{t('portal.ticket.no_sla')}</p>}
      </section>

      <section class="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">{t('portal.ticket.details')}</h2>
        <Details
          items={[
            [t('portal.ticket.number'), `#${ticket.number}`],
            [t('portal.ticket.service'), labels.name],
            [t('portal.ticket.category'), categoryLabel(ticket.category)],
            [t('portal.ticket.severity'), severityLabel(ticket.severity)],
            [t('portal.ticket.opened'), <DateTime iso={ticket.created_at} />],
            [t('portal.ticket.updated'), <DateTime iso={ticket.updated_at} />],
            [
              t('portal.ticket.scope'),
              ticket.scope === 'out_of_scope_billable' ? (
                <>
                  {t('portal.ticket.scope_billable')}
                  {ticket.quote && (
                    <div class="muted">
                      {t('portal.quote.rate', { price: formatMoney(ticket.quote.hourly_rate, ticket.quote.currency) })} ·{' '}
                      {t('portal.quote.increment', { time: formatMinutes(ticket.quote.increment_minutes) })}
                    </div>
                  )}
                </>
              ) : (
                t('portal.ticket.scope_covered')
              ),
            ],
            ...Object.entries(ticket.fields).map(([k, v]) => [labels.fields.get(k) ?? k, <code>{v}</code>] as [string, ComponentChildren]),
          ]}
        />
      </section>

      {data.attachments.length > 0 && (
        <section class="panel" aria-labelledby="files-heading">
          <h2 id="files-heading">{t('portal.ticket.files')}</h2>
          <ul class="plain-list">
            {data.attachments.map((a) => (
              <li key={a.id}>
                <a href={a.url} download={a.filename}>
                  {a.filename}
                </a>{' '}
                <span class="muted">
                  ({formatBytes(a.size)}, <DateTime iso={a.created_at} />)
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
