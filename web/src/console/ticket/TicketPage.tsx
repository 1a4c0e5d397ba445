// The ticket view: header, conversation (replies, notes, shared notes and Microsoft's updates
// told apart by a label), the composer, and the side panels (SLA, routing, hand-offs, checklist
// and fields, time, escalation to Microsoft, vendor cases, history). The ticket and its messages
// load in parallel; the panels follow. Live: an event on this ticket reloads what changed.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { markPainted } from '../../shared/marks';
import { api, apiWithEtag, ApiError, newIdempotencyKey, upload } from '../../shared/api';
import { formatBytes } from '../../shared/format';
import { t } from '../../shared/i18n';
import { categoryLabel, channelLabel, severityLabel } from '../../shared/labels';
import { Link, navigate } from '../../shared/router';
import { me } from '../../shared/session';
import { registerShortcut } from '../../shared/shortcuts';
import { onTicketEvent } from '../../shared/stream';
import { Button, DateTime, Details, errorText, Loading, Notice, Tabs } from '../../shared/ui';
import { ProblemNotice, Section, useAction } from '../common';
import { orgName, serviceName, services, teamName, userName } from '../directory';
import { consoleStatus, holderLabel, itemKindLabel, scopeLabel } from '../labels';
import { ConsolePage } from '../layout';
import { loadQueueContext, neighbour } from '../queue/queueContext';
import { capabilitiesOf, isPartnerStaff } from '../roles';
import type { Attachment, Message, RedactedCase, Role, Ticket, VendorCase, VendorNote } from '../types';
import { buildTimeline, isFullCase, isPublicKind, mayPublish, type TimelineItem } from './conversation';
import { ChecklistPanel, HandoffPanel, RoutingPanel, SlaPanel } from './panels';
import { HistoryPanel } from './HistoryPanel';
import { TimePanel } from './TimePanel';
import { EscalationPanel, VendorCasesPanel } from './VendorPanels';

export interface TicketData {
  ticket: Ticket;
  etag: string;
}

type CaseItem = VendorCase | RedactedCase;

