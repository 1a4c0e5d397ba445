// Time on a ticket: the caller's timer (start, stop), logging time by hand, and the entries with
// their price and cost as the role may see them.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { formatMinutes } from '../../shared/format';
import { t } from '../../shared/i18n';
import { Button, Checkbox, DataTable, DateTime, Field, Loading, Money, optionBy } from '../../shared/ui';
import { Done, ProblemNotice, Section, useAction } from '../common';
import { userName } from '../directory';
import { activityLabel } from '../labels';
import { capabilitiesOf } from '../roles';
import { refreshTimer, runningTimer, useTick } from '../timerStore';
import type { Role, Ticket, TimeEntry, TimeList } from '../types';
import { elapsedSince, formatElapsed, minutesToLog, parseDuration, workedAtFromLocal } from './timer';

const ACTIVITIES = ['remote', 'on_site', 'call_out'] as const;

export function TimePanel({ ticket, role, generation }: { ticket: Ticket; role: Role; generation: number }) {
  const can = capabilitiesOf(role);
  const [list, setList] = useState<TimeList | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [localGeneration, setLocalGeneration] = useState(0);

  useEffect(() => {
    api<TimeList>('GET', `/tickets/${ticket.id}/time`)
      .then((l) => {
        setList(l);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(e));
  }, [ticket.id, generation, localGeneration]);

  const reload = () => setLocalGeneration((g) => g + 1);
  return (
    <Section id="time" title={t('console.time.title')}>
      {can.logTime && ticket.status !== 'closed' && <TimerControl ticket={ticket} onStopped={reload} />}
      {can.logTime && ticket.status !== 'closed' && <LogTimeForm ticketId={ticket.id} onLogged={reload} />}
      {loadError ? <ProblemNotice error={loadError} /> : null}
      {!list && !loadError && <Loading />}
      {list && <TimeEntries list={list} />}
    </Section>
  );
}

function TimerControl({ ticket, onStopped }: { ticket: Ticket; onStopped: () => void }) {
  const timer = runningTimer.value;
  const here = timer?.ticket_id === ticket.id;
  const now = useTick(here);
  const action = useAction();
  const [note, setNote] = useState('');
  const [billable, setBillable] = useState(true);
  const [activity, setActivity] = useState<string>('remote');

  if (!here) {
    return (
      <div class="timer">
        <h3>{t('console.timer.title')}</h3>
        {timer && <p class="muted">{t('console.timer.elsewhere', { id: timer.ticket_id })}</p>}
        <Button
          onClick={async () => {
            if (await action.run(() => api('POST', `/tickets/${ticket.id}/timer/start`))) await refreshTimer();
          }}
          busy={action.busy}
        >
          {t('console.timer.start')}
        </Button>
        <Done text={action.done} />
        <ProblemNotice error={action.error} />
      </div>
    );
  }
  const elapsed = elapsedSince(timer!.started_at, now);
  return (
    <form
      class="timer timer--running"
      onSubmit={async (e) => {
        e.preventDefault();
        const body: Record<string, unknown> = { billable, activity };
        if (note.trim()) body.note = note.trim();
        if (await action.run(() => api('POST', `/tickets/${ticket.id}/timer/stop`, body), t('console.timer.stopped', { minutes: minutesToLog(elapsed) }))) {
          setNote('');
          await refreshTimer();
          onStopped();
        }
      }}
    >
      <h3>{t('console.timer.title')}</h3>
      <p class="timer__elapsed">
        <span class="visually-hidden">{t('console.timer.running')}: </span>
        <span aria-hidden="true">⏱ </span>
        <time>{formatElapsed(elapsed)}</time>{' '}
        <span class="muted">
          ({t('console.timer.since')} <DateTime iso={timer!.started_at} />)
        </span>
      </p>
      <Field label={t('console.time.note')} value={note} onValue={setNote} />
      <Checkbox label={t('console.time.billable')} checked={billable} onChange={setBillable} />
      <Field label={t('console.time.activity')} as="select" value={activity} onValue={setActivity} options={ACTIVITIES.map(optionBy(activityLabel))} />
      <Button type="submit" variant="primary" busy={action.busy}>
        {t('console.timer.stop')}
      </Button>
      <Done text={action.done} />
      <ProblemNotice error={action.error} />
    </form>
  );
}

function LogTimeForm({ ticketId, onLogged }: { ticketId: number; onLogged: () => void }) {
  const [duration, setDuration] = useState('');
  const [workedAt, setWorkedAt] = useState('');
  const [note, setNote] = useState('');
  const [billable, setBillable] = useState(true);
  const [activity, setActivity] = useState<string>('remote');
  const [durationError, setDurationError] = useState('');
  const action = useAction();
  return (
    <details class="log-time">
      <summary>{t('console.time.log')}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const minutes = parseDuration(duration);
          if (minutes === null) {
            setDurationError(t('console.time.duration_invalid'));
            return;
          }
          setDurationError('');
          const body: Record<string, unknown> = { minutes, billable, activity };
          const at = workedAtFromLocal(workedAt);
          if (at) body.worked_at = at;
          if (note.trim()) body.note = note.trim();
          if (await action.run(() => api<TimeEntry>('POST', `/tickets/${ticketId}/time`, body), t('console.time.logged', { time: formatMinutes(minutes) }))) {
            setDuration('');
            setNote('');
            setWorkedAt('');
            onLogged();
          }
        }}
      >
        <Field
          label={t('console.time.duration')}
          value={duration}
          onValue={setDuration}
          required
          hint={t('console.time.duration_hint')}
          error={durationError || action.fieldErrors.minutes}
        />
        <Field
          label={t('console.time.worked_at')}
          type="datetime-local"
          value={workedAt}
          onValue={setWorkedAt}
          hint={t('console.time.worked_at_hint')}
          error={action.fieldErrors.worked_at}
        />
        <Field label={t('console.time.note')} value={note} onValue={setNote} error={action.fieldErrors.note} />
        <Checkbox label={t('console.time.billable')} checked={billable} onChange={setBillable} hint={t('console.time.billable_hint')} />
        <Field
          label={t('console.time.activity')}
          as="select"
          value={activity}
          onValue={setActivity}
          hint={t('console.time.after_hours_hint')}
          error={action.fieldErrors.activity}
          options={ACTIVITIES.map(optionBy(activityLabel))}
        />
        <Button type="submit" variant="primary" busy={action.busy}>
          {t('console.time.log_button')}
        </Button>
        <Done text={action.done} />
        <ProblemNotice error={action.error} shownFields={['minutes', 'worked_at', 'note', 'activity']} />
      </form>
    </details>
  );
}

