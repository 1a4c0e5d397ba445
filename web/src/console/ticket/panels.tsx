// The ticket view's side panels: SLA clocks, routing and assignment, hand-offs and internal
// escalation, the checklist and the service's required fields.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { clockLabel, severityLabel } from '../../shared/labels';
import { me } from '../../shared/session';
import { Button, Checkbox, DateTime, Field, Loading, optionBy, SlaClock } from '../../shared/ui';
import { Done, ProblemNotice, Section, useAction } from '../common';
import { assignableUsers, organizationsOfKind, services, teamName, teams, userName } from '../directory';
import { consoleStatus } from '../labels';
import { capabilitiesOf, mayHandBack, mayHandUp } from '../roles';
import type { ChecklistJson, Role, Severity, SlaJson, Ticket, TicketStatus } from '../types';
import type { TicketData } from './TicketPage';

const CLOCKS = ['first_response', 'next_response', 'resolution'] as const;

function Clocks({ sla, onResync }: { sla: SlaJson; onResync: () => void }) {
  const present = CLOCKS.filter((name) => sla[name] !== null);
  if (present.length === 0) return <p class="muted">{t('console.sla.no_clocks')}</p>;
  return (
    <ul class="sla-list">
      {present.map((name) => {
        const clock = sla[name]!;
        return (
          <li key={name}>
            <SlaClock clock={clock} label={clockLabel(name)} onResync={onResync} />
            <span class="sla-list__meta">
              {clock.due_at ? (
                <>
                  {t('console.sla.due_at')} <DateTime iso={clock.due_at} />
                  {' · '}
                </>
              ) : null}
              {clock.basis === 'business' ? t('console.sla.business', { minutes: clock.target_minutes }) : t('console.sla.calendar', { minutes: clock.target_minutes })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function SlaPanel({ ticket, onResync }: { ticket: Ticket; onResync: () => void }) {
  return (
    <Section id="sla" title={t('console.sla.title')}>
      <Clocks sla={ticket.sla} onResync={onResync} />
      {ticket.underpinning && (
        <>
          <h3>{t('console.sla.underpinning')}</h3>
          <Clocks sla={ticket.underpinning} onResync={onResync} />
        </>
      )}
    </Section>
  );
}

const STATUSES: TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_vendor', 'resolved', 'closed'];
const SEVERITIES: Severity[] = ['critical', 'moderate', 'minimal'];

/** Status moves the server allows from `from` (the lifecycle in docs/api.md). */
function allowedStatuses(from: TicketStatus): TicketStatus[] {
  if (from === 'closed') return ['closed'];
  if (from === 'resolved') return ['resolved', 'open', 'closed'];
  return [from, ...(['open', 'pending_customer', 'pending_vendor', 'resolved'] as TicketStatus[]).filter((s) => s !== from)];
}

export function RoutingPanel({ data, role, onChanged }: { data: TicketData; role: Role; onChanged: () => void }) {
  const { ticket, etag } = data;
  const can = capabilitiesOf(role);
  const user = me.value!;
  const [status, setStatus] = useState(ticket.status);
  const [severity, setSeverity] = useState(ticket.severity);
  const [assignee, setAssignee] = useState(ticket.assignee_id ? String(ticket.assignee_id) : '');
  const [team, setTeam] = useState(ticket.team_id ? String(ticket.team_id) : '');
  const [provider, setProvider] = useState(ticket.provider_id ? String(ticket.provider_id) : '');
  const [tags, setTags] = useState(ticket.tags.join(', '));
  const action = useAction();

  // A newer version of the ticket: show it.
  useEffect(() => {
    setStatus(ticket.status);
    setSeverity(ticket.severity);
    setAssignee(ticket.assignee_id ? String(ticket.assignee_id) : '');
    setTeam(ticket.team_id ? String(ticket.team_id) : '');
    setProvider(ticket.provider_id ? String(ticket.provider_id) : '');
    setTags(ticket.tags.join(', '));
  }, [ticket.version, ticket.id]);

  if (!can.updateTicket) {
    return (
      <Section id="routing" title={t('console.routing.title')}>
        <p class="muted">{t('console.routing.read_only')}</p>
      </Section>
    );
  }

  const patch = () => {
    const body: Record<string, unknown> = {};
    if (status !== ticket.status) body.status = status;
    if (severity !== ticket.severity) body.severity = severity;
    const a = assignee ? Number(assignee) : null;
    if (a !== ticket.assignee_id) body.assignee_id = a;
    if (can.setTeam) {
      const tm = team ? Number(team) : null;
      if (tm !== ticket.team_id) body.team_id = tm;
    }
    if (can.setProvider) {
      const p = provider ? Number(provider) : null;
      // The API clears a provider with a handback, not with provider_id: null (null is "not sent").
      if (p !== ticket.provider_id && p !== null) body.provider_id = p;
    }
    const newTags = [...new Set(tags.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean))].sort();
    if (newTags.join(',') !== [...ticket.tags].sort().join(',')) body.tags = newTags;
    return body;
  };

  const save = async (body: Record<string, unknown>) => {
    if (Object.keys(body).length === 0) return;
    const ok = await action.run(() => api('PATCH', `/tickets/${ticket.id}`, body, { ifMatch: etag }), t('console.routing.saved'));
    if (ok) onChanged();
  };

  const people = assignableUsers(ticket);
  const errors = action.fieldErrors;
  return (
    <Section id="routing" title={t('console.routing.title')}>
      {ticket.assignee_id !== user.id && (
        <p>
          <Button onClick={() => void save({ assignee_id: user.id })} busy={action.busy} aria-keyshortcuts="a">
            {t('console.routing.assign_me')}
          </Button>
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(patch());
        }}
      >
        <Field
          label={t('console.ticket.status')}
          as="select"
          value={status}
          onValue={(v) => setStatus(v as TicketStatus)}
          error={errors.status}
          options={allowedStatuses(ticket.status).map(optionBy(consoleStatus))}
        />
        <Field
          label={t('console.ticket.severity')}
          as="select"
          value={severity}
          onValue={(v) => setSeverity(v as Severity)}
          error={errors.severity}
          options={SEVERITIES.map(optionBy(severityLabel))}
        />
        <Field
          label={t('console.ticket.assignee')}
          as="select"
          value={assignee}
          onValue={setAssignee}
          error={errors.assignee_id}
          options={[
            { value: '', label: t('console.unassigned') },
            ...people.map((u) => ({ value: String(u.id), label: u.name })),
            ...(ticket.assignee_id && !people.some((u) => u.id === ticket.assignee_id)
              ? [{ value: String(ticket.assignee_id), label: userName(ticket.assignee_id) }]
              : []),
          ]}
        />
        {can.setTeam && (
          <Field
            label={t('console.ticket.team')}
            as="select"
            value={team}
            onValue={setTeam}
            error={errors.team_id}
            options={[{ value: '', label: t('common.none') }, ...teams.value.map((tm) => ({ value: String(tm.id), label: tm.name }))]}
          />
        )}
        {can.setProvider && (
          <Field
            label={t('console.ticket.provider')}
            as="select"
            value={provider}
            onValue={setProvider}
            error={errors.provider_id}
            hint={ticket.provider_id ? t('console.routing.provider_hint') : undefined}
            options={[
              ...(ticket.provider_id ? [] : [{ value: '', label: t('common.none') }]),
              ...organizationsOfKind('provider').map((o) => ({ value: String(o.id), label: o.name })),
            ]}
          />
        )}
        <Field label={t('console.ticket.tags')} value={tags} onValue={setTags} error={errors.tags} hint={t('console.routing.tags_hint')} />
        <Button type="submit" variant="primary" busy={action.busy}>
          {t('common.save')}
        </Button>
      </form>
      <Done text={action.done} />
      <ProblemNotice error={action.error} shownFields={['status', 'severity', 'assignee_id', 'team_id', 'provider_id', 'tags']} onReload={onChanged} />
    </Section>
  );
}

function ReasonForm({ id, label, button, onSubmit }: { id: string; label: string; button: string; onSubmit: (reason: string) => Promise<boolean> }) {
  const [reason, setReason] = useState('');
  return (
    <form
      class="reason-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onSubmit(reason)) setReason('');
      }}
    >
      <div class="field">
        <label for={id}>{label}</label>
        <textarea id={id} rows={2} required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      <Button type="submit">{button}</Button>
    </form>
  );
}

export function HandoffPanel({ ticket, role, onChanged }: { ticket: Ticket; role: Role; onChanged: () => void }) {
  const can = capabilitiesOf(role);
  const action = useAction();
  const [team, setTeam] = useState('');
  const back = mayHandBack(role, ticket);
  const up = mayHandUp(role, ticket);
  const currentTier = teams.value.find((tm) => tm.id === ticket.team_id)?.tier ?? 0;
  const higher = teams.value.filter((tm) => tm.tier > 0 && tm.tier > currentTier);
  const live = ticket.status !== 'resolved' && ticket.status !== 'closed';
  if (!back && !up && !(can.escalateInternally && live) && !action.done) return null;
  const post = async (path: string, body: Record<string, unknown>, done: string) => {
    const ok = await action.run(() => api('POST', `/tickets/${ticket.id}/${path}`, body), done);
    if (ok) onChanged();
    return ok;
  };
  return (
    <Section id="handoff" title={t('console.handoff.title')}>
      {back && (
        <ReasonForm id="handback-reason" label={t('console.handoff.back_reason')} button={t('console.handoff.back')} onSubmit={(reason) => post('handback', { reason }, t('console.handoff.back_done'))} />
      )}
      {up && (
        <ReasonForm id="handup-reason" label={t('console.handoff.up_reason')} button={t('console.handoff.up')} onSubmit={(reason) => post('handup', { reason }, t('console.handoff.up_done'))} />
      )}
      {can.escalateInternally && live && (
        <>
          <h3>{t('console.handoff.tier_title')}</h3>
          {higher.length === 0 ? (
            <p class="muted">{t('console.handoff.no_higher_tier', { team: ticket.team_id ? teamName(ticket.team_id) : t('common.none') })}</p>
          ) : (
            <>
              <Field
                label={t('console.handoff.tier_team')}
                as="select"
                value={team}
                onValue={setTeam}
                options={[{ value: '', label: t('console.choose') }, ...higher.map((tm) => ({ value: String(tm.id), label: t('console.handoff.tier_option', { name: tm.name, tier: tm.tier }) }))]}
              />
              <ReasonForm
                id="escalate-reason"
                label={t('console.handoff.tier_reason')}
                button={t('console.handoff.tier_button')}
                onSubmit={(reason) => (team ? post('escalate', { team_id: Number(team), reason }, t('console.handoff.tier_done')) : Promise.resolve(false))}
              />
            </>
          )}
        </>
      )}
      <Done text={action.done} />
      <ProblemNotice error={action.error} />
    </Section>
  );
}

export function ChecklistPanel({ ticket, etag, generation, onChanged }: { ticket: Ticket; etag: string; generation: number; onChanged: () => void }) {
  const [checklist, setChecklist] = useState<ChecklistJson | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useAction();
  const service = services.value.find((s) => s.code === ticket.service);
  const required = (service?.requirements.fields ?? []).filter((f) => f.categories.length === 0 || f.categories.includes(ticket.category));
  const [values, setValues] = useState<Record<string, string>>({});

  useEffect(() => {
    api<ChecklistJson>('GET', `/tickets/${ticket.id}/checklist`)
      .then((c) => {
        setChecklist(c);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(e));
  }, [ticket.id, generation, ticket.version]);

  useEffect(() => {
    setValues({ ...ticket.fields });
  }, [ticket.version, ticket.id]);

  const tick = async (key: string, done: boolean) => {
    const ok = await action.run(async () => setChecklist(await api<ChecklistJson>('PUT', `/tickets/${ticket.id}/checklist/${encodeURIComponent(key)}`, { done })));
    if (ok) onChanged();
  };

  const saveFields = async (e: Event) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) if (v.trim()) fields[k] = v.trim();
    const ok = await action.run(() => api('PATCH', `/tickets/${ticket.id}`, { fields }, { ifMatch: etag }), t('console.checklist.fields_saved'));
    if (ok) onChanged();
  };

  const missing = new Map((checklist?.missing_fields ?? []).map((m) => [m.field.replace(/^fields\./, ''), m.message]));
  return (
    <Section id="checklist" title={t('console.checklist.title')}>
      {loadError ? <ProblemNotice error={loadError} /> : null}
      {!checklist && !loadError && <Loading />}
      {checklist && checklist.items.length === 0 && <p class="muted">{t('console.checklist.empty')}</p>}
      {checklist && checklist.items.length > 0 && (
        <fieldset class="checklist">
          <legend>{t('console.checklist.steps')}</legend>
          {checklist.items.map((item) => (
            <div key={item.key}>
              <Checkbox label={item.text} checked={item.done} disabled={action.busy} onChange={(done) => void tick(item.key, done)} />
              {item.done && item.done_at && (
                <p class="field__hint checklist__done">
                  {t('console.checklist.done_by', { name: item.done_by ? userName(item.done_by) : '—' })} <DateTime iso={item.done_at} />
                </p>
              )}
            </div>
          ))}
        </fieldset>
      )}
      {required.length > 0 && (
        <form onSubmit={(e) => void saveFields(e)} class="required-fields">
          <h3>{t('console.checklist.required_fields')}</h3>
          {checklist && checklist.missing_fields.length > 0 && <p class="notice notice--warning">{t('console.checklist.missing', { count: checklist.missing_fields.length })}</p>}
          {required.map((f) => (
            <Field
              key={f.name}
              label={f.label || f.name}
              value={values[f.name] ?? ''}
              onValue={(v) => setValues((x) => ({ ...x, [f.name]: v }))}
              error={action.fieldErrors[`fields.${f.name}`] ?? (missing.has(f.name) ? missing.get(f.name) : undefined)}
              hint={f.group ? t('console.checklist.group_hint', { group: f.group, format: f.format }) : t('console.checklist.format_hint', { format: f.format })}
            />
          ))}
          <Button type="submit" busy={action.busy}>
            {t('console.checklist.save_fields')}
          </Button>
        </form>
      )}
      <Done text={action.done} />
      <ProblemNotice error={action.error} shownFields={required.map((f) => `fields.${f.name}`)} onReload={onChanged} />
    </Section>
  );
}

export { STATUSES };