export function TicketPage({ id }: { id: number }) {
  const user = me.value!;
  const role = user.role as Role;
  const can = capabilitiesOf(role);
  const [data, setData] = useState<TicketData | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [cases, setCases] = useState<CaseItem[]>([]);
  const [notes, setNotes] = useState<VendorNote[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [panelGeneration, setPanelGeneration] = useState({ checklist: 0, time: 0, events: 0 });
  const composerRef = useRef<ComposerHandle>({ focus: () => undefined });

  const loadTicket = useCallback(async () => {
    try {
      const [ticket, list] = await Promise.all([
        apiWithEtag<Ticket>(`/tickets/${id}`),
        api<{ items: Message[] }>('GET', `/tickets/${id}/messages`),
      ]);
      setData({ ticket: ticket.data, etag: ticket.etag });
      setMessages(list.items);
      setError(null);
      markPainted('td:ticket-ready');
    } catch (e) {
      setError(e);
    }
  }, [id]);

  const loadAttachments = useCallback(async () => {
    try {
      const list = await api<{ items: Attachment[] }>('GET', `/tickets/${id}/attachments`);
      setAttachments(list.items);
    } catch {
      // the conversation still shows; files are listed when they can be read
    }
  }, [id]);

  const loadCases = useCallback(async () => {
    try {
      const list = await api<{ items: CaseItem[] }>('GET', `/tickets/${id}/escalations`);
      setCases(list.items);
      const full = list.items.filter(isFullCase);
      if (full.length > 0 && isPartnerStaff(role)) {
        const all = await Promise.all(
          full.map((c) => api<{ items: VendorNote[] }>('GET', `/vendor-cases/${c.id}/notes`).then((n) => n.items, () => [] as VendorNote[])),
        );
        setNotes(all.flat());
      } else {
        setNotes([]);
      }
    } catch {
      setCases([]);
    }
  }, [id, role]);

  useEffect(() => {
    void loadTicket();
    void loadAttachments();
    void loadCases();
  }, [id]);

  // Live: reload what the event touches.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pending = new Set<string>();
    const off = onTicketEvent((event) => {
      if (event.ticket_id !== id) return;
      pending.add(event.action);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const actions = [...pending];
        pending.clear();
        void loadTicket();
        if (actions.some((a) => a.startsWith('attachment'))) void loadAttachments();
        if (actions.some((a) => a.startsWith('vendor_case') || a === 'message.added' || a === 'ticket.updated')) void loadCases();
        setPanelGeneration((g) => ({
          checklist: actions.some((a) => a.startsWith('checklist') || a === 'ticket.updated') ? g.checklist + 1 : g.checklist,
          time: actions.some((a) => a.startsWith('time')) ? g.time + 1 : g.time,
          events: g.events + 1,
        }));
      }, 300);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [id]);

  const refreshAll = () => {
    void loadTicket();
    void loadAttachments();
    void loadCases();
    setPanelGeneration((g) => ({ checklist: g.checklist + 1, time: g.time + 1, events: g.events + 1 }));
  };

  const context = loadQueueContext();
  const previous = neighbour(context, id, -1);
  const next = neighbour(context, id, 1);

  // Keyboard: r reply, n note, a assign to me, [ and ] through the queue.
  const dataRef = useRef(data);
  dataRef.current = data;
  useEffect(() => {
    const off = [
      registerShortcut('[', 'console.shortcut.previous_ticket', () => {
        const p = neighbour(loadQueueContext(), id, -1);
        if (p) navigate(`/console/tickets/${p}`);
      }),
      registerShortcut(']', 'console.shortcut.next_ticket', () => {
        const n = neighbour(loadQueueContext(), id, 1);
        if (n) navigate(`/console/tickets/${n}`);
      }),
    ];
    if (can.reply) off.push(registerShortcut('r', 'console.shortcut.reply', () => composerRef.current.focus('reply')));
    if (can.internalNote) off.push(registerShortcut('n', 'console.shortcut.note', () => composerRef.current.focus('note')));
    if (can.updateTicket)
      off.push(
        registerShortcut('a', 'console.shortcut.assign_me', () => {
          const d = dataRef.current;
          if (!d || d.ticket.assignee_id === user.id) return;
          void api<Ticket>('PATCH', `/tickets/${id}`, { assignee_id: user.id }, { ifMatch: d.etag })
            .then(() => loadTicket())
            .catch((e: unknown) => setError(e));
        }),
      );
    return () => off.forEach((f) => f());
  }, [id]);

  if (data && error instanceof ApiError && error.status === 404) {
    return (
      <ConsolePage title={t('console.ticket.title', { id: data.ticket.id, subject: data.ticket.subject })}>
        <Notice kind="warning">{t('console.ticket.gone')}</Notice>
        <p>
          <Link href={context?.path ?? '/console'}>{t('console.ticket.back_to_queue')}</Link>
        </p>
      </ConsolePage>
    );
  }

  if (!data) {
    return (
      <ConsolePage title={t('console.ticket.title_loading', { id })}>
        {error ? (
          error instanceof ApiError && error.status === 404 ? (
            <Notice kind="error">{t('console.ticket.not_found')}</Notice>
          ) : (
            <Notice kind="error">{errorText(error)}</Notice>
          )
        ) : (
          <Loading />
        )}
      </ConsolePage>
    );
  }

  const ticket = data.ticket;
  const timeline = buildTimeline(messages, attachments, notes);

  return (
    <ConsolePage
      title={t('console.ticket.title', { id: ticket.id, subject: ticket.subject })}
      wide
      titleActions={
        <nav class="ticket-pager" aria-label={t('console.ticket.pager')}>
          {context && <Link href={context.path}>{t('console.ticket.back_to_queue')}</Link>}
          {previous && (
            <Link href={`/console/tickets/${previous}`} aria-keyshortcuts="[">
              {t('console.ticket.previous')}
            </Link>
          )}
          {next && (
            <Link href={`/console/tickets/${next}`} aria-keyshortcuts="]">
              {t('console.ticket.next')}
            </Link>
          )}
        </nav>
      }
    >
      {error ? <ProblemNotice error={error} onReload={refreshAll} /> : null}
      <div class="ticket-layout">
        <div class="ticket-main">
          <TicketHeader ticket={ticket} />
          <Section id="conversation" title={t('console.ticket.conversation')}>
            <Conversation ticket={ticket} items={timeline} canPublish={can.escalateToVendor} onChanged={refreshAll} />
          </Section>
          {ticket.status === 'closed' ? (
            <Notice>{t('console.composer.closed')}</Notice>
          ) : can.reply || can.internalNote ? (
            <Composer ticket={ticket} role={role} handle={composerRef} onSent={refreshAll} />
          ) : null}
        </div>
        <div class="ticket-side">
          <SlaPanel ticket={ticket} onResync={() => void loadTicket()} />
          <RoutingPanel data={data} role={role} onChanged={refreshAll} />
          <HandoffPanel ticket={ticket} role={role} onChanged={refreshAll} />
          {can.checklist && <ChecklistPanel ticket={ticket} etag={data.etag} generation={panelGeneration.checklist} onChanged={refreshAll} />}
          {can.readTime && <TimePanel ticket={ticket} role={role} generation={panelGeneration.time} />}
          {can.escalateToVendor && <EscalationPanel ticket={ticket} onEscalated={refreshAll} />}
          {cases.length > 0 && <VendorCasesPanel cases={cases} notes={notes} role={role} onChanged={refreshAll} />}
          <HistoryPanel ticketId={ticket.id} generation={panelGeneration.events} />
        </div>
      </div>
    </ConsolePage>
  );
}

