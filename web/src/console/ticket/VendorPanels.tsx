// Escalation to Microsoft (every path with its eligibility, reasons, cost and the preferred one)
// and the ticket's vendor cases (status, Microsoft's first response, notes both ways).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../shared/api';
import { formatMinutes } from '../../shared/format';
import { t } from '../../shared/i18n';
import { severityLabel } from '../../shared/labels';
import { Button, Checkbox, DateTime, Field, Loading, Money, Notice, optionBy } from '../../shared/ui';
import { Done, ProblemNotice, Section, useAction } from '../common';
import { caseStatusLabel, unitLabel, vendorResponseLabel } from '../labels';
import { capabilitiesOf } from '../roles';
import type { EscalationOption, RedactedCase, Role, Severity, Ticket, VendorCase, VendorCaseStatus, VendorNote } from '../types';
import { caseTransitions, costOf, defaultOption, escalationBody, mayWriteNotes, optionKey, orderOptions } from './escalation';
import { isFullCase } from './conversation';

function leftText(option: EscalationOption): string {
  if (option.unit === 'unlimited' || option.left === null) return t('console.escalation.unlimited');
  if (option.unit === 'hours') return t('console.escalation.left_hours', { time: formatMinutes(option.left) });
  return t('console.escalation.left_incidents', { count: option.left });
}