function TimeEntries({ list }: { list: TimeList }) {
  return (
    <>
      <p>{t('console.time.total', { time: formatMinutes(list.total_minutes) })}</p>
      <DataTable
        caption={t('console.time.entries')}
        rows={list.items}
        rowKey={(e) => e.id}
        empty={t('console.time.none')}
        columns={[
          {
            key: 'at',
            label: t('console.time.col.worked_at'),
            render: (e) => (
              <>
                <DateTime iso={e.worked_at} />
                <br />
                {userName(e.user_id)}
              </>
            ),
            sortValue: (e) => e.worked_at,
          },
          {
            key: 'minutes',
            label: t('console.time.col.minutes'),
            render: (e) => (
              <>
                {formatMinutes(e.minutes)} · {activityLabel(e.activity)}
                <br />
                {e.billable ? t('console.time.billable') : t('console.time.not_billable')}
                {e.after_hours_minutes > 0 && <> · {t('console.time.after_hours', { time: formatMinutes(e.after_hours_minutes) })}</>}
              </>
            ),
            sortValue: (e) => e.minutes,
          },
          {
            key: 'money',
            label: t('console.time.col.money'),
            render: (e) => (
              <>
                {e.price && (
                  <>
                    {t('console.time.col.price')}: <Money minor={e.price.amount} currency={e.price.currency} />
                    <br />
                  </>
                )}
                {e.cost && (
                  <>
                    {t('console.time.col.cost')}: <Money minor={e.cost.amount} currency={e.cost.currency} />
                  </>
                )}
                {!e.price && !e.cost && '—'}
              </>
            ),
          },
          { key: 'note', label: t('console.time.col.note'), render: (e) => e.note },
        ]}
      />
    </>
  );
}