function TicketHeader({ ticket }: { ticket: Ticket }) {
  const items: [string, ComponentChildren][] = [
    [t('console.ticket.customer'), orgName(ticket.customer_id)],
    [t('console.ticket.requester'), userName(ticket.requester_id)],
    [t('console.ticket.status'), <span class={`status status--${ticket.status}`}>{consoleStatus(ticket.status)}</span>],
    [t('console.ticket.severity'), <span class={`severity severity--${ticket.severity}`}>{severityLabel(ticket.severity)}</span>],
    [t('console.ticket.service'), serviceName(ticket.service)],
    [t('console.ticket.category'), categoryLabel(ticket.category)],
    [t('console.ticket.assignee'), ticket.assignee_id ? userName(ticket.assignee_id) : t('console.unassigned')],
    [t('console.ticket.team'), ticket.team_id ? teamName(ticket.team_id) : t('common.none')],
    [t('console.ticket.provider'), ticket.provider_id ? orgName(ticket.provider_id) : t('common.none')],
    [t('console.ticket.holder'), holderLabel(ticket.holder)],
  ];
  if (ticket.reseller_id) items.push([t('console.ticket.reseller'), orgName(ticket.reseller_id)]);
  items.push(
    [t('console.ticket.channel'), channelLabel(ticket.channel)],
    [t('console.ticket.scope'), scopeLabel(ticket.scope)],
    [t('console.ticket.tags'), ticket.tags.length ? ticket.tags.join(', ') : t('common.none')],
    [t('console.ticket.opened'), <DateTime iso={ticket.created_at} />],
    [t('console.ticket.updated'), <DateTime iso={ticket.updated_at} />],
  );
  const fields = Object.entries(ticket.fields);
  return (
    <Section id="ticket-details" title={t('console.ticket.details')}>
      <Details items={items} />
      {fields.length > 0 && (
        <>
          <h3>{t('console.ticket.fields')}</h3>
          <Details items={fields.map(([k, v]) => [fieldLabel(ticket.service, k), v])} />
        </>
      )}
    </Section>
  );
}