export function EscalationPanel({ ticket, onEscalated }: { ticket: Ticket; onEscalated: () => void }) {
  const [options, setOptions] = useState<EscalationOption[] | null>(null);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<string>('');
  const [severity, setSeverity] = useState<Severity>(ticket.severity);
  const [topic, setTopic] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [share, setShare] = useState(false);
  const load = useAction();
  const action = useAction();

  useEffect(() => {
    if (!open) return;
    void load.run(async () => {
      const answer = await api<{ items: EscalationOption[] }>('GET', `/tickets/${ticket.id}/escalation-options`);
      setOptions(answer.items);
      const preferred = defaultOption(answer.items);
      setChoice(preferred ? optionKey(preferred) : '');
    });
  }, [open, ticket.id, ticket.version]);

  const ordered = options ? orderOptions(options) : [];
  const chosen = ordered.find((o) => optionKey(o) === choice) ?? null;
  const live = ticket.status !== 'resolved' && ticket.status !== 'closed';
  const notEligible = action.error instanceof ApiError && action.error.slug === 'escalation-not-eligible';

  return (
    <Section id="escalation" title={t('console.escalation.title')}>
      {!open ? (
        <Button onClick={() => setOpen(true)}>{t('console.escalation.show')}</Button>
      ) : (
        <>
          {load.busy && !options && <Loading />}
          <ProblemNotice error={load.error} />
          {options && (
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                if (!chosen) return;
                const ok = await action.run(
                  () =>
                    api<VendorCase>(
                      'POST',
                      `/tickets/${ticket.id}/escalations`,
                      escalationBody(chosen, { severity, support_topic: topic, case_number: caseNumber, share_case_number: share }),
                    ),
                  t('console.escalation.done'),
                );
                if (ok) {
                  setOpen(false);
                  onEscalated();
                }
              }}
            >
              <fieldset class="escalation-options">
                <legend>{t('console.escalation.paths', { count: ordered.length })}</legend>
                {ordered.map((o) => {
                  const key = optionKey(o);
                  const id = `path-${key}`;
                  const cost = costOf(o);
                  return (
                    <div key={key} class={`escalation-option${o.eligible ? '' : ' escalation-option--closed'}${o.preferred ? ' escalation-option--preferred' : ''}`}>
                      <input
                        type="radio"
                        name="escalation-path"
                        id={id}
                        value={key}
                        checked={choice === key}
                        disabled={!o.eligible}
                        aria-describedby={`${id}-info`}
                        onChange={() => setChoice(key)}
                      />
                      <label for={id}>
                        <strong>{o.name || o.title}</strong>
                        {o.name && o.name.toLowerCase() !== o.title.toLowerCase() && <span class="muted"> · {o.title}</span>}
                      </label>
                      <div id={`${id}-info`} class="escalation-option__info">
                        <p>
                          <span class={`badge ${o.eligible ? 'badge--ok' : 'badge--no'}`}>
                            {o.eligible ? t('console.escalation.eligible') : t('console.escalation.not_eligible')}
                          </span>
                          {o.preferred && <span class="badge badge--preferred">{t('console.escalation.preferred')}</span>}
                          {' · '}
                          {cost ? (
                            <>
                              {t('console.escalation.cost')} <Money minor={cost.amount} currency={cost.currency} />
                            </>
                          ) : (
                            t('console.escalation.free')
                          )}
                          {o.unit === 'hours' && cost && <span class="muted"> {t('console.escalation.per_hour')}</span>}
                          {' · '}
                          {o.unit === 'unlimited' ? unitLabel(o.unit) : `${unitLabel(o.unit)}: ${leftText(o)}`}
                        </p>
                        {o.reasons.length > 0 && (
                          <ul class="escalation-option__reasons">
                            {o.reasons.map((r, i) => (
                              <li key={i}>{r}</li>
                            ))}
                          </ul>
                        )}
                      </div>
                    </div>
                  );
                })}
              </fieldset>
              {!ordered.some((o) => o.eligible) && <Notice kind="warning">{t('console.escalation.none_eligible')}</Notice>}
              {!live && <Notice kind="warning">{t('console.escalation.not_live')}</Notice>}
              <Field
                label={t('console.escalation.severity')}
                as="select"
                value={severity}
                onValue={(v) => setSeverity(v as Severity)}
                error={action.fieldErrors.severity}
                options={(['critical', 'moderate', 'minimal'] as const).map(optionBy(severityLabel))}
              />
              <Field label={t('console.escalation.topic')} value={topic} onValue={setTopic} hint={t('console.escalation.topic_hint')} error={action.fieldErrors.support_topic} />
              <Field label={t('console.escalation.case_number')} value={caseNumber} onValue={setCaseNumber} hint={t('console.escalation.case_number_hint')} error={action.fieldErrors.case_number} />
              <Checkbox label={t('console.escalation.share')} checked={share} onChange={setShare} />
              <Button type="submit" variant="primary" disabled={!chosen || !chosen.eligible} busy={action.busy}>
                {chosen ? t('console.escalation.submit', { path: chosen.name || chosen.title }) : t('console.escalation.choose')}
              </Button>{' '}
              <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
              {notEligible ? (
                <Notice kind="error" title={(action.error as ApiError).detail}>
                  <ul>
                    {Object.entries((action.error as ApiError).errors).map(([field, message]) => (
                      <li key={field}>{message}</li>
                    ))}
                  </ul>
                </Notice>
              ) : (
                <ProblemNotice error={action.error} shownFields={['severity', 'support_topic', 'case_number']} />
              )}
            </form>
          )}
        </>
      )}
      <Done text={action.done} />
    </Section>
  );
}

function noteState(note: VendorNote): string {
  switch (note.state) {
    case 'waiting':
      return t('console.vendor.note_waiting');
    case 'sent':
      return t('console.vendor.note_sent');
    case 'published':
      return t('console.vendor.note_published');
    default:
      return t('console.vendor.note_internal');
  }
}