function Conversation({ ticket, items, canPublish, onChanged }: { ticket: Ticket; items: TimelineItem[]; canPublish: boolean; onChanged: () => void }) {
  if (items.length === 0) return <p class="muted">{t('console.ticket.no_messages')}</p>;
  return (
    <ol class="timeline">
      {items.map((item) =>
        item.type === 'message' ? (
          <li key={`m${item.message.id}`} class={`timeline__item msg msg--${item.kind}`}>
            <article aria-label={`${itemKindLabel(item.kind)}, ${item.message.author_id ? userName(item.message.author_id) : t('console.ticket.system_author')}`}>
              <header class="msg__header">
                <span class={`msg__kind msg__kind--${item.kind}`}>{itemKindLabel(item.kind)}</span>
                {!isPublicKind(item.kind) && <span class="msg__visibility">{t('console.kind.not_visible_to_customer')}</span>}
                <span class="msg__author">{item.message.author_id ? userName(item.message.author_id) : t('console.ticket.system_author')}</span>
                <DateTime iso={item.message.created_at} />
              </header>
              <div class="msg__body">{item.message.body}</div>
              {item.note && item.note.direction === 'to_vendor' && (
                <p class="msg__meta">{item.note.state === 'sent' ? t('console.vendor.note_sent') : t('console.vendor.note_waiting')}</p>
              )}
              {item.note && item.note.published_message_id !== null && <p class="msg__meta">{t('console.vendor.published')}</p>}
              {canPublish && mayPublish(item) && ticket.status !== 'closed' && (
                <PublishForm ticketId={ticket.id} message={item.message} onDone={onChanged} />
              )}
            </article>
          </li>
        ) : (
          <li key={`a${item.attachment.id}`} class={`timeline__item file${item.internal ? ' file--internal' : ''}`}>
            <span class="msg__kind">{item.internal ? t('console.file.internal') : t('console.file.public')}</span>{' '}
            <a href={item.attachment.url} download={item.attachment.filename}>
              {item.attachment.filename}
            </a>{' '}
            <span class="muted">
              ({formatBytes(item.attachment.size)}, {item.attachment.content_type})
            </span>{' '}
            <DateTime iso={item.attachment.created_at} />
          </li>
        ),
      )}
    </ol>
  );
}

function PublishForm({ ticketId, message, onDone }: { ticketId: number; message: Message; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState(message.body);
  const action = useAction();
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)}>{t('console.vendor.publish')}</Button>
    );
  }
  const id = `publish-${message.id}`;
  return (
    <form
      class="publish-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await action.run(() => api('POST', `/tickets/${ticketId}/messages/${message.id}/publish`, body.trim() && body !== message.body ? { body } : {}));
        if (ok) {
          setOpen(false);
          onDone();
        }
      }}
    >
      <label for={id}>{t('console.vendor.publish_body')}</label>
      <textarea id={id} rows={5} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      <p class="field__hint">{t('console.vendor.publish_hint')}</p>
      <Button type="submit" variant="primary" busy={action.busy}>
        {t('console.vendor.publish_confirm')}
      </Button>{' '}
      <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      <ProblemNotice error={action.error} />
    </form>
  );
}

export interface ComposerHandle {
  focus: (tab: 'reply' | 'note') => void;
}

type ComposerTab = 'reply' | 'note' | 'shared';