export function VendorCasesPanel({ cases, notes, role, onChanged }: { cases: (VendorCase | RedactedCase)[]; notes: VendorNote[]; role: Role; onChanged: () => void }) {
  const can = capabilitiesOf(role);
  return (
    <Section id="vendor-cases" title={t('console.vendor.title')}>
      {cases.map((c) =>
        isFullCase(c) ? (
          <CaseView key={c.id} vendorCase={c} notes={notes.filter((n) => n.vendor_case_id === c.id)} canWork={can.escalateToVendor} onChanged={onChanged} />
        ) : (
          <div key={c.id} class="vendor-case">
            <p>
              <strong>{c.description}</strong>
              {c.case_number && <> · {t('console.vendor.case_number')}: {c.case_number}</>}
            </p>
            <p class="muted">
              {t('console.vendor.escalated_at')} <DateTime iso={c.escalated_at} />
              {c.closed_at && (
                <>
                  {' · '}
                  {t('console.vendor.closed_at')} <DateTime iso={c.closed_at} />
                </>
              )}
            </p>
          </div>
        ),
      )}
    </Section>
  );
}

function CaseView({ vendorCase: c, notes, canWork, onChanged }: { vendorCase: VendorCase; notes: VendorNote[]; canWork: boolean; onChanged: () => void }) {
  const [caseNumber, setCaseNumber] = useState(c.case_number);
  const [status, setStatus] = useState<VendorCaseStatus | ''>('');
  const [consumed, setConsumed] = useState('');
  const [share, setShare] = useState(c.share_case_number);
  const [note, setNote] = useState('');
  const [copied, setCopied] = useState('');
  const action = useAction();
  const noteAction = useAction();

  useEffect(() => {
    setCaseNumber(c.case_number);
    setShare(c.share_case_number);
    setStatus('');
  }, [c.version]);

  const patch = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (caseNumber.trim() !== c.case_number) body.case_number = caseNumber.trim();
    if (status) body.status = status;
    if (share !== c.share_case_number) body.share_case_number = share;
    if (consumed.trim()) body.consumed_minutes = Number(consumed);
    if (Object.keys(body).length === 0) return;
    const ok = await action.run(() => api('PATCH', `/vendor-cases/${c.id}`, body, { ifMatch: `"v${c.version}"` }), t('console.vendor.saved'));
    if (ok) {
      setConsumed('');
      onChanged();
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(c.summary.text);
      setCopied(t('console.vendor.copied'));
    } catch {
      setCopied(t('console.vendor.copy_failed'));
    }
  };

  const headingId = `case-${c.id}`;
  const closing = status === 'closed' || (c.status === 'closed' && c.consumed === 0);
  return (
    <article class="vendor-case" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('console.vendor.case_title', { id: c.id, title: c.title })}</h3>
      <dl class="details">
        <div class="details__row">
          <dt>{t('console.vendor.status')}</dt>
          <dd>
            <span class={`case-status case-status--${c.status}`}>{caseStatusLabel(c.status)}</span>
          </dd>
        </div>
        <div class="details__row">
          <dt>{t('console.vendor.case_number')}</dt>
          <dd>{c.case_number || t('console.vendor.no_case_number')}</dd>
        </div>
        <div class="details__row">
          <dt>{t('console.vendor.severity')}</dt>
          <dd>{severityLabel(c.severity)}</dd>
        </div>
        <div class="details__row">
          <dt>{t('console.vendor.connector')}</dt>
          <dd>{c.connector}</dd>
        </div>
        <div class="details__row">
          <dt>{t('console.vendor.first_response')}</dt>
          <dd>
            {vendorResponseLabel(c.vendor_first_response.state)}
            {c.vendor_first_response.due && (
              <>
                {' · '}
                {t('console.vendor.due')} <DateTime iso={c.vendor_first_response.due} />
              </>
            )}
            {c.vendor_first_response.met_at && (
              <>
                {' · '}
                {t('console.vendor.answered')} <DateTime iso={c.vendor_first_response.met_at} />
              </>
            )}
          </dd>
        </div>
        {c.consumed > 0 && (
          <div class="details__row">
            <dt>{t('console.vendor.consumed')}</dt>
            <dd>{c.consumed}</dd>
          </div>
        )}
        <div class="details__row">
          <dt>{t('console.vendor.sync')}</dt>
          <dd>
            {c.sync.error ? <span class="text-error">{t('console.vendor.sync_error', { error: c.sync.error })}</span> : c.sync.synced_at ? <DateTime iso={c.sync.synced_at} /> : '—'}
          </dd>
        </div>
      </dl>
      {c.summary.text && (
        <details class="vendor-summary">
          <summary>{t('console.vendor.summary')}</summary>
          <pre class="vendor-summary__text">{c.summary.text}</pre>
          <Button onClick={() => void copy()}>{t('console.vendor.copy')}</Button>{' '}
          {c.summary.portal_url && (
            <a href={c.summary.portal_url} target="_blank" rel="noopener noreferrer">
              {t('console.vendor.open_portal')}
            </a>
          )}
          {copied && <span role="status"> {copied}</span>}
        </details>
      )}
      {canWork && (c.status !== 'closed' || c.consumed === 0) && (
        <form class="vendor-case__form" onSubmit={(e) => void patch(e)}>
          {c.status !== 'closed' && (
            <>
              <Field label={t('console.vendor.case_number')} value={caseNumber} onValue={setCaseNumber} error={action.fieldErrors.case_number} />
              <Field
                label={t('console.vendor.move_to')}
                as="select"
                value={status}
                onValue={(v) => setStatus(v as VendorCaseStatus | '')}
                error={action.fieldErrors.status}
                options={[{ value: '', label: t('console.vendor.keep_status') }, ...caseTransitions(c.status).map(optionBy(caseStatusLabel))]}
              />
              <Checkbox label={t('console.escalation.share')} checked={share} onChange={setShare} />
            </>
          )}
          {closing && c.entitlement_id !== null && (
            <Field
              label={t('console.vendor.consumed_minutes')}
              type="number"
              value={consumed}
              onValue={setConsumed}
              hint={t('console.vendor.consumed_hint')}
              error={action.fieldErrors.consumed_minutes}
              controlProps={{ min: 1, max: 100000 }}
            />
          )}
          <Button type="submit" busy={action.busy}>
            {t('console.vendor.update')}
          </Button>
          <Done text={action.done} />
          <ProblemNotice error={action.error} shownFields={['case_number', 'status', 'consumed_minutes']} onReload={onChanged} />
        </form>
      )}
      <h4>{t('console.vendor.notes')}</h4>
      {notes.length === 0 ? (
        <p class="muted">{t('console.vendor.no_notes')}</p>
      ) : (
        <ol class="vendor-notes">
          {notes.map((n) => (
            <li key={n.id} class={`vendor-note vendor-note--${n.direction}`}>
              <p class="msg__header">
                <span class="msg__kind">{n.direction === 'from_vendor' ? t('console.vendor.from_microsoft') : t('console.vendor.to_microsoft')}</span>
                <span>{n.author}</span> <DateTime iso={n.created_at} /> · {noteState(n)}
                {n.last_error && <span class="text-error"> · {n.last_error}</span>}
              </p>
              <div class="msg__body">{n.body}</div>
            </li>
          ))}
        </ol>
      )}
      {canWork && mayWriteNotes(c) ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!note.trim()) return;
            if (await noteAction.run(() => api('POST', `/vendor-cases/${c.id}/notes`, { body: note }), t('console.vendor.note_added'))) {
              setNote('');
              onChanged();
            }
          }}
        >
          <Field label={t('console.vendor.note_to_microsoft')} as="textarea" rows={3} value={note} onValue={setNote} error={noteAction.fieldErrors.body} />
          <Button type="submit" busy={noteAction.busy}>
            {t('console.vendor.send_note')}
          </Button>
          <Done text={noteAction.done} />
          <ProblemNotice error={noteAction.error} shownFields={['body']} />
        </form>
      ) : (
        canWork && c.connector === 'manual' && c.status !== 'closed' && <p class="muted">{t('console.vendor.manual_hint')}</p>
      )}
    </article>
  );
}