function Composer({ ticket, role, handle, onSent }: { ticket: Ticket; role: Role; handle: { current: ComposerHandle }; onSent: () => void }) {
  const can = capabilitiesOf(role);
  const tabs: { id: ComposerTab; label: string }[] = [];
  if (can.reply) tabs.push({ id: 'reply', label: t('console.composer.reply') });
  if (can.internalNote) tabs.push({ id: 'note', label: t('console.composer.note') });
  if (can.shareWithProvider && ticket.provider_id !== null) tabs.push({ id: 'shared', label: t('console.composer.shared') });
  const [tab, setTab] = useState<ComposerTab>(tabs[0]?.id ?? 'reply');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [after, setAfter] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  handle.current = {
    focus: (which) => {
      const target = which === 'note' ? 'note' : 'reply';
      if (tabs.some((x) => x.id === target)) setTab(target);
      setTimeout(() => textarea.current?.focus(), 0);
    },
  };

  const internal = tab !== 'reply';
  const send = async (event: Event) => {
    event.preventDefault();
    if (!body.trim() && files.length === 0) {
      setError(new ApiError(422, { detail: t('console.composer.empty') }));
      return;
    }
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      if (body.trim()) {
        const payload: Record<string, unknown> = { body, visibility: internal ? 'internal' : 'public' };
        if (tab === 'shared') payload.shared_with_provider = true;
        await api('POST', `/tickets/${ticket.id}/messages`, payload, { idempotencyKey: key });
      }
      const failed: string[] = [];
      for (const file of files) {
        const form = new FormData();
        form.append('file', file, file.name);
        form.append('visibility', internal ? 'internal' : 'public');
        try {
          await upload(`/tickets/${ticket.id}/attachments`, form);
        } catch (e) {
          failed.push(`${file.name}: ${errorText(e)}`);
        }
      }
      if (after) {
        // The reply may have moved the status (new -> open): patch the version as it is now.
        const fresh = await apiWithEtag<Ticket>(`/tickets/${ticket.id}`);
        await api('PATCH', `/tickets/${ticket.id}`, { status: after }, { ifMatch: fresh.etag });
      }
      setBody('');
      setFiles([]);
      setAfter('');
      setKey(newIdempotencyKey());
      if (fileInput.current) fileInput.current.value = '';
      setStatus(failed.length ? t('console.composer.sent_with_failures', { files: failed.join('; ') }) : t('console.composer.sent'));
      onSent();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const label = tab === 'reply' ? t('console.composer.reply_label') : tab === 'note' ? t('console.composer.note_label') : t('console.composer.shared_label');
  return (
    <Section id="composer" title={t('console.composer.title')}>
      <Tabs label={t('console.composer.kind')} tabs={tabs} active={tab} onChange={(id) => setTab(id as ComposerTab)}>
        <form onSubmit={(e) => void send(e)} class={`composer composer--${tab}`}>
          <p class="composer__audience">
            {tab === 'reply' ? t('console.composer.audience_public') : tab === 'note' ? t('console.composer.audience_internal') : t('console.composer.audience_shared')}
          </p>
          <div class="field">
            <label for="composer-body">{label}</label>
            <textarea
              id="composer-body"
              ref={textarea}
              rows={6}
              value={body}
              maxLength={100000}
              onInput={(e) => setBody(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="composer-files">{t('console.composer.attach')}</label>
            <input id="composer-files" ref={fileInput} type="file" multiple onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []))} />
            {files.length > 0 && (
              <ul class="composer__files">
                {files.map((f) => (
                  <li key={f.name}>
                    {f.name} ({formatBytes(f.size)})
                  </li>
                ))}
              </ul>
            )}
          </div>
          {can.updateTicket && (
            <div class="field">
              <label for="composer-after">{t('console.composer.then_status')}</label>
              <select id="composer-after" value={after} onChange={(e) => setAfter(e.currentTarget.value)}>
                <option value="">{t('console.composer.keep_status')}</option>
                {(['open', 'pending_customer', 'pending_vendor', 'resolved'] as const).map((s) => (
                  <option key={s} value={s} disabled={s === ticket.status}>
                    {consoleStatus(s)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <Button type="submit" variant="primary" busy={busy}>
            {tab === 'reply' ? t('console.composer.send_reply') : t('console.composer.add_note')}
          </Button>
          {status && (
            <p role="status" class="composer__status">
              {status}
            </p>
          )}
          <ProblemNotice error={error} shownFields={[]} />
        </form>
      </Tabs>
    </Section>
  );
}

/** A required field's label as its service names it (the key until the services are loaded). */
function fieldLabel(service: string, key: string): string {
  return services.value.find((s) => s.code === service)?.requirements.fields.find((f) => f.name === key)?.label ?? key;
}
